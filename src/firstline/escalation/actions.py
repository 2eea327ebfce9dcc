"""Escalating a conversation up the ladder or across to a business-line team, acknowledging,
returning it, and climbing by itself when nobody acknowledges in time.

An escalation does not take the conversation away from its owner: it brings in the people of
the target level (or team), who acknowledge it and then own the escalation; the front-line
agent keeps talking to the customer unless someone reassigns it. Every step is an audit entry
and an event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, RoleDefinition, Team, TeamMembership
from firstline.agents.permissions import Permission
from firstline.agents.roles import role_permissions
from firstline.audit.actions import record_audit
from firstline.audit.tables import ConfigTable, fits_id
from firstline.conversations.events import ConversationUpdated
from firstline.conversations.models import Conversation
from firstline.core.db import now
from firstline.core.errors import Conflict, Forbidden, InvalidInput
from firstline.core.events import Audience, emit
from firstline.core.rawsql import SQL, raw_connection
from firstline.escalation.events import (
    EscalationAcknowledged,
    EscalationClosed,
    EscalationRaised,
    EscalationReturned,
)
from firstline.escalation.models import Escalation, EscalationLevel, EscalationState
from firstline.escalation.rules import (
    DEFAULT_LADDER,
    FRONT_LINE,
    LATERAL_ACK_MINUTES,
    TOP,
    Level,
    may_answer,
    rank_of,
    role_rank,
)

ACTIVE = (EscalationState.open, EscalationState.acknowledged)
# A resolved or closed conversation owes nobody an acknowledgement and never climbs.
FINISHED = ("resolved", "closed")


async def ladder(db: AsyncSession) -> dict[int, Level]:
    """The ten levels: the deployment's own where configured, the defaults elsewhere."""
    levels = dict(DEFAULT_LADDER)
    for row in await db.scalars(select(EscalationLevel)):
        levels[row.level] = Level(
            row.level, row.name, row.role, tuple(row.agent_ids or ()), row.ack_minutes
        )
    return levels


async def responders(db: AsyncSession, level: Level) -> tuple[int, ...]:
    if level.agent_ids:
        return level.agent_ids
    wanted = [
        row.name
        for row in await db.scalars(select(RoleDefinition))
        if rank_of(role_permissions(row)) >= role_rank(level.role)
    ]
    ids = await db.scalars(
        select(Agent.id).where(Agent.is_active, Agent.role.in_(wanted)).order_by(Agent.id)
    )
    return tuple(ids)


async def team_members(db: AsyncSession, team_id: int) -> tuple[int, ...]:
    ids = await db.scalars(
        select(TeamMembership.agent_id)
        .where(TeamMembership.team_id == team_id)
        .order_by(TeamMembership.agent_id)
    )
    return tuple(ids)


async def active_escalation(db: AsyncSession, conversation_id: int) -> Escalation | None:
    found: Escalation | None = await db.scalar(
        select(Escalation)
        .where(Escalation.conversation_id == conversation_id, Escalation.state.in_(ACTIVE))
        .order_by(Escalation.id.desc())
        .limit(1)
    )
    return found


@dataclass(frozen=True, slots=True)
class Target:
    """Where an escalation goes: a level of the ladder, or a business-line team."""

    level: int | None = None
    team_id: int | None = None


def parse_target(value: Any, current: int) -> Target:
    """`"next"`, a level number, or `{"team_id": n}`, as the API and the console send it."""
    if value == "next":
        if current >= TOP:
            raise Conflict(f"The conversation is already at L{TOP}, the top of the ladder.")
        return Target(level=current + 1)
    if isinstance(value, bool):
        raise InvalidInput('to must be "next", a level from 2 to 10, or {"team_id": ...}.')
    if isinstance(value, int):
        if not 2 <= value <= TOP:
            raise InvalidInput(f"to must be a level from 2 to {TOP}; got {value}.")
        if value <= current:
            raise Conflict(
                f"The conversation is already at L{current}; escalate above it, or return it "
                "with POST .../escalation/return."
            )
        return Target(level=value)
    if isinstance(value, dict) and set(value) == {"team_id"} and isinstance(value["team_id"], int):
        return Target(team_id=value["team_id"])
    raise InvalidInput('to must be "next", a level from 2 to 10, or {"team_id": ...}.')


async def _audience(
    db: AsyncSession, conversation: Conversation, notify: tuple[int, ...]
) -> Audience:
    people = {*notify}
    if conversation.assignee_id is not None:
        people.add(conversation.assignee_id)
    return Audience(
        conversation_id=conversation.id,
        team_id=conversation.team_id,
        agent_ids=tuple(sorted(people)),
    )


