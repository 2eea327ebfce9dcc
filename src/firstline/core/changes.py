"""Applying a partial update (a PATCH) to a loaded row: refuse a null where a field needs a
value, set what differs, and say what actually changed (for the audit trail and events)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from firstline.core.errors import InvalidInput


def plain(fields: dict[str, Any]) -> dict[str, Any]:
    """Enum members as their stored values."""
    return {k: v.value if hasattr(v, "value") else v for k, v in fields.items()}


def apply_changes(
    target: Any, changes: dict[str, Any], *, required: Iterable[str] = ()
) -> dict[str, Any]:
    for name in required:
        if name in changes and changes[name] is None:
            raise InvalidInput(f"{name} cannot be null.")
    applied: dict[str, Any] = {}
    for name, value in plain(changes).items():
        if getattr(target, name) != value:
            setattr(target, name, value)
            applied[name] = value
    return applied
