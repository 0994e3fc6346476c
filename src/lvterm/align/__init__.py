"""Sentence alignment of two documents, for any language pair (tuned for Latvian-English).

- `costs`: bead kinds with their priors, the cost constants per language pair, length and skip
  costs, calibrated confidence.
- `scorers`: the pluggable lexical evidence (anchors, a term dictionary, a learned lexicon).
- `lexicon`: the lexicon learned from a first pass.
- `dp`: the banded coarse-to-fine dynamic programme; `align` and `gale_church`.
- `evaluate`: strict and lax precision, recall and F1 (Sennrich & Volk 2011).
- `files`: sentence and bead files in and out.

`lvterm.align` is callable as the function: `from lvterm import align; align(src, tgt, src_lang="lv",
tgt_lang="en")` returns the beads.
"""
from __future__ import annotations

import sys
import types

from .costs import DEFAULT_THRESHOLD, KIND_PRIORS, KINDS, PAIR_PARAMS, PARAMS, Params, confidence, params_for
from .dp import GALE_CHURCH_PRIORS, align, gale_church
from .files import align_files, evaluate_files

__all__ = ["align", "align_files", "evaluate_files", "gale_church", "confidence", "params_for", "Params", "PARAMS",
           "PAIR_PARAMS", "KINDS", "KIND_PRIORS", "GALE_CHURCH_PRIORS", "DEFAULT_THRESHOLD"]


class _CallableModule(types.ModuleType):
    """`lvterm.align(...)` is `lvterm.align.align(...)`: the package and the function share a name."""

    def __call__(self, *args, **kwargs):
        return align(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
