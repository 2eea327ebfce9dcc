"""The one owner of a conversation's status, assignee, team and priority.

Every change of those four columns, and of what moves with them (resolved_at, assigned_at, the
queue position and its relaxation), goes through a function here. Each checks a status change
against ALLOWED, writes the row, records the audit entry and emits the event, so a change made
by the bot, the chat, routing or the jobs is as visible as one an agent makes on the API.
tests/conversations/test_state_machine.py fails the build when another module writes these
columns itself (an `UPDATE conversations SET status = ...` or `conversation.status = ...`).

The hot paths (intake, message append, routing) keep hand-written SQL (core/rawsql.py), but
their statements are built here from named columns and cached per column set, so they cost
what the literal text cost and nobody counts positional parameters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from firstline.agents.models import Agent, Team
from firstline.audit.actions import record_audit
from firstline.conversations.access import ConversationState
from firstline.conversations.events import (
    ConversationAssigned,
    ConversationReopened,
    ConversationResolved,
    ConversationUpdated,
)
from firstline.conversations.models import Conversation, Status
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput
from firstline.core.events import Audience, emit
from firstline.core.rawsql import SQL, RawConnection, raw_connection
from firstline.routing.placement import Placement, load_team
from firstline.routing.rules import BOOST_PRIORITY, queue_rank
from firstline.sla.actions import record_outcome
from firstline.sla.models import Metric
from firstline.sla.rules import next_due

# The columns nobody else writes.
OWNED_COLUMNS = frozenset({"status", "assignee_id", "team_id", "priority"})

FINISHED = frozenset({Status.resolved.value, Status.closed.value})

# Every status change there is. Closed is final: a customer who writes again after that starts
# a new conversation. A resolved conversation is reopened (by its customer's message or by an
# agent) before it can wait on anyone again.
ALLOWED: dict[str, frozenset[str]] = {
    Status.bot: frozenset({Status.open, Status.resolved, Status.closed}),
    Status.open: frozenset({Status.pending, Status.on_hold, Status.resolved, Status.closed}),
    Status.pending: frozenset({Status.open, Status.on_hold, Status.resolved, Status.closed}),
    Status.on_hold: frozenset({Status.open, Status.pending, Status.resolved, Status.closed}),
    Status.resolved: frozenset({Status.open, Status.bot, Status.closed}),
    Status.closed: frozenset(),
}

# Changes that only the conversation's own course makes, never an agent setting the status:
# the bot hands over (routed, with the SLA clocks started: take-over does that for an agent),
# and a customer writing again into what the bot settled alone goes back to the bot.
NOT_BY_AGENT = frozenset(
    {(Status.bot.value, Status.open.value), (Status.resolved.value, Status.bot.value)}
)


def may_change_status(current: str, to: str, *, by_agent: bool = False) -> bool:
    if current == to:
        return True
    if to not in ALLOWED.get(current, frozenset()):
        return False
    return not (by_agent and (current, to) in NOT_BY_AGENT)


def _refusal(conversation_id: int, current: str, to: str) -> str:
    if current == Status.closed:
        return (
            f"Conversation {conversation_id} is closed, which is final; open a new conversation "
            "instead."
        )
    if current == Status.bot and to == Status.open:
        return (
            f"The bot is talking with the customer of conversation {conversation_id}; take it "
            f"over (POST /api/v1/conversations/{conversation_id}/bot/take-over) to open it."
        )
    if to == Status.bot:
        return (
            f"Conversation {conversation_id} goes back to the bot only when its customer writes "
            "again after the bot settled it."
        )
    choices = sorted(
        s for s in ALLOWED.get(current, ()) if may_change_status(current, s, by_agent=True)
    )
    return (
        f"Conversation {conversation_id} cannot go from {current} to {to}; from {current} it can "
        f"go to {', '.join(choices)}."
    )


def check_status_change(conversation_id: int, current: str, to: str, *, by_agent: bool) -> None:
    """Raise Conflict (409) unless `current` -> `to` is in ALLOWED."""
    if not may_change_status(current, to, by_agent=by_agent):
        raise Conflict(_refusal(conversation_id, current, to))


def _check_course(conversation_id: int, current: str, start: str, to: str) -> None:
    """A step of the conversation's own course (the bot's resolve, a handover, the return to
    the bot) starts from one status only, and must be in the table too."""
    if current != start:
        raise Conflict(
            f"Conversation {conversation_id} is {current}, not {start}; it cannot go to {to} "
            "this way."
        )
    check_status_change(conversation_id, current, to, by_agent=False)


# -- statements from named columns --------------------------------------------------------


@lru_cache(maxsize=128)
def _update(columns: tuple[str, ...], where: str = "") -> SQL:
    sets = ", ".join(f"{name} = ${i}" for i, name in enumerate(columns, start=2))
    condition = f" AND {where}" if where else ""
    return SQL(f"UPDATE conversations SET {sets} WHERE id = $1{condition}")


@lru_cache(maxsize=128)
def update_sql(columns: tuple[str, ...], where: str = "") -> SQL:
    """`UPDATE conversations SET a = $2, b = $3 ... WHERE id = $1 [AND where]`, for the other
    modules' columns (clocks, SLA, queue order); the owned ones are refused."""
    owned = OWNED_COLUMNS.intersection(columns)
    if owned:
        raise ValueError(f"{sorted(owned)} change only through conversations/state.py")
    return _update(columns, where)


