"""Routing as pure functions: which team, how urgent, which agent.

Nothing here touches the database, so every decision can be tested and explained on its own;
routing/actions.py feeds it rows and writes what it decides.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# How much earlier than its SLA due time a conversation is served, in seconds, for each reason
# to hurry. Money at risk goes first: a customer being scammed right now cannot wait behind a
# question about fees.
BOOST_FUNDS_AT_RISK = 900
BOOST_VIP = 300
BOOST_NEGATIVE = 120
BOOST_PRIORITY = {"urgent": 600, "high": 180, "normal": 0, "low": -300}
TOP_PRIORITY = "urgent"

# Words that say money is at risk, in the supported languages. Lower-case; matched as
# substrings of the lower-cased text, so stems catch their inflections. A keyword list is crude,
# but it is predictable and explainable, and the console shows which word raised the priority.
# Two kinds: someone else is in the account or took the money (a hacked account, a scam, a
# transfer the customer did not make), which the security team handles, and money that did not
# arrive, which the team of the product handles; both are served first.
_ACCOUNT_AT_RISK = (
    "hacked", "hacker", "stolen", "scam", "fraud", "phishing", "unauthori", "someone changed",
    "account takeover", "i didn't make", "i did not make", "without my permission",
    "bị hack", "lừa đảo", "bi hack", "lua dao", "mất tài khoản",
    "diretas", "peretas", "penipuan", "dibobol",
    "被盗", "被骗", "诈骗", "盗号", "被盜", "被騙", "詐騙", "盜號",
    "взлом", "украл", "мошен",
    "hackead", "robad", "estafa", "fraude", "roubad", "golpe",
    "piraté", "volé", "arnaque", "escroquer", "gehackt", "gestohlen", "betrug",
    "hacklendi", "çalındı", "dolandırıcı", "اختراق", "سرق", "احتيال", "نصب",
    "ハッキング", "盗まれ", "詐欺", "乗っ取", "해킹", "도난", "사기",
    "ถูกแฮก", "โดนโกง", "หลอกลวง", "зламали", "вкрали", "шахрай", "rubat", "truffa",
)  # fmt: skip
_MONEY_MISSING = (
    "not arrived", "didn't arrive", "did not arrive", "missing deposit", "lost my funds",
    "lost my money", "lost my coins", "lost my crypto", "wrong network",
    "mất tiền", "chưa nhận được", "chưa về", "không nhận được",
    "belum masuk", "tidak masuk", "hilang",
    "未到账", "没到账", "未到帳",
    "не пришел", "не пришёл", "не зачисл", "no ha llegado", "no llegó",
    "não chegou", "nao chegou", "pas arrivé", "nicht angekommen", "ulaşmadı", "gelmedi",
    "لم يصل", "届いていない", "反映されない", "입금이 안", "도착하지",
    "ยังไม่เข้า", "ไม่เข้า", "не надійш", "non è arrivato", "non arrivato",
)  # fmt: skip
_FUNDS_AT_RISK = _ACCOUNT_AT_RISK + _MONEY_MISSING
# Tags that say the same, set by an integration or by the bot when it hands over.
ACCOUNT_AT_RISK_TAGS = frozenset({"scam", "hacked", "account-takeover"})
FUNDS_AT_RISK_TAGS = ACCOUNT_AT_RISK_TAGS | {"lost-deposit", "funds-at-risk"}
# The product of the team that takes hacked accounts and scams when no security team is set
# (PATCH /api/v1/routing/settings).
SECURITY_PRODUCTS = ("account_security", "security")
_NEGATIVE = (
    "angry", "furious", "terrible", "worst", "useless", "unacceptable", "ridiculous",
    "disgusting", "lawyer", "sue you", "!!!",
    "tức giận", "tệ hại", "quá tệ", "vô dụng", "kinh khủng",
    "kecewa", "marah", "parah", "buruk sekali",
    "垃圾", "太差", "愤怒", "憤怒", "气死", "氣死",
    "ужасн", "отвратит", "бесполезн", "безобраз",
    "terrible", "pésimo", "inaceptable", "horrível", "péssimo", "inaceitável",
    "inadmissible", "scandaleux", "nul ", "unverschämt", "schrecklich", "katastrophal",
    "berbat", "rezalet", "saçma", "سيء", "فظيع", "غاضب",
    "最悪", "ひどい", "怒", "최악", "화가", "짜증",
    "แย่มาก", "โกรธ", "жахлив", "огидн", "pessimo", "inaccettabile", "vergogna",
)  # fmt: skip


def _find(text: str, words: Sequence[str]) -> str | None:
    lowered = text.lower()
    for word in words:
        if word in lowered:
            return word
    return None


def funds_at_risk_word(text: str) -> str | None:
    return _find(text, _FUNDS_AT_RISK)


def account_at_risk_word(text: str) -> str | None:
    """A word that says someone else is in the account or took the money."""
    return _find(text, _ACCOUNT_AT_RISK)


def negative_word(text: str) -> str | None:
    return _find(text, _NEGATIVE)


_VIP = re.compile(r"^vip\d*$", re.IGNORECASE)


def is_vip(tier: str | None) -> bool:
    return tier is not None and bool(_VIP.match(tier.strip()))


@dataclass(frozen=True, slots=True)
class Urgency:
    boost_seconds: int
    reasons: list[dict[str, Any]] = field(default_factory=list)
    funds_at_risk: bool = False
    # Someone else is in the account or took the money: the security team's case.
    account_at_risk: bool = False


def urgency(*, body: str, tier: str | None, priority: str, tags: Sequence[str]) -> Urgency:
    """How much earlier than its due time a new conversation is served, and why."""
    reasons: list[dict[str, Any]] = []
    boost = 0
    account = account_at_risk_word(body)
    if account is None and ACCOUNT_AT_RISK_TAGS & set(tags):
        account = "tag"
    word = account or funds_at_risk_word(body)
    if word is None and FUNDS_AT_RISK_TAGS & set(tags):
        word = "tag"
    at_risk = word is not None
    if word is not None:
        boost += BOOST_FUNDS_AT_RISK
        reasons.append({"factor": "funds_at_risk", "seconds": BOOST_FUNDS_AT_RISK, "match": word,
                        "account": account is not None})  # fmt: skip
    if is_vip(tier):
        boost += BOOST_VIP
        reasons.append({"factor": "vip", "seconds": BOOST_VIP, "tier": tier})
    word = negative_word(body)
    if word is not None:
        boost += BOOST_NEGATIVE
        reasons.append({"factor": "negative_sentiment", "seconds": BOOST_NEGATIVE, "match": word})
    by_priority = BOOST_PRIORITY.get(priority, 0)
    if by_priority:
        boost += by_priority
        reasons.append({"factor": "priority", "seconds": by_priority, "priority": priority})
    return Urgency(boost, reasons, funds_at_risk=at_risk, account_at_risk=bool(account))


def queue_rank(due_at: datetime, boost_seconds: int) -> int:
    """The queue's sort key: milliseconds since the epoch, lowest served first."""
    return int(due_at.timestamp() * 1000) - boost_seconds * 1000


