"""Events emitted by quality review."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from firstline.core.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class CsatAnswered(Event):
    """A customer rated a conversation, or changed their rating within the window."""

    type: ClassVar[str] = "csat.answered"
    conversation_id: int
    score: int
    previous: int | None  # the score it replaced; null on the first answer
    comment: str | None
    via: str  # chat or link
    agent_id: int | None
    team_id: int | None
    language: str
