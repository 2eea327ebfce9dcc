"""Every write of the recovery desk: opening a case (with its diagnosis), the customer's answer
to the fee, the team's moves through the states, and the admin's matrix and policy.

Diagnosing talks to chains and the backoffice, so callers run `diagnose_claim` before they
open their transaction when they can (the API and the help center do); the bot, which is
already inside one, gets a bounded budget instead.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Team
from firstline.audit.actions import record_audit
from firstline.audit.tables import fits_id
from firstline.conversations.actions import do_post_message
from firstline.conversations.models import AuthorKind, Conversation, Status
from firstline.core.db import now
from firstline.core.errors import Conflict, InvalidInput
from firstline.core.i18n import t
from firstline.core.rawsql import SQL, raw_connection
from firstline.recovery.ledger import Person
from firstline.recovery.models import (
    OPEN_STATES,
    RecoveryAsset,
    RecoveryCase,
    RecoveryPolicy,
    State,
)
from firstline.recovery.rules import Cause, Claim, Diagnosis, FeePolicy, Path

ENTITY = "recovery_case"
DEFAULT_SLA_HOURS: dict[str, float] = {
    "submitted": 4,
    "diagnosing": 48,
    "awaiting_customer": 14 * 24,  # the customer's time to answer; then the case closes
    "approved": 24,
    "recovering": 72,
}
NO_ANSWER = "no_answer"
# The moves the team makes; the customer's answer to the fee is do_answer_fee.
TRANSITIONS: dict[State, frozenset[State]] = {
    State.submitted: frozenset({State.diagnosing, State.awaiting_customer, State.rejected}),
    State.diagnosing: frozenset({State.awaiting_customer, State.approved, State.rejected}),
    State.awaiting_customer: frozenset({State.diagnosing, State.rejected}),
    State.approved: frozenset({State.recovering, State.rejected}),
    State.recovering: frozenset({State.credited, State.rejected}),
    State.credited: frozenset(),
    State.rejected: frozenset({State.diagnosing}),
}
REASON_MAX = 32

# Cases are written with plain SQL: the bot opens them inside the chat's raw-write
# transaction (core/db.py), where the ORM may read but not flush.
_COLUMNS = [c.name for c in RecoveryCase.__table__.columns if c.name != "id"]
_INSERT = SQL(
    f"INSERT INTO recovery_cases ({', '.join(_COLUMNS)}) "
    f"VALUES ({', '.join(f'${i}' for i in range(1, len(_COLUMNS) + 1))}) RETURNING id"
)
_UPDATE = SQL(
    "UPDATE recovery_cases SET "
    + ", ".join(f"{name} = ${i}" for i, name in enumerate(_COLUMNS, 2))
    + " WHERE id = $1"
)


_SAVEPOINT = SQL("SAVEPOINT recovery_case")
_ROLLBACK = SQL("ROLLBACK TO SAVEPOINT recovery_case")
_RELEASE = SQL("RELEASE SAVEPOINT recovery_case")


async def _save(db: AsyncSession, case: RecoveryCase) -> None:
    """Write every column of `case` (insert when it has no id yet). A case read through the
    ORM is detached first, so the session never flushes it behind this statement's back."""
    if case in db:
        db.expunge(case)
    raw = await raw_connection(db)
    values: list[Any] = []
    for name in _COLUMNS:
        value = getattr(case, name)
        if isinstance(value, datetime):
            value = raw.ts(value)
        elif name == "diagnosis":
            value = raw.json(value or {})
        values.append(value)
    # Under a savepoint, so that losing the one-open-case-per-transaction race (the unique
    # index) is a clean Conflict and leaves the caller's transaction usable.
    await raw.execute(_SAVEPOINT)
    try:
        if case.id is None:
            (case.id,) = await raw.fetchone(_INSERT, *values)
        else:
            await raw.execute(_UPDATE, case.id, *values)
    except IntegrityError:
        await raw.execute(_ROLLBACK)
        raise Conflict(
            "Another recovery case is already open for this transaction; work on that one."
        ) from None
    await raw.execute(_RELEASE)


