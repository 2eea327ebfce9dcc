"""The OpenAPI document against the API itself.

The structural tests read the document: every operation is named by the scheme, has a success
schema, and documents its refusals as problem documents. The sweeps then call every /api/v1
operation (without a token, with an invalid id, as an agent and as an admin with an empty body)
through tests/openapi/contract.py, which fails on any status, media type or body the document
does not describe; the scenarios give the success schemas written for this document real
answers to describe.
"""

from __future__ import annotations

import json
import re
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from firstline.core.settings import Settings
from firstline.web.app import PUBLIC_API, create_app
from firstline.web.openapi import OPERATION_ID
from tests.conftest import World
from tests.openapi.contract import CheckedTransport, Contract, checked

PROBLEM = {"$ref": "#/components/schemas/Problem"}
API = "/api/v1/"


def _document() -> dict[str, Any]:
    app = create_app(Settings(bot=False))
    return app.openapi()


def _operations(
    document: dict[str, Any], prefixes: tuple[str, ...] = (API,)
) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, op)
        for path, methods in document["paths"].items()
        if path.startswith(prefixes)
        for method, op in methods.items()
    ]


EVERY = ("/",)  # every operation of the document, the chat widget's and /healthz included


def test_every_operation_has_a_stable_readable_unique_id() -> None:
    document = _document()
    ids = [op["operationId"] for methods in document["paths"].values() for op in methods.values()]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    app = create_app(Settings(bot=False))
    for route in app.routes:
        if isinstance(route, APIRoute) and route.include_in_schema:
            # Named in the decorator, so that renaming the function changes nothing.
            assert route.operation_id, f"{route.path} names no operation_id"
    for path, method, op in _operations(document, EVERY):
        assert OPERATION_ID.match(op["operationId"]), (method, path, op["operationId"])
    named = {(p, m): op["operationId"] for p, m, op in _operations(document)}
    assert named[("/api/v1/conversations", "get")] == "listConversations"
    assert named[("/api/v1/conversations/{conversation_id}/messages", "post")] == "postMessage"


def test_every_operation_has_a_success_schema() -> None:
    for path, method, op in _operations(_document(), EVERY):
        successes = {code: r for code, r in op["responses"].items() if code.startswith("2")}
        assert successes, (method, path)
        for code, response in successes.items():
            content = response.get("content")
            if code == "204":
                assert not content, (method, path)
                continue
            if content and "application/json" not in content:  # a download (text/csv)
                assert all("schema" in m for m in content.values()), (method, path, code)
                continue
            schema = (content or {}).get("application/json", {}).get("schema", {})
            assert "$ref" in schema or "items" in schema, (method, path, code, schema)


