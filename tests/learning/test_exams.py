"""Exams through the API as trainers and agents use them: a timed attempt whose answers never
reach the browser, one submission, a certificate that grants a routing skill (and the queue
that opens to it at once), lapsing, re-certification after a material change, grading of
written answers, and every refusal the contract names."""

from __future__ import annotations

from typing import Any

import httpx

from firstline.core.clock import FrozenClock
from firstline.core.db import Database
from firstline.jobs import run_pass
from tests.conftest import World
from tests.helpers import new_conversation

KYC_EXAM: dict[str, Any] = {
    "title": "KYC level 2 review",
    "locale": "en",
    "pass_mark": 75,
    "time_limit_minutes": 20,
    "draw": 4,
    "attempts": 2,
    "cooldown_minutes": 60,
    "grants_skills": ["kyc-cert"],
    "valid_days": 90,
    "questions": [
        {"prompt": "Which document proves an address?", "kind": "single",
         "choices": ["A utility bill under 3 months old", "A selfie", "A tweet"],
         "correct": [0], "topic": "documents"},
        {"prompt": "Which of these are ID documents?", "kind": "multiple",
         "choices": ["Passport", "National ID card", "Library card"], "correct": [0, 1],
         "topic": "documents"},
        {"prompt": "An agent may ask for the customer's 2FA code.", "kind": "true_false",
         "correct": False, "topic": "safety"},
        {"prompt": "A name mismatch with the bank account means:", "kind": "single",
         "choices": ["Reject at once", "Ask for a bank statement", "Approve"],
         "correct": 1, "topic": "deposits"},
        {"prompt": "Screenshots of a document are accepted.", "kind": "true_false",
         "correct": [1], "topic": "documents"},
    ],
}  # fmt: skip


async def _exam(trainer: httpx.AsyncClient, **changes: Any) -> dict[str, Any]:
    r = await trainer.post("/api/v1/learning/exams", json={**KYC_EXAM, **changes})
    assert r.status_code == 201, r.text
    return dict(r.json())


def _right_answers(exam: dict[str, Any], attempt: dict[str, Any]) -> dict[str, Any]:
    key = {q["id"]: q["correct"] for q in exam["questions"]}
    return {str(q["id"]): key[q["id"]] for q in attempt["questions"]}


async def test_an_agent_passes_and_routing_gives_them_the_work_the_skill_opens(
    as_alice: httpx.AsyncClient, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    as_dave: httpx.AsyncClient, world: World,
) -> None:  # fmt: skip
    # KYC conversations need a certified agent; Carol is online but holds no certificate.
    r = await as_alice.post(
        "/api/v1/routing/rules",
        json={"name": "KYC needs certified agents", "product": "kyc",
              "team_id": world.spot_en, "required_skill": "kyc-cert"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    r = await as_carol.patch(f"/api/v1/agents/{world.carol}", json={"presence": "online"})
    assert r.status_code == 200
    r = await as_carol.post("/api/v1/conversations", json=new_conversation(product="kyc"))
    waiting = r.json()
    assert waiting["assignee_id"] is None

    exam = await _exam(as_bob)  # Bob (a supervisor) trains
    assert exam["draw"] == 4 and exam["question_count"] == 5
    assert [q["correct"] for q in exam["questions"]] == [[0], [0, 1], [1], [1], [1]]
    # An agent reads the exam without its answers, and cannot write one.
    seen = (await as_carol.get(f"/api/v1/learning/exams/{exam['id']}")).json()
    assert seen["questions"] is None
    assert (await as_carol.post("/api/v1/learning/exams", json=KYC_EXAM)).status_code == 403

    r = await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")
    assert r.status_code == 201, r.text
    attempt = r.json()
    assert len(attempt["questions"]) == 4 and attempt["deadline"] and attempt["status"] == "open"
    assert all("correct" not in q for q in attempt["questions"])
    assert "correct" not in r.text and "rubric" not in r.text
    # A reload (or a second tab) resumes the same attempt rather than spending another.
    again = await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")
    assert again.status_code == 200 and again.json()["id"] == attempt["id"]

    answers = _right_answers(exam, attempt)
    # Someone else's attempt is not found, even to submit the right answers.
    r = await as_dave.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit", json={"answers": answers}
    )
    assert r.status_code == 404
    assert (await as_dave.get(f"/api/v1/learning/attempts/{attempt['id']}")).status_code == 404

    r = await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit", json={"answers": answers}
    )
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["score"] == 100 and result["passed"] is True and result["certificate_id"]
    # Submitting twice (a second tab) is refused: one attempt, one result.
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit", json={"answers": answers}
    )
    assert r.status_code == 409 and "already submitted" in r.json()["detail"]

    # The certificate and its skill are on her record...
    me = (await as_alice.get(f"/api/v1/agents/{world.carol}")).json()
    assert "kyc-cert" in me["skills"] and me["granted_skills"] == ["kyc-cert"]
    [cert] = me["certificates"]
    assert cert["exam_id"] == exam["id"] and cert["status"] == "valid" and cert["expires_at"]
    # ...and the KYC conversation that waited for a certified agent is hers now.
    r = await as_carol.get(f"/api/v1/conversations/{waiting['id']}")
    assert r.json()["assignee_id"] == world.carol


