"""The desk as the entry points use it: this deployment's chain adapters and backoffice
ledger, and a diagnosis read against the stored matrix and policy."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.errors import FirstlineError, Unavailable
from firstline.core.settings import Settings
from firstline.flows.backoffice import BackofficeClient
from firstline.recovery.actions import load_policy
from firstline.recovery.chains.recorded import RecordError
from firstline.recovery.chains.registry import adapters
from firstline.recovery.diagnosis import DEFAULT_BUDGET_SECONDS, run_diagnosis
from firstline.recovery.ledger import BackofficeLedger
from firstline.recovery.queries import load_matrix
from firstline.recovery.rules import Claim, Diagnosis

_ledgers: dict[tuple[str | None, str | None, float], BackofficeLedger] = {}


def ledger(settings: Settings) -> BackofficeLedger:
    key = (settings.backoffice_url, settings.backoffice_secret, settings.backoffice_timeout)
    found = _ledgers.get(key)
    if found is None:
        found = _ledgers[key] = BackofficeLedger(BackofficeClient.from_settings(settings))
    return found


async def diagnose_claim(
    db: AsyncSession, settings: Settings, claim: Claim, *, budget: float = DEFAULT_BUDGET_SECONDS
) -> Diagnosis:
    try:
        chains = adapters(settings)
    except (FirstlineError, RecordError, ImportError) as exc:
        # `firstline serve` refuses such settings; an app built another way says it here.
        raise Unavailable(f"The recovery desk's chain settings are not usable: {exc}") from exc
    matrix = await load_matrix(db)
    policy = await load_policy(db)
    return await run_diagnosis(claim, chains, ledger(settings), matrix, policy.fee, budget=budget)
