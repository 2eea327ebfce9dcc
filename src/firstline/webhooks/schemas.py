"""Webhook shapes in and out."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(max_length=2000, description="http(s) URL that receives the POSTs.")
    events: list[str] = Field(
        max_length=50, description='Event types to send (GET /api/v1/webhooks/events), or ["*"].'
    )
    active: bool = True


class WebhookUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str | None = Field(default=None, max_length=2000)
    events: list[str] | None = Field(default=None, max_length=50)
    active: bool | None = None


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    active: bool
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="whsec_...: shown here and on rotation only.")


class DeliveryOut(BaseModel):
    id: int
    msg_id: str | None
    type: str | None
    state: str = Field(description="pending, delivered, failed or cancelled.")
    sending: bool = Field(
        description="An attempt is on its way now: `attempts` counts it, while `status_code` "
        "and `error` are still the previous attempt's (none on the first)."
    )
    attempts: int
    status_code: int | None
    error: str | None
    created_at: datetime
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    finished_at: datetime | None


class DeliveryPage(BaseModel):
    items: list[DeliveryOut]
    next_cursor: str | None


class TestQueued(BaseModel):
    msg_id: str = Field(description="The webhook-id header the test delivery will carry.")
