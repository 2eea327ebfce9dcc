"""What import files and the API give for articles."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

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
