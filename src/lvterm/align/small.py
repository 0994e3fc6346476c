"""The aligner for a small document pair, in plain Python: what `align` returns, without numpy.

A cold `lvterm align` on two short files spends most of its time importing numpy and the CLI
library, not aligning (`benchmarks/align.py cold`). For a pair whose whole DP grid is small
(`SMALL_CELLS` nodes) and that the aligner would search in one pass (fewer sentences on a side
than `lexicon_min`: no lexicon is learned; the default anchors, no dictionary or embedding
model), this module computes the same alignment with the same cost model (`costs`), the same
features (`analysis`, `cognates`) and the same tie rules (`dp`): the full DP by rows, the 0-1
beads of a row by prefix minima, margins and confidences as `dp._backtrace` and
`costs.confidence` give them. Floats are computed by the same operations in the same order where
the vectorised code documents one; `math.log` and numpy's log may differ in the last bit, so a
confidence may differ by a few units in the 15th decimal. The tests hold the two engines together
on random and real document pairs (beads equal, confidences within 1e-9).

A node's entering beads are searched with pruning that cannot change the result: a kind is
dropped once the path to its start plus the part of its cost computed so far (its prior, then its
similarity and coverage terms; the length cost last) reaches the cheapest entry found, or the cost
at which the row's 0-1 beads already arrive (then D and back are what those set, whatever the
entry). Every later term is at least 0 (with constants that make one negative, nothing is pruned).
On 20 + 20 lines of newstest2017 the length cost is computed for about a quarter of the pair beads.
A pair whose source is over four times the target's length is left out (`small_enough`): `dp`
searches it by columns, which may settle an exact tie between whole paths differently.
"""
from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Sequence

from . import shape
from .analysis import analyse_all, anchor_keys
from .settings import ANCHOR_WEIGHTS, CONFIDENCE, TIE_TOLERANCE, UNMATCHED_WEIGHT, settings_for

#: The most DP nodes ((n + 1) x (m + 1)) a pair may have for this engine (40 x 40 sentences).
SMALL_CELLS = 41 * 41
_INF = math.inf
_FLOAT_MAX = sys.float_info.max
_SQRT2 = math.sqrt(2.0)
_SLACK = 1e-6  # what a length cost may fall below 0 by (the erfc approximation near 0)


def small_enough(n: int, m: int, *, params=None, src_lang: str = "", tgt_lang: str = "") -> bool:
    """Whether `align_small` takes a pair of n and m sentences: its grid is small, it is aligned in
    one pass (no lexicon learned), and by rows: a source more than four times the target's length
    is searched by columns (`dp._by_columns`), which may settle an exact tie between paths
    differently."""
    if params is None:
        params = settings_for(src_lang, tgt_lang)
    by_columns = n > m > 0 and n + 1 > 4 * (m + 1)  # (an empty side needs no search)
    return (n + 1) * (m + 1) <= SMALL_CELLS and min(n, m) < params.lexicon_min and not by_columns


def align_small(src: Sequence[str], tgt: Sequence[str], *, src_lang: str, tgt_lang: str,
                src_paragraphs: Sequence[int] | None = None, tgt_paragraphs: Sequence[int] | None = None,
                params=None) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
    """The beads `align(src, tgt, src_lang=, tgt_lang=, src_paragraphs=, tgt_paragraphs=)` gives
    with its default scorers, as (source ids, target ids, confidence), for a pair `small_enough`
    (ValueError otherwise). Language codes as `language_code` returns them; `params`: the cost
    constants (`params_for`'s by default)."""
    if params is None:
        params = settings_for(src_lang, tgt_lang)
    n, m = len(src), len(tgt)
    if not small_enough(n, m, params=params):
        raise ValueError(f"a pair of {n} and {m} sentences is not small: use lvterm.align")
    if n == 0 or m == 0:
        return [((i,), (), 1.0) for i in range(n)] + [((), (j,), 1.0) for j in range(m)]
    x, y = _features(src, tgt)
    kinds = tuple(params.priors)
    return _Grid(src, tgt, x, y, params, kinds, shape.paragraph_bounds(src_paragraphs, n),
                 shape.paragraph_bounds(tgt_paragraphs, m)).beads()


