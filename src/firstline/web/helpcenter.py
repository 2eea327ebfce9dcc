"""The public help center: published articles by language, topic pages, search and a way to
chat. Pages are plain server-rendered HTML (no script needed to read them), in the visitor's
language, right to left for Arabic.

An article not written in the visitor's language is still offered, in the first language of
the search's fallback order that has it (same language in another script, English, then the
rest), marked with that language's name: on the home page, the topic pages, in search and on
the article's page, which says so in the visitor's language. A help center in a language with
few articles is then not empty.

/help                                  goes to the visitor's language (Accept-Language)
/help/{locale}                         topics with their articles, and the search box
/help/{locale}/topics/{category}       every article of a topic, a page at a time
/help/{locale}/search?q=...            search, across languages when nothing matches
/help/{locale}/articles/{external_id}  an article; another language's version when this
                                       language has none, saying so
"""

from __future__ import annotations

import weakref
from collections import Counter, defaultdict
from typing import Annotated, Any, NamedTuple
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.i18n import bind, t
from firstline.core.language import (
    DEFAULT_LANGUAGE,
    NATIVE_NAMES,
    RTL_LANGUAGES,
    SUPPORTED_LANGUAGES,
    normalize_locale,
)
from firstline.knowledge.markdown import render_markdown
from firstline.knowledge.models import Article, ArticleRevision, ArticleStatus
from firstline.knowledge.search import _fallback_order
from firstline.web.deps import ReadSession
from firstline.web.templates import render

router = APIRouter(prefix="/help", include_in_schema=False)

TOPIC_PREVIEW = 8
TOPIC_PAGE = 50

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)


def _dir(locale: str) -> str:
    return "rtl" if locale in RTL_LANGUAGES else "ltr"


