"""lvterm: a bilingual Latvian-English content library for translation and terminology.

The Python API (documented in the README's "Python API" section):

- `Library(path)`: a built library; `.build(corpus=, termbase=)`, `.lookup(query)`, `.export_tmx(out)`,
  `.export_tbx(out)`, `.export_tsv(out)`, `.po(out)`, `.memory()`, `.concepts()`, `.beads()`.
- `segment_text(text, lang=)`: sentences with character offsets.
- `align(src, tgt, src_lang=, tgt_lang=)`: sentence alignment, beads with confidences.

Names are imported on first use, so `import lvterm` loads nothing heavy.
"""
from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # (typing.TYPE_CHECKING, without importing typing: a cold command spares it)

__version__ = "0.1.0"
__all__ = ["Library", "LookupHit", "align", "segment_text", "__version__"]

_LAZY = {"Library": ("lvterm.library", "Library"), "LookupHit": ("lvterm.models", "LookupHit"),
         "segment_text": ("lvterm.segment", "segment_text"), "align": ("lvterm.align", None)}

if TYPE_CHECKING:
    from typing import Any

    from .library import Library
    from .models import LookupHit
    from .segment import segment_text


def __dir__() -> list[str]:
    """The module's names and the lazily exported ones (`dir(lvterm)`, completion in a REPL)."""
    return sorted(set(globals()) | set(__all__))


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'lvterm' has no attribute {name!r}")
    module, attr = _LAZY[name]
    value = import_module(module)  # `lvterm.align` is the package, callable as the function
    return getattr(value, attr) if attr else value
