"""Turning text into search tokens, the same way for what is indexed and what is asked.

ICU's word break iterator segments every script: spaces and punctuation for most, and
dictionaries for the scripts written without spaces (Chinese, Japanese, Thai, Khmer, Lao,
Burmese). Tokens are case-folded and, for Latin letters, stripped of diacritics, so that
"nap tien" finds "nạp tiền" (customers often type Vietnamese without its marks) while Thai
vowel signs, which are combining marks too, are kept.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass

import icu  # type: ignore[import-untyped]

MAX_QUERY_CHARS = 200
_WORD_STATUS = 100  # UBRK_WORD_NUMBER and above: numbers, letters, kana, ideographs
_local = threading.local()


def _iterator() -> icu.BreakIterator:
    it = getattr(_local, "iterator", None)
    if it is None:
        it = _local.iterator = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    return it


def _fold(token: str) -> str:
    token = unicodedata.normalize("NFKC", token).casefold()
    if token.isascii():
        return token
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", token):
        if unicodedata.combining(ch) and out and out[-1].isascii():
            continue  # a diacritic on a Latin letter
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).replace("đ", "d").replace("ı", "i")


def _spaceless(token: str) -> bool:
    """True for tokens of scripts written without spaces (their words are dictionary cuts)."""
    ch = token[0]
    return ("\u0e00" <= ch <= "\u0eff" or "\u1000" <= ch <= "\u109f"
            or "\u1780" <= ch <= "\u17ff" or "\u3040" <= ch <= "\u30ff"
            or "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")  # fmt: skip


def tokens(text: str) -> list[str]:
    it = _iterator()
    it.setText(text)
    out: list[str] = []
    start = it.first()
    for end in it:
        if it.getRuleStatus() >= _WORD_STATUS:
            folded = _fold(text[start:end])
            if folded:
                out.append(folded)
        start = end
    return out


def index_text(text: str) -> str:
    """The text to index: tokens separated by spaces."""
    return " ".join(tokens(text))


@dataclass(frozen=True)
class Query:
    """A search as groups of tokens: every group must match; the tokens of one group must be
    adjacent and in order (a word cut into pieces by a dictionary, like 充值 -> 充 值)."""

    groups: tuple[tuple[str, ...], ...]

    @property
    def words(self) -> list[str]:
        return [t for g in self.groups for t in g]

    def fts5(self) -> str:
        def quote(t: str) -> str:
            return '"' + t.replace('"', '""') + '"'

        return " AND ".join(
            quote(g[0]) if len(g) == 1 else '"' + " ".join(t.replace('"', '""') for t in g) + '"'
            for g in self.groups
        )

    def tsquery(self) -> str:
        def lexeme(t: str) -> str:
            return "'" + t.replace("\\", "\\\\").replace("'", "''") + "'"

        return " & ".join(
            lexeme(g[0]) if len(g) == 1 else "(" + " <-> ".join(map(lexeme, g)) + ")"
            for g in self.groups
        )


def parse_query(q: str) -> Query:
    """Split a query into groups: within each space-separated part, a run of spaceless-script
    tokens is one phrase, and every other token stands alone."""
    groups: list[tuple[str, ...]] = []
    for part in q[:MAX_QUERY_CHARS].split():
        run: list[str] = []
        for token in tokens(part):
            if _spaceless(token):
                run.append(token)
                continue
            if run:
                groups.append(tuple(run))
                run = []
            groups.append((token,))
        if run:
            groups.append(tuple(run))
    return Query(tuple(groups))
