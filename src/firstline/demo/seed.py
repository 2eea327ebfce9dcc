"""Demo data: a small exchange's support floor, seeded through the same actions the API uses.

Teams per product line and language group, first-line teams per language group for chats that
name no product, a second line (deposit recovery, quality and training), agents with roles,
languages and capacities, customers writing in all supported languages, canned responses, and
three weeks of conversations: the past ones answered and resolved (a few late), today's share
still open, answered and within its SLA targets, and a few waiting. Recovery cases stand in
every state. Deterministic (a fixed random seed).

Running it again on a seeded database keeps the data and moves every timestamp forward by the
time passed since the seed (`refresh_demo`), so the floor looks current instead of a week stale.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from firstline import models
from firstline.agents.access import Actor
from firstline.agents.actions import (
    do_create_agent,
    do_create_api_token,
    do_create_team,
    do_save_canned_response,
    do_update_agent,
)
from firstline.agents.models import Agent, Line, Presence, Role, Team
from firstline.agents.permissions import permissions_of
from firstline.agents.queries import get_agent_by_email
from firstline.agents.twofactor import do_set_two_factor_unsafe
from firstline.audit.actions import record_audit
from firstline.audit.models import AuditEntry
from firstline.conversations.actions import (
    do_open_conversation,
    do_post_message,
    do_update_conversation,
)
from firstline.conversations.models import AuthorKind, Channel, Conversation, Priority, Status
from firstline.conversations.schemas import ConversationCreate, FirstMessage
from firstline.core.clock import FrozenClock, as_utc
from firstline.core.db import Database, UTCDateTime
from firstline.core.language import SUPPORTED_LANGUAGES, normalize_locale
from firstline.customers.schemas import CustomerIn
from firstline.demo.data import (
    AGENT_NAMES,
    CANNED_RESPONSES,
    CSAT_COMMENTS,
    CUSTOMER_NAMES,
    INTERNAL_NOTES,
    TOPICS,
)
from firstline.demo.kb import ARTICLES
from firstline.demo.learning import seed_learning
from firstline.demo.recovery import demo_matrix
from firstline.escalation.actions import Target, do_escalate_conversation, do_set_level
from firstline.knowledge.actions import do_save_article
from firstline.knowledge.schemas import ArticleIn
from firstline.mail.actions import do_create_mailbox
from firstline.mail.models import Mailbox
from firstline.quality.csat import do_rate_conversation
from firstline.quality.models import Review
from firstline.quality.reviews import do_acknowledge, do_dispute, do_review
from firstline.quality.scorecards import default_scorecard
from firstline.quality.summary import rebuild as rebuild_summary
from firstline.recovery.actions import do_answer_fee, do_open_case, do_replace_matrix
from firstline.recovery.actions import do_transition_case as move_case
from firstline.recovery.ledger import Person
from firstline.recovery.models import RecoveryCase, State
from firstline.recovery.rules import Cause, Claim, Diagnosis, FeePolicy
from firstline.recovery.rules import Path as RecoveryPath
from firstline.routing.actions.config import do_update_routing_settings
from firstline.sla.actions import do_create_policy

DEMO_PASSWORD = "firstline-demo"
ADMIN_EMAIL = "admin@firstline.demo"
# The demo admin's two-factor seed (base 32): public, like the demo's password.
DEMO_TOTP_SECRET = "FIRSTLINEDEMOADMINTWOFACTORSEEDX"
SUPERVISOR_EMAIL = "supervisor@firstline.demo"
SEEDED = "demo.seeded"
REFRESHED = "demo.refreshed"

PRODUCTS = {
    "spot": "Spot",
    "futures": "Futures",
    "p2p": "P2P",
    "deposits_withdrawals": "Deposits & Withdrawals",
    "account_security": "Account Security",
}
LANGUAGE_GROUPS = {
    "English": ["en"],
    "Asia-Pacific": ["zh-CN", "zh-TW", "ja", "ko", "vi", "id", "th"],
    "EMEA & LatAm": ["ru", "uk", "tr", "ar", "es", "pt", "fr", "de", "it"],
}
LOCALES = {
    "en": "en-US", "zh-CN": "zh-CN", "zh-TW": "zh-TW", "vi": "vi-VN", "id": "id-ID",
    "ru": "ru-RU", "es": "es-ES", "pt": "pt-BR", "fr": "fr-FR", "de": "de-DE", "tr": "tr-TR",
    "ar": "ar-AE", "ja": "ja-JP", "ko": "ko-KR", "th": "th-TH", "uk": "uk-UA", "it": "it-IT",
}  # fmt: skip
REGIONS = {
    "en": "GB", "zh-CN": "SG", "zh-TW": "TW", "vi": "VN", "id": "ID", "ru": "KZ", "es": "AR",
    "pt": "BR", "fr": "FR", "de": "DE", "tr": "TR", "ar": "AE", "ja": "JP", "ko": "KR",
    "th": "TH", "uk": "UA", "it": "IT",
}  # fmt: skip
# Rough shape of a global exchange's inbound mix.
LANGUAGE_WEIGHTS = {
    "en": 22, "zh-CN": 8, "zh-TW": 3, "vi": 8, "id": 6, "ru": 8, "es": 6, "pt": 6, "fr": 4,
    "de": 3, "tr": 7, "ar": 4, "ja": 2, "ko": 2, "th": 3, "uk": 3, "it": 2,
}  # fmt: skip

ESCALATION_REASONS = (
    "Customer reports a withdrawal they did not make",
    "Large deposit on an unsupported network; needs a recovery decision",
    "Customer threatens legal action over a liquidation",
    "Possible account takeover: new device and changed 2FA",
    "Refund above my approval limit",
)

CONVERSATIONS = 300
TODAY = 40  # the last hours' share, still being worked on
CUSTOMERS = 140
HISTORY_DAYS = 21
TODAY_HOURS = 5
REVIEWS = 40  # conversations the supervisor has reviewed
REVIEW_COMMENTS = (
    "Answer the question first, then the details.",
    "Say which network the deposit must use.",
    "Check the order id before promising a refund.",
)
CSAT_ANSWERED = 0.35  # share of resolved conversations whose customer rates them
LATE_FIRST_ANSWERS = 0.06  # share of chats answered after their one-minute target


@dataclass(frozen=True)
class SeedResult:
    summary: str
    password: str
    logins: list[tuple[str, str, str]]  # email, role, fresh API token


def _group_of(language: str) -> str:
    return next(name for name, langs in LANGUAGE_GROUPS.items() if language in langs)


async def _already_seeded(db: Database) -> bool:
    async with db.session() as session:
        return bool(await session.scalar(select(func.count()).select_from(Team)))


async def _fresh_tokens(db: Database, emails: list[str]) -> list[tuple[str, str, str]]:
    logins = []
    async with db.transaction() as session:
        for email in emails:
            agent = await get_agent_by_email(session, email)
            if agent is None:
                continue
            token = await do_create_api_token(
                session, agent, label="demo login", acting_agent_id=None
            )
            logins.append((email, agent.role, token))
    return logins


DEMO_MAILBOX = "support@demo.test"


async def ensure_demo_mailbox(db: Database) -> None:
    """The demo's support address (mail to it over the demo's SMTP listener opens e-mail
    conversations); added to a demo seeded before mail existed too."""
    async with db.transaction() as s:
        if await s.scalar(select(Mailbox.id).where(Mailbox.address == DEMO_MAILBOX)) is None:
            await do_create_mailbox(
                s,
                {
                    "address": DEMO_MAILBOX,
                    "name": "Firstline Demo Support",
                    "signatures": {
                        "en": "Firstline Demo Exchange - Customer Support",
                        "vi": "Sàn giao dịch Firstline Demo - Bộ phận hỗ trợ khách hàng",
                        "id": "Firstline Demo Exchange - Layanan Pelanggan",
                        "ar": "منصة Firstline التجريبية - خدمة العملاء",
                    },
                    "acknowledge": True,
                    "active": True,
                    "imap": None,
                },
                acting_agent_id=None,
            )


async def seed_demo(db: Database) -> SeedResult:
    login_emails = [ADMIN_EMAIL, SUPERVISOR_EMAIL, "agent1@firstline.demo"]
    if await _already_seeded(db):
        await ensure_demo_mailbox(db)
        moved = await refresh_demo(db)
        hours = moved.total_seconds() / 3600
        note = f", moved {hours:.1f} h forward to now" if moved else ""
        logins = await _fresh_tokens(db, login_emails)
        return SeedResult(f"existing demo data kept{note}", DEMO_PASSWORD, logins)

    rng = random.Random(2021)
    end = db.clock.now()
    clock = FrozenClock(end - timedelta(days=HISTORY_DAYS))
    seeding = Database(db.url, clock=clock, pool_size=2)
    # The history's e-mail conversations are played before the demo's mailbox exists, so that
    # a month of old replies is not mailed at start; the outbound mail's warning about each
    # is the seed's business, not the reader's.
    outbound = logging.getLogger("firstline.mail.outbound")
    level = outbound.level
    outbound.setLevel(logging.ERROR)
    try:
        summary = await _seed(seeding, rng, clock, end)
    finally:
        outbound.setLevel(level)
        await seeding.dispose()
    await ensure_demo_mailbox(db)
    return SeedResult(summary, DEMO_PASSWORD, await _fresh_tokens(db, login_emails))


# -- refreshing an old demo ----------------------------------------------------------------


async def refresh_demo(db: Database) -> timedelta:
    """Move every timestamp of a seeded demo forward by the time passed since it was seeded
    (or last refreshed), in one transaction, and return by how much.

    The seed instant is the latest `demo.seeded` / `demo.refreshed` audit entry; a demo seeded
    before those entries existed (it has the demo's admin) uses its latest message instead. A
    database the demo did not seed is never touched."""
    at = db.clock.now()
    async with db.transaction() as s:
        marks = select(func.max(AuditEntry.occurred_at)).where(
            AuditEntry.action.in_((SEEDED, REFRESHED))
        )
        seeded = await s.scalar(marks)
        if seeded is None and await get_agent_by_email(s, ADMIN_EMAIL) is not None:
            seeded = await s.scalar(select(func.max(models.Message.created_at)))
        if seeded is None:
            return timedelta(0)  # not a demo's database: its history is left alone
        delta = at - seeded
        if delta < timedelta(minutes=1):
            return timedelta(0)
        await shift_timestamps_unsafe(s, delta)
        # The quality report's summary is keyed by day: counted again on the moved rows.
        await rebuild_summary(s)
        await record_audit(
            s, action=REFRESHED, entity_type="demo", entity_id=0,
            data={"moved_seconds": int(delta.total_seconds())},
        )  # fmt: skip
    return delta


async def shift_timestamps_unsafe(s: AsyncSession, delta: timedelta) -> None:
    """Add `delta` to every timestamp column of every table (and to the queue's sort key,
    milliseconds since the epoch, and the times inside routing reasons). Unsafe on a real
    desk: it rewrites history wholesale; only the demo calls it."""
    for table in models.Base.metadata.sorted_tables:
        stamped = [c for c in table.columns if isinstance(c.type, UTCDateTime)]
        extra = [c for c in table.columns if c.name in ("queue_rank", "routing_reasons")]
        if not stamped:
            continue
        keys = list(table.primary_key.columns)
        rows = (await s.execute(select(*keys, *stamped, *extra))).all()
        if not rows:
            continue
        statement = (
            update(table)
            .where(*(k == bindparam(f"k_{k.name}") for k in keys))
            .values({c.name: bindparam(f"v_{c.name}") for c in stamped + extra})
        )
        params = []
        for row in rows:
            values = dict(zip([c.name for c in keys + stamped + extra], row, strict=True))
            p = {f"k_{k.name}": values[k.name] for k in keys}
            for c in stamped:
                p[f"v_{c.name}"] = values[c.name] + delta if values[c.name] else None
            if "queue_rank" in values:
                rank = values["queue_rank"]
                p["v_queue_rank"] = rank + int(delta.total_seconds() * 1000) if rank else rank
            if "routing_reasons" in values:
                p["v_routing_reasons"] = [_moved(r, delta) for r in values["routing_reasons"] or []]
            params.append(p)
        await s.execute(statement, params, execution_options={"synchronize_session": False})


def _moved(reason: dict[str, Any], delta: timedelta) -> dict[str, Any]:
    if not isinstance(reason, dict) or not isinstance(reason.get("at"), str):
        return reason
    try:
        return {**reason, "at": (datetime.fromisoformat(reason["at"]) + delta).isoformat()}
    except ValueError:
        return reason


# -- seeding -------------------------------------------------------------------------------


@dataclass
class Floor:
    teams: dict[tuple[str, str], Team]
    general: dict[str, Team]
    staff: dict[int, list[Agent]]  # team id -> members
    load: dict[int, int]  # agent id -> open conversations held
    compliance: Team


def _set_clock(clock: FrozenClock, at: datetime) -> None:
    clock.advance(seconds=(at - clock.now()).total_seconds())


async def _seed(db: Database, rng: random.Random, clock: FrozenClock, end: datetime) -> str:
    floor = await _seed_teams_and_agents(db, rng)
    customers, language_of = _customers(rng)
    # The past: arrivals spread over three weeks up to a few hours ago, all answered and
    # resolved; today's share arrives over the last hours and is still being worked on.
    start, today = clock.now(), end - timedelta(hours=TODAY_HOURS)
    span = (today - start).total_seconds()
    past = sorted(
        start + timedelta(seconds=rng.uniform(0, span)) for _ in range(CONVERSATIONS - TODAY)
    )
    recent = sorted(
        today + timedelta(seconds=rng.uniform(0, TODAY_HOURS * 3600 - 180)) for _ in range(TODAY)
    )
    for n, arrival in enumerate(past + recent):
        _set_clock(clock, arrival)
        customer = rng.choice(customers)
        await _play(db, rng, clock, floor, customer, language_of[customer.external_id],
                    live=n >= len(past), end=end)  # fmt: skip
    _set_clock(clock, end - timedelta(days=HISTORY_DAYS))
    async with db.transaction() as s:
        await do_replace_matrix(s, demo_matrix(), acting_agent_id=None)
    cases = await _seed_recovery(db, rng, clock, customers, end)
    reviews = await _seed_reviews(db, rng, clock, end)
    async with db.transaction() as s:
        for doc in ARTICLES:
            article = ArticleIn.model_validate(doc)
            await do_save_article(
                s, external_id=article.external_id, locale=article.locale,
                title=article.title_or_first_line(), body=article.body,
                category=article.category, status="published", acting_agent_id=None,
            )  # fmt: skip
        canned = 0
        for shortcut, replies in CANNED_RESPONSES.items():
            for language, (title, body) in replies.items():
                await do_save_canned_response(
                    s, None, shortcut=shortcut, language=language, title=title, body=body,
                    team_id=None, acting_agent_id=None,
                )  # fmt: skip
                canned += 1
        # Who is on shift now: most of the floor online, some away, the rest signed off.
        on_floor = sorted({a.id for team in floor.staff.values() for a in team})
        for agent_id in on_floor:
            presence = rng.choices(list(Presence), [65, 15, 20])[0]
            agent = await s.get(Agent, agent_id)
            if agent is not None and presence != Presence.offline:
                await do_update_agent(s, agent, {"presence": presence}, acting_agent_id=None)
    trained = await seed_learning(db, rng, clock, end, SUPERVISOR_EMAIL)
    async with db.transaction() as s:
        _set_clock(clock, end)
        await record_audit(s, action=SEEDED, entity_type="demo", entity_id=0)
    langs_used = len({c.locale for c in customers})
    teams = len(floor.teams) + len(floor.general) + 3
    return (
        f"{teams} teams, {len(AGENT_NAMES) + 2} agents, {CUSTOMERS} customers "
        f"in {langs_used} of {len(SUPPORTED_LANGUAGES)} languages, {CONVERSATIONS} conversations, "
        f"{len(ARTICLES)} help-center articles, {canned} canned responses, {cases} recovery "
        f"cases, a recovery support matrix, {reviews} quality reviews, {trained}"
    )


async def _seed_reviews(db: Database, rng: random.Random, clock: FrozenClock, end: datetime) -> int:
    """The supervisor has scored a sample of the past weeks' conversations against the
    default scorecard (most of them well, a few not); one agent has acknowledged a review and
    another disputed one, so the Quality page and its report show something on first start."""
    async with db.session() as s:
        supervisor = await get_agent_by_email(s, SUPERVISOR_EMAIL)
        assert supervisor is not None
        done = set(await s.scalars(select(Review.conversation_id)))
        rows = (
            await s.execute(
                select(Conversation.id, Conversation.assignee_id, Conversation.resolved_at)
                .where(
                    Conversation.status.in_((Status.resolved, Status.closed)),
                    Conversation.assignee_id.is_not(None),
                    Conversation.assignee_id != supervisor.id,
                    Conversation.resolved_at < end - timedelta(hours=TODAY_HOURS),
                )
                .order_by(Conversation.id)
            )
        ).all()
        criteria = (await default_scorecard(s) or (None, None))[1]
    if criteria is None:
        return 0
    reviewer = Actor(
        agent_id=supervisor.id, email=supervisor.email, name=supervisor.name,
        role=supervisor.role, team_ids=frozenset(),
        permissions=permissions_of(supervisor.role, None),
    )  # fmt: skip
    sample = [r for r in rows if r.id not in done]
    sample = rng.sample(sample, min(REVIEWS, len(sample)))
    written: list[tuple[int, int]] = []
    for row in sorted(sample, key=lambda r: r.resolved_at):
        _set_clock(clock, as_utc(row.resolved_at) + timedelta(hours=rng.uniform(2, 30)))
        if clock.now() >= end:
            continue
        good = rng.random() < 0.85
        answers: dict[str, Any] = {}
        for c in criteria.criteria:
            if c["allow_na"] and rng.random() < 0.6:
                answers[c["key"]] = None
            elif c["scale"] == "1-5":
                answers[c["key"]] = rng.choice((4, 5, 5)) if good else rng.choice((2, 3))
            else:
                answers[c["key"]] = good or c["critical"] or rng.random() < 0.5
        async with db.transaction() as s:
            review = await do_review(
                s, reviewer, conversation_id=row.id, answers=answers,
                comment="" if good else rng.choice(REVIEW_COMMENTS),
            )  # fmt: skip
        written.append((review["id"], row.assignee_id))
    for n, (review_id, agent_id) in enumerate(written[:2]):
        async with db.transaction() as s:
            agent = await s.get(Agent, agent_id)
            assert agent is not None
            person = Actor(
                agent_id=agent.id, email=agent.email, name=agent.name, role=agent.role,
                team_ids=frozenset(), permissions=permissions_of(agent.role, None),
            )  # fmt: skip
            if n == 0:
                await do_acknowledge(s, person, review_id)
            else:
                await do_dispute(
                    s, person, review_id,
                    "The customer asked for the fee in USDT, which is what I gave.",
                )  # fmt: skip
    return len(written)


async def _seed_teams_and_agents(db: Database, rng: random.Random) -> Floor:
    async with db.transaction() as s:
        teams: dict[tuple[str, str], Team] = {}
        for product, product_name in PRODUCTS.items():
            for group, langs in LANGUAGE_GROUPS.items():
                teams[(product, group)] = await do_create_team(
                    s, name=f"{product_name} · {group}", product=product, languages=langs,
                    line=Line.first, acting_agent_id=None,
                )  # fmt: skip
        # Chats that name no product (the /chat page, e-mail) go to the first line of their
        # language group.
        general = {
            group: await do_create_team(
                s,
                name=f"First line · {group}",
                product=None,
                languages=langs,
                line=Line.first,
                acting_agent_id=None,
            )
            for group, langs in LANGUAGE_GROUPS.items()
        }
        # Whatever no rule, product or language fits still reaches people.
        await do_update_routing_settings(
            s, {"default_team_id": general["English"].id}, acting_agent_id=None
        )
        second: dict[str, Team] = {}
        second_line: list[tuple[str, str | None]] = [
            ("Deposit Recovery", "deposits_withdrawals"),
            ("Quality & Training", None),
            ("Compliance & Security", None),
        ]
        for name, serves in second_line:
            second[name] = await do_create_team(
                s, name=name, product=serves, languages=["en"], line=Line.second,
                acting_agent_id=None,
            )  # fmt: skip
        # The top VIP tiers get an answer twice as fast on chat.
        for tier in ("vip6", "vip9"):
            await do_create_policy(
                s,
                {"name": f"{tier.upper()} chat", "channel": "chat", "tier": tier,
                 "first_response_seconds": 30, "next_response_seconds": 60,
                 "resolution_seconds": 8 * 3600, "position": 10},
                acting_agent_id=None,
            )  # fmt: skip
        ada = await do_create_agent(
            s, email=ADMIN_EMAIL, name="Ada Admin", role=Role.admin, languages=["en"],
            team_ids=[], password=DEMO_PASSWORD, acting_agent_id=None,
        )  # fmt: skip
        # Admins sign in with two-factor: the demo's uses a seed everyone knows (printed).
        await do_set_two_factor_unsafe(s, ada.id, DEMO_TOTP_SECRET)
        sam = await do_create_agent(
            s, email=SUPERVISOR_EMAIL, name="Sam Supervisor", role=Role.supervisor,
            languages=["en", "vi"], team_ids=[*[t.id for t in teams.values()][:6],
                                              second["Quality & Training"].id],
            password=DEMO_PASSWORD, acting_agent_id=None,
        )  # fmt: skip
        # The second line of the ladder is Sam, by name; the other levels keep their roles.
        await do_set_level(
            s, 2, name="Second line (shift supervisor)", role=Role.supervisor.value,
            agent_ids=[sam.id], ack_minutes=15, acting_agent_id=None,
        )  # fmt: skip
        staff: dict[int, list[Agent]] = {t.id: [] for t in [*teams.values(), *general.values()]}
        for n, (name, langs) in enumerate(AGENT_NAMES, start=1):
            groups = sorted({_group_of(lang) for lang in langs})
            products = list(PRODUCTS)
            rng.shuffle(products)
            member_of = [teams[(p, g)] for g in groups for p in products[:2]]
            member_of += [general[g] for g in groups]
            extra = [second["Deposit Recovery"].id] if n % 8 == 0 else []
            extra += [second["Compliance & Security"].id] if n % 11 == 0 else []
            agent = await do_create_agent(
                s, email=f"agent{n}@firstline.demo", name=name, role=Role.agent,
                languages=langs, team_ids=[t.id for t in member_of] + extra,
                max_concurrent=rng.choice([3, 4, 5, 6]), password=DEMO_PASSWORD,
                acting_agent_id=None,
            )  # fmt: skip
            for t in member_of:
                staff[t.id].append(agent)
    return Floor(teams, general, staff, {}, second["Compliance & Security"])


def _customers(rng: random.Random) -> tuple[list[CustomerIn], dict[str, str]]:
    languages = list(LANGUAGE_WEIGHTS)
    weights = [LANGUAGE_WEIGHTS[lang] for lang in languages]
    customers = []
    language_of: dict[str, str] = {}
    for n in range(1, CUSTOMERS + 1):
        lang = rng.choices(languages, weights)[0]
        language_of[f"demo-{n:05d}"] = lang
        tier = rng.choices(["regular", "vip1", "vip3", "vip6", "vip9"], [80, 9, 6, 3, 2])[0]
        customers.append(
            CustomerIn(
                external_id=f"demo-{n:05d}",
                name=rng.choice(CUSTOMER_NAMES[lang]),
                email=f"customer{n}@example.com",
                locale=LOCALES[lang],
                tier=tier,
                region=REGIONS[lang],
            )
        )
    return customers, language_of


async def _play(
    db: Database,
    rng: random.Random,
    clock: FrozenClock,
    floor: Floor,
    customer: CustomerIn,
    lang: str,
    *,
    live: bool,
    end: datetime,
) -> None:
    """One conversation from its first message on. A past one ends resolved or closed; a
    live one (today's) ends where a working floor has it: waiting for an agent (e-mail and web
    form, whose first answer is due in hours), or answered and open, pending or on hold, held
    by an agent with room for it."""

    def wait(seconds: float) -> None:
        # Nothing happens after the seed's end: the floor is seen as of that instant.
        clock.advance(seconds=max(0.0, min(seconds, (end - clock.now()).total_seconds() - 30)))

    slug = rng.choice(list(TOPICS))
    topic = TOPICS[slug]
    channel = rng.choices(list(Channel), [70, 15, 10, 5])[0]
    # Some of today's chats come from the /chat page, which names no product: routing
    # sends them to the first line of their language.
    product = None if live and rng.random() < 0.15 else topic["product"]
    team = floor.teams[(topic["product"], _group_of(lang))] if product else None
    waits = (
        live and channel != Channel.chat and clock.now() > end - timedelta(hours=3)
        and rng.random() < 0.6
    )  # fmt: skip
    async with db.transaction() as s:
        opened = await do_open_conversation(
            s,
            ConversationCreate(
                customer=customer, channel=channel,
                message=FirstMessage(body=topic["opening"][lang]),
                subject=topic["subject"][lang], product=product,
                priority=Priority(topic["priority"]), team_id=team.id if team else None,
            ),
            acting_agent_id=None,
        )  # fmt: skip
        if waits:
            return  # in the team's queue; its first answer is not due for hours
        conversation = await s.get(Conversation, opened.conversation.id)
        assert conversation is not None
        members = floor.staff.get(conversation.team_id or 0, [])
        speakers = [a for a in members if lang in a.languages] or members
        if live:
            # Nobody holds more open conversations than their capacity.
            speakers = [a for a in speakers if floor.load.get(a.id, 0) < a.max_concurrent]
        if not speakers:
            return
        agent = rng.choice(speakers)
        late = channel == Channel.chat and rng.random() < LATE_FIRST_ANSWERS
        if channel == Channel.chat:
            wait(rng.uniform(90, 300) if late else rng.uniform(5, 20))
        else:
            wait(rng.uniform(600, 3 * 3600))
        await do_update_conversation(s, conversation, {"assignee_id": agent.id},
                                     acting_agent_id=None)  # fmt: skip
        wait(rng.uniform(5, 25))
        words = (opened.customer.name or "").split(" ")
        # Vietnamese names put the given name last; it is the one used to address people.
        first_name = words[-1] if lang == "vi" else words[0]
        reply = topic["agent_reply"][lang].replace("{name}", first_name)
        await do_post_message(s, conversation, body=reply, author_kind=AuthorKind.agent,
                              author_agent_id=agent.id)  # fmt: skip
        if rng.random() < 0.4:
            await do_post_message(
                s, conversation, body=rng.choice(INTERNAL_NOTES[slug]),
                author_kind=AuthorKind.agent, internal=True, author_agent_id=agent.id,
            )  # fmt: skip
        if live:
            final = rng.choices([Status.open, Status.pending, Status.on_hold, Status.resolved],
                                [55, 20, 5, 20])[0]  # fmt: skip
            if final == Status.open:
                floor.load[agent.id] = floor.load.get(agent.id, 0) + 1
                if rng.random() < 0.12:
                    target = (
                        Target(level=2)
                        if rng.random() < 0.7
                        else Target(team_id=floor.compliance.id)
                    )
                    await do_escalate_conversation(
                        s, conversation, target=target,
                        reason=rng.choice(ESCALATION_REASONS), acting_agent_id=agent.id,
                    )  # fmt: skip
                return
        else:
            if rng.random() < 0.5:
                # The customer thanks or asks once more; the agent wraps up.
                wait(rng.uniform(30, 300))
                await do_post_message(s, conversation, body=topic["follow_up"][lang],
                                      author_kind=AuthorKind.customer)  # fmt: skip
            final = rng.choices([Status.resolved, Status.closed], [70, 30])[0]
        wait(rng.uniform(40, 100) if live else rng.uniform(60, 1800))
        await do_update_conversation(s, conversation, {"status": final},
                                     acting_agent_id=agent.id)  # fmt: skip
        if final == Status.resolved and rng.random() < CSAT_ANSWERED:
            # About a third of customers answer the rating question, most of them happy.
            wait(rng.uniform(20, 600))
            score = rng.choices((5, 4, 3, 2, 1), (50, 27, 10, 7, 6))[0]
            happy, unhappy = CSAT_COMMENTS[lang]
            comment = rng.choice(happy if score >= 4 else unhappy) if rng.random() < 0.4 else None
            await do_rate_conversation(
                s, conversation.id, score=score, comment=comment, via="chat"
                if channel == Channel.chat else "link",
            )  # fmt: skip


# Made-up transactions (not the recorded ones of docs/recovery.md, which visitors try).
_CASES: list[tuple[str, str, str, str, str, Cause, RecoveryPath, str]] = [
    # claimed network, token, amount, found network, found token, cause, path, end state
    ("ETH", "USDT", "800", "BSC", "USDT", Cause.wrong_network, RecoveryPath.direct, "awaiting"),
    ("XRP", "XRP", "1500", "XRP", "XRP", Cause.missing_memo, RecoveryPath.direct, "awaiting"),
    ("BSC", "PEPE", "2000000", "BSC", "PEPE", Cause.unlisted_token, RecoveryPath.conditional,
     "diagnosing"),
    ("ETH", "ETH", "0.0004", "ETH", "ETH", Cause.below_minimum, RecoveryPath.conditional,
     "diagnosing"),
    ("TRON", "USDT", "2500", "TRON", "USDT", Cause.unchecked, RecoveryPath.direct, "submitted"),
    ("BSC", "BNB", "3.2", "ETH", "BNB", Cause.wrong_network, RecoveryPath.direct, "approved"),
    ("XLM", "XLM", "9000", "XLM", "XLM", Cause.missing_memo, RecoveryPath.direct, "recovering"),
    ("ETH", "USDT", "1200", "POLYGON", "USDT", Cause.wrong_network, RecoveryPath.direct,
     "credited"),
    ("TON", "TON", "400", "TON", "TON", Cause.wrong_memo, RecoveryPath.direct, "credited"),
    ("ETH", "USDC", "300", "ETH", "USDC", Cause.not_own_address, RecoveryPath.direct,
     "rejected"),
    ("BSC", "USDT", "90", "ETH", "USDT", Cause.wrong_network, RecoveryPath.direct, "declined"),
]  # fmt: skip
_PRICE = {"USDT": 1, "USDC": 1, "XRP": 2, "BNB": 600, "ETH": 3000, "XLM": 0.3, "TON": 5}


async def _seed_recovery(
    db: Database, rng: random.Random, clock: FrozenClock, customers: list[CustomerIn],
    end: datetime,
) -> int:  # fmt: skip
    """Cases filed on the help-center form, in every state, through the desk's own actions:
    opened with their diagnosis, the fee answered, moved by the recovery team."""
    fees = FeePolicy()
    for n, (net, token, amount, found_net, found_token, cause, path, goal) in enumerate(_CASES):
        customer = customers[(n * 7) % len(customers)]
        # Open cases arrived in the last hours (within their targets); closed ones days ago.
        if goal in ("credited", "rejected", "declined"):
            hours_ago = rng.uniform(3 * 24, 12 * 24)
        elif goal in ("awaiting", "submitted"):
            hours_ago = rng.uniform(0.5, 2.5)
        else:
            hours_ago = rng.uniform(8, 16)
        _set_clock(clock, end - timedelta(hours=hours_ago))
        value = Decimal(amount) * Decimal(str(_PRICE.get(found_token, 0))) or None
        eligible = None if cause == Cause.unchecked else cause != Cause.not_own_address
        diagnosis = Diagnosis(
            cause=cause, eligible=eligible, path=path if eligible else None, network=found_net,
            token=found_token, amount=Decimal(amount), value=value,
            fee=fees.fee(value) if eligible else None,
            notes=[f"Demo case: {cause.value.replace('_', ' ')} ({found_net})."],
        )  # fmt: skip
        evm = net in ("ETH", "BSC", "POLYGON")
        claim = Claim(
            network=net, token=token,
            tx_hash=f"0x{rng.getrandbits(256):064x}" if evm else f"{rng.getrandbits(256):064X}",
            amount=Decimal(amount), address=_ADDRESSES.get(net, _ADDRESSES["ETH"]), memo=None,
            applicant=Person(customer.external_id, customer.email),
        )  # fmt: skip
        async with db.transaction() as s:
            case, _ = await do_open_case(
                s, claim, diagnosis, source="help_center",
                language=normalize_locale(customer.locale or "en") or "en", acting_agent_id=None,
            )  # fmt: skip
            await _advance_case(s, rng, clock, case, goal)
    return len(_CASES)


_ADDRESSES = {
    "ETH": "0x8ba1f109551bd432803012645ac136ddd64dba72",
    "XRP": "rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh",
    "XLM": "GA5XIGA5C7QTPTWXQHY6MCJRMTRZDOSHR6EFIBNDQTCQHG262N4GGKTM",
    "TON": "EQCD39VS5jcptHL8vMjEXrzGaRcCVYto7HUn4bpAOg8xqB2N",
    "TRON": "TJRabPrwbZy45sbavfcjinPJC9kVPxBDVa",
}


async def _advance_case(
    s: AsyncSession, rng: random.Random, clock: FrozenClock, case: RecoveryCase, goal: str
) -> None:
    """Take a freshly diagnosed case to `goal`: the customer answers the fee, then the
    recovery team moves it on."""
    if goal in ("awaiting", "submitted", "rejected"):
        return
    clock.advance(seconds=rng.uniform(1800, 3 * 3600))
    await do_answer_fee(s, case, goal != "declined")
    if goal in ("declined", "diagnosing", "approved"):
        return
    for to in (State.recovering, State.credited):
        clock.advance(seconds=rng.uniform(1800, 3 * 3600))
        await move_case(s, case, to, acting_agent_id=None)
        if goal == "recovering":
            return