@lru_cache(maxsize=16)
def insert_sql(columns: tuple[str, ...]) -> SQL:
    """`INSERT INTO conversations (a, b ...) VALUES ($1, $2 ...) RETURNING id`."""
    places = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
    return SQL(f"INSERT INTO conversations ({', '.join(columns)}) VALUES ({places}) RETURNING id")


def stored(raw: RawConnection, value: Any) -> Any:
    return raw.ts(value) if isinstance(value, datetime) else value


async def _write(
    raw: RawConnection, conversation_id: int, values: Mapping[str, Any], where: str = ""
) -> None:
    names = tuple(values)
    await raw.execute(
        _update(names, where), conversation_id, *(stored(raw, values[n]) for n in names)
    )


def _mirror(conversation: Conversation | ConversationState, values: Mapping[str, Any]) -> None:
    """Keep a loaded object in step with the row just written (an ORM object without marking
    it dirty, so the unit of work does not write it a second time)."""
    for name, value in values.items():
        if isinstance(conversation, Conversation):
            set_committed_value(conversation, name, value)
        elif hasattr(conversation, name):
            setattr(conversation, name, value)


def restore_status(state: ConversationState, status: str) -> None:
    """Put back the status a rolled-back savepoint had changed (the bot's failed turn)."""
    state.status = status


# -- a message's side: the customer reopens, an answer takes --------------------------------


async def do_reopen_by_customer(
    db: AsyncSession,
    conversation: Conversation | ConversationState,
    *,
    at: datetime,
    audience: Audience,
) -> None:
    """The customer's message reopens a pending, on-hold or resolved conversation."""
    previous = conversation.status
    check_status_change(conversation.id, previous, Status.open, by_agent=False)
    raw = await raw_connection(db)
    values = {"status": Status.open.value, "resolved_at": None}
    await _write(raw, conversation.id, values)
    _mirror(conversation, values)
    await record_audit(
        db,
        action="conversation.reopened",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_kind="customer",
        data={"status": Status.open.value},
    )
    emit(
        db,
        ConversationReopened(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            from_status=previous,
            to_status=Status.open.value,
            by="customer",
        ),
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            changes={"status": Status.open.value},
        ),
    )


async def write_after_message(
    raw: RawConnection,
    conversation: Conversation | ConversationState,
    values: dict[str, Any],
    *,
    taken_by: int | None,
    at: datetime,
) -> dict[str, Any]:
    """Write the clock and queue columns a message moved (conversations/clocks.py) in one
    statement, with the assignment when an agent's answer takes an unassigned conversation;
    return everything written."""
    if taken_by is not None and conversation.assignee_id is None:
        values["assignee_id"] = taken_by
        values["assigned_at"] = at
    await _write(raw, conversation.id, values)
    return values


