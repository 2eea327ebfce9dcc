"""Prometheus metrics of the server processes, summed over `firstline serve --workers N`.

Each process counts what it does itself (requests, conversations it opened, breaches its job
pass recorded, ...). Under `--workers`, `firstline serve` gives the workers one directory
(PROMETHEUS_MULTIPROC_DIR, emptied at start) where each process keeps its values in a small
memory-mapped file; whichever worker answers a scrape adds all the files up. That is
prometheus_client's multiprocess mode, and it is why the environment variable must be set
before this module is first imported: the client picks its storage at import time.

Gauges that describe a process (live connections, database pool) are summed over the workers
alive ("livesum"): the supervisor removes a dead worker's file. Gauges that describe the
deployment (queues, open conversations) come from the database at scrape time, not from here.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"

# A `_created` timestamp beside every series doubles the text for no use of ours (and the
# multiprocess mode has none anyway).
disable_created_metrics()  # type: ignore[no-untyped-call]

# Seconds; from a cached read (a millisecond) to a slow report (several seconds).
LATENCY_BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

HTTP_REQUESTS = Counter(
    "firstline_http_requests",
    "HTTP requests answered, by route template and status.",
    ["method", "route", "status"],
)
HTTP_LATENCY = Histogram(
    "firstline_http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by route template.",
    ["method", "route"],
    buckets=LATENCY_BUCKETS,
)
CONVERSATIONS_OPENED = Counter(
    "firstline_conversations_opened",
    "Conversations opened, by channel.",
    ["channel"],
)
SLA_BREACHES = Counter(
    "firstline_sla_breaches",
    "SLA targets missed, by metric (first_response, next_response, resolution).",
    ["metric"],
)
BOT_ANSWERS = Counter(
    "firstline_bot_answers",
    "Messages the bot wrote to customers (answers, flow steps, questions).",
)
BOT_OUTCOMES = Counter(
    "firstline_bot_outcomes",
    "How the bot's part of a conversation ended: resolved, or handover with its reason.",
    ["outcome", "reason"],
)
JOB_LAG = Gauge(
    "firstline_job_lag_seconds",
    "How late the last background job pass started against its schedule (worst process).",
    multiprocess_mode="livemax",
)
JOB_PASS = Histogram(
    "firstline_job_pass_duration_seconds",
    "How long one pass of the background jobs took.",
    buckets=LATENCY_BUCKETS,
)
WEBSOCKETS = Gauge(
    "firstline_websocket_connections",
    "Live WebSocket connections (chat widgets and consoles).",
    multiprocess_mode="livesum",
)
REDIS_BREAKER_OPEN = Gauge(
    "firstline_redis_breaker_open",
    "1 while the circuit breaker around Redis is open (calls skip Redis), else 0.",
    ["name"],
    multiprocess_mode="livemax",
)
REDIS_CALLS = Counter(
    "firstline_redis_calls",
    "Calls to Redis through its circuit breaker, by outcome: ok, failed (error or timeout), "
    "skipped (the breaker was open: the local fallback answered).",
    ["name", "outcome"],
)
REDIS_BREAKER_OPENED = Counter(
    "firstline_redis_breaker_opened",
    "Times the circuit breaker around Redis opened.",
    ["name"],
)
DB_POOL_CHECKED_OUT = Gauge(
    "firstline_db_pool_checked_out",
    "Database connections in use, by engine (read, write).",
    ["engine"],
    multiprocess_mode="livesum",
)
DB_POOL_SIZE = Gauge(
    "firstline_db_pool_size",
    "Database connections the pools keep, by engine (read, write).",
    ["engine"],
    multiprocess_mode="livesum",
)


def multiprocess() -> bool:
    return bool(os.environ.get(MULTIPROCESS_ENV))


def prepare_multiprocess_dir() -> Path | None:
    """Give the workers about to start an empty directory to share their values through;
    return it when it is ours to delete at the end. An operator's own directory (the
    environment variable already set) is emptied but kept: values from an earlier run would
    otherwise be added to this one's."""
    given = os.environ.get(MULTIPROCESS_ENV)
    if given:
        path = Path(given)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()
        return None
    made = Path(tempfile.mkdtemp(prefix="firstline-metrics-"))
    os.environ[MULTIPROCESS_ENV] = str(made)
    return made


def remove_multiprocess_dir(path: Path | None) -> None:
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


def forget_process(pid: int) -> None:
    """A worker died: its connections and pool no longer exist, so drop its live gauges."""
    if multiprocess():
        from prometheus_client import multiprocess as mp

        mp.mark_process_dead(pid)  # type: ignore[no-untyped-call]


def render(extra: CollectorRegistry | None = None) -> bytes:
    """The exposition text: every process's values, then `extra` (the database gauges)."""
    if multiprocess():
        from prometheus_client import multiprocess as mp

        registry = CollectorRegistry()
        mp.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        text = generate_latest(registry)
    else:
        text = generate_latest(PROCESS_REGISTRY)
    if extra is not None:
        text += generate_latest(extra)
    return text
