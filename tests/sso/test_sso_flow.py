"""Console sign-in with OpenID Connect, end to end against a real provider (oidc-provider under
Node.js, tests/sso/provider.py): the app in process, the provider's pages filled over HTTP.

The people (tests/conftest.py): alice (admin), carol and dave (agents). The provider knows
carol and dave, carol once more when it asked her for a one-time code as well ("carol-otp"), a
stranger (no agent has their e-mail), a person whose e-mail it has not verified, and someone of
another domain.
"""

from __future__ import annotations

import base64
import hashlib
import json
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
from sqlalchemy import text

from firstline.agents.sso.oidc import RelyingParty
from firstline.core.db import Database
from tests.conftest import World
from tests.sso.flow import REDIRECT, MakeClient, audit, error, say, sign_in, signed_in_as, start
from tests.sso.provider import OidcProvider, log_in_at_provider, restart, running_provider


async def test_sign_in_matches_the_agent_by_email_then_by_subject(
    idp: OidcProvider, make_client: MakeClient, world: World, db: Database
) -> None:
    client = await make_client(idp.config())
    login_page = await client.get("/console")
    assert 'data-testid="login-sso-test"' in login_page.text
    assert say("en", "button", provider="Test IdP") in login_page.text

    response = await sign_in(client, "carol")
    assert response.status_code == 200, response.text
    assert "fl_session" in response.cookies
    assert await signed_in_as(client) is not None
    linked = await audit(db, "agent.sso_linked")
    assert [e["entity_id"] for e in linked] == [world.carol]
    signed = await audit(db, "agent.sso_signed_in")
    assert signed[-1]["entity_id"] == world.carol and signed[-1]["provider"] == "test"

    # The second time, the identity is known by (issuer, subject): no new link.
    again = await make_client(idp.config())
    assert (await sign_in(again, "carol")).status_code == 200
    assert len(await audit(db, "agent.sso_linked")) == 1
    assert len(await audit(db, "agent.sso_signed_in")) == 2
    async with db.session() as session:
        rows = (await session.execute(text("SELECT agent_id, issuer FROM agent_identities"))).all()
    assert [(r[0], r[1]) for r in rows] == [(world.carol, idp.issuer)]


async def test_state_that_is_not_this_browsers_is_refused(
    idp: OidcProvider, make_client: MakeClient, world: World, db: Database
) -> None:
    client = await make_client(idp.config())
    query = await log_in_at_provider(await start(client), "carol", REDIRECT)
    query["state"] = "somebody-elses-state"
    response = await client.get(
        "/console/sso/callback", params=query, headers={"Accept-Language": "de"}
    )
    assert response.status_code == 400
    assert error(response) == say("de", "error.state")
    assert "fl_session" not in response.cookies
    assert (await audit(db, "agent.sso_failed"))[-1]["reason"] == "state"

    # A callback without any sign-in started in this browser: expired, in Vietnamese.
    other = await make_client(idp.config())
    lost = await other.get(
        "/console/sso/callback", params={"code": "x", "state": "y"},
        headers={"Accept-Language": "vi"},
    )  # fmt: skip
    assert lost.status_code == 400
    assert error(lost) == say("vi", "error.expired")


async def test_id_token_with_another_nonce_is_refused(
    idp: OidcProvider, make_client: MakeClient, world: World, db: Database
) -> None:
    """An attacker's authorization code, made for their own request (same PKCE verifier, so
    only the nonce tells it apart), presented with the victim's state: refused."""
    client = await make_client(idp.config())
    authorize = await start(client)
    cookie = client.cookies["fl_sso"]
    body = cookie.split(".")[0]
    attempt = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    challenge = (
        base64.urlsafe_b64encode(hashlib.sha256(attempt["verifier"].encode()).digest())
        .decode()
        .rstrip("=")
    )
    params = {k: v[0] for k, v in parse_qs(urlsplit(authorize).query).items()}
    assert params["code_challenge"] == challenge and params["nonce"] == attempt["nonce"]
    forged = {**params, "nonce": "the-attackers-nonce", "state": "the-attackers-state"}
    endpoint = authorize.split("?", 1)[0]
    query = await log_in_at_provider(f"{endpoint}?{urlencode(forged)}", "carol", REDIRECT)
    query["state"] = attempt["state"]
    response = await client.get("/console/sso/callback", params=query)
    assert response.status_code == 401
    assert error(response) == say("en", "error.token", provider="Test IdP")
    assert "fl_session" not in response.cookies
    failure = (await audit(db, "agent.sso_failed"))[-1]
    assert failure["reason"] == "token" and "nonce" in failure["detail"]


