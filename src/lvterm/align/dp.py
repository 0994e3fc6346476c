"""Sentence alignment: a banded, coarse-to-fine dynamic programme over beads.

`align(src, tgt, src_lang=..., tgt_lang=...)` takes two lists of sentences and returns `Bead`s
(0-based ids, confidence in [0, 1]) covering every sentence of both sides exactly once, in order.
The costs are in `costs`; the lexical features come from the scorers in `scorers`, the layout
evidence (sentence boundaries proper, prose) from `shape`.

Search: the documents are repeatedly down-sampled by two (neighbouring sentences summed) until
the full DP matrix is small; the path found there is projected onto the next finer level and
widened into a band, so time and memory grow linearly with document length. A node of a coarse
level stands for the sentences it sums, and skipping it costs what skipping them costs: on a
document repeated many times the coarse path cannot drift by a whole period and pay for it with
a few node skips. A scorer that proposes candidate pairs (the embedding scorer's top-k
neighbours, Bertalign's first step) replaces the coarse levels: the band is drawn around the best
monotone chain of its candidates. Later passes add a translation lexicon learned from the
confident beads of the previous one (`lexicon`, as hunalign's realign does) and re-estimate the
length ratio.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Sequence

import numpy as np

from ..models import Bead
from . import shape
from .costs import CONFIDENCE, PARAMS, Params, _length_cost, _skip_cost, confidence, params_for
from .lexicon import learn_lexicon
from .scorers import Doc, Entries, LexiconScorer, Scorer, candidate_pairs, combine, default_scorers

log = logging.getLogger(__name__)

_STRIDE_PAD = 8  # feature-major keys are feat * (n + _STRIDE_PAD) + sentence: room for span lags


@dataclass
class _Side:
    """One document at one resolution: lengths, layout and aggregated features of its nodes."""

    n: int
    lengths: np.ndarray  # characters per node
    count: np.ndarray  # sentences per node (1 at the finest level)
    sent: np.ndarray
    feat: np.ndarray
    weight: np.ndarray
    bounds: np.ndarray | None  # node i is a paragraph boundary (length n + 1)
    starts: np.ndarray  # 1.0 where a sentence boundary proper precedes node i (length n + 1)
    prose: np.ndarray  # share of the node's sentences that read as prose (length n)

    @property
    def lengths_cum(self) -> np.ndarray:
        return np.concatenate([[0.0], np.cumsum(self.lengths)])

    @classmethod
    def make(cls, n: int, lengths: np.ndarray, count: np.ndarray, e: Entries, bounds: np.ndarray | None,
             starts: np.ndarray, prose: np.ndarray) -> "_Side":
        if len(e.sent):
            # one entry per (feature, sentence), sorted feature-major (what the joins below need)
            stride = n + _STRIDE_PAD
            key, inv = np.unique(e.feat * stride + e.sent, return_inverse=True)
            w = np.bincount(inv, weights=e.weight)
            sent, feat = key % stride, key // stride
        else:
            sent = feat = np.zeros(0, np.int64)
            w = np.zeros(0)
        return cls(n, lengths.astype(np.float64), count.astype(np.float64), sent, feat, w, bounds, starts, prose)

    def coarsen(self) -> "_Side":
        n = (self.n + 1) // 2
        pair = np.arange(self.n) // 2
        lengths = np.bincount(pair, weights=self.lengths, minlength=n)
        count = np.bincount(pair, weights=self.count, minlength=n)
        prose = np.bincount(pair, weights=self.prose * self.count, minlength=n) / np.maximum(count, 1.0)
        return _Side.make(n, lengths, count, Entries(self.sent // 2, self.feat, self.weight),
                          _every_other(self.bounds, n), _every_other(self.starts, n), prose)

    def span_norms(self, widest: int) -> list[np.ndarray]:
        """|sum of the feature vectors of the a nodes before node i|^2 for a = 1 .. widest."""
        n = self.n
        g = [np.zeros(n + _STRIDE_PAD) for _ in range(widest)]  # g[k][s] = dot(node s, node s + k)
        if len(self.sent):
            stride = n + _STRIDE_PAD
            key = self.feat * stride + self.sent  # sorted by construction
            w, s = self.weight, self.sent
            for k in range(widest):
                pos = np.searchsorted(key, key + k)
                pos_c = np.minimum(pos, len(key) - 1)
                hit = (pos < len(key)) & (key[pos_c] == key + k)
                np.add.at(g[k], s[hit], w[hit] * w[pos_c[hit]])
        out = []
        i = np.arange(n + 1)
        for a in range(1, widest + 1):
            v = np.zeros(n + 1)
            e = i[i >= a]
            v[e] = sum(g[0][e - 1 - p] for p in range(a))
            for p in range(a):
                for q in range(p + 1, a):
                    v[e] += 2 * g[q - p][e - 1 - q]
            out.append(v)
        return out


def _every_other(a: np.ndarray | None, n: int) -> np.ndarray | None:
    """Node values of the next coarser level: node k there is node 2k here (the end stays the end)."""
    if a is None:
        return None
    out = a[::2][: n + 1].copy()
    if len(out) < n + 1:
        out = np.append(out, a[-1])
    out[-1] = a[-1]
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
        self._offsets: dict[tuple[int, int], np.ndarray] = {}

    def index(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Flat index of nodes, `size` (a sentinel) when outside the band."""
        ic = np.clip(i, 0, self.n)
        ok = (i >= 0) & (i <= self.n) & (j >= self.lo[ic]) & (j <= self.hi[ic])
        return np.where(ok, self.rs[ic] + j - self.lo[ic], self.size)

    def back(self, p: int, q: int) -> np.ndarray:
        """Flat index of node (i - p, j - q) for every node (i, j) of the band (cached)."""
        if (p, q) not in self._offsets:  # int32: a band of 2**31 nodes would not fit in memory anyway
            self._offsets[(p, q)] = self.index(self.I - p, self.J - q).astype(np.int32)
        return self._offsets[(p, q)]


