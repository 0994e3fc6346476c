"""Sentence alignment: a banded, coarse-to-fine dynamic programme over beads.

`align(src, tgt, src_lang=..., tgt_lang=...)` takes two lists of sentences and returns `Bead`s
(0-based ids, confidence in [0, 1]) covering every sentence of both sides exactly once, in order.
The costs are in `costs`; the lexical features come from the scorers in `scorers`.

Search: the documents are repeatedly down-sampled by two (neighbouring sentences summed) until
the full DP matrix is small; the path found there is projected onto the next finer level and
widened into a band, so time and memory grow linearly with document length. A second pass
adds a translation lexicon learned from the confident beads of the first one (`lexicon`, as
hunalign's realign does) and re-estimates the length ratio.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

from ..models import Bead
from .costs import (CONFIDENCE, PARAMS, Params, _length_cost, _skip_cost, confidence, params_for)
from .lexicon import learn_lexicon
from .scorers import Doc, Entries, LexiconScorer, Scorer, combine, default_scorers

log = logging.getLogger(__name__)

@dataclass
class _Side:
    """One document at one resolution: lengths and aggregated features."""

    n: int
    lengths: np.ndarray  # characters per sentence
    sent: np.ndarray
    feat: np.ndarray
    weight: np.ndarray
    bounds: np.ndarray | None  # node i is a paragraph boundary (length n + 1)

    @property
    def lengths_cum(self) -> np.ndarray:
        return np.concatenate([[0.0], np.cumsum(self.lengths)])

    @classmethod
    def make(cls, n: int, lengths: np.ndarray, e: Entries, bounds: np.ndarray | None) -> "_Side":
        if len(e.sent):
            # one entry per (feature, sentence), sorted feature-major (what the joins below need)
            stride = n + 3
            key, inv = np.unique(e.feat * stride + e.sent, return_inverse=True)
            w = np.bincount(inv, weights=e.weight)
            sent, feat = key % stride, key // stride
        else:
            sent = feat = np.zeros(0, np.int64)
            w = np.zeros(0)
        return cls(n, lengths.astype(np.float64), sent, feat, w, bounds)

    def coarsen(self) -> "_Side":
        n = (self.n + 1) // 2
        lengths = np.bincount(np.arange(self.n) // 2, weights=self.lengths, minlength=n)
        bounds = self.bounds[::2].copy() if self.bounds is not None else None
        if bounds is not None:
            bounds = np.append(bounds[:n], True)[: n + 1] if len(bounds) < n + 1 else bounds[: n + 1]
            bounds[-1] = True
        return _Side.make(n, lengths, Entries(self.sent // 2, self.feat, self.weight), bounds)

    def span_norms(self) -> list[np.ndarray]:
        """|sum of the feature vectors of the a sentences before node i|^2 for a = 1, 2, 3."""
        n = self.n
        g = [np.zeros(n + 3) for _ in range(3)]
        if len(self.sent):
            stride = n + 3
            key = self.feat * stride + self.sent  # sorted by construction
            w, s = self.weight, self.sent
            for k in range(3):
                pos = np.searchsorted(key, key + k)
                pos_c = np.minimum(pos, len(key) - 1)
                hit = (pos < len(key)) & (key[pos_c] == key + k)
                np.add.at(g[k], s[hit], w[hit] * w[pos_c[hit]])
        out = []
        i = np.arange(n + 1)
        for a in (1, 2, 3):
            v = np.zeros(n + 1)
            ok = i >= a
            e = i[ok]
            v[ok] = sum(g[0][e - 1 - p] for p in range(a))
            for p in range(a):
                for q in range(p + 1, a):
                    v[ok] += 2 * g[q - p][e - 1 - q]
            out.append(v)
        return out


class _Band:
    """DP nodes (i, j), 0 <= i <= n, lo[i] <= j <= hi[i], stored row after row in flat arrays."""

    def __init__(self, lo: np.ndarray, hi: np.ndarray, m: int):
        self.lo, self.hi, self.m = lo.astype(np.int64), hi.astype(np.int64), m
        self.n = len(lo) - 1
        widths = self.hi - self.lo + 1
        self.rs = np.concatenate([[0], np.cumsum(widths)])
        self.size = int(self.rs[-1])
        self.I = np.repeat(np.arange(self.n + 1), widths)
        self.J = self.lo[self.I] + (np.arange(self.size) - self.rs[self.I])

    def index(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Flat index of nodes, `size` (a sentinel) when outside the band."""
        ic = np.clip(i, 0, self.n)
        ok = (i >= 0) & (i <= self.n) & (j >= self.lo[ic]) & (j <= self.hi[ic])
        return np.where(ok, self.rs[ic] + j - self.lo[ic], self.size)


