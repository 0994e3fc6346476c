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
from typing import Mapping, Sequence

import numpy as np

from ..constants import REVIEW_THRESHOLD as DEFAULT_THRESHOLD  # noqa: F401 - re-exported by lvterm.align
from .settings import CONFIDENCE, DEFAULTS, KIND_PRIORS, PAIR_SETTINGS

MAX_BEAD = 5  # sentences in a bead, both sides together (Bertalign's max_align)

KINDS: tuple[tuple[int, int], ...] = tuple(KIND_PRIORS)
_D = DEFAULTS


@dataclass(frozen=True)
class Params:
    """Cost model constants (fitted by benchmarks/fit_align.py; see the module docstring; the
    numbers are in `settings`)."""

    priors: Mapping[tuple[int, int], float] = field(default_factory=lambda: KIND_PRIORS)  # kinds searched, priors
    length_weight: float = _D["length_weight"]
    sim_weight: float = _D["sim_weight"]
    cover_weight: float = _D["cover_weight"]  # 1 - cosine of the bead's least-matched sentence
    start_weight: float = _D["start_weight"]  # the bead starts at a sentence boundary on one side only
    skip: float = _D["skip"]  # cost of a 1-0 or 0-1 bead of average length
    skip_len: float = _D["skip_len"]  # ... plus this times log(length / mean length)
    skip_prose: float = _D["skip_prose"]  # ... plus this when the line reads as prose
    skip_match: float = _D["skip_match"]  # ... plus this times its best cosine with a sentence near it
    paragraph_penalty: float = _D["paragraph_penalty"]
    variance: float = _D["variance"]  # Gale-Church s^2
    band: int = _D["band"]  # half-width of the band around the previous pass's path (realign passes)
    coarse_band: int = _D["coarse_band"]  # half-width of the band around a coarse path projected onto the next level
    base_cells: int = _D["base_cells"]  # full DP below this many cells
    lexicon_min: int = _D["lexicon_min"]  # learn a lexicon when both documents have at least this many sentences
    passes: int = _D["passes"]  # realign passes with a learned lexicon
    lexicon_quantile: float = _D["lexicon_quantile"]  # learn from beads whose similarity is above this quantile
    lexicon_dice: float = _D["lexicon_dice"]  # minimum association (Dice, or IBM Model 1 both ways)
    lexicon_method: str = _D["lexicon_method"]  # ibm1 | dice
    lexicon_links: int = _D["lexicon_links"]  # translations kept per word
    lexicon_weight: float = _D["lexicon_weight"]
    eps: float = _D["eps"]  # smoothing of the cosine for sentences with few features

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

#: Pair-specific constants (`settings.PAIR_SETTINGS`): Latvian-English.
PAIR_PARAMS: dict[frozenset[str], Params] = {pair: replace(PARAMS, **values) for pair, values in PAIR_SETTINGS.items()}


def params_for(src_lang: str, tgt_lang: str) -> Params:
    """The cost constants for a language pair: pair-specific ones, else the defaults."""
    return PAIR_PARAMS.get(frozenset({src_lang, tgt_lang}), PARAMS)


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
