"""Intent classification on banking77 (77 online-banking intents) and clinc150 (150 intents
and out-of-scope questions).

Each set is trained on its `train` rows (clinc150: and `oos_train`) of dev.csv, as a company
would train on its own examples, and measured on the `test` rows (clinc150: and `oos_test`) of
the split asked for; the held-out file's training rows are never used. Every test sentence goes
through the stored model (serialised and read back), so the figures are those of `classify`.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from firstline.intents.classifier import IntentClassifier
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
    train_rows: int
    test_rows: int
    seconds: float
    metrics: dict[str, float] = field(default_factory=dict)


@dataclass
class IntentReport:
    results: list[IntentResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


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


def evaluate_intents(folder: Path, split: str = "dev") -> IntentReport:
    report = IntentReport()
    for dataset, train_splits, test_splits in (
        ("banking77", {"train"}, {"test"}),
        ("clinc150", {"train", "oos_train"}, {"test", "oos_test"}),
    ):
        dev, tested = folder / dataset / "dev.csv", folder / dataset / f"{split}.csv"
        if not dev.exists() or not tested.exists():
            absent = dev if not dev.exists() else tested
            report.skipped.append((dataset, f"{dataset}/{absent.name} is absent"))
            continue
        started = time.perf_counter()
        examples = _rows(dev, train_splits)
        trained = train(examples, out_of_scope_label=OOS)
        stored = IntentClassifier.from_bytes(trained.classifier.to_bytes())
        test = _rows(tested, test_splits)
        metrics = _measure(stored, test)
        seconds = time.perf_counter() - started
        report.results.append(IntentResult(dataset, len(examples), len(test), seconds, metrics))
    return report


def intents_table(report: IntentReport) -> str:
    lines = [
        "| data set | trained on | tested on | measure | value | target |",
        "|---|---|---|---|---|---|",
    ]
    for r in report.results:
        for name, value in r.metrics.items():
            target = TARGETS.get((r.dataset, name))
            lines.append(
                f"| {r.dataset} | {r.train_rows} | {r.test_rows} | {name} | {value:.3f} | "
                + (f"≥ {target:.2f}" if target is not None else "-")
                + " |"
            )
    for dataset, why in report.skipped:
        lines.append(f"| {dataset} | - | - | skipped: {why} | - | - |")
    return "\n".join(lines)
