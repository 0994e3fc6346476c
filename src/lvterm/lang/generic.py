"""Fallback keys for languages without their own module: folded words, a crude prefix stem."""
from __future__ import annotations

from .keys import fold, fold_key, word_keys  # noqa: F401  (fold_key: the same in every language)

LANG = "xx"


def stem(word: str) -> str:
    w = fold(word)
    return w[:6] if len(w) > 6 else w


def lemma(word: str) -> str:
    return word.lower()


def stem_key(text: str) -> str:
    return word_keys(stem, text)


def lemma_key(text: str) -> str:
    return word_keys(lemma, text)
