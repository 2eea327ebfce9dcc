"""/api/v1/kb: knowledge-base articles, one version per language, with their revisions.

An article is named by its `external_id` across languages; each language version has its own
title, body (Markdown), category, status and revision count. Any agent may write drafts;
publishing, changing a published version and deleting need a supervisor or an admin, so that
what customers read has had a second pair of eyes.
"""

from __future__ import annotations

import re
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor, require_permission
from firstline.agents.permissions import Permission
from firstline.core.errors import Conflict, InvalidInput, NotFound
from firstline.core.language import normalize_locale
from firstline.core.pagination import MAX_PAGE, decode_cursor, encode_cursor
from firstline.knowledge.actions import do_delete_article, do_save_article
from firstline.knowledge.markdown import render_markdown
from firstline.knowledge.models import Article, ArticleRevision, ArticleStatus
from firstline.knowledge.schemas import (
    MAX_BODY,
    ArticleIn,
    ArticleOut,
    ArticlePage,
    ArticleSaved,
    ArticleVersions,
    CategoryList,
    PreviewOut,
    RevisionPage,
)
from firstline.learning.recheck import flag_material_change
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/kb", tags=["knowledge base"])

ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_BODY)]
Category = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]


class ArticleWrite(BaseModel):
    """A language version as an editor saves it. `base_revision` is the revision the editor
    started from: when someone saved a newer one meanwhile the save answers 409."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    body: Body
    category: Category | None = None
    status: ArticleStatus = ArticleStatus.draft
    base_revision: int | None = None
    material_change: bool = Field(
        default=False,
        description="This published revision changes what agents must know: certificates "
        "depending on the article ask their holders for a re-check (knowledge.publish).",
    )


class ArticleCreate(ArticleWrite):
    external_id: ExternalId | None = None
    locale: str


def _locale(value: str) -> str:
    locale = normalize_locale(value)
    if locale is None:
        raise InvalidInput(f"locale {value!r} is not a supported language.")
    return locale


def _summary(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "external_id": a.external_id,
        "locale": a.locale,
        "title": a.title,
        "category": a.category,
        "status": a.status,
        "revision": a.revision,
        "owner_agent_id": a.owner_agent_id,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    }


def _full(a: Article) -> dict[str, Any]:
    return {**_summary(a), "body": a.body, "html": render_markdown(a.body)}


def _check_rights(actor: Actor, status: str, existing: Article | None) -> None:
    """Writing drafts needs knowledge.draft; someone else's draft, knowledge.edit_any; what
    customers read (publishing, or changing a published version), knowledge.publish."""
    require_permission(actor, Permission.knowledge_draft, "Writing articles")
    if status == ArticleStatus.published:
        require_permission(actor, Permission.knowledge_publish, "Publishing an article")
    if existing is None:
        return
    if existing.status == ArticleStatus.published:
        require_permission(actor, Permission.knowledge_publish, "Changing a published article")
    elif existing.owner_agent_id != actor.agent_id:
        require_permission(actor, Permission.knowledge_edit_any, "Changing someone else's draft")


def _slug(title: str) -> str:
    ascii_title = title.encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:80]
    return slug or "article"


async def _get(session: AsyncSession, external_id: str, locale: str) -> Article | None:
    return await session.scalar(
        select(Article).where(Article.external_id == external_id, Article.locale == locale)
    )


async def _save(
    db: Any, actor: Actor, external_id: str, locale: str, data: ArticleWrite, *, create: bool
) -> tuple[Article, str]:
    title = (
        data.title
        or ArticleIn(external_id=external_id, locale=locale, body=data.body).title_or_first_line()
    )
    try:
        async with db.transaction() as session:
            existing = await _get(session, external_id, locale)
            if create and existing is not None:
                raise Conflict(
                    f"{external_id} in {locale} exists already; PUT "
                    f"/api/v1/kb/articles/{external_id}/{locale} changes it."
                )
            _check_rights(actor, data.status, existing)
            saved = await do_save_article(
                session,
                external_id=external_id,
                locale=locale,
                title=title,
                body=data.body,
                category=data.category or None,
                status=data.status.value,
                acting_agent_id=actor.agent_id,
                base_revision=data.base_revision,
                article=existing,
            )
            if (
                data.material_change
                and saved.outcome == "updated"
                and saved.article.status == ArticleStatus.published
            ):
                await flag_material_change(
                    session,
                    saved.article.id,
                    saved.article.revision,
                    acting_agent_id=actor.agent_id,
                )
    except IntegrityError:
        raise Conflict(
            f"{external_id} in {locale} was created by someone else at the same moment; "
            "reload it and apply your change again."
        ) from None
    return saved.article, saved.outcome


@router.get("/articles", operation_id="listArticles", response_model=ArticlePage)
async def list_articles(
    actor: CurrentActor,
    session: ReadSession,
    locale: str | None = None,
    status: ArticleStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    cursor: str | None = None,
) -> FastJSON:
    """Article versions, newest first, optionally of one language and status."""
    stmt = select(Article).order_by(Article.id.desc()).limit(limit + 1)
    if locale is not None:
        stmt = stmt.where(Article.locale == _locale(locale))
    if status is not None:
        stmt = stmt.where(Article.status == status.value)
    if cursor:
        stmt = stmt.where(Article.id < decode_cursor(cursor))
    rows = list(await session.scalars(stmt))
    more = len(rows) > limit
    rows = rows[:limit]
    return FastJSON(
        {
            "items": [_summary(a) for a in rows],
            "next_cursor": encode_cursor(rows[-1].id) if more else None,
        }
    )


@router.post(
    "/articles",
    status_code=201,
    operation_id="createArticle",
    response_model=ArticleOut,
    responses=problem_responses(
        (403, "Writing needs knowledge.draft; publishing needs knowledge.publish."),
        (409, "This language version exists already, or was created at the same moment."),
    ),
)
async def create_article(data: ArticleCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Create a language version; without `external_id` one is made from the title."""
    locale = _locale(data.locale)
    external_id = data.external_id
    if external_id is None:
        title = data.title or data.body.strip().splitlines()[0].lstrip("#").strip()
        external_id = f"{_slug(title)}-{secrets.token_hex(3)}"
    article, _ = await _save(db, actor, external_id, locale, data, create=True)
    return FastJSON(_full(article), status_code=201)


