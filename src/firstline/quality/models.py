"""What quality review stores: the customer's rating of a conversation (CSAT), the automatic
checks run on every conversation, and the reviews: scorecards, sampling rules, the review
queue, reviews with their disputes, calibrations."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class CsatAnswer(Base):
    """One per conversation: written when the customer is first asked (on resolution), then
    answered. The agent, team, language, product and channel are those of the conversation
    when it was asked, so that a later re-assignment does not move the rating to somebody
    who did not earn it.

    The first answer opens a window in which the customer may change it (`final_at`); after
    it the answer is final."""

    __tablename__ = "csat_answers"

    conversation_id: Mapped[int] = mapped_column(
        ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True
    )
    customer_id: Mapped[int] = mapped_column(Integer)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    product: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(16))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    score: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
    # How it was answered: the chat ("chat") or a signed link ("link").
    via: Mapped[str | None] = mapped_column(String(8))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    final_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("ix_csat_answers_agent", "agent_id", "first_answered_at"),
        Index("ix_csat_answers_answered", "first_answered_at"),
    )


class QaCheck(Base):
    """The outcome of one automatic check on one conversation. A failure keeps the first
    message that failed it (`message_id`) and says why (`detail`); a later pass does not
    hide it, since what the customer read cannot be unsent."""

    __tablename__ = "qa_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    passed: Mapped[bool] = mapped_column(Boolean)
    # No foreign key: the evidence survives a message's erasure as a number, and the check
    # row is not rewritten for it.
    message_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("conversation_id", "name", name="uq_qa_checks_conversation_name"),
        Index("ix_qa_checks_name", "name", "passed", "checked_at"),
    )


class QualitySettings(Base):
    """The deployment's quality settings, one row (id 1), absent until an admin sets them
    (quality/rules.py has the defaults)."""

    __tablename__ = "quality_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    csat_enabled: Mapped[bool] = mapped_column(Boolean)
    # What a score of 1 or 2 does: "flag" tags the conversation, "reopen" also reopens it
    # for a person, "none" only records it.
    csat_low_action: Mapped[str] = mapped_column(String(8))
    csat_change_minutes: Mapped[int] = mapped_column(Integer)
    csat_link_days: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Scorecard(Base):
    """What reviewers score conversations against. Its criteria live in versions: a change
    makes a new version, and every review keeps the version it was scored with, so an old
    score keeps its meaning."""

    __tablename__ = "qa_scorecards"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version_id: Mapped[int | None] = mapped_column(Integer)  # the current version
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ScorecardVersion(Base):
    """One version of a scorecard's criteria (quality/scoring.py reads them): each with a key,
    names and descriptions per language, a weight, a scale (pass_fail or 1-5), whether N/A is
    allowed, and whether failing it zeroes the whole score (critical)."""

    __tablename__ = "qa_scorecard_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecards.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    criteria: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("scorecard_id", "version", name="uq_qa_scorecard_versions_version"),
    )


class SamplingRule(Base):
    """A rule that puts conversations into the review queue when they are resolved (or
    rated): a random share (`percent`) of one team's or agent's, or every conversation with
    a trigger (a low rating, an escalation, a bot hand-over, a reopen, an SLA breach, money at
    risk, a failed automatic check; `check` narrows the last to one check)."""

    __tablename__ = "qa_sampling_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    trigger: Mapped[str] = mapped_column(String(24))
    percent: Mapped[float | None] = mapped_column(Float)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    check: Mapped[str | None] = mapped_column("check_name", String(40))
    scorecard_id: Mapped[int | None] = mapped_column(
        ForeignKey("qa_scorecards.id", ondelete="SET NULL")
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ReviewAssignment(Base):
    """A conversation in a reviewer's queue: why it was picked (`reason`, the rule), for whom
    (the agent reviewed), and whether it is done. A calibration's assignments carry its id."""

    __tablename__ = "qa_assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    # None: no reviewer was free (every one is the agent reviewed); supervisors assign it.
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("qa_sampling_rules.id", ondelete="SET NULL")
    )
    reason: Mapped[str] = mapped_column(String(24))
    # 0 for the queue; a calibration's id (so the same reviewer may score a conversation in
    # the queue and in a calibration, and nowhere twice).
    calibration_id: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(12), default="pending")  # pending, done
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint(
            "conversation_id", "reviewer_id", "calibration_id", name="uq_qa_assignments_review"
        ),
        Index("ix_qa_assignments_reviewer", "reviewer_id", "state", "id"),
        Index("ix_qa_assignments_state", "state", "id"),
        Index("ix_qa_assignments_conversation", "conversation_id"),
    )


