"""Exams and attempts: a trainer writes an exam and its question bank; an agent starts an
attempt (the server draws the questions and holds the deadline), submits it once, and is
scored; a reviewer grades what people must grade; passing issues a certificate.

The answers never leave the server before the attempt is submitted: an attempt shows its
questions without `correct`. Submitting is one conditional UPDATE on the attempt's status, so
two tabs submitting the same attempt give one result and one 409."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent
from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput, NotFound
from firstline.knowledge.models import Article
from firstline.learning.certificates import issue_certificate
from firstline.learning.models import Certificate, Exam, ExamAttempt, ExamQuestion
from firstline.learning.rules import (
    CHOICE_KINDS,
    GRADED_BY_PEOPLE,
    SUBMIT_GRACE,
    Drawable,
    QuestionKind,
    certificate_status,
    choice_points,
    draw_questions,
    normalize_answer,
    passes,
    score_of,
)
from firstline.learning.schemas import ExamCreate, ExamUpdate, QuestionIn
from firstline.learning.stats import count_scored

_rng = random.SystemRandom()


def no_exam(exam_id: int) -> NotFound:
    return NotFound(f"No exam with id {exam_id}.", message="no_exam", args={"id": str(exam_id)})


def no_attempt(attempt_id: int) -> NotFound:
    return NotFound(
        f"No attempt with id {attempt_id}.", message="no_attempt", args={"id": str(attempt_id)}
    )


def _checked_question(n: int, q: QuestionIn) -> tuple[list[str], list[int]]:
    """The question's choices and right answers, or a 422 naming it (1-based, as people
    count)."""
    kind = QuestionKind(q.kind)
    if kind in GRADED_BY_PEOPLE:
        if q.choices or q.correct not in (None, [], False):
            raise InvalidInput(
                f"Question {n} is graded by a reviewer: it takes no choices and no correct "
                "answer (write what a good answer does in its rubric).",
                message="learning_question_graded_by_people",
                args={"n": n},
            )
        return [], []
    choices = list(q.choices)
    correct: list[int]
    if kind == QuestionKind.true_false:
        choices = choices or ["True", "False"]
        if isinstance(q.correct, bool):
            correct = [0 if q.correct else 1]
        elif isinstance(q.correct, int):
            correct = [q.correct]
        else:
            correct = list(q.correct or [])
    elif isinstance(q.correct, bool):
        raise InvalidInput(
            f"Question {n} has no correct choice: give the right choices' indexes.",
            message="learning_question_no_correct",
            args={"n": n},
        )
    elif isinstance(q.correct, int):
        correct = [q.correct]
    else:
        correct = list(q.correct or [])
    if len(choices) < 2:
        raise InvalidInput(
            f"Question {n} needs at least two choices.",
            message="learning_question_choices",
            args={"n": n},
        )
    if not correct:
        raise InvalidInput(
            f"Question {n} has no correct choice: give the right choices' indexes.",
            message="learning_question_no_correct",
            args={"n": n},
        )
    wrong = [i for i in correct if i < 0 or i >= len(choices)]
    if wrong:
        raise InvalidInput(
            f"Question {n}: correct choice {wrong[0]} is not one of its {len(choices)} "
            "choices (they count from 0).",
            message="learning_question_correct_range",
            args={"n": n, "index": wrong[0], "count": len(choices)},
        )
    correct = sorted(set(correct))
    if kind != QuestionKind.multiple and len(correct) != 1:
        raise InvalidInput(
            f"Question {n} takes one answer: mark exactly one choice correct.",
            message="learning_question_one_correct",
            args={"n": n},
        )
    return choices, correct


async def _check_articles(db: AsyncSession, wanted: Mapping[int, int]) -> None:
    """`wanted`: article id -> the 1-based number of the first question naming it."""
    if not wanted:
        return
    found = set((await db.scalars(select(Article.id).where(Article.id.in_(list(wanted))))).all())
    for article_id, n in wanted.items():
        if article_id not in found:
            raise InvalidInput(
                f"Question {n} links article {article_id}, which does not exist.",
                message="learning_no_article",
                args={"n": n, "id": str(article_id)},
            )


async def do_create_exam(db: AsyncSession, data: ExamCreate, *, acting_agent_id: int) -> Exam:
    checked = [_checked_question(n, q) for n, q in enumerate(data.questions, start=1)]
    await _check_articles(
        db,
        {
            q.article_id: n
            for n, q in reversed(list(enumerate(data.questions, start=1)))
            if q.article_id is not None
        },
    )
    bank = len(data.questions)
    draw = data.draw or bank
    if draw > bank:
        raise InvalidInput(
            f"The exam draws {draw} questions but its bank has {bank}.",
            message="learning_draw_too_many",
            args={"draw": draw, "count": bank},
        )
    topics = {q.topic for q in data.questions}
    for topic in data.topic_weights or {}:
        if topic not in topics:
            raise InvalidInput(
                f"topic_weights names “{topic}”, which no question has.",
                message="learning_unknown_topic",
                args={"topic": topic},
            )
    at = now(db)
    exam = Exam(
        title=data.title,
        locale=data.locale,
        description=data.description,
        pass_mark=data.pass_mark,
        time_limit_minutes=data.time_limit_minutes,
        draw=draw,
        attempts=data.attempts,
        cooldown_minutes=data.cooldown_minutes,
        topic_weights=dict(data.topic_weights) if data.topic_weights else None,
        grants_skills=list(dict.fromkeys(data.grants_skills)),
        grants_languages=list(data.grants_languages),
        valid_days=data.valid_days,
        archived=False,
        created_by_agent_id=acting_agent_id,
        created_at=at,
        updated_at=at,
    )
    db.add(exam)
    await db.flush()
    for position, (q, (choices, correct)) in enumerate(zip(data.questions, checked, strict=True)):
        db.add(
            ExamQuestion(
                exam_id=exam.id,
                position=position,
                kind=QuestionKind(q.kind).value,
                prompt=q.prompt,
                choices=choices,
                correct=correct,
                rubric=q.rubric,
                topic=q.topic,
                article_id=q.article_id,
            )
        )
    await db.flush()
    await record_audit(
        db,
        action="learning.exam_created",
        entity_type="exam",
        entity_id=exam.id,
        actor_agent_id=acting_agent_id,
        data={"title": exam.title, "questions": bank, "grants_skills": exam.grants_skills},
    )
    return exam


async def get_exam(db: AsyncSession, exam_id: int) -> Exam:
    exam = await db.get(Exam, exam_id)
    if exam is None:
        raise no_exam(exam_id)
    return exam


async def questions_of(db: AsyncSession, exam_id: int) -> list[ExamQuestion]:
    return list(
        (
            await db.scalars(
                select(ExamQuestion)
                .where(ExamQuestion.exam_id == exam_id)
                .order_by(ExamQuestion.position)
            )
        ).all()
    )


async def question_counts(db: AsyncSession, exam_ids: Sequence[int]) -> dict[int, int]:
    if not exam_ids:
        return {}
    rows = await db.execute(
        select(ExamQuestion.exam_id, func.count())
        .where(ExamQuestion.exam_id.in_(list(exam_ids)))
        .group_by(ExamQuestion.exam_id)
    )
    return {int(e): int(c) for e, c in rows.all()}


def question_dict(q: ExamQuestion, *, with_answer: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": q.id,
        "kind": q.kind,
        "prompt": q.prompt,
        "choices": q.choices or [],
        "topic": q.topic,
    }
    if with_answer:
        out |= {"correct": q.correct or [], "rubric": q.rubric, "article_id": q.article_id}
    return out


def exam_dict(
    exam: Exam, count: int, questions: Sequence[ExamQuestion] | None = None
) -> dict[str, Any]:
    return {
        "id": exam.id,
        "title": exam.title,
        "locale": exam.locale,
        "description": exam.description,
        "pass_mark": exam.pass_mark,
        "time_limit_minutes": exam.time_limit_minutes,
        "draw": exam.draw,
        "attempts": exam.attempts,
        "cooldown_minutes": exam.cooldown_minutes,
        "topic_weights": exam.topic_weights,
        "grants_skills": exam.grants_skills or [],
        "grants_languages": exam.grants_languages or [],
        "valid_days": exam.valid_days,
        "archived": bool(exam.archived),
        "question_count": count,
        "created_at": exam.created_at,
        "questions": (
            [question_dict(q, with_answer=True) for q in questions]
            if questions is not None
            else None
        ),
    }


async def do_update_exam(
    db: AsyncSession, exam: Exam, data: ExamUpdate, *, acting_agent_id: int
) -> dict[str, Any]:
    changes = {name: getattr(data, name) for name in data.model_fields_set}
    applied: dict[str, Any] = {}
    for field, value in changes.items():
        if value is None and field not in ("attempts", "valid_days"):
            raise InvalidInput(
                f"{field} cannot be null.", message="not_null", args={"field": field}
            )
        if getattr(exam, field) != value:
            setattr(exam, field, value)
            applied[field] = value
    if applied:
        exam.updated_at = now(db)
        await db.flush()
        await record_audit(
            db,
            action="learning.exam_updated",
            entity_type="exam",
            entity_id=exam.id,
            actor_agent_id=acting_agent_id,
            data=applied,
        )
    return applied


async def do_delete_exam(db: AsyncSession, exam: Exam, *, acting_agent_id: int) -> None:
    """Delete an exam nobody holds a certificate of; with certificates, archive it."""
    held = int(
        await db.scalar(
            select(func.count()).select_from(Certificate).where(Certificate.exam_id == exam.id)
        )
        or 0
    )
    if held:
        raise Conflict(
            f"{held} certificates depend on this exam: archive it instead of deleting it.",
            message="learning_exam_in_use",
            args={"count": held},
        )
    await record_audit(
        db,
        action="learning.exam_deleted",
        entity_type="exam",
        entity_id=exam.id,
        actor_agent_id=acting_agent_id,
        data={"title": exam.title},
    )
    await db.delete(exam)
    await db.flush()


def attempt_status(attempt: ExamAttempt, at: datetime) -> str:
    """An open attempt past its deadline (and the grace) is failed, whether or not anything
    wrote so yet."""
    if attempt.status == "open" and at > attempt.deadline + SUBMIT_GRACE:
        return "failed"
    return attempt.status


async def _ready_at(db: AsyncSession, exam: Exam, agent_id: int, at: datetime) -> None:
    """Refuse a new attempt while attempts are used up or the cool-down runs."""
    history = (
        await db.scalars(
            select(ExamAttempt)
            .where(ExamAttempt.agent_id == agent_id, ExamAttempt.exam_id == exam.id)
            .order_by(ExamAttempt.started_at.desc(), ExamAttempt.id.desc())
            .limit(200)
        )
    ).all()
    since_pass: list[ExamAttempt] = []
    for attempt in history:
        if attempt_status(attempt, at) == "passed":
            break
        since_pass.append(attempt)
    if exam.attempts is not None and len(since_pass) >= exam.attempts:
        raise Conflict(
            f"You have used all {exam.attempts} attempts at this exam; a trainer can give "
            "you more.",
            message="learning_attempts_used",
            args={"attempts": exam.attempts},
        )
    if since_pass and exam.cooldown_minutes:
        last = since_pass[0]
        ended = last.submitted_at or last.deadline
        ready = ended + timedelta(minutes=exam.cooldown_minutes)
        if attempt_status(last, at) == "failed" and ready > at:
            minutes = max(1, math.ceil((ready - at).total_seconds() / 60))
            raise Conflict(
                f"You can try this exam again in {minutes} minutes.",
                message="learning_cooldown",
                args={"minutes": minutes},
                retry_after=minutes * 60,
            )


async def do_start_attempt(db: AsyncSession, exam: Exam, agent_id: int) -> tuple[ExamAttempt, bool]:
    """The agent's attempt at `exam`: the one still running (a second tab, a reload), or a new
    one with its questions drawn; and whether it is new."""
    if exam.archived:
        raise Conflict(
            "This exam is archived: it can no longer be taken.", message="learning_exam_archived"
        )
    at = now(db)
    running = await db.scalar(
        select(ExamAttempt)
        .where(
            ExamAttempt.agent_id == agent_id,
            ExamAttempt.exam_id == exam.id,
            ExamAttempt.status == "open",
            ExamAttempt.deadline > at,
        )
        .order_by(ExamAttempt.id.desc())
        .limit(1)
    )
    if running is not None:
        return running, False
    await _ready_at(db, exam, agent_id, at)
    bank = await questions_of(db, exam.id)
    # A certificate asking for a re-check: only the questions on the changed articles.
    cert = await db.scalar(
        select(Certificate).where(Certificate.agent_id == agent_id, Certificate.exam_id == exam.id)
    )
    recheck = False
    if (
        cert is not None
        and cert.recheck_article_ids
        and certificate_status(cert.status, cert.expires_at, cert.recheck_by, at) == "due"
    ):
        changed = set(cert.recheck_article_ids)
        on_changed = [q for q in bank if q.article_id in changed]
        if on_changed:
            bank, recheck = on_changed, True
    if recheck:
        drawn = [q.id for q in bank]
        _rng.shuffle(drawn)
    else:
        drawn = draw_questions(
            [Drawable(q.id, q.topic) for q in bank], exam.draw, exam.topic_weights, _rng
        )
    attempt = ExamAttempt(
        exam_id=exam.id,
        agent_id=agent_id,
        question_ids=drawn,
        recheck=recheck,
        started_at=at,
        deadline=at + timedelta(minutes=exam.time_limit_minutes),
        status="open",
    )
    db.add(attempt)
    await db.flush()
    await record_audit(
        db,
        action="learning.attempt_started",
        entity_type="attempt",
        entity_id=attempt.id,
        actor_agent_id=agent_id,
        data={"exam_id": exam.id, "questions": len(drawn), "recheck": recheck},
    )
    return attempt, True


async def access_attempt(db: AsyncSession, attempt_id: int, agent_id: int) -> ExamAttempt:
    """The agent's own attempt; anyone else's is "not found"."""
    attempt = await db.get(ExamAttempt, attempt_id)
    if attempt is None or attempt.agent_id != agent_id:
        raise no_attempt(attempt_id)
    return attempt


async def drawn_questions(db: AsyncSession, attempt: ExamAttempt) -> list[ExamQuestion]:
    ids = list(attempt.question_ids or [])
    rows = {
        q.id: q
        for q in (await db.scalars(select(ExamQuestion).where(ExamQuestion.id.in_(ids)))).all()
    }
    return [rows[i] for i in ids if i in rows]


def attempt_dict(
    attempt: ExamAttempt, questions: Sequence[ExamQuestion], at: datetime
) -> dict[str, Any]:
    return {
        "id": attempt.id,
        "exam_id": attempt.exam_id,
        "agent_id": attempt.agent_id,
        "status": attempt_status(attempt, at),
        "started_at": attempt.started_at,
        "deadline": attempt.deadline,
        "submitted_at": attempt.submitted_at,
        "recheck": bool(attempt.recheck),
        "questions": [question_dict(q, with_answer=False) for q in questions],
        "score": attempt.score,
        "passed": attempt.passed,
    }


def topic_results(
    questions: Sequence[ExamQuestion], points: Mapping[str, float]
) -> list[dict[str, Any]]:
    """Per topic: how many right of how many, and the articles behind what was missed."""
    out: dict[str, dict[str, Any]] = {}
    for q in questions:
        row = out.setdefault(q.topic, {"topic": q.topic, "right": 0, "asked": 0, "article_ids": []})
        row["asked"] += 1
        got = points.get(str(q.id))
        if got is not None and got >= 1.0:
            row["right"] += 1
        elif q.article_id is not None and q.article_id not in row["article_ids"]:
            row["article_ids"].append(q.article_id)
    return list(out.values())


def _parse_answers(
    attempt: ExamAttempt, questions: Sequence[ExamQuestion], answers: Mapping[str, Any]
) -> dict[str, Any]:
    drawn = {str(q.id): q for q in questions}
    stray = [key for key in answers if key not in drawn]
    if stray:
        ids = ", ".join(sorted(stray)[:10])
        raise InvalidInput(
            f"Questions {ids} are not part of this attempt: answer only the questions it drew.",
            message="learning_not_drawn",
            args={"ids": ids},
        )
    return {
        key: normalize_answer(drawn[key].kind, drawn[key].choices or [], value, drawn[key].id)
        for key, value in answers.items()
        if value is not None
    }


async def _finish(db: AsyncSession, exam: Exam, attempt: ExamAttempt) -> Certificate | None:
    """Score a fully graded attempt and issue the certificate it earned."""
    points = attempt.points or {}
    drawn = len(attempt.question_ids or [])
    attempt.score = score_of(points, drawn)
    attempt.passed = passes(points, drawn, exam.pass_mark)
    attempt.status = "passed" if attempt.passed else "failed"
    await db.flush()
    days_to_first: float | None = None
    if attempt.passed:
        held_before = await db.scalar(
            select(Certificate.id).where(
                Certificate.agent_id == attempt.agent_id, Certificate.exam_id == exam.id
            )
        )
        agent = await db.get(Agent, attempt.agent_id)
        if held_before is None and agent is not None:
            days_to_first = max(0.0, (now(db) - agent.created_at).total_seconds() / 86400)
    await count_scored(
        db,
        exam_id=exam.id,
        question_ids=list(attempt.question_ids or []),
        points=points,
        score=attempt.score,
        passed=attempt.passed,
        recheck=bool(attempt.recheck),
        days_to_first_certificate=days_to_first,
    )
    if attempt.passed:
        return await issue_certificate(db, exam, attempt)
    return None


async def do_submit_attempt(
    db: AsyncSession, attempt: ExamAttempt, answers: Mapping[str, Any]
) -> Certificate | None:
    """Take the answers once, score what can be scored, and when nothing is left for a
    reviewer, say whether it passed (and issue the certificate)."""
    at = now(db)
    if attempt.status != "open":
        raise Conflict("This attempt was already submitted.", message="learning_submitted")
    if at > attempt.deadline + SUBMIT_GRACE:
        raise Conflict(
            "The time for this attempt ran out; the answers were not taken.",
            message="learning_late",
        )
    questions = await drawn_questions(db, attempt)
    parsed = _parse_answers(attempt, questions, answers)
    points: dict[str, float] = {}
    waiting = False
    for q in questions:
        key = str(q.id)
        if q.kind in CHOICE_KINDS:
            points[key] = choice_points(q.correct or [], parsed.get(key))
        elif key in parsed and parsed[key].strip():
            waiting = True
        else:
            points[key] = 0.0  # left empty: nothing to grade
    claimed = await db.execute(
        update(ExamAttempt)
        .where(ExamAttempt.id == attempt.id, ExamAttempt.status == "open")
        .values(status="grading" if waiting else "scored", submitted_at=at)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict("This attempt was already submitted.", message="learning_submitted")
    attempt.status = "grading" if waiting else "scored"
    attempt.submitted_at = at
    attempt.answers = parsed
    attempt.points = points
    await db.flush()
    await record_audit(
        db,
        action="learning.attempt_submitted",
        entity_type="attempt",
        entity_id=attempt.id,
        actor_agent_id=attempt.agent_id,
        data={"exam_id": attempt.exam_id, "answered": len(parsed), "grading": waiting},
    )
    if waiting:
        return None
    exam = await db.get(Exam, attempt.exam_id)
    assert exam is not None  # the attempt's foreign key
    return await _finish(db, exam, attempt)


async def do_grade_attempt(
    db: AsyncSession,
    attempt: ExamAttempt,
    points: Mapping[str, float],
    *,
    acting_agent_id: int,
) -> Certificate | None:
    """A reviewer's points (0 to 1) for the answers people grade; once every such answer has
    them, the attempt is scored."""
    if attempt.status != "grading":
        raise Conflict(
            "This attempt has no answers waiting to be graded.", message="learning_not_grading"
        )
    questions = await drawn_questions(db, attempt)
    gradable = {str(q.id) for q in questions if q.kind in GRADED_BY_PEOPLE}
    for key, value in points.items():
        if key not in gradable:
            raise InvalidInput(
                f"Question {key} is not a free-text question of this attempt.",
                message="learning_grade_unknown",
                args={"id": key},
            )
        if not 0.0 <= value <= 1.0 or math.isnan(value):
            raise InvalidInput(
                f"Points for question {key} go from 0 to 1.",
                message="learning_grade_range",
                args={"id": key},
            )
    merged = dict(attempt.points or {}) | {k: float(v) for k, v in points.items()}
    attempt.points = merged
    attempt.graded_by_agent_id = acting_agent_id
    await db.flush()
    await record_audit(
        db,
        action="learning.attempt_graded",
        entity_type="attempt",
        entity_id=attempt.id,
        actor_agent_id=acting_agent_id,
        data={"points": dict(points)},
    )
    if any(key not in merged for key in gradable):
        return None
    exam = await db.get(Exam, attempt.exam_id)
    assert exam is not None
    return await _finish(db, exam, attempt)
