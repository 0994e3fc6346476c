"""Pluggable similarity scorers for the sentence aligner.

A scorer turns the sentences of both documents into sparse weighted features (`Entries`) in a
shared feature space; the DP in `align.py` only ever sees those features (it compares the
summed feature vectors of the two sides of a bead by cosine), so a new scorer - for example an
embedding scorer returning dense rows as entries - plugs in without touching the DP.

Scorers here:
- `AnchorScorer`: numbers, URLs, e-mail addresses, identical tokens and proper names, cognates
  (`lvterm.lang.cognates.cognate_classes`, shared with term pairing) and punctuation such as
  parentheses and quotes;
- `DictionaryScorer`: a bilingual term list matched through stem keys (`lvterm.lang`), so that
  inflected Latvian forms count;
- `LexiconScorer`: word pairs learned from a first alignment pass (`learn_lexicon`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import chain
from typing import Iterable, Protocol, Sequence, runtime_checkable

import numpy as np

from ..lang import get as get_lang
from ..lang import sentence_keys
from ..lang.cognates import cognate_classes
from ..terms.matcher import TermMatcher, term_key
from .analysis import Analysis, analyse, analyse_all, anchor_keys  # noqa: F401 - Analysis, analyse re-exported
from .settings import ANCHOR_WEIGHTS, UNMATCHED_WEIGHT  # noqa: F401 - scorers.UNMATCHED_WEIGHT, as before


@dataclass
class Entries:
    """Sparse feature rows of one document: parallel arrays (sentence, feature id, weight)."""

    sent: np.ndarray
    feat: np.ndarray
    weight: np.ndarray

    @classmethod
    def build(cls, rows: Iterable[tuple[int, int, float]]) -> "Entries":
        arr = list(rows)
        if not arr:
            return cls.empty()
        s, f, w = zip(*arr)
        return cls(np.asarray(s, np.int64), np.asarray(f, np.int64), np.asarray(w, np.float64))

    @classmethod
    def empty(cls) -> "Entries":
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float64))

    @staticmethod
    def concat(parts: Sequence["Entries"]) -> "Entries":
        parts = [p for p in parts if len(p.sent)]
        if not parts:
            return Entries.empty()
        return Entries(np.concatenate([p.sent for p in parts]), np.concatenate([p.feat for p in parts]),
                       np.concatenate([p.weight for p in parts]))


@dataclass
class Doc:
    """Both documents with lazily computed, shared analyses and one feature vocabulary."""

    src: Sequence[str]
    tgt: Sequence[str]
    src_lang: str
    tgt_lang: str
    vocab: dict[str, int] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)

    def fid(self, key: str) -> int:
        """The feature id of one feature name (added to the shared vocabulary as needed)."""
        return self.vocab.setdefault(key, len(self.vocab))

    @cached_property
    def src_analyses(self) -> list[Analysis]:
        return analyse_all(self.src)

    @cached_property
    def tgt_analyses(self) -> list[Analysis]:
        return analyse_all(self.tgt)

    @cached_property
    def words(self) -> dict[str, int]:
        """Stem of a folded word (`lvterm.lang.get(lang).stem`) -> id, shared by both sides."""
        return {}

    def word_ids(self, side: str) -> tuple[np.ndarray, np.ndarray]:
        """(sentence, word id) of every word occurrence of one side ("src" or "tgt")."""
        key = ("words", side)
        if key not in self.cache:
            analyses = self.src_analyses if side == "src" else self.tgt_analyses
            stem = get_lang(self.src_lang if side == "src" else self.tgt_lang).stem
            v = self.words
            stems: dict[str, int] = {}
            for a in analyses:
                for w in a.words:
                    if w not in stems:
                        stems[w] = v.setdefault(stem(w), len(v))
            ids = [stems[w] for a in analyses for w in a.words]
            sent = np.repeat(np.arange(len(analyses)), [len(a.words) for a in analyses])
            self.cache[key] = (sent.astype(np.int64), np.asarray(ids, np.int64))
        return self.cache[key]

    def ids(self, keys: list[str]) -> np.ndarray:
        """Feature ids for feature names, added to the shared vocabulary as needed."""
        v = self.vocab
        return np.asarray([v.setdefault(k, len(v)) for k in keys], np.int64)


@runtime_checkable
class Scorer(Protocol):
    """Anything that maps both documents to sparse features in the shared space of `doc.vocab`.

    Optional, read with getattr: `idf` (default True; False leaves the weights as given, as dense
    embedding rows need) and `candidates(doc) -> (pairs, scores)`, likely sentence pairs (an int
    array of (source, target) rows and their scores) that the search draws its band around.
    """

    name: str

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        ...


# --- anchors ------------------------------------------------------------------------------------


@dataclass
class AnchorScorer:
    """Numbers, links, identical tokens and names, cognates and punctuation."""

    name: str = "anchors"
    number_weight: float = ANCHOR_WEIGHTS["number_weight"]
    link_weight: float = ANCHOR_WEIGHTS["link_weight"]
    word_weight: float = ANCHOR_WEIGHTS["word_weight"]
    name_bonus: float = ANCHOR_WEIGHTS["name_bonus"]
    punct_weight: float = ANCHOR_WEIGHTS["punct_weight"]
    prefix_weight: float = ANCHOR_WEIGHTS["prefix_weight"]  # shared word beginnings (cognates, inflected names)
    prefix_len: int = ANCHOR_WEIGHTS["prefix_len"]
    min_word_len: int = ANCHOR_WEIGHTS["min_word_len"]
    cognates: bool = True

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        sa, ta = doc.src_analyses, doc.tgt_analyses
        cog: dict[str, str] = {}
        if self.cognates:
            words = chain.from_iterable
            cog = cognate_classes(words(a.words for a in sa), words(a.words for a in ta))
        return self._side(doc, sa, cog), self._side(doc, ta, cog)

    def _side(self, doc: Doc, analyses: list[Analysis], cog: dict[str, str]) -> Entries:
        sents, keys, weights = anchor_keys(
            analyses, cog, number_weight=self.number_weight, link_weight=self.link_weight,
            word_weight=self.word_weight, name_bonus=self.name_bonus, punct_weight=self.punct_weight,
            prefix_weight=self.prefix_weight, prefix_len=self.prefix_len, min_word_len=self.min_word_len)
        return Entries(np.asarray(sents, np.int64), doc.ids(keys), np.asarray(weights, np.float64))


# --- dictionary ---------------------------------------------------------------------------------


@dataclass
class DictionaryScorer:
    """A bilingual term list: pairs (source term, target term) found by `TermMatcher` (stem keys,
    so inflected Latvian forms count). A pair is one feature, on every sentence that has its term."""

    pairs: Sequence[tuple[str, str]]
    name: str = "dictionary"
    weight: float = 1.5
    max_len: int = 4

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        src, tgt = _dictionary_matchers(tuple((s, t) for s, t in self.pairs), src_lang=doc.src_lang,
                                        tgt_lang=doc.tgt_lang, max_len=self.max_len)
        return self._side(doc, doc.src, src), self._side(doc, doc.tgt, tgt)

    def _side(self, doc: Doc, sentences: Sequence[str], matcher: TermMatcher) -> Entries:
        rows = []
        for i, sentence in enumerate(sentences):
            seen: dict[int, None] = {}  # each pair once a sentence, in the order first found
            # the sentence's stem keys (cached: the build has just computed them for its rows) let
            # the matcher skip, untokenised, a sentence without the first word of any term
            keys = sentence_keys(matcher.lang, sentence)[1]
            for m in matcher.find(sentence, nested=True, keys=keys):  # a pair inside a longer pair counts too
                seen.update(dict.fromkeys(m.values))
            rows += [(i, doc.fid(f"d:{k}"), self.weight) for k in seen]
        return Entries.build(rows)


@lru_cache(maxsize=8)
def _dictionary_matchers(pairs: tuple[tuple[str, str], ...], *, src_lang: str, tgt_lang: str,
                         max_len: int) -> tuple[TermMatcher, TermMatcher]:
    """The two matchers of a term list (a pair's index is its value), made once per process: a
    build aligns every post pair with the same curated dictionary."""
    s_key, t_key = get_lang(src_lang).stem, get_lang(tgt_lang).stem
    kept = [(k, s, t) for k, (s, t) in enumerate(pairs)
            if 0 < len(term_key(s, s_key)) <= max_len and 0 < len(term_key(t, t_key)) <= max_len]
    # the default word key (the stem), which the sentences' `sentence_keys` given to `find` are
    return (TermMatcher(((k, (s,)) for k, s, _ in kept), lang=src_lang),
            TermMatcher(((k, (t,)) for k, _, t in kept), lang=tgt_lang))


# --- learned lexicon ----------------------------------------------------------------------------


@dataclass
class LexiconScorer:
    """Word pairs (folded source word, folded target word) learned from a first pass."""

    pairs: Sequence[tuple[str, str]]
    name: str = "lexicon"
    weight: float = 1.0

    def features(self, doc: Doc) -> tuple[Entries, Entries]:
        if not self.pairs:
            return Entries.empty(), Entries.empty()
        src, tgt = doc.word_ids("src"), doc.word_ids("tgt")  # fills doc.words
        v = doc.words
        base = len(doc.vocab)
        for k in range(len(self.pairs)):  # a block of feature ids, one per pair
            doc.vocab[f"l:{base}:{k}"] = base + k
        ps = np.asarray([v.get(s, -1) for s, _ in self.pairs], np.int64)
        pt = np.asarray([v.get(t, -1) for _, t in self.pairs], np.int64)
        return self._side(*src, ps, base), self._side(*tgt, pt, base)

    def _side(self, sent: np.ndarray, wid: np.ndarray, pair_word: np.ndarray, base: int) -> Entries:
        order = np.argsort(pair_word, kind="stable")
        pw = pair_word[order]
        lo = np.searchsorted(pw, wid, "left")
        hi = np.searchsorted(pw, wid, "right")
        counts = hi - lo
        total = int(counts.sum())
        if not total:
            return Entries.empty()
        which = np.repeat(np.arange(len(wid)), counts)
        offs = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        k = order[lo[which] + offs]
        return Entries(sent[which], base + k, np.full(total, self.weight))


def combine(doc: Doc, scorers: Sequence[Scorer]) -> tuple[Entries, Entries]:
    """All scorers' features, weighted by inverse document frequency over both documents.

    A feature's weight depends on that feature's own entries only, so each scorer's weighted
    features are computed once per document pair and cached.
    """
    xs, ys = [], []
    for sc in scorers:
        key = ("weighted", id(sc))
        if key not in doc.cache:
            found = sc.features(doc)
            doc.cache[key] = (sc, _weighted(doc, *found) if getattr(sc, "idf", True) else found)
        x, y = doc.cache[key][1]
        xs.append(x)
        ys.append(y)
    return Entries.concat(xs), Entries.concat(ys)


def _weighted(doc: Doc, x: Entries, y: Entries) -> tuple[Entries, Entries]:
    nf = max(len(doc.vocab), 1)
    n = max(len(doc.src) + len(doc.tgt), 1)
    cx = np.bincount(x.feat, minlength=nf)
    cy = np.bincount(y.feat, minlength=nf)
    idf = np.log((n + 1.0) / (cx + cy + 1.0))  # occurrences stand in for document frequency
    # features found on one side only can never match: keep a little of their mass (coverage)
    scale = np.where((cx > 0) & (cy > 0), idf, idf * UNMATCHED_WEIGHT)
    return (Entries(x.sent, x.feat, x.weight * scale[x.feat]), Entries(y.sent, y.feat, y.weight * scale[y.feat]))



def candidate_pairs(doc: Doc, scorers: Sequence[Scorer]) -> tuple[np.ndarray, np.ndarray]:
    """(pairs, scores) proposed by the scorers that propose any (see `Scorer`), pooled."""
    pairs, scores = [np.zeros((0, 2), np.int64)], [np.zeros(0)]
    for sc in scorers:
        propose = getattr(sc, "candidates", None)
        if propose is not None:
            p, s = propose(doc)
            pairs.append(np.asarray(p, np.int64).reshape(-1, 2))
            scores.append(np.asarray(s, float))
    return np.concatenate(pairs), np.concatenate(scores)


def default_scorers(*, dictionary: Sequence[tuple[str, str]] | None = None) -> list[Scorer]:
    out: list[Scorer] = [AnchorScorer()]
    if dictionary:
        out.append(DictionaryScorer(pairs=list(dictionary)))
    return out


__all__ = ["Entries", "Analysis", "Doc", "Scorer", "AnchorScorer", "DictionaryScorer", "LexiconScorer",
           "combine", "candidate_pairs", "default_scorers", "cognate_classes", "analyse"]
