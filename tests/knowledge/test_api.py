"""Writing the knowledge base through /api/v1/kb: versions per language, drafts and
publishing, revisions, conflicts, safe Markdown."""

from __future__ import annotations

import httpx

BODY = "# Reset your 2FA\n\nOpen **Security**, then choose *Reset authenticator*."


async def test_an_agent_drafts_and_a_supervisor_publishes(
    as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient
) -> None:
    created = await as_carol.post(
        "/api/v1/kb/articles",
        json={"external_id": "reset-2fa", "locale": "en", "body": BODY, "category": "Security"},
    )
    assert created.status_code == 201, created.text
    article = created.json()
    assert (article["title"], article["status"], article["revision"]) == (
        "Reset your 2FA", "draft", 1,
    )  # fmt: skip
    assert "<strong>Security</strong>" in article["html"]

    refused = await as_carol.put(
        "/api/v1/kb/articles/reset-2fa/en", json={"body": BODY, "status": "published"}
    )
    assert refused.status_code == 403
    assert "knowledge.publish" in refused.json()["detail"]

    published = await as_bob.put(
        "/api/v1/kb/articles/reset-2fa/en",
        json={"body": BODY, "status": "published", "category": "Security", "base_revision": 1},
    )
    assert published.status_code == 200, published.text
    assert (published.json()["revision"], published.json()["outcome"]) == (2, "updated")

    # An agent may no longer change what customers read.
    edit = await as_carol.put("/api/v1/kb/articles/reset-2fa/en", json={"body": BODY + "!"})
    assert edit.status_code == 403

    translated = await as_carol.put(
        "/api/v1/kb/articles/reset-2fa/vi-VN", json={"body": "# Đặt lại 2FA\n\nMở Bảo mật."}
    )
    assert translated.status_code == 201
    assert translated.json()["locale"] == "vi"
    versions = (await as_carol.get("/api/v1/kb/articles/reset-2fa")).json()["versions"]
    assert [(v["locale"], v["status"]) for v in versions] == [("en", "published"), ("vi", "draft")]


async def test_revisions_keep_every_saved_text_and_stale_saves_are_refused(
    as_bob: httpx.AsyncClient,
) -> None:
    url = "/api/v1/kb/articles/fees/en"
    assert (await as_bob.put(url, json={"body": "Fees are 0.1%."})).status_code == 201
    assert (await as_bob.put(url, json={"body": "Fees are 0.1%."})).json()["outcome"] == (
        "unchanged"
    )
    second = await as_bob.put(url, json={"body": "Fees are 0.08%.", "base_revision": 1})
    assert second.json()["revision"] == 2
    stale = await as_bob.put(url, json={"body": "Fees are 0.2%.", "base_revision": 1})
    assert stale.status_code == 409
    assert "revision 2" in stale.json()["detail"]

    revisions = (await as_bob.get(f"{url}/revisions")).json()["items"]
    assert [(r["revision"], r["body"]) for r in revisions] == [
        (2, "Fees are 0.08%."), (1, "Fees are 0.1%."),
    ]  # fmt: skip
    assert (await as_bob.get(url)).json()["body"] == "Fees are 0.08%."


async def test_markdown_is_rendered_without_script(as_carol: httpx.AsyncClient) -> None:
    body = (
        "# Title\n\n<script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
        "[bad](javascript:alert(3)) [good](https://example.com/help)\n\n| a | b |\n|---|---|\n"
        "| 1 | 2 |"
    )
    html = (await as_carol.post("/api/v1/kb/articles", json={"locale": "en", "body": body})).json()[
        "html"
    ]
    assert "<script" not in html and "onerror=" not in html.replace("onerror=alert(2)&gt;", "")
    assert "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert '<a href="https://example.com/help" rel="noopener noreferrer nofollow">good</a>' in html
    assert "<table>" in html


async def test_listing_deleting_and_bad_input(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    for i in range(3):
        await as_alice.put(
            f"/api/v1/kb/articles/a{i}/en",
            json={"body": f"Article {i}", "status": "published", "category": "Deposits"},
        )
    await as_alice.put("/api/v1/kb/articles/a0/de", json={"body": "Artikel 0"})
    page = (await as_carol.get("/api/v1/kb/articles?locale=en&limit=2")).json()
    assert [a["external_id"] for a in page["items"]] == ["a2", "a1"]
    rest = (await as_carol.get(f"/api/v1/kb/articles?limit=2&cursor={page['next_cursor']}")).json()
    assert [a["external_id"] for a in rest["items"]] == ["a0"]
    drafts = (await as_carol.get("/api/v1/kb/articles?status=draft")).json()["items"]
    assert [(a["external_id"], a["locale"]) for a in drafts] == [("a0", "de")]
    categories = (await as_carol.get("/api/v1/kb/categories?locale=en")).json()["items"]
    assert categories == [{"category": "Deposits", "articles": 3}]

    assert (await as_carol.delete("/api/v1/kb/articles/a1/en")).status_code == 403
    assert (await as_alice.delete("/api/v1/kb/articles/a1/en")).status_code == 204
    assert (await as_carol.get("/api/v1/kb/articles/a1/en")).status_code == 404
    assert (await as_alice.delete("/api/v1/kb/articles/a1/en")).status_code == 404

    bad_locale = await as_carol.put("/api/v1/kb/articles/x/xx", json={"body": "text"})
    assert bad_locale.status_code == 422
    assert "not a supported language" in bad_locale.json()["detail"]
    empty = await as_carol.post("/api/v1/kb/articles", json={"locale": "en", "body": "  "})
    assert empty.status_code == 422
    twice = await as_carol.post(
        "/api/v1/kb/articles", json={"external_id": "a0", "locale": "en", "body": "again"}
    )
    assert twice.status_code == 409
    assert (await as_carol.get("/api/v1/kb/articles/a0/en")).json()["body"] == "Article 0"


async def test_the_editor_preview_is_the_safe_html(
    api: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    r = await as_carol.post("/api/v1/kb/preview", json={"body": "**Hi** <script>x</script>"})
    assert r.status_code == 200, r.text
    assert r.json()["html"] == "<p><strong>Hi</strong> &lt;script&gt;x&lt;/script&gt;</p>\n"
    assert (await api.post("/api/v1/kb/preview", json={"body": "x"})).status_code == 401