def _cross_dots(x: _Side, y: _Side, band: _Band) -> np.ndarray:
    """dot(x_{i-1}, y_{j-1}) for every band node (i, j); zero elsewhere; sentinel at the end."""
    out = np.zeros(band.size + 1)
    if not len(x.sent) or not len(y.sent):
        return out
    stride = y.n + 3
    ykey = y.feat * stride + y.sent  # sorted by construction (_Side.make)
    yw, ys = y.weight, y.sent
    row = x.sent + 1
    t_lo = np.maximum(band.lo[row], 1) - 1
    t_hi = band.hi[row] - 1
    start = np.searchsorted(ykey, x.feat * stride + t_lo, "left")
    end = np.searchsorted(ykey, x.feat * stride + t_hi, "right")
    counts = np.maximum(end - start, 0)
    total = int(counts.sum())
    if not total:
        return out
    which = np.repeat(np.arange(len(row)), counts)
    offs = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    yi = start[which] + offs
    cell = band.rs[row[which]] + (ys[yi] + 1) - band.lo[row[which]]
    out[: band.size] = np.bincount(cell, weights=x.weight[which] * yw[yi], minlength=band.size)
    return out


def _coverage_gap(S, band, nx, ny, I, J, a, b, sim, eps):
    """How much worse than the whole bead its least-matching sentence matches (0 = all covered).

    A multi-sentence bead where one sentence matches nothing on the other side is usually a
    dropped or inserted sentence swallowed by a merge.
    """
    worst = np.full(len(I), np.inf)
    if a > 1:
        for p in range(a):
            dot = sum(S[band.index(I - p, J - q)] for q in range(b))
            c = dot / np.sqrt((nx[0][np.maximum(I - p, 0)] + eps) * (ny[b - 1][J] + eps))
            worst = np.minimum(worst, c)
    if b > 1:
        for q in range(b):
            dot = sum(S[band.index(I - p, J - q)] for p in range(a))
            c = dot / np.sqrt((nx[a - 1][I] + eps) * (ny[0][np.maximum(J - q, 0)] + eps))
            worst = np.minimum(worst, c)
    return 1.0 - np.clip((worst + 0.02) / (sim + 0.02), 0.0, 1.0)


@dataclass
class _Result:
    beads: list[tuple[int, int, int, int]]  # (i_end, j_end, a, b) in node coordinates, in order
    sims: list[float]
    margins: list[float]


