"""Privacy writes: recording an export, erasing a customer, saving the retention rules.

Erasure keeps the statistics and removes the person, in one transaction (nothing is ever
half-erased): the customer row stays (its id, tier, language, dates) with the identifying
fields blanked and the external id replaced by `erased:<id>`; their conversations keep their
status, team, assignee, tags, counts and timings while every message text, the subject and
the preview are emptied (and the search index forgets them); bot sessions lose what the
customer answered, escalations their free-text reason, recovery cases the applicant, the
transaction and address and the team's notes. Audit entries about the customer and their
recovery cases stay, with their data replaced by its digest: the audit log is hash-chained
over a digest of each entry's data (audit/chain.py), so the chain still verifies and counts
the redaction. A second erasure finds `erased_at` set and does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.audit.chain import is_redacted, redacted
from firstline.conversations.attachments import forget_blob
from firstline.core.db import now
from firstline.core.rawsql import SQL, RawConnection, raw_connection
from firstline.privacy.models import DEFAULT_BATCH, DEFAULT_ERASE_INACTIVE_DAYS, RetentionPolicy
from firstline.search.actions import unindex_message

ERASED_PREFIX = "erased:"


@dataclass(frozen=True, slots=True)
class Erasure:
    customer_id: int
    already: bool
    conversations: int = 0
    messages: int = 0
    files: int = 0
    recovery_cases: int = 0


async def do_record_export(
    db: AsyncSession, customer_id: int, *, acting_agent_id: int | None, via: str
) -> None:
    await record_audit(
        db,
        action="customer.exported",
        entity_type="customer",
        entity_id=customer_id,
        actor_agent_id=acting_agent_id,
        data={"via": via},
    )


_LOCK_CUSTOMER = SQL("SELECT erased_at FROM customers WHERE id = $1")
_LOCK_CUSTOMER_PG = SQL("SELECT erased_at FROM customers WHERE id = $1 FOR UPDATE")
_CONVERSATIONS = SQL("SELECT id FROM conversations WHERE customer_id = $1 ORDER BY id")
_MESSAGES = SQL("SELECT id, body FROM messages WHERE conversation_id = $1 AND body <> ''")
_REDACT_MESSAGES = SQL(
    "UPDATE messages SET body = '', meta = NULL, client_id = NULL WHERE conversation_id = $1"
)
_REDACT_CONVERSATIONS = SQL(
    "UPDATE conversations SET subject = NULL, last_message_preview = '' WHERE customer_id = $1"
)
_FILES = SQL("SELECT DISTINCT sha256 FROM attachments WHERE conversation_id = $1")
_DELETE_FILES = SQL("DELETE FROM attachments WHERE conversation_id = $1")
# A mail keeps its direction, state and times (the statistics); who, what and the thread go.
_REDACT_MAILS = SQL(
    "UPDATE mail_messages SET rfc_message_id = 'erased:' || CAST(id AS VARCHAR), "
    "from_address = '', to_address = '', subject = '', in_reply_to = NULL, "
    '"references" = $2, html = NULL, quoted = NULL, auth = NULL, error = NULL '
    "WHERE conversation_id = $1"
)
# The score stays (statistics); the customer's words and the quoted evidence go.
_REDACT_CSAT = SQL("UPDATE csat_answers SET comment = NULL WHERE conversation_id = $1")
_REDACT_CHECKS = SQL("UPDATE qa_checks SET detail = '' WHERE conversation_id = $1")
_REDACT_BOT = SQL("UPDATE bot_sessions SET state = $2 WHERE conversation_id = $1")
_REDACT_ESCALATIONS = SQL("UPDATE escalations SET reason = '' WHERE conversation_id = $1")
_CASES = SQL("SELECT id FROM recovery_cases WHERE customer_id = $1 ORDER BY id")
_REDACT_CASES = SQL(
    "UPDATE recovery_cases SET applicant_user_id = NULL, applicant_email = NULL, "
    "tx_hash = 'erased:' || CAST(id AS VARCHAR), address = '', memo = NULL, note = NULL, "
    "diagnosis = $2 WHERE customer_id = $1"
)
_AUDIT = SQL("SELECT id, action, data FROM audit_entries WHERE entity_type = $1 AND entity_id = $2")
_REDACT_AUDIT = SQL("UPDATE audit_entries SET data = $2 WHERE id = $1")
_ERASE_CUSTOMER = SQL(
    "UPDATE customers SET external_id = $2, name = NULL, email = NULL, locale = NULL, "
    "region = NULL, active_at = NULL, erased_at = $3, updated_at = $3 WHERE id = $1"
)
# A chat token of an erased customer must not write into their redacted conversations.
_REVOKE_CHAT = SQL(
    "UPDATE chat_sessions SET revoked_at = $2 WHERE customer_id = $1 AND revoked_at IS NULL"
)
# Entries that never hold personal data (they are written by this module without any).
_KEEP_AUDIT = frozenset({"customer.exported", "customer.erased"})


async def _redact_audit(raw: RawConnection, entity_type: str, entity_id: int) -> None:
    """Replace the data of the entries about one record by its digest (audit/chain.py): the
    chain covers the digest, so it still verifies, and the verifier counts the redaction."""
    for entry_id, action, data in await raw.fetchall(_AUDIT, entity_type, entity_id):
        if isinstance(data, str):
            data = orjson.loads(data)
        if action in _KEEP_AUDIT or is_redacted(data):
            continue
        await raw.execute(_REDACT_AUDIT, entry_id, raw.json(redacted(data)))


async def do_erase_customer(
    db: AsyncSession, customer_id: int, *, acting_agent_id: int | None, why: str
) -> Erasure:
    """Erase the person (see the module's docstring) in the caller's transaction. `why` is
    recorded in the audit entry: "request" (an agent or the CLI) or "retention"."""
    raw = await raw_connection(db)
    # On PostgreSQL the row lock makes two erasures of one customer wait for each other.
    found = await raw.fetchone(_LOCK_CUSTOMER if raw.sqlite else _LOCK_CUSTOMER_PG, customer_id)
    if found is None or found[0] is not None:
        return Erasure(customer_id=customer_id, already=True)
    conversations = [r[0] for r in await raw.fetchall(_CONVERSATIONS, customer_id)]
    messages = 0
    files = 0
    empty = raw.json({})
    for conversation_id in conversations:
        rows = await raw.fetchall(_MESSAGES, conversation_id)
        for message_id, body in rows:
            await unindex_message(raw, message_id, body)
        messages += len(rows)
        await raw.execute(_REDACT_MESSAGES, conversation_id)
        digests = [r[0] for r in await raw.fetchall(_FILES, conversation_id)]
        await raw.execute(_DELETE_FILES, conversation_id)
        files += len(digests)
        for digest in digests:
            # The file goes once the erasure commits, unless another row still names it.
            await forget_blob(db, digest)
        await raw.execute(_REDACT_MAILS, conversation_id, raw.json([]))
        await raw.execute(_REDACT_BOT, conversation_id, empty)
        await raw.execute(_REDACT_ESCALATIONS, conversation_id)
        await raw.execute(_REDACT_CSAT, conversation_id)
        await raw.execute(_REDACT_CHECKS, conversation_id)
    await raw.execute(_REDACT_CONVERSATIONS, customer_id)
    cases = [r[0] for r in await raw.fetchall(_CASES, customer_id)]
    await raw.execute(_REDACT_CASES, customer_id, empty)
    for case_id in cases:
        await _redact_audit(raw, "recovery_case", case_id)
    await _redact_audit(raw, "customer", customer_id)
    at = raw.ts(now(db))
    await raw.execute(_REVOKE_CHAT, customer_id, at)
    await raw.execute(_ERASE_CUSTOMER, customer_id, f"{ERASED_PREFIX}{customer_id}", at)
    erasure = Erasure(
        customer_id=customer_id,
        already=False,
        conversations=len(conversations),
        messages=messages,
        recovery_cases=len(cases),
        files=files,
    )
    await record_audit(
        db,
        action="customer.erased",
        entity_type="customer",
        entity_id=customer_id,
        actor_agent_id=acting_agent_id,
        data={
            "why": why,
            "conversations": erasure.conversations,
            "messages": erasure.messages,
            "recovery_cases": erasure.recovery_cases,
            "files": erasure.files,
        },
    )
    return erasure


@dataclass(frozen=True, slots=True)
class Retention:
    erase_inactive_days: int | None
    batch: int


async def get_retention(db: AsyncSession) -> Retention:
    row = await db.get(RetentionPolicy, 1)
    if row is None:
        return Retention(erase_inactive_days=DEFAULT_ERASE_INACTIVE_DAYS, batch=DEFAULT_BATCH)
    return Retention(erase_inactive_days=row.erase_inactive_days, batch=row.batch)


async def do_save_retention(
    db: AsyncSession, changes: dict[str, Any], *, acting_agent_id: int | None
) -> Retention:
    """Save the fields in `changes` (already validated); audited with before and after."""
    before = await get_retention(db)
    row = await db.get(RetentionPolicy, 1)
    if row is None:
        row = RetentionPolicy(
            id=1, erase_inactive_days=before.erase_inactive_days, batch=before.batch
        )
        db.add(row)
    for name, value in changes.items():
        setattr(row, name, value)
    row.updated_at = now(db)
    await db.flush()
    after = Retention(erase_inactive_days=row.erase_inactive_days, batch=row.batch)
    if after != before:
        await record_audit(
            db,
            action="retention.changed",
            entity_type="retention_policy",
            entity_id=1,
            actor_agent_id=acting_agent_id,
            data={
                "before": {
                    "erase_inactive_days": before.erase_inactive_days,
                    "batch": before.batch,
                },
                "after": {"erase_inactive_days": after.erase_inactive_days, "batch": after.batch},
            },
        )
    return after
