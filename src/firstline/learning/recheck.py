"""Re-certification when the knowledge changes: a supervisor marks a published revision of an
article as a material change, and every certificate that depends on the article (its exam
has a question linked to it, or a course ending in that exam has the article as a module)
comes due: its holder reads the changed article and passes a short re-check (the exam's
questions on that article) within RECHECK_GRACE, or the certificate lapses with its
skills."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.learning.certificates import HELD, schedule
from firstline.learning.models import Certificate, Course, CourseModule, ExamQuestion
from firstline.learning.rules import RECHECK_GRACE


async def exams_on_article(db: AsyncSession, article_id: int) -> list[int]:
    by_question = set(
        (
            await db.scalars(
                select(ExamQuestion.exam_id).where(ExamQuestion.article_id == article_id)
            )
        ).all()
    )
    by_course = set(
        (
            await db.scalars(
                select(Course.exam_id)
                .join(CourseModule, CourseModule.course_id == Course.id)
                .where(CourseModule.article_id == article_id, Course.exam_id.is_not(None))
            )
        ).all()
    )
    return sorted(int(e) for e in by_question | by_course if e is not None)


async def flag_material_change(
    db: AsyncSession, article_id: int, revision: int, *, acting_agent_id: int | None
) -> int:
    """Ask the holders of every certificate depending on the article for a re-check; how
    many certificates were flagged."""
    exams = await exams_on_article(db, article_id)
    if not exams:
        return 0
    at = now(db)
    certs = (
        await db.scalars(
            select(Certificate).where(Certificate.exam_id.in_(exams), Certificate.status.in_(HELD))
        )
    ).all()
    for cert in certs:
        if article_id not in (cert.recheck_article_ids or []):
            cert.recheck_article_ids = [*(cert.recheck_article_ids or []), article_id]
        # A second change while one re-check is pending keeps the first deadline.
        cert.recheck_by = cert.recheck_by or at + RECHECK_GRACE
        cert.status = "due"
        cert.notified_at = None
        schedule(cert, at)
    await db.flush()
    await record_audit(
        db,
        action="learning.material_change",
        entity_type="article",
        entity_id=article_id,
        actor_agent_id=acting_agent_id,
        data={"revision": revision, "exam_ids": exams, "certificates": len(certs)},
    )
    return len(certs)
