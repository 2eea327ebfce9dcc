"""False positives of the secret screening (screening/secrets.py) on ordinary text.

bitcoin_faq is Bitcoin.org's FAQ and help pages in 15 languages: answers full of private keys,
wallets, passwords, backups and "send bitcoin to an address", none of which asks the reader
for anything. Every sentence the screening flags there is a false positive, and a false
positive holds back a bot answer or marks an agent's reply, so the rate per language is the
number to keep low. Firstline's own customer-facing lines (the message catalogs the bot, chat
and flows speak from) are measured the same way, and so are any other texts the caller passes
(the CLI passes the demo's agent replies and help-center articles: the demo sits above this
layer and is not imported here).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from firstline.core.language import SUPPORTED_LANGUAGES
from firstline.evaluation.language import product_sentences
from firstline.screening.secrets import find_secret_request, sentences

TARGET_RATE = 0.005  # flagged sentences of ordinary text, per language
EXAMPLES_PER_SOURCE = 5


@dataclass
class Count:
    sentences: int = 0
    flagged: int = 0

    @property
    def rate(self) -> float:
        return self.flagged / max(1, self.sentences)


@dataclass(frozen=True, slots=True)
class Flagged:
    source: str  # the corpus language, or the name of the other texts
    kind: str
    sentence: str


@dataclass
class ScreeningResult:
    languages: dict[str, Count] = field(default_factory=dict)  # bitcoin_faq, by its "lang"
    others: dict[str, Count] = field(default_factory=dict)  # Firstline's lines, the demo's
    examples: list[Flagged] = field(default_factory=list)
    bodies: int = 0  # bitcoin_faq documents, each screened whole as well
    cpu_seconds: float = 0.0  # screening those documents whole, CPU time of this process
    characters: int = 0

    @property
    def total(self) -> Count:
        return Count(
            sum(c.sentences for c in self.languages.values()),
            sum(c.flagged for c in self.languages.values()),
        )


def _screen(result: ScreeningResult, count: Count, source: str, text: str) -> None:
    for sentence in sentences(text):
        count.sentences += 1
        found = find_secret_request(sentence)
        if found is None:
            continue
        count.flagged += 1
        if sum(e.source == source for e in result.examples) < EXAMPLES_PER_SOURCE:
            result.examples.append(Flagged(source, found.kind, found.evidence))


def evaluate_screening(
    folder: Path, *, others: Mapping[str, Iterable[str]] | None = None
) -> ScreeningResult:
    """Screen every sentence of `folder`/bitcoin_faq/corpus.jsonl, Firstline's own
    customer-facing lines in every language, and each group of `others` (name -> texts)."""
    path = folder / "bitcoin_faq" / "corpus.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found; pass the evaldata folder")
    result = ScreeningResult()
    bodies: list[str] = []
    with path.open("rb") as f:
        for line in f:
            if not line.strip():
                continue
            doc = orjson.loads(line)
            lang, body = str(doc["lang"]), str(doc["body"])
            _screen(result, result.languages.setdefault(lang, Count()), lang, body)
            bodies.append(body)
    # The hot path screens a message whole: time that, over the same documents.
    started = time.process_time()
    for body in bodies:
        find_secret_request(body)
    result.cpu_seconds = time.process_time() - started
    result.bodies = len(bodies)
    result.characters = sum(map(len, bodies))
    own = result.others.setdefault("Firstline's own lines", Count())
    for language in SUPPORTED_LANGUAGES:
        for text in product_sentences(language):
            _screen(result, own, "Firstline's own lines", text)
    for name, texts in (others or {}).items():
        count = result.others.setdefault(name, Count())
        for text in texts:
            _screen(result, count, name, text)
    return result


def screening_table(result: ScreeningResult) -> str:
    lines = [
        "| language | sentences | flagged | false-positive rate |",
        "|---|---:|---:|---:|",
    ]
    for lang in sorted(result.languages):
        c = result.languages[lang]
        mark = "" if c.rate < TARGET_RATE else " (over target)"
        lines.append(f"| {lang} | {c.sentences} | {c.flagged} | {c.rate:.2%}{mark} |")
    total = result.total
    lines.append(
        f"| **all {len(result.languages)}** | {total.sentences} | {total.flagged} | "
        f"**{total.rate:.2%}** |"
    )
    for name, c in result.others.items():
        lines.append(f"| {name} | {c.sentences} | {c.flagged} | {c.rate:.2%} |")
    lines += ["", f"Target: under {TARGET_RATE:.1%} of the sentences of each language."]
    if result.bodies:
        per_body = result.cpu_seconds / result.bodies * 1e6
        per_300 = result.cpu_seconds / max(1, result.characters) * 300 * 1e6
        lines.append(
            f"Screening took {per_body:.0f} µs a document ({result.characters // result.bodies} "
            f"characters on average), {per_300:.0f} µs per 300 characters (CPU time)."
        )
    if result.examples:
        lines += ["", "Flagged (each one a false positive):", ""]
        lines += [f"- {e.source}, {e.kind}: {e.sentence}" for e in result.examples]
    return "\n".join(lines)
