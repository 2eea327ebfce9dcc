"""The scenarios: each drives a running server and returns rows for the results table."""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass
from typing import Any

import orjson

from firstline.bench.client import Outcome, run_load
from firstline.bench.server import Server

# Realistic first messages in several scripts, so language detection does real work.
OPENINGS = [
    "My USDT deposit via TRC20 has not arrived after two hours, TXID attached.",
    "Tôi đã nạp 500 USDT qua mạng BEP20 nhưng tài khoản chưa nhận được.",
    "Saya sudah transfer 0,05 BTC tapi saldo belum bertambah sejak pagi.",
    "Мой вывод средств на карту висит уже три часа, что происходит?",
    "我的充值还没到账，交易哈希已经附上，请帮我查一下。",
    "出金が3時間も保留中のままです。どうなっていますか？",
    "Para yatırma işlemim üç saattir bekliyor, hesabıma geçmedi.",
    "Mi retiro lleva tres horas pendiente y necesito el dinero hoy.",
]
REPLIES = [
    "Thanks for waiting, I can see the transaction with 12 of 20 confirmations.",
    "Could you send the TXID and the network you selected when withdrawing?",
    "Cảm ơn bạn, chúng tôi đã chuyển yêu cầu cho bộ phận nạp rút.",
]


@dataclass
class Context:
    server: Server
    token: str
    backend: str
    run_id: str = ""

    def __post_init__(self) -> None:
        self.run_id = self.run_id or uuid.uuid4().hex[:8]


def _row(ctx: Context, scenario: str, concurrency: int, outcome: Outcome) -> dict[str, Any]:
    return {
        "scenario": scenario,
        "backend": ctx.backend,
        "workers": ctx.server.workers,
        "concurrency": concurrency,
        **outcome.summary(),
        **ctx.server.memory(),
    }


def intake_request(prefix: str) -> Any:
    def make(n: int) -> tuple[str, str, bytes]:
        # Even requests bring a new customer, odd ones the customer of the request before:
        # half new, half returning.
        body = {
            "customer": {"external_id": f"{prefix}-{n // 2}", "locale": "en-US"},
            "channel": "chat",
            "message": {"body": OPENINGS[n % len(OPENINGS)]},
        }
        return "POST", "/api/v1/conversations", orjson.dumps(body)

    return make


def warm_up(ctx: Context) -> None:
    """A few unmeasured requests, so the first measured ones do not pay for imports and
    connection set-up."""
    asyncio.run(
        run_load(
            ctx.server.base, ctx.token, intake_request(f"warm-{ctx.run_id}"),
            concurrency=4, total=100,
        )
    )  # fmt: skip


def intake(ctx: Context, levels: list[int], requests: int) -> list[dict[str, Any]]:
    warm_up(ctx)
    rows = []
    for c in levels:
        make = intake_request(f"in-{ctx.run_id}-c{c}")
        outcome = asyncio.run(
            run_load(ctx.server.base, ctx.token, make, concurrency=c, total=requests)
        )
        rows.append(_row(ctx, "intake", c, outcome))
    return rows


def _open_conversations(ctx: Context, count: int) -> list[int]:
    outcome = asyncio.run(
        run_load(
            ctx.server.base,
            ctx.token,
            intake_request(f"seed-{ctx.run_id}"),
            concurrency=8,
            total=count,
            keep_bodies=True,
        )
    )
    return [b["id"] for b in outcome.bodies]


def append(ctx: Context, levels: list[int], requests: int) -> list[dict[str, Any]]:
    ids = _open_conversations(ctx, 200)
    rows = []
    for c in levels:

        def make(n: int) -> tuple[str, str, bytes]:
            body = {"body": REPLIES[n % len(REPLIES)], "author_kind": "agent"}
            return "POST", f"/api/v1/conversations/{ids[n % len(ids)]}/messages", orjson.dumps(body)

        outcome = asyncio.run(
            run_load(ctx.server.base, ctx.token, make, concurrency=c, total=requests)
        )
        rows.append(_row(ctx, "append", c, outcome))
    return rows


