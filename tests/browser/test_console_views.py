"""The console's views that the other browser tests do not drive: the knowledge-base editor
(an article written and corrected in the console is what the help center shows) and the
supervisor dashboard's chart (drawn from the floor's numbers, with a table that says the
same for screen readers, and mirrored in a right-to-left page)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.browser import pages
from tests.live import Deployment, deploy, server

# What the dashboard's chart holds, read from the Chart.js instance on its canvas.
CHART_DATA = """() => {
  const canvas = document.querySelector('[data-testid="dashboard-chart"] canvas');
  const chart = window.Chart && Chart.getChart(canvas);
  if (!chart) return null;
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
  return {labels: chart.data.labels, waiting: chart.data.datasets[0].data,
          reversed: chart.options.scales.x.reverse, inked,
          label: canvas.getAttribute("aria-label")};
}"""


@pytest.fixture
def deployment(tmp_path: Path) -> Deployment:
    return deploy(
        f"sqlite+aiosqlite:///{tmp_path / 'views.db'}", FIRSTLINE_DASHBOARD_CACHE_SECONDS="0"
    )


async def test_knowledge_base_editor_publishes_to_the_help_center(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        admin = await pages.console(browser, base, deployment.email, deployment.password)
        await admin.get_by_test_id("kb-toggle").click()
        await admin.get_by_test_id("kb").wait_for()
        await admin.get_by_test_id("kb-new").click()
        await admin.get_by_test_id("kb-external-id").fill("reset-2fa")
        await admin.get_by_test_id("kb-title").fill("Resetting two-factor authentication")
        await admin.get_by_test_id("kb-body").fill(
            "# Resetting two-factor authentication\n\nOpen **Security** and choose Reset."
        )
        # The preview is the server's rendering of the Markdown.
        await admin.get_by_test_id("kb-preview").locator("strong", has_text="Security").wait_for()
        await admin.get_by_test_id("kb-form-status").select_option("published")
        await admin.get_by_test_id("kb-save").click()
        await admin.get_by_test_id("kb-message").filter(has_text="Saved: revision 1").wait_for()
        await admin.get_by_test_id("kb-item").filter(has_text="Resetting two-factor").wait_for()

        reader = await (await browser.new_context()).new_page()
        await reader.goto(f"{base}/help/en/articles/reset-2fa")
        article = reader.get_by_test_id("help-article")
        assert "choose Reset." in await article.inner_text()

        # A correction is a new revision, and the help center shows it.
        await admin.get_by_test_id("kb-body").fill(
            "# Resetting two-factor authentication\n\n"
            "Open **Security**, choose Reset and confirm the link we email you."
        )
        await admin.get_by_test_id("kb-save").click()
        await admin.get_by_test_id("kb-message").filter(has_text="Saved: revision 2").wait_for()
        await admin.get_by_test_id("kb-revision").nth(1).wait_for()
        assert await admin.get_by_test_id("kb-revision").count() == 2
        await admin.screenshot(path=str(screenshots / "console-kb-editor.png"))
        await reader.reload()
        assert "confirm the link we email you" in await article.inner_text()


async def test_dashboard_chart_shows_the_waiting_per_team(
    browser: Any, deployment: Deployment, screenshots: Path
) -> None:
    with server(deployment) as base:
        async with httpx.AsyncClient(base_url=base, headers=deployment.headers) as http:
            teams = {}
            for name in ("Billing desk", "Security desk", "Quiet desk"):
                made = await http.post("/api/v1/teams", json={"name": name, "languages": ["en"]})
                assert made.status_code == 201, made.text
                teams[name] = made.json()["id"]
            # Nobody is in these teams: the conversations wait in their queues.
            for n, name in enumerate(["Billing desk", "Billing desk", "Security desk"]):
                opened = await http.post(
                    "/api/v1/conversations",
                    json={"customer": {"external_id": f"u-{n}", "locale": "en"},
                          "channel": "chat", "message": {"body": f"Question number {n}"},
                          "team_id": teams[name]},
                )  # fmt: skip
                assert opened.status_code == 201, opened.text

        admin = await pages.console(browser, base, deployment.email, deployment.password)
        # Loaded anew while listening: no script error and no refusal by the page's CSP.
        errors: list[str] = []
        admin.on("pageerror", lambda error: errors.append(str(error)))
        admin.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        await admin.reload()
        await admin.get_by_test_id("live-status").filter(has_text="live").wait_for()
        await admin.get_by_test_id("dashboard-toggle").click()
        chart = admin.get_by_test_id("dashboard-chart")
        await chart.locator("canvas").wait_for()
        await admin.wait_for_function(f"() => ({CHART_DATA})() !== null")
        drawn = await admin.evaluate(CHART_DATA)
        waiting = dict(zip(drawn["labels"], drawn["waiting"], strict=True))
        assert waiting["Billing desk"] == 2, drawn
        assert waiting["Security desk"] == 1, drawn
        assert waiting["Quiet desk"] == 0, drawn
        assert drawn["labels"][0] == "Billing desk", drawn  # the longest queue first
        assert drawn["inked"] > 1000, drawn  # something was drawn on the canvas
        assert drawn["label"] == "Waiting and oldest wait per team"
        assert drawn["reversed"] is False
        box = await chart.locator("canvas").bounding_box()
        assert box is not None and box["height"] > 150 and box["width"] > 400, box

        # The same numbers as a table, for screen readers (and whoever has no chart).
        table = chart.get_by_test_id("chart-table")
        rows = {
            (await row.locator("th").inner_text()): await row.locator("td").all_inner_texts()
            for row in await table.locator("tbody tr").all()
        }
        assert rows["Billing desk"][0] == "2", rows
        assert rows["Security desk"][0] == "1", rows
        assert rows["Quiet desk"] == ["0", "–"], rows
        assert await table.locator("caption").inner_text() == "Waiting and oldest wait per team"
        # The existing table is still there, for the numbers the chart leaves out.
        await admin.get_by_test_id("dashboard-row").filter(has_text="Billing desk").wait_for()
        await admin.screenshot(path=str(screenshots / "dashboard-chart.png"))

        # In a right-to-left page the teams run from the right (the next refresh redraws).
        await admin.evaluate("document.documentElement.dir = 'rtl'")
        await admin.wait_for_function(f"() => (({CHART_DATA})() || {{}}).reversed === true")
        await admin.screenshot(path=str(screenshots / "dashboard-chart-rtl.png"))
        assert errors == [], errors

        # Without the chart library (blocked here), the table takes the chart's place.
        bare = await pages.console(browser, base, deployment.email, deployment.password)
        await bare.route("**/vendor/chart.umd.min.js", lambda route: route.abort())
        await bare.get_by_test_id("dashboard-toggle").click()
        fallback = bare.get_by_test_id("dashboard-chart").get_by_test_id("chart-table")
        await fallback.locator("th", has_text="Billing desk").wait_for()
        await bare.locator(".dash-chart .chart-frame[hidden]").wait_for(state="attached")
        shown = await fallback.bounding_box()
        assert shown is not None and shown["width"] > 100 and shown["height"] > 60, shown
        await bare.screenshot(path=str(screenshots / "dashboard-chart-fallback.png"))
