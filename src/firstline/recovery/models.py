"""The recovery desk's tables: cases, the support matrix, the fee policy.

Money in the reference currency is kept in cents (integers, exact and summable on SQLite and
PostgreSQL alike); token amounts as decimal strings, since their precision (18 places on EVM
chains) is more than any SQL number type holds the same way everywhere.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class State(StrEnum):
    submitted = "submitted"  # received; the diagnosis could not finish and waits for a person
    diagnosing = "diagnosing"  # the team reviews it (conditional path, or inconclusive)
    awaiting_customer = "awaiting_customer"  # the fee to accept, or details to give
    approved = "approved"
    recovering = "recovering"
    credited = "credited"
    rejected = "rejected"


OPEN_STATES = frozenset(State) - {State.credited, State.rejected}


class RecoveryCase(Base):
    __tablename__ = "recovery_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # The customer's link to the case (help center, chat): unguessable, unlike the id.
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"))
    conversation_id: Mapped[int | None] = mapped_column(
        ForeignKey("conversations.id", ondelete="SET NULL")
    )
    # The team that works the case (the policy's recovery team when it was opened): agents
    # without recovery.read_all see their teams' cases and those no team holds.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    applicant_user_id: Mapped[str | None] = mapped_column(String(128))
    applicant_email: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(16))  # bot, help_center, api

    # What the customer said.
    network: Mapped[str] = mapped_column(String(16))
    token: Mapped[str] = mapped_column(String(16))
    tx_hash: Mapped[str] = mapped_column(String(128))
    amount: Mapped[str | None] = mapped_column(String(48))
    address: Mapped[str] = mapped_column(String(128))
    memo: Mapped[str | None] = mapped_column(String(100))

    # What the diagnosis found.
    cause: Mapped[str] = mapped_column(String(24))
    eligible: Mapped[bool | None] = mapped_column(Boolean)
    path: Mapped[str | None] = mapped_column(String(16))
    found_network: Mapped[str] = mapped_column(String(16))
    found_token: Mapped[str] = mapped_column(String(16))
    contract: Mapped[str | None] = mapped_column(String(128))
    chain_amount: Mapped[str | None] = mapped_column(String(48))
    value_cents: Mapped[int | None] = mapped_column(BigInteger)
    advice: Mapped[str | None] = mapped_column(String(24))
    wait_seconds: Mapped[int | None] = mapped_column(Integer)
    diagnosis: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # notes, credit
    diagnosed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    # The fee: quoted at diagnosis, accepted by the customer, charged when credited.
    fee_currency: Mapped[str] = mapped_column(String(8))
    fee_cents: Mapped[int | None] = mapped_column(BigInteger)
    fee_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    fee_charged_cents: Mapped[int | None] = mapped_column(BigInteger)
    recovered_amount: Mapped[str | None] = mapped_column(String(48))
    recovered_value_cents: Mapped[int | None] = mapped_column(BigInteger)

    state: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str | None] = mapped_column(String(32))  # why rejected (a cause, or other)
    note: Mapped[str | None] = mapped_column(Text)  # the team's word to the customer
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the team's SLA clock
    assignee_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        # The queue: a state's cases by id (keyset pages), and the overdue ones.
        Index("ix_recovery_cases_state", "state", "id"),
        # A team's queue (agents without recovery.read_all), by id.
        Index("ix_recovery_cases_team", "team_id", "id"),
        # Cases on an SLA clock (open, not waiting for the customer), for `overdue`.
        Index(
            "ix_recovery_cases_clock",
            "id",
            "due_at",
            sqlite_where=text("due_at IS NOT NULL"),
            postgresql_where=text("due_at IS NOT NULL"),
        ),
        Index("ix_recovery_cases_cause", "cause", "id"),
        Index("ix_recovery_cases_network_state", "found_network", "state", "id"),
        Index("ix_recovery_cases_created", "created_at"),
        Index("ix_recovery_cases_tx", "tx_hash"),
        # One open case per transaction, whatever races: two would be two recoveries.
        Index(
            "uq_recovery_cases_open_tx",
            "network",
            "tx_hash",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
        Index("ix_recovery_cases_customer", "customer_id", "id"),
        Index("ix_recovery_cases_conversation", "conversation_id"),
    )


class RecoveryAsset(Base):
    """One row of the support matrix (see rules.AssetRule)."""

    __tablename__ = "recovery_assets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # network:contract for a token, network:TOKEN for a coin, network:* for the rest.
    key: Mapped[str] = mapped_column(String(160), unique=True)
    network: Mapped[str] = mapped_column(String(16))
    token: Mapped[str] = mapped_column(String(16))
    contract: Mapped[str | None] = mapped_column(String(128))
    listed: Mapped[bool] = mapped_column(Boolean)
    path: Mapped[str] = mapped_column(String(16))
    decimals: Mapped[int | None] = mapped_column(Integer)
    min_deposit: Mapped[str | None] = mapped_column(String(48))
    price: Mapped[str | None] = mapped_column(String(48))
    may_be_listed: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RecoveryPolicy(Base):
    """The fee and SLA policy: one row (id 1); the defaults of rules.FeePolicy until saved."""

    __tablename__ = "recovery_policy"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fee_percent: Mapped[str] = mapped_column(String(16))
    fee_minimum: Mapped[str] = mapped_column(String(24))
    fee_maximum: Mapped[str] = mapped_column(String(24))
    currency: Mapped[str] = mapped_column(String(8))
    wait_below: Mapped[str] = mapped_column(String(24))
    sla_hours: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    # The team new cases go to (null: no team; every agent with recovery.work sees them).
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
