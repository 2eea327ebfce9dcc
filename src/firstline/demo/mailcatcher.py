"""The demo's mail catcher: a local SMTP server that takes every mail the desk sends
(acknowledgements, agents' replies) and keeps each as an .eml file, so that the demo shows what
customers would receive without sending anything anywhere."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


class _Keep:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.strftime('%Y%m%d-%H%M%S')}-{time.monotonic_ns() % 10**9:09d}.eml"
        (self.folder / name).write_bytes(bytes(envelope.original_content or b""))
        return "250 Caught by the demo"


def start_mail_catcher(folder: Path) -> int:
    """Start catching on a free loopback port (a thread, for the life of the process)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(_Keep(folder), hostname="127.0.0.1", port=port)
    controller.start()
    return port
