"""Configuration, read once from the environment (``FIRSTLINE_*``) into one typed object."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///firstline.db"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FIRSTLINE_", extra="ignore")

    database_url: str = Field(
        default=DEFAULT_DATABASE_URL,
        description="SQLAlchemy URL: SQLite by default, postgresql+asyncpg://... to scale out.",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = Field(
        default=1_048_576, description="Largest request body accepted, in bytes (413 past it)."
    )
    db_pool_size: int = Field(default=10, description="PostgreSQL connection pool size.")
    log_level: str = "info"
    access_log: str | None = Field(
        default=None,
        pattern="^(json|off)$",
        description="json: one JSON line per request on stderr (request id, route, status, "
        "duration, agent); off: none. Unset: json under `serve --workers`, off otherwise.",
    )
    metrics_token: str | None = Field(
        default=None,
        description="Bearer token a Prometheus scraper sends to read /metrics (an admin's API "
        "token works too); without one, /metrics answers 404 (docs/operations.md).",
    )
    redis_url: str | None = Field(
        default=None,
        description="redis://host:port/db: live events cross server processes through Redis.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs cookies and chat tokens; generated once and kept in the database "
        "(encrypted, docs/security.md) when unset.",
    )
    secret_key_file: str | None = Field(
        default=None, description="A file holding secret_key (instead of the environment)."
    )
    widget_secret: str | None = Field(
        default=None,
        description="Key your backend signs customers' identity tokens with for the chat "
        "widget (JWT HS256, docs/widget.md); generated once and kept in the database "
        "(encrypted) when unset (`firstline widget secret`).",
    )
    widget_secret_file: str | None = Field(
        default=None, description="A file holding widget_secret (instead of the environment)."
    )
    jobs: bool = Field(
        default=True,
        description="Run the background jobs (SLA breaches, escalation climbs, routing) in "
        "this server process. Safe in every process at once; turn off to run them elsewhere "
        "(`firstline jobs run`).",
    )
    jobs_interval: float = Field(default=1.0, description="Seconds between two job passes.")
    public_url: str | None = Field(
        default=None,
        pattern=r"^https?://[^\s/]+(/[^\s]*)?$",
        description="Where customers reach this server (https://support.example.com): the "
        "links in mails (following a web-form request) start with it. Unset: mails carry no "
        "links.",
    )
    smtp_listen: str | None = Field(
        default=None,
        pattern=r"^\[?[0-9A-Za-z.:-]+\]?:[0-9]{1,5}$",
        description="HOST:PORT where `serve` accepts incoming mail for the mailboxes' "
        "addresses (SMTP; every worker listens on the shared port). Unset: no SMTP listener "
        "(docs/email.md).",
    )
    smtp_url: str | None = Field(
        default=None,
        description="smtp://[user:pass@]host:port (STARTTLS when the server offers it; "
        "smtps:// for TLS from the first byte) that replies go out through. Unset: replies "
        "wait in the outbox, queued (docs/email.md).",
    )
    smtp_hostname: str = Field(
        default="firstline.localhost",
        description="The name the SMTP listener greets with and outgoing Message-IDs carry "
        "when a mailbox's own domain cannot be used.",
    )
    mail_max_bytes: int = Field(
        default=25 * 1024 * 1024,
        description="Largest incoming mail accepted, attachments included (552 past it).",
    )
    attachment_max_bytes: int = Field(
        default=10 * 1024 * 1024,
        description="Largest single attachment, in or out (mail, widget, console).",
    )
    attachments_dir: str | None = Field(
        default=None,
        description="Folder where attachments are kept, by the SHA-256 of their bytes. Unset: "
        "`attachments` beside a SQLite database, else under the working directory.",
    )
    imap_poll_seconds: float = Field(
        default=30.0, description="How often each IMAP mailbox is asked for new mail."
    )
    mail_sender_per_hour: int = Field(
        default=30,
        description="New mails one sender address may bring in an hour before more are "
        "refused for a while (451 over SMTP): a mail storm does not bury the queue.",
    )
    mail_authserv_id: str | None = Field(
        default=None,
        description="The authserv-id of the Authentication-Results header your own mail "
        "server adds (SPF, DKIM, DMARC); results from any other id are ignored.",
    )
    queue_update_seconds: float = Field(
        default=5.0, description="How often waiting chat customers are told their place."
    )
    dashboard_cache_seconds: float = Field(
        default=2.0, description="How long one dashboard snapshot serves every supervisor."
    )
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (set it when serving over HTTPS)."
    )
    oidc_providers: str | None = Field(
        default=None,
        description="JSON list of OpenID Connect providers agents sign in with (slug, name, "
        "issuer, client_id, client_secret, allowed_domains, create_agents, role, sso_only...; "
        "docs/security.md, single sign-on).",
    )
    bot: bool = Field(
        default=True,
        description="The bot answers new chats first, from the knowledge base and the "
        "self-service flows, and hands over to people (docs/bot.md). Off: chats go straight "
        "to the queue.",
    )
    llm_base_url: str | None = Field(
        default=None,
        description="An OpenAI-compatible chat-completions endpoint (http://host:port/v1); "
        "when set, the bot phrases answers from the retrieved articles with it.",
    )
    llm_model: str = Field(default="default", description="The model name sent to the LLM.")
    llm_api_key: str | None = Field(default=None, description="Bearer key for the LLM, if any.")
    llm_timeout: float = Field(
        default=2.5,
        description="Seconds to wait for a generated answer before answering extractively.",
    )
    demo_backoffice: bool = Field(
        default=False,
        description="Serve the demo backoffice at /demo-backoffice (`firstline demo` does), "
        "with made-up accounts, so the self-service flows work out of the box. Never in "
        "production: it shows one-time codes at /demo-backoffice/outbox.",
    )
    backoffice_url: str | None = Field(
        default=None,
        description="Base URL of your backoffice; flow actions POST to {url}/{action} "
        "(docs/flows.md). Unset: flows that need it hand over to a person.",
    )
    backoffice_secret: str | None = Field(
        default=None,
        description="Key that signs backoffice calls (HMAC-SHA256 over the method, action, "
        "timestamp, nonce and body; docs/flows.md).",
    )
    backoffice_secret_file: str | None = Field(
        default=None,
        description="A file holding backoffice_secret (instead of the environment).",
    )
    backoffice_timeout: float = Field(
        default=3.0, description="Seconds to wait for the backoffice before handing over."
    )
    recovery_chains: str | None = Field(
        default=None,
        description='JSON: network -> {"rpc_url", "confirmations", "block_seconds", '
        '"timeout"}. EVM networks with an rpc_url are read live (firstline[chains]); '
        "docs/recovery.md.",
    )
    recovery_recorded: str | None = Field(
        default=None,
        description="Recorded chain data files (JSON, separated by the path separator) for "
        "networks without a live adapter.",
    )
    # Agents' sign-in (agents/sessions.py, agents/throttle.py; docs/security.md).
    session_idle_minutes: float = Field(
        default=30, gt=0, description="A console session ends after this long without a request."
    )
    session_hours: float = Field(
        default=12, gt=0, description="A console session ends this long after sign-in, always."
    )
    sign_in_window_minutes: float = Field(
        default=15, gt=0, description="The window the sign-in throttles count failures over."
    )
    sign_in_failures_per_address: int = Field(
        default=30, ge=1, description="Failed sign-ins one address may make in the window."
    )
    sign_in_failures_per_account: int = Field(
        default=10,
        ge=1,
        description="Failed sign-ins to one account, from browsers that never signed in to it, "
        "in the window; its own browsers are not held back.",
    )
    password_workers: int | None = Field(
        default=None, ge=1, description="Threads checking passwords (argon2); default: cores."
    )
    password_queue: int | None = Field(
        default=None,
        ge=0,
        description="Password checks that may wait for a thread before sign-ins are refused "
        "with 503 (default: four per thread).",
    )
    # The managers' front-line rotation (learning/rotation.py, docs/learning.md).
    rotation_min_hours: float = Field(
        default=2.0, ge=0, description="Front-line hours a manager owes each quarter, at least."
    )
    rotation_max_hours: float = Field(
        default=6.0, ge=0, description="Front-line hours a quarter beyond which it is too many."
    )
    rotation_full_day_hours: float = Field(
        default=6.0, gt=0, description="Hours on the front line that make a manager's full day."
    )
    # The server's edges (web/edges.py, docs/security.md "Robust edges").
    header_timeout: float = Field(
        default=10.0,
        description="Seconds a client has to send a request's headers (408 and closed past it).",
    )
    max_header_bytes: int = Field(
        default=65_536, description="Largest request head accepted, in bytes (431 past it)."
    )
    body_timeout: float = Field(
        default=10.0,
        description="Seconds of grace for a request body, after which it must keep arriving "
        "at body_min_rate (408 otherwise).",
    )
    body_min_rate: int = Field(
        default=4096, description="Slowest accepted request body, in bytes per second."
    )
    keep_alive_timeout: float = Field(
        default=5.0, description="Seconds an idle keep-alive connection stays open."
    )
    max_connections_per_address: int = Field(
        default=100,
        description="Connections (and requests in flight) one client address may hold at once "
        "in each server process; 0: no cap. Behind a proxy, set trusted_proxies.",
    )
    max_websockets_per_address: int = Field(
        default=50,
        description="Live WebSockets one client address may hold in each server process; 0: no "
        "cap. Carrier NAT puts many customers behind one address: keep it generous.",
    )
    ws_max_bytes: int = Field(
        default=65_536, description="Largest WebSocket frame or message accepted, in bytes."
    )
    ws_messages_per_second: float = Field(
        default=5.0,
        description="Messages a client may send on one WebSocket per second on average (bursts "
        "of four times that); past it the socket is closed (1008).",
    )
    trusted_proxies: str | None = Field(
        default=None,
        description="Comma-separated addresses of your reverse proxies: X-Forwarded-For and "
        "X-Forwarded-Proto are believed only from them. Unset: never.",
    )
    hsts_seconds: int = Field(
        default=31_536_000,
        description="Strict-Transport-Security max-age sent on responses served over HTTPS "
        "(directly or as X-Forwarded-Proto from a trusted proxy); 0: not sent.",
    )
    chat_frame_ancestors: str = Field(
        default="*",
        description="Sites allowed to frame the chat page (the CSP frame-ancestors list), e.g. "
        "'https://www.example.com'; the default lets any site embed the widget.",
    )
    redis_timeout: float = Field(
        default=0.25,
        description="Seconds one Redis call may take before it counts as a failure (the "
        "circuit breaker opens after a few and stops calling Redis for a while).",
    )

    @model_validator(mode="after")
    def _keys_from_files(self) -> Settings:
        # FIRSTLINE_<KEY>_FILE keeps a key out of the environment (and `ps`): read it once here.
        for name in ("secret_key", "widget_secret", "backoffice_secret"):
            if not getattr(self, name):
                path = getattr(self, name + "_file")
                if path:
                    try:
                        value = Path(path).read_text().strip()
                    except OSError as exc:
                        raise ValueError(f"cannot read {name}_file {path}: {exc}") from None
                    setattr(self, name, value or None)
        return self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
