"""/api/v1/qa: CSAT settings, scorecards, sampling rules, the review queue, reviews, disputes,
calibrations; and a conversation's automatic checks.

GET /conversations/{id}/qa     who sees the conversation (else 404)
POST /qa/screen                an agent's draft, before sending (conversations.reply, and
                               seeing the conversation); audited when it warns
POST /qa/warnings/{id}/heeded  the agent changed the draft instead of sending it (audited)
GET|PATCH /qa/settings         reading: reports.read or quality.configure; changing:
                               quality.configure
/qa/scorecards, /qa/sampling-rules
                               reading: quality.review, .supervise, .configure or
                               reports.read; changing: quality.configure
GET /qa/queue                  quality.review (one's own); ?all=1 quality.supervise
POST /qa/reviews               the reviewer assigned, a supervisor, or a reviewer who sees
                               the conversation; 404 for anyone else
/qa/reviews/{id}/acknowledge|dispute
                               the agent reviewed; /settle quality.supervise
/qa/calibrations               creating: quality.supervise; reading: also its reviewers
"""

from __future__ import annotations

import csv
import io
import secrets
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Response
from sqlalchemy import select

from firstline.agents.access import Actor, require_permission
from firstline.agents.permissions import Permission
from firstline.audit.actions import record_audit
from firstline.conversations.access import access_conversation_row_by_id
from firstline.core.db import now
from firstline.core.errors import InvalidInput, NotFound
from firstline.core.pagination import decode_cursor, encode_cursor
from firstline.quality.checks import list_checks, screen_draft
from firstline.quality.csat import csat_dict, do_update_quality_settings, get_csat, get_policy
from firstline.quality.models import (
    Calibration,
    ReviewAssignment,
    Scorecard,
    ScorecardVersion,
)
from firstline.quality.queries import list_queue, list_reviews, transcript
from firstline.quality.report import MAX_DAYS, Filters, report, since_default
from firstline.quality.reviews import (
    access_review,
    calibration_dict,
    do_acknowledge,
    do_create_calibration,
    do_dispute,
    do_review,
    do_settle,
    review_dict,
)
from firstline.quality.rules import CsatPolicy
from firstline.quality.schemas import (
    CalibrationIn,
    CalibrationOut,
    DisputeIn,
    HeededIn,
    QaCheckOut,
    QualityReport,
    QualitySettingsOut,
    QualitySettingsUpdate,
    QueueItemDetail,
    QueuePage,
    ReviewDetail,
    ReviewIn,
    ReviewOut,
    ReviewPage,
    SamplingRuleIn,
    SamplingRuleOut,
    SamplingRuleUpdate,
    ScorecardIn,
    ScorecardOut,
    ScorecardUpdate,
    Screened,
    ScreenIn,
    SettleIn,
)
from firstline.quality.scorecards import (
    default_scorecard,
    do_create_rule,
    do_create_scorecard,
    do_delete_rule,
    do_update_rule,
    do_update_scorecard,
    get_scorecard,
    list_rules,
    list_scorecards,
    scorecard_dict,
)
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["quality"])


@router.get(
    "/conversations/{conversation_id}/qa",
    operation_id="listConversationChecks",
    response_model=list[QaCheckOut],
    responses=problem_responses((404, "No such conversation, or not one you can see.")),
)
async def conversation_checks(
    conversation_id: int, actor: CurrentActor, session: ReadSession
) -> FastJSON:
    """The automatic checks of one conversation, each with the message that failed it.
    Message checks appear as soon as a message fails one; all six once it is resolved."""
    await access_conversation_row_by_id(session, actor, conversation_id)
    return FastJSON(await list_checks(session, conversation_id))


def _paged(items: list[dict[str, Any]], limit: int) -> FastJSON:
    """A page of `limit` from `limit + 1` rows read: the extra one says there is more."""
    more = len(items) > limit
    items = items[:limit]
    return FastJSON(
        {"items": items, "next_cursor": encode_cursor(items[-1]["id"]) if more else None}
    )


