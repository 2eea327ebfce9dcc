"""What the search API returns."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class SearchHit(BaseModel):
    message_id: int
    conversation_id: int
    author_kind: str
    internal: bool
    language: str | None
    created_at: datetime
    snippet: str


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_cursor: str | None
