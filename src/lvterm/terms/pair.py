"""Latvian <-> English term equivalents by word alignment inside aligned beads.

`pair_terms(lv_candidates, en_candidates, beads, ...)`:

1. The words of every bead are word-aligned (`wordalign.align_words`: IBM Model 1, then a
   diagonal Model 2, trained over all the beads each way, symmetrised with grow-diag-final-and).
   Function words and punctuation are left out; Latvian words are keyed by stem, English ones by
   stem; the curated termbase (`dictionary`) and cognates (`lang.cognates`: LinkedIn/LinkedIn,
   organizācija/organisation) weigh their word pairs up as a prior. A side longer than
   `MAX_ALIGN_WORDS` words is aligned on its first `MAX_ALIGN_WORDS` words (bounded time).
2. Each occurrence of a Latvian term takes, among the English candidates' occurrences in its
   bead, the one its words are aligned to most consistently, as in phrase extraction: the links
   inside the box (Latvian term x English span) over those plus the confident links (posterior >=
   CONFIDENT_LINK) that leave it from either side, times the square root of the share of the
   Latvian words linked at all; English words without a link do not count against a span.
   *lasītava* linked to *reading* and *room* chooses *reading room* (1.0) over *room* (0.5: the
   link to *reading* leaves the box); *gadu* linked to *annual* finds no English term of its own
   (*annual membership fee* holds *membership fee*'s links). Ties go to the English candidate with
   the higher termhood (the whole term over a fragment of it: *reading room* over *reading*), then
   one not starting with a title (*Putin*, not *Mr Putin*), then the shorter, then by key. An English
   coordination ("maps and sound recording") is never the equivalent of a Latvian term without one,
   nor is an English term unless, in most (more than half) of the occurrences that chose it, every
   Latvian word of the term is linked inside it (`_Box.covers`: *bronzas medaļa* is not *bronze*,
   *sudraba medaļa* not *silver*; a curated pair is exempt). The next option may then be the
   equivalent, if it passes too; else the term has none. A single Latvian common noun that heads a
   phrase of its own (`_heads_phrase`: declined, no dependent of a preposition or a noun before it,
   modifying no next word), linked to an English common noun that only modifies the head noun of
   an English candidate (`_phrase_of`: *travel* of *travel guides*), takes that phrase where its
   links support it at least as well; else the modifier is its choice but not one of its own, and
   an English term no occurrence chose for itself is no equivalent (`_head_or_modifier`:
   *ceļvežus* linked to *travel*, *guides* to another word, has none; *kursi par katalogizāciju*
   keeps *cataloguing*).
3. Over its occurrences a Latvian term votes for English candidates; the best are scored with a
   calibrated confidence, the probability that the English term is a right equivalent: a logistic
   function (`CONFIDENCE`, fitted by benchmarks/fit_term_confidence.py on judged pairs of
   newstest2017, checked on the library-science bitext and the seed) of the share of the examined
   occurrences that chose it (weighted by consistency), the mean consistency of those choices, the
   mean posterior of their links, the Dice coefficient of the two terms over beads, cognate
   similarity and log2(1 + votes). A curated pair (matched by stem keys) is 0.9 + 0.1 x that;
   another English term for a curated Latvian term is halved.
4. The evidence is counted over distinct sentence pairs: a bead whose sides repeat an earlier
   bead's verbatim (in NFC, case and white space aside: boilerplate, a caption repeated under
   every post) is aligned once, with it; an occurrence there (the same words of the same
   sentence pair) is examined and votes once, and Dice is over distinct sentence pairs. The
   repeats are still among a pair's beads.
   Repetition alone raises no confidence (a misaligned caption repeated 30 times made
   *lasītava -> loan* 0.996), nor outvotes the distinct sentences that agree.

A pair below `constants.EXTRACT_MIN_CONFIDENCE` is left out by `extract_pairs`, and the build
(`proposals`) keeps no English for its Latvian term rather than a wrong one: a term seen twice or
more is proposed alone (a reviewer supplies the English), one seen once is left out.
"""
from __future__ import annotations

import logging
import math
import os
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from operator import mul
from pathlib import Path
from typing import AbstractSet, Iterable, Mapping, Sequence

from ..constants import EXTRACT_MIN_CONFIDENCE
from ..errors import InputError
from ..lang import en as en_lang
from ..lang import lv as lv_lang
from ..lang.cognates import cognate_initial, cognate_similarity
from ..models import Bead, Occurrence
from ..textio import tidy, to_nfc
from ..wordalign import align_words
from .extract import Candidate, extract_terms
from .patterns import _TOKEN_RE, _is_finite_verb

log = logging.getLogger(__name__)

CONFIDENT_LINK = 0.5  # a link this probable (mean of both directions) makes a box inconsistent
MAX_ALIGN_WORDS = 150  # words of a bead side that are word-aligned (a longer side: its first ones)
DICTIONARY_PRIOR = 20.0  # weight of a word pair from a curated term pair in the alignment's E step
COGNATE_PRIOR = 5.0  # weight of a word pair spelled alike (cognate similarity >= COGNATE_MIN)
COGNATE_MIN = 0.8

#: Calibrated confidence: logistic in (1, agreement, consistency, links, dice, cognate, log2(1 + votes)).
#: Every weight is positive: more of any evidence never lowers the confidence.
#: Fitted by benchmarks/fit_term_confidence.py (newstest2017 judged pairs); see docs/termbase.md.
CONFIDENCE = (-20.302, 0.997, 13.438, 3.569, 2.847, 1.87, 1.168)

