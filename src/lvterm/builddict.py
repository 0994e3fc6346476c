"""The curated dictionary entries a post pair's work can use (`relevant_entries`): what it is given,
and what its cache key covers (`buildunits._key_units`), so that accepting or editing one term in
`lvterm review` recomputes only the pairs whose text has its words, not every pair.

The work (`buildunits.work_unit`) reads the curated (Latvian term, English term) pairs in three places,
each through word keys (the language's `stem`), and an entry can change its value only where:

A. every word key of its Latvian term (`term_key`, the words of its `stem_key`) is one of the
   Latvian text's: the aligner's dictionary scorer finds the term there (`align.scorers`,
   `terms.matcher`), or a Latvian candidate has its stem key (the pairing's curated pairs and
   Latvian keys, `terms.pair._curated`: `known`, `known_lv`, `known_en`);
B. every word key of its English term is one of the English text's (the scorer's English side);
C. the stem of one of its Latvian term's words (split at white space, as the pairing's prior splits
   them) is one of the Latvian text's and that of one of its English term's words one of the
   English text's: the curated word-pair prior of the word aligner, which looks only at the word
   pairs of a bead (`wordalign`).

An entry that meets none of them finds nothing in the pair's text: the scorer's features, the
pairing's look-ups and the prior are the same without it, and its absence moves no other entry
(the kept entries keep their order, and the scorer numbers its features in the order it finds
them). So `work_unit` drops the others first (tests/test_build_review_rebuild.py compares values).

A text's word keys are a superset of those the work sees: every token of the post's paragraphs (as
`lang.keys` and `terms.patterns` cut them, as given and in NFC), and every run of the pieces a
token splits into at its inner punctuation (a sentence end or a term's span may cut "2011.2012"
or "e-grāmata" there), each stemmed as written and in lower case (a heading's words are keyed in
lower case, a sentence-initial capital is lowered). A token of more than `MAX_PIECES` pieces makes
every entry relevant (a superset still, never a wrong value).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

from .constants import SOURCE_LANG, TARGET_LANG
from .lang import get as get_lang
from .lang.keys import TOKEN_RE
from .terms.matcher import term_key
from .terms.patterns import _TOKEN_RE as PATTERN_TOKEN_RE
from .textio import to_nfc

#: Pieces of one token (split at its inner punctuation) whose every run is keyed; more: every entry.
MAX_PIECES = 8

_INNER = re.compile(r"[-'’.,:/]")

Entry = tuple[str, str]


def relevant_entries(sides: Sequence[tuple[str, Sequence[str]]], dictionary: Sequence[Entry]) -> tuple[Entry, ...]:
    """The entries of `dictionary` (in its order) that can change the work of the post pair
    `sides` ((lang, paragraphs) of its Latvian and English posts; see the module): all of them for
    a unit that is not a Latvian-English pair."""
    dictionary = tuple((a, b) for a, b in dictionary)  # (entries given as lists too, as `align` takes them)
    if not dictionary or len(sides) != 2 or (sides[0][0], sides[1][0]) != (SOURCE_LANG, TARGET_LANG):
        return dictionary
    lv, en = (text_keys(lang, paragraphs) for lang, paragraphs in sides)
    if lv is None or en is None:
        return dictionary
    return tuple(entry for entry, keys in zip(dictionary, _entry_keys(dictionary)) if _meets(keys, lv, en))


def _meets(keys: tuple[frozenset, frozenset, frozenset, frozenset], lv: set[str], en: set[str]) -> bool:
    lv_all, en_all, lv_words, en_words = keys
    return lv_all <= lv or en_all <= en or (not lv_words.isdisjoint(lv) and not en_words.isdisjoint(en))


@lru_cache(maxsize=8)
def _entry_keys(dictionary: tuple[Entry, ...]) -> list[tuple[frozenset, frozenset, frozenset, frozenset]]:
    """Per entry: the word keys of its Latvian and English terms (A, B), and the stems of their
    white-space words (C). Once per dictionary and process (a build passes one to every pair)."""
    lv_stem, en_stem = get_lang(SOURCE_LANG).stem, get_lang(TARGET_LANG).stem
    return [(frozenset(term_key(a, lv_stem)), frozenset(term_key(b, en_stem)),
             frozenset(lv_stem(x) for x in a.split()), frozenset(en_stem(y) for y in b.split()))
            for a, b in dictionary]


def text_keys(lang: str, paragraphs: Iterable[str]) -> set[str] | None:
    """The word keys of a post's paragraphs (see the module), or None for a token of more pieces
    than `MAX_PIECES` (every entry is then relevant)."""
    stem = get_lang(lang).stem
    text = "\n".join(paragraphs)  # (no token spans a line break)
    words = set(TOKEN_RE.findall(text))
    words.update(m.group() for m in PATTERN_TOKEN_RE.finditer(text))  # (the aligner's words)
    nfc = to_nfc(text)
    if nfc is not text:
        words.update(TOKEN_RE.findall(nfc))
        words.update(m.group() for m in PATTERN_TOKEN_RE.finditer(nfc))
    keys: set[str] = set()
    for word in words:
        runs = _runs(word) if _INNER.search(word) else (word,)
        if runs is None:
            return None
        for run in runs:
            keys.add(stem(run))
            low = run.lower()
            if low != run:
                keys.add(stem(low))
                # a capital may lower to two characters ("İ" -> "i" + U+0307) that the tokenisers
                # cut apart again (extraction's sentence-initial form "i̇nternets" keys as "i nternet")
                keys.update(stem(piece) for piece in TOKEN_RE.findall(low))
    return keys


def _runs(word: str) -> list[str] | None:
    """The word, and every run of the pieces it splits into at its inner punctuation (None: more
    than `MAX_PIECES` pieces)."""
    cuts = [m.start() for m in _INNER.finditer(word)]
    if not cuts:
        return [word]
    if len(cuts) >= MAX_PIECES:
        return None
    starts, ends = [0, *(c + 1 for c in cuts)], [*cuts, len(word)]
    return [word[a:b] for i, a in enumerate(starts) for b in ends[i:] if a < b]
