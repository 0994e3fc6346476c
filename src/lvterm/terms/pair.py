"""Latvian <-> English term equivalents from aligned text.

For every Latvian candidate, the English candidates found in the aligned English sentences of its
occurrences are ranked by a confidence in [0, 1] that combines:

- co-occurrence across beads (Dice: 2|L∩E| / (|L| + |E|) over bead sets),
- an IBM-Model-1 word-translation estimate over the beads (weighted in as the corpus grows),
- cognate and proper-name similarity (rapidfuzz on folded, spelling-normalised forms:
  "organizācija"/"organisation", "LinkedIn"/"LinkedIn"),
- the relative position of the two terms in the beads they share,
- the curated entries as a dictionary (lv/en string pairs matched by stem keys),
- a length prior (a two-word Latvian term rarely means one English word or four).

`extract_pairs(src_lines, tgt_lines, ...)` is the whole `lvterm extract` pipeline on line-aligned
text; `read_tmx(path)` reads a TMX leniently (a unit without `<seg>` is reported and skipped).
"""
from __future__ import annotations

import logging
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

from ..constants import EXTRACT_MIN_CONFIDENCE, LINK_WORDS
from ..errors import InputError
from ..lang import en as en_lang
from ..lang import lv as lv_lang
from ..lang.cognates import cognate_similarity
from ..lang.keys import words
from ..models import Bead
from ..wordalign import ibm1
from .extract import Candidate, extract_terms

log = logging.getLogger(__name__)

IBM_FULL_WEIGHT_BEADS = 500  # beads at which the word-alignment estimate gets its full weight


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


# --- similarity -------------------------------------------------------------------
# Cognate similarity is shared with the aligner: `lang.cognates.cognate_similarity`.


@lru_cache(maxsize=100_000)
def _content_words(text: str) -> int:
    return max(1, sum(1 for w in words(text) if w.lower() not in LINK_WORDS))


def _length_prior(lv_text: str, en_text: str) -> float:
    """1 when the English term has as many content words as the Latvian one or one more
    (Latvian compounds: lasītava / reading room), less the further apart they are."""
    d = _content_words(en_text) - _content_words(lv_text)
    return 1.0 / (1.0 + (d - 1 if d >= 1 else -d))


# --- word alignment (IBM Model 1 is shared with the aligner: `wordalign.ibm1`) -----------


@lru_cache(maxsize=100_000)
def _stems(text: str, lang: str) -> tuple[str, ...]:
    """Stems of the content words of a term (the words IBM Model 1 was trained on)."""
    stem = (lv_lang if lang == "lv" else en_lang).stem
    return tuple(stem(w) for w in words(text) if w.lower() not in LINK_WORDS)


def _tokens(text: str, module) -> list[str]:
    return [module.stem(w) for w in words(text) if w.isalpha() and w.lower() not in LINK_WORDS]


def _alignment_score(lv_text: str, en_text: str, t: Mapping) -> float:
    ls, es = _stems(lv_text, "lv"), _stems(en_text, "en")
    if not ls or not es:
        return 0.0
    e_side = sum(max(t.get((e, l), 0.0) for l in ls) for e in es) / len(es)
    l_side = sum(max(t.get((e, l), 0.0) for e in es) for l in ls) / len(ls)
    return (e_side + l_side) / 2


# --- pairing ---------------------------------------------------------------------------


def _bead_index(beads: Sequence[Bead], side: str) -> dict[int, int]:
    out = {}
    for i, bead in enumerate(beads):
        for s in getattr(bead, side):
            out[s] = i
    return out


def _positions(candidates: Sequence[Candidate], beads: Sequence[Bead], side: str,
               sentences: Sequence[str]) -> dict[str, dict[int, list[float]]]:
    """key -> bead -> relative positions (0..1) of the candidate's occurrences in the bead's text."""
    where: dict[int, tuple[int, int, int]] = {}  # segment -> (bead, offset in bead, bead length)
    for b, bead in enumerate(beads):
        segs = getattr(bead, side)
        total = sum(len(sentences[i]) + 1 for i in segs) or 1
        offset = 0
        for i in segs:
            where[i] = (b, offset, total)
            offset += len(sentences[i]) + 1
    out: dict[str, dict[int, list[float]]] = {}
    for c in candidates:
        by_bead: dict[int, list[float]] = defaultdict(list)
        for o in c.occurrences:
            if o.segment_index in where:
                b, offset, total = where[o.segment_index]
                by_bead[b].append((offset + (o.start + o.end) / 2) / total)
        out[c.key] = by_bead
    return out


def _position_score(lv_pos: Mapping[int, list[float]], en_pos: Mapping[int, list[float]],
                    shared: set[int]) -> float:
    """1 when the two terms sit at the same relative place of every bead they share, less the
    further apart they are (translations keep the order of a list, *apaļie galdi* / *round tables*)."""
    if not shared:
        return 0.0
    return sum(1 - _closest(lv_pos[s], en_pos[s]) for s in shared) / len(shared)


def _closest(a: Sequence[float], b: Sequence[float]) -> float:
    """min(|x - y|) over x in a, y in b, by merging the sorted lists: linear, where trying every
    pair was quadratic in the occurrences of one bead (a line of one word repeated)."""
    xs, ys = sorted(a), sorted(b)
    best, j = abs(xs[0] - ys[0]), 0
    for x in xs:
        while j + 1 < len(ys) and ys[j + 1] <= x:
            j += 1
        best = min(best, abs(x - ys[j]))
        if j + 1 < len(ys):
            best = min(best, abs(x - ys[j + 1]))
    return best


