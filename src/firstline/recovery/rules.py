"""The diagnosis of a deposit that did not arrive, and the price of recovering it. Pure: the
facts come in (what the chain and the company's books say), a verdict goes out.

Eligibility follows the published rules of the exchange the desk was modelled on: only
confirmed transactions, only into the applicant's own account, no applications on behalf of
others. A recoverable case takes the path the support matrix gives its network and token
(direct, conditional, unsupported); the fee is a percentage of its value in the reference
currency, between a minimum and a maximum, and is waived when the company is at fault (a
correct deposit it did not credit).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from firstline.recovery.chains import ChainTransaction, Transfer
from firstline.recovery.ledger import Credit, Owner, Person
from firstline.recovery.networks import PARAMS, normal_address, same_address


class Cause(StrEnum):
    not_found = "not_found"
    unconfirmed = "unconfirmed"
    failed = "failed"  # reverted on chain: nothing moved
    credited = "credited"
    missing_memo = "missing_memo"
    wrong_memo = "wrong_memo"
    wrong_network = "wrong_network"
    unlisted_token = "unlisted_token"
    sent_to_contract = "sent_to_contract"
    below_minimum = "below_minimum"
    not_own_address = "not_own_address"
    withdrawal = "withdrawal"
    not_credited = "not_credited"  # a correct deposit the company has not credited
    unchecked = "unchecked"  # the chain or the books could not be asked: a person looks


class Path(StrEnum):
    direct = "direct"  # recovered without review, once the customer accepts the fee
    conditional = "conditional"  # the team reviews and may set conditions
    unsupported = "unsupported"


class Advice(StrEnum):
    wait = "wait"  # small amount on a network or token that may be supported later
    wait_confirmations = "wait_confirmations"
    check_details = "check_details"  # the hash or the network is probably wrong
    contact_recipient = "contact_recipient"  # the money went to someone else's address


RECOVERABLE = frozenset(
    {
        Cause.missing_memo, Cause.wrong_memo, Cause.wrong_network, Cause.unlisted_token,
        Cause.below_minimum, Cause.not_credited,
    }
)  # fmt: skip
NO_FEE = frozenset({Cause.not_credited})
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Claim:
    """What the customer says they did."""

    network: str
    token: str
    tx_hash: str
    amount: Decimal | None
    address: str
    memo: str | None
    applicant: Person


@dataclass(frozen=True, slots=True)
class AssetRule:
    """One row of the support matrix. `token` "*" stands for every other token of the
    network; `contract` None with a named token is the network's own coin."""

    network: str
    token: str
    contract: str | None
    listed: bool
    path: Path
    decimals: int | None = None
    min_deposit: Decimal | None = None
    price: Decimal | None = None  # in the reference currency
    may_be_listed: bool = False


class Matrix:
    def __init__(self, rules: list[AssetRule]) -> None:
        self.rules = rules
        self._by_contract: dict[tuple[str, str], AssetRule] = {}
        self._coin: dict[str, AssetRule] = {}
        self._any: dict[str, AssetRule] = {}
        self._by_token: dict[tuple[str, str], AssetRule] = {}
        for r in rules:
            if r.token == "*":
                self._any[r.network] = r
            elif r.contract is None:
                self._coin[r.network] = r
            else:
                self._by_contract[(r.network, normal_address(r.network, r.contract))] = r
            if r.token != "*":
                self._by_token.setdefault((r.network, r.token.upper()), r)

    def exact(self, network: str, contract: str | None) -> AssetRule | None:
        if contract is None:
            return self._coin.get(network)
        return self._by_contract.get((network, normal_address(network, contract)))

    def rule(self, network: str, contract: str | None) -> AssetRule | None:
        """The row that decides a transfer's path: its own, else the network's "*" row."""
        return self.exact(network, contract) or self._any.get(network)

    def by_token(self, network: str, token: str) -> AssetRule | None:
        return self._by_token.get((network, token.upper())) or self._any.get(network)


@dataclass(frozen=True, slots=True)
class FeePolicy:
    percent: Decimal = Decimal("5")
    minimum: Decimal = Decimal("5")
    maximum: Decimal = Decimal("500")
    currency: str = "USD"
    # Below this value, on a network or token that may be supported later, the customer is
    # advised to wait rather than pay the minimum fee.
    wait_below: Decimal = Decimal("50")

    def fee(self, value: Decimal | None) -> Decimal:
        if value is None:  # no reference price: the minimum
            return self.minimum
        raw = value * self.percent / 100
        return min(max(raw, self.minimum), self.maximum).quantize(CENT, ROUND_HALF_UP)


@dataclass(slots=True)
class Seen:
    """Everything looked up for one claim."""

    tx: ChainTransaction | None = None
    found_on: str | None = None  # the network the transaction was found on
    confirmations_required: int = 1
    block_seconds: float = 0
    unavailable: list[str] = field(default_factory=list)  # what could not be asked, and why
    owners: dict[str, Owner | None] = field(default_factory=dict)
    credit: Credit | None = None
    contracts: set[str] = field(default_factory=set)  # recipients found to be contracts


