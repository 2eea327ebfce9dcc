"""/api/v1/search: full-text search over messages, newest first."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from firstline.core.errors import InvalidInput
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.search.queries import search_messages, snippet
from firstline.search.schemas import SearchPage
from firstline.search.text import MAX_QUERY_CHARS, parse_query
from firstline.web.deps import CurrentActor, ReadSession
from firstline.web.responses import FastJSON

router = APIRouter(tags=["search"])


@router.get("/search", operation_id="searchConversations", response_model=SearchPage)
async def search(
    actor: CurrentActor,
    session: ReadSession,
    q: Annotated[str, Query(description="Words to find, in any language; all must match.")],
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: str | None = None,
) -> FastJSON:
    """Messages (internal notes included) containing every word of `q`, newest first, in the
    conversations you can see. Chinese, Japanese and Thai are segmented into words."""
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidInput(f"q is too long: at most {MAX_QUERY_CHARS} characters.")
    query = parse_query(q)
    if not query.groups:
        raise InvalidInput("q has no words to search for; send at least one word or number.")
    before = decode_cursor(cursor) if cursor else None
    hits = await search_messages(session, actor, query, limit=limit + 1, before_id=before)
    more = len(hits) > limit
    hits = hits[:limit]
    return FastJSON(
        {
            "items": [
                {
                    "message_id": h.message_id,
                    "conversation_id": h.conversation_id,
                    "author_kind": h.author_kind,
                    "internal": h.internal,
                    "language": h.language,
                    "created_at": h.created_at,
                    "snippet": snippet(h.body, query),
                }
                for h in hits
            ],
            "next_cursor": encode_cursor(hits[-1].message_id) if more else None,
        }
    )
