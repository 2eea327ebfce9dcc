"""evaluation/screening.py on a corpus written for the test: every sentence counted per
language, each flagged one kept as an example, the demo's texts counted apart."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from firstline.demo.data import CANNED_RESPONSES, TOPICS
from firstline.demo.kb import ARTICLES
from firstline.evaluation.screening import evaluate_screening, screening_table

CORPUS = [
    {"lang": "en", "body": "Keep your private key offline. Never share your seed phrase. "
     "A strong password protects your wallet."},
    # One sentence that does ask, planted among ordinary ones: the only false positive.
    {"lang": "en", "body": "Backups matter. Please send us your seed phrase to verify the wallet."},
    {"lang": "ru", "body": "Никому не сообщайте пароль. Храните фразу восстановления офлайн."},
    {"lang": "zh", "body": "私钥就是您对资产的控制权。请妥善保管助记词。"},
]  # fmt: skip


@pytest.fixture
def evaldata(tmp_path: Path) -> Path:
    folder = tmp_path / "bitcoin_faq"
    folder.mkdir()
    lines = [orjson.dumps(doc) for doc in CORPUS]
    (folder / "corpus.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return tmp_path


def test_every_sentence_is_counted_and_each_flag_kept(evaldata: Path) -> None:
    demo = {
        "demo agent replies": [
            t["agent_reply"][lang] for t in TOPICS.values() for lang in t["agent_reply"]
        ]
        + [body for replies in CANNED_RESPONSES.values() for _, body in replies.values()],
        "demo articles": [article["body"] for article in ARTICLES],
    }
    result = evaluate_screening(evaldata, others=demo)

    counts = {lang: (c.sentences, c.flagged) for lang, c in result.languages.items()}
    assert counts == {"en": (5, 1), "ru": (2, 0), "zh": (2, 0)}
    assert [(e.source, e.kind) for e in result.examples] == [("en", "seed_phrase")]
    assert result.examples[0].sentence == "Please send us your seed phrase to verify the wallet."
    assert result.total.sentences == 9 and result.total.flagged == 1
    assert result.bodies == 4 and result.cpu_seconds >= 0
    # Firstline's own lines and the demo's texts are measured too, and none of them asks.
    assert set(result.others) == {"Firstline's own lines", *demo}
    assert all(c.sentences > 0 and c.flagged == 0 for c in result.others.values())

    table = screening_table(result)
    assert "| en | 5 | 1 | 20.00% (over target) |" in table
    assert "| ru | 2 | 0 | 0.00% |" in table
    assert "| **all 3** | 9 | 1 | **11.11%** |" in table
    assert "- en, seed_phrase: Please send us your seed phrase to verify the wallet." in table


def test_a_missing_corpus_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="bitcoin_faq"):
        evaluate_screening(tmp_path)
