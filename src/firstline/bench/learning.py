"""Certificates and routing: `firstline bench learning`.

Routing reads an agent's `skills` column whatever gave them the skills: supervisors by hand,
or certificates (learning/ keeps the union on the agent when a certificate is issued or
lapses). This benchmark shows that the certificates cost routing nothing: the same desk,
`--agents` agents online in 20 teams holding ten skills each, opens conversations that need
a skill, once with the skills given by hand and no certificate anywhere, once with every
skill granted by certificates (ten per agent: 50,000 for 5,000 agents). Placement happens in
the request that opens the conversation, so its p95 is the request's.

Then, in this process, the lapse job over those certificates: a tenth of them expire at once
and the job lapses them (each taking the skill off its agent and letting routing react);
certificates lapsed per second.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import insert, update

from firstline.bench.client import run_load
from firstline.bench.server import Server, bootstrap, free_port, prepare_database

SKILLS = ("kyc", "futures", "p2p", "vip", "otc", "card", "nft", "earn", "margin", "recovery")
TEAMS = 20


async def _seed(url: str, agents: int, certified: bool) -> dict[str, int]:
    from firstline.agents.actions import do_create_team
    from firstline.agents.models import Agent, Line, TeamMembership
    from firstline.core.db import Database
    from firstline.learning.models import Certificate, Exam

    db = Database(url)
    at = datetime.now(UTC)
    try:
        async with db.transaction() as s:
            teams = []
            for n in range(TEAMS):
                team = await do_create_team(
                    s, name=f"Desk {n}", product=None, languages=["en"], line=Line.first,
                    acting_agent_id=None,
                )  # fmt: skip
                teams.append(team.id)
            exams: list[int] = []
            if certified:
                for skill in SKILLS:
                    exam = Exam(
                        title=f"{skill} certification", locale="en", description="",
                        pass_mark=80, time_limit_minutes=30, draw=10, attempts=3,
                        cooldown_minutes=60, topic_weights=None, grants_skills=[skill],
                        grants_languages=[], valid_days=365, archived=False,
                        created_at=at, updated_at=at,
                    )  # fmt: skip
                    s.add(exam)
                    await s.flush()
                    exams.append(exam.id)
        skills = list(SKILLS)
        for start in range(0, agents, 1000):
            async with db.transaction() as s:
                rows = [
                    {
                        "email": f"agent{n}@bench.test", "name": f"Agent {n}", "role": "agent",
                        "languages": ["en"], "manual_languages": ["en"], "granted_languages": [],
                        "presence": "online", "max_concurrent": 1_000_000, "is_active": True,
                        "created_at": at, "updated_at": at, "skills": skills,
                        "manual_skills": [] if certified else skills,
                        "granted_skills": skills if certified else [],
                        "is_manager": False, "routing_paused": False,
                    }
                    for n in range(start, min(agents, start + 1000))
                ]  # fmt: skip
                ids = list((await s.scalars(insert(Agent).returning(Agent.id), rows)).all())
                await s.execute(
                    insert(TeamMembership),
                    [{"agent_id": a, "team_id": teams[a % TEAMS]} for a in ids],
                )
                if certified:
                    await s.execute(
                        insert(Certificate),
                        [
                            {
                                "agent_id": a, "exam_id": exam_id, "skills": [skill],
                                "languages": [], "score": 90.0, "issued_at": at,
                                "expires_at": at + timedelta(days=365), "status": "valid",
                                "recheck_article_ids": [],
                                "ends_at": at + timedelta(days=365),
                                "notice_at": at + timedelta(days=351),
                            }
                            for a in ids
                            for exam_id, skill in zip(exams, SKILLS, strict=True)
                        ],
                    )  # fmt: skip
        return {"teams": len(teams), "agents": agents, "certificates": agents * len(exams)}
    finally:
        await db.dispose()


async def _lapse(url: str, share: float) -> dict[str, Any]:
    from firstline.core.db import Database
    from firstline.learning.jobs import lapse_certificates
    from firstline.learning.models import Certificate

    db = Database(url)
    try:
        past = datetime.now(UTC) - timedelta(minutes=1)
        step = max(1, round(1 / share))
        async with db.transaction() as s:
            due = len(
                (
                    await s.execute(
                        update(Certificate)
                        .where(Certificate.id % step == 0)
                        .values(ends_at=past)
                        .returning(Certificate.id)
                        .execution_options(synchronize_session=False)
                    )
                ).all()
            )
        started = time.perf_counter()
        lapsed = 0
        while True:
            done = await lapse_certificates(db)
            lapsed += done
            if not done:
                break
        seconds = time.perf_counter() - started
        return {"due": due, "lapsed": lapsed, "elapsed_s": round(seconds, 2),
                "throughput_per_s": round(lapsed / seconds, 1) if seconds else None}  # fmt: skip
    finally:
        await db.dispose()


async def _analyze(url: str) -> None:
    from sqlalchemy import text

    from firstline.core.db import Database

    db = Database(url)
    try:
        async with db.engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("ANALYZE"))
    finally:
        await db.dispose()


def _open(prefix: str) -> Callable[[int], tuple[str, str, bytes]]:
    def make(n: int) -> tuple[str, str, bytes]:
        body = {
            "customer": {"external_id": f"{prefix}-{n}", "locale": "en"},
            "channel": "chat",
            "product": "kyc",
            "message": {"body": "Why is my KYC level 2 review still pending?"},
        }
        return "POST", "/api/v1/conversations", orjson.dumps(body)

    return make


def learning(
    backend: str,
    work: Path,
    pg_url: str | None,
    *,
    agents: int,
    levels: list[int],
    requests: int,
    meta: dict[str, Any],
    profile_to: Callable[[str], Path | None],
    workers: int,
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for certified in (False, True):
        label = "certified" if certified else "by-hand"
        url = prepare_database(backend, work, pg_url, f"learning-{label}")
        token = bootstrap(url)
        started = time.perf_counter()
        seeded = asyncio.run(_seed(url, agents, certified))
        meta[f"learning_{backend}_{label}"] = (
            f"{seeded['agents']:,} agents, {seeded['certificates']:,} certificates; "
            f"seeded in {time.perf_counter() - started:.1f} s"
        )
        server = Server(
            url=url, port=free_port(), profile_to=profile_to(f"{backend}-{label}"),
            workers=workers,
        )  # fmt: skip
        server.start()
        try:
            rule = orjson.dumps(
                {"name": "KYC needs the skill", "product": "kyc", "team_id": 1,
                 "required_skill": "kyc"}
            )  # fmt: skip

            def make_rule(_: int, rule: bytes = rule) -> tuple[str, str, bytes]:
                return "POST", "/api/v1/routing/rules", rule

            made = asyncio.run(run_load(server.base, token, make_rule, concurrency=1, total=1))
            assert made.ok == 1, made.statuses
            asyncio.run(
                run_load(server.base, token, _open(f"warm-{label}"), concurrency=4, total=100)
            )
            if backend == "postgresql":
                # A live desk's statistics are kept by autovacuum; a database filled a minute
                # ago has none for its conversations, and the planner then counts an agent's
                # open conversations through the status index (every open one, per agent).
                asyncio.run(_analyze(url))
            for level in levels:
                outcome = asyncio.run(
                    run_load(
                        server.base, token, _open(f"{label}-{level}"),
                        concurrency=level, total=requests,
                    )
                )  # fmt: skip
                rows.append(
                    {
                        "scenario": "open a conversation needing a skill "
                        + ("(skills from certificates)" if certified else "(skills by hand)"),
                        "backend": backend, "size": seeded["certificates"],
                        "agents": agents, "concurrency": level, **outcome.summary(),
                    }
                )  # fmt: skip
        finally:
            server.stop()
        if certified:
            lapse = asyncio.run(_lapse(url, 0.1))
            rows.append(
                {"scenario": "lapse job (in process)", "backend": backend,
                 "size": seeded["certificates"], "ok": lapse["lapsed"],
                 "errors": lapse["due"] - lapse["lapsed"], **lapse}
            )  # fmt: skip
    return rows
