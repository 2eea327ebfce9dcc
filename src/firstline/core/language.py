"""Supported languages, locale normalisation and language detection.

Detection works on the text first (scripts that name a language outright, then Vietnamese
typed without diacritics told by its syllables, then a character n-gram model that ships with
py3langid, made surer by words of chat as people type it) and reports a confidence, so callers
can fall back to what the customer told us (their locale) when a message is too short to tell.
Malay, which we do not serve, comes out as Indonesian, the language its speakers read best;
Arabizi (Arabic in Latin letters and digits) as Arabic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "en", "zh-CN", "zh-TW", "vi", "id", "ru", "es", "pt", "fr",
    "de", "tr", "ar", "ja", "ko", "th", "uk", "it",
)  # fmt: skip
# Each language under its own name, for language menus and for "this article is in ...".
NATIVE_NAMES: dict[str, str] = {
    "en": "English", "zh-CN": "简体中文", "zh-TW": "繁體中文", "vi": "Tiếng Việt",
    "id": "Bahasa Indonesia", "ru": "Русский", "es": "Español", "pt": "Português",
    "fr": "Français", "de": "Deutsch", "tr": "Türkçe", "ar": "العربية", "ja": "日本語",
    "ko": "한국어", "th": "ไทย", "uk": "Українська", "it": "Italiano",
}  # fmt: skip
RTL_LANGUAGES = frozenset({"ar"})
DEFAULT_LANGUAGE = "en"

# Below this, a detection is a guess; callers prefer the customer's stated locale.
CONFIDENT = 0.6
GUESS = 0.3

_ALIASES = {
    "zh": "zh-CN",
    "zh-cn": "zh-CN",
    "zh-sg": "zh-CN",
    "zh-hans": "zh-CN",
    "zh-tw": "zh-TW",
    "zh-hk": "zh-TW",
    "zh-mo": "zh-TW",
    "zh-hant": "zh-TW",
    "in": "id",  # the old ISO code some Android devices still send
    "iw": "he",
}


def normalize_locale(value: str) -> str | None:
    """Map a browser or app locale ('vi-VN', 'zh_Hant_TW', 'pt-BR') to a supported language.

    Returns None when the language is not one we serve.
    """
    tag = value.strip().replace("_", "-").lower()
    if not tag:
        return None
    parts = tag.split("-")
    for candidate in ("-".join(parts[:2]), "-".join(parts[::2][:2]), parts[0]):
        mapped = _ALIASES.get(candidate, candidate)
        if mapped in SUPPORTED_LANGUAGES:
            return mapped
    if parts[0] == "zh":
        return "zh-TW" if any(p in ("hant", "tw", "hk", "mo") for p in parts) else "zh-CN"
    return None


@dataclass(frozen=True, slots=True)
class Detection:
    language: str
    confidence: float


_HANGUL = re.compile(r"[\uac00-\ud7af\u1100-\u11ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_WORD = re.compile(r"[^\W\d_]+")

# Characters that exist in only one of the two Chinese scripts, among the commonest in support
# chats (account, money, deposit, withdrawal, verify, problem, please...).
_SIMPLIFIED = set(
    "们这个为说时会么还没过从长门问题账户号钱币资产提现充值转汇认证验码获与实边进关应级"
)
_TRADITIONAL = set(
    "們這個為說時會麼還沒過從長門問題賬戶號錢幣資產提現充值轉匯認證驗碼獲與實邊進關應級"
)
_SHARED = _SIMPLIFIED & _TRADITIONAL
_SIMPLIFIED -= _SHARED
_TRADITIONAL -= _SHARED

_NGRAM_LANGUAGES = ["en", "vi", "id", "es", "pt", "fr", "de", "tr", "it", "ru", "uk"]


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Vietnamese typed without diacritics ("nap tien mat bao lau vay", as most people chat): the
# n-gram model learnt Vietnamese from accented text and reads it as Italian, French or
# Indonesian. Vietnamese writes one syllable per word, and its syllables are a closed set
# (onset + rhyme) that the rules below spell out, so a message whose words are nearly all such
# syllables, several of them frequent Vietnamese ones, is Vietnamese. Other Latin-script
# languages rarely pass: their words have clusters ("str", "ld"), endings ("s", "r", "l") and
# several syllables that one Vietnamese syllable cannot have.
_VI_ONSETS = (
    "", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
    "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)  # fmt: skip
# Rhymes with the diacritics gone (â ă -> a, ê -> e, ô ơ -> o, ư -> u): open ones, then each
# nucleus with the final consonants it takes.
_VI_OPEN_RHYMES = (
    "a e i o u y ia ua ai ao au ay eo eu iu oi ui uu ieu yeu uoi uou oa oe ue uy oai oay uay oao "
    "oeo uya uyu"
)
_VI_CLOSED_RHYMES = {
    "a": "c ch m n ng nh p t", "e": "c ch m n ng nh p t", "i": "c ch m n nh p t",
    "o": "c m n ng p t", "u": "c m n ng p t", "ie": "c m n ng p t", "ye": "m n t",
    "uo": "c m n ng p t", "oa": "c ch m n ng nh p t", "oe": "m n t", "ua": "n ng t",
    "ue": "ch nh", "uy": "ch nh t n p", "uye": "n t", "oo": "c ng",
}  # fmt: skip


def _vietnamese_syllables() -> frozenset[str]:
    rhymes = set(_VI_OPEN_RHYMES.split())
    rhymes |= {n + c for n, codas in _VI_CLOSED_RHYMES.items() for c in codas.split()}
    syllables = set()
    for onset in _VI_ONSETS:
        for rhyme in rhymes:
            front = rhyme[0] in "eiy"
            if onset == "qu" and rhyme[0] in "uo":
                continue  # the u of qu is already the glide
            if onset == "gi" and rhyme[0] == "i":
                syllables.add("g" + rhyme)  # gì, gìn: the i of gi is the vowel
            if onset in ("gh", "ngh", "k") and not front:
                continue
            if onset in ("c", "g", "ng") and rhyme[0] in "ei":
                continue
            syllables.add(onset + rhyme)
    return frozenset(syllables)


_VI_SYLLABLES = _vietnamese_syllables()
# Frequent Vietnamese syllables (without diacritics) that are not everyday words of another
# language we serve: "toi" (French), "nao" (Portuguese), "ve" (Turkish), "de" or "la" do not
# count here, though they count as syllables. Support words (nap, rut, tien, khoan, khoa...)
# are in, and chat shorthand (ko, dc, bn, ntn) that is Vietnamese and nothing else.
_VI_FREQUENT = _word_set(
    """
    khong duoc nguoi nhung cua minh nay trong voi cho thi roi chua gi vay bao lau tien nap rut
    tai khoan giao dich chuyen khoa khau xac nhan loi muon giup lam dang nhap vao len xuong lai
    mot nam muoi tram nghin trieu ngay gio phut thang tuan hom nua luc khi nhu boi nen hoac cung
    deu nhieu tat nhat anh ong chu bac chung cac viec biet hieu hoi goi gui xem thay tot xau dep
    nho nhanh cham truoc giua ngoai tren duoi kia dau bang theo tuy nhien phi dien ngan thuc
    danh tinh treo ket hoan huy doi xu kiem giai quyet nhe nha vui cam xin chao duong dung het
    mat bi ban nhi luon cach phai sach nuoc cuoc hoc truong thuong nhau ngu uong yeu ghet thich
    mua nghi dat ko dc bn ntn mk mik mn hok hong
    """
)

# Short everyday words of the other languages that happen to spell a Vietnamese syllable
# ("the", "que", "non", "ich", "ve"), and "k" (không in chat, "ok" in English chat): they are
# weak evidence either way.
_VI_AMBIGUOUS = _word_set(
    """
    a i o e y u the to in on an at it he me my be go no so do up can man ten tom that than then
    men den de la le que en un se lo mi te tu su con non che di da ha ho si ti li hai ne du ca va
    et moi toi mon ton son dit ich mit hat bin um im am tun gut sich dich mich nach von dem ke
    dan dia ia mau ben nin ve bu mu kim sen hic na com em nao eu tem meu sao oi chi qui qua tra
    noi vi ma hay muy bien quien ai nem pra ta po co by dom mam mai per tan ni nu ja k
    """
)
# Evidence per word: a frequent Vietnamese syllable, another valid one, an ambiguous one, and a
# word no Vietnamese syllable spells (a loanword or a name costs one frequent syllable).
_VI_WEIGHTS = (1.0, 0.6, 0.15, -1.0)
_VI_MIN_SHARE = 0.7  # of the words that must be Vietnamese syllables
_VI_MIN_SCORE = 1.0
# Letters Vietnamese never writes: a text with one is another language, however it folds.
_NOT_VIETNAMESE = re.compile(r"[çñßäöüşğıëïîûœæåøčšžłąęńśźżÇÑÄÖÜŞĞİËÏÎÛŒÆÅØČŠŽŁĄĘŃŚŹŻ]")
# Once decomposed, diacritics are combining marks; đ and the Turkish dotless ı do not decompose.
_FOLD = {ch: "" for ch in range(0x300, 0x370)} | {ord("đ"): "d", ord("ı"): "i"}


def _unaccented_words(words: list[str]) -> list[str]:
    """`words` in lower case and without diacritics, names left out: a capitalised word after
    the first ("Binance", "Tom", "USDT") says nothing about the language."""
    kept = " ".join([w for i, w in enumerate(words) if i == 0 or not w[0].isupper()]).lower()
    if kept.isascii():
        return kept.split()
    return unicodedata.normalize("NFD", kept).translate(_FOLD).split()


def _unaccented_vietnamese(words: list[str]) -> float:
    """A score for `words` being Vietnamese typed without diacritics (0 when they are not)."""
    if not words:
        return 0.0
    frequent, valid, ambiguous, foreign = _VI_WEIGHTS
    score = 0.0
    syllables = 0
    for word in words:
        if word in _VI_FREQUENT:
            score += frequent
            syllables += 1
        elif word in _VI_AMBIGUOUS:
            score += ambiguous
            syllables += 1
        elif word in _VI_SYLLABLES:
            score += valid
            syllables += 1
        else:
            score += foreign
    if syllables < _VI_MIN_SHARE * len(words) or score < _VI_MIN_SCORE:
        return 0.0
    return score


# Words of chat as people type it, each of one language only: Indonesian informal spellings and
# shorthand (gak, udah, blm, yg, bgt...), Malay (served as Indonesian, the closest language we
# serve: nak, dah, tak, macam mana...), and Turkish typed without its letters (sifremi,
# yatirdim). The n-gram model mostly gets these languages right but is unsure on a few short
# words; these raise its confidence, or decide when it has little to go on.
_CHAT_WORDS: dict[str, frozenset[str]] = {
    "id": _word_set(
        """
        gak nggak ngga gk tdk blm sdh udah udh sudah belum tidak gimana gmn bagaimana kok dong
        deh sih nih tuh aja saja bgt banget yg yang sy saya aku gue gw knp kenapa kapan berapa
        gan kak bang mbak tolong mohon tp tapi jg juga utk untuk dgn dengan krn karena trs terus
        lg lagi bs bisa hrs harus masuk keluar kirim dana saldo akun sandi duit uang tarik setor
        nunggu tunggu kmrn kemarin skrg sekarang
        nak dah tak boleh macam mana awak akaun sebab camne xde tiada takde sikit kat
        """
    ),
    "tr": _word_set(
        """
        hesap hesabim hesabima hesabimi sifre sifremi yatirdim yatirim yatirdigim gelmedi
        gelmiyor cekim cekemiyorum cekimi neden nasil degil yok lutfen tesekkurler tesekkur
        merhaba islem islemi bakiye giris yapamiyorum icin cok daha abi hocam acil hemen simdi
        yardim yardimci musunuz misiniz kaldi bekliyorum
        """
    ),
}

_CHAT_LANGUAGE = {word: language for language, words in _CHAT_WORDS.items() for word in words}

# Arabizi, Arabic typed in Latin letters with digits for the sounds Latin lacks (3 ع, 7 ح, 2 ء,
# 5 خ: "ana 3ndi moshkela fi el sa7b"), as many Arabic speakers chat. A digit inside a word, or
# a 3, 5 or 7 opening one, is the sign; web3, p2p, 2fa, trc20 are not (a digit at the end, or
# between single letters). Two such words, or one beside a common Arabizi word, make it Arabic.
_ARABIZI_WORD = re.compile(r"[a-z]{2,}[2357][a-z]+|[a-z]+[2357][a-z]{2,}|[357][a-z]{2,}")
_ARABIZI_DIGIT = re.compile(r"[2357]")
_ALNUM_WORD = re.compile(r"[a-z0-9]+")
_ARABIZI_COMMON = _word_set(
    """
    ana enta inta enti inti ehna e7na howa heya mesh mish msh wen fen fein feen leh lesh lish
    shu sho eh ezay izay keef kif ya3ni yaani 3ala 3and 3ndi 3andi aywa aiwa la2 tayeb tab
    habibi inshallah wallah yalla khalas 5alas mafi mafeesh mafish fi el al ma3 ma3a ba3d 7ad
    flos floos felos fulus hesabi 7esabi sa7b ta7wel momken mumkin ba2a lsa lessa
    """
)


def _arabizi(sample: str) -> bool:
    """Whether an ASCII `sample` is Arabic typed in Latin letters and digits."""
    words = _ALNUM_WORD.findall(sample.lower())
    marked = {word for word in words if _ARABIZI_WORD.fullmatch(word)}
    return bool(marked) and len(marked | _ARABIZI_COMMON.intersection(words)) >= 2


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    ident.set_languages(_NGRAM_LANGUAGES)
    return ident


def _by_script(sample: str, letters: int) -> Detection | None:
    """The language when the script of `sample` names it (or narrows it to Russian or
    Ukrainian), else None."""

    def share(pattern: re.Pattern[str]) -> float:
        return len(pattern.findall(sample)) / letters

    if share(_HANGUL) > 0.3:
        return Detection("ko", 0.99)
    if share(_KANA) > 0.1:
        return Detection("ja", 0.99)
    if share(_THAI) > 0.3:
        return Detection("th", 0.99)
    if share(_ARABIC) > 0.3:
        return Detection("ar", 0.95)
    if share(_HAN) > 0.3:
        simp = sum(ch in _SIMPLIFIED for ch in sample)
        trad = sum(ch in _TRADITIONAL for ch in sample)
        if trad > simp:
            return Detection("zh-TW", 0.9)
        return Detection("zh-CN", 0.9 if simp else 0.7)
    if share(_CYRILLIC) > 0.3:
        if _UK_ONLY.search(sample) and not _RU_ONLY.search(sample):
            return Detection("uk", 0.95)
        if _RU_ONLY.search(sample) and not _UK_ONLY.search(sample):
            return Detection("ru", 0.95)
    return None


def detect_language(text: str) -> Detection:
    """Best guess of the language of `text`, among the supported ones, with a confidence in 0..1."""
    sample = text[:2000]
    found = _WORD.findall(sample)
    letters = sum(map(len, found))
    if letters == 0:
        return Detection(DEFAULT_LANGUAGE, 0.0)

    # Plain ASCII, as most chat is typed, has no script that names its language: skip the scans.
    by_script = None if sample.isascii() else _by_script(sample, letters)
    if by_script is not None:
        return by_script
    words = _unaccented_words(found)
    foreign = not sample.isascii() and _NOT_VIETNAMESE.search(sample) is not None
    vietnamese = 0.0 if foreign else _unaccented_vietnamese(words)
    if vietnamese:
        # Three frequent syllables ("rut tien chua") make it near certain; one is a guess.
        return Detection("vi", round(min(0.97, 0.2 + 0.25 * vietnamese), 3))
    if sample.isascii() and _ARABIZI_DIGIT.search(sample) and _arabizi(sample):
        return Detection("ar", 0.8)
    lang, prob = _identifier().classify(sample)
    confidence = float(prob)
    # An n-gram model is overconfident on a word or two; temper it by length.
    # ("First question", 13 letters, reads as French at 0.61.)
    if letters < 20:
        confidence *= letters / 20
    language = str(lang)
    found_in: dict[str, int] = {}
    for word in words:
        if word in _CHAT_LANGUAGE:
            found_in[_CHAT_LANGUAGE[word]] = found_in.get(_CHAT_LANGUAGE[word], 0) + 1
    for chat_language, hits in found_in.items():
        if chat_language == language:
            confidence = max(confidence, min(0.95, 0.4 + 0.2 * hits))
        elif confidence < CONFIDENT and hits >= 2 and 2 * hits >= len(words):
            language, confidence = chat_language, min(0.9, 0.3 + 0.15 * hits)
    return Detection(language, round(confidence, 3))


def language_if_clear(text: str, stated_locale: str | None) -> str | None:
    """The language when the text is clear or a supported locale was stated, else None."""
    detection = detect_language(text)
    if detection.confidence >= CONFIDENT:
        return detection.language
    return normalize_locale(stated_locale) if stated_locale else None


def choose_language(text: str, stated_locale: str | None) -> str:
    """The language to store for a message: detected when sure, else what the customer said."""
    detection = detect_language(text)
    if detection.confidence >= CONFIDENT:
        return detection.language
    stated = normalize_locale(stated_locale) if stated_locale else None
    if stated:
        return stated
    # With nothing stated, a weak guess still beats a default; a wild one does not ("ok" reads
    # as German to an n-gram model, and English is what most such writers are served in).
    return detection.language if detection.confidence >= GUESS else DEFAULT_LANGUAGE