async def test_unknown_and_unverified_people_are_refused(
    idp: OidcProvider, make_client: MakeClient, world: World, db: Database
) -> None:
    client = await make_client(idp.config())
    response = await sign_in(client, "stranger", **{"Accept-Language": "ja"})
    assert response.status_code == 403
    assert error(response) == say("ja", "error.unknown_agent", provider="Test IdP")
    # An e-mail the provider has not verified does not match carol's account.
    response = await sign_in(client, "unverified")
    assert response.status_code == 403
    assert error(response) == say("en", "error.unknown_agent", provider="Test IdP")
    reasons = [e["reason"] for e in await audit(db, "agent.sso_failed")]
    assert reasons == ["unknown_agent", "unknown_agent"]
    async with db.session() as session:
        count = await session.scalar(text("SELECT count(*) FROM agent_identities"))
    assert count == 0


async def test_disabled_agent_is_refused_even_when_linked(
    idp: OidcProvider,
    make_client: MakeClient,
    world: World,
    db: Database,
    as_alice: httpx.AsyncClient,
) -> None:
    client = await make_client(idp.config())
    assert (await sign_in(client, "dave")).status_code == 200
    r = await as_alice.patch(f"/api/v1/agents/{world.dave}", json={"is_active": False})
    assert r.status_code == 200, r.text
    fresh = await make_client(idp.config())
    response = await sign_in(fresh, "dave", **{"Accept-Language": "ar"})
    assert response.status_code == 403
    assert error(response) == say("ar", "error.disabled")
    failure = (await audit(db, "agent.sso_failed"))[-1]
    assert failure["reason"] == "disabled" and failure["entity_id"] == world.dave


async def test_allowed_domains_and_provisioning(
    idp: OidcProvider, make_client: MakeClient, world: World, db: Database
) -> None:
    client = await make_client(
        idp.config(allowed_domains=["example.com"], create_agents=True, role="agent")
    )
    response = await sign_in(client, "outsider")
    assert response.status_code == 403
    assert error(response) == say(
        "en", "error.domain", domain="elsewhere.test", provider="Test IdP"
    )
    # Someone of the company's domain without an account gets one, of the configured role.
    response = await sign_in(client, "stranger")
    assert response.status_code == 200, response.text
    async with db.session() as session:
        row = (
            await session.execute(
                text("SELECT role, is_active, password_hash FROM agents WHERE email = :e"),
                {"e": "stranger@example.com"},
            )
        ).one()
    assert (row[0], bool(row[1]), row[2]) == ("agent", True, None)
    assert (await audit(db, "agent.sso_linked"))[-1]["created"] is True


async def test_sso_only_domain_refuses_the_password(
    idp: OidcProvider, make_client: MakeClient, world: World
) -> None:
    client = await make_client(idp.config(allowed_domains=["example.com"], sso_only=True))
    page = await client.get("/console")
    csrf = page.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    response = await client.post(
        "/console/login",
        data={"email": "carol@example.com", "password": "whatever it is", "csrf": csrf},
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 403
    assert error(response) == say("fr", "sso_only", domain="example.com", provider="Test IdP")


async def test_provider_down_or_unknown_ends_on_the_sign_in_page(
    idp: OidcProvider, make_client: MakeClient, world: World, db: Database
) -> None:
    from tests.live import free_port

    down = {**idp.config(slug="down"), "issuer": f"http://127.0.0.1:{free_port()}"}
    client = await make_client(down)
    response = await client.get("/console/sso/down/start", headers={"Accept-Language": "ko"})
    assert response.status_code == 424
    assert error(response) == say("ko", "error.provider_down", provider="Test IdP")
    assert (await audit(db, "agent.sso_failed"))[-1]["reason"] == "provider_down"
    response = await client.get("/console/sso/nope/start")
    assert response.status_code == 404
    assert error(response) == say("en", "error.unknown_provider")


async def test_tokens_signed_with_another_key_or_hs256_are_refused(
    make_client: MakeClient, world: World, db: Database
) -> None:
    with running_provider(REDIRECT, key_id="rotating") as idp:
        # Keys are fetched again for an unknown key id at once (not after 10 s) in this test.
        client = await make_client(idp.config(), relying_party=RelyingParty(refetch_after=0))
        assert (await sign_in(client, "carol")).status_code == 200  # keys now cached
        # The provider comes back signing with another key under the same key id.
        restart(idp)
        response = await sign_in(client, "carol")
        assert response.status_code == 401
        assert error(response) == say("en", "error.token", provider="Test IdP")
        assert (
            "Signature verification failed" in (await audit(db, "agent.sso_failed"))[-1]["detail"]
        )
        # An ID token "signed" with the client secret (HS256) is never accepted.
        restart(idp, OIDC_ID_TOKEN_ALG="HS256", OIDC_KEY_ID="next")
        fresh = await make_client(idp.config())
        response = await sign_in(fresh, "carol")
        assert response.status_code == 401
        assert "HS256" in (await audit(db, "agent.sso_failed"))[-1]["detail"]
        # A rotated key with a new id is fetched when a token names it: the first client,
        # whose cached keys are the old ones, signs in again.
        restart(idp, OIDC_ID_TOKEN_ALG="RS256", OIDC_KEY_ID="rotated")
        assert (await sign_in(client, "carol")).status_code == 200