async def test_failing_counts_attempts_and_the_cool_down(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, clock: FrozenClock
) -> None:
    exam = await _exam(as_bob)
    first = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    wrong: dict[str, list[int]] = {str(q["id"]): [] for q in first["questions"]}
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{first['id']}/submit", json={"answers": wrong}
    )
    assert r.status_code == 200 and r.json()["passed"] is False and r.json()["score"] == 0
    # What to study: per topic, what was right, and the articles behind what was missed.
    assert {t["topic"] for t in r.json()["topics"]} <= {"documents", "safety", "deposits"}

    r = await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")
    assert r.status_code == 409 and "60 minutes" in r.json()["detail"]
    clock.advance(minutes=61)
    second = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    # Two of four right is 50: under the pass mark.
    key = {q["id"]: q["correct"] for q in exam["questions"]}
    half = {str(q["id"]): key[q["id"]] for q in second["questions"][:2]}
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{second['id']}/submit", json={"answers": half}
    )
    assert r.json()["score"] == 50 and r.json()["passed"] is False
    clock.advance(minutes=61)
    r = await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")
    assert r.status_code == 409 and "all 2 attempts" in r.json()["detail"]


async def test_what_the_contract_refuses(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, clock: FrozenClock
) -> None:
    r = await as_bob.post("/api/v1/learning/exams", json={**KYC_EXAM, "pass_mark": 101})
    assert r.status_code == 422 and "pass_mark" in r.text
    questions = [dict(q) for q in KYC_EXAM["questions"]]
    questions[1] = {**questions[1], "correct": []}
    r = await as_bob.post("/api/v1/learning/exams", json={**KYC_EXAM, "questions": questions})
    assert r.status_code == 422 and r.json()["detail"].startswith("Question 2 has no correct")
    questions[1] = {**questions[1], "correct": [7]}
    r = await as_bob.post("/api/v1/learning/exams", json={**KYC_EXAM, "questions": questions})
    assert r.status_code == 422 and "Question 2" in r.json()["detail"]
    r = await as_bob.post("/api/v1/learning/exams", json={**KYC_EXAM, "draw": 9})
    assert r.status_code == 422 and "bank has 5" in r.json()["detail"]

    exam = await _exam(as_bob)
    attempt = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    drawn = {q["id"] for q in attempt["questions"]}
    [left_out] = [q["id"] for q in exam["questions"] if q["id"] not in drawn]
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit",
        json={"answers": {str(left_out): [0]}},
    )
    assert r.status_code == 422 and str(left_out) in r.json()["detail"]
    some = next(iter(drawn))
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit", json={"answers": {str(some): [9]}}
    )
    assert r.status_code == 422
    # Nothing of those was taken: the attempt is still open. After the deadline it is closed.
    clock.advance(minutes=21)
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit", json={"answers": {}}
    )
    assert r.status_code == 409 and "ran out" in r.json()["detail"]
    got = (await as_carol.get(f"/api/v1/learning/attempts/{attempt['id']}")).json()
    assert got["status"] == "failed"