_NONE: frozenset[int] = frozenset()
_UNCHOSEN = (0, (), (), frozenset(), 0, 0)  # the tally of an English option no occurrence chose
_CLOSED = frozenset({"ADP", "DET", "PRON", "AUX", "CCONJ", "SCONJ", "PART", "PUNCT", "X"})


@dataclass(frozen=True)
class TermPair:
    """A Latvian term, an English equivalent, the confidence, and the beads that support it."""

    lv: str
    en: str
    confidence: float
    beads: tuple[int, ...]  # indices into the bead list
    lv_key: str
    en_key: str
    frequency: int  # occurrences of the Latvian term
    rank: int = 1  # 1 = best English equivalent for this Latvian term
    score: float = 0.0  # confidence weighted by the Latvian term's termhood (output order)
    evidence: Mapping[str, float] = field(default_factory=dict)
    #: the distinct sentence pairs (a repeat is one, as for Dice) using both terms: the evidence the
    #: confidence was computed on, which the build notes beside it (`termbase.confidence_note`)
    sentence_pairs: int = 0


# --- the words of a bead ------------------------------------------------------------------------


def _key_function(module):
    """The key a word of `module`'s language is aligned by (its stem), or None for a function word
    or punctuation."""

    def align_key(word: str) -> str | None:
        # sent_start as term extraction passes it: the same analysis, memoised once
        if not any(ch.isalnum() for ch in word) or module.analyse(word, sent_start=False).pos in _CLOSED:
            return None
        return module.stem(word)

    return align_key


_ALIGN_KEY = {"lv": _key_function(lv_lang), "en": _key_function(en_lang)}

#: `_ALIGN_KEY`'s keys of the words seen, by language: a dict looked up where the words are read
#: (every word of every bead; a call of a memoised function cost more than the look-up), emptied
#: when it reaches _ALIGN_KEYS_LIMIT words.
_ALIGN_KEYS: dict[str, dict[str, str | None]] = {"lv": {}, "en": {}}
_ALIGN_KEYS_LIMIT = 200_000
_UNSEEN = object()


@dataclass
class _Side:
    """The aligned words of one side of a bead: their keys, the words, and where each sentence's
    words are: {sentence: [(position of its first word, their starts, their ends)]} (one run; two
    if a bead lists a sentence twice)."""

    keys: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    runs: dict[int, list[tuple[int, list[int], list[int]]]] = field(default_factory=dict)

    def index_set(self, segment: int, start: int, end: int) -> frozenset[int]:
        """`indices` as a set (a Latvian occurrence's words), made from their range directly."""
        runs = self.runs.get(segment, ())
        if len(runs) == 1:
            first, starts, ends = runs[0]
            return frozenset(range(first + bisect_left(starts, start), first + bisect_right(ends, end)))
        return frozenset(self.indices(segment, start, end))

    def indices(self, segment: int, start: int, end: int) -> tuple[int, ...]:
        """The positions (in `keys`) of the words of `segment` within [start, end), in order."""
        runs = self.runs.get(segment, ())
        if len(runs) == 1:  # a sentence's words are in order and do not overlap: a slice of them
            first, starts, ends = runs[0]
            return tuple(range(first + bisect_left(starts, start), first + bisect_right(ends, end)))
        out: tuple[int, ...] = ()
        for first, starts, ends in runs:
            out += tuple(range(first + bisect_left(starts, start), first + bisect_right(ends, end)))
        return out


def _side(ids: Sequence[int], sentences: Sequence[str], lang: str) -> _Side:
    side = _Side()
    keys, words = side.keys, side.words
    align_key, known = _ALIGN_KEY[lang], _ALIGN_KEYS[lang]
    for i in ids:
        starts: list[int] = []
        ends: list[int] = []
        side.runs.setdefault(i, []).append((len(keys), starts, ends))
        for m in _TOKEN_RE.finditer(sentences[i]):  # (`tokenize`'s tokens)
            word = m.group()
            key = known.get(word, _UNSEEN)
            if key is _UNSEEN:
                if len(known) >= _ALIGN_KEYS_LIMIT:
                    known.clear()
                key = known[word] = align_key(word)
            if key is not None:
                keys.append(key)
                words.append(word)
                starts.append(m.start())
                ends.append(m.end())
                if len(keys) >= MAX_ALIGN_WORDS:
                    return side
    return side


@lru_cache(maxsize=200_000)
def _cognate_terms(lv_text: str, en_text: str) -> float:
    """`cognate_similarity` of a Latvian and an English term (memoised: term pairs recur)."""
    return cognate_similarity(lv_text, en_text)


@lru_cache(maxsize=200_000)
def _cognate_words(lv_word: str, en_word: str) -> float:
    """`cognate_similarity` of two words of 4+ letters with the same `_initial`; else 1 for equal
    words and 0 (memoised: word pairs recur)."""
    if len(lv_word) < 4 or len(en_word) < 4 or _initial(lv_word) != _initial(en_word):
        return 1.0 if lv_word == en_word else 0.0
    return cognate_similarity(lv_word, en_word)


# --- choosing English spans -------------------------------------------------------------------


