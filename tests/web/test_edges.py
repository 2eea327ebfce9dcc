"""The server's edges under attack, against a real `firstline serve` on loopback: slowloris
headers and bodies, one address holding many connections or WebSockets, oversized and
flooding WebSocket frames, and X-Forwarded-For believed only from a configured proxy."""

from __future__ import annotations

import asyncio
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
import websockets.exceptions

from tests.live import Deployment, deploy, server


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    path: Path = tmp_path_factory.mktemp("edges") / "edges.db"
    return deploy(f"sqlite+aiosqlite:///{path}")


def _with(dep: Deployment, **env: str) -> Deployment:
    return Deployment(
        env={**dep.env, **{f"FIRSTLINE_{k.upper()}": v for k, v in env.items()}},
        token=dep.token,
    )


def _address(base: str) -> tuple[str, int]:
    host, port = base.removeprefix("http://").split(":")
    return host, int(port)


def _connect(base: str) -> socket.socket:
    sock = socket.create_connection(_address(base), timeout=10)
    return sock


def _read_all(sock: socket.socket, seconds: float) -> bytes:
    """What the server sends until it closes the connection (or `seconds` pass)."""
    sock.settimeout(seconds)
    out = b""
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return out
            out += chunk
    except TimeoutError:
        return out + b"<still open>"
    except ConnectionResetError:  # closed while what we sent was still unread
        return out + b"<reset>"


@pytest.fixture(scope="module")
def slow_server(deployment: Deployment) -> Iterator[str]:
    dep = _with(deployment, header_timeout="1", body_timeout="1", body_min_rate="1000")
    with server(dep) as base:
        yield base


def test_headers_sent_a_byte_at_a_time_are_cut_off(slow_server: str) -> None:
    sock = _connect(slow_server)
    started = time.monotonic()
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: " + b"a" * 100
    answer = b""
    try:
        for byte in request:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break  # the server has closed the connection
            time.sleep(0.1)
            if time.monotonic() - started > 5:
                break
        answer = _read_all(sock, 3)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 408"), answer
    assert b"<still open>" not in answer
    assert time.monotonic() - started < 4


def test_a_connection_that_says_nothing_is_closed(slow_server: str) -> None:
    sock = _connect(slow_server)
    try:
        answer = _read_all(sock, 4)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 408"), answer


def test_keep_alive_requests_each_get_the_header_deadline(slow_server: str) -> None:
    # A fast first request, then the next one's headers trickled on the same connection.
    sock = _connect(slow_server)
    try:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        first = sock.recv(4096)
        assert first.startswith(b"HTTP/1.1 200"), first
        for byte in b"GET /healthz HTTP/1.1\r\nHost: x\r\n":
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
            time.sleep(0.1)
        answer = _read_all(sock, 3)
    finally:
        sock.close()
    assert b"408" in answer.split(b"\r\n", 1)[0], answer


def test_oversized_headers_are_refused(slow_server: str) -> None:
    sock = _connect(slow_server)
    try:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        try:
            for _ in range(100):
                sock.sendall(b"X-Filler: " + b"b" * 1000 + b"\r\n")
        except OSError:
            pass
        answer = _read_all(sock, 3)
    finally:
        sock.close()
    # The 431 is written before the close; a client still sending may see only the reset.
    assert answer.startswith(b"HTTP/1.1 431") or answer == b"<reset>", answer[:200]


def test_a_body_trickled_too_slowly_gets_408(slow_server: str) -> None:
    sock = _connect(slow_server)
    body = b'{"locale": "en", "name": "' + b"x" * 3000 + b'"}'
    started = time.monotonic()
    try:
        sock.sendall(
            b"POST /chat/api/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)
        )
        for byte in body[:40]:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
            time.sleep(0.1)
        answer = _read_all(sock, 3)
    finally:
        sock.close()
    assert answer.startswith(b"HTTP/1.1 408"), answer[:300]
    assert b"application/problem+json" in answer
    assert time.monotonic() - started < 5


