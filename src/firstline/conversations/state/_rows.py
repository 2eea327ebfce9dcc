"""Statements built from named columns (cached per column set), and the one writer of the
owned columns, used only inside this package."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.orm.attributes import set_committed_value

from firstline.conversations.access import ConversationState
from firstline.conversations.models import Conversation
from firstline.conversations.state.table import OWNED_COLUMNS
from firstline.core.rawsql import SQL, RawConnection


@lru_cache(maxsize=128)
def owned_update(columns: tuple[str, ...], where: str = "") -> SQL:
    sets = ", ".join(f"{name} = ${i}" for i, name in enumerate(columns, start=2))
    condition = f" AND {where}" if where else ""
    return SQL(f"UPDATE conversations SET {sets} WHERE id = $1{condition}")


@lru_cache(maxsize=128)
def update_sql(columns: tuple[str, ...], where: str = "") -> SQL:
    """`UPDATE conversations SET a = $2, b = $3 ... WHERE id = $1 [AND where]`, for the other
    modules' columns (clocks, SLA, queue order); the owned ones are refused."""
    owned = OWNED_COLUMNS.intersection(columns)
    if owned:
        raise ValueError(f"{sorted(owned)} change only through conversations/state/")
    return owned_update(columns, where)


@lru_cache(maxsize=16)
def insert_sql(columns: tuple[str, ...]) -> SQL:
    """`INSERT INTO conversations (a, b ...) VALUES ($1, $2 ...) RETURNING id`."""
    places = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    return SQL(f"INSERT INTO conversations ({', '.join(columns)}) VALUES ({places}) RETURNING id")


def stored(raw: RawConnection, value: Any) -> Any:
    return raw.ts(value) if isinstance(value, datetime) else value


async def write(
    raw: RawConnection, conversation_id: int, values: Mapping[str, Any], where: str = ""
) -> None:
    names = tuple(values)
    await raw.execute(
        owned_update(names, where), conversation_id, *(stored(raw, values[n]) for n in names)
    )


def mirror(conversation: Conversation | ConversationState, values: Mapping[str, Any]) -> None:
    """Keep a loaded object in step with the row just written (an ORM object without marking
    it dirty, so the unit of work does not write it a second time)."""
    for name, value in values.items():
        if isinstance(conversation, Conversation):
            set_committed_value(conversation, name, value)
        elif hasattr(conversation, name):
            setattr(conversation, name, value)
