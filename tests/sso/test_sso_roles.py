"""SSO and the permission model: a role that requires two-factor, and who may read the
providers' configuration. The people and the provider's users are those of test_sso_flow.py."""

from __future__ import annotations

import httpx

from firstline.agents.roles import ensure_builtin_roles
from firstline.core.db import Database
from tests.conftest import World
from tests.sso.flow import REDIRECT, MakeClient, audit, sign_in, signed_in_as
from tests.sso.provider import CLIENT_SECRET, OidcProvider


async def test_second_factor_asserted_by_the_provider_counts(
    idp: OidcProvider,
    make_client: MakeClient,
    world: World,
    db: Database,
    as_alice: httpx.AsyncClient,
) -> None:
    """The agents' role requires two-factor. Carol signing in at the provider with a password
    only gets a session that waits for her own second factor; signing in there with a one-time
    code (amr "otp") opens the console at once."""
    async with db.transaction() as session:
        await ensure_builtin_roles(session)
    roles = (await as_alice.get("/api/v1/roles")).json()
    agent_role = next(r for r in roles if r["name"] == "agent")
    r = await as_alice.patch(f"/api/v1/roles/{agent_role['id']}", json={"require_two_factor": True})
    assert r.status_code == 200, r.text

    client = await make_client(idp.config())
    assert (await sign_in(client, "carol")).status_code == 200
    assert (await audit(db, "agent.sso_signed_in"))[-1]["stage"] != "full"
    assert await signed_in_as(client) is None

    with_code = await make_client(idp.config())
    assert (await sign_in(with_code, "carol-otp")).status_code == 200
    entry = (await audit(db, "agent.sso_signed_in"))[-1]
    assert (entry["stage"], entry["mfa"], entry["entity_id"]) == ("full", True, world.carol)
    assert await signed_in_as(with_code) is not None


async def test_the_providers_api_shows_the_configuration_without_secrets(
    idp: OidcProvider, make_client: MakeClient, world: World
) -> None:
    client = await make_client(idp.config(allowed_domains=["example.com"]))
    as_admin = {"Authorization": f"Bearer {world.tokens['alice']}"}
    response = await client.get("/api/v1/sso/providers", headers=as_admin)
    assert response.status_code == 200, response.text
    [provider] = response.json()
    assert provider["issuer"] == idp.issuer and provider["redirect_uri"] == REDIRECT
    assert provider["has_client_secret"] is True and provider["allowed_domains"] == ["example.com"]
    assert CLIENT_SECRET not in response.text
    # Carol (an agent) may not configure sign-in.
    as_carol = {"Authorization": f"Bearer {world.tokens['carol']}"}
    refused = await client.get("/api/v1/sso/providers", headers=as_carol)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
