"""Alembic environment: runs on the connection `firstline migrate` hands in."""

from __future__ import annotations

from alembic import context

import firstline.models
from firstline.core.db import Base

_ = firstline.models  # every table registered on Base.metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `firstline migrate`, which supplies the connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
