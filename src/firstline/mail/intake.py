"""A mail in: the conversation it opens or continues, its files, and the acknowledgement.

`receive_mail` runs inside the caller's write transaction (the SMTP listener's, an IMAP poll's,
the web form's): everything it writes commits together with the mail's Message-ID, so a mail
delivered twice (a retrying server, a poll that crashed before marking it) is stored once.
Attachments are written to the blob store before the rows that name them; a rollback leaves
at worst a file nobody names, never a row without its file.

Which conversation: a reply to one of ours (In-Reply-To or References), else the `[#123]` in
the subject or support+123@ in the address. Either way only when the sender is the
conversation's customer: knowing a reference number is not enough to write into somebody
else's case. A resolved conversation reopens; a closed one is followed by a new conversation
that says which one it continues.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.bot.answers import passage
from firstline.conversations.access import conversation_state_for_update
from firstline.conversations.actions import (
    do_open_conversation,
    do_post_message,
    do_update_conversation,
)
from firstline.conversations.models import Attachment, AuthorKind, Channel, Conversation, Status
from firstline.conversations.schemas import MAX_MESSAGE_CHARS, ConversationCreate, FirstMessage
from firstline.core.blobs import BlobStore
from firstline.core.db import now
from firstline.core.errors import FirstlineError
from firstline.core.i18n import t
from firstline.core.rawsql import SQL, raw_connection
from firstline.core.settings import Settings
from firstline.customers.schemas import CustomerIn
from firstline.knowledge.search import good_enough, search_for_answer
from firstline.mail.models import Direction, Mailbox, MailMessage, MailState
from firstline.mail.parse import ParsedMail, authentication_results, parse_mail, plus_tag

# How the acknowledgement and the bot's answers are told apart from an agent's reply by the
# mail sender (outbound.py): a system line is mailed only when its meta says so.
MAIL_META = "mail"
_HOUR = timedelta(hours=1)


class MailRefused(Exception):
    """Refuse the whole mail: (SMTP code, enhanced status, sentence)."""

    def __init__(self, code: int, enhanced: str, sentence: str) -> None:
        super().__init__(sentence)
        self.code = code
        self.enhanced = enhanced  # RFC 3463's x.y.z
        self.sentence = sentence


@dataclass(frozen=True, slots=True)
class Received:
    outcome: str  # stored | duplicate | ignored | bounce
    conversation_id: int | None = None
    message_id: int | None = None
    reason: str | None = None


_COLUMNS = (
    "direction", "state", "rfc_message_id", "mailbox_id", "conversation_id", "message_id",
    "from_address", "to_address", "subject", "in_reply_to", "references", "html", "quoted",
    "auth", "reason", "outbox_id", "error", "created_at", "sent_at",
)  # fmt: skip
_INSERT = SQL(
    "INSERT INTO mail_messages ("
    + ", ".join(f'"{c}"' for c in _COLUMNS)
    + ") VALUES ("
    + ", ".join(f"${n}" for n in range(1, len(_COLUMNS) + 1))
    + ")"
)
_BY_RFC_ID = SQL("SELECT id, conversation_id FROM mail_messages WHERE rfc_message_id = $1")
_CUSTOMER_BY_EMAIL = SQL(
    "SELECT external_id FROM customers WHERE email = $1 AND erased_at IS NULL "
    "ORDER BY id DESC LIMIT 1"
)
_CONVERSATION_CUSTOMER = SQL(
    "SELECT c.id, cu.email, c.status FROM conversations c "
    "JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1"
)
_SENDER_COUNT = SQL(
    "SELECT count(*) FROM mail_messages WHERE from_address = $1 AND created_at > $2 "
    "AND direction = 'in'"
)


@dataclass(frozen=True, slots=True)
class MailboxInfo:
    """What intake needs of a mailbox."""

    id: int
    address: str
    team_id: int | None
    product: str | None
    language: str | None
    acknowledge: bool

    @classmethod
    def of(cls, box: Mailbox) -> MailboxInfo:
        return cls(box.id, box.address, box.team_id, box.product, box.language, box.acknowledge)


_MAILBOX = SQL(
    "SELECT id, address, team_id, product, language, acknowledge FROM mailboxes "
    "WHERE address = $1 AND active"
)
# The mailboxes found lately, by address: the listener asks at every RCPT and again with the
# mail. Only addresses that exist are kept, for CACHE_SECONDS, so a new mailbox takes mail at
# once and a deleted or paused one stops within seconds.
CACHE_SECONDS = 5.0
_FOUND: dict[str, tuple[float, MailboxInfo]] = {}


async def find_mailbox(db: AsyncSession, recipient: str) -> tuple[MailboxInfo | None, str | None]:
    """The active mailbox a recipient address reaches, and its +tag."""
    address = recipient.lower()
    base, tag = plus_tag(address)
    clock = time.monotonic()
    for key in (address, base):
        hit = _FOUND.get(key)
        if hit is not None and clock - hit[0] < CACHE_SECONDS:
            return hit[1], (tag if key == base else None)
    raw = await raw_connection(db)
    for key in dict.fromkeys((address, base)):
        row = await raw.fetchone(_MAILBOX, key)
        if row is not None:
            info = MailboxInfo(row[0], row[1], row[2], row[3], row[4], bool(row[5]))
            if len(_FOUND) > 10_000:
                _FOUND.clear()
            _FOUND[key] = (clock, info)
            return info, (tag if key == base else None)
    return None, tag


def check_sizes(parsed: ParsedMail, settings: Settings) -> None:
    limit = settings.attachment_max_bytes
    for part in parsed.parts:
        if len(part.data) > limit:
            raise MailRefused(
                552,
                "5.3.4",
                f"The attachment {part.filename!r} is {len(part.data) / 1_048_576:.1f} MB; "
                f"each file may be at most {limit / 1_048_576:.0f} MB. Nothing was stored: "
                "send it as a link or in smaller parts.",
            )


async def _thread(
    db: AsyncSession, parsed: ParsedMail, tag: str | None
) -> tuple[int | None, str | None]:
    """The conversation the mail continues and its status, when the sender is its customer."""
    raw = await raw_connection(db)
    candidates: list[int] = []
    for ref in [parsed.in_reply_to, *reversed(parsed.references)]:
        if not ref:
            continue
        row = await raw.fetchone(_BY_RFC_ID, ref)
        if row is not None and row[1] is not None:
            candidates.append(int(row[1]))
            break
    if parsed.reference is not None:
        candidates.append(parsed.reference)
    if tag and tag.isdigit() and len(tag) <= 10:
        candidates.append(int(tag))
    for conversation_id in candidates:
        if conversation_id > 2**31 - 1:
            continue
        row = await raw.fetchone(_CONVERSATION_CUSTOMER, conversation_id)
        if row is not None and row[1] and row[1].lower() == parsed.from_address:
            return int(row[0]), str(row[2])
    return None, None


async def _store_parts(
    db: AsyncSession,
    store: BlobStore,
    parsed: ParsedMail,
    conversation_id: int,
    message_id: int,
) -> None:
    at = now(db)
    rows = []
    for part in parsed.parts:
        stored = await store.put(part.data)
        rows.append(
            {
                "conversation_id": conversation_id,
                "message_id": message_id,
                "sha256": stored.sha256,
                "size": stored.size,
                "content_type": stored.content_type,
                "filename": part.filename,
                "content_id": part.content_id,
                "inline": part.inline,
                "uploaded_by_agent_id": None,
                "created_at": at,
            }
        )
    if rows:
        await db.execute(insert(Attachment), rows)


def _record(
    parsed: ParsedMail,
    *,
    state: MailState,
    mailbox: MailboxInfo | None,
    recipient: str,
    conversation_id: int | None,
    message_id: int | None,
    auth: dict[str, Any] | None,
    reason: str | None,
    at: datetime,
) -> dict[str, Any]:
    return {
        "direction": Direction.inbound.value,
        "state": state.value,
        "rfc_message_id": parsed.message_id,
        "mailbox_id": mailbox.id if mailbox else None,
        "conversation_id": conversation_id,
        "message_id": message_id,
        "from_address": parsed.from_address[:254],
        "to_address": recipient[:254],
        "subject": parsed.subject,
        "in_reply_to": parsed.in_reply_to,
        "references": parsed.references[-20:],
        "html": parsed.html,
        "quoted": parsed.quoted or None,
        "auth": auth,
        "reason": reason,
        "outbox_id": None,
        "error": None,
        "created_at": at,
        "sent_at": None,
    }


async def _write(db: AsyncSession, row: dict[str, Any]) -> None:
    raw = await raw_connection(db)
    values = []
    for column in _COLUMNS:
        value = row[column]
        if column in ("references", "auth") and value is not None:
            value = raw.json(value)
        elif column in ("created_at", "sent_at") and value is not None:
            value = raw.ts(value)
        values.append(value)
    await raw.execute(_INSERT, *values)


def expected_reply(language: str, due: datetime | None, at: datetime) -> str:
    """ "We will reply within 4 hours" from the SLA's first-response target."""
    if due is None or due <= at:
        return t("mail.ack_soon", language)
    minutes = math.ceil((due - at).total_seconds() / 60)
    if minutes <= 90:
        return t("mail.ack_within_minutes", language, minutes=minutes)
    hours = math.ceil(minutes / 60)
    if hours <= 48:
        return t("mail.ack_within_hours", language, hours=hours)
    return t("mail.ack_within_days", language, days=math.ceil(hours / 24))


