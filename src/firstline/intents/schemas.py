"""What the API takes and gives for intents."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

MAX_TEXT = 5_000


class ClassifyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)
    ]


class ClassificationOut(BaseModel):
    intent: str | None = Field(description="The intent; null when the text is out of scope.")
    confidence: float = Field(
        description="0 to 1: the best intent's calibrated confidence (also when the text is "
        "out of scope, where it says how close the best intent came)."
    )
    out_of_scope: bool = Field(
        description="True when the text asks for none of the trained intents: the bot should "
        "not answer it as one."
    )
