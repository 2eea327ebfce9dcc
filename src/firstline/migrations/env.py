"""Alembic environment: runs on the connection `firstline migrate` hands in."""

from __future__ import annotations

from alembic import context

import firstline.models
from firstline.core.db import Base

_ = firstline.models  # every table registered on Base.metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `firstline migrate`, which supplies the connection")


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The full-text tables are dialect-specific and created by hand (revision 0002).
    return not (type_ == "table" and name is not None and name.startswith("message_fts"))


context.configure(
    connection=connection,
    include_name=include_name,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