def acknowledgement(
    language: str, name: str | None, reference: int, due: datetime | None, at: datetime
) -> str:
    greeting = t("mail.hello_name", language, name=name) if name else t("mail.hello", language)
    return "\n\n".join(
        (
            greeting,
            t("mail.ack_received", language, reference=reference),
            expected_reply(language, due, at),
            t("mail.ack_reply_hint", language, reference=reference),
        )
    )


async def _bounce(db: AsyncSession, parsed: ParsedMail) -> Received:
    """A delivery report on one of our mails: the mail is marked bounced and its conversation
    gets a note saying why; a report on nothing of ours is ignored."""
    for original in parsed.bounce_of or [parsed.in_reply_to or ""]:
        ours = await db.scalar(
            select(MailMessage).where(
                MailMessage.rfc_message_id == original,
                MailMessage.direction == Direction.outbound.value,
            )
        )
        if ours is None or ours.conversation_id is None:
            continue
        reason = (parsed.bounce_text or parsed.subject or "a delivery report").strip()
        ours.state = MailState.bounced.value
        ours.error = reason[:2000]
        state = await conversation_state_for_update(db, ours.conversation_id)
        if state is not None and state.status != Status.closed:
            note = t(
                "mail.bounced", state.language, address=ours.to_address,
                reason=" ".join(reason.split())[:500],
            )  # fmt: skip
            await do_post_message(
                db, state, body=note, author_kind=AuthorKind.system, internal=True,
                meta={"bounce_of": ours.id},
            )  # fmt: skip
        return Received("bounce", conversation_id=ours.conversation_id)
    return Received("ignored", reason="bounce")