@dataclass(slots=True)
class Diagnosis:
    cause: Cause
    eligible: bool | None  # None: not known until a person looks (cause unchecked)
    path: Path | None  # None when the case cannot be recovered at all
    network: str  # where the transaction really is (differs for a wrong network)
    token: str
    contract: str | None = None
    amount: Decimal | None = None
    value: Decimal | None = None  # in the fee policy's currency
    fee: Decimal | None = None
    advice: Advice | None = None
    wait_seconds: int | None = None
    credited_at: str | None = None
    credited_account: str | None = None
    notes: list[str] = field(default_factory=list)  # for the recovery team, in English


def pick_transfer(
    claim: Claim, tx: ChainTransaction, owners: dict[str, Owner | None]
) -> Transfer | None:
    """The movement the claim is about: the one to the address given, else one to any
    address of the company's, else the first."""
    net = tx.network
    for t in tx.transfers:
        if same_address(net, t.recipient, claim.address):
            return t
    for t in tx.transfers:
        if owners.get(normal_address(net, t.recipient)) is not None:
            return t
    return tx.transfers[0] if tx.transfers else None


def diagnose(claim: Claim, seen: Seen, matrix: Matrix, policy: FeePolicy) -> Diagnosis:
    d = Diagnosis(Cause.unchecked, None, None, claim.network, claim.token.upper())
    if seen.unavailable and seen.tx is None:
        d.notes += seen.unavailable
        return d
    tx = seen.tx
    if tx is None:
        d.cause, d.eligible, d.advice = Cause.not_found, False, Advice.check_details
        return d
    network = seen.found_on or tx.network
    d.network = network
    if not tx.succeeded:
        d.cause, d.eligible = Cause.failed, False
        return d
    if tx.confirmations < seen.confirmations_required:
        missing = seen.confirmations_required - tx.confirmations
        d.cause, d.eligible, d.advice = Cause.unconfirmed, False, Advice.wait_confirmations
        d.wait_seconds = int(missing * seen.block_seconds) + 1
        d.notes.append(f"{tx.confirmations} of {seen.confirmations_required} confirmations.")
        return d
    transfer = pick_transfer(claim, tx, seen.owners)
    if transfer is None:
        cause = Cause.sent_to_contract if tx.to and tx.to in seen.contracts else Cause.not_found
        d.cause, d.eligible = cause, False
        d.notes.append("The transaction moved no coin and no token.")
        return d
    d.contract = transfer.contract
    exact = matrix.exact(network, transfer.contract)
    if exact is not None:
        d.token = exact.token
    elif transfer.contract is None and network in PARAMS:
        d.token = PARAMS[network].coin
    decimals = exact.decimals if exact else None
    d.amount = transfer.amount(decimals) or claim.amount
    if exact and exact.price is not None and d.amount is not None:
        d.value = (d.amount * exact.price).quantize(CENT, ROUND_HALF_UP)

    sender = seen.owners.get(normal_address(network, transfer.sender))
    if sender is not None and sender.kind == "hot_wallet":
        d.cause, d.eligible = Cause.withdrawal, False
        return d
    owner = seen.owners.get(normal_address(network, transfer.recipient))
    if owner is None or owner.kind == "hot_wallet":
        to_contract = normal_address(network, transfer.recipient) in seen.contracts
        d.cause = Cause.sent_to_contract if to_contract else Cause.not_own_address
        d.eligible = False
        d.advice = None if to_contract else Advice.contact_recipient
        return d
    if owner.kind == "deposit" and (owner.person is None or not owner.person.same(claim.applicant)):
        d.cause, d.eligible, d.advice = Cause.not_own_address, False, Advice.contact_recipient
        d.notes.append("The address belongs to another customer.")
        return d
    if seen.credit is not None and (
        owner.kind == "deposit" or seen.credit.person.same(claim.applicant)
    ):
        d.cause, d.eligible = Cause.credited, False
        d.credited_at, d.credited_account = seen.credit.credited_at, seen.credit.account
        return d

    if owner.networks and network not in owner.networks:
        d.cause = Cause.wrong_network
        d.notes.append(f"Address issued for {', '.join(owner.networks)}; sent on {network}.")
    elif owner.kind == "shared_deposit" and not tx.memo:
        d.cause = Cause.missing_memo
    elif owner.kind == "shared_deposit" and (
        owner.person is None or not owner.person.same(claim.applicant)
    ):
        d.cause = Cause.wrong_memo
        d.notes.append(f"Memo on chain: {tx.memo!r}.")
    elif exact is None or not exact.listed:
        d.cause = Cause.unlisted_token
        d.notes.append(
            f"Token contract {transfer.contract or 'native coin'} is not listed on {network}."
        )
    elif exact.min_deposit is not None and d.amount is not None and d.amount < exact.min_deposit:
        d.cause = Cause.below_minimum
        d.notes.append(f"Minimum deposit {exact.min_deposit} {exact.token}.")
    else:
        d.cause = Cause.not_credited
    d.eligible = True
    rule = matrix.rule(network, transfer.contract)
    d.path = rule.path if rule else Path.unsupported
    if d.cause == Cause.not_credited:
        d.path = Path.direct
    elif d.cause == Cause.below_minimum and d.path == Path.direct:
        d.path = Path.conditional  # someone decides whether a credit below the minimum pays
    may_be_listed = bool(rule and rule.may_be_listed)
    if d.path != Path.unsupported:
        d.fee = Decimal("0.00") if d.cause in NO_FEE else policy.fee(d.value)
    if may_be_listed and (
        d.path == Path.unsupported or (d.value is not None and d.value < policy.wait_below)
    ):
        d.advice = Advice.wait
    return d
