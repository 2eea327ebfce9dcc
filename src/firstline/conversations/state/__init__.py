"""The one owner of a conversation's status, assignee, team and priority.

Every change of those four columns, and of what moves with them (resolved_at, assigned_at, the
queue position and its relaxation), goes through a function of this package. Each checks a
status change against the table (table.py), writes the row, records the audit entry and emits
the event, so a change made by the bot, the chat, routing or the jobs is as visible as one an
agent makes on the API. tests/conversations/test_state_machine.py fails the build when a module
outside this package writes these columns itself (`UPDATE conversations SET status = ...`,
`conversation.status = ...`).

The hot paths (intake, message append, routing) keep hand-written SQL (core/rawsql.py), but
their statements are built from named columns and cached per column set (_rows.py), so they
cost what the literal text cost and nobody counts positional parameters.

- table.py: the allowed changes and the sentence a refusal says
- messages.py: the customer's message reopens; an agent's answer takes an unassigned one
- bot.py: the bot resolves and hands over; a customer's message gives it back to the bot
- queues.py: routing assigns, takes back from an absent agent, relaxes
- changes.py: an agent's direct change (PATCH), and the queue and clocks that follow it
"""

from firstline.conversations.state._rows import insert_sql, update_sql
from firstline.conversations.state.bot import (
    announce_handed_over,
    do_place_handed_over,
    do_resolve_by_bot,
    do_return_to_bot,
    restore_status,
)
from firstline.conversations.state.changes import do_change_conversation, requeue_after_update
from firstline.conversations.state.messages import (
    announce_taken,
    do_reopen_by_customer,
    write_after_message,
)
from firstline.conversations.state.queues import (
    do_assign_from_queue,
    do_relax_in_queue,
    do_requeue_from_agent,
)
from firstline.conversations.state.table import (
    ALLOWED,
    FINISHED,
    NOT_BY_AGENT,
    OWNED_COLUMNS,
    check_status_change,
    may_change_status,
)

__all__ = [
    "ALLOWED",
    "FINISHED",
    "NOT_BY_AGENT",
    "OWNED_COLUMNS",
    "announce_handed_over",
    "announce_taken",
    "check_status_change",
    "do_assign_from_queue",
    "do_change_conversation",
    "do_place_handed_over",
    "do_relax_in_queue",
    "do_reopen_by_customer",
    "do_requeue_from_agent",
    "do_resolve_by_bot",
    "do_return_to_bot",
    "insert_sql",
    "may_change_status",
    "requeue_after_update",
    "restore_status",
    "update_sql",
    "write_after_message",
]
