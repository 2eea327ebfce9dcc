"""Knowledge-base retrieval on bitcoin_faq: Bitcoin.org's FAQ and help pages, the same answers
in 16 languages, asked with the pages' own questions and headings.

The corpus is imported as published articles (external_id = doc_id, category = page) into a
throwaway SQLite database through the same code as `firstline kb import`, and every query goes
through `search_articles`, the function the API, help center and bot use:

- same language: the query's locale only, no fallback; right when the gold article of that
  locale comes back.
- across languages: every language at once; right when the gold article comes back in any
  language.

Polish is in the data but not a language Firstline serves, so its articles and queries are
counted and left out. The questions never appear in the corpus (articles have no title
there; the import takes the answer's first line), so this measures question-to-answer
matching, the bot's hardest case.

When the folder also has clinc150 and banking77, it measures the bot's rule for answering
(`firstline.bot.engine.confident`) and its variants: how many of the queries above it would
answer and how often rightly, and how many off-topic questions (clinc150's out-of-scope ones
and the first OFF_TOPIC_BANKING of banking77's test questions, asked in English as the bot
asks) it would answer from these articles. That is how the search's thresholds are set.
"""

from __future__ import annotations

import asyncio
import csv
import tempfile
from collections import defaultdict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import Database
from firstline.core.language import normalize_locale
from firstline.core.migrations import upgrade
from firstline.knowledge import search
from firstline.knowledge.schemas import ArticleIn
from firstline.knowledge.search import (
    CONFIDENT,
    MAX_LIMIT,
    SearchHit,
    index_for,
    search_articles,
)
from firstline.knowledge.transfer import import_articles, parse_lines

THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
OFF_TOPIC_BANKING = 300


@dataclass
class Ranks:
    ranks: list[int] = field(default_factory=list)  # 0 = not in the first MAX_LIMIT

    def add(self, rank: int) -> None:
        self.ranks.append(rank)

    @property
    def n(self) -> int:
        return len(self.ranks)

    def recall(self, k: int) -> float:
        return sum(1 for r in self.ranks if 0 < r <= k) / max(1, self.n)

    @property
    def mrr(self) -> float:
        return sum(1 / r for r in self.ranks if r) / max(1, self.n)


@dataclass
class RetrievalResult:
    mode: str
    articles: int
    skipped_articles: int
    skipped_queries: int
    same: dict[str, Ranks] = field(default_factory=lambda: defaultdict(Ranks))
    cross: dict[str, Ranks] = field(default_factory=lambda: defaultdict(Ranks))
    # (confidence of the top hit, whether it was right), same-language searches
    top: list[tuple[float, bool]] = field(default_factory=list)
    # What the bot would see: the first hits of each same-language search, its language and
    # whether the first was right; and of each off-topic question (asked in English).
    answerable: list[tuple[list[SearchHit], str, bool]] = field(default_factory=list)
    off_topic: list[list[SearchHit]] = field(default_factory=list)

    @staticmethod
    def overall(table: dict[str, Ranks]) -> Ranks:
        out = Ranks()
        for r in table.values():
            out.ranks.extend(r.ranks)
        return out


def corpus_articles(path: Path) -> tuple[list[ArticleIn], int]:
    lines: list[str] = []
    skipped = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            doc = orjson.loads(line)
            if normalize_locale(doc["locale"]) is None:
                skipped += 1
                continue
            lines.append(
                orjson.dumps(
                    {
                        "external_id": doc["doc_id"],
                        "locale": doc["locale"],
                        "body": doc["body"],
                        "category": doc["page"],
                    }
                ).decode()
            )
    return parse_lines(lines), skipped