class _Links:
    """The links of one bead: from each Latvian word (`by_lv`), their posteriors, and the confident
    ones (posterior >= `confident`) from each word of either side."""

    __slots__ = ("by_lv", "posterior", "sure_en", "sure_lv")

    def __init__(self, links: Iterable[tuple[int, int]], posterior: Mapping[tuple[int, int], float],
                 confident: float):
        by_lv: dict[int, set[int]] = {}  # (sets filled in the links' order: `_Box.sure` sums in theirs)
        sure_lv: dict[int, list[int]] = {}
        sure_en: dict[int, list[int]] = {}
        for i, j in links:
            js = by_lv.setdefault(i, set())
            if j in js:
                continue
            js.add(j)
            if posterior[i, j] >= confident:
                sure_lv.setdefault(i, []).append(j)
                sure_en.setdefault(j, []).append(i)
        self.by_lv, self.sure_lv, self.sure_en = by_lv, sure_lv, sure_en
        self.posterior = posterior  # of each link (an aligner may give more: only the links' are read)


class _Box:
    """A Latvian occurrence's words (`lv_idx`) and their links, to score English spans against:
    `_consistency` taken apart so that what depends on the Latvian words alone is done once.
    (Plain loops: the boxes are tiny, a word or two each side, and a generator per sum cost more
    than the counting.)"""

    __slots__ = ("linked", "links", "lv_idx", "root_cover", "sure_out")

    def __init__(self, lv_idx: frozenset[int], links: _Links):
        by_lv, sure_lv = links.by_lv, links.sure_lv
        self.lv_idx, self.links = lv_idx, links
        linked: list[int] = []  # the English words linked (once a link)
        sure_out: list[int] = []  # those confidently linked
        covered = 0  # Latvian words linked at all
        for i in lv_idx:
            js = by_lv.get(i)
            if js is not None:
                covered += 1
                linked += js
                if i in sure_lv:
                    sure_out += sure_lv[i]
        self.linked = linked
        if not linked:  # nothing to score
            self.sure_out, self.root_cover = [], 0.0
            return
        self.sure_out = sure_out
        self.root_cover = math.sqrt(covered / len(lv_idx))

    def consistency(self, en_idx: frozenset[int]) -> float:
        """The links inside the box over those plus the confident ones leaving it, times the square
        root of the share of the Latvian words linked at all (0: no link inside)."""
        inside = 0
        for j in self.linked:
            if j in en_idx:
                inside += 1
        if not inside:
            return 0.0
        lv_idx, sure_en = self.lv_idx, self.links.sure_en
        leaving = 0
        for j in self.sure_out:
            if j not in en_idx:
                leaving += 1
        for j in en_idx:
            if j in sure_en:
                for i in sure_en[j]:
                    if i not in lv_idx:
                        leaving += 1
        return inside / (inside + leaving) * self.root_cover

    def choose(self, at: Mapping[int, list[tuple]]) -> tuple[tuple, float] | None:
        """Of the English occurrences over the words the box links to, the one the box is most
        consistent with, and that consistency (None: none is). `at`: {English word: the
        occurrences (key, positions, words, rank) over it}. Ties go to the lower rank (not titled,
        higher termhood, fewer words, key: `pair_terms`), then to the first by key and positions."""
        tried = set()
        for j in self.linked:
            if j in at:
                tried.update(at[j])
        best, best_s = None, 0.0
        for occ in sorted(tried):  # by key, then positions
            s = self.consistency(occ[2])
            if s <= 0:
                continue
            if best is None or s > best_s or (s == best_s and occ[3] < best[3]):
                best, best_s = occ, s
        return None if best is None else (best, best_s)

    def covers(self, en_idx: frozenset[int]) -> bool:
        """Every Latvian word of the box is linked to a word of the English span (`_Box.linked`
        keeps no order of the Latvian words, so each is looked up again: boxes are tiny)."""
        by_lv = self.links.by_lv
        return all(not by_lv.get(i, _NONE).isdisjoint(en_idx) for i in self.lv_idx)

    def sure(self, en_idx: frozenset[int]) -> float:
        """The mean posterior of the links inside the box (it has some)."""
        by_lv, posterior = self.links.by_lv, self.links.posterior
        inside = [(i, j) for i in self.lv_idx for j in by_lv.get(i, _NONE) & en_idx]
        return sum(posterior[link] for link in inside) / len(inside)


def _consistency(lv_idx: frozenset[int], en_idx: frozenset[int], by_lv: Mapping[int, set[int]],
                 by_en: Mapping[int, set[int]], posterior: Mapping[tuple[int, int], float],
                 confident: float = 0.5) -> tuple[float, float]:
    """How consistent the box (Latvian words x English words) is with the bead's links, and how
    sure the links inside it are. Consistency: the links inside over those plus the confident
    links (posterior >= `confident`) that leave it from either side, times the square root of
    the share of the Latvian words linked at all. English words without a link do not count
    against a span (phrase extraction extends over them); which of two such spans wins is the
    caller's tie-break. Sureness: the mean posterior of the links inside. `by_lv`/`by_en`: the
    links from each word; `posterior`: of each link. (`pair_terms` scores with `_Box`.)"""
    links = [(i, j) for i, js in by_lv.items() for j in js]
    box = _Box(lv_idx, _Links(links, {link: posterior[link] for link in links}, confident))
    s = box.consistency(en_idx)
    return (s, box.sure(en_idx)) if s > 0 else (0.0, 0.0)


