"""Learning an intent classifier from labelled examples (a CSV file, or rows in memory).

A linear SVM over the views of `classifier` (C = 0.5; WordLlama's view weighted 2, or 1 next to
multilingual-e5-small's weighted 4: tuned on banking77's cross-validation and clinc150's
validation rows). The softmax temperature (least log loss) and the out-of-scope threshold are
chosen on scores of examples the model did not learn from: the validation examples when there
are some, scored by the final model; otherwise the training examples split in up to three
stratified folds, each scored by a model trained on the others. The threshold is

- with out-of-scope examples, the lowest that catches RECALL_GOAL of them (on clinc150, new
  questions got 0.76 to 0.87 of them: docs/evaluation.md), or, when none does, the one that
  maximises the mean of in-scope accuracy and out-of-scope recall;
- without, the one that maximises right answers minus wrong answers among those kept: an answer
  survives when it is more often right than wrong at its confidence.
"""

from __future__ import annotations

import csv
import time
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from firstline.core.errors import InvalidInput
from firstline.intents.classifier import VIEWS, IntentClassifier, View, decide
from firstline.intents.embedding import SentenceEncoder, get_embedder, get_sentence_encoder
from firstline.search.text import tokens

C = 0.5
DENSE_WEIGHT = 2.0
# With the sentence embedding, WordLlama's averaged tokens have less to add.
DENSE_WEIGHT_WITH_SENTENCE = 1.0
SENTENCE_WEIGHT = 4.0
MAX_FOLDS = 3
RECALL_GOAL = 0.85
MAX_TEXT = 10_000
MAX_EXAMPLES = 200_000
# Terms seen once are mostly typos; with few examples, though, every term counts.
MIN_DF_FROM = 500


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    label: str


@dataclass
class Trained:
    classifier: IntentClassifier
    examples: int
    intents: int
    out_of_scope_examples: int
    metrics: dict[str, Any] = field(default_factory=dict)


def read_examples(path: Path, text_column: str, label_column: str) -> list[Example]:
    """The rows of a CSV file (UTF-8, header line first); every problem names its line."""
    if not path.exists():
        raise InvalidInput(f"{path}: no such file")
    if not path.is_file():
        raise InvalidInput(f"{path} is not a file")
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            columns = reader.fieldnames or []
            missing = [c for c in (text_column, label_column) if c not in columns]
            if missing:
                raise InvalidInput(
                    f"{path.name}: no column {missing[0]!r}; the header has "
                    f"{', '.join(repr(c) for c in columns) or 'nothing'}"
                )
            examples: list[Example] = []
            for row in reader:
                line = reader.line_num
                text = (row.get(text_column) or "").strip()
                label = (row.get(label_column) or "").strip()
                if not text:
                    raise InvalidInput(f"{path.name} line {line}: the text is empty")
                if not label:
                    raise InvalidInput(f"{path.name} line {line}: the label is empty")
                if len(text) > MAX_TEXT:
                    raise InvalidInput(
                        f"{path.name} line {line}: the text is longer than {MAX_TEXT} characters"
                    )
                examples.append(Example(text, label))
                if len(examples) > MAX_EXAMPLES:
                    raise InvalidInput(f"{path.name}: more than {MAX_EXAMPLES} examples")
    except UnicodeDecodeError:
        raise InvalidInput(f"{path.name} is not UTF-8 text") from None
    except csv.Error as exc:
        raise InvalidInput(f"{path.name}: not a readable CSV file ({exc})") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read it ({exc.strerror})") from None
    return examples


def check_examples(examples: Sequence[Example], out_of_scope_label: str | None) -> None:
    counts = Counter(e.label for e in examples)
    intents = [label for label in counts if label != out_of_scope_label]
    if len(intents) < 2:
        raise InvalidInput(
            f"the examples have {len(intents)} intent label(s); a classifier needs at least 2"
        )
    few = sorted(label for label, n in counts.items() if n < 2)
    if few:
        raise InvalidInput(
            f"label {few[0]!r} has one example; every label needs at least 2"
            + (f" ({len(few)} labels have only one)" if len(few) > 1 else "")
        )


