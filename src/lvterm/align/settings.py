"""The aligner's constants as plain data, importable without numpy or dataclasses: the bead kinds
and their priors, the defaults of `costs.Params`, the Latvian-English ones and the confidence
model. `costs` builds `Params` from these; the small-document engine (`small`), which a cold
`lvterm align` runs, reads them as they are. What each constant means: `costs`."""
from __future__ import annotations

from types import MappingProxyType, SimpleNamespace

# Every bead kind the DP considers, (source sentences, target sentences), with its prior cost in
# nats; 1-0 and 0-1 pay the skip cost on top; 0-1 must stay last.
KIND_PRIORS = MappingProxyType({
    (1, 1): 0.0, (1, 2): 3.05, (2, 1): 3.05, (2, 2): 3.4, (1, 3): 5.75, (3, 1): 5.75, (2, 3): 6.25, (3, 2): 6.25,
    (1, 4): 5.5, (4, 1): 5.5, (1, 0): 0.0, (0, 1): 0.0})

#: `costs.Params`' defaults but its priors (`KIND_PRIORS`): fitted by benchmarks/fit_align.py.
DEFAULTS = MappingProxyType(dict(
    length_weight=0.925, sim_weight=2.0, cover_weight=0.0, start_weight=0.6, skip=4.5, skip_len=0.6,
    skip_prose=0.9, skip_match=0.5, paragraph_penalty=4.0, variance=6.8, band=8, coarse_band=16,
    base_cells=250_000, lexicon_min=40, passes=2, lexicon_quantile=0.3, lexicon_dice=0.1,
    lexicon_method="ibm1", lexicon_links=3, lexicon_weight=2.0, eps=0.8))

# Latvian-English: translations there are close, so merges are rarer and dearer, an unmatched
# sentence inside a merge is more likely a dropped one, and a bead starting mid-sentence on one side
# is no signal (web text is segmented by one rule on both sides). Fitted on synthetic newstest2017
# documents of seeds 11-18 (benchmarks/fit_align.py lv-en); the benchmark reports other seeds.
PAIR_SETTINGS = MappingProxyType({
    frozenset({"lv", "en"}): MappingProxyType(dict(
        # (a plain dict, as `Params.priors` holds it: Params of this pair pickle)
        priors={(1, 1): 0.0, (1, 2): 2.8, (2, 1): 2.8, (2, 2): 7.4, (1, 3): 7.0, (3, 1): 7.0,
                (2, 3): 8.75, (3, 2): 8.75, (1, 4): 7.5, (4, 1): 7.5, (1, 0): 0.0, (0, 1): 0.0},
        length_weight=0.7, sim_weight=6.25, cover_weight=1.05, start_weight=0.0, skip=4.5, skip_len=0.3,
        skip_prose=0.9, skip_match=0.5, variance=9.8, lexicon_method="dice", lexicon_dice=0.15, lexicon_links=2)),
})

#: `scorers.AnchorScorer`'s weights: a number, a link, a word, a name's bonus, punctuation, a word
#: beginning (off), its length, the shortest word counted.
ANCHOR_WEIGHTS = MappingProxyType(dict(number_weight=1.2, link_weight=2.0, word_weight=1.0, name_bonus=0.5,
                                       punct_weight=0.5, prefix_weight=0.0, prefix_len=5, min_word_len=2))
#: The share of its idf a feature found on one side only keeps (`scorers.combine`: coverage).
UNMATCHED_WEIGHT = 0.6
#: How much cheaper than the best entry a run of 0-1 beads must be to win a node (relative to
#: 1 + |cost|): rounding, not a preference.
TIE_TOLERANCE = 1e-9

# Logistic confidence (class-balanced fit): intercept, margin, similarity, skip bead, multi-sentence bead.
CONFIDENCE = (-2.69, 0.756, 1.398, -0.682, 0.218)  # benchmarks/fit_align_confidence.py


def settings_for(src_lang: str, tgt_lang: str) -> SimpleNamespace:
    """The constants of a language pair as attributes (`params_for` without building `Params`)."""
    return SimpleNamespace(**{"priors": KIND_PRIORS, **DEFAULTS, **PAIR_SETTINGS.get(frozenset({src_lang, tgt_lang}), {})})
