"""Engines, sessions and the declarative base.

SQLite is the zero-setup default and PostgreSQL the scale-out path; both go through the same
code. On SQLite, writes go through one dedicated connection per process that opens its
transactions with ``BEGIN IMMEDIATE``: SQLite allows one writer at a time anyway, and taking the
lock up front means a transaction never fails half-way trying to upgrade a read lock
(SQLITE_BUSY). Reads use a separate pool and never wait for writers (WAL mode).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, MetaData, TypeDecorator, event, text
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.pool import AsyncAdaptedQueuePool

from firstline.core.clock import Clock, SystemClock
from firstline.core.errors import Unavailable
from firstline.core.events import EventBus, bind_bus, pending_events
from firstline.core.rawsql import CACHE_KEY as RAW_CACHE_KEY
from firstline.core.rawsql import HOOKS_KEY as RAW_HOOKS_KEY
from firstline.core.rawsql import RawConnection, raw_connection
from firstline.core.sqlite_inline import Checkpointer, InlineConnection, inline_creator

NAMING = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out, on SQLite (which stores text) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def bind_processor(self, dialect: Dialect) -> Any:
        if dialect.name != "sqlite":
            return super().bind_processor(dialect)

        # The text SQLAlchemy's SQLite DateTime writes, produced directly: lists and intake
        # convert hundreds of timestamps a request, and the generic path costs microseconds each.
        def process(value: datetime | None) -> str | None:
            if value is None:
                return None
            if value.tzinfo is None:
                raise ValueError("naive datetime given to a UTC column")
            return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")

        return process

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)

        def process(value: str | None) -> datetime | None:
            return None if value is None else parse_utc(value)

        return process


def parse_utc(value: str) -> datetime:
    """A timestamp as SQLite stores it (naive UTC text) as an aware datetime. Parsing the text
    with its offset is several times faster than parsing it and then replacing the tzinfo,
    and lists parse five timestamps a row."""
    return datetime.fromisoformat(value + "+00:00")


class DatabaseURLError(Exception):
    """The configured database URL cannot be used; the message says why."""


_CLOCK = "firstline.clock"


# The unit's before-commit hooks (Database.transaction on PostgreSQL; absent elsewhere).
BEFORE_COMMIT_KEY = "firstline.before_commit"


def before_commit(db: AsyncSession, hook: Callable[[AsyncSession], Awaitable[None]]) -> bool:
    """Run `hook(db)` as the unit's last statements, just before it commits, when the unit
    supports it (a PostgreSQL transaction of Database.transaction); False when it does not and
    the caller must write at once."""
    hooks = db.sync_session.info.get(BEFORE_COMMIT_KEY)
    if hooks is None:
        return False
    hooks.append(hook)
    return True


def clock_of(db: AsyncSession) -> Clock:
    clock: Clock = db.sync_session.info[_CLOCK]
    return clock


def now(db: AsyncSession) -> datetime:
    return clock_of(db).now()


def _normalize_url(url: str) -> str:
    # People paste the URLs their other tools use; map them to the async drivers we ship.
    for plain, async_ in (
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
        ("sqlite://", "sqlite+aiosqlite://"),
    ):
        if url.startswith(plain):
            return async_ + url[len(plain) :]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # The connection is in autocommit mode (see sqlite_inline); transactions are opened
    # explicitly by _sqlite_begin.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=10000")
    # WAL mode is stored in the file; switching needs the write lock, so only when not in it.
    cur.execute("PRAGMA journal_mode")
    if str(cur.fetchone()[0]).lower() != "wal":
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # 16 MiB of page cache per connection (eleven connections: ten readers, one writer); the
    # operating system's file cache holds the rest of a hot database.
    cur.execute("PRAGMA cache_size=-16384")
    cur.execute("PRAGMA temp_store=MEMORY")
    # Checkpoints run in a background thread instead (see Checkpointer).
    cur.execute("PRAGMA wal_autocheckpoint=0")
    cur.close()


def _no_busy_wait(dbapi_conn: Any, _record: Any) -> None:
    # The writer never sleeps inside SQLite waiting for another process's write lock: that
    # would stall the event loop. take_write_lock retries from the loop instead.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=0")
    cur.close()


# How long a write waits for another process to release SQLite's write lock before it is
# refused (HTTP 503); a module attribute so that tests can shorten it.
WRITE_LOCK_TIMEOUT = 10.0


async def take_write_lock(raw: RawConnection) -> None:
    """BEGIN IMMEDIATE, waiting on the event loop while another process holds the write lock.

    Another server process (`firstline serve --workers N`) or a CLI command may be writing;
    the wait yields to the loop, so this process keeps parsing requests and running reads,
    and the units that arrive meanwhile join the batch that commits once the lock is ours.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WRITE_LOCK_TIMEOUT
    delay = 0.0002
    while True:
        try:
            raw.command("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode != sqlite3.SQLITE_BUSY:
                raise
        if loop.time() >= deadline:
            raise Unavailable(
                f"The database stayed locked by another writer for {WRITE_LOCK_TIMEOUT:g} s; "
                "nothing was written. Retry the request."
            )
        await asyncio.sleep(delay)
        delay = min(delay * 2, 0.005)


RAW_UNIT_KEY = "firstline.raw_writes_unit"


@event.listens_for(Session, "before_flush")
def _refuse_orm_writes_in_raw_units(session: Session, _context: Any, _objects: Any) -> None:
    if session.info.get(RAW_UNIT_KEY):
        raise RuntimeError(
            "an ORM flush inside db.transaction(raw_writes=True): write with core/rawsql.py "
            "there, or open the transaction without raw_writes"
        )


def _direct_savepoints(dialect: Any) -> None:
    """Emit SAVEPOINT, RELEASE and ROLLBACK TO straight on the SQLite connection.

    SQLAlchemy builds, caches and compiles a statement for each of them, and each savepoint
    has a new name, so the cache never hits: about a sixth of a message append's time under
    group commit went there. The statements are the same; only the route to them is shorter.
    """

    def run(connection: Any, sql: str) -> None:
        inline: InlineConnection = connection.connection.driver_connection
        inline.run(sql)

    dialect.do_savepoint = lambda connection, name: run(connection, f"SAVEPOINT {name}")
    dialect.do_release_savepoint = lambda connection, name: run(connection, f"RELEASE {name}")
    dialect.do_rollback_to_savepoint = lambda connection, name: run(
        connection, f"ROLLBACK TO SAVEPOINT {name}"
    )


class Database:
    """The engines, session factories, clock and event bus of one deployment."""

    def __init__(
        self,
        url: str,
        *,
        bus: EventBus | None = None,
        clock: Clock | None = None,
        pool_size: int = 10,
        echo: bool = False,
    ) -> None:
        self.url = _normalize_url(url)
        self.bus = bus or EventBus()
        self.clock: Clock = clock or SystemClock()
        # Called with each hand-written statement (core/rawsql.py); tests count queries here.
        self.statement_hooks: list[Callable[[str], None]] = []
        try:
            parsed = make_url(self.url)
        except ArgumentError as exc:
            raise DatabaseURLError(f"cannot parse database URL {url!r}") from exc
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise DatabaseURLError(
                f"unsupported database {self.dialect!r}: use sqlite+aiosqlite:///FILE "
                "or postgresql+asyncpg://USER@HOST/DB"
            )
        try:
            if self.dialect == "sqlite":
                self.engine = self._sqlite_engine(begin="BEGIN", pool_size=pool_size, echo=echo)
                # The group commit begins the write transactions itself (take_write_lock).
                self.write_engine = self._sqlite_engine(begin=None, pool_size=1, echo=echo)
                self.checkpointer: Checkpointer | None = Checkpointer(parsed.database or ":memory:")
                self.group_commit: GroupCommit | None = GroupCommit(self)
            else:
                self.engine = create_async_engine(
                    self.url,
                    pool_size=pool_size,
                    max_overflow=pool_size,
                    pool_pre_ping=False,
                    echo=echo,
                )
                self.write_engine = self.engine
                self.checkpointer = None
                self.group_commit = None
        except (NoSuchModuleError, ImportError) as exc:
            raise DatabaseURLError(f"no driver for database URL {url!r}: {exc}") from exc
        self._read = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write = async_sessionmaker(self.write_engine, expire_on_commit=False)

    def _sqlite_engine(self, *, begin: str | None, pool_size: int, echo: bool) -> AsyncEngine:
        url = make_url(self.url)
        engine = create_async_engine(
            url,
            async_creator=inline_creator(
                url.database or ":memory:", uri=bool(url.query.get("uri"))
            ),
            poolclass=AsyncAdaptedQueuePool,
            pool_size=pool_size,
            max_overflow=0,
            pool_timeout=120,
            echo=echo,
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        _direct_savepoints(engine.sync_engine.dialect)
        if begin is None:
            event.listen(engine.sync_engine, "connect", _no_busy_wait)
            return engine

        @event.listens_for(engine.sync_engine, "begin")
        def _sqlite_begin(conn: Any) -> None:
            conn.exec_driver_sql(begin)

        return engine

    def _bind(self, session: AsyncSession) -> AsyncSession:
        bind_bus(session, self.bus)
        session.sync_session.info[_CLOCK] = self.clock
        if self.statement_hooks:
            session.sync_session.info[RAW_HOOKS_KEY] = tuple(self.statement_hooks)
        return session

    def session(self) -> AsyncSession:
        """A session for reads. On SQLite it must not write (it would not hold the write lock)."""
        return self._bind(self._read())

    @asynccontextmanager
    async def transaction(self, *, raw_writes: bool = False) -> AsyncIterator[AsyncSession]:
        """One unit of work: on success it is durably committed (and its events delivered)
        before this block exits; on error nothing of it is written.

        `raw_writes=True` promises that the unit writes only through hand-written SQL
        (core/rawsql.py), never by flushing ORM objects; on SQLite its savepoint then skips
        SQLAlchemy's transaction bookkeeping, which costs more than the hot paths' statements.
        A flush inside such a unit raises instead of writing."""
        if self.group_commit is not None:
            async with self.group_commit.unit(raw_writes=raw_writes) as session:
                yield session
            return
        async with self._bind(self._write()) as session, session.begin():
            info = session.sync_session.info
            info[RAW_CACHE_KEY] = await raw_connection(session)
            info[BEFORE_COMMIT_KEY] = []
            try:
                yield session
                # Last writes of the unit, run just before it commits (audit/actions.py: the
                # audit chain's lock is then held for one statement, not the whole unit).
                hooks: list[Callable[[AsyncSession], Awaitable[None]]] = info[BEFORE_COMMIT_KEY]
                while hooks:
                    await hooks.pop(0)(session)
            finally:
                del info[RAW_CACHE_KEY]
                info.pop(BEFORE_COMMIT_KEY, None)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        if self.group_commit is not None:
            await self.group_commit.close()
        if self.checkpointer is not None:
            self.checkpointer.stop()
        await self.engine.dispose()
        if self.write_engine is not self.engine:
            await self.write_engine.dispose()


class GroupCommit:
    """SQLite group commit: the writes of concurrent requests share one transaction.

    A SQLite commit costs far more than the inserts of a typical request (the WAL append, the
    session and transaction bookkeeping around BEGIN IMMEDIATE and COMMIT). Here each request
    runs its unit of work inside a SAVEPOINT of a shared transaction, one request at a time;
    a failed unit rolls back to its savepoint and drops its own events only. When the event
    loop has no more ready work, one COMMIT makes the whole batch durable, and only then does
    each request's `transaction()` block exit, so no request is acknowledged before its
    writes are on disk. A failed COMMIT fails every request of the batch: nothing partial.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self.lock = asyncio.Lock()
        self.session: AsyncSession | None = None
        self.waiters: list[asyncio.Future[None]] = []
        self.flushing: asyncio.Task[None] | None = None

    async def _session(self) -> AsyncSession:
        if self.session is None:
            session = self.db._bind(self.db._write())
            await session.begin()
            raw = await raw_connection(session)
            try:
                await take_write_lock(raw)
            except BaseException:
                await session.close()
                raise
            session.sync_session.info[RAW_CACHE_KEY] = raw
            self.session = session
        return self.session

    @asynccontextmanager
    async def unit(self, *, raw_writes: bool = False) -> AsyncIterator[AsyncSession]:
        loop = asyncio.get_running_loop()
        async with self.lock:
            if self.db.checkpointer is not None:
                self.db.checkpointer.start()
            session = await self._session()
            pending = pending_events(session)
            mark = len(pending)
            if raw_writes:
                raw: RawConnection = session.sync_session.info[RAW_CACHE_KEY]
                info = session.sync_session.info
                # Units run one at a time, so one savepoint name serves them all.
                raw.command("SAVEPOINT raw_unit")
                info[RAW_UNIT_KEY] = True
                try:
                    yield session
                except BaseException:
                    raw.command("ROLLBACK TO SAVEPOINT raw_unit")
                    raw.command("RELEASE raw_unit")
                    # Whatever the unit added to the session was never written; drop it.
                    session.expunge_all()
                    del pending[mark:]
                    self._end_soon(loop)
                    raise
                finally:
                    info.pop(RAW_UNIT_KEY, None)
                raw.command("RELEASE raw_unit")
            else:
                savepoint = await session.begin_nested()
                # SQLAlchemy emits SAVEPOINT lazily, with the session's next statement; the hot
                # paths write through the driver connection, so make it happen now.
                await session.connection()
                try:
                    yield session
                except BaseException:
                    await savepoint.rollback()
                    del pending[mark:]
                    self._end_soon(loop)
                    raise
                await savepoint.commit()
            done: asyncio.Future[None] = loop.create_future()
            self.waiters.append(done)
            if self.flushing is None:
                self.flushing = loop.create_task(self._flush())
        await done

    def _end_soon(self, loop: asyncio.AbstractEventLoop) -> None:
        # A failed unit leaves the shared transaction open, and with it the file's one write
        # lock. When no other unit of the batch is waiting for a COMMIT, nothing else would end
        # it: other processes and the CLI would wait for the lock until some later write came
        # along here. A flush with no waiters commits what its batch mates wrote (nothing, when
        # the failed unit was alone) and lets the lock go.
        if self.flushing is None:
            self.flushing = loop.create_task(self._flush())

    async def _flush(self) -> None:
        # Let every request that is ready to run add its unit to this batch first.
        await asyncio.sleep(0)
        async with self.lock:
            session, waiters = self.session, self.waiters
            self.session, self.waiters, self.flushing = None, [], None
            if session is None:
                return
            try:
                await session.commit()
            except BaseException as exc:
                for w in waiters:
                    if not w.done():
                        w.set_exception(exc)
                await session.close()
                if not isinstance(exc, Exception):
                    raise
                return
            await session.close()
        for w in waiters:
            if not w.done():
                w.set_result(None)

    async def close(self) -> None:
        if self.flushing is not None:
            await self.flushing
        if self.session is not None:
            await self.session.close()
            self.session = None
