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
