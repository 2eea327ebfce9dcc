"""The table of status changes: which are allowed, which only the conversation's own course
(the bot, the customer's message) makes, and the sentence a refusal says."""

from __future__ import annotations

from firstline.conversations.models import Status
from firstline.core.errors import Conflict

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


def check_course(conversation_id: int, current: str, start: str, to: str) -> None:
    """A step of the conversation's own course (the bot's resolve, a handover, the return to
    the bot) starts from one status only, and must be in the table too."""
    if current != start:
        raise Conflict(
            f"Conversation {conversation_id} is {current}, not {start}; it cannot go to {to} "
            "this way."
        )
    check_status_change(conversation_id, current, to, by_agent=False)
