"""Reading customers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.customers.models import Customer


async def get_customer_by_external_id(db: AsyncSession, external_id: str) -> Customer | None:
    customer: Customer | None = await db.scalar(
        select(Customer).where(Customer.external_id == external_id)
    )
    return customer