def _cross_dots(x: _Side, y: _Side, band: _Band) -> np.ndarray:
    """dot(x_{i-1}, y_{j-1}) for every band node (i, j); zero elsewhere; sentinel at the end."""
    out = np.zeros(band.size + 1)
    if not len(x.sent) or not len(y.sent):
        return out
    stride = y.n + _STRIDE_PAD
    ykey = y.feat * stride + y.sent  # sorted by construction (_Side.make)
    yw, ys = y.weight, y.sent
    row = x.sent + 1
    t_lo = np.maximum(band.lo[row], 1) - 1
    t_hi = band.hi[row] - 1
    start = np.searchsorted(ykey, x.feat * stride + t_lo, "left")
    end = np.searchsorted(ykey, x.feat * stride + t_hi, "right")
    counts = np.maximum(end - start, 0)
    if not counts.sum():
        return out
    # every (x entry, y entry) pair of a feature inside the band, a few million pairs at a time: a
    # full grid at the coarsest level would otherwise hold them all at once
    ends = np.cumsum(counts)
    cuts = np.searchsorted(ends, np.arange(_JOIN_CHUNK, int(ends[-1]), _JOIN_CHUNK), "right")
    for lo, hi in zip(np.concatenate([[0], cuts]), np.concatenate([cuts, [len(counts)]])):
        c = counts[lo:hi]
        total = int(c.sum())
        if not total:
            continue
        which = lo + np.repeat(np.arange(hi - lo), c)
        offs = np.arange(total) - np.repeat(np.cumsum(c) - c, c)
        yi = start[which] + offs
        cell = band.rs[row[which]] + (ys[yi] + 1) - band.lo[row[which]]
        out[: band.size] += np.bincount(cell, weights=x.weight[which] * yw[yi], minlength=band.size)
    return out


_JOIN_CHUNK = 1_000_000


@dataclass
class _Result:
    beads: list[tuple[int, int, int, int]]  # (i_end, j_end, a, b) in node coordinates, in order
    sims: list[float]
    margins: list[float]


