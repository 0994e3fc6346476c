"""Termhood's domain specificity, and the general words that are no Latvian candidates on their own.

`_specificity`: a word's log10 ratio of its relative frequency in the corpus to its frequency in
general language (wordfreq, `_general_frequency`); `_occ_specificity`, its mean over an
occurrence's content words, is the `spec` of `terms.extract`'s termhood. `_general`: a single word
frequent in general language that the corpus does not prove specific (gads, cilvēks, vajadzība;
the thresholds below, the rule in `terms.extract`'s docstring).
"""
from __future__ import annotations

import math
from collections import Counter
from functools import lru_cache

from ..constants import LINK_WORDS
from .occurrences import _Occ, _memo, _memoised
from .patterns import Word

GENERAL_ZIPF = 4.3  # a Latvian noun this frequent in general language is a general word ...
GENERAL_MIN_SPEC = 1.0  # ... unless the corpus proves it 10 times more frequent here;
ALWAYS_GENERAL_ZIPF = 5.0  # one this frequent (gads, cilvēks, laiks, daļa) is general whatever the text


@lru_cache(maxsize=200_000)  # every post asks again for its words
def _general_frequency(word: str, lang: str) -> float:
    """wordfreq's frequency of a word in general language (0 for a word it has never seen), from
    the cached table of `lang.wordlists` (no wordfreq import in a process that has it)."""
    from ..lang.wordlists import frequency

    return frequency(word, lang)


class _Specificity(dict):
    """Word (lower-cased: `Word.lower`) -> log10(its relative frequency in the corpus / its
    frequency in wordfreq), computed at a word's first look-up (a dict, so that a word looked up
    again costs no Python call: a post asks for its words hundreds of times)."""

    __slots__ = ("floor", "lang", "total", "word_counts")

    def __init__(self, word_counts: Counter[str], *, lang: str, floor: float):
        super().__init__()
        self.word_counts, self.lang, self.floor = word_counts, lang, floor
        self.total = sum(word_counts.values()) or 1

    def __missing__(self, word: str) -> float:
        general = max(_general_frequency(word, self.lang), self.floor)
        corpus = max(self.word_counts.get(word, 0), 1) / self.total
        value = self[word] = math.log10(corpus / general)
        return value


def _specificity(word_counts: Counter[str], *, lang: str, floor: float) -> _Specificity:
    """log10(relative frequency of a word form in the corpus / its frequency in wordfreq), by word."""
    return _Specificity(word_counts, lang=lang, floor=floor)


def _content_words(occ: _Occ) -> tuple[str, ...]:
    """The lower-cased words of an occurrence that are no link words."""
    return tuple([w.lower for w in occ.words if w.lower not in LINK_WORDS])


def _occ_specificity(occ: _Occ, spec) -> float:
    content = _memo["content-lower"].get(occ.sig) or _memoised("content-lower", occ.sig, _content_words, occ)
    return sum([spec[x] for x in content]) / len(content) if content else 0.0


def _general(occs: list[_Occ], word_counts: Counter[str], total: int, *, floor: float) -> bool:
    """A single word frequent in general language that the corpus does not prove specific (see
    `terms.extract`'s docstring). Its general frequency is that of its most frequent form here or its
    dictionary form (a word's frequency is spread over its forms: piemēru is rarer than piemērs),
    its count here that of all its forms seen. A hyphenated
    compound is never general (e-grāmata; wordfreq counts its parts)."""
    general = 0.0
    memo = _memo["general-word"]
    for o in occs:  # (the word's own judgement is a function of its signature: memoised)
        hyphen, frequency = memo.get(o.sig) or _memoised("general-word", o.sig, _general_word, o.words[0])
        if hyphen:
            return False
        general = max(general, frequency)
    if general <= 0:
        return False
    forms = {o.words[0].lower for o in occs}
    zipf = math.log10(general) + 9
    if zipf < GENERAL_ZIPF:
        return False
    if zipf >= ALWAYS_GENERAL_ZIPF:
        return True
    count = sum(word_counts.get(f, 0) for f in forms)
    proven = max(count - 2 * math.sqrt(count), 0.0) / total
    return proven <= 0 or math.log10(proven / max(general, floor)) < GENERAL_MIN_SPEC


def _general_word(word: Word) -> tuple[bool, float]:
    """Whether a word is hyphenated, and the greater general-language frequency of its form
    and its lemma (`_general` takes the greatest over a candidate's occurrences)."""
    low, lemma = word.lower, word.analysis.lemma
    frequency = _general_frequency(low, "lv")
    return "-" in low, max(frequency, _general_frequency(lemma.lower(), "lv")) if lemma else frequency
