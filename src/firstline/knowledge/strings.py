"""The help center's own words, and each language's own name.

The words live in the `knowledge` message catalogs (firstline/locales/<language>/knowledge.json,
ICU MessageFormat): arguments {q} the search, {language} and {other} language names (as each
language calls itself, see NATIVE_NAMES), {date} the day an article changed (formatted by the
catalog's pattern in the page's language).
"""

from __future__ import annotations

from firstline.core.i18n import keys, t

NATIVE_NAMES: dict[str, str] = {
    "en": "English", "zh-CN": "简体中文", "zh-TW": "繁體中文", "vi": "Tiếng Việt",
    "id": "Bahasa Indonesia", "ru": "Русский", "es": "Español", "pt": "Português",
    "fr": "Français", "de": "Deutsch", "tr": "Türkçe", "ar": "العربية", "ja": "日本語",
    "ko": "한국어", "th": "ไทย", "uk": "Українська", "it": "Italiano",
}  # fmt: skip

DOMAIN = "knowledge"
KEYS: tuple[str, ...] = tuple(key.partition(".")[2] for key in keys(DOMAIN))


def say(language: str, key: str, /, **values: object) -> str:
    """The help center's sentence `key` in `language` (English when the language has none)."""
    return t(f"{DOMAIN}.{key}", language, **values)
