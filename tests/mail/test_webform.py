"""The help center's request form: a visitor opens a work order in their language with files,
is acknowledged by mail with a link to follow it, and the answers come by mail; bots and bad
fields are turned away without storing anything."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from firstline.core.db import Database
from firstline.core.settings import Settings
from tests.mail.conftest import Sink, plain, send_jobs

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
ID = (
    "Kak saya udah deposit USDT dari kemarin lewat jaringan TRC20 tapi saldonya belum masuk "
    "juga, tolong dicek ya. TxID nya 9f8e7d6c."
)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"public_url": "https://support.demo.test"})


def _form(**fields: str) -> dict[str, str]:
    return {"email": "budi@example.co.id", "category": "deposit", "subject": "Deposit belum masuk",
            "description": ID, **fields}  # fmt: skip


async def test_a_request_by_web_form_is_a_work_order_acknowledged_and_followed(
    db: Database, api: httpx.AsyncClient, as_bob: httpx.AsyncClient, sink: Sink,
    mailbox: dict[str, Any],
) -> None:  # fmt: skip
    page = await api.get("/help/id/request")
    assert page.status_code == 200 and 'data-testid="request-form"' in page.text
    r = await api.post(
        "/help/id/request", data=_form(), files=[("files", ("bukti.png", PNG, "image/png"))]
    )
    assert r.status_code == 303, r.text
    follow = r.headers["location"]
    assert re.fullmatch(r"/help/id/request/\d+-[0-9a-f]{32}\?sent=1", follow)
    [conversation] = (await as_bob.get("/api/v1/conversations")).json()["items"]
    assert conversation["channel"] == "web_form" and conversation["language"] == "id"
    assert conversation["tags"] == ["deposit"]
    cid = conversation["id"]
    files = (await as_bob.get(f"/api/v1/conversations/{cid}/attachments")).json()
    assert [(f["filename"], f["content_type"]) for f in files] == [("bukti.png", "image/png")]

    shown = await api.get(follow)
    assert shown.status_code == 200
    assert f"#{cid}" in shown.text and "b***@example.co.id" in shown.text
    assert "TRC20" in shown.text

    await send_jobs(db)
    [ack] = sink.received
    assert ack["To"] == "budi@example.co.id"
    text = plain(ack)
    assert f"https://support.demo.test{follow.split('?')[0]}" in text

    # The agent's answer goes by mail, and shows on the request's page.
    r = await as_bob.post(f"/api/v1/conversations/{cid}/messages",
                          json={"body": "Halo Budi, depositnya sudah masuk ya."})  # fmt: skip
    assert r.status_code == 201
    await send_jobs(db)
    assert len(sink.received) == 2 and sink.received[1]["In-Reply-To"] == ack["In-Reply-To"]
    assert "sudah masuk" in (await api.get(follow)).text
    # A forged or altered link finds nothing.
    assert (await api.get(f"/help/id/request/{cid}-{'0' * 32}")).status_code == 404
    assert (await api.get("/help/id/request/99999999999999")).status_code == 404


async def test_bots_and_bad_fields_store_nothing(
    db: Database, api: httpx.AsyncClient, as_bob: httpx.AsyncClient, mailbox: dict[str, Any],
) -> None:  # fmt: skip
    r = await api.post("/help/en/request", data=_form(website="http://spam.example"))
    assert r.status_code == 200 and 'data-testid="request-thanks"' in r.text
    r = await api.post("/help/vi/request", data=_form(email="not-an-address", subject=""))
    assert r.status_code == 422
    assert 'data-testid="request-error-email"' in r.text
    assert 'data-testid="request-error-subject"' in r.text
    assert "Deposit belum masuk" not in r.text  # the subject was empty; the rest is kept
    assert "budi" not in r.text or "not-an-address" in r.text
    r = await api.post(
        "/help/en/request", data=_form(),
        files=[("files", ("invoice.pdf", b"<html><script>alert(1)</script>", "application/pdf"))],
    )  # fmt: skip
    assert r.status_code == 422 and 'data-testid="request-error-files"' in r.text
    r = await api.post("/help/en/request", content=b"\x00\x01garbage",
                       headers={"content-type": "multipart/form-data; boundary=x"})  # fmt: skip
    assert r.status_code in (400, 422)
    assert (await as_bob.get("/api/v1/conversations")).json()["items"] == []


async def test_the_chat_widget_sends_images_and_pdfs_only(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient,
) -> None:  # fmt: skip
    token = (await api.post("/chat/api/session", json={"locale": "vi-VN"})).json()["token"]
    chat = {"X-Chat-Token": token}
    picture = {"file": ("giao-dich.png", PNG, "image/png")}
    r = await api.post("/chat/api/attachments", headers=chat, data={"client_id": "f-1"},
                       files=picture)  # fmt: skip
    assert r.status_code == 201, r.text
    message = r.json()["message"]
    assert message["body"] == "giao-dich.png" and message["author_kind"] == "customer"
    files = (
        await as_bob.get(f"/api/v1/conversations/{message['conversation_id']}/attachments")
    ).json()
    assert [(f["message_id"], f["content_type"]) for f in files] == [(message["id"], "image/png")]
    # The same client id again: the stored message, no second file.
    r = await api.post("/chat/api/attachments", headers=chat, data={"client_id": "f-1"},
                       files=picture)  # fmt: skip
    assert r.status_code == 200
    # A page named like a picture is refused, in the customer's language when asked.
    page = {"file": ("anh.png", b"<html><script>x</script>", "image/png")}
    r = await api.post("/chat/api/attachments", headers={**chat, "Accept-Language": "vi"},
                       data={"client_id": "f-2"}, files=page)  # fmt: skip
    assert r.status_code == 422 and r.headers["content-language"] == "vi"
    r = await api.post("/chat/api/attachments", data={"client_id": "f-3"},
                       files={"file": ("a.png", PNG, "image/png")})  # fmt: skip
    assert r.status_code == 401
