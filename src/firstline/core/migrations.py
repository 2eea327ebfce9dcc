"""Alembic, driven from Python so that `firstline migrate` works from an installed package."""

from __future__ import annotations

from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from firstline.core.db import _normalize_url


class NotMigrated(Exception):
    """The database schema is missing or behind the code."""


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(files("firstline") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", _normalize_url(url).replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


async def _run(url: str, fn_name: str, *args: str) -> None:
    engine = create_async_engine(_normalize_url(url), poolclass=NullPool)
    try:
        async with engine.begin() as conn:

            def run(sync_conn: Connection) -> None:
                cfg = alembic_config(url)
                cfg.attributes["connection"] = sync_conn
                getattr(command, fn_name)(cfg, *args)

            await conn.run_sync(run)
    finally:
        await engine.dispose()


async def upgrade(url: str, revision: str = "head") -> None:
    await _run(url, "upgrade", revision)


async def check_models(url: str) -> None:
    """Raise if the models and the migrations disagree (`alembic check`)."""
    await _run(url, "check")


async def current_revision(url: str) -> str | None:
    engine = create_async_engine(_normalize_url(url), poolclass=NullPool)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(
                lambda c: MigrationContext.configure(c).get_current_revision()
            )
    finally:
        await engine.dispose()


async def ensure_migrated(url: str) -> None:
    current = await current_revision(url)
    head = head_revision()
    if current != head:
        state = "has no schema" if current is None else f"is at revision {current}"
        raise NotMigrated(f"the database {state}, the code needs {head}; run `firstline migrate`")
