"""Running a flow, one customer message at a time. Pure: nothing here reads or writes the
database; the caller (the bot) keeps the state between turns.

A turn runs steps until one waits for the customer (an ask, or a verify step's code) or the
flow ends (resolve, handover). What the customer types is matched or validated by the waiting
step; an invalid answer gets the step's error, in the customer's language, and the same step
waits again.

Security rules the runner enforces whatever a definition says:
- an action marked `requires_verification` runs only after a verify step succeeded for the
  same identity, and so does every action for an anonymous customer (no external user id), so
  no account data is revealed or changed for someone who only typed an email;
- one-time codes are never stored, and the verification token stays out of `collected`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from firstline.core.errors import NotFound
from firstline.core.i18n import t
from firstline.core.language import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalize_locale
from firstline.flows.backoffice import Backoffice, BackofficeError
from firstline.flows.definitions import (
    CUSTOMER,
    ActionStep,
    AskStep,
    BranchStep,
    Flow,
    HandoverStep,
    MessageStep,
    ResolveStep,
    Text,
    VerifyStep,
)
from firstline.flows.fields import NETWORKS, FieldType, parse_field, parse_network
from firstline.flows.text import argument, choose, fill, lookup
from firstline.search.text import tokens

Status = Literal["waiting", "resolved", "handover", "cancelled"]
STATE_VERSION = 1
MAX_STEPS_PER_TURN = 100
MAX_ANSWER_CHARS = 2000
SEND_CODE_ACTION = "send_verification_code"
CHECK_CODE_ACTION = "check_verification_code"


@dataclass(frozen=True, slots=True)
class CustomerRef:
    """Who the customer is to the company: `external_user_id` when the chat widget signed them
    in (the company's own user id), None for an anonymous visitor; `email` as they gave it
    (unverified)."""

    external_user_id: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class BotLine:
    """One message to the customer, already in their language; `options` are (value, label)
    pairs to offer as buttons (send the value back to `advance`)."""

    text: str
    options: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FlowTurn:
    messages: list[BotLine]
    state: dict[str, Any]  # JSON; store it with the conversation and pass it to advance()
    status: Status
    handover_reason: str | None
    collected: dict[str, Any]  # the fields gathered so far; never a code or a token
    # The waiting step did not take the message (not an e-mail, not one of the options, not a
    # code): it said why and waits again. Nothing else ran, so a caller that reads the message
    # as something else (another question) may drop this turn and cancel() the flow instead.
    rejected: bool = False


class UnknownFlow(NotFound):
    pass


class LocalActions(Protocol):
    """Actions served in this process rather than by the backoffice (the recovery desk's):
    called like the backoffice, with the same body, for the names in `actions`."""

    actions: frozenset[str]

    async def call(self, action: str, body: dict[str, Any]) -> dict[str, Any]: ...


class FlowRunner:
    """Runs the flows it is given (built-in and admin-stored, see registry.load_flows)."""

    def __init__(self, flows: Mapping[str, Flow], backoffice: Backoffice) -> None:
        self.flows = dict(flows)
        self.backoffice = backoffice
        self._triggers: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for flow in self.flows.values():
            if not flow.enabled:
                continue  # switched off: nothing starts it
            for language, phrases in flow.triggers.items():
                for phrase in phrases:
                    words = tuple(dict.fromkeys(tokens(phrase)))
                    if words:
                        self._triggers.setdefault(language, []).append((flow.id, words))

    # -- choosing a flow -------------------------------------------------------------------

    def match_flow(self, text: str, language: str) -> str | None:
        """The flow one of whose trigger phrases (in `language` or English) is all in `text`;
        the phrase with the most words wins. For when no intent model is trained.

        A trigger word also matches the start of a longer word, so that a stem covers its
        endings ("пароль" in "пароля", "비밀번호" in "비밀번호를", "withdraw" in
        "withdrawal").
        """
        words = set(tokens(text[:MAX_ANSWER_CHARS]))
        # "d'identité" should also read as "identité".
        words |= {part for w in words for part in re.split(r"['’]", w) if part}

        def found(word: str) -> bool:
            return word in words or (len(word) >= 2 and any(w.startswith(word) for w in words))

        best: tuple[int, str] | None = None
        for lang in dict.fromkeys((language, DEFAULT_LANGUAGE)):
            for flow_id, phrase in self._triggers.get(lang, ()):
                if (best is None or len(phrase) > best[0]) and all(map(found, phrase)):
                    best = (len(phrase), flow_id)
        return best[1] if best else None

    def flow_for_intent(self, intent: str) -> str | None:
        for flow_id in sorted(self.flows):
            flow = self.flows[flow_id]
            if flow.enabled and intent in flow.intents:
                return flow_id
        return None

    # -- turns -----------------------------------------------------------------------------

    async def start(
        self,
        flow_id: str,
        *,
        language: str,
        customer: CustomerRef,
        local: LocalActions | None = None,
    ) -> FlowTurn:
        flow = self.flows.get(flow_id)
        if flow is None:
            raise UnknownFlow(f"No flow {flow_id!r}.")
        lang = language if language in SUPPORTED_LANGUAGES else normalize_locale(language)
        state: dict[str, Any] = {
            "v": STATE_VERSION,
            "flow": flow.id,
            "step": flow.start_id,
            "status": "waiting",
            "language": lang or DEFAULT_LANGUAGE,
            "customer": {"external_user_id": customer.external_user_id, "email": customer.email},
            "collected": {},
            "secrets": {},
            "verification": None,
            "reason": None,
        }
        out: list[BotLine] = []
        await self._run(flow, state, out, flow.start_id, local)
        return _turn(state, out)

    async def advance(
        self, state: dict[str, Any], text: str, *, local: LocalActions | None = None
    ) -> FlowTurn:
        """The flow's answer to the customer's message (or chosen option value) `text`."""
        st = copy.deepcopy(state)
        out: list[BotLine] = []
        if st.get("status") != "waiting":
            return _turn(st, out)
        flow = self.flows.get(st.get("flow", ""))
        step = flow.step(st.get("step", "")) if flow else None
        if flow is None or not isinstance(step, AskStep | VerifyStep):
            # The flow was deleted or edited under this conversation.
            self._hand_over(st, out, "flow_unavailable", t("flows.handover", st["language"]))
            return _turn(st, out)
        text = text.strip()[:MAX_ANSWER_CHARS]
        if isinstance(step, AskStep):
            rejected, following = self._answer(flow, step, st, out, text)
        else:
            # A code that was checked and is wrong is an answer (it counts an attempt); only
            # one that does not even read as a code is rejected.
            rejected = (
                st.get("verification") is not None and parse_field(FieldType.code, text) is None
            )
            following = await self._check_code(flow, step, st, out, text)
        if following is not None:
            await self._run(flow, st, out, following, local)
        return _turn(st, out, rejected=rejected)

    def cancel(self, state: dict[str, Any]) -> FlowTurn:
        """End the flow at the customer's wish (the bot detects "agent", "cancel" and such).
        Returns what was collected, to pass on to whoever takes over."""
        st = copy.deepcopy(state)
        if st.get("status") == "waiting":
            st["status"] = "cancelled"
        return _turn(st, [])

    # -- the step loop ---------------------------------------------------------------------

    async def _run(
        self,
        flow: Flow,
        st: dict[str, Any],
        out: list[BotLine],
        step_id: str | None,
        local: LocalActions | None = None,
    ) -> None:
        lang = st["language"]
        for _ in range(MAX_STEPS_PER_TURN):
            step = flow.step(step_id) if step_id else None
            if step is None:
                self._hand_over(st, out, "flow_unavailable", t("flows.handover", lang))
                return
            st["step"] = step.id
            if isinstance(step, MessageStep):
                out.append(BotLine(fill(_pick_text(step.text, lang), _names(st))))
                step_id = flow.next_of(step)
            elif isinstance(step, AskStep):
                prompt = fill(_pick_text(step.prompt, lang), _names(st))
                out.append(BotLine(prompt, [(v, label) for v, label, _ in _options(step, st)]))
                st["status"] = "waiting"
                return
            elif isinstance(step, BranchStep):
                names = _names(st)
                step_id = next(
                    (c.next for c in step.cases if c.holds(lookup(names, c.field))), step.else_
                )
            elif isinstance(step, ActionStep):
                step_id = await self._action(flow, step, st, out, local)
                if step_id is None:
                    return
            elif isinstance(step, VerifyStep):
                if _verified(st):
                    step_id = flow.next_of(step)
                    continue
                step_id = await self._send_code(step, st, out)
                if step_id is None:
                    return
            elif isinstance(step, HandoverStep):
                self._hand_over(st, out, step.reason, fill(_pick_text(step.text, lang), _names(st)))
                return
            elif isinstance(step, ResolveStep):
                out.append(BotLine(fill(_pick_text(step.text, lang), _names(st))))
                st["status"] = "resolved"
                return
        self._hand_over(st, out, "flow_loop", t("flows.handover", lang))

    def _hand_over(self, st: dict[str, Any], out: list[BotLine], reason: str, text: str) -> None:
        out.append(BotLine(text))
        st["status"] = "handover"
        st["reason"] = reason

    def _failed(self, st: dict[str, Any], out: list[BotLine], on_error: str | None) -> str | None:
        if on_error:
            return on_error
        self._hand_over(
            st, out, "backoffice_unavailable", t("flows.backoffice_down", st["language"])
        )
        return None

    async def _action(
        self,
        flow: Flow,
        step: ActionStep,
        st: dict[str, Any],
        out: list[BotLine],
        local: LocalActions | None,
    ) -> str | None:
        anonymous = not st["customer"].get("external_user_id")
        if (step.requires_verification or anonymous) and not _verified(st):
            self._hand_over(
                st, out, "verification_required", t("flows.verification_required", st["language"])
            )
            return None
        names = {**_names(st), **st["secrets"]}
        args = {key: argument(template, names) for key, template in step.args.items()}
        body = {
            "flow": flow.id,
            "customer": _identity(st),
            "language": st["language"],
            "args": args,
            "verification_token": (st.get("verification") or {}).get("token"),
        }
        store = step.store or step.id
        target = local if local is not None and step.action in local.actions else self.backoffice
        try:
            st["collected"][store] = await target.call(step.action, body)
        except BackofficeError as exc:
            st["collected"][store] = {"error": exc.kind, "status": exc.status}
            return self._failed(st, out, step.on_error)
        return flow.next_of(step)

    async def _send_code(
        self, step: VerifyStep, st: dict[str, Any], out: list[BotLine]
    ) -> str | None:
        """Ask the backoffice to send a code; None when the flow now waits for it (or ended),
        else the step to go on with (on_error, on_fail)."""
        identity = _identity(st)
        if not identity["external_user_id"] and not identity["email"]:
            return self._fail_verification(step, st, out)
        body = {"customer": identity, "language": st["language"]}
        try:
            sent = await self.backoffice.call(SEND_CODE_ACTION, body)
            verification_id = sent["verification_id"]
        except (BackofficeError, KeyError):
            return self._failed(st, out, step.on_error)
        st["verification"] = {
            "id": str(verification_id),
            "identity": identity,
            "attempts_left": step.attempts,
            "verified": False,
            "token": None,
        }
        destination = str(sent.get("destination_hint") or "")
        if step.text:
            text = fill(
                _pick_text(step.text, st["language"]), {**_names(st), "destination": destination}
            )
        else:
            text = t("flows.code_sent", st["language"], destination=destination)
        out.append(BotLine(text))
        st["status"] = "waiting"
        return None

    async def _check_code(
        self, flow: Flow, step: VerifyStep, st: dict[str, Any], out: list[BotLine], text: str
    ) -> str | None:
        lang = st["language"]
        code = parse_field(FieldType.code, text)
        verification = st.get("verification")
        if verification is None:
            return step.id  # no code was sent (the state predates this step): send one
        if code is None:
            out.append(BotLine(t("flows.invalid_code", lang)))
            return None
        body = {"customer": verification["identity"], "verification_id": verification["id"]}
        try:
            checked = await self.backoffice.call(CHECK_CODE_ACTION, {**body, "code": code})
        except BackofficeError:
            return self._failed(st, out, step.on_error)
        if checked.get("valid") is True:
            verification.update(verified=True, token=checked.get("verification_token"))
            verification["attempts_left"] = 0
            return flow.next_of(step)
        left = verification["attempts_left"] - 1
        if isinstance(checked.get("attempts_left"), int):
            left = min(left, checked["attempts_left"])
        verification["attempts_left"] = max(left, 0)
        if left <= 0:
            return self._fail_verification(step, st, out)
        out.append(BotLine(t("flows.code_wrong", lang, left=left)))
        return None

    def _fail_verification(
        self, step: VerifyStep, st: dict[str, Any], out: list[BotLine]
    ) -> str | None:
        st["verification"] = None
        if step.on_fail:
            return step.on_fail
        self._hand_over(
            st, out, "verification_failed", t("flows.verification_failed", st["language"])
        )
        return None

    def _answer(
        self, flow: Flow, step: AskStep, st: dict[str, Any], out: list[BotLine], text: str
    ) -> tuple[bool, str | None]:
        """(whether the answer was rejected, the step to go on with)."""
        lang = st["language"]
        options = _options(step, st)
        shown = [(v, label) for v, label, _ in options]
        value: Any = None
        item: Any = None
        if step.field is None or step.field == FieldType.network or options:
            chosen = choose(text, options, numbers=step.field is None)
            if chosen is not None:
                value, item = chosen
        if value is None and step.field == FieldType.network:
            value = parse_network(text, step.networks or list(NETWORKS))
        elif value is None and step.field is not None:
            network = st["collected"].get("network")
            value = parse_field(
                step.field, text, network=network if isinstance(network, str) else None
            )
        elif value is None and step.choice is None and step.options_from is None and text:
            value = text  # free text
        if value is None:
            key = (
                f"invalid_{step.field}" if step.field else ("choose" if options else "invalid_text")
            )
            error = _pick_text(step.error, lang) if step.error else t(f"flows.{key}", lang)
            out.append(BotLine(fill(error, _names(st)), shown))
            return True, None
        store = step.store or step.id
        if step.field == FieldType.code:
            st["secrets"][store] = value
        else:
            st["collected"][store] = value
        if step.options_from is not None and step.options_from.item:
            st["collected"][step.options_from.item] = item
        return False, flow.next_of(step)


# -- helpers ---------------------------------------------------------------------------------


def _turn(st: dict[str, Any], out: list[BotLine], *, rejected: bool = False) -> FlowTurn:
    return FlowTurn(
        messages=out,
        state=st,
        status=st.get("status", "handover"),
        handover_reason=st.get("reason") if st.get("status") == "handover" else None,
        collected=copy.deepcopy(st.get("collected", {})),
        rejected=rejected,
    )


def _pick_text(text: Text | str, language: str) -> str:
    if isinstance(text, str):
        return text
    return text.get(language) or text.get(DEFAULT_LANGUAGE) or next(iter(text.values()), "")


def _names(st: dict[str, Any]) -> dict[str, Any]:
    return {**st["collected"], CUSTOMER: st["customer"]}


def _identity(st: dict[str, Any]) -> dict[str, Any]:
    """Who the backoffice acts for: the signed-in user id, or the email the customer gave."""
    email = st["collected"].get("email")
    return {
        "external_user_id": st["customer"].get("external_user_id"),
        "email": email if isinstance(email, str) else st["customer"].get("email"),
    }


def _verified(st: dict[str, Any]) -> bool:
    v = st.get("verification")
    return bool(v and v.get("verified") and v.get("identity") == _identity(st))


def _options(step: AskStep, st: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(value, label in the customer's language, item) for each option the step offers."""
    lang = st["language"]
    if step.field == FieldType.network:
        codes = step.networks or list(NETWORKS)
        return [(c, NETWORKS[c].label if c in NETWORKS else c, None) for c in codes]
    if step.choice is not None:
        return [(o.value, _pick_text(o.label, lang), o) for o in step.choice]
    if step.options_from is not None:
        source = lookup(_names(st), step.options_from.source)
        out = []
        for item in source if isinstance(source, list) else ():
            names = {**_names(st), **item} if isinstance(item, dict) else _names(st)
            value = fill(step.options_from.value, names)
            label = fill(_pick_text(step.options_from.label, lang), names)
            out.append((value, label, item))
        return out
    return []