@dataclass(frozen=True, slots=True)
class Policy:
    fee: FeePolicy
    sla_hours: dict[str, float]
    team_id: int | None = None


def cents(value: Decimal | None) -> int | None:
    return None if value is None else int((value * 100).to_integral_value())


def number(case: RecoveryCase) -> str:
    return f"R-{case.id}"


async def load_policy(db: AsyncSession) -> Policy:
    """The policy in force, read once per session (a bulk move of 500 cases reads it once)."""
    cached = db.info.get(_POLICY_KEY)
    if isinstance(cached, Policy):
        return cached
    policy = await _read_policy(db)
    db.info[_POLICY_KEY] = policy
    return policy


_POLICY_KEY = "firstline.recovery.policy"


async def _read_policy(db: AsyncSession) -> Policy:
    row = await db.get(RecoveryPolicy, 1)
    if row is None:
        return Policy(FeePolicy(), dict(DEFAULT_SLA_HOURS))
    fee = FeePolicy(
        percent=Decimal(row.fee_percent),
        minimum=Decimal(row.fee_minimum),
        maximum=Decimal(row.fee_maximum),
        currency=row.currency,
        wait_below=Decimal(row.wait_below),
    )
    return Policy(fee, {**DEFAULT_SLA_HOURS, **(row.sla_hours or {})}, row.team_id)


def _due(policy: Policy, state: State, at: datetime) -> datetime | None:
    hours = policy.sla_hours.get(state.value)
    return at + timedelta(hours=hours) if hours else None


def _first_state(d: Diagnosis) -> tuple[State, str | None]:
    """Where a freshly diagnosed case starts, and why when it ends there."""
    if d.cause == Cause.unchecked:
        return State.submitted, None
    if not d.eligible:
        return State.rejected, d.cause.value
    if d.path == Path.unsupported:
        return State.rejected, "unsupported"
    if d.fee is not None and d.fee == 0:  # nothing to accept: our fault, our credit
        return (State.approved if d.path == Path.direct else State.diagnosing), None
    return State.awaiting_customer, None


def _apply(case: RecoveryCase, d: Diagnosis, policy: Policy, at: datetime) -> None:
    case.cause = d.cause.value
    case.eligible = d.eligible
    case.path = d.path.value if d.path else None
    case.found_network = d.network
    case.found_token = d.token[:16]
    case.contract = d.contract
    case.chain_amount = format(d.amount, "f") if d.amount is not None else None
    case.value_cents = cents(d.value)
    case.fee_currency = policy.fee.currency
    case.fee_cents = cents(d.fee)
    case.fee_accepted_at = None
    case.advice = d.advice.value if d.advice else None
    case.wait_seconds = d.wait_seconds
    case.diagnosis = {
        "notes": d.notes,
        "credited_at": d.credited_at,
        "credited_account": d.credited_account,
        "fee_percent": str(policy.fee.percent),
        "fee_minimum": str(policy.fee.minimum),
        "fee_maximum": str(policy.fee.maximum),
        "fee_rule": d.fee_rule.value if d.fee_rule else None,
        "mismatches": [asdict(m) for m in d.mismatches],
        "listed": d.listed,
    }
    case.diagnosed_at = at
    state, reason = _first_state(d)
    _enter(case, state, policy, at)
    case.reason = reason


def _enter(case: RecoveryCase, state: State, policy: Policy, at: datetime) -> None:
    case.state = state.value
    case.due_at = _due(policy, state, at)
    case.updated_at = at
    case.closed_at = at if state in (State.credited, State.rejected) else None


async def find_open_case(
    db: AsyncSession, network: str, tx_hash: str, *, found_network: str | None = None
) -> RecoveryCase | None:
    """The open case of a transaction: claimed on `network`, or found on `found_network` (the
    same deposit claimed once on ETH and once on BSC, where it is, is one case)."""
    rows = await db.scalars(
        select(RecoveryCase).where(RecoveryCase.tx_hash == tx_hash).order_by(RecoveryCase.id.desc())
    )
    for c in rows:
        same = c.network == network or (
            found_network is not None and c.found_network == found_network
        )
        if same and c.state in OPEN_STATES:
            return c
    return None