class Review(Base):
    """A reviewer's scores of one conversation against one scorecard version: the answers per
    criterion, the weighted score (0-100, zero when a critical criterion failed), comments on
    the whole and on single messages; then the agent's acknowledgement or one dispute, and the
    supervisor's decision on it."""

    __tablename__ = "qa_reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    assignment_id: Mapped[int | None] = mapped_column(Integer)
    calibration_id: Mapped[int | None] = mapped_column(Integer)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    team_id: Mapped[int | None] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    product: Mapped[str | None] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(16))
    scorecard_version_id: Mapped[int] = mapped_column(
        ForeignKey("qa_scorecard_versions.id", ondelete="RESTRICT")
    )
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    score: Mapped[float] = mapped_column(Float)
    critical_failed: Mapped[bool] = mapped_column(Boolean)
    comment: Mapped[str] = mapped_column(Text, default="")
    message_comments: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    dispute_reason: Mapped[str | None] = mapped_column(Text)
    disputed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # open, upheld (the score stands), changed (the supervisor rescored it)
    dispute_state: Mapped[str | None] = mapped_column(String(8))
    settled_by: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    settle_comment: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index("ix_qa_reviews_agent", "agent_id", "id"),
        Index("ix_qa_reviews_conversation", "conversation_id", "id"),
        Index("ix_qa_reviews_calibration", "calibration_id"),
        Index("ix_qa_reviews_created", "created_at"),
    )


class Calibration(Base):
    """Several reviewers scoring the same conversations blind, to see how far apart they
    are: until every one has scored, none sees the others' scores."""

    __tablename__ = "qa_calibrations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("qa_scorecards.id", ondelete="CASCADE"))
    scorecard_version_id: Mapped[int] = mapped_column(Integer)
    conversation_ids: Mapped[list[int]] = mapped_column(JSON)
    reviewer_ids: Mapped[list[int]] = mapped_column(JSON)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class QaDaily(Base):
    """The report's summary: per UTC day and per agent, team, language, product and channel,
    the counts that ratings, reviews and checks add as they happen (quality/summary.py), so a
    report over months reads a few thousand rows whatever the number of conversations.
    0 and '' stand for none (a key column cannot be null)."""

    __tablename__ = "qa_daily"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)  # YYYY-MM-DD
    agent_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    product: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    csat_asked: Mapped[int] = mapped_column(Integer, default=0)
    csat_answered: Mapped[int] = mapped_column(Integer, default=0)
    csat_sum: Mapped[int] = mapped_column(Integer, default=0)
    csat_satisfied: Mapped[int] = mapped_column(Integer, default=0)  # answers of 4 or 5
    csat_low: Mapped[int] = mapped_column(Integer, default=0)  # answers of 1 or 2
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    review_score_sum: Mapped[float] = mapped_column(Float, default=0.0)
    reviews_critical: Mapped[int] = mapped_column(Integer, default=0)
    checked: Mapped[int] = mapped_column(Integer, default=0)  # conversations checked at resolution

    __table_args__ = (Index("ix_qa_daily_agent", "agent_id", "day"),)


class QaFailDaily(Base):
    """Failures per day and per automatic check (`kind` check) or scorecard criterion (`kind`
    criterion, `name` its key; `answered` counts the reviews that scored it), with the same
    dimensions as qa_daily."""

    __tablename__ = "qa_fail_daily"

    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    kind: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    agent_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    product: Mapped[str] = mapped_column(String(40), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16), primary_key=True)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)


class QaDailyBy(Base):
    """qa_daily's counts again, per day and one dimension at a time (`dim` all, agent, team,
    language, product or channel; `value` its value as text, '' for none): a report grouped
    by one dimension, or filtered on one, reads a few rows per day here instead of every
    combination of qa_daily."""

    __tablename__ = "qa_daily_by"

    dim: Mapped[str] = mapped_column(String(12), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    csat_asked: Mapped[int] = mapped_column(Integer, default=0)
    csat_answered: Mapped[int] = mapped_column(Integer, default=0)
    csat_sum: Mapped[int] = mapped_column(Integer, default=0)
    csat_satisfied: Mapped[int] = mapped_column(Integer, default=0)
    csat_low: Mapped[int] = mapped_column(Integer, default=0)
    reviews: Mapped[int] = mapped_column(Integer, default=0)
    review_score_sum: Mapped[float] = mapped_column(Float, default=0.0)
    reviews_critical: Mapped[int] = mapped_column(Integer, default=0)
    checked: Mapped[int] = mapped_column(Integer, default=0)

    # The primary key serves a dimension over a range of days; this, one value's days.
    __table_args__ = (Index("ix_qa_daily_by_value", "dim", "value", "day"),)


class QaFailBy(Base):
    """qa_fail_daily per day and one dimension at a time, as qa_daily_by is for qa_daily."""

    __tablename__ = "qa_fail_by"

    dim: Mapped[str] = mapped_column(String(12), primary_key=True)
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    value: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    answered: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_qa_fail_by_value", "dim", "value", "day"),)
