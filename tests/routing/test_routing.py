"""Routing through the API: rules and team fit, capacity, strategies, requirements that
relax, re-routing when an agent leaves, pause, pull and push, priority order."""

from __future__ import annotations

from typing import Any

import httpx

from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.jobs import run_pass
from tests.conftest import QueryCounter, World
from tests.helpers import new_conversation


async def _open(
    client: httpx.AsyncClient, body: str = "How do I change my email?", **extra: Any
) -> dict[str, Any]:
    r = await client.post("/api/v1/conversations", json=new_conversation(body=body, **extra))
    assert r.status_code == 201, r.text
    return dict(r.json())


async def _get(client: httpx.AsyncClient, cid: int) -> dict[str, Any]:
    r = await client.get(f"/api/v1/conversations/{cid}")
    assert r.status_code == 200, r.text
    return dict(r.json())


async def _presence(client: httpx.AsyncClient, agent_id: int, presence: str) -> None:
    r = await client.patch(f"/api/v1/agents/{agent_id}", json={"presence": presence})
    assert r.status_code == 200, r.text


def _factors(conversation: dict[str, Any]) -> list[str]:
    return [r["factor"] for r in conversation["routing"]["reasons"]]


async def _agent(admin: httpx.AsyncClient, email: str, team_ids: list[int], **extra: Any) -> int:
    r = await admin.post(
        "/api/v1/agents",
        json={"email": email, "name": email.split("@")[0].title(), "languages": ["en"],
              "team_ids": team_ids, **extra},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


async def test_team_fit_queues_until_an_agent_comes_online(
    as_carol: httpx.AsyncClient, world: World
) -> None:
    c = await _open(as_carol, product="spot")
    assert c["team_id"] == world.spot_en
    assert c["assignee_id"] is None
    assert c["routing"]["queued_at"] is not None
    assert _factors(c) == ["team_fit", "queued"]

    await _presence(as_carol, world.carol, "online")
    c = await _get(as_carol, c["id"])
    assert c["assignee_id"] == world.carol
    assert c["routing"]["queued_at"] is None
    assert _factors(c)[-1] == "assigned"

    # Now that Carol is online, the next one is hers at once.
    d = await _open(as_carol, product="spot")
    assert d["assignee_id"] == world.carol


async def test_a_rule_overrides_team_fit_and_no_product_goes_by_language(
    as_alice: httpx.AsyncClient, world: World
) -> None:
    r = await as_alice.post(
        "/api/v1/routing/rules",
        json={"name": "Vietnamese spot to the VI desk", "product": "spot", "language": "vi",
              "team_id": world.futures_vi},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    rule_id = r.json()["id"]
    vi = await _open(as_alice, body="Tôi không đăng nhập được vào tài khoản", product="spot")
    assert vi["team_id"] == world.futures_vi
    assert vi["routing"]["reasons"][0]["rule_id"] == rule_id
    en = await _open(as_alice, body="I cannot log in to my account", product="spot")
    assert en["team_id"] == world.spot_en
    # A product no team covers is a gap in the set-up: it waits to be routed by hand.
    nothing = await _open(as_alice, body="I cannot log in to my account", product="options")
    assert nothing["team_id"] is None
    assert _factors(nothing)[0] == "unrouted"
    # With no product at all, the team that speaks the language takes it.
    plain = await _open(as_alice, body="I cannot log in to my account")
    assert plain["team_id"] == world.spot_en
    assert _factors(plain)[0] == "language_fit"

    bad = await as_alice.post(
        "/api/v1/routing/rules", json={"name": "x", "team_id": 999, "product": "spot"}
    )
    assert bad.status_code == 422
    assert "team_id 999" in bad.json()["detail"]
    r = await as_alice.get("/api/v1/routing/rules")
    assert [x["id"] for x in r.json()] == [rule_id]


async def test_capacity_is_respected_and_freed_capacity_is_refilled(
    as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient, world: World
) -> None:
    r = await as_bob.patch(f"/api/v1/agents/{world.carol}", json={"max_concurrent": 2})
    assert r.status_code == 200
    await _presence(as_carol, world.carol, "online")
    opened = [await _open(as_carol, product="spot") for _ in range(3)]
    assert [c["assignee_id"] for c in opened] == [world.carol, world.carol, None]

    r = await as_carol.patch(
        f"/api/v1/conversations/{opened[0]['id']}", json={"status": "resolved"}
    )
    assert r.status_code == 200
    assert (await _get(as_carol, opened[2]["id"]))["assignee_id"] == world.carol


async def test_least_busy_and_round_robin(
    clock: FrozenClock, as_alice: httpx.AsyncClient, world: World
) -> None:
    for strategy in ("least_busy", "round_robin"):
        team = await as_alice.post(
            "/api/v1/teams",
            json={"name": f"Earn {strategy}", "product": f"earn-{strategy[0]}",
                  "languages": ["en"], "strategy": strategy},
        )  # fmt: skip
        assert team.status_code == 201, team.text
        tid = team.json()["id"]
        product = team.json()["product"]
        a = await _agent(as_alice, f"a-{strategy}@example.com", [tid], max_concurrent=10)
        b = await _agent(as_alice, f"b-{strategy}@example.com", [tid], max_concurrent=10)
        await _presence(as_alice, a, "online")
        first = [await _open(as_alice, product=product) for _ in range(2)]
        assert {c["assignee_id"] for c in first} == {a}
        await _presence(as_alice, b, "online")
        then = []
        for _ in range(3):
            clock.advance(seconds=1)
            then.append((await _open(as_alice, product=product))["assignee_id"])
        if strategy == "least_busy":
            # B has nothing, A has two: B takes the next two, then they are level (A wins
            # the tie as the one who waited longest since an assignment).
            assert then == [b, b, a]
        else:
            # Round-robin ignores load: whoever was assigned longest ago goes next.
            assert then == [b, a, b]


async def test_required_skill_relaxes_after_the_teams_wait_and_says_why(
    db: Database, clock: FrozenClock, as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    r = await as_alice.post(
        "/api/v1/routing/rules",
        json={"name": "KYC needs certified agents", "product": "kyc",
              "team_id": world.spot_en, "required_skill": "kyc-cert"},
    )  # fmt: skip
    assert r.status_code == 201
    await _presence(as_carol, world.carol, "online")
    c = await _open(as_carol, product="kyc")
    assert c["assignee_id"] is None  # Carol holds no KYC certificate

    clock.advance(seconds=60)
    await run_pass(db)
    assert (await _get(as_carol, c["id"]))["assignee_id"] is None  # not yet: 120 s

    clock.advance(seconds=61)
    report = await run_pass(db)
    assert report.relaxed == 1
    c = await _get(as_carol, c["id"])
    assert c["assignee_id"] == world.carol
    relaxed = [x for x in c["routing"]["reasons"] if x["factor"] == "relaxed"]
    assert len(relaxed) == 1 and "kyc-cert" in relaxed[0]["why"]
    assert relaxed[0]["after_seconds"] == 121
    # The console translates the stable code; the English sentence stays for older readers.
    assert relaxed[0]["why_code"] == "skill_busy"
    assert relaxed[0]["why_args"] == {"skill": "kyc-cert"}

    # A certified agent is preferred from the start.
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"skills": ["kyc-cert"]})
    assert r.status_code == 200 and r.json()["skills"] == ["kyc-cert"]
    assert (await _open(as_carol, product="kyc"))["assignee_id"] == world.carol


async def test_unanswered_language_moves_to_the_overflow_team(
    db: Database, clock: FrozenClock, as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    r = await as_alice.patch(
        f"/api/v1/teams/{world.futures_vi}",
        json={"overflow_team_id": world.spot_en, "relax_after_seconds": 30},
    )
    assert r.status_code == 200, r.text
    await _presence(as_carol, world.carol, "online")  # English only, in Spot EN
    c = await _open(as_carol, body="Lệnh futures của tôi bị thanh lý sai", product="futures")
    assert c["team_id"] == world.futures_vi and c["assignee_id"] is None
    clock.advance(seconds=31)
    await run_pass(db)
    c = await _get(as_carol, c["id"])
    assert c["team_id"] == world.spot_en
    assert c["assignee_id"] == world.carol
    moved = [x for x in c["routing"]["reasons"] if x["factor"] == "relaxed"][-1]
    assert moved["team_id"] == world.spot_en and "Spot EN" in moved["why"]
    assert moved["why_code"] == "overflow"
    assert moved["why_args"]["overflow"] == "Spot EN" and moved["why_args"]["team"]


async def test_an_agent_going_away_has_unanswered_chats_rerouted(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    erin = await _agent(as_alice, "erin@example.com", [world.spot_en])
    await _presence(as_carol, world.carol, "online")
    waiting = await _open(as_carol, product="spot")
    answered = await _open(as_carol, product="spot")
    assert waiting["assignee_id"] == answered["assignee_id"] == world.carol
    r = await as_carol.post(
        f"/api/v1/conversations/{answered['id']}/messages", json={"body": "Let me check."}
    )
    assert r.status_code == 201

    await _presence(as_alice, erin, "online")
    await _presence(as_carol, world.carol, "away")
    w = await _get(as_carol, waiting["id"])
    assert w["assignee_id"] == erin
    assert "rerouted" in _factors(w)
    rerouted = [x for x in w["routing"]["reasons"] if x["factor"] == "rerouted"][-1]
    assert rerouted["why_code"] == "agent_away" and rerouted["why_args"] == {}
    assert rerouted["why"] == "agent went away"
    # The one Carol already answered stays hers: the customer is not waiting on anyone.
    assert (await _get(as_carol, answered["id"]))["assignee_id"] == world.carol


async def test_paused_agents_get_nothing_new_until_unpaused(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    await _presence(as_carol, world.carol, "online")
    r = await as_bob.patch(f"/api/v1/agents/{world.carol}", json={"routing_paused": True})
    assert r.status_code == 200 and r.json()["routing_paused"] is True
    c = await _open(as_carol, product="spot")
    assert c["assignee_id"] is None
    refused = await as_carol.patch(f"/api/v1/agents/{world.carol}", json={"routing_paused": False})
    assert refused.status_code == 403  # agents do not unpause themselves
    r = await as_bob.patch(f"/api/v1/agents/{world.carol}", json={"routing_paused": False})
    assert r.status_code == 200
    assert (await _get(as_carol, c["id"]))["assignee_id"] == world.carol


async def test_money_at_risk_and_vip_are_served_first_and_the_queue_says_why(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    plain = await _open(as_carol, body="What are the trading fees?", product="spot")
    r = await as_carol.post(
        "/api/v1/conversations",
        json={**new_conversation(body="What are the trading fees?", product="spot"),
              "customer": {"external_id": "vip-1", "tier": "vip2"}},
    )  # fmt: skip
    vip = r.json()
    scam = await _open(as_carol, body="I think I was scammed, someone took my USDT", product="spot")
    r = await as_carol.get(f"/api/v1/routing/queues/{world.spot_en}")
    assert r.status_code == 200
    order = [item["conversation_id"] for item in r.json()["items"]]
    assert order == [scam["id"], vip["id"], plain["id"]]
    top = r.json()["items"][0]
    assert {"factor": "funds_at_risk", "match": "scam"}.items() <= next(
        x for x in top["reasons"] if x["factor"] == "funds_at_risk"
    ).items()
    assert top["priority_boost_seconds"] == 900

    # Carol pulls: she gets the most urgent one.
    r = await as_carol.post("/api/v1/routing/pull", json={})
    assert r.status_code == 200, r.text
    assert r.json()["id"] == scam["id"] and r.json()["assignee_id"] == world.carol
    # Agents do not push; supervisors do, to anyone.
    r = await as_carol.post(
        "/api/v1/routing/push", json={"conversation_id": plain["id"], "agent_id": world.carol}
    )
    assert r.status_code == 403
    r = await as_bob.post(
        "/api/v1/routing/push", json={"conversation_id": plain["id"], "agent_id": world.dave}
    )
    assert r.status_code == 200 and r.json()["assignee_id"] == world.dave
    r = await as_carol.get(f"/api/v1/routing/queues/{world.spot_en}")
    assert [i["conversation_id"] for i in r.json()["items"]] == [vip["id"]]
    # Dave sees neither Spot EN's queue nor anything to pull from it.
    r = await as_bob.post("/api/v1/routing/pull", json={"agent_id": world.dave,
                                                        "team_id": world.spot_en})  # fmt: skip
    assert r.status_code == 422


async def test_bad_team_settings_are_refused_with_a_reason(
    as_alice: httpx.AsyncClient, world: World
) -> None:
    for calendar, words in (
        ({"timezone": "Mars/Olympus", "days": [0]}, "time zone"),
        ({"days": []}, "weekdays"),
        ({"start": "18:00", "end": "09:00"}, "later than"),
        ({"hours": 5}, "unknown fields"),
    ):
        r = await as_alice.patch(f"/api/v1/teams/{world.spot_en}", json={"calendar": calendar})
        assert r.status_code == 422, r.text
        assert words in r.json()["detail"]
    r = await as_alice.patch(
        f"/api/v1/teams/{world.spot_en}", json={"overflow_team_id": world.spot_en}
    )
    assert r.status_code == 422
    r = await as_alice.patch(f"/api/v1/teams/{world.spot_en}", json={"strategy": "random"})
    assert r.status_code == 422


async def test_the_chat_widget_routes_by_the_pages_product(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    await _presence(as_carol, world.carol, "online")
    session = (await api.post("/chat/api/session", json={"locale": "en-US"})).json()
    r = await api.post(
        "/chat/api/messages",
        headers={"X-Chat-Token": session["token"]},
        json={"body": "How do stop-limit orders work?", "client_id": "c-1", "product": "spot"},
    )
    assert r.status_code == 201, r.text
    cid = r.json()["message"]["conversation_id"]
    c = await _get(as_carol, cid)
    assert (c["product"], c["team_id"], c["assignee_id"]) == ("spot", world.spot_en, world.carol)
    # Routed straight to an agent: the first sentence promises a quick answer.
    assert "less than a minute" in r.json()["acknowledgement"]["body"]
    bad = await api.post(
        "/chat/api/messages",
        headers={"X-Chat-Token": session["token"]},
        json={"body": "hi", "client_id": "c-2", "product": "Not a product!"},
    )
    assert bad.status_code == 422


async def test_routing_a_new_conversation_costs_the_same_whatever_the_backlog(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World, queries: QueryCounter
) -> None:
    """Each statement intake runs is bounded (the team's online agents, a capped count of the
    queue ahead); so the number of statements is the same with 3 or 300 conversations waiting,
    and with the queue full or an agent free."""

    async def cost() -> int:
        queries.reset()
        await _open(as_carol, product="spot")
        return queries.count

    for _ in range(3):
        await _open(as_carol, product="spot")
    small = await cost()
    for _ in range(300):
        await _open(as_carol, product="spot")
    assert await cost() == small
    r = await as_carol.get(f"/api/v1/routing/queues/{world.spot_en}", params={"limit": 500})
    assert len(r.json()["items"]) == 305


async def test_a_language_relaxation_and_a_team_change_come_with_codes(
    db: Database, clock: FrozenClock, as_alice: httpx.AsyncClient, world: World
) -> None:
    """The reasons the server explains in English also carry a stable code for the console
    to translate, and the sentence stays for whoever read it before."""
    r = await as_alice.patch(f"/api/v1/teams/{world.futures_vi}", json={"relax_after_seconds": 30})
    assert r.status_code == 200, r.text
    c = await _open(as_alice, body="Lệnh futures của tôi bị thanh lý sai", product="futures")
    assert c["team_id"] == world.futures_vi and c["assignee_id"] is None
    clock.advance(seconds=31)
    await run_pass(db)
    c = await _get(as_alice, c["id"])
    relaxed = [x for x in c["routing"]["reasons"] if x["factor"] == "relaxed"][-1]
    assert relaxed["why_code"] == "language_busy" and relaxed["why_args"] == {}, relaxed
    assert "any agent may take it" in relaxed["why"]

    r = await as_alice.patch(f"/api/v1/conversations/{c['id']}", json={"team_id": world.spot_en})
    assert r.status_code == 200, r.text
    queued = [x for x in r.json()["routing"]["reasons"] if x["factor"] == "queued"][-1]
    assert queued["why_code"] == "team_changed" and queued["why_args"] == {}, queued
    assert queued["why"] == "team changed" and queued["team_id"] == world.spot_en
