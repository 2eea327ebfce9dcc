"""Plural categories (CLDR cardinal rules) for the languages the product serves.

A sentence with a number picks its form by the number's category: Russian says "21 минуту",
"22 минуты", "25 минут"; Arabic "دقيقة واحدة", "دقيقتان", "3 دقائق", "11 دقيقة". A table of
sentences keeps the general form under its key and the others under `key.<category>`
("wait_minutes.one", "wait_minutes.few"); `counted()` picks the right one and falls back to the
plain key, so a language without plural forms (Chinese, Vietnamese...) needs nothing more. The
browser side does the same with `Intl.PluralRules`, which implements the same CLDR rules.

Only whole numbers are counted here (minutes, characters, messages). The rules are ICU's (CLDR),
the same the message catalogs' `{n, plural, ...}` use (core/i18n.py): new texts go there, and this
table-and-suffix scheme stays only for the strings.py tables not yet moved to catalogs.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import icu  # type: ignore[import-untyped]

from firstline.core.i18n import icu_locale

CATEGORIES = ("zero", "one", "two", "few", "many", "other")


def category(language: str, n: int) -> str:
    """The CLDR plural category of the whole number `n` in `language` ("other" for a language
    this module does not know)."""
    return str(_rules(language).select(abs(n)))


@lru_cache(maxsize=64)
def _rules(language: str) -> icu.PluralRules:
    return icu.PluralRules.forLocale(icu_locale(language))


def counted(table: Mapping[str, str], key: str, language: str, n: int) -> str:
    """The form of sentence `key` for the number `n`: `key.<category>` when the table has it,
    else `key` itself (the general form)."""
    return table.get(f"{key}.{category(language, n)}") or table[key]
