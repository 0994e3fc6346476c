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
   one not starting with a title (*Putin*, not *Mr Putin*), then the shorter, then by key.
3. Over its occurrences a Latvian term votes for English candidates; the best are scored with a
   calibrated confidence, the probability that the English term is a right equivalent: a logistic
   function (`CONFIDENCE`, fitted by benchmarks/fit_term_confidence.py on judged pairs of
   newstest2017, checked on the library-science bitext and the seed) of the share of the examined
   occurrences that chose it (weighted by consistency), the mean consistency of those choices, the
   mean posterior of their links, the Dice coefficient of the two terms over beads, cognate
   similarity and log2(1 + votes). A curated pair (matched by stem keys) is 0.9 + 0.1 x that;
   another English term for a curated Latvian term is halved.

A pair below `constants.EXTRACT_MIN_CONFIDENCE` is left out by `extract_pairs`, and the build
(`proposals`) keeps no English for its Latvian term rather than a wrong one: a term seen twice or
more is proposed alone (a reviewer supplies the English), one seen once is left out.
"""
from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from ..constants import EXTRACT_MIN_CONFIDENCE
from ..errors import InputError
from ..lang import en as en_lang
from ..lang import lv as lv_lang
from ..lang.cognates import cognate_similarity
from ..models import Bead
from ..wordalign import align_words
from .extract import Candidate, extract_terms
from .patterns import tokenize

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


# --- the words of a bead ------------------------------------------------------------------------


@lru_cache(maxsize=200_000)
def _align_key(word: str, lang: str) -> str | None:
    """The key a word is aligned by (its stem), or None for a function word or punctuation."""
    module = lv_lang if lang == "lv" else en_lang
    if not any(ch.isalnum() for ch in word) or module.analyse(word).pos in _CLOSED:
        return None
    return module.stem(word)


@dataclass
class _Side:
    """The aligned words of one side of a bead: keys, and (sentence, start, end) of each."""

    keys: list[str] = field(default_factory=list)
    where: list[tuple[int, int, int]] = field(default_factory=list)
    _by_segment: dict[int, list[tuple[int, int, int]]] | None = field(default=None, repr=False, compare=False)

    def indices(self, segment: int, start: int, end: int) -> list[int]:
        """The positions (in `keys`) of the words of `segment` within [start, end), in order."""
        if self._by_segment is None:  # (k, start, end) of each segment's words, made once a side
            self._by_segment = defaultdict(list)
            for k, (s, a, b) in enumerate(self.where):
                self._by_segment[s].append((k, a, b))
        return [k for k, a, b in self._by_segment.get(segment, ()) if a >= start and b <= end]


def _side(ids: Sequence[int], sentences: Sequence[str], lang: str) -> _Side:
    side = _Side()
    keys, where = side.keys, side.where
    for i in ids:
        for a, b, word in tokenize(sentences[i]):
            key = _align_key(word, lang)
            if key is not None:
                keys.append(key)
                where.append((i, a, b))
                if len(keys) >= MAX_ALIGN_WORDS:
                    return side
    return side


@lru_cache(maxsize=200_000)
def _cognate_terms(lv_text: str, en_text: str) -> float:
    """`cognate_similarity` of a Latvian and an English term (memoised: term pairs recur)."""
    return cognate_similarity(lv_text, en_text)


@lru_cache(maxsize=200_000)
def _cognate_words(lv_word: str, en_word: str) -> float:
    if len(lv_word) < 4 or len(en_word) < 4 or lv_lang.fold(lv_word)[:1] != en_lang.fold(en_word)[:1]:
        return 1.0 if lv_word == en_word else 0.0
    return cognate_similarity(lv_word, en_word)


# --- choosing English spans -------------------------------------------------------------------


def _consistency(lv_idx: frozenset[int], en_idx: frozenset[int], by_lv: Mapping[int, set[int]],
                 by_en: Mapping[int, set[int]], posterior: Mapping[tuple[int, int], float],
                 confident: float = 0.5) -> tuple[float, float]:
    """How consistent the box (Latvian words x English words) is with the bead's links, and how
    sure the links inside it are. Consistency: the links inside over those plus the confident
    links (posterior >= `confident`) that leave it from either side, times the square root of
    the share of the Latvian words linked at all. English words without a link do not count
    against a span (phrase extraction extends over them); which of two such spans wins is the
    caller's tie-break. Sureness: the mean posterior of the links inside. `by_lv`/`by_en`: the
    links from each word; `posterior`: of each link."""
    inside = [(i, j) for i in lv_idx for j in by_lv.get(i, _NONE) & en_idx]
    if not inside:
        return 0.0, 0.0
    leaving = sum(1 for i in lv_idx for j in by_lv.get(i, _NONE) if j not in en_idx and posterior[i, j] >= confident)
    leaving += sum(1 for j in en_idx for i in by_en.get(j, _NONE) if i not in lv_idx and posterior[i, j] >= confident)
    cover = sum(i in by_lv for i in lv_idx) / len(lv_idx)
    sure = sum(posterior[link] for link in inside) / len(inside)
    return len(inside) / (len(inside) + leaving) * math.sqrt(cover), sure


def _logistic(features: Sequence[float], constants: Sequence[float]) -> float:
    z = constants[0] + sum(c * f for c, f in zip(constants[1:], features))
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
    one with its signature: the benchmark compares eflomal's links)."""
    dictionary = tuple((a, b) for a, b in dictionary or ())
    known, known_lv, known_en, _ = _curated(dictionary)
    sides, alignments = _align_beads(beads, lv_sentences, en_sentences, dictionary=dictionary, aligner=aligner)
    bead_of_lv = {s: b for b, bead in enumerate(beads) for s in bead.src}
    bead_of_en = {s: b for b, bead in enumerate(beads) for s in bead.tgt}
    en_by_key = {c.key: c for c in en_candidates}
    # a title before a name is no part of its equivalent: Putin, not Mr Putin
    titled = {c.key: c.text.split()[0].lower().rstrip(".") in en_lang.TITLES for c in en_candidates}
    en_at: dict[int, dict[int, list[tuple[str, frozenset[int]]]]] = defaultdict(lambda: defaultdict(list))
    en_beads: dict[str, set[int]] = defaultdict(set)
    for c in en_candidates:
        for o in c.occurrences:
            b = bead_of_en.get(o.segment_index)
            if b is None:
                continue
            idx = frozenset(sides[b][1].indices(o.segment_index, o.start, o.end))
            en_beads[c.key].add(b)
            for j in idx:  # English occurrences by their words: only those linked to a term are tried
                en_at[b][j].append((c.key, idx))
    by_lv: list[dict[int, set[int]]] = []
    by_en: list[dict[int, set[int]]] = []
    for links, _ in alignments:
        lv_links: dict[int, set[int]] = defaultdict(set)
        en_links: dict[int, set[int]] = defaultdict(set)
        for i, j in links:
            lv_links[i].add(j)
            en_links[j].add(i)
        by_lv.append(lv_links)
        by_en.append(en_links)

    pairs: list[TermPair] = []
    top_score = max((c.score for c in lv_candidates), default=1.0) or 1.0
    for cand in lv_candidates:
        lv_beads: set[int] = set()
        votes: Counter[str] = Counter()
        chosen: dict[str, list[float]] = defaultdict(list)
        certainty: dict[str, list[float]] = defaultdict(list)
        chose_beads: dict[str, set[int]] = defaultdict(set)
        occurrences = 0
        for o in cand.occurrences:
            b = bead_of_lv.get(o.segment_index)
            if b is None:
                continue
            lv_beads.add(b)
            lv_idx = frozenset(sides[b][0].indices(o.segment_index, o.start, o.end))
            if not lv_idx:
                continue  # past a long side's MAX_ALIGN_WORDS: not examined
            occurrences += 1
            best = None
            tried = {(ekey, en_idx) for i in lv_idx for j in by_lv[b].get(i, ())
                     for ekey, en_idx in en_at[b].get(j, ())}
            for ekey, en_idx in sorted(tried, key=lambda x: (x[0], sorted(x[1]))):
                s, sure = _consistency(lv_idx, en_idx, by_lv[b], by_en[b], alignments[b][1], CONFIDENT_LINK)
                if s <= 0:
                    continue
                rank = (-s, titled[ekey], -en_by_key[ekey].score, len(en_idx), ekey)
                if best is None or rank < best[0]:
                    best = (rank, ekey, s, sure)
            if best is not None:
                _, ekey, s, sure = best
                votes[ekey] += s
                chosen[ekey].append(s)
                certainty[ekey].append(sure)
                chose_beads[ekey].add(b)
        if not occurrences:
            continue
        options = [k for k, _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:max_options]]
        for ek in known_en.get(cand.key, ()):  # a curated equivalent in a shared bead is always an option
            if ek in en_by_key and ek not in options and en_beads[ek] & lv_beads:
                options.append(ek)
        scored = []
        for ekey in options:
            ecand = en_by_key[ekey]
            shared = lv_beads & en_beads[ekey]
            dice = 2 * len(shared) / (len(lv_beads) + len(en_beads[ekey]))
            agreement = votes[ekey] / occurrences
            consistency = sum(chosen[ekey]) / len(chosen[ekey]) if chosen[ekey] else 0.0
            cognate = _cognate_terms(cand.text, ecand.text)
            sure = sum(certainty[ekey]) / len(certainty[ekey]) if certainty[ekey] else 0.0
            size = math.log2(1 + len(chosen[ekey]))
            conf = _logistic((agreement, consistency, sure, dice, cognate, size), constants)
            in_dict = (cand.key, ekey) in known
            if in_dict:
                conf = 0.9 + 0.1 * conf
            elif cand.key in known_lv:
                conf *= 0.5  # a curated equivalent exists and this is not it
            conf = min(1.0, max(0.0, conf))
            support = chose_beads[ekey] or shared
            if conf >= min_confidence and support:
                evidence = {"agreement": round(agreement, 4), "consistency": round(consistency, 4),
                            "links": round(sure, 4), "dice": round(dice, 4), "cognate": round(cognate, 4),
                            "votes": len(chosen[ekey]),
                            "dictionary": float(in_dict)}
                scored.append((conf, len(chosen[ekey]), ecand, support, evidence))
        scored.sort(key=lambda x: (-x[0], -x[1], -x[2].score, x[2].text, x[2].key))
        weight = math.sqrt(max(cand.score, 0.0) / top_score)
        for rank, (conf, _, ecand, support, evidence) in enumerate(scored[:per_term], start=1):
            pairs.append(TermPair(lv=cand.text, en=ecand.text, confidence=round(conf, 4),
                                  beads=tuple(sorted(support)), lv_key=cand.key, en_key=ecand.key,
                                  frequency=cand.frequency, rank=rank, score=round(conf * weight, 4),
                                  evidence=evidence))
    return pairs


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


