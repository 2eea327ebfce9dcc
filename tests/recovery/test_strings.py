"""Every sentence of the recovery desk exists in every language the product serves, with the
same placeholders as the English one (a missing one would fall back to English; a wrong one
would fail at run time)."""

from __future__ import annotations

import string

from firstline.core.language import SUPPORTED_LANGUAGES
from firstline.recovery.strings import KEYS, STRINGS


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_sentence_in_every_language_with_its_placeholders() -> None:
    assert set(STRINGS) == set(SUPPORTED_LANGUAGES)
    for language, table in STRINGS.items():
        assert set(table) == set(KEYS), (language, set(KEYS) ^ set(table))
        for key in KEYS:
            assert placeholders(table[key]) == placeholders(STRINGS["en"][key]), (language, key)
