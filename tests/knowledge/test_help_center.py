"""The public help center: pages per language, topics, fallback to another language, RTL."""

from __future__ import annotations

import httpx

from firstline.web.helpcenter import forget_help_pages


async def _publish(
    client: httpx.AsyncClient,
    external_id: str,
    locale: str,
    body: str,
    category: str | None = "Account",
    status: str = "published",
) -> None:
    response = await client.put(
        f"/api/v1/kb/articles/{external_id}/{locale}",
        json={"body": body, "status": status, "category": category},
    )
    assert response.status_code in (200, 201), response.text


async def test_home_topics_and_articles_in_the_visitors_language(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    forget_help_pages()
    await _publish(as_alice, "reset-2fa", "en", "# Reset 2FA\n\nOpen **Security**.")
    await _publish(as_alice, "reset-2fa", "vi", "# Đặt lại 2FA\n\nMở mục **Bảo mật**.")
    await _publish(as_alice, "kyc", "en", "# Verify your identity\n\nUpload a document.")
    await _publish(as_alice, "secret", "en", "# Internal draft", status="draft")

    redirect = await api.get("/help", headers={"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.8"})
    assert (redirect.status_code, redirect.headers["location"]) == (302, "/help/vi")

    home = await api.get("/help/en")
    assert home.status_code == 200
    assert "Reset 2FA" in home.text and "Verify your identity" in home.text
    assert "Internal draft" not in home.text
    assert "script-src 'self'" in home.headers["content-security-policy"]

    vi = await api.get("/help/vi/articles/reset-2fa")
    assert '<html lang="vi" dir="ltr">' in vi.text
    assert "<strong>Bảo mật</strong>" in vi.text
    assert "Trung tâm hỗ trợ" in vi.text  # the page's own words are Vietnamese
    assert 'href="/help/en/articles/reset-2fa"' in vi.text  # the other language version

    # No Vietnamese version: the English one, saying so in Vietnamese.
    fallback = await api.get("/help/vi/articles/kyc")
    assert fallback.status_code == 200
    assert "Verify your identity" in fallback.text
    assert "Bài viết chưa có bản Tiếng Việt; đây là bản English." in fallback.text

    arabic = await api.get("/help/ar/articles/kyc")
    assert '<html lang="ar" dir="rtl">' in arabic.text
    assert 'lang="en" dir="ltr"' in arabic.text  # the English article inside stays LTR

    assert (await api.get("/help/en/articles/secret")).status_code == 404
    assert (await api.get("/help/xx")).status_code == 404
    topic = await api.get("/help/en/topics/Account")
    assert topic.status_code == 200 and "Reset 2FA" in topic.text


async def test_article_markdown_cannot_script_the_help_center(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "x", "en", "# Hi\n\n<script>alert(1)</script> [a](javascript:x)")
    page = (await api.get("/help/en/articles/x")).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert 'href="javascript' not in page


async def test_help_center_search_finds_articles_and_says_when_in_another_language(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "fees", "en", "# Withdrawal fees\n\nEach withdrawal pays the fee.")
    await _publish(as_alice, "phi", "vi", "# Phí rút tiền\n\nMỗi lệnh rút trả phí mạng.")
    vi = await api.get("/help/vi/search", params={"q": "phi rut tien"})  # no diacritics
    assert vi.status_code == 200
    assert 'href="/help/vi/articles/phi"' in vi.text
    assert "Kết quả cho “phi rut tien”" in vi.text

    # Nothing in German: the English article, and a sentence in German saying so.
    de = await api.get("/help/de/search", params={"q": "withdrawal fees"})
    assert 'href="/help/en/articles/fees"' in de.text
    assert "Auf Deutsch passt nichts" in de.text

    none = await api.get("/help/en/search", params={"q": "zzzqx"})
    assert 'data-testid="help-no-results"' in none.text
    assert (await api.get("/help/en/search", params={"q": "x" * 201})).status_code == 422
