"""Searching messages: newest matches first, one page at a time, through the full-text index.

Matches come out of the index in message-id order (newest first), so a page costs the same
however many older messages match. An agent only gets matches in conversations they may see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor
from firstline.core.rawsql import SQL, raw_connection
from firstline.search.text import Query

SNIPPET_CHARS = 160

_COLUMNS = "m.id, m.conversation_id, m.author_kind, m.internal, m.language, m.created_at, m.body"


@dataclass(slots=True)
class Hit:
    message_id: int
    conversation_id: int
    author_kind: str
    internal: bool
    language: str | None
    created_at: datetime
    body: str


def _sql(sqlite: bool, before: bool, teams: int | None) -> SQL:
    """`teams` is None for someone who sees everything, else how many teams the agent has."""
    n = 1
    if sqlite:
        base = (
            f"SELECT {_COLUMNS} FROM message_fts f JOIN messages m ON m.id = f.rowid "
            "JOIN conversations c ON c.id = m.conversation_id WHERE message_fts MATCH $1"
        )
        key = "f.rowid"
    else:
        base = (
            f"SELECT {_COLUMNS} FROM message_fts f JOIN messages m ON m.id = f.message_id "
            "JOIN conversations c ON c.id = m.conversation_id WHERE f.tsv @@ $1::tsquery"
        )
        key = "f.message_id"
    if before:
        n += 1
        base += f" AND {key} < ${n}"
    if teams is not None:
        n += 1
        visible = f"c.team_id IS NULL OR c.assignee_id = ${n}"
        if teams:
            marks = ", ".join(f"${n + 1 + i}" for i in range(teams))
            visible += f" OR c.team_id IN ({marks})"
            n += teams
        base += f" AND ({visible})"
    return SQL(f"{base} ORDER BY {key} DESC LIMIT ${n + 1}")


async def search_messages(
    db: AsyncSession, actor: Actor, query: Query, *, limit: int, before_id: int | None = None
) -> list[Hit]:
    raw = await raw_connection(db)
    args: list[Any] = [query.fts5() if raw.sqlite else query.tsquery()]
    if before_id is not None:
        args.append(before_id)
    teams: int | None = None
    if not actor.sees_everything:
        team_ids = sorted(actor.team_ids)
        teams = len(team_ids)
        args += [actor.agent_id, *team_ids]
    rows = await raw.fetchall(_sql(raw.sqlite, before_id is not None, teams), *args, limit)
    hits = []
    for r in rows:
        created = r[5] if isinstance(r[5], datetime) else datetime.fromisoformat(r[5])
        hits.append(Hit(r[0], r[1], r[2], bool(r[3]), r[4], created.replace(tzinfo=UTC), r[6]))
    return hits


def snippet(body: str, query: Query) -> str:
    """A window of the message around the first query word found in it."""
    flat = " ".join(body.split())
    lowered = flat.casefold()
    positions = [p for p in (lowered.find(w) for w in query.words) if p >= 0]
    start = max(0, min(positions) - SNIPPET_CHARS // 4) if positions else 0
    text = flat[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + text + ("…" if start + SNIPPET_CHARS < len(flat) else "")
