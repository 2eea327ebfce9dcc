"""The learning report's running totals, bumped as each attempt is scored: per exam (scored,
passed, score sum, first certifications and the days they took) and per question (drawn,
missed). One upsert per row, so concurrent scorings add up instead of colliding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.rawsql import SQL, raw_connection

_EXAM_COUNTS = ("scored", "passed", "score_sum", "first_certified", "days_to_certify")
_BUMP_EXAM = SQL(
    f"INSERT INTO learning_exam_stats (exam_id, {', '.join(_EXAM_COUNTS)}) "
    "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (exam_id) DO UPDATE SET "
    + ", ".join(f"{c} = learning_exam_stats.{c} + excluded.{c}" for c in _EXAM_COUNTS)
)
_BUMP_QUESTION = SQL(
    "INSERT INTO learning_question_stats (question_id, exam_id, asked, missed) "
    "VALUES ($1, $2, $3, $4) ON CONFLICT (question_id) DO UPDATE SET "
    "asked = learning_question_stats.asked + excluded.asked, "
    "missed = learning_question_stats.missed + excluded.missed"
)


async def count_scored(
    db: AsyncSession,
    *,
    exam_id: int,
    question_ids: Sequence[int],
    points: Mapping[str, float],
    score: float,
    passed: bool,
    recheck: bool,
    days_to_first_certificate: float | None,
) -> None:
    raw = await raw_connection(db)
    if not recheck:  # a re-check is a few questions: it would skew the exam's pass rate
        await raw.execute(
            _BUMP_EXAM,
            exam_id,
            1,
            1 if passed else 0,
            float(score),
            0 if days_to_first_certificate is None else 1,
            float(days_to_first_certificate or 0.0),
        )
    for question_id in question_ids:
        got = points.get(str(question_id), 0.0)
        await raw.execute(_BUMP_QUESTION, question_id, exam_id, 1, 0 if got >= 1.0 else 1)
