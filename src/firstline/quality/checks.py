"""The automatic checks every conversation gets (quality/rules.py `Check`).

Message checks run on the hot path, on each message an agent or the bot sends, inside the
posting transaction: a few compiled patterns, and one statement only when a check fails, so
the answer's cost barely moves. Conversation checks run when the conversation is resolved,
from what SLA and the messages recorded; they also write a pass for every message check
that did not fail, so a resolved conversation lists all six.

A failure keeps the first message that failed (a later pass cannot unsend it); a conversation
check that is run again (resolved again after a reopen) takes the new outcome.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.conversations.models import AuthorKind, Message
from firstline.core.clock import as_utc
from firstline.core.db import now
from firstline.core.language import CONFIDENT, detect_language
from firstline.core.rawsql import SQL, RawConnection, raw_connection
from firstline.quality.models import QaCheck
from firstline.quality.rules import CONVERSATION_CHECKS, MESSAGE_CHECKS, Check, same_language
from firstline.quality.sampling import sample_conversation
from firstline.quality.summary import Dims, bump, bump_failure
from firstline.screening.notes import looks_internal
from firstline.screening.secrets import find_secret_request
from firstline.sla.models import Metric, SlaOutcome

# The meta of the internal line the bot writes when it held back an answer (bot/engine.py).
SCREENED_META = "screening"

# A row comes back only when the check had not failed before: that failure is counted once.
_FAIL = SQL(
    "INSERT INTO qa_checks (conversation_id, name, passed, message_id, detail, checked_at) "
    "VALUES ($1, $2, FALSE, $3, $4, $5) "
    "ON CONFLICT (conversation_id, name) DO UPDATE SET passed = FALSE, "
    "message_id = excluded.message_id, detail = excluded.detail, "
    "checked_at = excluded.checked_at WHERE qa_checks.passed RETURNING id"
)
_CHECKED_BEFORE = SQL(
    "SELECT 1 FROM qa_checks WHERE conversation_id = $1 AND name = 'resolved_without_reply'"
)
_PASS_IF_NEW = SQL(
    "INSERT INTO qa_checks (conversation_id, name, passed, message_id, detail, checked_at) "
    "VALUES ($1, $2, TRUE, NULL, '', $3) ON CONFLICT (conversation_id, name) DO NOTHING"
)
SET_CHECK = SQL(
    "INSERT INTO qa_checks (conversation_id, name, passed, message_id, detail, checked_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (conversation_id, name) DO UPDATE SET passed = excluded.passed, "
    "message_id = excluded.message_id, detail = excluded.detail, "
    "checked_at = excluded.checked_at"
)
_CONVERSATION = SQL(
    "SELECT language, team_id, product, channel, assignee_id FROM conversations WHERE id = $1"
)


@dataclass(frozen=True, slots=True)
class Outcome:
    check: Check
    passed: bool
    message_id: int | None = None
    detail: str = ""
    kind: str | None = None  # secret_request: what was asked for


def message_failures(
    body: str, *, author_kind: str, language: str | None, conversation_language: str | None
) -> list[Outcome]:
    """What is wrong with a message about to reach the customer (no message id yet: the
    caller adds it)."""
    out: list[Outcome] = []
    asked = find_secret_request(body)
    if asked is not None:
        out.append(
            Outcome(
                Check.secret_request,
                False,
                detail=f"asks for {asked.kind}: {asked.evidence}",
                kind=asked.kind,
            )
        )
    if author_kind == AuthorKind.agent:
        note = looks_internal(body)
        if note is not None:
            out.append(Outcome(Check.internal_note_sent, False, detail=note[:200]))
        if not same_language(language, conversation_language):
            out.append(
                Outcome(
                    Check.reply_language,
                    False,
                    detail=f"answered in {language}; the customer writes {conversation_language}",
                )
            )
    return out


async def screen_draft(db: AsyncSession, conversation_id: int, body: str) -> list[Outcome]:
    """What the message checks would say of an agent's draft (the console asks before
    sending)."""
    raw = await raw_connection(db)
    row = await raw.fetchone(_CONVERSATION, conversation_id)
    detection = detect_language(body)
    language = detection.language if detection.confidence >= CONFIDENT else None
    return message_failures(
        body,
        author_kind=AuthorKind.agent,
        language=language,
        conversation_language=row[0] if row else None,
    )


async def check_message(
    db: AsyncSession,
    *,
    conversation_id: int,
    message_id: int,
    body: str,
    author_kind: str,
    language: str | None,
    meta: dict[str, Any] | None,
    agent_id: int | None = None,
) -> None:
    """The message checks of one message the customer reads (or, for the bot, would have
    read: the line that says what the bot held back carries it in its meta)."""
    raw = await raw_connection(db)
    screened = (meta or {}).get(SCREENED_META)
    row = None
    if isinstance(screened, dict):
        failures = [
            Outcome(
                Check.secret_request,
                False,
                detail=f"the bot held back an answer asking for {screened.get('kind')}: "
                f"{screened.get('evidence', '')}",
            )
        ]
    else:
        conversation_language = None
        if author_kind == AuthorKind.agent:
            row = await raw.fetchone(_CONVERSATION, conversation_id)
            conversation_language = row[0] if row else None
        failures = message_failures(
            body,
            author_kind=author_kind,
            language=language,
            conversation_language=conversation_language,
        )
    if failures:
        if row is None:
            row = await raw.fetchone(_CONVERSATION, conversation_id)
        dims = Dims(
            agent_id or (row[4] if row else None),
            *(row[1], row[0], row[2], row[3]) if row else (None,) * 4,
        )
        await _write_failures(raw, conversation_id, message_id, failures, now(db), dims)
        if any(f.check == Check.secret_request for f in failures):
            # Asking for a secret is reviewed at once, not at resolution.
            await sample_conversation(db, conversation_id)


def _dims(row: Any, agent_id: int | None) -> Dims:
    """A conversation row of _CONVERSATION as the report's dimensions; the agent is the
    message's author when there is one, else whoever holds the conversation."""
    if row is None:
        return Dims(agent_id, None, None, None, None)
    language, team_id, product, channel, assignee_id = row
    return Dims(agent_id or assignee_id, team_id, language, product, channel)


