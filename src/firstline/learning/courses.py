"""Courses: modules in order (knowledge-base articles, read at their current published
revision, or lessons of the course's own), an optional exam at the end, and who they are
for. Creating a course assigns it to the agents of its teams and roles and to those named;
an onboarding course also goes to every agent who joins one of its teams later
(`assign_onboarding`). An agent's progress is the modules they marked done and where they
stopped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, Team, TeamMembership
from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.core.errors import InvalidInput, NotFound
from firstline.knowledge.models import Article
from firstline.learning.models import (
    Course,
    CourseAssignment,
    CourseModule,
    Exam,
)
from firstline.learning.schemas import CourseCreate


def no_course(course_id: int) -> NotFound:
    return NotFound(
        f"No course with id {course_id}.", message="no_course", args={"id": str(course_id)}
    )


async def do_create_course(db: AsyncSession, data: CourseCreate, *, acting_agent_id: int) -> Course:
    for n, m in enumerate(data.modules, start=1):
        if m.kind == "article" and m.article_id is None:
            raise InvalidInput(
                f"Module {n} is an article: give its article_id.",
                message="learning_module_article",
                args={"n": n},
            )
        if m.kind == "lesson" and not (m.title.strip() and m.body.strip()):
            raise InvalidInput(
                f"Module {n} is a lesson: give it a title and a body.",
                message="learning_module_lesson",
                args={"n": n},
            )
    wanted = {m.article_id for m in data.modules if m.article_id is not None}
    if wanted:
        found = set((await db.scalars(select(Article.id).where(Article.id.in_(wanted)))).all())
        for n, m in enumerate(data.modules, start=1):
            if m.article_id is not None and m.article_id not in found:
                raise InvalidInput(
                    f"Module {n} links article {m.article_id}, which does not exist.",
                    message="learning_module_no_article",
                    args={"n": n, "id": str(m.article_id)},
                )
    if data.exam_id is not None and await db.get(Exam, data.exam_id) is None:
        raise InvalidInput(
            f"No exam with id {data.exam_id}.", message="no_exam", args={"id": str(data.exam_id)}
        )
    teams = sorted(set(data.team_ids))
    if teams:
        known = set((await db.scalars(select(Team.id).where(Team.id.in_(teams)))).all())
        missing = [t for t in teams if t not in known]
        if missing:
            raise InvalidInput(
                f"No team with id {missing[0]}; see GET /api/v1/teams.",
                message="teams_missing",
                args={"ids": str(missing[0])},
            )
    at = now(db)
    course = Course(
        title=data.title,
        locale=data.locale,
        description=data.description,
        exam_id=data.exam_id,
        team_ids=teams,
        roles=sorted(set(data.roles)),
        onboarding=data.onboarding,
        for_managers=data.for_managers,
        due_days=data.due_days,
        archived=False,
        created_by_agent_id=acting_agent_id,
        created_at=at,
        updated_at=at,
    )
    db.add(course)
    await db.flush()
    for position, m in enumerate(data.modules):
        title = m.title.strip()
        if m.kind == "article" and not title:
            article = await db.get(Article, m.article_id)
            title = article.title if article is not None else ""
        db.add(
            CourseModule(
                course_id=course.id,
                position=position,
                kind=m.kind,
                title=title,
                body=m.body if m.kind == "lesson" else "",
                article_id=m.article_id if m.kind == "article" else None,
            )
        )
    await db.flush()
    await record_audit(
        db,
        action="learning.course_created",
        entity_type="course",
        entity_id=course.id,
        actor_agent_id=acting_agent_id,
        data={"title": course.title, "modules": len(data.modules), "team_ids": teams},
    )
    audience = await _audience(db, teams, course.roles)
    await assign(db, course, audience, reason="team", at=at)
    if course.for_managers:
        managers = (
            await db.scalars(select(Agent.id).where(Agent.is_manager, Agent.is_active))
        ).all()
        await assign(
            db, course, [m for m in managers if m not in audience], reason="manager", at=at
        )
    if data.agent_ids:
        named = set(
            (
                await db.scalars(
                    select(Agent.id).where(Agent.id.in_(data.agent_ids), Agent.is_active)
                )
            ).all()
        )
        missing_agents = [a for a in data.agent_ids if a not in named]
        if missing_agents:
            raise InvalidInput(
                f"No agent with id {missing_agents[0]}.",
                message="no_agent",
                args={"id": str(missing_agents[0])},
            )
        await assign(db, course, sorted(named - set(audience)), reason="manual", at=at)
    return course


async def _audience(db: AsyncSession, team_ids: Sequence[int], roles: Sequence[str]) -> list[int]:
    ids: set[int] = set()
    if team_ids:
        ids |= set(
            (
                await db.scalars(
                    select(TeamMembership.agent_id)
                    .join(Agent, Agent.id == TeamMembership.agent_id)
                    .where(TeamMembership.team_id.in_(list(team_ids)), Agent.is_active)
                )
            ).all()
        )
    if roles:
        ids |= set(
            (
                await db.scalars(
                    select(Agent.id).where(Agent.role.in_(list(roles)), Agent.is_active)
                )
            ).all()
        )
    return sorted(ids)


async def assign(
    db: AsyncSession, course: Course, agent_ids: Iterable[int], *, reason: str, at: datetime
) -> int:
    """Give the course to these agents (those who have it keep their progress); how many got
    it now."""
    wanted = list(dict.fromkeys(agent_ids))
    if not wanted:
        return 0
    have = set(
        (
            await db.scalars(
                select(CourseAssignment.agent_id).where(
                    CourseAssignment.course_id == course.id,
                    CourseAssignment.agent_id.in_(wanted),
                )
            )
        ).all()
    )
    due = at + timedelta(days=course.due_days) if course.due_days else None
    added = 0
    for agent_id in wanted:
        if agent_id in have:
            continue
        db.add(
            CourseAssignment(
                course_id=course.id,
                agent_id=agent_id,
                reason=reason,
                assigned_at=at,
                due_at=due,
                done_module_ids=[],
            )
        )
        added += 1
    await db.flush()
    return added


async def assign_onboarding(db: AsyncSession, agent_id: int, team_ids: Iterable[int]) -> int:
    """An agent joined these teams: the teams' onboarding courses are theirs."""
    teams = set(team_ids)
    if not teams:
        return 0
    courses = (
        await db.scalars(select(Course).where(Course.onboarding, Course.archived.is_(False)))
    ).all()
    at = now(db)
    added = 0
    for course in courses:
        if teams & set(course.team_ids or []):
            added += await assign(db, course, [agent_id], reason="onboarding", at=at)
    return added