def _body(parsed: ParsedMail) -> str:
    text = parsed.text.strip() or parsed.subject.strip() or "(no text)"
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[: MAX_MESSAGE_CHARS - 1] + "…"
    return text


async def receive_mail(
    db: AsyncSession,
    store: BlobStore,
    raw_mail: bytes,
    recipient: str,
    settings: Settings,
    *,
    mailbox: MailboxInfo | None = None,
    parsed: ParsedMail | None = None,
    channel: Channel = Channel.email,
    product: str | None = None,
    tags: list[str] | None = None,
    follow: Callable[[int], str | None] | None = None,
) -> Received:
    """Store one mail for `recipient` (a mailbox's address); see the module docstring."""
    parsed = parsed or parse_mail(raw_mail)
    raw = await raw_connection(db)
    if await raw.fetchone(_BY_RFC_ID, parsed.message_id) is not None:
        return Received("duplicate")
    tag = None
    if mailbox is None:
        mailbox, tag = await find_mailbox(db, recipient)
        if mailbox is None:
            raise MailRefused(550, "5.1.1", f"No mailbox here is called {recipient}.")
    at = now(db)
    if parsed.bounce_of or parsed.automatic == "daemon":
        received = await _bounce(db, parsed)
        kept = MailState.received if received.outcome == "bounce" else MailState.ignored
        await _write(
            db,
            _record(
                parsed,
                state=kept,
                mailbox=mailbox,
                recipient=recipient,
                conversation_id=received.conversation_id,
                message_id=None,
                auth=None,
                reason="bounce",
                at=at,
            ),
        )
        return received
    if parsed.automatic is not None:
        await _write(
            db,
            _record(
                parsed,
                state=MailState.ignored,
                mailbox=mailbox,
                recipient=recipient,
                conversation_id=None,
                message_id=None,
                auth=None,
                reason=parsed.automatic,
                at=at,
            ),
        )
        return Received("ignored", reason=parsed.automatic)
    check_sizes(parsed, settings)
    since = raw.ts(at.replace(microsecond=0) - _HOUR)
    (recent,) = await raw.fetchone(_SENDER_COUNT, parsed.from_address, since)
    if recent >= settings.mail_sender_per_hour:
        raise MailRefused(
            451, "4.7.1",
            f"{parsed.from_address} sent {recent} mails in the last hour; try again later.",
        )  # fmt: skip

    customer_row = await raw.fetchone(_CUSTOMER_BY_EMAIL, parsed.from_address)
    auth = authentication_results(parsed.authentication, settings.mail_authserv_id)
    auth["from_known"] = customer_row is not None
    conversation_id, status = await _thread(db, parsed, tag)
    body = _body(parsed)
    follows: int | None = None
    if conversation_id is not None and status != Status.closed:
        state = await conversation_state_for_update(db, conversation_id)
        assert state is not None
        message = await do_post_message(db, state, body=body, author_kind=AuthorKind.customer)
        await _store_parts(db, store, parsed, conversation_id, message.id)
        await _write(
            db,
            _record(
                parsed,
                state=MailState.received,
                mailbox=mailbox,
                recipient=recipient,
                conversation_id=conversation_id,
                message_id=message.id,
                auth=auth,
                reason=None,
                at=at,
            ),
        )
        return Received("stored", conversation_id=conversation_id, message_id=message.id)
    if conversation_id is not None:
        follows = conversation_id

    external_id = customer_row[0] if customer_row else _external_id(parsed.from_address)
    customer = CustomerIn(
        external_id=external_id,
        email=parsed.from_address,
        **({"name": parsed.from_name[:120]} if parsed.from_name and not customer_row else {}),
        **({"locale": mailbox.language} if mailbox.language and not customer_row else {}),
    )
    data = ConversationCreate(
        customer=customer,
        channel=channel,
        message=FirstMessage(body=body),
        subject=parsed.subject[:200] or None,
        product=product or mailbox.product,
        team_id=mailbox.team_id,
        tags=tags or [],
    )
    opened = await do_open_conversation(db, data, acting_agent_id=None, edit_customer=False)
    conversation = opened.conversation
    await _store_parts(db, store, parsed, conversation.id, opened.message.id)
    await _write(
        db,
        _record(
            parsed,
            state=MailState.received,
            mailbox=mailbox,
            recipient=recipient,
            conversation_id=conversation.id,
            message_id=opened.message.id,
            auth=auth,
            reason=None,
            at=at,
        ),
    )
    state = await conversation_state_for_update(db, conversation.id)
    assert state is not None
    if follows is not None:
        await do_post_message(
            db, state, body=t("mail.follows", conversation.language, reference=follows),
            author_kind=AuthorKind.system, internal=True, meta={"follows": follows},
        )  # fmt: skip
    answer = None
    if settings.bot and follows is None:
        answer = await _knowledge_answer(db, conversation.language, parsed, body, settings)
    url = follow(conversation.id) if follow is not None else None
    link = t("mail.web_form_follow_link", conversation.language, url=url) if url else None
    if answer is not None:
        # One mail: the acknowledgement with the answer; the conversation is resolved, and the
        # customer's reply ("it did not help") reopens it for a person.
        text, cited = answer
        if mailbox.acknowledge:
            language = conversation.language
            name = opened.customer.name or parsed.from_name
            greeting = (
                t("mail.hello_name", language, name=name) if name else t("mail.hello", language)
            )
            text = "\n\n".join(
                (greeting, t("mail.ack_received", language, reference=conversation.id), text,
                 t("mail.ack_reply_hint", language, reference=conversation.id))
            )  # fmt: skip
        if link:
            text = f"{text}\n\n{link}"
        await do_post_message(
            db, state, body=text, author_kind=AuthorKind.bot,
            meta={"article": cited, MAIL_META: "answer"}, language=conversation.language,
        )  # fmt: skip
        row = await db.get(Conversation, conversation.id, with_for_update=True)
        if row is not None and row.status == Status.open:
            await do_update_conversation(db, row, {"status": Status.resolved}, acting_agent_id=None)
    elif mailbox.acknowledge:
        text = acknowledgement(
            conversation.language, opened.customer.name or parsed.from_name, conversation.id,
            conversation.first_response_due_at, at,
        )  # fmt: skip
        if link:
            text = f"{text}\n\n{link}"
        await do_post_message(
            db, state, body=text, author_kind=AuthorKind.system,
            meta={MAIL_META: "acknowledgement"}, language=conversation.language,
        )  # fmt: skip
    return Received("stored", conversation_id=conversation.id, message_id=opened.message.id)


