"""Single sign-on with OpenID Connect: agents sign in to the console at their company's
identity provider (Keycloak, Okta, Microsoft Entra ID, Google...).

- config.py: the providers, configured in the environment (FIRSTLINE_OIDC_PROVIDERS);
- oidc.py: the relying party (discovery, PKCE, code exchange, ID token checks against the
  provider's keys);
- models.py / actions.py: which agent an identity at a provider is, and the audit trail.
"""