async def _write_failures(
    raw: RawConnection,
    conversation_id: int,
    message_id: int | None,
    failures: Sequence[Outcome],
    at: datetime,
    dims: Dims,
) -> None:
    ts = raw.ts(at)
    for f in failures:
        new = await raw.fetchone(
            _FAIL, conversation_id, f.check.value, f.message_id or message_id, f.detail[:1000], ts
        )
        if new is not None:
            await bump_failure(raw, at, dims, kind="check", name=f.check.value, failed=1)


@dataclass(frozen=True, slots=True)
class SlaRow:
    metric: str
    outcome: str
    due_at: datetime


@dataclass(frozen=True, slots=True)
class Answer:
    id: int
    author_kind: str
    created_at: datetime


def conversation_outcomes_of(
    outcomes: Sequence[SlaRow], answers: Sequence[Answer]
) -> list[Outcome]:
    """The conversation checks from its SLA outcomes (in the order recorded) and the answers
    the customer was sent (agents' and the bot's, oldest first)."""
    late_first = next(
        (o for o in outcomes if o.metric == Metric.first_response and o.outcome == "breached"),
        None,
    )
    late_next = next(
        (o for o in outcomes if o.metric == Metric.next_response and o.outcome == "breached"),
        None,
    )

    def answer_after(due: datetime) -> int | None:
        due = as_utc(due)
        return next(
            (
                a.id
                for a in answers
                if a.author_kind == AuthorKind.agent and as_utc(a.created_at) >= due
            ),
            None,
        )

    out: list[Outcome] = []
    if late_first is not None:
        out.append(
            Outcome(
                Check.first_response_sla,
                False,
                answer_after(late_first.due_at),
                f"the first answer was due at {as_utc(late_first.due_at).isoformat()}",
            )
        )
    else:
        out.append(Outcome(Check.first_response_sla, True))
    if late_next is not None:
        out.append(
            Outcome(
                Check.waiting_between_replies,
                False,
                answer_after(late_next.due_at),
                "the customer waited past the next-answer target "
                f"({as_utc(late_next.due_at).isoformat()})",
            )
        )
    else:
        out.append(Outcome(Check.waiting_between_replies, True))
    out.append(
        Outcome(Check.resolved_without_reply, True)
        if answers
        else Outcome(
            Check.resolved_without_reply, False, detail="resolved with no answer to the customer"
        )
    )
    return out