async def do_open_case(
    db: AsyncSession,
    claim: Claim,
    diagnosis: Diagnosis,
    *,
    source: str,
    language: str,
    customer_id: int | None = None,
    conversation_id: int | None = None,
    acting_agent_id: int | None = None,
) -> tuple[RecoveryCase, bool]:
    """Open a case with its diagnosis; (case, False). When the same applicant already has an
    open case for the transaction, that one comes back instead: (case, True). Another
    applicant's open case for it is a conflict (no details: it is someone else's).

    The applicant is who the company's books say they are when the deposit address is theirs
    (user id and email together): a claim filed in the chat (signed in: a user id) and again
    on the help center's form (an email) is one applicant's, and finds the one case."""
    applicant = diagnosis.applicant or claim.applicant
    found_on = diagnosis.network  # where the chain has it (the claim's network if not found)
    existing = await find_open_case(db, claim.network, claim.tx_hash, found_network=found_on)
    if existing is not None:
        if _applicant(existing).same(applicant):
            return existing, True
        raise Conflict("A recovery case is already open for this transaction.")
    at = now(db)
    policy = await load_policy(db)
    case = RecoveryCase(
        public_id=secrets.token_urlsafe(16),
        customer_id=customer_id,
        conversation_id=conversation_id,
        team_id=policy.team_id,
        applicant_user_id=applicant.external_user_id,
        applicant_email=applicant.email,
        language=language,
        source=source,
        network=claim.network,
        token=claim.token.upper()[:16],
        tx_hash=claim.tx_hash,
        amount=format(claim.amount, "f") if claim.amount is not None else None,
        address=claim.address,
        memo=claim.memo,
        created_at=at,
    )
    _apply(case, diagnosis, policy, at)
    try:
        await _save(db, case)
    except Conflict:
        # Another request opened it between our read and our write (the unique index said
        # so): the same applicant gets that case, as if it had been there first.
        existing = await find_open_case(db, claim.network, claim.tx_hash, found_network=found_on)
        if existing is not None and _applicant(existing).same(applicant):
            return existing, True
        raise
    await record_audit(
        db, action="recovery.opened", entity_type=ENTITY, entity_id=case.id,
        actor_kind=None if acting_agent_id else "customer", actor_agent_id=acting_agent_id,
        data={"source": source, "cause": case.cause, "path": case.path, "state": case.state,
              "fee_cents": case.fee_cents, "notes": diagnosis.notes},
    )  # fmt: skip
    return case, False


def _applicant(case: RecoveryCase) -> Person:
    return Person(case.applicant_user_id, case.applicant_email)


async def do_rediagnose_case(
    db: AsyncSession, case: RecoveryCase, diagnosis: Diagnosis, *, acting_agent_id: int | None
) -> None:
    """A new diagnosis for a case nobody has acted on yet (the chain was down, a node is now
    configured); it starts over from where the new diagnosis puts it."""
    if case.state not in (State.submitted, State.diagnosing, State.awaiting_customer):
        raise Conflict(f"Case {number(case)} is {case.state}; only cases not yet approved "
                       "or closed can be diagnosed again.")  # fmt: skip
    before = case.state
    _apply(case, diagnosis, await load_policy(db), now(db))
    await _save(db, case)
    await record_audit(
        db, action="recovery.rediagnosed", entity_type=ENTITY, entity_id=case.id,
        actor_agent_id=acting_agent_id,
        data={"from": before, "to": case.state, "cause": case.cause, "path": case.path,
              "notes": diagnosis.notes},
    )  # fmt: skip
    await _tell_customer(db, case)


