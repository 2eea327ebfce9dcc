"""`firstline bench SCENARIO` (or `python -m firstline.bench SCENARIO`)."""

from __future__ import annotations

import asyncio
import shlex
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

# The scenarios import SQLAlchemy, the models and the demo: each function below imports what
# it runs, so that `firstline --help` and `firstline bench --help` stay quick.
if TYPE_CHECKING:
    from firstline.bench import surge

SCENARIOS = (
    "intake", "append", "durability", "views", "search", "reads", "websocket", "surge", "bot",
    "recovery", "email", "qa", "learning", "all",
)  # fmt: skip
READS = ("views", "search", "reads")


def _levels(value: str) -> list[int]:
    try:
        levels = [int(x) for x in value.split(",") if x.strip()]
    except ValueError:
        raise click.BadParameter("use numbers separated by commas, e.g. 1,8,32,64") from None
    if not levels or min(levels) < 1:
        raise click.BadParameter("use positive numbers")
    return levels


def _views(
    backend: str,
    work: Path,
    pg_url: str | None,
    sizes: list[int],
    levels: list[int],
    requests: int,
    meta: dict[str, Any],
    scenario: str,
    profile: Callable[[str], Path | None],
    reuse: bool,
    workers: int,
) -> list[dict[str, Any]]:
    from firstline.bench import loader, scenarios
    from firstline.bench.server import (
        Server,
        bootstrap,
        database_url,
        durability,
        free_port,
        new_token,
        prepare_database,
    )

    rows: list[dict[str, Any]] = []
    for size in sizes:
        name = f"loaded_{size}"
        loaded = loader.previous_load(database_url(backend, work, pg_url, name)) if reuse else None
        if loaded is not None:
            url = database_url(backend, work, pg_url, name)
            token = new_token(url)
            meta[f"load_{backend}_{size}"] = "reused a database loaded by an earlier run"
        else:
            url = prepare_database(backend, work, pg_url, name if reuse else "bench")
            token = bootstrap(url)
            loaded = loader.load(url, size)
            meta[f"load_{backend}_{size}"] = (
                f"{loaded['conversations']} conversations in {loaded['load_s']} s "
                f"({loaded['conversations_per_s']}/s)"
            )
        meta[f"durability_{backend}"] = durability(url)
        server = Server(
            url=url, port=free_port(), profile_to=profile(f"{backend}-{size}"), workers=workers
        )
        server.start()
        try:
            ctx = scenarios.Context(server=server, token=token, backend=backend)
            for c in levels:
                if scenario in ("views", "reads"):
                    rows += scenarios.views(ctx, size, loaded["team_ids"], c, requests)
                if scenario in ("search", "reads"):
                    rows += scenarios.search(ctx, size, c, requests)
        finally:
            server.stop()
    return rows


def _surge(
    backend: str,
    work: Path,
    pg_url: str | None,
    plan: surge.Plan,
    meta: dict[str, Any],
    profile_to: Path | None,
    workers: int,
) -> list[dict[str, Any]]:
    from firstline.bench import scenarios, surge
    from firstline.bench.server import (
        Server,
        bootstrap,
        durability,
        free_port,
        jobs_once,
        prepare_database,
    )

    url = prepare_database(backend, work, pg_url)
    token = bootstrap(url)
    meta[f"durability_{backend}"] = durability(url)
    meta["surge_plan"] = (
        f"{plan.total} conversations, hourly {plan.hourly()}, one hour = "
        f"{plan.hour_seconds} s, {plan.agents_per_language} agents x 17 languages, capacity "
        f"{plan.capacity}, handle {plan.handle_seconds} s, drain {plan.drain_seconds} s, "
        f"{plan.concurrency} connections, first-response target "
        f"{plan.first_response_seconds or 60} s"
    )
    server = Server(url=url, port=free_port(), profile_to=profile_to, workers=workers)
    server.start()
    try:
        ctx = scenarios.Context(server=server, token=token, backend=backend)
        day = asyncio.run(surge.replay(ctx, plan))
        memory = server.memory()
    finally:
        server.stop()
    stopped_at = time.time()
    # One more pass of the jobs, as a restarted server would run, then count.
    cutoff = datetime.now(UTC)
    jobs_once(url)
    samples: list[surge.Sample] = day["samples"]
    acknowledged = {s.conversation_id for s in samples if s.conversation_id is not None}
    checked = asyncio.run(surge.verify(url, acknowledged, stopped_at, cutoff))
    burst = [s for s in samples if s.status == 201
             and plan.burst_hour * plan.hour_seconds <= s.sent_at
             < (plan.burst_hour + 1) * plan.hour_seconds]  # fmt: skip
    summary = {
        "scenario": "surge",
        "backend": backend,
        "workers": workers,
        "sent": len(samples),
        "errors": sum(1 for s in samples if s.status != 201),
        # What the failed ones were answered (0: no answer), so that a failure says its kind.
        "error_statuses": dict(Counter(str(s.status) for s in samples if s.status != 201)),
        "peak_waiting": max(day["floor"].waiting, default=0),
        "burst_rate_per_s": round(len(burst) / plan.hour_seconds, 1),
        "schedule_lateness_s": day["lateness_s"],
        "answered": day["answered"],
        "resolved_by_agents": day["resolved"],
        **checked,
        **memory,
    }
    rows: list[dict[str, Any]] = [summary]
    for row in surge.by_backlog(samples, plan):
        rows.append({"scenario": "surge intake", "backend": backend, "workers": workers, **row})
    return rows


