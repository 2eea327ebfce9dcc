"""The audit log's hash chain: what makes an edited, deleted or reordered entry visible.

Each entry stores `prev_hash` (the previous entry's `hash`; NULL for the first entry) and
`hash` = SHA-256(`prev_hash` + SHA-256(a canonical serialization of the entry's own fields)),
both hex.
Changing any field of an entry changes its hash, which then no longer matches the stored one;
deleting or moving an entry breaks the next entry's `prev_hash`. `firstline audit verify`
walks the chain in id order (streaming) and names the first entry where it breaks.

The format below is version 1 of the chain and must never change: every stored hash depends
on it (the migration that chained the existing rows uses it too). The entry's `data` enters
through its own digest, so a person's data can be removed from an entry later (erasure) by
replacing `data` with `{"redacted_sha256": <that digest>}`: the chain still verifies, and the
verifier counts such entries, so a redaction is never silent.

Appends must form one chain: on SQLite the single writer (and, within a process, the group
commit running one unit at a time) already serializes them; on PostgreSQL each appending
transaction takes a transaction-scoped advisory lock before reading the chain's head (in the
INSERT itself, one round trip), so the next appender waits until this transaction has
committed (or rolled back) and then reads the head it left. Ids are allocated after the lock,
so id order is chain order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from firstline.core.rawsql import SQL, RawConnection

VERSION = "firstline.audit.v1"
REDACTED = "redacted_sha256"
# pg_advisory_xact_lock's key for "the audit chain's head" (any constant the rest of the code
# does not use: these are the bytes of "fl-audit").
PG_LOCK_KEY = 0x666C2D6175646974

_HEAD = SQL("SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1")
# On PostgreSQL the INSERT itself takes the lock and reads the head, through this function: a
# VOLATILE PL/pgSQL function takes a fresh snapshot for each statement it runs, so its read
# sees whatever the previous holder of the lock committed (migration 0017 creates it).
PG_HEAD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION firstline_audit_head() RETURNS varchar
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({PG_LOCK_KEY});
    RETURN (SELECT hash FROM audit_entries ORDER BY id DESC LIMIT 1);
END
$$
"""


def _timestamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def data_digest(data: Any) -> str:
    """The SHA-256 of `data` as JSON with sorted keys (what the chain covers of it)."""
    redacted = data.get(REDACTED) if isinstance(data, dict) and len(data) == 1 else None
    if isinstance(redacted, str):
        return redacted
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def is_redacted(data: Any) -> bool:
    return isinstance(data, dict) and len(data) == 1 and isinstance(data.get(REDACTED), str)


def redacted(data: Any) -> dict[str, str]:
    """What replaces an entry's `data` when the person in it is erased."""
    return {REDACTED: data_digest(data)}


def body_digest(
    *,
    occurred_at: datetime,
    actor_kind: str,
    actor_agent_id: int | None,
    action: str,
    entity_type: str,
    entity_id: int,
    data: Any,
) -> str:
    """The SHA-256 of the entry's own fields, serialized canonically (hex)."""
    canonical = orjson.dumps(
        [
            VERSION,
            _timestamp(occurred_at),
            actor_kind,
            actor_agent_id,
            action,
            entity_type,
            entity_id,
            data_digest(data),
        ]
    )
    return hashlib.sha256(canonical).hexdigest()


def link(prev_hash: str | None, body: str) -> str:
    """An entry's hash: SHA-256 of the previous entry's hash (empty for the first) followed by
    the digest of the entry's own fields. PostgreSQL computes the same in the INSERT
    (audit/actions.py), where the previous hash is read."""
    return hashlib.sha256(((prev_hash or "") + body).encode()).hexdigest()


def entry_hash(
    *,
    prev_hash: str | None,
    occurred_at: datetime,
    actor_kind: str,
    actor_agent_id: int | None,
    action: str,
    entity_type: str,
    entity_id: int,
    data: Any,
) -> str:
    body = body_digest(
        occurred_at=occurred_at,
        actor_kind=actor_kind,
        actor_agent_id=actor_agent_id,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        data=data,
    )
    return link(prev_hash, body)


async def sqlite_head(raw: RawConnection) -> str | None:
    """The hash of the chain's last entry. On SQLite the write lock already keeps other
    appenders out until this transaction ends."""
    row = await raw.fetchone(_HEAD)
    return None if row is None else str(row[0])


@dataclass(frozen=True, slots=True)
class Break:
    """Where the chain breaks: the entry and why."""

    entry_id: int
    reason: str


@dataclass(slots=True)
class Verifier:
    """Feed entries in id order; `broken` is set at the first one that does not fit."""

    count: int = 0
    redacted: int = 0
    last_id: int | None = None
    last_hash: str | None = None
    broken: Break | None = None

    def check(
        self,
        *,
        entry_id: int,
        prev_hash: str | None,
        hash: str | None,
        occurred_at: datetime,
        actor_kind: str,
        actor_agent_id: int | None,
        action: str,
        entity_type: str,
        entity_id: int,
        data: Any,
    ) -> bool:
        if self.broken is not None:
            return False
        if prev_hash != self.last_hash:
            if self.last_id is None:
                why = (
                    "it names a previous entry but is the first one: the entries before it "
                    "were deleted"
                )
            else:
                why = (
                    f"its prev_hash does not match entry {self.last_id}'s hash: an entry "
                    "between them was deleted, or the entries were reordered"
                )
            self.broken = Break(entry_id, why)
            return False
        expected = entry_hash(
            prev_hash=prev_hash,
            occurred_at=occurred_at,
            actor_kind=actor_kind,
            actor_agent_id=actor_agent_id,
            action=action,
            entity_type=entity_type,
            entity_id=entity_id,
            data=data,
        )
        if hash != expected:
            self.broken = Break(
                entry_id, "its contents do not match its hash: the entry was edited"
            )
            return False
        self.count += 1
        self.redacted += is_redacted(data)
        self.last_id = entry_id
        self.last_hash = hash
        return True