async def assign_for_managers(db: AsyncSession, agent_id: int) -> int:
    """An agent flagged as a manager: the managers' courses are theirs."""
    courses = (
        await db.scalars(select(Course).where(Course.for_managers, Course.archived.is_(False)))
    ).all()
    at = now(db)
    added = 0
    for course in courses:
        added += await assign(db, course, [agent_id], reason="manager", at=at)
    return added


async def modules_of(db: AsyncSession, course_ids: Sequence[int]) -> dict[int, list[CourseModule]]:
    out: dict[int, list[CourseModule]] = {c: [] for c in course_ids}
    if not course_ids:
        return out
    for m in (
        await db.scalars(
            select(CourseModule)
            .where(CourseModule.course_id.in_(list(course_ids)))
            .order_by(CourseModule.course_id, CourseModule.position)
        )
    ).all():
        out[m.course_id].append(m)
    return out


def module_dict(m: CourseModule) -> dict[str, Any]:
    return {
        "id": m.id,
        "position": m.position,
        "kind": m.kind,
        "title": m.title,
        "article_id": m.article_id,
    }


async def course_dicts(db: AsyncSession, courses: Sequence[Course]) -> list[dict[str, Any]]:
    ids = [c.id for c in courses]
    modules = await modules_of(db, ids)
    counts: dict[int, tuple[int, int]] = {}
    if ids:
        rows = await db.execute(
            select(
                CourseAssignment.course_id,
                func.count(),
                func.count(CourseAssignment.completed_at),
            )
            .where(CourseAssignment.course_id.in_(ids))
            .group_by(CourseAssignment.course_id)
        )
        counts = {int(c): (int(n), int(done)) for c, n, done in rows.all()}
    return [
        {
            "id": c.id,
            "title": c.title,
            "locale": c.locale,
            "description": c.description,
            "exam_id": c.exam_id,
            "team_ids": c.team_ids or [],
            "roles": c.roles or [],
            "onboarding": bool(c.onboarding),
            "for_managers": bool(c.for_managers),
            "due_days": c.due_days,
            "archived": bool(c.archived),
            "modules": [module_dict(m) for m in modules.get(c.id, [])],
            "assigned": counts.get(c.id, (0, 0))[0],
            "completed": counts.get(c.id, (0, 0))[1],
            "created_at": c.created_at,
        }
        for c in courses
    ]


async def do_record_progress(
    db: AsyncSession, assignment: CourseAssignment, module_id: int, done: bool
) -> None:
    """The agent opened or finished a module: where they stopped, and whether the course is
    now complete (every module done; the exam, if any, is its own certificate)."""
    module_ids = [
        m
        for m in (
            await db.scalars(
                select(CourseModule.id)
                .where(CourseModule.course_id == assignment.course_id)
                .order_by(CourseModule.position)
            )
        ).all()
    ]
    if module_id not in module_ids:
        raise InvalidInput(
            f"Module {module_id} is not part of this course.",
            message="learning_module_unknown",
            args={"id": str(module_id)},
        )
    done_ids = [m for m in (assignment.done_module_ids or []) if m in module_ids]
    if done and module_id not in done_ids:
        done_ids.append(module_id)
    if not done and module_id in done_ids:
        done_ids.remove(module_id)
    assignment.done_module_ids = done_ids
    assignment.last_module_id = module_id
    complete = set(module_ids) <= set(done_ids)
    if complete and assignment.completed_at is None:
        assignment.completed_at = now(db)
    elif not complete:
        assignment.completed_at = None
    await db.flush()
