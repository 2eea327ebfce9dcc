"""A chat the bot hands over on one server process reaches the agent's console on another,
live (PostgreSQL and Redis): the chat, from a page with no product, goes to the team that
speaks the customer's language; the agent sees it in their inbox without reloading, hears a
sound, gets a desktop notification (after allowing them) and sees the count in the tab's
title; the console says in words why it is theirs."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server

AGENT_EMAIL = "vy@firstline.test"
AGENT_PASSWORD = "vy's long enough password"

# Counts the sounds the console makes and the desktop notifications it shows, around the
# browser's own Web Audio and Notification (which stay real: permission is asked for and
# granted through the browser).
SPY = """
window.__chimes = 0;
window.__notices = [];
if (window.AudioContext) {
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    window.__chimes += 1;
    return create.call(this);
  };
}
if (window.Notification) {
  const Real = window.Notification;
  const Spy = function (title, options) {
    window.__notices.push((options || {}).body || title);
    return new Real(title, options);
  };
  Object.defineProperty(Spy, "permission", {get: () => Real.permission});
  Spy.requestPermission = () => Real.requestPermission();
  window.Notification = Spy;
}
"""


def _staff(base: str, dep: Deployment) -> None:
    """A Vietnamese desk of the futures product, and Vy, who speaks Vietnamese, in it."""
    with httpx.Client(base_url=base, headers=dep.headers) as http:
        team = http.post(
            "/api/v1/teams",
            json={"name": "Futures · Vietnam", "product": "futures", "languages": ["vi"]},
        )
        assert team.status_code == 201, team.text
        agent = http.post(
            "/api/v1/agents",
            json={"email": AGENT_EMAIL, "name": "Vy", "languages": ["vi"],
                  "team_ids": [team.json()["id"]], "max_concurrent": 3,
                  "password": AGENT_PASSWORD},
        )  # fmt: skip
        assert agent.status_code == 201, agent.text


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_handed_over_chat_reaches_a_console_on_another_process(
    browser: Any, database_url: str, redis_url: str
) -> None:
    dep = deploy(database_url, FIRSTLINE_REDIS_URL=redis_url, FIRSTLINE_BOT="true")
    with server(dep) as one, server(dep) as two:
        _staff(one, dep)
        vy = await pages.console(browser, two, AGENT_EMAIL, AGENT_PASSWORD)
        await vy.context.add_init_script(SPY)
        await vy.reload()
        await vy.get_by_test_id("live-status").filter(has_text="live").wait_for()
        # Desktop notifications only once Vy asks for them; the browser asks her first.
        await vy.context.grant_permissions(["notifications"], origin=two)
        await vy.get_by_test_id("desktop-toggle").click()
        await vy.get_by_test_id("desktop-toggle").filter(has_text="Desktop alerts on").wait_for()

        customer = await pages.customer(browser, one, locale="vi")
        # Two servers and Chromium share a small machine in CI: allow the first message (the
        # bot's first turn in this process) a generous while.
        await customer.get_by_test_id("chat-input").fill("Tôi muốn gặp nhân viên hỗ trợ")
        await customer.get_by_test_id("chat-send").click()
        sent = customer.get_by_test_id("chat-message").filter(has_text="gặp nhân viên")
        await sent.first.wait_for(timeout=60_000)

        # On the other process, without a reload: in her inbox, a toast, the tab's title.
        item = vy.get_by_test_id("inbox-item")
        await item.first.wait_for(timeout=30_000)
        await vy.get_by_test_id("toast").filter(has_text="Assigned to you").wait_for()
        await vy.get_by_test_id("new-work").filter(has_text="1 new").wait_for()
        assert (await vy.title()).startswith("(1) ")
        assert await vy.evaluate("window.__chimes") > 0
        assert any("Assigned to you" in n for n in await vy.evaluate("window.__notices"))

        # Opening it clears the count; why it is hers reads as sentences, not keys.
        await item.first.click()
        reasons = vy.get_by_test_id("routing-reasons")
        await reasons.filter(has_text="The bot handed it over").wait_for()
        await reasons.filter(has_text="speaks the customer’s language").wait_for()
        assert "bot_handover" not in await reasons.inner_text()
        assert not (await vy.title()).startswith("(")
