"""Configuration tables: the rows admins keep to steer the desk (routing rules, SLA policies,
canned responses, teams). Each is created, changed and deleted the same way, so each table is
declared once here and its `do_<verb>_<noun>` actions are this module's three writes.

A write runs in the caller's transaction and does, in order: the domain's checks (`validate`,
which raises InvalidInput, Conflict or NotFound with a sentence), the row, an audit entry that
says what the row was before and what it is after, and the domain's event when it has one
(delivered after commit, like every event). An update that changes nothing writes nothing: no
timestamp, no audit entry, no event.

The audit entry's `data` is `{"after": ...}` for a creation, `{"before": ..., "after": ...}`
with only the changed fields for an update, and `{"before": ...}` for a deletion; the id and
the timestamps are the entry's own columns, and `unaudited` fields (secrets) never appear.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import inspect, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.changes import plain
from firstline.core.db import Base, now
from firstline.core.errors import InvalidInput, NotFound
from firstline.core.events import Event, emit

M = TypeVar("M", bound=Base)
Verb = Literal["created", "updated", "deleted"]
# The stamps a table may have; this module sets them, so neither callers nor audits carry them.
STAMPS = ("created_at", "updated_at")
# Ids are 32-bit integers in PostgreSQL: a larger one names no row, and PostgreSQL's driver
# refuses to send it at all, so it is answered as not found before any query.
MAX_ID = 2**31 - 1


def fits_id(value: int) -> bool:
    return -MAX_ID - 1 <= value <= MAX_ID


async def _as_sent(db: AsyncSession, row: Any, fields: dict[str, Any]) -> dict[str, Any]:
    return fields


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfigTable(Generic[M]):
    """One configuration table.

    `validate(db, row, fields)` gets the row (None on a creation) and the fields sent, raises
    with a sentence when the domain refuses them, and returns the fields to write (normalised,
    or completed from the row). `announce(verb, row, changes, at)` returns the domain's event
    for a write, or None.
    """

    model: type[M]
    noun: str  # "routing rule": what sentences call one row
    entity_type: str  # "routing_rule": the audit entries' entity_type
    action_prefix: str = ""  # the audit actions' prefix ("canned.created"); entity_type if empty
    missing: str = "No {noun} with id {id}."
    required: tuple[str, ...] = ()  # fields an update may not set to null
    unaudited: frozenset[str] = frozenset()  # secrets: never written to the audit trail
    order_by: tuple[Any, ...] = ()
    validate: Callable[[AsyncSession, M | None, dict[str, Any]], Awaitable[dict[str, Any]]] = (
        _as_sent
    )
    announce: Callable[[Verb, M, dict[str, Any], datetime], Event | None] | None = None
    _key: str = field(init=False, default="id")
    _columns: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        mapper = inspect(self.model)
        [key] = [c.key for c in mapper.primary_key]  # one integer key: the audit's entity_id
        columns = tuple(a.key for a in mapper.column_attrs if a.key != key)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_columns", columns)

    def snapshot(self, row: M) -> dict[str, Any]:
        """The row's audited fields as they are now."""
        return {
            name: getattr(row, name)
            for name in self._columns
            if name not in STAMPS and name not in self.unaudited
        }

    def _audited(self, values: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in values.items() if k not in self.unaudited}

    async def get(self, db: AsyncSession, row_id: int, *, for_update: bool = False) -> M:
        row = (
            await db.get(self.model, row_id, with_for_update=for_update)
            if fits_id(row_id)
            else None
        )
        if row is None:
            raise NotFound(
                self.missing.format(noun=self.noun, id=row_id),
                message="no_row",
                args={"table": self.entity_type, "id": str(row_id)},
            )
        return row

    async def list_rows(self, db: AsyncSession) -> list[M]:
        return list(await db.scalars(select(self.model).order_by(*self.order_by)))

    async def create(
        self, db: AsyncSession, fields: dict[str, Any], *, acting_agent_id: int | None
    ) -> M:
        values = plain(await self.validate(db, None, dict(fields)))
        at = now(db)
        stamps = {name: at for name in STAMPS if name in self._columns}
        row = self.model(**values, **stamps)
        db.add(row)
        await db.flush()
        await self._record(db, "created", row, {"after": self.snapshot(row)}, acting_agent_id)
        self._announce(db, "created", row, values, at)
        return row

    async def update(
        self, db: AsyncSession, row: M, changes: dict[str, Any], *, acting_agent_id: int | None
    ) -> dict[str, Any]:
        """Apply `changes` (only the fields the caller set) and return what actually changed."""
        self._refuse_nulls(changes, self.required)
        values = plain(await self.validate(db, row, dict(changes)))
        before: dict[str, Any] = {}
        after: dict[str, Any] = {}
        for name, value in values.items():
            if getattr(row, name) != value:
                before[name] = getattr(row, name)
                after[name] = value
                setattr(row, name, value)
        if not after:
            return after
        at = now(db)
        if "updated_at" in self._columns:
            row.updated_at = at  # type: ignore[attr-defined]  # checked just above
        await db.flush()
        data = {"before": self._audited(before), "after": self._audited(after)}
        await self._record(db, "updated", row, data, acting_agent_id)
        self._announce(db, "updated", row, after, at)
        return after

    async def delete(self, db: AsyncSession, row: M, *, acting_agent_id: int | None) -> None:
        await self._record(db, "deleted", row, {"before": self.snapshot(row)}, acting_agent_id)
        await db.delete(row)
        await db.flush()
        self._announce(db, "deleted", row, {}, now(db))

    @staticmethod
    def _refuse_nulls(changes: dict[str, Any], required: Iterable[str]) -> None:
        for name in required:
            if name in changes and changes[name] is None:
                raise InvalidInput(
                    f"{name} cannot be null.", message="not_null", args={"field": name}
                )

    async def _record(
        self, db: AsyncSession, verb: Verb, row: M, data: dict[str, Any], actor: int | None
    ) -> None:
        await record_audit(
            db,
            action=f"{self.action_prefix or self.entity_type}.{verb}",
            entity_type=self.entity_type,
            entity_id=getattr(row, self._key),
            actor_agent_id=actor,
            data=data,
        )

    def _announce(
        self, db: AsyncSession, verb: Verb, row: M, changes: dict[str, Any], at: datetime
    ) -> None:
        if self.announce is not None and (event := self.announce(verb, row, changes, at)):
            emit(db, event)
