"""An optional scorer from multilingual sentence embeddings (sentence-transformers; LaBSE is the
usual model), following Bertalign (Liu & Zhu 2022): each sentence is embedded, every source
sentence proposes its top-k target sentences by cosine, the best monotone chain through those
candidates draws the band, and the DP runs over the band with the embedding rows as dense features
beside the lexical ones (the cosine of a bead is taken over both, see `scorers.combine`).

    from lvterm.align import align
    from lvterm.align.embed import EmbeddingScorer
    from lvterm.align.scorers import default_scorers

    align(lv, en, src_lang="lv", tgt_lang="en",
          scorers=default_scorers() + [EmbeddingScorer(model="sentence-transformers/LaBSE")])

`lvterm align SRC TGT --scorer embed --model PATH_OR_NAME` does the same. sentence-transformers
(and torch) are an extra, `pip install 'lvterm[neural]'`, imported only when a model is loaded;
without them the scorer says so in one line. A model is loaded once per process.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..errors import InputError
from .scorers import Doc, Entries

INSTALL_HINT = "pip install 'lvterm[neural]'"


@lru_cache(maxsize=2)
def load_model(model: str, *, device: str = "cpu"):
    """The SentenceTransformer at a local path or a name on the Hugging Face hub (cached)."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise InputError(f"the embedding scorer needs sentence-transformers: {INSTALL_HINT}") from None
    try:
        return SentenceTransformer(os.fspath(model), device=device)
    except Exception as exc:  # a missing path, no network for a hub name, a folder that is no model
        raise InputError(f"cannot load the sentence embedding model {model!r}: {exc}".splitlines()[0]) from None


@dataclass
class EmbeddingScorer:
    """Dense sentence embeddings as features, with Bertalign's top-k candidates.

    `model`: a local path or a hub name (sentence-transformers). `weight`: the length of each
    embedding row among the features; lexical feature vectors are about 15-30 long, so the default
    gives both kinds of evidence a similar say. `top_k`: candidates per source sentence;
    `window`: they are looked for within this many sentences of the diagonal (None: at least 50,
    or a tenth of the longer document). `batch_size`: sentences per encoder batch.
    """

    model: str
    name: str = "embed"
    weight: float = 20.0
    top_k: int = 3
    window: int | None = None
    batch_size: int = 64
    idf: bool = False  # dense rows are used as they are, not tf-idf weighted
    encoder: object = field(default=None, repr=False)  # a loaded model (tests pass one in)

    def embed(self, sentences: list[str]) -> np.ndarray:
        """Unit-length embeddings of the sentences, (len(sentences), dimension) float32."""
        model = self.encoder if self.encoder is not None else load_model(self.model)
        if not sentences:
            size = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            return np.zeros((0, int(size() or 0)), np.float32)
        out = model.encode(list(sentences), batch_size=self.batch_size, convert_to_numpy=True,
                           normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(out, np.float32)

    def _both(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """Both sides' embeddings, centred on their joint mean and renormalised (unrelated sentences
        then score about 0 rather than the model's usual 0.2-0.4); cached on the document pair."""
        key = ("embeddings", self.model, id(self.encoder))
        if key not in doc.cache:
            ex, ey = self.embed(list(doc.src)), self.embed(list(doc.tgt))
            if len(ex) and len(ey):
                mean = np.concatenate([ex, ey]).mean(axis=0)
                ex, ey = ex - mean, ey - mean
                ex /= np.maximum(np.linalg.norm(ex, axis=1, keepdims=True), 1e-6)
                ey /= np.maximum(np.linalg.norm(ey, axis=1, keepdims=True), 1e-6)
            doc.cache[key] = (ex, ey)
        return doc.cache[key]

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        ex, ey = self._both(doc)
        dim = ex.shape[1] if ex.ndim == 2 else 0
        if not dim:
            return Entries.empty(), Entries.empty()
        ids = doc.ids([f"e:{self.name}:{k}" for k in range(dim)])  # one feature id per dimension

        def side(e: np.ndarray) -> Entries:
            n = len(e)
            return Entries(np.repeat(np.arange(n, dtype=np.int64), dim), np.tile(ids, n),
                           (self.weight * e).ravel().astype(np.float64))

        return side(ex), side(ey)

    def candidates(self, doc: Doc) -> tuple[np.ndarray, np.ndarray]:
        """Each source sentence's `top_k` target sentences by cosine, near the diagonal:
        (pairs as an int array of (source, target) rows, their cosines)."""
        ex, ey = self._both(doc)
        n, m = len(ex), len(ey)
        if not n or not m:
            return np.zeros((0, 2), np.int64), np.zeros(0)
        window = self.window if self.window is not None else max(50, max(n, m) // 10)
        k = min(self.top_k, m)
        pairs, scores = [], []
        for start in range(0, n, 256):  # blocks of source sentences against their window
            rows = np.arange(start, min(n, start + 256))
            centre = (rows * (m / n)).astype(np.int64)
            lo = max(0, int(centre.min()) - window)
            hi = min(m, int(centre.max()) + window + 1)
            sims = ex[rows] @ ey[lo:hi].T
            cols = np.arange(lo, hi)
            far = np.abs(cols[None, :] - centre[:, None]) > window
            sims[far] = -np.inf
            kk = min(k, hi - lo)
            top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
            val = np.take_along_axis(sims, top, axis=1)
            keep = np.isfinite(val)
            pairs.append(np.column_stack([np.repeat(rows, kk)[keep.ravel()], (top + lo).ravel()[keep.ravel()]]))
            scores.append(val[keep])
        return np.concatenate(pairs).astype(np.int64), np.concatenate(scores).astype(float)