# --- features -------------------------------------------------------------------------------------


def _features(src: Sequence[str], tgt: Sequence[str]) -> tuple[list[dict[int, float]], list[dict[int, float]]]:
    """Each sentence's anchor features, weighted as `scorers.combine` weighs them (inverse document
    frequency, a little of it for features of one side only), as {feature id: weight}."""
    from ..lang.cognates import cognate_classes

    sa, ta = analyse_all(src), analyse_all(tgt)
    cog = cognate_classes([w for a in sa for w in a.words], [w for a in ta for w in a.words])
    vocab: dict[str, int] = {}
    sides = []
    for analyses in (sa, ta):
        sents, keys, weights = anchor_keys(analyses, cog, **ANCHOR_WEIGHTS)
        sides.append((sents, [vocab.setdefault(k, len(vocab)) for k in keys], weights))
    counts = [[0] * len(vocab), [0] * len(vocab)]
    for side, (_, feats, _) in zip(counts, sides):
        for f in feats:
            side[f] += 1
    total = max(len(src) + len(tgt), 1)
    scale = [math.log((total + 1.0) / (cx + cy + 1.0)) * (1.0 if cx and cy else UNMATCHED_WEIGHT)
             for cx, cy in zip(*counts)]
    out = []
    for (sents, feats, weights), size in zip(sides, (len(src), len(tgt))):
        rows: list[dict[int, float]] = [{} for _ in range(size)]
        for s, f, w in zip(sents, feats, weights):
            row = rows[s]
            row[f] = row.get(f, 0.0) + w * scale[f]
        out.append([dict(sorted(r.items())) for r in rows])
    return out[0], out[1]


def _cross_dots(x: list[dict[int, float]], y: list[dict[int, float]]) -> list[list[float]]:
    """S[i][j] = dot(x_{i-1}, y_{j-1}) (0.0 on row and column 0), each summed in x's feature order
    as `dp._cross_dots` sums it; through the target sentences of each feature, so a pair of
    sentences without a shared feature costs nothing."""
    where: dict[int, list[tuple[int, float]]] = {}
    for j, row in enumerate(y, 1):
        for f, w in row.items():
            where.setdefault(f, []).append((j, w))
    S = [[0.0] * (len(y) + 1) for _ in range(len(x) + 1)]
    for i, row in enumerate(x, 1):
        out = S[i]
        for f, w in row.items():
            for j, o in where.get(f, ()):
                out[j] += w * o
    return S


def _span_norms(rows: list[dict[int, float]], widest: int) -> list[list[float]]:
    """[a - 1][e]: the squared norm of the summed features of the a sentences before node e
    (0.0 for e < a), from the dots of sentences up to `widest` - 1 apart, added in the order
    `dp._Side.span_norms` adds them."""
    n = len(rows)
    g = [[0.0] * n for _ in range(widest)]  # g[k][s] = dot(row s, row s + k)
    for s, row in enumerate(rows):
        g[0][s] = _self_dot(row, row)
        for k in range(1, min(widest, n - s)):
            g[k][s] = _self_dot(row, rows[s + k])
    out = []
    for a in range(1, widest + 1):
        v = [0.0] * (n + 1)
        for e in range(a, n + 1):
            total = 0
            for p in range(a):
                total = total + g[0][e - 1 - p]
            for p in range(a):
                for q in range(p + 1, a):
                    total += 2 * g[q - p][e - 1 - q]
            v[e] = float(total)
        out.append(v)
    return out


def _self_dot(u: dict[int, float], v: dict[int, float]) -> float:
    """dot(u, v) summed in u's (feature) order."""
    total = 0.0
    for f, w in u.items():
        o = v.get(f)
        if o is not None:
            total += w * o
    return total