async def announce_taken(
    db: AsyncSession,
    conversation: Conversation | ConversationState,
    *,
    agent_id: int,
    at: datetime,
    audience: Audience,
) -> None:
    """Audit and announce that an agent's answer took an unassigned conversation (written by
    write_after_message), so routing does not hand it to somebody else meanwhile."""
    await record_audit(
        db,
        action="conversation.taken",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_kind="agent",
        actor_agent_id=agent_id,
        data={"assignee_id": agent_id},
    )
    emit(
        db,
        ConversationAssigned(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            team_id=conversation.team_id,
            assignee_id=agent_id,
            previous_assignee_id=None,
            by_agent_id=agent_id,
        ),
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=audience,
            conversation_id=conversation.id,
            changes={"assignee_id": agent_id},
        ),
    )


# -- the bot's side --------------------------------------------------------------------------


async def do_return_to_bot(db: AsyncSession, state: ConversationState) -> None:
    """A customer writes again into a conversation the bot settled alone (no person ever had
    it): it reopens with the bot, which takes the new question."""
    _check_course(state.id, state.status, Status.resolved, Status.bot)
    previous = state.status
    raw = await raw_connection(db)
    at = now(db)
    values = {"status": Status.bot.value, "resolved_at": None, "updated_at": at}
    await _write(raw, state.id, values, "status = 'resolved'")
    _mirror(state, values)
    await record_audit(
        db,
        action="conversation.reopened",
        entity_type="conversation",
        entity_id=state.id,
        actor_kind="customer",
        data={"status": Status.bot.value},
    )
    audience = Audience(conversation_id=state.id, customer_id=state.customer_id)
    emit(
        db,
        ConversationReopened(
            occurred_at=at,
            audience=audience,
            conversation_id=state.id,
            from_status=previous,
            to_status=Status.bot.value,
            by="customer",
        ),
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=audience,
            conversation_id=state.id,
            changes={"status": Status.bot.value},
        ),
    )


async def do_resolve_by_bot(db: AsyncSession, state: ConversationState) -> None:
    """The customer said the bot's answer settled it."""
    _check_course(state.id, state.status, Status.bot, Status.resolved)
    previous = state.status
    raw = await raw_connection(db)
    at = now(db)
    values = {"status": Status.resolved.value, "resolved_at": at, "updated_at": at}
    await _write(raw, state.id, values, "status = 'bot'")
    _mirror(state, values)
    await record_audit(
        db,
        action="conversation.resolved",
        entity_type="conversation",
        entity_id=state.id,
        actor_kind="bot",
        data={"status": Status.resolved.value, "from_status": previous},
    )
    audience = Audience(
        conversation_id=state.id, team_id=state.team_id, customer_id=state.customer_id
    )
    emit(
        db,
        ConversationResolved(
            occurred_at=at,
            audience=audience,
            conversation_id=state.id,
            from_status=previous,
            by="bot",
        ),
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=audience,
            conversation_id=state.id,
            changes={"status": Status.resolved.value},
        ),
    )


async def do_place_handed_over(
    db: AsyncSession,
    state: ConversationState,
    placed: Placement,
    *,
    tags: Sequence[str],
    at: datetime,
) -> bool:
    """Open a conversation the bot hands over where `placed` says (team, agent or queue, SLA
    clocks from now); True when it raised the priority. The caller posts its note and then
    calls announce_handed_over."""
    _check_course(state.id, state.status, Status.bot, Status.open)
    raw = await raw_connection(db)
    sla_next = min(placed.first_response_due_at, placed.resolution_due_at)
    values: dict[str, Any] = {
        "status": Status.open.value,
        "team_id": placed.team_id,
        "assignee_id": placed.assignee_id,
        "assigned_at": placed.assigned_at,
        "queue_rank": placed.queue_rank,
        "queued_at": placed.queued_at,
        "priority_boost": placed.priority_boost,
        "required_skill": placed.required_skill,
        "relax_level": 0,
        "relax_at": placed.relax_at,
        "routing_reasons": raw.json(placed.reasons),
        "waiting_since": at,
        "sla_policy_id": placed.targets.policy_id,
        "first_response_due_at": placed.first_response_due_at,
        "resolution_due_at": placed.resolution_due_at,
        "sla_next_due_at": sla_next,
        "tags": raw.json(list(tags)),
        "priority": placed.priority,
        "updated_at": at,
    }
    await _write(raw, state.id, values, "status = 'bot'")
    raised = placed.priority != state.priority
    state.status = Status.open.value
    state.team_id = placed.team_id
    state.assignee_id = placed.assignee_id
    state.queue_rank = placed.queue_rank
    state.waiting_since = at
    state.first_response_due_at = placed.first_response_due_at
    state.resolution_due_at = placed.resolution_due_at
    state.priority_boost = placed.priority_boost
    state.sla_policy_id = placed.targets.policy_id
    state.priority = placed.priority
    return raised


