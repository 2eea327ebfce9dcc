"""Searching the knowledge base: GET /api/v1/kb/search and `search_articles`, which the bot and
the help center call. The endpoint is public (published articles only), so these tests use
the `api` client without a token."""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
from sqlalchemy import select

from firstline.core.db import Database
from firstline.evaluation.retrieval import evaluate_retrieval, retrieval_table
from firstline.knowledge.actions import do_delete_article, do_save_article
from firstline.knowledge.analysis import passages
from firstline.knowledge.models import Article
from firstline.knowledge.search import index_for, search_articles
from firstline.search.text import tokens
from tests.conftest import World
from tests.test_cli import firstline

ARTICLES = [
    ("withdrawal-pending", "en", "Withdrawal pending",
     "Your withdrawal waits for network confirmations before it is sent."),
    ("enable-2fa", "en", "Turn on two-factor authentication",
     "Open Security and scan the QR code with an authenticator app."),
    ("withdrawal-pending", "de", "Auszahlung ausstehend",
     "Ihre Auszahlung wartet auf Bestätigungen des Netzwerks."),
    ("withdrawal-pending", "zh-CN", "提现处理中", "您的提现正在等待区块确认，请耐心等待。"),
    ("withdrawal-pending", "ja", "出金処理中", "出金はネットワークの承認を待っています。"),
    ("deposit-missing", "th", "ยอดฝากยังไม่เข้า", "การฝากเงินของคุณกำลังรอการยืนยันจากเครือข่าย"),
    ("deposit-missing", "vi", "Nạp tiền chưa về", "Khoản nạp tiền của bạn đang chờ xác nhận."),
    ("deposit-missing", "pt", "Depósito não chegou", "Seu depósito aguarda confirmações da rede."),
]  # fmt: skip


async def _save(
    db: Database, external_id: str, locale: str, title: str, body: str, status: str = "published"
) -> None:
    async with db.transaction() as s:
        await do_save_article(
            s, external_id=external_id, locale=locale, title=title, body=body, category=None,
            status=status, acting_agent_id=None,
        )  # fmt: skip


@pytest.fixture
async def articles(db: Database) -> None:
    for external_id, locale, title, body in ARTICLES:
        await _save(db, external_id, locale, title, body)
    await _save(db, "secret-draft", "en", "Upcoming listing", "Zebracoin lists tomorrow.", "draft")


async def _search(api: httpx.AsyncClient, q: str, locale: str | None = None) -> dict[str, Any]:
    params = {"q": q} | ({"locale": locale} if locale else {})
    r = await api.get("/api/v1/kb/search", params=params)
    assert r.status_code == 200, r.text
    found: dict[str, Any] = r.json()
    return found


@pytest.mark.parametrize(
    ("q", "locale", "external_id"),
    [
        ("withdrawals", "en", "withdrawal-pending"),  # stemmed: plural finds singular
        ("confirmation", "en", "withdrawal-pending"),  # and singular finds plural
        ("2FA", "en", "enable-2fa"),  # a synonym of two-factor / authenticator
        ("Auszahlungen", "de", "withdrawal-pending"),
        ("提现", "zh-CN", "withdrawal-pending"),  # a word inside segmented text
        ("出金", "ja", "withdrawal-pending"),
        ("ฝากเงิน", "th", "deposit-missing"),
        ("nap tien", "vi", "deposit-missing"),  # Vietnamese typed without its marks
        ("deposito", "pt-BR", "deposit-missing"),  # pt-BR is searched as pt
    ],
)
async def test_finds_the_article_in_the_customers_language(
    api: httpx.AsyncClient, articles: None, q: str, locale: str, external_id: str
) -> None:
    found = await _search(api, q, locale)
    assert found["fallback"] is None
    top = found["items"][0]
    assert top["external_id"] == external_id
    assert top["locale"] == found["locale"]
    assert 0 < top["confidence"] <= 1
    assert top["snippet"]


async def test_falls_back_to_english_and_says_so(api: httpx.AsyncClient, articles: None) -> None:
    found = await _search(api, "withdrawal confirmations", "tr")
    assert found["locale"] == "tr"
    assert found["fallback"] == {"from": "tr", "to": "en"}
    assert [i["locale"] for i in found["items"]][:1] == ["en"]
    assert found["items"][0]["external_id"] == "withdrawal-pending"

    # Without a locale every language is searched, and nothing is a fallback.
    everywhere = await _search(api, "提现")
    assert (everywhere["locale"], everywhere["fallback"]) == (None, None)
    assert everywhere["items"][0]["locale"] == "zh-CN"


