"""Field types shared by the domains' schemas, each with an error message a person can act on."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from firstline.core.language import SUPPORTED_LANGUAGES, normalize_locale

_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")

# Ids are 32-bit integers in PostgreSQL (SERIAL): anything outside names no row, and the
# database driver refuses to send it. Path and query ids get the range from web/inputs.py.
MAX_ID = 2**31 - 1
MIN_ID = -(2**31)

# Bidirectional controls: embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069)
# and the invisible direction marks (U+200E, U+200F, U+061C). In a name, an e-mail or a
# subject they only serve to make the text display as something else (U+202E turns
# "gpj.exe" into "exe.jpg") and to reorder whatever is shown next to it.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(value: str) -> str:
    """`value` without bidirectional control characters."""
    return BIDI_CONTROLS.sub("", value)


def _strip_bidi(value: object) -> object:
    # Before the other checks, so that a name made of controls alone is an empty name.
    return without_bidi_controls(value) if isinstance(value, str) else value


def fits_id(value: int) -> bool:
    """Whether `value` can be a row's id (a 32-bit integer)."""
    return MIN_ID <= value <= MAX_ID


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
    BeforeValidator(_strip_bidi),
    StringConstraints(
        strip_whitespace=True, to_lower=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
    ),
]
# 120 characters: the shortest name column (teams, rules, SLA policies, escalation levels).
Name = Annotated[
    str,
    BeforeValidator(_strip_bidi),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
]
Subject = Annotated[
    str, BeforeValidator(_strip_bidi), StringConstraints(strip_whitespace=True, max_length=300)
]
# An id sent in a body: a 32-bit integer, or 422 with a sentence (never a 500).
RecordId = Annotated[int, Field(ge=MIN_ID, le=MAX_ID)]
