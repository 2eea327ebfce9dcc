"""The relying party side of OpenID Connect's authorization-code flow, with PKCE.

What it checks, and why:
- the discovery document's `issuer` is the configured one (a provider that answers for
  another issuer is not the one configured);
- the ID token is signed with an asymmetric algorithm (never `none`, never HS*: an HMAC
  "signed" with the client secret would let anyone holding that secret mint identities) by a
  key of the provider's JWKS; the JWKS is cached and fetched again when a token names a key id
  it does not hold (the provider rotated its keys), at most once every few seconds so that
  tokens with made-up key ids cannot make us hammer the provider;
- `iss`, `aud` (and `azp` when several audiences), `exp`, `iat` and the `nonce` of this sign-in,
  with one minute of clock skew allowed.

Every failure is an SsoFailure naming its reason; the web layer turns it into a sentence on
the sign-in page. Network calls have short timeouts: a provider that is down must not hold a
server worker.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from firstline.agents.sso.config import Provider

ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
LEEWAY_SECONDS = 60
DISCOVERY_TTL = 3600.0
JWKS_TTL = 3600.0
JWKS_REFETCH_AFTER = 10.0
TIMEOUT = httpx.Timeout(5.0)


class SsoFailure(Exception):
    """Why a sign-in did not happen. `reason` is stable (audit, tests); the web layer maps it
    to a sentence of the sso catalog."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Discovery:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None


@dataclass(frozen=True, slots=True)
class Attempt:
    """What the browser carries from the start of a sign-in to its callback."""

    provider: str
    state: str
    nonce: str
    verifier: str
    started: float

    @classmethod
    def new(cls, provider: str) -> Attempt:
        return cls(
            provider=provider,
            state=secrets.token_urlsafe(24),
            nonce=secrets.token_urlsafe(24),
            verifier=secrets.token_urlsafe(48),
            started=time.time(),
        )

    @property
    def challenge(self) -> str:
        digest = hashlib.sha256(self.verifier.encode()).digest()
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")


@dataclass
class _Keys:
    fetched: float
    keys: dict[str, jwt.PyJWK] = field(default_factory=dict)


