"""Start a Firstline server for a benchmark (or point at one), and read what it costs."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _cli(*args: str, env: dict[str, str], stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "firstline", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(f"firstline {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


async def _recreate_pg_database(url: str) -> str:
    base = make_url(url)
    name = base.database or "firstline_bench"
    admin = create_async_engine(
        base.set(database="postgres"), poolclass=NullPool, isolation_level="AUTOCOMMIT"
    )
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await admin.dispose()
    return base.render_as_string(hide_password=False)


def database_url(backend: str, workdir: Path, pg_url: str | None, name: str = "bench") -> str:
    """Where `backend`'s benchmark database called `name` lives (it may not exist yet)."""
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{workdir / name}.db"
    if not pg_url:
        raise SystemExit("PostgreSQL runs need --pg-url postgresql+asyncpg://USER@HOST/DBNAME")
    # The servers and CLI runs it starts need the same master key (core/secrets.py); the
    # benchmark's databases are throwaway, so a fixed one does (and survives --reuse).
    os.environ.setdefault("FIRSTLINE_MASTER_KEY", "firstline-bench-master-key")
    if name == "bench":
        return pg_url
    base = make_url(pg_url)
    return base.set(database=f"{base.database}_{name}").render_as_string(hide_password=False)


def prepare_database(backend: str, workdir: Path, pg_url: str | None, name: str = "bench") -> str:
    """A fresh, empty database URL for `backend`."""
    url = database_url(backend, workdir, pg_url, name)
    if backend == "sqlite":
        path = make_url(url).database or ""
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return url
    return asyncio.run(_recreate_pg_database(url))


def bootstrap(url: str) -> str:
    """Migrate, create an admin, and return a token for it."""
    env = {**os.environ, "FIRSTLINE_DATABASE_URL": url}
    _cli("migrate", env=env)
    _cli("agent", "create", "--email", "bench@firstline.test", "--name", "Bench", "--role",
         "admin", env=env)  # fmt: skip
    return new_token(url)


def jobs_once(url: str) -> str:
    """One pass of the background jobs against `url` (`firstline jobs run --once`)."""
    env = {**os.environ, "FIRSTLINE_DATABASE_URL": url}
    return _cli("jobs", "run", "--once", env=env).strip()


def new_token(url: str) -> str:
    """A fresh token for the bench admin of an already bootstrapped database."""
    env = {**os.environ, "FIRSTLINE_DATABASE_URL": url}
    return _cli("token", "create", "--email", "bench@firstline.test", env=env).strip().split()[-1]


