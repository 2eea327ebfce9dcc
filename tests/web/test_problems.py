"""Bad input gets a problem document with a sentence that says what to fix, and writes nothing."""

from __future__ import annotations

import httpx

from tests.conftest import QueryCounter
from tests.helpers import new_conversation


async def _count(client: httpx.AsyncClient) -> int:
    return len((await client.get("/api/v1/conversations", params={"limit": 200})).json()["items"])


async def test_missing_or_wrong_token_is_401(api: httpx.AsyncClient, world: object) -> None:
    r = await api.get("/api/v1/conversations")
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == 401
    assert "firstline token create" in body["detail"]
    r = await api.get("/api/v1/conversations", headers={"Authorization": "Bearer fl_nope"})
    assert r.status_code == 401
    assert "unknown" in r.json()["detail"]


async def test_invalid_json(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.post(
        "/api/v1/conversations",
        content=b'{"customer": {"external_id": "x"},',
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 422
    assert "not valid JSON" in r.json()["detail"]
    assert await _count(as_bob) == 0


async def test_unknown_enum_value_names_the_choices(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.post("/api/v1/conversations", json=new_conversation(channel="fax"))
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert "channel" in detail
    assert "'chat', 'email', 'web_form' or 'api'" in detail
    assert "'fax'" in detail
    assert r.json()["errors"][0]["field"] == "channel"
    assert await _count(as_bob) == 0


async def test_missing_customer(as_bob: httpx.AsyncClient) -> None:
    payload = new_conversation()
    del payload["customer"]
    r = await as_bob.post("/api/v1/conversations", json=payload)
    assert r.status_code == 422
    assert r.json()["detail"] == "customer is required."


async def test_empty_message_and_unknown_field(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.post("/api/v1/conversations", json=new_conversation(body="   "))
    assert r.status_code == 422
    assert "message.body must not be empty." in r.json()["detail"]
    r = await as_bob.post("/api/v1/conversations", json=new_conversation(colour="red"))
    assert r.status_code == 422
    assert "colour is not a known field" in r.json()["detail"]


async def test_unknown_team_writes_nothing(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.post(
        "/api/v1/conversations", json=new_conversation("ghost-customer", team_id=31337)
    )
    assert r.status_code == 422
    assert (await as_bob.get("/api/v1/customers/ghost-customer")).status_code == 404
    assert await _count(as_bob) == 0


async def test_body_over_the_limit_is_413(as_bob: httpx.AsyncClient, queries: QueryCounter) -> None:
    big = new_conversation(body="x" * 19_000)
    big["subject"] = "y" * 200
    big["tags"] = ["z" * 30] * 2000
    queries.reset()
    r = await as_bob.post("/api/v1/conversations", json=big)
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert "65,536 bytes" in r.json()["detail"]
    assert queries.count == 0  # refused before authentication or parsing

    async def chunks():  # no Content-Length: the limit still holds
        for _ in range(100):
            yield b"x" * 1024

    r = await as_bob.post(
        "/api/v1/conversations", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413


async def test_message_too_long(as_bob: httpx.AsyncClient, settings: object) -> None:
    conv = (await as_bob.post("/api/v1/conversations", json=new_conversation())).json()
    r = await as_bob.post(
        f"/api/v1/conversations/{conv['id']}/messages", json={"body": "x" * 20_001}
    )
    assert r.status_code == 422
    assert "at most 20,000 characters" in r.json()["detail"]


async def test_bad_cursor_and_limit(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.get("/api/v1/conversations", params={"cursor": "garbage!"})
    assert r.status_code == 422
    assert "cursor" in r.json()["detail"]
    r = await as_bob.get("/api/v1/conversations", params={"limit": 5000})
    assert r.status_code == 422
    assert "limit" in r.json()["detail"]
    r = await as_bob.get("/api/v1/conversations", params={"assignee_id": "someone"})
    assert r.status_code == 422
    r = await as_bob.get("/api/v1/conversations", params={"language": "xx"})
    assert r.status_code == 422


async def test_internal_note_must_come_from_an_agent(as_bob: httpx.AsyncClient) -> None:
    conv = (await as_bob.post("/api/v1/conversations", json=new_conversation())).json()
    r = await as_bob.post(
        f"/api/v1/conversations/{conv['id']}/messages",
        json={"body": "secret", "internal": True, "author_kind": "customer"},
    )
    assert r.status_code == 422
    assert "internal notes" in r.json()["detail"]


async def test_unknown_route_and_method(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.get("/api/v1/nothing-here")
    assert r.status_code == 404
    assert r.json()["detail"] == "No such endpoint: GET /api/v1/nothing-here."
    r = await as_bob.delete("/api/v1/teams")
    assert r.status_code == 405


async def test_missing_customer_profile_is_404(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.get("/api/v1/customers/nobody")
    assert r.status_code == 404
    assert "nobody" in r.json()["detail"]


async def test_bad_idempotency_key(as_bob: httpx.AsyncClient) -> None:
    r = await as_bob.post(
        "/api/v1/conversations",
        json=new_conversation(),
        headers={"Idempotency-Key": "k" * 300},
    )
    assert r.status_code == 422
    assert "Idempotency-Key" in r.json()["detail"]


async def test_a_problem_is_written_in_the_readers_language(
    api: httpx.AsyncClient, as_alice: httpx.AsyncClient
) -> None:
    """The console asks for its language with Accept-Language; the sentence of a refusal
    (here: input that does not validate, and an endpoint that does not exist) comes in it,
    and English stays what an API client gets by default."""
    body = {"name": "", "relax_after_seconds": 1, "colour": "red"}
    r = await as_alice.post(
        "/api/v1/teams", json=body, headers={"Accept-Language": "vi-VN,vi;q=0.9"}
    )
    english = await as_alice.post("/api/v1/teams", json=body)
    assert r.status_code == english.status_code == 422
    assert r.headers["content-language"] == "vi"
    assert "relax_after_seconds must be at least 5." in english.json()["detail"]
    assert r.json()["detail"] != english.json()["detail"]
    assert "colour" in r.json()["detail"]  # the field keeps the API's name
    assert [e["field"] for e in r.json()["errors"]] == [
        e["field"] for e in english.json()["errors"]
    ]
    missing = await api.get("/api/v1/nothing-here", headers={"Accept-Language": "ar"})
    assert missing.status_code == 404
    assert missing.headers["content-language"] == "ar"
    assert "/api/v1/nothing-here" in missing.json()["detail"]
    assert "No such endpoint" not in missing.json()["detail"]
    # A language the product does not serve reads English.
    other = await api.get("/api/v1/nothing-here", headers={"Accept-Language": "sw"})
    assert other.json()["detail"] == "No such endpoint: GET /api/v1/nothing-here."
