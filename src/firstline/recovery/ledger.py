"""What the company's own books say about a transaction: whose addresses it touched and
whether the deposit was already credited. Asked of the backoffice in one signed call,
`recovery_lookup` (docs/recovery.md has its request and answer).

Answer, per address asked: null when the address is not the company's, else one of
- {"kind": "deposit", "external_user_id", "email", "networks": [...]}: a customer's own deposit
  address, issued for those networks;
- {"kind": "shared_deposit", "networks": [...], "memo_owner": {"external_user_id", "email"}
  or null}: a shared address of a memo chain, where the memo says whose deposit it is;
- {"kind": "hot_wallet", "networks": [...]}: a wallet the company withdraws from.
and "deposit": {"status": "credited", "credited_at", "account", "external_user_id"} or null.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from firstline.flows.backoffice import Backoffice, BackofficeError

LOOKUP_ACTION = "recovery_lookup"
Kind = Literal["deposit", "shared_deposit", "hot_wallet"]


class LedgerUnavailable(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Person:
    external_user_id: str | None
    email: str | None

    def same(self, other: Person) -> bool:
        if self.external_user_id and other.external_user_id:
            return self.external_user_id == other.external_user_id
        return bool(self.email and other.email and self.email.casefold() == other.email.casefold())


@dataclass(frozen=True, slots=True)
class Owner:
    kind: Kind
    networks: tuple[str, ...]
    person: Person | None = None  # deposit: the customer; shared_deposit: the memo's owner


@dataclass(frozen=True, slots=True)
class Credit:
    credited_at: str
    account: str
    person: Person


@dataclass(slots=True)
class LedgerFacts:
    owners: dict[str, Owner | None] = field(default_factory=dict)
    credit: Credit | None = None


class Ledger(Protocol):
    async def facts(
        self, network: str, tx_hash: str, addresses: list[tuple[str, str | None]]
    ) -> LedgerFacts:
        """Who owns each (address, memo) and whether `tx_hash` was credited on `network`."""
        ...


class BackofficeLedger:
    def __init__(self, backoffice: Backoffice) -> None:
        self.backoffice = backoffice

    async def facts(
        self, network: str, tx_hash: str, addresses: list[tuple[str, str | None]]
    ) -> LedgerFacts:
        body = {
            "network": network,
            "tx_hash": tx_hash,
            "addresses": [{"address": a, "memo": m} for a, m in addresses],
        }
        try:
            answer = await self.backoffice.call(LOOKUP_ACTION, body)
        except BackofficeError as exc:
            raise LedgerUnavailable(str(exc)) from exc
        try:
            return _read(answer, [a for a, _ in addresses])
        except (TypeError, KeyError, AttributeError, ValueError) as exc:
            raise LedgerUnavailable(f"{LOOKUP_ACTION}: unexpected answer: {exc}") from exc


def _person(raw: Any) -> Person | None:
    if not isinstance(raw, dict):
        return None
    return Person(raw.get("external_user_id"), raw.get("email"))


def _read(answer: dict[str, Any], asked: list[str]) -> LedgerFacts:
    facts = LedgerFacts()
    found = answer.get("addresses") or {}
    for address in asked:
        raw = found.get(address)
        if raw is None:
            facts.owners[address] = None
            continue
        kind = raw["kind"]
        if kind not in ("deposit", "shared_deposit", "hot_wallet"):
            raise ValueError(f"unknown address kind {kind!r}")
        person = _person(raw) if kind == "deposit" else _person(raw.get("memo_owner"))
        facts.owners[address] = Owner(kind, tuple(raw.get("networks") or ()), person)
    deposit = answer.get("deposit")
    if isinstance(deposit, dict) and deposit.get("status") == "credited":
        facts.credit = Credit(
            str(deposit.get("credited_at") or ""),
            str(deposit.get("account") or "Spot wallet"),
            _person(deposit) or Person(None, None),
        )
    return facts
