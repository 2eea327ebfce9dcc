"""Shared fixtures.

Every test runs on SQLite, and again on PostgreSQL when FIRSTLINE_TEST_DATABASE_URL names a
server (CI sets it, and FIRSTLINE_TEST_REQUIRE_ALL=1 so that a missing server fails rather than
skips). Each test gets an empty, migrated database: on SQLite a copy of a template file, on
PostgreSQL a private database whose tables are truncated between tests.

The people, as in Healthchecks' test base:
- alice: admin.
- bob: supervisor; sees every conversation.
- carol: agent in the Spot EN team; sees that team's conversations, her own, and unrouted ones.
- dave: agent in the Futures VI team; cannot see Spot EN conversations.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from firstline.agents.actions import do_create_agent, do_create_api_token, do_create_team
from firstline.agents.models import Line, Role, RoleDefinition
from firstline.agents.roles import BUILTIN_ROWS, builtin_role_values
from firstline.core.clock import FrozenClock
from firstline.core.db import Base, Database
from firstline.core.events import Event
from firstline.core.migrations import upgrade
from firstline.core.settings import Settings
from firstline.quality.defaults import SEQUENCE_FIXES, default_rows
from firstline.web.app import create_app

REQUIRE_ALL = os.environ.get("FIRSTLINE_TEST_REQUIRE_ALL") == "1"
# The optional embedding model (firstline[embeddings]) computes article vectors in the
# background, which would make search results depend on timing; tests of it turn it on.
os.environ.setdefault("FIRSTLINE_KB_EMBEDDINGS", "0")
# The master key that encrypts the secrets kept in the database (core/secrets.py); PostgreSQL
# has no file to keep one next to. Tests of the key file itself unset it.
os.environ.setdefault("FIRSTLINE_MASTER_KEY", "test-master-key-not-secret")
PG_URL = os.environ.get("FIRSTLINE_TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("FIRSTLINE_TEST_REDIS_URL", "")
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _unavailable(reason: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (FIRSTLINE_TEST_REQUIRE_ALL=1 requires it)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    asyncio.run(upgrade(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A private database on the PostgreSQL server of FIRSTLINE_TEST_DATABASE_URL."""
    if not PG_URL:
        _unavailable("PostgreSQL tests need FIRSTLINE_TEST_DATABASE_URL=postgresql+asyncpg://...")
    base = make_url(PG_URL.replace("postgresql://", "postgresql+asyncpg://", 1))
    name = f"firstline_test_{os.getpid()}"

    async def admin(sql: str) -> None:
        engine = create_async_engine(base, poolclass=NullPool, isolation_level="AUTOCOMMIT")
        try:
            async with engine.connect() as conn:
                await conn.execute(text(sql))
        finally:
            await engine.dispose()

    try:
        asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}"'))
        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        _unavailable(f"PostgreSQL at {base.render_as_string()} is not reachable: {exc}")
    url = base.set(database=name).render_as_string(hide_password=False)
    asyncio.run(upgrade(url))
    yield url
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(scope="session")
def redis_url() -> str:
    """A Redis server for the tests of events crossing processes (FIRSTLINE_TEST_REDIS_URL)."""
    if not REDIS_URL:
        _unavailable("Redis tests need FIRSTLINE_TEST_REDIS_URL=redis://127.0.0.1:6379/15")
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception as exc:
        _unavailable(f"Redis at {REDIS_URL} is not reachable: {exc}")
    return REDIS_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "firstline.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite+aiosqlite:///{path}"
    url: str = request.getfixturevalue("pg_database")
    tables = ", ".join(t.name for t in Base.metadata.sorted_tables)

    async def truncate() -> None:
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with engine.begin() as conn:
                await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
                # What migrations write, a migrated database has: the built-in roles, the
                # default scorecard and sampling rules.
                await conn.execute(
                    insert(RoleDefinition),
                    builtin_role_values(datetime.now(UTC), BUILTIN_ROWS),
                )
                for name, rows in default_rows(datetime.now(UTC)):
                    await conn.execute(insert(Base.metadata.tables[name]), rows)
                for statement in SEQUENCE_FIXES:
                    await conn.execute(text(statement))
        finally:
            await engine.dispose()

    asyncio.run(truncate())
    return url


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(T0)


