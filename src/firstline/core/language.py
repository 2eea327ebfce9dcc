"""Supported languages, locale normalisation and language detection.

Detection works on the text first (scripts that name a language outright, then a character
n-gram model that ships with py3langid) and reports a confidence, so callers can fall back to
what the customer told us (their locale) when a message is too short to tell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "en", "zh-CN", "zh-TW", "vi", "id", "ru", "es", "pt", "fr",
    "de", "tr", "ar", "ja", "ko", "th", "uk", "it",
)  # fmt: skip
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


def sentence(strings: dict[str, dict[str, str]], language: str, key: str, **values: object) -> str:
    """`key` from a table of sentences per language, in `language` or else English, with its
    {placeholders} filled: an incomplete translation never breaks a page."""
    table = strings.get(language) or strings[DEFAULT_LANGUAGE]
    return table.get(key, strings[DEFAULT_LANGUAGE][key]).format(**values)


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
_LETTER = re.compile(r"[^\W\d_]")

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


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    ident.set_languages(_NGRAM_LANGUAGES)
    return ident


def detect_language(text: str) -> Detection:
    """Best guess of the language of `text`, among the supported ones, with a confidence in 0..1."""
    sample = text[:2000]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return Detection(DEFAULT_LANGUAGE, 0.0)

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
    lang, prob = _identifier().classify(sample)
    confidence = float(prob)
    # An n-gram model is overconfident on a word or two; temper it by length.
    # ("First question", 13 letters, reads as French at 0.61.)
    if letters < 20:
        confidence *= letters / 20
    return Detection(str(lang), round(confidence, 3))


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
