"""The help center's request form: a work order by web, answered by e-mail.

/help/{locale}/request              the form (POST, multipart: check, store, acknowledge)
/help/{locale}/request/{token}      the request's own page, reached by the link the customer
                                    is given (and mailed, with FIRSTLINE_PUBLIC_URL): its
                                    reference, status and the answers so far

A request becomes a conversation with channel `web_form` through the mail intake, as if the
customer had written to the first mailbox: same customer lookup by address, language
detection, routing, SLA, acknowledgement by mail, and replies by mail after that. Bots that
fill the hidden `website` field are thanked and nothing is stored; each address may send a few
requests a minute. Files: images and PDF only, by what their bytes are.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.datastructures import UploadFile

from firstline.agents.models import Team
from firstline.conversations.models import Channel, Conversation, Message
from firstline.core.blobs import SAFE_INLINE, blob_store, sniff
from firstline.core.db import Database
from firstline.core.i18n import bind, format_datetime, t
from firstline.core.language import DEFAULT_LANGUAGE, normalize_locale
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings
from firstline.customers.models import Customer
from firstline.mail.intake import MailboxInfo, MailRefused, receive_mail
from firstline.mail.models import Mailbox
from firstline.web.helpcenter import help_page
from firstline.web.limits import app_limiter

router = APIRouter(prefix="/help", include_in_schema=False)

CATEGORIES = ("deposit", "withdrawal", "account", "security", "trading", "other")
MAX_FILES = 5
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
RATE, BURST = 0.1, 5  # a request every 10 s per address, five at once


def _sign(key: str, conversation_id: int) -> str:
    digest = hmac.new(key.encode(), f"request:{conversation_id}".encode(), hashlib.sha256)
    return f"{conversation_id}-{digest.hexdigest()[:32]}"


async def _token(app: Any, conversation_id: int) -> str:
    settings: Settings = app.state.settings
    return _sign(
        await instance_secret(app.state.db, "cookie_key", settings.secret_key), conversation_id
    )


async def _conversation_of(app: Any, token: str) -> int | None:
    head, _, _sig = token.partition("-")
    if not head.isdigit() or len(head) > 10 or int(head) > 2**31 - 1:
        return None
    expected = await _token(app, int(head))
    return int(head) if hmac.compare_digest(expected, token) else None


async def _products(db: Database) -> list[str]:
    async with db.session() as s:
        rows = await s.scalars(select(Team.product).where(Team.product.is_not(None)).distinct())
        return sorted({p for p in rows if p})


def _masked(address: str) -> str:
    """l***@example.com: enough for the customer to recognise, little for anyone else."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""


def _locale(value: str) -> str | None:
    return normalize_locale(value) if value else None


