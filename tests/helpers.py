"""Payload builders shared by the tests."""

from __future__ import annotations

import uuid
from typing import Any


def new_conversation(
    external_id: str | None = None, body: str = "My USDT deposit has not arrived yet", **extra: Any
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "customer": {"external_id": external_id or f"cust-{uuid.uuid4().hex[:10]}"},
        "channel": "chat",
        "message": {"body": body},
    }
    payload.update(extra)
    return payload