async def announce_handed_over(
    db: AsyncSession,
    state: ConversationState,
    placed: Placement,
    *,
    raised: bool,
    reason: str,
    agent_id: int | None,
    at: datetime,
) -> None:
    audience = Audience(
        conversation_id=state.id,
        team_id=placed.team_id,
        agent_ids=(placed.assignee_id,) if placed.assignee_id else (),
    )
    changes: dict[str, Any] = {"status": Status.open.value, "team_id": placed.team_id}
    if raised:
        changes["priority"] = placed.priority
    if placed.assignee_id is not None:
        changes["assignee_id"] = placed.assignee_id
        emit(
            db,
            ConversationAssigned(
                occurred_at=at,
                audience=audience,
                conversation_id=state.id,
                team_id=placed.team_id,
                assignee_id=placed.assignee_id,
                previous_assignee_id=None,
            ),
        )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at, audience=audience, conversation_id=state.id, changes=changes
        ),
    )
    await record_audit(
        db,
        action="conversation.handed_over",
        entity_type="conversation",
        entity_id=state.id,
        actor_agent_id=agent_id,
        actor_kind="agent" if agent_id is not None else "bot",
        data={
            "reason": reason,
            "team_id": placed.team_id,
            "assignee_id": placed.assignee_id,
            "priority": placed.priority,
        },
    )


# -- routing's side --------------------------------------------------------------------------


async def do_assign_from_queue(
    db: AsyncSession,
    conversation_id: int,
    agent_id: int,
    *,
    team_id: int,
    reasons: list[dict[str, Any]],
    at: datetime,
    why: dict[str, Any],
    acting_agent_id: int | None,
) -> None:
    """Give a queued conversation to an agent. A racing assignment (another process got there
    first) makes the write a no-op."""
    raw = await raw_connection(db)
    values = {
        "assignee_id": agent_id,
        "assigned_at": at,
        "updated_at": at,
        "queue_rank": None,
        "queued_at": None,
        "relax_at": None,
        "routing_reasons": raw.json(reasons),
    }
    await _write(raw, conversation_id, values, "assignee_id IS NULL AND queue_rank IS NOT NULL")
    await record_audit(
        db,
        action="conversation.routed",
        entity_type="conversation",
        entity_id=conversation_id,
        actor_agent_id=acting_agent_id,
        data={"assignee_id": agent_id, "team_id": team_id, **why},
    )
    emit(
        db,
        ConversationAssigned(
            occurred_at=at,
            audience=Audience(
                conversation_id=conversation_id, team_id=team_id, agent_ids=(agent_id,)
            ),
            conversation_id=conversation_id,
            team_id=team_id,
            assignee_id=agent_id,
            previous_assignee_id=None,
            by_agent_id=acting_agent_id,
        ),
    )


async def do_requeue_from_agent(
    db: AsyncSession,
    conversation_id: int,
    *,
    from_agent_id: int,
    team_id: int | None,
    rank: int,
    relax_at: datetime | None,
    reasons: list[dict[str, Any]],
    at: datetime,
    why: str,
    acting_agent_id: int | None,
) -> None:
    """Take a conversation from its agent and put it back in its team's queue at `rank`."""
    raw = await raw_connection(db)
    values = {
        "assignee_id": None,
        "assigned_at": None,
        "queue_rank": rank,
        "queued_at": at,
        "relax_at": relax_at,
        "relax_level": 0,
        "routing_reasons": raw.json(reasons),
        "updated_at": at,
    }
    await _write(raw, conversation_id, values)
    await record_audit(
        db,
        action="conversation.rerouted",
        entity_type="conversation",
        entity_id=conversation_id,
        actor_agent_id=acting_agent_id,
        data={"from_agent_id": from_agent_id, "why": why},
    )
    emit(
        db,
        ConversationAssigned(
            occurred_at=at,
            audience=Audience(
                conversation_id=conversation_id, team_id=team_id, agent_ids=(from_agent_id,)
            ),
            conversation_id=conversation_id,
            team_id=team_id,
            assignee_id=None,
            previous_assignee_id=from_agent_id,
        ),
    )