def _fit_views(
    words: list[list[str]], rows: NDArray[np.int64], min_df: int
) -> dict[str, TfidfVectorizer]:
    fitted = {}
    for name, analyzer in VIEWS.items():
        vectorizer = TfidfVectorizer(
            analyzer=analyzer,
            sublinear_tf=True,
            min_df=1 if name == "word" else min_df,
            dtype=np.float32,
        )
        try:
            vectorizer.fit([words[i] for i in rows])
        except ValueError:  # no term is frequent enough (tiny or single-word examples)
            continue
        fitted[name] = vectorizer
    if not fitted:
        raise InvalidInput("the examples have no words to learn from")
    return fitted


@dataclass
class Features:
    """Every example's words and dense views, with the weight each dense view is scaled by."""

    words: list[list[str]]
    dense: list[tuple[NDArray[np.float32], float]]


def _features(texts: list[str], encoder: SentenceEncoder | None) -> Features:
    words = [tokens(t) for t in texts]
    if encoder is None:
        return Features(words, [(get_embedder().embed_many(texts), DENSE_WEIGHT)])
    return Features(
        words,
        [
            (get_embedder().embed_many(texts), DENSE_WEIGHT_WITH_SENTENCE),
            (encoder.embed_many(texts), SENTENCE_WEIGHT),
        ],
    )


def _matrix(
    views: dict[str, TfidfVectorizer], features: Features, rows: NDArray[np.int64]
) -> sp.csr_matrix:
    words = features.words
    blocks = [v.transform([words[i] for i in rows]) for v in views.values()]
    dense = [sp.csr_matrix(values[rows] * weight) for values, weight in features.dense]
    return sp.hstack([*blocks, *dense]).tocsr()


def _svm(x: sp.csr_matrix, y: NDArray[np.str_]) -> LinearSVC:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return LinearSVC(C=C, max_iter=2000, random_state=0).fit(x, y)


def _scores(svm: LinearSVC, x: sp.csr_matrix) -> NDArray[np.float32]:
    s = np.asarray(svm.decision_function(x), dtype=np.float32)
    if s.ndim == 1:  # two labels: one score for the second; split it evenly
        s = np.stack([-s / 2, s / 2], axis=1)
    return s


def _temperature(scores: NDArray[np.float32], truth: NDArray[np.int64]) -> float:
    best, best_loss = 1.0, float("inf")
    for t in np.geomspace(0.02, 5.0, 60):
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        loss = -float(log_p[np.arange(len(truth)), truth].mean())
        if loss < best_loss:
            best, best_loss = float(t), loss
    return best


def _threshold(
    scores: NDArray[np.float32],
    truth: NDArray[np.int64],
    temperature: float,
    oos: int | None,
) -> tuple[float, dict[str, float]]:
    in_scope = truth != oos if oos is not None else np.ones(len(truth), dtype=bool)
    has_oos = oos is not None and bool((~in_scope).any())
    best_value, best_at, best_stats = -np.inf, 0.0, {}
    for th in np.linspace(0.0, 0.95, 96):
        label, _, rejected = decide(scores, temperature, float(th), oos)
        right = (label == truth) & ~rejected & in_scope
        accuracy = float(right[in_scope].mean())
        stats = {"in_scope_accuracy": accuracy}
        if has_oos:
            recall = float(rejected[~in_scope].mean())
            stats["out_of_scope_recall"] = recall
            if recall >= RECALL_GOAL:
                return float(th), stats
            value = (accuracy + recall) / 2
        else:
            wrong = ~rejected & in_scope & ~right
            value = float(right.sum() - wrong.sum())
        if value > best_value:
            best_value, best_at, best_stats = value, float(th), stats
    return best_at, best_stats


