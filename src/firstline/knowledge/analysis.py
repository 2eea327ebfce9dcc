"""Turning article text and searches into index terms, per language.

Words come from `firstline.search.text.tokens` (ICU word breaks for every script, dictionary
cuts for Chinese, Japanese and Thai; case and Latin diacritics folded, so "nap tien" finds
"nạp tiền"). On top of that, per language:

- Snowball stemming where Snowball has a stemmer ("withdrawals" and "withdrawal" meet). The
  other languages keep whole words: Vietnamese has no inflection to strip, Chinese, Japanese
  and Thai are cut into dictionary words already.
- Korean attaches particles to nouns (출금이, 출금은, 출금을), so each longer Korean word also
  gives its two-syllable pieces, which find the noun whatever particle follows it.
- Each word also gives its character 4-grams (with its edges marked, so " wit" is the start of
  a word): they match inflections no stemmer knows (Ukrainian, which Snowball lacks; compounds;
  typos) and more than paid for themselves on the evaluation (Recall@1 0.42 -> 0.47).
- A few support phrasings that customers and writers use interchangeably ("two-factor",
  "authenticator", "2FA"; "top up" and "deposit") add one shared term wherever any of them
  appears, in articles and searches alike, so one finds the others. Words are kept too.

No stop-word list: BM25's inverse document frequency already gives "the" or "how" little
weight. Dropping 50 English function words from queries moved 1 of the 75 English bitcoin_faq
questions to rank 1 (Recall@1 0.467 -> 0.480), within noise, so it was not kept.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import icu  # type: ignore[import-untyped]
import Stemmer

from firstline.search.text import _fold, tokens

# Snowball (PyStemmer) algorithm per supported language; the others are not stemmed.
STEMMERS: dict[str, str] = {
    "en": "english", "de": "german", "es": "spanish", "fr": "french", "it": "italian",
    "pt": "portuguese", "ru": "russian", "tr": "turkish", "id": "indonesian", "ar": "arabic",
}  # fmt: skip

# Phrases (as folded tokens) that mean the same to a customer, each adding a shared term.
# Kept short: each entry changes the ranking of every article that uses one of its words.
SYNONYMS: dict[str, dict[tuple[str, ...], str]] = {
    "en": {
        ("2fa",): "syn:2fa",
        ("two", "factor"): "syn:2fa",
        ("authenticator",): "syn:2fa",
        ("top", "up"): "syn:deposit",
        ("topped", "up"): "syn:deposit",
        ("deposit",): "syn:deposit",
        ("deposits",): "syn:deposit",
        ("deposited",): "syn:deposit",
        ("cash", "out"): "syn:withdraw",
        ("withdraw",): "syn:withdraw",
        ("withdrawal",): "syn:withdraw",
        ("withdrawals",): "syn:withdraw",
        ("seed", "phrase"): "syn:seed",
        ("recovery", "phrase"): "syn:seed",
        ("mnemonic",): "syn:seed",
        ("fee",): "syn:fee",
        ("fees",): "syn:fee",
        ("commission",): "syn:fee",
    },
}
_LONGEST: dict[str, int] = {lang: max(map(len, table)) for lang, table in SYNONYMS.items()}

_local = threading.local()


def base_language(locale: str) -> str:
    """The language part of a locale: "pt-BR" -> "pt", "zh-TW" -> "zh"."""
    return locale.split("-", 1)[0].lower()


def _stemmer(lang: str) -> Stemmer.Stemmer | None:
    # PyStemmer objects are not thread-safe, and indexes are built off the event loop.
    cache: dict[str, Stemmer.Stemmer] | None = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    stemmer = cache.get(lang)
    if stemmer is None and lang in STEMMERS:
        stemmer = cache[lang] = Stemmer.Stemmer(STEMMERS[lang])
    return stemmer


def _is_hangul(token: str) -> bool:
    return "\uac00" <= token[0] <= "\ud7af"


def _synonym_terms(words: list[str], lang: str) -> list[str]:
    table = SYNONYMS.get(lang)
    if not table:
        return []
    found: list[str] = []
    longest = _LONGEST[lang]
    for i in range(len(words)):
        for n in range(min(longest, len(words) - i), 0, -1):
            term = table.get(tuple(words[i : i + n]))
            if term is not None:
                found.append(term)
                break
    return found


GRAM = 4
# Shorter words are their own term already; their grams would only add postings.
GRAM_FROM = 0


def _grams(word: str) -> list[str]:
    padded = f" {word} "
    if len(padded) <= GRAM:
        return ["#" + padded]
    return ["#" + padded[i : i + GRAM] for i in range(len(padded) - GRAM + 1)]


def stem_words(words: list[str], locale: str) -> list[str]:
    """Folded words (from `tokens`) as the index stores them: stemmed where Snowball can."""
    stemmer = _stemmer(base_language(locale))
    return stemmer.stemWords(words) if stemmer is not None else list(words)


def analyze(text: str, locale: str) -> list[str]:
    """The index terms of `text` written in `locale`, repeats kept (they count): stemmed words,
    then their 4-grams ("#"-prefixed), Korean pieces and synonym terms ("syn:"-prefixed)."""
    lang = base_language(locale)
    words = tokens(text)
    terms = stem_words(words, lang)
    for w in words:
        if len(w) > GRAM_FROM:
            terms.extend(_grams(w))
    if lang == "ko":
        for w in words:
            if len(w) > 2 and _is_hangul(w):
                terms.extend(w[i : i + 2] for i in range(len(w) - 1))
    terms.extend(_synonym_terms(words, lang))
    return terms


_WORD_STATUS = 100  # UBRK_WORD_NUMBER and above, as in firstline.search.text


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of `text`: where a term was found, for snippets."""
    it: icu.BreakIterator | None = getattr(_local, "words", None)
    if it is None:
        it = _local.words = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    it.setText(text)
    start = it.first()
    for end in it:
        if it.getRuleStatus() >= _WORD_STATUS:
            folded = _fold(text[start:end])
            if folded:
                yield start, end, folded
        start = end


# About three sentences: long enough to carry a point, short enough that one point of a long
# answer is not averaged away with the rest of it.
PASSAGE_CHARS = 300


def passages(text: str, size: int = PASSAGE_CHARS) -> list[str]:
    """`text` cut at sentence ends (ICU's rules, every script) into pieces of about `size`
    characters; a sentence longer than that is a piece of its own."""
    it: icu.BreakIterator | None = getattr(_local, "sentences", None)
    if it is None:
        it = _local.sentences = icu.BreakIterator.createSentenceInstance(icu.Locale.getRoot())
    flat = " ".join(text.split())
    it.setText(flat)
    pieces: list[str] = []
    current = ""
    start = it.first()
    for end in it:
        sentence = flat[start:end].strip()
        start = end
        if not sentence:
            continue
        if current and len(current) + len(sentence) > size:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return pieces
