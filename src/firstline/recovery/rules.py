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
# Customers round what they type, and some give the amount before the wallet took its network
# fee: a claim within 1% of what the chain shows is the same amount.
AMOUNT_TOLERANCE = Decimal("0.01")


class FeeRule(StrEnum):
    """Which part of the fee policy set the fee, so the customer is told the true reason."""

    percent = "percent"  # the percentage of the value
    minimum = "minimum"  # the percentage came to less than the minimum
    maximum = "maximum"  # the percentage came to more than the cap
    flat = "flat"  # no price for the token: the minimum, as a flat fee
    none = "none"  # the company's fault: no fee


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

    def named(self, network: str, token: str) -> AssetRule | None:
        """The network's own row for the token of that symbol, if the matrix has one."""
        return self._by_token.get((network, token.upper()))

    def listed(self, network: str) -> list[str]:
        """The tokens the company credits on `network`, as the admin's matrix says."""
        return sorted({r.token for r in self.rules if r.network == network and r.listed} - {"*"})


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
        return self.quote(value)[0]

    def quote(self, value: Decimal | None) -> tuple[Decimal, FeeRule]:
        """The fee for `value` and the rule that set it."""
        if value is None:  # no reference price: the minimum
            return self.minimum.quantize(CENT, ROUND_HALF_UP), FeeRule.flat
        raw = value * self.percent / 100
        if raw < self.minimum:
            return self.minimum.quantize(CENT, ROUND_HALF_UP), FeeRule.minimum
        if raw > self.maximum:
            return self.maximum.quantize(CENT, ROUND_HALF_UP), FeeRule.maximum
        return raw.quantize(CENT, ROUND_HALF_UP), FeeRule.percent


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


@dataclass(frozen=True, slots=True)
class Mismatch:
    """Where the claim and the chain disagree. `field` is network, token or amount; `claimed`
    and `found` are as the customer reads them ("500 USDT", "0.8 BNB"). A token the matrix
    does not know by its contract has `contract` set, and `listed_contract` is the contract of
    the token the customer named, as the matrix lists it."""

    field: str
    claimed: str
    found: str
    contract: str | None = None
    listed_contract: str | None = None


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
    fee_rule: FeeRule | None = None
    advice: Advice | None = None
    wait_seconds: int | None = None
    credited_at: str | None = None
    credited_account: str | None = None
    notes: list[str] = field(default_factory=list)  # for the recovery team, in English
    mismatches: list[Mismatch] = field(default_factory=list)  # the claim against the chain
    listed: list[str] = field(default_factory=list)  # for an unlisted token: what is listed
    # Who the company's books say the applicant is (their user id and email together), when
    # the deposit address is theirs: the same claim filed from the chat (a user id) and from
    # the help center (an email) then finds one case.
    applicant: Person | None = None


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
    if network != claim.network:
        d.mismatches.append(Mismatch("network", claim.network, network))
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
    elif matrix.named(network, claim.token) is not None:
        # The customer named a token the matrix knows by another contract: the chain moved
        # something else, whose symbol nobody vouches for; the contract is what is known.
        d.token = short_contract(transfer.contract or "")
    decimals = exact.decimals if exact else None
    on_chain = transfer.amount(decimals)
    d.amount = on_chain or claim.amount
    d.mismatches += compare(claim, d.token, transfer.contract, on_chain, exact, matrix, network)
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
    if owner.person is not None and owner.person.same(claim.applicant):
        d.applicant = Person(
            owner.person.external_user_id or claim.applicant.external_user_id,
            owner.person.email or claim.applicant.email,
        )
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
        d.listed = matrix.listed(network)
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
    if d.path == Path.direct and any(m.field != "network" for m in d.mismatches):
        # The customer may mean another transaction (or misread their wallet): what the chain
        # shows is what gets recovered and priced, and a person confirms it with them first.
        d.path = Path.conditional
        d.notes.append("The claim's token or amount differs from the chain: confirm first.")
    may_be_listed = bool(rule and rule.may_be_listed)
    if d.path != Path.unsupported:
        if d.cause in NO_FEE:
            d.fee, d.fee_rule = Decimal("0.00"), FeeRule.none
        else:
            d.fee, d.fee_rule = policy.quote(d.value)
    if may_be_listed and (
        d.path == Path.unsupported or (d.value is not None and d.value < policy.wait_below)
    ):
        d.advice = Advice.wait
    return d


def short_contract(contract: str) -> str:
    """A contract as a token's name where its symbol is unknown: short enough for a column."""
    return contract if len(contract) <= 14 else f"{contract[:6]}…{contract[-4:]}"


def asset(amount: Decimal | None, token: str) -> str:
    return f"{format(amount.normalize(), 'f')} {token}" if amount is not None else token


def compare(
    claim: Claim,
    token: str,
    contract: str | None,
    on_chain: Decimal | None,
    exact: AssetRule | None,
    matrix: Matrix,
    network: str,
) -> list[Mismatch]:
    """The token and the amount the customer gave against the transfer the chain shows. An
    amount is compared only for the same token (0.8 BNB against 500 USDT says nothing more)."""
    claimed = claim.token.upper()
    named = matrix.named(network, claimed)
    said, seen = asset(claim.amount, claimed), asset(on_chain, token)
    if exact is None and contract is not None:
        if named is not None:  # not the contract of the token they named
            return [Mismatch("token", said, seen, contract, named.contract)]
    elif token.upper() != claimed:
        return [Mismatch("token", said, seen)]
    if (
        claim.amount is not None
        and on_chain is not None
        and abs(claim.amount - on_chain) > on_chain * AMOUNT_TOLERANCE
    ):
        return [Mismatch("amount", said, seen)]
    return []
