"""The public help center: pages per language, topics, fallback to another language, RTL."""

from __future__ import annotations

import httpx

from firstline.core.i18n import t
from firstline.core.language import NATIVE_NAMES, SUPPORTED_LANGUAGES
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
    assert 'href="/help/de/articles/fees"' in de.text  # shown with the German page's words
    assert "Auf Deutsch passt nichts" in de.text
    assert 'data-testid="help-lang">Auf English</span>' in de.text  # said on the hit

    none = await api.get("/help/en/search", params={"q": "zzzqx"})
    assert 'data-testid="help-no-results"' in none.text
    assert (await api.get("/help/en/search", params={"q": "x" * 201})).status_code == 422


async def test_a_language_without_articles_is_offered_the_others_on_home_topics_and_search(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    forget_help_pages()
    deposits = "# How long a deposit takes\n\nA deposit is credited after 12 confirmations."
    await _publish(as_alice, "deposit-time", "en", deposits, category="Deposits")
    await _publish(as_alice, "memo", "en", "# Memo deposits\n\nAdd the memo.", category="Deposits")
    await _publish(
        as_alice, "deposit-time", "vi", "# Nạp tiền mất bao lâu\n\nSau 12 xác nhận.", "Nạp và rút"
    )
    await _publish(as_alice, "p2p", "es", "# Disputas P2P\n\nAbre una disputa.", category="P2P")

    home = await api.get("/help/ar")
    assert home.status_code == 200 and '<html lang="ar" dir="rtl">' in home.text
    assert t("knowledge.home_fallback", "ar", language="العربية") in home.text
    assert 'href="/help/ar/articles/deposit-time" lang="en" dir="ltr">How long' in home.text
    assert 'href="/help/ar/articles/p2p" lang="es" dir="ltr">Disputas P2P' in home.text
    assert t("knowledge.shown_in", "ar", other="English") in home.text
    assert t("knowledge.shown_in", "ar", other="Español") in home.text
    assert 'href="/help/ar/topics/Deposits"' in home.text

    topic = await api.get("/help/ar/topics/Deposits")
    assert topic.status_code == 200
    assert (
        "Memo deposits" in topic.text
        and t("knowledge.shown_in", "ar", other="English") in topic.text
    )

    # Vietnamese has its own version of one; the English-only one joins the Vietnamese topic.
    vi = await api.get("/help/vi")
    assert "Nạp tiền mất bao lâu" in vi.text and "How long a deposit takes" not in vi.text
    assert "Memo deposits" in vi.text and "Bản English" in vi.text
    assert 'href="/help/vi/topics/Deposits"' not in vi.text
    memo_topic = await api.get("/help/vi/topics/Nạp và rút")
    assert "Memo deposits" in memo_topic.text and "Nạp tiền mất bao lâu" in memo_topic.text
    assert t("knowledge.home_fallback", "vi", language="Tiếng Việt") in vi.text
    english = await api.get("/help/en")
    assert "Disputas P2P" in english.text and "Nạp tiền" not in english.text

    search = await api.get("/help/ar/search", params={"q": "deposit confirmations"})
    assert t("knowledge.fallback", "ar", language="العربية") in search.text
    assert '<li lang="en" dir="ltr">' in search.text  # the English hit reads left to right
    assert 'href="/help/ar/articles/deposit-time"' in search.text
    assert search.text.count('data-testid="help-lang"') == search.text.count("<li lang=")

    article = await api.get("/help/ar/articles/memo")
    assert t("knowledge.not_translated", "ar", language="العربية", other="English") in article.text
    assert 'href="/help/ar" data-testid="help-notice-back"' in article.text
    assert 'href="/help/ar/topics/Deposits"' in article.text  # the topic, still in Arabic


async def test_an_article_shows_its_title_once(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    await _publish(as_alice, "reset-2fa", "en", "# Reset 2FA\n\nOpen **Security**.")
    page = (await api.get("/help/en/articles/reset-2fa")).text
    article = page[page.index("<article") :]
    assert article.count("Reset 2FA") == 1 and "<strong>Security</strong>" in article
    # Imported without a title, the body's first line is the title: shown once too.
    response = await as_alice.put(
        "/api/v1/kb/articles/lost-phone/en",
        json={"body": "Lost your phone?\n\nUse a backup code.", "status": "published"},
    )
    assert response.status_code in (200, 201), response.text
    page = (await api.get("/help/en/articles/lost-phone")).text
    assert page[page.index("<article") :].count("Lost your phone?") == 1


async def test_search_snippets_are_plain_text(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    body = "# Withdrawal fees\n\n## Network fee\n\nEach **withdrawal** pays the `network` fee."
    await _publish(as_alice, "fees", "en", body)
    page = (await api.get("/help/en/search", params={"q": "withdrawal fee"})).text
    results = page[page.index('data-testid="help-results"') :]
    snippet = results[results.index("<p") : results.index("</p>")]
    assert "Each withdrawal pays the network fee." in snippet
    assert not any(mark in snippet for mark in ("#", "*", "`", "Withdrawal fees"))


async def test_an_empty_search_offers_the_search_box_and_the_topics(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    forget_help_pages()
    await _publish(as_alice, "kyc", "en", "# Verify your identity\n\nUpload a document.")
    for q in ("", "   "):
        page = await api.get("/help/th/search", params={"q": q})
        assert page.status_code == 200
        assert 'data-testid="help-q-main"' in page.text
        assert t("knowledge.empty_search", "th") in page.text
        assert "Verify your identity" in page.text  # the topics to browse
        assert 'data-testid="help-no-results"' not in page.text
    assert (await api.get("/help/th/search")).status_code == 200


def test_every_language_has_its_own_name() -> None:
    # The help center's sentences themselves are held to every language by tests/core/test_i18n.
    assert set(SUPPORTED_LANGUAGES) == set(NATIVE_NAMES)