def durability(ctx: Context, requests: int, kill_after: float) -> list[dict[str, Any]]:
    """Kill -9 the server mid-load; after a restart every acknowledged conversation must be
    there with its first message. Returns one row with `lost` (must be 0)."""
    prefix = f"dur-{ctx.run_id}"

    async def load_and_kill() -> Outcome:
        loop = asyncio.get_running_loop()
        loop.call_later(kill_after, ctx.server.kill)
        return await run_load(
            ctx.server.base,
            ctx.token,
            intake_request(prefix),
            concurrency=16,
            total=requests,
            keep_bodies=True,
            max_seconds=kill_after + 30,
        )

    started = time.perf_counter()
    outcome = asyncio.run(load_and_kill())
    acknowledged = {b["id"]: b["customer"]["external_id"] for b in outcome.bodies}
    ctx.server.kill()  # in case the load finished before the timer
    ctx.server.start()
    ids = list(acknowledged)

    def make(n: int) -> tuple[str, str, None]:
        return "GET", f"/api/v1/conversations/{ids[n]}", None

    check = asyncio.run(
        run_load(ctx.server.base, ctx.token, make, concurrency=8, total=len(ids), keep_bodies=True)
    )
    found = {
        b["id"]
        for b in check.bodies
        if acknowledged.get(b["id"]) == b["customer"]["external_id"] and b["messages"]
    }
    return [
        {
            "scenario": "durability",
            "backend": ctx.backend,
            "workers": ctx.server.workers,
            "concurrency": 16,
            "acknowledged": len(acknowledged),
            "unacknowledged_or_failed": outcome.errors
            + sum(n for s, n in outcome.statuses.items() if not 200 <= s < 300),
            "found_after_restart": len(found),
            "lost": len(acknowledged) - len(found),
            "killed_after_s": kill_after,
            "elapsed_s": round(time.perf_counter() - started, 2),
        }
    ]


def views(
    ctx: Context, size: int, team_ids: list[int], concurrency: int, requests: int
) -> list[dict[str, Any]]:
    """What an agent's screen asks for, with `size` conversations in the database: the newest
    50 open conversations of a team, and one conversation with its messages."""
    import random

    rng = random.Random(size)
    teams = [rng.choice(team_ids) for _ in range(requests)]
    ids = [rng.randint(1, size) for _ in range(requests)]

    def inbox(n: int) -> tuple[str, str, None]:
        return (
            "GET",
            f"/api/v1/conversations?team_id={teams[n % requests]}&status=open&limit=50",
            None,
        )

    def detail(n: int) -> tuple[str, str, None]:
        return "GET", f"/api/v1/conversations/{ids[n % requests]}", None

    rows = []
    for name, make in (("view: team inbox (50 open)", inbox), ("view: conversation", detail)):
        asyncio.run(run_load(ctx.server.base, ctx.token, make, concurrency=2, total=50))
        outcome = asyncio.run(
            run_load(ctx.server.base, ctx.token, make, concurrency=concurrency, total=requests)
        )
        rows.append({**_row(ctx, name, concurrency, outcome), "size": size})
    return rows


def search_terms() -> list[str]:
    """Queries an agent would type, in many languages: words and two-word phrases taken from
    the kind of messages the loader writes, plus words that match nothing."""
    from firstline.demo.data import TOPICS
    from firstline.search.text import tokens

    terms: list[str] = []
    for topic in TOPICS.values():
        for text in topic["opening"].values():
            words = [t for t in tokens(text) if len(t) >= 4 or (len(t) >= 2 and not t.isascii())]
            if words:
                terms.append(words[len(words) // 2])
            if len(words) >= 2:
                terms.append(f"{words[0]} {words[-1]}")
    terms += ["0xdeadbeefcafe", "nonexistentword"]
    return terms


def search(ctx: Context, size: int, concurrency: int, requests: int) -> list[dict[str, Any]]:
    """GET /api/v1/search?q=...&limit=50 with `size` conversations (about 4 messages each)."""
    import random
    from urllib.parse import quote

    terms = search_terms()
    rng = random.Random(size)
    picks = [quote(rng.choice(terms)) for _ in range(requests)]

    def make(n: int) -> tuple[str, str, None]:
        return "GET", f"/api/v1/search?q={picks[n % requests]}&limit=50", None

    asyncio.run(run_load(ctx.server.base, ctx.token, make, concurrency=2, total=50))
    outcome = asyncio.run(
        run_load(ctx.server.base, ctx.token, make, concurrency=concurrency, total=requests)
    )
    return [{**_row(ctx, "search (limit 50)", concurrency, outcome), "size": size}]
