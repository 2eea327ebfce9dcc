"""What /api/v1 answers about the bot (the routes build dicts; these document them)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class TakeOverOut(BaseModel):
    id: int = Field(description="The conversation.")
    status: Literal["open"]
    assignee_id: int = Field(description="You.")


class BotReport(BaseModel):
    since: datetime
    conversations: int = Field(description="Bot conversations that ended since `since`.")
    resolved_by_bot: int
    handed_over: int
    resolution_rate: float | None = Field(description="Resolved / ended; null when none ended.")
    handover_reasons: dict[str, int] = Field(description="Handovers by reason, most first.")
