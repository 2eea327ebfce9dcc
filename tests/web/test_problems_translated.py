"""The settings area's refusals come in the reader's language: the console sends its own with
Accept-Language, and the sentence of a refused canned response, team, agent, routing rule or
webhook is written in it. Without Accept-Language an API client reads the very English
sentence it always did. Alice is an admin, Bob a supervisor, Carol an agent."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import World

VI = {"Accept-Language": "vi-VN,vi;q=0.9"}
AR = {"Accept-Language": "ar"}


async def _refused(
    client: httpx.AsyncClient, method: str, path: str, body: dict[str, Any] | None, status: int
) -> tuple[str, str, str]:
    """The refusal's sentence in Vietnamese, in Arabic and in English (no Accept-Language)."""
    sentences = []
    for headers in (VI, AR, {}):
        r = await client.request(method, path, json=body, headers=headers)
        assert r.status_code == status, r.text
        assert r.headers["content-type"] == "application/problem+json"
        language = headers.get("Accept-Language", "")[:2]
        if language:
            assert r.headers["content-language"] == language
        sentences.append(r.json()["detail"])
    vi, ar, en = sentences
    assert len({vi, ar, en}) == 3, sentences
    return vi, ar, en


async def test_a_canned_response_that_exists_already(
    as_bob: httpx.AsyncClient, world: World
) -> None:
    body = {
        "shortcut": "2fa",
        "language": "en",
        "title": "2FA",
        "body": "Reset it, {customer.name}.",
    }
    assert (await as_bob.post("/api/v1/canned-responses", json=body)).status_code == 201
    vi, ar, en = await _refused(as_bob, "POST", "/api/v1/canned-responses", body, 409)
    assert en == "A canned response /2fa in en exists already; edit it."
    assert vi == "Câu trả lời mẫu /2fa bằng en đã tồn tại; hãy chỉnh sửa câu đó."
    assert "2fa" in ar and "رد جاهز" in ar


async def test_an_unknown_placeholder_names_the_ones_to_use(
    as_bob: httpx.AsyncClient, world: World
) -> None:
    body = {"shortcut": "hi", "language": "vi", "title": "Chào", "body": "Chào {customer.nick}!"}
    vi, ar, en = await _refused(as_bob, "POST", "/api/v1/canned-responses", body, 422)
    assert en.startswith("Unknown placeholder(s) {customer.nick}; use {customer.name}")
    assert vi.startswith("Biến giữ chỗ không hợp lệ: {customer.nick}; hãy dùng {customer.name}")
    assert "{customer.nick}" in ar


async def test_teams_refusals(as_alice: httpx.AsyncClient, world: World) -> None:
    path = f"/api/v1/teams/{world.futures_vi}"
    vi, ar, en = await _refused(as_alice, "PATCH", path, {"name": "Spot EN"}, 409)
    assert en == "A team named 'Spot EN' already exists; pick another name."
    assert vi == "Đã có nhóm tên 'Spot EN'; hãy chọn tên khác."
    assert "'Spot EN'" in ar

    calendar = {"calendar": {"timezone": "Mars/Base"}}
    vi, ar, en = await _refused(as_alice, "PATCH", path, calendar, 422)
    assert en == (
        "calendar.timezone 'Mars/Base' is not a known time zone (use a name like Asia/Ho_Chi_Minh)."
    )
    assert vi.startswith("calendar.timezone 'Mars/Base' không phải là múi giờ hợp lệ")

    vi, ar, en = await _refused(as_alice, "PATCH", "/api/v1/teams/999999", {"name": "X"}, 404)
    assert en == "No team with id 999999."
    assert vi == "Không tìm thấy nhóm có id 999999."
    assert ar.startswith("غير موجود") and "999999" in ar


async def test_agents_refusals(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient, world: World
) -> None:
    body = {"email": "bob@example.com", "name": "Bob again", "role": "agent", "languages": ["en"]}
    vi, ar, en = await _refused(as_alice, "POST", "/api/v1/agents", body, 409)
    assert en == "An agent with email bob@example.com already exists."
    assert vi == "Đã có nhân viên dùng email bob@example.com."

    path = f"/api/v1/agents/{world.bob}"
    vi, ar, en = await _refused(as_carol, "PATCH", path, {"name": "Robert"}, 403)
    assert en == "Only admins change other agents (supervisors: agents on their floor)."
    assert vi.startswith("Chỉ quản trị viên mới được thay đổi nhân viên khác")

    vi, ar, en = await _refused(as_alice, "PATCH", "/api/v1/agents/999999", {"name": "X"}, 404)
    assert en == "No agent with id 999999."
    assert vi == "Không có nhân viên nào có id 999999."
    assert "999999" in ar


async def test_routing_and_webhook_refusals(as_alice: httpx.AsyncClient, world: World) -> None:
    rule = {"name": "Nowhere", "team_id": 999_999}
    vi, ar, en = await _refused(as_alice, "POST", "/api/v1/routing/rules", rule, 422)
    assert en == "team_id 999999 does not exist; see GET /api/v1/teams."
    assert vi == "team_id 999999 không tồn tại; xem GET /api/v1/teams."

    hook = {"url": "ftp://example.com/hook", "events": ["*"]}
    vi, ar, en = await _refused(as_alice, "POST", "/api/v1/webhooks", hook, 422)
    assert en == "url must be an http:// or https:// URL with a host name."
    assert vi == "url phải là URL http:// hoặc https:// có tên máy chủ."
    assert "https://" in ar


async def test_recovery_fee_policy_refusals(as_alice: httpx.AsyncClient, world: World) -> None:
    policy = {"fee_percent": "2", "fee_minimum": "20", "fee_maximum": "5"}
    vi, ar, en = await _refused(as_alice, "PUT", "/api/v1/recovery/policy", policy, 422)
    assert en == "fee_minimum is above fee_maximum."
    assert vi == "fee_minimum lớn hơn fee_maximum."
    assert "fee_maximum" in ar

    row = {"network": "ETH", "token": "*", "contract": "0xabc", "path": "conditional"}
    matrix = {"rows": [row]}
    vi, ar, en = await _refused(as_alice, "PUT", "/api/v1/recovery/matrix", matrix, 422)
    assert en == "ETH: the '*' row takes no contract."
    assert vi == "ETH: dòng '*' không nhận hợp đồng (contract)."
    assert "'*'" in ar


async def test_refusals_made_before_any_route_read_in_the_readers_language(
    as_bob: httpx.AsyncClient,
) -> None:
    """The body guard answers before a route is chosen, from the raw request: its sentence
    follows Accept-Language like a route's refusal does."""
    sentences = []
    for headers in (VI, AR, {}):
        r = await as_bob.post(
            "/api/v1/conversations",
            content=b"x" * 70_000,
            headers={**headers, "Content-Type": "application/json"},
        )
        assert r.status_code == 413
        # The limit is written as the reader writes numbers (65,536; 65.536).
        assert "65536" in "".join(c for c in r.json()["detail"] if c.isdigit())
        sentences.append(r.json()["detail"])
    vi, ar, en = sentences
    assert "byte" in vi and "بايت" in ar and en.startswith("The request body is larger")
