"""The recovery team's side through the API: the fee, the moves and the audit trail, bulk
moves, the report, duplicates, bad claims, and who may change the matrix and the policy."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.core.i18n import t
from firstline.jobs import run_pass
from tests.conftest import QueryCounter
from tests.helpers import new_conversation
from tests.recovery.chain import TestChain
from tests.recovery.conftest import CONFIRMATIONS, U1001
from tests.recovery.test_diagnosis import ETH, claim, open_case

pytestmark = pytest.mark.usefixtures("matrix")


async def wrong_chain_case(
    api: httpx.AsyncClient, chain: TestChain, **extra: Any
) -> dict[str, Any]:
    tx = chain.send(chain.accounts[0], U1001, ETH)
    chain.mine(CONFIRMATIONS)
    return await open_case(api, claim(tx, token="BNB", **extra))


async def test_accepting_the_fee_then_recovering_charges_it(
    as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient, chain_b: TestChain
) -> None:
    case = await wrong_chain_case(as_carol, chain_b)
    url = f"/api/v1/recovery/cases/{case['id']}"
    # Approving before the customer accepted the fee is refused, and says why.
    r = await as_carol.post(f"{url}/move", json={"to": "recovering"})
    assert r.status_code == 409 and "awaiting_customer" in r.json()["detail"]
    r = await as_carol.post(f"{url}/fee", json={"accept": True})
    assert r.status_code == 200, r.text
    assert r.json()["state"] == "approved" and r.json()["fee"]["accepted_at"]
    assert "R-" in r.json()["message"]
    for to in ("recovering", "credited"):
        r = await as_carol.post(
            f"{url}/move", json={"to": to, "note": "Sent back." if to == "credited" else None}
        )
        assert r.status_code == 200, r.text
    done = r.json()
    assert done["state"] == "credited" and done["closed_at"] and done["due_at"] is None
    assert done["fee"]["charged"] == "30.00"
    assert done["recovered"] == {"amount": "1", "value": "600.00"}
    r = await as_carol.post(f"{url}/move", json={"to": "rejected", "reason": "late"})
    assert r.status_code == 409 and "closed" in r.json()["detail"]

    history = (await as_carol.get(url)).json()["history"]
    assert [h["action"] for h in history] == [
        "recovery.opened", "recovery.fee_accepted", "recovery.moved", "recovery.moved",
    ]  # fmt: skip
    assert history[1]["actor_agent_id"] is not None  # Carol recorded the customer's answer
    assert history[-1]["data"]["fee_charged_cents"] == 3000

    report = (await as_bob.get("/api/v1/recovery/report")).json()
    assert report["by_cause"]["wrong_network"]["credited"] >= 1
    assert report["by_network"]["BSC"]["fees"] == "30.00"
    assert report["by_network"]["BSC"]["value_recovered"] == "600.00"
    assert report["currency"] == "USD"
    assert (await as_carol.get("/api/v1/recovery/report")).status_code == 403


async def test_declining_the_fee_closes_the_case(
    as_carol: httpx.AsyncClient, chain_b: TestChain
) -> None:
    case = await wrong_chain_case(as_carol, chain_b)
    r = await as_carol.post(f"/api/v1/recovery/cases/{case['id']}/fee", json={"accept": False})
    assert (r.json()["state"], r.json()["reason"]) == ("rejected", "fee_declined")
    r = await as_carol.post(f"/api/v1/recovery/cases/{case['id']}/fee", json={"accept": True})
    assert r.status_code == 409


async def test_rejecting_needs_a_reason(as_carol: httpx.AsyncClient, chain_b: TestChain) -> None:
    case = await wrong_chain_case(as_carol, chain_b)
    url = f"/api/v1/recovery/cases/{case['id']}/move"
    r = await as_carol.post(url, json={"to": "rejected"})
    assert r.status_code == 422 and "reason" in r.json()["detail"]
    r = await as_carol.post(url, json={"to": "rejected", "reason": "duplicate"})
    assert (r.json()["state"], r.json()["reason"]) == ("rejected", "duplicate")
    r = await as_carol.post(url, json={"to": "diagnosing"})  # reopened
    assert (r.json()["state"], r.json()["reason"]) == ("diagnosing", None)


async def test_bulk_moves_each_case_on_its_own(
    as_carol: httpx.AsyncClient, chain_a: TestChain
) -> None:
    ids = []
    for _ in range(3):
        tx = chain_a.send(chain_a.accounts[0], U1001, ETH)
        chain_a.mine(CONFIRMATIONS)
        ids.append((await open_case(as_carol, claim(tx)))["id"])  # approved, no fee
    r = await as_carol.post(f"/api/v1/recovery/cases/{ids[0]}/move", json={"to": "recovering"})
    assert r.status_code == 200
    r = await as_carol.post(
        "/api/v1/recovery/cases/bulk", json={"ids": [*ids, 999999], "to": "recovering"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["moved"] == ids[1:]
    failed = {f["id"]: f["detail"] for f in r.json()["failed"]}
    assert set(failed) == {ids[0], 999999}
    assert "recovering" in failed[ids[0]] and "No recovery case" in failed[999999]
    listed = (await as_carol.get("/api/v1/recovery/cases?state=recovering")).json()
    assert {c["id"] for c in listed["items"]} >= set(ids)
    assert listed["counts"]["recovering"] >= 3


async def test_the_queue_pages_in_a_fixed_number_of_queries(
    as_carol: httpx.AsyncClient, chain_a: TestChain, queries: QueryCounter
) -> None:
    for _ in range(5):
        tx = chain_a.send(chain_a.accounts[0], U1001, ETH)
        chain_a.mine(CONFIRMATIONS)
        await open_case(as_carol, claim(tx))
    seen: list[int] = []
    cursor = None
    counts = []
    while True:
        queries.reset()
        r = await as_carol.get(
            "/api/v1/recovery/cases", params={"limit": 2, **({"cursor": cursor} if cursor else {})}
        )
        counts.append(queries.count)
        seen += [c["id"] for c in r.json()["items"]]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen)) >= 5
    assert len(set(counts)) == 1  # a page costs the same whatever the page


async def test_the_same_transaction_twice(as_carol: httpx.AsyncClient, chain_b: TestChain) -> None:
    case = await wrong_chain_case(as_carol, chain_b)
    body = claim(case["claim"]["tx_hash"], token="BNB")
    r = await as_carol.post("/api/v1/recovery/cases", json=body)
    assert r.status_code == 200 and r.json()["existing"] and r.json()["id"] == case["id"]
    r = await as_carol.post("/api/v1/recovery/cases", json={**body, "external_user_id": "u_1002"})
    assert r.status_code == 409  # someone else's case: no details


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"tx_hash": "12345"}, "tx_hash", "0x and 64 hexadecimal"),
        ({"network": "TRON", "address": U1001, "tx_hash": "ab" * 32}, "address", "T and 33 base58"),
        ({"network": "XRP", "address": "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh", "tx_hash": "AB" * 32,
          "memo": "tag-1"}, "memo", "destination tag"),
        ({"network": "Dogechain"}, "network", "choose one of"),
        ({"amount": "-3"}, "amount", "greater than 0"),
        ({"external_user_id": None}, "applicant", "external_user_id or email"),
    ],
)  # fmt: skip
async def test_a_bad_claim_says_what_is_wrong(
    as_carol: httpx.AsyncClient, change: dict[str, Any], field: str, words: str
) -> None:
    r = await as_carol.post("/api/v1/recovery/cases", json={**claim("0x" + "12" * 32), **change})
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert any(e.startswith(field + ":") and words in e for e in errors), errors
    assert (await as_carol.get("/api/v1/recovery/cases")).json()["items"] == []


async def test_only_admins_change_the_matrix_and_the_policy(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    rows = (await as_carol.get("/api/v1/recovery/matrix")).json()["rows"]
    assert any(r["network"] == "TRON" and r["token"] == "USDT" for r in rows)
    r = await as_carol.put("/api/v1/recovery/matrix", json={"rows": []})
    assert r.status_code == 403
    bad = {"rows": [{"network": "MOON", "token": "X", "path": "direct"}]}
    r = await as_alice.put("/api/v1/recovery/matrix", json=bad)
    assert r.status_code == 422
    twice = {"rows": [{"network": "ETH", "token": "*", "path": "direct"}] * 2}
    r = await as_alice.put("/api/v1/recovery/matrix", json=twice)
    assert r.status_code == 422 and "twice" in r.json()["detail"]
    assert len((await as_carol.get("/api/v1/recovery/matrix")).json()["rows"]) == len(rows)

    policy = {"fee_percent": "2", "fee_minimum": "1", "fee_maximum": "100", "currency": "USD",
              "sla_hours": {"diagnosing": 12}}  # fmt: skip
    assert (await as_carol.put("/api/v1/recovery/policy", json=policy)).status_code == 403
    r = await as_alice.put("/api/v1/recovery/policy", json={**policy, "fee_minimum": "500"})
    assert r.status_code == 422
    r = await as_alice.put("/api/v1/recovery/policy", json=policy)
    assert r.status_code == 200
    got = (await as_carol.get("/api/v1/recovery/policy")).json()
    assert (got["fee_percent"], got["sla_hours"]["diagnosing"], got["sla_hours"]["approved"]) == (
        "2", 12.0, 24.0,
    )  # fmt: skip


async def test_an_agent_opens_a_case_from_a_conversation_and_the_customer_reads_its_moves(
    as_bob: httpx.AsyncClient, chain_a: TestChain
) -> None:
    # Bob (a supervisor) sees the chat wherever routing puts a Vietnamese customer.
    r = await as_bob.post(
        "/api/v1/conversations",
        json=new_conversation("u_1001", body="Tôi nạp ETH nhưng chưa thấy tiền về tài khoản"),
    )
    assert r.status_code == 201, r.text
    conversation = r.json()
    tx = chain_a.send(chain_a.accounts[0], U1001, ETH)
    chain_a.mine(CONFIRMATIONS)
    body = claim(tx, conversation_id=conversation["id"])
    del body["language"]  # the conversation's, detected from what the customer wrote
    case = await open_case(as_bob, body)
    assert (case["language"], case["conversation_id"]) == ("vi", conversation["id"])
    assert case["customer_id"] == conversation["customer"]["id"]
    r = await as_bob.post(
        f"/api/v1/recovery/cases/{case['id']}/move",
        json={"to": "recovering", "note": "Đang xử lý."},
    )
    assert r.status_code == 200, r.text
    messages = (
        await as_bob.get(f"/api/v1/conversations/{conversation['id']}/messages?limit=50")
    ).json()["items"]
    told = [m for m in messages if m["author_kind"] == "bot"]
    assert len(told) == 1 and told[0]["body"].startswith(f"Yêu cầu khôi phục {case['number']}")
    assert "Đang xử lý." in told[0]["body"] and not told[0]["internal"]


async def test_a_transaction_has_one_open_case_even_when_a_closed_one_is_reopened(
    as_carol: httpx.AsyncClient, chain_b: TestChain
) -> None:
    first = await wrong_chain_case(as_carol, chain_b)
    url = f"/api/v1/recovery/cases/{first['id']}"
    await as_carol.post(f"{url}/fee", json={"accept": False})  # closed: fee declined
    # The customer changes their mind: a new case for the same transaction.
    second = await open_case(as_carol, claim(first["claim"]["tx_hash"], token="BNB"))
    assert second["id"] != first["id"] and second["state"] == "awaiting_customer"
    # Reopening the first now would make two open cases: refused, and nothing changes.
    r = await as_carol.post(f"{url}/move", json={"to": "diagnosing"})
    assert r.status_code == 409 and "already open" in r.json()["detail"]
    assert (await as_carol.get(url)).json()["state"] == "rejected"
    assert (await as_carol.get(url)).json()["history"][-1]["action"] == "recovery.fee_declined"


async def test_identical_claims_at_once_make_one_case(
    as_carol: httpx.AsyncClient, chain_b: TestChain
) -> None:
    tx = chain_b.send(chain_b.accounts[0], U1001, ETH)
    chain_b.mine(CONFIRMATIONS)
    body = claim(tx, token="BNB")
    answers = await asyncio.gather(
        *(as_carol.post("/api/v1/recovery/cases", json=body) for _ in range(8))
    )
    assert sorted(r.status_code for r in answers) == [200] * 7 + [201], [r.text for r in answers]
    assert len({r.json()["id"] for r in answers}) == 1


async def test_a_fee_never_answered_closes_the_case_after_its_time(
    as_carol: httpx.AsyncClient, chain_b: TestChain, db: Database, clock: FrozenClock
) -> None:
    waiting = await wrong_chain_case(as_carol, chain_b)
    answered = await wrong_chain_case(as_carol, chain_b)
    await as_carol.post(f"/api/v1/recovery/cases/{answered['id']}/fee", json={"accept": True})
    assert waiting["due_at"] is not None  # the customer's time to answer
    clock.advance(days=13)
    assert (await run_pass(db)).unanswered_closed == 0
    clock.advance(days=2)
    assert (await run_pass(db)).unanswered_closed == 1
    closed = (await as_carol.get(f"/api/v1/recovery/cases/{waiting['id']}")).json()
    assert (closed["state"], closed["reason"]) == ("rejected", "no_answer")
    assert closed["note"] == t("recovery.no_answer_note", "vi")
    assert closed["history"][-1]["actor_kind"] == "system"
    kept = (await as_carol.get(f"/api/v1/recovery/cases/{answered['id']}")).json()
    assert kept["state"] == "approved"
    assert (await run_pass(db)).unanswered_closed == 0
