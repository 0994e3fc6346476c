"""Alignment quality: strict and lax precision, recall and F1 (Sennrich & Volk 2011).

The definitions are those of vecalign's scorer: a test bead is a strict true positive when
it equals a gold bead, a lax one when it shares a source sentence with a gold bead whose
target overlaps its own. Precision counts every test bead, including those with an empty side;
recall swaps the roles after removing beads with an empty side from both. Counts are pooled
over all file pairs before the ratios are taken.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..models import Bead

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


def _pairs(beads: Iterable[Bead | Pair]) -> set[Pair]:
    out = set()
    for b in beads:
        src, tgt = (b.src, b.tgt) if isinstance(b, Bead) else b
        if src or tgt:
            out.add((tuple(src), tuple(tgt)))
    return out


def _counts(gold: set[Pair], test: set[Pair]) -> tuple[int, int, int, int]:
    """(tp strict, fp strict, tp lax, fp lax) of `test` against `gold`."""
    gold_tgt_of_src: dict[int, set[int]] = defaultdict(set)
    for gsrc, gtgt in gold:
        for s in gsrc:
            gold_tgt_of_src[s].update(gtgt)
    tps = fps = tpl = fpl = 0
    for tsrc, ttgt in test:
        if (tsrc, ttgt) in gold:
            tps += 1
            tpl += 1
            continue
        fps += 1
        linked = set()
        for s in tsrc:
            linked |= gold_tgt_of_src.get(s, set())
        if linked.intersection(ttgt):
            tpl += 1
        else:
            fpl += 1
    return tps, fps, tpl, fpl


def _ratio(a: int, b: int) -> float:
    return a / (a + b) if a + b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold: Sequence[Sequence[Bead | Pair]], test: Sequence[Sequence[Bead | Pair]]) -> Scores:
    """Pooled strict/lax scores over several (gold, test) file pairs, in the same order."""
    if len(gold) != len(test):
        raise ValueError("need as many gold as test alignments")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for g, t in zip(gold, test):
        gs, ts = _pairs(g), _pairs(t)
        for k, v in enumerate(_counts(gs, ts)):
            p[k] += v
        g_full = {x for x in gs if x[0] and x[1]}
        t_full = {x for x in ts if x[0] and x[1]}
        for k, v in enumerate(_counts(t_full, g_full)):
            r[k] += v
    ps, pl = _ratio(p[0], p[1]), _ratio(p[2], p[3])
    rs, rl = _ratio(r[0], r[1]), _ratio(r[2], r[3])
    return Scores(precision_strict=ps, recall_strict=rs, f1_strict=_f1(ps, rs),
                  precision_lax=pl, recall_lax=rl, f1_lax=_f1(pl, rl))


def format_scores(s: Scores) -> str:
    """A small table: rows precision, recall, F1; columns strict, lax."""
    return "\n".join([
        "            strict    lax",
        f"precision   {s.precision_strict:.3f}   {s.precision_lax:.3f}",
        f"recall      {s.recall_strict:.3f}   {s.recall_lax:.3f}",
        f"F1          {s.f1_strict:.3f}   {s.f1_lax:.3f}",
    ])

