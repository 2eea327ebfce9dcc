"""Demo data: a small exchange's support floor, seeded through the same actions the API uses.

Teams per product line and language group, a second line (deposit recovery, quality and
training), agents with roles and languages, customers writing in all supported languages and a
few hundred conversations in every state. Deterministic (a fixed random seed), and safe to run
again: an already seeded database only gets fresh tokens for the demo logins.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from firstline.agents.actions import (
    do_create_agent,
    do_create_api_token,
    do_create_team,
    do_update_agent,
)
from firstline.agents.models import Agent, Line, Role, Team
from firstline.agents.queries import get_agent_by_email
from firstline.conversations.actions import (
    do_open_conversation,
    do_post_message,
    do_update_conversation,
)
from firstline.conversations.models import AuthorKind, Channel, Conversation, Priority, Status
from firstline.conversations.schemas import ConversationCreate, FirstMessage
from firstline.core.clock import FrozenClock, SystemClock
from firstline.core.db import Database
from firstline.core.language import SUPPORTED_LANGUAGES
from firstline.customers.schemas import CustomerIn
from firstline.demo_data import AGENT_NAMES, CUSTOMER_NAMES, INTERNAL_NOTES, TOPICS
from firstline.demo_kb import ARTICLES
from firstline.escalation.actions import Target, do_escalate_conversation
from firstline.knowledge.actions import do_save_article
from firstline.knowledge.schemas import ArticleIn
from firstline.recovery.actions import do_replace_matrix
from firstline.recovery.demo import demo_matrix
from firstline.sla.actions import do_create_policy

DEMO_PASSWORD = "firstline-demo"
ADMIN_EMAIL = "admin@firstline.demo"
SUPERVISOR_EMAIL = "supervisor@firstline.demo"

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
CUSTOMERS = 140


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


async def seed_demo(db: Database) -> SeedResult:
    login_emails = [ADMIN_EMAIL, SUPERVISOR_EMAIL, "agent1@firstline.demo"]
    if await _already_seeded(db):
        logins = await _fresh_tokens(db, login_emails)
        return SeedResult("existing demo data kept", DEMO_PASSWORD, logins)

    rng = random.Random(2021)
    # Fourteen days of arrivals plus the replies and resolutions that follow them (about six
    # days more in all): start three weeks back so that nothing lands in the future.
    clock = FrozenClock(SystemClock().now() - timedelta(days=21))
    seeding = Database(db.url, clock=clock, pool_size=2)
    try:
        summary = await _seed(seeding, rng, clock)
    finally:
        await seeding.dispose()
    return SeedResult(summary, DEMO_PASSWORD, await _fresh_tokens(db, login_emails))


async def _seed(db: Database, rng: random.Random, clock: FrozenClock) -> str:
    teams: dict[tuple[str, str], Team] = {}
    async with db.transaction() as s:
        for product, product_name in PRODUCTS.items():
            for group, langs in LANGUAGE_GROUPS.items():
                teams[(product, group)] = await do_create_team(
                    s,
                    name=f"{product_name} · {group}",
                    product=product,
                    languages=langs,
                    line=Line.first,
                    acting_agent_id=None,
                )
        recovery = await do_create_team(
            s,
            name="Deposit Recovery",
            product="deposits_withdrawals",
            languages=["en"],
            line=Line.second,
            acting_agent_id=None,
        )
        quality = await do_create_team(
            s,
            name="Quality & Training",
            product=None,
            languages=["en"],
            line=Line.second,
            acting_agent_id=None,
        )
        compliance = await do_create_team(
            s,
            name="Compliance & Security",
            product=None,
            languages=["en"],
            line=Line.second,
            acting_agent_id=None,
        )
        # The top VIP tiers get an answer twice as fast on chat.
        for tier in ("vip6", "vip9"):
            await do_create_policy(
                s,
                {"name": f"{tier.upper()} chat", "channel": "chat", "tier": tier,
                 "first_response_seconds": 30, "next_response_seconds": 60,
                 "resolution_seconds": 8 * 3600, "position": 10},
                acting_agent_id=None,
            )  # fmt: skip

        await do_create_agent(
            s,
            email=ADMIN_EMAIL,
            name="Ada Admin",
            role=Role.admin,
            languages=["en"],
            team_ids=[],
            password=DEMO_PASSWORD,
            acting_agent_id=None,
        )
        await do_create_agent(
            s,
            email=SUPERVISOR_EMAIL,
            name="Sam Supervisor",
            role=Role.supervisor,
            languages=["en", "vi"],
            team_ids=[*[t.id for t in teams.values()][:6], quality.id],
            password=DEMO_PASSWORD,
            acting_agent_id=None,
        )
        agents_by_team: dict[int, list[Agent]] = {t.id: [] for t in teams.values()}
        for n, (name, langs) in enumerate(AGENT_NAMES, start=1):
            groups = {_group_of(lang) for lang in langs}
            products = list(PRODUCTS)
            rng.shuffle(products)
            member_of = [teams[(p, g)] for g in sorted(groups) for p in products[:2]]
            extra = [recovery.id] if n % 8 == 0 else []
            extra += [compliance.id] if n % 11 == 0 else []
            agent = await do_create_agent(
                s,
                email=f"agent{n}@firstline.demo",
                name=name,
                role=Role.agent,
                languages=langs,
                team_ids=[t.id for t in member_of] + extra,
                max_concurrent=rng.choice([3, 4, 5, 6]),
                password=DEMO_PASSWORD,
                acting_agent_id=None,
            )
            for t in member_of:
                agents_by_team[t.id].append(agent)
            if n % 3 == 0:
                presence = rng.choice(["online", "away"])
                await do_update_agent(s, agent, {"presence": presence}, acting_agent_id=None)

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

    topics = list(TOPICS)
    step = timedelta(days=14) / CONVERSATIONS
    for _ in range(CONVERSATIONS):
        clock.advance(seconds=step.total_seconds() * rng.uniform(0.5, 1.5))
        customer = rng.choice(customers)
        lang = language_of[customer.external_id]
        topic = TOPICS[rng.choice(topics)]
        team = teams[(topic["product"], _group_of(lang))]
        async with db.transaction() as s:
            opened = await do_open_conversation(
                s,
                ConversationCreate(
                    customer=customer,
                    channel=rng.choices(list(Channel), [70, 15, 10, 5])[0],
                    message=FirstMessage(body=topic["opening"][lang]),
                    subject=topic["subject"][lang],
                    product=topic["product"],
                    priority=Priority(topic["priority"]),
                    team_id=team.id,
                ),
                acting_agent_id=None,
            )
            conversation = await s.get(Conversation, opened.conversation.id)
            assert conversation is not None
            staff = agents_by_team.get(team.id) or []
            fate = rng.random()
            if fate < 0.25 or not staff:
                continue  # still waiting in the team's queue
            speakers = [a for a in staff if lang in a.languages] or staff
            agent = rng.choice(speakers)
            clock.advance(seconds=rng.uniform(20, 240))
            await do_update_conversation(
                s, conversation, {"assignee_id": agent.id}, acting_agent_id=None
            )
            if fate < 0.35:
                continue  # assigned, not yet answered
            clock.advance(seconds=rng.uniform(15, 120))
            words = (opened.customer.name or "").split(" ")
            # Vietnamese names put the given name last; it is the one used to address people.
            first_name = words[-1] if lang == "vi" else words[0]
            await do_post_message(
                s,
                conversation,
                body=topic["agent_reply"][lang].replace("{name}", first_name),
                author_kind=AuthorKind.agent,
                author_agent_id=agent.id,
            )
            if rng.random() < 0.4:
                await do_post_message(
                    s,
                    conversation,
                    body=rng.choice(INTERNAL_NOTES),
                    author_kind=AuthorKind.agent,
                    internal=True,
                    author_agent_id=agent.id,
                )
            if rng.random() < 0.6:
                clock.advance(seconds=rng.uniform(30, 600))
                await do_post_message(
                    s, conversation, body=topic["follow_up"][lang], author_kind=AuthorKind.customer
                )
            final = rng.choices(
                [Status.open, Status.pending, Status.on_hold, Status.resolved, Status.closed],
                [30, 15, 5, 35, 15],
            )[0]
            if final == Status.open and rng.random() < 0.08:
                # Some cases go up the ladder, or across to compliance.
                target = Target(level=2) if rng.random() < 0.7 else Target(team_id=compliance.id)
                await do_escalate_conversation(
                    s, conversation, target=target,
                    reason=rng.choice(ESCALATION_REASONS), acting_agent_id=agent.id,
                )  # fmt: skip
            if final != Status.open:
                clock.advance(seconds=rng.uniform(60, 3600))
                await do_update_conversation(
                    s, conversation, {"status": final}, acting_agent_id=agent.id
                )
    async with db.transaction() as s:
        for doc in ARTICLES:
            article = ArticleIn.model_validate(doc)
            await do_save_article(
                s, external_id=article.external_id, locale=article.locale,
                title=article.title_or_first_line(), body=article.body,
                category=article.category, status="published", acting_agent_id=None,
            )  # fmt: skip
    async with db.transaction() as s:
        await do_replace_matrix(s, demo_matrix(), acting_agent_id=None)
    langs_used = len({c.locale for c in customers})
    return (
        f"{len(teams) + 3} teams, {len(AGENT_NAMES) + 2} agents, {CUSTOMERS} customers "
        f"in {langs_used} of {len(SUPPORTED_LANGUAGES)} languages, {CONVERSATIONS} conversations, "
        f"{len(ARTICLES)} help-center articles, a recovery support matrix"
    )
