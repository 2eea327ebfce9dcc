""" "Why it is here" in the agent's console language, in a real browser: the reasons the server
explains (a team change, a relaxation to any agent, an overflow to another team) read in
Vietnamese and Arabic from the stable codes it sends, not as its English sentences; and a
conversation the bot is still answering says so under the heading instead of leaving it
empty."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest

from firstline.core.i18n import t
from tests.browser import pages
from tests.live import Deployment, deploy, server

ENGLISH = ("team changed", "any agent may take it", "was free", "moved to")


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'reasons.db'}")


def _database(dep: Deployment) -> str:
    return dep.env["FIRSTLINE_DATABASE_URL"].split("///", 1)[1]


def _open(http: httpx.Client, team_id: int, n: int) -> int:
    r = http.post(
        "/api/v1/conversations",
        json={"customer": {"external_id": f"u-{n}", "name": f"Khách {n}", "locale": "vi-VN"},
              "channel": "email", "message": {"body": "Tôi nạp USDT nhưng chưa nhận được"},
              "team_id": team_id},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    return int(r.json()["id"])


def _setup(base: str, dep: Deployment) -> dict[str, int]:
    """Two teams nobody works in; a conversation moved from one to the other (a queued reason
    the server explains), one whose reasons are the relaxations the routing job writes, and
    one the bot is answering (no reasons yet)."""
    with httpx.Client(base_url=base, headers=dep.headers) as http:
        teams = []
        for name in ("Bàn A", "Bàn B"):
            r = http.post("/api/v1/teams", json={"name": name, "languages": ["vi"]})
            assert r.status_code == 201, r.text
            teams.append(int(r.json()["id"]))
        moved = _open(http, teams[0], 1)
        r = http.patch(f"/api/v1/conversations/{moved}", json={"team_id": teams[1]})
        assert r.status_code == 200, r.text
        queued = [x for x in r.json()["routing"]["reasons"] if x["factor"] == "queued"][-1]
        assert queued["why_code"] == "team_changed" and queued["why"] == "team changed", queued
        relaxed, bot = _open(http, teams[0], 2), _open(http, teams[0], 3)
    # The relaxation job's reasons (tests/routing covers the job writing them), and a chat
    # still with the bot, written as the server stores them.
    reasons = [
        {"factor": "relaxed", "after_seconds": 120, "at": "2026-01-05T10:00:00+00:00",
         "why": "no agent speaking the language was free; any agent may take it",
         "why_code": "language_busy", "why_args": {}},
        {"factor": "relaxed", "after_seconds": 240, "at": "2026-01-05T10:02:00+00:00",
         "why": "no agent of Bàn A was free; moved to Bàn B", "why_code": "overflow",
         "why_args": {"team": "Bàn A", "overflow": "Bàn B"}, "team_id": teams[1]},
    ]  # fmt: skip
    with sqlite3.connect(_database(dep)) as db:
        db.execute(
            "UPDATE conversations SET routing_reasons = ? WHERE id = ?",
            (json.dumps(reasons), relaxed),
        )
        db.execute(
            "UPDATE conversations SET status = 'bot', routing_reasons = '[]', "
            "queue_rank = NULL, queued_at = NULL WHERE id = ?",
            (bot,),
        )
    return {"moved": moved, "relaxed": relaxed, "bot": bot}


def _console_language(base: str, dep: Deployment, language: str) -> None:
    with httpx.Client(base_url=base, headers=dep.headers) as http:
        me = http.get("/api/v1/me")
        assert me.status_code == 200, me.text
        r = http.patch(f"/api/v1/agents/{me.json()['id']}", json={"ui_language": language})
        assert r.status_code == 200 and r.json()["console_language"] == language, r.text


async def _show(page: Any, base: str, conversation_id: int) -> Any:
    await page.goto(f"{base}/console#/conversations/{conversation_id}")
    await page.reload()
    await (
        page.get_by_test_id("conversation-title").filter(has_text=f"#{conversation_id}").wait_for()
    )
    return page.get_by_test_id("customer-profile")


async def test_reasons_read_in_vietnamese_and_arabic_and_the_bot_says_so(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        ids = _setup(base, deployment)
        _console_language(base, deployment, "vi")
        page = await pages.console(browser, base, deployment.email, deployment.password)
        errors: list[Any] = []
        page.on("pageerror", lambda error: errors.append(error))

        profile = await _show(page, base, ids["moved"])
        reasons = profile.get_by_test_id("routing-reasons")
        said = t("console.reasons.why_team_changed", "vi")
        await reasons.filter(has_text=said).wait_for()
        assert said == "đã đổi nhóm"
        text = await reasons.inner_text()
        assert not any(english in text for english in ENGLISH), text

        profile = await _show(page, base, ids["relaxed"])
        reasons = profile.get_by_test_id("routing-reasons")
        await reasons.filter(has_text=t("console.reasons.why_language_busy", "vi")).wait_for()
        text = await reasons.inner_text()
        assert t("console.reasons.why_overflow", "vi", team="Bàn A", overflow="Bàn B") in text
        assert not any(english in text for english in ENGLISH), text

        # A chat with the bot: the heading says why there is nothing under it.
        profile = await _show(page, base, ids["bot"])
        answering = profile.get_by_test_id("routing-reasons-none")
        await answering.filter(has_text=t("console.reasons.bot_answering", "vi")).wait_for()
        heading = profile.locator("h3", has_text=t("console.profile.why_here", "vi"))
        assert await heading.is_visible()
        assert not await profile.get_by_test_id("routing-reasons").is_visible()
        await page.screenshot(path=str(screenshots / "reasons-bot-vi.png"))
        assert not errors, errors
        await page.context.close()

        _console_language(base, deployment, "ar")
        page = await pages.console(browser, base, deployment.email, deployment.password)
        page.on("pageerror", lambda error: errors.append(error))
        profile = await _show(page, base, ids["relaxed"])
        reasons = profile.get_by_test_id("routing-reasons")
        await reasons.filter(has_text=t("console.reasons.why_language_busy", "ar")).wait_for()
        text = await reasons.inner_text()
        assert "Bàn B" in text and not any(english in text for english in ENGLISH), text
        profile = await _show(page, base, ids["bot"])
        answering = profile.get_by_test_id("routing-reasons-none")
        await answering.filter(has_text=t("console.reasons.bot_answering", "ar")).wait_for()
        await page.screenshot(path=str(screenshots / "reasons-ar.png"))
        assert not errors, errors