async def do_escalate_conversation(
    db: AsyncSession,
    conversation: Conversation,
    *,
    target: Target,
    reason: str,
    acting_agent_id: int | None,
) -> Escalation:
    """Raise the conversation to `target`. An escalation still waiting for acknowledgement is
    superseded by the new one. `conversation` must be loaded for update."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("Say why: reason must not be empty.")
    if conversation.status in FINISHED:
        raise Conflict(
            f"Conversation {conversation.id} is {conversation.status}; nobody needs to answer "
            "an escalation of it. Reopen it first (PATCH status to open)."
        )
    at = now(db)
    levels = await ladder(db)
    current = conversation.escalation_level
    if target.team_id is not None:
        team = await db.get(Team, target.team_id)
        if team is None:
            raise InvalidInput(
                f"team_id {target.team_id} does not exist; see GET /api/v1/teams.",
                message="team_field_missing",
                args={"field": "team_id", "id": str(target.team_id)},
            )
        to_level = current
        notify = await team_members(db, team.id)
        ack_due = at + timedelta(minutes=LATERAL_ACK_MINUTES)
        target_name = team.name
    else:
        assert target.level is not None
        to_level = target.level
        level = levels[to_level]
        notify = await responders(db, level)
        ack_due = at + timedelta(minutes=level.ack_minutes)
        target_name = f"L{to_level} {level.name}"
    previous = await active_escalation(db, conversation.id)
    if previous is not None and previous.state == EscalationState.open:
        previous.state = EscalationState.climbed
        previous.closed_at = at
    escalation = Escalation(
        conversation_id=conversation.id,
        from_level=current,
        to_level=to_level,
        to_team_id=target.team_id,
        reason=reason,
        raised_by_agent_id=acting_agent_id,
        state=EscalationState.open,
        created_at=at,
        ack_due_at=ack_due,
    )
    db.add(escalation)
    conversation.escalation_level = to_level
    if target.team_id is not None:
        conversation.escalation_team_id = target.team_id
    conversation.updated_at = at
    await db.flush()
    automatic = acting_agent_id is None
    await record_audit(
        db,
        action="escalation.raised" if not automatic else "escalation.climbed",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_agent_id=acting_agent_id,
        data={
            "escalation_id": escalation.id,
            "from_level": current,
            "to_level": to_level,
            "to_team_id": target.team_id,
            "to": target_name,
            "reason": reason,
        },
    )
    audience = await _audience(db, conversation, notify)
    emit(
        db,
        EscalationRaised(
            occurred_at=at,
            audience=audience,
            escalation_id=escalation.id,
            conversation_id=conversation.id,
            from_level=current,
            to_level=to_level,
            to_team_id=target.team_id,
            reason=reason,
            ack_due_at=ack_due,
            automatic=automatic,
            notify_agent_ids=notify,
        ),
    )
    if to_level != current:
        emit(
            db,
            ConversationUpdated(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                changes={"escalation_level": to_level},
            ),
        )
    return escalation


async def _may_acknowledge(
    db: AsyncSession, escalation: Escalation, *, agent_id: int, permissions: frozenset[Permission]
) -> bool:
    if escalation.to_team_id is not None:
        # Whoever ranks with supervisors may take a lateral escalation for any team.
        if rank_of(permissions) >= role_rank("supervisor"):
            return True
        return agent_id in await team_members(db, escalation.to_team_id)
    level = (await ladder(db))[escalation.to_level]
    return may_answer(level, agent_id=agent_id, permissions=permissions)


async def do_acknowledge_escalation(
    db: AsyncSession,
    conversation: Conversation,
    *,
    agent_id: int,
    permissions: frozenset[Permission],
) -> Escalation:
    """The person answering at the target takes the escalation; its clock stops."""
    escalation = await active_escalation(db, conversation.id)
    if escalation is None or escalation.state != EscalationState.open:
        raise Conflict(
            f"Conversation {conversation.id} has no escalation waiting to be acknowledged."
        )
    if not await _may_acknowledge(db, escalation, agent_id=agent_id, permissions=permissions):
        where = (
            f"team {escalation.to_team_id}" if escalation.to_team_id else f"L{escalation.to_level}"
        )
        raise Forbidden(f"Only the people who answer at {where} can acknowledge this escalation.")
    at = now(db)
    escalation.state = EscalationState.acknowledged
    escalation.acknowledged_at = at
    escalation.acknowledged_by_agent_id = agent_id
    await db.flush()
    await record_audit(
        db,
        action="escalation.acknowledged",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_kind="agent",
        actor_agent_id=agent_id,
        data={"escalation_id": escalation.id, "level": escalation.to_level},
    )
    notify = (escalation.raised_by_agent_id,) if escalation.raised_by_agent_id else ()
    emit(
        db,
        EscalationAcknowledged(
            occurred_at=at,
            audience=await _audience(db, conversation, notify),
            escalation_id=escalation.id,
            conversation_id=conversation.id,
            level=escalation.to_level,
            agent_id=agent_id,
        ),
    )
    return escalation


async def do_return_escalation(
    db: AsyncSession, conversation: Conversation, *, reason: str, acting_agent_id: int | None
) -> Escalation:
    """De-escalate: the case goes back to the level (and the person) that raised it."""
    escalation = await active_escalation(db, conversation.id)
    if escalation is None:
        raise Conflict(f"Conversation {conversation.id} has no escalation to return.")
    at = now(db)
    escalation.state = EscalationState.returned
    escalation.closed_at = at
    lateral = escalation.to_team_id is not None
    back_to = conversation.escalation_level if lateral else escalation.from_level
    conversation.escalation_level = max(FRONT_LINE, back_to)
    if lateral:
        conversation.escalation_team_id = None
    conversation.updated_at = at
    await db.flush()
    reason = reason.strip() or "returned"
    await record_audit(
        db,
        action="escalation.returned",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_agent_id=acting_agent_id,
        data={"escalation_id": escalation.id, "to_level": conversation.escalation_level,
              "reason": reason},
    )  # fmt: skip
    notify = (escalation.raised_by_agent_id,) if escalation.raised_by_agent_id else ()
    audience = await _audience(db, conversation, notify)
    emit(
        db,
        EscalationReturned(
            occurred_at=at,
            audience=audience,
            escalation_id=escalation.id,
            conversation_id=conversation.id,
            level=conversation.escalation_level,
            to_agent_id=escalation.raised_by_agent_id,
            reason=reason,
        ),
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            changes={"escalation_level": conversation.escalation_level},
        ),
    )
    return escalation


_TEAM_AND_ASSIGNEE = SQL("SELECT team_id, assignee_id FROM conversations WHERE id = $1")


async def close_when_finished(db: AsyncSession, ev: ConversationUpdated) -> None:
    """A conversation resolved or closed closes its escalations: the reaction to the status
    change conversations/state/ announces (registered in escalation/__init__.py), run in its
    transaction so the two commit or roll back together."""
    status = ev.changes.get("status")
    if status not in FINISHED:
        return
    raw = await raw_connection(db)
    row = await raw.fetchone(_TEAM_AND_ASSIGNEE, ev.conversation_id)
    if row is None:
        return
    team_id, assignee_id = row
    await do_close_escalations(
        db, ev.conversation_id, reason=status, team_id=team_id, assignee_id=assignee_id,
        acting_agent_id=ev.by_agent_id,
    )  # fmt: skip


async def do_close_escalations(
    db: AsyncSession,
    conversation_id: int,
    *,
    reason: str,
    team_id: int | None,
    assignee_id: int | None,
    acting_agent_id: int | None,
) -> int:
    """Close the conversation's open and acknowledged escalations because the conversation was
    resolved or closed (`reason` says which); return how many were closed. Run in the
    transaction that finishes the conversation (`close_when_finished`), so an escalation nobody
    acknowledged does not stay on someone's board and climb after the customer was helped."""
    at = now(db)
    closed = await db.execute(
        update(Escalation)
        .where(Escalation.conversation_id == conversation_id, Escalation.state.in_(ACTIVE))
        .values(state=EscalationState.closed, closed_at=at, ack_due_at=None)
        .returning(Escalation.id, Escalation.to_level, Escalation.to_team_id,
                   Escalation.raised_by_agent_id)
        .execution_options(synchronize_session=False)
    )  # fmt: skip
    rows = closed.all()
    for escalation_id, level, to_team_id, raised_by in rows:
        await record_audit(
            db, action="escalation.closed", entity_type="conversation",
            entity_id=conversation_id, actor_agent_id=acting_agent_id,
            actor_kind="agent" if acting_agent_id is not None else "system",
            data={"escalation_id": escalation_id, "level": level, "reason": reason},
        )  # fmt: skip
        people = {a for a in (assignee_id, raised_by) if a is not None}
        if to_team_id is not None:
            people.update(await team_members(db, to_team_id))
        emit(
            db,
            EscalationClosed(
                occurred_at=at,
                audience=Audience(
                    conversation_id=conversation_id, team_id=team_id,
                    agent_ids=tuple(sorted(people)),
                ),
                escalation_id=escalation_id, conversation_id=conversation_id, level=level,
                to_team_id=to_team_id, reason=reason,
            ),
        )  # fmt: skip
    return len(rows)


