"""The chat widget's sessions and the settings of how customers prove who they are."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class ChatSession(Base):
    """One chat token handed to a widget. Only the token's SHA-256 is stored; the token
    expires after a day unused (the widget starts a new session on its next visit) and a month
    after it was made whatever its use, and an agent can revoke a customer's sessions."""

    __tablename__ = "chat_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # How the customer proved who they are: visitor (anonymous), token (a signed identity
    # token from the company's backend) or user_hash (the older HMAC of the user id).
    proof: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ChatIdentityNonce(Base):
    """The `jti` of identity tokens already used, kept until the token would have expired
    anyway, so that a captured token cannot open a second session."""

    __tablename__ = "chat_identity_nonces"

    jti: Mapped[str] = mapped_column(String(200), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class ChatIdentitySettings(Base):
    """How customers may prove who they are, one row (id 1), absent until an admin changes it:
    whether the older user_hash (which never expires) is still accepted."""

    __tablename__ = "chat_identity_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_hash_allowed: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
