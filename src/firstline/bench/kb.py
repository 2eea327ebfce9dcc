"""A synthetic crypto-exchange help center for the bot benchmark, and questions it answers.

Ten kinds of help article (deposit times, minimums and memos, withdrawal fees, wallet
maintenance notices, staking, futures, convert, buying with a card, listings, bank
withdrawals), each written in six languages and filled in with tokens, networks, currencies,
dates and figures, so that the vocabulary is large and no two articles are the same. Like a
real help center, most subjects are in English and some are translated (each translation is
an article version of its own, with the same external id). Announcements (maintenance,
listings) make up much of it, as they do on exchanges; customers ask mostly about deposits,
withdrawals and fees.

Deterministic for a given size and seed. The wording is in bench/kb_texts.py.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson

from firstline.bench.kb_texts import BOILERPLATE, FLOW_STARTERS, OFF_TOPIC, TOPICS, Topic

LANGUAGES = ("en", "vi", "id", "zh-CN", "es", "ru")
# How likely a subject is to have a version in each language (English: most of them).
TRANSLATED = {"en": 0.7, "vi": 0.35, "id": 0.3, "zh-CN": 0.35, "es": 0.3, "ru": 0.3}

TOKENS = (
    "BTC", "ETH", "USDT", "USDC", "BNB", "SOL", "XRP", "ADA", "DOGE", "TRX", "TON", "DOT",
    "POL", "LTC", "AVAX", "LINK", "ATOM", "NEAR", "APT", "ARB", "OP", "SUI", "SHIB", "PEPE",
    "FIL", "ETC", "XLM", "ALGO", "HBAR", "ICP", "INJ", "SEI", "TIA", "WLD", "FDUSD", "DAI",
    "UNI", "AAVE", "BCH", "KAS",
)  # fmt: skip
STABLE = ("USDT", "USDC", "FDUSD", "DAI")
NETWORKS = (
    "Bitcoin", "Ethereum ERC20", "BNB Smart Chain BEP20", "Tron TRC20", "Solana", "Polygon PoS",
    "Arbitrum One", "Optimism", "Base", "Avalanche C-Chain", "TON", "zkSync Era", "Linea",
    "Aptos", "Sui", "Lightning Network",
)  # fmt: skip
NATIVE = {
    "BTC": "Bitcoin", "ETH": "Ethereum ERC20", "BNB": "BNB Smart Chain BEP20", "SOL": "Solana",
    "TRX": "Tron TRC20", "TON": "TON", "POL": "Polygon PoS", "AVAX": "Avalanche C-Chain",
    "ARB": "Arbitrum One", "OP": "Optimism", "APT": "Aptos", "SUI": "Sui",
}  # fmt: skip
FIATS = ("USD", "EUR", "GBP", "VND", "IDR", "CNY", "RUB", "BRL", "TRY", "ARS", "MXN", "UAH",
         "KZT", "THB", "JPY")  # fmt: skip
METHODS = ("Visa", "Mastercard", "Apple Pay", "Google Pay", "SEPA Instant", "PIX",
           "Faster Payments", "SWIFT", "Skrill", "Neteller")  # fmt: skip
QUOTES = ("USDT", "USDC", "FDUSD", "BTC", "TRY", "EUR", "BRL")
FIRST_DAY = date(2025, 1, 1)
DAYS = 730


def _networks(token: str) -> list[str]:
    """The networks an exchange would list the token on."""
    if token in STABLE:
        return [n for n in NETWORKS if n not in ("Bitcoin", "Lightning Network")]
    if token == "BTC":
        return ["Bitcoin", "Lightning Network", "BNB Smart Chain BEP20"]
    if token == "ETH":
        return ["Ethereum ERC20", "Arbitrum One", "Optimism", "Base", "zkSync Era", "Linea",
                "BNB Smart Chain BEP20"]  # fmt: skip
    own = NATIVE.get(token)
    return sorted({own or "Ethereum ERC20", "BNB Smart Chain BEP20", "Ethereum ERC20"})


PAIRS = [(t, n) for t in TOKENS for n in _networks(t)]


@dataclass(frozen=True)
class Subject:
    """One help topic about one thing (a token on a network, a date...), in some languages."""

    topic: Topic
    slots: tuple[str, ...]
    values: dict[str, str]
    languages: tuple[str, ...]
    extra: tuple[int, ...]  # which boilerplate paragraphs close it

    @property
    def external_id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", "-".join(self.slots).lower()).strip("-")
        return f"{self.topic.name}-{slug}"

    def fill(self, text: str) -> str:
        return text.format(**self.values)

    def article(self, language: str) -> dict[str, Any]:
        category, title, paragraphs, _ = self.topic.texts[language]
        closing = [BOILERPLATE[language][i] for i in self.extra]
        body = "\n\n".join([self.fill(p) for p in paragraphs] + closing)
        return {
            "external_id": self.external_id, "locale": language, "title": self.fill(title),
            "body": body, "category": category,
        }  # fmt: skip


def _draw_slots(topic: Topic, rng: random.Random) -> tuple[str, ...]:
    day = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
    if topic.slots == ("token", "network"):
        return rng.choice(PAIRS)
    if topic.slots == ("network", "date"):
        return (rng.choice(NETWORKS), day)
    if topic.slots == ("token",):
        return (rng.choice(TOKENS),)
    if topic.slots == ("token", "token2"):
        first, second = rng.sample(TOKENS, 2)
        return (first, second)
    if topic.slots == ("fiat", "method"):
        return (rng.choice(FIATS), rng.choice(METHODS))
    if topic.slots == ("token", "quote", "date"):
        token = rng.choice([t for t in TOKENS if t not in STABLE])
        return (token, rng.choice([q for q in QUOTES if q != token]), day)
    if topic.slots == ("fiat",):
        return (rng.choice(FIATS),)
    raise ValueError(topic.slots)


def _values(slots: dict[str, str], rng: random.Random) -> dict[str, str]:
    figures = {
        "conf": str(rng.choice((1, 2, 3, 6, 12, 15, 20, 30, 64))),
        "minutes": str(rng.choice((1, 2, 3, 5, 10, 15, 20, 30, 45, 60))),
        "min": rng.choice(
            ("0.0001", "0.001", "0.005", "0.01", "0.1", "1", "5", "10", "20", "50", "100", "500")
        ),
        "fee": rng.choice(
            ("0.00002", "0.0005", "0.001", "0.01", "0.05", "0.1", "0.8", "1", "2.5", "5", "15")
        ),
        "days": str(rng.choice((1, 2, 3, 5, 7, 14, 30, 60, 90, 120))),
        "hours": str(rng.choice((1, 2, 4, 6, 8, 12, 24, 48))),
        "time": f"{rng.randrange(24):02d}:{rng.choice(('00', '30'))}",
        "apr": f"{rng.uniform(0.5, 18):.2f}",
        "lev": str(rng.choice((10, 20, 25, 50, 75, 100, 125))),
        "limit": f"{rng.choice((1, 2, 5, 10, 25, 50, 100, 250, 500, 1000)) * 1000:,}",
        "secs": str(rng.choice((5, 8, 10, 15, 30))),
        "pct": rng.choice(("0.5", "1", "1.5", "1.8", "2", "2.5", "3.5")),
    }
    return {**figures, **slots}


def subjects(articles: int, seed: int = 7) -> list[Subject]:
    """Subjects whose language versions add up to `articles`."""
    rng = random.Random(seed)
    weights = {"deposit-time": 3, "deposit-minimum": 3, "withdrawal-fee": 3,
               "wallet-maintenance": 6, "staking": 1, "futures": 1, "convert": 5,
               "buy-crypto": 2, "listing": 8, "bank-withdrawal": 1}  # fmt: skip
    topics = list(TOPICS)
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out: list[Subject] = []
    count = 0
    misses = Counter[str]()
    while count < articles:
        topic = rng.choices(topics, [weights[t.name] for t in topics])[0]
        if misses[topic.name] > 200:
            weights[topic.name] = 0  # every subject of this kind is taken
            if not any(weights.values()):
                raise ValueError(f"cannot make {articles} different articles")
            continue
        slots = _draw_slots(topic, rng)
        if (topic.name, slots) in seen:
            misses[topic.name] += 1
            continue
        seen.add((topic.name, slots))
        languages = tuple(lang for lang in LANGUAGES if rng.random() < TRANSLATED[lang])
        languages = languages or (rng.choice(LANGUAGES),)
        languages = languages[: articles - count]
        count += len(languages)
        extra = tuple(sorted(rng.sample(range(4), rng.choice((0, 1, 1, 2)))))
        values = _values(dict(zip(topic.slots, slots, strict=True)), rng)
        out.append(Subject(topic, slots, values, languages, extra))
    return out


def jsonl(items: list[Subject]) -> bytes:
    """What `firstline kb import` reads: one article version a line."""
    return b"".join(orjson.dumps(s.article(lang)) + b"\n" for s in items for lang in s.languages)


def by_language(items: list[Subject]) -> Counter[str]:
    return Counter(lang for s in items for lang in s.languages)


# -- questions ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    text: str
    language: str
    kind: str  # answerable, unanswerable, flow
    external_id: str | None = None  # the article it was written from


def route(text: str, language: str) -> str:
    """Where the bot's rules send a new question before any search (bot/engine.py): 'search'
    for the knowledge base, else the rule that takes it."""
    from firstline.bot.text import asks_for_person, is_greeting
    from firstline.routing.rules import funds_at_risk_word, negative_word

    if asks_for_person(text):
        return "person"
    if negative_word(text):
        return "upset"
    if _flows().match_flow(text, language) is not None:
        return "flow"
    if funds_at_risk_word(text):
        return "funds_at_risk"
    if is_greeting(text):
        return "greeting"
    return "search"


_RUNNER: list[Any] = []


def _flows() -> Any:
    if not _RUNNER:
        from firstline.flows.registry import builtin_flows
        from firstline.flows.runner import FlowRunner

        _RUNNER.append(FlowRunner(builtin_flows(), backoffice=None))  # type: ignore[arg-type]
    return _RUNNER[0]


class Asker:
    """Draws questions the way customers ask them: mostly about what the help center covers
    (in the language of an article that covers it), some about nothing it covers, a few
    that start a self-service flow. Each draw takes the caller's random generator, so that a
    conversation's questions do not depend on the order in which conversations run."""

    def __init__(self, items: list[Subject], *, unanswerable: float = 0.08,
                 flows: float = 0.04) -> None:  # fmt: skip
        self.unanswerable = unanswerable
        self.flows = flows
        self.by_topic: dict[str, list[Subject]] = {}
        for s in items:
            self.by_topic.setdefault(s.topic.name, []).append(s)
        self.topics = [t for t in TOPICS if t.name in self.by_topic]
        self.languages = sorted(by_language(items))

    def question(self, rng: random.Random) -> Question:
        roll = rng.random()
        if roll < self.flows:
            lang = rng.choice([x for x in self.languages if x in FLOW_STARTERS])
            return Question(rng.choice(FLOW_STARTERS[lang]), lang, "flow")
        if roll < self.flows + self.unanswerable:
            lang = rng.choice([x for x in self.languages if x in OFF_TOPIC])
            return Question(rng.choice(OFF_TOPIC[lang]), lang, "unanswerable")
        return self.answerable(rng)

    def answerable(self, rng: random.Random, language: str | None = None) -> Question:
        """A question an article answers, in that article's language; with `language`, one
        in that language (a customer asking a second question)."""
        for _ in range(1000):
            topic = rng.choices(self.topics, [t.asked for t in self.topics])[0]
            subject = rng.choice(self.by_topic[topic.name])
            if language is not None and language not in subject.languages:
                continue
            lang = language or rng.choice(subject.languages)
            text = subject.fill(rng.choice(topic.texts[lang][3]))
            if route(text, lang) == "search":
                return Question(text, lang, "answerable", subject.external_id)
        raise ValueError(f"no answerable question in {language}")