async def any_climb_due(db: AsyncSession, at: datetime) -> bool:
    found = await db.scalar(
        select(Escalation.id)
        .where(Escalation.state == EscalationState.open, Escalation.ack_due_at <= at)
        .limit(1)
    )
    return found is not None


async def do_climb_overdue(db: AsyncSession, *, limit: int = 100) -> int:
    """Escalations not acknowledged by their deadline climb one level by themselves. The
    conditional update makes each climb happen once, however many workers run this."""
    at = now(db)
    overdue = (
        await db.execute(
            select(
                Escalation.id,
                Conversation.id,
                Conversation.status,
                Conversation.team_id,
                Conversation.assignee_id,
            )
            .join(Conversation, Conversation.id == Escalation.conversation_id)
            .where(Escalation.state == EscalationState.open, Escalation.ack_due_at <= at)
            .order_by(Escalation.ack_due_at)
            .limit(limit)
        )
    ).all()
    climbed = 0
    levels = await ladder(db)
    finished = [row for row in overdue if row[2] in FINISHED]
    for _, conversation_id, status, team_id, assignee_id in finished:
        # Left open by a resolve that did not close it (one made before resolving closed
        # escalations): close it rather than call people to a finished conversation.
        await do_close_escalations(
            db, conversation_id, reason=status, team_id=team_id, assignee_id=assignee_id,
            acting_agent_id=None,
        )  # fmt: skip
    for escalation_id, *_ in (row for row in overdue if row[2] not in FINISHED):
        won = await db.execute(
            update(Escalation)
            .where(Escalation.id == escalation_id, Escalation.state == EscalationState.open)
            .values(state=EscalationState.climbed, closed_at=at)
            .returning(Escalation.conversation_id, Escalation.to_level, Escalation.to_team_id,
                       Escalation.created_at)
            .execution_options(synchronize_session=False)
        )  # fmt: skip
        row = won.first()
        if row is None:
            continue
        conversation_id, level, team_id, raised_at = row
        conversation = await db.get(Conversation, conversation_id, with_for_update=True)
        if conversation is None:
            continue
        waited = int((at - raised_at).total_seconds() // 60)
        who = f"team {team_id}" if team_id is not None else f"L{level} {levels[level].name}"
        if conversation.escalation_level >= TOP:
            # Nobody is above the top: the escalation stays open there, without a deadline,
            # rather than being dropped.
            await record_audit(
                db, action="escalation.unacknowledged_at_top", entity_type="conversation",
                entity_id=conversation_id, actor_kind="system",
                data={"escalation_id": escalation_id, "waited_minutes": waited},
            )  # fmt: skip
            await db.execute(
                update(Escalation)
                .where(Escalation.id == escalation_id)
                .values(state=EscalationState.open, closed_at=None, ack_due_at=None)
                .execution_options(synchronize_session=False)
            )
            continue
        await do_escalate_conversation(
            db,
            conversation,
            target=Target(level=conversation.escalation_level + 1),
            reason=f"Not acknowledged by {who} within {waited} min",
            acting_agent_id=None,
        )
        climbed += 1
    return climbed


async def _check_level(
    db: AsyncSession, row: EscalationLevel | None, fields: dict[str, Any]
) -> dict[str, Any]:
    agent_ids = fields.get("agent_ids") or []
    if agent_ids:
        valid = [a for a in agent_ids if fits_id(a)]
        found = set(await db.scalars(select(Agent.id).where(Agent.id.in_(valid))))
        missing = sorted(set(agent_ids) - found)
        if missing:
            raise InvalidInput(
                f"agent_ids {missing} do not exist; see GET /api/v1/agents.",
                message="agents_missing",
                args={"ids": str(missing)},
            )
    return fields


# The rungs the deployment configured (ladder() fills the others with the defaults).
LEVELS = ConfigTable(
    model=EscalationLevel,
    noun="escalation level",
    entity_type="escalation_level",
    required=("name", "role", "agent_ids", "ack_minutes"),
    validate=_check_level,
)


async def do_set_level(
    db: AsyncSession,
    level: int,
    *,
    name: str,
    role: str,
    agent_ids: list[int],
    ack_minutes: int,
    acting_agent_id: int | None,
) -> Level:
    """Configure one rung of the ladder (named people, or a role; the acknowledgement time):
    the first time, its row is created; after that, it is changed."""
    if not 1 <= level <= TOP:
        raise InvalidInput(
            f"Levels run from 1 to {TOP}; got {level}.",
            message="escalation_level_range",
            args={"top": str(TOP), "level": str(level)},
        )
    fields = {"name": name, "role": role, "agent_ids": agent_ids, "ack_minutes": ack_minutes}
    row = await db.get(EscalationLevel, level)
    if row is None:
        await LEVELS.create(db, {"level": level, **fields}, acting_agent_id=acting_agent_id)
    else:
        await LEVELS.update(db, row, fields, acting_agent_id=acting_agent_id)
    return Level(level, name, role, tuple(agent_ids), ack_minutes)
