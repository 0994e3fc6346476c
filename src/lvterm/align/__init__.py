"""Sentence alignment of two documents, for any language pair (tuned for Latvian-English).

- `costs`: bead kinds with their priors, the cost constants per language pair, length and skip
  costs, calibrated confidence.
- `scorers`: the pluggable lexical evidence (anchors, a term dictionary, a learned lexicon).
- `lexicon`: the lexicon learned from a first pass.
- `dp`: the banded coarse-to-fine dynamic programme; `align` and `gale_church`.
- `evaluate`: strict and lax precision, recall and F1 (Sennrich & Volk 2011).
- `files`: sentence and bead files in and out.

`lvterm.align` is callable as the function: `from lvterm import align; align(src, tgt, src_lang="lv",
tgt_lang="en")` returns the beads; `inspect.signature(lvterm.align)` is the function's, and its
docstring (`help(lvterm.align)`) starts with the function's.
"""
from __future__ import annotations

import inspect  # (loaded anyway: dataclasses imports it)
import sys
import types

from ..models import Bead
from .costs import DEFAULT_THRESHOLD, KIND_PRIORS, KINDS, PAIR_PARAMS, PARAMS, Params, confidence, params_for
from .dp import GALE_CHURCH_PRIORS, align, gale_church
from .files import align_files, evaluate_files

__all__ = ["align", "Bead", "align_files", "evaluate_files", "gale_church", "confidence", "params_for", "Params",
           "PARAMS", "PAIR_PARAMS", "KINDS", "KIND_PRIORS", "GALE_CHURCH_PRIORS", "DEFAULT_THRESHOLD"]


class _CallableModule(types.ModuleType):
    """`lvterm.align(...)` is `lvterm.align.align(...)`: the package and the function share a name."""

    def __call__(self, *args, **kwargs):
        return align(*args, **kwargs)

    __call__.__doc__ = align.__doc__


#: what `inspect.signature(lvterm.align)` (and so `help`) shows: the function's parameters
__signature__ = inspect.signature(align)
_bare = __signature__.replace(parameters=[p.replace(annotation=p.empty) for p in __signature__.parameters.values()],
                              return_annotation=inspect.Signature.empty)
__doc__ = (f"{inspect.cleandoc(align.__doc__ or '')}\n\nThe package is this function, called as\n\n"
           f"    lvterm.align{_bare}\n\n{__doc__}")
del _bare
sys.modules[__name__].__class__ = _CallableModule
