"""Sentence alignment: a banded, coarse-to-fine dynamic programme over beads.

`align(src, tgt, src_lang=..., tgt_lang=...)` takes two lists of sentences and returns `Bead`s
(0-based ids, confidence in [0, 1]) covering every sentence of both sides exactly once, in order.
The costs are in `costs`; the lexical features come from the scorers in `scorers`, the layout
evidence (sentence boundaries proper, prose) from `shape`.

Search: the documents are repeatedly down-sampled by two (neighbouring sentences summed) until
the full DP matrix is small; the path found there is projected onto the next finer level and
widened into a band, so time and memory grow linearly with document length. A lopsided pair (one
side more than four times longer) is searched over the full grid when its short side is thin, and
column by column when its band has far more rows than columns. A node of a coarse
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
import sys
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

import numpy as np

from ..lang import language_code
from ..models import Bead, Segment
from ..progress import Progress, advancing
from . import shape
from .costs import CONFIDENCE, PARAMS, Params, _length_cost, _skip_cost, confidence, params_for
from .lexicon import learn_lexicon
from .settings import TIE_TOLERANCE
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
            key = self.feat * stride + self.sent  # sorted by construction, each once
            w, s = self.weight, self.sent
            # sums in entry order from 0.0, as np.add.at into zeros adds them
            g[0] = np.bincount(s, weights=w * w, minlength=n + _STRIDE_PAD)  # each entry meets itself
            if widest > 1:
                ahead = key + np.arange(1, widest)[:, None]  # [k - 1]: the same feature k nodes on
                pos = np.searchsorted(key, ahead)
                pos_c = np.minimum(pos, len(key) - 1)
                hit = (pos < len(key)) & (key[pos_c] == ahead)
                for k in range(1, widest):
                    h = hit[k - 1]
                    g[k] = np.bincount(s[h], weights=w[h] * w[pos_c[k - 1][h]], minlength=n + _STRIDE_PAD)
        twice = {k: 2 * g[k] for k in range(1, widest)}
        out = []
        for a in range(1, widest + 1):
            # node e >= a: the a nodes e - a .. e - 1 (slices of g stand for node e - 1 - p)
            v = np.zeros(n + 1)
            if a <= n:
                v[a:] = sum(g[0][a - 1 - p:n - p] for p in range(a))
                for p in range(a):
                    for q in range(p + 1, a):
                        v[a:] += twice[q - p][a - 1 - q:n - q]
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
    """DP nodes (i, j), 0 <= i <= n, lo[i] <= j <= hi[i], stored row after row in flat arrays.

    lo and hi never decrease (`_band_around`, `_full_band`), so the nodes of a column are a run of
    rows too (`column_rows`). Only per-row arrays are kept: the coordinates of a block of nodes
    are made when a block is visited, so a band costs a few bytes a node (the DP's values)."""

    def __init__(self, lo: np.ndarray, hi: np.ndarray, m: int):
        self.lo, self.hi, self.m = lo.astype(np.int64), hi.astype(np.int64), m
        self.n = len(lo) - 1
        self.widths = self.hi - self.lo + 1
        self.rs = np.concatenate([[0], np.cumsum(self.widths)])
        self.size = int(self.rs[-1])

    def index(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Flat index of nodes, `size` (a sentinel) when outside the band."""
        ic = np.clip(i, 0, self.n)
        ok = (i >= 0) & (i <= self.n) & (j >= self.lo[ic]) & (j <= self.hi[ic])
        return np.where(ok, self.rs[ic] + j - self.lo[ic], self.size)

    def rows(self, r0: int, r1: int) -> tuple[np.ndarray, np.ndarray]:
        """(I, J) of the nodes of rows r0 .. r1 - 1, in flat order (flat indices rs[r0] .. rs[r1] - 1)."""
        I = np.repeat(np.arange(r0, r1), self.widths[r0:r1])
        return I, self.lo[I] + (np.arange(self.rs[r0], self.rs[r1]) - self.rs[I])

    def column_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """First and last row of each column's nodes (column j: rows top[j] .. bottom[j])."""
        j = np.arange(self.m + 1)
        return np.searchsorted(self.hi, j, "left"), np.searchsorted(self.lo, j, "right") - 1


def _full_band(n: int, m: int) -> _Band:
    return _Band(np.zeros(n + 1, np.int64), np.full(n + 1, m, np.int64), m)


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
        first = int(cell.min())  # the chunk's span of nodes only (adding zeros elsewhere changes nothing)
        sums = np.bincount(cell - first, weights=x.weight[which] * yw[yi])
        out[first:first + len(sums)] += sums
    return out


_JOIN_CHUNK = 1_000_000
_AT_NODES = 4096  # nodes `_Costs.at` takes at once: enough to spread its numpy calls, its temporaries kept small
_BLOCK = 1 << 15  # band nodes whose bead costs are held at once


@dataclass
class _Result:
    beads: list[tuple[int, int, int, int]]  # (i_end, j_end, a, b) in node coordinates, in order
    sims: list[float]
    margins: list[float]


def _skip_costs(side: _Side, best: np.ndarray, params: Params) -> np.ndarray:
    """Cost of leaving each node unaligned: the skip cost of one of its sentences times their number."""
    per = side.lengths / np.maximum(side.count, 1.0)
    rel = per / max(float(side.lengths.sum() / max(side.count.sum(), 1.0)), 1.0)
    return _skip_cost(rel, side.prose, best, params) * side.count


class _Costs:
    """The cost of every bead kind ending at any band node, computed for a block of nodes at a
    time from per-node evidence: cross dots over the band, span norms, cumulative lengths, skip
    costs."""

    def __init__(self, x: _Side, y: _Side, band: _Band, params: Params, ratio: float):
        self.x, self.y, self.band, self.params, self.ratio = x, y, band, params, ratio
        self.S = _cross_dots(x, y, band)
        self.nx, self.ny = np.stack(x.span_norms(params.widest)), np.stack(y.span_norms(params.widest))
        self.cx, self.cy = x.lengths_cum, y.lengths_cum
        self.use_par = x.bounds is not None and y.bounds is not None
        self.kinds = params.kinds[:-1]  # every kind but 0-1, which runs along a row
        ka, kb = (np.asarray([k[s] for k in self.kinds], np.int64) for s in (0, 1))
        self.ka, self.kb = ka, kb
        self.both = np.flatnonzero((ka > 0) & (kb > 0))  # kinds with sentences on both sides
        self.alone = sorted(set(range(len(self.kinds))) - set(self.both.tolist()))  # one-sided kinds (1-0)
        self.priors = np.asarray([params.prior(t) for t in range(len(self.kinds))])
        # the similarity term's factor per kind, as `params.sim_weight * (a + b) / 2.0` evaluates
        self.sim_factor = np.asarray([params.sim_weight * (a + b) / 2.0 for a, b in self.kinds])
        # reach[p]: the most target sentences of a kind with more than p source sentences (the
        # sums of cross dots `_at` needs over p)
        self.reach = [max([b for a, b in self.kinds if a > p and b] or [0]) for p in range(params.widest)]
        best_x, best_y = self._best_match() if params.skip_match else (0.0, 0.0)
        self.skip_x = _skip_costs(x, best_x, params)
        self.skip_y = _skip_costs(y, best_y, params)

    def _best_match(self) -> tuple[np.ndarray, np.ndarray]:
        """Per node of each side: its best cosine with a single node of the other side in the band."""
        band, eps = self.band, self.params.eps
        bx = np.zeros(band.n + 1)
        by = np.zeros(band.m + 1)
        for r0, r1 in _blocks(band.rs):
            I, J = band.rows(r0, r1)
            c = np.clip(self.S[band.rs[r0]:band.rs[r1]] / np.sqrt((self.nx[0][I] + eps) * (self.ny[0][J] + eps)),
                        0.0, 1.0)
            np.maximum.at(bx, I, c)
            np.maximum.at(by, J, c)
        return bx[1:], by[1:]  # node i + 1 ends sentence i

    def at(self, I: np.ndarray, J: np.ndarray, *, sims: bool = False):
        """For nodes (I, J): P[t] the flat index of the node where a bead of kind t ending there
        starts (`size` when outside the band), C[t] its cost (inf when it starts outside), the
        cost of the 0-1 bead ending there, and with `sims` the similarity of each kind's bead.
        `_AT_NODES` nodes at a time (`_at`)."""
        if len(I) <= _AT_NODES:
            return self._at(I, J, sims=sims)
        parts = [self._at(I[c:c + _AT_NODES], J[c:c + _AT_NODES], sims=sims) for c in range(0, len(I), _AT_NODES)]
        P, C, skip_pen, SIM = zip(*parts)
        return (np.concatenate(P, axis=1), np.concatenate(C, axis=1), np.concatenate(skip_pen),
                np.concatenate(SIM, axis=1) if sims else None)

    def _at(self, I: np.ndarray, J: np.ndarray, *, sims: bool):
        """`at` of a few nodes, every kind at once: the evidence of every shift (p, q) back from a
        node, 0 <= p, q <= `widest`, is gathered in one go into arrays indexed [p, q, node], and
        the kinds pick their rows. The nodes are a block at a time (at most a few thousand: a short
        document's band, a chunk of a long one, a path), so one numpy call over all kinds costs
        what one per kind would, and the temporaries stay small. Each float is computed by the
        same operations in the same order as the cost formula written kind by kind (`costs`):
        sums of cross dots in row-major order of (p, q), the terms of a cost added one after
        another."""
        x, y, band, params, eps = self.x, self.y, self.band, self.params, self.params.eps
        W, T, k = params.widest, len(self.kinds), len(I)
        back = np.arange(W + 1)[:, None]
        Ip, Jq = I - back, J - back  # [p, node]: row i - p; [q, node]: column j - q
        ic, jc = np.maximum(Ip, 0), np.maximum(Jq, 0)  # (in the grid: i - p <= n, j - q <= m)
        lo = band.lo[ic]
        inside = (Ip >= 0)[:, None] & (Jq >= lo[:, None]) & (Jq <= band.hi[ic][:, None])
        start = np.where(inside, (band.rs[ic] - lo)[:, None] + Jq, band.size).astype(np.int32)  # [p, q, node]
        P = start[self.ka, self.kb]  # int32: a band of 2**31 nodes would not fit in memory
        G = self.S[start[:W, :W]]  # [p, q, node]: dot(x_{i-1-p}, y_{j-1-q})

        # pair kinds (a, b): the dot of both sides' summed features, G summed over p < a, q < b in
        # row-major order: one running sum per b, G[p, q] added to the sums of every b > q
        a, b = self.ka[self.both], self.kb[self.both]
        F = np.empty((W, W, k))  # [a - 1, b - 1]
        acc = np.zeros((W, k))
        for p, reach in enumerate(self.reach):  # F[a - 1, b - 1] for the kinds only
            for q in range(reach):
                acc[q:reach] += G[p, q]
            F[p, :reach] = acc[:reach]
        nxa, nyb = self.nx[:, I] + eps, self.ny[:, J] + eps  # [a - 1, node]: |a nodes before i|^2 + eps
        sim = np.clip(F[a - 1, b - 1] / np.sqrt(nxa[a - 1] * nyb[b - 1]), 0.0, 1.0)
        lx, ly = self.cx[I] - self.cx[ic[1:]], self.cy[J] - self.cy[jc[1:]]  # [a - 1, node]: a nodes' length
        lc = _length_cost(lx[a - 1], ly[b - 1], self.ratio, params.variance)
        cost = (self.priors[self.both, None] + params.length_weight * lc
                + self.sim_factor[self.both, None] * (1.0 - sim))
        if params.cover_weight:
            # the bead's least-matched sentence: each source sentence p against the b target
            # sentences (running sums of G along q), each target sentence q against the a source ones
            rows, cols = G.copy(), G.copy()  # running sums along q and along p (slices: numpy's
            for w in range(1, W):             # accumulate along a leading axis is slow)
                rows[:, w] += rows[:, w - 1]
                cols[w] += cols[w - 1]
            rows /= np.sqrt((self.nx[0][ic[:W]] + eps)[:, None] * nyb[None])  # [p, b - 1]
            cols /= np.sqrt(nxa[:, None] * (self.ny[0][jc[:W]] + eps)[None])  # [a - 1, q]
            for w in range(1, W):  # running minima: the worst of the a source (b target) sentences
                np.minimum(rows[w], rows[w - 1], out=rows[w])  # [a - 1, b - 1]
                np.minimum(cols[:, w], cols[:, w - 1], out=cols[:, w])  # [a - 1, b - 1]
            worst = np.minimum(sim, np.minimum(rows[a - 1, b - 1], cols[a - 1, b - 1]))
            worst = np.where(((a > 1) | (b > 1))[:, None], worst, sim)
            cost = cost + params.cover_weight * (1.0 - np.clip(worst, 0.0, 1.0))
        if params.start_weight:
            cost = cost + params.start_weight * (x.starts[ic[a]] != y.starts[jc[b]])
        C = np.empty((T, k))
        C[self.both] = cost
        for t in self.alone:
            # 1-0: a skipped source sentence; short lines and non-prose lines are cheaper to skip
            C[t] = self.priors[t] + self.skip_x[ic[1]]  # (sentence i - 1; the first at node 0)
        skip_pen = params.prior(len(params.kinds) - 1) + self.skip_y[jc[1]]
        if self.use_par:
            par = params.paragraph_penalty * (x.bounds[I] != y.bounds[J])
            C += par
            skip_pen = skip_pen + par
            # a boundary inside the span of the a (b) nodes before the node: row a - 2 (b - 2)
            inner_x, inner_y = x.bounds[ic[1:W]], y.bounds[jc[1:W]]
            for w in range(1, W - 1):
                inner_x[w] |= inner_x[w - 1]
                inner_y[w] |= inner_y[w - 1]
            wide = self.ka > 1
            C[wide] += params.paragraph_penalty * inner_x[self.ka[wide] - 2]
            wide = self.kb > 1
            C[wide] += params.paragraph_penalty * inner_y[self.kb[wide] - 2]
        C = np.where(P < band.size, C, np.inf)
        SIM = None
        if sims:
            SIM = np.zeros((T, k), np.float32)
            SIM[self.both] = sim
        return P, C, skip_pen, SIM


def _blocks(starts: np.ndarray):
    """Runs of whole lines (l0, l1) of about `_BLOCK` nodes, or one longer line alone; `starts[l]` is
    the first node of line l in line order (`starts[-1]` the number of nodes)."""
    size, l0, last = _BLOCK, 0, len(starts) - 1
    while l0 < last:
        l1 = min(max(int(np.searchsorted(starts, starts[l0] + size, "right")) - 1, l0 + 1), last)
        yield l0, l1
        l0 = l1


def _chunks(k: int) -> list[tuple[int, int]]:
    return [(c, min(c + _BLOCK, k)) for c in range(0, k, _BLOCK)]


def _by_columns(band: _Band, params: Params) -> bool:
    """Run the DP column by column: when the band has far more rows than columns (a lopsided pair;
    the DP takes one Python step a line, so a few long lines beat many short ones). Both orders
    find a best path over the same nodes and costs; where several paths cost exactly the same
    (a line repeated many times), they may pick different ones (`_forward`)."""
    kinds = params.kinds
    return (band.n > band.m and _lopsided(band.n, band.m) and kinds[-1] == (0, 1) and (1, 0) in kinds
            and all(b for a, b in kinds[:-1] if (a, b) != (1, 0)))


def _lopsided(n: int, m: int) -> bool:
    """One side has more than four times as many nodes as the other: never a document and its
    translation, so the ways of searching such a pair (`_by_columns`, `_search`) leave every
    ordinary alignment as it was."""
    return max(n, m) + 1 > 4 * (min(n, m) + 1)


def _forward(costs: _Costs, D: np.ndarray, back: np.ndarray, *, columns: bool) -> tuple | None:
    """Fill D (the best cost of a path to each node) and back (the kind of its last bead: index into
    `params.kinds`, -1 at the start) one line of the band at a time. Returns `costs.at(..., sims=True)`
    of every node in flat order when the band is one block of rows (a short document pair), so
    that `_backtrace` looks the path's beads up instead of computing them again; else None.

    By rows: every kind but 0-1 enters row i from rows above, and 0-1 runs along the row (prefix
    minima). By columns (`_by_columns`): every kind but 1-0 enters column j from columns to its
    left, and 1-0 runs down the column. At a node both prefer alike: the first kind in
    `params.kinds`, and 0-1 only when it is cheaper by more than rounding (so a run of unaligned
    lines on both sides lists the target's before the source's); but a tie between whole paths
    can settle differently, since each order compares the beads running along its lines only
    through their prefix minima."""
    band = costs.band
    T = len(costs.kinds)
    if columns:
        t10 = costs.kinds.index((1, 0))
        enter = [t for t in range(T) if t != t10]
        codes = np.asarray(enter, np.int8)  # candidate row -> kind
        top, bottom = band.column_rows()
        starts = np.concatenate([[0], np.cumsum(bottom - top + 1)])
    else:
        starts = band.rs

    def nodes(l0: int, l1: int):
        """(I, J, flat index or slice) of the nodes of lines l0 .. l1 - 1, in line order."""
        if not columns:
            return (*band.rows(l0, l1), slice(int(band.rs[l0]), int(band.rs[l1])))
        J = np.repeat(np.arange(l0, l1), (starts[l0 + 1:l1 + 1] - starts[l0:l1]))
        I = top[J] + (np.arange(starts[l0], starts[l1]) - starts[J])
        return I, J, band.rs[I] + J - band.lo[I]

    kept = None

    def entering(I: np.ndarray, J: np.ndarray, *, keep: bool = False):
        """Start node and cost of every bead entering these nodes from earlier lines (by columns
        the 0-1 bead last), and the cost of the bead running along the line into each."""
        nonlocal kept
        P, C, skip_pen, SIM = costs.at(I, J, sims=keep)
        if keep:
            kept = P, C, skip_pen, SIM
        if not columns:
            return P, C, skip_pen
        left = band.index(I, J - 1).astype(np.int32)
        return np.vstack([P[enter], left[None]]), np.vstack([C[enter], skip_pen[None]]), C[t10]

    across = np.arange(int(max(starts[1:] - starts[:-1])))  # a line's nodes

    def best(cand: np.ndarray):
        """The cheapest entering bead of each node (by columns: but 0-1) and its kind; by columns
        also the cost through the 0-1 bead."""
        rest = cand[:-1] if columns else cand
        k = rest.argmin(axis=0)
        return (rest[k, across[:len(k)]], k) + ((cand[-1],) if columns else ())

    def settle(line: int, where, step: np.ndarray, M: np.ndarray, k: np.ndarray, *v01: np.ndarray) -> None:
        if line == 0:  # node (0, 0) starts every path
            if not columns:
                M = np.full(len(M), np.inf)
                k = np.full(len(M), -1)
            if band.lo[0] == 0:
                M[0] = 0.0
                k[0] = -1
        if not columns:  # `step`: by rows, the prefix sums of the 0-1 costs along the row (`_row_prefix`)
            D[where], better = _prefix_step(M, step)
            np.putmask(k, better, T)
            back[where] = k
        else:
            D[where], back[where] = _prefix_step_down(M, np.where(k < 0, -1, codes[k]), step, v01[0], t10, T)
        if line == 0:
            back[where.start if isinstance(where, slice) else where[0]] = -1

    for l0, l1 in _blocks(starts):
        I, J, flat = nodes(l0, l1)
        if starts[l1] - starts[l0] > _BLOCK:  # one long line, its entering beads a block at a time
            parts = []
            for c0, c1 in _chunks(len(I)):
                Pm, Cm, step = entering(I[c0:c1], J[c0:c1])
                parts.append((step, *best(D[Pm] + Cm)))
            step, *rest = (np.concatenate(v) for v in zip(*parts))
            settle(l0, flat, step if columns else _row_prefix(step, band.widths[l0:l1]), *rest)
            continue
        Pm, Cm, step = entering(I, J, keep=not columns and l0 == 0 and l1 == len(starts) - 1)
        if not columns:
            step = _row_prefix(step, band.widths[l0:l1])
        base = int(starts[l0])
        for line in range(l0, l1):
            a, b = int(starts[line]) - base, int(starts[line + 1]) - base
            where = slice(a + base, b + base) if not columns else flat[a:b]
            settle(line, where, step[a:b], *best(D[Pm[:, a:b]] + Cm[:, a:b]))
    return kept


_FLOAT_MAX = sys.float_info.max


def _lowered(M: np.ndarray) -> np.ndarray:
    """M less its rounding tolerance, `TIE_TOLERANCE` (1 + |M|); an infinite M stays as it is. (|M| capped
    at the largest float, which only an infinite M reaches, instead of a test for infinities: a
    numpy call fewer on every line of the DP.)"""
    return M - TIE_TOLERANCE * (1.0 + np.minimum(np.abs(M), _FLOAT_MAX))


def _row_prefix(step: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """Rows of `widths` nodes laid end to end, `step` the cost of the 0-1 bead into each node:
    the cost of the run of 0-1 beads from each row's first node to each node (`_prefix_step`).
    Rows of about one width are padded into a matrix and summed along it at once; rows of
    uneven widths (a band's narrow end), whose matrix would be mostly padding, one by one."""
    widest = int(widths.max())
    if len(widths) > 1 and len(widths) * widest <= 2 * len(step):
        inside = np.arange(widest)[None] < widths[:, None]
        grid = np.zeros(inside.shape)
        grid[inside] = step
        grid[:, 0] = 0.0  # no 0-1 bead enters a row's first node
        return np.cumsum(grid, axis=1, out=grid)[inside]
    cum = step.copy()
    ends = np.cumsum(widths).tolist()
    for r0, r1 in zip([0] + ends[:-1], ends):
        cum[r0] = 0.0
        np.cumsum(cum[r0:r1], out=cum[r0:r1])
    return cum


def _prefix_step(M: np.ndarray, cum: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One row of the DP: M, each node's best cost by a bead entering from earlier rows; `cum`,
    the cost of the run of 0-1 beads from the row's first node to each node (`_row_prefix`).
    Returns each node's best cost (in M, overwritten) and where a run of 0-1 beads is cheaper
    than M, by prefix minima."""
    best = cum + np.minimum.accumulate(M - cum)
    better = best < _lowered(M)
    np.putmask(M, better, best)
    return M, better


def _prefix_step_down(M: np.ndarray, k: np.ndarray, step: np.ndarray, v01: np.ndarray, t10: int,
                      t01: int) -> tuple[np.ndarray, np.ndarray]:
    """One column of the DP: M and k, each node's cheapest entering bead but 0-1 and its kind;
    `step`, the cost of the 1-0 bead into each node; v01, the cost through the 0-1 bead. Returns
    each node's best cost and the kind of its last bead, ties settled as by rows: 1-0 after the
    other kinds, 0-1 only when cheaper by more than rounding."""
    step = step.copy()
    step[0] = 0.0
    cum = np.cumsum(step)
    low = np.minimum.accumulate(np.minimum(M, v01) - cum)
    down = cum + np.concatenate([[np.inf], low[:-1]])  # through the 1-0 bead from the node above
    take = down < _lowered(M)
    M = np.where(take, down, M)
    k = np.where(take, t10, k)
    across = v01 < _lowered(M)
    return np.where(across, v01, M), np.where(across, t01, k)


def _backtrace(costs: _Costs, D: np.ndarray, back: np.ndarray, *, kept: tuple | None = None) -> _Result:
    """The best path's beads, each with its similarity and its cost margin over the best other
    kind of bead ending at the same node. `kept`: the bead costs of every node (`_forward`)."""
    band, kinds = costs.band, costs.params.kinds
    T = len(costs.kinds)
    lo, rs = band.lo.tolist(), band.rs.tolist()
    path: list[tuple[int, int, int, int]] = []
    i, j = band.n, band.m
    while True:
        cell = rs[i] + j - lo[i]
        t = int(back[cell])
        if t < 0:
            break
        path.append((i, j, t, cell))
        a, b = kinds[t]
        i, j = i - a, j - b
    path.reverse()
    if not path:
        return _Result([], [], [])
    I, J, t, cell = (np.asarray(v, np.int64) for v in zip(*path))
    sims, margins = [], []
    for c0, c1 in _chunks(len(path)):
        Ic, Jc, tc, cc = I[c0:c1], J[c0:c1], t[c0:c1], cell[c0:c1]
        if kept is None:
            P, C, skip_pen, SIM = costs.at(Ic, Jc, sims=True)
        else:
            P, C, skip_pen, SIM = (v[..., cc] for v in kept)
        alts = D[P] + C
        has = tc < T  # a kind other than 0-1: the alternatives are the other kinds and 0-1
        cols = np.arange(c1 - c0)
        alts[tc[has], cols[has]] = np.inf
        extra = np.where(has & (Jc > band.lo[Ic]), D[cc - 1] + skip_pen, np.inf)
        alts = np.vstack([alts, extra[None]])
        low = np.where(np.isfinite(alts), alts, np.inf).min(axis=0)
        margins += np.where(np.isfinite(low), low - D[cc], 10.0).tolist()
        sims += np.where(has, SIM[np.minimum(tc, T - 1), cols].astype(np.float64), 0.0).tolist()
    beads = [(i, j, *kinds[t]) for i, j, t, _ in path]
    return _Result(beads, sims, margins)


def _dp(x: _Side, y: _Side, band: _Band, params: Params, ratio: float) -> _Result:
    """Banded DP; returns the best path's beads with their similarity and cost margin. Memory: a
    float and a byte a node (and the cross dots), the bead costs of one block of nodes at a time."""
    costs = _Costs(x, y, band, params, ratio)
    D = np.full(band.size + 1, np.inf)
    back = np.full(band.size, -1, np.int8)
    kept = _forward(costs, D, back, columns=_by_columns(band, params))
    return _backtrace(costs, D, back, kept=kept)


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
    """The full DP when it is small, or when one side is thin beside a long one (a band of
    `coarse_band` nodes either side of a path would span nearly all of the thin side anyway: the
    full grid costs about as much, needs no coarse levels and misses nothing); else coarse-to-fine."""
    thin = min(x.n, y.n) <= 2 * params.coarse_band and _lopsided(x.n, y.n)
    if (x.n + 1) * (y.n + 1) <= params.base_cells or min(x.n, y.n) < 8 or thin:
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


def _sentences(side: Iterable[str | Segment], name: str) -> list[str]:
    """The sentences of one side as a list of str: any iterable of str or `Segment`s (their text);
    TypeError for a str (it would be aligned character by character) or anything else."""
    if isinstance(side, str):
        raise TypeError(f"{name} must be a sequence of sentences, not a str; split it first, "
                        f"e.g. with lvterm.segment_text")
    try:
        items = list(side)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of sentences (str or Segment), "
                        f"not {type(side).__name__}") from None
    out = [s.text if isinstance(s, Segment) else s for s in items]
    for k, s in enumerate(out):
        if not isinstance(s, str):
            raise TypeError(f"{name}[{k}] is {type(s).__name__}, not a sentence (str or Segment)")
    return out


def _bounds(paragraphs: Iterable[int] | None, n: int) -> np.ndarray | None:
    b = shape.paragraph_bounds(paragraphs, n)
    return None if b is None else np.asarray(b, bool)


def _initial_ratio(src: Sequence[str], tgt: Sequence[str]) -> float:
    ls, lt = sum(map(len, src)), sum(map(len, tgt))
    if not ls or not lt:
        return 1.0
    return float(np.clip(lt / ls, 0.8, 1.25))


def _align(src: Iterable[str | Segment], tgt: Iterable[str | Segment], *, src_lang: str, tgt_lang: str,
           dictionary: Sequence[tuple[str, str]] | None = None,
           src_paragraphs: Iterable[int] | None = None, tgt_paragraphs: Iterable[int] | None = None,
           scorers: Sequence[Scorer] | None = None, learn: bool = True,
           params: Params | None = None, constants: Sequence[float] = CONFIDENCE, doc: Doc | None = None,
           progress: Progress | None = None):
    """`align`, returning (beads, cost margins, similarities). `doc`: a `Doc` of these very
    sentences to reuse with the same `scorers` (their features are cached on it), as a fit that
    aligns one document pair many times does. `progress`: a bar over the stages (scoring, the
    first alignment, each lexicon pass)."""
    src, tgt = _sentences(src, "src"), _sentences(tgt, "tgt")
    src_lang, tgt_lang = language_code(src_lang, what="src_lang"), language_code(tgt_lang, what="tgt_lang")
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
    rounds = params.passes if learn and scorers and min(n, m) >= params.lexicon_min else 0
    stages = advancing(range(2 + rounds), progress, label="aligning", length=2 + rounds)
    next(stages, None)  # (the bar shows from the start)
    bx, by = _bounds(src_paragraphs, n), _bounds(tgt_paragraphs, m)
    if bx is None or by is None:
        bx = by = None
    lx = np.fromiter((len(s) for s in src), float, n)
    ly = np.fromiter((len(s) for s in tgt), float, m)
    ends_x, ends_y = shape.line_ends(src), shape.line_ends(tgt)
    layout_x = (shape.sentence_starts(src, ends=ends_x), shape.prose(src, ends=ends_x))
    layout_y = (shape.sentence_starts(tgt, ends=ends_y), shape.prose(tgt, ends=ends_y))

    def sides(scs):
        ex, ey = combine(doc, scs) if scs else (Entries.empty(), Entries.empty())
        return (_Side.make(n, lx, np.ones(n), ex, bx, *layout_x),
                _Side.make(m, ly, np.ones(m), ey, by, *layout_y))

    x, y = sides(scorers)
    ratio = _initial_ratio(src, tgt)
    pairs, scores = candidate_pairs(doc, scorers)
    next(stages, None)
    if len(pairs) and (n + 1) * (m + 1) > params.base_cells:
        # Bertalign's first step: the best monotone chain through the scorer's top-k candidates
        band = _band_around(_chain(pairs, scores), n, m, scale=1, width=params.band)
        res = _dp(x, y, band, params, ratio)
    else:
        res = _search(x, y, params, ratio)
    next(stages, None)
    for _ in range(rounds):
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
        next(stages, None)
    kinds = [(a, b) for _, _, a, b in res.beads]
    conf = confidence(res.margins, res.sims, kinds, constants)
    beads = [Bead(src=tuple(range(i - a, i)), tgt=tuple(range(j - b, j)), score=float(c))
             for (i, j, a, b), c in zip(res.beads, conf)]
    return beads, res.margins, res.sims


def align(src: Iterable[str | Segment], tgt: Iterable[str | Segment], *, src_lang: str, tgt_lang: str,
          dictionary: Sequence[tuple[str, str]] | None = None,
          src_paragraphs: Iterable[int] | None = None, tgt_paragraphs: Iterable[int] | None = None,
          scorers: Sequence[Scorer] | None = None, learn: bool = True, params: Params | None = None,
          progress: Progress | None = None) -> list[Bead]:
    """Align two documents given as lists of sentences; every sentence is in exactly one bead.

    `src`, `tgt`: the sentences, any iterable of str or of `Segment`s (their text), e.g.
    `lvterm.segment_text(text, lang="lv")`; not a str (TypeError: split it into sentences first).
    `src_lang`, `tgt_lang`: language codes, any case ("lv", "EN"); they pick the cost constants
    (`params_for`) and the languages' stemmers; InputError for a non-code ("latvian", "").
    `dictionary`: (source term, target term) pairs, matched through stem keys. `*_paragraphs`:
    the paragraph number of each sentence; used as anchors when both sides have them.
    `scorers`: replaces the default lexical scorers (`[]` gives a length-only Gale-Church DP).
    `learn`: learn a translation lexicon from a first pass on long inputs.
    `params`: cost constants; by default `params_for(src_lang, tgt_lang)`.
    `progress`: `progress(iterable, *, label, length)` (`lvterm.progress`), a bar over the stages.
    """
    return _align(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, dictionary=dictionary,
                  src_paragraphs=src_paragraphs, tgt_paragraphs=tgt_paragraphs, scorers=scorers,
                  learn=learn, params=params, progress=progress)[0]


# Gale and Church's own priors for the kinds (their -log P of 1-2, 2-1, 2-2; 1-3 and 3-1 dearer).
GALE_CHURCH_PRIORS = {(1, 1): 0.0, (1, 2): 2.3, (2, 1): 2.3, (2, 2): 4.4, (1, 3): 6.0, (3, 1): 6.0,
                      (1, 0): 0.0, (0, 1): 0.0}


def gale_church(src: Sequence[str], tgt: Sequence[str], *, params: Params = PARAMS) -> list[Bead]:
    """The plain length-based baseline: same DP, no lexical scorers, no lexicon, no layout costs."""
    return align(src, tgt, src_lang="xx", tgt_lang="xx", scorers=[], learn=False,
                 params=replace(params, sim_weight=0.0, length_weight=1.0, skip=4.5, variance=6.8, skip_len=0.0,
                                cover_weight=0.0, start_weight=0.0, skip_prose=0.0, skip_match=0.0,
                                priors=GALE_CHURCH_PRIORS))
