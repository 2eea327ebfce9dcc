"""/api/v1/language/detect: which of the supported languages a text is in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from firstline.core.language import SUPPORTED_LANGUAGES, detect_language
from firstline.web.deps import CurrentActor
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/language", tags=["language"])


class DetectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[str, StringConstraints(min_length=1, max_length=20_000)]


class DetectOut(BaseModel):
    language: str = Field(description=f"One of {', '.join(SUPPORTED_LANGUAGES)}.")
    confidence: float = Field(
        description="0 to 1. Below 0.6 the text is too short or mixed to tell for sure; "
        "Firstline then prefers the language the customer stated."
    )


@router.post("/detect", operation_id="detectLanguage", response_model=DetectOut)
async def detect(data: DetectIn, actor: CurrentActor) -> FastJSON:
    """Detect the language of a text (a customer message, a search, an article)."""
    found = detect_language(data.text)
    return FastJSON({"language": found.language, "confidence": found.confidence})
