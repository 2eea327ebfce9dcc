"""The audit log as the API shows it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class AuditEntryOut(BaseModel):
    id: int
    at: datetime
    actor_kind: str = Field(description="agent, customer or system")
    actor_agent_id: int | None
    actor_name: str | None = Field(description="The acting agent's name, when an agent acted.")
    action: str = Field(description="What happened, as a dotted code (agent.updated).")
    entity_type: str
    entity_id: int
    data: dict[str, Any]
    prev_hash: str | None = Field(description="The previous entry's hash; null for the first.")
    hash: str = Field(description="SHA-256 over this entry and prev_hash (hex).")


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    next_cursor: str | None