def test_refusals_are_documented_as_problem_documents() -> None:
    document = _document()
    for path, method, op in _operations(document, EVERY):
        responses = op["responses"]
        refusals = {code for code in responses if code[0] in "45"}
        has_input = bool(op.get("parameters")) or "requestBody" in op
        if path.startswith(API) and path not in PUBLIC_API:
            assert "401" in refusals, (method, path)
        if "{" in path:
            assert "404" in refusals, (method, path)
        if has_input:
            assert "422" in refusals, (method, path)
        for code in refusals:
            assert responses[code]["content"] == {
                "application/problem+json": {"schema": PROBLEM}
            }, (method, path, code)
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert "HTTPValidationError" not in json.dumps(document)
    problem = schemas["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}
    assert problem["additionalProperties"] is True
    assert {"instance", "errors"} <= set(problem["properties"])


def test_main_schemas_carry_examples_that_fit_them() -> None:
    contract = Contract(_document())
    schemas = contract.document["components"]["schemas"]
    for name in (
        "ConversationCreate", "ConversationOut", "ConversationDetail", "MessageCreate",
        "MessageOut", "CustomerDetail", "KbSearchOut", "ArticleOut", "CannedOut", "Problem",
    ):  # fmt: skip
        assert schemas[name].get("examples"), name
    for name, schema in schemas.items():
        for example in schema.get("examples", []):
            assert contract.errors_in(example, name) == [], name


def test_the_checker_fails_on_drift() -> None:
    """The checker must be able to fail: a body, a status and a media type the document does
    not describe are each refused."""
    contract = Contract(_document())
    request = httpx.Request("GET", "http://firstline.test/api/v1/me")
    me = {"id": 1, "email": "a@example.com"}  # far from AgentOut
    with pytest.raises(AssertionError, match="does not match"):
        contract.check("GET", "/api/v1/me", httpx.Response(200, json=me, request=request))
    with pytest.raises(AssertionError, match="does not document"):
        contract.check("GET", "/api/v1/me", httpx.Response(418, json={}, request=request))
    problem = {"type": "about:blank", "title": "Unauthorized", "status": 401, "detail": "No."}
    with pytest.raises(AssertionError, match="application/json"):
        contract.check("GET", "/api/v1/me", httpx.Response(401, json=problem, request=request))


# -- sweeps: every operation, called --------------------------------------------------------


def _fill(path: str, op: dict[str, Any], bad_ids: bool = False) -> str:
    for p in op.get("parameters", []):
        if p["in"] != "path":
            continue
        schema = p.get("schema", {})
        if schema.get("type") == "integer":
            value = "not-a-number" if bad_ids else "999999"
        elif p["name"] == "locale":
            value = "en"
        else:
            value = "no-such-thing"
        path = path.replace("{" + p["name"] + "}", value)
    return path


def _contract(client: httpx.AsyncClient) -> Contract:
    transport = client._transport
    assert isinstance(transport, CheckedTransport)
    return transport.contract


async def _call(client: httpx.AsyncClient, method: str, path: str, op: dict[str, Any]) -> int:
    kwargs: dict[str, Any] = {}
    if "requestBody" in op:
        kwargs["json"] = {}
    response = await client.request(method.upper(), path, **kwargs)
    assert response.status_code < 500, (method, path, response.text)
    return response.status_code


async def test_every_operation_refuses_a_caller_without_a_token(api: httpx.AsyncClient) -> None:
    client = checked(api)
    document = _contract(client).document
    for path, method, op in _operations(document):
        if path in PUBLIC_API:
            continue
        status = await _call(client, method, _fill(path, op), op)
        assert status == 401, (method, path, status)


async def test_every_operation_answers_as_documented(api: httpx.AsyncClient, world: World) -> None:
    """An agent and an admin call everything with ids that do not exist (or are not ids) and
    empty bodies; whatever comes back must be what the document says."""
    contract = _contract(checked(api))
    # The contract is shared by every test of this app in the process: count only this test's.
    first = len(contract.checked)
    for token in (world.tokens["carol"], world.tokens["alice"]):
        client = checked(api)
        client.headers["Authorization"] = f"Bearer {token}"
        contract = _contract(client)
        for path, method, op in _operations(contract.document):
            await _call(client, method, _fill(path, op), op)
            if re.search(r"\{\w+_id\}", path):
                status = await _call(client, method, _fill(path, op, bad_ids=True), op)
                assert status in (403, 404, 422), (method, path, status)
    checked_statuses = {status for _, _, status in contract.checked[first:]}
    # (401 is the test above's: every caller here has a token.)
    assert {200, 403, 404, 422} <= checked_statuses


async def test_written_schemas_describe_real_answers(api: httpx.AsyncClient, world: World) -> None:
    """Canned responses, articles, flows and recovery cases: created, read and changed, each
    answer checked against the document."""
    alice = checked(api)
    alice.headers["Authorization"] = f"Bearer {world.tokens['alice']}"
    opened = await alice.post(
        "/api/v1/conversations",
        json={
            "customer": {"external_id": "u_1", "name": "Ann", "locale": "en"},
            "channel": "api",
            "message": {"body": "My deposit has not arrived."},
        },
    )
    assert opened.status_code == 201, opened.text
    conversation_id = opened.json()["id"]

    r = await alice.post(
        "/api/v1/canned-responses",
        json={"shortcut": "hi", "language": "en", "title": "Hi", "body": "Hi {customer.name}!"},
    )
    assert r.status_code == 201, r.text
    canned = r.json()["id"]
    r = await alice.get(
        f"/api/v1/canned-responses/{canned}/render", params={"conversation_id": conversation_id}
    )
    assert r.json()["body"] == "Hi Ann!"
    assert (await alice.get("/api/v1/canned-responses")).json()["items"][0]["id"] == canned
    r = await alice.patch(f"/api/v1/canned-responses/{canned}", json={"title": "Hello"})
    assert r.status_code == 200
    r = await alice.delete(f"/api/v1/canned-responses/{canned}")
    assert r.status_code == 204 and r.content == b""

    r = await alice.post(
        "/api/v1/kb/articles",
        json={"external_id": "deposits", "locale": "en", "body": "# Deposits\n\nWait **12**.",
              "category": "Money", "status": "published"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    r = await alice.put(
        "/api/v1/kb/articles/deposits/vi", json={"body": "# Nạp tiền", "status": "draft"}
    )
    assert r.status_code == 201 and r.json()["outcome"] == "created"
    r = await alice.put("/api/v1/kb/articles/deposits/en", json={"body": "# Deposits\n\nWait."})
    assert r.status_code == 200 and r.json()["outcome"] == "updated"
    for url in (
        "/api/v1/kb/articles",
        "/api/v1/kb/articles/deposits",
        "/api/v1/kb/articles/deposits/en",
        "/api/v1/kb/articles/deposits/en/revisions",
        "/api/v1/kb/categories",
        "/api/v1/kb/search?q=deposits",
    ):
        assert (await alice.get(url)).status_code == 200, url
    assert (await alice.post("/api/v1/kb/preview", json={"body": "*hi*"})).status_code == 200
    assert (await alice.delete("/api/v1/kb/articles/deposits/vi")).status_code == 204

    flows = (await alice.get("/api/v1/flows")).json()
    assert flows, "no built-in flow to read"
    flow = (await alice.get(f"/api/v1/flows/{flows[0]['id']}")).json()
    r = await alice.put(f"/api/v1/flows/{flow['id']}", json=flow["definition"])
    assert r.status_code == 200, r.text
    r = await alice.put(
        f"/api/v1/flows/{flow['id']}", content=b"id: x", headers={"Content-Type": "text/plain"}
    )
    assert r.status_code == 415
    assert (await alice.delete(f"/api/v1/flows/{flow['id']}")).status_code == 204

    for url in ("/api/v1/recovery/matrix", "/api/v1/recovery/policy", "/api/v1/bot/report"):
        assert (await alice.get(url)).status_code == 200, url
    policy = (await alice.get("/api/v1/recovery/policy")).json()
    r = await alice.put(
        "/api/v1/recovery/policy",
        json={k: policy[k] for k in ("fee_percent", "fee_minimum", "fee_maximum", "currency")},
    )
    assert r.status_code == 200, r.text
    claim = {
        "network": "ETH",
        "token": "USDT",
        "tx_hash": "0x" + "ab" * 32,
        "address": "0x" + "12" * 20,
        "amount": "120",
        "external_user_id": "u_1",
        "conversation_id": conversation_id,
    }
    r = await alice.post("/api/v1/recovery/cases", json=claim)
    assert r.status_code == 201, r.text
    case = r.json()
    assert (await alice.post("/api/v1/recovery/cases", json=claim)).status_code == 200
    for url in (
        "/api/v1/recovery/cases",
        f"/api/v1/recovery/cases/{case['id']}",
        "/api/v1/recovery/report",
    ):
        assert (await alice.get(url)).status_code == 200, url
    r = await alice.post(f"/api/v1/recovery/cases/{case['id']}/diagnose")
    assert r.status_code in (200, 409), r.text
    r = await alice.post(f"/api/v1/recovery/cases/{case['id']}/fee", json={"accept": True})
    assert r.status_code in (200, 409), r.text
    r = await alice.post(
        "/api/v1/recovery/cases/bulk",
        json={"ids": [case["id"], 999999], "to": "rejected", "reason": "duplicate"},
    )
    assert r.status_code == 200 and r.json()["failed"][0]["id"] == 999999


async def test_the_chat_widget_api_answers_as_documented(api: httpx.AsyncClient) -> None:
    client = checked(api)
    before = len(_contract(client).checked)
    r = await client.post("/chat/api/session", json={"name": "Ann", "locale": "en"})
    assert r.status_code == 200, r.text
    token = {"X-Chat-Token": r.json()["token"]}
    message = {"body": "Where is my deposit?", "client_id": "c-1"}
    r = await client.post("/chat/api/messages", json=message, headers=token)
    assert r.status_code == 201 and r.json()["acknowledgement"], r.text
    r = await client.post("/chat/api/messages", json=message, headers=token)
    assert r.status_code == 200, r.text
    r = await client.get("/chat/api/messages", headers=token)
    assert r.json()["items"][0]["body"] == "Where is my deposit?"
    assert (await client.get("/chat/api/messages")).status_code == 401
    r = await client.post("/chat/api/messages", json={"body": ""}, headers=token)
    assert r.status_code == 422
    assert (await client.get("/healthz")).status_code == 200
    assert len(_contract(client).checked) >= before + 7
