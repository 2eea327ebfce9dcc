"""/r/<token>: the customer's rating from the links of the CSAT mail, without a sign-in.

GET records the score the link stands for and answers with a thank-you page in the
conversation's language, where the customer may add a comment or pick another score while
the answer can still change (POST, same link). A link that was altered writes nothing and
says so (404); one past its time says that (410); a rating that is final says that (409).
Who may use it: whoever holds the link (it was mailed to the customer); nothing else of the
conversation is shown.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from firstline.core.db import Database
from firstline.core.errors import Conflict, NotFound
from firstline.core.i18n import bind
from firstline.core.language import DEFAULT_LANGUAGE, normalize_locale
from firstline.core.secrets import instance_secret
from firstline.core.settings import Settings
from firstline.quality.csat import LINK_SECRET, do_rate_conversation, get_csat, get_policy
from firstline.quality.rules import CSAT_SCORES, LinkExpired, LinkInvalid, read_csat_token
from firstline.web.helpcenter import help_page

router = APIRouter(include_in_schema=False)
MAX_COMMENT = 2000


def _reader_language(request: Request) -> str:
    for part in request.headers.get("accept-language", "").split(","):
        locale = normalize_locale(part.split(";")[0].strip()) if part.strip() else None
        if locale:
            return locale
    return DEFAULT_LANGUAGE


def _page(language: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("scores", list(CSAT_SCORES))
    return help_page(language, "csat.html", status=status, q_=bind("quality", language), **context)


async def _rate(
    request: Request, token: str, score: int | None, comment: str | None
) -> HTMLResponse:
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    key = await instance_secret(db, LINK_SECRET, settings.secret_key)
    try:
        link = read_csat_token(key.encode(), token, db.clock.now())
    except LinkInvalid:
        return _page(_reader_language(request), 404, state="invalid")
    except LinkExpired as expired:
        # The signature held: the page speaks the conversation's language.
        async with db.session() as session:
            row = await get_csat(session, expired.conversation_id)
        return _page(row.language if row else _reader_language(request), 410, state="expired")
    async with db.session() as session:
        row = await get_csat(session, link.conversation_id)
        language = row.language if row is not None else _reader_language(request)
    chosen = score if score is not None else link.score
    try:
        async with db.transaction() as session:
            rated = await do_rate_conversation(
                session, link.conversation_id, score=chosen, comment=comment, via="link"
            )
            minutes = (await get_policy(session)).change_minutes
    except NotFound:
        return _page(language, 404, state="missing")
    except Conflict as exc:
        if exc.message == "csat_final":
            async with db.session() as session:
                row = await get_csat(session, link.conversation_id)
            return _page(language, 409, state="final", score=row.score if row else chosen)
        return _page(language, 409, state="missing")
    return _page(
        language, state="thanks", score=rated.score, token=token, minutes=minutes,
        commented=comment is not None and bool(comment.strip()), comment=rated.comment or "",
    )  # fmt: skip


@router.get("/r/{token}")
async def rate_from_link(request: Request, token: str) -> HTMLResponse:
    return await _rate(request, token, None, None)


@router.post("/r/{token}")
async def comment_from_link(request: Request, token: str) -> HTMLResponse:
    form = await request.form()
    raw_score = form.get("score")
    score = (
        int(raw_score)
        if isinstance(raw_score, str) and raw_score in {"1", "2", "3", "4", "5"}
        else None
    )
    raw_comment = form.get("comment")
    comment = raw_comment[:MAX_COMMENT] if isinstance(raw_comment, str) else None
    return await _rate(request, token, score, comment)