def _classifier(
    views: dict[str, TfidfVectorizer],
    svm: LinearSVC,
    features: Features,
    encoder: SentenceEncoder | None,
    out_of_scope_label: str | None,
    temperature: float,
    threshold: float,
) -> IntentClassifier:
    labels = [str(x) for x in svm.classes_]
    coef = np.asarray(svm.coef_, dtype=np.float32)
    intercept = np.asarray(svm.intercept_, dtype=np.float32)
    if len(labels) == 2:
        coef = np.concatenate([-coef / 2, coef / 2])
        intercept = np.concatenate([-intercept / 2, intercept / 2])
    weights = coef.T  # features x labels
    stored, start = {}, 0
    for name, vectorizer in views.items():
        vocabulary = {str(t): int(i) for t, i in vectorizer.vocabulary_.items()}
        end = start + len(vocabulary)
        stored[name] = View(
            vocabulary=vocabulary,
            idf=np.asarray(vectorizer.idf_, dtype=np.float32),
            weights=weights[start:end].astype(np.float16),
        )
        start = end
    # The dense views' weights absorb their scale, so a raw embedding is multiplied straight in.
    dense: list[NDArray[np.float32]] = []
    for values, weight in features.dense:
        end = start + values.shape[1]
        dense.append(np.ascontiguousarray(weights[start:end] * np.float32(weight)))
        start = end
    return IntentClassifier(
        labels=labels,
        out_of_scope_label=out_of_scope_label,
        threshold=threshold,
        temperature=temperature,
        views=stored,
        dense=dense[0],
        intercept=intercept,
        sentence=dense[1] if encoder is not None else None,
        sentence_encoder=encoder.name if encoder is not None else None,
        encoder=encoder,
    )


def train(
    examples: Sequence[Example],
    *,
    out_of_scope_label: str | None = "oos",
    validation: Sequence[Example] = (),
    embeddings: str | None = None,
) -> Trained:
    """Learn from `examples`; examples labelled `out_of_scope_label` teach what to refuse.
    `validation` examples (never learnt from) choose the confidence scale and the threshold;
    without them, cross-validation on `examples` does. `embeddings` is auto, on or off (see
    `embedding.get_sentence_encoder`)."""
    check_examples(examples, out_of_scope_label)
    encoder = get_sentence_encoder(embeddings)
    started = time.perf_counter()
    y = np.array([e.label for e in examples])
    counts = Counter(e.label for e in examples)
    labels = sorted(counts)
    unknown = sorted({e.label for e in validation} - set(counts))
    if unknown:
        raise InvalidInput(
            f"validation label {unknown[0]!r} is not among the training examples' labels"
        )
    features = _features([e.text for e in [*examples, *validation]], encoder)
    embedded = time.perf_counter()
    min_df = 2 if len(examples) >= MIN_DF_FROM else 1
    oos = (
        labels.index(out_of_scope_label)
        if out_of_scope_label is not None and out_of_scope_label in counts
        else None
    )

    everything = np.arange(len(examples))
    metrics: dict[str, Any] = {}
    if validation:
        views = _fit_views(features.words, everything, min_df)
        svm = _svm(_matrix(views, features, everything), y)
        held_out = _scores(svm, _matrix(views, features, np.arange(len(validation)) + len(y)))
        truth = np.searchsorted(labels, [e.label for e in validation])
        name = "validation"
        metrics["validation_examples"] = len(validation)
    else:
        truth = np.searchsorted(labels, y)
        folds = min(MAX_FOLDS, min(counts.values()))
        held_out = np.zeros((len(examples), len(labels)), dtype=np.float32)
        splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
        for fit_rows, test_rows in splitter.split(np.zeros(len(y)), y):
            fold_views = _fit_views(features.words, fit_rows, min_df)
            fold_svm = _svm(_matrix(fold_views, features, fit_rows), y[fit_rows])
            held_out[test_rows] = _scores(fold_svm, _matrix(fold_views, features, test_rows))
        views = _fit_views(features.words, everything, min_df)
        svm = _svm(_matrix(views, features, everything), y)
        name = "cv"
        metrics["folds"] = folds
    temperature = _temperature(held_out, truth)
    threshold, stats = _threshold(held_out, truth, temperature, oos)

    classifier = _classifier(views, svm, features, encoder,
                             out_of_scope_label if oos is not None else None,
                             temperature, threshold)  # fmt: skip
    metrics |= {
        f"{name}_accuracy": round(float((held_out.argmax(axis=1) == truth).mean()), 4),
        f"{name}_at_threshold": {k: round(v, 4) for k, v in stats.items()},
        "sentence_encoder": classifier.sentence_encoder,
        "embedding_seconds": round(embedded - started, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }
    return Trained(
        classifier=classifier,
        examples=len(examples),
        intents=len(classifier.intents),
        out_of_scope_examples=counts.get(out_of_scope_label, 0) if out_of_scope_label else 0,
        metrics=metrics,
    )