async def do_answer_fee(
    db: AsyncSession, case: RecoveryCase, accept: bool, *, acting_agent_id: int | None = None
) -> str:
    """The customer accepts the quoted fee (the case goes on: direct cases are approved,
    conditional ones go to review) or declines it (the case closes). Returns what to tell
    the customer, in their language. An agent may record an answer given to them."""
    if case.state != State.awaiting_customer or case.fee_cents is None:
        raise Conflict(f"Case {number(case)} is {case.state}; it is not waiting for an answer "
                       "to a fee.")  # fmt: skip
    at = now(db)
    policy = await load_policy(db)
    if accept:
        case.fee_accepted_at = at
        to = State.approved if case.path == Path.direct else State.diagnosing
        key = "accepted_direct" if to == State.approved else "accepted_conditional"
    else:
        to, key = State.rejected, "declined"
    _enter(case, to, policy, at)
    case.reason = None if accept else "fee_declined"
    await _save(db, case)
    await record_audit(
        db, action="recovery.fee_accepted" if accept else "recovery.fee_declined",
        entity_type=ENTITY, entity_id=case.id,
        actor_kind=None if acting_agent_id else "customer", actor_agent_id=acting_agent_id,
        data={"to": to.value, "fee_cents": case.fee_cents, "currency": case.fee_currency},
    )  # fmt: skip
    return t(f"recovery.{key}", case.language, number=number(case))


async def do_transition_case(
    db: AsyncSession,
    case: RecoveryCase,
    to: State,
    *,
    acting_agent_id: int | None,
    reason: str | None = None,
    note: str | None = None,
    recovered_amount: Decimal | None = None,
) -> None:
    """Move a case as the recovery team does. Rejecting needs a reason; crediting charges the
    accepted fee and records what came back (the diagnosed amount unless told otherwise)."""
    here = State(case.state)
    if to not in TRANSITIONS[here]:
        allowed = ", ".join(sorted(TRANSITIONS[here])) or "nothing (it is closed)"
        raise Conflict(f"Case {number(case)} is {here}; it can move to {allowed}.")
    if to == State.rejected and not (reason and reason.strip()):
        raise InvalidInput("Say why the case is rejected (reason).", errors=["reason: required"])
    if to == State.approved and case.fee_cents and case.fee_accepted_at is None:
        raise Conflict(f"The customer has not accepted the fee of case {number(case)} yet.")
    at = now(db)
    policy = await load_policy(db)
    _enter(case, to, policy, at)
    case.reason = reason.strip()[:REASON_MAX] if to == State.rejected and reason else None
    if note is not None:
        case.note = note.strip() or None
    if to == State.credited:
        case.fee_charged_cents = case.fee_cents or 0
        amount = recovered_amount
        if amount is None and case.chain_amount is not None:
            amount = Decimal(case.chain_amount)
        case.recovered_amount = format(amount, "f") if amount is not None else None
        case.recovered_value_cents = _value_of(case, amount)
    if to == State.diagnosing and here == State.rejected:
        case.reason = None
    await _save(db, case)
    await record_audit(
        db, action="recovery.moved", entity_type=ENTITY, entity_id=case.id,
        actor_agent_id=acting_agent_id,
        data={"from": here.value, "to": to.value, "reason": case.reason, "note": note,
              "recovered_amount": case.recovered_amount,
              "fee_charged_cents": case.fee_charged_cents if to == State.credited else None},
    )  # fmt: skip
    await _tell_customer(db, case)


def _value_of(case: RecoveryCase, amount: Decimal | None) -> int | None:
    """What `amount` of the case's asset is worth, at the value the diagnosis gave."""
    if amount is None:
        return case.value_cents
    if case.value_cents is None or not case.chain_amount or Decimal(case.chain_amount) == 0:
        return None
    return int(
        (Decimal(case.value_cents) * amount / Decimal(case.chain_amount)).to_integral_value()
    )


async def _tell_customer(db: AsyncSession, case: RecoveryCase) -> None:
    """Say the new state in the case's conversation, if it came from one that is not closed."""
    if case.conversation_id is None:
        return
    conversation = await db.scalar(
        select(Conversation).where(Conversation.id == case.conversation_id).with_for_update()
    )
    if conversation is None or conversation.status == Status.closed:
        return
    lang = case.language
    text = t(
        "recovery.status_changed",
        lang,
        number=number(case),
        state=t(f"recovery.state_{case.state}", lang),
    )
    if case.note:
        text += "\n" + case.note
    await do_post_message(
        db, conversation, body=text, author_kind=AuthorKind.bot, language=lang,
        meta={"recovery_case": {"number": number(case), "state": case.state}},
    )  # fmt: skip


