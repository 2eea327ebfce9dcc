"""The learning page in the browser: an agent takes a timed exam in the console, passes, and
the conversation that waited for the skill it grants is routed to her; a material change to
the article the exam checks asks her for a re-check; the page reads right to left in Arabic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server

VY = {"email": "vy@example.com", "password": "a long pass phrase of vys"}
QUESTIONS: list[dict[str, Any]] = [
    {"prompt": "Giay to nao chung minh dia chi?", "kind": "single",
     "choices": ["Hoa don dien duoi 3 thang", "Anh selfie", "Bai dang Facebook"], "correct": [0]},
    {"prompt": "Ho tro co the xin ma 2FA cua khach.", "kind": "true_false",
     "choices": ["Dung", "Sai"], "correct": [1]},
    {"prompt": "Giay to tuy than hop le?", "kind": "multiple",
     "choices": ["Ho chieu", "CCCD", "The thu vien"], "correct": [0, 1]},
]  # fmt: skip


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'browser.db'}")


async def _set_up(http: httpx.AsyncClient) -> dict[str, Any]:
    team = (
        await http.post(
            "/api/v1/teams",
            json={"name": "KYC VI", "product": "kyc", "languages": ["vi"], "line": "first"},
        )
    ).json()
    r = await http.post(
        "/api/v1/agents",
        json={"email": VY["email"], "name": "Tran Vy", "languages": ["vi"],
              "team_ids": [team["id"]], "password": VY["password"]},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    vy = r.json()
    r = await http.post(
        "/api/v1/routing/rules",
        json={"name": "KYC needs certified agents", "product": "kyc", "team_id": team["id"],
              "required_skill": "kyc-cert"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    article = (
        await http.post(
            "/api/v1/kb/articles",
            json={"locale": "vi", "title": "Chung minh dia chi",
                  "body": "Hoa don dien duoi 3 thang.", "status": "published"},
        )
    ).json()  # fmt: skip
    questions = [dict(q) for q in QUESTIONS]
    questions[0]["article_id"] = article["id"]
    r = await http.post(
        "/api/v1/learning/exams",
        json={"title": "Kiem tra KYC", "locale": "vi", "pass_mark": 80, "time_limit_minutes": 10,
              "grants_skills": ["kyc-cert"], "valid_days": 60, "questions": questions},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    return {"vy": vy, "team": team, "article": article, "exam": r.json()}


async def test_an_agent_passes_an_exam_in_the_console_and_gets_the_work_it_opens(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            world = await _set_up(http)
            vy = world["vy"]
            r = await http.patch(f"/api/v1/agents/{vy['id']}", json={"presence": "online"})
            assert r.status_code == 200
            # A customer writes, without diacritics, about KYC: it waits for a certified agent.
            r = await http.post(
                "/api/v1/conversations",
                json={"customer": {"external_id": "kh-1", "locale": "vi"}, "channel": "chat",
                      "product": "kyc",
                      "message": {"body": "tai khoan kyc cua toi chua duoc duyet"}},
            )  # fmt: skip
            waiting = r.json()
            assert waiting["assignee_id"] is None

            page = await pages.console(browser, base, VY["email"], VY["password"])
            await page.get_by_test_id("learning-toggle").click()
            exam = page.get_by_test_id("learning-exam").filter(has_text="Kiem tra KYC")
            await exam.wait_for()
            async with page.expect_response(lambda r: r.url.endswith("/attempts")) as started:
                await exam.get_by_test_id("learning-take").click()
            # What reached the browser holds the questions, never their answers.
            drawn = await (await started.value).json()
            assert len(drawn["questions"]) == 3
            assert all("correct" not in q and "rubric" not in q for q in drawn["questions"])
            await page.get_by_test_id("learning-attempt").wait_for()
            clock = page.get_by_test_id("learning-clock")
            assert ":" in await clock.inner_text()
            for q in QUESTIONS:
                box = page.get_by_test_id("learning-question").filter(has_text=q["prompt"])
                for i in q["correct"]:
                    await box.locator("label").filter(has_text=q["choices"][i]).click()
            await page.screenshot(path=str(screenshots / "learning-exam-vi.png"))
            await page.get_by_test_id("learning-submit").click()
            result = page.get_by_test_id("learning-result")
            await result.wait_for()
            assert await result.get_attribute("data-passed") == "true"
            await page.screenshot(path=str(screenshots / "learning-passed.png"))

            # The certificate grants the skill, and the conversation that waited is hers.
            r = await http.get(f"/api/v1/conversations/{waiting['id']}")
            assert r.json()["assignee_id"] == vy["id"]
            agent = (await http.get(f"/api/v1/agents/{vy['id']}")).json()
            assert agent["certificates"][0]["status"] == "valid"

            # A material change to the article the exam checks asks her for a re-check.
            article = world["article"]
            r = await http.put(
                f"/api/v1/kb/articles/{article['external_id']}/vi",
                json={"body": "Hoa don dien hoac sao ke ngan hang duoi 6 thang.",
                      "status": "published", "material_change": True},
            )  # fmt: skip
            assert r.status_code == 200, r.text
            await page.get_by_test_id("learning-back").click()
            row = page.get_by_test_id("learning-certificate")
            await row.first.wait_for()
            assert await row.first.get_attribute("data-status") == "due"
            await (
                page.get_by_test_id("learning-exam")
                .filter(has_text="Kiem tra KYC")
                .get_by_test_id("learning-take")
                .wait_for()
            )

            # In Arabic the page reads right to left.
            r = await http.patch(f"/api/v1/agents/{vy['id']}", json={"ui_language": "ar"})
            assert r.status_code == 200
            await page.reload()
            await page.locator('[data-testid="live-status"].on').wait_for()
            await page.get_by_test_id("learning-toggle").click()
            await page.get_by_test_id("learning-certificate").first.wait_for()
            assert await page.locator("html").get_attribute("dir") == "rtl"
            tab = await page.get_by_test_id("learning-tab-mine").inner_text()
            assert tab and tab != "My learning"
            await page.screenshot(path=str(screenshots / "learning-ar.png"))


async def test_a_trainer_builds_a_course_in_the_console_and_the_team_gets_it(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            world = await _set_up(http)
            page = await pages.console(browser, base, deployment.email, deployment.password)
            await page.get_by_test_id("learning-toggle").click()
            await page.get_by_test_id("learning-tab-courses").click()
            await page.get_by_test_id("learning-new-course").click()
            form = page.get_by_test_id("learning-course-form")
            await form.get_by_test_id("learning-field-title").fill("Nhap mon KYC")
            await form.get_by_test_id("learning-field-locale").fill("vi")
            await form.get_by_test_id("learning-field-locale").press("Tab")
            # The first module is an article, picked among the published ones in Vietnamese.
            article = world["article"]
            pick = form.get_by_test_id("learning-field-article_id")
            await pick.locator(f'option[value="{article["id"]}"]').wait_for(state="attached")
            await pick.select_option(str(article["id"]))
            # Then a lesson of the trainer's own, moved before the article.
            await form.get_by_test_id("learning-add-lesson").click()
            lesson = form.get_by_test_id("learning-module-edit").nth(1)
            await lesson.get_by_test_id("learning-field-module_title").fill("Chao mung")
            await lesson.get_by_test_id("learning-field-body").fill("## Quy trinh\n\n- Buoc 1")
            await lesson.get_by_test_id("learning-module-up").click()
            exam = form.get_by_test_id("learning-field-exam_id")
            await exam.locator(f'option[value="{world["exam"]["id"]}"]').wait_for(state="attached")
            await exam.select_option(str(world["exam"]["id"]))
            await form.get_by_test_id(f"learning-field-team-{world['team']['id']}").check()
            await form.get_by_test_id("learning-field-onboarding").check()
            shot = screenshots / "learning-course-editor.png"
            await page.screenshot(path=str(shot), full_page=True)
            await form.get_by_test_id("learning-save-course").click()
            listed = (
                page.get_by_test_id("learning-course-list")
                .locator("tr")
                .filter(has_text="Nhap mon KYC")
            )
            await listed.wait_for()
            assert "KYC VI" in await listed.inner_text()

            [course] = (await http.get("/api/v1/learning/courses")).json()
            assert [m["kind"] for m in course["modules"]] == ["lesson", "article"]
            assert course["modules"][1]["article_id"] == article["id"]
            assert course["exam_id"] == world["exam"]["id"] and course["onboarding"] is True
            assert course["team_ids"] == [world["team"]["id"]] and course["assigned"] == 1

            # A course without a title is refused with the server's sentence, nothing saved.
            await page.get_by_test_id("learning-new-course").click()
            form = page.get_by_test_id("learning-course-form")
            await form.get_by_test_id("learning-field-title").fill(" ")
            await form.get_by_test_id("learning-save-course").click()
            problem = await form.get_by_test_id("learning-form-problem").element_handle()
            await page.wait_for_function("(p) => p.textContent.trim().length > 0", arg=problem)
            assert len((await http.get("/api/v1/learning/courses")).json()) == 1
