"""Input no route can be trusted to expect (web/inputs.py, core/types.py): ids beyond 32 bits,
NUL characters, bodies that are not UTF-8, names longer than their column, bidirectional
controls in names. Each used to give a 500 (PostgreSQL's driver refusing a 64-bit id or a
NUL, SQLite's refusing a 65-bit one) or to reverse how a name displays; each is now a
documented 4xx with a sentence, or quietly removed. Responses are checked against the
OpenAPI document."""

from __future__ import annotations

import httpx

from tests.conftest import World
from tests.openapi.contract import checked

HUGE = [2**31, 2**63, 2**64 + 1]


async def test_a_path_id_beyond_32_bits_is_not_found(as_alice: httpx.AsyncClient) -> None:
    client = checked(as_alice)
    for value in HUGE:
        for path in (
            f"/api/v1/conversations/{value}",
            f"/api/v1/webhooks/{value}",
            f"/api/v1/webhooks/{value}/deliveries",
            f"/api/v1/canned-responses/{value}/render",
        ):
            response = await client.get(path)
            assert response.status_code == 404, (path, response.text)
            assert "2147483647" in response.json()["detail"]
    changed = await client.patch(f"/api/v1/webhooks/{2**40}", json={})
    assert changed.status_code == 404, changed.text
    rotated = await client.post(f"/api/v1/webhooks/{2**59}/rotate-secret")
    assert rotated.status_code == 404, rotated.text
    # The sentence in the reader's language.
    german = await client.get(f"/api/v1/webhooks/{2**40}", headers={"Accept-Language": "de"})
    assert german.json()["detail"].startswith("Kein Datensatz hat webhook_id")


async def test_ids_beyond_32_bits_in_queries_and_bodies_are_refused(
    as_alice: httpx.AsyncClient, world: World
) -> None:
    client = checked(as_alice)
    rendered = await client.get(
        "/api/v1/canned-responses/1/render", params={"conversation_id": str(-(2**70))}
    )
    assert rendered.status_code == 422, rendered.text
    opened = await client.post(
        "/api/v1/conversations",
        json={
            "customer": {"external_id": "u1"},
            "channel": "api",
            "message": {"body": "hello"},
            "team_id": 2**40,
        },
    )
    assert opened.status_code == 422, opened.text
    assert opened.json()["errors"][0]["field"] == "team_id"


async def test_nul_characters_are_refused_wherever_text_arrives(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, world: World
) -> None:
    client = checked(as_alice)
    agent = await client.post(
        "/api/v1/agents",
        json={"email": "x\u0000y@example.com", "name": "X", "team_ids": []},
    )
    assert agent.status_code == 422, agent.text
    problem = agent.json()
    assert problem["errors"][0] == {
        "field": "email",
        "message": problem["detail"],
        "type": "nul_character",
    }
    assert "U+0000" in problem["detail"]
    searched = await client.get("/api/v1/search", params={"q": "a\u0000b"})
    assert searched.status_code == 422, searched.text
    assert searched.json()["errors"][0]["field"] == "q"
    article = await client.get("/api/v1/kb/articles/a%00b/en")
    assert article.status_code == 422, article.text
    # Unauthenticated, on the chat widget's API.
    session = await checked(api).post("/chat/api/session", json={"name": "Linh\u0000"})
    assert session.status_code == 422, session.text
    # An escaped backslash followed by "u0000" is text like any other.
    fine = await client.post(
        "/api/v1/language/detect", json={"text": "a path like C:\\u0000 is fine"}
    )
    assert fine.status_code == 200, fine.text


async def test_a_body_that_is_not_utf8_is_invalid_json(as_alice: httpx.AsyncClient) -> None:
    response = await checked(as_alice).post(
        "/api/v1/teams", content=b"\xff\xfe{", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["type"] == "json_invalid"


async def test_a_name_longer_than_its_column_is_refused(as_alice: httpx.AsyncClient) -> None:
    client = checked(as_alice)
    for path, body in (
        ("/api/v1/teams", {"name": "0" * 121}),
        ("/api/v1/sla/policies", {"name": "0" * 121, "first_response_seconds": 60}),
    ):
        response = await client.post(path, json=body)
        assert response.status_code == 422, (path, response.text)
        assert "120" in response.json()["detail"]


async def test_bidi_controls_are_removed_from_names_emails_and_subjects(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient, world: World
) -> None:
    """A customer named "Linh\u202egnp.exe" would display as "Linhexe.png" and reorder the
    text beside it; the name is kept without its controls."""
    client = checked(as_alice)
    opened = await client.post(
        "/api/v1/conversations",
        json={
            "customer": {
                "external_id": "bidi-1",
                "name": "Linh\u202egnp.exe",
                "email": "\u2066linh@example.com\u2069",
            },
            "channel": "api",
            "subject": "Refund \u202ednufer",
            "message": {"body": "hello"},
        },
    )
    assert opened.status_code == 201, opened.text
    conversation = opened.json()
    assert conversation["customer"]["name"] == "Linhgnp.exe"
    detail = await client.get(f"/api/v1/conversations/{conversation['id']}")
    assert "\u2066" not in detail.text and "\u202e" not in detail.text
    assert conversation["subject"] == "Refund dnufer"
    only_controls = await client.post(
        "/api/v1/teams", json={"name": "\u202e\u2067\u200f", "languages": ["en"]}
    )
    assert only_controls.status_code == 422, only_controls.text
    # The chat widget's visitor names themselves the same way.
    session = await checked(api).post(
        "/chat/api/session", json={"name": "\u202eevil", "locale": "en"}
    )
    assert session.status_code in (200, 201), session.text
    agent = await client.post(
        "/api/v1/agents",
        json={"email": "\u2066mai@example.com\u2069", "name": "Mai\u200e\u061c", "team_ids": []},
    )
    assert agent.status_code == 201, agent.text
    assert (agent.json()["name"], agent.json()["email"]) == ("Mai", "mai@example.com")
