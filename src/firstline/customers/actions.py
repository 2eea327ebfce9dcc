"""Writes for customers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.core.rawsql import SQL, raw_connection
from firstline.customers.models import Customer
from firstline.customers.schemas import CustomerIn


@dataclass(frozen=True, slots=True)
class UpsertedCustomer:
    id: int
    external_id: str
    name: str | None
    locale: str | None
    language: str | None
    tier: str | None


# What a caller may set on the profile; `language` is what the desk detected, not a profile
# edit, and is always stored.
PROFILE_FIELDS = ("name", "email", "locale", "tier", "region")
_UPSERTABLE = (*PROFILE_FIELDS, "language")


@lru_cache(maxsize=128)
def _upsert_sql(fields: tuple[str, ...], updated: tuple[str, ...]) -> SQL:
    """INSERT every field in `fields`; on an existing customer, change only those in
    `updated` (a caller without the right to edit profiles still opens conversations for an
    existing customer, but leaves their profile as it was)."""
    columns = ("external_id", *fields, "created_at", "updated_at", "active_at")
    values = ", ".join(f"${n}" for n in range(1, len(columns) + 1))
    sets = [f"{f} = excluded.{f}" for f in updated] + ["active_at = excluded.active_at"]
    if any(f in PROFILE_FIELDS for f in updated):
        sets.append("updated_at = excluded.updated_at")
    return SQL(
        f"INSERT INTO customers ({', '.join(columns)}) VALUES ({values}) "
        f"ON CONFLICT (external_id) DO UPDATE SET {', '.join(sets)} "
        "RETURNING id, external_id, name, locale, language, tier"
    )


_BEFORE = SQL("SELECT id, name, email, locale, tier, region FROM customers WHERE external_id = $1")


async def do_upsert_customer(
    db: AsyncSession,
    data: CustomerIn,
    *,
    language: str | None = None,
    edit: bool = True,
    acting_agent_id: int | None = None,
    actor_kind: str | None = None,
) -> UpsertedCustomer:
    """Create the customer or update the fields the caller sent, in one statement.

    A single INSERT ... ON CONFLICT DO UPDATE ... RETURNING keeps the intake path at one round
    trip and is safe when two requests for a new customer race. `language`, when the caller
    already knows it, is stored in the same statement. With `edit=False` (a caller without
    customers.edit) the sent fields fill a new customer only. A change to an existing
    customer's profile is audited (`customer.updated`, see record_customer_change).
    """
    given = data.model_dump(include=data.model_fields_set - {"external_id"})
    if language is not None:
        given["language"] = language
    fields = tuple(f for f in _UPSERTABLE if f in given)
    profile = tuple(f for f in fields if f in PROFILE_FIELDS)
    updated = fields if edit else tuple(f for f in fields if f not in PROFILE_FIELDS)
    raw = await raw_connection(db)
    before = None
    if edit and profile:
        # Only a profile edit pays for this read (the indexed external id): it tells the audit
        # what changed.
        before = await raw.fetchone(_BEFORE, data.external_id)
    at = raw.ts(now(db))
    row = await raw.fetchone(
        _upsert_sql(fields, updated), data.external_id, *(given[f] for f in fields), at, at, at
    )
    customer = UpsertedCustomer(*row)
    if before is not None:
        old = dict(zip(("name", "email", "locale", "tier", "region"), before[1:], strict=True))
        changed = {f: given[f] for f in profile if given[f] != old[f]}
        if changed:
            await record_customer_change(
                db,
                customer.id,
                {f: old[f] for f in changed},
                changed,
                acting_agent_id=acting_agent_id,
                actor_kind=actor_kind,
            )
    return customer


async def record_customer_change(
    db: AsyncSession,
    customer_id: int,
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    acting_agent_id: int | None,
    actor_kind: str | None = None,
) -> None:
    """Audit a profile change with the values before and after. They are personal data: an
    erasure replaces the entry's data with its digest (audit/chain.py's redaction), which the
    hash chain allows."""
    await record_audit(
        db,
        action="customer.updated",
        entity_type="customer",
        entity_id=customer_id,
        actor_agent_id=acting_agent_id,
        actor_kind=actor_kind,
        data={"before": before, "after": after},
    )


async def do_update_customer(
    db: AsyncSession, customer: Customer, changes: dict[str, Any], *, acting_agent_id: int | None
) -> dict[str, Any]:
    """Change profile fields of `customer` (the caller checked customers.edit); what changed."""
    changed = {
        f: v for f, v in changes.items() if f in PROFILE_FIELDS and getattr(customer, f) != v
    }
    if not changed:
        return {}
    before = {f: getattr(customer, f) for f in changed}
    for f, v in changed.items():
        setattr(customer, f, v)
    customer.updated_at = now(db)
    await db.flush()
    await record_customer_change(db, customer.id, before, changed, acting_agent_id=acting_agent_id)
    return changed


async def do_set_customer_language(db: AsyncSession, customer_id: int, language: str) -> None:
    await db.execute(update(Customer).where(Customer.id == customer_id).values(language=language))
