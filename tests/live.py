"""Real servers for the tests that need one: `firstline serve` in a subprocess, on a database
and, optionally, a Redis of their own, with an admin and an API token."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx

from firstline.bench.server import free_port

__all__ = ["Deployment", "cli", "deploy", "free_port", "in_thread", "server"]


def cli(*args: str, env: dict[str, str], stdin: str | None = None) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "firstline", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def environment(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTLINE_")}
    env["FIRSTLINE_DATABASE_URL"] = database_url
    if "FIRSTLINE_MASTER_KEY" in os.environ:  # PostgreSQL has no key file (core/secrets.py)
        env["FIRSTLINE_MASTER_KEY"] = os.environ["FIRSTLINE_MASTER_KEY"]
    env["FIRSTLINE_LOG_LEVEL"] = "warning"
    env["FIRSTLINE_BOT"] = "false"  # tests that want the bot say so in `extra`
    env.update(extra)
    return env


@dataclass
class Deployment:
    """A migrated database with an admin agent (password and token)."""

    env: dict[str, str]
    token: str
    email: str = "admin@firstline.test"
    password: str = "correct horse battery"

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def deploy(database_url: str, **extra: str) -> Deployment:
    env = environment(database_url, **extra)
    cli("migrate", env=env)
    dep = Deployment(env=env, token="")
    cli(
        "agent", "create", "--email", dep.email, "--name", "Ada Admin", "--role", "admin",
        "--languages", "en,vi,zh-CN,ar", "--password-stdin", env=env, stdin=dep.password + "\n",
    )  # fmt: skip
    dep.token = cli("token", "create", "--email", dep.email, env=env).split()[-1]
    return dep


@contextmanager
def server(dep: Deployment, workers: int = 1, port: int | None = None) -> Iterator[str]:
    """Start `firstline serve`; yields its base URL; stops it afterwards."""
    port = port or free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "firstline", "serve", "--port", str(port),
         "--workers", str(workers)],
        env=dep.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"server exited: {proc.stderr.read() if proc.stderr else ''}")
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("server did not answer within 60 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


@contextmanager
def in_thread(app: Any, name: str) -> Iterator[str]:
    """Serve an ASGI app (a stand-in for a service of the company's, such as its backoffice or
    a language model) with uvicorn in a thread on a free loopback port; yields its base URL."""
    import threading

    import uvicorn

    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise AssertionError(f"{name} did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
