"""The default escalation ladder and who answers at each level.

The seed company escalates "level by level up to the CEO (L10)". A deployment names its own
people per level (escalation_levels); a level it has not configured falls back to these
defaults, so the ladder always has ten rungs and always reaches somebody.
"""

from __future__ import annotations

from dataclasses import dataclass

from firstline.agents.permissions import BUILTIN_ROLES, Permission

TOP = 10
FRONT_LINE = 1


@dataclass(frozen=True, slots=True)
class Level:
    level: int
    name: str
    # Agents whose role holds every permission of this built-in role answer, unless agent_ids
    # names people.
    role: str
    agent_ids: tuple[int, ...]
    ack_minutes: int


DEFAULT_LADDER: dict[int, Level] = {
    level.level: level
    for level in (
        Level(1, "Front line", "agent", (), 10),
        Level(2, "Second line", "supervisor", (), 15),
        Level(3, "Team lead", "supervisor", (), 15),
        Level(4, "Shift manager", "supervisor", (), 30),
        Level(5, "Operations manager", "admin", (), 30),
        Level(6, "Head of customer service", "admin", (), 60),
        Level(7, "Business line head", "admin", (), 60),
        Level(8, "Director", "admin", (), 120),
        Level(9, "Executive", "admin", (), 240),
        Level(10, "CEO", "admin", (), 480),
    )
}

# Lateral escalations to a business-line team get this long to acknowledge, then climb.
LATERAL_ACK_MINUTES = 30

_RANK = {"agent": 0, "supervisor": 1, "admin": 2}
# Below the front line: a role without even the agent's permissions answers no level.
NO_RANK = -1


def role_rank(role: str) -> int:
    """The rank of a level's built-in role name (a name this version does not know ranks as
    the front line, so a misconfigured level still reaches somebody)."""
    return _RANK.get(role, 0)


def rank_of(permissions: frozenset[Permission]) -> int:
    """Where a role stands on the ladder, from what it may do rather than its name: the
    highest built-in role whose every permission it holds. A custom role made of the
    supervisor's permissions and more answers where supervisors do; the recovery team's role,
    without conversations.reply, answers no level by role (a level can still name its
    people)."""
    held = [rank for name, rank in _RANK.items() if BUILTIN_ROLES[name] <= permissions]
    return max(held, default=NO_RANK)


def may_answer(level: Level, *, agent_id: int, permissions: frozenset[Permission]) -> bool:
    """Whether this agent answers for `level`: named people when the level names any, else
    those whose role ranks with the level's role or above. Admins can always step in."""
    rank = rank_of(permissions)
    if rank >= _RANK["admin"]:
        return True
    if level.agent_ids:
        return agent_id in level.agent_ids
    return rank >= role_rank(level.role)
