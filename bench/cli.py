"""`firstline bench SCENARIO` (or `python -m bench SCENARIO`)."""

from __future__ import annotations

import shlex
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from bench import loader, report, scenarios
from bench import websocket as live
from bench.server import (
    Server,
    bootstrap,
    database_url,
    durability,
    free_port,
    machine,
    new_token,
    prepare_database,
)

SCENARIOS = ("intake", "append", "durability", "views", "search", "reads", "websocket", "all")
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
@click.option("--concurrency", default="1,8,32,64", show_default=True)
@click.option("--requests", default=5000, show_default=True, type=click.IntRange(1, 10_000_000))
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
    "one fresh database per size.",
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
    help="websocket: agent replies to deliver at each number of connections.",
)
@click.option(
    "--rate",
    default=200.0,
    show_default=True,
    type=click.FloatRange(1, 100_000),
    help="websocket: replies posted per second.",
)
def bench(
    scenario: str,
    backends: tuple[str, ...],
    pg_url: str | None,
    concurrency: str,
    requests: int,
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
) -> None:
    """Run a benchmark SCENARIO against a fresh server and database; print a Markdown table and
    write JSON and Markdown under --out."""
    levels = _levels(concurrency)
    size_list = _levels(sizes.replace("_", "")) if scenario in READS else []
    connection_list = _levels(connections) if scenario == "websocket" else []
    if smoke:
        levels, requests, kill_after, size_list = [1, 4], 40, 0.5, [500]
        connection_list, messages, rate = [20], 20, 50.0
    chosen = list(backends) or ["sqlite"]
    if reuse and "sqlite" in chosen and workdir is None:
        raise click.UsageError("--reuse keeps SQLite databases in --workdir; name a directory.")
    names = ["intake", "append", "durability"] if scenario == "all" else [scenario]
    rows: list[dict[str, Any]] = []
    meta: dict[str, Any] = {
        "command": "firstline bench " + " ".join(shlex.quote(a) for a in sys.argv[2:]),
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
    if lost or failed:
        click.echo(f"error: {lost} acknowledged writes lost, {failed} requests failed", err=True)
        sys.exit(1)
