"""Writes for customers."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import now
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


async def do_upsert_customer(
    db: AsyncSession, data: CustomerIn, *, language: str | None = None
) -> UpsertedCustomer:
    """Create the customer or update the fields the caller sent, in one statement.

    `language`, when the caller already knows it, is stored in the same statement.

    A single INSERT ... ON CONFLICT DO UPDATE ... RETURNING keeps the intake path at one round
    trip and is safe when two requests for a new customer race.
    """
    at = now(db)
    given = data.model_dump(include=data.model_fields_set - {"external_id"})
    if language is not None:
        given["language"] = language
    values = {"external_id": data.external_id, **given, "created_at": at, "updated_at": at}
    insert_ = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = insert_(Customer).values(values)
    upsert = stmt.on_conflict_do_update(
        index_elements=[Customer.external_id],
        set_={**{k: stmt.excluded[k] for k in given}, "updated_at": at},
    ).returning(
        Customer.id,
        Customer.external_id,
        Customer.name,
        Customer.locale,
        Customer.language,
        Customer.tier,
    )
    row = (await db.execute(upsert)).one()
    return UpsertedCustomer(*row)


async def do_set_customer_language(db: AsyncSession, customer_id: int, language: str) -> None:
    await db.execute(update(Customer).where(Customer.id == customer_id).values(language=language))
