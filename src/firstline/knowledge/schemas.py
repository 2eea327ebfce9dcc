"""What import files and the API give for articles."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, JsonValue, StringConstraints, field_validator

from firstline.core.language import SUPPORTED_LANGUAGES, normalize_locale
from firstline.knowledge.models import ArticleStatus

MAX_BODY = 100_000


class ArticleIn(BaseModel):
    """One line of `firstline kb import`: `external_id` + `locale` identify the version."""

    model_config = ConfigDict(extra="forbid")

    external_id: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)
    ]
    locale: str
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)] | None = None
    body: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_BODY)
    ]
    category: Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)] | None = None
    status: ArticleStatus | None = Field(
        default=None, description="draft or published; the import's --status when left out."
    )

    @field_validator("locale")
    @classmethod
    def _supported(cls, value: str) -> str:
        lang = normalize_locale(value)
        if lang is None:
            raise ValueError(
                f"unsupported locale {value!r}; use one of {', '.join(SUPPORTED_LANGUAGES)}"
            )
        return lang

    def title_or_first_line(self) -> str:
        """The title, or the body's first line (Markdown heading marks removed) when none."""
        if self.title:
            return self.title
        first = self.body.strip().splitlines()[0].lstrip("#").strip()
        return first if len(first) <= 120 else first[:119] + "…"


# -- what /api/v1/kb answers (the route builds dicts; these document them) ------------------

_SUMMARY_EXAMPLE: dict[str, JsonValue] = {
    "id": 12,
    "external_id": "deposit-not-arrived",
    "locale": "en",
    "title": "My deposit has not arrived",
    "category": "Deposits",
    "status": "published",
    "revision": 3,
    "created_at": "2026-11-02T09:00:00Z",
    "updated_at": "2026-11-04T15:30:00Z",
}


class ArticleSummary(BaseModel):
    """One language version of an article, without its text."""

    model_config = ConfigDict(json_schema_extra={"examples": [_SUMMARY_EXAMPLE]})

    id: int
    external_id: str = Field(description="Names the article across its languages.")
    locale: str
    title: str
    category: str | None
    status: ArticleStatus
    revision: int = Field(description="How many times this version was saved with a change.")
    owner_agent_id: int | None = Field(
        default=None,
        description="Whose draft it is (its creator); others change it with knowledge.edit_any.",
    )
    created_at: datetime
    updated_at: datetime


class ArticleOut(ArticleSummary):
    """A language version with its Markdown and the safe HTML rendered from it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_SUMMARY_EXAMPLE,
                    "body": "Deposits need **12 confirmations**.",
                    "html": "<p>Deposits need <strong>12 confirmations</strong>.</p>",
                }
            ]
        }
    )

    body: str
    html: str


class ArticleSaved(ArticleOut):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_SUMMARY_EXAMPLE,
                    "body": "Deposits need **12 confirmations**.",
                    "html": "<p>Deposits need <strong>12 confirmations</strong>.</p>",
                    "outcome": "updated",
                }
            ]
        }
    )

    outcome: str = Field(
        description="`created`, `updated`, or `unchanged` when the same text was saved again."
    )


class ArticlePage(BaseModel):
    items: list[ArticleSummary]
    next_cursor: str | None = Field(description="Pass back as `cursor` for the next page.")


class ArticleVersions(BaseModel):
    external_id: str
    versions: list[ArticleSummary]


class RevisionOut(BaseModel):
    revision: int
    title: str
    body: str
    category: str | None
    status: ArticleStatus
    edited_by_agent_id: int | None
    created_at: datetime


class RevisionPage(BaseModel):
    items: list[RevisionOut]
    next_before: int | None = Field(description="Pass back as `before` for older revisions.")


class PreviewOut(BaseModel):
    html: str


class CategoryCount(BaseModel):
    category: str
    articles: int = Field(description="How many article versions are in the category.")


class CategoryList(BaseModel):
    items: list[CategoryCount]