async def do_relax_in_queue(
    db: AsyncSession,
    conversation_id: int,
    *,
    team_id: int,
    moved: bool,
    level: int,
    relax_at: datetime | None,
    reasons: list[dict[str, Any]],
    reason: dict[str, Any],
    at: datetime,
) -> None:
    """Record one relaxation of a waiting conversation's requirements; `moved` when it went
    to `team_id`, its old team's overflow."""
    raw = await raw_connection(db)
    values = {
        "team_id": team_id,
        "relax_level": level,
        "relax_at": relax_at,
        "routing_reasons": raw.json(reasons),
        "updated_at": at,
    }
    await _write(raw, conversation_id, values, "queue_rank IS NOT NULL")
    await record_audit(
        db,
        action="conversation.relaxed",
        entity_type="conversation",
        entity_id=conversation_id,
        actor_kind="system",
        data=reason,
    )
    changes: dict[str, Any] = {"relax_level": level}
    if moved:
        changes["team_id"] = team_id
    emit(
        db,
        ConversationUpdated(
            occurred_at=at,
            audience=Audience(conversation_id=conversation_id, team_id=team_id),
            conversation_id=conversation_id,
            changes=changes,
        ),
    )


# -- an agent's (or the system's) direct change ------------------------------------------------


async def _check_team(db: AsyncSession, team_id: int) -> None:
    if await db.scalar(select(Team.id).where(Team.id == team_id)) is None:
        raise InvalidInput(f"team_id {team_id} does not exist; see GET /api/v1/teams.")


async def _check_assignee(db: AsyncSession, agent_id: int) -> None:
    active = await db.scalar(select(Agent.is_active).where(Agent.id == agent_id))
    if active is None:
        raise InvalidInput(f"assignee_id {agent_id} does not exist; see GET /api/v1/agents.")
    if not active:
        raise InvalidInput(f"assignee_id {agent_id} is a disabled agent; pick an active one.")


async def do_change_conversation(
    db: AsyncSession,
    conversation: Conversation,
    changes: dict[str, Any],
    *,
    acting_agent_id: int | None,
) -> dict[str, Any]:
    """Change status, priority, team, assignee or tags; return what actually changed.

    `changes` holds only the fields the caller set. `conversation` must be loaded for update.
    conversations.actions.do_update_conversation adds what follows a resolution (escalations
    closed, the chat customer told).
    """
    for name in ("status", "priority", "tags"):
        if name in changes and changes[name] is None:
            raise InvalidInput(f"{name} cannot be null.")
    if "status" in changes:
        to = str(getattr(changes["status"], "value", changes["status"]))
        check_status_change(conversation.id, conversation.status, to, by_agent=True)
    if changes.get("team_id") is not None:
        await _check_team(db, changes["team_id"])
    if changes.get("assignee_id") is not None:
        await _check_assignee(db, changes["assignee_id"])

    at = now(db)
    applied: dict[str, Any] = {}
    previous_assignee = conversation.assignee_id
    previous_priority = conversation.priority
    previous_status = conversation.status
    for name, value in changes.items():
        value = value.value if hasattr(value, "value") else value
        if getattr(conversation, name) != value:
            setattr(conversation, name, value)
            applied[name] = value
    if not applied:
        return applied
    finished = "status" in applied and applied["status"] in FINISHED
    if "status" in applied:
        if finished:
            conversation.resolved_at = conversation.resolved_at or at
        else:
            conversation.resolved_at = None
    conversation.updated_at = at
    await requeue_after_update(db, conversation, applied, previous_priority, at)
    await db.flush()
    await record_audit(
        db,
        action="conversation.updated",
        entity_type="conversation",
        entity_id=conversation.id,
        actor_agent_id=acting_agent_id,
        data=applied,
    )
    audience = Audience(
        conversation_id=conversation.id,
        team_id=conversation.team_id,
        agent_ids=tuple(a for a in (conversation.assignee_id, previous_assignee) if a),
        customer_id=conversation.customer_id,
    )
    emit(
        db,
        ConversationUpdated(
            occurred_at=at, audience=audience, conversation_id=conversation.id, changes=applied
        ),
    )
    if "assignee_id" in applied or "team_id" in applied:
        emit(
            db,
            ConversationAssigned(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                team_id=conversation.team_id,
                assignee_id=conversation.assignee_id,
                previous_assignee_id=previous_assignee,
                by_agent_id=acting_agent_id,
            ),
        )
    by = "agent" if acting_agent_id is not None else "system"
    if applied.get("status") == Status.resolved:
        emit(
            db,
            ConversationResolved(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                from_status=previous_status,
                by=by,
                by_agent_id=acting_agent_id,
            ),
        )
    elif "status" in applied and previous_status in FINISHED:
        emit(
            db,
            ConversationReopened(
                occurred_at=at,
                audience=audience,
                conversation_id=conversation.id,
                from_status=previous_status,
                to_status=conversation.status,
                by=by,
                by_agent_id=acting_agent_id,
            ),
        )
    return applied