async def test_an_exam_with_certificates_is_archived_not_deleted(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    spare = await _exam(as_bob, title="Never taken")
    assert (await as_bob.delete(f"/api/v1/learning/exams/{spare['id']}")).status_code == 204
    exam = await _exam(as_bob)
    attempt = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit",
        json={"answers": _right_answers(exam, attempt)},
    )
    r = await as_bob.delete(f"/api/v1/learning/exams/{exam['id']}")
    assert r.status_code == 409 and "archive" in r.json()["detail"]
    r = await as_bob.patch(f"/api/v1/learning/exams/{exam['id']}", json={"archived": True})
    assert r.status_code == 200 and r.json()["archived"] is True
    r = await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")
    assert r.status_code == 409 and "archived" in r.json()["detail"]


async def _listed(trainer: httpx.AsyncClient, exam_id: int) -> dict[str, list[int]]:
    """The certificates of an exam as the status filter finds them, status by status."""
    out = {}
    for status in ("valid", "due", "lapsed", "revoked"):
        r = await trainer.get(
            "/api/v1/learning/certificates", params={"exam_id": exam_id, "status": status}
        )
        assert r.status_code == 200, r.text
        assert all(c["status"] == status for c in r.json()), r.json()
        out[status] = [c["agent_id"] for c in r.json()]
    return out


async def test_a_certificate_comes_due_then_lapses_and_the_skill_goes(
    db: Database, clock: FrozenClock, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    exam = await _exam(as_bob, valid_days=30)
    attempt = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit",
        json={"answers": _right_answers(exam, attempt)},
    )
    listed = await _listed(as_bob, exam["id"])
    assert listed == {"valid": [world.carol], "due": [], "lapsed": [], "revoked": []}
    # Paging on: past the last id nothing is left; an id beyond the column's range is a 422.
    r = await as_bob.get("/api/v1/learning/certificates", params={"after": 2**31 - 1})
    assert r.status_code == 200 and r.json() == []
    r = await as_bob.get("/api/v1/learning/certificates", params={"after": 2**62})
    assert r.status_code == 422, r.text
    clock.advance(days=17)
    listed = await _listed(as_bob, exam["id"])  # due by the clock, before the job runs
    assert listed == {"valid": [], "due": [world.carol], "lapsed": [], "revoked": []}
    report = await run_pass(db, outbox=False)
    assert report.certificates_announced == 1 and report.certificates_lapsed == 0
    [cert] = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()["certificates"]
    assert cert["status"] == "due"
    assert (await run_pass(db, outbox=False)).certificates_announced == 0  # told once

    clock.advance(days=14)
    listed = await _listed(as_bob, exam["id"])  # lapsed by the clock, before the job runs
    assert listed == {"valid": [], "due": [], "lapsed": [world.carol], "revoked": []}
    assert (await run_pass(db, outbox=False)).certificates_lapsed == 1
    assert (await _listed(as_bob, exam["id"]))["lapsed"] == [world.carol]
    carol = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()
    assert "kyc-cert" not in carol["skills"] and carol["certificates"][0]["status"] == "lapsed"
    # Passing again renews it, and the skill comes back.
    attempt = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit",
        json={"answers": _right_answers(exam, attempt)},
    )
    assert r.json()["passed"] is True
    carol = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()
    assert "kyc-cert" in carol["skills"] and carol["certificates"][0]["status"] == "valid"


async def test_a_skill_given_by_hand_stays_when_the_certificate_goes(
    db: Database, clock: FrozenClock, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    r = await as_bob.patch(f"/api/v1/agents/{world.carol}", json={"skills": ["vip"]})
    assert r.status_code == 200 and r.json()["manual_skills"] == ["vip"]
    exam = await _exam(as_bob, valid_days=1, grants_skills=["kyc-cert", "vip"])
    attempt = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit",
        json={"answers": _right_answers(exam, attempt)},
    )
    carol = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()
    assert carol["skills"] == ["vip", "kyc-cert"]
    clock.advance(days=2)
    await run_pass(db, outbox=False)
    carol = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()
    assert carol["skills"] == ["vip"] and carol["granted_skills"] == []


