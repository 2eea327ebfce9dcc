"""The learning report: per exam its pass rate, average score, holders and time to first
certification (from learning_exam_stats), the hardest questions (learning_question_stats),
course completion, and the certificates whose skills go in the next days (through the
(status, ends_at) index). Nothing here reads the attempts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent
from firstline.learning.certificates import HELD
from firstline.learning.models import (
    Certificate,
    Course,
    CourseAssignment,
    Exam,
    ExamQuestion,
    ExamStats,
    QuestionStats,
)

HARDEST = 20


async def learning_report(db: AsyncSession, at: datetime, *, lapsing_days: int) -> dict[str, Any]:
    exams = list(
        (await db.scalars(select(Exam).order_by(Exam.archived, Exam.id.desc()).limit(200))).all()
    )
    ids = [e.id for e in exams]
    stats = {
        s.exam_id: s
        for s in (await db.scalars(select(ExamStats).where(ExamStats.exam_id.in_(ids)))).all()
    }
    holders: dict[int, int] = {}
    if ids:
        for exam_id, count in (
            await db.execute(
                select(Certificate.exam_id, func.count())
                .where(Certificate.exam_id.in_(ids), Certificate.status.in_(HELD))
                .group_by(Certificate.exam_id)
            )
        ).all():
            holders[int(exam_id)] = int(count)
    exam_rows = []
    for e in exams:
        s = stats.get(e.id)
        scored = s.scored if s else 0
        exam_rows.append(
            {
                "exam_id": e.id,
                "title": e.title,
                "archived": bool(e.archived),
                "scored": scored,
                "passed": s.passed if s else 0,
                "pass_rate": round(s.passed / scored, 4) if s and scored else None,
                "average_score": round(s.score_sum / scored, 1) if s and scored else None,
                "holders": holders.get(e.id, 0),
                "days_to_certify": (
                    round(s.days_to_certify / s.first_certified, 1)
                    if s and s.first_certified
                    else None
                ),
            }
        )
    hardest = (
        await db.execute(
            select(QuestionStats, ExamQuestion.prompt, ExamQuestion.topic)
            .join(ExamQuestion, ExamQuestion.id == QuestionStats.question_id)
            .where(QuestionStats.exam_id.in_(ids), QuestionStats.asked > 0)
            .order_by(
                (QuestionStats.missed * 1.0 / QuestionStats.asked).desc(),
                QuestionStats.asked.desc(),
            )
            .limit(HARDEST)
        )
    ).all()
    courses = list(
        (
            await db.scalars(
                select(Course).where(Course.archived.is_(False)).order_by(Course.id).limit(200)
            )
        ).all()
    )
    completion: dict[int, tuple[int, int]] = {}
    if courses:
        for course_id, assigned, done in (
            await db.execute(
                select(
                    CourseAssignment.course_id,
                    func.count(),
                    func.count(CourseAssignment.completed_at),
                )
                .where(CourseAssignment.course_id.in_([c.id for c in courses]))
                .group_by(CourseAssignment.course_id)
            )
        ).all():
            completion[int(course_id)] = (int(assigned), int(done))
    until = at + timedelta(days=lapsing_days)
    lapsing: list[Any] = []
    for status in HELD:
        lapsing += (
            await db.execute(
                select(Certificate, Agent.name, Exam.title)
                .join(Agent, Agent.id == Certificate.agent_id)
                .join(Exam, Exam.id == Certificate.exam_id)
                .where(
                    Certificate.status == status,
                    Certificate.ends_at.is_not(None),
                    Certificate.ends_at <= until,
                )
                .order_by(Certificate.ends_at)
                .limit(500)
            )
        ).all()
    lapsing.sort(key=lambda row: row[0].ends_at)
    return {
        "exams": exam_rows,
        "hardest_questions": [
            {
                "question_id": q.question_id,
                "exam_id": q.exam_id,
                "prompt": prompt[:300],
                "topic": topic,
                "asked": q.asked,
                "missed": q.missed,
                "miss_rate": round(q.missed / q.asked, 4),
            }
            for q, prompt, topic in hardest
        ],
        "courses": [
            {
                "course_id": c.id,
                "title": c.title,
                "assigned": completion.get(c.id, (0, 0))[0],
                "completed": completion.get(c.id, (0, 0))[1],
            }
            for c in courses
        ],
        "lapsing": [
            {
                "certificate_id": c.id,
                "agent_id": c.agent_id,
                "agent_name": name,
                "exam_id": c.exam_id,
                "exam_title": title,
                "ends_at": c.ends_at,
                "recheck": c.recheck_by is not None,
            }
            for c, name, title in lapsing[:500]
        ],
        "lapsing_days": lapsing_days,
    }