def _best_match(S: np.ndarray, band: _Band, nx: list[np.ndarray], ny: list[np.ndarray], eps: float,
                n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Per node of each side: its best cosine with a single node of the other side in the band."""
    I, J = band.I, band.J
    c = np.clip(S[: band.size] / np.sqrt((nx[0][I] + eps) * (ny[0][J] + eps)), 0.0, 1.0)
    bx = np.zeros(n + 1)
    by = np.zeros(m + 1)
    np.maximum.at(bx, I, c)
    np.maximum.at(by, J, c)
    return bx[1:], by[1:]  # node i + 1 ends sentence i


def _skip_costs(side: _Side, best: np.ndarray, params: Params) -> np.ndarray:
    """Cost of leaving each node unaligned: the skip cost of one of its sentences times their number."""
    per = side.lengths / np.maximum(side.count, 1.0)
    rel = per / max(float(side.lengths.sum() / max(side.count.sum(), 1.0)), 1.0)
    return _skip_cost(rel, side.prose, best, params) * side.count


def _dp(x: _Side, y: _Side, band: _Band, params: Params, ratio: float) -> _Result:
    """Banded DP; returns the best path's beads with their similarity and cost margin."""
    I, J = band.I, band.J
    S = _cross_dots(x, y, band)
    eps = params.eps
    nx, ny = x.span_norms(params.widest), y.span_norms(params.widest)
    cx, cy = x.lengths_cum, y.lengths_cum
    use_par = x.bounds is not None and y.bounds is not None
    best_x, best_y = _best_match(S, band, nx, ny, eps, x.n, y.n) if params.skip_match else (0.0, 0.0)
    skip_x = _skip_costs(x, best_x, params)
    skip_y = _skip_costs(y, best_y, params)
    kinds = params.kinds[:-1]
    T = len(kinds)
    P = np.empty((T, band.size), np.int32)
    C = np.empty((T, band.size))
    SIM = np.zeros((T, band.size), np.float32)
    for t, (a, b) in enumerate(kinds):
        P[t] = band.back(a, b)
        valid = P[t] < band.size
        if a and b:
            pair = {(p, q): S[band.back(p, q)] for p in range(a) for q in range(b)}
            dot = sum(pair.values())
            ia, jb = np.maximum(I - a, 0), np.maximum(J - b, 0)
            sim = np.clip(dot / np.sqrt((nx[a - 1][I] + eps) * (ny[b - 1][J] + eps)), 0.0, 1.0)
            lc = _length_cost(cx[I] - cx[ia], cy[J] - cy[jb], ratio, params.variance)
            cost = (params.prior(t) + params.length_weight * lc
                    + params.sim_weight * (a + b) / 2.0 * (1.0 - sim))
            if params.cover_weight:
                worst = sim
                if a > 1 or b > 1:
                    for p in range(a):  # each source sentence against the whole target side
                        d = sum(pair[p, q] for q in range(b))
                        worst = np.minimum(worst, d / np.sqrt((nx[0][np.maximum(I - p, 0)] + eps) * (ny[b - 1][J] + eps)))
                    for q in range(b):
                        d = sum(pair[p, q] for p in range(a))
                        worst = np.minimum(worst, d / np.sqrt((nx[a - 1][I] + eps) * (ny[0][np.maximum(J - q, 0)] + eps)))
                cost = cost + params.cover_weight * (1.0 - np.clip(worst, 0.0, 1.0))
            if params.start_weight:
                cost = cost + params.start_weight * (x.starts[ia] != y.starts[jb])
            SIM[t] = sim
        else:
            # 1-0: a skipped source sentence; short lines and non-prose lines are cheaper to skip
            cost = params.prior(t) + skip_x[np.clip(I - 1, 0, x.n - 1)]
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
    skip_pen = params.prior(len(params.kinds) - 1) + skip_y[np.clip(J - 1, 0, y.n - 1)]
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
        # 0-1 beads run along the row: D[j] = min(M[j], D[j-1] + skip[j]), by prefix minima
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
    band = _band_around(coarse.beads, x.n, y.n, scale=2, width=params.coarse_band)
    return _dp(x, y, band, params, ratio)


def _chain(pairs: np.ndarray, scores: np.ndarray) -> list[tuple[int, int, int, int]]:
    """The best-scoring chain of candidate pairs (i, j) strictly increasing on both sides, as 1-1
    nodes: a weighted longest increasing subsequence over pairs sorted by i, with a Fenwick tree of
    the best chain ending at each target position."""
    if not len(pairs):
        return []
    order = np.lexsort((-pairs[:, 1], pairs[:, 0]))  # by i; within an i, larger j first (one per i)
    m = int(pairs[:, 1].max()) + 2
    tree_val = np.zeros(m + 1)
    tree_arg = np.full(m + 1, -1, np.int64)
    best = np.zeros(len(pairs))
    prev = np.full(len(pairs), -1, np.int64)
    for k in order.tolist():
        j = int(pairs[k, 1]) + 1
        v, arg, q = 0.0, -1, j - 1  # best chain ending at a target < j
        while q > 0:
            if tree_val[q] > v:
                v, arg = tree_val[q], int(tree_arg[q])
            q -= q & -q
        best[k] = v + scores[k]
        prev[k] = arg
        q = j
        while q <= m:
            if best[k] > tree_val[q]:
                tree_val[q], tree_arg[q] = best[k], k
            q += q & -q
    k = int(np.argmax(best))
    out = []
    while k >= 0:
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        out.append((i + 1, j + 1, 1, 1))
        k = int(prev[k])
    return out[::-1]


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
           params: Params | None = None, constants: Sequence[float] = CONFIDENCE, doc: Doc | None = None):
    """`align`, returning (beads, cost margins, similarities). `doc`: a `Doc` of these very
    sentences to reuse with the same `scorers` (their features are cached on it), as a fit that
    aligns one document pair many times does."""
    if params is None:
        params = params_for(src_lang, tgt_lang)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        beads = [Bead(src=(i,), tgt=(), score=1.0) for i in range(n)]
        beads += [Bead(src=(), tgt=(j,), score=1.0) for j in range(m)]
        return beads, [10.0] * (n + m), [0.0] * (n + m)
    if doc is None:
        doc = Doc(src=list(src), tgt=list(tgt), src_lang=src_lang, tgt_lang=tgt_lang)
    if scorers is None:
        scorers = default_scorers(dictionary=dictionary)
    scorers = list(scorers)
    bx, by = _bounds(src_paragraphs, n), _bounds(tgt_paragraphs, m)
    if bx is None or by is None:
        bx = by = None
    lx = np.fromiter((len(s) for s in src), float, n)
    ly = np.fromiter((len(s) for s in tgt), float, m)
    layout_x = (shape.sentence_starts(src), shape.prose(src))
    layout_y = (shape.sentence_starts(tgt), shape.prose(tgt))

    def sides(scs):
        ex, ey = combine(doc, scs) if scs else (Entries.empty(), Entries.empty())
        return (_Side.make(n, lx, np.ones(n), ex, bx, *layout_x),
                _Side.make(m, ly, np.ones(m), ey, by, *layout_y))

    x, y = sides(scorers)
    ratio = _initial_ratio(src, tgt)
    pairs, scores = candidate_pairs(doc, scorers)
    if len(pairs) and (n + 1) * (m + 1) > params.base_cells:
        # Bertalign's first step: the best monotone chain through the scorer's top-k candidates
        band = _band_around(_chain(pairs, scores), n, m, scale=1, width=params.band)
        res = _dp(x, y, band, params, ratio)
    else:
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
    """The plain length-based baseline: same DP, no lexical scorers, no lexicon, no layout costs."""
    return align(src, tgt, src_lang="xx", tgt_lang="xx", scorers=[], learn=False,
                 params=replace(params, sim_weight=0.0, length_weight=1.0, skip=4.5, variance=6.8, skip_len=0.0,
                                cover_weight=0.0, start_weight=0.0, skip_prose=0.0, skip_match=0.0,
                                priors=GALE_CHURCH_PRIORS))