class RelyingParty:
    """One per server process: caches each provider's discovery document and keys."""

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        refetch_after: float = JWKS_REFETCH_AFTER,
    ) -> None:
        self._transport = transport
        self._refetch_after = refetch_after
        self._discovery: dict[str, tuple[float, Discovery]] = {}
        self._keys: dict[str, _Keys] = {}

    def _client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=self._transport, timeout=TIMEOUT, follow_redirects=False)

    async def _get_json(self, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            async with self._client() as http:
                response = await http.get(url, **kwargs)
        except httpx.HTTPError as exc:
            raise SsoFailure("provider_down", f"{url}: {exc!r}") from None
        if response.status_code != 200:
            raise SsoFailure("provider_down", f"{url} answered {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            raise SsoFailure("provider_down", f"{url} did not answer JSON") from None
        if not isinstance(body, dict):
            raise SsoFailure("provider_down", f"{url} did not answer a JSON object")
        return body

    async def discovery(self, provider: Provider) -> Discovery:
        cached = self._discovery.get(provider.issuer)
        if cached is not None and time.monotonic() - cached[0] < DISCOVERY_TTL:
            return cached[1]
        url = provider.issuer.rstrip("/") + "/.well-known/openid-configuration"
        doc = await self._get_json(url)
        try:
            found = Discovery(
                issuer=str(doc["issuer"]),
                authorization_endpoint=str(doc["authorization_endpoint"]),
                token_endpoint=str(doc["token_endpoint"]),
                jwks_uri=str(doc["jwks_uri"]),
                userinfo_endpoint=str(doc["userinfo_endpoint"])
                if doc.get("userinfo_endpoint")
                else None,
            )
        except KeyError as exc:
            raise SsoFailure("provider_down", f"discovery document lacks {exc}") from None
        if found.issuer != provider.issuer:
            raise SsoFailure(
                "provider_down", f"discovery names issuer {found.issuer}, not {provider.issuer}"
            )
        self._discovery[provider.issuer] = (time.monotonic(), found)
        return found

    def authorization_url(
        self, provider: Provider, discovery: Discovery, redirect_uri: str, attempt: Attempt
    ) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": provider.client_id,
                "redirect_uri": redirect_uri,
                "scope": " ".join(provider.scopes),
                "state": attempt.state,
                "nonce": attempt.nonce,
                "code_challenge": attempt.challenge,
                "code_challenge_method": "S256",
            }
        )
        separator = "&" if "?" in discovery.authorization_endpoint else "?"
        return f"{discovery.authorization_endpoint}{separator}{query}"

    async def exchange(
        self,
        provider: Provider,
        discovery: Discovery,
        *,
        code: str,
        redirect_uri: str,
        attempt: Attempt,
    ) -> dict[str, Any]:
        """The token endpoint's answer for `code` (it holds the ID token)."""
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "code_verifier": attempt.verifier,
        }
        auth: httpx.BasicAuth | None = None
        if provider.client_secret:
            auth = httpx.BasicAuth(provider.client_id, provider.client_secret)
        else:
            form["client_id"] = provider.client_id  # a public client, PKCE only
        try:
            async with self._client() as http:
                if auth is None:
                    response = await http.post(discovery.token_endpoint, data=form)
                else:  # client_secret_basic
                    response = await http.post(discovery.token_endpoint, data=form, auth=auth)
        except httpx.HTTPError as exc:
            raise SsoFailure("provider_down", f"token endpoint: {exc!r}") from None
        if response.status_code >= 500:
            raise SsoFailure("provider_down", f"token endpoint answered {response.status_code}")
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code != 200 or not isinstance(body, dict):
            error = body.get("error") if isinstance(body, dict) else None
            raise SsoFailure("provider_refused", f"token endpoint: {error or response.status_code}")
        if not isinstance(body.get("id_token"), str):
            raise SsoFailure("token", "the token endpoint sent no ID token")
        return body

    async def _key(self, provider: Provider, discovery: Discovery, kid: str | None) -> jwt.PyJWK:
        cached = self._keys.get(provider.issuer)
        fresh = cached is not None and time.monotonic() - cached.fetched < JWKS_TTL
        if cached is not None and fresh:
            key = _pick(cached.keys, kid)
            if key is not None:
                return key
            if time.monotonic() - cached.fetched < self._refetch_after:
                raise SsoFailure("token", f"no key {kid!r} in the provider's JWKS")
        doc = await self._get_json(discovery.jwks_uri)
        keys: dict[str, jwt.PyJWK] = {}
        for index, entry in enumerate(doc.get("keys") or []):
            if not isinstance(entry, dict) or entry.get("use", "sig") != "sig":
                continue
            try:
                keys[str(entry.get("kid", f"#{index}"))] = jwt.PyJWK(entry)
            except jwt.PyJWTError:
                continue  # a key type or curve we do not use
        self._keys[provider.issuer] = _Keys(fetched=time.monotonic(), keys=keys)
        key = _pick(keys, kid)
        if key is None:
            raise SsoFailure("token", f"no key {kid!r} in the provider's JWKS")
        return key

    async def verify_id_token(
        self, provider: Provider, discovery: Discovery, id_token: str, nonce: str
    ) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(id_token)
        except jwt.PyJWTError as exc:
            raise SsoFailure("token", f"unreadable ID token: {exc}") from None
        alg = header.get("alg")
        if alg not in ALGORITHMS:
            raise SsoFailure("token", f"ID token algorithm {alg!r} refused")
        key = await self._key(provider, discovery, header.get("kid"))
        try:
            claims: dict[str, Any] = jwt.decode(
                id_token,
                key=key.key,
                algorithms=[alg],
                audience=provider.client_id,
                issuer=provider.issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SsoFailure("token", f"ID token refused: {exc}") from None
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != provider.client_id:
            raise SsoFailure("token", "ID token for several audiences without our azp")
        sent = claims.get("nonce")
        if not isinstance(sent, str) or not secrets.compare_digest(sent, nonce):
            raise SsoFailure("token", "ID token nonce is not this sign-in's")
        return claims

    async def userinfo(
        self, discovery: Discovery, access_token: str, subject: str
    ) -> dict[str, Any]:
        """Claims from the userinfo endpoint (providers that keep the e-mail out of the ID
        token); they count only when they are about the ID token's subject."""
        if discovery.userinfo_endpoint is None:
            return {}
        info = await self._get_json(
            discovery.userinfo_endpoint, headers={"Authorization": f"Bearer {access_token}"}
        )
        if info.get("sub") != subject:
            raise SsoFailure("token", "userinfo is about another subject")
        return info


def _pick(keys: dict[str, jwt.PyJWK], kid: str | None) -> jwt.PyJWK | None:
    if kid is not None:
        return keys.get(kid)
    # Without a kid, a JWKS of one key is unambiguous; more than one is not.
    return next(iter(keys.values())) if len(keys) == 1 else None
