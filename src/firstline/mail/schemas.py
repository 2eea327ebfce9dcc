"""Mailbox and mail shapes in and out."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from firstline.core.language import normalize_locale
from firstline.core.types import Email, LanguageCode, Name, RecordId, Slug

Signature = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Folder = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Host = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=253,
                      pattern=r"^[A-Za-z0-9.\-:\[\]]+$"),
]  # fmt: skip


class ImapSecurity(StrEnum):
    tls = "tls"
    starttls = "starttls"
    none = "none"


class ImapIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: Host
    port: int = Field(default=993, ge=1, le=65535)
    security: ImapSecurity = ImapSecurity.tls
    user: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=500)] | None = Field(
        default=None,
        description="Kept encrypted; never shown again. Leave out on an update to keep it.",
    )
    folder: Folder = "INBOX"
    move_to: Folder | None = Field(
        default=None,
        description="Folder a fetched mail is moved to; without one it is marked \\Seen.",
    )


def _one_signature(value: object) -> object:
    """A single signature for every language: the English one, which every language falls
    back to."""
    return {"en": value} if isinstance(value, str) else value


def _signatures(value: dict[str, str] | None) -> dict[str, str] | None:
    if value is None:
        return None
    out: dict[str, str] = {}
    for key, text in value.items():
        language = normalize_locale(key)
        if language is None:
            raise ValueError(f"{key!r} is not a language this product serves")
        out[language] = text
    return out


class MailboxCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: Email = Field(description="The support address, e.g. support@example.com.")
    name: Name | None = Field(
        default=None,
        validation_alias=AliasChoices("name", "display_name"),
        description="The sender name replies carry (also accepted as `display_name`).",
    )
    team_id: RecordId | None = Field(
        default=None, description="The team its new conversations go to (else routing's rules)."
    )
    product: Slug | None = None
    language: LanguageCode | None = Field(
        default=None, description="The language of a mail too short to tell."
    )
    signatures: dict[str, Signature] = Field(
        default_factory=dict, max_length=20,
        validation_alias=AliasChoices("signatures", "signature"),
        description="Signature per language ({\"en\": \"...\", \"vi\": \"...\"}; also "
        "accepted as `signature`).",
    )  # fmt: skip
    acknowledge: bool = Field(
        default=True, description="Acknowledge each new request by mail, with its reference."
    )
    active: bool = True
    imap: ImapIn | None = Field(default=None, description="Fetch this mailbox's mail by IMAP.")

    _check_signatures = field_validator("signatures")(_signatures)
    _one = field_validator("signatures", mode="before")(_one_signature)


class MailboxUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    address: Email | None = None
    name: Name | None = Field(default=None, validation_alias=AliasChoices("name", "display_name"))
    team_id: RecordId | None = None
    product: Slug | None = None
    language: LanguageCode | None = None
    signatures: dict[str, Signature] | None = Field(
        default=None, max_length=20, validation_alias=AliasChoices("signatures", "signature")
    )
    acknowledge: bool | None = None
    active: bool | None = None
    imap: ImapIn | None = None

    _check_signatures = field_validator("signatures")(_signatures)
    _one = field_validator("signatures", mode="before")(_one_signature)


class ImapOut(BaseModel):
    host: str
    port: int
    security: str
    user: str
    folder: str
    move_to: str | None
    password_set: bool
    checked_at: datetime | None
    error: str | None


class MailboxOut(BaseModel):
    id: int
    address: str
    name: str | None
    display_name: str | None = Field(description="The same as `name`.")
    team_id: int | None
    product: str | None
    language: str | None
    signatures: dict[str, str]
    acknowledge: bool
    active: bool
    imap: ImapOut | None
    created_at: datetime
    updated_at: datetime


class MailOut(BaseModel):
    """A mail beside a message: where it came from or went, and how its sending goes."""

    id: int
    direction: str = Field(description="in or out.")
    state: str = Field(description="received, ignored, queued, sent, failed or bounced.")
    rfc_message_id: str = Field(
        description="The mail's Message-ID (without <>): fixed when the reply is saved, the same "
        "on every attempt."
    )
    message_id: int | None
    from_address: str
    to_address: str
    subject: str
    error: str | None = Field(description="What the mail server answered to a failed attempt.")
    auth: dict[str, Any] | None = Field(
        description="In: what the receiving server said of SPF, DKIM and DMARC, and whether "
        "the address belongs to a known customer."
    )
    has_html: bool
    quoted: str | None = Field(description="The quoted history and signature, folded away.")
    created_at: datetime
    sent_at: datetime | None


class MailDetail(MailOut):
    html: str | None = Field(description="The mail's HTML, sanitized; cid: images point at the "
                             "attachments' URLs.")  # fmt: skip


class AttachmentOut(BaseModel):
    id: int
    message_id: int | None
    filename: str
    content_type: str
    size: int
    inline: bool
    url: str
