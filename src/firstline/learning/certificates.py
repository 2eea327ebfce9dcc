"""Certificates: issued when an exam is passed, they grant routing skills and languages until
they lapse (expiry, or a re-check not passed after a material change to an article they
depend on). Whatever changes a certificate calls `sync_grants`, which sets what the agent's
certificates grant (agents.actions.do_set_granted) and lets routing fill the agent's queue
at once when a skill came."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.actions import do_set_granted
from firstline.agents.models import Agent
from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.learning.models import Certificate, Exam, ExamAttempt
from firstline.learning.rules import NOTICE, certificate_status
from firstline.routing.actions import do_react_to_agent_change

HELD = ("valid", "due")


def schedule(cert: Certificate, at: datetime) -> None:
    """Set when the skills go (`ends_at`: the earlier of expiry and re-check) and when the
    holder and their supervisors are told (`notice_at`: NOTICE before expiry, or at once
    when a re-check is asked)."""
    ends = [t for t in (cert.expires_at, cert.recheck_by) if t is not None]
    cert.ends_at = min(ends) if ends else None
    if cert.recheck_by is not None:
        cert.notice_at = at
    elif cert.expires_at is not None:
        cert.notice_at = cert.expires_at - NOTICE
    else:
        cert.notice_at = None


def status_is(status: str, at: datetime) -> ColumnElement[bool]:
    """`certificate_status(...) == status` as a SQL condition, so that a list filtered by
    status is filtered in the database (with `ends_at`, the earlier of expiry and re-check)."""
    if status in ("lapsed", "revoked"):
        stored: ColumnElement[bool] = Certificate.status == status
        if status == "revoked":
            return stored
        return or_(
            stored,
            and_(
                Certificate.status.in_(HELD),
                Certificate.ends_at.is_not(None),
                Certificate.ends_at <= at,
            ),
        )
    held = and_(
        Certificate.status.in_(HELD),
        or_(Certificate.ends_at.is_(None), Certificate.ends_at > at),
    )
    soon = or_(
        Certificate.recheck_by.is_not(None),
        and_(Certificate.expires_at.is_not(None), Certificate.expires_at <= at + NOTICE),
    )
    return and_(held, soon) if status == "due" else and_(held, ~soon)


def certificate_dict(cert: Certificate, exam_title: str, at: datetime) -> dict[str, Any]:
    return {
        "id": cert.id,
        "agent_id": cert.agent_id,
        "exam_id": cert.exam_id,
        "exam_title": exam_title,
        "skills": cert.skills or [],
        "languages": cert.languages or [],
        "score": cert.score,
        "issued_at": cert.issued_at,
        "expires_at": cert.expires_at,
        "status": certificate_status(cert.status, cert.expires_at, cert.recheck_by, at),
        "recheck_by": cert.recheck_by,
        "recheck_article_ids": cert.recheck_article_ids or [],
    }


async def certificates_of(db: AsyncSession, agent_id: int) -> list[dict[str, Any]]:
    rows = (
        await db.execute(
            select(Certificate, Exam.title)
            .join(Exam, Exam.id == Certificate.exam_id)
            .where(Certificate.agent_id == agent_id)
            .order_by(Certificate.id)
        )
    ).all()
    at = now(db)
    return [certificate_dict(c, title, at) for c, title in rows]


async def sync_grants(
    db: AsyncSession, agent_id: int, *, why: str, acting_agent_id: int | None
) -> dict[str, Any]:
    """Make the agent's granted skills and languages those of their certificates still held;
    what changed on the agent."""
    at = now(db)
    held = (
        await db.scalars(
            select(Certificate).where(
                Certificate.agent_id == agent_id, Certificate.status.in_(HELD)
            )
        )
    ).all()
    skills: list[str] = []
    languages: list[str] = []
    for cert in held:
        if certificate_status(cert.status, cert.expires_at, cert.recheck_by, at) in HELD:
            skills += cert.skills or []
            languages += cert.languages or []
    agent = await db.get(Agent, agent_id)
    if agent is None:
        return {}
    applied = await do_set_granted(
        db, agent, skills=skills, languages=languages, why=why, acting_agent_id=acting_agent_id
    )
    if applied and agent.is_active:
        await do_react_to_agent_change(db, agent_id, applied, acting_agent_id=acting_agent_id)
    return applied


async def issue_certificate(db: AsyncSession, exam: Exam, attempt: ExamAttempt) -> Certificate:
    """The certificate passing `attempt` earns: a new one, or the agent's one for this exam
    renewed. A passed re-check clears the re-check and keeps the expiry."""
    at = now(db)
    cert = await db.scalar(
        select(Certificate).where(
            Certificate.agent_id == attempt.agent_id, Certificate.exam_id == exam.id
        )
    )
    if cert is not None and attempt.recheck and cert.status in HELD:
        cert.status = "valid"
        cert.recheck_article_ids = []
        cert.recheck_by = None
        cert.notice_at = None
        cert.notified_at = None
        schedule(cert, at)
        action = "learning.certificate_rechecked"
    else:
        if cert is None:
            cert = Certificate(agent_id=attempt.agent_id, exam_id=exam.id)
            db.add(cert)
        cert.attempt_id = attempt.id
        cert.skills = list(exam.grants_skills or [])
        cert.languages = list(exam.grants_languages or [])
        cert.score = attempt.score
        cert.issued_at = at
        cert.expires_at = at + timedelta(days=exam.valid_days) if exam.valid_days else None
        cert.status = "valid"
        cert.recheck_article_ids = []
        cert.recheck_by = None
        cert.notice_at = None
        cert.notified_at = None
        cert.lapsed_at = None
        schedule(cert, at)
        action = "learning.certificate_issued"
    await db.flush()
    await record_audit(
        db,
        action=action,
        entity_type="certificate",
        entity_id=cert.id,
        actor_agent_id=attempt.agent_id,
        data={
            "exam_id": exam.id,
            "attempt_id": attempt.id,
            "skills": cert.skills,
            "languages": cert.languages,
            "expires_at": cert.expires_at.isoformat() if cert.expires_at else None,
        },
    )
    await sync_grants(
        db, attempt.agent_id, why=f"certificate {cert.id} issued", acting_agent_id=None
    )
    return cert


async def do_revoke_certificate(
    db: AsyncSession, cert: Certificate, *, acting_agent_id: int
) -> None:
    """A supervisor takes a certificate back: its skills go at once."""
    cert.status = "revoked"
    cert.lapsed_at = now(db)
    cert.ends_at = None
    cert.notice_at = None
    await db.flush()
    await record_audit(
        db,
        action="learning.certificate_revoked",
        entity_type="certificate",
        entity_id=cert.id,
        actor_agent_id=acting_agent_id,
        data={"agent_id": cert.agent_id, "exam_id": cert.exam_id},
    )
    await sync_grants(
        db, cert.agent_id, why=f"certificate {cert.id} revoked", acting_agent_id=acting_agent_id
    )
