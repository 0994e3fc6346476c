"""Sentence alignment of two documents, for any language pair (tuned for Latvian-English).

- `settings`: the constants as plain data (bead kinds and priors, fitted weights, confidence).
- `costs`: the cost model: `Params`, `params_for`, length and skip costs, calibrated confidence.
- `analysis`: what the lexical anchors read from a sentence.
- `scorers`: the pluggable lexical evidence (anchors, a term dictionary, a learned lexicon).
- `lexicon`: the lexicon learned from a first pass.
- `dp`: the banded coarse-to-fine dynamic programme; `align` and `gale_church`.
- `small`: the same alignment of a small pair in plain Python (a cold `lvterm align`).
- `evaluate`: strict and lax precision, recall and F1 (Sennrich & Volk 2011).
- `files`: sentence and bead files in and out.

`lvterm.align` is callable as the function: `from lvterm import align; align(src, tgt, src_lang="lv",
tgt_lang="en")` returns the beads; `inspect.signature(lvterm.align)` is the function's, and its
docstring (`help(lvterm.align)`) starts with the function's. The names below are imported on
first use, so that `lvterm.align.small` loads without numpy.
"""
from __future__ import annotations

import sys
import types
from importlib import import_module

__all__ = ["align", "Bead", "align_files", "evaluate_files", "gale_church", "confidence", "params_for", "Params",
           "PARAMS", "PAIR_PARAMS", "KINDS", "KIND_PRIORS", "GALE_CHURCH_PRIORS", "DEFAULT_THRESHOLD"]

_WHERE = {"align": ".dp", "gale_church": ".dp", "GALE_CHURCH_PRIORS": ".dp", "align_files": ".files",
          "evaluate_files": ".files", "confidence": ".costs", "params_for": ".costs", "Params": ".costs",
          "PARAMS": ".costs", "PAIR_PARAMS": ".costs", "KINDS": ".costs", "KIND_PRIORS": ".costs",
          "DEFAULT_THRESHOLD": ".costs", "Bead": "..models"}
_SUBMODULES = frozenset({"analysis", "costs", "dp", "embed", "evaluate", "files", "lexicon", "scorers", "settings",
                         "shape", "small"})
_PLAIN_DOC = __doc__


def __getattr__(name: str):
    if name == "__signature__":  # what `inspect.signature(lvterm.align)` (and so `help`) shows
        import inspect

        return inspect.signature(__getattr__("align"))
    if name in _SUBMODULES:  # (`lvterm.align.dp` after `import lvterm.align`, as when it imported them all)
        return import_module(f".{name}", __name__)
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _CallableModule(types.ModuleType):
    """`lvterm.align(...)` is `lvterm.align.align(...)`: the package and the function share a name."""

    def __call__(self, *args, **kwargs):
        return __getattr__("align")(*args, **kwargs)

    @property  # type: ignore[misc]
    def __doc__(self) -> str:  # (the function's docstring first, as `help` shows it)
        import inspect

        sig = __getattr__("__signature__")
        bare = sig.replace(parameters=[p.replace(annotation=p.empty) for p in sig.parameters.values()],
                           return_annotation=inspect.Signature.empty)
        return (f"{inspect.cleandoc(__getattr__('align').__doc__ or '')}\n\nThe package is this function, "
                f"called as\n\n    lvterm.align{bare}\n\n{_PLAIN_DOC}")


sys.modules[__name__].__class__ = _CallableModule
