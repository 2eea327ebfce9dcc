"""CLDR plural categories for the seventeen languages, checked on the numbers where languages
disagree (1, 2, 3, 5, 11, 21, 22, 25, 101, 102, 111), and the chat's sentences with a number
read right in Russian, Ukrainian and Arabic."""

from __future__ import annotations

import re

import pytest

from firstline.chat.service import format_wait
from firstline.chat.strings import STRINGS
from firstline.core.language import SUPPORTED_LANGUAGES
from firstline.core.plural import CATEGORIES, category, counted

NUMBERS = (1, 2, 3, 5, 11, 21, 22, 25, 101, 102, 111)
ONE_OTHER = ("one", "other", "other", "other", "other", "other", "other", "other", "other",
             "other", "other")  # fmt: skip
ALWAYS_OTHER = ("other",) * len(NUMBERS)
EAST_SLAVIC = ("one", "few", "few", "many", "many", "one", "few", "many", "one", "few", "many")
EXPECTED = {
    "en": ONE_OTHER, "de": ONE_OTHER, "tr": ONE_OTHER, "es": ONE_OTHER, "it": ONE_OTHER,
    "pt": ONE_OTHER, "fr": ONE_OTHER,
    "ru": EAST_SLAVIC, "uk": EAST_SLAVIC,
    "ar": ("one", "two", "few", "few", "many", "many", "many", "many", "other", "other", "many"),
    "zh-CN": ALWAYS_OTHER, "zh-TW": ALWAYS_OTHER, "vi": ALWAYS_OTHER, "id": ALWAYS_OTHER,
    "ja": ALWAYS_OTHER, "ko": ALWAYS_OTHER, "th": ALWAYS_OTHER,
}  # fmt: skip


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_categories_follow_cldr(language: str) -> None:
    assert tuple(category(language, n) for n in NUMBERS) == EXPECTED[language]


def test_the_edges_of_the_rules() -> None:
    assert category("ar", 0) == "zero" and category("ar", 110) == "few"
    assert category("ar", 1000) == "other" and category("ar", 20_000) == "other"
    assert category("fr", 0) == category("pt", 0) == "one"
    assert category("en", 0) == category("es", 0) == "other"
    assert category("es", 1_000_000) == category("it", 2_000_000) == "many"
    assert category("ru", 12) == category("ru", 14) == category("uk", 112) == "many"
    assert category("ru", 1001) == "one" and category("ru", 20_000) == "many"
    assert category("xx", 1) == "other"  # unknown language: the general form


def test_the_wait_reads_right_in_every_language() -> None:
    assert format_wait("ru", 21 * 60) == "около 21 минуты"
    assert format_wait("ru", 22 * 60) == "около 22 минут"
    assert format_wait("ru", 25 * 60) == "около 25 минут"
    assert format_wait("uk", 21 * 60) == "близько 21 хвилини"
    assert format_wait("ar", 21 * 60) == "حوالي 21 دقيقة"
    assert format_wait("ar", 3 * 60) == "حوالي 3 دقائق"
    assert format_wait("ar", 2 * 60) == "حوالي دقيقتين"
    assert format_wait("ar", 60) == "حوالي دقيقة واحدة"
    assert format_wait("en", 60) == "about 1 minute"
    assert format_wait("en", 61) == "about 2 minutes"
    assert format_wait("de", 60) == "etwa 1 Minute"


def test_the_limit_reads_right() -> None:
    assert counted(STRINGS["ru"], "too_long", "ru", 20_000).endswith("{max} символов.")
    assert counted(STRINGS["ru"], "too_long", "ru", 21).endswith("{max} символа.")
    assert counted(STRINGS["uk"], "too_long", "uk", 22).endswith("{max} символи.")
    assert counted(STRINGS["ar"], "too_long", "ar", 20_000).endswith("{max} حرف.")
    assert counted(STRINGS["ar"], "too_long", "ar", 11).endswith("{max} حرفًا.")


@pytest.mark.parametrize("language", SUPPORTED_LANGUAGES)
def test_every_plural_form_belongs_to_a_sentence_and_a_category_of_the_language(
    language: str,
) -> None:
    table = STRINGS[language]
    used = {category(language, n) for n in range(0, 1_000)} | {category(language, 1_000_000)}
    for key, text in table.items():
        if "." not in key:
            continue
        base, form = key.split(".")
        assert base in table and form in CATEGORIES and form in used, (language, key)
        # The same placeholders as the general form (or none, where the word says the number).
        assert set(re.findall(r"{(\w+)}", text)) <= set(re.findall(r"{(\w+)}", table[base]))


def test_the_recovery_desks_wait_reads_right() -> None:
    from firstline.recovery.strings import say

    def wait(language: str, minutes: int) -> str:
        return say(language, "cause_unconfirmed", network="TRON", minutes=minutes)

    assert "about 1 minute," in wait("en", 1) and "about 25 minutes," in wait("en", 25)
    assert "خلال دقيقتين" in wait("ar", 2) and "خلال 3 دقائق" in wait("ar", 3)
    assert "خلال 21 دقيقة" in wait("ar", 21)
    assert "etwa 1 Minute " in wait("de", 1)
    assert "через 21 минуту," in wait("ru", 21) and "через 5 минут," in wait("ru", 5)