async def test_drafts_are_never_found(api: httpx.AsyncClient, articles: None) -> None:
    assert (await _search(api, "Zebracoin", "en"))["items"] == []
    assert (await _search(api, "Zebracoin"))["items"] == []


async def test_edits_and_deletions_show_at_once(
    api: httpx.AsyncClient, db: Database, articles: None, world: World
) -> None:
    assert (await _search(api, "confirmations", "en"))["items"]
    await _save(
        db, "withdrawal-pending", "en", "Withdrawal pending",
        "Your withdrawal is checked by our compliance team within an hour.",
    )  # fmt: skip
    assert (await _search(api, "compliance", "en"))["items"][0]["external_id"] == (
        "withdrawal-pending"
    )
    old = await _search(api, "confirmations", "en")
    assert "withdrawal-pending" not in [
        i["external_id"] for i in old["items"] if i["locale"] == "en"
    ]

    # Unpublishing and deleting take it out too.
    await _save(db, "enable-2fa", "en", "Turn on 2FA", "Scan the QR code.", "draft")
    assert (await _search(api, "QR code", "en"))["items"] == []
    async with db.transaction() as s:
        row = await s.scalar(
            select(Article).where(
                Article.external_id == "withdrawal-pending", Article.locale == "en"
            )
        )
        assert row is not None
        await do_delete_article(s, row, acting_agent_id=world.alice)
    gone = await _search(api, "compliance", "en")
    assert all(i["locale"] != "en" for i in gone["items"])


async def test_the_bot_gets_bodies_and_the_fallback(db: Database, articles: None) -> None:
    async with db.session() as s:
        result = await search_articles(s, "Auszahlung", locale="de-AT", limit=3)
        assert result.locale == "de"
        assert not result.cross_language
        assert result.items[0].body.startswith("Ihre Auszahlung")
        fallback = await search_articles(s, "withdrawal", locale="ko", limit=3)
        assert fallback.fallback_from == "ko"
        assert fallback.cross_language
        assert fallback.items[0].locale == "en"
        none = await search_articles(s, "withdrawal", locale="ko", fallback=False)
        assert none.items == [] and not none.cross_language
    # The bot searches inside a write unit (another engine on SQLite): the same index serves.
    async with db.transaction() as w:
        found = await search_articles(w, "出金", locale="ja")
        assert found.items[0].external_id == "withdrawal-pending"
        async with db.session() as r:
            assert index_for(w) is index_for(r)


class WordCounts:
    """A stand-in for the embedding model (CI does not install it): hashed words plus a part
    every text shares, so that unrelated texts are as close as e5 makes them (about 0.75)."""

    def query(self, text: str) -> np.ndarray:
        vector = np.zeros(512, dtype=np.float32)
        for word in tokens(text):
            vector[zlib.crc32(word.encode()) % 511] += 1
        norm = float(np.linalg.norm(vector))
        vector = vector / norm if norm else vector
        vector[511] = 1.7
        out: np.ndarray = vector / np.linalg.norm(vector)
        return out

    def passages(self, texts: Sequence[str]) -> list[np.ndarray]:
        return [self.query(t) for t in texts]


async def test_with_an_embedding_model_the_english_version_speaks_for_an_article(
    db: Database,
) -> None:
    for external_id, locale, title, body in [
        ("cold-storage", "en", "Cold storage",
         "Keep most of your coins offline. Sign with a hardware wallet that never shows keys."),
        ("fees", "en", "Fees", "Fees depend on the size of a transaction, not on its amount."),
        ("cold-storage", "de", "Kaltlagerung", "Bewahren Sie die meisten Münzen offline auf."),
        ("fees", "de", "Gebühren", "Die Gebühren hängen von der Größe der Transaktion ab."),
    ]:  # fmt: skip
        await _save(db, external_id, locale, title, body)
    async with db.session() as s:
        index = index_for(s)
        index.embedder = WordCounts()
        await index.refresh(s)
        await index.embeddings_ready()
        # No German article says "hardware wallet": the English version of one does.
        found = await search_articles(s, "hardware wallet", locale="de", fallback=False)
        assert [(h.external_id, h.locale) for h in found.items][:1] == [("cold-storage", "de")]
    # An edit is embedded with the rest: the answer moves to the other article.
    await _save(db, "fees", "en", "Fees", "A hardware wallet pays the same fees as any wallet.")
    async with db.session() as s:
        found = await search_articles(s, "hardware wallet fees", locale="de", fallback=False)
        assert found.items[0].external_id == "fees"


