"""Hand-written SQL for the hot paths (intake, message append, authentication).

Building a SQLAlchemy statement and running it through the ORM costs a few hundred
microseconds of Python per statement; the database work itself costs a few. On the paths that
every request takes, statements are written once as text and run on the driver connection
underneath the session, inside the session's own transaction, so the rest of the code (and the
transaction boundaries) stay exactly as they are.

SQL is written with PostgreSQL's numbered parameters ($1, $2...); SQLite gets the same text
with ?1, ?2... Values are passed already converted: timestamps with :meth:`RawConnection.ts`,
JSON with :meth:`RawConnection.json`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

try:  # asyncpg is a dependency, but keep SQLite-only installs importable
    from asyncpg.exceptions import (  # type: ignore[import-untyped]
        IntegrityConstraintViolationError as _PGIntegrity,
    )
except ImportError:  # pragma: no cover
    _PGIntegrity = sqlite3.IntegrityError

Hook = Callable[[str], None]  # sees each hand-written statement (tests count them)

_NUMBERED = re.compile(r"\$(\d+)")


class SQL:
    __slots__ = ("postgresql", "sqlite")

    def __init__(self, text: str) -> None:
        self.postgresql = text
        self.sqlite = _NUMBERED.sub(r"?\1", text)


class RawConnection:
    """The driver connection of a session, with the few calls the hot paths need."""

    __slots__ = ("_driver", "_hooks", "sqlite")

    def __init__(self, driver: Any, sqlite: bool, hooks: Sequence[Hook] = ()) -> None:
        self._driver = driver
        self.sqlite = sqlite
        self._hooks = hooks

    def _seen(self, sql: SQL) -> None:
        for hook in self._hooks:
            hook(sql.postgresql)

    def ts(self, value: datetime) -> Any:
        if self.sqlite:
            # The format SQLAlchemy's SQLite DateTime stores, so both read the same rows.
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
        return value

    @staticmethod
    def json(value: Any) -> str:
        return orjson.dumps(value).decode()

    async def fetchone(self, sql: SQL, *args: Any) -> Any:
        if self._hooks:
            self._seen(sql)
        try:
            if self.sqlite:
                return self._driver.execute(sql.sqlite, args).fetchone()
            return await self._driver.fetchrow(sql.postgresql, *args)
        except (sqlite3.IntegrityError, _PGIntegrity) as exc:
            raise IntegrityError(sql.postgresql, args, exc) from exc

    async def fetchall(self, sql: SQL, *args: Any) -> list[Any]:
        if self._hooks:
            self._seen(sql)
        if self.sqlite:
            return list(self._driver.execute(sql.sqlite, args).fetchall())
        return list(await self._driver.fetch(sql.postgresql, *args))

    async def execute(self, sql: SQL, *args: Any) -> None:
        if self._hooks:
            self._seen(sql)
        try:
            if self.sqlite:
                self._driver.execute(sql.sqlite, args)
            else:
                await self._driver.execute(sql.postgresql, *args)
        except (sqlite3.IntegrityError, _PGIntegrity) as exc:
            raise IntegrityError(sql.postgresql, args, exc) from exc

    def command(self, text: str) -> None:
        """A SQLite statement without parameters or rows (SAVEPOINT, RELEASE...), run now."""
        assert self.sqlite, "only the SQLite group commit issues bare commands"
        self._driver.execute(text)


CACHE_KEY = "firstline.raw_connection"
HOOKS_KEY = "firstline.statement_hooks"


async def raw_connection(db: AsyncSession) -> RawConnection:
    """The driver connection under `db` (beginning its transaction if it has not begun).

    Within `Database.transaction()` it is looked up once and kept for the transaction.
    """
    cached: RawConnection | None = db.sync_session.info.get(CACHE_KEY)
    if cached is not None:
        return cached
    conn = await db.connection()
    raw = await conn.get_raw_connection()
    driver = raw.driver_connection
    hooks = db.sync_session.info.get(HOOKS_KEY, ())
    if conn.dialect.name == "sqlite":
        return RawConnection(driver._conn, sqlite=True, hooks=hooks)  # type: ignore[union-attr]
    # SQLAlchemy's asyncpg adapter sends BEGIN lazily, with the first statement it runs itself;
    # statements sent straight to asyncpg would otherwise run outside the transaction and
    # survive its rollback. (Covered by the rollback tests on PostgreSQL.)
    adapted: Any = raw.dbapi_connection
    if adapted._transaction is None and adapted.isolation_level != "autocommit":
        await adapted._start_transaction()
    return RawConnection(driver, sqlite=False, hooks=hooks)
