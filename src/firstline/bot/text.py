"""Reading short customer replies: a request for a person, "cancel", a greeting, yes or no.

Matching is on the message with punctuation and case removed. A message that is one of the
phrases matches; so does a short message (a few words) that contains a phrase as whole words,
or, for scripts written without spaces, as a substring ("转人工" contains "人工").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from firstline.bot.words import CANCEL_WORDS, GREETINGS, HUMAN_PHRASES, NO_WORDS, YES_WORDS

SHORT_WORDS = 8  # "can I talk to a real person please" is still a request for a person
# Punctuation and symbols go; combining marks stay (Thai vowels and tone marks, Arabic
# harakat), else "เจ้าหน้าที่" would fall apart into pieces that match nothing.
_PUNCT = re.compile(
    r"[^\w\s\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u0e31\u0e34-\u0e3a"
    r"\u0e47-\u0e4e\u3099\u309a]",
    re.UNICODE,
)


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(_PUNCT.sub(" ", text).split())


def _spaceless(phrase: str) -> bool:
    return any(
        "\u0e00" <= ch <= "\u0eff" or "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af"
        for ch in phrase
    )


@lru_cache(maxsize=8)
def _matcher(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    spaced = sorted((p for p in phrases if not _spaceless(p)), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, spaced)) + r")(?!\w)")
    return pattern, tuple(p for p in phrases if _spaceless(p))


def _contains(text: str, phrases: Iterable[str]) -> bool:
    pattern, spaceless = _matcher(tuple(phrases))
    return bool(pattern.search(text)) or any(p in text for p in spaceless)


def _short(text: str) -> bool:
    return len(text.split()) <= SHORT_WORDS and len(text) <= 60


def asks_for_person(text: str) -> bool:
    t = normalize(text)
    return t in HUMAN_PHRASES or (_short(t) and _contains(t, HUMAN_PHRASES))


def wants_to_cancel(text: str) -> bool:
    t = normalize(text)
    return t in CANCEL_WORDS or (len(t.split()) <= 3 and _contains(t, CANCEL_WORDS))


def is_greeting(text: str) -> bool:
    t = normalize(text)
    if t in GREETINGS:
        return True
    words = t.split()
    return 0 < len(words) <= 3 and normalize(" ".join(words[:2])) in GREETINGS


def yes_or_no(text: str) -> bool | None:
    """True, False, or None when the reply is neither (a new question, say)."""
    t = normalize(text)
    if t in YES_WORDS:
        return True
    if t in NO_WORDS:
        return False
    if len(t.split()) <= 4:
        if _contains(t, NO_WORDS):
            return False
        if _contains(t, YES_WORDS):
            return True
    return None
