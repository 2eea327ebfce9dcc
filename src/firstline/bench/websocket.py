"""Live delivery: N customers connected to one server process, agents replying.

Each customer has a conversation (opened through the REST API) and a WebSocket on /chat/ws.
Agent replies are posted at a steady rate to random conversations over keep-alive HTTP
connections; the delivery latency of a reply is the time from sending its POST to its arrival
on that customer's socket, so it includes the reply's own commit. Everything runs in this one
load-generator process, so both ends read the same clock. Memory per connection is the growth
of the server's resident memory from before the sockets opened to after, divided by N.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import resource
import time
from typing import Any

import orjson
import websockets

from firstline.bench.client import Connection, Outcome, run_load
from firstline.bench.scenarios import Context

# A reply's body carries its sequence number so the receiving end can match it to its POST.
MARK = "bench-delivery-"


def raise_fd_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


async def _chat_tokens(url: str, customer_ids: list[int]) -> dict[int, str]:
    """A chat session for each customer, as POST /chat/api/session would start one."""
    from firstline.chat.sessions import do_start_chat_session
    from firstline.core.db import Database

    db = Database(url)
    try:
        async with db.transaction(raw_writes=True) as session:
            return {
                c: await do_start_chat_session(session, c, proof="visitor") for c in customer_ids
            }
    finally:
        await db.dispose()


async def _customers(ctx: Context, count: int) -> list[tuple[int, int]]:
    """`count` customers with a chat conversation each: (customer id, conversation id)."""
    prefix = f"ws-{ctx.run_id}-"

    def make(n: int) -> tuple[str, str, bytes]:
        body = {
            "customer": {"external_id": f"{prefix}{n}", "locale": "en"},
            "channel": "chat",
            "message": {"body": "Hello, I have a question about my deposit"},
        }
        return "POST", "/api/v1/conversations", orjson.dumps(body)

    opened = await run_load(
        ctx.server.base, ctx.token, make, concurrency=16, total=count, keep_bodies=True,
        max_seconds=600,
    )  # fmt: skip
    if opened.ok != count:
        raise RuntimeError(f"could open only {opened.ok} of {count} conversations")
    return [(b["customer"]["id"], b["id"]) for b in opened.bodies]


async def _run(
    ctx: Context, url: str, connections: int, messages: int, rate: float
) -> dict[str, Any]:
    people = await _customers(ctx, connections)
    tokens = await _chat_tokens(url, [c for c, _ in people])
    ws_base = ctx.server.base.replace("http://", "ws://", 1)

    before = ctx.server.memory().get("rss_mib", 0.0)
    sent: dict[int, float] = {}
    latencies: list[float] = []
    arrived = asyncio.Event()
    sockets: list[Any] = []
    readers: list[asyncio.Task[None]] = []

    async def reader(ws: Any) -> None:
        try:
            async for raw in ws:
                at = time.perf_counter()
                if MARK not in raw:
                    continue
                doc = orjson.loads(raw)
                seq = int(doc["message"]["body"].removeprefix(MARK))
                started = sent.pop(seq, None)
                if started is not None:
                    latencies.append(at - started)
                    if not sent and len(latencies) == messages:
                        arrived.set()
        except websockets.ConnectionClosed:
            return

    gate = asyncio.Semaphore(200)

    async def open_one(customer_id: int) -> None:
        async with gate:
            ws = await websockets.connect(
                f"{ws_base}/chat/ws?after=999999999999",
                max_size=2**20,
                ping_interval=None,
                open_timeout=60,
            )
            # The token in the first frame, as the widget sends it.
            await ws.send(orjson.dumps({"type": "auth", "token": tokens[customer_id]}).decode())
            await ws.recv()  # {"type": "ready"}
        sockets.append(ws)
        readers.append(asyncio.create_task(reader(ws)))

    started_connect = time.perf_counter()
    await asyncio.gather(*(open_one(c) for c, _ in people))
    connect_s = time.perf_counter() - started_connect
    await asyncio.sleep(1.0)  # let the server settle before reading its memory
    after = ctx.server.memory().get("rss_mib", 0.0)

    headers = {"Authorization": f"Bearer {ctx.token}", "Content-Type": "application/json"}
    posters = [Connection("127.0.0.1", ctx.server.port, headers) for _ in range(8)]
    failed = 0
    rng = random.Random(7)

    async def post(seq: int, poster: Connection) -> None:
        nonlocal failed
        _, conversation_id = people[rng.randrange(len(people))]
        body = orjson.dumps({"body": f"{MARK}{seq}", "author_kind": "agent"})
        sent[seq] = time.perf_counter()
        status, _ = await poster.request(
            "POST", f"/api/v1/conversations/{conversation_id}/messages", body
        )
        if status != 201:
            failed += 1
            sent.pop(seq, None)

    interval = 1.0 / rate
    started_load = time.perf_counter()
    pending: set[asyncio.Task[None]] = set()
    locks = [asyncio.Lock() for _ in posters]

    async def paced(seq: int) -> None:
        index = seq % len(posters)
        async with locks[index]:
            await post(seq, posters[index])

    for seq in range(messages):
        target = started_load + seq * interval
        delay = target - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(paced(seq))
        pending.add(task)
        task.add_done_callback(pending.discard)
    if pending:
        await asyncio.gather(*pending)
    with contextlib.suppress(TimeoutError):  # whatever has not arrived by then is lost
        await asyncio.wait_for(arrived.wait(), timeout=30)
    load_s = time.perf_counter() - started_load
    for poster in posters:
        poster.close()
    for ws in sockets:
        await ws.close()
    for task in readers:
        task.cancel()

    outcome = Outcome(latencies=latencies, elapsed=load_s)
    summary = outcome.summary()
    return {
        "scenario": "websocket delivery",
        "backend": ctx.backend,
        "workers": ctx.server.workers,
        "connections": connections,
        "concurrency": connections,
        "ok": len(latencies),
        "messages": messages,
        "lost": messages - failed - len(latencies),
        "failed_posts": failed,
        "rate_per_s": rate,
        "throughput_per_s": summary["throughput_per_s"],
        "p50_ms": summary["p50_ms"],
        "p95_ms": summary["p95_ms"],
        "p99_ms": summary["p99_ms"],
        "max_ms": summary["max_ms"],
        "errors": failed,
        "connect_s": round(connect_s, 2),
        "rss_before_mib": before,
        "rss_mib": after,
        "kib_per_connection": round((after - before) * 1024 / connections, 1),
    }


def websocket(
    ctx: Context, url: str, connections: int, messages: int, rate: float
) -> list[dict[str, Any]]:
    raise_fd_limit()
    return [asyncio.run(_run(ctx, url, connections, messages, rate))]
