"""Mail under load: `firstline bench email`.

A real server (`firstline serve`) with its SMTP listener, a mailbox, and a second SMTP server
in this process (aiosmtpd) that receives what the server sends. Then:

1. Intake. `--requests` mails at each concurrency: that many SMTP connections at once, each
   sending its share one after another over one connection, as a relaying MTA does; each mail
   from its own sender, in Vietnamese, Indonesian or English. Timed per mail, from DATA to the
   250 that says it is stored, routed and its acknowledgement queued; then mails a second.
2. Checked. The conversations are counted in the database: a mail answered 250 and not stored
   is `lost`, and fails the run.
3. Outbox. Every acknowledgement must reach the receiving server: how long until the last one
   arrived, acknowledgements a second, and per mail the time from its 250 to its
   acknowledgement's arrival.
4. Backlog. `--backlog` more mails (20,000 by default) are sent and left unanswered, then the
   intake is timed again at the highest concurrency: what a full queue does to a new mail.

Loads are bounded (a count of mails, a timeout on every wait) and target loopback only.
"""

from __future__ import annotations

import asyncio
import smtplib
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
from aiosmtpd.controller import Controller

from firstline.bench.client import percentile
from firstline.bench.server import Server, bootstrap, durability, free_port, prepare_database

TEXTS = (
    "Toi nap 500 USDT qua mang TRC20 tu hom qua ma van chua thay tien ve tai khoan.",
    "Kak saya udah deposit USDT dari kemarin tapi saldonya belum masuk juga, tolong dicek ya.",
    "My withdrawal of 0.5 BTC has been pending for three hours; please check it.",
    "Tài khoản của tôi bị khóa sau khi đổi mã 2FA, làm sao để mở lại?",
)
ACK_TIMEOUT = 600.0


class Receiver:
    """What the server sends: each acknowledgement's arrival time, by the mail it answers."""

    def __init__(self) -> None:
        self.arrived: dict[str, float] = {}
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        at = time.monotonic()
        head = bytes(envelope.original_content or b"")[:8192].decode("latin-1")
        for line in head.splitlines():
            if line.lower().startswith("in-reply-to:"):
                with self.lock:
                    self.arrived[line.split(":", 1)[1].strip().strip("<>")] = at
                break
        return "250 OK"

    def count(self) -> int:
        with self.lock:
            return len(self.arrived)