# --- costs ------------------------------------------------------------------------------------------


def _lowered(v: float) -> float:
    """`dp._lowered`: v less its rounding tolerance."""
    return v - TIE_TOLERANCE * (1.0 + min(abs(v), _FLOAT_MAX))


def _float32(values: list[float]) -> list[float]:
    return list(array("f", values))


class _Grid:
    """The full DP grid of one pair: per-node evidence, the forward pass and the backtrace."""

    def __init__(self, src, tgt, x, y, params, kinds, bx, by):
        n, m = len(src), len(tgt)
        self.n, self.m, self.params, self.kinds = n, m, params, kinds
        self.T = len(kinds) - 1  # 0-1 is last
        self.priors = [params.priors[k] for k in kinds]
        W = max(max(k) for k in kinds)
        self.W = W
        self.S = _cross_dots(x, y)
        self.nx, self.ny = _span_norms(x, W), _span_norms(y, W)
        self.cx = [0.0] * (n + 1)
        self.cy = [0.0] * (m + 1)
        for i, s in enumerate(src):
            self.cx[i + 1] = self.cx[i] + float(len(s))
        for j, s in enumerate(tgt):
            self.cy[j + 1] = self.cy[j] + float(len(s))
        ls, lt = sum(map(len, src)), sum(map(len, tgt))
        self.ratio = 1.0 if not ls or not lt else float(min(max(lt / ls, 0.8), 1.25))
        self.use_par = bx is not None and by is not None
        self.bx, self.by = bx, by
        ends_x, ends_y = shape.line_ends(src), shape.line_ends(tgt)
        self.starts_x, self.starts_y = shape.start_flags(src, ends=ends_x), shape.start_flags(tgt, ends=ends_y)
        prose_x, prose_y = shape.prose_flags(src, ends=ends_x), shape.prose_flags(tgt, ends=ends_y)
        best_x, best_y = self._best_match() if params.skip_match else ([0.0] * n, [0.0] * m)
        self.skip_x = self._skip_costs(src, prose_x, best_x)
        self.skip_y = self._skip_costs(tgt, prose_y, best_y)
        self.skip_prior = self.priors[self.T]
        self.kind_data = [(t, a, b, self.priors[t], params.sim_weight * (a + b) / 2.0)
                          for t, (a, b) in enumerate(kinds[:self.T])]
        # pruning holds while no term of a cost is negative
        self.prune = min(params.length_weight, params.sim_weight, params.cover_weight, params.start_weight,
                         params.paragraph_penalty) >= 0

    def _best_match(self) -> tuple[list[float], list[float]]:
        """Each sentence's best cosine with one sentence of the other side (`_Costs._best_match`)."""
        eps, S, nx0, ny0 = self.params.eps, self.S, self.nx[0], self.ny[0]
        bx = [0.0] * (self.n + 1)
        by = [0.0] * (self.m + 1)
        for i in range(self.n + 1):
            row, ni = S[i], nx0[i] + eps
            for j in range(self.m + 1):
                c = min(max(row[j] / math.sqrt(ni * (ny0[j] + eps)), 0.0), 1.0)
                if c > bx[i]:
                    bx[i] = c
                if c > by[j]:
                    by[j] = c
        return bx[1:], by[1:]

    def _skip_costs(self, sentences, prose: list[float], best: list[float]) -> list[float]:
        p = self.params
        mean = max(float(sum(len(s) for s in sentences)) / max(float(len(sentences)), 1.0), 1.0)
        out = []
        for s, pr, b in zip(sentences, prose, best):
            cost = p.skip + p.skip_len * math.log(max(float(len(s)) / 1.0 / mean, 0.05))
            out.append(max(cost + p.skip_prose * pr + p.skip_match * b, 0.5) * 1.0)
        return out

    def costs(self, i: int, j: int):
        """(C, skip_pen, sims) at node (i, j): the cost of each kind but 0-1 ending there (inf when it
        starts outside the grid), the 0-1 bead's cost, each kind's similarity."""
        return self._node(i, j, None, _INF)

    def _node(self, i: int, j: int, D, bound: float):
        """`costs` (D None), or in the forward pass (D the rows done) the cheapest bead but 0-1
        entering (i, j) and its kind, (M, k): a kind is dropped as soon as the path to its start
        plus the part of its cost computed so far reaches `bound` or the cheapest found so far
        (every later term is at least 0, so it cannot be the cheapest; `bound` is where the row's
        0-1 beads arrive: a dearer entry could not be the node's best). M is inf when every kind
        was dropped."""
        p = self.params
        eps, S, lw, cover_w, ratio, variance = p.eps, self.S, p.length_weight, p.cover_weight, self.ratio, p.variance
        nx, ny, cx, cy, sqrt, log = self.nx, self.ny, self.cx, self.cy, math.sqrt, math.log
        full = D is None
        prune = not full and self.prune
        T = self.T
        if full:
            C = [_INF] * T
            sims = [0.0] * T
        best, k = (bound if prune else _INF), 0
        M = _INF
        before = 0.0
        for t, a, b, prior, simf in self.kind_data:
            i0, j0 = i - a, j - b
            if i0 < 0 or j0 < 0:
                continue
            if prune:
                before = D[i0][j0] - _SLACK
                if before + prior >= best:
                    continue
            if b and a:
                F = 0.0  # the dot of both sides' summed features, summed row by row
                for pp in range(a):
                    row = S[i - pp]
                    for q in range(b):
                        F += row[j - q]
                nxa, nyb = nx[a - 1][i] + eps, ny[b - 1][j] + eps
                sim = F / sqrt(nxa * nyb)
                sim = 0.0 if sim < 0.0 else 1.0 if sim > 1.0 else sim
                sim_cost = simf * (1.0 - sim)
                if prune and before + prior + sim_cost >= best:
                    continue
                cover = 0.0
                if cover_w:
                    worst = sim
                    if (a > 1 or b > 1) and sim > 0.0:  # the bead's least-matched sentence
                        low = _INF
                        for pp in range(a):  # each source sentence against the b target ones
                            row, r = S[i - pp], 0.0
                            for q in range(b):
                                r += row[j - q]
                            r /= sqrt((nx[0][i - pp] + eps) * nyb)
                            if r < low:
                                low = r
                            if low <= 0.0:  # (worst is then 0, whatever else is lower)
                                break
                        if low > 0.0:
                            for q in range(b):  # each target sentence against the a source ones
                                c = 0.0
                                for pp in range(a):
                                    c += S[i - pp][j - q]
                                c /= sqrt(nxa * (ny[0][j - q] + eps))
                                if c < low:
                                    low = c
                                if low <= 0.0:
                                    break
                        worst = sim if sim < low else low
                    cover = cover_w * (1.0 - (0.0 if worst < 0.0 else 1.0 if worst > 1.0 else worst))
                    if prune and before + prior + sim_cost + cover >= best:
                        continue
                # Gale-Church length cost (`costs._length_cost`, each operation as it does it)
                scaled = (cx[i] - cx[i0]) * ratio
                ly = cy[j] - cy[j0]
                delta = abs(ly - scaled) / sqrt((scaled + ly) / 2.0 * variance + 1.0) / _SQRT2
                u = 1.0 / (0.3275911 * delta + 1.0)
                poly = ((((u * 1.061405429 - 1.453152027) * u + 1.421413741) * u - 0.284496736) * u + 0.254829592) * u
                # the terms added in the order `dp._Costs._at` adds them
                cost = prior + lw * -(log(poly if poly > 1e-300 else 1e-300) - delta * delta) + sim_cost
                if cover_w:
                    cost = cost + cover
                if p.start_weight:
                    cost = cost + p.start_weight * (self.starts_x[i0] != self.starts_y[j0])
                if full:
                    sims[t] = sim
            else:  # 1-0: a skipped source sentence
                cost = prior + self.skip_x[i - 1]
            if self.use_par:
                cost += p.paragraph_penalty * (self.bx[i] != self.by[j])
                if a > 1:
                    cost += p.paragraph_penalty * any(self.bx[i - 1 - w] for w in range(a - 1))
                if b > 1:
                    cost += p.paragraph_penalty * any(self.by[j - 1 - w] for w in range(b - 1))
            if full:
                C[t] = cost
            else:
                v = D[i0][j0] + cost
                if v < M:
                    M, k = v, t
                    if v < best:
                        best = v
        if not full:
            return M, k
        return C, self._skip_pen(i, j), sims

    def _skip_pen(self, i: int, j: int) -> float:
        """The cost of the 0-1 bead into (i, j)."""
        pen = self.skip_prior + self.skip_y[max(j - 1, 0)]
        if self.use_par:
            pen = pen + self.params.paragraph_penalty * (self.bx[i] != self.by[j])
        return pen

    def forward(self) -> tuple[list[list[float]], list[list[int]]]:
        """D (best cost of a path to each node) and back (the kind of its last bead, -1 at the
        start), row by row as `dp._forward` fills them: each node's cheapest entering bead but
        0-1 (M), then the 0-1 beads along the row by prefix minima of M - cum (`dp._prefix_step`),
        node after node."""
        n, m, T = self.n, self.m, self.T
        D: list[list[float]] = []
        back: list[list[int]] = []
        for i in range(n + 1):
            row, kind = [0.0] * (m + 1), [0] * (m + 1)
            cum, low = 0.0, _INF
            for j in range(m + 1):
                if j:
                    cum += self._skip_pen(i, j)
                arrive = cum + low  # the row's 0-1 beads into this node (inf at its first)
                if i:
                    # an entry dearer than `arrive` (beyond rounding) leaves D and back as the 0-1 beads set them
                    M, k = self._node(i, j, D, arrive + 1e-6 * (1.0 + abs(arrive)))
                elif j:
                    M, k = _INF, 0
                else:
                    M, k = 0.0, -1  # node (0, 0) starts every path
                low = min(low, M - cum)
                best = cum + low
                if best < _lowered(M):
                    row[j], kind[j] = best, T
                else:
                    row[j], kind[j] = M, k
            if i == 0:
                kind[0] = -1
            D.append(row)
            back.append(kind)
        return D, back

    def beads(self) -> list[tuple[tuple[int, ...], tuple[int, ...], float]]:
        D, back = self.forward()
        kinds, T = self.kinds, self.T
        path = []
        i, j = self.n, self.m
        while back[i][j] >= 0:
            t = back[i][j]
            path.append((i, j, t))
            i, j = i - kinds[t][0], j - kinds[t][1]
        path.reverse()
        c0, cm, cs, cskip, cmulti = CONFIDENCE
        out = []
        for i, j, t in path:
            C, skip_pen, sims = self.costs(i, j)
            alts = [D[i - a][j - b] + C[u] if C[u] < _INF else _INF for u, (a, b) in enumerate(kinds[:T])]
            if t < T:
                alts[t] = _INF
                alts.append(D[i][j - 1] + skip_pen if j > 0 else _INF)
            finite = [v for v in alts if v < _INF]
            margin = min(finite) - D[i][j] if finite else 10.0
            sim = _float32([sims[t]])[0] if t < T else 0.0
            a, b = kinds[t]
            z = c0 + cm * min(margin, 20.0) + cs * sim + cskip * float(a == 0 or b == 0) + cmulti * float(max(a, b) > 1)
            out.append((tuple(range(i - a, i)), tuple(range(j - b, j)), 1.0 / (1.0 + math.exp(-z))))
        return out
