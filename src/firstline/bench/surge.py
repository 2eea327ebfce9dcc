"""The surge: a support day of 70,000 conversations in 17 languages, with one hour a hundred
times busier than the others, replayed against a real server with its jobs running.

Time is compressed (one hour of the day takes --hour-seconds), the SLA clocks are not: a
conversation that waits more than a minute breaches, as it would. Agents are simulated
through the API (answer what is assigned to them, resolve it after --handle-seconds), so
capacity frees up and the queues drain as on a real floor. Afterwards the database is
checked: every acknowledged conversation is there, each one is assigned, queued or resolved
(never lost between the two), and the breaches recorded are exactly the targets that were
missed, no more and no fewer.
"""

from __future__ import annotations

import asyncio
import bisect
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import orjson

from firstline.bench.client import Connection, percentile
from firstline.bench.scenarios import Context

# One opening a language; a few mention money at risk, so priorities do some work too.
OPENINGS = {
    "en": "Hello, I cannot find where to change the email on my account.",
    "zh-CN": "你好，我想问一下怎么修改账户绑定的手机号码？",
    "zh-TW": "您好，請問如何修改帳戶綁定的電子郵件地址？",
    "vi": "Tôi đã nạp USDT nhưng chưa nhận được tiền vào tài khoản.",
    "id": "Halo, saya ingin bertanya tentang biaya penarikan ke bank.",
    "ru": "Здравствуйте, подскажите, как изменить номер телефона в профиле?",
    "es": "Hola, quiero saber cuánto tarda la verificación de identidad.",
    "pt": "Olá, minha verificação de identidade está pendente há dois dias.",
    "fr": "Bonjour, je voudrais savoir comment activer la double authentification.",
    "de": "Hallo, meine Einzahlung ist nicht angekommen, bitte helfen Sie mir.",
    "tr": "Merhaba, hesabımdaki komisyon oranlarını nasıl görebilirim?",
    "ar": "مرحبا، أريد أن أعرف كيف أغير كلمة المرور الخاصة بي.",
    "ja": "こんにちは、本人確認の審査はどのくらいかかりますか？",
    "ko": "안녕하세요, 출금 한도를 높이려면 어떻게 해야 하나요?",
    "th": "สวัสดีครับ ผมอยากทราบวิธีเปลี่ยนอีเมลในบัญชี",
    "uk": "Добрий день, як змінити адресу електронної пошти в акаунті?",
    "it": "Buongiorno, vorrei sapere come si cambia il numero di telefono.",
}
LANGUAGES = list(OPENINGS)
REPLY = "Thanks, I am looking into it now."
HOURS = 24


@dataclass
class Plan:
    total: int = 70_000
    burst_factor: int = 100
    burst_hour: int = 14
    hour_seconds: float = 30.0
    agents_per_language: int = 4
    capacity: int = 6
    handle_seconds: float = 20.0
    drain_seconds: float = 60.0
    concurrency: int = 64
    # None keeps the built-in chat target (60 s); the smoke run sets a short one so that
    # breaches happen, and their accounting is checked, within seconds.
    first_response_seconds: int | None = None

    def hourly(self) -> list[int]:
        """Arrivals per hour: 23 ordinary hours and one `burst_factor` times busier."""
        base = self.total / (HOURS - 1 + self.burst_factor)
        counts = [round(base * (self.burst_factor if h == self.burst_hour else 1))
                  for h in range(HOURS)]  # fmt: skip
        counts[self.burst_hour] += self.total - sum(counts)
        return counts


@dataclass
class Sample:
    sent_at: float
    latency: float
    status: int
    backlog: int
    conversation_id: int | None = None


@dataclass
class Floor:
    """What the supervisor dashboard said over time."""

    times: list[float] = field(default_factory=list)
    waiting: list[int] = field(default_factory=list)

    def at(self, t: float) -> int:
        i = bisect.bisect_right(self.times, t) - 1
        return self.waiting[i] if i >= 0 else 0


def _split(base: str) -> tuple[str, int]:
    host, _, port = base.removeprefix("http://").rstrip("/").partition(":")
    return host, int(port or 80)


