"""Every table, imported in one place so that metadata (and Alembic) sees them all."""

from firstline.agents.models import Agent, ApiToken, Team, TeamMembership
from firstline.audit.models import AuditEntry
from firstline.conversations.models import Conversation, Message
from firstline.core.db import Base
from firstline.core.idempotency import IdempotencyKey
from firstline.customers.models import Customer

__all__ = [
    "Agent",
    "ApiToken",
    "AuditEntry",
    "Base",
    "Conversation",
    "Customer",
    "IdempotencyKey",
    "Message",
    "Team",
    "TeamMembership",
]