@asynccontextmanager
async def throwaway_knowledge_base(
    articles: list[ArticleIn],
) -> AsyncIterator[tuple[Database, str]]:
    """A migrated SQLite deployment in a temporary folder with `articles` published and the
    search index built (vectors included, when the encoder is on); yields it and the search
    mode it runs ("BM25" or "BM25 + embeddings"), and removes it afterwards."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'kb.db'}"
        await upgrade(url)
        db = Database(url)
        try:
            await import_articles(db, articles, default_status="published")
            async with db.session() as session:
                index = index_for(session)
                await index.refresh(session)
                await index.embeddings_ready()
                mode = "BM25 + embeddings" if index.embedder is not None else "BM25"
            yield db, mode
        finally:
            await db.dispose()


async def _evaluate(folder: Path, split: str) -> RetrievalResult:
    base = folder / "bitcoin_faq"
    queries_path = base / f"{split}.jsonl"
    if not queries_path.exists():
        raise FileNotFoundError(f"{queries_path} not found; pass the evaldata folder")
    articles, skipped_articles = corpus_articles(base / "corpus.jsonl")
    async with throwaway_knowledge_base(articles) as (db, mode), db.session() as session:
        result = RetrievalResult(mode, len(articles), skipped_articles, 0)
        with queries_path.open(encoding="utf-8") as f:
            for line in f:
                await _one(session, orjson.loads(line), result)
        for question in off_topic_questions(folder):
            found = await search_articles(session, question, locale="en", limit=3)
            result.off_topic.append(found.items)
    return result


async def _one(session: AsyncSession, query: dict[str, str], result: RetrievalResult) -> None:
    locale = normalize_locale(query["locale"])
    if locale is None:
        result.skipped_queries += 1
        return
    gold = query["doc_id"]
    same = await search_articles(
        session, query["query"], locale=locale, limit=MAX_LIMIT, fallback=False
    )
    ids = [h.external_id for h in same.items]
    result.same[locale].add(ids.index(gold) + 1 if gold in ids else 0)
    if same.items:
        result.top.append((same.items[0].confidence, ids[0] == gold))
        result.answerable.append((same.items[:3], locale, ids[0] == gold))
    anywhere = await search_articles(session, query["query"], locale=None, limit=MAX_LIMIT)
    ids = [h.external_id for h in anywhere.items]
    result.cross[locale].add(ids.index(gold) + 1 if gold in ids else 0)


def off_topic_questions(folder: Path) -> list[str]:
    """Questions the bitcoin_faq articles do not answer, when the folder has them."""
    questions: list[str] = []
    clinc, banking = folder / "clinc150" / "dev.csv", folder / "banking77" / "dev.csv"
    if clinc.exists():
        with clinc.open(encoding="utf-8", newline="") as f:
            questions += [r["text"] for r in csv.DictReader(f) if r["label"] == "oos"]
    if banking.exists():
        with banking.open(encoding="utf-8", newline="") as f:
            test = [r["text"] for r in csv.DictReader(f) if r["orig_split"] == "test"]
        questions += test[:OFF_TOPIC_BANKING]
    return questions


def evaluate_retrieval(folder: Path, split: str = "dev") -> RetrievalResult:
    return asyncio.run(_evaluate(folder, split))


def retrieval_table(result: RetrievalResult) -> str:
    lines = [
        f"Search: {result.mode}. {result.articles} articles imported "
        f"({result.skipped_articles} Polish ones left out, with {result.skipped_queries} queries).",
        "",
        "| locale | queries | same: R@1 | R@5 | MRR | across: R@1 | R@5 | MRR |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def row(name: str, same: Ranks, cross: Ranks) -> str:
        return (
            f"| {name} | {same.n} | {same.recall(1):.3f} | {same.recall(5):.3f} | "
            f"{same.mrr:.3f} | {cross.recall(1):.3f} | {cross.recall(5):.3f} | {cross.mrr:.3f} |"
        )

    for locale in sorted(result.same):
        lines.append(row(locale, result.same[locale], result.cross[locale]))
    lines.append(
        row("**all**", result.overall(result.same), result.overall(result.cross)).replace(
            "| all |", "| **all** |"
        )
    )
    lines += [
        "",
        "Top hit's confidence against how often it is right (same language):",
        "",
        "| confidence ≥ | share of searches | top hit right |",
        "|---|---|---|",
    ]
    total = max(1, len(result.top))
    for t in THRESHOLDS:
        above = [right for c, right in result.top if c >= t]
        mark = " (CONFIDENT)" if t == CONFIDENT else ""
        precision = sum(above) / len(above) if above else 0.0
        lines.append(f"| {t}{mark} | {len(above) / total:.3f} | {precision:.3f} |")
    if result.off_topic:
        lines += ["", "When the bot would answer:", "", bot_rule_table(result)]
    return "\n".join(lines)


def _rules() -> list[tuple[str, Callable[[list[SearchHit], str], bool]]]:
    # Thresholds are read from the module when asked for, as the bot reads them.
    from firstline.bot.engine import confident

    def at(threshold: float) -> Callable[[list[SearchHit], str], bool]:
        return lambda h, lang: h[0].confidence >= threshold

    return [
        *((f"confidence ≥ {t}", at(t)) for t in (0.5, 0.6) if t != search.CONFIDENT),
        (f"confidence ≥ {search.CONFIDENT} (the bot)", confident),
        *((f"confidence ≥ {t}", at(t)) for t in (0.8, 0.9) if t != search.CONFIDENT),
    ]


def bot_rule_table(result: RetrievalResult) -> str:
    """How often the bot's rule (and variants of it) would answer, and rightly."""
    lines = [
        f"In-scope: the {result.overall(result.same).n} same-language searches; "
        f"off-topic: {len(result.off_topic)} questions asked in English.",
        "",
        "| answers when | in-scope answered | of those right | off-topic answered |",
        "|---|---|---|---|",
    ]
    total = max(1, result.overall(result.same).n)
    for name, rule in _rules():
        answered = [right for hits, lang, right in result.answerable if rule(hits, lang)]
        off = sum(1 for hits in result.off_topic if hits and rule(hits, "en"))
        precision = sum(answered) / len(answered) if answered else 0.0
        off_share = f"{off / len(result.off_topic):.3f}" if result.off_topic else "-"
        lines.append(f"| {name} | {len(answered) / total:.3f} | {precision:.3f} | {off_share} |")
    return "\n".join(lines)