async def conversation_outcomes(db: AsyncSession, conversation_id: int) -> list[Outcome]:
    """The conversation checks, from the SLA outcomes and the messages."""
    sla = (
        await db.execute(
            select(SlaOutcome.metric, SlaOutcome.outcome, SlaOutcome.due_at)
            .where(SlaOutcome.conversation_id == conversation_id)
            .order_by(SlaOutcome.id)
        )
    ).all()
    answers = (
        await db.execute(
            select(Message.id, Message.author_kind, Message.created_at)
            .where(
                Message.conversation_id == conversation_id,
                Message.author_kind.in_((AuthorKind.agent.value, AuthorKind.bot.value)),
                Message.internal.is_(False),
            )
            .order_by(Message.id)
        )
    ).all()
    return conversation_outcomes_of(
        [SlaRow(*row) for row in sla], [Answer(*row) for row in answers]
    )


async def check_conversation(db: AsyncSession, conversation_id: int) -> None:
    """Resolution: the conversation checks, and a pass for every message check that has not
    failed."""
    raw = await raw_connection(db)
    at = now(db)
    ts = raw.ts(at)
    first = await raw.fetchone(_CHECKED_BEFORE, conversation_id) is None
    row = await raw.fetchone(_CONVERSATION, conversation_id)
    dims = (
        Dims(row[4], row[1], row[0], row[2], row[3]) if row else Dims(None, None, None, None, None)
    )
    outcomes = await conversation_outcomes(db, conversation_id)
    await _write_failures(
        raw, conversation_id, None, [o for o in outcomes if not o.passed], at, dims
    )
    for check in (*MESSAGE_CHECKS, *(o.check for o in outcomes if o.passed)):
        await raw.execute(_PASS_IF_NEW, conversation_id, check.value, ts)
    if first:
        await bump(raw, at, dims, checked=1)


async def list_checks(db: AsyncSession, conversation_id: int) -> list[dict[str, Any]]:
    """The conversation's checks for the API, in the order the console shows them."""
    rows = (
        (await db.execute(select(QaCheck).where(QaCheck.conversation_id == conversation_id)))
        .scalars()
        .all()
    )
    order = {c.value: i for i, c in enumerate((*MESSAGE_CHECKS, *CONVERSATION_CHECKS))}
    return [
        {
            "check": r.name,
            "passed": r.passed,
            "message_id": r.message_id,
            "detail": r.detail,
            "checked_at": r.checked_at,
        }
        for r in sorted(rows, key=lambda r: (order.get(r.name, 99), r.name))
    ]


async def recheck_conversation(db: AsyncSession, conversation_id: int, resolved: bool) -> None:
    """Run every check of one conversation again from its stored messages (`firstline qa
    recheck`): message checks over each answer, conversation checks when it is resolved."""
    messages = (
        await db.execute(
            select(
                Message.id, Message.author_kind, Message.body, Message.language, Message.meta,
                Message.internal,
            )
            .where(
                Message.conversation_id == conversation_id,
                Message.author_kind != AuthorKind.customer.value,
            )
            .order_by(Message.id)
        )
    ).all()  # fmt: skip
    for m in messages:
        screened = isinstance((m.meta or {}).get(SCREENED_META), dict)
        if not screened and (m.internal or m.author_kind == AuthorKind.system):
            continue
        await check_message(
            db, conversation_id=conversation_id, message_id=m.id, body=m.body,
            author_kind=m.author_kind, language=m.language, meta=m.meta,
        )  # fmt: skip
    if resolved:
        await check_conversation(db, conversation_id)
