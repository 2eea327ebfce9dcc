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
from firstline.core.db import parse_utc
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


# PostgreSQL cannot read a GIN index in id order. The newest WINDOW messages are searched
# first along the primary key (bounded work however common the words are); only when that
# window holds less than a page does the rest go through the GIN index, and then the words
# are known to be rare, so the matches to sort are few.
WINDOW = 100_000


def _visibility(n: int, teams: int | None) -> tuple[str, int]:
    if teams is None:
        return "", n
    n += 1
    visible = f"c.team_id IS NULL OR c.assignee_id = ${n}"
    if teams:
        visible += " OR c.team_id IN (" + ", ".join(f"${n + 1 + i}" for i in range(teams)) + ")"
        n += teams
    return f" AND ({visible})", n


def _sqlite_sql(before: bool, teams: int | None) -> SQL:
    sql = (
        f"SELECT {_COLUMNS} FROM message_fts f JOIN messages m ON m.id = f.rowid "
        "JOIN conversations c ON c.id = m.conversation_id WHERE message_fts MATCH $1"
    )
    n = 1
    if before:
        n += 1
        sql += f" AND f.rowid < ${n}"
    visible, n = _visibility(n, teams)
    return SQL(f"{sql}{visible} ORDER BY f.rowid DESC LIMIT ${n + 1}")


def _pg_sql(window: bool, teams: int | None) -> SQL:
    """$1 the tsquery, $2 the highest id wanted; with `window`, $3 the id it starts above."""
    sql = (
        f"SELECT {_COLUMNS} FROM message_fts f JOIN messages m ON m.id = f.message_id "
        "JOIN conversations c ON c.id = m.conversation_id "
        "WHERE f.tsv @@ $1::tsquery AND f.message_id <= $2"
    )
    n = 2
    if window:
        n += 1
        sql += f" AND f.message_id > ${n}"
    visible, n = _visibility(n, teams)
    # "+ 0" keeps the planner off the primary key for the rare-word pass: walking it backwards
    # would read every older row looking for matches that are not there.
    order = "f.message_id DESC" if window else "f.message_id + 0 DESC"
    return SQL(f"{sql}{visible} ORDER BY {order} LIMIT ${n + 1}")


_NEWEST = SQL("SELECT max(message_id) FROM message_fts")


async def search_messages(
    db: AsyncSession, actor: Actor, query: Query, *, limit: int, before_id: int | None = None
) -> list[Hit]:
    raw = await raw_connection(db)
    teams: int | None = None
    who: list[Any] = []
    if not actor.sees_everything:
        team_ids = sorted(actor.team_ids)
        teams = len(team_ids)
        who = [actor.agent_id, *team_ids]
    if raw.sqlite:
        args: list[Any] = [query.fts5()]
        if before_id is not None:
            args.append(before_id)
        rows = await raw.fetchall(_sqlite_sql(before_id is not None, teams), *args, *who, limit)
    else:
        tsquery = query.tsquery()
        newest = before_id - 1 if before_id is not None else None
        high = newest if newest is not None else (await raw.fetchone(_NEWEST))[0] or 0
        low = high - WINDOW
        rows = await raw.fetchall(_pg_sql(True, teams), tsquery, high, low, *who, limit)
        if len(rows) < limit and low > 0:
            rows += await raw.fetchall(_pg_sql(False, teams), tsquery, low, *who, limit - len(rows))
    hits = []
    for r in rows:
        created = r[5].replace(tzinfo=UTC) if isinstance(r[5], datetime) else parse_utc(r[5])
        hits.append(Hit(r[0], r[1], r[2], bool(r[3]), r[4], created, r[6]))
    return hits


def snippet(body: str, query: Query) -> str:
    """A window of the message around the first query word found in it."""
    flat = " ".join(body.split())
    lowered = flat.casefold()
    positions = [p for p in (lowered.find(w) for w in query.words) if p >= 0]
    start = max(0, min(positions) - SNIPPET_CHARS // 4) if positions else 0
    text = flat[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + text + ("…" if start + SNIPPET_CHARS < len(flat) else "")
