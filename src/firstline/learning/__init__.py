"""The training and testing center: courses built from the knowledge base and lessons,
exams that certify agents, certificates that grant routing skills until they lapse,
re-certification when an article changes materially, and the managers' front-line rotation.

Importing the package registers its reactions (core/events.py `on_event`), which run in the
transaction of what caused them: an agent who is created in, or joins, a team gets the team's
onboarding courses; an agent flagged as a manager gets the managers' courses; a manager's
reply to a customer counts toward their front-line time (rotation.py).
"""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.events import AgentCreated, AgentUpdated
from firstline.agents.models import TeamMembership
from firstline.conversations.events import MessagePosted
from firstline.conversations.models import AuthorKind
from firstline.core.events import on_event
from firstline.learning.courses import assign_for_managers, assign_onboarding
from firstline.learning.rotation import count_reply


async def _on_created(db: AsyncSession, event: AgentCreated) -> None:
    teams = (
        await db.scalars(
            select(TeamMembership.team_id).where(TeamMembership.agent_id == event.agent_id)
        )
    ).all()
    await assign_onboarding(db, event.agent_id, teams)


async def _on_updated(db: AsyncSession, event: AgentUpdated) -> None:
    if "team_ids" in event.changes:
        await assign_onboarding(db, event.agent_id, event.changes["team_ids"] or [])
    if event.changes.get("is_manager") is True:
        await assign_for_managers(db, event.agent_id)


async def _on_posted(db: AsyncSession, event: MessagePosted) -> None:
    author = event.message.get("author_agent_id")
    if event.internal or event.author_kind != AuthorKind.agent or not isinstance(author, int):
        return
    await count_reply(db, author, event.conversation_id, event.occurred_at)


on_event(AgentCreated, _on_created)
on_event(AgentUpdated, _on_updated)
on_event(MessagePosted, _on_posted)
