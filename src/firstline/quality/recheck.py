"""Running every automatic check again over stored conversations (`firstline qa recheck`):
after the rules changed (a new language's words), or on data imported from elsewhere.

It walks the conversations by id in batches, each batch read with three indexed queries (the
conversations, their answers, their SLA outcomes) and written in one transaction, so it runs
beside live traffic, in memory bounded by the batch, and can be stopped and resumed at an id.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from firstline.conversations.models import AuthorKind, Conversation, Message, Status
from firstline.core.db import Database, now
from firstline.core.rawsql import raw_connection
from firstline.quality.checks import (
    SCREENED_META,
    SET_CHECK,
    Answer,
    Outcome,
    SlaRow,
    conversation_outcomes_of,
    message_failures,
)
from firstline.quality.rules import MESSAGE_CHECKS, Check
from firstline.sla.models import SlaOutcome

FINISHED = (Status.resolved.value, Status.closed.value)


@dataclass(frozen=True, slots=True)
class Rechecked:
    conversations: int
    failures: int
    seconds: float
    last_id: int


async def recheck_all(
    db: Database,
    *,
    after_id: int = 0,
    batch: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> Rechecked:
    started = time.perf_counter()
    done = failures = 0
    last = after_id
    while True:
        async with db.transaction(raw_writes=True) as session:
            rows = (
                await session.execute(
                    select(Conversation.id, Conversation.language, Conversation.status)
                    .where(Conversation.id > last)
                    .order_by(Conversation.id)
                    .limit(batch)
                )
            ).all()
            if not rows:
                break
            ids = [r.id for r in rows]
            messages = (
                await session.execute(
                    select(
                        Message.conversation_id, Message.id, Message.author_kind, Message.body,
                        Message.language, Message.internal, Message.meta, Message.created_at,
                    )
                    .where(
                        Message.conversation_id.in_(ids),
                        Message.author_kind != AuthorKind.customer.value,
                    )
                    .order_by(Message.conversation_id, Message.id)
                )
            ).all()  # fmt: skip
            sla = (
                await session.execute(
                    select(
                        SlaOutcome.conversation_id, SlaOutcome.metric, SlaOutcome.outcome,
                        SlaOutcome.due_at,
                    )
                    .where(SlaOutcome.conversation_id.in_(ids))
                    .order_by(SlaOutcome.id)
                )
            ).all()  # fmt: skip
            by_conversation: defaultdict[int, list[Any]] = defaultdict(list)
            for m in messages:
                by_conversation[m.conversation_id].append(m)
            sla_of: defaultdict[int, list[SlaRow]] = defaultdict(list)
            for s_row in sla:
                sla_of[s_row.conversation_id].append(
                    SlaRow(s_row.metric, s_row.outcome, s_row.due_at)
                )
            raw = await raw_connection(session)
            ts = raw.ts(now(session))
            for row in rows:
                outcomes = _outcomes(
                    row.language, row.status in FINISHED, by_conversation[row.id], sla_of[row.id]
                )
                for o in outcomes:
                    failures += not o.passed
                    await raw.execute(
                        SET_CHECK,
                        row.id,
                        o.check.value,
                        o.passed,
                        o.message_id,
                        o.detail[:1000],
                        ts,
                    )
            done += len(rows)
            last = ids[-1]
        if progress is not None:
            progress(done, last)
    return Rechecked(done, failures, time.perf_counter() - started, last)


def _outcomes(
    language: str, finished: bool, messages: list[Any], sla: list[SlaRow]
) -> list[Outcome]:
    failed: dict[Check, Outcome] = {}
    answers: list[Answer] = []
    for m in messages:
        screened = (m.meta or {}).get(SCREENED_META)
        if isinstance(screened, dict):
            failed.setdefault(
                Check.secret_request,
                Outcome(
                    Check.secret_request, False, m.id,
                    f"the bot held back an answer asking for {screened.get('kind')}: "
                    f"{screened.get('evidence', '')}",
                ),
            )  # fmt: skip
            continue
        if m.internal or m.author_kind == AuthorKind.system:
            continue
        answers.append(Answer(m.id, m.author_kind, m.created_at))
        for f in message_failures(
            m.body, author_kind=m.author_kind, language=m.language, conversation_language=language
        ):
            failed.setdefault(f.check, Outcome(f.check, False, m.id, f.detail))
    out = [failed.get(c, Outcome(c, True)) for c in MESSAGE_CHECKS]
    if finished:
        out += conversation_outcomes_of(sla, answers)
    return [o for o in out if finished or not o.passed]
