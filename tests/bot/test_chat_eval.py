"""`firstline eval`'s chat-level report: each question asked in a fresh chat through the chat
path, counted as answered with the right article, a wrong one, or not answered; off-topic
questions should not be answered. It runs on a split it has never seen (heldout.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

from firstline.evaluation.chat import chat_table, evaluate_chat
from tests.knowledge.test_search import _bitcoin_faq


def test_each_question_in_a_fresh_chat_counted_by_article_and_off_topic_unanswered(
    tmp_path: Path,
) -> None:
    _bitcoin_faq(tmp_path)
    # Only a held-out file, with questions the dev split never had.
    faq = tmp_path / "bitcoin_faq"
    (faq / "dev.jsonl").rename(faq / "heldout.jsonl")
    with (faq / "heldout.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"locale": "de", "query": "Wie hoch sind die Gebühren?",
                            "doc_id": "faq#lost"}) + "\n")  # fmt: skip
    (tmp_path / "clinc150").mkdir()
    (tmp_path / "clinc150" / "dev.csv").write_text(
        "text,label\nplay some jazz,oos\ncall my mum,oos\nhow do i set an alarm,alarm\n",
        encoding="utf-8",
    )
    result = evaluate_chat(tmp_path, "heldout")
    assert result.skipped_queries == 1  # Polish
    en, de = result.in_scope["en"], result.in_scope["de"]
    assert (en.right, en.wrong, en.not_answered) == (2, 0, 0)
    # The same German question twice: right for its own article, "wrong" for the other.
    assert (de.right, de.wrong, de.not_answered) == (1, 1, 0)
    assert (result.off_topic.n, result.off_topic.wrong) == (2, 0)
    table = chat_table(result)
    assert "| de | 2 | 0.500 | 0.500 | 0.000 | 0 |" in table
    assert "| **all** | 4 | 0.750 | 0.250 | 0.000 | 0 |" in table
    assert "| clinc150 out-of-scope + banking77 | 2 | 0.000 | 1.000 |" in table
