"""The audit log chained by hashes, and what its readers filter on.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-02

The entries written before this revision are chained here, in id order, exactly as new ones
are (firstline.audit.chain, format version 1), so `firstline audit verify` covers the whole
log. The chain then proves only that nothing changed after this migration ran: what happened
to those rows before it, nothing can tell.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db
from firstline.audit.chain import PG_HEAD_FUNCTION, entry_hash

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000

_entries = sa.table(
    "audit_entries",
    sa.column("id", sa.Integer()),
    sa.column("occurred_at", firstline.core.db.UTCDateTime(timezone=True)),
    sa.column("actor_kind", sa.String()),
    sa.column("actor_agent_id", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("entity_type", sa.String()),
    sa.column("entity_id", sa.Integer()),
    sa.column("data", sa.JSON()),
    sa.column("prev_hash", sa.String()),
    sa.column("hash", sa.String()),
)


def _chain_existing_rows() -> None:
    bind = op.get_bind()
    update = (
        sa.update(_entries)
        .where(_entries.c.id == sa.bindparam("row_id"))
        .values(prev_hash=sa.bindparam("p"), hash=sa.bindparam("h"))
    )
    prev: str | None = None
    last_id = 0
    while True:  # a batch at a time: constant memory, however long the log
        rows = bind.execute(
            sa.select(_entries).where(_entries.c.id > last_id).order_by(_entries.c.id).limit(BATCH)
        ).all()
        if not rows:
            return
        params = []
        for row in rows:
            digest = entry_hash(
                prev_hash=prev,
                occurred_at=row.occurred_at,
                actor_kind=row.actor_kind,
                actor_agent_id=row.actor_agent_id,
                action=row.action,
                entity_type=row.entity_type,
                entity_id=row.entity_id,
                data=row.data,
            )
            params.append({"row_id": row.id, "p": prev, "h": digest})
            prev = digest
        bind.execute(update, params)
        last_id = rows[-1].id


def upgrade() -> None:
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _chain_existing_rows()
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_index("ix_audit_entries_actor", ["actor_agent_id", "id"], unique=False)
        batch_op.create_index("ix_audit_entries_action", ["action", "id"], unique=False)
        batch_op.create_index("ix_audit_entries_occurred", ["occurred_at", "id"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_HEAD_FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS firstline_audit_head()")
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_entries_occurred")
        batch_op.drop_index("ix_audit_entries_action")
        batch_op.drop_index("ix_audit_entries_actor")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