def _words(side: _Side, sentences: Sequence[str]) -> list[str]:
    return [sentences[s][a:b] for s, a, b in side.where]


def _align_beads(beads: Sequence[Bead], lv_sentences: Sequence[str], en_sentences: Sequence[str], *,
                 dictionary: tuple[tuple[str, str], ...], aligner) -> tuple[list[tuple[_Side, _Side]], list]:
    """The aligned words of each bead's two sides, and `aligner`'s links and their posteriors
    for them, with the curated word pairs and cognates as the prior."""
    sides = [(_side(b.src, lv_sentences, "lv"), _side(b.tgt, en_sentences, "en")) for b in beads]
    prior = _cognate_prior(sides, lv_sentences, en_sentences)
    prior.update(_curated(dictionary)[3])  # a curated pair before a cognate
    alignments = aligner([(lv_side.keys, en_side.keys) for lv_side, en_side in sides], prior=prior)
    return sides, alignments


def _cognate_prior(sides: Sequence[tuple[_Side, _Side]], lv_sentences: Sequence[str],
                   en_sentences: Sequence[str]) -> dict[tuple[str, str], float]:
    """{(Latvian key, English key): COGNATE_PRIOR} of the key pairs whose words are cognates, judged
    (`_cognate_words`) on the words behind the two keys in the first bead that has both.

    Only the pairs that can be cognates are looked at: words spelled the same, or two words of 4+
    letters with the same first letter (`_cognate_words` gives every other pair 0); not every pair
    of words of a bead."""
    out: dict[tuple[str, str], float] = {}
    judged: set[tuple[str, str]] = set()
    lv_in: dict[str, set[int]] = defaultdict(set)  # key -> the beads that have it
    en_in: dict[str, list[int]] = defaultdict(list)
    for b, (lv_side, en_side) in enumerate(sides):
        lv_words = dict(zip(lv_side.keys, _words(lv_side, lv_sentences)))  # a key's last word in the bead
        en_words = dict(zip(en_side.keys, _words(en_side, en_sentences)))
        for lk in lv_words:
            lv_in[lk].add(b)
        by_word: dict[str, list[str]] = defaultdict(list)
        by_initial: dict[str, list[str]] = defaultdict(list)
        for ek, ew in en_words.items():
            en_in[ek].append(b)
            by_word[ew].append(ek)
            if len(ew) >= 4:
                by_initial[lv_lang.fold(ew)[:1]].append(ek)
        for lk, lw in lv_words.items():
            options = by_word.get(lw, [])
            if len(lw) >= 4:
                options = options + by_initial.get(lv_lang.fold(lw)[:1], [])
            for ek in options:
                pair = (lk, ek)
                if pair in judged:
                    continue
                judged.add(pair)
                beads_with_lk = lv_in[lk]
                if any(x in beads_with_lk for x in en_in[ek] if x < b):
                    continue  # met in an earlier bead, where these words could not be cognates
                if _cognate_words(lw, en_words[ek]) >= COGNATE_MIN:
                    out[pair] = COGNATE_PRIOR
    return out


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
    alone when seen ALONE_MIN_FREQUENCY times or more, else nothing. A wrong English term misleads
    a translator, a missing one does not: under the threshold a term keeps no English, and a
    phrase met once with no safe equivalent is more likely noise than a term to define. Pairs
    come first (by score), then terms alone (by termhood)."""
    by_key = {c.key: c for c in lv_candidates}
    paired = [p for p in best_pairs(pairs) if p.confidence >= min_confidence and p.score > 0]
    out: list[tuple[Candidate, TermPair | None]] = [(by_key[p.lv_key], p) for p in paired]
    done = {p.lv_key for p in paired}
    out += [(c, None) for c in lv_candidates
            if c.key not in done and c.score > 0 and c.frequency >= ALONE_MIN_FREQUENCY]
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