def help_page(locale: str, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A help-center page in `locale`, with the layout's words, languages and security policy."""
    html = render(
        template,
        locale=locale,
        dir=_dir(locale),
        t=bind("knowledge", locale),
        languages=[(code, NATIVE_NAMES[code]) for code in SUPPORTED_LANGUAGES],
        native=NATIVE_NAMES,
        text_dir=_dir,
        quote=quote,
        request_label=t("mail.web_form_link", locale),
        **context,
    )
    return HTMLResponse(html, status_code=status, headers={"Content-Security-Policy": _CSP})


def _locale_or_none(value: str) -> str | None:
    return normalize_locale(value) if value else None


@router.get("")
async def help_root(request: Request) -> RedirectResponse:
    for part in request.headers.get("accept-language", "").split(","):
        locale = _locale_or_none(part.split(";")[0])
        if locale:
            return RedirectResponse(f"/help/{locale}", status_code=302)
    return RedirectResponse(f"/help/{DEFAULT_LANGUAGE}", status_code=302)


# -- what a language's visitor is offered ------------------------------------------------------


class Entry(NamedTuple):
    """One published article version, as lists show it."""

    id: int
    external_id: str
    locale: str
    title: str
    category: str | None


class Offer(NamedTuple):
    """The article a visitor of one language is offered for an external id: their language's
    version or a fallback, under a topic of their language when one is known."""

    entry: Entry
    topic: str | None
    fallback: bool


class _Catalogue(NamedTuple):
    stamp: tuple[int, int]
    entries: list[Entry]
    offers: dict[str, list[Offer]]  # locale -> what its visitors are offered


# Per database (keyed like the search index, by the engine reads go through); rebuilt when an
# article is saved or deleted. Only titles are kept: 10,000 articles are a few megabytes, and
# each language's view shares the entries.
_catalogues: weakref.WeakKeyDictionary[Any, _Catalogue] = weakref.WeakKeyDictionary()


def forget_help_pages() -> None:
    _catalogues.clear()


async def _catalogue(session: AsyncSession) -> _Catalogue:
    # A save writes a revision and a deletion removes a row: either moves the stamp.
    newest = await session.scalar(select(func.max(ArticleRevision.id))) or 0
    count = await session.scalar(select(func.count()).select_from(Article)) or 0
    stamp = (int(newest), int(count))
    owner = session.get_bind()
    cached = _catalogues.get(owner)
    if cached is not None and cached.stamp == stamp:
        return cached
    rows = await session.execute(
        select(Article.id, Article.external_id, Article.locale, Article.title, Article.category)
        .where(Article.status == ArticleStatus.published.value)
        .order_by(Article.id)
    )
    catalogue = _Catalogue(stamp, [Entry(*row) for row in rows], {})
    _catalogues[owner] = catalogue
    return catalogue


def _offers(catalogue: _Catalogue, locale: str) -> list[Offer]:
    """Every article offered to a visitor of `locale`, in id order."""
    cached = catalogue.offers.get(locale)
    if cached is not None:
        return cached
    versions: dict[str, dict[str, Entry]] = defaultdict(dict)
    for entry in catalogue.entries:
        versions[entry.external_id][entry.locale] = entry
    order = [locale, *_fallback_order(locale, {e.locale for e in catalogue.entries})]
    rank = {lc: i for i, lc in enumerate(order)}
    # A fallback article goes under the visitor's name of its topic when the topic's other
    # articles say what it is (English "Deposits" is Vietnamese "Nạp và rút" where both exist).
    names: dict[tuple[str, str | None], Counter[str | None]] = defaultdict(Counter)
    for by_locale in versions.values():
        own = by_locale.get(locale)
        if own is not None:
            for other in by_locale.values():
                names[(other.locale, other.category)][own.category] += 1
    offers = []
    for by_locale in versions.values():
        entry = min(by_locale.values(), key=lambda e: rank[e.locale])
        fallback = entry.locale != locale
        topic = entry.category
        if fallback and names.get((entry.locale, entry.category)):
            topic = names[(entry.locale, entry.category)].most_common(1)[0][0]
        offers.append(Offer(entry, topic, fallback))
    offers.sort(key=lambda o: o.entry.id)
    catalogue.offers[locale] = offers
    return offers


def _topics(offers: list[Offer]) -> list[dict[str, Any]]:
    """Each topic with its article count and first articles, the visitor's own language first;
    topics with nothing in the visitor's language come after the others."""
    by_topic: dict[str | None, list[Offer]] = defaultdict(list)
    for offer in offers:
        by_topic[offer.topic].append(offer)
    topics = []
    for topic, items in by_topic.items():
        items.sort(key=lambda o: o.fallback)  # stable: id order within each kind
        topics.append(
            {
                "category": topic,
                "count": len(items),
                "articles": items[:TOPIC_PREVIEW],
                "own": any(not o.fallback for o in items),
            }
        )
    topics.sort(key=lambda t: (not t["own"], t["category"] is None, t["category"] or ""))
    return topics


async def _home_context(session: AsyncSession, code: str) -> dict[str, Any]:
    offers = _offers(await _catalogue(session), code)
    notice = None
    if any(o.fallback for o in offers):
        notice = t("knowledge.home_fallback", code, language=NATIVE_NAMES[code])
    return {"topics": _topics(offers), "home_notice": notice}


# -- pages -------------------------------------------------------------------------------------


@router.get("/{locale}")
async def help_home(locale: str, session: ReadSession) -> HTMLResponse:
    code = _locale_or_none(locale)
    if code is None:
        return help_page(DEFAULT_LANGUAGE, "help_missing.html", status=404)
    if code != locale:
        return RedirectResponse(f"/help/{code}", status_code=301)  # type: ignore[return-value]
    return help_page(
        code, "help_home.html", **await _home_context(session, code),
        recovery_link=t("recovery.form_link", code),
    )  # fmt: skip


@router.get("/{locale}/topics/{category}")
async def help_topic(
    locale: str,
    category: str,
    session: ReadSession,
    start: Annotated[int, Query(ge=0)] = 0,
) -> HTMLResponse:
    code = _locale_or_none(locale) or DEFAULT_LANGUAGE
    items = [o for o in _offers(await _catalogue(session), code) if o.topic == category]
    items.sort(key=lambda o: o.fallback)
    page = items[start : start + TOPIC_PAGE]
    if not page and not start:
        return help_page(code, "help_missing.html", status=404)
    return help_page(
        code,
        "help_topic.html",
        category=category,
        articles=page,
        next_start=start + TOPIC_PAGE if start + TOPIC_PAGE < len(items) else None,
    )


@router.get("/{locale}/search")
async def help_search(
    locale: str, session: ReadSession, q: Annotated[str, Query(max_length=200)] = ""
) -> HTMLResponse:
    from firstline.knowledge.search import search_articles

    code = _locale_or_none(locale) or DEFAULT_LANGUAGE
    query = " ".join(q.split())
    if not query:
        # Nothing asked (the box sent empty): help to ask, and the topics to browse instead.
        return help_page(
            code, "help_search.html", q="", hits=[], **await _home_context(session, code)
        )
    result = await search_articles(session, query, locale=code, limit=10)
    fallback = None
    if result.cross_language:
        fallback = t("knowledge.fallback", code, language=NATIVE_NAMES[code])
    context: dict[str, Any] = {}
    if not result.items:
        context = await _home_context(session, code)
        context["home_notice"] = None
    return help_page(
        code, "help_search.html", q=query, hits=result.items, fallback=fallback, **context
    )


def _without_title(body: str, title: str) -> str:
    """The body without its first line when that line is the title, which the page already
    shows as its heading (imported articles take their title from it)."""
    first, _, rest = body.strip().partition("\n")
    if rest.strip() and " ".join(first.lstrip("#").split()) == " ".join(title.split()):
        return rest
    return body


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
    if not versions:
        return help_page(code, "help_missing.html", status=404)
    # The same choice as the home page and search make for this visitor.
    shown = versions[next(lc for lc in [code, *_fallback_order(code, versions)] if lc in versions)]
    notice = None
    topic = shown.category
    if shown.locale != code:
        notice = t(
            "knowledge.not_translated",
            code,
            language=NATIVE_NAMES[code],
            other=NATIVE_NAMES.get(shown.locale, shown.locale),
        )
        offer = next(
            (o for o in _offers(await _catalogue(session), code) if o.entry.id == shown.id), None
        )
        topic = offer.topic if offer is not None else None
    return help_page(
        code,
        "help_article.html",
        article=shown,
        topic=topic,
        html=render_markdown(_without_title(shown.body, shown.title)),
        notice=notice,
        content_dir=_dir(shown.locale),
        other_versions=[
            (lc, NATIVE_NAMES.get(lc, lc)) for lc in sorted(versions) if lc != shown.locale
        ],
    )
