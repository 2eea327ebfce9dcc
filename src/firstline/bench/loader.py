"""Bulk loader: fills a database with realistic multilingual support traffic, fast, outside the
HTTP path (the benchmarks measure reads at sizes no test run could reach by posting).

Teams, agents and the bench token are created through the normal actions; customers,
conversations and messages are then written in large batches straight to the driver
(executemany on SQLite, COPY on PostgreSQL), with the same columns and formats the actions
write. Deterministic for a given size and seed.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.engine import make_url

from firstline.agents.actions import do_create_agent, do_create_team
from firstline.agents.models import Line, Role
from firstline.core.db import Database
from firstline.demo.data import AGENT_NAMES, CUSTOMER_NAMES, INTERNAL_NOTES, TOPICS
from firstline.demo.seed import LANGUAGE_GROUPS, LANGUAGE_WEIGHTS, LOCALES, PRODUCTS, REGIONS
from firstline.search.text import index_text

BATCH = 20_000
MESSAGES_PER_CONVERSATION = (2, 6)  # inclusive range; about four on average
STATUSES = (["open"] * 12 + ["pending"] * 6 + ["on_hold"] * 2 + ["resolved"] * 50
            + ["closed"] * 30)  # fmt: skip
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 200 else flat[:199] + "…"


class Plan:
    """What to generate, row by row, for `size` conversations."""

    def __init__(self, size: int, team_ids: dict[tuple[str, str], int],
                 agents_by_team: dict[int, list[int]], seed: int = 7) -> None:  # fmt: skip
        self.size = size
        self.customers = max(1, size // 3)
        self.team_ids = team_ids
        self.agents_by_team = agents_by_team
        self.rng = random.Random(seed)
        self.languages = list(LANGUAGE_WEIGHTS)
        weights = [LANGUAGE_WEIGHTS[x] for x in self.languages]
        # Precomputed choices keep generation cheap at millions of rows.
        self.customer_language = self.rng.choices(self.languages, weights, k=self.customers)
        self.topics = list(TOPICS)
        self.span = timedelta(days=365)

    def customer_rows(self, ts: Any) -> Iterator[tuple[Any, ...]]:
        for n in range(self.customers):
            lang = self.customer_language[n]
            name = CUSTOMER_NAMES[lang][n % len(CUSTOMER_NAMES[lang])]
            tier = "vip" + str(n % 9 + 1) if n % 20 == 0 else "regular"
            at = ts(EPOCH)
            yield (n + 1, f"load-{n + 1}", name, f"c{n + 1}@example.com", LOCALES[lang], lang,
                   tier, REGIONS[lang], at, at)  # fmt: skip

    def conversation_and_message_rows(
        self, ts: Any, json: Any
    ) -> Iterator[tuple[tuple[Any, ...], list[tuple[Any, ...]]]]:
        rng = self.rng
        message_id = 0
        step = self.span / self.size
        for n in range(self.size):
            cid = n + 1
            customer = rng.randrange(self.customers)
            lang = self.customer_language[customer]
            slug = self.topics[n % len(self.topics)]
            topic = TOPICS[slug]
            group = next(g for g, langs in LANGUAGE_GROUPS.items() if lang in langs)
            team = self.team_ids[(topic["product"], group)]
            status = STATUSES[n % len(STATUSES)]
            staff = self.agents_by_team.get(team) or []
            assignee = (
                None if not staff or (status == "open" and n % 3 == 0) else staff[n % len(staff)]
            )
            created = EPOCH + step * n
            count = rng.randint(*MESSAGES_PER_CONVERSATION)
            texts = [
                ("customer", None, topic["opening"][lang], False),
                ("agent", assignee, topic["agent_reply"][lang].replace("{name}", ""), False),
                ("customer", None, topic["follow_up"][lang], False),
                ("agent", assignee, INTERNAL_NOTES[slug][n % len(INTERNAL_NOTES[slug])], True),
                ("agent", assignee, topic["agent_reply"][lang].replace("{name}", ""), False),
                ("customer", None, topic["follow_up"][lang], False),
            ][:count]
            messages = []
            at = created
            first_response = None
            last_public = created
            preview = ""
            for kind, agent, body, internal in texts:
                message_id += 1
                at = at + timedelta(seconds=rng.randint(20, 600))
                if kind == "agent" and not internal and first_response is None:
                    first_response = at
                if not internal:
                    last_public, preview = at, _preview(body)
                language = "en" if internal else lang
                author = agent if kind == "agent" else None
                messages.append((message_id, cid, kind, author, body, internal, language, ts(at)))
            resolved = ts(at) if status in ("resolved", "closed") else None
            conversation = (
                cid, customer + 1, status, topic["priority"], lang, topic["product"], "chat",
                topic["subject"][lang], team, assignee, json([]), len(messages), preview,
                ts(created), ts(at), ts(last_public),
                ts(first_response) if first_response else None, resolved,
            )  # fmt: skip
            yield conversation, messages


CUSTOMER_COLUMNS = ("id", "external_id", "name", "email", "locale", "language", "tier",
                    "region", "created_at", "updated_at")  # fmt: skip
CONVERSATION_COLUMNS = ("id", "customer_id", "status", "priority", "language", "product",
                        "channel", "subject", "team_id", "assignee_id", "tags",
                        "message_count", "last_message_preview", "created_at", "updated_at",
                        "last_message_at", "first_response_at", "resolved_at")  # fmt: skip
MESSAGE_COLUMNS = ("id", "conversation_id", "author_kind", "author_agent_id", "body",
                   "internal", "language", "created_at")  # fmt: skip


async def _staff(url: str) -> tuple[dict[tuple[str, str], int], dict[int, list[int]]]:
    db = Database(url)
    team_ids: dict[tuple[str, str], int] = {}
    agents_by_team: dict[int, list[int]] = {}
    try:
        async with db.transaction() as s:
            for product, product_name in PRODUCTS.items():
                for group, langs in LANGUAGE_GROUPS.items():
                    team = await do_create_team(
                        s, name=f"{product_name} · {group}", product=product, languages=langs,
                        line=Line.first, acting_agent_id=None,
                    )  # fmt: skip
                    team_ids[(product, group)] = team.id
                    agents_by_team[team.id] = []
            for n, (name, langs) in enumerate(AGENT_NAMES, start=1):
                groups = {g for g, gl in LANGUAGE_GROUPS.items() if set(langs) & set(gl)}
                member_of = [team_ids[(p, g)] for g in sorted(groups) for p in PRODUCTS]
                agent = await do_create_agent(
                    s, email=f"load-agent{n}@firstline.test", name=name, role=Role.agent,
                    languages=langs, team_ids=member_of, acting_agent_id=None,
                )  # fmt: skip
                for t in member_of:
                    agents_by_team[t].append(agent.id)
    finally:
        await db.dispose()
    return team_ids, agents_by_team


_TOKENS: dict[str, str] = {}


def _tokens(body: str) -> str:
    # The generated bodies come from a few hundred texts; segment each once.
    found = _TOKENS.get(body)
    if found is None:
        found = _TOKENS[body] = index_text(body)
    return found


def _sqlite_ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _load_sqlite(path: str, plan: Plan) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA synchronous=OFF")  # a loader: re-run it if the machine dies
        conn.execute("PRAGMA cache_size=-1048576")

        def insert(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
            marks = ", ".join("?" * len(columns))
            conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            if table == "messages":
                conn.executemany(
                    "INSERT INTO message_fts (rowid, tokens) VALUES (?, ?)",
                    [(m[0], _tokens(m[4])) for m in rows],
                )

        conn.execute("BEGIN")
        batch: list[tuple[Any, ...]] = []
        for row in plan.customer_rows(_sqlite_ts):
            batch.append(row)
            if len(batch) >= BATCH:
                insert("customers", CUSTOMER_COLUMNS, batch)
                batch = []
        insert("customers", CUSTOMER_COLUMNS, batch)
        convs: list[tuple[Any, ...]] = []
        msgs: list[tuple[Any, ...]] = []
        for n, (conv, messages) in enumerate(
            plan.conversation_and_message_rows(_sqlite_ts, lambda v: orjson.dumps(v).decode())
        ):
            convs.append(conv)
            msgs.extend(messages)
            if len(convs) >= BATCH:
                insert("conversations", CONVERSATION_COLUMNS, convs)
                insert("messages", MESSAGE_COLUMNS, msgs)
                convs, msgs = [], []
                if (n + 1) % (BATCH * 10) == 0:
                    conn.execute("COMMIT")
                    # Keep the WAL small: one transaction for all of 10M conversations grew
                    # it past 15 GB before anything reached the database file.
                    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                    conn.execute("BEGIN")
        insert("conversations", CONVERSATION_COLUMNS, convs)
        insert("messages", MESSAGE_COLUMNS, msgs)
        conn.execute("COMMIT")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


async def connect_postgresql(url: str) -> Any:
    """A plain asyncpg connection to the database a SQLAlchemy URL names (for COPY)."""
    import asyncpg  # type: ignore[import-untyped]

    u = make_url(url)
    return await asyncpg.connect(
        user=u.username, password=u.password, host=u.host or "127.0.0.1", port=u.port or 5432,
        database=u.database,
    )  # fmt: skip


async def _load_postgresql(url: str, plan: Plan) -> None:
    conn = await connect_postgresql(url)
    try:
        await conn.execute("SET synchronous_commit = off")
        await conn.execute("SET maintenance_work_mem = '1GB'")
        await conn.execute("CREATE TEMP TABLE fts_stage (message_id INTEGER, tokens TEXT)")
        # Building an index once over the loaded rows is several times faster than keeping it
        # up to date row by row (the GIN index above all): drop the secondary indexes, load,
        # then create them again from their own definitions.
        indexes = await conn.fetch(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i "
            "JOIN pg_class c ON c.relname = i.indexname "
            "JOIN pg_index x ON x.indexrelid = c.oid "
            "WHERE i.schemaname = current_schema() AND NOT x.indisprimary AND NOT x.indisunique "
            "AND i.tablename IN ('customers', 'conversations', 'messages', 'message_fts')"
        )
        for index in indexes:
            await conn.execute(f'DROP INDEX "{index["indexname"]}"')

        async def copy_messages(rows: list[tuple[Any, ...]]) -> None:
            await conn.copy_records_to_table("messages", records=rows, columns=MESSAGE_COLUMNS)
            await conn.copy_records_to_table(
                "fts_stage", records=[(m[0], _tokens(m[4])) for m in rows]
            )

        await conn.copy_records_to_table(
            "customers", records=list(plan.customer_rows(lambda v: v)), columns=CUSTOMER_COLUMNS
        )
        convs: list[tuple[Any, ...]] = []
        msgs: list[tuple[Any, ...]] = []
        for conv, messages in plan.conversation_and_message_rows(
            lambda v: v, lambda v: orjson.dumps(v).decode()
        ):
            convs.append(conv)
            msgs.extend(messages)
            if len(convs) >= BATCH:
                await conn.copy_records_to_table(
                    "conversations", records=convs, columns=CONVERSATION_COLUMNS
                )
                await copy_messages(msgs)
                convs, msgs = [], []
        if convs:
            await conn.copy_records_to_table(
                "conversations", records=convs, columns=CONVERSATION_COLUMNS
            )
            await copy_messages(msgs)
        await conn.execute(
            "INSERT INTO message_fts (message_id, tsv) "
            "SELECT message_id, to_tsvector('simple', tokens) FROM fts_stage"
        )
        for index in indexes:
            await conn.execute(index["indexdef"])
        for table in ("customers", "conversations", "messages"):
            await conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


def load(url: str, size: int) -> dict[str, Any]:
    """Fill the (migrated, empty) database at `url` with `size` conversations."""
    started = time.perf_counter()
    team_ids, agents_by_team = asyncio.run(_staff(url))
    plan = Plan(size, team_ids, agents_by_team)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        _load_sqlite(parsed.database or "", plan)
    else:
        asyncio.run(_load_postgresql(url, plan))
    elapsed = time.perf_counter() - started
    result = {
        "conversations": size,
        "customers": plan.customers,
        "load_s": round(elapsed, 1),
        "conversations_per_s": round(size / elapsed),
        "team_ids": sorted(team_ids.values()),
    }
    asyncio.run(_mark_loaded(url, result))
    return result


# Written last, so a database with this row holds a complete load (see previous_load).
_MARK = "bench_loaded"


async def _mark_loaded(url: str, result: dict[str, Any]) -> None:
    db = Database(url)
    try:
        async with db.engine.begin() as conn:
            await conn.execute(text(f"CREATE TABLE {_MARK} (result TEXT NOT NULL)"))
            await conn.execute(
                text(f"INSERT INTO {_MARK} (result) VALUES (:r)"),
                {"r": orjson.dumps(result).decode()},
            )
    finally:
        await db.dispose()


def previous_load(url: str) -> dict[str, Any] | None:
    """What an earlier `load` put in the database at `url`, or None if it holds no complete
    load (missing, empty, or interrupted)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists():
        return None

    async def read() -> dict[str, Any] | None:
        db = Database(url)
        try:
            async with db.engine.connect() as conn:
                row = (await conn.execute(text(f"SELECT result FROM {_MARK}"))).first()
        except Exception:  # no such database, or no such table: nothing reusable there
            return None
        finally:
            await db.dispose()
        return orjson.loads(row[0]) if row else None

    return asyncio.run(read())
