"""Saving a trained intent model: it becomes the active one when the transaction commits."""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.intents.models import IntentModel
from firstline.intents.training import Trained

# The active model and the two before it; older ones only take space.
KEEP_MODELS = 3


async def do_save_intent_model(
    db: AsyncSession, trained: Trained, *, source: str, acting_agent_id: int | None
) -> IntentModel:
    """Store `trained` as the active model (the newest row) and drop the oldest ones."""
    parameters = trained.classifier.to_bytes()
    model = IntentModel(
        digest=hashlib.sha256(parameters).hexdigest(),
        parameters=parameters,
        labels=trained.classifier.intents,
        out_of_scope_label=trained.classifier.out_of_scope_label,
        threshold=trained.classifier.threshold,
        examples=trained.examples,
        metrics={**trained.metrics, "out_of_scope_examples": trained.out_of_scope_examples},
        source=source[:300],
        trained_by_agent_id=acting_agent_id,
        created_at=now(db),
    )
    db.add(model)
    await db.flush()
    kept = select(IntentModel.id).order_by(IntentModel.id.desc()).limit(KEEP_MODELS)
    await db.execute(
        delete(IntentModel)
        .where(IntentModel.id.not_in(kept.scalar_subquery()))
        .execution_options(synchronize_session=False)
    )
    await record_audit(
        db,
        action="intent_model.trained",
        entity_type="intent_model",
        entity_id=model.id,
        actor_agent_id=acting_agent_id,
        data={"intents": len(model.labels), "examples": model.examples, "source": model.source},
    )
    return model