async def requeue_after_update(
    db: AsyncSession,
    c: Conversation,
    applied: dict[str, Any],
    previous_priority: str,
    at: datetime,
) -> None:
    """Keep the queue and the SLA clocks true to a change of status, priority, team or
    assignee: only an open, unassigned conversation waits in a queue; resolving stops every
    clock and records whether resolution was on time."""
    reasons = list(c.routing_reasons or [])
    if "priority" in applied:
        delta = BOOST_PRIORITY.get(c.priority, 0) - BOOST_PRIORITY.get(previous_priority, 0)
        c.priority_boost += delta
        reasons.append(
            {"factor": "priority", "seconds": delta, "priority": c.priority, "at": at.isoformat()}
        )
    if c.status in FINISHED:
        if c.resolution_due_at is not None and "status" in applied:
            await record_outcome(
                db,
                conversation_id=c.id,
                metric=Metric.resolution,
                due_at=c.resolution_due_at,
                at=at,
                team_id=c.team_id,
                language=c.language,
            )
        c.waiting_since = None
        c.next_response_due_at = None
    elif c.status in (Status.pending, Status.on_hold):
        # Waiting on the customer (or parked by an agent): no answer is owed meanwhile.
        c.waiting_since = None
        c.next_response_due_at = None
    waits = c.status == Status.open and c.assignee_id is None
    if not waits:
        c.queue_rank = c.queued_at = c.relax_at = None
    else:
        due = c.next_response_due_at or (
            c.first_response_due_at if c.first_response_at is None else None
        )
        c.queue_rank = queue_rank(due or at, c.priority_boost)
        if c.queued_at is None or "team_id" in applied:
            c.queued_at = at
            c.relax_level = 0
            raw = await raw_connection(db)
            team = await load_team(raw, c.team_id) if c.team_id is not None else None
            c.relax_at = at + timedelta(seconds=team.relax_after_seconds) if team else None
            why = "team changed" if "team_id" in applied else "waiting for an agent again"
            reasons.append(
                {"factor": "queued", "team_id": c.team_id, "why": why, "at": at.isoformat()}
            )
    if "assignee_id" in applied and c.assignee_id is not None:
        c.assigned_at = at
        reasons.append({"factor": "assigned", "agent_id": c.assignee_id, "at": at.isoformat()})
    c.routing_reasons = reasons
    c.sla_next_due_at = next_due(
        first_response_due_at=c.first_response_due_at,
        first_response_at=c.first_response_at,
        next_response_due_at=c.next_response_due_at,
        resolution_due_at=c.resolution_due_at,
        resolved=c.status in FINISHED,
    )