@pytest.fixture
async def db(database_url: str, clock: FrozenClock) -> AsyncIterator[Database]:
    database = Database(database_url, clock=clock, pool_size=4)
    yield database
    await database.dispose()


@pytest.fixture
def events(db: Database) -> list[Event]:
    """Every event delivered (after commit) during the test, in order."""
    seen: list[Event] = []
    db.bus.subscribe(seen.append)
    return seen


_BOOKKEEPING = ("BEGIN", "PRAGMA", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


class QueryCounter:
    def __init__(self, db: Database) -> None:
        self.statements: list[str] = []
        for engine in {db.engine, db.write_engine}:
            event.listen(engine.sync_engine, "before_cursor_execute", self._record)
        db.statement_hooks.append(self.statements.append)  # hand-written SQL (core/rawsql.py)

    def _record(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not statement.startswith(
            ("BEGIN", "PRAGMA", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")
        ):
            self.statements.append(statement)

    def reset(self) -> None:
        self.statements.clear()

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def queries(db: Database) -> QueryCounter:
    return QueryCounter(db)


@dataclass
class World:
    spot_en: int
    futures_vi: int
    alice: int
    bob: int
    carol: int
    dave: int
    tokens: dict[str, str]


@pytest.fixture
async def world(db: Database) -> World:
    async with db.transaction() as s:
        spot = await do_create_team(
            s, name="Spot EN", product="spot", languages=["en"], line=Line.first,
            acting_agent_id=None,
        )  # fmt: skip
        futures = await do_create_team(
            s, name="Futures VI", product="futures", languages=["vi"], line=Line.first,
            acting_agent_id=None,
        )  # fmt: skip
        people = {}
        for key, role, teams, langs in (
            ("alice", Role.admin, [], ["en"]),
            ("bob", Role.supervisor, [spot.id, futures.id], ["en", "vi"]),
            ("carol", Role.agent, [spot.id], ["en"]),
            ("dave", Role.agent, [futures.id], ["vi", "en"]),
        ):
            people[key] = await do_create_agent(
                s,
                email=f"{key}@example.com",
                name=key.title(),
                role=role,
                languages=langs,
                team_ids=teams,
                acting_agent_id=None,
            )
        # Tests move the clock by years; the people's tokens must outlive that.
        tokens = {
            key: await do_create_api_token(s, agent, acting_agent_id=None, lifetime=None)
            for key, agent in people.items()
        }
    return World(
        spot_en=spot.id,
        futures_vi=futures.id,
        alice=people["alice"].id,
        bob=people["bob"].id,
        carol=people["carol"].id,
        dave=people["dave"].id,
        tokens=tokens,
    )


@pytest.fixture
def settings() -> Settings:
    # The bot has tests of its own (tests/bot); elsewhere chats go straight to people.
    return Settings(max_body_bytes=64 * 1024, dashboard_cache_seconds=0, bot=False)


@pytest.fixture
async def api(db: Database, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """An unauthenticated HTTP client for the app (in process, over ASGI)."""
    app = create_app(settings, database=db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://firstline.test") as client:
        yield client


def _as(api: httpx.AsyncClient, token: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=api._transport,
        base_url=api.base_url,
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.fixture
def as_alice(api: httpx.AsyncClient, world: World) -> httpx.AsyncClient:
    return _as(api, world.tokens["alice"])


@pytest.fixture
def as_bob(api: httpx.AsyncClient, world: World) -> httpx.AsyncClient:
    return _as(api, world.tokens["bob"])


@pytest.fixture
def as_carol(api: httpx.AsyncClient, world: World) -> httpx.AsyncClient:
    return _as(api, world.tokens["carol"])


@pytest.fixture
def as_dave(api: httpx.AsyncClient, world: World) -> httpx.AsyncClient:
    return _as(api, world.tokens["dave"])


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """One line per distinct skip reason, so a skipped backend is impossible to miss."""
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else "skipped"
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items()):
        terminalreporter.write_line(f"SKIPPED {count} test(s): {reason}")
