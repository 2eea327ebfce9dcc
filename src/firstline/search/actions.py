"""Keeping the full-text index in step with messages, in the same transaction."""

from __future__ import annotations

from firstline.core.rawsql import SQL, RawConnection
from firstline.search.text import index_text

_INDEX_SQLITE = SQL("INSERT INTO message_fts (rowid, tokens) VALUES ($1, $2)")
_INDEX_PG = SQL("INSERT INTO message_fts (message_id, tsv) VALUES ($1, to_tsvector('simple', $2))")


async def index_message(raw: RawConnection, message_id: int, body: str) -> None:
    await raw.execute(_INDEX_SQLITE if raw.sqlite else _INDEX_PG, message_id, index_text(body))


# A contentless FTS5 table forgets a row only when told the tokens it was indexed with.
_UNINDEX_SQLITE = SQL(
    "INSERT INTO message_fts (message_fts, rowid, tokens) VALUES ('delete', $1, $2)"
)
_UNINDEX_PG = SQL("DELETE FROM message_fts WHERE message_id = $1")


async def unindex_message(raw: RawConnection, message_id: int, body: str) -> None:
    """Take a message out of the index (before its text is redacted: SQLite needs it)."""
    if raw.sqlite:
        await raw.execute(_UNINDEX_SQLITE, message_id, index_text(body))
    else:
        await raw.execute(_UNINDEX_PG, message_id)
