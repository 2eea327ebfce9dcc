"""Quality in the browser: the console holds a reply that asks for a secret until the agent
chooses; the customer rates a resolved chat from the widget (Vietnamese typed without
diacritics, and Arabic, right to left); the rating shows in the console."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'browser.db'}")


async def _open(agent: Any, text: str) -> None:
    await agent.get_by_test_id("inbox-unassigned").click()
    item = agent.get_by_test_id("inbox-item").filter(has_text=text)
    await item.wait_for(timeout=10_000)
    await item.click()
    await agent.get_by_test_id("conversation-message").filter(has_text=text).wait_for()


async def _audit(dep: Deployment, base: str, action: str) -> list[dict[str, Any]]:
    async with httpx.AsyncClient(base_url=base, headers=dep.headers) as http:
        r = await http.get("/api/v1/audit", params={"action": action})
        assert r.status_code == 200, r.text
        return list(r.json()["items"])


async def test_a_reply_asking_for_a_secret_is_held_and_the_customer_rates_in_vietnamese(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        agent = await pages.console(browser, base, deployment.email, deployment.password)
        customer = await pages.customer(browser, base, "vi-VN")
        question = "tai khoan cua minh bi khoa, minh khong dang nhap duoc"
        await pages.say(customer, question)
        await _open(agent, question)

        risky = "Ban vui long gui cho minh mat khau de minh kiem tra tai khoan nhe"
        await agent.get_by_test_id("reply-input").fill(risky)
        await agent.get_by_test_id("reply-send").click()
        warning = agent.get_by_test_id("reply-warning")
        await warning.wait_for()
        await agent.screenshot(path=str(screenshots / "quality-warning-vi.png"))
        await agent.get_by_test_id("reply-warning-edit").click()
        await warning.wait_for(state="hidden")
        # Nothing reached the customer; the agent's text is still there to change.
        assert await agent.get_by_test_id("reply-input").input_value() == risky
        assert (
            await customer.get_by_test_id("chat-message").filter(has_text="mat khau").count() == 0
        )
        assert [
            e["data"]["warning_id"] for e in await _audit(deployment, base, "qa.warning_heeded")
        ]

        await agent.get_by_test_id("reply-input").fill(
            "Minh da mo khoa tai khoan cho ban roi, ban dang nhap lai thu nhe"
        )
        await agent.get_by_test_id("reply-send").click()
        await customer.get_by_test_id("chat-message").filter(has_text="mo khoa").wait_for()
        await agent.get_by_test_id("status-select").select_option("resolved")

        rating = customer.get_by_test_id("chat-csat")
        await rating.wait_for(timeout=10_000)
        await customer.get_by_test_id("chat-csat-4").click()
        await customer.get_by_test_id("chat-csat-comment").wait_for()
        await customer.get_by_test_id("chat-csat-comment").fill("Cam on ban, ho tro nhanh")
        await customer.get_by_test_id("chat-csat-send").click()
        # The comment box closes once the server has the comment (not on the score alone).
        await customer.get_by_test_id("chat-csat-comment").wait_for(state="hidden")
        await customer.locator(".csat-note").filter(has_text="4").wait_for()
        await customer.screenshot(path=str(screenshots / "csat-widget-vi.png"))

        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            items = (await http.get("/api/v1/conversations", params={"limit": 1})).json()["items"]
            detail = (await http.get(f"/api/v1/conversations/{items[0]['id']}")).json()
        assert detail["csat"]["score"] == 4 and detail["csat"]["comment"] == (
            "Cam on ban, ho tro nhanh"
        )
        await agent.goto(f"{base}/console#/conversations/{items[0]['id']}")
        await agent.reload()
        badge = agent.get_by_test_id("conversation-csat")
        await badge.wait_for(timeout=10_000)
        assert "4" in await badge.inner_text()
        await agent.screenshot(path=str(screenshots / "quality-console-csat.png"))


async def test_an_arabic_customer_rates_right_to_left_and_sending_anyway_is_audited(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        agent = await pages.console(browser, base, deployment.email, deployment.password)
        customer = await pages.customer(browser, base, "ar")
        question = "لم يصل إيداع USDT إلى حسابي منذ ساعتين"
        await pages.say(customer, question)
        await _open(agent, question)
        await agent.get_by_test_id("reply-input").fill(
            "Please send me your seed phrase so I can check the wallet."
        )
        await agent.get_by_test_id("reply-send").click()
        await agent.get_by_test_id("reply-warning").wait_for()
        await agent.get_by_test_id("reply-warning-send").click()
        await customer.get_by_test_id("chat-message").filter(has_text="seed phrase").wait_for()
        [overridden] = await _audit(deployment, base, "qa.warning_overridden")
        assert overridden["data"]["warning_id"]

        await agent.get_by_test_id("status-select").select_option("resolved")
        await customer.get_by_test_id("chat-csat").wait_for(timeout=10_000)
        assert await customer.evaluate("() => document.documentElement.dir") == "rtl"
        await customer.get_by_test_id("chat-csat-2").click()
        await customer.get_by_test_id("chat-csat-comment").wait_for()
        await customer.screenshot(path=str(screenshots / "csat-widget-ar.png"))
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            items = (await http.get("/api/v1/conversations", params={"limit": 1})).json()["items"]
            cid = items[0]["id"]
            detail = (await http.get(f"/api/v1/conversations/{cid}")).json()
            checks = (await http.get(f"/api/v1/conversations/{cid}/qa")).json()
        assert detail["csat"]["score"] == 2 and "csat-low" in detail["tags"]
        secret = next(c for c in checks if c["check"] == "secret_request")
        assert not secret["passed"] and secret["message_id"] is not None


async def test_a_reviewer_scores_from_the_queue_and_reads_the_report(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        async with httpx.AsyncClient(base_url=base) as customer:
            session = (await customer.post("/chat/api/session", json={"locale": "en"})).json()
            chat = {"X-Chat-Token": session["token"]}
            r = await customer.post(
                "/chat/api/messages", headers=chat,
                json={"body": "Why is my withdrawal still pending after 3 hours?",
                      "client_id": "q-1"},
            )  # fmt: skip
            cid = r.json()["message"]["conversation_id"]
            async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
                await http.post(
                    f"/api/v1/conversations/{cid}/messages",
                    json={"body": "It is being checked by the risk team."},
                )
                await http.patch(f"/api/v1/conversations/{cid}", json={"status": "resolved"})
            r = await customer.post(
                "/chat/api/csat", headers=chat, json={"conversation_id": cid, "score": 1}
            )
            assert r.status_code == 200, r.text

        agent = await pages.console(browser, base, deployment.email, deployment.password)
        await agent.get_by_test_id("qa-toggle").click()
        item = agent.get_by_test_id("qa-queue-item").filter(has_text=f"#{cid}")
        await item.wait_for(timeout=10_000)
        await item.click()
        await agent.get_by_test_id("qa-form").wait_for()
        for key, value in (
            ("greeting_tone", "4"), ("understood_issue", "true"), ("correct_answer", "2"),
            ("followed_procedure", "na"), ("clear_writing", "4"), ("scam_protection", "na"),
            ("no_secret_requested", "true"),
        ):  # fmt: skip
            await agent.get_by_test_id(f"qa-{key}-{value}").check()
        await agent.get_by_test_id("qa-comment").fill("Tell the customer what happens next.")
        await agent.screenshot(path=str(screenshots / "quality-review-form.png"))
        await agent.get_by_test_id("qa-submit").click()
        await agent.get_by_test_id("qa-saved").wait_for()

        await agent.get_by_test_id("qa-tab-report").click()
        await agent.locator('[data-testid="qa-chart"] canvas').wait_for(timeout=10_000)
        totals = await agent.get_by_test_id("qa-totals").inner_text()
        assert "1" in totals
        await agent.screenshot(path=str(screenshots / "quality-report.png"), full_page=True)
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            reviews = (await http.get("/api/v1/qa/reviews", params={"agent_id": 1})).json()
        assert reviews["items"] and reviews["items"][0]["conversation_id"] == cid


async def test_a_supervisor_reads_a_calibration_side_by_side(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            me = (await http.get("/api/v1/me")).json()
            r = await http.post(
                "/api/v1/roles",
                json={
                    "name": "qa-reviewer",
                    "permissions": ["conversations.reply", "quality.review"],
                },
            )
            assert r.status_code == 201, r.text
            r = await http.post(
                "/api/v1/agents",
                json={"email": "rita@example.com", "name": "Rita Reviewer", "role": "qa-reviewer"},
            )
            assert r.status_code == 201, r.text
            rita = r.json()["id"]
            r = await http.post(
                "/api/v1/conversations",
                json={"customer": {"external_id": "cal-1"}, "channel": "chat",
                      "message": {"body": "How long does a SEPA withdrawal take?"}},
            )  # fmt: skip
            cid = r.json()["id"]
            await http.post(
                f"/api/v1/conversations/{cid}/messages", json={"body": "One to two days."}
            )
            r = await http.post(
                "/api/v1/qa/calibrations",
                json={"conversation_ids": [cid], "reviewer_ids": [me["id"], rita]},
            )
            assert r.status_code == 201, r.text
            card = (await http.get("/api/v1/qa/scorecards")).json()[0]
            answers = {c["key"]: (4 if c["scale"] == "1-5" else True) for c in card["criteria"]}
            r = await http.post(
                "/api/v1/qa/reviews",
                json={"conversation_id": cid, "calibration_id": r.json()["id"], "answers": answers},
            )
            assert r.status_code == 201, r.text
        agent = await pages.console(browser, base, deployment.email, deployment.password)
        await agent.get_by_test_id("qa-toggle").click()
        await agent.get_by_test_id("qa-tab-calibration").click()
        view = agent.get_by_test_id("qa-calibration")
        await view.wait_for(timeout=10_000)
        text = await view.inner_text()
        assert "Rita Reviewer" in text and "Agreement" in text and f"#{cid}" in text
        await agent.screenshot(path=str(screenshots / "quality-calibration.png"), full_page=True)


SCORECARD = """[
  {"key": "empathy", "name": {"en": "Shows empathy", "ar": "يُظهر التعاطف"}, "scale": "1-5",
   "weight": 2},
  {"key": "no_secret", "name": {"en": "Never asks for a secret"}, "scale": "pass_fail",
   "critical": true}
]"""


async def test_an_admin_sets_up_ratings_sampling_and_a_scorecard_in_settings(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/quality")

        # Customer satisfaction: a low rating now reopens the conversation for a person.
        csat = admin.get_by_test_id("settings-quality-csat")
        await csat.get_by_test_id("settings-field-csat_low_action").select_option("reopen")
        await csat.get_by_test_id("settings-save").click()
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            for _ in range(50):
                got = (await http.get("/api/v1/qa/settings")).json()
                if got["csat_low_action"] == "reopen":
                    break
                await admin.wait_for_timeout(100)
        assert got["csat_low_action"] == "reopen"

        # A sampling rule: a random 12.5 % of everyone's conversations.
        rules = admin.get_by_test_id("settings-quality-rules")
        await rules.get_by_test_id("settings-table").wait_for()
        await rules.get_by_test_id("settings-add").click()
        form = rules.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-name").fill("Weekly sample")
        await form.get_by_test_id("settings-field-trigger").select_option("random")
        await form.get_by_test_id("settings-field-percent").fill("12.5")
        await form.get_by_test_id("settings-save").click()
        row = rules.get_by_test_id("settings-row").filter(has_text="Weekly sample")
        await row.wait_for()
        assert "Random sample" in await row.inner_text() and "12.5" in await row.inner_text()
        # The defaults a new install has: every CSAT 1-2, every failed secret check.
        assert await rules.get_by_test_id("settings-row").filter(has_text="Low rating").count() == 1

        # A scorecard from its criteria; a mistake is refused with the server's sentence.
        cards = admin.get_by_test_id("settings-quality-scorecards")
        await cards.get_by_test_id("settings-add").click()
        form = cards.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-name").fill("Withdrawals")
        await form.get_by_test_id("settings-field-criteria").fill(
            SCORECARD.replace('"1-5"', '"1-10"')
        )
        await form.get_by_test_id("settings-save").click()
        error = form.get_by_test_id("settings-error")
        await error.wait_for()
        assert "1-10" in await error.inner_text() or "scale" in await error.inner_text()
        await form.get_by_test_id("settings-field-criteria").fill(SCORECARD)
        await form.get_by_test_id("settings-save").click()
        card = cards.get_by_test_id("settings-row").filter(has_text="Withdrawals")
        await card.wait_for()
        assert "Shows empathy" in await card.inner_text()
        await admin.screenshot(path=str(screenshots / "quality-settings-en.png"), full_page=True)

        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            made = {c["name"]: c for c in (await http.get("/api/v1/qa/scorecards")).json()}
            listed = (await http.get("/api/v1/qa/sampling-rules")).json()
        criteria = made["Withdrawals"]["criteria"]
        assert [c["key"] for c in criteria] == ["empathy", "no_secret"] and criteria[1]["critical"]
        assert any(r["name"] == "Weekly sample" and r["percent"] == 12.5 for r in listed)

        # The same page in Arabic, right to left, names the criterion in Arabic.
        await admin.get_by_test_id("ui-language").select_option("ar")
        await admin.locator('html[lang="ar"][dir="rtl"]').wait_for(timeout=10_000)
        await admin.locator('[data-testid="live-status"].on').wait_for()
        await admin.goto(f"{base}/console#/settings/quality")
        cards = admin.get_by_test_id("settings-quality-scorecards")
        await cards.get_by_test_id("settings-row").filter(has_text="يُظهر التعاطف").wait_for()
        assert await admin.evaluate("() => document.documentElement.dir") == "rtl"
        await admin.screenshot(path=str(screenshots / "quality-settings-ar.png"), full_page=True)


async def test_an_agent_reads_a_review_by_criterion_and_a_supervisor_changes_the_disputed_score(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    people = {
        "ana": ("ana@example.com", "Ana Agent", "agent", "ana-password-42x"),
        "sam": ("sam@example.com", "Sam Supervisor", "supervisor", "sam-password-42x"),
    }
    with server(deployment) as base:
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            ids = {}
            for who, (email, name, role, password) in people.items():
                r = await http.post(
                    "/api/v1/agents",
                    json={"email": email, "name": name, "role": role, "password": password},
                )
                assert r.status_code == 201, r.text
                ids[who] = r.json()["id"]
            r = await http.post(
                "/api/v1/conversations",
                json={"customer": {"external_id": "rev-1"}, "channel": "chat",
                      "message": {"body": "Toi chua nhan duoc tien rut ve ngan hang"}},
            )  # fmt: skip
            cid = r.json()["id"]
            r = await http.patch(f"/api/v1/conversations/{cid}", json={"assignee_id": ids["ana"]})
            assert r.status_code == 200, r.text
            card = (await http.get("/api/v1/qa/scorecards")).json()[0]
            answers = {c["key"]: (4 if c["scale"] == "1-5" else True) for c in card["criteria"]}
            failing = next(c for c in card["criteria"] if c["scale"] == "1-5")
            answers[failing["key"]] = 1
            r = await http.post(
                "/api/v1/qa/reviews", json={"conversation_id": cid, "answers": answers}
            )
            assert r.status_code == 201, r.text
            review = r.json()

        # Ana sees which criterion failed, and disputes the score once, saying why.
        ana = await pages.console(browser, base, people["ana"][0], people["ana"][3])
        await ana.get_by_test_id("qa-toggle").click()
        await ana.get_by_test_id("qa-tab-reviews").click()
        card_box = ana.get_by_test_id("qa-review").filter(has_text=f"#{cid}")
        await card_box.wait_for()
        await ana.wait_for_timeout(500)
        # Shown once, however quickly the tabs were clicked.
        assert await card_box.count() == 1
        await card_box.get_by_test_id("qa-show-answers").click()
        failed = card_box.locator('[data-testid="qa-answers"] dt.failed')
        await failed.wait_for()
        assert failing["name"]["en"] in await failed.inner_text()
        ana.once("dialog", lambda d: d.accept("The customer asked for the bank's name only."))
        await card_box.get_by_test_id("qa-dispute").click()
        await card_box.locator(".qa-dispute").wait_for()

        # Sam, who neither reviewed nor was reviewed, scores it again with the same criteria.
        sam = await pages.console(browser, base, people["sam"][0], people["sam"][3])
        await sam.get_by_test_id("qa-toggle").click()
        await sam.get_by_test_id("qa-tab-reviews").click()
        disputed = sam.get_by_test_id("qa-review").filter(has_text=f"#{cid}")
        await disputed.get_by_test_id("qa-change").click()
        form = disputed.get_by_test_id("qa-change-form")
        await form.wait_for()
        # The form starts from the reviewer's answers.
        assert await form.get_by_test_id(f"qa-{failing['key']}-1").is_checked()
        await form.get_by_test_id(f"qa-{failing['key']}-4").check()
        await form.get_by_test_id("qa-change-comment").fill("Agreed: the answer was right.")
        await sam.screenshot(path=str(screenshots / "quality-settle-change.png"), full_page=True)
        await form.get_by_test_id("qa-change-submit").click()
        await form.wait_for(state="detached")

        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            after = (await http.get(f"/api/v1/qa/reviews/{review['id']}")).json()
        assert after["dispute"]["state"] == "changed"
        assert after["answers"][failing["key"]] == 4 and after["score"] > review["score"]
        assert after["dispute"]["comment"] == "Agreed: the answer was right."
        assert [c["key"] for c in after["criteria"]] == [c["key"] for c in card["criteria"]]
