"""A real OpenID Connect provider for the SSO tests: tests/sso/provider/server.js (the
oidc-provider package) under Node.js, on a free loopback port, stopped by its PID.

`npm ci` in tests/sso/provider installs the package (.ci/run does it); without node or the
package the tests skip, saying so (and fail under FIRSTLINE_TEST_REQUIRE_ALL=1).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import httpx

from tests.conftest import _unavailable
from tests.live import free_port

HERE = Path(__file__).parent / "provider"
CLIENT_ID = "firstline-console"
CLIENT_SECRET = "a client secret long enough for HS256 keys"

# The people the provider knows, by the login typed on its page.
USERS: dict[str, dict[str, Any]] = {
    "carol": {"email": "carol@example.com", "name": "Carol"},
    "dave": {"email": "dave@example.com", "name": "Dave"},
    # Carol again, when the provider asked her for a one-time code too.
    "carol-otp": {"email": "carol@example.com", "name": "Carol", "amr": ["pwd", "otp"]},
    "stranger": {"email": "stranger@example.com", "name": "Stranger"},
    "unverified": {"email": "carol@example.com", "email_verified": False},
    "outsider": {"email": "someone@elsewhere.test", "name": "Someone"},
}


@dataclass
class OidcProvider:
    issuer: str
    redirect_uri: str
    port: int
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    def config(self, slug: str = "test", **options: Any) -> dict[str, Any]:
        """The provider's entry of FIRSTLINE_OIDC_PROVIDERS."""
        return {
            "slug": slug,
            "name": "Test IdP",
            "issuer": self.issuer,
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uri": self.redirect_uri,
            **options,
        }

    def settings_value(self, **options: Any) -> str:
        return json.dumps([self.config(**options)])


def _require_node() -> str:
    node = shutil.which("node")
    if node is None:
        _unavailable("SSO tests need Node.js 20+ (node) for the test OpenID provider")
    assert node is not None
    if not (HERE / "node_modules" / "oidc-provider" / "package.json").is_file():
        _unavailable("SSO tests need the test OpenID provider: npm ci in tests/sso/provider")
    return node


def _start(provider: OidcProvider, node: str) -> None:
    process = subprocess.Popen(
        [node, "server.js"],
        cwd=HERE,
        env=provider.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    provider.process = process
    deadline = time.monotonic() + 30
    while True:
        if process.poll() is not None:
            err = process.stderr.read().decode() if process.stderr else ""
            raise AssertionError(f"the test OpenID provider exited: {err}")
        try:
            url = f"{provider.issuer}/.well-known/openid-configuration"
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("the test OpenID provider did not answer within 30 s")
        time.sleep(0.1)


def _stop(provider: OidcProvider) -> None:
    process = provider.process
    if process is None:
        return
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
    if process.stderr:
        process.stderr.close()
    provider.process = None


@contextmanager
def running_provider(
    redirect_uri: str, *, key_id: str = "key-1", id_token_alg: str = "RS256"
) -> Iterator[OidcProvider]:
    node = _require_node()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    env.update(
        OIDC_PORT=str(port),
        OIDC_CLIENT_ID=CLIENT_ID,
        OIDC_CLIENT_SECRET=CLIENT_SECRET,
        OIDC_REDIRECT_URI=redirect_uri,
        OIDC_USERS=json.dumps(USERS),
        OIDC_KEY_ID=key_id,
        OIDC_ID_TOKEN_ALG=id_token_alg,
    )
    provider = OidcProvider(
        issuer=f"http://127.0.0.1:{port}", redirect_uri=redirect_uri, port=port, env=env
    )
    _start(provider, node)
    try:
        yield provider
    finally:
        _stop(provider)


def restart(provider: OidcProvider, **env: str) -> None:
    """Stop the provider and start it again on the same port (a fresh signing key)."""
    node = _require_node()
    _stop(provider)
    provider.env.update(env)
    _start(provider, node)


async def log_in_at_provider(
    authorization_url: str, login: str, redirect_uri: str
) -> dict[str, str]:
    """Fill the provider's sign-in and consent pages as a person would, following its
    redirects until it sends the browser back to `redirect_uri`; the callback's query."""
    async with httpx.AsyncClient(timeout=10) as browser:
        url = authorization_url
        for _ in range(12):
            if url.startswith(redirect_uri):
                return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
            response = await browser.get(url)
            if response.status_code in (302, 303):
                url = urljoin(url, response.headers["location"])
                continue
            assert response.status_code == 200, response.text
            path = urlsplit(url).path
            if 'data-testid="provider-login"' in response.text:
                response = await browser.post(urljoin(url, f"{path}/login"), data={"login": login})
                base = url
            elif 'data-testid="provider-consent"' in response.text:
                response = await browser.post(urljoin(url, f"{path}/consent"), data={})
                base = url
            else:
                raise AssertionError(f"unexpected provider page: {response.text[:500]}")
            assert response.status_code == 303, response.text
            url = urljoin(base, response.headers["location"])
        raise AssertionError("the provider never sent the browser back")
