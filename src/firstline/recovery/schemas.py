"""Reading a claim (from the API, the help center's form, the bot's flow) into rules.Claim,
with one precise problem per field: the API says it in English with the format the network
family expects; the help center says it in the customer's language (the `flows` catalog)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from firstline.core.errors import InvalidInput
from firstline.flows.fields import (
    NETWORKS,
    FieldType,
    parse_address,
    parse_amount,
    parse_field,
    parse_memo,
    parse_network,
    parse_tx_hash,
)
from firstline.recovery.ledger import Person
from firstline.recovery.rules import Claim, Path

FORMATS: dict[str, dict[str, str]] = {
    "evm": {
        "tx_hash": "0x and 64 hexadecimal characters",
        "address": "0x and 40 hexadecimal characters",
    },
    "btc": {
        "tx_hash": "64 hexadecimal characters, without 0x",
        "address": "a bech32 address (bc1..., ltc1...) or a base58 one of 25 to 35 characters",
    },
    "tron": {
        "tx_hash": "64 hexadecimal characters, without 0x",
        "address": "T and 33 base58 characters",
    },
    "solana": {
        "tx_hash": "a base58 signature of 85 to 90 characters",
        "address": "32 to 44 base58 characters",
    },
    "xrp": {
        "tx_hash": "64 hexadecimal characters",
        "address": "r and 24 to 34 base58 characters",
        "memo": "a destination tag: a whole number below 4294967296",
    },
    "ton": {
        "tx_hash": "64 hexadecimal characters, or a 44-character base64 hash",
        "address": "a 48-character address, or 0: and 64 hexadecimal characters",
    },
    "stellar": {"tx_hash": "64 hexadecimal characters", "address": "G and 55 base32 characters"},
    "bnb": {"tx_hash": "64 hexadecimal characters", "address": "bnb1 and 38 bech32 characters"},
}


class CaseCreate(BaseModel):
    """A claim as the API takes it; the applicant is `external_user_id` (the company's user
    id) or `email`."""

    model_config = ConfigDict(extra="forbid")

    network: str = Field(max_length=40)
    token: str = Field(max_length=40)
    tx_hash: str = Field(max_length=200)
    amount: str | None = Field(default=None, max_length=60)
    address: str = Field(max_length=200)
    memo: str | None = Field(default=None, max_length=200)
    external_user_id: str | None = Field(default=None, max_length=128)
    email: str | None = Field(default=None, max_length=254)
    language: str | None = Field(default=None, max_length=35)
    conversation_id: int | None = None


def read_claim(data: dict[str, Any]) -> tuple[Claim | None, dict[str, str]]:
    """The claim, or None and {field: problem in English}. Fields: network, token, tx_hash,
    amount, address, memo, and the applicant (external_user_id or email)."""
    problems: dict[str, str] = {}

    def text(name: str) -> str:
        value = data.get(name)
        return value.strip() if isinstance(value, str) else ""

    network = parse_network(text("network"), list(NETWORKS)) if text("network") else None
    if network is None:
        problems["network"] = "choose one of " + ", ".join(NETWORKS)
    family = NETWORKS[network].family if network else None
    hint = FORMATS.get(family or "", {})
    token = parse_field(FieldType.token, text("token")) if text("token") else None
    if token is None:
        problems["token"] = "give the token's symbol, for example USDT"
    tx_hash = parse_tx_hash(text("tx_hash"), network) if text("tx_hash") else None
    if tx_hash is None:
        problems["tx_hash"] = (
            f"not a transaction hash on {network}: expected {hint['tx_hash']}"
            if network
            else "give the transaction hash (TxID)"
        )
    address = parse_address(text("address"), network) if text("address") else None
    if address is None:
        problems["address"] = (
            f"not an address on {network}: expected {hint['address']}"
            if network
            else "give the deposit address the funds were sent to"
        )
    amount: Decimal | None = None
    if text("amount"):
        parsed = parse_amount(text("amount"))
        if parsed is None:
            problems["amount"] = "give a number greater than 0, for example 150.5"
        else:
            amount = Decimal(parsed)
    memo: str | None = None
    if text("memo"):
        memo = parse_memo(text("memo"), network)
        if memo is None:
            problems["memo"] = hint.get(
                "memo", "the memo or tag exactly as entered (1 to 100 characters)"
            )
    user_id, email = text("external_user_id") or None, text("email").lower() or None
    if email is not None and parse_field(FieldType.email, email) is None:
        problems["email"] = "not an email address"
    if user_id is None and email is None and "email" not in problems:
        problems["applicant"] = "say who applies: external_user_id or email"
    if problems:
        return None, problems
    assert network and token and tx_hash and address
    return Claim(network, token, tx_hash, amount, address, memo, Person(user_id, email)), {}


def claim_or_422(data: dict[str, Any]) -> Claim:
    claim, problems = read_claim(data)
    if claim is None:
        errors = [f"{field}: {problem}" for field, problem in problems.items()]
        raise InvalidInput("The claim is not valid: " + "; ".join(errors) + ".", errors=errors)
    return claim


class AssetRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    network: str
    token: str = Field(min_length=1, max_length=16)
    contract: str | None = Field(default=None, max_length=128)
    listed: bool = False
    path: Path
    decimals: int | None = Field(default=None, ge=0, le=36)
    min_deposit: Decimal | None = Field(default=None, ge=0)
    price: Decimal | None = Field(default=None, ge=0)
    may_be_listed: bool = False

    @field_validator("network")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in NETWORKS:
            raise ValueError(f"unknown network {value!r}; use one of {', '.join(NETWORKS)}")
        return value

    @field_validator("token")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.strip().upper()


class MatrixIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    rows: list[AssetRow] = Field(max_length=5000)


class PolicyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fee_percent: Decimal = Field(ge=0, le=100)
    fee_minimum: Decimal = Field(ge=0)
    fee_maximum: Decimal = Field(ge=0)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3,5}$")
    wait_below: Decimal = Field(default=Decimal("50"), ge=0)
    sla_hours: dict[
        Literal["submitted", "diagnosing", "awaiting_customer", "approved", "recovering"], float
    ] = {}
    team_id: int | None = Field(
        default=None, description="The team that works new cases (null: no team)."
    )


def matrix_rows_in(body: MatrixIn) -> list[dict[str, Any]]:
    """The rows as the matrix action takes them: amounts as strings, EVM contracts lower-case."""
    rows = []
    for r in body.rows:
        if r.token == "*" and r.contract:
            raise InvalidInput(
                f"{r.network}: the '*' row takes no contract.",
                message="matrix_star_contract",
                args={"network": r.network},
                errors=[f"{r.network}:*: contract not allowed"],
            )
        row = r.model_dump()
        for name in ("min_deposit", "price"):
            row[name] = format(row[name], "f") if row[name] is not None else None
        if row["contract"] and NETWORKS[r.network].family == "evm":
            row["contract"] = row["contract"].lower()
        rows.append(row)
    return rows


# -- what /api/v1/recovery answers (queries.case_dict and friends build dicts; these document
# them) ----------------------------------------------------------------------------------------


class FeeOut(BaseModel):
    amount: str | None = Field(description="A decimal string, in `currency`.")
    currency: str
    percent: str | None
    minimum: str | None
    maximum: str | None
    rule: str | None = Field(description="percent, minimum, maximum, flat or none.")
    accepted_at: datetime | None
    charged: str | None


class ClaimOut(BaseModel):
    network: str
    token: str
    tx_hash: str
    amount: str | None
    address: str
    memo: str | None


class FoundOut(BaseModel):
    network: str = Field(description="Where the deposit really is.")
    token: str
    contract: str | None
    amount: str | None
    value: str | None
    currency: str


class RecoveredOut(BaseModel):
    amount: str | None
    value: str | None


class ApplicantOut(BaseModel):
    external_user_id: str | None
    email: str | None


class CaseOut(BaseModel):
    """A recovery case and its diagnosis."""

    id: int
    number: str = Field(description="What the customer quotes.")
    public_id: str
    state: str
    moves: list[str] = Field(description="The states the team may move it to next.")
    reason: str | None
    note: str | None
    cause: str
    eligible: bool | None
    path: str | None
    fee: FeeOut | None
    advice: str | None
    wait_seconds: int | None
    explanation: list[str] = Field(description="What the customer reads, a paragraph each.")
    claim: ClaimOut
    mismatches: list[dict[str, Any]] = Field(
        description="Where the claim and the chain disagree: field, claimed, found, ..."
    )
    found: FoundOut
    recovered: RecoveredOut
    notes: list[str] = Field(description="For the recovery team, in English.")
    applicant: ApplicantOut
    customer_id: int | None
    conversation_id: int | None
    language: str
    source: str
    due_at: datetime | None
    overdue: bool
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None


class CaseOpened(CaseOut):
    existing: bool = Field(description="True when the applicant's open case came back.")


class CaseWithMessage(CaseOut):
    message: str = Field(description="What to tell the customer, in their language.")


class CaseHistoryEntry(BaseModel):
    at: datetime
    action: str
    actor_kind: str
    actor_agent_id: int | None
    data: dict[str, Any]


class CaseDetail(CaseOut):
    history: list[CaseHistoryEntry] = Field(description="The audit trail, oldest first.")


class CasePage(BaseModel):
    items: list[CaseOut]
    next_cursor: str | None
    counts: dict[str, int] = Field(description="How many cases wait in each open state.")


class BulkFailure(BaseModel):
    id: int
    detail: str


class BulkMoved(BaseModel):
    moved: list[int]
    failed: list[BulkFailure]


class ReportSums(BaseModel):
    cases: int
    credited: int
    value_recovered: str
    fees: str


class RecoveryReport(ReportSums):
    since: datetime | None
    until: datetime | None
    currency: str
    by_cause: dict[str, ReportSums]
    by_network: dict[str, ReportSums]


class AssetOut(BaseModel):
    network: str
    token: str
    contract: str | None
    listed: bool
    path: str
    decimals: int | None
    min_deposit: str | None
    price: str | None
    may_be_listed: bool


class MatrixOut(BaseModel):
    rows: list[AssetOut]


class RecoveryPolicyOut(BaseModel):
    fee_percent: str
    fee_minimum: str
    fee_maximum: str
    currency: str
    wait_below: str
    sla_hours: dict[str, float]
    team_id: int | None
