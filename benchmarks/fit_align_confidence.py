"""Fit the aligner's confidence constants (logistic regression) on synthetic lv-en documents.

Each bead of the aligner's output on seeded synthetic documents (benchmarks/align_synth.py,
seeds other than the benchmark's) is labelled right/wrong against the gold; a class-balanced
logistic model on (margin, similarity, skip bead, multi-sentence bead) is fitted by gradient
descent and printed as the tuple to paste into `CONFIDENCE` in src/lvterm/align/costs.py. Balanced
classes put the 0.5 threshold where a bead looks as much like the wrong ones as like the right
ones: the beads under it are those a reviewer should check.

Run: .venv/bin/python benchmarks/fit_align_confidence.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from align_synth import lv_en_documents  # noqa: E402

from lvterm.align.dp import _align  # noqa: E402


def main() -> None:
    rows, labels = [], []
    for src, tgt, gold in lv_en_documents(n_docs=8, size=200, seed=99):
        beads, margins, sims = _align(src, tgt, src_lang="lv", tgt_lang="en")
        gs = set(gold)
        for b, mg, sm in zip(beads, margins, sims):
            rows.append((min(mg, 20.0), sm, float(not b.src or not b.tgt), float(max(len(b.src), len(b.tgt)) > 1)))
            labels.append(float((b.src, b.tgt) in gs))
    X = np.column_stack([np.ones(len(rows)), np.array(rows)])
    y = np.array(labels)
    # class-balanced: right and wrong beads weigh the same in total, so that 0.5 is the point
    # where a bead is as likely to be one of the wrong ones as one of the right ones
    sw = np.where(y == 1, 0.5 / y.mean(), 0.5 / (1 - y.mean()))
    w = np.zeros(X.shape[1])
    for _ in range(20000):
        p = 1 / (1 + np.exp(-X @ w))
        w -= 0.05 * (X.T @ (sw * (p - y)) / len(y) + 1e-3 * np.r_[0, w[1:]])
    pred = 1 / (1 + np.exp(-X @ w))
    print(f"beads {len(y)}, right {y.mean():.3f}")
    print("CONFIDENCE =", tuple(round(float(v), 3) for v in w))
    for thr in (0.3, 0.5, 0.7):
        flag = pred < thr
        caught, wrong = int((flag & (y == 0)).sum()), int((y == 0).sum())
        print(f"threshold {thr}: flags {flag.mean():.3f} of beads, catches {caught}/{wrong} wrong beads,"
              f" precision of flags {(y[flag] == 0).mean() if flag.any() else 0:.3f}")


if __name__ == "__main__":
    main()