def _logistic(features: Sequence[float], constants: Sequence[float]) -> float:
    z = constants[0] + sum(map(mul, constants[1:], features))
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def pair_terms(lv_candidates: Sequence[Candidate], en_candidates: Sequence[Candidate],
               beads: Sequence[Bead], *, lv_sentences: Sequence[str], en_sentences: Sequence[str],
               dictionary: Iterable[tuple[str, str]] | None = None, per_term: int = 3,
               min_confidence: float = 0.05, max_options: int = 40,
               constants: Sequence[float] = CONFIDENCE, aligner=align_words) -> list[TermPair]:
    """For every Latvian candidate, up to `per_term` English equivalents (rank 1 = best), each
    with a calibrated confidence in [0, 1] and the bead indices whose occurrences chose it.
    Candidates' segment indices refer to `lv_sentences`/`en_sentences`, which the beads' src/tgt
    ids index. `max_options`: English candidates scored per Latvian term (the most voted).
    `constants`: of the confidence (CONFIDENCE); `aligner`: the word aligner (`align_words`, or
    one with its signature, its posteriors keyed by exactly its links: the benchmark compares
    eflomal's links)."""
    dictionary = tuple((a, b) for a, b in dictionary or ())
    known, known_lv, known_en, _ = _curated(dictionary)
    sides, alignments, pair_of = _align_beads(beads, lv_sentences, en_sentences, dictionary=dictionary,
                                              aligner=aligner)
    bead_of_lv = {s: b for b, bead in enumerate(beads) for s in bead.src}
    bead_of_en = {s: b for b, bead in enumerate(beads) for s in bead.tgt}
    en_by_key = {c.key: c for c in en_candidates}
    # a title before a name is no part of its equivalent: Putin, not Mr Putin
    titled = {c.key: c.text.split(None, 1)[0].lower().rstrip(".") in en_lang.TITLES for c in en_candidates}
    # rank of an English span among equally consistent ones: not titled, higher termhood, fewer words, key
    tie = {c.key: (titled[c.key], -en_by_key[c.key].score) for c in en_candidates}
    # English common-noun phrases (written in lower case, no coordination): what a modifier is
    # taken from and widened to (`_phrase_of`)
    en_common = frozenset(c.key for c in en_candidates if c.text.islower() and not _coordinated(c.text, "en"))
    # English occurrences by bead and word (only those linked to a term are tried):
    # (key, positions, words, rank after consistency, position of its head word)
    en_at: list[dict[int, list[tuple[str, tuple[int, ...], frozenset[int], tuple, int]]]] = [{} for _ in beads]
    en_beads: dict[str, set[int]] = defaultdict(set)
    en_pairs: dict[str, set[int]] = defaultdict(set)  # the distinct sentence pairs (`pair_of`) of en_beads
    for c in en_candidates:
        key, rank = c.key, tie[c.key]
        for o in c.occurrences:
            b = bead_of_en.get(o.segment_index)
            if b is None:
                continue
            positions = sides[b][1].indices(o.segment_index, o.start, o.end)
            en_beads[key].add(b)
            en_pairs[key].add(pair_of[b])
            occ = (key, positions, frozenset(positions), (*rank, len(positions), key),
                   _en_head(sides[b][1], o, positions))
            at = en_at[b]
            for j in positions:
                at.setdefault(j, []).append(occ)
    # made for the sentence pairs a Latvian term is in (a repeated one has its first bead's links)
    pair_links: list[_Links | None] = [None] * len(alignments)

    pairs: list[TermPair] = []
    top_score = max((c.score for c in lv_candidates), default=1.0) or 1.0
    for cand in lv_candidates:
        coordinated = _coordinated(cand.text, "lv")
        noun = " " not in cand.text and cand.text.islower()  # a single common noun: ceļvedis
        lv_beads: set[int] = set()
        # English key -> [votes (the sum of the next), the consistencies and the link posteriors of
        # the occurrences that chose it, their beads, how many of them it covers (`_Box.covers`),
        # how many chose it for itself (`_head_or_modifier`)]
        tally: dict[str, list] = {}
        # an occurrence is counted once a sentence pair: the same words of a repeated pair (its
        # sentence pair, its words), and the choices made there, are no new evidence
        examined: set[tuple[int, frozenset[int]]] = set()
        voted: set[tuple[int, frozenset[int], str]] = set()
        for o in cand.occurrences:
            b = bead_of_lv.get(o.segment_index)
            if b is None:
                continue
            lv_beads.add(b)
            lv_idx = sides[b][0].index_set(o.segment_index, o.start, o.end)
            if not lv_idx:
                continue  # past a long side's MAX_ALIGN_WORDS: not examined
            p = pair_of[b]
            examined.add((p, lv_idx))
            links = pair_links[p]
            if links is None:
                links = pair_links[p] = _Links(*alignments[p], CONFIDENT_LINK)
            box = _Box(lv_idx, links)
            best = box.choose(en_at[b])
            if best is not None:
                own = True  # (False: chosen only as the modifier of the English phrase, `_head_or_modifier`)
                if noun:
                    best, own = _head_or_modifier(box, best, en_at[b], common=en_common,
                                                  sentence=lv_sentences[o.segment_index], start=o.start, end=o.end)
                (ekey, _, en_idx, _, _), s = best
                kept = tally.setdefault(ekey, [0, [], [], set(), 0, 0])
                kept[3].add(b)  # (a repeat supports it too: the beads list every one)
                if (p, lv_idx, ekey) in voted:
                    continue
                voted.add((p, lv_idx, ekey))
                kept[0] += s
                kept[1].append(s)
                kept[2].append(box.sure(en_idx))
                kept[4] += box.covers(en_idx)
                kept[5] += own
        occurrences = len(examined)
        if not occurrences:
            continue
        lv_pairs = {pair_of[b] for b in lv_beads}
        options = sorted(tally, key=lambda k: (-tally[k][0], k))[:max_options]
        for ek in known_en.get(cand.key, ()):  # a curated equivalent in a shared bead is always an option
            if ek in en_by_key and ek not in options and en_beads[ek] & lv_beads:
                options.append(ek)
        scored = []
        for ekey in options:
            ecand = en_by_key[ekey]
            if _coordinated(ecand.text, "en") and not coordinated:
                continue  # "maps and sound recording" for skaņu ieraksts: a coordination has one on both sides
            votes, chosen, certainty, chose_beads, covered, own = tally.get(ekey) or _UNCHOSEN
            in_dict = (cand.key, ekey) in known
            if chosen and covered * 2 <= len(chosen) and not in_dict:
                continue  # a Latvian word linked outside the English span, or to nothing, in half or more
            if chosen and not own and not in_dict:
                continue  # only ever the modifier of the English a Latvian head noun means: travel of travel guides
            shared = lv_beads & en_beads[ekey]
            together = len(lv_pairs & en_pairs[ekey])  # distinct sentence pairs using both terms
            dice = 2 * together / (len(lv_pairs) + len(en_pairs[ekey]))
            agreement = votes / occurrences
            consistency = sum(chosen) / len(chosen) if chosen else 0.0
            cognate = _cognate_terms(cand.text, ecand.text)
            sure = sum(certainty) / len(certainty) if certainty else 0.0
            size = math.log2(1 + len(chosen))
            conf = _logistic((agreement, consistency, sure, dice, cognate, size), constants)
            if in_dict:
                conf = 0.9 + 0.1 * conf
            elif cand.key in known_lv:
                conf *= 0.5  # a curated equivalent exists and this is not it
            conf = min(1.0, max(0.0, conf))
            support = chose_beads or shared
            if conf >= min_confidence and support:  # (the evidence of the few kept is written below)
                scored.append((conf, len(chosen), ecand, support,
                               (agreement, consistency, sure, dice, cognate, in_dict), together))
        scored.sort(key=lambda x: (-x[0], -x[1], -x[2].score, x[2].text, x[2].key))
        weight = math.sqrt(max(cand.score, 0.0) / top_score)
        for rank, (conf, votes_for, ecand, support, features, together) in enumerate(scored[:per_term], start=1):
            agreement, consistency, sure, dice, cognate, in_dict = features
            evidence = {"agreement": round(agreement, 4), "consistency": round(consistency, 4),
                        "links": round(sure, 4), "dice": round(dice, 4), "cognate": round(cognate, 4),
                        "votes": votes_for, "dictionary": float(in_dict)}
            pairs.append(TermPair(lv=cand.text, en=ecand.text, confidence=round(conf, 4),
                                  beads=tuple(sorted(support)), lv_key=cand.key, en_key=ecand.key,
                                  frequency=cand.frequency, rank=rank, score=round(conf * weight, 4),
                                  evidence=evidence, sentence_pairs=together))
    return pairs


