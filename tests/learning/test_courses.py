"""Courses, "My learning", the managers' rotation and the learning report, through the API."""

from __future__ import annotations

from typing import Any

import httpx

from firstline.core.clock import FrozenClock
from tests.conftest import World
from tests.helpers import new_conversation
from tests.learning.test_exams import KYC_EXAM, _right_answers


async def _article(client: httpx.AsyncClient, title: str, body: str) -> dict[str, Any]:
    r = await client.post(
        "/api/v1/kb/articles",
        json={"locale": "en", "title": title, "body": body, "status": "published"},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


async def test_a_course_reaches_its_team_and_new_joiners_who_work_through_it(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    as_dave: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    article = await _article(as_bob, "Deposits that did not arrive", "Check the **tag** first.")
    exam = (await as_bob.post("/api/v1/learning/exams", json=KYC_EXAM)).json()
    r = await as_bob.post(
        "/api/v1/learning/courses",
        json={"title": "Spot desk onboarding", "team_ids": [world.spot_en], "onboarding": True,
              "due_days": 14, "exam_id": exam["id"],
              "modules": [{"kind": "article", "article_id": article["id"]},
                          {"kind": "lesson", "title": "Tone",
                           "body": "Greet by name. <script>alert(1)</script>"}]},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    course = r.json()
    assert course["assigned"] == 2  # Carol and Bob, the Spot EN team
    assert [m["title"] for m in course["modules"]] == ["Deposits that did not arrive", "Tone"]
    # Dave, of another team, has nothing; an agent cannot build a course.
    assert (await as_dave.get("/api/v1/learning/me")).json()["courses"] == []
    assert (await as_dave.post("/api/v1/learning/courses", json={})).status_code in (403, 422)

    mine = (await as_carol.get("/api/v1/learning/me")).json()
    [item] = mine["courses"]
    assert item["modules"] == 2 and item["done"] == 0 and item["due_at"]
    lesson = course["modules"][1]
    r = await as_carol.get(f"/api/v1/learning/courses/{course['id']}/modules/{lesson['id']}")
    assert r.status_code == 200 and "<script>" not in r.json()["body_html"]
    first = course["modules"][0]
    r = await as_carol.get(f"/api/v1/learning/courses/{course['id']}/modules/{first['id']}")
    assert "<strong>tag</strong>" in r.json()["body_html"]
    # Dave is not given the course: its modules are not found for him.
    r = await as_dave.get(f"/api/v1/learning/courses/{course['id']}/modules/{first['id']}")
    assert r.status_code == 404
    for module in course["modules"]:
        r = await as_carol.post(
            f"/api/v1/learning/assignments/{item['assignment_id']}/progress",
            json={"module_id": module["id"]},
        )
        assert r.status_code == 204
    r = await as_dave.post(
        f"/api/v1/learning/assignments/{item['assignment_id']}/progress",
        json={"module_id": first["id"]},
    )
    assert r.status_code == 404
    [item] = (await as_carol.get("/api/v1/learning/me")).json()["courses"]
    assert item["done"] == 2 and item["completed_at"] and item["last_module_id"] == lesson["id"]

    # A new agent of the team gets the onboarding course on creation.
    r = await as_alice.post(
        "/api/v1/agents",
        json={"email": "erin@example.com", "name": "Erin", "languages": ["en"],
              "team_ids": [world.spot_en]},
    )  # fmt: skip
    assert r.status_code == 201
    courses = (await as_bob.get("/api/v1/learning/courses")).json()
    assert courses[0]["assigned"] == 3 and courses[0]["completed"] == 1


async def test_a_managers_front_line_hours_come_from_their_replies(
    clock: FrozenClock, as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient,
    as_carol: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    r = await as_alice.patch(f"/api/v1/agents/{world.bob}", json={"is_manager": True})
    assert r.status_code == 200 and r.json()["is_manager"] is True
    # A supervisor cannot make someone a manager.
    r = await as_bob.patch(f"/api/v1/agents/{world.carol}", json={"is_manager": True})
    assert r.status_code == 403
    r = await as_carol.post("/api/v1/conversations", json=new_conversation(product="spot"))
    cid = r.json()["id"]
    for minutes in (0, 10, 10, 60):  # two stretches: 5 + 10 + 10, then 5 (after a pause)
        clock.advance(minutes=minutes)
        r = await as_bob.post(f"/api/v1/conversations/{cid}/messages", json={"body": "On it."})
        assert r.status_code == 201, r.text
    # An internal note is not front-line work.
    await as_bob.post(
        f"/api/v1/conversations/{cid}/messages", json={"body": "note", "internal": True}
    )
    rotation = (await as_alice.get("/api/v1/learning/rotation")).json()
    [bob] = rotation["managers"]
    assert bob["agent_id"] == world.bob and bob["replies"] == 4
    assert bob["hours"] == round(30 / 60, 2) and bob["status"] == "below"
    assert rotation["target_min_hours"] == 2 and rotation["target_max_hours"] == 6
    # Carol (no manager, no report permission) cannot read it; a bad quarter is a 422.
    assert (await as_carol.get("/api/v1/learning/rotation")).status_code == 403
    r = await as_alice.get("/api/v1/learning/rotation", params={"quarter": "2026Q9"})
    assert r.status_code == 422 and "2026Q4" in r.json()["detail"]
    other = (await as_alice.get("/api/v1/learning/rotation", params={"quarter": "2020Q1"})).json()
    assert other["managers"][0]["hours"] == 0


async def test_the_report_counts_pass_rates_hard_questions_and_what_lapses(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient
) -> None:
    exam = (
        await as_bob.post("/api/v1/learning/exams", json={**KYC_EXAM, "draw": 5, "valid_days": 20})
    ).json()
    for client, right in ((as_carol, True), (as_dave, False)):
        attempt = (await client.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
        answers = _right_answers(exam, attempt) if right else {}
        await client.post(
            f"/api/v1/learning/attempts/{attempt['id']}/submit", json={"answers": answers}
        )
    assert (await as_carol.get("/api/v1/learning/report")).status_code == 403
    report = (await as_bob.get("/api/v1/learning/report")).json()
    [row] = report["exams"]
    assert row["scored"] == 2 and row["passed"] == 1 and row["pass_rate"] == 0.5
    assert row["average_score"] == 50 and row["holders"] == 1
    assert row["days_to_certify"] is not None
    assert len(report["hardest_questions"]) == 5
    assert all(q["miss_rate"] == 0.5 for q in report["hardest_questions"])
    [lapsing] = report["lapsing"]
    assert lapsing["exam_id"] == exam["id"] and lapsing["recheck"] is False


async def test_routing_gives_a_manager_on_rotation_only_low_risk_work_in_their_languages(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"is_manager": True})
    assert r.status_code == 200
    r = await as_carol.patch(f"/api/v1/agents/{world.carol}", json={"presence": "online"})
    assert r.status_code == 200
    # An urgent conversation (money at risk) waits for a seasoned agent...
    r = await as_carol.post(
        "/api/v1/conversations", json=new_conversation(product="spot", priority="urgent")
    )
    urgent = r.json()
    assert urgent["team_id"] == world.spot_en and urgent["assignee_id"] is None
    # ...as does one the bot's keywords raise to high for a hacked account.
    r = await as_carol.post(
        "/api/v1/conversations", json=new_conversation(product="spot", priority="high")
    )
    assert r.json()["assignee_id"] is None
    # An everyday question in her language is hers.
    r = await as_carol.post("/api/v1/conversations", json=new_conversation(product="spot"))
    assert r.json()["assignee_id"] == world.carol
    # Pulling from the queue still only offers what suits her: nothing is left that does.
    r = await as_carol.post("/api/v1/routing/pull", json={})
    assert r.status_code == 404, r.text
    # Once she is no longer on rotation, the queue's urgent head comes to her.
    r = await as_alice.patch(f"/api/v1/agents/{world.carol}", json={"is_manager": False})
    assert r.status_code == 200
    r = await as_carol.post("/api/v1/routing/pull", json={})
    assert r.status_code == 200, r.text
    assert r.json()["id"] == urgent["id"]
