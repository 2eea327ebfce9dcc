"""Every table, imported in one place so that metadata (and Alembic) sees them all."""

from firstline.agents.models import Agent, ApiToken, ApiTokenUseDay, Team, TeamMembership
from firstline.agents.signin_models import AgentRecoveryCode, AgentTwoFactor, SignInFailure
from firstline.agents.sso.models import AgentIdentity
from firstline.audit.models import AuditEntry
from firstline.bot.models import BotSession
from firstline.chat.models import ChatIdentityNonce, ChatIdentitySettings, ChatSession
from firstline.conversations.models import Attachment, Conversation, Message
from firstline.core.db import Base
from firstline.core.idempotency import IdempotencyKey
from firstline.core.outbox import OutboxRow
from firstline.customers.models import Customer
from firstline.escalation.models import Escalation, EscalationLevel
from firstline.flows.models import FlowDefinition
from firstline.intents.models import IntentModel
from firstline.knowledge.models import Article, ArticleRevision
from firstline.learning.models import (
    Certificate,
    Course,
    CourseAssignment,
    CourseModule,
    Exam,
    ExamAttempt,
    ExamQuestion,
    ExamStats,
    FrontlineDay,
    QuestionStats,
)
from firstline.mail.models import Mailbox, MailMessage
from firstline.privacy.models import RetentionPolicy
from firstline.quality.models import (
    Calibration,
    CsatAnswer,
    QaCheck,
    QaDaily,
    QaDailyBy,
    QaFailBy,
    QaFailDaily,
    QualitySettings,
    Review,
    ReviewAssignment,
    SamplingRule,
    Scorecard,
    ScorecardVersion,
)
from firstline.recovery.models import RecoveryAsset, RecoveryCase, RecoveryPolicy
from firstline.routing.models import RoutingRule
from firstline.sla.models import SlaOutcome, SlaPolicy
from firstline.webhooks.models import Webhook

__all__ = [
    "Agent",
    "AgentIdentity",
    "AgentRecoveryCode",
    "AgentTwoFactor",
    "ApiToken",
    "ApiTokenUseDay",
    "Article",
    "ArticleRevision",
    "Attachment",
    "AuditEntry",
    "Base",
    "BotSession",
    "Calibration",
    "Certificate",
    "ChatIdentityNonce",
    "ChatIdentitySettings",
    "ChatSession",
    "Conversation",
    "Course",
    "CourseAssignment",
    "CourseModule",
    "CsatAnswer",
    "Customer",
    "Escalation",
    "EscalationLevel",
    "Exam",
    "ExamAttempt",
    "ExamQuestion",
    "ExamStats",
    "FlowDefinition",
    "FrontlineDay",
    "IdempotencyKey",
    "IntentModel",
    "MailMessage",
    "Mailbox",
    "Message",
    "OutboxRow",
    "QaCheck",
    "QaDaily",
    "QaDailyBy",
    "QaFailBy",
    "QaFailDaily",
    "QualitySettings",
    "QuestionStats",
    "RecoveryAsset",
    "RecoveryCase",
    "RecoveryPolicy",
    "RetentionPolicy",
    "Review",
    "ReviewAssignment",
    "RoutingRule",
    "SamplingRule",
    "Scorecard",
    "ScorecardVersion",
    "SignInFailure",
    "SlaOutcome",
    "SlaPolicy",
    "Team",
    "TeamMembership",
    "Webhook",
]