def _dp(x: _Side, y: _Side, band: _Band, params: Params, ratio: float) -> _Result:
    """Banded DP; returns the best path's beads with their similarity and cost margin."""
    I, J = band.I, band.J
    S = _cross_dots(x, y, band)
    nx, ny = x.span_norms(), y.span_norms()
    cx, cy = x.lengths_cum, y.lengths_cum
    use_par = x.bounds is not None and y.bounds is not None
    kinds = params.kinds[:-1]
    T = len(kinds)
    P = np.empty((T, band.size), np.int64)
    C = np.empty((T, band.size))
    SIM = np.zeros((T, band.size))
    for t, (a, b) in enumerate(kinds):
        P[t] = band.index(I - a, J - b)
        valid = P[t] < band.size
        if a and b:
            dot = np.zeros(band.size)
            for p in range(a):
                for q in range(b):
                    dot += S[band.index(I - p, J - q)]
            ia, jb = np.maximum(I - a, 0), np.maximum(J - b, 0)
            norm = np.sqrt((nx[a - 1][I] + params.eps) * (ny[b - 1][J] + params.eps))
            sim = np.clip(dot / norm, 0.0, 1.0)
            lc = _length_cost(cx[I] - cx[ia], cy[J] - cy[jb], ratio, params.variance)
            size = ((a + b) / 2.0) ** params.size_exp
            cost = params.prior(t) + params.length_weight * lc + params.sim_weight * size * (1.0 - sim)
            if params.coverage_weight and (a > 1 or b > 1):
                cost = cost + params.coverage_weight * _coverage_gap(S, band, nx, ny, I, J, a, b, sim, params.eps)
            SIM[t] = sim
        else:
            # 1-0: a skipped source sentence; short lines (boilerplate) are cheaper to skip
            cost = params.prior(t) + _skip_cost(x.lengths, np.maximum(I - 1, 0), params)
        if use_par:
            cost = cost + params.paragraph_penalty * (x.bounds[I] != y.bounds[J])
            if a > 1:
                inner = np.zeros(band.size, bool)
                for p in range(1, a):
                    inner |= x.bounds[np.maximum(I - p, 0)]
                cost = cost + params.paragraph_penalty * inner
            if b > 1:
                inner = np.zeros(band.size, bool)
                for q in range(1, b):
                    inner |= y.bounds[np.maximum(J - q, 0)]
                cost = cost + params.paragraph_penalty * inner
        C[t] = np.where(valid, cost, np.inf)
    skip_pen = params.prior(len(params.kinds) - 1) + _skip_cost(y.lengths, np.maximum(J - 1, 0), params)
    if use_par:
        skip_pen = skip_pen + params.paragraph_penalty * (x.bounds[I] != y.bounds[J])
    D = np.full(band.size + 1, np.inf)
    back = np.full(band.size, -1, np.int8)
    rs = band.rs
    for i in range(band.n + 1):
        s0, s1 = rs[i], rs[i + 1]
        if i == 0:
            M = np.full(s1 - s0, np.inf)
            if band.lo[0] == 0:
                M[0] = 0.0
            k = np.full(s1 - s0, -1)
        else:
            cand = D[P[:, s0:s1]] + C[:, s0:s1]
            k = np.argmin(cand, axis=0)
            M = cand[k, np.arange(s1 - s0)]
        step = skip_pen[s0:s1].copy()
        step[0] = 0.0
        cum = np.cumsum(step)
        best = cum + np.minimum.accumulate(M - cum)
        better = best < M - 1e-9 * (1.0 + np.abs(np.where(np.isfinite(M), M, 0.0)))
        D[s0:s1] = np.where(better, best, M)
        back[s0:s1] = np.where(better, T, k)
        if i == 0:
            back[s0] = -1
    # backtrace
    beads: list[tuple[int, int, int, int]] = []
    sims: list[float] = []
    margins: list[float] = []
    cell = band.index(np.array([band.n]), np.array([band.m]))[0]
    while True:
        t = int(back[cell])
        if t < 0:
            break
        i, j = int(I[cell]), int(J[cell])
        a, b = params.kinds[t]
        if t < T:
            prev = int(P[t, cell])
            sims.append(float(SIM[t, cell]))
        else:
            prev = cell - 1
            sims.append(0.0)
        # margin: best alternative kind ending at the same node
        alts = D[P[:, cell]] + C[:, cell]
        if t < T:
            alts[t] = np.inf
            if J[cell] > band.lo[i]:
                alts = np.append(alts, D[cell - 1] + skip_pen[cell])
        finite = alts[np.isfinite(alts)]
        margins.append(float(finite.min() - D[cell]) if len(finite) else 10.0)
        beads.append((i, j, a, b))
        cell = prev
    beads.reverse()
    sims.reverse()
    margins.reverse()
    return _Result(beads, sims, margins)


