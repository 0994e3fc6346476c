"""Fallback keys for languages without their own module: folded words, a crude prefix stem."""
from __future__ import annotations

from .keys import fold, words

LANG = "xx"


def stem(word: str) -> str:
    w = fold(word)
    return w[:6] if len(w) > 6 else w


def lemma(word: str) -> str:
    return word.lower()


def stem_key(text: str) -> str:
    return " ".join(stem(w) for w in words(text))


def fold_key(text: str) -> str:
    return " ".join(fold(w) for w in words(text))


def lemma_key(text: str) -> str:
    return " ".join(lemma(w) for w in words(text))
