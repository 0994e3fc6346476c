"""File-level entry points of the aligner: sentence files in, beads out; bead files scored."""
from __future__ import annotations

import os
from typing import Sequence

from ..errors import InputError
from ..formats.beads import read_beads, read_dictionary, read_sentences
from ..models import Bead
from .dp import align
from .evaluate import Scores, score
from .scorers import default_scorers


def align_files(src_path: str | os.PathLike, tgt_path: str | os.PathLike, *, src_lang: str, tgt_lang: str,
                dictionary_path: str | os.PathLike | None = None, model: str | None = None) -> list[Bead]:
    """Align two sentence files (one sentence a line, blank lines between paragraphs);
    `dictionary_path`: an optional TSV term list (source term, target term); `model`: a
    sentence-transformers model (path or name) whose embeddings join the lexical scorers."""
    dictionary = read_dictionary(dictionary_path) if dictionary_path else None
    src, sp = read_sentences(src_path)
    tgt, tp = read_sentences(tgt_path)
    scorers = None
    if model:
        from .embed import EmbeddingScorer, load_model

        load_model(model)  # a bad model is one error before any work
        scorers = default_scorers(dictionary=dictionary) + [EmbeddingScorer(model=model)]
    return align(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, dictionary=dictionary,
                 src_paragraphs=sp, tgt_paragraphs=tp, scorers=scorers)


def evaluate_files(test: Sequence[str], gold: Sequence[str]) -> Scores:
    """Pooled scores of test bead files against gold bead files, paired in order."""
    if len(test) != len(gold):
        raise InputError(f"got {len(test)} test files but {len(gold)} gold files; pair them in order")
    return score([read_beads(g) for g in gold], [read_beads(t) for t in test])