async def _call(conn: Connection, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    status, payload = await conn.request(method, path, orjson.dumps(body) if body else None)
    return status, orjson.loads(payload) if payload else None


async def staff(ctx: Context, plan: Plan) -> list[int]:
    """A team per language and its agents, online, each taking `capacity` chats at once."""
    host, port = _split(ctx.server.base)
    conn = Connection(host, port, {"Authorization": f"Bearer {ctx.token}"})
    agents = []
    try:
        if plan.first_response_seconds is not None:
            status, policy = await _call(conn, "POST", "/api/v1/sla/policies", {
                "name": "Surge chat", "channel": "chat",
                "first_response_seconds": plan.first_response_seconds,
                "next_response_seconds": 120, "resolution_seconds": 86400,
            })  # fmt: skip
            assert status == 201, policy
        for lang in LANGUAGES:
            status, team = await _call(conn, "POST", "/api/v1/teams",
                                       {"name": f"Desk {lang}", "languages": [lang]})  # fmt: skip
            assert status == 201, team
            for n in range(plan.agents_per_language):
                status, agent = await _call(
                    conn, "POST", "/api/v1/agents",
                    {"email": f"{lang.lower()}-{n}@surge.test", "name": f"Agent {lang} {n}",
                     "languages": [lang, "en"], "team_ids": [team["id"]],
                     "max_concurrent": plan.capacity},
                )  # fmt: skip
                assert status == 201, agent
                status, _ = await _call(
                    conn, "PATCH", f"/api/v1/agents/{agent['id']}", {"presence": "online"}
                )
                assert status == 200
                agents.append(agent["id"])
    finally:
        conn.close()
    return agents


async def _send_day(ctx: Context, plan: Plan, floor: Floor, samples: list[Sample]) -> float:
    """Send the day's arrivals on schedule over `concurrency` connections; returns how far
    behind schedule the latest one went out (seconds)."""
    host, port = _split(ctx.server.base)
    schedule: list[tuple[float, int]] = []
    n = 0
    for hour, count in enumerate(plan.hourly()):
        for i in range(count):
            schedule.append((hour * plan.hour_seconds + i * plan.hour_seconds / count, n))
            n += 1
    queue: asyncio.Queue[tuple[float, int] | None] = asyncio.Queue(maxsize=plan.concurrency * 4)
    retries = [0]
    start = time.perf_counter()
    lateness = 0.0

    async def dispatch() -> None:
        nonlocal lateness
        for at, n in schedule:
            delay = start + at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            await queue.put((at, n))
            # How far behind its schedule the slowest arrival went out (the server, or the
            # load generator, could not keep up with the arrivals meanwhile).
            lateness = max(lateness, time.perf_counter() - start - at)
        for _ in range(plan.concurrency):
            await queue.put(None)

    async def worker() -> None:
        conn = Connection(host, port, {"Authorization": f"Bearer {ctx.token}"})
        try:
            while (item := await queue.get()) is not None:
                _, n = item
                lang = LANGUAGES[n % len(LANGUAGES)]
                body = orjson.dumps({
                    "customer": {"external_id": f"surge-{ctx.run_id}-{n}", "locale": lang},
                    "channel": "chat",
                    "message": {"body": OPENINGS[lang], "client_id": f"m-{n}"},
                })  # fmt: skip
                sent = time.perf_counter()
                status, payload = 0, b""
                # A 503 means the server wrote nothing and asks for a retry, as a client
                # would do; the same client id makes a retry after a lost answer harmless.
                for _attempt in range(5):
                    try:
                        status, payload = await conn.request("POST", "/api/v1/conversations", body)
                    except (OSError, asyncio.IncompleteReadError, ValueError):
                        conn.close()
                        status = 0
                    if status not in (0, 503):
                        break
                    retries[0] += 1
                    await asyncio.sleep(0.2)
                if status == 0:
                    samples.append(Sample(sent - start, 0.0, 0, floor.at(sent - start)))
                    continue
                cid = orjson.loads(payload)["id"] if status == 201 else None
                samples.append(Sample(sent - start, time.perf_counter() - sent, status,
                                      floor.at(sent - start), cid))  # fmt: skip
        finally:
            conn.close()

    await asyncio.gather(dispatch(), *(worker() for _ in range(plan.concurrency)))
    return lateness


async def _watch(ctx: Context, floor: Floor, stop: asyncio.Event, start: float) -> None:
    host, port = _split(ctx.server.base)
    conn = Connection(host, port, {"Authorization": f"Bearer {ctx.token}"})
    try:
        while not stop.is_set():
            try:
                status, doc = await _call(conn, "GET", "/api/v1/dashboard")
                if status == 200:
                    floor.times.append(time.perf_counter() - start)
                    floor.waiting.append(int(doc["totals"]["waiting"]))
            except (OSError, asyncio.IncompleteReadError, ValueError):
                conn.close()
            await asyncio.sleep(0.5)
    finally:
        conn.close()


async def _work(ctx: Context, plan: Plan, agents: list[int], stop: asyncio.Event) -> dict[str, int]:
    """The agents: answer what is theirs, resolve it `handle_seconds` after answering."""
    host, port = _split(ctx.server.base)
    done = {"answered": 0, "resolved": 0}
    answered_at: dict[int, float] = {}

    async def agent_loop(chunk: list[int]) -> None:
        conn = Connection(host, port, {"Authorization": f"Bearer {ctx.token}"})
        try:
            while not stop.is_set():
                for agent in chunk:
                    try:
                        status, page = await _call(
                            conn, "GET",
                            f"/api/v1/conversations?status=open&assignee_id={agent}&limit=50",
                        )  # fmt: skip
                        if status != 200:
                            continue
                        now = time.perf_counter()
                        for c in page["items"]:
                            cid = c["id"]
                            if c["first_response_at"] is None:
                                path = f"/api/v1/conversations/{cid}/messages"
                                s, _ = await _call(conn, "POST", path, {"body": REPLY})
                                if s == 201:
                                    done["answered"] += 1
                                    answered_at[cid] = now
                            elif now - answered_at.get(cid, now) >= plan.handle_seconds:
                                s, _ = await _call(conn, "PATCH", f"/api/v1/conversations/{cid}",
                                                   {"status": "resolved"})  # fmt: skip
                                if s == 200:
                                    done["resolved"] += 1
                            elif cid not in answered_at:
                                answered_at[cid] = now
                    except (OSError, asyncio.IncompleteReadError, ValueError):
                        conn.close()
                await asyncio.sleep(0.5)
        finally:
            conn.close()

    chunks = [agents[i::8] for i in range(8)]
    await asyncio.gather(*(agent_loop(c) for c in chunks if c))
    return done


async def replay(ctx: Context, plan: Plan) -> dict[str, Any]:
    agents = await staff(ctx, plan)
    floor = Floor()
    samples: list[Sample] = []
    stop_watch, stop_work = asyncio.Event(), asyncio.Event()
    start = time.perf_counter()
    watcher = asyncio.create_task(_watch(ctx, floor, stop_watch, start))
    worker = asyncio.create_task(_work(ctx, plan, agents, stop_work))
    lateness = await _send_day(ctx, plan, floor, samples)
    sent_s = time.perf_counter() - start
    await asyncio.sleep(plan.drain_seconds)
    stop_work.set()
    work = await worker
    stop_watch.set()
    await watcher
    return {
        "agents": len(agents),
        "samples": samples,
        "floor": floor,
        "lateness_s": round(lateness, 2),
        "sent_s": round(sent_s, 1),
        **work,
    }


BUCKETS = [(0, 100), (100, 1_000), (1_000, 10_000), (10_000, 10**9)]


def by_backlog(samples: list[Sample], plan: Plan) -> list[dict[str, Any]]:
    """Intake latency by phase of the day and by how many conversations were waiting when
    it was sent. The quiet hours after the burst carry the burst's backlog at an ordinary
    arrival rate: compared with the quiet hours before it, they show what a large backlog
    costs each new conversation."""
    burst_from = plan.burst_hour * plan.hour_seconds
    burst_to = burst_from + plan.hour_seconds

    def phase(s: Sample) -> str:
        if s.sent_at < burst_from:
            return "before the burst"
        if s.sent_at < burst_to:
            return "burst hour"
        # The hour after the burst is also when the jobs record its breaches and relax its
        # queue; the later hours carry the backlog with the jobs caught up.
        return "hour after the burst" if s.sent_at < burst_to + plan.hour_seconds else "later"

    rows = []
    for name in ("before the burst", "burst hour", "hour after the burst", "later"):
        for low, high in BUCKETS:
            chosen = [
                s.latency
                for s in samples
                if s.status == 201 and phase(s) == name and low <= s.backlog < high
            ]
            if not chosen:
                continue
            rows.append({
                "phase": name,
                "backlog": f"{low:,}-{high:,}" if high < 10**9 else f"{low:,}+",
                "requests": len(chosen),
                "p50_ms": round(percentile(chosen, 50) * 1000, 2),
                "p95_ms": round(percentile(chosen, 95) * 1000, 2),
                "p99_ms": round(percentile(chosen, 99) * 1000, 2),
            })  # fmt: skip
    return rows


async def verify(
    url: str, acknowledged: set[int], stopped_at: float, cutoff: datetime
) -> dict[str, Any]:
    """What the database holds after the day (the server stopped, then one jobs pass began at
    `cutoff`: every target due by then must have its outcome)."""
    from firstline.core.db import Database, parse_utc
    from firstline.core.rawsql import SQL, raw_connection

    def ts(value: Any) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        return parse_utc(value)

    db = Database(url, pool_size=2)
    try:
        async with db.session() as s:
            raw = await raw_connection(s)
            rows = await raw.fetchall(SQL(
                "SELECT id, status, team_id, assignee_id, queue_rank, first_response_due_at, "
                "first_response_at FROM conversations"
            ))  # fmt: skip
            outcomes = await raw.fetchall(SQL(
                "SELECT conversation_id, outcome, due_at, recorded_at FROM sla_outcomes "
                "WHERE metric = 'first_response'"
            ))  # fmt: skip
    finally:
        await db.dispose()
    stored = {r[0] for r in rows}
    state = {"assigned": 0, "queued": 0, "resolved": 0, "neither": 0, "unrouted": 0}
    missed: set[int] = set()
    met: set[int] = set()
    for cid, status, team, assignee, rank, due, first in rows:
        due, first = ts(due), ts(first)
        if team is None:
            state["unrouted"] += 1
        if status in ("resolved", "closed"):
            state["resolved"] += 1
        elif rank is not None:
            state["queued"] += 1
        elif assignee is not None:
            state["assigned"] += 1
        else:
            state["neither"] += 1
        if due is not None and due <= cutoff:
            if first is None or first > due:
                missed.add(cid)
            else:
                met.add(cid)
    # Outcomes of targets due after the cutoff are the jobs pass doing its work; leave them out.
    outcomes = [o for o in outcomes if ts(o[2]) <= cutoff]  # type: ignore[operator]
    breached = [o for o in outcomes if o[1] == "breached"]
    recorded = {o[0] for o in breached}
    lags = [
        (ts(o[3]) - ts(o[2])).total_seconds()  # type: ignore[operator]
        for o in breached
        if ts(o[3]).timestamp() <= stopped_at  # type: ignore[union-attr]
    ]
    return {
        "acknowledged": len(acknowledged),
        "stored": len(stored),
        "lost": len(acknowledged - stored),
        "stored_unacknowledged": len(stored - acknowledged),
        **state,
        "breaches_expected": len(missed),
        "breaches_recorded": len(breached),
        "breaches_recorded_once": len(recorded) == len(breached),
        "breaches_unrecorded": len(missed - recorded),
        "breaches_wrongly_recorded": len(recorded - missed),
        "met_recorded": sum(1 for o in outcomes if o[1] == "met"),
        "met_expected": len(met),
        "breach_lag_p50_s": round(percentile(lags, 50), 2) if lags else None,
        "breach_lag_p99_s": round(percentile(lags, 99), 2) if lags else None,
        "breach_lag_max_s": round(max(lags), 2) if lags else None,
    }
