"""Live chat over real WebSockets against real servers: a customer sees an agent's reply as it
commits, never an internal note, loses nothing across a reconnect, and, with Redis, gets
messages committed by another server process."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
import websockets.exceptions

from tests.live import Deployment, cli, deploy, server
from tests.signin import second_step


def _ws(base: str, path: str) -> str:
    return base.replace("http://", "ws://", 1) + path


async def _frame(
    ws: Any, wait: float = 5.0, skip: tuple[str, ...] = ("queue.position",)
) -> dict[str, Any]:
    """The next frame, passing over pongs and (unless asked for) queue-place updates, which
    arrive on their own schedule."""
    while True:
        raw = await asyncio.wait_for(ws.recv(), wait)
        if raw == "pong":
            continue
        frame = dict(json.loads(raw))
        if frame.get("type") not in skip:
            return frame


@asynccontextmanager
async def _chat_socket(base: str, token: str, after: int = 0) -> AsyncIterator[Any]:
    """The customer's socket, the token in its first frame (never in the URL)."""
    async with websockets.connect(_ws(base, f"/chat/ws?after={after}")) as ws:
        await ws.send(json.dumps({"type": "auth", "token": token}))
        assert (await _frame(ws))["type"] == "ready"
        yield ws


async def _customer(base: str) -> tuple[str, int]:
    """A new visitor who has written once; returns their chat token and conversation id."""
    async with httpx.AsyncClient(base_url=base) as http:
        s = (await http.post("/chat/api/session", json={"locale": "en"})).json()
        sent = await http.post(
            "/chat/api/messages",
            json={"body": "My deposit has not arrived yet", "client_id": uuid.uuid4().hex},
            headers={"X-Chat-Token": s["token"]},
        )
        assert sent.status_code == 201
        return s["token"], sent.json()["message"]["conversation_id"]


async def _agent_says(
    base: str, dep: Deployment, conversation_id: int, body: str, **kw: Any
) -> int:
    async with httpx.AsyncClient(base_url=base, headers=dep.headers) as http:
        r = await http.post(
            f"/api/v1/conversations/{conversation_id}/messages", json={"body": body, **kw}
        )
        assert r.status_code == 201, r.text
        return int(r.json()["id"])


@pytest.fixture
def sqlite_deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'live.db'}")


async def test_customer_sees_replies_live_and_never_notes(sqlite_deployment: Deployment) -> None:
    dep = sqlite_deployment
    with server(dep) as base:
        token, conversation_id = await _customer(base)
        async with _chat_socket(base, token) as ws:
            # The backlog first: the customer's message and the acknowledgement.
            kinds = [(await _frame(ws))["message"]["author_kind"] for _ in range(2)]
            assert kinds == ["customer", "system"]
            # Then their place in the queue, in their language (nobody is online).
            place = await _frame(ws, skip=())
            assert place["type"] == "queue.position" and place["position"] == 1
            assert place["text"].startswith("You are number 1 in the queue")

            await _agent_says(base, dep, conversation_id, "Checking your note now", internal=True)
            reply_id = await _agent_says(base, dep, conversation_id, "Found it: wrong network.")
            frame = await _frame(ws)
            assert frame["type"] == "message.posted"
            assert frame["message"]["id"] == reply_id
            assert frame["message"]["body"] == "Found it: wrong network."
            assert "author_agent_id" not in frame["message"]


async def test_a_reconnect_resumes_after_the_last_message_seen(
    sqlite_deployment: Deployment,
) -> None:
    dep = sqlite_deployment
    with server(dep) as base:
        token, conversation_id = await _customer(base)
        async with _chat_socket(base, token) as ws:
            last = [(await _frame(ws))["message"]["id"] for _ in range(2)][-1]
        # Offline: two replies arrive meanwhile.
        first = await _agent_says(base, dep, conversation_id, "Reply one")
        second = await _agent_says(base, dep, conversation_id, "Reply two")
        async with _chat_socket(base, token, last) as ws:
            got = [(await _frame(ws))["message"]["id"] for _ in range(2)]
            assert got == [first, second]
            third = await _agent_says(base, dep, conversation_id, "Reply three")
            assert (await _frame(ws))["message"]["id"] == third
            # Nothing else: no duplicate of what came before.
            with pytest.raises(TimeoutError):
                await _frame(ws, wait=0.5)


async def test_a_bad_chat_token_is_refused(sqlite_deployment: Deployment) -> None:
    with server(sqlite_deployment) as base:
        async with websockets.connect(_ws(base, "/chat/ws?after=0")) as ws:
            await ws.send(json.dumps({"type": "auth", "token": "forged"}))
            with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
                await _frame(ws)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_processes_share_events_through_redis(database_url: str, redis_url: str) -> None:
    """Customer on one server process, agent on another (PostgreSQL and Redis)."""
    dep = deploy(database_url, FIRSTLINE_REDIS_URL=redis_url)
    with server(dep) as one, server(dep) as two:
        token, conversation_id = await _customer(one)
        cookie = await _console_session(two, dep)
        console = websockets.connect(
            _ws(two, "/console/ws"), additional_headers={"Cookie": f"fl_session={cookie}"}
        )
        async with (
            _chat_socket(one, token) as ws,
            console as agent,
        ):
            assert (await _frame(agent))["type"] == "hello"
            for _ in range(2):
                await _frame(ws)
            # Agent (process two) to customer (process one)...
            reply_id = await _agent_says(two, dep, conversation_id, "Hello from the other process")
            frame = await _frame(ws)
            assert frame["message"]["id"] == reply_id
            # ...and customer (process one) to agent (process two).
            async with httpx.AsyncClient(base_url=one) as http:
                sent = await http.post(
                    "/chat/api/messages",
                    json={"body": "Thanks, the hash is 0xfeed", "client_id": uuid.uuid4().hex},
                    headers={"X-Chat-Token": token},
                )
            while True:
                seen = await _frame(agent)
                if seen["type"] == "message.posted" and seen["message"]["body"].endswith("0xfeed"):
                    break
            assert seen["message"]["id"] == sent.json()["message"]["id"]


