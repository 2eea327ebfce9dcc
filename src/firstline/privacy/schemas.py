"""What the privacy endpoints accept and return."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from firstline.core.types import Email, Name


class CustomerUpdate(BaseModel):
    """Profile fields to change; fields left out stay as they are."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    email: Email | None = None
    locale: Annotated[str, StringConstraints(strip_whitespace=True, max_length=35)] | None = None
    tier: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z0-9_-]{1,32}$"),
        ]
        | None
    ) = None
    region: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = None


class EraseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    confirm: Annotated[str, StringConstraints(strip_whitespace=True, max_length=128)] = Field(
        description="The customer's id or external id, typed by whoever erases them."
    )


class ErasureOut(BaseModel):
    customer_id: int
    already_erased: bool = Field(description="True when an earlier erasure had done it all.")
    conversations: int
    messages: int
    recovery_cases: int


class RetentionOut(BaseModel):
    erase_inactive_days: int | None = Field(
        description="Customers not heard from for this many days are erased; null: never."
    )
    batch: int = Field(description="At most this many customers per job batch.")


class RetentionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    erase_inactive_days: int | None = Field(default=None, ge=30, le=36_500)
    batch: int | None = Field(default=None, ge=1, le=1000)


class CustomerExport(BaseModel):
    """Everything stored about one customer (docs/security.md, "Privacy", says what each part
    holds). Records are given with every stored field, so they are documented loosely."""

    format: str = Field(description="firstline.customer-export.v1")
    exported_at: datetime
    customer: dict[str, Any] = Field(description="Every stored field of the profile.")
    conversations: list[dict[str, Any]] = Field(
        description="Each conversation's fields with its messages, bot_session, escalations, "
        "mails, attachments (listed with their URL, not inlined) and audit entries."
    )
    recovery_cases: list[dict[str, Any]] = Field(
        description="Each recovery case's fields with its audit entries."
    )
    chat_sessions: list[dict[str, Any]] = Field(
        description="The customer's chat sessions: when each began, was last used, expires or "
        "was revoked (never the token)."
    )
    audit: list[dict[str, Any]] = Field(description="Audit entries about the customer.")
