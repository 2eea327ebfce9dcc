"""Chat tokens never travel in a URL, so no access log, proxy or browser history keeps one:
against a real server (`firstline serve`, JSON access log), the widget's socket sends the token
in its first frame, and a token in the socket's query string is refused unread."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
import websockets
import websockets.exceptions

from tests.live import deploy, free_port


def _serve(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "firstline", "serve", "--port", str(port)],
            env={**env, "FIRSTLINE_ACCESS_LOG": "json", "FIRSTLINE_LOG_LEVEL": "info"},
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180  # a loaded CI machine loads the language model slowly
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {log.read_text()}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "server did not answer within 180 s"
        time.sleep(0.1)


def test_the_chat_token_never_reaches_a_url_nor_the_server_log(tmp_path: Path) -> None:
    dep = deploy(f"sqlite+aiosqlite:///{tmp_path / 'chat.db'}")
    port = free_port()
    base, ws_base = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}"
    log = tmp_path / "stderr.log"
    proc = _serve(dep.env, port, log)
    try:
        session = httpx.post(f"{base}/chat/api/session", json={"locale": "en"}).json()
        token = session["token"]
        sent = httpx.post(
            f"{base}/chat/api/messages",
            json={"body": "My deposit is missing", "client_id": uuid.uuid4().hex},
            headers={"X-Chat-Token": token},
        )
        assert sent.status_code == 201

        exposed = httpx.post(f"{base}/chat/api/session", json={}).json()["token"]

        async def sockets() -> None:
            # The widget's way: the token in the first frame.
            async with websockets.connect(f"{ws_base}/chat/ws?after=0") as ws:
                await ws.send(json.dumps({"type": "auth", "token": token}))
                assert json.loads(await asyncio.wait_for(ws.recv(), 5))["type"] == "ready"
                first = json.loads(await asyncio.wait_for(ws.recv(), 5))
                assert first["message"]["body"] == "My deposit is missing"
            # The old way (the audit: the token in the URL, then in the server's log) is
            # refused before the connection opens, and that token is ended: whoever reads it
            # in a log later finds it dead.
            with pytest.raises(websockets.exceptions.InvalidStatus):
                async with websockets.connect(f"{ws_base}/chat/ws?token={exposed}&after=0"):
                    pass

        asyncio.run(sockets())
        dead = httpx.get(f"{base}/chat/api/messages", headers={"X-Chat-Token": exposed})
        assert dead.status_code == 401
        # What the widget itself sends: no token in the socket's address.
        chat_js = httpx.get(f"{base}/static/firstline/chat.js").text
        assert "/chat/ws?token=" not in chat_js and '"auth"' in chat_js
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    text = log.read_text()
    lines = [json.loads(x) for x in text.splitlines() if x.startswith("{")]
    assert any(x.get("route") == "/chat/ws" for x in lines)  # the log was written
    assert token not in text
