"""What the chat widget's API (/chat/api) answers (web/chat.py builds dicts; these document
them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class ChatMessage(BaseModel):
    """A message as the customer sees it: never an internal note."""

    id: int
    conversation_id: int
    author_kind: str = Field(description="customer, agent, bot or system.")
    body: str
    created_at: datetime
    client_id: str | None
    meta: dict[str, Any] | None = Field(
        description="The bot's extras: `options` (answers to pick), `article` (the cited one)."
    )


class ChatConversation(BaseModel):
    id: int
    status: str


class ChatSession(BaseModel):
    token: str = Field(description="Send it as X-Chat-Token with the other chat requests.")
    visitor: str | None = Field(description="The signed visitor id of an anonymous customer.")
    language: str
    rtl: bool = Field(description="Whether the language is written right to left.")
    catalog: dict[str, str] = Field(
        description="The widget's texts in `language`: the chat message catalog, ICU "
        "MessageFormat patterns by name (English filling any gap)."
    )
    strings: dict[str, str] = Field(
        description="The same texts under their former name; deprecated, read `catalog`.",
        json_schema_extra={"deprecated": True},
    )
    conversation: ChatConversation | None = Field(description="The latest conversation.")
    messages: list[ChatMessage] = Field(description="Recent messages, oldest first.")
    max_chars: int = Field(description="The longest message the chat takes.")


class ChatHistory(BaseModel):
    items: list[ChatMessage]


class ChatSent(BaseModel):
    message: ChatMessage
    replies: list[ChatMessage] = Field(description="What the bot or the system answered at once.")
    acknowledgement: ChatMessage | None = Field(
        default=None, description="Only on a new conversation: the queue's first sentence."
    )