_CONJUNCTIONS = {"lv": frozenset({"un", "vai", "&"}), "en": frozenset({"and", "or", "&"})}


# --- a modifier is no equivalent of a head ----------------------------------------------------

_OF_RE = re.compile(r"\s+of\s+", re.IGNORECASE)


def _en_head(side: _Side, occ: Occurrence, positions: tuple[int, ...]) -> int:
    """The position (in `side`) of the head word of an English occurrence: its last word, or the
    last before "of" (`canonical._en_head`: importance of networking); -1 for none, and where that
    word is no noun (`_en_noun`: *caught* of *fishermen caught*, a span the English noun phrases
    take a verb into), so that no modifier is widened to it."""
    head = positions[-1] if positions else -1
    m = _OF_RE.search(occ.form)
    if m:
        before = side.indices(occ.segment_index, occ.start, occ.start + m.start())
        if before:
            head = before[-1]
    return head if head >= 0 and _en_noun(side.words[head]) else -1


def _en_noun(word: str) -> bool:
    """The English word reads as a noun on its own: a plural in -s, or a singular that is its own
    lemma (*guides*, *art*; not *caught*, a noun to the analyser with the lemma *catch*, nor
    *concerning*, *live*)."""
    a = en_lang.analyse(word, sent_start=False)
    return a.pos == "NOUN" and (a.number == "plur" or a.lemma == word.lower())


def _head_or_modifier(box: _Box, best: tuple[tuple, float], at: Mapping[int, list[tuple]], *,
                      common: AbstractSet[str], sentence: str, start: int,
                      end: int) -> tuple[tuple[tuple, float], bool]:
    """What an occurrence of a single Latvian common noun (the word at [start, end) of `sentence`)
    votes for, and whether the English is chosen for itself. `best`: the English occurrence
    `_Box.choose` took and its consistency. Where the Latvian noun heads its own phrase
    (`_heads_phrase`) and that English word only modifies the head of an English noun phrase
    (`_phrase_of`: *travel* of *travel guides*), the phrase is taken when its links support it at
    least as well (`_Box.consistency`); else the modifier stays, not chosen for itself: it is the
    equivalent only if another occurrence chose it for itself (`pair_terms`), else the term has no
    equivalent there (*ceļvežus* linked to *travel* alone, *guides* to another word)."""
    phrase = _phrase_of(best[0], at, common=common)
    if phrase is None or not _heads_phrase(sentence, start, end):
        return best, True
    s = box.consistency(phrase[2])
    if s >= best[1]:
        return (phrase, s), True
    return best, False


