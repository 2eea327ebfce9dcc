"""Quality review under load: `firstline bench qa`.

Three measurements:

1. The automatic checks on the hot path. Every message an agent or the bot sends is checked
   in the transaction that stores it (quality/checks.py `message_failures`: the secret
   request, the colleague's note, the language). Timed here in this process over the demo's
   agent replies, internal notes and help-center paragraphs in all 17 languages, each one
   many times: the time one check adds to one message. (A failing message also writes one
   row; the share of failures is reported.)
2. A full re-run (`firstline qa recheck`) over a database the bulk loader filled
   (bench/loader.py: conversations of four messages on average, most resolved), timed in
   this process: conversations per second, and what a million takes at that rate.
3. The report (GET /api/v1/qa/report) over HTTP against a real server, at `--sizes`
   conversations a year (1M and 10M by default). The report reads only the summary tables,
   so they are what is written: a year of days, 300 agents in 20 teams, 17 languages, four
   products and three channels, the combinations a year of that many conversations
   fills, with the ratings, reviews and failures in their usual proportions. Then each
   grouping over eight weeks and over a year, one request at a time.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from firstline.bench.client import percentile, run_load
from firstline.bench.server import Server, bootstrap, free_port, prepare_database
from firstline.quality.summary import MONTH, month_of

AGENTS, TEAMS = 300, 20
LANGUAGES = (
    "en", "zh-CN", "zh-TW", "vi", "id", "ru", "es", "pt", "fr", "de", "tr", "ar", "ja", "ko",
    "th", "uk", "it",
)  # fmt: skip
PRODUCTS = ("spot", "futures", "wallet", "p2p")
CHANNELS = (("chat", 70), ("email", 20), ("web_form", 10))
CHECKS = (("reply_language", 0.02), ("first_response_sla", 0.03), ("secret_request", 0.0005))
CRITERIA = ("greeting_tone", "correct_answer", "followed_procedure", "no_secret_requested")
GROUPS = ("week", "agent", "team", "language", "channel")


# -- 1. the checks on the hot path --------------------------------------------------------


def _texts() -> list[tuple[str, str]]:
    from firstline.demo.data import INTERNAL_NOTES, TOPICS
    from firstline.demo.kb import ARTICLES

    out: list[tuple[str, str]] = []
    for topic in TOPICS.values():
        for language, reply in topic["agent_reply"].items():
            out.append((language, reply.replace("{name}", "Lan")))
    for notes in INTERNAL_NOTES.values():
        out += [("en", n) for n in notes]
    for article in ARTICLES:
        for paragraph in article["body"].split("\n\n"):
            if len(paragraph) > 40:
                out.append((article["locale"], paragraph[:600]))
    return out


def check_cost(rounds: int) -> dict[str, Any]:
    from firstline.quality.checks import message_failures

    texts = _texts()
    times: list[float] = []
    failed = 0
    for _ in range(rounds):
        for language, text in texts:
            started = time.perf_counter()
            found = message_failures(
                text, author_kind="agent", language=language, conversation_language=language
            )
            times.append(time.perf_counter() - started)
            failed += bool(found)
    return {
        "scenario": "qa check per message (in process)",
        "ok": len(times),
        "p50_ms": round(percentile(times, 50) * 1000, 4),
        "p95_ms": round(percentile(times, 95) * 1000, 4),
        "p99_ms": round(percentile(times, 99) * 1000, 4),
        "mean_ms": round(statistics.fmean(times) * 1000, 4),
        "failed_share": round(failed / len(times), 4),
        "texts": len(texts),
    }


# -- 2. the full re-run ----------------------------------------------------------------------


def recheck(url: str, size: int) -> dict[str, Any]:
    from firstline.bench import loader
    from firstline.core.db import Database
    from firstline.quality.recheck import recheck_all

    loaded = loader.load(url, size)

    async def go() -> Any:
        db = Database(url)
        try:
            return await recheck_all(db, batch=1000)
        finally:
            await db.dispose()

    result = asyncio.run(go())
    rate = result.conversations / result.seconds if result.seconds else 0.0
    return {
        "scenario": "qa recheck (every check, every conversation)",
        "size": loaded["conversations"],
        "ok": result.conversations,
        "throughput_per_s": round(rate, 1),
        "elapsed_s": round(result.seconds, 1),
        "failed_checks": result.failures,
        "million_takes_min": round(1_000_000 / rate / 60, 1) if rate else None,
    }


# -- 3. the report ---------------------------------------------------------------------------


def _summary_rows(size: int, seed: int = 7) -> Iterator[tuple[str, list[tuple[Any, ...]]]]:
    """The summary rows a year of `size` conversations leaves, table by table, in batches."""
    rng = random.Random(seed)
    start = date(2026, 1, 1)
    per_agent_day = size / 365 / AGENTS
    channels = [c for c, _ in CHANNELS]
    weights = [w for _, w in CHANNELS]
    # Keyed (dim, day, value): the column order of qa_daily_by and qa_fail_by.
    by: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0] * 9)
    fail_by: dict[tuple[str, str, str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    daily: list[tuple[Any, ...]] = []
    fails: list[tuple[Any, ...]] = []
    for d in range(365):
        day = (start + timedelta(days=d)).isoformat()
        for agent in range(1, AGENTS + 1):
            team = agent % TEAMS + 1
            count = max(0, round(rng.gauss(per_agent_day, per_agent_day**0.5)))
            combos: dict[tuple[str, str, str], int] = defaultdict(int)
            main = LANGUAGES[agent % len(LANGUAGES)]
            for _ in range(min(count, 40)):
                language = main if rng.random() < 0.8 else LANGUAGES[(agent + 5) % 17]
                combos[(language, rng.choice(PRODUCTS), rng.choices(channels, weights)[0])] += 1
            scale = count / max(1, min(count, 40))
            for (language, product, channel), n in combos.items():
                n = round(n * scale)
                asked = round(n * 0.8)
                answered = round(asked * 0.35)
                satisfied = round(answered * 0.78)
                low = round(answered * 0.12)
                reviews = round(n * 0.03)
                counts: list[float] = [
                    asked, answered, round(answered * 4.3), satisfied, low, reviews,
                    reviews * 82.5, round(reviews * 0.04), round(n * 0.8),
                ]  # fmt: skip
                daily.append((day, agent, team, language, product, channel, *counts))
                values = {"all": "", "agent": str(agent), "team": str(team),
                          "language": language, "product": product, "channel": channel}  # fmt: skip
                # Each dimension's day row, and (but for "all") its month's row.
                keys = [(dim, day, value) for dim, value in values.items()] + [
                    (dim + MONTH, month_of(day), value) for dim, value in values.items()
                    if dim != "all"
                ]  # fmt: skip
                for dim, when, value in keys:
                    acc = by[(dim, when, value)]
                    for i, c in enumerate(counts):
                        acc[i] += c
                for name, share in CHECKS:
                    failed = sum(rng.random() < share for _ in range(min(n, 20))) * max(1, n // 20)
                    if failed:
                        fails.append((day, "check", name, agent, team, language, product,
                                      channel, failed, 0))  # fmt: skip
                        for dim, when, value in keys:
                            fail_by[(dim, when, value, "check", name)][0] += failed
                for name in CRITERIA[: 1 + reviews % len(CRITERIA)] if reviews else ():
                    failed = round(reviews * 0.1)
                    fails.append((day, "criterion", name, agent, team, language, product,
                                  channel, failed, reviews))  # fmt: skip
                    for dim, when, value in keys:
                        acc2 = fail_by[(dim, when, value, "criterion", name)]
                        acc2[0] += failed
                        acc2[1] += reviews
            if len(daily) > 50_000:
                yield "qa_daily", daily
                daily = []
            if len(fails) > 50_000:
                yield "qa_fail_daily", fails
                fails = []
    yield "qa_daily", daily
    yield "qa_fail_daily", fails
    yield (
        "qa_daily_by",
        [(*k, *(v if i == 6 else round(v) for i, v in enumerate(acc))) for k, acc in by.items()],
    )
    yield "qa_fail_by", [(*k, *v) for k, v in fail_by.items()]


def fill_summary(url: str, size: int) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        con = sqlite3.connect(str(parsed.database))
        for table, rows in _summary_rows(size):
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                counts[table] += len(rows)
        con.commit()
        con.execute("ANALYZE")
        con.close()
        return dict(counts)
    from firstline.bench.loader import connect_postgresql

    async def go() -> None:
        conn = await connect_postgresql(url)
        try:
            for table, rows in _summary_rows(size):
                if rows:
                    await conn.copy_records_to_table(table, records=rows)
                    counts[table] += len(rows)
            await conn.execute("ANALYZE")
        finally:
            await conn.close()

    asyncio.run(go())
    return dict(counts)


def report_latency(
    server: Server, token: str, size: int, backend: str, requests: int
) -> list[dict[str, Any]]:
    rows = []
    for span, since in (("8 weeks", "2026-11-05"), ("1 year", "2026-01-01")):
        for group in GROUPS:
            path = f"/api/v1/qa/report?group_by={group}&since={since}&until=2026-12-31"

            def make(_: int, path: str = path) -> tuple[str, str, bytes | None]:
                return ("GET", path, None)

            outcome = asyncio.run(run_load(server.base, token, make, concurrency=1, total=requests))
            rows.append(
                {"scenario": f"qa report by {group}, {span}", "backend": backend, "size": size,
                 "concurrency": 1, **outcome.summary()}
            )  # fmt: skip
    return rows


def qa(
    backend: str,
    work: Path,
    pg_url: str | None,
    *,
    sizes: list[int],
    recheck_size: int,
    requests: int,
    meta: dict[str, Any],
    profile_to: Callable[[str], Path | None],
    workers: int,
    rounds: int,
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [{"backend": backend, **check_cost(rounds)}]
    url = prepare_database(backend, work, pg_url, "qa-recheck")
    bootstrap(url)
    rows.append({"backend": backend, **recheck(url, recheck_size)})
    for size in sizes:
        url = prepare_database(backend, work, pg_url, "qa-report")
        token = bootstrap(url)
        started = time.perf_counter()
        written = fill_summary(url, size)
        meta[f"qa_summary_{backend}_{size}"] = (
            ", ".join(f"{t} {n:,} rows" for t, n in written.items())
            + f"; written in {time.perf_counter() - started:.1f} s"
        )
        server = Server(
            url=url, port=free_port(), profile_to=profile_to(f"{backend}-{size}"), workers=workers
        )
        server.start()
        try:
            rows += report_latency(server, token, size, backend, requests)
        finally:
            server.stop()
    return rows
