"""The recovery desk inside a self-service flow: the deposit-not-arrived flow opens a case and
asks the customer about the fee through these two actions, served in this process (the runner
calls them like backoffice actions; flows/runner.py LocalActions).

- `open_recovery_case` (args network, token, tx_hash, amount, address, memo) diagnoses and opens
  the case, and answers with what to tell the customer: `summary` (the diagnosis, the path,
  the fee question, in their language), `next` (fee, review, done), `options` (accept and
  decline, labelled), `follow` (where to follow the case) and the case's number and state.
- `answer_recovery_fee` (args case, answer: accept or decline) records the answer; `message`.

Whatever goes wrong is a BackofficeError, which the flow turns into its on_error step.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.errors import FirstlineError
from firstline.core.i18n import t
from firstline.core.settings import Settings
from firstline.flows.backoffice import BackofficeError
from firstline.recovery.actions import do_answer_fee, do_open_case, number
from firstline.recovery.ledger import Person
from firstline.recovery.models import RecoveryCase, State
from firstline.recovery.queries import explain, fee_question, get_case_by_public_id
from firstline.recovery.schemas import read_claim
from firstline.recovery.service import diagnose_claim

OPEN = "open_recovery_case"
ANSWER = "answer_recovery_fee"
# The customer waits on the chat for this: less than the API's budget.
BOT_BUDGET_SECONDS = 5.0
NO_MEMO = "none"  # what the flow's memo step stores for "I did not enter one"


def case_link(case: RecoveryCase) -> str:
    return f"/help/{case.language}/deposit-recovery/{case.public_id}"


def summary(case: RecoveryCase, *, existing: bool = False) -> dict[str, Any]:
    """What the chat (and the help center) says of a case just opened or found."""
    lang = case.language
    paragraphs = [
        t("recovery.already_open" if existing else "recovery.case_line", lang, number=number(case))
    ]
    paragraphs += explain(case)
    if case.state == State.awaiting_customer and case.fee_cents is not None:
        paragraphs.append(fee_question(case))
        step = "fee"
    elif case.state == State.submitted:
        step = "review"
    else:
        step = "done"
    return {
        "number": number(case),
        "public_id": case.public_id,
        "state": case.state,
        "cause": case.cause,
        "eligible": case.eligible,
        "path": case.path,
        "summary": "\n\n".join(paragraphs),
        "next": step,
        "options": [
            {"value": "accept", "label": t("recovery.accept", lang)},
            {"value": "decline", "label": t("recovery.decline", lang)},
        ],
        "follow": t("recovery.follow_link", lang, link=case_link(case)),
    }


class RecoveryActions:
    actions = frozenset({OPEN, ANSWER})

    def __init__(
        self,
        db: AsyncSession,
        settings: Settings,
        *,
        conversation_id: int | None,
        customer_id: int | None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.conversation_id = conversation_id
        self.customer_id = customer_id

    async def call(self, action: str, body: dict[str, Any]) -> dict[str, Any]:
        try:
            if action == OPEN:
                return await self._open(body)
            return await self._answer(body)
        except FirstlineError as exc:
            raise BackofficeError(action, "status", exc.detail, status=exc.status) from exc

    async def _open(self, body: dict[str, Any]) -> dict[str, Any]:
        args = dict(body.get("args") or {})
        if str(args.get("memo") or "").casefold() == NO_MEMO:
            args["memo"] = None
        customer = body.get("customer") or {}
        data = {**args, "external_user_id": customer.get("external_user_id"),
                "email": customer.get("email")}  # fmt: skip
        claim, problems = read_claim(data)
        if claim is None:
            raise BackofficeError(OPEN, "bad_response", f"claim not valid: {problems}")
        diagnosis = await diagnose_claim(self.db, self.settings, claim, budget=BOT_BUDGET_SECONDS)
        case, existing = await do_open_case(
            self.db, claim, diagnosis, source="bot", language=str(body.get("language") or "en"),
            customer_id=self.customer_id, conversation_id=self.conversation_id,
        )  # fmt: skip
        return summary(case, existing=existing)

    async def _answer(self, body: dict[str, Any]) -> dict[str, Any]:
        args = body.get("args") or {}
        case = await get_case_by_public_id(self.db, str(args.get("case") or ""), for_update=True)
        customer = body.get("customer") or {}
        asking = Person(customer.get("external_user_id"), customer.get("email"))
        if not asking.same(Person(case.applicant_user_id, case.applicant_email)):
            raise BackofficeError(ANSWER, "status", "not the applicant's case", status=403)
        answer = str(args.get("answer") or "").casefold()
        said = await do_answer_fee(self.db, case, answer == "accept")
        return {"message": said, "state": case.state, "number": number(case)}
