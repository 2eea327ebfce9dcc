"""Events emitted by the flows domain (the bot rebuilds its runner on them)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from firstline.core.events import Event


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowSaved(Event):
    type: ClassVar[str] = "flow.saved"
    flow_id: str
    version: int


@dataclass(frozen=True, slots=True, kw_only=True)
class FlowDeleted(Event):
    type: ClassVar[str] = "flow.deleted"
    flow_id: str
