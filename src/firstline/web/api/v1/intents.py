"""/api/v1/intents/classify: what a customer's text asks for, by the active intent model."""

from __future__ import annotations

from fastapi import APIRouter

from firstline.core.errors import Conflict
from firstline.intents.queries import classify as classify_text
from firstline.intents.schemas import ClassificationOut, ClassifyIn
from firstline.web.deps import CurrentActor, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(prefix="/intents", tags=["intents"])


@router.post(
    "/classify",
    operation_id="classifyIntent",
    responses=problem_responses(
        (409, "No intent model is trained yet."),
        (503, "The model's sentence encoder is not loaded."),
    ),
    response_model=ClassificationOut,
)
async def classify(data: ClassifyIn, actor: CurrentActor, db: ReadSession) -> FastJSON:
    """Classify a text (a customer message) into one of the trained intents, or out of scope."""
    found = await classify_text(db, data.text)
    if found is None:
        raise Conflict(
            "No intent model is trained yet; train one with "
            "`firstline intents train --csv FILE --text-column text --label-column label`."
        )
    return FastJSON(
        {"intent": found.intent, "confidence": found.confidence, "out_of_scope": found.out_of_scope}
    )