async def _knowledge_answer(
    db: AsyncSession, language: str, parsed: ParsedMail, body: str, settings: Settings
) -> tuple[str, dict[str, Any]] | None:
    """The bot's answer when the knowledge base has one it is sure of (the chat's rule,
    knowledge/search.good_enough): the article's best passage, a link to it, and "reply if this
    did not help"; None when unsure, and a person answers."""
    question = f"{parsed.subject}\n{body}".strip()
    try:
        result = await search_for_answer(db, question, locale=language, limit=3)
    except FirstlineError:
        return None
    if not result.items or not good_enough(result.items):
        return None
    best = result.items[0]
    url = f"/help/{best.locale}/articles/{best.external_id}"
    parts = [t("mail.kb_intro", language), f"{best.title}\n\n{passage(best.body, question)}"]
    if settings.public_url:
        parts.append(settings.public_url.rstrip("/") + url)
    parts.append(t("mail.kb_not_helped", language))
    cited = {"external_id": best.external_id, "locale": best.locale, "title": best.title,
             "url": url}  # fmt: skip
    return "\n\n".join(parts), cited


def _external_id(address: str) -> str:
    candidate = f"mail:{address}"
    if len(candidate) <= 128:
        return candidate
    return "mail:" + hashlib.sha256(address.encode()).hexdigest()
