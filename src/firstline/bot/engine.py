"""The bot's turn: what it answers to one customer message while a conversation is with it.

In order: a request for a person, anger, or money at risk hands over at once (money at risk
first in line); a running flow takes the message, unless the flow cannot take it and it
starts another flow or has a confident answer, when the flow is left and the message read as
a new question; an answer to "did this help?" closes the
conversation or counts a miss (two misses hand over); a question that an intent or a flow's
trigger phrases map to a self-service flow starts it; a greeting is greeted; anything else is
searched in the knowledge base and answered from the best article, cited, or, when the match
is not good enough, handed over. Every line is in the conversation's language.

It runs inside the transaction that stores the customer's message, under a savepoint: if it
fails, its writes are undone, the customer's message stays, and the conversation is handed
over, so a bug in the bot never loses a customer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.bot import flows as bot_flows
from firstline.bot.answers import passage
from firstline.bot.events import BotSessionEnded
from firstline.bot.handover import do_hand_over
from firstline.bot.models import BotOutcome
from firstline.bot.text import asks_for_person, is_greeting, wants_to_cancel, yes_or_no
from firstline.conversations.access import ConversationState
from firstline.conversations.actions import (
    MessageRecord,
    do_post_message,
    do_tell_customer_resolved,
)
from firstline.conversations.models import AuthorKind, Status
from firstline.conversations.state import do_resolve_by_bot, restore_status
from firstline.core.db import now
from firstline.core.errors import Unavailable
from firstline.core.events import Audience, emit, pending_events
from firstline.core.i18n import bind
from firstline.core.language import NATIVE_NAMES
from firstline.core.rawsql import SQL, raw_connection
from firstline.core.settings import Settings
from firstline.recovery.flow_actions import RecoveryActions
from firstline.routing.rules import funds_at_risk_word, negative_word
from firstline.screening.secrets import find_secret_request

log = logging.getLogger(__name__)

MAX_MISSES = 2  # answers the customer said did not help before a person takes over

# Written with hand-written SQL like the rest of the chat path (core/rawsql.py), which runs
# without the ORM's unit of work.
_SESSION = SQL("SELECT state, turns FROM bot_sessions WHERE conversation_id = $1")
_SAVE_SESSION = SQL(
    "INSERT INTO bot_sessions (conversation_id, state, turns, outcome, handover_reason, "
    "started_at, updated_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $7) "
    "ON CONFLICT (conversation_id) DO UPDATE SET state = excluded.state, turns = excluded.turns, "
    "outcome = excluded.outcome, handover_reason = excluded.handover_reason, "
    "updated_at = excluded.updated_at, ended_at = excluded.ended_at"
)
_ARTICLE = SQL("SELECT external_id, locale, title, body FROM articles WHERE id = $1")


class HeldBack(Exception):
    """The bot was about to ask the customer for a secret (screening/secrets.py)."""


@dataclass(frozen=True, slots=True)
class Cited:
    external_id: str
    locale: str
    title: str
    body: str


@dataclass
class Turn:
    """What the bot did with one message."""

    messages: list[MessageRecord] = field(default_factory=list)
    handed_over: str | None = None  # the reason
    resolved: bool = False


class Bot:
    def __init__(self, db: AsyncSession, state: ConversationState, settings: Settings) -> None:
        self.db = db
        self.state = state
        self.settings = settings
        self.language = state.language
        self.t = bind("bot", state.language)  # the bot's own lines (locales/*/bot.json)
        self.turn = Turn()
        self.memory: dict[str, Any] = {}
        self.turns = 0
        self.outcome: str | None = None
        self.reason: str | None = None

    # -- writing -----------------------------------------------------------------------

    async def say(self, body: str, meta: dict[str, Any] | None = None) -> None:
        asked = find_secret_request(body)
        if asked is not None:
            # An article or a flow that asks for a password, a code or a seed phrase is never
            # sent: colleagues read why (quality records the failed check from this line's
            # meta) and a person takes over.
            await do_post_message(
                self.db, self.state, author_kind=AuthorKind.system, internal=True,
                body=f"The bot held back an answer asking for {asked.kind}: {asked.evidence}",
                meta={"screening": {"kind": asked.kind, "evidence": asked.evidence}},
            )  # fmt: skip
            raise HeldBack(asked.kind)
        record = await do_post_message(
            self.db, self.state, body=body, author_kind=AuthorKind.bot, meta=meta,
            language=self.language,
        )  # fmt: skip
        self.turn.messages.append(record)

    def options(self, *pairs: tuple[str, str]) -> dict[str, Any]:
        return {"options": [{"value": v, "label": label} for v, label in pairs]}

    async def hand_over(
        self,
        reason: str,
        line: str | None,
        *,
        tags: tuple[str, ...] = (),
        collected: Any = None,
        agent_id: int | None = None,
    ) -> None:
        if line is not None:
            await self.say(line)
        summary = self.summary(reason, collected)
        await do_hand_over(
            self.db, self.state, reason=reason, summary=summary, tags=tags, agent_id=agent_id
        )
        self.end(BotOutcome.handover, reason)
        self.turn.handed_over = reason

    def summary(self, reason: str, collected: Any) -> str:
        """The note the agent reads first: why the bot stopped and what it tried."""
        s = self.memory
        lines = [f"Bot handed over: {REASON_TEXT.get(reason, reason)}."]
        if s.get("intent"):
            lines.append(f"Intent: {s['intent']} ({s.get('intent_confidence', 0):.2f}).")
        for tried in s.get("tried", []):
            verdict = {True: "helped", False: "did not help"}.get(tried.get("helped"), "no reply")
            lines.append(f"Answered from “{tried['title']}” ({tried['external_id']}, "
                         f"{tried['locale']}): {verdict}.")  # fmt: skip
        for flow in s.get("flows", []):
            lines.append(f"Flow {flow}.")
        for left in s.get("left", []):
            why = LEFT_TEXT.get(left.get("why"), left.get("why"))
            lines.append(f"Flow {left.get('flow')} left at step {left.get('step')}: {why}.")
        if s.get("flow_reason"):
            lines.append(f"The flow stopped: {s['flow_reason']}.")
        if s.get("files"):
            files = s["files"]
            lines.append(f"The customer sent {files} file{'s' if files > 1 else ''}: see above.")
        if collected:
            # A record the flow got back (a recovery case) shows as its number, not its text.
            shown = ", ".join(
                f"{k}={v.get('number', '…') if isinstance(v, dict) else v}"
                for k, v in collected.items()
            )
            lines.append(f"Collected: {shown}.")
        return "\n".join(lines)

    def end(self, outcome: BotOutcome, reason: str | None = None) -> None:
        self.outcome, self.reason = outcome.value, reason

    async def resolve(self) -> None:
        # Audited and announced like any resolution (conversations/state/); escalation closes
        # the conversation's escalations on the announcement.
        await do_resolve_by_bot(self.db, self.state)
        self.end(BotOutcome.resolved)
        self.turn.resolved = True
        # The customer learns it is settled and that writing again reopens it.
        told = await do_tell_customer_resolved(self.db, self.state)
        if told is not None:
            self.turn.messages.append(told)

    # -- the turn ------------------------------------------------------------------------

    async def load(self) -> dict[str, Any]:
        raw = await raw_connection(self.db)
        row = await raw.fetchone(_SESSION, self.state.id)
        if row is None:
            self.turns, self.memory = 0, {}
        else:
            state = orjson.loads(row[0]) if isinstance(row[0], str) else row[0]
            self.turns, self.memory = row[1], dict(state or {})
        return self.memory

    async def save(self) -> None:
        raw = await raw_connection(self.db)
        at = raw.ts(now(self.db))
        await raw.execute(
            _SAVE_SESSION, self.state.id, raw.json(self.memory), self.turns + 1, self.outcome,
            self.reason, at, at if self.outcome else None,
        )  # fmt: skip
        if self.outcome:
            emit(
                self.db,
                BotSessionEnded(
                    occurred_at=now(self.db),
                    audience=Audience(conversation_id=self.state.id, team_id=self.state.team_id),
                    conversation_id=self.state.id,
                    outcome=self.outcome,
                    reason=self.reason,
                ),
            )

    async def respond(self, text: str, *, customer_external_id: str, file: bool = False) -> Turn:
        s = await self.load()
        try:
            if file:
                await self._file(s)
            else:
                await self._respond(s, text, customer_external_id)
        except HeldBack:
            s["flow"] = s["awaiting"] = None
            await self.hand_over("unsure", self.t("handover_unsure"))
        await self.save()
        return self.turn

    async def _file(self, s: dict[str, Any]) -> None:
        """A file the customer sent (its message's text is only the file's name, which is no
        question): it stays with the conversation for whoever takes it over. A running flow
        keeps waiting for its answer; otherwise the bot asks what the file is about."""
        s["files"] = s.get("files", 0) + 1
        if s.get("flow") is not None:
            return await self.say(self.t("file_received_flow"))
        await self.say(self.t("file_received"))

    async def _respond(self, s: dict[str, Any], text: str, customer_external_id: str) -> None:
        if asks_for_person(text):
            return await self.hand_over("asked", self.t("handover"))
        if s.get("flow") is not None:
            if wants_to_cancel(text):
                await self.leave_flow(s, "cancelled")
                return await self.say(self.t("cancelled"))
            turn = await bot_flows.advance(
                self.db, self.settings, s["flow"], text, local=self.local_actions()
            )
            if not (turn.rejected and await self.starts_something_else(s, text)):
                # An answer, or a wrong one: the step says why and asks again.
                return await self.run_flow(s, turn)
            # Not an answer but another question ("my deposit has not arrived" while asked
            # for an e-mail): the flow is left and the message read as the first of a topic.
            await self.leave_flow(s, "new_topic")
        if s.get("awaiting") is not None:
            verdict = yes_or_no(text)
            tried = s.get("tried", [])
            if tried:
                tried[-1]["helped"] = verdict
            s["awaiting"] = None
            if verdict is True:
                await self.say(self.t("glad"))
                return await self.resolve()
            if verdict is False:
                s["misses"] = s.get("misses", 0) + 1
                if s["misses"] >= MAX_MISSES:
                    return await self.hand_over("unhelpful", self.t("handover"))
                return await self.say(self.t("try_again"))
            # Neither yes nor no: a new question, answered below.
        if negative_word(text):
            return await self.hand_over("upset", self.t("handover_upset"))
        flow_id = await self.choose_flow(s, text)
        if flow_id is not None:
            s.setdefault("flows", []).append(flow_id)
            customer = bot_flows.customer_ref(customer_external_id)
            turn = await bot_flows.start(
                self.db, self.settings, flow_id, self.language, customer,
                local=self.local_actions(),
            )  # fmt: skip
            return await self.run_flow(s, turn)
        if funds_at_risk_word(text):
            return await self.hand_over(
                "funds_at_risk", self.t("handover_money"), tags=("funds-at-risk",)
            )
        if is_greeting(text):
            return await self.say(self.t("greeting"))
        await self.answer(s, text)

    def local_actions(self) -> RecoveryActions:
        """The flow actions this process serves itself: the recovery desk's."""
        return RecoveryActions(
            self.db, self.settings, conversation_id=self.state.id,
            customer_id=self.state.customer_id,
        )  # fmt: skip

    async def leave_flow(self, s: dict[str, Any], why: str) -> None:
        """End the running flow at the customer's wish: they cancelled it, or asked something
        else. The handover summary says which, and at which step."""
        turn = await bot_flows.cancel(self.db, self.settings, s["flow"])
        s.setdefault("left", []).append(
            {"flow": turn.state.get("flow"), "step": turn.state.get("step"), "why": why}
        )
        s["flow"] = None

    async def starts_something_else(self, s: dict[str, Any], text: str) -> bool:
        """Whether a message the running flow did not take would, as a first message, start
        another flow or get a confident answer from the knowledge base. A wrong answer ("abc"
        for an e-mail, an e-mail with a typo) does neither and is asked again."""
        probe: dict[str, Any] = {}  # the classifier's guess is kept only if the topic changes
        flow_id = await self.choose_flow(probe, text)
        if flow_id is not None:
            return bool(flow_id != s["flow"].get("flow"))
        return await self.find_answer(text) is not None

    async def choose_flow(self, s: dict[str, Any], text: str) -> str | None:
        from firstline.intents.queries import classify

        try:
            result = await classify(self.db, text)
        except Unavailable as exc:
            # A model this process cannot run (trained with the embedding extra, which is not
            # installed here): the flows' trigger phrases still choose, and the log says why.
            log.warning("intent model unavailable, using flow triggers: %s", exc)
            result = None
        if result is not None and not result.out_of_scope and result.intent:
            s["intent"], s["intent_confidence"] = result.intent, result.confidence
            flow_id = await bot_flows.flow_for_intent(self.db, self.settings, result.intent)
            if flow_id is not None:
                return flow_id
        return await bot_flows.match_flow(self.db, self.settings, text, self.language)

    async def run_flow(self, s: dict[str, Any], turn: Any) -> None:
        for line in turn.messages:
            options = getattr(line, "options", None) or ()
            await self.say(line.text, self.options(*options) if options else None)
        if turn.status == "waiting":
            s["flow"] = turn.state
            return
        s["flow"] = None
        if turn.status == "resolved":
            await self.resolve()
            return
        if turn.status == "cancelled":
            await self.say(self.t("cancelled"))
            return
        # The flow has said why it hands over, in the customer's language.
        reason = turn.handover_reason or "flow"
        s["flow_reason"] = reason
        await self.hand_over(
            "backoffice_down" if reason == "backoffice_unavailable" else "flow",
            None,
            tags=tuple(getattr(turn, "tags", ()) or ()),
            collected=turn.collected,
        )

    async def find_answer(self, text: str) -> tuple[Cited, list[Any]] | None:
        """The article the bot would answer `text` from, and the search's hits; None when no
        match is good enough to answer with."""
        from firstline.knowledge.search import search_for_answer

        result = await search_for_answer(self.db, text, locale=self.language, limit=3)
        hit = result.items[0] if result.items else None
        if hit is None or not confident(result.items, self.language):
            return None
        raw = await raw_connection(self.db)
        row = await raw.fetchone(_ARTICLE, hit.article_id)
        if row is None:
            return None
        return Cited(*row), list(result.items)

    async def answer(self, s: dict[str, Any], text: str) -> None:
        found = await self.find_answer(text)
        if found is None:
            return await self.hand_over("unsure", self.t("handover_unsure"))
        article, hits = found
        excerpt = await self.phrase(text, article, hits)
        intro = self.t("answer_intro")
        if article.locale != self.language:
            intro = self.t(
                "answer_other_language", language=NATIVE_NAMES.get(article.locale, article.locale)
            )
        url = f"/help/{article.locale}/articles/{article.external_id}"
        # The link to the article goes under the answer (the widget draws it from `label`), so
        # the text does not name it a second time.
        body = f"{intro}\n\n{excerpt}"
        cited = {
            "external_id": article.external_id, "locale": article.locale,
            "title": article.title, "url": url,
            "label": self.t("read_more", title=article.title),
        }  # fmt: skip
        await self.say(body, {"article": cited})
        await self.say(self.t("helped"), self.options(("yes", self.t("yes")), ("no", self.t("no"))))
        s["awaiting"] = article.external_id
        s.setdefault("tried", []).append(
            {"external_id": article.external_id, "locale": article.locale,
             "title": article.title, "helped": None}
        )  # fmt: skip

    async def phrase(self, question: str, article: Cited, hits: list[Any]) -> str:
        """The answer's text: an LLM's grounded wording when one is configured and quick,
        else the best passage of the article itself."""
        if self.settings.llm_base_url:
            from firstline.bot.generate import grounded_answer

            generated = await grounded_answer(self.settings, question, article, self.language)
            if generated:
                return generated
        return passage(article.body, question)


