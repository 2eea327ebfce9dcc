"""What the API accepts and returns for customers."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from firstline.core.types import Email, Name

ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class CustomerIn(BaseModel):
    """A customer as the company's product knows them. Fields left out are left unchanged."""

    model_config = ConfigDict(extra="forbid")

    external_id: ExternalId = Field(description="The customer's id in your product.")
    name: Name | None = None
    email: Email | None = None
    locale: Annotated[str, StringConstraints(strip_whitespace=True, max_length=35)] | None = Field(
        default=None, description="Locale from the customer's app or browser, e.g. vi-VN."
    )
    tier: (
        Annotated[
            str,
            StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[a-z0-9_-]{1,32}$"),
        ]
        | None
    ) = Field(default=None, description="Account tier, e.g. regular, vip1 ... vip9.")
    region: ShortText | None = None


class CustomerSummary(BaseModel):
    id: int
    external_id: str
    name: str | None
    language: str | None
    tier: str | None


class CustomerOut(BaseModel):
    id: int
    external_id: str
    name: str | None
    email: str | None
    locale: str | None
    language: str | None
    tier: str | None
    region: str | None
    created_at: datetime
    updated_at: datetime
    erased_at: datetime | None = Field(
        default=None, description="When the person was erased (the row keeps the statistics)."
    )
