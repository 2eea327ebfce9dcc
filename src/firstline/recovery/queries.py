"""Reading cases, the matrix and the policy; what a case says to its customer; the reports."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, true
from sqlalchemy import case as sql_case
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.models import AuditEntry
from firstline.audit.tables import fits_id
from firstline.core.db import now
from firstline.core.errors import NotFound
from firstline.core.i18n import t
from firstline.core.language import RTL_LANGUAGES
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.recovery.actions import ENTITY, TRANSITIONS, Policy, number
from firstline.recovery.models import OPEN_STATES, RecoveryAsset, RecoveryCase, State
from firstline.recovery.rules import AssetRule, Cause, FeePolicy, FeeRule, Matrix, Path


async def load_matrix(db: AsyncSession) -> Matrix:
    rows = await db.scalars(select(RecoveryAsset).order_by(RecoveryAsset.key))
    return Matrix([asset_rule(a) for a in rows])


async def listed_tokens(db: AsyncSession) -> list[str]:
    """Every token the matrix lists on some network: what the help center's form suggests."""
    rows = await db.scalars(
        select(RecoveryAsset.token)
        .where(RecoveryAsset.listed.is_(True), RecoveryAsset.token != "*")
        .distinct()
        .order_by(RecoveryAsset.token)
    )
    return list(rows)


def asset_rule(a: RecoveryAsset) -> AssetRule:
    return AssetRule(
        network=a.network,
        token=a.token,
        contract=a.contract,
        listed=a.listed,
        path=Path(a.path),
        decimals=a.decimals,
        min_deposit=Decimal(a.min_deposit) if a.min_deposit else None,
        price=Decimal(a.price) if a.price else None,
        may_be_listed=a.may_be_listed,
    )


async def matrix_rows(db: AsyncSession) -> list[dict[str, Any]]:
    rows = await db.scalars(
        select(RecoveryAsset).order_by(RecoveryAsset.network, RecoveryAsset.token)
    )
    return [
        {
            "network": a.network,
            "token": a.token,
            "contract": a.contract,
            "listed": a.listed,
            "path": a.path,
            "decimals": a.decimals,
            "min_deposit": a.min_deposit,
            "price": a.price,
            "may_be_listed": a.may_be_listed,
        }
        for a in rows
    ]


def policy_dict(policy: Policy) -> dict[str, Any]:
    f = policy.fee
    return {
        "fee_percent": str(f.percent),
        "fee_minimum": str(f.minimum),
        "fee_maximum": str(f.maximum),
        "currency": f.currency,
        "wait_below": str(f.wait_below),
        "sla_hours": policy.sla_hours,
        "team_id": policy.team_id,
    }


def visible_to(team_ids: Collection[int] | None) -> ColumnElement[bool]:
    """The cases an agent works: their teams' and those no team holds (None: every case)."""
    if team_ids is None:
        return true()
    return or_(RecoveryCase.team_id.is_(None), RecoveryCase.team_id.in_(sorted(team_ids)))


async def get_case(
    db: AsyncSession,
    case_id: int,
    *,
    for_update: bool = False,
    team_ids: Collection[int] | None = None,
) -> RecoveryCase:
    """A case by id; with `team_ids`, only one those teams may work (else not found, the
    same answer as for an id that does not exist, so ids cannot be probed)."""
    query = select(RecoveryCase).where(RecoveryCase.id == case_id, visible_to(team_ids))
    case = (
        await db.scalar(query.with_for_update() if for_update else query)
        if fits_id(case_id)
        else None
    )
    if case is None:
        raise NotFound(f"No recovery case {case_id}.")
    return case


async def get_case_by_public_id(
    db: AsyncSession, public_id: str, *, for_update: bool = False
) -> RecoveryCase:
    query = select(RecoveryCase).where(RecoveryCase.public_id == public_id)
    case = await db.scalar(query.with_for_update() if for_update else query)
    if case is None:
        raise NotFound("No such recovery case.")
    return case


def money(value_cents: int | None) -> str | None:
    return None if value_cents is None else f"{Decimal(value_cents) / 100:.2f}"


def explain(case: RecoveryCase) -> list[str]:
    """What the customer reads about their case, in their language, a paragraph each: what
    happened (and, for a token not listed, what is), where their claim and the chain
    disagree, whether and how it can be recovered, the fee, the advice."""
    lang = case.language
    d = case.diagnosis or {}
    values = {
        "network": case.network,
        "found_network": case.found_network,
        "token": case.found_token,
        "minutes": max(1, round((case.wait_seconds or 60) / 60)),
        "account": d.get("credited_account") or "account",
        "date": d.get("credited_at") or "",
    }
    lines = [t(f"recovery.cause_{case.cause}", lang, **values)]
    if case.cause == Cause.unlisted_token and d.get("listed"):
        tokens = ", ".join(d["listed"])
        lines.append(t("recovery.listed_tokens", lang, network=case.found_network, tokens=tokens))
    lines += mismatches(case)
    if case.eligible and case.path:
        lines.append(t(f"recovery.path_{case.path}", lang))
    if case.fee_cents == 0 and case.eligible:
        lines.append(t("recovery.fee_none", lang))
    if case.advice == "wait":
        lines.append(t("recovery.advice_wait", lang))
    return lines


