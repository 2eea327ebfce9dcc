"""The identity providers agents may sign in with, from FIRSTLINE_OIDC_PROVIDERS (a JSON list,
docs/security.md). They live in the environment, client secrets included, rather than in a
table an admin edits: a secret kept in the database would need the encrypted-secret store,
and a provider is configured once per deployment, next to its other keys."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from firstline.core.i18n import t

# RFC 8176 methods that are a second factor by themselves, or "mfa" said outright.
DEFAULT_MFA_AMR = ("mfa", "otp", "hwk", "sc")


class Provider(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$", description="Its part of the URLs.")
    name: str = Field(min_length=1, max_length=80, description='Shown as "Sign in with <name>".')
    issuer: str = Field(pattern=r"^https?://", max_length=500)
    client_id: str = Field(min_length=1, max_length=500)
    client_secret: str | None = Field(default=None, max_length=2000)
    scopes: tuple[str, ...] = ("openid", "email", "profile")
    # The callback URL registered at the provider; by default this server's own
    # /console/sso/callback as the request reached it.
    redirect_uri: str | None = Field(default=None, pattern=r"^https?://")
    # Lower-case e-mail domains allowed to sign in (empty: any).
    allowed_domains: tuple[str, ...] = ()
    # Create an agent on first sign-in when none has the e-mail (off: the agent must exist).
    create_agents: bool = False
    role: str = "agent"
    # Refuse password sign-in for e-mails of allowed_domains: only this provider signs them in.
    sso_only: bool = False
    # Accept an e-mail the provider does not mark email_verified (Entra ID never sends it).
    trust_email: bool = False
    mfa_amr: tuple[str, ...] = DEFAULT_MFA_AMR
    mfa_acr: tuple[str, ...] = ()

    def allows(self, email: str) -> bool:
        domain = email.rpartition("@")[2].lower()
        return not self.allowed_domains or domain in {d.lower() for d in self.allowed_domains}

    def asserted_mfa(self, claims: dict[str, object]) -> bool:
        amr = claims.get("amr")
        methods = {str(m) for m in amr} if isinstance(amr, list) else set()
        return bool(methods & set(self.mfa_amr)) or str(claims.get("acr", "")) in self.mfa_acr

    def sso_only_sentence(self, email: str, language: str) -> str:
        domain = email.rpartition("@")[2].lower()
        return t("sso.sso_only", language, domain=domain, provider=self.name)


class ProviderConfigError(ValueError):
    """FIRSTLINE_OIDC_PROVIDERS does not parse; raised when the server starts."""


_PROVIDERS = TypeAdapter(list[Provider])


@lru_cache(maxsize=4)
def parse_providers(text: str | None) -> tuple[Provider, ...]:
    if not text or not text.strip():
        return ()
    try:
        providers = tuple(_PROVIDERS.validate_json(text))
    except ValidationError as exc:
        raise ProviderConfigError(f"FIRSTLINE_OIDC_PROVIDERS is not valid: {exc}") from None
    slugs = [p.slug for p in providers]
    if len(set(slugs)) != len(slugs):
        raise ProviderConfigError("FIRSTLINE_OIDC_PROVIDERS names a slug twice.")
    return providers


def sso_only_provider(providers: tuple[Provider, ...], email: str) -> Provider | None:
    """The provider that alone may sign in `email`, when one is set to be the only way."""
    for provider in providers:
        if provider.sso_only and provider.allowed_domains and provider.allows(email):
            return provider
    return None


def sign_in_buttons(providers: tuple[Provider, ...], language: str) -> list[dict[str, str]]:
    """The sign-in page's buttons: each provider's slug and "Sign in with <name>"."""
    return [
        {"slug": p.slug, "label": t("sso.button", language, provider=p.name)} for p in providers
    ]
