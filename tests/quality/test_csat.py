"""CSAT through the public interfaces: the chat asks after a resolution, the customer rates
from the widget's API, the rating is on the conversation; by mail, five signed links."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from firstline.conversations.models import Message
from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.settings import get_settings
from tests.conftest import World


async def _chat(api: httpx.AsyncClient, body: str, locale: str = "en") -> tuple[str, int]:
    api.cookies.clear()
    session = (await api.post("/chat/api/session", json={"locale": locale})).json()
    r = await api.post(
        "/chat/api/messages",
        headers={"X-Chat-Token": session["token"]},
        json={"body": body, "client_id": "c-1", "product": "spot"},
    )
    assert r.status_code == 201, r.text
    return session["token"], int(r.json()["message"]["conversation_id"])


async def _resolve(agent: httpx.AsyncClient, cid: int, answer: str | None = None) -> None:
    if answer is not None:
        r = await agent.post(f"/api/v1/conversations/{cid}/messages", json={"body": answer})
        assert r.status_code == 201, r.text
    r = await agent.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved"})
    assert r.status_code == 200, r.text


async def _history(api: httpx.AsyncClient, token: str) -> list[dict[str, Any]]:
    r = await api.get("/chat/api/messages", headers={"X-Chat-Token": token})
    return list(r.json()["items"])


async def test_a_chat_customer_rates_after_resolution(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World, clock: FrozenClock
) -> None:
    token, cid = await _chat(api, "My BTC deposit has not arrived after 2 hours")
    await _resolve(as_bob, cid, "It arrived now, the network was slow. Anything else?")
    history = await _history(api, token)
    question = history[-1]
    assert question["meta"]["csat"]["conversation_id"] == cid, history
    assert "satisfied" in question["body"]
    assert (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["csat"] is None

    r = await api.post(
        "/chat/api/csat", headers={"X-Chat-Token": token},
        json={"conversation_id": cid, "score": 2},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    assert r.json()["csat"]["score"] == 2 and not r.json()["changed"]
    clock.advance(minutes=3)
    r = await api.post(
        "/chat/api/csat", headers={"X-Chat-Token": token},
        json={"conversation_id": cid, "score": 4, "comment": "Quick, thanks"},
    )  # fmt: skip
    assert r.status_code == 200 and r.json()["changed"], r.text
    detail = (await as_bob.get(f"/api/v1/conversations/{cid}")).json()
    assert detail["csat"]["score"] == 4 and detail["csat"]["comment"] == "Quick, thanks"
    assert detail["csat"]["via"] == "chat"

    clock.advance(minutes=30)
    r = await api.post(
        "/chat/api/csat", headers={"X-Chat-Token": token},
        json={"conversation_id": cid, "score": 1},
    )  # fmt: skip
    assert r.status_code == 409 and "final" in r.json()["detail"], r.text
    assert (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["csat"]["score"] == 4


async def test_bad_ratings_are_refused_and_write_nothing(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World
) -> None:
    token, cid = await _chat(api, "Where is my withdrawal?")
    headers = {"X-Chat-Token": token}
    r = await api.post("/chat/api/csat", headers=headers, json={"conversation_id": cid, "score": 5})
    assert r.status_code == 409 and "not resolved" in r.json()["detail"], r.text
    await _resolve(as_bob, cid, "Sent now.")
    for bad in (0, 6, "5", None):
        r = await api.post(
            "/chat/api/csat", headers=headers, json={"conversation_id": cid, "score": bad}
        )
        assert r.status_code == 422, (bad, r.text)
    other, _ = await _chat(api, "Another visitor")
    r = await api.post(
        "/chat/api/csat", headers={"X-Chat-Token": other},
        json={"conversation_id": cid, "score": 5},
    )  # fmt: skip
    assert r.status_code == 404, r.text
    r = await api.post("/chat/api/csat", json={"conversation_id": cid, "score": 5})
    assert r.status_code == 401
    assert (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["csat"] is None


async def test_a_low_score_flags_or_reopens_as_the_admin_chose(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World
) -> None:
    r = await as_bob.patch("/api/v1/qa/settings", json={"csat_low_action": "reopen"})
    assert r.status_code == 403
    r = await as_alice.patch("/api/v1/qa/settings", json={"csat_low_action": "reopen"})
    assert r.status_code == 200 and r.json()["csat_low_action"] == "reopen", r.text
    token, cid = await _chat(api, "The fee was too high")
    await _resolve(as_bob, cid, "That is the network fee.")
    r = await api.post(
        "/chat/api/csat", headers={"X-Chat-Token": token},
        json={"conversation_id": cid, "score": 1, "comment": "Not helpful"},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    detail = (await as_bob.get(f"/api/v1/conversations/{cid}")).json()
    assert detail["status"] == "open" and "csat-low" in detail["tags"], detail

    await as_alice.patch("/api/v1/qa/settings", json={"csat_low_action": "flag"})
    token, cid = await _chat(api, "Fee question again")
    await _resolve(as_bob, cid, "Same network fee.")
    await api.post(
        "/chat/api/csat", headers={"X-Chat-Token": token},
        json={"conversation_id": cid, "score": 2},
    )  # fmt: skip
    detail = (await as_bob.get(f"/api/v1/conversations/{cid}")).json()
    assert detail["status"] == "resolved" and "csat-low" in detail["tags"], detail


def _links(body: str) -> dict[int, str]:
    return {int(s): path for s, path in re.findall(r"(?m)^(\d)\D.*?https?://\S+?(/r/\S+)$", body)}


@pytest.fixture
def public_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("FIRSTLINE_PUBLIC_URL", "https://support.demo.test")
    get_settings.cache_clear()
    yield "https://support.demo.test"
    monkeypatch.delenv("FIRSTLINE_PUBLIC_URL")
    get_settings.cache_clear()


async def test_the_vietnamese_customer_rates_from_a_mailed_link(
    api: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    world: World,
    clock: FrozenClock,
    public_url: str,
    db: Database,
) -> None:
    """An e-mail conversation is asked by mail: five links; one click records the score and
    answers in the customer's language; a tampered link writes nothing; the answer becomes
    final."""
    r = await as_bob.post("/api/v1/conversations", json={
        "customer": {"external_id": "mail-1", "email": "lan@example.com"},
        "channel": "email", "message": {"body": "Toi chua nhan duoc tien nap USDT tu hom qua"},
    })  # fmt: skip
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    await _resolve(as_bob, cid, "Tien da ve tai khoan cua ban roi a.")
    messages = (await as_bob.get(f"/api/v1/conversations/{cid}/messages")).json()["items"]
    asked = next(m for m in messages if (m.get("meta") or {}).get("csat"))
    # Agents see the question, not the links: nobody rates on the customer's behalf.
    assert "/r/" not in asked["body"] and "[…]" in asked["body"]
    # The links are in the stored message the mail is built from.
    async with db.session() as s:
        stored = await s.get(Message, asked["id"])
        assert stored is not None
        links = _links(stored.body)
    assert sorted(links) == [1, 2, 3, 4, 5], stored.body

    tampered = links[5][:-3] + ("AAA" if not links[5].endswith("AAA") else "BBB")
    r = await api.get(tampered)
    assert r.status_code == 404 and 'data-state="invalid"' in r.text
    assert (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["csat"] is None

    r = await api.get(links[5])
    assert r.status_code == 200, r.text
    assert 'lang="vi"' in r.text and "5" in r.text
    csat = (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["csat"]
    assert csat["score"] == 5 and csat["via"] == "link"
    r = await api.post(links[5], data={"score": "5", "comment": "Cam on nhieu!"})
    assert r.status_code == 200 and 'data-testid="csat-commented"' in r.text
    assert (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["csat"]["comment"] == (
        "Cam on nhieu!"
    )
    clock.advance(hours=1)
    r = await api.get(links[3])
    assert r.status_code == 409 and 'data-state="final"' in r.text
    assert (await as_bob.get(f"/api/v1/conversations/{cid}")).json()["csat"]["score"] == 5
    clock.advance(days=30)
    r = await api.get(links[1])
    assert r.status_code == 410 and 'data-state="expired"' in r.text