def _full_band(n: int, m: int) -> _Band:
    return _Band(np.zeros(n + 1, np.int64), np.full(n + 1, m, np.int64), m)


def _band_around(beads: Sequence[tuple[int, int, int, int]], n: int, m: int, *, scale: int, width: int) -> _Band:
    """Rows of the fine grid covering the (scaled) path's boxes, widened by `width`."""
    jmin = np.full(n + 1, m, np.int64)
    jmax = np.zeros(n + 1, np.int64)
    jmin[0] = 0
    for i1, j1, a, b in beads:
        i0, j0 = min((i1 - a) * scale, n), min((j1 - b) * scale, m)
        i1, j1 = min(i1 * scale, n), min(j1 * scale, m)
        np.minimum(jmin[i0:i1 + 1], j0, out=jmin[i0:i1 + 1])
        np.maximum(jmax[i0:i1 + 1], j1, out=jmax[i0:i1 + 1])
    jmax[n] = m
    lo = np.clip(jmin - width, 0, m)
    hi = np.clip(jmax + width, 0, m)
    hi = np.maximum.accumulate(hi)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    lo[0] = 0
    hi[n] = m
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    return _Band(lo, hi, m)


def _search(x: _Side, y: _Side, params: Params, ratio: float) -> _Result:
    if (x.n + 1) * (y.n + 1) <= params.base_cells or min(x.n, y.n) < 8:
        return _dp(x, y, _full_band(x.n, y.n), params, ratio)
    coarse = _search(x.coarsen(), y.coarsen(), params, ratio)
    band = _band_around(coarse.beads, x.n, y.n, scale=2, width=params.band)
    return _dp(x, y, band, params, ratio)


# --- public API -------------------------------------------------------------------------------


def _bounds(paragraphs: Sequence[int] | None, n: int) -> np.ndarray | None:
    if paragraphs is None:
        return None
    if len(paragraphs) != n:
        raise ValueError(f"got {len(paragraphs)} paragraph numbers for {n} sentences")
    p = np.asarray(paragraphs)
    if n < 2 or np.all(p == p[0]):
        return None
    b = np.ones(n + 1, bool)
    b[1:n] = p[1:] != p[:-1]
    return b


def _initial_ratio(src: Sequence[str], tgt: Sequence[str]) -> float:
    ls, lt = sum(map(len, src)), sum(map(len, tgt))
    if not ls or not lt:
        return 1.0
    return float(np.clip(lt / ls, 0.8, 1.25))


