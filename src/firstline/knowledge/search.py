"""Searching published articles: what the help center's search box, the API and the bot use.

Design. Each process keeps an inverted index of the published articles in memory, one shard
per language. Terms are the language's stemmed words plus the character 4-grams of each word
(`analysis.py`); the 4-grams make up for inflection that no stemmer handles (Ukrainian, Korean
particles, compounds) and for typos. The title counts twice as much as the body (its words
are counted twice). BM25 (k1 1.2, b 0.75) says which articles match and how much of the
question each answers (`confidence`); the matches are put in order by their query likelihood
(Dirichlet smoothing, `MU`), which found the right article first more often (bitcoin_faq
Recall@1 0.47 -> 0.50, docs/evaluation.md). Both come from one pass over the postings of the
query's own terms (numpy arrays), so a query's cost follows how common its words are, not how
many articles there are. With 10,000 articles, ranking takes about 2 ms (p95), the index
holds about 30 MB, and building it takes about 2 s, off the event loop, on the first search
of a process; every later search only checks that it is current.

Why not the database's full-text search: SQLite's FTS5 and PostgreSQL's tsvector would need
the same analysis twice, rank differently on each database, and PostgreSQL's ts_rank reads
every match. Why not tantivy: its Python binding gives little over numpy once the text is
analysed here, and adds a native dependency.

Freshness. Every save of an article writes an `article_revisions` row, so before each search
the index reads `max(article_revisions.id)` (one primary-key lookup) and, when it moved,
re-reads only the articles saved since. A deleted article is dropped when a search would have
shown it (hits are always re-read from the database, with their current text and status), and
a drop of that maximum (deletions, a restored backup) rebuilds the index. On PostgreSQL two
saves can commit out of id order; the re-read starts `OVERLAP` ids back to catch the later one.

Languages. `locale` is normalised like every customer locale (`pt-BR` -> `pt`, `zh` ->
`zh-CN`). When none of the articles in that language matches, the search falls back to the
other script of the same language (zh-TW <-> zh-CN), then English, then every other language,
and says so with `fallback_from`. `locale=None` searches all languages at once, ranking their
hits together by the share of the whole query each matched.

Confidence. Scores do not compare across queries, so each hit also gets `confidence`: a
fitted estimate (0..1) that it is the article the question is about, from signals of the whole
ranking (BM25's share of the query's best possible score, how much of the whole question it
covers, its lead over the runner-up, and with embeddings the cosines, to the article, its
English passages and all its translations). `coverage` is the share of the whole question the
hit matched (with embeddings, a blend of that and the cosine), which ranks several languages'
hits together. Hits under `MATCH_FLOOR` are not returned at all. `good_enough` is the bot's
rule (from `CONFIDENT`, or a clear winner), chosen by cross-validation over the bitcoin_faq
dev articles (docs/evaluation.md); `search_for_answer` applies it, falling back to English
when the customer's language has no article good enough.

Embeddings. With the optional `firstline[embeddings]` extra installed, multilingual-e5-small
vectors (see `embeddings.py`) are added: each article's score is the z-scored sum of the mean
cosine of the query to the article and to its English version (articles are translations of
one another, and English vectors are the model's best) and PASSAGE_WEIGHT times its best
cosine to one of the English version's passages (a long answer's vector averages all its
points; the question is usually about one), plus LEXICAL_WEIGHT times the z-scored BM25
score. That takes bitcoin_faq Recall@1 from 0.50 to 0.655. Vectors are computed when the index
is built, in the background; until a language's are all there, it is searched without them.
Scoring with vectors reads every article of the language and the passages of their English
versions (384-wide dot products, about 2 ms for 10,000 articles): the one part whose cost
grows with the table.
"""

from __future__ import annotations

import asyncio
import math
import weakref
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.core.db import clock_of
from firstline.core.errors import InvalidInput
from firstline.core.language import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, normalize_locale
from firstline.knowledge.analysis import analyze, base_language, passages, stem_words, word_spans
from firstline.knowledge.embeddings import Embedder, load_embedder
from firstline.knowledge.markdown import plain_text
from firstline.knowledge.models import Article, ArticleRevision, ArticleStatus
from firstline.search.text import tokens

