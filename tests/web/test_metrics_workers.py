"""`firstline serve --workers 2` for real: /metrics sums what both worker processes did,
whichever of them answers the scrape, and each request leaves one JSON line with its id on
stderr, without the chat token (which travels in the socket's first frame)."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from pathlib import Path

import httpx
import websockets

from tests.live import deploy, free_port
from tests.web.test_metrics import parse, value

SCRAPER = "workers-scraper-token"


def _wait_healthy(base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("server did not answer within 60 s")
        time.sleep(0.1)


def test_metrics_sum_both_workers_and_every_request_is_logged(tmp_path: Path) -> None:
    dep = deploy(f"sqlite+aiosqlite:///{tmp_path / 'workers.db'}", FIRSTLINE_METRICS_TOKEN=SCRAPER)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "stderr.log"
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "firstline", "serve", "--port", str(port), "--workers", "2"],
            env=dep.env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        _wait_healthy(base, proc, log)
        # New connections spread over the workers: ask until both have answered, counting.
        workers: dict[int, int] = {}
        while len(workers) < 2 or sum(workers.values()) < 20:
            pid = httpx.get(f"{base}/healthz").json()["worker"]
            workers[pid] = workers.get(pid, 0) + 1
            assert sum(workers.values()) < 500, "one worker took every connection"
        assert len(workers) == 2

        with httpx.Client(base_url=base, headers=dep.headers) as api:
            for n in range(6):
                body = {"customer": {"external_id": f"w-{n}"}, "channel": "chat",
                        "message": {"body": "My deposit has not arrived"}}  # fmt: skip
                assert api.post("/api/v1/conversations", json=body).status_code == 201
        chat = httpx.post(f"{base}/chat/api/session", json={"locale": "en-US"}).json()["token"]

        async def with_a_socket_open() -> float:
            url = f"ws://127.0.0.1:{port}/chat/ws"
            async with websockets.connect(url) as ws:
                await ws.send(json.dumps({"type": "auth", "token": chat}))
                assert json.loads(await ws.recv())["type"] == "ready"
                # The other worker, if it answers, reports its connections every few seconds.
                deadline = time.monotonic() + 15
                while True:
                    async with httpx.AsyncClient() as client:
                        r = await client.get(
                            f"{base}/metrics", headers={"Authorization": f"Bearer {SCRAPER}"}
                        )
                    live = value(parse(r.text), "firstline_websocket_connections")
                    if live == 1 or time.monotonic() > deadline:
                        return live
                    await asyncio.sleep(0.5)

        assert asyncio.run(with_a_socket_open()) == 1

        # Whichever worker answers, the totals are the same: both workers' counts, summed.
        totals = set()
        for _ in range(6):
            r = httpx.get(f"{base}/metrics", headers={"Authorization": f"Bearer {SCRAPER}"})
            assert r.status_code == 200
            samples = parse(r.text)
            totals.add(
                (
                    value(samples, "firstline_http_requests_total", route="/healthz"),
                    value(samples, "firstline_conversations_opened_total"),
                    value(samples, "firstline_http_requests_total", route="/api/v1/conversations"),
                )
            )
        # (Requests sent while a worker was still starting wait for it, and count too.)
        assert len(totals) == 1
        health, opened, created = totals.pop()
        assert health >= sum(workers.values()) and (opened, created) == (6, 6)
        assert value(samples, "firstline_db_pool_size", engine="main") > 0
        assert value(samples, "firstline_queue_depth") == 6
        assert httpx.get(f"{base}/metrics").status_code == 404
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert proc.returncode == 0

    lines = [json.loads(x) for x in log.read_text().splitlines() if x.startswith("{")]
    # Both workers' lines, as many as the summed count.
    served = [x for x in lines if x["route"] == "/healthz"]
    assert len(served) == health
    assert {x["status"] for x in served} == {200}
    assert all(len(x["request_id"]) == 32 for x in lines)
    assert len({x["request_id"] for x in lines}) == len(lines)
    sockets = [x for x in lines if x["route"] == "/chat/ws"]
    assert len(sockets) == 1 and sockets[0]["method"] == "WS"
    text = log.read_text()
    assert chat not in text
    assert dep.token not in text
