"""`firstline serve --workers N`: N server processes on one port, each with its own socket.

Each worker binds the port with SO_REUSEPORT, so the kernel spreads new connections evenly
over the workers. (Sharing one listening socket, the usual way, lets whichever process wakes
first take the connection: under a burst one worker took 20 of 32 keep-alive connections and
became the bottleneck while the other idled.) The supervisor restarts a worker that dies, and
forwards SIGTERM and SIGINT for a graceful stop; a worker whose supervisor is killed outright
gets SIGTERM from the kernel instead of living on as an orphan holding the port.

Before the workers start, the supervisor gives them a directory to share their metrics
through (core/metrics.py) and turns the JSON access log on unless FIRSTLINE_ACCESS_LOG says
otherwise; it drops a dead worker's live gauges and removes the directory at the end.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

log = logging.getLogger("firstline.workers")

RESTARTS_PER_MINUTE = 5
# What uvicorn imports in each worker; `firstline serve` passes the demo's factory instead when
# the demo backoffice is on (firstline/demo/app.py), so this package never imports the demo.
APP_FACTORY = "firstline.web.app:create_app"


def reuse_port_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def run_worker(host: str, port: int, log_level: str, factory: str = APP_FACTORY) -> None:
    """One worker: the app on its own SO_REUSEPORT socket (run in a child process)."""
    import uvicorn

    from firstline.core.settings import get_settings
    from firstline.web.edges import uvicorn_options

    _die_with_parent()
    sock = reuse_port_socket(host, port)
    config = uvicorn.Config(
        factory,
        factory=True,
        log_level=log_level,
        access_log=False,
        loop="uvloop",
        ws="websockets-sansio",
        **uvicorn_options(get_settings()),
    )
    uvicorn.Server(config).run(sockets=[sock])


def check_port(host: str, port: int) -> None:
    """Raise OSError if the port is taken. The check binds without SO_REUSEPORT: with it, a
    second server would silently join the first one's group and share its connections."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind((host, port))


def prepare_workers_environment() -> Path | None:
    """What every worker process inherits: the metrics directory (returned when it is ours
    to remove) and, unless set, the access log on (several processes on one port are a
    production set-up, where each request's line is wanted)."""
    from firstline.core.metrics import prepare_multiprocess_dir

    os.environ.setdefault("FIRSTLINE_ACCESS_LOG", "json")
    return prepare_multiprocess_dir()


def supervise(
    host: str, port: int, workers: int, log_level: str, factory: str = APP_FACTORY
) -> int:
    """Start `workers` worker processes and keep them running until SIGTERM or SIGINT."""
    check_port(host, port)
    metrics_dir = prepare_workers_environment()
    try:
        return _supervise(host, port, workers, log_level, factory)
    finally:
        from firstline.core.metrics import remove_multiprocess_dir

        remove_multiprocess_dir(metrics_dir)


def _supervise(host: str, port: int, workers: int, log_level: str, factory: str) -> int:
    from firstline.core.metrics import forget_process

    logging.basicConfig(level=log_level.upper(), format="%(levelname)s: %(message)s")
    command = [sys.executable, "-m", "firstline.web.workers", host, str(port), log_level, factory]
    children: dict[int, subprocess.Popen[bytes]] = {}
    restarts: list[float] = []
    stopping = False

    def start_one() -> None:
        proc = subprocess.Popen(command)
        children[proc.pid] = proc

    def stop(signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True
        for proc in children.values():
            proc.send_signal(signal.SIGTERM if signum == signal.SIGTERM else signal.SIGINT)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(workers):
        start_one()
    log.info("Firstline serving on http://%s:%d with %d workers", host, port, workers)
    status = 0
    while children:
        try:
            pid, code = os.wait()
        except ChildProcessError:
            break
        proc = children.pop(pid, None)
        forget_process(pid)
        if proc is None or stopping:
            continue
        now = time.monotonic()
        restarts = [t for t in restarts if now - t < 60] + [now]
        if len(restarts) > RESTARTS_PER_MINUTE:
            log.error("workers keep dying (last exit status %d); stopping", code)
            status = 1
            stop(signal.SIGTERM, None)
            continue
        log.warning("worker %d exited with status %d; starting another", pid, code)
        start_one()
    return status


if __name__ == "__main__":
    run_worker(sys.argv[1], int(sys.argv[2]), sys.argv[3], *sys.argv[4:5])
