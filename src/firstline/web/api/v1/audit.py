"""/api/v1/audit: the audit log, for those whose role has audit.read.

Filters (all optional, combined with AND): `actor` (an agent id), `action` (a code or a
prefix: `agent.`), `entity_type` and `entity_id`, and a time range `from` (inclusive) to `to`
(exclusive). Newest first, a keyset page at a time; `/api/v1/audit.csv` streams the whole
filtered range as CSV, and that export is itself audited (`audit.exported`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from firstline.agents.access import Actor, require_permission
from firstline.agents.permissions import Permission
from firstline.audit.actions import record_audit
from firstline.audit.queries import AuditFilter, iter_audit_entries, list_audit_page
from firstline.audit.schemas import AuditPage
from firstline.core.errors import InvalidInput
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["audit"])

NO_AUDIT = problem_responses((403, "Your role does not have the audit.read permission."))
MAX_ID = 2**31 - 1
Id = Annotated[int | None, Query(ge=1, le=MAX_ID)]
CSV_COLUMNS = (
    "id", "at", "actor_kind", "actor_agent_id", "actor_name", "action", "entity_type",
    "entity_id", "data", "prev_hash", "hash",
)  # fmt: skip


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)  # a time without an offset is read as UTC


def _filter(
    actor: int | None,
    action: str | None,
    entity_type: str | None,
    entity_id: int | None,
    since: datetime | None,
    until: datetime | None,
) -> AuditFilter:
    since, until = _utc(since), _utc(until)
    if since is not None and until is not None and until <= since:
        raise InvalidInput(
            f"to must be more than from ({since.isoformat()}).",
            message="more_than",
            args={"field": "to", "limit": since.isoformat()},
        )
    return AuditFilter(
        actor_agent_id=actor,
        action=action or None,
        entity_type=entity_type or None,
        entity_id=entity_id,
        since=since,
        until=until,
    )


class Filters:
    """The query parameters both routes take."""

    def __init__(
        self,
        actor: Annotated[int | None, Query(ge=1, le=MAX_ID, description="An agent id.")] = None,
        action: Annotated[
            str | None, Query(max_length=64, description="An action code or prefix: agent.")
        ] = None,
        entity_type: Annotated[str | None, Query(max_length=32)] = None,
        entity_id: Id = None,
        since: Annotated[
            datetime | None, Query(alias="from", description="From this time (inclusive).")
        ] = None,
        until: Annotated[
            datetime | None, Query(alias="to", description="Up to this time (exclusive).")
        ] = None,
    ) -> None:
        self.value = _filter(actor, action, entity_type, entity_id, since, until)


class CSVResponse(StreamingResponse):
    media_type = "text/csv"


def _can_read(actor: Actor) -> None:
    require_permission(actor, Permission.audit_read, "Reading the audit log")


@router.get("/audit", operation_id="listAuditEntries", response_model=AuditPage, responses=NO_AUDIT)
async def list_entries(
    actor: CurrentActor,
    session: ReadSession,
    filters: Annotated[Filters, Depends()],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: Annotated[str | None, Query(max_length=64)] = None,
) -> FastJSON:
    """The audit log, newest first: who (actor), what (action), to which record (entity),
    the details (data), when (at) and the entry's place in the hash chain."""
    _can_read(actor)
    before = decode_cursor(cursor) if cursor else None
    rows = await list_audit_page(session, filters.value, before_id=before, limit=limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return FastJSON({"items": rows, "next_cursor": encode_cursor(rows[-1]["id"]) if more else None})


def _cell(value: Any) -> Any:
    # A spreadsheet runs a cell that starts with one of these as a formula: names and data
    # are people's text, so they are set apart with a leading apostrophe.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv_row(entry: dict[str, Any]) -> str:
    out = io.StringIO()
    values = dict(entry)
    values["at"] = entry["at"].isoformat()
    values["data"] = orjson.dumps(entry["data"], option=orjson.OPT_SORT_KEYS).decode()
    csv.writer(out).writerow([_cell(values[c]) for c in CSV_COLUMNS])
    return out.getvalue()


@router.get(
    "/audit.csv",
    operation_id="exportAuditEntries",
    response_class=CSVResponse,
    responses={
        200: {
            "description": "The filtered entries as CSV, newest first.",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **NO_AUDIT,
    },
)
async def export_entries(
    actor: CurrentActor, db: DatabaseDep, filters: Annotated[Filters, Depends()]
) -> CSVResponse:
    """Every entry of the filtered range as CSV (the columns of listAuditEntries, data as
    JSON), streamed. The export is recorded in the log first, as `audit.exported`."""
    _can_read(actor)
    async with db.transaction() as session:
        await record_audit(
            session,
            action="audit.exported",
            entity_type="audit",
            entity_id=0,
            actor_agent_id=actor.agent_id,
            data={"filter": filters.value.described()},
        )

    async def rows() -> AsyncIterator[str]:
        yield ",".join(CSV_COLUMNS) + "\r\n"
        async with db.session() as session:
            async for entry in iter_audit_entries(session, filters.value):
                yield _csv_row(entry)

    stamp = db.clock.now().strftime("%Y%m%d-%H%M%S")
    return CSVResponse(
        rows(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="audit-{stamp}.csv"'},
    )
