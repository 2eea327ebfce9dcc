"""Writes for customers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

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


_UPSERTABLE = ("name", "email", "locale", "tier", "region", "language")


@lru_cache(maxsize=64)
def _upsert_sql(fields: tuple[str, ...]) -> SQL:
    columns = ("external_id", *fields, "created_at", "updated_at")
    values = ", ".join(f"${n}" for n in range(1, len(columns) + 1))
    updates = ", ".join(
        [f"{f} = excluded.{f}" for f in fields] + ["updated_at = excluded.updated_at"]
    )
    return SQL(
        f"INSERT INTO customers ({', '.join(columns)}) VALUES ({values}) "
        f"ON CONFLICT (external_id) DO UPDATE SET {updates} "
        "RETURNING id, external_id, name, locale, language, tier"
    )


async def do_upsert_customer(
    db: AsyncSession, data: CustomerIn, *, language: str | None = None
) -> UpsertedCustomer:
    """Create the customer or update the fields the caller sent, in one statement.

    A single INSERT ... ON CONFLICT DO UPDATE ... RETURNING keeps the intake path at one round
    trip and is safe when two requests for a new customer race. `language`, when the caller
    already knows it, is stored in the same statement.
    """
    given = data.model_dump(include=data.model_fields_set - {"external_id"})
    if language is not None:
        given["language"] = language
    fields = tuple(f for f in _UPSERTABLE if f in given)
    raw = await raw_connection(db)
    at = raw.ts(now(db))
    row = await raw.fetchone(
        _upsert_sql(fields), data.external_id, *(given[f] for f in fields), at, at
    )
    return UpsertedCustomer(*row)


async def do_set_customer_language(db: AsyncSession, customer_id: int, language: str) -> None:
    await db.execute(update(Customer).where(Customer.id == customer_id).values(language=language))
