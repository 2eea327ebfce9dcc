"""Configuration, read once from the environment (``FIRSTLINE_*``) into one typed object."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
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
        description="Signs cookies; generated once and kept in the database when unset.",
    )
    widget_secret: str | None = Field(
        default=None,
        description="Key your backend signs user ids with for the chat widget (HMAC-SHA256); "
        "generated once and kept in the database when unset (`firstline widget secret`).",
    )
    jobs: bool = Field(
        default=True,
        description="Run the background jobs (SLA breaches, escalation climbs, routing) in "
        "this server process. Safe in every process at once; turn off to run them elsewhere "
        "(`firstline jobs run`).",
    )
    jobs_interval: float = Field(default=1.0, description="Seconds between two job passes.")
    queue_update_seconds: float = Field(
        default=5.0, description="How often waiting chat customers are told their place."
    )
    dashboard_cache_seconds: float = Field(
        default=2.0, description="How long one dashboard snapshot serves every supervisor."
    )
    secure_cookies: bool = Field(
        default=False, description="Mark cookies Secure (set it when serving over HTTPS)."
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
        default=None, description="Key that signs backoffice calls (HMAC-SHA256)."
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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
