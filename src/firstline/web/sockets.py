"""Serving one hub listener over a WebSocket, for the chat widget and the console alike."""

from __future__ import annotations

import asyncio
import contextlib
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

    async def read() -> None:
        try:
            while True:
                text = await websocket.receive_text()
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
        if listener.overflowed:
            await websocket.send_text('{"type":"resync"}')
            await websocket.close(code=4000)
    except (WebSocketDisconnect, RuntimeError, OSError):
        return
    finally:
        reader.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await reader