@dataclass(frozen=True, slots=True)
class RuleView:
    id: int
    name: str
    product: str | None
    language: str | None
    tier: str | None
    channel: str | None
    team_id: int
    required_skill: str | None


@dataclass(frozen=True, slots=True)
class TeamView:
    id: int
    name: str
    product: str | None
    languages: list[str]
    line: str
    strategy: str
    relax_after_seconds: int
    overflow_team_id: int | None
    calendar: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class TeamChoice:
    team_id: int | None
    required_skill: str | None
    reason: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Defaults:
    """The admin's routing settings (PATCH /api/v1/routing/settings): where conversations no
    rule or product fits go, and who takes hacked accounts and scams."""

    default_team_id: int | None = None
    security_team_id: int | None = None


def _speaks(team: TeamView, language: str) -> bool:
    return not team.languages or language in team.languages


def _by_staff(
    teams: Sequence[TeamView], language: str, staffed: Collection[int]
) -> TeamView | None:
    """Of `teams`, one that has someone online who speaks the language, preferring a team
    that lists the language, then the lowest id (the oldest team)."""
    if not teams:
        return None
    return min(teams, key=lambda t: (t.id not in staffed, language not in t.languages, t.id))


def security_team(
    teams: Sequence[TeamView], defaults: Defaults, *, language: str, staffed: Collection[int]
) -> TeamView | None:
    """The team that takes a hacked account or a scam: the one the admin set, else a
    first-line team of the account-security product that speaks the language."""
    by_id = {t.id: t for t in teams}
    if defaults.security_team_id is not None and defaults.security_team_id in by_id:
        return by_id[defaults.security_team_id]
    fitting = [
        t
        for t in teams
        if t.line == "first" and t.product in SECURITY_PRODUCTS and _speaks(t, language)
    ]
    return _by_staff(fitting, language, staffed)


def choose_team(
    rules: Sequence[RuleView],
    teams: Sequence[TeamView],
    *,
    product: str | None,
    language: str,
    tier: str | None,
    channel: str,
) -> TeamChoice:
    """The first enabled rule (in order) whose every set condition matches; else the
    first-line team whose product and languages fit best; else no team (`team_id` None), and
    the caller tries `choose_fallback`."""
    for rule in rules:
        wanted = (
            (rule.product, product),
            (rule.language, language),
            (rule.tier, tier),
            (rule.channel, channel),
        )
        if all(want is None or want == have for want, have in wanted):
            return TeamChoice(
                rule.team_id,
                rule.required_skill,
                {"factor": "rule", "rule_id": rule.id, "rule": rule.name, "team_id": rule.team_id},
            )
    best: tuple[int, int] | None = None
    chosen: TeamView | None = None
    for team in teams:
        if team.line != "first":
            continue
        if team.product is not None and team.product != product:
            continue
        if team.languages and language not in team.languages:
            continue
        if team.product is None and not team.languages:
            continue  # a team with neither product nor languages is only reached by rules
        score = (2 if team.product is not None else 0) + (1 if team.languages else 0)
        key = (-score, team.id)
        if best is None or key < best:
            best, chosen = key, team
    if chosen is not None:
        return TeamChoice(
            chosen.id,
            None,
            {"factor": "team_fit", "team_id": chosen.id, "team": chosen.name},
        )
    return TeamChoice(None, None, {"factor": "unrouted", "why": "no rule or team fits"})


