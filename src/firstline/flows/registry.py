"""Which flows exist: the built-in ones (YAML files shipped in builtin/) overlaid with the
definitions admins stored, which win on the same id."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.flows.definitions import Flow, FlowInvalid
from firstline.flows.models import FlowDefinition
from firstline.flows.validation import load_flow_text, parse_flow

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FlowEntry:
    flow: Flow
    source: Literal["builtin", "custom"]
    overrides_builtin: bool = False
    version: int | None = None  # custom definitions only
    updated_at: datetime | None = None
    updated_by_agent_id: int | None = None


@lru_cache(maxsize=1)
def builtin_flows() -> dict[str, Flow]:
    """The flows that ship with Firstline, each checked strictly (every language)."""
    folder = files("firstline.flows") / "builtin"
    flows: dict[str, Flow] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            flow = load_flow_text(entry.read_text(encoding="utf-8"), strict=True)
            flows[flow.id] = flow
    return flows


def _custom(row: FlowDefinition) -> FlowEntry | None:
    try:
        flow = parse_flow(row.definition)
    except FlowInvalid as exc:
        # Stored when it was valid; a later release may check more. The built-in (if any)
        # stands in rather than a conversation failing.
        log.warning("stored flow %s no longer validates: %s", row.flow_id, exc.detail)
        return None
    return FlowEntry(
        flow=flow,
        source="custom",
        overrides_builtin=row.flow_id in builtin_flows(),
        version=row.version,
        updated_at=row.updated_at,
        updated_by_agent_id=row.updated_by_agent_id,
    )


async def list_flow_entries(db: AsyncSession) -> list[FlowEntry]:
    """Every flow in force, by id: the custom one where an admin stored one."""
    entries = {fid: FlowEntry(flow, "builtin") for fid, flow in builtin_flows().items()}
    for row in await db.scalars(select(FlowDefinition)):
        custom = _custom(row)
        if custom is not None:
            entries[row.flow_id] = custom
    return [entries[fid] for fid in sorted(entries)]


async def get_flow_entry(db: AsyncSession, flow_id: str) -> FlowEntry | None:
    row = await get_flow_row(db, flow_id)
    custom = _custom(row) if row is not None else None
    if custom is not None:
        return custom
    builtin = builtin_flows().get(flow_id)
    return FlowEntry(builtin, "builtin") if builtin is not None else None


async def get_flow_row(db: AsyncSession, flow_id: str) -> FlowDefinition | None:
    row: FlowDefinition | None = await db.scalar(
        select(FlowDefinition).where(FlowDefinition.flow_id == flow_id)
    )
    return row


async def load_flows(db: AsyncSession) -> dict[str, Flow]:
    """The flows a runner should run (FlowRunner(await load_flows(db), backoffice)): every
    flow, switched-off ones included so that a conversation already in one can finish; what
    starts a flow looks at `enabled`."""
    return {entry.flow.id: entry.flow for entry in await list_flow_entries(db)}


async def flows_version(db: AsyncSession) -> tuple[Any, ...]:
    """Changes whenever an admin saves or deletes a definition: one cheap query that tells a
    cached runner it must reload."""
    row = (
        await db.execute(
            select(
                func.count(FlowDefinition.id),
                func.coalesce(func.sum(FlowDefinition.version), 0),
                func.max(FlowDefinition.updated_at),
                func.max(FlowDefinition.id),
            )
        )
    ).one()
    return tuple(row)
