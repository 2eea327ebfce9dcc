"""Routing's writes: queues (routing after intake) and configuration (the rules)."""

from firstline.routing.actions.config import (
    RULES,
    do_create_rule,
    do_delete_rule,
    do_update_routing_settings,
    do_update_rule,
    get_routing_settings,
)
from firstline.routing.actions.queues import (
    any_relaxation_due,
    do_fill_agent,
    do_pull_conversation,
    do_react_to_agent_change,
    do_relax_waiting,
    do_requeue_unanswered,
    do_route_team_queue,
    teams_to_route,
)

__all__ = [
    "RULES",
    "any_relaxation_due",
    "do_create_rule",
    "do_delete_rule",
    "do_fill_agent",
    "do_pull_conversation",
    "do_react_to_agent_change",
    "do_relax_waiting",
    "do_requeue_unanswered",
    "do_route_team_queue",
    "do_update_routing_settings",
    "do_update_rule",
    "get_routing_settings",
    "teams_to_route",
]
