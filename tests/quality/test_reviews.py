"""Scorecards, sampling, the review queue, reviews, disputes and calibration, through the
API as reviewers, agents and supervisors use them."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import World

GOOD = {
    "greeting_tone": 5, "understood_issue": True, "correct_answer": 4,
    "followed_procedure": None, "clear_writing": 4, "scam_protection": None,
    "no_secret_requested": True,
}  # fmt: skip


async def _chat(api: httpx.AsyncClient, body: str) -> tuple[str, int]:
    api.cookies.clear()
    session = (await api.post("/chat/api/session", json={"locale": "en"})).json()
    r = await api.post(
        "/chat/api/messages",
        headers={"X-Chat-Token": session["token"]},
        json={"body": body, "client_id": "c-1", "product": "spot"},
    )
    assert r.status_code == 201, r.text
    return session["token"], int(r.json()["message"]["conversation_id"])


async def _answered_and_resolved(
    api: httpx.AsyncClient, agent: httpx.AsyncClient, body: str, answer: str
) -> tuple[str, int]:
    token, cid = await _chat(api, body)
    r = await agent.post(f"/api/v1/conversations/{cid}/messages", json={"body": answer})
    assert r.status_code == 201, r.text
    r = await agent.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved"})
    assert r.status_code == 200, r.text
    return token, cid


async def _rate(api: httpx.AsyncClient, token: str, cid: int, score: int) -> None:
    r = await api.post(
        "/chat/api/csat", headers={"X-Chat-Token": token},
        json={"conversation_id": cid, "score": score},
    )  # fmt: skip
    assert r.status_code == 200, r.text


async def _audit(client: httpx.AsyncClient, action: str) -> list[dict[str, Any]]:
    r = await client.get("/api/v1/audit", params={"action": action})
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


async def test_a_rating_of_1_is_reviewed_disputed_and_settled(
    api: httpx.AsyncClient,
    as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    as_dave: httpx.AsyncClient,
    world: World,
) -> None:
    token, cid = await _answered_and_resolved(
        api, as_carol, "Why was my withdrawal rejected?", "It was rejected by the risk team."
    )
    await _rate(api, token, cid, 1)

    # The default rule took it; Alice (an admin, who reviews) has it, not Carol, whose it is.
    queue = (await as_alice.get("/api/v1/qa/queue")).json()["items"]
    [item] = [i for i in queue if i["conversation_id"] == cid]
    assert item["reason"] == "csat_low" and item["agent_id"] == world.carol
    assert (await as_carol.get("/api/v1/qa/queue")).status_code == 404
    everyone = (await as_bob.get("/api/v1/qa/queue", params={"all": 1})).json()["items"]
    assert any(i["conversation_id"] == cid for i in everyone)
    detail = (await as_alice.get(f"/api/v1/qa/queue/{item['id']}")).json()
    assert detail["csat"]["score"] == 1 and detail["scorecard"]["criteria"]
    assert any(m["author_kind"] == "agent" for m in detail["messages"])

    # Bad scores name the criterion; nothing is written.
    missing = {k: v for k, v in GOOD.items() if k != "no_secret_requested"}
    r = await as_alice.post("/api/v1/qa/reviews", json={"conversation_id": cid, "answers": missing})
    assert r.status_code == 422 and "no_secret_requested" in r.json()["detail"], r.text
    r = await as_alice.post(
        "/api/v1/qa/reviews",
        json={"conversation_id": cid, "answers": GOOD | {"greeting_tone": 7}},
    )
    assert r.status_code == 422 and "greeting_tone" in r.json()["detail"], r.text
    # Dave neither reviews nor sees it: it does not exist for him.
    r = await as_dave.post("/api/v1/qa/reviews", json={"conversation_id": cid, "answers": GOOD})
    assert r.status_code == 404

    message_id = next(m["id"] for m in detail["messages"] if m["author_kind"] == "agent")
    r = await as_alice.post(
        "/api/v1/qa/reviews",
        json={
            "conversation_id": cid, "answers": GOOD | {"correct_answer": 2},
            "comment": "Say why it was rejected and what to do next.",
            "message_comments": [{"message_id": message_id, "comment": "Too short"}],
        },
    )  # fmt: skip
    assert r.status_code == 201, r.text
    review = r.json()
    assert review["agent_id"] == world.carol and 0 < review["score"] < 100
    assert (await as_alice.get("/api/v1/qa/queue")).json()["items"] == []

    # Carol reads her reviews, acknowledges, disputes once.
    mine = (await as_carol.get("/api/v1/qa/reviews")).json()["items"]
    assert [x["id"] for x in mine] == [review["id"]]
    assert (await as_dave.get(f"/api/v1/qa/reviews/{review['id']}")).status_code == 404
    r = await as_carol.post(f"/api/v1/qa/reviews/{review['id']}/acknowledge")
    assert r.status_code == 200 and r.json()["acknowledged_at"]
    r = await as_carol.post(
        f"/api/v1/qa/reviews/{review['id']}/dispute",
        json={"reason": "The risk team does not let us say why."},
    )
    assert r.status_code == 200 and r.json()["dispute"]["state"] == "open", r.text
    r = await as_carol.post(f"/api/v1/qa/reviews/{review['id']}/dispute", json={"reason": "Again"})
    assert r.status_code == 409

    # Bob (a supervisor who neither reviewed nor was reviewed) settles it.
    r = await as_carol.post(
        f"/api/v1/qa/reviews/{review['id']}/settle", json={"decision": "upheld"}
    )
    assert r.status_code == 404
    r = await as_bob.post(
        f"/api/v1/qa/reviews/{review['id']}/settle",
        json={"decision": "changed", "answers": GOOD, "comment": "Policy: no reason given."},
    )
    assert r.status_code == 200, r.text
    settled = r.json()
    assert settled["dispute"]["state"] == "changed" and settled["score"] > review["score"]
    for action in ("qa.reviewed", "qa.review_acknowledged", "qa.review_disputed",
                   "qa.dispute_settled"):  # fmt: skip
        assert await _audit(as_alice, action), action


async def test_a_failed_critical_criterion_zeroes_the_score(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    _, cid = await _answered_and_resolved(api, as_carol, "Hi", "Hello! How can I help?")
    r = await as_bob.post(
        "/api/v1/qa/reviews",
        json={"conversation_id": cid, "answers": GOOD | {"no_secret_requested": False}},
    )
    assert r.status_code == 201, r.text
    assert r.json()["score"] == 0 and r.json()["critical_failed"]


async def test_scorecards_keep_their_versions_and_rules_sample(
    api: httpx.AsyncClient,
    as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    world: World,
) -> None:
    card = {
        "name": "Withdrawals",
        "criteria": [
            {"key": "tone", "name": {"en": "Tone", "vi": "Thái độ"}, "scale": "1-5", "weight": 2},
            {"key": "no_secret", "name": "Never asked for a secret", "critical": True},
        ],
    }
    assert (await as_bob.post("/api/v1/qa/scorecards", json=card)).status_code == 403
    r = await as_alice.post("/api/v1/qa/scorecards", json=card)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["version"] == 1 and created["criteria"][1]["scale"] == "pass_fail"
    for wrong in (
        {"name": "x", "criteria": [{"key": "Bad Key", "name": "x"}]},
        {"name": "x", "criteria": [{"key": "a", "name": "x", "scale": "1-10"}]},
        {"name": "x", "criteria": [{"key": "a", "name": {"xx": "x"}}]},
    ):
        r = await as_alice.post("/api/v1/qa/scorecards", json=wrong)
        assert r.status_code == 422, (wrong, r.text)

    _, cid = await _answered_and_resolved(api, as_carol, "Fee?", "0.1 USDT on TRON.")
    r = await as_bob.post(
        "/api/v1/qa/reviews",
        json={"conversation_id": cid, "scorecard_id": created["id"],
              "answers": {"tone": 3, "no_secret": True}},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    old_version = r.json()["scorecard_version_id"]
    r = await as_alice.patch(
        f"/api/v1/qa/scorecards/{created['id']}",
        json={"criteria": [*card["criteria"], {"key": "speed", "name": "Speed"}]},
    )
    assert r.status_code == 200 and r.json()["version"] == 2
    review = (await as_bob.get("/api/v1/qa/reviews", params={"agent_id": world.carol})).json()
    assert review["items"][0]["scorecard_version_id"] == old_version

    # Every resolved conversation of Spot EN, by a random rule at 100%.
    r = await as_alice.post(
        "/api/v1/qa/sampling-rules",
        json={"trigger": "random", "percent": 100, "team_id": world.spot_en},
    )
    assert r.status_code == 201, r.text
    bad = await as_alice.post("/api/v1/qa/sampling-rules", json={"trigger": "random"})
    assert bad.status_code == 422
    _, cid = await _answered_and_resolved(api, as_carol, "Where is my deposit?", "Arrived.")
    queue = (await as_bob.get("/api/v1/qa/queue", params={"all": 1})).json()["items"]
    assert any(i["conversation_id"] == cid and i["reason"] == "random" for i in queue), queue


async def test_a_secret_request_is_sampled_at_once(
    api: httpx.AsyncClient, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    _, cid = await _chat(api, "I lost access to my account")
    r = await as_carol.post(
        f"/api/v1/conversations/{cid}/messages",
        json={"body": "Please send me your 2FA code and I will restore it."},
    )
    assert r.status_code == 201
    queue = (await as_bob.get("/api/v1/qa/queue", params={"all": 1})).json()["items"]
    assert [i["reason"] for i in queue if i["conversation_id"] == cid] == ["check_failed"]


async def test_calibration_is_blind_until_everyone_scored(
    api: httpx.AsyncClient,
    as_alice: httpx.AsyncClient,
    as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient,
    as_dave: httpx.AsyncClient,
    world: World,
) -> None:
    # Dave joins the reviewers' team: a role, not a special case.
    r = await as_alice.post(
        "/api/v1/roles",
        json={"name": "qa-reviewer", "permissions": ["conversations.reply", "quality.review"]},
    )
    assert r.status_code == 201, r.text
    r = await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"role": "qa-reviewer"})
    assert r.status_code == 200, r.text
    ids = []
    for n in range(2):
        _, cid = await _answered_and_resolved(api, as_carol, f"Question {n}", f"Answer {n}")
        ids.append(cid)
    body = {"name": "March", "conversation_ids": ids, "reviewer_ids": [world.dave, world.bob]}
    assert (await as_carol.post("/api/v1/qa/calibrations", json=body)).status_code == 403
    r = await as_bob.post("/api/v1/qa/calibrations", json=body)
    assert r.status_code == 201, r.text
    cal = r.json()["id"]
    # Dave cannot see Spot EN's conversations, but a calibration that asks him can.
    queue = (await as_dave.get("/api/v1/qa/queue")).json()["items"]
    assert sorted(i["conversation_id"] for i in queue) == sorted(ids)
    for cid in ids:
        r = await as_dave.post(
            "/api/v1/qa/reviews",
            json={"conversation_id": cid, "calibration_id": cal, "answers": GOOD},
        )
        assert r.status_code == 201, r.text
    # Carol was not asked; the calibration does not exist for her.
    assert (await as_carol.get(f"/api/v1/qa/calibrations/{cal}")).status_code == 404
    r = await as_bob.post(
        "/api/v1/qa/reviews",
        json={"conversation_id": ids[0], "calibration_id": cal,
              "answers": GOOD | {"greeting_tone": 3}},
    )  # fmt: skip
    assert r.status_code == 201
    # Until Bob is done Dave sees only his own scores; Bob, a supervisor, sees all.
    seen = (await as_dave.get(f"/api/v1/qa/calibrations/{cal}")).json()
    assert not seen["complete"] and seen["agreement"] is None
    assert all((x["score"] is None) == (x["reviewer_id"] != world.dave) for x in seen["reviews"])
    assert (await as_bob.get(f"/api/v1/qa/calibrations/{cal}")).json()["agreement"]
    r = await as_bob.post(
        "/api/v1/qa/reviews",
        json={"conversation_id": ids[1], "calibration_id": cal, "answers": GOOD},
    )
    done = (await as_dave.get(f"/api/v1/qa/calibrations/{cal}")).json()
    assert done["complete"] and done["agreement"]["greeting_tone"] == 0.5
    assert done["agreement"]["understood_issue"] == 1.0
    # A reviewer outside the calibration and the conversation's team: 404.
    r = await as_dave.post("/api/v1/qa/reviews", json={"conversation_id": ids[0], "answers": GOOD})
    assert r.status_code == 404
