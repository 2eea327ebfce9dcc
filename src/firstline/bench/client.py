"""A small HTTP/1.1 load generator: keep-alive connections, one request in flight on each.

Written on raw asyncio streams rather than a client library because the load generator shares
the machine with the server: every microsecond it spends is one the server does not get. It
costs a few tens of microseconds a request, several times less than a general-purpose client.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson

# method, path, body (or None) -> one request
Request = tuple[str, str, bytes | None]
RequestFactory = Callable[[int], Request]


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (NaN for no values)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    elapsed: float = 0.0
    bodies: list[Any] = field(default_factory=list)

    @property
    def ok(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        return percentile(self.latencies, p)

    def summary(self) -> dict[str, Any]:
        return {
            "requests": self.ok
            + self.errors
            + sum(n for s, n in self.statuses.items() if not 200 <= s < 300),
            "ok": self.ok,
            "errors": self.errors,
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "elapsed_s": round(self.elapsed, 3),
            "throughput_per_s": round(self.ok / self.elapsed, 1) if self.elapsed else 0.0,
            "p50_ms": round(self.percentile(50) * 1000, 2),
            "p95_ms": round(self.percentile(95) * 1000, 2),
            "p99_ms": round(self.percentile(99) * 1000, 2),
            "max_ms": round(max(self.latencies) * 1000, 2) if self.latencies else None,
        }


class Connection:
    def __init__(self, host: str, port: int, headers: dict[str, str]) -> None:
        self.host = host
        self.port = port
        self.fixed = "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def request(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        if self.writer is None or self.reader is None:
            await self.open()
        assert self.writer is not None and self.reader is not None
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\n".encode() + self.fixed
        if body is not None:
            head += b"Content-Type: application/json\r\nContent-Length: %d\r\n" % len(body)
        self.writer.write(head + b"\r\n" + (body or b""))
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split(b" ", 2)[1])
        length = 0
        close = False
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.partition(b":")
            lname = name.strip().lower()
            if lname == b"content-length":
                length = int(value)
            elif lname == b"connection" and value.strip().lower() == b"close":
                close = True
        payload = await self.reader.readexactly(length) if length else b""
        if close:
            self.close()
        return status, payload

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def run_load(
    base: str,
    token: str,
    make_request: RequestFactory,
    *,
    concurrency: int,
    total: int,
    keep_bodies: bool = False,
    max_seconds: float = 120.0,
    extra_headers: Callable[[int], dict[str, str]] | None = None,
) -> Outcome:
    """Send `total` requests over `concurrency` connections (bounded by `max_seconds`)."""
    hostport = base.removeprefix("http://").rstrip("/")
    host, _, port = hostport.partition(":")
    headers = {"Authorization": f"Bearer {token}", "Connection": "keep-alive"}
    outcome = Outcome()
    counter = iter(range(total))
    deadline = time.perf_counter() + max_seconds

    async def worker() -> None:
        conn = Connection(host, int(port or 80), headers)
        try:
            for n in counter:
                if time.perf_counter() > deadline:
                    break
                method, path, body = make_request(n)
                if extra_headers is not None:
                    conn.fixed = "".join(
                        f"{k}: {v}\r\n" for k, v in {**headers, **extra_headers(n)}.items()
                    ).encode()
                started = time.perf_counter()
                try:
                    status, payload = await conn.request(method, path, body)
                except (OSError, asyncio.IncompleteReadError, ValueError):
                    outcome.errors += 1
                    conn.close()
                    continue
                outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
                if 200 <= status < 300:
                    outcome.latencies.append(time.perf_counter() - started)
                    if keep_bodies:
                        outcome.bodies.append(orjson.loads(payload))
        finally:
            conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    outcome.elapsed = time.perf_counter() - started
    return outcome
