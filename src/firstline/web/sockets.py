"""Serving one hub listener over a WebSocket, for the chat widget and the console alike."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable

from fastapi import WebSocket, WebSocketDisconnect

from firstline.realtime.hub import Listener

TextHandler = Callable[[str], Awaitable[None]]


async def serve_listener(
    websocket: WebSocket, listener: Listener, on_text: TextHandler | None = None
) -> None:
    """Send the listener's outbox to the socket until either side ends; hand what the client
    sends (other than "ping", answered with "pong") to `on_text`. Two tasks a connection (this
    one and a reader), since at ten thousand connections each task counts. Anything to send
    back goes through the listener, so frames never interleave."""

    settings = getattr(websocket.app.state, "settings", None)
    rate = settings.ws_messages_per_second if settings is not None else 0.0
    # A token bucket per socket: a client that floods its socket is cut off (1008) rather
    # than keep the server parsing, looking up and answering its frames.
    burst = rate * 4
    tokens = burst
    last = time.monotonic()
    flooded = False

    async def read() -> None:
        nonlocal tokens, last, flooded
        try:
            while True:
                text = await websocket.receive_text()
                if rate > 0:
                    now = time.monotonic()
                    tokens = min(burst, tokens + (now - last) * rate) - 1.0
                    last = now
                    if tokens < 0:
                        flooded = True
                        return
                if text == "ping":
                    listener.push(b"pong")
                elif on_text is not None:
                    await on_text(text)
        except Exception:  # disconnect, or a frame we do not take: either way, done
            pass
        finally:
            listener.closed = True
            listener.wakeup.set()

    async def send(data: bytes) -> None:
        await websocket.send_text(data.decode())

    reader = asyncio.create_task(read())
    try:
        await listener.pump(send)
        if flooded:
            await websocket.close(code=1008, reason="too many messages")
        elif listener.overflowed:
            await websocket.send_text('{"type":"resync"}')
            await websocket.close(code=4000)
    except (WebSocketDisconnect, RuntimeError, OSError):
        return
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await reader