def ltr(language: str, text: str) -> str:
    """`text` (an amount and its token, a contract) kept left to right inside a sentence of a
    right-to-left language: "500 USDT" would otherwise read "USDT 500" in Arabic."""
    return f"\u2066{text}\u2069" if language in RTL_LANGUAGES else text


def mismatches(case: RecoveryCase) -> list[str]:
    """Each way the claim differs from the chain, said to the customer; when the token or
    the amount differs on a case that can be recovered, what follows from it."""
    lang = case.language
    lines = []
    found = (case.diagnosis or {}).get("mismatches") or []
    for m in found:
        claimed, seen = ltr(lang, m["claimed"]), ltr(lang, m["found"])
        if m["field"] == "network":
            lines.append(t("recovery.mismatch_network", lang, claimed=claimed, found=seen))
        elif m.get("contract"):
            lines.append(t("recovery.mismatch_contract", lang, claimed=claimed,
                             contract=ltr(lang, m["contract"]), token=case.token,
                             network=case.found_network))  # fmt: skip
        else:
            lines.append(t("recovery.mismatch_asset", lang, claimed=claimed, found=seen))
    recoverable = case.eligible and case.path in (Path.direct, Path.conditional)
    if recoverable and any(m["field"] != "network" for m in found):
        lines.append(t("recovery.mismatch_review", lang))
    return lines


def fee_rule(case: RecoveryCase) -> FeeRule | None:
    """Which rule of the policy set the case's fee. Cases quoted before the rule was recorded
    get it worked out again from the numbers they were quoted with."""
    if case.fee_cents is None:
        return None
    d = case.diagnosis or {}
    if d.get("fee_rule"):
        return FeeRule(d["fee_rule"])
    if case.fee_cents == 0:
        return FeeRule.none
    policy = FeePolicy(
        percent=Decimal(d.get("fee_percent") or "0"),
        minimum=Decimal(d.get("fee_minimum") or "0"),
        maximum=Decimal(d.get("fee_maximum") or "0"),
    )
    value = None if case.value_cents is None else Decimal(case.value_cents) / 100
    return policy.quote(value)[1]


def fee_question(case: RecoveryCase) -> str:
    """The fee, the rule that set it (the percentage, the minimum, the cap, or a flat fee for
    a token without a price), and the question whether the customer accepts it."""
    d = case.diagnosis or {}
    rule = fee_rule(case) or FeeRule.flat
    if rule == FeeRule.none:
        return t("recovery.fee_none", case.language)
    return t(
        f"recovery.fee_{rule.value}",
        case.language,
        fee=money(case.fee_cents),
        currency=case.fee_currency,
        percent=d.get("fee_percent", ""),
        value=money(case.value_cents) or "",
    )


def case_dict(case: RecoveryCase, *, at: datetime | None = None) -> dict[str, Any]:
    d = case.diagnosis or {}
    fee = None
    if case.fee_cents is not None:
        fee = {
            "amount": money(case.fee_cents),
            "currency": case.fee_currency,
            "percent": d.get("fee_percent"),
            "minimum": d.get("fee_minimum"),
            "maximum": d.get("fee_maximum"),
            # percent, minimum, maximum (the cap), flat (no price), none (our fault)
            "rule": fee_rule(case),
            "accepted_at": case.fee_accepted_at,
            "charged": money(case.fee_charged_cents),
        }
    return {
        "id": case.id,
        "number": number(case),
        "public_id": case.public_id,
        "state": case.state,
        # Where the team can move it next (POST .../move); the fee answer is the customer's.
        "moves": sorted(TRANSITIONS[State(case.state)]),
        "reason": case.reason,
        "note": case.note,
        "cause": case.cause,
        "eligible": case.eligible,
        "path": case.path,
        "fee": fee,
        "advice": case.advice,
        "wait_seconds": case.wait_seconds,
        "explanation": explain(case),
        "claim": {
            "network": case.network,
            "token": case.token,
            "tx_hash": case.tx_hash,
            "amount": case.amount,
            "address": case.address,
            "memo": case.memo,
        },
        # Where the claim and the chain disagree: [{field, claimed, found, contract,
        # listed_contract}]; the recovery works on what was found.
        "mismatches": d.get("mismatches", []),
        "found": {
            "network": case.found_network,
            "token": case.found_token,
            "contract": case.contract,
            "amount": case.chain_amount,
            "value": money(case.value_cents),
            "currency": case.fee_currency,
        },
        "recovered": {
            "amount": case.recovered_amount,
            "value": money(case.recovered_value_cents),
        },
        "notes": d.get("notes", []),
        "applicant": {"external_user_id": case.applicant_user_id, "email": case.applicant_email},
        "customer_id": case.customer_id,
        "conversation_id": case.conversation_id,
        "language": case.language,
        "source": case.source,
        "due_at": case.due_at,
        "overdue": bool(case.due_at and at and case.due_at < at),
        "created_at": case.created_at,
        "updated_at": case.updated_at,
        "closed_at": case.closed_at,
    }


