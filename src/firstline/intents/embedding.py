"""The dense view of a text: the mean of WordLlama's token embeddings (256 numbers).

Bag-of-words features only know the words seen in training; these embeddings, distilled from a
large language model's token table, also know that "card hasn't come" and "card not arrived"
are close. They are shipped inside the `wordllama` package, and read here straight from its
files with `tokenizers` and `safetensors`: WordLlama's own loader would try to download what
it does not find, and nothing may be fetched at run time. The table is trained mostly on
English; the word and character features carry the other languages.
"""

from __future__ import annotations

import threading
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from safetensors import safe_open
from tokenizers import Tokenizer

from firstline.core.errors import Unavailable

EMBEDDER = "wordllama-l2-supercat-256"
_WEIGHTS = "wordllama/weights/l2_supercat_256.safetensors"
_TOKENIZER = "wordllama/tokenizers/l2_supercat_tokenizer_config.json"
# A token table lookup per token: cap what one very long text costs.
MAX_TOKENS = 512

_lock = threading.Lock()
_loaded: Embedder | None = None


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
