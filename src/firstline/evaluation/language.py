"""Language identification on tatoeba_lid: short, everyday sentences in the supported
languages, labelled with their language.

The data labels Chinese `zh` (simplified and traditional mixed), so a prediction of zh-CN or
zh-TW counts as right for it. Languages in the data that Firstline does not serve (Polish)
are reported on their own and kept out of the headline accuracy.

The sentences are typed with every accent; customers often type without them, Vietnamese most
of all. So the same sentences are measured again as people type them in chat: Vietnamese with
its diacritics removed (its own target), Turkish with its letters replaced by plain ones, and
the other Latin-script languages without their accents.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from firstline.core.i18n import CATALOGS, arguments, t
from firstline.core.language import SUPPORTED_LANGUAGES, detect_language

UNACCENTED_TARGET = 0.95  # for Vietnamese without its diacritics


@dataclass
class Variant:
    """The same sentences of some languages, rewritten as people type them."""

    name: str
    languages: frozenset[str]
    rewrite: Callable[[str], str]
    target: float | None = None


@dataclass
class VariantResult:
    variant: Variant
    right: int = 0
    total: int = 0
    confused: Counter[str] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return self.right / max(1, self.total)


@dataclass
class LanguageResult:
    rows: int = 0
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    confused: Counter[tuple[str, str]] = field(default_factory=Counter)
    unsupported: Counter[str] = field(default_factory=Counter)
    variants: list[VariantResult] = field(default_factory=list)
    cpu_seconds: float = 0.0  # detecting the sentences as written, CPU time of this process

    @property
    def accuracy(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.total.values()))


# đ and the Turkish dotless ı are letters of their own, not a letter with a mark.
_PLAIN = str.maketrans({"đ": "d", "Đ": "D", "ı": "i"})


def without_diacritics(text: str) -> str:
    """`text` as typed on a keyboard without the language's layout: every mark dropped."""
    decomposed = unicodedata.normalize("NFD", text.translate(_PLAIN))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


VARIANTS = (
    Variant("vi without diacritics", frozenset({"vi"}), without_diacritics, UNACCENTED_TARGET),
    Variant("tr without ı ş ğ ç ö ü", frozenset({"tr"}), without_diacritics),
    Variant(
        "de es fr it pt without accents",
        frozenset({"de", "es", "fr", "it", "pt"}),
        without_diacritics,
    ),
)
# Firstline's own sentences (what the bot, chat and help center say), written apart from any
# test set: a second check of the unaccented Vietnamese target on text it was not tuned on.
_CUSTOMER_DOMAINS = ("bot", "chat", "conversations", "flows", "knowledge", "recovery")
_PLACEHOLDER = re.compile(r"<[^>]*>|\d+")
_SAMPLE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def product_sentences(language: str) -> list[str]:
    """Firstline's own sentences in `language` of three words or more, from the message
    catalogs customers read: each formatted with its arguments empty (a count of 5, for the
    plural form most words take), then numbers and markup taken out."""
    found: set[str] = set()
    for domain in _CUSTOMER_DOMAINS:
        for name, pattern in CATALOGS.messages(language, domain).items():
            args = {arg: _sample(kind) for arg, kind in arguments(pattern).items()}
            text = _PLACEHOLDER.sub(" ", t(f"{domain}.{name}", language, **args))
            plain = " ".join(text.split())
            if len(plain.split()) >= 3:
                found.add(plain)
    return sorted(found)


def _sample(kind: str) -> object:
    if kind in ("plural", "selectordinal", "number"):
        return 5
    if kind in ("date", "time"):
        return _SAMPLE_DATE
    return "other" if kind == "select" else ""


def _served(label: str) -> bool:
    return label == "zh" or label in SUPPORTED_LANGUAGES


def _as_label(predicted: str) -> str:
    return "zh" if predicted.startswith("zh") else predicted


def evaluate_language(folder: Path, split: str = "dev") -> LanguageResult:
    path = folder / "tatoeba_lid" / f"{split}.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found; pass the evaldata folder")
    result = LanguageResult(variants=[VariantResult(v) for v in VARIANTS])
    detect_language("warm-up: load the model before the clock runs")
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            label = row["lang"]
            started = time.process_time()
            predicted = detect_language(row["text"]).language
            result.cpu_seconds += time.process_time() - started
            result.rows += 1
            if not _served(label):
                result.unsupported[label] += 1
                continue
            result.total[label] += 1
            if _as_label(predicted) == label:
                result.right[label] += 1
            else:
                result.confused[(label, predicted)] += 1
            for variant in result.variants:
                if label not in variant.variant.languages:
                    continue
                guess = detect_language(variant.variant.rewrite(row["text"])).language
                variant.total += 1
                if _as_label(guess) == label:
                    variant.right += 1
                else:
                    variant.confused[guess] += 1
    own = VariantResult(
        Variant(
            "vi without diacritics, Firstline's own sentences",
            frozenset({"vi"}),
            without_diacritics,
            UNACCENTED_TARGET,
        )
    )
    for text in product_sentences("vi"):
        guess = detect_language(own.variant.rewrite(text)).language
        own.total += 1
        if guess == "vi":
            own.right += 1
        else:
            own.confused[guess] += 1
    result.variants.append(own)
    return result


def language_table(result: LanguageResult) -> str:
    lines = ["| language | sentences | accuracy |", "|---|---|---|"]
    for label in sorted(result.total):
        n = result.total[label]
        lines.append(f"| {label} | {n} | {result.right[label] / n:.3f} |")
    total = sum(result.total.values())
    lines.append(f"| **all {len(result.total)} served** | {total} | **{result.accuracy:.3f}** |")
    for label, n in sorted(result.unsupported.items()):
        lines.append(f"| {label} (not served) | {n} | - |")
    if result.confused:
        worst = ", ".join(
            f"{gold}→{guess} {n}" for (gold, guess), n in result.confused.most_common(5)
        )
        lines.append("")
        lines.append(f"Most frequent confusions: {worst}.")
    if result.rows:
        lines.append("")
        lines.append(
            f"Detection took {result.cpu_seconds / result.rows * 1e6:.0f} µs a sentence "
            "(CPU time, the sentences as written)."
        )
    measured = [v for v in result.variants if v.total]
    if measured:
        lines += ["", "As typed in chat, diacritics removed:", ""]
        lines += ["| variant | sentences | accuracy | target |", "|---|---|---|---|"]
        for v in measured:
            target = "-"
            if v.variant.target is not None:
                met = "met" if v.accuracy >= v.variant.target else "**not met**"
                target = f"{v.variant.target:.2f} ({met})"
            lines.append(f"| {v.variant.name} | {v.total} | {v.accuracy:.3f} | {target} |")
        misread = [
            f"{v.variant.name}: " + ", ".join(f"{g} {n}" for g, n in v.confused.most_common(3))
            for v in measured
            if v.confused
        ]
        if misread:
            lines += ["", f"Misread as: {'; '.join(misread)}."]
    return "\n".join(lines)