def choose_fallback(
    teams: Sequence[TeamView],
    defaults: Defaults,
    *,
    product: str | None,
    language: str,
    staffed: Collection[int],
) -> TeamChoice:
    """For a conversation no rule or product placed: the default team the admin set; else,
    for a conversation that names no product (a chat from a page without one), a first-line
    team that speaks the customer's language, one with someone online who speaks it first.
    Waiting for a person to route it by hand while such a team exists would only make the
    customer wait. A product that no team covers is a gap in the set-up, not a question for
    whichever team speaks the language, so it waits for a person (or the default team)."""
    if defaults.default_team_id is not None:
        team = next((t for t in teams if t.id == defaults.default_team_id), None)
        if team is not None:
            return TeamChoice(
                team.id, None, {"factor": "default_team", "team_id": team.id, "team": team.name}
            )
    if product is not None:
        return TeamChoice(None, None, {"factor": "unrouted", "why": "no team covers the product"})
    fitting = [t for t in teams if t.line == "first" and language in t.languages]
    if not fitting:
        # No team lists the language, but someone online speaks it: their team, rather than
        # a customer waiting for a person to notice.
        fitting = [t for t in teams if t.line == "first" and t.id in staffed]
    chosen = _by_staff(fitting, language, staffed)
    if chosen is None:
        return TeamChoice(None, None, {"factor": "unrouted", "why": "no rule or team fits"})
    return TeamChoice(
        chosen.id, None, {"factor": "language_fit", "team_id": chosen.id, "team": chosen.name}
    )


@dataclass(slots=True)
class Candidate:
    agent_id: int
    languages: list[str]
    skills: list[str]
    load: int
    capacity: int
    last_assigned_at: datetime | None
    # A manager on front-line rotation: given only first-line work in their own languages
    # that is not risky (see `manager_may_take`).
    manager: bool = False


# Requirements relax in steps, after the team's relax_after_seconds at each step.
STRICT = 0
SKILL_RELAXED = 1
LANGUAGE_RELAXED = 2  # overflow team, or anyone in the team


# Priorities a manager on rotation is not given: money or an account at risk raises a
# conversation to these, and it then wants a seasoned agent.
RISKY_PRIORITIES = frozenset({"high", "urgent"})


def manager_may_take(*, language: str, languages: Sequence[str], priority: str, line: str) -> bool:
    """Whether a manager on front-line rotation fits a conversation: first line, a language
    they speak (never relaxed for them), and not risky."""
    return line == "first" and language in languages and priority not in RISKY_PRIORITIES


def choose_agent(
    candidates: Sequence[Candidate],
    *,
    language: str,
    required_skill: str | None,
    relax_level: int,
    strategy: str,
    priority: str = "normal",
    line: str = "first",
) -> Candidate | None:
    """The agent who takes the conversation, or None when nobody fits with free capacity.

    Least busy first (fewest open conversations, then longest since their last assignment);
    with round-robin, longest since their last assignment among those with room. Managers on
    rotation only take what `manager_may_take` allows."""
    fitting = [
        c
        for c in candidates
        if c.load < c.capacity
        and (relax_level >= LANGUAGE_RELAXED or language in c.languages)
        and (relax_level >= SKILL_RELAXED or required_skill is None or required_skill in c.skills)
        and (
            not c.manager
            or manager_may_take(
                language=language, languages=c.languages, priority=priority, line=line
            )
        )
    ]
    if not fitting:
        return None
    epoch = datetime.min

    def since(c: Candidate) -> datetime:
        return c.last_assigned_at.replace(tzinfo=None) if c.last_assigned_at else epoch

    if strategy == "round_robin":
        return min(fitting, key=lambda c: (since(c), c.agent_id))
    return min(fitting, key=lambda c: (c.load, since(c), c.agent_id))


def next_relaxation(
    relax_level: int, *, required_skill: str | None, has_overflow: bool
) -> int | None:
    """The next step of relaxation for a waiting conversation, or None when none is left."""
    if relax_level < SKILL_RELAXED and required_skill is not None:
        return SKILL_RELAXED
    if relax_level < LANGUAGE_RELAXED:
        return LANGUAGE_RELAXED
    return None