def _arguments() -> list[str]:
    """The command's arguments, whether run as `firstline bench ...` or
    `python -m firstline.bench ...`."""
    args = sys.argv[1:]
    return args[1:] if args[:1] == ["bench"] else args


@click.command("bench")
@click.argument("scenario", type=click.Choice(SCENARIOS))
@click.option(
    "--backend",
    "backends",
    multiple=True,
    type=click.Choice(["sqlite", "postgresql"]),
    help="Repeat for both (default: sqlite).",
)
@click.option(
    "--pg-url",
    envvar="FIRSTLINE_BENCH_PG_URL",
    help="PostgreSQL server and database "
    "to (re)create for the run, e.g. postgresql+asyncpg://postgres@127.0.0.1/fl_bench.",
)
@click.option(
    "--concurrency",
    default="1,8,32,64",
    show_default=True,
    help="Connections at once, one measurement per number (bot, recovery: 8 unless given).",
)
@click.option(
    "--requests",
    default=5000,
    show_default=True,
    type=click.IntRange(1, 10_000_000),
    help="Requests per measurement (recovery: cases opened at each concurrency, 2000 unless "
    "given; each queue read is repeated a tenth as often).",
)
@click.option(
    "--agents",
    "learning_agents",
    default=5000,
    show_default=True,
    help="learning: agents online, each certified for ten skills (ten certificates each).",
)
@click.option("--smoke", is_flag=True, help="Tiny sizes: proves the suite runs, measures nothing.")
@click.option(
    "--kill-after",
    default=3.0,
    show_default=True,
    help="durability: seconds of load before kill -9.",
)
@click.option(
    "--sizes",
    default="10000,100000,1000000",
    show_default=True,
    help="views, search and reads (both on one database): conversations in the database, "
    "one fresh database per size; recovery: recovery cases (2000,200000 unless given); qa: "
    "conversations a year behind the report's summary (1000000,10000000 unless given).",
)
@click.option("--out", "out_dir", default="bench/results", show_default=True, type=click.Path())
@click.option("--workdir", default=None, type=click.Path(), help="Where SQLite files go.")
@click.option(
    "--profile",
    is_flag=True,
    help="Sample the server with py-spy during the run and write flame graphs (SVG) next to "
    "the results.",
)
@click.option(
    "--reuse",
    is_flag=True,
    help="views, search, reads: keep each loaded database (SQLite: in --workdir, which is then "
    "required; PostgreSQL: a database named after --pg-url's and the size) and use it again "
    "when a later run asks for the same size. Runs that reuse one see a warm cache.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (firstline serve --workers).",
)
@click.option(
    "--connections",
    default="1000,5000,10000",
    show_default=True,
    help="websocket: customers connected at once, one fresh server per number.",
)
@click.option(
    "--messages",
    default=2000,
    show_default=True,
    type=click.IntRange(1, 1_000_000),
    help="websocket: agent replies to deliver at each number of connections; bot: customer "
    "messages to send at each concurrency.",
)
@click.option(
    "--backlog",
    default=20_000,
    show_default=True,
    type=click.IntRange(0, 1_000_000),
    help="email: mails left waiting before the intake is timed again.",
)
@click.option(
    "--recheck-size",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(100, 100_000_000),
    help="qa: conversations loaded before every check is run again over them.",
)
@click.option(
    "--articles",
    default=10_000,
    show_default=True,
    type=click.IntRange(1, 1_000_000),
    help="bot: knowledge-base article versions to import before the server starts.",
)
@click.option(
    "--rate",
    default=200.0,
    show_default=True,
    type=click.FloatRange(1, 100_000),
    help="websocket: replies posted per second.",
)
@click.option(
    "--total",
    default=70_000,
    show_default=True,
    type=click.IntRange(24, 10_000_000),
    help="surge: conversations in the day.",
)
@click.option(
    "--hour-seconds",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.01, 3600),
    help="surge: real seconds one hour of the day takes (SLA clocks run in real time).",
)
@click.option(
    "--agents-per-language",
    default=4,
    show_default=True,
    type=click.IntRange(1, 1000),
    help="surge: agents online for each of the 17 languages.",
)
@click.option(
    "--handle-seconds",
    default=20.0,
    show_default=True,
    type=click.FloatRange(0, 3600),
    help="surge: an agent resolves a conversation this long after answering it.",
)
@click.option(
    "--drain-seconds",
    default=60.0,
    show_default=True,
    type=click.FloatRange(0, 36_000),
    help="surge: how long the agents keep working after the last arrival.",
)
@click.option(
    "--first-response-seconds",
    default=None,
    type=click.IntRange(1, 86400),
    help="surge: the chat first-response target (default: the built-in 60 s).",
)
def bench(
    scenario: str,
    backends: tuple[str, ...],
    pg_url: str | None,
    concurrency: str,
    requests: int,
    learning_agents: int,
    smoke: bool,
    kill_after: float,
    sizes: str,
    out_dir: str,
    workdir: str | None,
    profile: bool,
    reuse: bool,
    workers: int,
    connections: str,
    messages: int,
    rate: float,
    total: int,
    hour_seconds: float,
    agents_per_language: int,
    handle_seconds: float,
    drain_seconds: float,
    first_response_seconds: int | None,
    backlog: int,
    articles: int,
    recheck_size: int,
) -> None:
    """Run a benchmark SCENARIO against a fresh server and database; print a Markdown table and
    write JSON and Markdown under --out."""
    from firstline.bench import report, scenarios, surge
    from firstline.bench import websocket as live
    from firstline.bench.bot import bot as bot_replies
    from firstline.bench.email import email as email_desk
    from firstline.bench.learning import learning as learning_desk
    from firstline.bench.qa import qa as quality
    from firstline.bench.recovery import recovery as recovery_desk
    from firstline.bench.server import (
        Server,
        bootstrap,
        durability,
        free_port,
        machine,
        prepare_database,
    )

    levels = _levels(concurrency)
    context = click.get_current_context()
    default = click.core.ParameterSource.DEFAULT
    if scenario in ("bot", "recovery") and context.get_parameter_source("concurrency") == default:
        levels = [8]
    if scenario == "email":
        if context.get_parameter_source("concurrency") == default:
            levels = [1, 8, 32]
        if context.get_parameter_source("requests") == default:
            requests = 2000
    size_list = _levels(sizes.replace("_", "")) if scenario in (*READS, "recovery") else []
    if scenario == "recovery":
        if context.get_parameter_source("sizes") == default:
            size_list = [2000, 200_000]
        if context.get_parameter_source("requests") == default:
            requests = 2000
    if scenario == "qa":
        size_list = [1_000_000, 10_000_000]
        if context.get_parameter_source("sizes") != default:
            size_list = _levels(sizes.replace("_", ""))
        if context.get_parameter_source("requests") == default:
            requests = 50
    if scenario == "learning":
        if context.get_parameter_source("concurrency") == default:
            levels = [1, 8]
        if context.get_parameter_source("requests") == default:
            requests = 1000
    connection_list = _levels(connections) if scenario == "websocket" else []
    if smoke:
        levels, requests, kill_after, size_list = [1, 4], 40, 0.5, [500]
        connection_list, messages, rate = [20], 20, 50.0
        total, hour_seconds, agents_per_language = 480, 0.25, 1
        handle_seconds, drain_seconds, first_response_seconds = 0.5, 4.0, 1
        articles = 300
        if scenario == "recovery":
            size_list = [100, 500]
        if scenario == "qa":
            size_list, recheck_size, requests = [20_000], 2_000, 10
        learning_agents = 100
    chosen = list(backends) or ["sqlite"]
    if reuse and "sqlite" in chosen and workdir is None:
        raise click.UsageError("--reuse keeps SQLite databases in --workdir; name a directory.")
    names = ["intake", "append", "durability"] if scenario == "all" else [scenario]
    rows: list[dict[str, Any]] = []
    meta: dict[str, Any] = {
        "command": "firstline bench " + " ".join(shlex.quote(a) for a in _arguments()),
        **machine(),
        "server_workers": workers,
    }
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")

    def profile_path(label: str) -> Path | None:
        return Path(out_dir) / f"{stamp}-{scenario}-{label}-profile.svg" if profile else None

    with tempfile.TemporaryDirectory(prefix="firstline-bench-") as tmp:
        work = Path(workdir or tmp)
        work.mkdir(parents=True, exist_ok=True)
        for backend in chosen:
            if scenario == "websocket":
                for count in connection_list:
                    url = prepare_database(backend, work, pg_url)
                    token = bootstrap(url)
                    meta[f"durability_{backend}"] = durability(url)
                    server = Server(
                        url=url, port=free_port(), profile_to=profile_path(backend),
                        workers=workers,
                    )  # fmt: skip
                    server.start()
                    try:
                        ctx = scenarios.Context(server=server, token=token, backend=backend)
                        rows += live.websocket(ctx, url, count, messages, rate)
                    finally:
                        server.stop()
                continue
            if scenario == "surge":
                plan = surge.Plan(
                    total=total, hour_seconds=hour_seconds,
                    agents_per_language=agents_per_language, handle_seconds=handle_seconds,
                    drain_seconds=drain_seconds, concurrency=levels[-1],
                    first_response_seconds=first_response_seconds,
                )  # fmt: skip
                rows += _surge(backend, work, pg_url, plan, meta, profile_path(backend), workers)
                continue
            if scenario == "bot":
                rows += bot_replies(
                    backend, work, pg_url, articles=articles, levels=levels, messages=messages,
                    meta=meta, profile_to=profile_path(backend), workers=workers,
                )  # fmt: skip
                continue
            if scenario == "email":
                rows += email_desk(
                    backend, work, pg_url, levels=levels, requests=requests,
                    backlog=200 if smoke else backlog, meta=meta, profile_to=profile_path,
                    workers=workers,
                )  # fmt: skip
                continue
            if scenario == "qa":
                rows += quality(
                    backend, work, pg_url, sizes=size_list, recheck_size=recheck_size,
                    requests=requests, meta=meta, profile_to=profile_path, workers=workers,
                    rounds=1 if smoke else 20,
                )  # fmt: skip
                continue
            if scenario == "learning":
                rows += learning_desk(
                    backend, work, pg_url, agents=learning_agents, levels=levels,
                    requests=requests, meta=meta, profile_to=profile_path, workers=workers,
                )  # fmt: skip
                continue
            if scenario == "recovery":
                rows += recovery_desk(
                    backend, work, pg_url, sizes=size_list, levels=levels, requests=requests,
                    meta=meta, profile_to=profile_path, workers=workers, smoke=smoke,
                )  # fmt: skip
                continue
            if scenario in READS:
                rows += _views(
                    backend, work, pg_url, size_list, levels, requests, meta, scenario,
                    profile_path, reuse, workers,
                )  # fmt: skip
                continue
            url = prepare_database(backend, work, pg_url)
            token = bootstrap(url)
            meta[f"durability_{backend}"] = durability(url)
            server = Server(
                url=url, port=free_port(), profile_to=profile_path(backend), workers=workers
            )
            server.start()
            try:
                ctx = scenarios.Context(server=server, token=token, backend=backend)
                for name in names:
                    if name == "intake":
                        rows += scenarios.intake(ctx, levels, requests)
                    elif name == "append":
                        rows += scenarios.append(ctx, levels, requests)
                    else:
                        rows += scenarios.durability(ctx, max(requests, 200), kill_after)
            finally:
                server.stop()
    path = report.write(Path(out_dir), "-".join([scenario, *chosen]), meta, rows)
    click.echo(report.markdown(rows))
    click.echo(f"results: {path}.json, {path}.md")
    for svg in sorted(Path(out_dir).glob(f"{stamp}-{scenario}-*-profile*.svg")):
        click.echo(f"profile: {svg}")
    lost = sum(r.get("lost", 0) for r in rows)
    failed = sum(r.get("errors", 0) for r in rows if r["scenario"] != "durability")
    wrong = sum(
        r.get(k, 0) or 0
        for r in rows
        for k in ("neither", "breaches_unrecorded", "breaches_wrongly_recorded", "misdiagnosed")
    )
    if wrong:
        click.echo(
            f"error: {wrong} conversations, breaches or recovery diagnoses unaccounted for",
            err=True,
        )
        sys.exit(1)
    if lost or failed:
        click.echo(f"error: {lost} acknowledged writes lost, {failed} requests failed", err=True)
        sys.exit(1)
