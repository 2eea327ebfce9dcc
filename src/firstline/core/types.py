"""Field types shared by the domains' schemas, each with an error message a person can act on."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

from firstline.core.language import SUPPORTED_LANGUAGES, normalize_locale

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def _language(value: str) -> str:
    lang = normalize_locale(value)
    if lang is None:
        raise ValueError(
            f"unsupported language {value!r}; use one of {', '.join(SUPPORTED_LANGUAGES)}"
        )
    return lang


def _languages(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        lang = _language(value)
        if lang not in seen:
            seen.append(lang)
    return seen


def _tags(values: list[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        tag = value.strip().lower()
        if tag and tag not in seen:
            seen.append(tag)
    return seen


LanguageCode = Annotated[str, AfterValidator(_language)]
LanguageList = Annotated[list[str], AfterValidator(_languages)]


def _slug(value: str) -> str:
    slug = value.strip().lower().replace(" ", "_")
    if not _SLUG.fullmatch(slug):
        raise ValueError(
            f"{value!r} is not a valid name: use 1 to 40 letters, digits, '_' or '-', "
            "for example spot, futures, p2p"
        )
    return slug


Slug = Annotated[str, AfterValidator(_slug)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
TagList = Annotated[list[Tag], AfterValidator(_tags)]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, to_lower=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    ),
]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
