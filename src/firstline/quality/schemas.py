"""Quality's API shapes."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from firstline.conversations.schemas import Csat, MessageOut


class CsatIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: int = Field(strict=True, ge=1, le=2**31 - 1)
    score: int = Field(
        strict=True, ge=1, le=5, description="1 (very dissatisfied) to 5 (very satisfied)."
    )
    comment: str | None = Field(default=None, max_length=2000)


class CsatRecorded(BaseModel):
    conversation_id: int
    csat: Csat
    changed: bool = Field(description="A second answer replaced the first.")


class QaCheckOut(BaseModel):
    check: str = Field(
        description="secret_request, internal_note_sent, reply_language, first_response_sla, "
        "waiting_between_replies or resolved_without_reply."
    )
    passed: bool
    message_id: int | None = Field(description="The message that failed it (the evidence).")
    detail: str = Field(description="Why it failed, in a sentence; empty when it passed.")
    checked_at: datetime


class QualitySettingsOut(BaseModel):
    csat_enabled: bool
    csat_low_action: Literal["none", "flag", "reopen"]
    csat_change_minutes: int
    csat_link_days: int


class QualitySettingsUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    csat_enabled: bool | None = None
    csat_low_action: Literal["none", "flag", "reopen"] | None = Field(
        default=None,
        description="What a rating of 1 or 2 does: flag (tag csat-low, sampled for review), "
        "reopen (also reopens the conversation for a person), none.",
    )
    csat_change_minutes: int | None = Field(default=None, ge=0, le=7 * 24 * 60)
    csat_link_days: int | None = Field(default=None, ge=1, le=365)


class ScreenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: int = Field(strict=True, ge=1, le=2**31 - 1)
    body: str = Field(min_length=1, max_length=20_000)


class ScreenWarning(BaseModel):
    check: str = Field(description="secret_request, internal_note_sent or reply_language.")
    kind: str | None = Field(
        description="For secret_request: password, code, seed_phrase, private_key or funds."
    )
    detail: str = Field(description="What was found, with the sentence that asks.")


class Screened(BaseModel):
    warnings: list[ScreenWarning]
    warning_id: str | None = Field(
        description="When there are warnings: pass it as warning_id when sending anyway, or "
        "to POST /api/v1/qa/warnings/{warning_id}/heeded when the reply is changed instead."
    )


class HeededIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    conversation_id: int = Field(strict=True, ge=1, le=2**31 - 1)


Id = Annotated[int, Field(strict=True, ge=1, le=2**31 - 1)]
Answer = bool | int | str | None


class Criterion(BaseModel):
    key: str
    name: dict[str, str] = Field(description="Per language; en is what others fall back to.")
    description: dict[str, str]
    weight: float
    scale: Literal["pass_fail", "1-5"]
    allow_na: bool
    critical: bool = Field(description="Failing it makes the whole review score 0.")


class ScorecardIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Withdrawals",
                    "criteria": [
                        {"key": "tone", "name": {"en": "Tone", "vi": "Thái độ"},
                         "scale": "1-5", "weight": 2},
                        {"key": "no_secret", "name": "Never asked for a secret",
                         "scale": "pass_fail", "critical": True},
                    ],
                }
            ]
        },
    )  # fmt: skip

    name: str = Field(min_length=1, max_length=120)
    criteria: list[dict[str, Any]] = Field(
        min_length=1,
        max_length=30,
        description="Each: key, name (a text or texts per language), description, weight "
        "(0-100, default 1), scale (pass_fail or 1-5), allow_na, critical.",
    )


class ScorecardUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, min_length=1, max_length=120)
    active: bool | None = None
    criteria: list[dict[str, Any]] | None = Field(
        default=None, min_length=1, max_length=30, description="New criteria: a new version."
    )


class ScorecardOut(BaseModel):
    id: int
    name: str
    active: bool
    version: int
    version_id: int
    criteria: list[Criterion]
    created_at: datetime
    updated_at: datetime


class SamplingRuleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=120)
    trigger: Literal[
        "random", "csat_low", "escalated", "bot_handover", "reopened", "sla_breach",
        "money_at_risk", "check_failed",
    ]  # fmt: skip
    percent: float | None = Field(
        default=None, gt=0, le=100, description="random: the share of conversations to review."
    )
    team_id: Id | None = Field(default=None, description="Only this team's conversations.")
    agent_id: Id | None = Field(default=None, description="Only this agent's conversations.")
    check: str | None = Field(
        default=None, max_length=40, description="check_failed: only this check's failures."
    )
    scorecard_id: Id | None = None
    active: bool = True


class SamplingRuleUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=120)
    percent: float | None = Field(default=None, gt=0, le=100)
    team_id: Id | None = None
    agent_id: Id | None = None
    check: str | None = Field(default=None, max_length=40)
    scorecard_id: Id | None = None
    active: bool | None = None


class SamplingRuleOut(BaseModel):
    id: int
    name: str
    trigger: str
    percent: float | None
    team_id: int | None
    agent_id: int | None
    check: str | None
    scorecard_id: int | None
    active: bool
    created_at: datetime


class QueueItem(BaseModel):
    id: int = Field(description="The assignment's id.")
    conversation_id: int
    reviewer_id: int | None
    agent_id: int | None
    reason: str = Field(description="The sampling rule's trigger, or calibration.")
    calibration_id: int | None
    state: str
    created_at: datetime
    language: str
    channel: str
    subject: str | None
    preview: str


class QueuePage(BaseModel):
    items: list[QueueItem]
    next_cursor: str | None


class SlaRecord(BaseModel):
    metric: str
    outcome: str
    due_at: datetime | None
    at: datetime | None = Field(description="When the outcome was recorded.")


class AssignmentOut(BaseModel):
    id: int
    reason: str
    state: str
    agent_id: int | None
    calibration_id: int | None


class QueueItemDetail(BaseModel):
    """One conversation as a reviewer reads it to score it."""

    id: int = Field(description="The conversation's id.")
    status: str
    language: str
    channel: str
    product: str | None
    subject: str | None
    team_id: int | None
    assignee_id: int | None
    created_at: datetime
    resolved_at: datetime | None
    routing_reasons: list[dict[str, Any]] | None
    sla: list[SlaRecord]
    messages: list[MessageOut] = Field(description="Every message, internal notes too.")
    checks: list[QaCheckOut]
    csat: Csat | None
    scorecard: ScorecardOut | None = Field(description="The default scorecard.")
    assignment: AssignmentOut


class MessageComment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message_id: Id
    comment: str = Field(min_length=1, max_length=2000)


class ReviewIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"conversation_id": 42, "answers": {"greeting_tone": 4, "understood_issue": True,
                 "correct_answer": 5, "followed_procedure": None, "clear_writing": 4,
                 "scam_protection": None, "no_secret_requested": True},
                 "comment": "Good, clear answer.",
                 "message_comments": [{"message_id": 310, "comment": "Say which network."}]}
            ]
        },
    )  # fmt: skip

    conversation_id: Id
    scorecard_id: Id | None = Field(
        default=None, description="Default: the oldest active scorecard."
    )
    calibration_id: Id | None = Field(default=None, description="Scoring for a calibration.")
    answers: dict[str, Answer] = Field(
        description="Criterion key to answer: true/false (pass_fail), 1-5, null for N/A."
    )
    comment: str = Field(default="", max_length=5000)
    message_comments: list[MessageComment] = Field(default_factory=list, max_length=100)


class DisputeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=2000)


class SettleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    decision: Literal["upheld", "changed"]
    answers: dict[str, Answer] | None = Field(
        default=None, description="changed: the answers to score instead."
    )
    comment: str = Field(default="", max_length=2000)


class DisputeOut(BaseModel):
    reason: str | None
    at: datetime
    state: str | None = Field(description="open, upheld or changed.")
    settled_by: int | None
    settled_at: datetime | None
    comment: str | None


class ReviewOut(BaseModel):
    id: int
    conversation_id: int
    assignment_id: int | None
    calibration_id: int | None
    reviewer_id: int | None
    agent_id: int | None
    scorecard_version_id: int
    answers: dict[str, Answer] | None = Field(description="Hidden (null) in a blind calibration.")
    score: float | None = Field(description="0-100; 0 when a critical criterion failed.")
    critical_failed: bool | None
    comment: str | None
    message_comments: list[dict[str, Any]]
    created_at: datetime
    acknowledged_at: datetime | None
    dispute: DisputeOut | None


class ReviewDetail(ReviewOut):
    criteria: list[Criterion] = Field(description="The criteria of the version it was scored with.")
    scorecard_name: str | None


class ReviewPage(BaseModel):
    items: list[ReviewOut]
    next_cursor: str | None


class CalibrationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="", max_length=120)
    scorecard_id: Id | None = None
    conversation_ids: list[Id] = Field(min_length=1, max_length=50)
    reviewer_ids: list[Id] = Field(min_length=2, max_length=20)


class CalibrationOut(BaseModel):
    id: int
    name: str
    scorecard_id: int
    scorecard_version_id: int
    criteria: list[Criterion]
    conversation_ids: list[int]
    reviewer_ids: list[int]
    complete: bool = Field(description="Every reviewer has scored every conversation.")
    reviews: list[ReviewOut]
    agreement: dict[str, float | None] | None = Field(
        description="Per criterion, the share of reviewer pairs who answered alike; shown to "
        "supervisors, and to everyone once complete."
    )
    created_at: datetime


class ReportMetrics(BaseModel):
    csat_asked: int
    csat_answered: int
    csat_response_rate: float | None = Field(description="Answered / asked.")
    csat_average: float | None = Field(description="Mean rating, 1-5.")
    csat_satisfied: float | None = Field(description="Share of answers of 4 or 5.")
    csat_low: int = Field(description="Answers of 1 or 2.")
    reviews: int
    qa_score_average: float | None = Field(description="Mean review score, 0-100.")
    reviews_critical: int = Field(description="Reviews with a critical criterion failed.")
    checked: int = Field(description="Conversations whose checks ran at resolution.")
    checks_failed: int


class ReportRow(ReportMetrics):
    key: str | int = Field(description="The agent or team id, the language, ... or the week.")
    label: str | None


class TrendPoint(ReportMetrics):
    week: str = Field(description="ISO week, e.g. 2026-W48.")


class CheckFailures(BaseModel):
    check: str
    failed: int
    rate: float | None = Field(description="Failures per conversation checked.")


class CriterionFailures(BaseModel):
    criterion: str
    failed: int
    answered: int
    fail_rate: float | None


class QualityReport(BaseModel):
    since: date
    until: date
    group_by: str
    totals: ReportMetrics
    rows: list[ReportRow]
    trend: list[TrendPoint]
    checks: list[CheckFailures]
    criteria: list[CriterionFailures]
