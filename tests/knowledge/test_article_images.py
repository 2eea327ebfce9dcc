"""Articles cannot make readers' browsers call another host: an image on another host is
shown as a link to it, images on the instance itself stay images (knowledge/markdown.py)."""

from __future__ import annotations

import httpx

from tests.conftest import World


async def test_images_on_other_hosts_become_links(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, world: World
) -> None:
    body = (
        "# Fees\n\n"
        "![fee table](https://tracker.example/pixel.png?reader=1)\n\n"
        "![](//tracker.example/a.png) ![b](HTTP://tracker.example/b.png)\n\n"
        "![chart](/static/firstline/chart.png) ![map](images/map.png)"
    )
    put = await as_alice.put(
        "/api/v1/kb/articles/fees/en", json={"body": body, "status": "published"}
    )
    assert put.status_code in (200, 201), put.text
    page = (await api.get("/help/en/articles/fees")).text
    assert "tracker.example" in page  # still reachable, by choice
    assert '<img src="https://tracker.example' not in page
    assert '<img src="//tracker' not in page and '<img src="HTTP' not in page
    assert '<a href="https://tracker.example/pixel.png?reader=1"' in page
    assert ">fee table</a>" in page
    assert '<img src="/static/firstline/chart.png" alt="chart">' in page
    assert '<img src="images/map.png" alt="map">' in page
    # The API's rendering (the console's preview) is the same.
    preview = await as_alice.post("/api/v1/kb/preview", json={"body": body})
    assert preview.status_code == 200, preview.text
    assert '<img src="https://' not in preview.text
