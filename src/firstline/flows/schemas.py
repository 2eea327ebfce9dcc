"""What /api/v1/flows answers about a flow (the route builds dicts; these document them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field


class FlowOut(BaseModel):
    id: str
    title: dict[str, str] = Field(description="The title in each language, by language code.")
    source: Literal["builtin", "custom"] = Field(
        description="`custom` for a definition an admin stored."
    )
    overrides_builtin: bool
    version: int | None = Field(description="Custom definitions only: how often it was saved.")
    updated_at: datetime | None
    updated_by_agent_id: int | None
    intents: list[str] = Field(description="The customer intents that start the flow.")
    languages: list[str] = Field(description="The languages every text of the flow is in.")
    steps: int
    enabled: bool = Field(description="Whether anything starts the flow; off keeps it stored.")


class FlowDetail(FlowOut):
    definition: dict[str, Any] = Field(description="The definition (docs/flows.md).")
