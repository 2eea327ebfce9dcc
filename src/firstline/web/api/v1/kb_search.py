"""/api/v1/kb/search: the published knowledge base, searched in the customer's language.

Public, like the help center whose search box it serves: it reads only published articles,
which anyone may read there anyway, so a customer-facing page or app can call it without an
agent token. Drafts never come out of it.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from firstline.core.errors import InvalidInput
from firstline.core.language import SUPPORTED_LANGUAGES
from firstline.knowledge.search import (
    CONFIDENT,
    MAX_LIMIT,
    MAX_QUERY_CHARS,
    search_articles,
    search_locale,
)
from firstline.web.deps import ReadSession
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/kb", tags=["knowledge base"])


class ArticleHitOut(BaseModel):
    external_id: str
    locale: str
    title: str
    category: str | None
    score: float = Field(description="The ranking score; compare only within one answer.")
    confidence: float = Field(
        description=f"0 to 1, comparable across searches; from {CONFIDENT} the top hit is "
        "usually the answer (see docs/evaluation.md)."
    )
    snippet: str


class FallbackOut(BaseModel):
    from_: str = Field(alias="from", description="The language asked for, which had no match.")
    to: str = Field(description="The language of the first item.")


class KbSearchOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "external_id": "deposit-not-arrived",
                            "locale": "en",
                            "title": "My deposit has not arrived",
                            "category": "Deposits",
                            "score": 11.42,
                            "confidence": 0.83,
                            "snippet": "A deposit is credited after 12 confirmations...",
                        }
                    ],
                    "locale": "en",
                    "fallback": None,
                }
            ]
        }
    )

    items: list[ArticleHitOut]
    locale: str | None = Field(description="The language searched, as Firstline names it.")
    fallback: FallbackOut | None = Field(
        description="Set when nothing matched in `locale` and the items are in other languages."
    )


@router.get("/search", operation_id="searchArticles", response_model=KbSearchOut)
async def kb_search(
    session: ReadSession,
    q: Annotated[str, Query(description="The question or words, in any language.")] = "",
    locale: Annotated[
        str | None,
        Query(
            description=f"The customer's language ({', '.join(SUPPORTED_LANGUAGES)}, or a "
            "browser locale such as pt-BR); leave out to search every language."
        ),
    ] = None,
    limit: Annotated[int, Query(description=f"1 to {MAX_LIMIT}.")] = 5,
) -> FastJSON:
    """Published articles that best answer `q`, best first. Words are matched per language
    (stemmed; Chinese, Japanese and Thai segmented; accents optional). When no article in
    `locale` matches, articles in other languages are returned (English first) and `fallback`
    says so."""
    query = q.strip()
    if not query:
        raise InvalidInput("q is empty: send the words or question to search for.")
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput(f"q is too long: at most {MAX_QUERY_CHARS} characters.")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}.")
    lang = search_locale(locale)
    result = await search_articles(session, query, locale=lang, limit=limit)
    return FastJSON(
        {
            "items": [
                {
                    "external_id": h.external_id,
                    "locale": h.locale,
                    "title": h.title,
                    "category": h.category,
                    "score": h.score,
                    "confidence": h.confidence,
                    "snippet": h.snippet,
                }
                for h in result.items
            ],
            "locale": result.locale,
            "fallback": (
                {"from": result.fallback_from, "to": result.items[0].locale}
                if result.fallback_from and result.items
                else None
            ),
        }
    )
