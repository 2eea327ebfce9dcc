"""Events emitted by the bot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from firstline.core.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class BotSessionEnded(Event):
    """The bot's part of a conversation ended: it settled it, or handed over (and why)."""

    type: ClassVar[str] = "bot.session_ended"
    conversation_id: int
    outcome: str
    reason: str | None