async def test_a_material_change_asks_for_a_recheck_of_that_article(
    db: Database, clock: FrozenClock, as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    r = await as_bob.post(
        "/api/v1/kb/articles",
        json={"locale": "en", "title": "Proof of address",
              "body": "A utility bill under 3 months old.", "status": "published"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    article = r.json()
    questions = [dict(q) for q in KYC_EXAM["questions"]]
    questions[0]["article_id"] = article["id"]
    exam = await _exam(as_bob, questions=questions, draw=5)
    attempt = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit",
        json={"answers": _right_answers(exam, attempt)},
    )
    # A new revision that is not material changes nothing...
    path = f"/api/v1/kb/articles/{article['external_id']}/en"
    r = await as_bob.put(
        path, json={"body": "A utility bill under 3 months old, in the customer's name.",
                    "status": "published"},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    [cert] = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()["certificates"]
    assert cert["status"] == "valid"
    # ...one marked material asks for a re-check of the questions on that article.
    r = await as_bob.put(
        path, json={"body": "A utility bill or bank statement under 6 months old.",
                    "status": "published", "material_change": True},
    )  # fmt: skip
    assert r.status_code == 200, r.text
    [cert] = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()["certificates"]
    assert cert["status"] == "due" and cert["recheck_by"]
    recheck = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    assert recheck["recheck"] is True and len(recheck["questions"]) == 1
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{recheck['id']}/submit",
        json={"answers": _right_answers(exam, recheck)},
    )
    assert r.json()["passed"] is True
    [cert] = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()["certificates"]
    assert cert["status"] == "valid" and cert["recheck_by"] is None

    # Ignored, the re-check lapses the certificate after the grace period.
    r = await as_bob.post(f"/api/v1/learning/articles/{article['id']}/material-change")
    assert r.status_code == 200 and r.json()["certificates"] == 1
    assert (await as_carol.post(
        f"/api/v1/learning/articles/{article['id']}/material-change"
    )).status_code == 403  # fmt: skip
    clock.advance(days=15)
    assert (await run_pass(db, outbox=False)).certificates_lapsed == 1
    carol = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()
    assert "kyc-cert" not in carol["skills"]


async def test_written_answers_wait_for_a_reviewer(
    as_bob: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    exam = await _exam(
        as_bob,
        draw=2,
        pass_mark=70,
        questions=[
            {"prompt": "Is a seed phrase ever needed by support?", "kind": "true_false",
             "correct": False},
            {"prompt": "A customer says a 'support agent' on Telegram asked them to move "
                       "funds to a safe wallet. Answer them.", "kind": "simulation",
             "rubric": "Says to stop; we never ask to move funds; report the account."},
        ],
    )  # fmt: skip
    attempt = (await as_carol.post(f"/api/v1/learning/exams/{exam['id']}/attempts")).json()
    answers = {}
    for q in attempt["questions"]:
        answers[str(q["id"])] = [1] if q["kind"] == "true_false" else "Stop: we never ask that."
    r = await as_carol.post(
        f"/api/v1/learning/attempts/{attempt['id']}/submit", json={"answers": answers}
    )
    assert r.json()["status"] == "grading" and r.json()["score"] is None
    queue = (await as_bob.get("/api/v1/learning/attempts", params={"status": "grading"})).json()
    assert [a["id"] for a in queue] == [attempt["id"]]
    [sim] = [q for q in attempt["questions"] if q["kind"] == "simulation"]
    r = await as_bob.post(
        f"/api/v1/learning/attempts/{attempt['id']}/grade", json={"points": {str(sim["id"]): 2}}
    )
    assert r.status_code == 422
    r = await as_bob.post(
        f"/api/v1/learning/attempts/{attempt['id']}/grade",
        json={"points": {str(sim["id"]): 0.5}},
    )
    assert r.status_code == 200, r.text
    assert r.json()["score"] == 75 and r.json()["passed"] is True
    carol = (await as_carol.get(f"/api/v1/agents/{world.carol}")).json()
    assert carol["certificates"][0]["status"] == "valid"
