"""The alignment cost model: bead kinds and their priors, the constants per language pair,
Gale-Church length cost, the skip cost, and the calibrated confidence of a bead.

Cost of a bead = prior of its kind + Gale-Church length cost (characters) + lexical cost
(1 - cosine of the summed sparse features of its two sides, from the pluggable scorers),
scaled by the number of sentences it covers; 1-0 and 0-1 beads pay a flat skip cost.

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


# Every bead kind the DP considers, (source sentences, target sentences), with its prior cost in
# nats; at most 3 sentences a side; 1-0 and 0-1 pay the skip cost on top; 0-1 must stay last.
KIND_PRIORS: Mapping[tuple[int, int], float] = MappingProxyType({
    (1, 1): 0.0, (1, 2): 1.5, (2, 1): 1.5, (2, 2): 2.5, (1, 3): 3.1, (3, 1): 3.1, (1, 0): 0.0, (0, 1): 0.0})
KINDS: tuple[tuple[int, int], ...] = tuple(KIND_PRIORS)


@dataclass(frozen=True)
class Params:
    """Cost model constants (tuned on the Text+Berg dev set and synthetic lv-en documents)."""

    priors: Mapping[tuple[int, int], float] = field(default_factory=lambda: KIND_PRIORS)  # kinds searched, priors
    length_weight: float = 0.58
    sim_weight: float = 3.8
    skip: float = 3.2  # cost of a 1-0 or 0-1 bead of average length
    skip_len: float = 0.3  # ... plus this times log(length / mean length)
    paragraph_penalty: float = 4.0
    variance: float = 9.3  # Gale-Church s^2 (theirs: 6.8)
    band: int = 8  # half-width of the band around the projected coarse path
    base_cells: int = 250_000  # full DP below this many cells
    lexicon_min: int = 40  # learn a lexicon when both documents have at least this many sentences
    passes: int = 2  # realign passes with a learned lexicon
    lexicon_quantile: float = 0.3  # learn from beads whose similarity is above this quantile
    lexicon_dice: float = 0.1  # minimum association (Dice, or IBM Model 1 both ways)
    lexicon_method: str = "ibm1"  # ibm1 | dice
    lexicon_links: int = 3  # translations kept per word
    lexicon_weight: float = 2.0
    eps: float = 0.8  # smoothing of the cosine for sentences with few features
    coverage_weight: float = 0.0  # multi-sentence beads where one sentence matches nothing
    size_exp: float = 1.0  # lexical cost scales with (sentences in the bead / 2) ** size_exp


    @property
    def kinds(self) -> tuple[tuple[int, int], ...]:
        """The bead kinds searched, in the order of `priors` (0-1 last)."""
        return tuple(self.priors)

    def prior(self, t: int) -> float:
        """Prior cost of the t-th kind."""
        return self.priors[self.kinds[t]]


PARAMS = Params()

# Latvian-English: translations there are close, so an unmatched sentence inside a merge is more
# likely a dropped one and short unmatched lines (blog boilerplate) are cheaper to skip. Fitted
# on synthetic newstest2017 documents (benchmarks/align.py; held-out seeds give the same F1;
# Dice and IBM Model 1 lexicons score the same there, mean strict F1 0.976 over four seeds).
PAIR_PARAMS: dict[frozenset[str], Params] = {
    frozenset({"lv", "en"}): replace(PARAMS, skip_len=0.5, coverage_weight=0.6, lexicon_method="dice",
                                     lexicon_dice=0.15, lexicon_links=2),
}


def params_for(src_lang: str, tgt_lang: str) -> Params:
    """The cost constants for a language pair: pair-specific ones, else the defaults."""
    return PAIR_PARAMS.get(frozenset({src_lang, tgt_lang}), PARAMS)

# Logistic confidence (class-balanced fit): intercept, margin, similarity, skip bead, multi-sentence bead.
CONFIDENCE = (-2.32, 1.465, 1.417, -1.605, -0.833)  # benchmarks/fit_align_confidence.py


# --- cost pieces ------------------------------------------------------------------------------


def _log_erfc(x: np.ndarray) -> np.ndarray:
    """log(erfc(x)) for x >= 0 (Abramowitz & Stegun 7.1.26, stable for large x)."""
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return np.log(np.maximum(poly, 1e-300)) - x * x


def _length_cost(lx: np.ndarray, ly: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """Gale-Church: -log P(|delta|) with delta the normalised length difference."""
    mean = (lx * ratio + ly) / 2.0
    delta = np.abs(ly - lx * ratio) / np.sqrt(variance * mean + 1.0)
    return -_log_erfc(delta / math.sqrt(2.0))


def _skip_cost(lengths: np.ndarray, idx: np.ndarray, params: Params) -> np.ndarray:
    """Cost of leaving sentence `idx` unaligned: flat, plus a term growing with its length."""
    if not len(lengths):
        return np.full(len(idx), params.skip)
    rel = lengths[np.minimum(idx, len(lengths) - 1)] / max(float(np.mean(lengths)), 1.0)
    return np.maximum(params.skip + params.skip_len * np.log(np.maximum(rel, 0.05)), 0.5)



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


