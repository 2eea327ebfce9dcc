"""Writing articles. Saving a version that differs from the stored one makes a new revision;
saving the same text again changes nothing, so an import can be re-run safely."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.core.errors import Conflict
from firstline.knowledge.models import Article, ArticleRevision


@dataclass(frozen=True, slots=True)
class Saved:
    article: Article
    outcome: str  # created, updated, unchanged


async def do_save_article(
    db: AsyncSession,
    *,
    external_id: str,
    locale: str,
    title: str,
    body: str,
    category: str | None,
    status: str,
    acting_agent_id: int | None,
    base_revision: int | None = None,
    article: Article | None = None,
) -> Saved:
    """Create or update one version. With `base_revision`, the save is refused when someone
    else saved a newer revision since the writer read it (no silent lost update)."""
    at = now(db)
    if article is None:
        article = await db.scalar(
            select(Article).where(Article.external_id == external_id, Article.locale == locale)
        )
    if base_revision is not None and (article.revision if article else 0) != base_revision:
        current = article.revision if article else "none"
        raise Conflict(
            f"{external_id} in {locale} is at revision {current}, not {base_revision}: "
            "someone saved it meanwhile; reload it and apply your change again."
        )
    if article is None:
        article = Article(
            external_id=external_id, locale=locale, title=title, body=body, category=category,
            status=status, revision=1, owner_agent_id=acting_agent_id, created_at=at,
            updated_at=at,
        )  # fmt: skip
        db.add(article)
        outcome = "created"
    elif (article.title, article.body, article.category, article.status) == (
        title, body, category, status,
    ):  # fmt: skip
        return Saved(article, "unchanged")
    else:
        article.title, article.body, article.category, article.status = (
            title, body, category, status,
        )  # fmt: skip
        article.revision += 1
        article.updated_at = at
        outcome = "updated"
    await db.flush()
    db.add(
        ArticleRevision(
            article_id=article.id,
            revision=article.revision,
            title=title,
            body=body,
            category=category,
            status=status,
            edited_by_agent_id=acting_agent_id,
            created_at=at,
        )
    )
    await record_audit(
        db,
        action=f"article.{outcome}",
        entity_type="article",
        entity_id=article.id,
        actor_agent_id=acting_agent_id,
        data={"external_id": external_id, "locale": locale, "revision": article.revision},
    )
    return Saved(article, outcome)


async def do_delete_article(db: AsyncSession, article: Article, *, acting_agent_id: int) -> None:
    """Delete one language version with its revisions; the audit trail keeps its last text."""
    await record_audit(
        db,
        action="article.deleted",
        entity_type="article",
        entity_id=article.id,
        actor_agent_id=acting_agent_id,
        data={
            "external_id": article.external_id, "locale": article.locale,
            "revision": article.revision, "title": article.title, "body": article.body,
        },
    )  # fmt: skip
    await db.execute(delete(ArticleRevision).where(ArticleRevision.article_id == article.id))
    await db.delete(article)
    await db.flush()
