"""`firstline kb import` and `export`: articles as JSON Lines, one version a line.

An import is all or nothing: every line is checked first, and any bad line is reported with
its number and nothing is written; then the whole file is saved in one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Iterable
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy import select

from firstline.core.db import Database
from firstline.core.errors import InvalidInput
from firstline.knowledge.actions import do_save_article
from firstline.knowledge.models import Article
from firstline.knowledge.schemas import ArticleIn

MAX_ERRORS_SHOWN = 5


def parse_lines(lines: Iterable[str]) -> list[ArticleIn]:
    """The articles of a JSON Lines file, or InvalidInput naming the first bad lines."""
    articles: list[ArticleIn] = []
    errors: list[str] = []
    seen: dict[tuple[str, str], int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = orjson.loads(line)
            if not isinstance(doc, dict):
                raise ValueError("each line must be a JSON object")
            article = ArticleIn.model_validate(doc)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "line"
            errors.append(f"line {number}: {where}: {first['msg']}")
            continue
        except ValueError as exc:  # orjson.JSONDecodeError is a ValueError
            errors.append(f"line {number}: not JSON ({exc})")
            continue
        key = (article.external_id, article.locale)
        if key in seen:
            errors.append(
                f"line {number}: {article.external_id} in {article.locale} already on line "
                f"{seen[key]}"
            )
            continue
        seen[key] = number
        articles.append(article)
    if errors:
        more = len(errors) - MAX_ERRORS_SHOWN
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN]) + (f"; and {more} more" if more > 0 else "")
        raise InvalidInput(f"nothing imported: {shown}")
    return articles


async def import_articles(
    db: Database, articles: list[ArticleIn], *, default_status: str
) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    async with db.transaction() as session:
        for a in articles:
            saved = await do_save_article(
                session,
                external_id=a.external_id,
                locale=a.locale,
                title=a.title_or_first_line(),
                body=a.body,
                category=a.category or None,
                status=(a.status.value if a.status else default_status),
                acting_agent_id=None,
            )
            outcomes[saved.outcome] += 1
    return outcomes


async def export_articles(db: Database, *, locale: str | None) -> AsyncIterator[bytes]:
    """Every article version (of `locale`, if given) as JSON lines, in id order, a page at a
    time so that memory stays flat."""
    after = 0
    while True:
        async with db.session() as session:
            stmt = select(Article).where(Article.id > after).order_by(Article.id).limit(500)
            if locale is not None:
                stmt = stmt.where(Article.locale == locale)
            page = list(await session.scalars(stmt))
        if not page:
            return
        for a in page:
            doc: dict[str, Any] = {
                "external_id": a.external_id, "locale": a.locale, "title": a.title,
                "body": a.body, "category": a.category, "status": a.status,
            }  # fmt: skip
            yield orjson.dumps(doc) + b"\n"
        after = page[-1].id
