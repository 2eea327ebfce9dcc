"""Idempotency keys: a client that retries a POST with the same `Idempotency-Key` gets the
first result back and nothing is written twice.

The key is recorded in the same transaction as the write it protects, so either both exist or
neither does. Keys are scoped to the agent whose token sent them, and remember a hash of the
request so that a key reused for a different request is refused rather than silently answered
with the wrong resource.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime, now
from firstline.core.errors import Conflict, InvalidInput
from firstline.core.rawsql import SQL, raw_connection

MAX_KEY_LENGTH = 255


class IdempotencyKey(Base):
    __tablename__ = "idempotency_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    request_hash: Mapped[str] = mapped_column(String(64))
    resource_type: Mapped[str] = mapped_column(String(32))
    resource_id: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("agent_id", "key"),)


@dataclass(frozen=True, slots=True)
class Replay:
    resource_type: str
    resource_id: int


def check_key(key: str) -> str:
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidInput(
            f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable characters, "
            "for example a UUID."
        )
    return key


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(b"%s %s\n%s" % (method.encode(), path.encode(), body)).hexdigest()


_FIND = SQL(
    "SELECT request_hash, resource_type, resource_id FROM idempotency_keys "
    "WHERE agent_id = $1 AND key = $2"
)
_REMEMBER = SQL(
    "INSERT INTO idempotency_keys "
    "(agent_id, key, request_hash, resource_type, resource_id, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)"
)


async def find_replay(db: AsyncSession, agent_id: int, key: str, fingerprint: str) -> Replay | None:
    raw = await raw_connection(db)
    row = await raw.fetchone(_FIND, agent_id, key)
    if row is None:
        return None
    if row[0] != fingerprint:
        raise Conflict(
            "This Idempotency-Key was already used for a different request; "
            "use a new key for a new request."
        )
    return Replay(row[1], row[2])


async def remember_key(
    db: AsyncSession,
    agent_id: int,
    key: str,
    fingerprint: str,
    resource_type: str,
    resource_id: int,
) -> None:
    raw = await raw_connection(db)
    await raw.execute(
        _REMEMBER, agent_id, key, fingerprint, resource_type, resource_id, raw.ts(now(db))
    )