@router.get(
    "/articles/{external_id}", operation_id="getArticleVersions", response_model=ArticleVersions
)
async def get_article_versions(
    external_id: str, actor: CurrentActor, session: ReadSession
) -> FastJSON:
    """Every language version of one article."""
    rows = list(
        await session.scalars(
            select(Article).where(Article.external_id == external_id).order_by(Article.locale)
        )
    )
    if not rows:
        raise NotFound(f"No article {external_id!r}.")
    return FastJSON({"external_id": external_id, "versions": [_summary(a) for a in rows]})


@router.get(
    "/articles/{external_id}/{locale}", operation_id="getArticle", response_model=ArticleOut
)
async def get_article(
    external_id: str, locale: str, actor: CurrentActor, session: ReadSession
) -> FastJSON:
    """One language version with its Markdown body and the safe HTML rendered from it."""
    article = await _get(session, external_id, _locale(locale))
    if article is None:
        raise NotFound(f"No article {external_id!r} in {locale}.")
    return FastJSON(_full(article))


@router.put(
    "/articles/{external_id}/{locale}",
    operation_id="putArticle",
    response_model=ArticleSaved,
    responses={
        201: {"model": ArticleSaved, "description": "The language version was created."},
        **problem_responses(
            (409, "Someone saved a newer revision than `base_revision`, or created it meanwhile.")
        ),
    },
)
async def put_article(
    external_id: str, locale: str, data: ArticleWrite, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Create or change a language version (201 when created). Saving the same text again
    changes nothing and makes no revision."""
    external_id = external_id.strip()
    if not external_id or len(external_id) > 120:
        raise InvalidInput("external_id must be 1 to 120 characters.")
    article, outcome = await _save(db, actor, external_id, _locale(locale), data, create=False)
    return FastJSON(
        {**_full(article), "outcome": outcome}, status_code=201 if outcome == "created" else 200
    )


@router.delete(
    "/articles/{external_id}/{locale}",
    status_code=204,
    operation_id="deleteArticle",
    response_description="Deleted.",
)
async def delete_article(
    external_id: str, locale: str, actor: CurrentActor, db: DatabaseDep
) -> Response:
    """Delete a language version and its revisions (supervisors and admins; audited)."""
    require_permission(actor, Permission.knowledge_publish, "Deleting an article")
    async with db.transaction() as session:
        article = await _get(session, external_id, _locale(locale))
        if article is None:
            raise NotFound(f"No article {external_id!r} in {locale}.")
        await do_delete_article(session, article, acting_agent_id=actor.agent_id)
    return Response(status_code=204)


@router.get(
    "/articles/{external_id}/{locale}/revisions",
    operation_id="listArticleRevisions",
    response_model=RevisionPage,
)
async def list_revisions(
    external_id: str,
    locale: str,
    actor: CurrentActor,
    session: ReadSession,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    before: Annotated[int | None, Query(ge=1)] = None,
) -> FastJSON:
    """Saved revisions of a language version, newest first, with their text."""
    article = await _get(session, external_id, _locale(locale))
    if article is None:
        raise NotFound(f"No article {external_id!r} in {locale}.")
    stmt = (
        select(ArticleRevision)
        .where(ArticleRevision.article_id == article.id)
        .order_by(ArticleRevision.revision.desc())
        .limit(limit + 1)
    )
    if before is not None:
        stmt = stmt.where(ArticleRevision.revision < before)
    rows = list(await session.scalars(stmt))
    more = len(rows) > limit
    rows = rows[:limit]
    return FastJSON(
        {
            "items": [
                {
                    "revision": r.revision,
                    "title": r.title,
                    "body": r.body,
                    "category": r.category,
                    "status": r.status,
                    "edited_by_agent_id": r.edited_by_agent_id,
                    "created_at": r.created_at,
                }
                for r in rows
            ],
            "next_before": rows[-1].revision if more else None,
        }
    )


class PreviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: Annotated[str, StringConstraints(max_length=MAX_BODY)]


@router.post("/preview", operation_id="previewArticle", response_model=PreviewOut)
async def preview(data: PreviewIn, actor: CurrentActor) -> FastJSON:
    """The safe HTML of a Markdown text, as the help center will show it (the editor's
    preview)."""
    return FastJSON({"html": render_markdown(data.body)})


@router.get("/categories", operation_id="listArticleCategories", response_model=CategoryList)
async def list_categories(
    actor: CurrentActor, session: ReadSession, locale: str | None = None
) -> FastJSON:
    """Categories in use, with how many article versions each holds."""
    stmt = (
        select(Article.category, func.count())
        .where(Article.category.is_not(None))
        .group_by(Article.category)
        .order_by(Article.category)
    )
    if locale is not None:
        stmt = stmt.where(Article.locale == _locale(locale))
    rows = (await session.execute(stmt)).all()
    return FastJSON({"items": [{"category": c, "articles": n} for c, n in rows]})