def test_a_fast_body_is_unaffected(slow_server: str) -> None:
    r = httpx.post(f"{slow_server}/chat/api/session", json={"locale": "en", "name": "x" * 100})
    assert r.status_code == 200, r.text


def test_one_address_holds_a_limited_number_of_connections(deployment: Deployment) -> None:
    dep = _with(deployment, max_connections_per_address="4", header_timeout="30")
    with server(dep) as base:
        held = [_connect(base) for _ in range(4)]
        try:
            time.sleep(0.3)
            extra = _connect(base)
            try:
                answer = _read_all(extra, 3)
            finally:
                extra.close()
            assert answer.startswith(b"HTTP/1.1 429"), answer
            assert b"retry-after" in answer.lower()
        finally:
            for sock in held:
                sock.close()
        # Closed connections give their places back.
        deadline = time.monotonic() + 5
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the cap was never released"
            time.sleep(0.1)


async def _chat_token(base: str, headers: dict[str, str] | None = None) -> str:
    async with httpx.AsyncClient(base_url=base, headers=headers) as http:
        r = await http.post("/chat/api/session", json={"locale": "en"})
        assert r.status_code == 200, r.text
        return str(r.json()["token"])


async def _open(base: str, token: str, **kw: Any) -> Any:
    """A customer's live socket: the token in a first `auth` frame (or, on servers from before
    the token left the URL, in the query string)."""
    root = base.replace("http://", "ws://", 1) + "/chat/ws?after=0"
    try:
        ws = await websockets.connect(root, **kw)
    except websockets.exceptions.InvalidStatus:
        return await websockets.connect(f"{root}&token={token}", **kw)
    await ws.send(json.dumps({"type": "auth", "token": token}))
    return ws


async def test_websockets_per_address_are_capped_and_forwarded_for_needs_a_trusted_proxy(
    deployment: Deployment,
) -> None:
    dep = _with(deployment, max_websockets_per_address="2")
    with server(dep) as base:
        token = await _chat_token(base)
        # X-Forwarded-For from an untrusted peer changes nothing: still 127.0.0.1.
        spoof = {"X-Forwarded-For": "203.0.113.9"}
        sockets = [await _open(base, token), await _open(base, token, additional_headers=spoof)]
        try:
            with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
                await _open(base, token, additional_headers={"X-Forwarded-For": "203.0.113.10"})
            assert refused.value.response.status_code == 403
        finally:
            for ws in sockets:
                await ws.close()
        await asyncio.sleep(0.3)
        again = await _open(base, token)  # places given back
        await again.close()

    trusted = _with(deployment, max_websockets_per_address="2", trusted_proxies="127.0.0.1")
    with server(trusted) as base:
        token = await _chat_token(base)
        behind = [
            await _open(base, token, additional_headers={"X-Forwarded-For": f"198.51.100.{i}"})
            for i in range(4)
        ]
        try:
            same = {"X-Forwarded-For": "198.51.100.1"}
            second = await _open(base, token, additional_headers=same)
            with pytest.raises(websockets.exceptions.InvalidStatus):
                await _open(base, token, additional_headers=same)
            await second.close()
        finally:
            for ws in behind:
                await ws.close()


async def test_websocket_frames_are_capped_and_floods_cut_off(deployment: Deployment) -> None:
    with server(_with(deployment, ws_messages_per_second="2")) as base:
        token = await _chat_token(base)
        ws = await _open(base, token, max_size=None)
        try:
            await ws.send("x" * (100 * 1024))
            with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
                for _ in range(20):
                    await asyncio.wait_for(ws.recv(), 5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
        finally:
            await ws.close()

        ws = await _open(base, token)
        try:
            # A frame just under the limit passes (answered like any text the chat ignores).
            await ws.send("ping")
            with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
                for _ in range(200):
                    await ws.send("ping")
                for _ in range(400):
                    await asyncio.wait_for(ws.recv(), 5)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 1008
        finally:
            await ws.close()
