"""/api/v1/sso/providers: the OpenID Connect providers agents may sign in to the console with,
as FIRSTLINE_OIDC_PROVIDERS configures them (docs/security.md), never with their client
secrets. For whoever sets up sign-in (security.configure): it shows the redirect URI to
register at the identity provider. Providers change in the environment, not here."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict

from firstline.agents.access import require_permission
from firstline.agents.permissions import Permission
from firstline.agents.sso.config import parse_providers
from firstline.core.settings import Settings
from firstline.web.deps import CurrentActor
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["sso"])


class SsoProviderOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "slug": "okta",
                    "name": "Okta",
                    "issuer": "https://example.okta.com/oauth2/default",
                    "client_id": "0oa1b2c3d4",
                    "has_client_secret": True,
                    "redirect_uri": "https://support.example.com/console/sso/callback",
                    "scopes": ["openid", "email", "profile"],
                    "allowed_domains": ["example.com"],
                    "create_agents": False,
                    "role": "agent",
                    "sso_only": False,
                    "trust_email": False,
                    "mfa_amr": ["mfa", "otp", "hwk", "sc"],
                    "mfa_acr": [],
                }
            ]
        }
    )

    slug: str
    name: str
    issuer: str
    client_id: str
    has_client_secret: bool
    redirect_uri: str
    scopes: list[str]
    allowed_domains: list[str]
    create_agents: bool
    role: str
    sso_only: bool
    trust_email: bool
    mfa_amr: list[str]
    mfa_acr: list[str]


@router.get(
    "/sso/providers",
    operation_id="listSsoProviders",
    response_model=list[SsoProviderOut],
    responses=problem_responses(403),
)
async def list_sso_providers(request: Request, actor: CurrentActor) -> FastJSON:
    """The configured providers, in configuration order (security.configure)."""
    require_permission(actor, Permission.security_configure, "Reading the SSO providers")
    settings: Settings = request.app.state.settings
    callback = str(request.url_for("sso_callback"))
    return FastJSON(
        [
            {
                "slug": p.slug,
                "name": p.name,
                "issuer": p.issuer,
                "client_id": p.client_id,
                "has_client_secret": bool(p.client_secret),
                "redirect_uri": p.redirect_uri or callback,
                "scopes": list(p.scopes),
                "allowed_domains": list(p.allowed_domains),
                "create_agents": p.create_agents,
                "role": p.role,
                "sso_only": p.sso_only,
                "trust_email": p.trust_email,
                "mfa_amr": list(p.mfa_amr),
                "mfa_acr": list(p.mfa_acr),
            }
            for p in parse_providers(settings.oidc_providers)
        ]
    )
