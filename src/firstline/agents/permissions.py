"""What an agent may do: named permissions, and the built-in roles made of them.

A role is a name and a set of permissions. Three are built in (agent, supervisor, admin);
admins define more (the recovery team, trainers, reviewers, anti-fraud, product) as rows of
the `roles` table, so a new team is data, not code. Every endpoint checks a permission, never a
role name.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Permission(StrEnum):
    # Conversations. Without read_all an agent sees their teams' conversations, the ones
    # assigned to them or escalated to their teams, and those no team holds yet.
    conversations_reply = "conversations.reply"
    conversations_read_all = "conversations.read_all"
    conversations_assign = "conversations.assign"
    # Post a message as the customer or the bot (an integration relaying another channel);
    # each such message is audited with who relayed it.
    conversations_relay = "conversations.relay"
    # Customers. Without read_all, only the customers of conversations the agent can see.
    customers_read_all = "customers.read_all"
    customers_edit = "customers.edit"
    customers_export = "customers.export"
    customers_erase = "customers.erase"
    # The knowledge base: one's own drafts, anyone's drafts, what customers read.
    knowledge_draft = "knowledge.draft"
    knowledge_edit_any = "knowledge.edit_any"
    knowledge_publish = "knowledge.publish"
    # The deposit-recovery desk: cases of one's teams, every case, the matrix and fees.
    recovery_work = "recovery.work"
    recovery_read_all = "recovery.read_all"
    recovery_configure = "recovery.configure"
    # Configuration.
    routing_configure = "routing.configure"
    sla_configure = "sla.configure"
    escalation_configure = "escalation.configure"
    flows_configure = "flows.configure"
    canned_manage = "canned.manage"
    teams_manage = "teams.manage"
    webhooks_manage = "webhooks.manage"
    # The support addresses mail comes to: addresses, IMAP accounts, signatures.
    mailboxes_manage = "mailboxes.manage"
    security_configure = "security.configure"
    # People: staffing the floor, managing accounts and roles, others' API tokens.
    agents_staff = "agents.staff"
    agents_manage = "agents.manage"
    roles_manage = "roles.manage"
    tokens_manage = "tokens.manage"
    # Oversight.
    reports_read = "reports.read"
    audit_read = "audit.read"
    # Quality review: score the conversations in one's review queue; see every queue, run
    # calibrations and settle disputes; define scorecards, sampling rules and the CSAT
    # settings.
    quality_review = "quality.review"
    quality_supervise = "quality.supervise"
    quality_configure = "quality.configure"
    # Training: build courses and exams, grade written answers, assign courses, revoke
    # certificates, and read everyone's progress, the rotation and the learning report.
    learning_manage = "learning.manage"


ALL_PERMISSIONS: frozenset[Permission] = frozenset(Permission)

_AGENT = frozenset(
    {Permission.conversations_reply, Permission.knowledge_draft, Permission.recovery_work}
)
_SUPERVISOR = _AGENT | {
    Permission.conversations_read_all,
    Permission.conversations_assign,
    Permission.conversations_relay,
    Permission.customers_read_all,
    Permission.customers_edit,
    Permission.customers_export,
    Permission.knowledge_edit_any,
    Permission.knowledge_publish,
    Permission.recovery_read_all,
    Permission.reports_read,
    Permission.canned_manage,
    Permission.agents_staff,
    Permission.audit_read,
    Permission.quality_review,
    Permission.quality_supervise,
    Permission.learning_manage,
}

BUILTIN_ROLES: dict[str, frozenset[Permission]] = {
    "agent": _AGENT,
    "supervisor": frozenset(_SUPERVISOR),
    "admin": ALL_PERMISSIONS,
}


def parse_permissions(values: Iterable[str]) -> frozenset[Permission]:
    """The permissions named, ignoring names this version does not know (a role written by a
    newer version, or a permission since removed): unknown names grant nothing."""
    known = {p.value: p for p in Permission}
    return frozenset(known[v] for v in values if v in known)


def permissions_of(role: str, custom: Iterable[str] | None) -> frozenset[Permission]:
    """The permissions a role grants: a built-in role's from code (so an upgrade that adds a
    permission gives it to them), a custom role's from its row. A role that no longer exists
    grants nothing: the agent can sign in and read, but not act."""
    builtin = BUILTIN_ROLES.get(role)
    if builtin is not None:
        return builtin
    return parse_permissions(custom or ())
