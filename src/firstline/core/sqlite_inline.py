"""SQLite driven from the event loop's own thread, for SQLAlchemy's aiosqlite dialect.

aiosqlite runs each connection in a thread and hands every call (cursor, execute, fetch, close,
commit) across a queue and back: about 80 microseconds a hop, and eight or more hops a request,
which capped the whole server at a few hundred requests a second. An index-backed SQLite
statement takes a few microseconds, far less than the hop, so here the statement simply runs in
the calling thread and the "awaitable" returns at once.

The trade-off is explicit: a statement blocks the event loop while it runs. That is why every
list and search must be index-backed (they are, and the benchmarks check it), and why a write
never waits inside SQLite for another process's lock: the writer's busy timeout is zero and
`take_write_lock` (core/db.py) retries from the loop, so several server processes can share
one file.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from typing import Any


class InlineCursor:
    __slots__ = ("_cursor",)

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        if parameters is None:
            self._cursor.execute(sql)
        else:
            self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> InlineCursor:
        self._cursor.executemany(sql, seq)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def nextset(self) -> None:
        return None

    async def close(self) -> None:
        self._cursor.close()


class InlineConnection:
    """The subset of aiosqlite.Connection that SQLAlchemy's aiosqlite dialect uses."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._connection: sqlite3.Connection | None = conn

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    def run(self, sql: str) -> None:
        """Run a statement that returns nothing, synchronously (savepoints)."""
        self._conn.execute(sql)

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()


def inline_creator(path: str, *, uri: bool = False) -> Any:
    """An `async_creator` for create_async_engine: opens the file in autocommit mode, because
    transactions are begun explicitly (BEGIN or BEGIN IMMEDIATE) by the engine."""

    async def create() -> InlineConnection:
        conn = sqlite3.connect(
            path,
            uri=uri,
            isolation_level=None,
            check_same_thread=False,
        )
        return InlineConnection(conn)

    return create


class Checkpointer:
    """Copies the WAL back into the database file from a background thread.

    SQLite's automatic checkpoint runs inside whichever COMMIT crosses the threshold, on the
    event loop here, and includes an fsync: a stall of tens of milliseconds for the unlucky
    request every few thousand writes. The server's connections turn it off
    (wal_autocheckpoint=0) and this thread does the work instead, in PASSIVE mode, which never
    blocks a writer.
    """

    def __init__(self, path: str, interval: float = 0.5) -> None:
        self.path = path
        self.interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="firstline-wal-checkpoint", daemon=True
            )
            self._thread.start()

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout=1000")
            while not self._stop.wait(self.interval):
                with contextlib.suppress(sqlite3.OperationalError):  # busy: next round
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            conn.close()

    def stop(self) -> None:
        if self._thread is not None:
            self._stop.set()
            self._thread.join(timeout=10)
            self._thread = None
