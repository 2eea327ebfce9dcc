"""GET /api/v1/search: every word must match, newest first, paged, in any script, and only in
conversations the agent can see."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import QueryCounter, World
from tests.helpers import new_conversation


async def _open(client: httpx.AsyncClient, body: str, **extra: Any) -> int:
    r = await client.post("/api/v1/conversations", json=new_conversation(body=body, **extra))
    assert r.status_code == 201, r.text
    conversation_id: int = r.json()["id"]
    return conversation_id


async def _search(client: httpx.AsyncClient, q: str, **params: Any) -> list[int]:
    r = await client.get("/api/v1/search", params={"q": q, **params})
    assert r.status_code == 200, r.text
    return [h["conversation_id"] for h in r.json()["items"]]


async def test_finds_messages_in_every_script(as_bob: httpx.AsyncClient) -> None:
    vi = await _open(as_bob, "Tôi đã nạp 500 USDT qua mạng TRC20 nhưng chưa nhận được")
    zh = await _open(as_bob, "我的充值还没到账，交易哈希已经附上")
    ja = await _open(as_bob, "出金が3時間も保留中のままです")
    th = await _open(as_bob, "การถอนเงินของฉันค้างอยู่สามชั่วโมงแล้ว")
    en = await _open(as_bob, "My USDT deposit via TRC20 has not arrived")

    assert await _search(as_bob, "nạp tiền") == []  # every word must match
    assert await _search(as_bob, "nap USDT") == [vi]  # diacritics optional
    assert await _search(as_bob, "usdt trc20") == [en, vi]  # newest first
    assert await _search(as_bob, "充值") == [zh]
    assert await _search(as_bob, "保留") == [ja]
    assert await _search(as_bob, "ถอนเงิน") == [th]
    assert await _search(as_bob, "DEPOSIT") == [en]


async def test_hits_carry_a_snippet_and_notes_are_found(
    as_bob: httpx.AsyncClient,
) -> None:
    conv = await _open(as_bob, "Withdrawal stuck")
    await as_bob.post(
        f"/api/v1/conversations/{conv}/messages",
        json={"body": "Checked the TXID on Tronscan: 19 confirmations.", "internal": True},
    )
    r = await as_bob.get("/api/v1/search", params={"q": "tronscan"})
    (hit,) = r.json()["items"]
    assert hit["conversation_id"] == conv
    assert hit["internal"] is True
    assert "Tronscan" in hit["snippet"]


async def test_paging(as_bob: httpx.AsyncClient) -> None:
    ids = [await _open(as_bob, f"scam warning number {n}") for n in range(5)]
    first = (await as_bob.get("/api/v1/search", params={"q": "scam", "limit": 3})).json()
    second = (
        await as_bob.get(
            "/api/v1/search", params={"q": "scam", "limit": 3, "cursor": first["next_cursor"]}
        )
    ).json()
    got = [h["conversation_id"] for h in first["items"] + second["items"]]
    assert got == list(reversed(ids))
    assert second["next_cursor"] is None


async def test_agents_only_find_what_they_can_see(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    spot = await _open(as_bob, "margin liquidation question", team_id=world.spot_en)
    assert await _search(as_carol, "liquidation") == [spot]
    assert await _search(as_dave, "liquidation") == []


async def test_bad_queries(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.get("/api/v1/search", params={"q": "?!"})
    assert r.status_code == 422
    assert "no words" in r.json()["detail"]
    r = await as_bob.get("/api/v1/search", params={"q": "x" * 201})
    assert r.status_code == 422
    r = await as_bob.get("/api/v1/search")
    assert r.status_code == 422
    assert r.json()["detail"] == "q is required."
    r = await as_bob.get("/api/v1/search", params={"q": 'a" OR "b'})
    assert r.status_code == 200  # quotes are data, not syntax


async def test_search_is_one_query(as_bob: httpx.AsyncClient, queries: QueryCounter) -> None:
    for n in range(10):
        await _open(as_bob, f"deposit question {n}")
    queries.reset()
    r = await as_bob.get("/api/v1/search", params={"q": "deposit", "limit": 10})
    assert len(r.json()["items"]) == 10
    # The token's check (never cached), on PostgreSQL the index's high-water mark, and the
    # search; none of them grows with the number of hits.
    assert queries.count <= 3, queries.statements