def _phrase_of(occ: tuple, at: Mapping[int, list[tuple]], *, common: AbstractSet[str]) -> tuple | None:
    """For an English occurrence of a common noun (`common`: the keys of English candidates written
    in lower case and not coordinated), the shortest such occurrence (then the best ranked) of which
    it is a modifier: one holding its words whose head noun (`_en_head`) comes after them (travel
    guides for travel; not importance of networking for networking, nor fishermen caught for
    fishermen). None when it is a modifier of none, or a name (a name before a noun is how English
    says what Latvian says otherwise: a Banff man, vīrs no Banfas). `at`: {English word: the
    occurrences over it} (`pair_terms`)."""
    if occ[0] not in common:
        return None
    positions, words = occ[1], occ[2]
    best = None
    for j in positions:
        for other in at.get(j, ()):
            if other[4] > positions[-1] and words < other[2] and other[0] in common and (
                    best is None or (len(other[1]), other[3], other[1]) < (len(best[1]), best[3], best[1])):
                best = other
    return best


#: What a Latvian word before the next word of its phrase can be (a genitive modifies these).
_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})
#: What may stand between a Latvian noun and the word it depends on: its own modifiers.
_MODIFIERS = frozenset({"ADJ", "NUM", "DET", "PRON"})
_QUOTES = frozenset("\"'“”„«»‘’")
_DEPENDENT_REACH = 6  # words (and commas) looked at before a Latvian noun (`_dependent`)


def _genitive(analysis) -> bool:
    """The word may be a genitive, or shows no case (an indeclinable word: ASV, NATO)."""
    return analysis.case is None or "gen" in analysis.case.split("|")


def _heads_phrase(sentence: str, start: int, end: int) -> bool:
    """Whether the Latvian noun at [start, end) of `sentence` heads a noun phrase of its own, as the
    English head it may be widened to would: not a word the lexicon does not decline (a foreign word
    as written: "wellness" jeb labsajūtas klīnika, art house filmas, ASV), not a dependent of a
    preposition or a noun before it (`_dependent`: kursi par katalogizāciju, cataloguing courses),
    and not modifying the next word: it heads where no noun, adjective or number follows, or where
    one that may be a genitive follows a word that cannot be one (ceļvežus latviešu valodā); not
    before one that cannot be a genitive, nor as a possible genitive itself before one (bibliotēkas
    vestibilā)."""
    from ..lang import lexicon

    word = sentence[start:end]
    this = lv_lang.analyse(word, sent_start=False)
    if this.case is None or not lexicon.readings(word) or _dependent(sentence, start, genitive=_genitive(this)):
        return False
    follows = _TOKEN_RE.search(sentence, end)
    while follows is not None and follows.group() in _QUOTES:
        follows = _TOKEN_RE.search(sentence, follows.end())
    if follows is None or follows.group("w") is None:
        return True
    after = lv_lang.analyse(follows.group(), sent_start=False)
    if after.pos not in _NOMINAL:
        return True
    return _genitive(after) and not _genitive(this)


def _dependent(sentence: str, start: int, *, genitive: bool) -> bool:
    """The Latvian noun at `start` of `sentence` depends on a word before it: a preposition (kursi
    par katalogizāciju, incidents ar vēja kūkām), or a noun it follows (solidaritāte kulinārijā;
    piekļuve pludmalēm un peldēšanai), over its own modifiers (adjectives, numbers, pronouns,
    possible genitives), quotation marks, and a noun joined to it by un, vai or jeb; looked for
    `_DEPENDENT_REACH` words back. A comma ends the search (a list or a clause starts there:
    daiļliteratūru, bērnu grāmatas un ceļvežus), and so does a word that may be a finite verb
    (gaidām, also the dative of gaidas). A noun that may be a genitive (`genitive`) after a noun
    is no dependent: a partitive, what English makes the head (daļa tenisistu, some tennis players)."""
    conjunct = False  # after un, vai or jeb: the noun before is coordinated with it
    steps = 0
    for m in reversed(list(_TOKEN_RE.finditer(sentence, max(0, start - 200), start))):
        text = m.group()
        if text in _QUOTES:
            continue
        steps += 1
        if steps > _DEPENDENT_REACH or m.group("p") is not None:
            return False
        if m.group("n") is not None:  # a number: 70 gramus
            continue
        a = lv_lang.analyse(text, sent_start=False)
        if a.pos == "ADP":
            return True
        if a.pos == "CCONJ" and not conjunct:
            conjunct = True
        elif a.pos in ("NOUN", "PROPN") and not _is_finite_verb(text):
            if conjunct:
                conjunct = False
            elif not _genitive(a):
                return not genitive
        elif a.pos not in _MODIFIERS:
            return False
    return False


def _coordinated(text: str, lang: str) -> bool:
    """The term joins two words with a coordinating conjunction ("library and information science",
    "bibliotēku un informācijas zinātne")."""
    return not _CONJUNCTIONS[lang].isdisjoint(text.lower().split())


@lru_cache(maxsize=8)
def _curated(dictionary: tuple[tuple[str, str], ...]):
    """What pairing takes from the curated (Latvian, English) term pairs: the set of their stem
    key pairs, the Latvian keys, {Latvian key: its English keys, sorted}, and the prior
    {(Latvian word key, English word key): DICTIONARY_PRIOR} of their words (read only). The build
    passes one dictionary for every post: computed once (a tuple of string pairs hashes fast)."""
    known = frozenset((lv_lang.stem_key(a), en_lang.stem_key(b)) for a, b in dictionary)
    known_lv = frozenset(a for a, _ in known)
    known_en: dict[str, list[str]] = defaultdict(list)  # Latvian key -> its curated English keys
    for lk, ek in sorted(known):
        known_en[lk].append(ek)
    words = {(lv_lang.stem(x), en_lang.stem(y)) for a, b in dictionary for x in a.split() for y in b.split()}
    return known, known_lv, {k: tuple(v) for k, v in known_en.items()}, dict.fromkeys(words, DICTIONARY_PRIOR)


