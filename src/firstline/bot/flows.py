"""The bot's door to the self-service flows (flows/): which flow a question starts, and the
runner with this deployment's flows and backoffice. The runner is rebuilt only when an admin
changes a flow definition; the backoffice client (its HTTP connections) lives as long as the
process."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.settings import Settings
from firstline.customers.models import VISITOR_PREFIX
from firstline.flows.backoffice import BackofficeClient
from firstline.flows.registry import flows_version, load_flows
from firstline.flows.runner import CustomerRef, FlowRunner, FlowTurn, LocalActions

_clients: dict[tuple[str | None, str | None, float], BackofficeClient] = {}
_runner: tuple[Any, FlowRunner] | None = None


def _backoffice(settings: Settings) -> BackofficeClient:
    key = (settings.backoffice_url, settings.backoffice_secret, settings.backoffice_timeout)
    client = _clients.get(key)
    if client is None:
        client = _clients[key] = BackofficeClient.from_settings(settings)
    return client


async def runner(db: AsyncSession, settings: Settings) -> FlowRunner:
    global _runner
    version = await flows_version(db)
    backoffice = _backoffice(settings)
    if _runner is None or _runner[0] != version or _runner[1].backoffice is not backoffice:
        _runner = (version, FlowRunner(await load_flows(db), backoffice))
    return _runner[1]


def customer_ref(external_id: str) -> CustomerRef:
    """A visitor's id is ours, not the company's: only signed-in customers have a user id."""
    if external_id.startswith(VISITOR_PREFIX):
        return CustomerRef(external_user_id=None)
    return CustomerRef(external_user_id=external_id)


async def flow_for_intent(db: AsyncSession, settings: Settings, intent: str) -> str | None:
    return (await runner(db, settings)).flow_for_intent(intent)


async def match_flow(db: AsyncSession, settings: Settings, text: str, language: str) -> str | None:
    return (await runner(db, settings)).match_flow(text, language)


async def start(
    db: AsyncSession,
    settings: Settings,
    flow_id: str,
    language: str,
    customer: CustomerRef,
    *,
    local: LocalActions | None = None,
) -> FlowTurn:
    flows = await runner(db, settings)
    return await flows.start(flow_id, language=language, customer=customer, local=local)


async def advance(
    db: AsyncSession,
    settings: Settings,
    state: dict[str, Any],
    text: str,
    *,
    local: LocalActions | None = None,
) -> FlowTurn:
    return await (await runner(db, settings)).advance(state, text, local=local)


async def cancel(db: AsyncSession, settings: Settings, state: dict[str, Any]) -> FlowTurn:
    return (await runner(db, settings)).cancel(state)