K1 = 1.2
B = 0.75
# Dirichlet smoothing of the query likelihood that orders the matches (Lucene's default).
MU = 2000.0
TITLE_WEIGHT = 2
MAX_QUERY_CHARS = 500
MAX_LIMIT = 50
SNIPPET_CHARS = 200
# `confidence` is a logistic model's estimate that a hit is the article the question is about,
# from signals of the whole ranking (below, `_BM25_MODEL` and `_EMBEDDED_MODEL`), fitted on the
# bitcoin_faq dev questions with cross-validation by article (docs/evaluation.md). Each model's
# intercept is shifted so that CONFIDENT is where its cross-validated operating point lies:
# the bot answers from there, with at most about 5 in 100 of the questions answered wrongly
# and almost no off-topic question answered (0.1 % of 1,140).
CONFIDENT = 0.7
# Where the customer's language has no article at all, another language's answers from this.
# Asked of the English articles only, as if their language had none, the bitcoin_faq dev
# questions in the 14 other languages got 5.1 % right answers and 1.6 % wrong ones from it
# (with embeddings; 3.8 % and 0.3 % from CONFIDENT), and 0.2 % of off-topic questions one.
CROSS_CONFIDENT = 0.4
# A clear winner answers below CONFIDENT: it covers CLEAR_COVERAGE of the whole question and
# CLEAR_MARGIN times as much as the runner-up. The model learnt from a knowledge base full of
# near neighbours; in a small one a lone match is often right while its confidence stays low.
# On the bitcoin_faq dev questions (without embeddings) it adds 0.6 points of right answers
# and no wrong or off-topic one; with embeddings it changes nothing.
CLEAR_COVERAGE = 0.4
CLEAR_MARGIN = 3.0
# Below this an article shares no more than a few letters with the query (4-grams match
# loosely): it is not a match, and not returning it lets the search fall back to English.
MATCH_FLOOR = 0.1
OVERLAP = 50
# More changed articles than this at once (an import) rebuild the index instead of patching.
REBUILD_AT = 500
# The weight of the BM25 z-score next to the embedding's, when there are embeddings.
LEXICAL_WEIGHT = 0.15
# The weight of the best-matching passage of the English version (cosine) next to the mean
# cosine of the whole article and its English version, with embeddings.
PASSAGE_WEIGHT = 0.35

_TF_BITS = 8
_TF_MAX = (1 << _TF_BITS) - 1


@dataclass(frozen=True, slots=True)
class SearchHit:
    article_id: int
    external_id: str
    locale: str
    title: str
    body: str
    category: str | None
    score: float
    confidence: float
    # The share of the whole question the article matched, words no article has included: a
    # question about something the knowledge base never mentions covers little of it.
    coverage: float
    snippet: str


@dataclass(frozen=True, slots=True)
class SearchResult:
    items: list[SearchHit]
    locale: str | None
    # The asked-for language when no article in it matched and the items are in others.
    fallback_from: str | None = None

    @property
    def cross_language(self) -> bool:
        return self.fallback_from is not None


def search_locale(value: str | None) -> str | None:
    """A supported language for a `locale` parameter, or InvalidInput naming the choices."""
    if value is None or not value.strip():
        return None
    lang = normalize_locale(value)
    if lang is None:
        raise InvalidInput(
            f"unsupported locale {value!r}; use one of {', '.join(SUPPORTED_LANGUAGES)}"
        )
    return lang


# -- the index ---------------------------------------------------------------------------------


@dataclass(slots=True)
class _Doc:
    article_id: int
    external_id: str
    revision: int
    length: float


