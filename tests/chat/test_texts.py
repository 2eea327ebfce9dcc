"""What the chat says with a number in it reads right where languages disagree (Russian and
Ukrainian 21, 22, 25; Arabic's one, two, few and many), from the chat catalog's plural
patterns."""

from __future__ import annotations

from firstline.chat.service import format_wait, queue_status_text
from firstline.core.i18n import t


def test_the_wait_reads_right_in_every_language() -> None:
    assert format_wait("en", 59) == "less than a minute"
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
    assert format_wait("xx", 60) == "about 1 minute"  # a language the product lacks: English


def test_the_limit_reads_right() -> None:
    assert t("chat.too_long", "en", max=20_000) == "A message can be at most 20,000 characters."
    assert t("chat.too_long", "en", max=1) == "A message can be at most 1 character."
    assert t("chat.too_long", "ru", max=20_000).endswith("20\xa0000 символов.")
    assert t("chat.too_long", "ru", max=21).endswith("21 символа.")
    assert t("chat.too_long", "uk", max=22).endswith("22 символи.")
    assert t("chat.too_long", "ar", max=20_000).endswith("20,000 حرف.")
    assert t("chat.too_long", "ar", max=11).endswith("11 حرفًا.")
    assert t("chat.too_long", "ar", max=2).endswith("حرفان.")


def test_the_queue_line_caps_the_place_and_says_the_wait() -> None:
    assert queue_status_text("en", 3, 120) == (
        "You are number 3 in the queue · expected wait about 2 minutes"
    )
    assert queue_status_text("en", 1001, None).startswith("You are number 1000+ in the queue")