def test_long_answers_are_cut_at_sentence_ends() -> None:
    text = "First point here. " * 20 + "比特币是一种网络。它很快。"
    pieces = passages(text, size=100)
    assert len(pieces) > 3
    assert all(len(p) <= 100 for p in pieces)
    assert all(p.endswith((".", "。")) for p in pieces)
    assert " ".join(pieces).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"q": ""}, "q is empty"),
        ({"q": "   "}, "q is empty"),
        ({"q": "x" * 501}, "too long"),
        ({"q": "fees", "limit": "0"}, "limit"),
        ({"q": "fees", "limit": "51"}, "limit"),
        ({"q": "fees", "locale": "xx"}, "unsupported locale"),
    ],
)
async def test_bad_input_is_refused_with_a_reason(
    api: httpx.AsyncClient, params: dict[str, str], detail: str
) -> None:
    r = await api.get("/api/v1/kb/search", params=params)
    assert r.status_code == 422
    assert detail in r.json()["detail"]


def _bitcoin_faq(data: Path) -> None:
    (data / "bitcoin_faq").mkdir(parents=True)
    docs = [
        ("faq#fees", "en", "Fees depend on the size of the transaction, not its amount."),
        ("faq#lost", "en", "Lost bitcoins stay dormant forever; nobody can recover them."),
        ("faq#fees", "de", "Die Gebühren hängen von der Größe der Transaktion ab."),
        ("faq#lost", "de", "Verlorene Bitcoins bleiben für immer ruhend."),
        ("faq#fees", "pl", "Opłaty zależą od rozmiaru transakcji."),
    ]
    (data / "bitcoin_faq" / "corpus.jsonl").write_text(
        "".join(
            json.dumps({"doc_id": i, "lang": lc, "locale": lc, "page": "faq", "body": b}) + "\n"
            for i, lc, b in docs
        ),
        encoding="utf-8",
    )
    queries = [
        ("en", "What are the transaction fees?", "faq#fees"),
        ("en", "What happens to lost bitcoins?", "faq#lost"),
        ("de", "Wie hoch sind die Gebühren?", "faq#fees"),
        ("pl", "Jakie są opłaty?", "faq#fees"),
    ]
    (data / "bitcoin_faq" / "dev.jsonl").write_text(
        "".join(
            json.dumps({"qid": f"{lc}:{g}", "locale": lc, "query": q, "doc_id": g}) + "\n"
            for lc, q, g in queries
        ),
        encoding="utf-8",
    )


def test_eval_measures_retrieval_through_the_import_and_search(tmp_path: Path) -> None:
    data = tmp_path / "evaldata"
    (data / "tatoeba_lid").mkdir(parents=True)
    (data / "tatoeba_lid" / "dev.csv").write_text(
        "id,lang,iso639_3,text,text_en\na,de,deu,Ich möchte mein Passwort ändern,x\n",
        encoding="utf-8",
    )
    _bitcoin_faq(data)
    result = firstline("eval", str(data))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "## Knowledge-base retrieval (bitcoin_faq, dev)" in out
    assert "4 articles imported (1 Polish ones left out, with 1 queries)" in out
    assert "| en | 2 | 1.000 | 1.000 | 1.000 |" in out
    assert "| de | 1 | 1.000 | 1.000 | 1.000 |" in out
    assert "## Chat-level: the bot answering (bitcoin_faq, dev)" in out
    assert "| **all** | 3 | 1.000 | 0.000 | 0.000 | 0 |" in out


def test_eval_measures_the_bots_rule_against_off_topic_questions(tmp_path: Path) -> None:
    _bitcoin_faq(tmp_path)
    (tmp_path / "banking77").mkdir()
    (tmp_path / "banking77" / "dev.csv").write_text(
        "id,text,label,lang,orig_split\n"
        "a,Why was my card declined?,declined_card_payment,en,test\n"
        "b,Where is my new card?,card_arrival,en,test\n"
        "c,How do I top up?,top_up,en,train\n",  # training rows are not asked
        encoding="utf-8",
    )
    result = evaluate_retrieval(tmp_path)
    assert len(result.off_topic) == 2
    assert len(result.answerable) == 3  # Polish is left out
    table = retrieval_table(result)
    assert "off-topic: 2 questions asked in English" in table
    bot = next(line for line in table.splitlines() if "(the bot)" in line)
    # Each in-scope question has its own words in its article: the bot answers them all.
    assert bot.endswith("| 1.000 | 1.000 | 0.000 |")
