"""/api/v1/flows over HTTP, on SQLite and PostgreSQL: admins store, override and delete flow
definitions (JSON or YAML); everyone else may only read them.

alice is an admin; carol is an agent (tests/conftest.py).
"""

from __future__ import annotations

import copy
from typing import Any

import httpx
import yaml

from firstline.flows.registry import builtin_flows

CUSTOM_YAML = """
id: vip_callback
title: {en: Call me back, vi: Gọi lại cho tôi}
triggers: {en: [call me back]}
steps:
  - id: ask_email
    kind: ask
    field: email
    prompt: {en: "Which email should we use?"}
  - id: bye
    kind: handover
    reason: callback
    text: {en: "A person will call you back about {ask_email}."}
"""
YAML = {"Content-Type": "application/yaml"}


async def test_admins_store_flows_in_yaml_or_json_and_everyone_reads_them(
    as_alice: httpx.AsyncClient, as_carol: httpx.AsyncClient
) -> None:
    r = await as_alice.put("/api/v1/flows/vip_callback", content=CUSTOM_YAML, headers=YAML)
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["source"], body["version"], body["overrides_builtin"]) == ("custom", 1, False)
    assert body["definition"]["steps"][1]["reason"] == "callback"
    assert body["languages"] == ["en"]

    r = await as_carol.get("/api/v1/flows")
    assert r.status_code == 200
    listed = {f["id"]: f for f in r.json()}
    assert set(listed) == {*builtin_flows(), "vip_callback"}
    assert listed["vip_callback"]["source"] == "custom"
    assert listed["kyc_status"]["source"] == "builtin"
    assert len(listed["kyc_status"]["languages"]) == 17

    # The same definition as JSON, unchanged: no new version.
    document = yaml.safe_load(CUSTOM_YAML)
    r = await as_alice.put("/api/v1/flows/vip_callback", json=document)
    assert r.json()["version"] == 1
    document["steps"][0]["prompt"]["vi"] = "Email nào?"
    r = await as_alice.put("/api/v1/flows/vip_callback", json=document)
    assert r.json()["version"] == 2
    r = await as_carol.get("/api/v1/flows/vip_callback")
    assert r.json()["definition"]["steps"][0]["prompt"] == {
        "en": "Which email should we use?",
        "vi": "Email nào?",
    }


async def test_a_stored_flow_overrides_the_built_in_until_deleted(
    as_alice: httpx.AsyncClient,
) -> None:
    builtin = (await as_alice.get("/api/v1/flows/kyc_status")).json()
    assert builtin["source"] == "builtin" and builtin["version"] is None
    edited: dict[str, Any] = copy.deepcopy(builtin["definition"])
    edited["steps"][-1]["text"]["en"] = "Start your verification in the app, it takes 5 minutes."

    r = await as_alice.put("/api/v1/flows/kyc_status", json=edited)
    assert r.status_code == 200, r.text
    assert (r.json()["source"], r.json()["overrides_builtin"]) == ("custom", True)
    got = (await as_alice.get("/api/v1/flows/kyc_status")).json()
    assert got["definition"]["steps"][-1]["text"]["en"].endswith("it takes 5 minutes.")

    assert (await as_alice.delete("/api/v1/flows/kyc_status")).status_code == 204
    got = (await as_alice.get("/api/v1/flows/kyc_status")).json()
    assert got["source"] == "builtin"
    assert got["definition"] == builtin["definition"]
    r = await as_alice.delete("/api/v1/flows/kyc_status")
    assert r.status_code == 404
    assert "built-in flows cannot be deleted" in r.json()["detail"]


async def test_an_invalid_definition_is_refused_with_every_error(
    as_alice: httpx.AsyncClient,
) -> None:
    r = await as_alice.put(
        "/api/v1/flows/vip_callback", content="id: vip_callback\nsteps: [", headers=YAML
    )
    assert r.status_code == 422
    assert r.json()["errors"][0].startswith("not valid YAML: line ")

    broken = CUSTOM_YAML.replace("kind: ask", "kind: ask\n    next: x").replace(
        "{en: Call me back, vi: Gọi lại cho tôi}", "{vi: Gọi lại cho tôi}"
    )
    r = await as_alice.put("/api/v1/flows/vip_callback", content=broken, headers=YAML)
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert "step 'ask_email': unknown next step 'x'" in errors
    assert "flow: title: missing English text (en)" in errors
    assert "unknown next step 'x'" in r.json()["detail"]

    r = await as_alice.put("/api/v1/flows/other_id", content=CUSTOM_YAML, headers=YAML)
    assert r.status_code == 422
    r = await as_alice.put(
        "/api/v1/flows/vip_callback", content=CUSTOM_YAML, headers={"Content-Type": "text/plain"}
    )
    assert r.status_code == 415
    assert (await as_alice.get("/api/v1/flows/vip_callback")).status_code == 404


async def test_only_admins_change_flows(
    as_carol: httpx.AsyncClient, as_bob: httpx.AsyncClient, api: httpx.AsyncClient
) -> None:
    for client in (as_carol, as_bob):  # an agent, a supervisor
        r = await client.put("/api/v1/flows/vip_callback", content=CUSTOM_YAML, headers=YAML)
        assert r.status_code == 403
        assert (await client.delete("/api/v1/flows/password_reset")).status_code == 403
    assert (await api.get("/api/v1/flows")).status_code == 401
    assert (await as_carol.get("/api/v1/flows/vip_callback")).status_code == 404
