"""Answers taken from an article, word for word: the bot never writes a fact of its own.

The passage is the paragraph (or list) of the article that shares the most words with the
question, cut at a sentence end when it is long; the title line is left out, since the chat
shows it with the link to the whole article.
"""

from __future__ import annotations

import re

from firstline.knowledge.markdown import plain_text
from firstline.search.text import tokens

MAX_CHARS = 700
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")


def _blocks(body: str) -> list[str]:
    """Paragraphs and lists of a Markdown body, headings dropped."""
    blocks: list[str] = []
    for raw in re.split(r"\n\s*\n", body.strip()):
        lines = [ln for ln in raw.splitlines() if not ln.lstrip().startswith("#")]
        text = "\n".join(plain_text(ln) if not _is_item(ln) else "• " + plain_text(_item(ln))
                         for ln in lines if ln.strip())  # fmt: skip
        if text.strip():
            blocks.append(text.strip())
    return blocks


def _is_item(line: str) -> bool:
    return bool(re.match(r"\s*([-*+]|\d+[.)])\s+", line))


def _item(line: str) -> str:
    return re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    out = ""
    for sentence in _SENTENCE_END.split(text):
        if out and len(out) + len(sentence) + 1 > limit:
            break
        out = f"{out} {sentence}".strip() if out and not _cjk(sentence) else out + sentence
    if not out or len(out) > limit:
        out = text[: limit - 1].rstrip() + "…"
    return out


def _cjk(text: str) -> bool:
    return bool(text) and "\u3000" <= text[0] <= "\u9fff"


def passage(body: str, question: str, *, limit: int = MAX_CHARS) -> str:
    """The part of `body` that answers `question` best, at most `limit` characters."""
    blocks = _blocks(body)
    if not blocks:
        return ""
    asked = set(tokens(question))
    best, best_score = 0, -1
    for i, block in enumerate(blocks):
        score = len(asked & set(tokens(block)))
        if score > best_score:
            best, best_score = i, score
    chosen = blocks[best]
    # A lead-in that announces a list ("Do this:") goes with the list after it.
    if chosen.endswith((":", "：")) and best + 1 < len(blocks):
        chosen = chosen + "\n" + blocks[best + 1]
    return _cut(chosen, limit)