async def list_cases(
    db: AsyncSession,
    *,
    state: str | None = None,
    network: str | None = None,
    cause: str | None = None,
    overdue: bool = False,
    cursor: str | None = None,
    limit: int = 50,
    team_ids: Collection[int] | None = None,
) -> tuple[list[RecoveryCase], str | None]:
    """Newest first, a page at a time (keyset on id, through the (state, id),
    (found_network, state, id) or (team_id, id) index); `team_ids` as in get_case."""
    limit = max(1, min(limit, MAX_PAGE))
    query = select(RecoveryCase).where(visible_to(team_ids))
    if state is not None:
        query = query.where(RecoveryCase.state == State(state).value)
    if network is not None:
        query = query.where(RecoveryCase.found_network == network)
    if cause is not None:
        query = query.where(RecoveryCase.cause == cause)
    if overdue:
        # Only cases on a clock have a due time: the partial index holds just those.
        query = query.where(RecoveryCase.due_at.is_not(None), RecoveryCase.due_at < now(db))
    if cursor:
        query = query.where(RecoveryCase.id < decode_cursor(cursor))
    rows = list(await db.scalars(query.order_by(RecoveryCase.id.desc()).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1].id) if more and rows else None


async def case_history(db: AsyncSession, case_id: int) -> list[dict[str, Any]]:
    rows = await db.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == ENTITY, AuditEntry.entity_id == case_id)
        .order_by(AuditEntry.id)
    )
    return [
        {
            "at": e.occurred_at,
            "action": e.action,
            "actor_kind": e.actor_kind,
            "actor_agent_id": e.actor_agent_id,
            "data": e.data,
        }
        for e in rows
    ]


async def case_counts(db: AsyncSession, team_ids: Collection[int] | None = None) -> dict[str, int]:
    """How many cases wait in each open state (of `team_ids`, as in get_case). Closed ones
    (credited, rejected) are left out: they grow with the years, and the report counts them."""
    rows = await db.execute(
        select(RecoveryCase.state, func.count())
        .where(RecoveryCase.state.in_(sorted(OPEN_STATES)), visible_to(team_ids))
        .group_by(RecoveryCase.state)
    )
    return dict.fromkeys(sorted(OPEN_STATES), 0) | {s: n for s, n in rows.all()}


async def report(
    db: AsyncSession, *, since: datetime | None = None, until: datetime | None = None
) -> dict[str, Any]:
    """Cases opened in [since, until): how many, how many credited, the value recovered and
    the fees charged, in all and by cause and by network (where the deposit really is).
    One pass over the cases, grouped by both, summed here."""
    credited = func.sum(sql_case((RecoveryCase.state == State.credited.value, 1), else_=0))
    query = select(
        RecoveryCase.cause,
        RecoveryCase.found_network,
        func.count(),
        credited,
        func.coalesce(func.sum(RecoveryCase.recovered_value_cents), 0),
        func.coalesce(func.sum(RecoveryCase.fee_charged_cents), 0),
    ).group_by(RecoveryCase.cause, RecoveryCase.found_network)
    if since is not None:
        query = query.where(RecoveryCase.created_at >= since)
    if until is not None:
        query = query.where(RecoveryCase.created_at < until)
    zero = (0, 0, 0, 0)
    total = list(zero)
    by_cause: dict[str, list[int]] = {}
    by_network: dict[str, list[int]] = {}
    for cause, network, *sums in (await db.execute(query)).all():
        for into in (total, by_cause.setdefault(cause, list(zero)),
                     by_network.setdefault(network, list(zero))):  # fmt: skip
            for i, value in enumerate(sums):
                into[i] += int(value or 0)

    def out(sums: list[int]) -> dict[str, Any]:
        return {
            "cases": sums[0],
            "credited": sums[1],
            "value_recovered": money(sums[2]),
            "fees": money(sums[3]),
        }

    return {
        "since": since,
        "until": until,
        **out(total),
        "by_cause": {k: out(v) for k, v in sorted(by_cause.items())},
        "by_network": {k: out(v) for k, v in sorted(by_network.items())},
    }