def _align_beads(beads: Sequence[Bead], lv_sentences: Sequence[str], en_sentences: Sequence[str], *,
                 dictionary: tuple[tuple[str, str], ...], aligner) -> tuple[list[tuple[_Side, _Side]], list, list[int]]:
    """The aligned words of each bead's two sides, `aligner`'s links and their posteriors for the
    distinct sentence pairs, with the curated word pairs and cognates as the prior, and the index
    (into those) of each bead's. A sentence pair is its two sides' sentences, in order, as
    `_repeat_text` writes them, and their aligned words (`_Side.keys`: ES, the EU, and es, I, fold
    alike): a bead repeating an earlier one verbatim (boilerplate, a caption under every post) is
    aligned as that one, and is no more evidence for the aligner's word translation table than it;
    a sentence that differs in a function word (ir, bija, nav: is, was, is not) is another."""
    sides = [(_side(b.src, lv_sentences, "lv"), _side(b.tgt, en_sentences, "en")) for b in beads]
    distinct: dict[tuple, int] = {}  # sentence pair -> its index
    firsts: list[int] = []  # the first bead of each distinct sentence pair
    pair_of: list[int] = []
    for b, (lv_side, en_side) in enumerate(sides):
        bead = beads[b]
        key = (tuple([_repeat_text(lv_sentences[i]) for i in bead.src]),
               tuple([_repeat_text(en_sentences[i]) for i in bead.tgt]), tuple(lv_side.keys), tuple(en_side.keys))
        p = distinct.get(key)
        if p is None:
            p = distinct[key] = len(firsts)
            firsts.append(b)
        pair_of.append(p)
    prior = _cognate_prior([sides[b] for b in firsts])
    prior.update(_curated(dictionary)[3])  # a curated pair before a cognate
    alignments = aligner([(sides[b][0].keys, sides[b][1].keys) for b in firsts], prior=prior)
    return sides, alignments, pair_of


def _repeat_text(sentence: str) -> str:
    """A sentence as repeats are told by (`_align_beads`): in NFC, case-folded, each run of white
    space one space; "Abonements ir atvērts." and "Abonements nav atvērts." stay two."""
    return tidy(to_nfc(to_nfc(sentence).casefold()))


def _cognate_prior(sides: Sequence[tuple[_Side, _Side]]) -> dict[tuple[str, str], float]:
    """{(Latvian key, English key): COGNATE_PRIOR} of the key pairs whose words are cognates, judged
    (`_cognate_words`) on the words behind the two keys in the first bead that has both.

    Only the pairs that can be cognates are looked at: words spelled the same, or two words of 4+
    letters with the same `_initial` (kvalifikāciju/qualification: `_cognate_words` gives every
    other pair 0); not every pair of words of a bead."""
    out: dict[tuple[str, str], float] = {}
    judged: set[tuple[str, str]] = set()
    lv_in: dict[str, set[int]] = defaultdict(set)  # key -> the beads that have it
    en_in: dict[str, list[int]] = defaultdict(list)
    initials = _INITIALS
    if len(initials) >= _ALIGN_KEYS_LIMIT:
        initials.clear()
    for b, (lv_side, en_side) in enumerate(sides):
        lv_words = dict(zip(lv_side.keys, lv_side.words))  # a key's last word in the bead
        en_words = dict(zip(en_side.keys, en_side.words))
        by_word: dict[str, str] = {}  # (one key a word)
        by_initial: dict[str, list[str]] = {}
        for ek, ew in en_words.items():
            en_in[ek].append(b)
            by_word[ew] = ek
            if len(ew) >= 4:
                first = initials.get(ew) or initials.setdefault(ew, _initial(ew))
                if first in by_initial:
                    by_initial[first].append(ek)
                else:
                    by_initial[first] = [ek]
        for lk, lw in lv_words.items():
            beads_with_lk = lv_in[lk]
            beads_with_lk.add(b)
            if len(lw) >= 4:
                options = by_initial.get(initials.get(lw) or initials.setdefault(lw, _initial(lw)), ())
            else:
                options = ()
            same = by_word.get(lw)
            if same is not None:
                options = [same, *options]
            for ek in options:
                pair = (lk, ek)
                if pair in judged:
                    continue
                judged.add(pair)
                earlier = en_in[ek]  # the beads with ek, this one last
                if len(earlier) > 1 and not beads_with_lk.isdisjoint(islice(earlier, len(earlier) - 1)):
                    continue  # met in an earlier bead, where these words could not be cognates
                if _cognate_words(lw, en_words[ek]) >= COGNATE_MIN:
                    out[pair] = COGNATE_PRIOR
    return out


#: `_initial` of the words seen (a dict looked up in `_cognate_prior`'s loop; emptied at
#: _ALIGN_KEYS_LIMIT words, when a post starts).
_INITIALS: dict[str, str] = {}


@lru_cache(maxsize=200_000)
def _initial(word: str) -> str:
    """The word's first letter as `cognate_initial` gives it, the same key for both languages
    (k, c, q -> c; ph, f -> f: 'kvalifikāciju'/'qualification' meet)."""
    return cognate_initial(word)


