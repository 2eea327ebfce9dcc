"""Plural categories (CLDR cardinal rules) for the languages the product serves.

A sentence with a number picks its form by the number's category: Russian says "21 минуту",
"22 минуты", "25 минут"; Arabic "دقيقة واحدة", "دقيقتان", "3 دقائق", "11 دقيقة". A table of
sentences keeps the general form under its key and the others under `key.<category>`
("wait_minutes.one", "wait_minutes.few"); `counted()` picks the right one and falls back to the
plain key, so a language without plural forms (Chinese, Vietnamese...) needs nothing more. The
browser side does the same with `Intl.PluralRules`, which implements the same CLDR rules.

Only whole numbers are counted here (minutes, characters, messages); the rules are CLDR's for
integers (v = 0).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def _other(n: int) -> str:
    return "other"


def _one_is_one(n: int) -> str:  # en, de, tr: "1 minute", "0 minutes", "21 minutes"
    return "one" if n == 1 else "other"


def _romance(n: int, *, zero_is_one: bool) -> str:
    # es, it, pt, fr: one (1, and 0 in French and Brazilian Portuguese), many for whole
    # millions ("1 000 000 de minutes"), other for the rest.
    if n == 1 or (zero_is_one and n == 0):
        return "one"
    if n != 0 and n % 1_000_000 == 0:
        return "many"
    return "other"


def _east_slavic(n: int) -> str:  # ru, uk
    last, last_two = n % 10, n % 100
    if last == 1 and last_two != 11:
        return "one"
    if 2 <= last <= 4 and not 12 <= last_two <= 14:
        return "few"
    return "many"


def _arabic(n: int) -> str:
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


_RULES: dict[str, Callable[[int], str]] = {
    "en": _one_is_one,
    "de": _one_is_one,
    "tr": _one_is_one,
    "es": lambda n: _romance(n, zero_is_one=False),
    "it": lambda n: _romance(n, zero_is_one=False),
    "pt": lambda n: _romance(n, zero_is_one=True),
    "fr": lambda n: _romance(n, zero_is_one=True),
    "ru": _east_slavic,
    "uk": _east_slavic,
    "ar": _arabic,
    # No grammatical plural: one form for every number.
    "zh-CN": _other,
    "zh-TW": _other,
    "vi": _other,
    "id": _other,
    "ja": _other,
    "ko": _other,
    "th": _other,
}


def category(language: str, n: int) -> str:
    """The CLDR plural category of the whole number `n` in `language` ("other" for a language
    this module does not know)."""
    return _RULES.get(language, _other)(abs(n))


def counted(table: Mapping[str, str], key: str, language: str, n: int) -> str:
    """The form of sentence `key` for the number `n`: `key.<category>` when the table has it,
    else `key` itself (the general form)."""
    return table.get(f"{key}.{category(language, n)}") or table[key]
