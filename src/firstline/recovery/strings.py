"""What the recovery desk says to customers: each diagnosis, the path, the fee, the case's
states, and the help center's form.

The texts live in the `recovery` message catalogs (firstline/locales/<language>/recovery.json,
ICU MessageFormat, the wait in minutes pluralised by each language's rules); this module keeps
the desk's short name for the lookup, which falls back to English for a missing message so an
incomplete translation never breaks a page.
"""

from __future__ import annotations

from firstline.core.i18n import keys, t

DOMAIN = "recovery"
KEYS: tuple[str, ...] = tuple(key.partition(".")[2] for key in keys(DOMAIN))


def say(language: str, key: str, /, **values: object) -> str:
    """The desk's sentence `key` in `language` (English when the language has none)."""
    return t(f"{DOMAIN}.{key}", language, **values)
