"""Security headers on every response: the API, the console, the help center, the chat page
and the widget, each with the policy it needs; HSTS only over HTTPS; the chat page framable
only by the sites configured."""

from __future__ import annotations

import httpx
import pytest

from firstline.core.db import Database
from firstline.core.settings import Settings
from firstline.web.app import create_app

BASE_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
}


def _common(r: httpx.Response) -> None:
    for name, value in BASE_HEADERS.items():
        assert r.headers.get(name) == value, (r.url, name, r.headers.get(name))
    assert "camera=()" in r.headers["permissions-policy"]
    assert "strict-transport-security" not in r.headers  # plain HTTP


def _csp(r: httpx.Response) -> dict[str, str]:
    policy = r.headers["content-security-policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


@pytest.mark.parametrize(
    "path",
    ["/api/v1/conversations", "/api/v1/nothing-here", "/healthz", "/openapi.json", "/"],
)
async def test_api_responses_are_never_cached_or_framed(api: httpx.AsyncClient, path: str) -> None:
    r = await api.get(path)
    _common(r)
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["x-frame-options"] == "DENY"
    assert _csp(r)["frame-ancestors"] == "'none'"


async def test_authenticated_reads_are_not_stored(as_alice: httpx.AsyncClient) -> None:
    r = await as_alice.get("/api/v1/agents")
    assert r.status_code == 200
    _common(r)
    assert r.headers["cache-control"] == "no-store"


async def test_console_pages_allow_no_inline_script_and_no_framing(api: httpx.AsyncClient) -> None:
    r = await api.get("/console")  # not signed in: the sign-in page
    assert r.status_code == 200
    _common(r)
    csp = _csp(r)
    assert csp["script-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["cache-control"] == "no-store"


async def test_help_center_may_be_framed_by_itself_only(api: httpx.AsyncClient) -> None:
    r = await api.get("/help/en")
    assert r.status_code == 200
    _common(r)
    assert _csp(r)["frame-ancestors"] == "'self'"
    assert r.headers["x-frame-options"] == "SAMEORIGIN"


async def test_the_case_form_and_pages_are_not_stored(api: httpx.AsyncClient) -> None:
    for path in ("/help/en/deposit-recovery", "/help/en/deposit-recovery/no-such-case"):
        r = await api.get(path)
        _common(r)
        assert r.headers["cache-control"] == "no-store", path
        assert r.headers["x-frame-options"] == "SAMEORIGIN", path
        assert _csp(r)["script-src"] == "'self'", path


async def test_docs_page_allows_only_its_own_inline_script(api: httpx.AsyncClient) -> None:
    r = await api.get("/docs")
    assert r.status_code == 200
    script = _csp(r)["script-src"]
    assert script.startswith("'self' 'sha256-") and "unsafe-inline" not in script


async def test_static_files_and_widget_keep_their_caching(api: httpx.AsyncClient) -> None:
    r = await api.get("/widget.js")
    assert r.status_code == 200
    _common(r)
    assert r.headers["cache-control"].startswith("public")
    r = await api.get("/static/firstline/chat.css")
    assert r.status_code == 200
    _common(r)
    assert "no-store" not in r.headers.get("cache-control", "")


async def test_chat_page_is_framable_by_configured_sites_only(db: Database) -> None:
    default = Settings(bot=False)
    configured = Settings(bot=False, chat_frame_ancestors="https://www.example.com")
    for settings, expected in ((default, "*"), (configured, "https://www.example.com")):
        app = create_app(settings, database=db)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://x.test") as http:
            r = await http.get("/chat?embed=1")
        assert r.status_code == 200
        _common(r)
        assert _csp(r)["frame-ancestors"] == expected
        assert _csp(r)["script-src"] == "'self'"
        assert "x-frame-options" not in r.headers


async def test_hsts_only_over_https_and_configurable(db: Database) -> None:
    for seconds, expected in ((31_536_000, "max-age=31536000"), (0, None)):
        app = create_app(Settings(bot=False, hsts_seconds=seconds), database=db)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://x.test") as http:
            r = await http.get("/healthz")
        assert r.headers.get("strict-transport-security") == expected
