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


# --- segmentation -----------------------------------------------------------
# Abbreviation keys: lower-cased, without the final period and without spaces ("u. c." -> "u.c").

# Never end a sentence: titles, and words always followed by a name or a number.
SENT_ABBREV_NONFINAL = frozenset("""
    prof doc asoc dr mg bc ak god k-gs kgs kdz tālr tel mob fakss plkst apm piem t.i t.sk sk skat
    sal nr resp red sast tulk sēj izd att tab p nod pag iel dž kr fr ed pl vsk dsk
""".split())

# May end a sentence: a following capitalised word starts a new one.
SENT_ABBREV_FINAL = frozenset("""
    u.c u.tml utt u.t.t etc g gs lpp tūkst milj mljrd min sek u.c.tml
""".split())

# Stand before a number ("Nr. 5"): no sentence ends between them.
SENT_ABBREV_NUMERIC = frozenset("nr p lpp att tab sēj nod tālr tel".split())

# Capitalised words that follow an ordinal inside a sentence ("13. Saeima", "2. Pasaules karš").
SENT_ORDINAL_NOUNS = ("saeim", "pasaules", "starptautisk", "vispārēj", "dziesmu", "deju")
