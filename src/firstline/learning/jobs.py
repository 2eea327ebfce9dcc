"""The certificates' clock: a certificate whose time has come lapses (its skills go, and
routing stops giving the agent that work), and one coming due is announced to its holder and
to the supervisors of the holder's teams, by mail, once.

Both reads go through the (status, ends_at) and (status, notice_at) indexes, one probe per
held status; a row is claimed by the update that changes it, so two processes running the
job lapse and announce each certificate once.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, RoleDefinition, TeamMembership
from firstline.agents.permissions import Permission, permissions_of
from firstline.audit.actions import record_audit
from firstline.core.db import Database, now
from firstline.core.i18n import t
from firstline.core.jobs import drain
from firstline.learning.certificates import HELD, sync_grants
from firstline.learning.models import Certificate, Exam
from firstline.mail.notices import queue_notice

BATCH = 100


async def _any(s: AsyncSession, column: str, at: datetime) -> bool:
    col = getattr(Certificate, column)
    for status in HELD:
        found = await s.scalar(
            select(Certificate.id)
            .where(Certificate.status == status, col.is_not(None), col <= at)
            .limit(1)
        )
        if found is not None:
            return True
    return False


async def _ids(s: AsyncSession, column: str, at: datetime) -> list[int]:
    col = getattr(Certificate, column)
    out: list[int] = []
    for status in HELD:
        out += list(
            (
                await s.scalars(
                    select(Certificate.id)
                    .where(Certificate.status == status, col.is_not(None), col <= at)
                    .order_by(col)
                    .limit(BATCH)
                )
            ).all()
        )
    return out[:BATCH]


async def supervisors_of(db: AsyncSession, agent_id: int) -> list[Agent]:
    """Active agents of the holder's teams who staff the floor (agents.staff) or train
    (learning.manage)."""
    teams = select(TeamMembership.team_id).where(TeamMembership.agent_id == agent_id)
    mates = select(TeamMembership.agent_id).where(TeamMembership.team_id.in_(teams))
    people = (
        await db.scalars(
            select(Agent).where(Agent.id.in_(mates), Agent.is_active, Agent.id != agent_id)
        )
    ).all()
    custom = {
        r.name: r.permissions
        for r in (await db.scalars(select(RoleDefinition).where(RoleDefinition.builtin.is_(False))))
    }
    wanted = {Permission.agents_staff, Permission.learning_manage}
    return [p for p in people if wanted & permissions_of(p.role, custom.get(p.role))]


async def _tell(
    db: AsyncSession, cert: Certificate, exam_title: str, key: str, args: dict[str, object]
) -> None:
    holder = await db.get(Agent, cert.agent_id)
    if holder is None:
        return
    for person in [holder, *await supervisors_of(db, holder.id)]:
        language = person.ui_language or "en"
        whose = "own" if person.id == holder.id else "other"
        values = {**args, "exam": exam_title, "name": holder.name, "whose": whose}
        await queue_notice(
            db,
            to=person.email,
            subject=t(f"learning.notice_{key}_subject", language, **values),
            body=t(f"learning.notice_{key}_body", language, **values),
        )


async def _claim(
    s: AsyncSession, cert_id: int, column: str, at: datetime, **values: object
) -> tuple[Certificate, str] | None:
    """Take one certificate whose `column` time has come, with a conditional update so that
    two job processes never both act on it; the certificate and its exam's title, or None
    when another process took it first."""
    col = getattr(Certificate, column)
    claimed = await s.execute(
        update(Certificate)
        .where(Certificate.id == cert_id, Certificate.status.in_(HELD), col <= at)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    cert = await s.get(Certificate, cert_id, populate_existing=True)
    assert cert is not None
    exam = await s.get(Exam, cert.exam_id)
    return cert, exam.title if exam else ""


async def lapse_certificates(db: Database) -> int:
    """Lapse the certificates whose expiry or re-check deadline passed; how many."""

    async def due(s: AsyncSession, at: datetime) -> bool:
        return await _any(s, "ends_at", at)

    async def batch(s: AsyncSession) -> tuple[int, int]:
        at = now(s)
        ids = await _ids(s, "ends_at", at)
        lapsed = 0
        for cert_id in ids:
            taken = await _claim(
                s, cert_id, "ends_at", at, status="lapsed", lapsed_at=at, notice_at=None
            )
            if taken is None:
                continue
            cert, title = taken
            why = "recheck" if cert.recheck_by is not None and cert.recheck_by <= at else "expired"
            await record_audit(
                s,
                action="learning.certificate_lapsed",
                entity_type="certificate",
                entity_id=cert.id,
                data={"agent_id": cert.agent_id, "exam_id": cert.exam_id, "why": why},
            )
            await sync_grants(
                s, cert.agent_id, why=f"certificate {cert.id} lapsed", acting_agent_id=None
            )
            await _tell(
                s, cert, title, "lapsed",
                {"skills": ", ".join(cert.skills or []) or "-"},
            )  # fmt: skip
            lapsed += 1
        return len(ids), lapsed

    return await drain(db, due, batch, BATCH)


async def announce_due(db: Database) -> int:
    """Tell holders (and their supervisors) that a certificate comes due; how many."""

    async def due(s: AsyncSession, at: datetime) -> bool:
        return await _any(s, "notice_at", at)

    async def batch(s: AsyncSession) -> tuple[int, int]:
        at = now(s)
        ids = await _ids(s, "notice_at", at)
        told = 0
        for cert_id in ids:
            taken = await _claim(
                s, cert_id, "notice_at", at, status="due", notice_at=None, notified_at=at
            )
            if taken is None:
                continue
            cert, title = taken
            ends = cert.ends_at or at
            await _tell(
                s, cert, title,
                "recheck" if cert.recheck_by is not None else "due",
                {"days": max(0, (ends - at).days), "date": ends.date().isoformat()},
            )  # fmt: skip
            told += 1
        return len(ids), told

    return await drain(db, due, batch, BATCH)
