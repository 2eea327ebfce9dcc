"""The help center's deposit-recovery pages: a form any customer can fill in without signing
in, and the case's own page, reached by an unguessable link, where the customer reads what
was found, answers the fee and follows the case. Plain HTML forms: no script needed.

/help/{locale}/deposit-recovery                      the form (POST: check and open a case)
/help/{locale}/deposit-recovery/{public_id}          the case
/help/{locale}/deposit-recovery/{public_id}/fee      POST: accept or decline the fee
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from firstline.core.db import Database
from firstline.core.errors import Conflict, NotFound
from firstline.core.i18n import bind, format_datetime, t
from firstline.core.language import DEFAULT_LANGUAGE, normalize_locale
from firstline.flows.fields import NETWORKS
from firstline.recovery.actions import do_answer_fee, do_open_case, number
from firstline.recovery.models import State
from firstline.recovery.queries import (
    explain,
    fee_question,
    get_case_by_public_id,
    listed_tokens,
    money,
)
from firstline.recovery.schemas import read_claim
from firstline.recovery.service import diagnose_claim
from firstline.web.helpcenter import help_page
from firstline.web.limits import app_limiter

router = APIRouter(prefix="/help", include_in_schema=False)
FIELDS = ("email", "network", "token", "tx_hash", "amount", "address", "memo")
# Each submission asks chains and the backoffice: a few a minute per address is plenty.
SUBMISSION_RATE, SUBMISSION_BURST = 0.2, 5


def _locale(value: str) -> str | None:
    return normalize_locale(value) if value else None


async def _form(
    request: Request,
    locale: str,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    # The tokens offered as the customer types are the ones the admin's matrix lists.
    db: Database = request.app.state.db
    async with db.session() as session:
        tokens = await listed_tokens(session)
    return help_page(
        locale, "recovery/form.html", status=status, r=bind("recovery", locale), values=values,
        errors=errors, networks=[(n.value, n.label) for n in NETWORKS.values()], tokens=tokens,
    )  # fmt: skip


@router.get("/{locale}/deposit-recovery")
async def recovery_form(locale: str, request: Request) -> Response:
    code = _locale(locale)
    if code is None:
        return help_page(DEFAULT_LANGUAGE, "help_missing.html", status=404)
    if code != locale:
        return RedirectResponse(f"/help/{code}/deposit-recovery", status_code=301)
    return await _form(request, code, {}, {})


@router.post("/{locale}/deposit-recovery")
async def submit_recovery(locale: str, request: Request) -> Response:
    code = _locale(locale) or DEFAULT_LANGUAGE
    raw = parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=20)
    values = {f: (raw.get(f) or [""])[0].strip()[:200] for f in FIELDS}
    host = request.client.host if request.client else "unknown"
    gate = await app_limiter(request.app, "recovery_submissions", SUBMISSION_RATE, SUBMISSION_BURST)
    if not await gate.check(host):
        return await _form(
            request, code, values, {"form": t("recovery.form_errors", code)}, status=429
        )
    claim, problems = read_claim({**values, "external_user_id": None})
    if claim is None:
        errors = {}
        for field in problems:
            key = "email" if field == "applicant" else field
            errors[key] = t(f"flows.invalid_{key}", code)
        return await _form(request, code, values, errors, status=422)
    db: Database = request.app.state.db
    async with db.session() as session:
        diagnosis = await diagnose_claim(session, request.app.state.settings, claim)
    try:
        async with db.transaction() as session:
            case, existing = await do_open_case(
                session, claim, diagnosis, source="help_center", language=code
            )
    except Conflict:
        # Someone else's open case for this transaction: nothing is wrong with the fields,
        # and nothing about that case may be shown.
        return await _form(
            request, code, values, {"form": t("recovery.already_open_other", code)}, status=409
        )
    # The same claim filed again (in the chat, then here): the open case, said to be it.
    again = "?existing=1" if existing else ""
    return RedirectResponse(
        f"/help/{code}/deposit-recovery/{case.public_id}{again}", status_code=303
    )


def _case_page(locale: str, case: Any, *, existing: bool = False) -> HTMLResponse:
    waiting = case.state == State.awaiting_customer and case.fee_cents is not None
    found = {m["field"]: m for m in (case.diagnosis or {}).get("mismatches") or []}
    return help_page(
        locale, "recovery/case.html", r=bind("recovery", locale), case=case,
        number=number(case), state=t(f"recovery.state_{case.state}", locale),
        paragraphs=explain(case), fee=money(case.fee_cents),
        submitted_at=format_datetime(case.created_at, locale, skeleton="yMMMdjmmz"),
        question=fee_question(case) if waiting else None, mismatch=found.get("token")
        or found.get("amount"),
        notice=t("recovery.already_open", locale, number=number(case)) if existing else None,
    )  # fmt: skip


@router.get("/{locale}/deposit-recovery/{public_id}")
async def recovery_case(locale: str, public_id: str, request: Request) -> Response:
    code = _locale(locale) or DEFAULT_LANGUAGE
    db: Database = request.app.state.db
    async with db.session() as session:
        try:
            case = await get_case_by_public_id(session, public_id)
        except NotFound:
            return help_page(code, "help_missing.html", status=404)
    return _case_page(code, case, existing=request.query_params.get("existing") == "1")


@router.post("/{locale}/deposit-recovery/{public_id}/fee")
async def recovery_fee(locale: str, public_id: str, request: Request) -> Response:
    code = _locale(locale) or DEFAULT_LANGUAGE
    raw = parse_qs((await request.body()).decode("utf-8", "replace"), max_num_fields=5)
    answer = (raw.get("answer") or [""])[0]
    if answer not in ("accept", "decline"):
        return Response("answer must be accept or decline", status_code=422)
    db: Database = request.app.state.db
    try:
        async with db.transaction() as session:
            case = await get_case_by_public_id(session, public_id, for_update=True)
            await do_answer_fee(session, case, answer == "accept")
    except NotFound:
        return help_page(code, "help_missing.html", status=404)
    except Conflict:
        pass  # already answered (a second click): the page shows where the case is
    return RedirectResponse(f"/help/{code}/deposit-recovery/{public_id}", status_code=303)
