"""English language knowledge in one place: keys (lemma, stem, fold), and more below."""
from __future__ import annotations

from functools import lru_cache

from .keys import fold, words

LANG = "en"

# --- keys -------------------------------------------------------------------

_SUFFIXES = ("ies", "es", "s")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """simplemma's English lemma, lower-cased: 'fees' -> 'fee'."""
    import simplemma

    return simplemma.lemmatize(word.lower(), lang="en").lower()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light stem key: folded lemma with a plural/possessive ending removed."""
    w = fold(lemma(word))
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def stem_key(text: str) -> str:
    return " ".join(stem(w) for w in words(text))


def fold_key(text: str) -> str:
    return " ".join(fold(w) for w in words(text))


def lemma_key(text: str) -> str:
    return " ".join(lemma(w) for w in words(text))


# --- segmentation -----------------------------------------------------------
# English sentences are split by pysbd; these lists back our checks on top of it
# (keys lower-cased, without the final period and spaces: "e. g." -> "e.g").

SENT_ABBREV_NONFINAL = frozenset("""
    mr mrs ms dr prof rev hon gen col capt lt sgt sen rep gov st fig e.g i.e cf vs viz approx ca
    dept
""".split())

SENT_ABBREV_FINAL = frozenset("""
    etc a.m p.m inc ltd co corp jr sr u.s u.k u.n ph.d b.a m.a
""".split())

SENT_ABBREV_NUMERIC = frozenset("no nos pp p vol ch art sec fig tel".split())

SENT_ORDINAL_NOUNS: tuple[str, ...] = ()
