"""The migrations and the models agree (`alembic check`), on every backend."""

from __future__ import annotations

from firstline.core.migrations import check_models, current_revision, head_revision, upgrade


async def test_models_match_migrations(database_url: str) -> None:
    await check_models(database_url)  # raises when autogenerate would find a difference


async def test_upgrade_is_idempotent(database_url: str) -> None:
    await upgrade(database_url)
    assert await current_revision(database_url) == head_revision()
