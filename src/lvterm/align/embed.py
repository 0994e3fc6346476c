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
without them the scorer says so in one line. A model is loaded once per process: a path from its
folder only, a name from the local Hugging Face cache or else (unless HF_HUB_OFFLINE) the hub, with
any failure one line naming it and the libraries' logs, warnings and (off a terminal) progress
bars kept quiet (`load_model`).
"""
from __future__ import annotations

import logging
import os
import re
import sys
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import InputError
from .scorers import Doc, Entries

INSTALL_HINT = "pip install 'lvterm[neural]'"


HUB_TIMEOUT = 10.0  # seconds for the one request that asks the hub about a name not in the cache
HUB_LOGGERS = ("huggingface_hub", "transformers", "sentence_transformers")
#: Cosine taken off a candidate at the edge of its window (proportionally nearer): only ties and
#: near-ties change order, towards the diagonal.
TIE_BREAK = 1e-3


def is_path_like(model: str) -> bool:
    """Whether `model` is meant as a folder rather than a hub name ('name' or 'owner/name'): it
    exists, starts with '.', '~' or a root, ends with a separator, or has a backslash or more
    than one '/'."""
    text = os.fspath(model)
    return (os.path.exists(text) or text.startswith((".", "~")) or os.path.isabs(text)
            or text.endswith(("/", os.sep)) or "\\" in text or text.count("/") > 1)


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _offline_by_user() -> bool:
    """The user set HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE), now or before huggingface_hub was
    imported: the hub is never asked."""
    flags = (os.environ.get("HF_HUB_OFFLINE"), os.environ.get("TRANSFORMERS_OFFLINE"))
    if any((v or "").strip().upper() in {"1", "ON", "YES", "TRUE"} for v in flags):
        return True
    try:
        from huggingface_hub import constants
    except ImportError:
        return False
    return bool(getattr(constants, "HF_HUB_OFFLINE", False))


@contextmanager
def quiet_loading(*, progress: bool):
    """While a model loads: the hub's, transformers' and sentence-transformers' log records and
    warnings are silenced (the error, if any, is our one line), and with `progress` false their
    progress bars are off. Everything is restored afterwards."""
    loggers = [logging.getLogger(name) for name in HUB_LOGGERS]
    levels = [lg.level for lg in loggers]
    restore_bars = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for lg in loggers:
                lg.setLevel(logging.CRITICAL + 1)
            restore_bars = None if progress else _progress_bars_off()
            try:
                yield
            finally:
                if restore_bars is not None:
                    restore_bars()
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


def _progress_bars_off():
    """Turn transformers' and the hub's progress bars off; returns the function that restores them."""
    try:
        from huggingface_hub.utils import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars
        from transformers.utils import logging as tf_logging
    except ImportError:
        return None
    hub_was_off = are_progress_bars_disabled()
    tf_was_on = tf_logging.is_progress_bar_enabled()
    tf_logging.disable_progress_bar()  # turns the hub's off too
    disable_progress_bars()

    def restore():
        if tf_was_on:
            tf_logging.enable_progress_bar()  # turns the hub's on too
        (disable_progress_bars if hub_was_off else enable_progress_bars)()

    return restore


@contextmanager
def hub_offline():
    """The hub's offline mode, meanwhile: with `local_files_only` alone, huggingface_hub still makes
    requests of its own (building its user-agent header asks the hub for a list of agents)."""
    try:
        from huggingface_hub import constants
    except ImportError:
        yield
        return
    was = constants.HF_HUB_OFFLINE
    constants.HF_HUB_OFFLINE = True  # what huggingface_hub.is_offline_mode() reads, at each call
    try:
        yield
    finally:
        constants.HF_HUB_OFFLINE = was


def _stderr_is_tty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@lru_cache(maxsize=2)
def load_model(model: str, *, device: str = "cpu"):
    """The SentenceTransformer in a local folder, or under a hub name (cached).

    A path-like value (`is_path_like`) must be a model folder; nothing is downloaded. A name is
    looked up in the local Hugging Face cache first, without the network; only if it is not there
    and HF_HUB_OFFLINE is not set, the hub is asked once (`HUB_TIMEOUT`), and then downloaded.
    Any failure is one `InputError` line naming the model; a value that cannot be a model is
    refused before torch is imported. Third-party logging and warnings are silenced while
    loading, and their progress bars are shown only on a terminal.
    """
    model = os.fspath(model)
    folder = model_folder(model) if is_path_like(model) else None
    if folder is None:
        _check_name(model)
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise InputError(f"the embedding scorer needs sentence-transformers: {INSTALL_HINT}") from None
    with quiet_loading(progress=_stderr_is_tty()):
        if folder is not None:
            try:
                with hub_offline():
                    return SentenceTransformer(str(folder), device=device, local_files_only=True)
            except Exception as exc:  # a broken folder: missing weights, a tokenizer it cannot read
                raise InputError(f"cannot load the sentence-transformers model folder: {_first_line(exc)}",
                                 path=model) from None
        return _load_name(SentenceTransformer, model, device=device)


def model_folder(model: str) -> Path:
    """The folder `model` names, if it looks like a sentence-transformers (or transformers) model."""
    folder = Path(model).expanduser()
    if not folder.is_dir():
        why = "no such folder" if not folder.exists() else "a file, not a folder"
        raise InputError(f"not a sentence-transformers model folder ({why})", path=model)
    if not any((folder / name).is_file() for name in ("modules.json", "config.json")):
        raise InputError("not a sentence-transformers model folder (no modules.json or config.json)", path=model)
    return folder


#: A Hugging Face repository id: 'name' or 'owner/name', of letters, digits, '-', '_' and '.', the name
#: at most 96 characters (huggingface_hub's REPO_ID_REGEX), never '--' or '..', not ending in '.git'.
_REPO_ID = re.compile(r"(?:\b[\w\-.]+\b/)?\b[\w\-.]{1,96}\b", re.ASCII)


def _check_name(model: str) -> None:
    """Refuse a name the hub could never hold ('foo bar'), before anything is loaded, with or without
    the extra installed (huggingface_hub's own check, where it is, has the same rules)."""
    try:
        from huggingface_hub.utils import validate_repo_id
    except ImportError:
        def validate_repo_id(name: str) -> None:
            if (not _REPO_ID.fullmatch(name) or "--" in name or ".." in name or name.endswith(".git")):
                raise ValueError(name)
    try:
        validate_repo_id(model)
    except ValueError:  # HFValidationError
        raise InputError("no such model folder, and not a Hugging Face model name ('name' or 'owner/name', "
                         "of letters, digits, '-', '_' and '.')", path=model) from None


def _load_name(loader, model: str, *, device: str):
    """`loader(model)` from the local cache, else (unless HF_HUB_OFFLINE) from the hub."""
    try:
        with hub_offline():
            return loader(model, device=device, local_files_only=True)
    except Exception:  # not in the cache (or cached incompletely): ask the hub, if allowed
        pass
    if _offline_by_user():
        raise InputError("not a model folder and not in the local Hugging Face cache "
                         "(HF_HUB_OFFLINE is set, so the hub was not asked)", path=model)
    from huggingface_hub import HfApi
    from huggingface_hub.utils import RepositoryNotFoundError

    try:
        HfApi().model_info(model, timeout=HUB_TIMEOUT)  # one request, no retries
    except RepositoryNotFoundError:
        raise InputError("not a model folder, not in the local Hugging Face cache, and not a model "
                         "on the Hugging Face hub (a private one needs `hf auth login`)", path=model) from None
    except Exception as exc:  # no network, a timeout, the hub unavailable
        raise InputError("not a model folder, not in the local Hugging Face cache, and the Hugging Face "
                         f"hub did not answer ({_first_line(exc)})", path=model) from None
    try:
        return loader(model, device=device)
    except Exception as exc:  # the download broke off, or the repository is no sentence model
        raise InputError(f"cannot load the sentence embedding model from the hub: {_first_line(exc)}",
                         path=model) from None


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
            off = np.abs(cols[None, :] - centre[:, None])
            # near-equal cosines go to the candidate nearer the diagonal: a document repeated in
            # itself (or boilerplate recurring) has exact ties, and a chain through shifted copies
            # would score as high as the right one
            sims -= TIE_BREAK * off / (window + 1)
            sims[off > window] = -np.inf
            kk = min(k, hi - lo)
            top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
            val = np.take_along_axis(sims, top, axis=1)
            keep = np.isfinite(val)
            pairs.append(np.column_stack([np.repeat(rows, kk)[keep.ravel()], (top + lo).ravel()[keep.ravel()]]))
            scores.append(val[keep])
        return np.concatenate(pairs).astype(np.int64), np.concatenate(scores).astype(float)
