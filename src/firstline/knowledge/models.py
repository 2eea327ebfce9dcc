"""Knowledge base articles: one row per article and language, and every earlier version."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from firstline.core.db import Base, UTCDateTime


class ArticleStatus(StrEnum):
    draft = "draft"
    published = "published"


class Article(Base):
    """One language version of an article. `external_id` names the article across languages
    (and in the company's own systems); with `locale` it identifies this version."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(120))
    locale: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16), default=ArticleStatus.draft)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # Whose draft it is: the agent who created it. Others change it only with
    # knowledge.edit_any; null (imported, or older than owners) is nobody's.
    owner_agent_id: Mapped[int | None] = mapped_column(ForeignKey("agents.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("uq_articles_external_id_locale", "external_id", "locale", unique=True),
        Index("ix_articles_locale_status_id", "locale", "status", "id"),
        # The help center's topic pages: one topic of one language, a page at a time.
        Index("ix_articles_locale_status_category_id", "locale", "status", "category", "id"),
    )


class ArticleRevision(Base):
    """A version of an article as it was saved; the newest equals the article."""

    __tablename__ = "article_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16))
    edited_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index("uq_article_revisions_article_revision", "article_id", "revision", unique=True),
    )
