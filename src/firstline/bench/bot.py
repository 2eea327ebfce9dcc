"""The bot's reply time with a large knowledge base: `firstline bench bot`.

Set-up, on a fresh database: `--articles` article versions from bench/kb.py (10,000 by
default, six languages) imported through `firstline kb import`, timed. The server runs with
the bot on, answering extractively (no LLM), with no backoffice (a flow step that needs one
hands over) and BM25 search only (no embeddings), so that what is measured is Firstline's own
work.

Customers. A widget gets its chat token from POST /chat/api/session, which allows one address
60 sessions and then one a second: a single load generator could not open hundreds. So the
customers are created with the action the session endpoint calls (do_upsert_customer) and
their chat sessions started with its action too, as bench/websocket.py does; sessions are not
what is measured. They are signed-in customers (the company's own user ids), not anonymous
visitors: one address may open only a few new anonymous chats (web/chat.py), and the
load generator is one address.

Warm-up. Each server process searches an in-memory index of the articles, built once (at
start-up, web/app.py; before that, on the first search). The build is timed on its own, in
this process with the server's code (KnowledgeIndex.refresh), then the server's start-up
time and its first question, sent alone, are reported apart from the load.

Load. Conversations run `concurrency` at a time, each on a keep-alive connection, until
`--messages` customer messages have been sent, each one `POST /chat/api/messages` timed on
the client (on loopback: the server's time plus a little) and, from the `Server-Timing`
header, on the server. A conversation opens with a question (mostly one that an article
answers, in that article's language; some that nothing answers; a few that start a
self-service flow); when the bot answers, the customer clicks "Yes" or "No" on "Did this
answer your question?", and after a "No" asks another question in the same language. Every
response is classified by what the bot did (answered with an article, handed over and why,
started a flow, closed the conversation, asked to rephrase), and the counts add up to the
messages sent.
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from firstline.bench import kb
from firstline.bench.client import Connection, percentile
from firstline.bench.server import Server, bootstrap, durability, free_port, prepare_database
from firstline.chat.sessions import ChatIdentity
from firstline.core.i18n import CATALOGS, t
from firstline.core.language import SUPPORTED_LANGUAGES

# The share of answered customers who click "Yes" (the rest click "No" and ask again).
YES_SHARE = 0.5
MAX_SECONDS = 900.0  # per concurrency level: the load stops by itself
SERVER_ENV = {
    "FIRSTLINE_BOT": "true",
    "FIRSTLINE_LLM_BASE_URL": "",
    "FIRSTLINE_BACKOFFICE_URL": "",
    "FIRSTLINE_KB_EMBEDDINGS": "0",
}
# The bot's own lines, to tell what a reply did: text -> key ("glad", "handover_unsure"...).
# Lines with an argument (an article's title) cannot be recognised whole and are left out.
_LINES = {
    t(f"bot.{key}", language): key
    for language in SUPPORTED_LANGUAGES
    for key, pattern in CATALOGS.messages("en", "bot").items()
    if "{" not in pattern
}
# The bot's handover lines, by the reason each stands for (bot/engine.py); a flow that hands
# over says why in its own words.
_HANDOVERS = {
    "handover": "", "handover_unsure": "unsure", "handover_money": "funds_at_risk",
    "handover_upset": "upset", "backoffice_down": "backoffice_down",
}  # fmt: skip


@dataclass
class Sample:
    stage: str  # "first" (opens a conversation) or "follow-up"
    sent: str  # answerable, unanswerable, flow, yes, no
    status: int
    latency: float  # seconds, on the client
    server_ms: float | None  # Server-Timing
    outcome: str = "error"
    handover: str | None = None  # why, from the bot's line
    right: bool | None = None  # answered from the article the question was written from
    options: dict[str, str] = field(default_factory=dict)  # value -> label


def classify(sample: Sample, doc: dict[str, Any], expected: str | None) -> None:
    """What the bot did with the message, from the replies it sent back."""
    replies = doc.get("replies") or []
    keys = [_LINES.get(r["body"]) for r in replies if r["author_kind"] == "bot"]
    for r in replies:
        meta = r.get("meta") or {}
        for option in meta.get("options") or ():
            sample.options[option["value"]] = option["label"]
        if meta.get("article"):
            sample.outcome = "answered"
            if expected is not None:
                sample.right = meta["article"]["external_id"] == expected
    if sample.outcome == "answered":
        return
    if "glad" in keys:  # settled: the system line after it tells the customer so
        sample.outcome = "resolved"
    elif any(r["author_kind"] == "system" for r in replies):
        sample.outcome = "handed_over"
        said = next((k for k in keys if k in _HANDOVERS), None)
        if said is None:
            sample.handover = "flow"
        elif said == "handover":  # the plain line: two unhelpful answers, a request, a failure
            sample.handover = "unhelpful" if sample.sent == "no" else "asked_or_failed"
        else:
            sample.handover = _HANDOVERS[said]
    elif "try_again" in keys:
        sample.outcome = "asked_to_rephrase"
    elif keys:
        # A line that is none of the bot's own: a flow's first step.
        sample.outcome = "flow_started"
    else:
        sample.outcome = "no_reply"


class ChatConnection(Connection):
    """One customer connection that also reads the Server-Timing header (bench/client.py's
    Connection reads only the status and the body)."""

    async def post(
        self, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, bytes, float | None]:
        if self.writer is None or self.reader is None:
            await self.open()
        assert self.writer is not None and self.reader is not None
        head = f"POST {path} HTTP/1.1\r\nHost: {self.host}\r\n" + "".join(
            f"{k}: {v}\r\n" for k, v in headers.items()
        )
        head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        self.writer.write(head.encode() + body)
        status = int((await self.reader.readuntil(b"\r\n")).split(b" ", 2)[1])
        length, close, server_ms = 0, False, None
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
            elif name == b"server-timing":
                for part in value.decode().split(";"):
                    if part.strip().startswith("dur="):
                        server_ms = float(part.strip()[4:])
        payload = await self.reader.readexactly(length) if length else b""
        if close:
            self.close()
        return status, payload, server_ms


@dataclass
class Plan:
    """The conversations of one run: who opens each and with what."""

    asker: kb.Asker
    seed: int
    openers: list[kb.Question]
    customers: list[ChatIdentity] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _index_build(url: str) -> tuple[float, float]:
    """Seconds to build the search index of `url`'s articles, as a server process does once,
    and the MiB this process grew by holding it."""
    from firstline.core.db import Database
    from firstline.knowledge.search import KnowledgeIndex

    db = Database(url)
    try:
        before = _rss_mib()
        index = KnowledgeIndex(None)
        started = time.perf_counter()
        async with db.session() as session:
            await index.refresh(session)
        took = time.perf_counter() - started
        grown = _rss_mib() - before
        del index
    finally:
        await db.dispose()
    return took, grown


async def _create_customers(url: str, plan: Plan, prefix: str) -> None:
    """One customer per possible conversation, as POST /chat/api/session would make them,
    and their chat tokens."""
    from firstline.chat.sessions import do_start_chat_session
    from firstline.core.db import Database
    from firstline.customers.actions import do_upsert_customer
    from firstline.customers.schemas import CustomerIn

    db = Database(url)
    try:
        async with db.transaction(raw_writes=True) as session:
            for n, opener in enumerate(plan.openers):
                data = CustomerIn(external_id=f"bench-{prefix}-{n}", locale=opener.language)
                customer = await do_upsert_customer(session, data)
                plan.customers.append(ChatIdentity(customer.id, customer.external_id))
                plan.tokens.append(
                    await do_start_chat_session(session, customer.id, proof="visitor")
                )
    finally:
        await db.dispose()


async def _send(
    conn: ChatConnection,
    token: str,
    text: str,
    language: str,
    client_id: str,
    stage: str,
    sent: str,
    expected: str | None,
) -> Sample:
    body = orjson.dumps({"body": text, "client_id": client_id, "locale": language})
    started = time.perf_counter()
    try:
        status, payload, server_ms = await conn.post(
            "/chat/api/messages", body, {"X-Chat-Token": token}
        )
    except (OSError, asyncio.IncompleteReadError, ValueError):
        conn.close()
        return Sample(stage, sent, 0, time.perf_counter() - started, None)
    sample = Sample(stage, sent, status, time.perf_counter() - started, server_ms)
    if status in (200, 201):
        classify(sample, orjson.loads(payload), expected)
    return sample


async def _drive(
    base: str, plan: Plan, concurrency: int, messages: int, run_id: str
) -> tuple[list[Sample], float, bool]:
    """Conversations `concurrency` at a time until `messages` have been sent (or
    MAX_SECONDS have passed). Returns the samples, the elapsed time, and whether the time ran
    out."""
    host, _, port = base.removeprefix("http://").partition(":")
    samples: list[Sample] = []
    left = messages
    next_conversation = iter(range(len(plan.openers)))
    deadline = time.perf_counter() + MAX_SECONDS
    timed_out = False

    def take() -> bool:
        nonlocal left, timed_out
        if time.perf_counter() > deadline:
            timed_out = True
            return False
        if left <= 0:
            return False
        left -= 1
        return True

    async def converse(conn: ChatConnection, n: int) -> None:
        rng = random.Random(f"{plan.seed}-{n}")
        question = plan.openers[n]
        language, token = question.language, plan.tokens[n]
        text, sent, expected, stage = question.text, question.kind, question.external_id, "first"
        for turn in range(4):
            if not take():
                return
            sample = await _send(conn, token, text, language, f"{run_id}-{n}-{turn}", stage,
                                 sent, expected)  # fmt: skip
            samples.append(sample)
            stage = "follow-up"
            if sample.outcome == "answered" and {"yes", "no"} <= set(sample.options):
                sent = "yes" if rng.random() < YES_SHARE else "no"
                text, expected = sample.options[sent], None
            elif sample.outcome == "asked_to_rephrase":
                question = plan.asker.answerable(rng, language)
                text, sent, expected = question.text, question.kind, question.external_id
            else:
                return

    async def worker() -> None:
        conn = ChatConnection(host, int(port), {})
        try:
            for n in next_conversation:
                if left <= 0 or timed_out:
                    break
                await converse(conn, n)
        finally:
            conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return samples, time.perf_counter() - started, timed_out


def _ms(values: list[float], p: float) -> float:
    return round(percentile(values, p) * 1000, 2) if values else float("nan")


def summarize(samples: list[Sample]) -> dict[str, Any]:
    ok = [s for s in samples if s.status in (200, 201)]
    latencies = [s.latency for s in ok]
    server = [s.server_ms / 1000 for s in ok if s.server_ms is not None]
    by_outcome: dict[str, dict[str, Any]] = {}
    for outcome in sorted({s.outcome for s in ok}):
        these = [s.latency for s in ok if s.outcome == outcome]
        by_outcome[outcome] = {"n": len(these), "p50_ms": _ms(these, 50),
                               "p95_ms": _ms(these, 95), "max_ms": _ms(these, 100)}  # fmt: skip
    answerable = [s for s in ok if s.sent == "answerable"]
    return {
        "requests": len(samples),
        "ok": len(ok),
        "errors": len(samples) - len(ok),
        "statuses": {str(k): v for k, v in sorted(Counter(s.status for s in samples).items())},
        "p50_ms": _ms(latencies, 50),
        "p95_ms": _ms(latencies, 95),
        "p99_ms": _ms(latencies, 99),
        "max_ms": _ms(latencies, 100),
        "server_p50_ms": _ms(server, 50),
        "server_p95_ms": _ms(server, 95),
        "server_p99_ms": _ms(server, 99),
        "server_max_ms": _ms(server, 100),
        "sent": dict(sorted(Counter(s.sent for s in samples).items())),
        "outcomes": dict(sorted(Counter(s.outcome for s in samples).items())),
        "handovers": dict(sorted(Counter(s.handover for s in ok if s.handover).items())),
        "answerable_questions": len(answerable),
        "answered_from_their_article": sum(1 for s in answerable if s.right),
        "answered_from_another_article": sum(1 for s in answerable if s.right is False),
        "by_outcome": by_outcome,
    }


def _kb_import(url: str, path: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "firstline", "kb", "import", str(path), "--status", "published"],
        env={**os.environ, "FIRSTLINE_DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"firstline kb import failed: {result.stderr.strip()}")
    return result.stdout.strip()


def _counts(counter: dict[str, int]) -> str:
    return ", ".join(f"{k.replace('_', ' ')} {v:,}" for k, v in counter.items()) or "none"


def bot(
    backend: str,
    work: Path,
    pg_url: str | None,
    *,
    articles: int,
    levels: list[int],
    messages: int,
    meta: dict[str, Any],
    profile_to: Path | None,
    workers: int,
    seed: int = 7,
) -> list[dict[str, Any]]:
    """Import the articles, start the server, warm it, then one run of `messages` at each
    number of conversations at once in `levels`: three rows each (first messages, follow-ups,
    all), and the set-up figures in `meta`."""
    url = prepare_database(backend, work, pg_url)
    bootstrap(url)
    meta[f"durability_{backend}"] = durability(url)

    items = kb.subjects(articles, seed)
    path = work / f"kb-{articles}-{seed}.jsonl"
    path.write_bytes(kb.jsonl(items))
    started = time.perf_counter()
    imported = _kb_import(url, path)
    languages = ", ".join(f"{lang} {n:,}" for lang, n in kb.by_language(items).most_common())
    meta[f"bot_kb_{backend}"] = (
        f"{articles:,} article versions of {len(items):,} subjects ({languages}), imported "
        f"by `firstline kb import` in {time.perf_counter() - started:.1f} s ({imported})"
    )
    meta["bot_server"] = (
        "FIRSTLINE_BOT=true; extractive answers (no LLM); no backoffice (flows that call it "
        "hand over); BM25 search (FIRSTLINE_KB_EMBEDDINGS=0); customers answer 'Did this "
        f"help?' with Yes {YES_SHARE:.0%} of the time"
    )

    asker = kb.Asker(items)
    # Several workers: fresh connections land on each of them (SO_REUSEPORT), so that each
    # has answered once before the load.
    warm = 1 + 6 * (workers - 1)
    run_id = f"{seed}-{random.randrange(1 << 30):x}"
    plans = []
    for level, count in [(0, warm)] + [(c, messages) for c in levels]:
        rng = random.Random(f"{seed}-openers-{level}")
        plans.append(Plan(asker, seed * 1000 + level, [asker.answerable(rng) if level == 0
                                                        else asker.question(rng)
                                                        for _ in range(count)]))  # fmt: skip
    for n, plan in enumerate(plans):
        asyncio.run(_create_customers(url, plan, f"{run_id}-{n}"))

    build_s, build_mib = asyncio.run(_index_build(url))

    server = Server(url=url, port=free_port(), profile_to=profile_to, workers=workers,
                    env=SERVER_ENV)  # fmt: skip
    started = time.perf_counter()
    server.start()
    start_s = time.perf_counter() - started
    rows: list[dict[str, Any]] = []
    try:
        first = asyncio.run(_warm(server.base, plans[0], run_id))
        meta[f"bot_index_build_{backend}"] = (
            f"index build: {build_s:.2f} s and {build_mib:.0f} MiB for {articles:,} articles "
            f"(once per server process); server ready in {start_s:.2f} s; first question "
            f"answered in {first[0] * 1000:.0f} ms (server {first[1]:.0f} ms), server RSS "
            f"{server.memory().get('rss_mib', 0.0)} MiB after it"
            + (f"; {len(first) // 2 - 1} more warm-up questions" if workers > 1 else "")
        )
        warm_up = {"index_build_s": round(build_s, 2), "server_start_s": round(start_s, 2),
                "first_question_ms": round(first[0] * 1000, 1)}  # fmt: skip
        for level, plan in zip(levels, plans[1:], strict=True):
            samples, elapsed, timed_out = asyncio.run(
                _drive(server.base, plan, level, messages, f"{run_id}-c{level}")
            )
            memory = server.memory()
            common = {"backend": backend, "workers": workers, "concurrency": level,
                      "articles": articles, **memory}  # fmt: skip
            for name, subset in (
                ("bot: first message", [s for s in samples if s.stage == "first"]),
                ("bot: follow-up", [s for s in samples if s.stage == "follow-up"]),
                ("bot: all messages", samples),
            ):
                row = {"scenario": name, **common, **summarize(subset)}
                if name == "bot: all messages":
                    row["elapsed_s"] = round(elapsed, 2)
                    row["throughput_per_s"] = round(row["ok"] / elapsed, 1) if elapsed else 0.0
                    row["conversations"] = sum(1 for s in samples if s.stage == "first")
                    row["stopped_by_time_limit"] = timed_out
                    row.update(warm_up)
                    meta[f"bot_outcomes_{backend}_c{level}"] = (
                        f"{row['conversations']:,} conversations, {row['ok']:,} messages: "
                        f"{_counts(row['outcomes'])}; handovers: {_counts(row['handovers'])}; "
                        f"of {row['answerable_questions']:,} answerable questions, "
                        f"{row['answered_from_their_article']:,} answered from the article "
                        f"they were written from, {row['answered_from_another_article']:,} "
                        "from another"
                    )
                    meta[f"bot_server_time_{backend}_c{level}"] = (
                        "Server-Timing p50/p95/p99/max ms: "
                        f"{row['server_p50_ms']} / {row['server_p95_ms']} / "
                        f"{row['server_p99_ms']} / {row['server_max_ms']}"
                    )
                rows.append(row)
    finally:
        server.stop()
    return rows


async def _warm(base: str, plan: Plan, run_id: str) -> list[float]:
    """Each warm-up question alone, on a fresh connection: (seconds, server ms) of each,
    flattened. On a server that builds its index on the first search, the first builds it."""
    host, _, port = base.removeprefix("http://").partition(":")
    times: list[float] = []
    for n, question in enumerate(plan.openers):
        conn = ChatConnection(host, int(port), {})
        try:
            sample = await _send(conn, plan.tokens[n], question.text, question.language,
                                 f"{run_id}-warm-{n}", "first", question.kind, None)  # fmt: skip
        finally:
            conn.close()
        if sample.status not in (200, 201):
            raise RuntimeError(f"warm-up question failed with HTTP {sample.status}")
        times += [sample.latency, sample.server_ms or float("nan")]
    return times