REASON_TEXT = {
    "asked": "the customer asked for a person",
    "unsure": "no article matched well enough",
    "unhelpful": f"{MAX_MISSES} answers did not help",
    "upset": "the customer is upset",
    "funds_at_risk": "money may be at risk",
    "flow": "a self-service flow needs a person",
    "backoffice_down": "the backoffice did not answer",
    "agent_took_over": "an agent took the conversation over",
    "error": "the bot failed",
}


LEFT_TEXT = {
    "cancelled": "the customer cancelled it",
    "new_topic": "the customer asked something else",
}


def confident(hits: list[Any], language: str) -> bool:
    """Whether the best article is good enough to answer with (`search.good_enough`: its
    confidence, the search's estimate that it is the article asked about, calibrated on public
    data in docs/evaluation.md, or a clear lead); below it the bot hands over rather than
    guess. The same rule holds in every language (`language` is the customer's)."""
    from firstline.knowledge.search import good_enough

    return good_enough(hits)


async def bot_turn(
    db: AsyncSession,
    state: ConversationState,
    text: str,
    *,
    settings: Settings,
    customer_external_id: str,
    file: bool = False,
) -> Turn:
    """Let the bot answer `text` (already stored; with `file`, the name of a file the customer
    sent); on any failure, hand over instead."""
    raw = await raw_connection(db)
    pending = pending_events(db)
    mark = len(pending)
    status = state.status
    await raw.execute(_SAVEPOINT)
    try:
        turn = await Bot(db, state, settings).respond(
            text, customer_external_id=customer_external_id, file=file
        )
    except Exception:
        log.exception("the bot failed on conversation %s; handing over", state.id)
        await raw.execute(_ROLLBACK)
        del pending[mark:]  # the lines it had written are gone; so are their events
    else:
        await raw.execute(_RELEASE)
        return turn
    restore_status(state, status)
    bot = Bot(db, state, settings)
    await bot.load()
    await bot.hand_over("error", bot.t("handover"))
    await bot.save()
    return bot.turn


_SAVEPOINT = SQL("SAVEPOINT bot_turn")
_ROLLBACK = SQL("ROLLBACK TO SAVEPOINT bot_turn")
_RELEASE = SQL("RELEASE SAVEPOINT bot_turn")


async def take_over(
    db: AsyncSession, state: ConversationState, *, agent_id: int, settings: Settings
) -> bool:
    """An agent takes a conversation from the bot; False when the bot no longer had it."""
    if state.status != Status.bot:
        return False
    bot = Bot(db, state, settings)
    await bot.load()
    collected = (bot.memory.get("flow") or {}).get("collected")
    bot.memory["flow"] = None
    await bot.hand_over("agent_took_over", None, collected=collected, agent_id=agent_id)
    await bot.save()
    return True