@dataclass
class _Shard:
    """The articles of one language. Documents get a number in order of indexing; an updated
    or deleted article leaves its old number behind, dead, until the next rebuild."""

    locale: str
    docs: list[_Doc] = field(default_factory=list)
    alive: bytearray = field(default_factory=bytearray)
    lengths: array[float] = field(default_factory=lambda: array("f"))
    by_article: dict[int, int] = field(default_factory=dict)
    # term -> (document number << 8 | term frequency), one uint32 per posting
    postings: dict[str, array[int]] = field(default_factory=dict)
    total_length: float = 0.0
    dead: int = 0
    # Embedding matrices for the live docs (their numbers, own vectors, English versions'
    # vectors, the English versions' passage vectors and where each doc's passages start, the
    # mean vectors of all their versions), or None.
    vectors: (
        tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None
    ) = None

    @property
    def size(self) -> int:
        return len(self.by_article)

    def add(self, article_id: int, external_id: str, revision: int, terms: Counter[str],
            length: float) -> None:  # fmt: skip
        self.remove(article_id)
        number = len(self.docs)
        self.docs.append(_Doc(article_id, external_id, revision, length))
        self.alive.append(1)
        self.lengths.append(length)
        self.by_article[article_id] = number
        self.total_length += length
        for term, tf in terms.items():
            posting = self.postings.get(term)
            if posting is None:
                posting = self.postings[term] = array("I")
            posting.append(number << _TF_BITS | min(tf, _TF_MAX))
        self.vectors = None

    def remove(self, article_id: int) -> None:
        number = self.by_article.pop(article_id, None)
        if number is None:
            return
        self.alive[number] = 0
        self.total_length -= self.docs[number].length
        self.dead += 1
        self.vectors = None

    def score(self, terms: Counter[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
        """Document numbers that match; their BM25 scores and their query likelihoods; and
        the query's best possible BM25 score: here (each of its terms that this language has,
        matched with a saturated frequency), and with its absent terms too (to compare across
        languages)."""
        n = self.size
        if not n:
            return np.empty(0, np.int64), np.empty(0), np.empty(0), 0.0, 0.0
        # A word no article has weighs like the rarest word that one article has: saying
        # "voucher" to a knowledge base that never mentions vouchers leaves that much of the
        # question unanswered, whatever the size of the knowledge base.
        absent = math.log(1.0 + (n - 1 + 0.5) / 1.5)
        avg = self.total_length / n
        lengths = np.frombuffer(self.lengths, dtype=np.float32)
        alive = np.frombuffer(self.alive, dtype=np.uint8)
        numbers: list[np.ndarray] = []
        scores: list[np.ndarray] = []
        likelihoods: list[np.ndarray] = []
        ideal = ideal_all = 0.0
        known = 0  # query terms this language has
        for term, qtf in terms.items():
            posting = self.postings.get(term)
            if posting is None:
                # Not in any article of this language: it can say nothing about which one.
                ideal_all += qtf * absent * (K1 + 1)
                continue
            # Dead postings still count in df until a rebuild: a small, temporary bias.
            df = min(len(posting), n)
            idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
            ideal += qtf * idf * (K1 + 1)
            ideal_all += qtf * idf * (K1 + 1)
            packed = np.frombuffer(posting, dtype=np.uint32)
            nums = (packed >> _TF_BITS).astype(np.int64)
            tf = (packed & _TF_MAX).astype(np.float32)
            norm = K1 * (1.0 - B + B * lengths[nums] / avg)
            numbers.append(nums)
            scores.append(qtf * idf * tf * (K1 + 1) / (tf + norm))
            # The term's share of all the language's text, as the smoothing expects it.
            background = max(float(tf.sum()), 1.0) / max(self.total_length, 1.0)
            likelihoods.append(qtf * np.log1p(tf / (MU * background)))
            known += qtf
            del packed  # releases the view, so the array may grow again
        if not numbers:
            return np.empty(0, np.int64), np.empty(0), np.empty(0), ideal, ideal_all
        all_nums = np.concatenate(numbers)
        unique, inverse = np.unique(all_nums, return_inverse=True)
        total = np.bincount(inverse, weights=np.concatenate(scores))
        likelihood = np.bincount(inverse, weights=np.concatenate(likelihoods))
        likelihood += known * np.log(MU / (lengths[unique] + MU))
        keep = alive[unique] == 1
        return unique[keep], total[keep], likelihood[keep], ideal, ideal_all


@dataclass(slots=True)
class _Change:
    article_id: int
    external_id: str
    locale: str
    revision: int
    published: bool
    terms: Counter[str] | None
    length: float


def _analyzed(a: _Row) -> _Change:
    published = a.status == ArticleStatus.published.value
    terms: Counter[str] | None = None
    length = 0.0
    if published:
        title_terms = analyze(a.title, a.locale)
        body_terms = analyze(a.body, a.locale)
        terms = Counter(body_terms)
        for t in title_terms:
            terms[t] += TITLE_WEIGHT
        length = len(body_terms) + TITLE_WEIGHT * len(title_terms)
    return _Change(a.id, a.external_id, a.locale, a.revision, published, terms, length)


@dataclass(slots=True)
class _Row:
    id: int
    external_id: str
    locale: str
    title: str
    body: str
    category: str | None
    status: str
    revision: int


_COLUMNS = (
    Article.id, Article.external_id, Article.locale, Article.title, Article.body,
    Article.category, Article.status, Article.revision,
)  # fmt: skip


class KnowledgeIndex:
    """The search index of one database in this process."""

    def __init__(self, embedder: Embedder | None) -> None:
        self.shards: dict[str, _Shard] = {}
        self.seen = -1  # max(article_revisions.id) the index reflects; -1 before the build
        self.embedder = embedder
        self.vectors: dict[int, np.ndarray] = {}  # article id -> passage vector
        # English article id -> vectors of its passages (`analysis.passages`)
        self.passages: dict[int, np.ndarray] = {}
        self.english: dict[str, int] = {}  # external id -> id of its English version
        self._lock = asyncio.Lock()
        self._embedding: asyncio.Task[None] | None = None

    # Keeping fresh

    async def refresh(self, db: AsyncSession) -> None:
        newest = await db.scalar(select(func.max(ArticleRevision.id))) or 0
        if newest == self.seen:
            return
        async with self._lock:
            newest = await db.scalar(select(func.max(ArticleRevision.id))) or 0
            if newest == self.seen:
                return
            if self.seen < 0 or newest < self.seen:
                await self._rebuild(db, newest)
                return
            changed = list(
                await db.scalars(
                    select(ArticleRevision.article_id)
                    .where(ArticleRevision.id > self.seen - OVERLAP)
                    .distinct()
                )
            )
            if len(changed) > REBUILD_AT:
                await self._rebuild(db, newest)
                return
            rows = [
                _Row(*r) for r in await db.execute(select(*_COLUMNS).where(Article.id.in_(changed)))
            ]
            await self._apply([r for r in rows if self._indexed_revision(r) != r.revision])
            self.seen = newest

    def _indexed_revision(self, row: _Row) -> int | None:
        shard = self.shards.get(row.locale)
        number = shard.by_article.get(row.id) if shard else None
        return shard.docs[number].revision if shard and number is not None else None

    async def _rebuild(self, db: AsyncSession, newest: int) -> None:
        rows: list[_Row] = []
        after = 0
        while True:
            page = [
                _Row(*r)
                for r in await db.execute(
                    select(*_COLUMNS)
                    .where(Article.status == ArticleStatus.published.value, Article.id > after)
                    .order_by(Article.id)
                    .limit(1000)
                )
            ]
            if not page:
                break
            rows.extend(page)
            after = page[-1].id

        # Analysis is CPU work (about 3 s for 10,000 articles): done off the event loop into a
        # new index, which replaces this one's shards at once. A chunk at a time, so that the
        # term counts of only one chunk are alive at any moment.
        def build() -> KnowledgeIndex:
            fresh = KnowledgeIndex(None)
            for start in range(0, len(rows), 500):
                fresh._patch([_analyzed(r) for r in rows[start : start + 500]])
            return fresh

        fresh = await asyncio.to_thread(build)
        self.shards, self.english, self.vectors, self.passages = (
            fresh.shards, fresh.english, {}, {}
        )  # fmt: skip
        self.seen = newest
        if self.embedder is not None and rows:
            # Vectors take far longer than words: BM25 answers alone until they are all there.
            self._embedding = asyncio.create_task(self._embed(rows))

    async def _embed(self, rows: Sequence[_Row]) -> None:
        assert self.embedder is not None
        for start in range(0, len(rows), 32):
            batch = rows[start : start + 32]
            vectors, pieces = await asyncio.to_thread(self._embedded, batch)
            for r, vector in zip(batch, vectors, strict=True):
                if self._indexed_revision(r) == r.revision:
                    self.vectors[r.id] = vector
                    if r.id in pieces:
                        self.passages[r.id] = pieces[r.id]
            for shard in self.shards.values():
                shard.vectors = None

    def _embedded(self, rows: Sequence[_Row]) -> tuple[list[np.ndarray], dict[int, np.ndarray]]:
        """The vectors of `rows`, and those of the English ones' passages."""
        assert self.embedder is not None
        vectors = self.embedder.passages([_passage(r) for r in rows])
        english = [(r.id, passages(r.body)) for r in rows if r.locale == DEFAULT_LANGUAGE]
        flat = self.embedder.passages([text for _, texts in english for text in texts])
        pieces: dict[int, np.ndarray] = {}
        at = 0
        for article_id, texts in english:
            if texts:
                pieces[article_id] = np.stack(flat[at : at + len(texts)])
                at += len(texts)
        return vectors, pieces

    async def embeddings_ready(self) -> None:
        """Wait until every article has its vector (the evaluation measures that state)."""
        if self._embedding is not None:
            await self._embedding

    async def _apply(self, rows: Sequence[_Row]) -> None:
        if not rows:
            return
        changes = await asyncio.to_thread(lambda: [_analyzed(r) for r in rows])
        if self.embedder is not None:
            published = [r for r in rows if r.status == ArticleStatus.published.value]
            vectors, pieces = await asyncio.to_thread(self._embedded, published)
            self.vectors.update((r.id, v) for r, v in zip(published, vectors, strict=True))
            for r in published:
                self.passages.pop(r.id, None)
            self.passages.update(pieces)
        self._patch(changes)

    def _patch(self, changes: Iterable[_Change]) -> None:
        for c in changes:
            for shard in self.shards.values():
                if c.article_id in shard.by_article:
                    shard.remove(c.article_id)
            if self.english.get(c.external_id) == c.article_id:
                del self.english[c.external_id]
            if not c.published or c.terms is None:
                self.vectors.pop(c.article_id, None)
                self.passages.pop(c.article_id, None)
                continue
            target = self.shards.get(c.locale)
            if target is None:
                target = self.shards[c.locale] = _Shard(c.locale)
            target.add(c.article_id, c.external_id, c.revision, c.terms, c.length)
            if c.locale == DEFAULT_LANGUAGE:
                self.english[c.external_id] = c.article_id
        if self.embedder is not None:
            for shard in self.shards.values():
                shard.vectors = None

    def forget(self, article_id: int) -> None:
        for shard in self.shards.values():
            shard.remove(article_id)
        self.vectors.pop(article_id, None)
        self.passages.pop(article_id, None)

    # Ranking

    def rank(
        self, q: str, locale: str, query_vector: np.ndarray | None, want: int = MAX_LIMIT + 20
    ) -> list[tuple[int, float, float, float]]:
        """(article id, score, confidence, coverage) of the best `want` matches in one
        language, best first. Coverage is what ranks the hits of several languages together:
        the share of the whole query the article matched."""
        shard = self.shards.get(locale)
        if shard is None or not shard.size:
            return []
        numbers, scores, likelihood, ideal, ideal_all = shard.score(Counter(analyze(q, locale)))
        lexical = scores / ideal if ideal > 0 else scores
        coverage = scores / ideal_all if ideal_all > 0 else scores
        if query_vector is None or not self._has_vectors(shard):
            # BM25's share of its best says how much of the question an article answers (the
            # confidence); the query likelihood puts the matches in a better order (docs/
            # evaluation.md). Character 4-grams make most articles of a language match a
            # little; only the best few become Python objects (a partial sort, in numpy).
            matched = np.flatnonzero(lexical >= MATCH_FLOOR)
            if len(matched) > want:
                top = matched[np.argpartition(-likelihood[matched], want)[:want]]
            else:
                top = matched
            order = top[np.argsort(-likelihood[top], kind="stable")]
            if not len(order):
                return []
            # Against the best of the other matches in query likelihood (for the top hit: the
            # runner-up, `order` being in that order); with no other match, a lead as large as
            # it gets. Only the hits returned are scored, whatever the number of matches.
            runner = np.full(len(order), order[0])
            runner[0] = order[1] if len(order) > 1 else -1
            runner_lexical = np.where(runner >= 0, lexical[runner], 0.0)
            lead = np.where(runner >= 0, likelihood[order] - likelihood[runner], MARGIN_CAP)
            bm25_first = (order == matched[np.argmax(scores[matched])]).astype(float)
            confidence = _calibrated(
                _BM25_MODEL,
                lexical[order],
                coverage[order],
                lexical[order] - runner_lexical,
                np.minimum(lead, MARGIN_CAP),
                bm25_first,
                runner_lexical,
            )
            return [
                (
                    shard.docs[numbers[i]].article_id,
                    float(likelihood[i]),
                    float(c),
                    float(coverage[i]),
                )
                for i, c in zip(order, confidence, strict=True)
            ]
        live, own, english, pieces, starts, translations = self._shard_vectors(shard)
        blended = (_dot(own, query_vector) + _dot(english, query_vector)) / 2
        # The English version's best passage: a long answer's vector averages all its points,
        # and the question is often about one of them.
        passage = np.maximum.reduceat(_dot(pieces, query_vector), starts)
        # The mean cosine to every language's version of the article (a cosine is linear, so
        # that is the cosine to their mean vector): one translation can match by accident, all
        # of them rarely do.
        agreement = _dot(translations, query_vector)
        # Every live document is a candidate: a paraphrase may share no word with the query.
        bm25 = np.zeros(len(live))
        bm25[np.searchsorted(live, numbers)] = scores
        combined = _z(blended + PASSAGE_WEIGHT * passage) + LEXICAL_WEIGHT * _z(bm25)
        # The whole query's share, so that languages compare when they are ranked together.
        lexical_all = bm25 / ideal_all if ideal_all > 0 else bm25
        coverage = np.clip((blended - 0.75) / 0.2, 0, 1) * 0.7 + 0.3 * np.minimum(lexical_all, 1)
        confidence = _quadratic(
            _EMBEDDED_MODEL,
            combined,
            _margin(combined),
            blended,
            agreement,
            _is_best(agreement),
            lexical_all,
            _is_best(bm25),
            passage,
        )
        order = np.argsort(-combined, kind="stable")
        return [
            (
                shard.docs[live[i]].article_id,
                float(combined[i]),
                float(confidence[i]),
                float(coverage[i]),
            )
            for i in order
            if coverage[i] >= MATCH_FLOOR
        ]

    def _has_vectors(self, shard: _Shard) -> bool:
        return all(shard.docs[n].article_id in self.vectors for n in shard.by_article.values())

    def _shard_vectors(
        self, shard: _Shard
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        if shard.vectors is None:
            live = np.array(sorted(shard.by_article.values()), dtype=np.int64)
            ids = [shard.docs[n].article_id for n in live]
            english_ids = [
                self.english.get(shard.docs[n].external_id, i)
                for n, i in zip(live, ids, strict=True)
            ]
            own = np.stack([self.vectors[i] for i in ids])
            english = np.stack(
                [self.vectors.get(e, own_i) for e, own_i in zip(english_ids, own, strict=True)]
            )
            # Without passages (no English version, or not embedded yet) the whole English
            # vector stands in for its one passage.
            pieces = [
                self.passages.get(e, english_i[None, :])
                for e, english_i in zip(english_ids, english, strict=True)
            ]
            starts = np.cumsum([0] + [len(p) for p in pieces[:-1]])
            versions = self._versions()
            translations = np.stack(
                [
                    np.mean([self.vectors[a] for a in versions[shard.docs[n].external_id]], axis=0)
                    for n in live
                ]
            )
            shard.vectors = (live, own, english, np.concatenate(pieces), starts, translations)
        return shard.vectors

    def _versions(self) -> dict[str, list[int]]:
        """external id -> the ids of its published versions that have a vector, every
        language."""
        versions: dict[str, list[int]] = {}
        for shard in self.shards.values():
            for n in shard.by_article.values():
                doc = shard.docs[n]
                if doc.article_id in self.vectors:
                    versions.setdefault(doc.external_id, []).append(doc.article_id)
        return versions


def _dot(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """matrix @ vector without BLAS: OpenBLAS spreads a product this small over its threads,
    and on a busy machine waking them took 8 ms where the product itself takes 0.1."""
    out: np.ndarray = np.einsum("ij,j->i", matrix, vector)
    return out


# The answer models: an intercept and one weight per signal, in the order `rank` passes them.
# Fitted by logistic regression (scikit-learn, C = 1) on the bitcoin_faq dev questions, asked
# of their own language's articles, with 1,140 off-topic questions as negatives; the threshold
# was chosen on five-fold cross-validation grouped by article (docs/evaluation.md), and the
# intercept shifted so that it falls at CONFIDENT.
# BM25: lexical share, coverage of the whole question, lead over the best other match's
# lexical share, lead in query likelihood (capped), whether BM25 ranks it first too, the best
# other match's lexical share.
_BM25_MODEL = (-4.083, (2.755, 2.846, 2.017, 0.17, -0.536, 0.738))
# Embeddings: the combined score (a z-score), its lead over the best other, the mean cosine to
# the article and its English version, the mean cosine to all its translations, whether that
# mean ranks it first too, BM25's share of the whole question, whether BM25 ranks it first
# too, the cosine of the English version's best passage. Here the signals interact (a lead
# means more when the cosine is high), so the model is quadratic: each signal standardised
# (means, scales), then a constant, one weight per signal, and one per pair of signals (i, j)
# with i <= j in order. Cross-validated, that answered 27-29 in 100 questions rightly at about
# 4.5 wrong, where the linear one answered 24 at 4.8.
_EMBEDDED_MODEL = (
    -1.5824,
    (3.07, 0.7176, 0.8313, 0.8043, 0.4142, 0.2137, 0.3407, 0.8246),
    (0.9319, 0.8247, 0.03843, 0.03914, 0.4926, 0.2067, 0.4739, 0.03346),
    (-0.4579, 1.343, 2.066, 0.8552, 0.5515, 1.922, -0.048, -1.483),
    (
        0.1082, -0.9822, 0.02951, 0.2165, -0.06682, -0.03677, 0.2134, 0.1208, 0.5346, 1.168,
        -0.04362, 0.08917, 0.1401, 0.02445, -0.8548, -0.5715, 1.268, 1.128, -1.664, -0.2345,
        0.2334, -0.9028, -2.149, -0.03836, 0.3561, -0.2957, 0.1314, -0.1784, -0.005907, 0.5826,
        -0.25, -0.1556, 0.5218, -0.09302, -0.1118, 0.3798,
    ),
)  # fmt: skip
# A lead in query likelihood above this (or no runner-up) says nothing more.
MARGIN_CAP = 10.0


def _calibrated(model: tuple[float, tuple[float, ...]], *signals: np.ndarray) -> np.ndarray:
    intercept, weights = model
    logit = np.full(len(signals[0]), intercept)
    for weight, signal in zip(weights, signals, strict=True):
        logit += weight * signal
    out: np.ndarray = 1.0 / (1.0 + np.exp(-logit))
    return out


def _quadratic(
    model: tuple[float, tuple[float, ...], tuple[float, ...], tuple[float, ...], tuple[float, ...]],
    *signals: np.ndarray,
) -> np.ndarray:
    constant, means, scales, linear, pairs = model
    z = [(x - m) / sd for x, m, sd in zip(signals, means, scales, strict=True)]
    logit = np.full(len(signals[0]), constant)
    for weight, zi in zip(linear, z, strict=True):
        logit += weight * zi
    weights = iter(pairs)
    for i in range(len(z)):
        for j in range(i, len(z)):
            logit += next(weights) * z[i] * z[j]
    out: np.ndarray = 1.0 / (1.0 + np.exp(-logit))
    return out


def _runner_up(x: np.ndarray) -> np.ndarray:
    """For each entry, the index of the largest of the others (-1 when there are none)."""
    if len(x) < 2:
        return np.full(len(x), -1)
    order = np.argsort(-x, kind="stable")
    out = np.full(len(x), int(order[0]))
    out[order[0]] = int(order[1])
    return out


def _margin(x: np.ndarray) -> np.ndarray:
    """Each entry's lead over the best of the others (negative but for the first)."""
    if len(x) < 2:
        return np.zeros(len(x))
    out: np.ndarray = x - x[_runner_up(x)]
    return out


def _is_best(x: np.ndarray) -> np.ndarray:
    out = np.zeros(len(x))
    if len(x):
        out[int(np.argmax(x))] = 1.0
    return out


def _z(x: np.ndarray) -> np.ndarray:
    std = float(x.std())
    centred: np.ndarray = x - float(x.mean())
    return centred / std if std > 0 else centred


def _passage(row: _Row) -> str:
    """The text whose vector stands for the article. An imported article without a title has
    its body's first line for one; repeating it would weigh that line twice."""
    if row.body.lstrip().startswith(row.title.rstrip("…")):
        return row.body
    return f"{row.title}\n{row.body}"


_indexes: weakref.WeakKeyDictionary[Any, KnowledgeIndex] = weakref.WeakKeyDictionary()


def index_for(db: AsyncSession) -> KnowledgeIndex:
    """The index of the Database behind `db`, one per Database and process.

    Keyed by the Database's clock, the one object all its sessions carry: on SQLite reads and
    writes go through two engines, and the bot (searching inside a write unit) and the API (a
    read session) should share one index. Sessions made outside a Database key by engine."""
    try:
        owner: Any = clock_of(db)
    except KeyError:
        owner = db.get_bind().engine
    index = _indexes.get(owner)
    if index is None:
        index = _indexes[owner] = KnowledgeIndex(load_embedder())
    return index


# -- searching ---------------------------------------------------------------------------------


def _fallback_order(locale: str, available: Iterable[str]) -> list[str]:
    others = sorted(set(available) - {locale})
    base = base_language(locale)
    same = [lc for lc in others if base_language(lc) == base]
    english = [DEFAULT_LANGUAGE] if DEFAULT_LANGUAGE in others and base != "en" else []
    rest = [lc for lc in others if lc not in same and lc not in english]
    return same + english + rest


async def search_articles(
    db: AsyncSession, q: str, *, locale: str | None, limit: int = 5, fallback: bool = True
) -> SearchResult:
    """The published articles that best answer `q`, best first.

    `locale` is the customer's language (any form `normalize_locale` understands), or None for
    every language. With `fallback`, when nothing in that language matches, the articles of
    other languages are searched (same language in another script, English, then the rest) and
    `fallback_from` says so. Raises InvalidInput for an unsupported locale or a bad limit."""
    lang = search_locale(locale)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}")
    q = q.strip()[:MAX_QUERY_CHARS]
    if not q:
        return SearchResult([], lang)
    index, vector = await _prepared(db, q, lang)
    if lang is None:
        ranked = [hit for lc in index.shards for hit in index.rank(q, lc, vector)]
        ranked.sort(key=lambda h: -h[3])
        return SearchResult(await _hits(db, index, ranked, q, limit), None)
    items = await _hits(db, index, index.rank(q, lang, vector), q, limit)
    if items or not fallback:
        return SearchResult(items, lang)
    for other in _fallback_order(lang, index.shards):
        items = await _hits(db, index, index.rank(q, other, vector), q, limit)
        if items:
            return SearchResult(items, lang, fallback_from=lang)
    return SearchResult([], lang)


async def search_for_answer(
    db: AsyncSession, q: str, *, locale: str, limit: int = 3
) -> SearchResult:
    """What to answer `q` with: like `search_articles`, but when the best article in the
    customer's language is under CONFIDENT, the same language in its other script and then
    English are searched too, and the first whose best article reaches CONFIDENT is returned
    (with `fallback_from`, so the caller says the article is in another language). A
    knowledge base with few articles in a language (or a weak match in it) still answers from
    the English version. Otherwise the same as `search_articles(q, locale=locale)`."""
    lang = search_locale(locale)
    if lang is None:
        raise InvalidInput("a locale is needed to answer")
    q = q.strip()[:MAX_QUERY_CHARS]
    if not q:
        return SearchResult([], lang)
    index, vector = await _prepared(db, q, lang)
    items = await _hits(db, index, index.rank(q, lang, vector), q, limit)
    if items and good_enough(items):
        return SearchResult(items, lang)
    base = base_language(lang)
    others = [lc for lc in _fallback_order(lang, index.shards)
              if base_language(lc) == base or lc == DEFAULT_LANGUAGE]  # fmt: skip
    # A language with no article at all is answered from another at a lower bar: the signals
    # were fitted within one language, and across two they run lower for the same precision.
    shard = index.shards.get(lang)
    bar = CONFIDENT if shard is not None and shard.size else CROSS_CONFIDENT
    for other in others:
        found = await _hits(db, index, index.rank(q, other, vector), q, limit)
        if found and good_enough(found, bar):
            return SearchResult(found, lang, fallback_from=lang)
    if items:
        return SearchResult(items, lang)
    return await search_articles(db, q, locale=lang, limit=limit)


def good_enough(hits: Sequence[SearchHit], bar: float = CONFIDENT) -> bool:
    """Whether the first of `hits` (one language's, best first) is good enough to answer a
    customer with: its confidence reaches `bar`, or it is a clear winner."""
    if not hits:
        return False
    best = hits[0]
    if best.confidence >= bar:
        return True
    runner_up = hits[1].coverage if len(hits) > 1 else 0.0
    return best.coverage >= CLEAR_COVERAGE and best.coverage >= CLEAR_MARGIN * runner_up


async def _prepared(
    db: AsyncSession, q: str, lang: str | None
) -> tuple[KnowledgeIndex, np.ndarray | None]:
    """The current index, and the query's vector when there are embeddings and the encoder
    can read the query. Vietnamese typed without its diacritics ("nap tien mat bao lau"), as
    most Vietnamese write in chat, is not what it learnt: its vector ranked the demo's article
    on fake support above the one on deposits, where words alone find it (the search folds
    diacritics on both sides)."""
    index = index_for(db)
    await index.refresh(db)
    vector = None
    unaccented_vietnamese = lang == "vi" and q.isascii()
    if index.embedder is not None and index.vectors and not unaccented_vietnamese:
        vector = await asyncio.to_thread(index.embedder.query, q)
    return index, vector


async def _hits(
    db: AsyncSession,
    index: KnowledgeIndex,
    ranked: list[tuple[int, float, float, float]],
    q: str,
    limit: int,
) -> list[SearchHit]:
    """The first `limit` of `ranked` that are still published, read from the database."""
    hits: list[SearchHit] = []
    start = 0
    while len(hits) < limit and start < len(ranked):
        batch = ranked[start : start + limit + 5]
        start += len(batch)
        rows = {
            r.id: r
            for r in (
                _Row(*r)
                for r in await db.execute(
                    select(*_COLUMNS).where(Article.id.in_([a for a, *_ in batch]))
                )
            )
        }
        for article_id, score, confidence, coverage in batch:
            row = rows.get(article_id)
            if row is None or row.status != ArticleStatus.published.value:
                # Deleted or unpublished since the index last looked: its save will (or a
                # deletion never would) move max(revision id), so drop it now.
                index.forget(article_id)
                continue
            hits.append(
                SearchHit(
                    article_id=row.id,
                    external_id=row.external_id,
                    locale=row.locale,
                    title=row.title,
                    body=row.body,
                    category=row.category,
                    score=round(score, 4),
                    confidence=round(min(confidence, 1.0), 3),
                    coverage=round(min(coverage, 1.0), 3),
                    snippet=snippet(row.body, q, row.locale),
                )
            )
            if len(hits) == limit:
                break
    return hits


def snippet(body: str, q: str, locale: str) -> str:
    """About SNIPPET_CHARS of `body` around the first word that matches a query term, as plain
    text: a snippet is shown next to the title, so a leading heading (the title, most often)
    is left out, and Markdown marks would show as typed."""
    first, _, rest = body.strip().partition("\n")
    if first.startswith("#") and rest.strip():
        body = rest
    wanted = set(stem_words(tokens(q), locale))
    flat = plain_text(body)
    start = 0
    for begin, _end, word in word_spans(flat):
        if stem_words([word], locale)[0] in wanted:
            start = max(0, begin - SNIPPET_CHARS // 4)
            break
    if start:
        space = flat.find(" ", start, start + 20)
        start = space + 1 if space >= 0 else start
    text = flat[start : start + SNIPPET_CHARS]
    return ("…" if start else "") + text + ("…" if start + SNIPPET_CHARS < len(flat) else "")
