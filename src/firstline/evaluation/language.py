"""Language identification on tatoeba_lid: short, everyday sentences in the supported
languages, labelled with their language.

The data labels Chinese `zh` (simplified and traditional mixed), so a prediction of zh-CN or
zh-TW counts as right for it. Languages in the data that Firstline does not serve (Polish)
are reported on their own and kept out of the headline accuracy.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from firstline.core.language import SUPPORTED_LANGUAGES, detect_language


@dataclass
class LanguageResult:
    rows: int = 0
    right: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    confused: Counter[tuple[str, str]] = field(default_factory=Counter)
    unsupported: Counter[str] = field(default_factory=Counter)

    @property
    def accuracy(self) -> float:
        return sum(self.right.values()) / max(1, sum(self.total.values()))


def _served(label: str) -> bool:
    return label == "zh" or label in SUPPORTED_LANGUAGES


def evaluate_language(folder: Path, split: str = "dev") -> LanguageResult:
    path = folder / "tatoeba_lid" / f"{split}.csv"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found; pass the evaldata folder")
    result = LanguageResult()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            label = row["lang"]
            predicted = detect_language(row["text"]).language
            result.rows += 1
            if not _served(label):
                result.unsupported[label] += 1
                continue
            as_label = "zh" if predicted.startswith("zh") else predicted
            result.total[label] += 1
            if as_label == label:
                result.right[label] += 1
            else:
                result.confused[(label, predicted)] += 1
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
    return "\n".join(lines)
