"""Fit the term-pairing confidence (logistic regression) on judged pairs of newstest2017, and check
its calibration on the two corpora it was not fitted on: the library-science bitext and the seed.

The confidence is that of the pairing: how likely the English term is a right equivalent of the
Latvian one (whether the Latvian item is a term at all is termhood's business). So the pairs
labelled are those of the gold Latvian terms: every English equivalent lvterm scores for one (the
three best, with no threshold) is right when it is one of the term's acceptable equivalents in
benchmarks/gold/, else wrong. Pairs of other Latvian items are left out. The features are
`TermPair.evidence`'s: agreement, consistency, mean link posterior, Dice, cognate similarity and
log2(1 + votes). The model is fitted without class weights (a calibrated probability of being
right, at the base rate of the judged pairs) by Newton's method with a small L2 penalty, and
printed as the tuple to paste into `CONFIDENCE` in src/lvterm/terms/pair.py.

Calibration is reported as the Brier score, the expected calibration error over five bins, and a
reliability table (mean confidence and share right per bin) on each corpus.

Run: .venv/bin/python benchmarks/fit_term_confidence.py        (needs ../shared for newstest2017)
"""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import terms as bench  # noqa: E402

from lvterm.terms.extract import extract_terms  # noqa: E402
from lvterm.terms.pair import CONFIDENCE, pair_terms  # noqa: E402

FEATURES = ("agreement", "consistency", "links", "dice", "cognate", "votes")


def features(evidence) -> list[float]:
    return [evidence["agreement"], evidence["consistency"], evidence["links"], evidence["dice"],
            evidence["cognate"], math.log2(1 + evidence["votes"])]


def labelled(name: str, *, constants=CONFIDENCE):
    """(features, label, confidence, pair) of every judged pair lvterm scores on a corpus."""
    lv, en, beads = bench.CORPORA[name]()
    gold = bench.load_gold(name)
    pairs = pair_terms(extract_terms(lv, lang="lv"), extract_terms(en, lang="en"), beads, lv_sentences=lv,
                       en_sentences=en, per_term=3, min_confidence=0.0, constants=constants)
    out = []
    for p in pairs:
        if p.score <= 0:
            continue  # not a term of its own (termhood 0): never proposed
        if p.lv_key not in gold:
            continue
        label = float(p.en_key in gold[p.lv_key])
        out.append((features(p.evidence), label, p.confidence, p))
    return out


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 1e-2, rounds: int = 50) -> np.ndarray:
    """Logistic regression by Newton's method (intercept first, not penalised)."""
    X = np.column_stack([np.ones(len(x)), x])
    w = np.zeros(X.shape[1])
    penalty = np.full(X.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(rounds):
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (p - y) + penalty * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w


def calibration(conf: np.ndarray, y: np.ndarray, bins: int = 5) -> tuple[float, float, list[str]]:
    brier = float(np.mean((conf - y) ** 2))
    edges = np.linspace(0, 1, bins + 1)
    ece, table = 0.0, []
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf >= lo) & ((conf < hi) if hi < 1 else (conf <= hi))
        if not m.any():
            continue
        gap = abs(conf[m].mean() - y[m].mean())
        ece += m.mean() * gap
        table.append(f"{lo:.1f}-{hi:.1f}: {int(m.sum())} pairs, mean confidence {conf[m].mean():.2f}, "
                     f"right {y[m].mean():.2f}")
    return brier, float(ece), table


def main() -> None:
    train = labelled("newstest2017")
    x = np.array([f for f, *_ in train])
    y = np.array([label for _, label, *_ in train])
    w = fit(x, y)
    constants = tuple(round(float(v), 3) for v in w)
    print(f"newstest2017: {len(y)} judged pairs, {y.mean():.3f} right")
    print("CONFIDENCE =", constants, " # (intercept, " + ", ".join(FEATURES) + ")")
    for name in ("newstest2017", "library-science", "seed"):
        rows = labelled(name, constants=constants)
        conf = np.array([c for *_, c, _ in rows])
        lab = np.array([label for _, label, *_ in rows])
        brier, ece, table = calibration(conf, lab)
        held = "fitted on" if name == "newstest2017" else "held out"
        above = conf >= 0.5
        share = lab[above].mean() if above.any() else 0.0
        print(f"\n{name} ({held}): {len(lab)} judged pairs, {lab.mean():.3f} right; Brier {brier:.3f}, "
              f"ECE {ece:.3f}; at >= 0.5: {int(above.sum())} pairs, {share:.3f} right")
        for line in table:
            print("   ", line)


if __name__ == "__main__":
    main()
