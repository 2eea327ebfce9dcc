"""Looking a claim up: the chain (through the network's adapter, and the other networks of the
same family when the hash is not where the customer says), then the company's books, then
rules.diagnose. Bounded in time: a chain or backoffice that does not answer within the budget
leaves the case `unchecked` for a person, never a customer waiting on a spinner."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

from firstline.recovery.chains import ChainAdapter, ChainTransaction, ChainUnavailable
from firstline.recovery.ledger import Ledger, LedgerUnavailable
from firstline.recovery.networks import family, normal_address
from firstline.recovery.rules import Claim, Diagnosis, FeePolicy, Matrix, Seen, diagnose

DEFAULT_BUDGET_SECONDS = 8.0


async def run_diagnosis(
    claim: Claim,
    adapters: Mapping[str, ChainAdapter],
    ledger: Ledger,
    matrix: Matrix,
    policy: FeePolicy,
    *,
    budget: float = DEFAULT_BUDGET_SECONDS,
) -> Diagnosis:
    seen = Seen()
    try:
        await asyncio.wait_for(_look(claim, adapters, ledger, seen), budget)
    except TimeoutError:
        seen.unavailable.append(f"Lookups took longer than {budget:g} s.")
        seen.tx = None  # half the facts are worse than none: a person looks
    return diagnose(claim, seen, matrix, policy)


async def _find(
    claim: Claim, adapters: Mapping[str, ChainAdapter], seen: Seen
) -> tuple[ChainTransaction, ChainAdapter] | None:
    own = adapters.get(claim.network)
    if own is None:
        seen.unavailable.append(f"No chain adapter for {claim.network}.")
    else:
        try:
            tx = await own.transaction(claim.tx_hash)
        except ChainUnavailable as exc:
            seen.unavailable.append(str(exc))
            tx = None
        if tx is not None:
            return tx, own
    # Not there: a wrong network is the commonest mistake, so ask the network's siblings.
    siblings = [
        a for n, a in adapters.items() if n != claim.network and family(n) == family(claim.network)
    ]
    results = await asyncio.gather(
        *(a.transaction(claim.tx_hash) for a in siblings), return_exceptions=True
    )
    for adapter, result in zip(siblings, results, strict=True):
        if isinstance(result, ChainTransaction):
            return result, adapter
        if isinstance(result, ChainUnavailable):
            seen.unavailable.append(str(result))
    return None


async def _look(
    claim: Claim, adapters: Mapping[str, ChainAdapter], ledger: Ledger, seen: Seen
) -> None:
    found = await _find(claim, adapters, seen)
    if found is None:
        return
    tx, adapter = found
    seen.found_on = adapter.network
    seen.confirmations_required = adapter.confirmations_required
    seen.block_seconds = adapter.block_seconds
    net = adapter.network
    addresses: dict[str, str | None] = {}
    for t in tx.transfers:
        addresses.setdefault(normal_address(net, t.sender), None)
        addresses[normal_address(net, t.recipient)] = tx.memo
    addresses.setdefault(normal_address(net, claim.address), tx.memo)
    try:
        facts = await ledger.facts(net, tx.tx_hash, list(addresses.items()))
    except LedgerUnavailable as exc:
        seen.unavailable.append(f"Backoffice: {exc}")
        return  # without the books nothing can be decided: a person looks
    seen.owners = facts.owners
    seen.credit = facts.credit
    recipients = dict.fromkeys(normal_address(net, t.recipient) for t in tx.transfers)
    strangers = [a for a in recipients if facts.owners.get(a) is None]
    if tx.to and not tx.transfers:
        strangers.append(normal_address(net, tx.to))
    try:
        checks = await asyncio.gather(*(adapter.is_contract(a) for a in strangers))
    except ChainUnavailable as exc:
        seen.unavailable.append(str(exc))
        return
    seen.contracts = {a for a, is_contract in zip(strangers, checks, strict=True) if is_contract}
    seen.tx = tx
