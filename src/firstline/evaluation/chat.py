"""The bot at chat level on bitcoin_faq: each question asked in a fresh chat, as a customer
would ask it, through the path `/chat` uses.

The corpus is imported as the published knowledge base of a throwaway deployment (SQLite, the
bot on, nothing else configured: no intent model, no backoffice, the flows a fresh install
has). Each question is then sent by a new customer whose browser locale is the question's
language, through `post_customer_message` (what `POST /chat/api/messages` runs, in-process):
the message's language is detected from its text, and the bot takes its turn as in
production (a person asked for, money at risk, flows, greetings, then the knowledge base).
A chat counts as answered when the bot's first reply cites an article; right when that
article is the question's (its `external_id`, in whatever language the bot offered it).
Anything else (handed over, a flow started, a greeting) counts as not answered.

Off-topic questions (clinc150's out-of-scope ones and banking77's test questions, as in the
retrieval report), asked in English, should not be answered at all.

It reads `<split>.jsonl` next to `corpus.jsonl`, so the held-out split (other articles' questions)
runs the same way where that file exists.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from firstline.chat.service import post_customer_message
from firstline.core.db import Database
from firstline.core.language import normalize_locale
from firstline.core.settings import Settings
from firstline.customers.actions import do_upsert_customer
from firstline.customers.schemas import CustomerIn
from firstline.evaluation.retrieval import (
    corpus_articles,
    off_topic_questions,
    throwaway_knowledge_base,
)


@dataclass
class Counts:
    right: int = 0
    wrong: int = 0
    not_answered: int = 0
    # Of the right and wrong answers, those given from another language's version.
    other_language: int = 0

    @property
    def n(self) -> int:
        return self.right + self.wrong + self.not_answered

    def add(self, other: Counts) -> None:
        self.right += other.right
        self.wrong += other.wrong
        self.not_answered += other.not_answered
        self.other_language += other.other_language


@dataclass
class ChatResult:
    mode: str
    split: str
    in_scope: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    off_topic: Counts = field(default_factory=Counts)
    skipped_queries: int = 0
    seconds: float = 0.0

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.in_scope.values():
            total.add(counts)
        return total


async def _ask(
    db: Database, settings: Settings, number: int, text: str, locale: str
) -> tuple[str, str] | None:
    """(external_id, locale) of the article the bot answered a fresh chat with, or None."""
    external_id = f"eval-{number}"
    async with db.transaction(raw_writes=True) as session:
        customer = await do_upsert_customer(
            session, CustomerIn(external_id=external_id, locale=locale)
        )
        posted = await post_customer_message(
            session,
            customer_id=customer.id,
            external_id=external_id,
            body=text,
            client_id=uuid.uuid4().hex,
            locale=locale,
            settings=settings,
        )
    for reply in posted.replies:
        article = (reply.get("meta") or {}).get("article")
        if reply["author_kind"] == "bot" and article:
            return str(article["external_id"]), str(article["locale"])
    return None


async def _evaluate(folder: Path, split: str) -> ChatResult:
    base = folder / "bitcoin_faq"
    queries_path = base / f"{split}.jsonl"
    if not queries_path.exists():
        raise FileNotFoundError(f"{queries_path} not found; pass the evaldata folder")
    started = time.perf_counter()
    articles, _ = corpus_articles(base / "corpus.jsonl")
    settings = Settings(bot=True)
    async with throwaway_knowledge_base(articles) as (db, mode):
        result = ChatResult(mode, split)
        number = 0
        with queries_path.open(encoding="utf-8") as f:
            for line in f:
                query = orjson.loads(line)
                locale = normalize_locale(query["locale"])
                if locale is None:
                    result.skipped_queries += 1
                    continue
                number += 1
                got = await _ask(db, settings, number, query["query"], query["locale"])
                counts = result.in_scope[locale]
                if got is None:
                    counts.not_answered += 1
                    continue
                if got[0] == query["doc_id"]:
                    counts.right += 1
                else:
                    counts.wrong += 1
                if got[1] != locale:
                    counts.other_language += 1
        for question in off_topic_questions(folder):
            number += 1
            got = await _ask(db, settings, number, question, "en")
            if got is None:
                result.off_topic.not_answered += 1
            else:
                result.off_topic.wrong += 1
    result.seconds = time.perf_counter() - started
    return result


def evaluate_chat(folder: Path, split: str = "dev") -> ChatResult:
    return asyncio.run(_evaluate(folder, split))


def chat_table(result: ChatResult) -> str:
    def share(part: int, whole: int) -> str:
        return f"{part / whole:.3f}" if whole else "-"

    def row(name: str, c: Counts) -> str:
        return (
            f"| {name} | {c.n} | {share(c.right, c.n)} | {share(c.wrong, c.n)} | "
            f"{share(c.not_answered, c.n)} | {c.other_language} |"
        )

    lines = [
        f"Search: {result.mode}. One fresh chat per question, in its language "
        f"({result.skipped_queries} Polish questions left out); {result.seconds:.0f} s.",
        "",
        "| language | questions | right article | wrong article | not answered "
        "| answered from another language |",
        "|---|---|---|---|---|---|",
    ]
    for locale in sorted(result.in_scope):
        lines.append(row(locale, result.in_scope[locale]))
    lines.append(row("**all**", result.overall))
    off = result.off_topic
    if off.n:
        lines += [
            "",
            "| off-topic questions (English) | questions | answered | not answered |",
            "|---|---|---|---|",
            f"| clinc150 out-of-scope + banking77 | {off.n} | {share(off.wrong, off.n)} | "
            f"{share(off.not_answered, off.n)} |",
        ]
    return "\n".join(lines)