def _settings(policy: CsatPolicy) -> dict[str, object]:
    values = asdict(policy)
    return {f"csat_{k}" if k != "enabled" else "csat_enabled": v for k, v in values.items()}


@router.get(
    "/qa/settings",
    operation_id="getQualitySettings",
    response_model=QualitySettingsOut,
    responses=problem_responses((404, "You neither configure quality nor read reports.")),
)
async def get_settings(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """When customers are asked to rate, what a low rating does, how long a rating may change
    and how long a mailed link works."""
    if not {Permission.quality_configure, Permission.reports_read} & actor.permissions:
        raise NotFound("There are no quality settings for you.")
    return FastJSON(_settings(await get_policy(session)))


@router.patch(
    "/qa/settings",
    operation_id="updateQualitySettings",
    response_model=QualitySettingsOut,
    responses=problem_responses((403, "Your role does not configure quality.")),
)
async def update_settings(
    data: QualitySettingsUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change the CSAT settings (audited)."""
    require_permission(actor, Permission.quality_configure, "Changing the quality settings")
    async with db.transaction() as session:
        policy = await do_update_quality_settings(
            session, data.model_dump(exclude_unset=True, exclude_none=True),
            acting_agent_id=actor.agent_id,
        )  # fmt: skip
    return FastJSON(_settings(policy))


@router.post(
    "/qa/screen",
    operation_id="screenDraft",
    response_model=Screened,
    responses=problem_responses((404, "No such conversation, or not one you can see.")),
)
async def screen(data: ScreenIn, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Check a reply before it is sent: whether it asks the customer for a secret, reads like
    a note for colleagues, or is in another language than the customer's. Nothing is stored
    unless it warns; then the warning is audited, and the agent's choice is too (sending
    with warning_id, or POST .../heeded)."""
    require_permission(actor, Permission.conversations_reply, "Checking a reply")
    async with db.transaction() as session:
        await access_conversation_row_by_id(session, actor, data.conversation_id)
        found = await screen_draft(session, data.conversation_id, data.body)
        warning_id = None
        if found:
            warning_id = secrets.token_urlsafe(12)
            await record_audit(
                session, action="qa.warning_shown", entity_type="conversation",
                entity_id=data.conversation_id, actor_agent_id=actor.agent_id,
                data={"warning_id": warning_id, "checks": [o.check.value for o in found],
                      "detail": [o.detail[:300] for o in found]},
            )  # fmt: skip
    return FastJSON(
        {
            "warnings": [
                {"check": o.check.value, "kind": o.kind, "detail": o.detail} for o in found
            ],
            "warning_id": warning_id,
        }
    )


WarningId = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{8,64}$")]


@router.post(
    "/qa/warnings/{warning_id}/heeded",
    operation_id="heedWarning",
    status_code=204,
    responses=problem_responses((404, "No such conversation, or not one you can see.")),
)
async def heeded(
    warning_id: WarningId, data: HeededIn, actor: CurrentActor, db: DatabaseDep
) -> None:
    """The agent changed or dropped the reply the warning was about (audited)."""
    async with db.transaction() as session:
        await access_conversation_row_by_id(session, actor, data.conversation_id)
        await record_audit(
            session, action="qa.warning_heeded", entity_type="conversation",
            entity_id=data.conversation_id, actor_agent_id=actor.agent_id,
            data={"warning_id": warning_id},
        )  # fmt: skip


# -- scorecards and sampling rules ------------------------------------------------------------

_READERS = {
    Permission.quality_review, Permission.quality_supervise, Permission.quality_configure,
    Permission.reports_read,
}  # fmt: skip


def _reader(actor: Actor, what: str) -> None:
    if not _READERS & actor.permissions:
        raise NotFound(f"There are no {what} for you.")


_NO_READER = problem_responses(
    (404, "Your role neither reviews, supervises, configures quality nor reads reports.")
)


@router.get(
    "/qa/scorecards",
    operation_id="listScorecards",
    response_model=list[ScorecardOut],
    responses=_NO_READER,
)
async def scorecards(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Every scorecard with its current version (reviewers, supervisors, report readers)."""
    _reader(actor, "scorecards")
    return FastJSON(await list_scorecards(session))


@router.post(
    "/qa/scorecards",
    operation_id="createScorecard",
    status_code=201,
    response_model=ScorecardOut,
    responses=problem_responses((403, "Your role does not configure quality.")),
)
async def create_scorecard(data: ScorecardIn, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """A scorecard: criteria with weights, a scale (pass_fail or 1-5), N/A allowed or not,
    critical criteria that zero the score when failed, names per language."""
    require_permission(actor, Permission.quality_configure, "Creating a scorecard")
    async with db.transaction() as session:
        card = await do_create_scorecard(
            session, name=data.name, criteria=data.criteria, acting_agent_id=actor.agent_id
        )
    return FastJSON(card, status_code=201)


@router.get(
    "/qa/scorecards/{scorecard_id}", operation_id="getScorecard", response_model=ScorecardOut
)
async def scorecard(scorecard_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    _reader(actor, "scorecards")
    card, version = await get_scorecard(session, scorecard_id)
    return FastJSON(scorecard_dict(card, version))


@router.patch(
    "/qa/scorecards/{scorecard_id}",
    operation_id="updateScorecard",
    response_model=ScorecardOut,
    responses=problem_responses((403, "Your role does not configure quality.")),
)
async def update_scorecard(
    scorecard_id: int, data: ScorecardUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Rename it, switch it on or off, or give it new criteria (a new version: reviews made
    with the old one keep it)."""
    require_permission(actor, Permission.quality_configure, "Changing a scorecard")
    async with db.transaction() as session:
        card = await do_update_scorecard(
            session, scorecard_id, data.model_dump(exclude_unset=True),
            acting_agent_id=actor.agent_id,
        )  # fmt: skip
    return FastJSON(card)


@router.get(
    "/qa/sampling-rules",
    operation_id="listSamplingRules",
    response_model=list[SamplingRuleOut],
    responses=_NO_READER,
)
async def sampling_rules(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The rules that fill the review queue."""
    _reader(actor, "sampling rules")
    return FastJSON(await list_rules(session))


@router.post(
    "/qa/sampling-rules",
    operation_id="createSamplingRule",
    status_code=201,
    response_model=SamplingRuleOut,
    responses=problem_responses((403, "Your role does not configure quality.")),
)
async def create_rule(data: SamplingRuleIn, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """A rule: a random percent of a team's or agent's conversations, or every conversation
    with a trigger (csat_low, escalated, bot_handover, reopened, sla_breach, money_at_risk,
    check_failed)."""
    require_permission(actor, Permission.quality_configure, "Creating a sampling rule")
    async with db.transaction() as session:
        rule = await do_create_rule(session, data.model_dump(), acting_agent_id=actor.agent_id)
    return FastJSON(rule, status_code=201)


@router.patch(
    "/qa/sampling-rules/{rule_id}",
    operation_id="updateSamplingRule",
    response_model=SamplingRuleOut,
    responses=problem_responses((403, "Your role does not configure quality.")),
)
async def update_rule(
    rule_id: int, data: SamplingRuleUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    require_permission(actor, Permission.quality_configure, "Changing a sampling rule")
    async with db.transaction() as session:
        rule = await do_update_rule(
            session, rule_id, data.model_dump(exclude_unset=True), acting_agent_id=actor.agent_id
        )
    return FastJSON(rule)


@router.delete(
    "/qa/sampling-rules/{rule_id}",
    operation_id="deleteSamplingRule",
    status_code=204,
    responses=problem_responses((403, "Your role does not configure quality.")),
)
async def delete_rule(rule_id: int, actor: CurrentActor, db: DatabaseDep) -> None:
    require_permission(actor, Permission.quality_configure, "Deleting a sampling rule")
    async with db.transaction() as session:
        await do_delete_rule(session, rule_id, acting_agent_id=actor.agent_id)


# -- the queue and reviews ------------------------------------------------------------------


@router.get(
    "/qa/queue",
    operation_id="reviewQueue",
    response_model=QueuePage,
    responses=problem_responses((404, "You neither review nor supervise reviews.")),
)
async def queue(
    actor: CurrentActor,
    session: ReadSession,
    everyone: Annotated[
        bool, Query(alias="all", description="Everyone's queue (quality.supervise).")
    ] = False,
    state: Annotated[Literal["pending", "done"], Query()] = "pending",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    after: Annotated[str | None, Query(description="A cursor from the previous page.")] = None,
) -> FastJSON:
    """The signed-in reviewer's conversations to review, oldest first; with all=1, everyone's
    (and those no reviewer was free for)."""
    if everyone:
        if not actor.can(Permission.quality_supervise):
            raise NotFound("There is no queue of everyone's for you.")
    elif not actor.can(Permission.quality_review):
        raise NotFound("There is no review queue for you.")
    items = await list_queue(
        session, reviewer_id=None if everyone else actor.agent_id, state=state,
        after_id=decode_cursor(after) if after else 0, limit=limit + 1,
    )  # fmt: skip
    return _paged(items, limit)


@router.get(
    "/qa/queue/{assignment_id}",
    operation_id="reviewQueueItem",
    response_model=QueueItemDetail,
    responses=problem_responses((404, "No such item in a queue you may read.")),
)
async def queue_item(assignment_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """What the reviewer reads to score: the whole transcript with internal notes, the
    routing and SLA history, the automatic checks, the rating, and the scorecard."""
    assignment = await session.get(ReviewAssignment, assignment_id)
    if assignment is None or not (
        assignment.reviewer_id == actor.agent_id or actor.can(Permission.quality_supervise)
    ):
        raise NotFound(f"Queue item {assignment_id} does not exist.")
    body = await transcript(session, assignment.conversation_id)
    body["checks"] = await list_checks(session, assignment.conversation_id)
    body["csat"] = csat_dict(await get_csat(session, assignment.conversation_id), now(session))
    found = await default_scorecard(session)
    body["scorecard"] = scorecard_dict(*found) if found else None
    body["assignment"] = {
        "id": assignment.id, "reason": assignment.reason, "state": assignment.state,
        "agent_id": assignment.agent_id, "calibration_id": assignment.calibration_id or None,
    }  # fmt: skip
    return FastJSON(body)


@router.post(
    "/qa/reviews",
    operation_id="createReview",
    status_code=201,
    response_model=ReviewOut,
    responses=problem_responses(
        (404, "No such conversation, or not one you may review."),
        (409, "Reviewed already, or no active scorecard."),
        (422, "An answer is missing (a critical criterion, say) or outside its scale."),
    ),
)
async def create_review(data: ReviewIn, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Score a conversation against a scorecard, with a comment and comments on single
    messages. The score is the weighted mean (0-100), 0 when a critical criterion failed."""
    async with db.transaction() as session:
        review = await do_review(
            session, actor, conversation_id=data.conversation_id, answers=data.answers,
            scorecard_id=data.scorecard_id, calibration_id=data.calibration_id,
            comment=data.comment,
            message_comments=[c.model_dump() for c in data.message_comments],
        )  # fmt: skip
    return FastJSON(review, status_code=201)


@router.get(
    "/qa/reviews",
    operation_id="listReviews",
    response_model=ReviewPage,
    responses=problem_responses((404, "Another agent's reviews, for one who does not supervise.")),
)
async def reviews(
    actor: CurrentActor,
    session: ReadSession,
    agent_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    reviewer_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    disputed: Annotated[
        bool, Query(description="Only reviews whose dispute waits for a decision.")
    ] = False,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    before: Annotated[str | None, Query(description="A cursor from the previous page.")] = None,
) -> FastJSON:
    """Reviews, newest first. Agents see the reviews of their own work (and those they wrote);
    supervisors (quality.supervise) anyone's."""
    if not actor.can(Permission.quality_supervise):
        if agent_id is None and reviewer_id is None:
            agent_id = actor.agent_id
        if actor.agent_id not in (agent_id, reviewer_id):
            raise NotFound("There are no such reviews for you.")
    items = await list_reviews(
        session, agent_id=agent_id, reviewer_id=reviewer_id, disputed=disputed,
        before_id=decode_cursor(before) if before else None, limit=limit + 1,
    )  # fmt: skip
    return _paged(items, limit)


@router.get(
    "/qa/reviews/{review_id}",
    operation_id="getReview",
    response_model=ReviewDetail,
    responses=problem_responses((404, "No such review of your work or of those you oversee.")),
)
async def review(review_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """One review with the criteria of the scorecard version it was scored with: what each
    answer means, and what a supervisor scores again when settling a dispute."""
    found = await access_review(session, actor, review_id)
    version = await session.get(ScorecardVersion, found.scorecard_version_id)
    card = await session.get(Scorecard, version.scorecard_id) if version else None
    body = review_dict(found)
    body["criteria"] = version.criteria if version else []
    body["scorecard_name"] = card.name if card else None
    return FastJSON(body)


@router.post(
    "/qa/reviews/{review_id}/acknowledge",
    operation_id="acknowledgeReview",
    response_model=ReviewOut,
    responses=problem_responses((403, "Only the agent reviewed acknowledges.")),
)
async def acknowledge(review_id: int, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """The agent reviewed has read it (audited)."""
    async with db.transaction() as session:
        return FastJSON(await do_acknowledge(session, actor, review_id))


@router.post(
    "/qa/reviews/{review_id}/dispute",
    operation_id="disputeReview",
    response_model=ReviewOut,
    responses=problem_responses(
        (403, "Only the agent reviewed disputes."), (409, "Disputed already: once only.")
    ),
)
async def dispute(
    review_id: int, data: DisputeIn, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """The agent reviewed disputes the score, once, saying why; a supervisor settles it."""
    async with db.transaction() as session:
        return FastJSON(await do_dispute(session, actor, review_id, data.reason))


@router.post(
    "/qa/reviews/{review_id}/settle",
    operation_id="settleDispute",
    response_model=ReviewOut,
    responses=problem_responses((409, "No open dispute."), (422, "changed needs valid answers.")),
)
async def settle(review_id: int, data: SettleIn, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """A supervisor's decision (quality.supervise): upheld, or changed with new answers."""
    async with db.transaction() as session:
        return FastJSON(
            await do_settle(
                session, actor, review_id, decision=data.decision, answers=data.answers,
                comment=data.comment,
            )
        )  # fmt: skip


@router.post(
    "/qa/calibrations",
    operation_id="createCalibration",
    status_code=201,
    response_model=CalibrationOut,
    responses=problem_responses((403, "Calibrations need quality.supervise.")),
)
async def create_calibration(data: CalibrationIn, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Ask several reviewers to score the same conversations blind: each gets them in their
    queue; nobody sees another's scores until all have scored (supervisors see them as
    they come, with the agreement per criterion)."""
    async with db.transaction() as session:
        body = await do_create_calibration(
            session, actor, name=data.name, scorecard_id=data.scorecard_id,
            conversation_ids=data.conversation_ids, reviewer_ids=data.reviewer_ids,
        )  # fmt: skip
    return FastJSON(body, status_code=201)


@router.get(
    "/qa/calibrations/{calibration_id}",
    operation_id="getCalibration",
    response_model=CalibrationOut,
)
async def calibration(calibration_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The scores side by side and the agreement per criterion (for its reviewers and
    supervisors)."""
    found = await session.get(Calibration, calibration_id)
    if found is None or not (
        actor.can(Permission.quality_supervise) or actor.agent_id in found.reviewer_ids
    ):
        raise NotFound(f"Calibration {calibration_id} does not exist.")
    return FastJSON(await calibration_dict(session, actor, found))


# -- the report -------------------------------------------------------------------------------


@router.get(
    "/qa/report",
    operation_id="qualityReport",
    response_model=QualityReport,
    responses={
        200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv."},
        **problem_responses((422, "A date range the wrong way round or over 400 days.")),
    },
)
async def quality_report(
    actor: CurrentActor,
    session: ReadSession,
    since: Annotated[
        date | None, Query(description="First day (UTC); default 8 weeks ago.")
    ] = None,
    until: Annotated[
        date | None, Query(description="Last day (UTC), included; default today.")
    ] = None,
    group_by: Annotated[
        Literal["agent", "team", "language", "product", "channel", "week", "day"], Query()
    ] = "week",
    agent_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    team_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    language: Annotated[str | None, Query(max_length=8)] = None,
    product: Annotated[str | None, Query(max_length=40)] = None,
    channel: Annotated[str | None, Query(max_length=16)] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> Response:
    """CSAT (average, share satisfied, response rate) and review scores per agent, team,
    language, product, channel, week or day, with the weekly trend, the automatic checks that
    failed and the criteria that fail most. Supervisors (reports.read) see everyone; an agent
    sees their own work only, whatever they ask."""
    if not actor.can(Permission.reports_read):
        agent_id = actor.agent_id
    today = now(session).date()
    last = until or today
    first = since or since_default(last)
    if first > last:
        raise InvalidInput("since is after until.")
    if (last - first).days > MAX_DAYS:
        raise InvalidInput(f"A report covers at most {MAX_DAYS} days; narrow since and until.")
    filters = Filters(
        since=first, until=last, agent_id=agent_id, team_id=team_id, language=language,
        product=product, channel=channel,
    )  # fmt: skip
    body = await report(session, filters, group_by)
    if format == "csv":
        return _csv(body)
    return FastJSON(body)


_CSV_COLUMNS = (
    "csat_asked", "csat_answered", "csat_response_rate", "csat_average", "csat_satisfied",
    "csat_low", "reviews", "qa_score_average", "reviews_critical", "checked", "checks_failed",
)  # fmt: skip


def _csv(body: dict[str, object]) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([body["group_by"], "label", *_CSV_COLUMNS])
    rows = body["rows"]
    assert isinstance(rows, list)
    for row in rows:
        label = row.get("label") or ""
        # A cell a spreadsheet would run as a formula is written as text.
        if str(label)[:1] in ("=", "+", "-", "@"):
            label = "'" + str(label)
        writer.writerow(
            [row["key"], label, *(row[c] if row[c] is not None else "" for c in _CSV_COLUMNS)]
        )
    name = f"quality-{body['since']}-{body['until']}-{body['group_by']}.csv"
    return Response(
        out.getvalue(), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )  # fmt: skip


@router.get(
    "/qa/calibrations",
    operation_id="listCalibrations",
    response_model=list[CalibrationOut],
    responses=problem_responses((404, "You neither supervise reviews nor review.")),
)
async def calibrations(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """The 50 newest calibrations: every one for supervisors, the ones a reviewer was asked
    to score for them (blind until complete)."""
    supervise = actor.can(Permission.quality_supervise)
    if not supervise and not actor.can(Permission.quality_review):
        raise NotFound("There are no calibrations for you.")
    found = await session.scalars(select(Calibration).order_by(Calibration.id.desc()).limit(200))
    mine = [c for c in found if supervise or actor.agent_id in c.reviewer_ids][:50]
    return FastJSON([await calibration_dict(session, actor, c) for c in mine])
