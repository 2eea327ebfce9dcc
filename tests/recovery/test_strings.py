"""Every sentence of the recovery desk exists in every language the product serves, with the
same arguments as the English one (a missing one would fall back to English; a wrong one
would fail at run time), and the wait reads right in the languages with several plural forms."""

from __future__ import annotations

from firstline.core.i18n import CATALOGS, arguments, t
from firstline.core.language import SUPPORTED_LANGUAGES


def test_every_sentence_in_every_language_with_its_arguments() -> None:
    english = CATALOGS.messages("en", "recovery")
    assert "cause_unconfirmed" in english
    for language in SUPPORTED_LANGUAGES:
        table = CATALOGS.messages(language, "recovery")
        assert set(table) == set(english), (language, set(english) ^ set(table))
        for key in english:
            assert set(arguments(table[key])) == set(arguments(english[key])), (language, key)


def test_the_wait_takes_the_plural_form_of_each_language() -> None:
    def wait(language: str, minutes: int) -> str:
        return t("recovery.cause_unconfirmed", language, network="TRON", minutes=minutes)

    assert "через 1 минуту," in wait("ru", 1) and "через 21 минуту," in wait("ru", 21)
    assert "через 3 минуты," in wait("ru", 3) and "через 5 минут," in wait("ru", 5)
    assert "за 2 хвилини," in wait("uk", 2) and "за 11 хвилин," in wait("uk", 11)
    assert "dans environ 1 minute," in wait("fr", 1) and "environ 2 minutes," in wait("fr", 2)
    assert "n'est pas encore" in wait("fr", 2)  # the apostrophe survives ICU's quoting
    assert "خلال دقيقة واحدة" in wait("ar", 1) and "خلال 11 دقيقة" in wait("ar", 11)
    assert "预计约 5 分钟后到账" in wait("zh-CN", 5)
