"""The tables of agents' sign-in beyond the password: two-factor seeds, recovery codes, and
the failed sign-ins the throttles count (agents/throttle.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class AgentTwoFactor(Base):
    """An agent's TOTP seed (RFC 6238), stored encrypted. Until `confirmed_at` the agent is
    enrolling: the seed was shown but no code from it has been entered yet, and sign-in does
    not ask for it."""

    __tablename__ = "agent_two_factor"

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    secret: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The 30-second step of the last code accepted: a code is good once (RFC 6238 5.2).
    last_step: Mapped[int | None] = mapped_column(Integer)


class AgentRecoveryCode(Base):
    """A single-use code that stands in for the authenticator app; only its SHA-256 is kept
    (the codes carry 50 random bits each and are tried against one account at a time, behind
    the sign-in throttles)."""

    __tablename__ = "agent_recovery_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SignInFailure(Base):
    """One refused password or code. `account` is the SHA-256 of the e-mail typed (known or
    not), so that the table never holds an address nobody has; rows older than the throttles'
    window are deleted as new ones come."""

    __tablename__ = "sign_in_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    address: Mapped[str] = mapped_column(String(64))
    account: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_sign_in_failures_address", "address", "occurred_at"),
        Index("ix_sign_in_failures_account", "account", "occurred_at"),
    )