@dataclass
class Server:
    url: str
    port: int
    proc: subprocess.Popen[bytes] | None = None
    # With a path, py-spy samples the server from start to stop and writes a flame graph there
    # (one file per start: the durability scenario restarts the server).
    profile_to: Path | None = None
    profiler: subprocess.Popen[bytes] | None = None
    profiles: list[Path] | None = None
    workers: int = 1
    # FIRSTLINE_* settings for the server on top of this process's environment.
    env: dict[str, str] = field(default_factory=dict)
    # Where the running server's stderr goes (see start).
    log: IO[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {
            **os.environ, "FIRSTLINE_DATABASE_URL": self.url, "FIRSTLINE_LOG_LEVEL": "warning",
            # Every simulated client comes from 127.0.0.1: no per-address caps in a benchmark.
            "FIRSTLINE_MAX_CONNECTIONS_PER_ADDRESS": "0",
            "FIRSTLINE_MAX_WEBSOCKETS_PER_ADDRESS": "0",
            **self.env,
        }  # fmt: skip
        # What the server writes (under --workers, a JSON access line per request) goes to a
        # file: a pipe nobody reads fills up and stops the server in the middle of a run.
        self._close_log()
        log = self.log = tempfile.TemporaryFile()  # noqa: SIM115  # closed with the process
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "firstline", "serve", "--port", str(self.port),
             "--workers", str(self.workers)],
            env=env,
            # Its own process group: kill() takes the workers down with the supervisor.
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )  # fmt: skip
        # Ready when every worker has answered: each new connection lands on one of them.
        deadline = time.monotonic() + 60
        answered: set[int] = set()
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log.seek(0)
                err = log.read()[-4000:].decode(errors="replace")
                raise RuntimeError(f"server exited: {err.strip()}")
            try:
                with urllib.request.urlopen(f"{self.base}/healthz", timeout=2) as r:
                    if r.status == 200:
                        answered.add(json.loads(r.read())["worker"])
                        if len(answered) >= self.workers:
                            self._start_profiler()
                            return
                        continue
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{len(answered)} of {self.workers} workers answered within 60 s")

    def _start_profiler(self) -> None:
        if self.profile_to is None or self.proc is None:
            return
        if shutil.which("py-spy") is None:
            raise RuntimeError("--profile needs py-spy: pip install -e '.[dev]'")
        self.profiles = self.profiles or []
        path = self.profile_to.with_name(
            f"{self.profile_to.stem}-{len(self.profiles) + 1}{self.profile_to.suffix}"
        )
        self.profile_to.parent.mkdir(parents=True, exist_ok=True)
        self.profiler = subprocess.Popen(
            ["py-spy", "record", "--pid", str(self.proc.pid), "--rate", "200",
             "--output", str(path), "--format", "flamegraph", "--subprocesses"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.profiles.append(path)

    def _stop_profiler(self) -> None:
        if self.profiler is None:
            return
        # py-spy writes its output on SIGINT, or by itself once the server has exited.
        self.profiler.send_signal(signal.SIGINT)
        try:
            self.profiler.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.profiler.kill()
            self.profiler.wait()
        self.profiler = None

    def kill(self) -> None:
        """SIGKILL to every server process: no shutdown, no flush; what the durability check
        needs."""
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)
            self.proc = None
        self._stop_profiler()
        self._close_log()

    def _close_log(self) -> None:
        if self.log is not None:
            self.log.close()
            self.log = None

    def stop(self) -> None:
        self._stop_profiler()
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
        self._close_log()

    def memory(self) -> dict[str, float]:
        """Resident memory of the server's processes (supervisor and workers), summed, now and
        at each one's peak, in MiB."""
        if self.proc is None:
            return {}
        rss = peak = 0
        for pid in _process_group(self.proc.pid):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    key, _, value = line.partition(":")
                    if key == "VmRSS":
                        rss += int(value.split()[0])
                    elif key == "VmHWM":
                        peak += int(value.split()[0])
            except OSError:
                continue
        if not rss:
            return {}
        return {"rss_mib": round(rss / 1024, 1), "peak_rss_mib": round(peak / 1024, 1)}


def _process_group(pgid: int) -> list[int]:
    """The processes of a process group, from /proc (Linux)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # The command name may hold spaces and parentheses; the fields after it do not.
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            pids.append(int(entry.name))
    return pids


def durability(url: str) -> str:
    if make_url(url).get_backend_name() == "sqlite":
        return "SQLite WAL, synchronous=NORMAL (commits survive a process kill; not an OS crash)"

    async def settings() -> str:
        engine = create_async_engine(url, poolclass=NullPool)
        try:
            async with engine.connect() as conn:
                sc = (await conn.execute(text("SHOW synchronous_commit"))).scalar()
                fs = (await conn.execute(text("SHOW fsync"))).scalar()
                version = (await conn.execute(text("SHOW server_version"))).scalar()
        finally:
            await engine.dispose()
        return f"PostgreSQL {version}, synchronous_commit={sc}, fsync={fs}"

    return asyncio.run(settings())


def cpu_probe() -> float:
    """Seconds for a fixed pure-Python loop: the same machine can run at very different speeds
    when its host is busy, and results are only comparable at similar probe times."""
    started = time.perf_counter()
    total = 0
    for n in range(5_000_000):
        total += n
    return round(time.perf_counter() - started, 3)


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        load = []
    return {
        "cores": os.cpu_count(),
        "cpu_probe_s": cpu_probe(),
        "cpu": model,
        "load_before": " ".join(load),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
    }
