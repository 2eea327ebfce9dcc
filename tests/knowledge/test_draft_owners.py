"""A knowledge-base draft belongs to the agent who wrote it: another agent cannot overwrite it
(knowledge.edit_any can), and what customers read needs knowledge.publish."""

from __future__ import annotations

import httpx

from tests.conftest import World


async def test_an_agent_cannot_overwrite_someone_elses_draft(
    as_carol: httpx.AsyncClient, as_dave: httpx.AsyncClient, as_bob: httpx.AsyncClient,
    world: World,
) -> None:  # fmt: skip
    r = await as_carol.post(
        "/api/v1/kb/articles",
        json={"external_id": "fees-draft", "locale": "en", "title": "Fees", "body": "Carol's."},
    )
    assert r.status_code == 201 and r.json()["owner_agent_id"] == world.carol, r.text
    url = "/api/v1/kb/articles/fees-draft/en"
    r = await as_dave.put(url, json={"title": "Fees", "body": "Dave was here."})
    assert r.status_code == 403 and "knowledge.edit_any" in r.json()["detail"], r.text
    assert (await as_carol.get(url)).json()["body"] == "Carol's."
    # Its owner goes on editing it; a supervisor may change anyone's draft.
    r = await as_carol.put(url, json={"title": "Fees", "body": "Carol's, revised."})
    assert r.status_code == 200, r.text
    r = await as_bob.put(url, json={"title": "Fees", "body": "Reviewed by Bob."})
    assert r.status_code == 200, r.text
    # Publishing stays a supervisor's call, even for one's own draft.
    r = await as_carol.put(url, json={"title": "Fees", "body": "Live!", "status": "published"})
    assert r.status_code == 403 and "knowledge.publish" in r.json()["detail"], r.text
