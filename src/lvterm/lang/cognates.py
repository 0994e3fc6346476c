"""Cognates: words spelled alike across languages ('organizācija'/'organisation', 'Rīga'/'Riga').

The one cognate similarity of the library: rapidfuzz's normalised Indel ratio (`similarity`)
on *cognate forms*, words folded (case, diacritics) and, for Latvian and English,
spelling-normalised (lv 'cij'/en 'ti', 'z'/'s', 'k'/'c', j/y/i ...: `cognate_form`) so that regular
spelling differences cost nothing. Its callers use it with their own options:

- term pairing scores a candidate term pair (`cognate_similarity`: the spelling-normalised stems
  of lv and en words, a loose cutoff), and for its word aligner's prior compares only the word
  pairs whose first letters agree once spelling-normalised (`cognate_initial`: k/c/q, f/ph);
- the aligner's anchors merge the words of two documents in any languages into cognate classes
  (`cognate_classes`: whole folded words, a strict cutoff, every pair of a block of words that
  share their first letters; no spelling rules);
- document pairing (`lvterm.pairing`) takes the first letters of `cognate_form` as an anchor.

rapidfuzz is imported on first use.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter

from ..constants import LINK_WORDS
from . import get as get_lang
from .keys import fold, words

# Regular spelling differences, rewritten to one shared form (applied in order): each language's
# own spellings, then the letters the two languages use for one sound. Latvian j stands for
# English j (projekts/project, janvāris/January) and for English y (Jorka/York, jogurts/yogurt),
# English y for Latvian i too (sistēma/system), so j, y and i are one letter here.
SPELLING: dict[str, tuple[tuple[str, str], ...]] = {
    "lv": (("cij", "ti"), ("ij", "i")),
    "en": (("ph", "f"), ("th", "t"), ("ck", "c"), ("x", "cs"), ("qu", "cw")),
}
SHARED_SPELLING: tuple[tuple[str, str], ...] = (
    ("k", "c"), ("z", "s"), ("v", "w"), ("j", "i"), ("y", "i"))


def _respell(word: str, rules: Iterable[tuple[str, str]]) -> str:
    """`word` with each (pattern, replacement) of `rules` applied in turn."""
    for pattern, repl in rules:
        word = word.replace(pattern, repl)  # (plain letters: no pattern needs a regex)
    return word


def cognate_form(word: str, *, lang: str | None = None) -> str:
    """The folded word with `lang`'s spelling rules applied (just folded for other languages)."""
    w = fold(word)
    rules = SPELLING.get(lang or "")
    return _respell(_respell(w, rules), SHARED_SPELLING) if rules else w


def cognate_initial(word: str) -> str:
    """The word's first letter after every language's spelling rules (Latvian's, English's, then
    the shared ones), whatever its language: a key two cognates share however each language spells
    its start ('kvalifikācija'/'qualification' c, 'konference'/'conference' c, 'ķīmija'/'chemistry'
    c, 'fotogrāfija'/'photography' f, 'Jelgava'/'Jelgava' and 'Jorka'/'York' i: j, y and i are one
    letter). A coarse key: what it brings together is judged by `cognate_similarity`."""
    w = fold(word)
    for rules in SPELLING.values():
        w = _respell(w, rules)
    return _respell(w, SHARED_SPELLING)[:1]


@lru_cache(maxsize=1)
def similarity():
    """The score behind every cognate decision here: rapidfuzz's normalised Indel ratio (0-100),
    imported on first use. Returned as a function so hot loops call it directly."""
    from rapidfuzz import fuzz

    return fuzz.ratio


#: The most word pairs of a block scored one by one (`_indel_at_least`); a larger block goes to
#: rapidfuzz's `cdist`. A small document's blocks stay under it (the seed post's largest, "pro",
#: has 54 pairs), so its alignment imports neither rapidfuzz nor numpy.
_PAIRWISE = 64


def _indel_at_least(a: str, b: str, score_cutoff: float) -> bool:
    """Whether `similarity()(a, b)` (rapidfuzz's normalised Indel ratio) reaches `score_cutoff`
    (0-100), computed here: a few word pairs a block, as a small document pair has, are decided
    before rapidfuzz would have been imported (about 13 ms of a cold `lvterm align`). The longest
    common subsequence by the bit-parallel algorithm (Allison and Dix 1986, Hyyrö 2004); the ratio
    by rapidfuzz's own formula, 1 - (len a + len b - 2 LCS) / (len a + len b), so the decision is
    rapidfuzz's (a property test holds the two together)."""
    total = len(a) + len(b)
    if not total:
        return score_cutoff <= 100.0
    if 1.0 - (total - 2 * min(len(a), len(b))) / total < score_cutoff / 100:
        return False  # (not even if the shorter word were all common)
    masks: dict[str, int] = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | 1 << i
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    common = len(a) - bin(v).count("1")
    return 1.0 - (total - 2 * common) / total >= score_cutoff / 100


