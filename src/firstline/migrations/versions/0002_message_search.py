"""Full-text index of messages.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

SQLite: an FTS5 table without content (the text lives in messages), keyed by message id.
PostgreSQL: a tsvector per message with a GIN index. Both hold the same pre-segmented tokens
(firstline.search.text), so the two backends find the same messages. The objects are
dialect-specific, so they live outside the SQLAlchemy metadata (env.py skips them).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE message_fts USING fts5("
            "tokens, content='', tokenize='unicode61 remove_diacritics 0')"
        )
    else:
        op.execute(
            "CREATE TABLE message_fts ("
            "message_id INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE, "
            "tsv TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX ix_message_fts_tsv ON message_fts USING GIN (tsv)")


def downgrade() -> None:
    op.execute("DROP TABLE message_fts")