def _closest(a: Sequence[float], b: Sequence[float]) -> float:
    """min(|x - y|) over x in a, y in b, by merging the sorted lists: linear, where trying every
    pair was quadratic in the occurrences of one bead (a line of one word repeated). Pairing by
    word alignment no longer compares positions; kept for tests/test_hostile_inputs.py and the
    baseline of benchmarks/pathological.py, which patch or check it."""
    xs, ys = sorted(a), sorted(b)
    best, j = abs(xs[0] - ys[0]), 0
    for x in xs:
        while j + 1 < len(ys) and ys[j + 1] <= x:
            j += 1
        best = min(best, abs(x - ys[j]))
        if j + 1 < len(ys):
            best = min(best, abs(x - ys[j + 1]))
    return best


def best_pairs(pairs: Iterable[TermPair]) -> list[TermPair]:
    """The rank-1 pair of every Latvian term, best score first."""
    firsts = [p for p in pairs if p.rank == 1]
    return sorted(firsts, key=lambda p: (-p.score, -p.frequency, p.lv, p.lv_key, p.en_key))


#: A Latvian term with no English equivalent above the threshold is still proposed, alone, when it
#: is seen this often: a recurring term whose English a reviewer should supply.
ALONE_MIN_FREQUENCY = 2


def proposals(lv_candidates: Sequence[Candidate], pairs: Iterable[TermPair], *,
              min_confidence: float = EXTRACT_MIN_CONFIDENCE) -> list[tuple[Candidate, TermPair | None]]:
    """What the build proposes, best first: each Latvian term of its own (termhood > 0) with its
    best English equivalent when the pairing confidence reaches `min_confidence`; else the term
    alone when seen ALONE_MIN_FREQUENCY times or more in distinct texts (`Candidate.distinct_frequency`:
    a caption repeated under every post is seen once), else nothing. A wrong English term misleads
    a translator, a missing one does not: under the threshold a term keeps no English, and a
    phrase met once with no safe equivalent is more likely noise than a term to define. Pairs
    come first (by score), then terms alone (by termhood)."""
    by_key = {c.key: c for c in lv_candidates}
    paired = [p for p in best_pairs(pairs) if p.confidence >= min_confidence and p.score > 0]
    out: list[tuple[Candidate, TermPair | None]] = [(by_key[p.lv_key], p) for p in paired]
    done = {p.lv_key for p in paired}
    out += [(c, None) for c in lv_candidates
            if c.key not in done and c.score > 0 and c.distinct_frequency >= ALONE_MIN_FREQUENCY]
    return out


# --- line-aligned text and TMX ------------------------------------------------------------


def extract_pairs(src_lines: Sequence[str], tgt_lines: Sequence[str], *, src_lang: str = "lv",
                  tgt_lang: str = "en", dictionary: Iterable[tuple[str, str]] | None = None,
                  min_confidence: float = EXTRACT_MIN_CONFIDENCE, limit: int | None = None,
                  progress=None) -> list[TermPair]:
    """Term pairs from line-aligned bitext (line i of src translates line i of tgt), best first.
    `progress`: as `extract_terms` takes it (a bar per language)."""
    if {src_lang, tgt_lang} != {"lv", "en"}:
        raise InputError(f"term pairing needs Latvian and English, got {src_lang} and {tgt_lang}")
    if len(src_lines) != len(tgt_lines):
        raise InputError(f"{len(src_lines)} source lines but {len(tgt_lines)} target lines")
    lv_lines, en_lines = (src_lines, tgt_lines) if src_lang == "lv" else (tgt_lines, src_lines)
    beads = [Bead((i,), (i,)) for i in range(len(lv_lines))]
    lv_c = extract_terms(lv_lines, lang="lv", progress=progress)
    en_c = extract_terms(en_lines, lang="en", progress=progress)
    pairs = pair_terms(lv_c, en_c, beads, lv_sentences=lv_lines, en_sentences=en_lines,
                       dictionary=dictionary, per_term=1)
    # a word met only inside longer terms has termhood 0: it is not a term of its own
    out = [p for p in best_pairs(pairs) if p.confidence >= min_confidence and p.score > 0]
    return out[:limit] if limit else out


def extract_files(src: str | os.PathLike | None = None, tgt: str | os.PathLike | None = None, *,
                  tmx: str | os.PathLike | None = None, src_lang: str = "lv", tgt_lang: str = "en",
                  termbase: str | os.PathLike | None = None, min_confidence: float = EXTRACT_MIN_CONFIDENCE,
                  limit: int | None = None, progress=None) -> list[TermPair]:
    """`lvterm extract` as a function: term pairs from two line-aligned files (`src`, `tgt`) or
    from a TMX (`tmx`), best first. `termbase`: a curated termbase folder whose entries guide the
    pairing (None: none; a folder that does not exist is an InputError, never a run without it)."""
    from ..formats.beads import read_aligned
    from ..formats.tmx import read_tmx_bitext

    if tmx is not None and (src is not None or tgt is not None):
        raise InputError("give either SRC and TGT files or --tmx FILE, not both")
    if tmx is not None:
        src_lines, tgt_lines = read_tmx_bitext(tmx, src_lang=src_lang, tgt_lang=tgt_lang)
    elif src is not None and tgt is not None:
        src_lines, tgt_lines = read_aligned(src, tgt)
    else:
        raise InputError("give SRC and TGT files (line-aligned) or --tmx FILE")
    dictionary = None
    if termbase is not None:
        if not Path(termbase).exists():
            raise InputError("termbase folder not found", path=termbase)
        from .termbase import curated_dictionary, load_curated

        dictionary = curated_dictionary(load_curated(termbase))
    return extract_pairs(src_lines, tgt_lines, src_lang=src_lang, tgt_lang=tgt_lang, dictionary=dictionary,
                         min_confidence=min_confidence, limit=limit, progress=progress)

