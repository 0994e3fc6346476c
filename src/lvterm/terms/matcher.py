"""The one way lvterm finds a term's forms in text, and shows them.

Every place that looks for terms in sentences uses `TermMatcher`: the build's occurrence scan
(`terms.store`), the aligner's dictionary scorer, `lvterm check-po`, the examples of
`lvterm lookup` and the Datasette pages. So the CLI and the web mark the same words.

A term matches a run of words whose *word keys* equal the keys of one of its forms. The default
word key is the language's stem (`lvterm.lang.get(lang).stem`: case, diacritics and inflection
ignored, so 'Biedra naudai' is a form of 'biedra nauda', and a hyphenated word inflects at its end:
'e-grāmatas' is 'e-grāmata'); the key function is pluggable. Text is split by
`lvterm.lang.keys.tokens`, the tokeniser of every key.

Forms a stem cannot reach (a stem alternation: 'dzejoļa' of 'dzejolis', 'siržu' of 'sirds') come
from the term's generated paradigm: the build stores it in `term_forms` (generated = 1), so every
matcher built from a library has it; `inflect=True` adds it to terms given as text (Latvian:
`lvterm.lang.lv.inflect_term`, every case and number of the head with its agreeing adjectives).

    matcher = TermMatcher([("fee", ["biedra nauda", "biedra naudu"])], lang="lv")
    matcher.find("Ik gadu jāmaksā biedra naudu.")   # [Match(start=16, end=28, value='fee', ...)]

`find` is linear in the length of the text: each word is looked up once per pattern length, and
the lengths are fixed when the matcher is built.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from ..constants import status_rank
from ..lang import get as get_lang
from ..lang.keys import TOKEN_RE, heading_words
from ..textio import nfc_spans

#: Words in the longest term looked for (a longer "term" is a sentence, not a term).
MAX_TERM_WORDS = 8

WordKey = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Match:
    """One place a term occurs: character offsets into the text (`text[start:end] == form`).

    `value` is the term given first for this key; `values` every term sharing the key, in the
    order given (two terms of a termbase can share a stem key: 'biedra nauda', 'biedru nauda');
    `key` the word keys matched (the pattern: one of the matcher's `patterns`)."""

    start: int
    end: int
    value: Any
    form: str
    values: tuple[Any, ...]
    key: tuple[str, ...] = ()


def term_key(text: str, word_key: WordKey) -> tuple[str, ...]:
    """The word keys of a text, in order: what a term form is matched by (a heading's words in
    capitals keyed as in lower case, as in the text searched: `heading_words`)."""
    return tuple(word_key(word) for word in heading_words(text))


class TermMatcher:
    """Finds the forms of many terms of one language in text, in one pass over its words.

    `terms`: (value, forms) pairs, best term first: where two matches of the same length
    overlap, the earlier term wins. A form of more than `max_words` words is left out.
    `inflect`: add every inflected form of each given form (for languages that generate them).
    `keys`: form -> its space-joined word keys (`stem_key` of the language) where already known,
    for the default word key only: the build has them for every term form, and stemming tens of
    thousands of forms again is most of the cost of building a matcher.
    """

    def __init__(self, terms: Iterable[tuple[Any, Iterable[str]]], *, lang: str,
                 word_key: WordKey | None = None, max_words: int = MAX_TERM_WORDS, inflect: bool = False,
                 keys: Mapping[str, str] | None = None):
        self.lang = lang
        module = get_lang(lang)
        self.word_key = word_key or module.stem
        generate = getattr(module, "inflect_term", None) if inflect else None
        known = keys if word_key is None and keys is not None else {}
        found: dict[tuple[str, ...], tuple[int, list]] = {}
        for rank, (value, forms) in enumerate(terms):
            if generate is not None:
                forms = dict.fromkeys(g for form in forms for g in (form, *generate(form)))
            for form in forms:
                joined = known.get(form)  # "" is ambiguous (no word, or one word keyed ""): recomputed
                key = tuple(joined.split(" ")) if joined else term_key(form, self.word_key)
                if 0 < len(key) <= max_words:
                    values = found.setdefault(key, (rank, []))[1]
                    if value not in values:
                        values.append(value)
        self._index({key: (rank, tuple(values)) for key, (rank, values) in found.items()})

    def _index(self, patterns: dict[tuple[str, ...], tuple[int, tuple]]) -> None:
        """Look for `patterns` (word keys -> (rank, values)): `find` tries, at each word, the
        lengths of the patterns that start with it."""
        self._patterns = patterns
        lengths: dict[str, set[int]] = defaultdict(set)  # first word key -> the lengths of its patterns
        for key in patterns:
            lengths[key[0]].add(len(key))
        self._lengths = {first: tuple(sorted(ns, reverse=True)) for first, ns in lengths.items()}
        self._firsts = frozenset(self._lengths)

    def __bool__(self) -> bool:
        return bool(self._patterns)

    @property
    def patterns(self) -> dict[tuple[str, ...], tuple[Any, ...]]:
        """Word keys of every form looked for -> the terms that have it (a match's `values`),
        in the order the terms were given."""
        return {key: values for key, (_, values) in self._patterns.items()}

    def restricted(self, patterns: Iterable[tuple[str, ...]]) -> TermMatcher:
        """This matcher looking for the given `patterns` only (of its own; each keeps its terms):
        what it finds is what `find` finds whose `key` is one of them."""
        other = object.__new__(TermMatcher)
        other.lang, other.word_key = self.lang, self.word_key
        other._index({p: self._patterns[p] for p in patterns if p in self._patterns})
        return other

    def key(self, text: str) -> tuple[str, ...]:
        """The word keys this matcher gives `text` (a form matches where its keys occur)."""
        return term_key(text, self.word_key)

    def find(self, text: str, *, nested: bool = False, keys: str | None = None,
             keep: Callable[[Match], bool] | None = None) -> list[Match]:
        """Where the terms occur in `text`, in text order (offsets into `text` as given; a text in
        NFD, decomposed diacritics, is matched as its NFC form).

        Default (for highlighting, and for "which terms does this sentence use"): the longest
        match first, then the earlier term, then the leftmost; no two matches overlap.
        `nested=True`: every match, also a term inside a longer one ("biedra nauda" inside
        "mazāka biedra nauda"), which is how often each term really occurs.
        `keys`: the text's word keys, space-joined, when already known (the segments table's
        `stems` column, for the default word key); a text without a match then is not tokenised.
        `keep`: a match it refuses is no match (before the longest are chosen, so a shorter one in
        its place can be)."""
        words = self._words(text, keys)
        if words is None:
            return []
        toks, word_keys = words

        def match(hit: _Hit) -> Match:
            i, n, _, values, key = hit
            start, end = toks[i].start(), toks[i + n - 1].end()
            return Match(start, end, values[0], text[start:end], values, key)

        hits = list(self._hits(word_keys))
        if keep is not None:
            hits = [hit for hit in hits if keep(match(hit))]
        if not nested:
            hits = _longest_first(hits, len(word_keys))
        return [match(hit) for hit in hits]

    def locate(self, text: str, *, keys: str | None = None) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, pattern) of every match `find(text, nested=True, keys=keys)` gives, in
        its order: what the build's occurrence scan keeps of a match (hundreds of thousands of
        them in a library), without making a `Match` of each."""
        words = self._words(text, keys)
        if words is None:
            return []
        toks, word_keys = words
        return [(toks[i].start(), toks[i + n - 1].end(), key) for i, n, _, _, key in self._hits(word_keys)]

    def _words(self, text: str, keys: str | None) -> tuple[list, Sequence[str]] | None:
        """The tokens of `text` (as match objects: most offsets are not needed) and their word
        keys; None where no pattern can match (no text, or `keys` known and without a pattern's
        first word: the text is then not tokenised)."""
        if not self._patterns or not text:
            return None
        known = None if keys is None else (keys.split(" ") if keys else [])
        if known is not None and self._firsts.isdisjoint(known):
            return None
        nfc, back = nfc_spans(text)  # decomposed text (NFD) is read as NFC, as every file is
        toks = list(TOKEN_RE.finditer(nfc))  # `tokens`
        if known is None or len(known) != len(toks):  # not given, or of another tokenisation
            known = [self.word_key(w) for w in heading_words(nfc, toks)]
        if back is not None:  # offsets into the text as given
            toks = [_Span(*back(t.start(), t.end())) for t in toks]
        return toks, known

    def _hits(self, keys: Sequence[str]) -> Iterable[_Hit]:
        """Every match as (first word, words, rank, values, pattern); at one word the longest first."""
        patterns, lengths_of, size = self._patterns, self._lengths, len(keys)
        for i, first in enumerate(keys):
            lengths = lengths_of.get(first)
            if lengths is None:
                continue
            for n in lengths:
                if i + n <= size:
                    pattern = tuple(keys[i:i + n])
                    hit = patterns.get(pattern)
                    if hit is not None:
                        yield i, n, *hit, pattern


@dataclass(frozen=True)
class _Span:
    """A token's offsets in a text given in NFD (a match object's `start()` and `end()`)."""

    _start: int
    _end: int

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_Hit = tuple[int, int, int, tuple, tuple]  # first word, number of words, term rank, values, pattern


def _longest_first(hits: list[_Hit], size: int) -> list[_Hit]:
    """The matches that do not overlap, chosen longest first, then best-ranked term, then
    leftmost; in text order. `size`: words in the text."""
    taken = bytearray(size)
    kept = []
    for hit in sorted(hits, key=lambda h: (-h[1], h[2], h[0])):
        i, n = hit[0], hit[1]
        if not any(taken[i:i + n]):
            taken[i:i + n] = b"\x01" * n
            kept.append(hit)
    return sorted(kept, key=lambda h: h[0])


def spans(matches: Iterable[Match]) -> list[list[int]]:
    """[start, end] of each match: the JSON form of a highlighting."""
    return [[m.start, m.end] for m in matches]


def highlight(text: str, marks: Iterable[Sequence[int]], *, style: Callable[[str], str] | None = None,
              plain: Callable[[str], str] | None = None) -> str:
    """`text` with each [start, end] span passed through `style` (default «…») and the text
    between them through `plain` (default unchanged: HTML callers escape it). Where spans overlap,
    the longest at a position wins and later overlapping ones are dropped."""
    style = style or (lambda fragment: f"«{fragment}»")
    plain = plain or (lambda fragment: fragment)
    out, pos = [], 0
    for s, e in sorted(marks, key=lambda se: (se[0], -se[1])):
        if s < pos:
            continue
        out += [plain(text[pos:s]), style(text[s:e])]
        pos = e
    out.append(plain(text[pos:]))
    return "".join(out)


# --- the terms of a library -------------------------------------------------------------------


def library_matchers(conn, term_ids: Iterable[int], *, queries: Sequence[str] = ()) -> dict[str, TermMatcher]:
    """lang -> a matcher of every recorded form of the given terms of a built library (`conn`: a
    sqlite3 connection), best term first: curated, then by status, reliability and frequency.

    The CLI's examples and the web's entry and pair pages all mark through this, so they mark the
    same words. `queries` (a searcher's own words) come first, in both languages; a match's value
    is the term id, or the query text."""
    ids = sorted(set(term_ids))
    rows: list[tuple] = []
    for chunk in range(0, len(ids), 500):  # SQLite's bound-parameter limit
        part = ids[chunk:chunk + 500]
        rows += conn.execute(
            f"select t.id, t.lang, t.term, t.status, t.curated, t.reliability, t.frequency, f.form "
            f"from terms t left join term_forms f on f.term_id = t.id "
            f"where t.id in ({','.join('?' * len(part))}) order by t.id, f.id", part).fetchall()
    forms: dict[int, list[str]] = {}
    terms: dict[int, tuple] = {}
    for tid, lang, term, status, curated, reliability, frequency, form in rows:
        terms[tid] = (lang, (-(curated or 0), status_rank(status), -(reliability or 0), -(frequency or 0), tid))
        forms.setdefault(tid, [term])
        if form and form not in forms[tid]:
            forms[tid].append(form)
    ranked = sorted(terms, key=lambda tid: terms[tid][1])
    langs = sorted({lang for lang, _ in terms.values()} | {"lv", "en"})
    return {lang: TermMatcher([*((q, (q,)) for q in queries if q),
                               *((tid, forms[tid]) for tid in ranked if terms[tid][0] == lang)], lang=lang)
            for lang in langs}
