"""The alignment cost model: bead kinds and their priors, the constants per language pair,
Gale-Church length cost, the skip cost, and the calibrated confidence of a bead.

Cost of a bead with both sides (a source and b target sentences, a + b <= 5):

    prior(kind)                                   how rare the kind is
    + length_weight * Gale-Church cost            character lengths, ratio re-estimated per pair
    + sim_weight * (a + b) / 2 * (1 - sim)        sim: cosine of the summed features of both sides
    + cover_weight * (1 - worst)                  worst: the bead's least-matched sentence, cosine
                                                  of that sentence against the other side
    + start_weight * [the bead starts at a sentence boundary on one side only]  (`shape`)
    + paragraph_penalty * [paragraph boundaries disagree]       (when both sides give paragraphs)

Cost of leaving one sentence unaligned (1-0, 0-1):

    skip + skip_len * log(length / mean length)   short lines (boilerplate) are cheaper
    + skip_prose * [the line reads as prose]      captions and bylines are cheaper than sentences
    + skip_match * (best cosine of the sentence with any sentence near it on the other side)

At the coarse levels of the search every cost is the cost of the sentences a node stands for:
skipping a node of 32 sentences costs what skipping 32 sentences costs, so the coarse path cannot
trade a few cheap node skips for a shift by a whole period of a repetitive document.

The constants are fitted, never by hand, by `benchmarks/fit_align.py` (coordinate search on strict
F1): the defaults on the Text+Berg dev set (German-French) and Latvian-English training documents
together, the Latvian-English ones on synthetic newstest2017 documents of seeds the benchmark does
not report. `benchmarks/align.py` reports the leave-one-document-out figure, where the constants
for each Text+Berg section are fitted on the others.

Confidence: a logistic function of the bead's cost margin against the alternative bead kinds
ending at the same point, its lexical similarity and its kind; constants fitted on synthetic
Latvian-English documents by `benchmarks/fit_align_confidence.py`. Beads scoring under
`lvterm.constants.REVIEW_THRESHOLD` are the ones a reviewer should look at.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Mapping, Sequence

import numpy as np

from ..constants import REVIEW_THRESHOLD as DEFAULT_THRESHOLD  # noqa: F401 - re-exported by lvterm.align

MAX_BEAD = 5  # sentences in a bead, both sides together (Bertalign's max_align)

# Every bead kind the DP considers, (source sentences, target sentences), with its prior cost in
# nats; 1-0 and 0-1 pay the skip cost on top; 0-1 must stay last.
KIND_PRIORS: Mapping[tuple[int, int], float] = MappingProxyType({
    (1, 1): 0.0, (1, 2): 3.05, (2, 1): 3.05, (2, 2): 3.4, (1, 3): 5.75, (3, 1): 5.75, (2, 3): 6.25, (3, 2): 6.25,
    (1, 4): 5.5, (4, 1): 5.5, (1, 0): 0.0, (0, 1): 0.0})
KINDS: tuple[tuple[int, int], ...] = tuple(KIND_PRIORS)


@dataclass(frozen=True)
class Params:
    """Cost model constants (fitted by benchmarks/fit_align.py; see the module docstring)."""

    priors: Mapping[tuple[int, int], float] = field(default_factory=lambda: KIND_PRIORS)  # kinds searched, priors
    length_weight: float = 0.925
    sim_weight: float = 2.0
    cover_weight: float = 0.0  # 1 - cosine of the bead's least-matched sentence
    start_weight: float = 0.6  # the bead starts at a sentence boundary on one side only
    skip: float = 4.5  # cost of a 1-0 or 0-1 bead of average length
    skip_len: float = 0.6  # ... plus this times log(length / mean length)
    skip_prose: float = 0.9  # ... plus this when the line reads as prose
    skip_match: float = 0.5  # ... plus this times its best cosine with a sentence near it
    paragraph_penalty: float = 4.0
    variance: float = 6.8  # Gale-Church s^2
    band: int = 8  # half-width of the band around the previous pass's path (realign passes)
    coarse_band: int = 16  # half-width of the band around a coarse path projected onto the next level
    base_cells: int = 250_000  # full DP below this many cells
    lexicon_min: int = 40  # learn a lexicon when both documents have at least this many sentences
    passes: int = 2  # realign passes with a learned lexicon
    lexicon_quantile: float = 0.3  # learn from beads whose similarity is above this quantile
    lexicon_dice: float = 0.1  # minimum association (Dice, or IBM Model 1 both ways)
    lexicon_method: str = "ibm1"  # ibm1 | dice
    lexicon_links: int = 3  # translations kept per word
    lexicon_weight: float = 2.0
    eps: float = 0.8  # smoothing of the cosine for sentences with few features

    @property
    def kinds(self) -> tuple[tuple[int, int], ...]:
        """The bead kinds searched, in the order of `priors` (0-1 last)."""
        return tuple(self.priors)

    def prior(self, t: int) -> float:
        """Prior cost of the t-th kind."""
        return self.priors[self.kinds[t]]

    @property
    def widest(self) -> int:
        """The most sentences on one side of any bead searched."""
        return max(max(k) for k in self.priors)


PARAMS = Params()

# Latvian-English: translations there are close, so merges are rarer and dearer, an unmatched
# sentence inside a merge is more likely a dropped one, and a bead starting mid-sentence on one side
# is no signal (web text is segmented by one rule on both sides). Fitted on synthetic newstest2017
# documents of seeds 11-18 (benchmarks/fit_align.py lv-en); the benchmark reports other seeds.
PAIR_PARAMS: dict[frozenset[str], Params] = {
    frozenset({"lv", "en"}): replace(
        PARAMS, priors={(1, 1): 0.0, (1, 2): 2.8, (2, 1): 2.8, (2, 2): 7.4, (1, 3): 7.0, (3, 1): 7.0, (2, 3): 8.75,
                        (3, 2): 8.75, (1, 4): 7.5, (4, 1): 7.5, (1, 0): 0.0, (0, 1): 0.0},
        length_weight=0.7, sim_weight=6.25, cover_weight=1.05, start_weight=0.0, skip=4.5, skip_len=0.3,
        skip_prose=0.9, skip_match=0.5, variance=9.8, lexicon_method="dice", lexicon_dice=0.15, lexicon_links=2),
}


def params_for(src_lang: str, tgt_lang: str) -> Params:
    """The cost constants for a language pair: pair-specific ones, else the defaults."""
    return PAIR_PARAMS.get(frozenset({src_lang, tgt_lang}), PARAMS)

# Logistic confidence (class-balanced fit): intercept, margin, similarity, skip bead, multi-sentence bead.
CONFIDENCE = (-2.69, 0.756, 1.398, -0.682, 0.218)  # benchmarks/fit_align_confidence.py


# --- cost pieces ------------------------------------------------------------------------------


def _log_erfc(x: np.ndarray) -> np.ndarray:
    """log(erfc(x)) for x >= 0 (Abramowitz & Stegun 7.1.26, stable for large x).

    t = 1 / (1 + 0.3275911 x); poly = t (a1 + t (a2 + t (a3 + t (a4 + t a5)))); log(max(poly,
    1e-300)) - x^2, evaluated in place (the DP calls it on every node of a band: fewer
    temporaries), each step the same float operation as the formula written out."""
    t = 0.3275911 * x
    t += 1.0
    np.divide(1.0, t, out=t)
    poly = t * 1.061405429
    for a in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += a
        poly *= t
    np.maximum(poly, 1e-300, out=poly)
    np.log(poly, out=poly)
    poly -= x * x
    return poly


def _length_cost(lx: np.ndarray, ly: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """Gale-Church: -log P(|delta|) with delta the normalised length difference
    (mean = (lx ratio + ly) / 2, delta = |ly - lx ratio| / sqrt(variance mean + 1))."""
    scaled = lx * ratio
    mean = scaled + ly
    mean /= 2.0
    mean *= variance
    mean += 1.0
    delta = np.subtract(ly, scaled, out=scaled)
    np.abs(delta, out=delta)
    delta /= np.sqrt(mean, out=mean)
    delta /= math.sqrt(2.0)
    cost = _log_erfc(delta)
    np.negative(cost, out=cost)
    return cost


def _skip_cost(rel_length: np.ndarray, prose: np.ndarray, best: np.ndarray, params: Params) -> np.ndarray:
    """Cost of leaving one sentence unaligned, from its length relative to the document's mean,
    whether it reads as prose and its best cosine with a sentence near it on the other side."""
    cost = params.skip + params.skip_len * np.log(np.maximum(rel_length, 0.05))
    cost = cost + params.skip_prose * prose + params.skip_match * best
    return np.maximum(cost, 0.5)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def confidence(margins: Sequence[float], sims: Sequence[float], kinds: Sequence[tuple[int, int]],
               constants: Sequence[float] = CONFIDENCE) -> np.ndarray:
    """Calibrated probability that each bead is right (see module docstring)."""
    c0, cm, cs, cskip, cmulti = constants
    mg = np.minimum(np.asarray(margins, float), 20.0)
    sm = np.asarray(sims, float)
    skip = np.array([0 in k for k in kinds], float)
    multi = np.array([max(k) > 1 for k in kinds], float)
    return _sigmoid(c0 + cm * mg + cs * sm + cskip * skip + cmulti * multi)