async def _form(
    request: Request,
    locale: str,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    return help_page(
        locale, "help_request.html", status=status, m=bind("mail", locale), values=values,
        errors=errors, categories=CATEGORIES, products=await _products(request.app.state.db),
        max_files=MAX_FILES, megabytes=settings.attachment_max_bytes // 1_048_576,
    )  # fmt: skip


@router.get("/{locale}/request")
async def request_form(locale: str, request: Request) -> Response:
    code = _locale(locale)
    if code is None:
        return help_page(DEFAULT_LANGUAGE, "help_missing.html", status=404)
    if code != locale:
        return RedirectResponse(f"/help/{code}/request", status_code=301)
    return await _form(request, code, {}, {})


def _text(form: Any, name: str, limit: int) -> str:
    value = form.get(name)
    return value.replace("\x00", "").strip()[:limit] if isinstance(value, str) else ""


@router.post("/{locale}/request")
async def submit_request(locale: str, request: Request) -> Response:
    code = _locale(locale) or DEFAULT_LANGUAGE
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    m = bind("mail", code)
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=20)
    except Exception:  # a body that is not a form, or too many parts
        return await _form(request, code, {}, {"form": m("web_form_error")}, status=400)
    values = {
        "email": _text(form, "email", 254).lower(),
        "product": _text(form, "product", 40),
        "category": _text(form, "category", 20),
        "subject": _text(form, "subject", 201),
        "description": _text(form, "description", 10_001),
    }
    if _text(form, "website", 200):  # the honeypot: only a bot fills a field nobody sees
        return help_page(code, "help_request_sent.html", m=m, reference=None, email="",
                         link=None)  # fmt: skip
    host = request.client.host if request.client else "unknown"
    gate = await app_limiter(request.app, "request_submissions", RATE, BURST)
    if not await gate.check(host):
        return await _form(request, code, values, {"form": m("web_form_too_many")}, status=429)
    errors: dict[str, str] = {}
    if not _EMAIL.match(values["email"]):
        errors["email"] = m("web_form_invalid_email")
    if not values["subject"] or len(values["subject"]) > 200:
        errors["subject"] = m("web_form_invalid_subject")
    if not values["description"] or len(values["description"]) > 10_000:
        errors["description"] = m("web_form_invalid_description")
    if values["category"] not in CATEGORIES:
        errors["category"] = m("web_form_invalid_category")
    if values["product"] and values["product"] not in await _products(db):
        values["product"] = ""
    files: list[tuple[str, bytes, str]] = []
    for upload in form.getlist("files"):
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        data = await upload.read(settings.attachment_max_bytes + 1)
        kind = sniff(data)
        if not data or len(data) > settings.attachment_max_bytes or kind not in SAFE_INLINE:
            errors["files"] = m("web_form_invalid_file", name=upload.filename[:80],
                                megabytes=settings.attachment_max_bytes // 1_048_576)  # fmt: skip
            break
        files.append((upload.filename[:255], data, kind))
    if errors:
        return await _form(request, code, values, errors, status=422)
    async with db.session() as s:
        mailbox = await s.scalar(
            select(Mailbox).where(Mailbox.active).order_by(Mailbox.id).limit(1)
        )
    if mailbox is None:
        return await _form(request, code, values, {"form": m("web_form_unavailable")}, 503)

    message = EmailMessage()
    message["From"] = values["email"]
    message["To"] = mailbox.address
    message["Subject"] = values["subject"]
    message["Message-ID"] = make_msgid(domain=settings.smtp_hostname)
    message.set_content(values["description"])
    for name, data, kind in files:
        maintype, _, subtype = kind.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    raw = message.as_bytes()
    key = await instance_secret(db, "cookie_key", settings.secret_key)

    def follow(conversation_id: int) -> str | None:
        if not settings.public_url:
            return None
        return (
            f"{settings.public_url.rstrip('/')}/help/{code}/request/{_sign(key, conversation_id)}"
        )

    store = blob_store(settings.attachments_dir, db.url)
    try:
        async with db.transaction() as session:
            received = await receive_mail(
                session, store, raw, mailbox.address, settings, mailbox=MailboxInfo.of(mailbox),
                channel=Channel.web_form, product=values["product"] or None,
                tags=[values["category"]], follow=follow,
            )  # fmt: skip
    except MailRefused as refused:
        status = 429 if refused.code == 451 else 422
        return await _form(request, code, values, {"form": refused.sentence}, status=status)
    if received.conversation_id is None:
        return await _form(request, code, values, {"form": m("web_form_error")}, status=422)
    token = await _token(request.app, received.conversation_id)
    return RedirectResponse(f"/help/{code}/request/{token}?sent=1", status_code=303)


@router.get("/{locale}/request/{token}")
async def follow_request(locale: str, token: str, request: Request) -> Response:
    code = _locale(locale) or DEFAULT_LANGUAGE
    conversation_id = await _conversation_of(request.app, token)
    db: Database = request.app.state.db
    conversation = None
    if conversation_id is not None:
        async with db.session() as s:
            conversation = await s.get(Conversation, conversation_id)
            messages = list(
                await s.scalars(
                    select(Message)
                    .where(
                        Message.conversation_id == conversation_id,
                        Message.internal.is_(False),
                        Message.author_kind.in_(("customer", "agent", "bot")),
                    )
                    .order_by(Message.id)
                    .limit(200)
                )
            )
    if conversation is None:
        return help_page(code, "help_missing.html", status=404)
    async with db.session() as s:
        email = await s.scalar(
            select(Customer.email).where(Customer.id == conversation.customer_id)
        )
    state = {"resolved": "resolved", "closed": "closed"}.get(conversation.status, "open")
    return help_page(
        code, "help_request_follow.html", m=bind("mail", code), reference=conversation.id,
        subject=conversation.subject or "", state=t(f"mail.web_form_status_{state}", code),
        # The address reads left to right, whatever the page's direction (U+2068..U+2069).
        sent=request.query_params.get("sent") == "1",
        email="\u2068" + _masked(email or "") + "\u2069",
        messages=[
            {"mine": msg.author_kind == "customer", "body": msg.body,
             "at": format_datetime(msg.created_at, code, skeleton="yMMMdjmm")}
            for msg in messages
        ],
    )  # fmt: skip
