"""The text of a search: a user's words as a safe FTS5 query of stem prefixes (`fts_query`,
`word_query`, `word_prefix`), typo-tolerant similarity (`fuzzy_score`) and the typo rule of
`lvterm lookup` (`typo_of`). Pure helpers, the SQL functions of the same names (`lvterm.site.functions`)."""
from __future__ import annotations

import os
from functools import lru_cache

from ..lang import en, lv
from ..lang.keys import TOKEN_RE, fold

_MIN_PREFIX = 3
_NEAR = 2  # at most this many other words between the words of a multi-word query


def _english_forms(word: str) -> tuple[str, ...] | None:
    """For a common English word that is no Latvian word, the prefixes that find its forms and no
    other word's: its English stem, and the stem's -ies/-ied or -ing forms where those drop a letter
    ("library" -> library, libraries, ...; "manage" -> manage, managing; "employee" -> employee,
    never the Latvian stemmer's "employe", also a prefix of "employer"). None for any other word."""
    if not (en.is_word(word) and not lv.is_word(word)):
        return None
    stem = en.stem(word)
    if not stem.isalpha() or not fold(word).startswith(stem[:-1]):
        return None
    if len(stem) > 3 and stem.endswith("y") and stem[-2] not in "aeiou":
        return stem, stem[:-1] + "ies", stem[:-1] + "ied"
    if len(stem) > 3 and stem.endswith("e") and not stem.endswith("ee"):
        return stem, stem[:-1] + "ing"
    return (stem,)


@lru_cache(maxsize=50_000)
def word_prefix(word: str) -> str:
    """The prefix a word is searched by: the shortest of the Latvian and English stems that is still
    a prefix of the folded word; for an English word (`_english_forms`) the part its forms share."""
    f = fold(word)
    forms = _english_forms(word)
    if forms:
        return os.path.commonprefix(forms)
    best = f
    for stem in (lv.stem(word), en.stem(word)):
        if stem and f.startswith(stem) and _MIN_PREFIX <= len(stem) < len(best):
            best = stem
    return best


FUNCTION_WORD_ZIPF = 6.0  # "the", "and", "un", "ir", "par": searched as whole words, not as prefixes


def _quoted(prefix: str) -> str:
    quoted = '"' + prefix.replace('"', '""') + '"'
    return quoted + "*" if len(prefix) >= _MIN_PREFIX else quoted


@lru_cache(maxsize=50_000)
def word_query(word: str, *, alone: bool = False) -> str:
    """One word as an FTS5 query: a stem prefix ("naudu" -> "naud"*), or the whole word when it is a
    very frequent function word (a prefix like "the"* would read the doclists of there, these, them ...).
    `alone` (the whole query is this word, not a phrase inside NEAR): an English word's forms ORed
    ("policy" -> "policy"* OR "policies"*, not "polic"*, which finds police)."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    if max(zipf_frequency(lower, "en"), zipf_frequency(lower, "lv")) >= FUNCTION_WORD_ZIPF:
        return '"' + fold(word).replace('"', '""') + '"'
    forms = _english_forms(word) if alone else None
    if forms and len(forms) > 1:
        return " OR ".join(_quoted(f) for f in forms)
    return _quoted(word_prefix(word))


def fts_query(text: str | None) -> str:
    """Raw user text -> an FTS5 query that cannot be a syntax error.

    Each word becomes a quoted stem prefix, so every inflected form matches in both languages:
    "biedra naudu" -> NEAR("biedr"* "naud"*, 2). Alternatives separated by '|' are ORed
    ("tīklošana|networking"). Operators, quotes and brackets in the input are plain text.
    Text without words gives '""', which matches nothing.
    """
    alternatives = []
    for alternative in (text or "").split("|"):
        words = TOKEN_RE.findall(alternative)[:12]
        if len(words) == 1:
            alternatives.append(word_query(words[0], alone=True))
        elif words:
            alternatives.append(f"NEAR({' '.join(word_query(word) for word in words)}, {_NEAR})")
    alternatives = list(dict.fromkeys(alternatives))[:20]
    return " OR ".join(alternatives) if alternatives else '""'


@lru_cache(maxsize=1)
def _ratio():
    from rapidfuzz.fuzz import ratio

    return ratio


def fuzzy_score(a: str | None, b: str | None) -> float:
    """Similarity 0-100 of two texts, case and diacritics ignored (rapidfuzz ratio): typo-tolerant lookup."""
    if not a or not b:
        return 0.0
    return _ratio()(fold(a), fold(b))


def typo_of(query: str | None, key: str | None) -> int | None:
    """1 when a term's folded key can be the query mistyped, 0 when not (`lvterm.terms.lookup.typo_of`:
    the rule of `lvterm lookup` and the home page, so term_lookup never offers "employer" for
    "employee" either)."""
    if query is None or key is None:
        return None
    from ..terms.lookup import typo_of as rule

    return int(rule(query, key))
