"""The settings that decide where a conversation goes and how fast it must be answered, as an
admin and a supervisor use them: routing rules and the fallback teams, SLA policies typed in
minutes and hours, the escalation ladder, and canned responses with a preview. Each refusal
shows the server's sentence in the form, and what the page saved is read back from the API.

Who is who: the deployment's admin (Ada) changes everything; Sam, a supervisor, writes canned
responses and only sees routing, SLA and escalation; Ana is an agent the ladder can name."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server

SUPERVISOR = ("sam@example.com", "supervisor-password")


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(f"sqlite+aiosqlite:///{tmp_path / 'settings-routing.db'}")


def _api(base: str, deployment: Deployment) -> httpx.Client:
    return httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {deployment.token}"}, timeout=10
    )


async def _settled(base: str, deployment: Deployment, path: str, key: str) -> None:
    """Wait until the document at `path` has `key` set: the page's save answers with a toast
    among others, so the stored document is the clearer sign."""
    with _api(base, deployment) as api:
        for _ in range(100):
            if api.get(path).raise_for_status().json()[key] is not None:
                return
            await asyncio.sleep(0.1)
    raise AssertionError(f"{key} of {path} was never set")


async def _duration(
    form: Any, name: str, amount: str | None = None, unit: str | None = None
) -> tuple[str, str]:
    """Type a length of time into the duration field `name` (an amount and a unit), and say
    what it shows."""
    field = form.get_by_test_id(f"settings-field-{name}")
    if amount is not None:
        await field.get_by_test_id(f"settings-field-{name}-amount").fill(amount)
    if unit is not None:
        await field.get_by_test_id(f"settings-field-{name}-unit").select_option(unit)
    return (
        await field.get_by_test_id(f"settings-field-{name}-amount").input_value(),
        await field.get_by_test_id(f"settings-field-{name}-unit").input_value(),
    )


def _teams(api: httpx.Client) -> dict[str, int]:
    """Two teams for rules and fallbacks to name, and their ids by name."""
    for name, product in (("Futures VI", "futures"), ("Security", "account_security")):
        api.post("/api/v1/teams", json={"name": name, "product": product}).raise_for_status()
    return {t["name"]: t["id"] for t in api.get("/api/v1/teams").raise_for_status().json()}


async def test_admin_writes_a_routing_rule_and_sets_the_fallback_teams(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        with _api(base, deployment) as api:
            teams = _teams(api)
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/routing")
        rules = admin.get_by_test_id("routing-rules")
        await rules.get_by_test_id("settings-add").click()
        form = rules.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-name").fill("VIP futures in Vietnamese")
        await form.get_by_test_id("settings-field-team_id").select_option(str(teams["Futures VI"]))
        await form.get_by_test_id("settings-field-product").fill("futures & spot")
        await form.get_by_test_id("settings-field-language").select_option("vi")
        await form.get_by_test_id("settings-field-tier").fill("vip1")
        await form.get_by_test_id("settings-field-channel").select_option("chat")
        await form.get_by_test_id("settings-field-required_skill").fill("futures")
        await form.get_by_test_id("settings-field-position").fill("10")
        await form.get_by_test_id("settings-save").click()
        # The API's refusal of the product line, in its own words, in the form.
        error = form.get_by_test_id("settings-error")
        await error.wait_for()
        assert "futures & spot" in await error.inner_text()
        await form.get_by_test_id("settings-field-product").fill("futures")
        await form.get_by_test_id("settings-save").click()
        row = rules.get_by_test_id("settings-row").filter(has_text="VIP futures in Vietnamese")
        await row.wait_for()
        text = await row.inner_text()
        for shown in ("Product: futures", "Language: Tiếng Việt", "Tier: vip1", "Channel: Chat",
                      "Futures VI", "needs the skill futures", "On"):  # fmt: skip
            assert shown in text, (shown, text)

        # Turned off, and the product condition cleared: it then fits every product.
        await row.get_by_test_id("settings-edit").click()
        form = rules.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-product").fill("")
        await form.get_by_test_id("settings-field-enabled").uncheck()
        await form.get_by_test_id("settings-save").click()
        await rules.get_by_test_id("settings-row").filter(has_text="Off").wait_for()

        # The fallback teams, chosen by name.
        fallbacks = admin.get_by_test_id("routing-settings")
        await fallbacks.get_by_test_id("settings-field-security_team_id").select_option(
            str(teams["Security"])
        )
        await fallbacks.get_by_test_id("settings-save").click()
        await _settled(base, deployment, "/api/v1/routing/settings", "security_team_id")
        await admin.screenshot(path=str(screenshots / "settings-routing.png"), full_page=True)

        with _api(base, deployment) as api:
            [rule] = api.get("/api/v1/routing/rules").raise_for_status().json()
            assert {k: rule[k] for k in ("team_id", "position", "product", "language", "tier",
                                         "channel", "required_skill", "enabled")} == {
                "team_id": teams["Futures VI"], "position": 10, "product": None, "language": "vi",
                "tier": "vip1", "channel": "chat", "required_skill": "futures", "enabled": False,
            }  # fmt: skip
            doc = api.get("/api/v1/routing/settings").raise_for_status().json()
            assert doc["security_team_id"] == teams["Security"]
            assert doc["default_team_id"] is None

        # Deleted after a second click.
        row = rules.get_by_test_id("settings-row").filter(has_text="VIP futures in Vietnamese")
        await row.get_by_test_id("settings-delete").click()
        await row.get_by_test_id("settings-delete").click()
        await admin.get_by_test_id("toast").filter(has_text="deleted").wait_for()
        with _api(base, deployment) as api:
            assert api.get("/api/v1/routing/rules").raise_for_status().json() == []


async def test_admin_sets_sla_targets_in_minutes_hours_and_days(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/sla")
        await admin.get_by_test_id("settings-add").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-name").fill("VIP chat")
        await form.get_by_test_id("settings-field-channel").select_option("chat")
        await form.get_by_test_id("settings-field-tier").fill("vip1")
        await form.get_by_test_id("settings-field-priority").select_option("urgent")
        # A new policy starts at 15 minutes; 0 is refused by the API, in the form.
        assert await _duration(form, "first_response_seconds") == ("15", "minute")
        await _duration(form, "first_response_seconds", "0")
        await form.get_by_test_id("settings-save").click()
        await form.get_by_test_id("settings-error").wait_for()
        await _duration(form, "first_response_seconds", "30", "second")
        await _duration(form, "next_response_seconds", "1", "minute")
        # The unit's name follows the amount: "1 minute", "8 hours".
        unit = form.get_by_test_id("settings-field-next_response_seconds-unit")
        assert await unit.locator("option:checked").inner_text() == "minute"
        await _duration(form, "resolution_seconds", "8", "hour")
        unit = form.get_by_test_id("settings-field-resolution_seconds-unit")
        assert await unit.locator("option:checked").inner_text() == "hours"
        await form.get_by_test_id("settings-save").click()
        row = admin.get_by_test_id("settings-row").filter(has_text="VIP chat")
        await row.wait_for()
        text = await row.inner_text()
        conditions = ("Channel: Chat", "Tier: vip1", "Priority: Urgent")
        for shown in (*conditions, "30 seconds", "1 minute", "8 hours"):
            assert shown in text, (shown, text)

        # Editing shows the stored targets in their own units and sends only what changed.
        await row.get_by_test_id("settings-edit").click()
        form = admin.get_by_test_id("settings-form")
        assert await _duration(form, "resolution_seconds") == ("8", "hour")
        # 60 seconds reads "1 minute" in the table and in the form alike.
        assert await _duration(form, "next_response_seconds") == ("1", "minute")
        await _duration(form, "resolution_seconds", "2", "day")
        await admin.screenshot(path=str(screenshots / "settings-sla.png"), full_page=True)
        await form.get_by_test_id("settings-save").click()
        await admin.get_by_test_id("settings-row").filter(has_text="2 days").wait_for()

        with _api(base, deployment) as api:
            [policy] = api.get("/api/v1/sla/policies").raise_for_status().json()
            assert {k: policy[k] for k in ("channel", "tier", "priority", "first_response_seconds",
                                           "next_response_seconds", "resolution_seconds")} == {
                "channel": "chat", "tier": "vip1", "priority": "urgent",
                "first_response_seconds": 30, "next_response_seconds": 60,
                "resolution_seconds": 2 * 86400,
            }  # fmt: skip

        row = admin.get_by_test_id("settings-row").filter(has_text="VIP chat")
        await row.get_by_test_id("settings-delete").click()
        await row.get_by_test_id("settings-delete").click()
        await admin.get_by_test_id("toast").filter(has_text="deleted").wait_for()
        with _api(base, deployment) as api:
            assert api.get("/api/v1/sla/policies").raise_for_status().json() == []


async def test_admin_names_the_people_of_an_escalation_level(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        with _api(base, deployment) as api:
            ana = (
                api.post("/api/v1/agents", json={"email": "ana@example.com", "name": "Ana"})
                .raise_for_status()
                .json()
            )
            before = api.get("/api/v1/escalation/levels").raise_for_status().json()
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.goto(f"{base}/console#/settings/escalation")
        rows = admin.get_by_test_id("settings-row")
        await rows.nth(9).wait_for()
        assert await rows.count() == 10
        # The ladder is fixed: levels are changed, never added or removed.
        assert await admin.get_by_test_id("settings-add").count() == 0
        assert await admin.get_by_test_id("settings-delete").count() == 0
        level2 = rows.nth(1)
        await level2.get_by_test_id("settings-edit").click()
        form = admin.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-name").fill("Senior support")
        await form.get_by_test_id("settings-field-agent_ids").get_by_label("Ana").check()
        await _duration(form, "ack_minutes", "8", "day")
        await form.get_by_test_id("settings-save").click()
        # More than a week is refused by the API, in the form.
        await form.get_by_test_id("settings-error").wait_for()
        await _duration(form, "ack_minutes", "2", "hour")
        await form.get_by_test_id("settings-save").click()
        row = admin.get_by_test_id("settings-row").filter(has_text="Senior support")
        await row.wait_for()
        text = await row.inner_text()
        assert "L2" in text and "Ana" in text and "2 hours" in text, text
        await admin.screenshot(path=str(screenshots / "settings-escalation.png"), full_page=True)

        with _api(base, deployment) as api:
            after = api.get("/api/v1/escalation/levels").raise_for_status().json()
        assert after[1] == {
            "level": 2, "name": "Senior support", "role": before[1]["role"],
            "agent_ids": [ana["id"]], "ack_minutes": 120,
        }  # fmt: skip
        assert after[:1] + after[2:] == before[:1] + before[2:]


async def test_supervisor_writes_canned_responses_and_only_sees_routing(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        with _api(base, deployment) as api:
            teams = _teams(api)
            api.post(
                "/api/v1/agents",
                json={"email": SUPERVISOR[0], "name": "Sam", "role": "supervisor",
                      "password": SUPERVISOR[1]},
            ).raise_for_status()  # fmt: skip
        sam = await pages.console(browser, base, *SUPERVISOR)
        await sam.goto(f"{base}/console#/settings/canned")
        await sam.get_by_test_id("settings-add").click()
        form = sam.get_by_test_id("settings-form")
        await form.get_by_test_id("settings-field-shortcut").fill("txid")
        await form.get_by_test_id("settings-field-title").fill("Ask for the TXID")
        await form.get_by_test_id("settings-field-language").select_option("en")
        await form.get_by_test_id("settings-field-team_id").select_option(str(teams["Futures VI"]))
        await form.get_by_test_id("settings-field-body").fill(
            "Hi {customer.name}, please send the TXID of {customer.email}."
        )
        await form.get_by_test_id("settings-save").click()
        error = form.get_by_test_id("settings-error")
        await error.wait_for()
        assert "{customer.email}" in await error.inner_text()
        await form.get_by_test_id("settings-field-body").fill(
            "Hi {customer.name}, I am {agent.name}. Please send the TXID of your deposit."
        )
        await form.get_by_test_id("settings-save").click()
        row = sam.get_by_test_id("settings-row").filter(has_text="/txid")
        await row.wait_for()
        assert "Futures VI" in await row.inner_text()

        # The preview fills the placeholders with example values.
        await row.get_by_test_id("canned-preview-open").click()
        await sam.get_by_test_id("settings-action-form").get_by_test_id("settings-save").click()
        preview = sam.get_by_test_id("canned-preview-text")
        await preview.wait_for()
        assert await preview.inner_text() == (
            "Hi Ngân Nguyễn, I am Sam. Please send the TXID of your deposit."
        )
        await sam.screenshot(path=str(screenshots / "settings-canned.png"), full_page=True)

        # The title changes; the language and the team stay as they were made.
        await row.get_by_test_id("settings-edit").click()
        form = sam.get_by_test_id("settings-form")
        assert await form.get_by_test_id("settings-field-language").count() == 0
        await form.get_by_test_id("settings-field-title").fill("TXID of a deposit")
        await form.get_by_test_id("settings-save").click()
        await sam.get_by_test_id("settings-row").filter(has_text="TXID of a deposit").wait_for()
        with _api(base, deployment) as api:
            [canned] = api.get("/api/v1/canned-responses").raise_for_status().json()["items"]
            assert canned["shortcut"] == "txid" and canned["title"] == "TXID of a deposit"
            assert canned["team_id"] == teams["Futures VI"] and canned["language"] == "en"
        row = sam.get_by_test_id("settings-row").filter(has_text="/txid")
        await row.get_by_test_id("settings-delete").click()
        await row.get_by_test_id("settings-delete").click()
        await sam.get_by_test_id("toast").filter(has_text="deleted").wait_for()
        with _api(base, deployment) as api:
            assert api.get("/api/v1/canned-responses").raise_for_status().json()["items"] == []

        # Routing, SLA and the ladder are the admins'; a supervisor sees them, read-only.
        for section in ("routing", "sla", "escalation"):
            await sam.get_by_test_id(f"settings-nav-{section}").click()
            await sam.get_by_test_id("settings-table").locator("tbody").wait_for()
            assert await sam.get_by_test_id("settings-read-only").count() == 1
            assert await sam.get_by_test_id("settings-add").count() == 0
            assert await sam.get_by_test_id("settings-edit").count() == 0
        await sam.get_by_test_id("settings-nav-routing").click()
        fallbacks = sam.get_by_test_id("routing-settings")
        await fallbacks.get_by_text("Not set (routing chooses)").first.wait_for()
        assert await fallbacks.get_by_test_id("settings-save").count() == 0
