"""Per-language knowledge. `get(lang)` returns the module for a language code, or a generic fallback."""
from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from types import ModuleType


@lru_cache(maxsize=64)
def get(lang: str) -> ModuleType:
    """The language module for an ISO 639-1 code (lv, en); other languages get `generic`."""
    if lang in ("lv", "en"):
        return import_module(f"lvterm.lang.{lang}")
    return import_module("lvterm.lang.generic")


@lru_cache(maxsize=65_536)
def sentence_keys(lang: str, text: str) -> tuple[str, str]:
    """(folded text, stem keys) of a sentence: the segments table's `fold` and `stems` columns, and
    the word keys the aligner's dictionary scorer matches terms by. Cached: the build computes them
    for every sentence of a post pair before aligning it, and corpora repeat boilerplate."""
    from .keys import fold

    return fold(text), get(lang).stem_key(text)