def _align(src: Sequence[str], tgt: Sequence[str], *, src_lang: str, tgt_lang: str,
           dictionary: Sequence[tuple[str, str]] | None = None,
           src_paragraphs: Sequence[int] | None = None, tgt_paragraphs: Sequence[int] | None = None,
           scorers: Sequence[Scorer] | None = None, learn: bool = True,
           params: Params | None = None, constants: Sequence[float] = CONFIDENCE):
    if params is None:
        params = params_for(src_lang, tgt_lang)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        beads = [Bead(src=(i,), tgt=(), score=1.0) for i in range(n)]
        beads += [Bead(src=(), tgt=(j,), score=1.0) for j in range(m)]
        return beads, [10.0] * (n + m), [0.0] * (n + m)
    doc = Doc(src=list(src), tgt=list(tgt), src_lang=src_lang, tgt_lang=tgt_lang)
    if scorers is None:
        scorers = default_scorers(dictionary=dictionary)
    scorers = list(scorers)
    bx, by = _bounds(src_paragraphs, n), _bounds(tgt_paragraphs, m)
    if bx is None or by is None:
        bx = by = None
    lx = np.fromiter((len(s) for s in src), float, n)
    ly = np.fromiter((len(s) for s in tgt), float, m)

    def sides(scs):
        ex, ey = combine(doc, scs) if scs else (Entries.empty(), Entries.empty())
        return _Side.make(n, lx, ex, bx), _Side.make(m, ly, ey, by)

    x, y = sides(scorers)
    ratio = _initial_ratio(src, tgt)
    res = _search(x, y, params, ratio)
    for _ in range(params.passes if learn and scorers and min(n, m) >= params.lexicon_min else 0):
        good = [k for k, bd in enumerate(res.beads) if bd[2] and bd[3]]
        if not good:
            break
        cut = float(np.quantile([res.sims[k] for k in good], params.lexicon_quantile))
        conf = [res.beads[k] for k in good if res.sims[k] >= cut]
        spans = [(range(i - a, i), range(j - b, j)) for i, j, a, b in conf]
        pairs = learn_lexicon(doc, spans, min_dice=params.lexicon_dice, links=params.lexicon_links,
                             method=params.lexicon_method)
        one = [(i, j) for i, j, a, b in conf if a == 1 and b == 1]
        if len(one) >= 10:
            ratio = float(np.clip(sum(ly[j - 1] for _, j in one) / max(sum(lx[i - 1] for i, _ in one), 1.0),
                                  0.5, 2.0))
        log.info("learned %d lexicon pairs; length ratio %.3f", len(pairs), ratio)
        if pairs:
            x, y = sides(scorers + [LexiconScorer(pairs=pairs, weight=params.lexicon_weight)])
        band = _band_around(res.beads, n, m, scale=1, width=params.band)
        res = _dp(x, y, band, params, ratio)
    kinds = [(a, b) for _, _, a, b in res.beads]
    conf = confidence(res.margins, res.sims, kinds, constants)
    beads = [Bead(src=tuple(range(i - a, i)), tgt=tuple(range(j - b, j)), score=float(c))
             for (i, j, a, b), c in zip(res.beads, conf)]
    return beads, res.margins, res.sims


def align(src: Sequence[str], tgt: Sequence[str], *, src_lang: str, tgt_lang: str,
          dictionary: Sequence[tuple[str, str]] | None = None,
          src_paragraphs: Sequence[int] | None = None, tgt_paragraphs: Sequence[int] | None = None,
          scorers: Sequence[Scorer] | None = None, learn: bool = True, params: Params | None = None) -> list[Bead]:
    """Align two documents given as lists of sentences; every sentence is in exactly one bead.

    `dictionary`: (source term, target term) pairs, matched through stem keys. `*_paragraphs`:
    the paragraph number of each sentence; used as anchors when both sides have them.
    `scorers`: replaces the default lexical scorers (`[]` gives a length-only Gale-Church DP).
    `learn`: learn a translation lexicon from a first pass on long inputs.
    `params`: cost constants; by default `params_for(src_lang, tgt_lang)`.
    """
    return _align(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, dictionary=dictionary,
                  src_paragraphs=src_paragraphs, tgt_paragraphs=tgt_paragraphs, scorers=scorers,
                  learn=learn, params=params)[0]


# Gale and Church's own priors for the kinds (their -log P of 1-2, 2-1, 2-2; 1-3 and 3-1 dearer).
GALE_CHURCH_PRIORS = {(1, 1): 0.0, (1, 2): 2.3, (2, 1): 2.3, (2, 2): 4.4, (1, 3): 6.0, (3, 1): 6.0,
                      (1, 0): 0.0, (0, 1): 0.0}


def gale_church(src: Sequence[str], tgt: Sequence[str], *, params: Params = PARAMS) -> list[Bead]:
    """The plain length-based baseline: same DP, no lexical scorers, no lexicon."""
    return align(src, tgt, src_lang="xx", tgt_lang="xx", scorers=[], learn=False,
                 params=replace(params, sim_weight=0.0, length_weight=1.0, skip=4.5, variance=6.8, skip_len=0.0,
                                coverage_weight=0.0,
                                priors=GALE_CHURCH_PRIORS))

