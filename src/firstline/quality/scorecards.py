"""Scorecards and sampling rules: what admins define (quality.configure), every change
audited. A scorecard's change is a new version; reviews keep the one they were made with."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.models import Agent, Team
from firstline.audit.actions import record_audit
from firstline.core.db import now
from firstline.core.errors import InvalidInput, NotFound
from firstline.quality.models import SamplingRule, Scorecard, ScorecardVersion
from firstline.quality.rules import Check
from firstline.quality.scoring import clean_criteria

# What puts a conversation into the review queue (quality/sampling.py).
TRIGGERS = (
    "random", "csat_low", "escalated", "bot_handover", "reopened", "sla_breach",
    "money_at_risk", "check_failed",
)  # fmt: skip


def scorecard_dict(card: Scorecard, version: ScorecardVersion) -> dict[str, Any]:
    return {
        "id": card.id,
        "name": card.name,
        "active": card.active,
        "version": version.version,
        "version_id": version.id,
        "criteria": version.criteria,
        "created_at": card.created_at,
        "updated_at": card.updated_at,
    }


async def get_scorecard(db: AsyncSession, scorecard_id: int) -> tuple[Scorecard, ScorecardVersion]:
    card = await db.get(Scorecard, scorecard_id)
    if card is None or card.version_id is None:
        raise NotFound(f"Scorecard {scorecard_id} does not exist.")
    version = await db.get(ScorecardVersion, card.version_id)
    assert version is not None
    return card, version


async def scorecard_given(
    db: AsyncSession, scorecard_id: int
) -> tuple[Scorecard, ScorecardVersion]:
    """A scorecard named in a request's body: one that does not exist is the body's fault
    (422), not a missing resource."""
    try:
        return await get_scorecard(db, scorecard_id)
    except NotFound:
        raise InvalidInput(f"scorecard_id {scorecard_id} does not exist.") from None


async def default_scorecard(db: AsyncSession) -> tuple[Scorecard, ScorecardVersion] | None:
    """The scorecard a rule without one uses: the oldest active one."""
    card_id = await db.scalar(
        select(Scorecard.id).where(Scorecard.active.is_(True)).order_by(Scorecard.id).limit(1)
    )
    return await get_scorecard(db, card_id) if card_id is not None else None


async def list_scorecards(db: AsyncSession) -> list[dict[str, Any]]:
    cards = (await db.scalars(select(Scorecard).order_by(Scorecard.id))).all()
    versions = {
        v.id: v
        for v in await db.scalars(
            select(ScorecardVersion).where(
                ScorecardVersion.id.in_([c.version_id for c in cards if c.version_id])
            )
        )
    }
    return [scorecard_dict(c, versions[c.version_id]) for c in cards if c.version_id in versions]


def _name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > 120:
        raise InvalidInput("name must be a text of 1 to 120 characters.")
    return value.strip()


async def do_create_scorecard(
    db: AsyncSession, *, name: str, criteria: Any, acting_agent_id: int | None
) -> dict[str, Any]:
    at = now(db)
    card = Scorecard(name=_name(name), active=True, created_at=at, updated_at=at)
    db.add(card)
    await db.flush()
    version = ScorecardVersion(
        scorecard_id=card.id, version=1, criteria=clean_criteria(criteria),
        created_by=acting_agent_id, created_at=at,
    )  # fmt: skip
    db.add(version)
    await db.flush()
    card.version_id = version.id
    await db.flush()
    await record_audit(
        db, action="qa.scorecard_created", entity_type="qa_scorecard", entity_id=card.id,
        actor_agent_id=acting_agent_id, data={"name": card.name, "version": 1},
    )  # fmt: skip
    return scorecard_dict(card, version)


async def do_update_scorecard(
    db: AsyncSession, scorecard_id: int, changes: dict[str, Any], *, acting_agent_id: int
) -> dict[str, Any]:
    """Rename, switch on or off, or give new criteria (a new version)."""
    card, version = await get_scorecard(db, scorecard_id)
    at = now(db)
    changes = {k: v for k, v in changes.items() if v is not None}
    if "name" in changes:
        card.name = _name(changes["name"])
    if "active" in changes:
        if not isinstance(changes["active"], bool):
            raise InvalidInput("active must be true or false.")
        card.active = changes["active"]
    if "criteria" in changes:
        latest = await db.scalar(
            select(func.max(ScorecardVersion.version)).where(
                ScorecardVersion.scorecard_id == card.id
            )
        )
        version = ScorecardVersion(
            scorecard_id=card.id, version=(latest or 0) + 1,
            criteria=clean_criteria(changes["criteria"]), created_by=acting_agent_id,
            created_at=at,
        )  # fmt: skip
        db.add(version)
        await db.flush()
        card.version_id = version.id
    card.updated_at = at
    await db.flush()
    await record_audit(
        db, action="qa.scorecard_changed", entity_type="qa_scorecard", entity_id=card.id,
        actor_agent_id=acting_agent_id,
        data={"fields": sorted(changes), "version": version.version},
    )  # fmt: skip
    return scorecard_dict(card, version)


def rule_dict(rule: SamplingRule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": rule.name,
        "trigger": rule.trigger,
        "percent": rule.percent,
        "team_id": rule.team_id,
        "agent_id": rule.agent_id,
        "check": rule.check,
        "scorecard_id": rule.scorecard_id,
        "active": rule.active,
        "created_at": rule.created_at,
    }


async def list_rules(db: AsyncSession) -> list[dict[str, Any]]:
    return [rule_dict(r) for r in await db.scalars(select(SamplingRule).order_by(SamplingRule.id))]


async def _check_rule(db: AsyncSession, values: dict[str, Any]) -> None:
    trigger = values.get("trigger")
    if trigger not in TRIGGERS:
        raise InvalidInput(f"trigger must be one of {', '.join(TRIGGERS)}.")
    percent = values.get("percent")
    if trigger == "random":
        if percent is None or isinstance(percent, bool) or not 0 < percent <= 100:
            raise InvalidInput("A random rule needs percent, above 0 and at most 100.")
    elif percent is not None:
        raise InvalidInput("percent is for random rules only; the others take every match.")
    check = values.get("check")
    if check is not None and (trigger != "check_failed" or check not in set(Check)):
        raise InvalidInput(
            "check names one automatic check, for check_failed rules: "
            + ", ".join(c.value for c in Check) + "."
        )  # fmt: skip
    if values.get("team_id") is not None and await db.get(Team, values["team_id"]) is None:
        raise InvalidInput(f"team_id {values['team_id']} does not exist.")
    if values.get("agent_id") is not None and await db.get(Agent, values["agent_id"]) is None:
        raise InvalidInput(f"agent_id {values['agent_id']} does not exist.")
    if values.get("scorecard_id") is not None:
        await scorecard_given(db, values["scorecard_id"])


async def do_create_rule(
    db: AsyncSession, values: dict[str, Any], *, acting_agent_id: int | None
) -> dict[str, Any]:
    await _check_rule(db, values)
    rule = SamplingRule(
        name=_name(values.get("name") or values["trigger"]), trigger=values["trigger"],
        percent=values.get("percent"), team_id=values.get("team_id"),
        agent_id=values.get("agent_id"), check=values.get("check"),
        scorecard_id=values.get("scorecard_id"), active=values.get("active", True),
        created_at=now(db),
    )  # fmt: skip
    db.add(rule)
    await db.flush()
    await record_audit(
        db, action="qa.sampling_rule_created", entity_type="qa_sampling_rule",
        entity_id=rule.id, actor_agent_id=acting_agent_id,
        data={k: v for k, v in rule_dict(rule).items() if k != "created_at"},
    )  # fmt: skip
    return rule_dict(rule)


async def do_update_rule(
    db: AsyncSession, rule_id: int, changes: dict[str, Any], *, acting_agent_id: int
) -> dict[str, Any]:
    rule = await db.get(SamplingRule, rule_id)
    if rule is None:
        raise NotFound(f"Sampling rule {rule_id} does not exist.")
    # null clears what may be empty (percent, team, agent, check, scorecard); a null name or
    # active means "unchanged".
    changes = {k: v for k, v in changes.items() if v is not None or k not in ("name", "active")}
    values = rule_dict(rule) | changes
    await _check_rule(db, values)
    for name in ("trigger", "percent", "team_id", "agent_id", "check", "scorecard_id", "active"):
        setattr(rule, name, values[name])
    if "name" in changes:
        rule.name = _name(changes["name"])
    await db.flush()
    await record_audit(
        db, action="qa.sampling_rule_changed", entity_type="qa_sampling_rule", entity_id=rule.id,
        actor_agent_id=acting_agent_id, data={"fields": sorted(changes)},
    )  # fmt: skip
    return rule_dict(rule)


async def do_delete_rule(db: AsyncSession, rule_id: int, *, acting_agent_id: int) -> None:
    rule = await db.get(SamplingRule, rule_id)
    if rule is None:
        raise NotFound(f"Sampling rule {rule_id} does not exist.")
    await db.delete(rule)
    await db.flush()
    await record_audit(
        db, action="qa.sampling_rule_deleted", entity_type="qa_sampling_rule", entity_id=rule_id,
        actor_agent_id=acting_agent_id, data={"trigger": rule.trigger},
    )  # fmt: skip