def _mail(n: int, tag: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"customer{tag}{n}@example.com"
    message["To"] = "support@bench.test"
    message["Subject"] = f"Request {tag}{n}"
    message["Message-ID"] = f"<bench-{tag}-{n}@example.com>"
    message.set_content(TEXTS[n % len(TEXTS)])
    return message


def _send(port: int, mails: list[EmailMessage]) -> list[tuple[str, float, float, bool]]:
    """Send `mails` over one connection: (message id, started, answered, ok) each."""
    out = []
    with smtplib.SMTP("127.0.0.1", port, timeout=60) as client:
        for message in mails:
            started = time.monotonic()
            try:
                client.send_message(message)
                ok = True
            except smtplib.SMTPException:
                ok = False
            out.append((str(message["Message-ID"]).strip("<>"), started, time.monotonic(), ok))
    return out


def _load(port: int, count: int, concurrency: int, tag: str) -> dict[str, Any]:
    mails = [_mail(n, tag) for n in range(count)]
    shares = [mails[i::concurrency] for i in range(concurrency)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = [r for part in pool.map(lambda s: _send(port, s), shares) for r in part]
    elapsed = time.monotonic() - started
    latencies = sorted((done - begun) * 1000 for _, begun, done, ok in results if ok)
    return {
        "results": results,
        "ok": len(latencies),
        "errors": len(results) - len(latencies),
        "elapsed_s": round(elapsed, 2),
        "throughput_per_s": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
    }


def _stored(url: str) -> int:
    from sqlalchemy import func, select

    from firstline.conversations.models import Conversation
    from firstline.core.db import Database

    async def count() -> int:
        db = Database(url)
        try:
            async with db.session() as s:
                return int(
                    await s.scalar(
                        select(func.count())
                        .select_from(Conversation)
                        .where(Conversation.channel == "email")
                    )
                    or 0
                )
        finally:
            await db.dispose()

    return asyncio.run(count())


def _wait_for(receiver: Receiver, expected: int, timeout: float) -> float:
    deadline = time.monotonic() + timeout
    while receiver.count() < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return time.monotonic()


def email(
    backend: str,
    work: Path,
    pg_url: str | None,
    *,
    levels: list[int],
    requests: int,
    backlog: int,
    meta: dict[str, Any],
    profile_to: Callable[[str], Path | None],
    workers: int,
) -> list[dict[str, Any]]:
    url = prepare_database(backend, work, pg_url)
    token = bootstrap(url)
    meta[f"durability_{backend}"] = durability(url)
    receiver = Receiver()
    sink = Controller(receiver, hostname="127.0.0.1", port=free_port())
    sink.start()
    smtp_port = free_port()
    server = Server(
        url=url, port=free_port(), profile_to=profile_to(backend), workers=workers,
        env={
            "FIRSTLINE_SMTP_LISTEN": f"127.0.0.1:{smtp_port}",
            "FIRSTLINE_SMTP_URL": f"smtp://127.0.0.1:{sink.port}",
            "FIRSTLINE_ATTACHMENTS_DIR": str(work / f"files-{backend}"),
            "FIRSTLINE_BOT": "false",
        },
    )  # fmt: skip
    server.start()
    rows: list[dict[str, Any]] = []
    base = {"backend": backend, "workers": workers}
    try:
        r = httpx.post(
            f"{server.base}/api/v1/mailboxes",
            json={"address": "support@bench.test", "name": "Bench Support"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        r.raise_for_status()
        sent = 0
        answered: dict[str, float] = {}
        for concurrency in levels:
            run = _load(smtp_port, requests, concurrency, f"c{concurrency}-")
            sent += run["ok"]
            answered.update({mid: done for mid, _, done, ok in run["results"] if ok})
            rows.append({"scenario": "email intake (SMTP)", **base, "size": sent,
                         "concurrency": concurrency,
                         **{k: v for k, v in run.items() if k != "results"}})  # fmt: skip
        stored = _stored(url)
        first = min(answered.values()) if answered else time.monotonic()
        last = _wait_for(receiver, sent, ACK_TIMEOUT)
        delays = sorted(
            (receiver.arrived[mid] - done) for mid, done in answered.items()
            if mid in receiver.arrived
        )  # fmt: skip
        rows.append({
            "scenario": "email outbox (acknowledgements)", **base, "ok": len(delays),
            "lost": sent - stored, "stored": stored, "sent": sent,
            "throughput_per_s": round(len(delays) / max(last - first, 1e-6), 1),
            "p50_ms": round(percentile([d * 1000 for d in delays], 50), 1),
            "p95_ms": round(percentile([d * 1000 for d in delays], 95), 1),
            "p99_ms": round(percentile([d * 1000 for d in delays], 99), 1),
            "errors": sent - len(delays),
        })  # fmt: skip
        if backlog:
            fill = _load(smtp_port, backlog, max(levels), "backlog-")
            waiting = sent + fill["ok"]
            run = _load(smtp_port, requests, max(levels), "after-")
            rows.append({"scenario": "email intake at backlog", **base, "size": waiting,
                         "concurrency": max(levels),
                         **{k: v for k, v in run.items() if k != "results"}})  # fmt: skip
            total = waiting + run["ok"]
            stored = _stored(url)
            rows[-1]["lost"] = total - stored
            rows[-2]["lost"] = rows[-2]["lost"] or 0
    finally:
        server.stop()
        sink.stop()
    return rows