def pair_terms(lv_candidates: Sequence[Candidate], en_candidates: Sequence[Candidate],
               beads: Sequence[Bead], *, lv_sentences: Sequence[str], en_sentences: Sequence[str],
               dictionary: Iterable[tuple[str, str]] | None = None, per_term: int = 3,
               min_confidence: float = 0.05, weights: Mapping[str, float] | None = None,
               use_alignment: bool | None = None, max_options: int = 40) -> list[TermPair]:
    """For every Latvian candidate, up to `per_term` English equivalents (rank 1 = best), each
    with a confidence in [0, 1] and the bead indices where both occur. Candidates' segment
    indices refer to `lv_sentences`/`en_sentences`, which the beads' src/tgt ids index."""
    w = {"dice": 0.45, "align": 0.3, "cognate": 0.15, "position": 0.1}
    w.update(weights or {})
    lv_bead = _bead_index(beads, "src")
    en_bead = _bead_index(beads, "tgt")
    lv_pos = _positions(lv_candidates, beads, "src", lv_sentences)
    en_pos = _positions(en_candidates, beads, "tgt", en_sentences)
    lv_beads = {c.key: {lv_bead[o.segment_index] for o in c.occurrences if o.segment_index in lv_bead}
                for c in lv_candidates}
    en_beads = {c.key: {en_bead[o.segment_index] for o in c.occurrences if o.segment_index in en_bead}
                for c in en_candidates}
    en_by_bead: dict[int, set[str]] = defaultdict(set)
    for key, bs in en_beads.items():
        for b in bs:
            en_by_bead[b].add(key)
    en_by_key = {c.key: c for c in en_candidates}
    known = {(lv_lang.stem_key(a), en_lang.stem_key(b)) for a, b in (dictionary or ())}
    known_lv = {a for a, _ in known}

    if use_alignment is None:
        use_alignment = len(beads) >= 50
    t: Mapping = {}
    align_weight = 0.0
    if use_alignment:
        bitext = [(_tokens(" ".join(lv_sentences[i] for i in b.src), lv_lang),
                   _tokens(" ".join(en_sentences[i] for i in b.tgt), en_lang)) for b in beads]
        t = ibm1(bitext)
        align_weight = w["align"] * min(1.0, len(beads) / IBM_FULL_WEIGHT_BEADS)
    dice_w = w["dice"] + (w["align"] - align_weight) * 0.5
    cog_w = w["cognate"] + (w["align"] - align_weight) * 0.5

    pairs: list[TermPair] = []
    top_score = max((c.score for c in lv_candidates), default=1.0) or 1.0
    for cand in lv_candidates:
        lbs = lv_beads.get(cand.key, set())
        if not lbs:
            continue
        options = Counter(k for b in sorted(lbs) for k in sorted(en_by_bead[b]))  # never set order
        if len(options) > max_options:  # keep the likeliest by Dice, and every cognate
            dice_of = {k: 2 * n / (len(lbs) + len(en_beads[k])) for k, n in options.items()}
            keep = sorted(options, key=lambda k: (-dice_of[k], k))[:max_options]  # ties by key: deterministic
            keep += [k for k in options if dice_of[k] < dice_of[keep[-1]]
                     and cognate_similarity(cand.text, en_by_key[k].text) >= 0.5]
            options = Counter({k: options[k] for k in keep})
        scored = []
        top_option = max((en_by_key[k].score for k in options), default=1.0) or 1.0
        for ekey in options:
            ebs = en_beads[ekey]
            shared = lbs & ebs
            ecand = en_by_key[ekey]
            dice = 2 * len(shared) / (len(lbs) + len(ebs))
            cognate = cognate_similarity(cand.text, ecand.text)
            align = _alignment_score(cand.text, ecand.text, t) if align_weight else 0.0
            position = _position_score(lv_pos[cand.key], en_pos[ekey], shared)
            conf = dice_w * dice + align_weight * align + cog_w * cognate + w["position"] * position
            conf *= 0.7 + 0.3 * _length_prior(cand.text, ecand.text)
            conf *= 0.85 + 0.15 * ecand.score / top_option  # prefer English terms of their own
            in_dict = (cand.key, ekey) in known
            if in_dict:
                conf = 0.9 + 0.1 * conf
            elif cand.key in known_lv:
                conf *= 0.5  # a curated equivalent exists and this is not it
            conf = min(1.0, max(0.0, conf))
            if conf >= min_confidence:
                scored.append((conf, len(shared), ecand, shared, (dice, align, cognate, position, in_dict)))
        scored.sort(key=lambda x: (-x[0], -x[1], -x[2].score, x[2].text, x[2].key))
        for rank, (conf, _, ecand, shared, (dice, align, cognate, position, in_dict)) in enumerate(
                scored[:per_term], start=1):  # evidence rounded for the kept options only
            weight = math.sqrt(max(cand.score, 0.0) / top_score)
            evidence = {"dice": round(dice, 4), "align": round(align, 4), "cognate": round(cognate, 4),
                        "position": round(position, 4), "dictionary": float(in_dict)}
            pairs.append(TermPair(lv=cand.text, en=ecand.text, confidence=round(conf, 4),
                                  beads=tuple(sorted(shared)), lv_key=cand.key, en_key=ecand.key,
                                  frequency=cand.frequency, rank=rank,
                                  score=round(conf * weight, 4), evidence=evidence))
    return pairs


def best_pairs(pairs: Iterable[TermPair]) -> list[TermPair]:
    """The rank-1 pair of every Latvian term, best score first."""
    firsts = [p for p in pairs if p.rank == 1]
    return sorted(firsts, key=lambda p: (-p.score, -p.frequency, p.lv, p.lv_key, p.en_key))


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
