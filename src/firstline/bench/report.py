"""Results as JSON (everything) and Markdown (the table people read)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

COLUMNS = [
    ("scenario", "scenario"),
    ("backend", "backend"),
    ("workers", "workers"),
    ("size", "conversations in db"),
    ("concurrency", "conc."),
    ("ok", "requests"),
    ("throughput_per_s", "req/s"),
    ("p50_ms", "p50 ms"),
    ("p95_ms", "p95 ms"),
    ("p99_ms", "p99 ms"),
    ("errors", "errors"),
    ("rss_mib", "server RSS MiB"),
]
DURABILITY = [
    ("backend", "backend"),
    ("workers", "workers"),
    ("acknowledged", "acknowledged"),
    ("found_after_restart", "found after restart"),
    ("lost", "lost"),
    ("unacknowledged_or_failed", "in flight at kill"),
]


WEBSOCKET = [
    ("backend", "backend"),
    ("workers", "workers"),
    ("connections", "connections"),
    ("messages", "replies"),
    ("ok", "delivered"),
    ("lost", "lost"),
    ("p50_ms", "p50 ms"),
    ("p95_ms", "p95 ms"),
    ("p99_ms", "p99 ms"),
    ("max_ms", "max ms"),
    ("connect_s", "connect s"),
    ("rss_mib", "server RSS MiB"),
    ("kib_per_connection", "KiB per connection"),
]


SURGE = [
    ("backend", "backend"),
    ("workers", "workers"),
    ("sent", "sent"),
    ("acknowledged", "acknowledged"),
    ("lost", "lost"),
    ("neither", "neither routed nor queued"),
    ("peak_waiting", "peak waiting"),
    ("burst_rate_per_s", "burst arrivals/s"),
    ("schedule_lateness_s", "most behind schedule s"),
    ("resolved", "resolved"),
    ("queued", "still queued"),
    ("assigned", "with an agent"),
    ("breaches_expected", "targets missed"),
    ("breaches_recorded", "breaches recorded"),
    ("breaches_unrecorded", "missed, not recorded"),
    ("breaches_wrongly_recorded", "recorded, not missed"),
    ("breach_lag_p99_s", "breach lag p99 s"),
    ("rss_mib", "server RSS MiB"),
]
SURGE_INTAKE = [
    ("backend", "backend"),
    ("phase", "phase of the day"),
    ("backlog", "waiting when sent"),
    ("requests", "intake requests"),
    ("p50_ms", "p50 ms"),
    ("p95_ms", "p95 ms"),
    ("p99_ms", "p99 ms"),
]


def markdown(rows: list[dict[str, Any]]) -> str:
    out = []
    live = [r for r in rows if r["scenario"] == "websocket delivery"]
    durable = [r for r in rows if r["scenario"] == "durability"]
    day = [r for r in rows if r["scenario"] == "surge"]
    day_intake = [r for r in rows if r["scenario"] == "surge intake"]
    special = live + durable + day + day_intake
    plain = [r for r in rows if r not in special]
    for columns, subset in (
        (COLUMNS, plain), (DURABILITY, durable), (WEBSOCKET, live), (SURGE, day),
        (SURGE_INTAKE, day_intake),
    ):  # fmt: skip
        if not subset:
            continue
        out.append("| " + " | ".join(h for _, h in columns) + " |")
        out.append("|" + "---|" * len(columns))
        for r in subset:
            out.append("| " + " | ".join(str(r.get(k, "")) for k, _ in columns) + " |")
        out.append("")
    return "\n".join(out)


def write(out_dir: Path, name: str, meta: dict[str, Any], rows: list[dict[str, Any]]) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = out_dir / f"{stamp}-{name}"
    base.with_suffix(".json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    header = "\n".join(f"- {k}: {v}" for k, v in meta.items())
    base.with_suffix(".md").write_text(f"{header}\n\n{markdown(rows)}")
    return base
