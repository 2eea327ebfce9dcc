"""Classifying a text with the active intent model: `classify` is what the bot and the API call.

Each process keeps the models it has read, by digest. A call asks the database only for the
active model's id and digest (one primary-key lookup); the parameters are read, and parsed in a
worker thread, only when a new model was trained, so every process picks it up on its next call.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import defer

from firstline.intents.classifier import Classification, IntentClassifier
from firstline.intents.embedding import get_embedder
from firstline.intents.models import IntentModel

__all__ = ["Classification", "classify", "get_active_intent_model"]

_CACHED = 2  # the active model, and the one before while a switch is under way
_cache: OrderedDict[str, IntentClassifier] = OrderedDict()
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class ActiveModel:
    id: int
    digest: str


async def get_active_intent_model(db: AsyncSession) -> IntentModel | None:
    """The active model's row without its parameters (for summaries)."""
    return await db.scalar(
        select(IntentModel)
        .options(defer(IntentModel.parameters))
        .order_by(IntentModel.id.desc())
        .limit(1)
    )


async def _active(db: AsyncSession) -> ActiveModel | None:
    row = (
        await db.execute(
            select(IntentModel.id, IntentModel.digest).order_by(IntentModel.id.desc()).limit(1)
        )
    ).first()
    return ActiveModel(row.id, row.digest) if row is not None else None


def _load(parameters: bytes) -> IntentClassifier:
    get_embedder()  # its first load takes a fraction of a second: not on the event loop
    return IntentClassifier.from_bytes(parameters)


async def get_classifier(db: AsyncSession) -> IntentClassifier | None:
    """The active model, ready to classify; None when none was ever trained."""
    active = await _active(db)
    if active is None:
        return None
    with _lock:
        found = _cache.get(active.digest)
    if found is not None:
        return found
    parameters = await db.scalar(select(IntentModel.parameters).where(IntentModel.id == active.id))
    if parameters is None:  # replaced (and pruned) between the two queries: ask again
        return await get_classifier(db)
    loaded = await asyncio.to_thread(_load, parameters)
    with _lock:
        _cache[active.digest] = loaded
        while len(_cache) > _CACHED:
            _cache.popitem(last=False)
    return loaded


async def classify(db: AsyncSession, text: str) -> Classification | None:
    """What `text` asks for, by the active intent model; None when no model is trained.
    About a millisecond once the model is loaded; 10 to 30 ms for a model trained with sentence
    embeddings, which is why that one runs off the event loop."""
    classifier = await get_classifier(db)
    if classifier is None:
        return None
    if classifier.sentence is not None:
        return await asyncio.to_thread(classifier.classify, text)
    return classifier.classify(text)
