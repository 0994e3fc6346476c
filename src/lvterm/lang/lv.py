"""Latvian language knowledge in one place: keys (lemma, stem, fold), and more below.

Nothing heavy is loaded at import time: simplemma loads its Latvian data on first use.
"""
from __future__ import annotations

from functools import lru_cache

from .keys import fold, words

LANG = "lv"

# --- keys -------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """LatvianStemmer's stem of one word, diacritic-folded: 'biedrībā' and 'biedribu' -> 'biedrib'."""
    import LatvianStemmer

    w = word.lower()
    if not w.isalpha() or len(w) < 3:
        return fold(w)
    return fold(LatvianStemmer.stem(w))


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """simplemma's lemma (dictionary form) of one word, lower-cased."""
    import simplemma

    return simplemma.lemmatize(word.lower(), lang="lv").lower()


def stem_key(text: str) -> str:
    """Space-joined stems of every word: 'biedra naudu' -> 'biedr naud' (matches 'biedra nauda')."""
    return " ".join(stem(w) for w in words(text))


def fold_key(text: str) -> str:
    """Space-joined folded words: 'Tīklošanu!' -> 'tiklosanu'."""
    return " ".join(fold(w) for w in words(text))


def lemma_key(text: str) -> str:
    return " ".join(lemma(w) for w in words(text))
