"""Merging duplicates: the same customer's e-mail and chat about one deposit become one
conversation, history kept, and a reply to any of the mails still lands in it."""

from __future__ import annotations

from typing import Any

import httpx

from firstline.core.db import Database
from tests.conftest import World
from tests.mail.conftest import Listener, Sink, mail, send_jobs


async def test_an_email_and_a_chat_of_one_customer_merge_into_one(
    db: Database, listener: Listener, sink: Sink, mailbox: dict[str, Any],
    as_bob: httpx.AsyncClient, as_dave: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    await listener.deliver(
        mail("My USDT deposit is missing", subject="Deposit", message_id="<m1@example.com>")
    )
    [by_mail] = (await as_bob.get("/api/v1/conversations")).json()["items"]
    customer = by_mail["customer"]["external_id"]
    r = await as_bob.post(
        "/api/v1/conversations",
        json={"customer": {"external_id": customer}, "channel": "chat",
              "message": {"body": "Did you get my e-mail about the deposit?"}},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    chat = r.json()["id"]
    other = await as_bob.post(
        "/api/v1/conversations",
        json={"customer": {"external_id": "someone-else"}, "channel": "chat",
              "message": {"body": "Different person"}},
    )  # fmt: skip
    r = await as_bob.post(
        f"/api/v1/conversations/{by_mail['id']}/merge",
        json={"conversation_ids": [other.json()["id"]]},
    )
    assert r.status_code == 422 and "same customer" in r.json()["detail"]

    r = await as_bob.post(
        f"/api/v1/conversations/{by_mail['id']}/merge", json={"conversation_ids": [chat]}
    )
    assert r.status_code == 200, r.text
    assert r.json()["message_count"] >= 3
    messages = (await as_bob.get(f"/api/v1/conversations/{by_mail['id']}/messages")).json()
    bodies = [m["body"] for m in messages["items"]]
    assert "Did you get my e-mail about the deposit?" in bodies
    assert "My USDT deposit is missing" in bodies
    assert any(f"#{chat}" in b for b in bodies)  # the note says what was merged
    merged = (await as_bob.get(f"/api/v1/conversations/{chat}")).json()
    assert merged["status"] == "closed"
    # Merging again: it is closed now.
    r = await as_bob.post(
        f"/api/v1/conversations/{by_mail['id']}/merge", json={"conversation_ids": [chat]}
    )
    assert r.status_code == 409
    # Someone who cannot see both gets 404, as for any conversation they cannot see.
    r = await as_dave.post(
        f"/api/v1/conversations/{by_mail['id']}/merge", json={"conversation_ids": [chat]}
    )
    assert r.status_code == 404
    await send_jobs(db)
    assert len(sink.received) == 1  # the acknowledgement; notes are not mailed
