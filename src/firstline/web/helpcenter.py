"""The public help center: published articles by language, topic pages, search and a way to
chat. Pages are plain server-rendered HTML (no script needed to read them), in the visitor's
language, right to left for Arabic.

/help                                  goes to the visitor's language (Accept-Language)
/help/{locale}                         topics with their articles, and the search box
/help/{locale}/topics/{category}       every article of a topic, a page at a time
/help/{locale}/search?q=...            search, across languages when nothing matches
/help/{locale}/articles/{external_id}  an article; another language's version when this
                                       language has none, saying so
"""

from __future__ import annotations

import time
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func, select

from firstline.core.language import (
    DEFAULT_LANGUAGE,
    RTL_LANGUAGES,
    SUPPORTED_LANGUAGES,
    normalize_locale,
)
from firstline.knowledge.markdown import render_markdown
from firstline.knowledge.models import Article, ArticleStatus
from firstline.knowledge.strings import NATIVE_NAMES, STRINGS
from firstline.recovery.strings import say as recovery_say
from firstline.web.deps import ReadSession
from firstline.web.templates import render

router = APIRouter(prefix="/help", include_in_schema=False)

TOPIC_PREVIEW = 8
TOPIC_PAGE = 50
HOME_CACHE_SECONDS = 30.0
_home_cache: dict[str, tuple[float, list[dict[str, Any]]]] = {}

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)


def help_page(locale: str, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A help-center page in `locale`, with the layout's words, languages and security policy."""
    words = STRINGS[locale]
    html = render(
        template,
        locale=locale,
        dir="rtl" if locale in RTL_LANGUAGES else "ltr",
        t=words,
        languages=[(code, NATIVE_NAMES[code]) for code in SUPPORTED_LANGUAGES],
        quote=quote,
        **context,
    )
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": _CSP})


def _published(locale: str) -> Any:
    return (Article.locale == locale) & (Article.status == ArticleStatus.published.value)


def _locale_or_none(value: str) -> str | None:
    return normalize_locale(value) if value else None


@router.get("")
async def help_root(request: Request) -> RedirectResponse:
    for part in request.headers.get("accept-language", "").split(","):
        locale = _locale_or_none(part.split(";")[0])
        if locale:
            return RedirectResponse(f"/help/{locale}", status_code=302)
    return RedirectResponse(f"/help/{DEFAULT_LANGUAGE}", status_code=302)


async def _topics(session: Any, locale: str) -> list[dict[str, Any]]:
    """Each topic with its article count and first articles; shared for a few seconds, since
    every visitor of the home page asks the same."""
    cached = _home_cache.get(locale)
    if cached is not None and time.monotonic() - cached[0] < HOME_CACHE_SECONDS:
        return cached[1]
    counts = (
        await session.execute(
            select(Article.category, func.count())
            .where(_published(locale))
            .group_by(Article.category)
            .order_by(Article.category)
        )
    ).all()
    topics = []
    for category, count in counts:
        same = Article.category.is_(None) if category is None else Article.category == category
        articles = (
            await session.execute(
                select(Article.external_id, Article.title)
                .where(_published(locale), same)
                .order_by(Article.id)
                .limit(TOPIC_PREVIEW)
            )
        ).all()
        topics.append({"category": category, "count": count, "articles": articles})
    _home_cache[locale] = (time.monotonic(), topics)
    return topics


def forget_help_pages() -> None:
    _home_cache.clear()


@router.get("/{locale}")
async def help_home(locale: str, session: ReadSession) -> HTMLResponse:
    code = _locale_or_none(locale)
    if code is None:
        return help_page(DEFAULT_LANGUAGE, "help_missing.html", status=404)
    if code != locale:
        return RedirectResponse(f"/help/{code}", status_code=301)  # type: ignore[return-value]
    return help_page(
        code, "help_home.html", topics=await _topics(session, code),
        recovery_link=recovery_say(code, "form_link"),
    )  # fmt: skip


@router.get("/{locale}/topics/{category}")
async def help_topic(
    locale: str,
    category: str,
    session: ReadSession,
    after: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    code = _locale_or_none(locale) or DEFAULT_LANGUAGE
    rows = (
        await session.execute(
            select(Article.id, Article.external_id, Article.title)
            .where(_published(code), Article.category == category, Article.id > after)
            .order_by(Article.id)
            .limit(TOPIC_PAGE + 1)
        )
    ).all()
    more = len(rows) > TOPIC_PAGE
    rows = rows[:TOPIC_PAGE]
    if not rows and not after:
        return help_page(code, "help_missing.html", status=404)
    return help_page(
        code,
        "help_topic.html",
        category=category,
        articles=rows,
        next_after=rows[-1][0] if more else None,
    )


@router.get("/{locale}/search")
async def help_search(
    locale: str, session: ReadSession, q: Annotated[str, Query(max_length=200)] = ""
) -> HTMLResponse:
    from firstline.knowledge.search import search_articles

    code = _locale_or_none(locale) or DEFAULT_LANGUAGE
    query = " ".join(q.split())
    result = await search_articles(session, query, locale=code, limit=10) if query else None
    fallback = None
    if result is not None and result.items and result.items[0].locale != code:
        fallback = STRINGS[code]["fallback"].format(language=NATIVE_NAMES[code])
    return help_page(
        code, "help_search.html", q=query, hits=result.items if result else [], fallback=fallback
    )


@router.get("/{locale}/articles/{external_id}")
async def help_article(locale: str, external_id: str, session: ReadSession) -> HTMLResponse:
    code = _locale_or_none(locale) or DEFAULT_LANGUAGE
    versions = {
        a.locale: a
        for a in await session.scalars(
            select(Article).where(
                Article.external_id == external_id,
                Article.status == ArticleStatus.published.value,
            )
        )
    }
    shown = versions.get(code) or versions.get(DEFAULT_LANGUAGE)
    if shown is None and versions:
        shown = min(versions.values(), key=lambda a: a.id)
    if shown is None:
        return help_page(code, "help_missing.html", status=404)
    notice = None
    if shown.locale != code:
        notice = STRINGS[code]["not_translated"].format(
            language=NATIVE_NAMES[code], other=NATIVE_NAMES.get(shown.locale, shown.locale)
        )
    return help_page(
        code,
        "help_article.html",
        article=shown,
        html=render_markdown(shown.body),
        notice=notice,
        content_dir="rtl" if shown.locale in RTL_LANGUAGES else "ltr",
        other_versions=[
            (lc, NATIVE_NAMES.get(lc, lc)) for lc in sorted(versions) if lc != shown.locale
        ],
    )
