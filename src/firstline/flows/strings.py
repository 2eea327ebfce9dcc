"""What the flow runner itself says: the default error for each field type, the step-up
verification messages, and the handovers when something fails.

The texts live in the `flows` message catalogs (firstline/locales/<language>/flows.json, ICU
MessageFormat); this module keeps the runner's short name for the lookup. A flow can override
the error of an ask step and the text of a verify step; these are what a flow gets when it does
not.
"""

from __future__ import annotations

from firstline.core.i18n import keys, t

DOMAIN = "flows"
KEYS: tuple[str, ...] = tuple(key.partition(".")[2] for key in keys(DOMAIN))


def say(language: str, key: str, /, **values: object) -> str:
    """The runner's sentence `key` in `language` (English when the language has none)."""
    return t(f"{DOMAIN}.{key}", language, **values)