def _percent(fraction: float) -> float:
    """A [0, 1] cutoff on rapidfuzz's 0-100 scale, exactly (0.9 * 100 is 90.00000000000001)."""
    return round(fraction * 100, 9)


@lru_cache(maxsize=200_000)
def _term_words(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """(folded word, cognate form of its stem) of each content word of a term."""
    stem = get_lang(lang).stem
    return tuple((fold(w), cognate_form(stem(w), lang=lang))
                 for w in words(text) if w.lower() not in LINK_WORDS)


def cognate_similarity(src_text: str, tgt_text: str, *, src_lang: str = "lv", tgt_lang: str = "en",
                       min_len: int = 4, cutoff: float = 0.7, slack: int = 3) -> float:
    """How alike two terms are spelled, in [0, 1], for term pairing.

    Each source content word (of 3+ letters) scores its best match among the target words: 1 when
    the folded words or their stems' cognate forms are equal, else the `similarity` of the stem
    forms (both `min_len`+ long; the target cut to `slack` letters longer than the source, so an
    English suffix does not count against a Latvian stem), counted from `cutoff` up. The sum is
    divided by the larger word count, so an extra word on either side lowers the score. Two terms
    that fold alike are 1 whatever their words ('Draugiem.lv'/'Draugiem.lv': the short 'lv' of a
    name matches nothing, and would halve it).
    """
    src, tgt = _term_words(src_text, src_lang), _term_words(tgt_text, tgt_lang)
    if not src or not tgt:
        return 0.0
    if fold(src_text) == fold(tgt_text):
        return 1.0
    ratio = similarity()
    total = 0.0
    for folded, a in src:
        if len(folded) < 3:
            continue
        best = 0.0
        size = len(a)
        for tfolded, b in tgt:
            if folded == tfolded or a == b:
                best = 1.0
                break
            if size >= min_len and len(b) >= min_len:
                score = ratio(a, b[: size + slack]) / 100
                if score > best:
                    best = score
        if best >= cutoff:
            total += best
    return total / max(len(src), len(tgt))


def cognate_classes(src_words: Iterable[str], tgt_words: Iterable[str], *, min_len: int = 4,
                    cutoff: float = 0.9) -> dict[str, str]:
    """Map words of both sides to a shared representative when they look like cognates, for the
    aligner's anchors ('expedition'/'expeditions' share one feature).

    Words (already folded, alphabetic, `min_len`+ letters) are blocked by their first three
    letters, scored pairwise with `similarity` and joined from `cutoff` up; a word maps to the
    representative of its class (the first in sort order). Identical words are left out: they
    already share a feature. Only blocks with words on both sides are formed; a block of a few
    pairs is scored pair by pair (`_indel_at_least`, rapidfuzz's score without importing it), a
    larger one with rapidfuzz's `cdist` (all pairs at once: its call costs what a dozen single
    scores do).
    """
    src = set(src_words)
    tgt = set(tgt_words) - src
    first3 = itemgetter(slice(0, 3))
    shared = set(map(first3, src)) & set(map(first3, tgt))

    def blocks(ws):
        out: dict[str, list[str]] = {}
        for w in ws:
            key = w[:3]
            if key in shared and len(w) >= min_len and w.isalpha():
                out.setdefault(key, []).append(w)
        return out

    sb, tb = blocks(src), blocks(tgt)
    parent: dict[str, str] = {}
    members: set[str] = set()

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    score_cutoff = _percent(cutoff)
    for key, sw in sb.items():
        tw = tb.get(key)
        if not tw:
            continue
        if len(sw) * len(tw) <= _PAIRWISE:
            pairs = [(a, b) for a in sw for b in tw if _indel_at_least(a, b, score_cutoff)]
        else:
            import numpy as np
            from rapidfuzz import process

            sim = process.cdist(sw, tw, scorer=similarity(), score_cutoff=score_cutoff, dtype=np.uint8)
            pairs = [(sw[i], tw[j]) for i, j in zip(*np.nonzero(sim))]
        for a, b in pairs:
            members.update((a, b))
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {w: find(w) for w in members}