async def _console_session(base: str, dep: Deployment, email: str = "") -> str:
    async with httpx.AsyncClient(base_url=base) as http:
        page = await http.get("/console")
        csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
        r = await http.post(
            "/console/login",
            data={"email": email or dep.email, "password": dep.password, "csrf": csrf},
        )
        assert r.status_code == 303, r.text
        await second_step(http, email or dep.email)  # an admin enrols, or enters a code
        return str(http.cookies["fl_session"])


async def test_the_console_socket_needs_a_session_from_this_site(
    sqlite_deployment: Deployment,
) -> None:
    dep = sqlite_deployment
    with server(dep) as base:
        with pytest.raises(websockets.exceptions.InvalidStatus):
            async with websockets.connect(_ws(base, "/console/ws")):
                pass
        cookie = await _console_session(base, dep)
        # A page on another site cannot borrow the agent's cookie (cross-site WebSocket).
        with pytest.raises(websockets.exceptions.InvalidStatus):
            async with websockets.connect(
                _ws(base, "/console/ws"),
                additional_headers={"Cookie": f"fl_session={cookie}"},
                origin="http://evil.example",  # type: ignore[arg-type]
            ):
                pass


async def test_the_console_socket_survives_what_is_not_a_command(
    sqlite_deployment: Deployment,
) -> None:
    """A JSON string, a list or a number where a command object belongs is answered with an
    error frame; the connection stays up and still answers the keep-alive."""
    dep = sqlite_deployment
    with server(dep) as base:
        cookie = await _console_session(base, dep)
        async with websockets.connect(
            _ws(base, "/console/ws"), additional_headers={"Cookie": f"fl_session={cookie}"}
        ) as ws:
            assert (await _frame(ws))["type"] == "hello"
            for odd in ('"ping"', "[1]", "42", "{"):
                await ws.send(odd)
                assert (await _frame(ws))["type"] == "error"
            await ws.send("ping")
            assert await asyncio.wait_for(ws.recv(), 5) == "pong"


async def test_agents_see_who_else_is_viewing(sqlite_deployment: Deployment) -> None:
    dep = sqlite_deployment
    with server(dep) as base:
        _, conversation_id = await _customer(base)
        cli(
            "agent", "create", "--email", "bea@firstline.test", "--name", "Bea",
            "--role", "supervisor", "--password-stdin", env=dep.env, stdin=dep.password + "\n",
        )  # fmt: skip
        cookie_a = await _console_session(base, dep)
        cookie_b = await _console_session(base, dep, email="bea@firstline.test")
        url = _ws(base, "/console/ws")
        async with (
            websockets.connect(url, additional_headers={"Cookie": f"fl_session={cookie_a}"}) as a,
            websockets.connect(url, additional_headers={"Cookie": f"fl_session={cookie_b}"}) as b,
        ):
            await _frame(a)
            await _frame(b)
            await a.send(json.dumps({"op": "view", "conversation_id": conversation_id}))
            await asyncio.sleep(0.2)
            await b.send(json.dumps({"op": "view", "conversation_id": conversation_id}))
            while True:
                seen = await _frame(a)
                if seen["type"] == "viewer" and seen["name"] == "Bea":
                    break
            assert seen["viewing"] is True and seen["conversation_id"] == conversation_id
            await b.send(json.dumps({"op": "unview"}))
            while True:
                left = await _frame(a)
                if left["type"] == "viewer" and left["name"] == "Bea":
                    break
            assert left["viewing"] is False


async def test_a_visitors_rate_limit_holds_across_processes(tmp_path: Path, redis_url: str) -> None:
    """With Redis, a visitor who spreads messages over two processes gets no more through."""
    dep = deploy(f"sqlite+aiosqlite:///{tmp_path / 'limits.db'}", FIRSTLINE_REDIS_URL=redis_url)
    with server(dep) as one, server(dep) as two:
        token, _ = await _customer(one)  # one message sent
        codes = []
        async with httpx.AsyncClient() as http:
            for n in range(10):
                base = (one, two)[n % 2]
                r = await http.post(
                    f"{base}/chat/api/messages",
                    json={"body": f"message {n}", "client_id": uuid.uuid4().hex},
                    headers={"X-Chat-Token": token},
                )
                codes.append(r.status_code)
        # Eight in a burst for the whole deployment (the first was sent above), not per process.
        assert codes[:7] == [201] * 7
        assert codes[7:] == [429] * 3