async def any_unanswered_due(db: AsyncSession, at: datetime) -> bool:
    found = await db.scalar(
        select(RecoveryCase.id)
        .where(
            RecoveryCase.state == State.awaiting_customer.value,
            RecoveryCase.due_at.is_not(None),
            RecoveryCase.due_at <= at,
        )
        .limit(1)
    )
    return found is not None


async def do_close_unanswered(db: AsyncSession, *, limit: int = 100) -> int:
    """Cases whose customer did not answer the fee in time close (reason `no_answer`), and
    the customer is told. The state is checked again under the row lock, so a case answered
    meanwhile, or closed by another worker, is left alone."""
    at = now(db)
    rows = await db.scalars(
        select(RecoveryCase)
        .where(
            RecoveryCase.state == State.awaiting_customer.value,
            RecoveryCase.due_at.is_not(None),
            RecoveryCase.due_at <= at,
        )
        .order_by(RecoveryCase.id)
        .limit(limit)
        .with_for_update()
    )
    closed = 0
    for case in list(rows):
        if case.state != State.awaiting_customer:
            continue
        note = t("recovery.no_answer_note", case.language)
        await do_transition_case(
            db, case, State.rejected, acting_agent_id=None, reason=NO_ANSWER, note=note
        )
        closed += 1
    return closed


# -- the support matrix and the policy ----------------------------------------------------


def asset_key(network: str, token: str, contract: str | None) -> str:
    return f"{network}:{contract.lower() if contract else token.upper()}"


async def do_replace_matrix(
    db: AsyncSession, rows: list[dict[str, Any]], *, acting_agent_id: int | None
) -> int:
    """Replace the whole support matrix with `rows` (already validated). Returns how many."""
    at = now(db)
    old = {a.key: a for a in await db.scalars(select(RecoveryAsset))}
    keep: set[str] = set()
    for r in rows:
        key = asset_key(r["network"], r["token"], r.get("contract"))
        if key in keep:
            raise InvalidInput(
                f"The matrix names {key} twice.",
                message="matrix_twice",
                args={"key": key},
                errors=[f"{key}: duplicate"],
            )
        keep.add(key)
        asset = old.get(key) or RecoveryAsset(key=key)
        for name in ("network", "token", "contract", "listed", "path", "decimals",
                     "min_deposit", "price", "may_be_listed"):  # fmt: skip
            setattr(asset, name, r.get(name))
        asset.updated_at = at
        db.add(asset)
    for key, asset in old.items():
        if key not in keep:
            await db.delete(asset)
    await db.flush()
    await record_audit(
        db, action="recovery.matrix_replaced", entity_type="recovery_matrix", entity_id=0,
        actor_agent_id=acting_agent_id, data={"rows": len(rows), "removed": len(set(old) - keep)},
    )  # fmt: skip
    return len(rows)


async def do_save_policy(
    db: AsyncSession, data: dict[str, Any], *, acting_agent_id: int | None
) -> None:
    team_id = data.get("team_id")
    if team_id is not None and (not fits_id(team_id) or await db.get(Team, team_id) is None):
        raise InvalidInput(
            f"No team with id {team_id}.",
            message="no_row",
            args={"table": "team", "id": str(team_id)},
        )
    policy = await db.get(RecoveryPolicy, 1)
    if policy is None:
        policy = RecoveryPolicy(id=1)
        db.add(policy)
    policy.fee_percent = str(data["fee_percent"])
    policy.fee_minimum = str(data["fee_minimum"])
    policy.fee_maximum = str(data["fee_maximum"])
    policy.currency = data["currency"]
    policy.wait_below = str(data["wait_below"])
    policy.sla_hours = {k: float(v) for k, v in data["sla_hours"].items()}
    policy.team_id = team_id
    policy.updated_at = now(db)
    await db.flush()
    db.info.pop(_POLICY_KEY, None)
    await record_audit(
        db, action="recovery.policy_saved", entity_type="recovery_policy", entity_id=1,
        actor_agent_id=acting_agent_id,
        data={k: str(v) if isinstance(v, Decimal) else v for k, v in data.items()},
    )  # fmt: skip
