"""The aligner's fast paths against the plain computations they stand for (hypothesis).

The aligner's output is compared byte for byte between versions (its beads and their float
scores), so each shortcut must give exactly what the straightforward code gives, float for float:
the bead costs of all kinds at once (`_Costs.at`) against the costs computed kind by kind, the
span norms, the row prefix sums of the DP, one tokenising in `analyse`, the line endings of
`shape`, the cognate blocks scored pair by pair. These tests
keep the plain code and compare."""
from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.align import analysis, dp, scorers, shape
from lvterm.align.costs import PARAMS, _length_cost, params_for
from lvterm.lang.cognates import _indel_at_least, _percent, cognate_classes, similarity
from lvterm.lang.keys import fold

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ("Rīga 2011. gadā bibliotēka bibliotēkas library libraries Bibliotēku 48 000 ( ) « » „ ” ? ! . "
         "e-pasts www.lnb.lv info@lnb.lv Anna Kalniņa Kalniņas the and un ir is a organizācija "
         "organisation organization Šodien ŪDENS don’t Straße İstanbul café cafe\u0301 résumé").split()
sentence = st.lists(st.sampled_from(WORDS), min_size=0, max_size=14).map(" ".join)


# --- bead costs ----------------------------------------------------------------------------------


def _at_plain(costs, I, J, *, sims=False):
    """`_Costs.at` as it was written kind by kind (the reference)."""
    x, y, band, params, eps = costs.x, costs.y, costs.band, costs.params, costs.params.eps
    S, nx, ny, cx, cy = costs.S, costs.nx, costs.ny, costs.cx, costs.cy
    T, k = len(costs.kinds), len(I)
    memo: dict = {}

    def once(key, make, *args):
        if key not in memo:
            memo[key] = make(*args)
        return memo[key]

    def row(p):
        def make():
            ic = np.clip(I - p, 0, band.n)
            lo = band.lo[ic]
            return I - p >= 0, lo, band.hi[ic], band.rs[ic] - lo
        return once(("row", p), make)

    def start(p, q):
        def make():
            ok, lo, hi, base = row(p)
            j = J - q
            return np.where(ok & (j >= lo) & (j <= hi), base + j, band.size).astype(np.int32)
        return once(("start", p, q), make)

    def dots(keys):
        return once(("dots", keys), lambda: sum(once(("S", *pq), lambda pq: S[start(*pq)], pq) for pq in keys))

    def norm_x(a, p=0):
        return once(("nx", a, p), lambda: nx[a - 1][np.maximum(I - p, 0) if p else I] + eps)

    def norm_y(b, q=0):
        return once(("ny", b, q), lambda: ny[b - 1][np.maximum(J - q, 0) if q else J] + eps)

    def ia(a):
        return once(("ia", a), lambda: np.maximum(I - a, 0))

    def jb(b):
        return once(("jb", b), lambda: np.maximum(J - b, 0))

    def any_bound(bounds, nodes, a):
        inner = np.zeros(len(nodes), bool)
        for p in range(1, a):
            inner |= bounds[np.maximum(nodes - p, 0)]
        return inner

    cxI, cyJ = cx[I], cy[J]
    P = np.empty((T, k), np.int32)
    C = np.empty((T, k))
    SIM = np.zeros((T, k), np.float32) if sims else None
    for t, (a, b) in enumerate(costs.kinds):
        P[t] = start(a, b)
        valid = P[t] < band.size
        if a and b:
            dot = dots(tuple((p, q) for p in range(a) for q in range(b)))
            sim = np.clip(dot / np.sqrt(norm_x(a) * norm_y(b)), 0.0, 1.0)
            lx = once(("lx", a), lambda a: cxI - cx[ia(a)], a)
            ly = once(("ly", b), lambda b: cyJ - cy[jb(b)], b)
            mean = (lx * costs.ratio + ly) / 2.0
            delta = np.abs(ly - lx * costs.ratio) / np.sqrt(params.variance * mean + 1.0) / np.sqrt(2.0)
            tt = 1.0 / (1.0 + 0.3275911 * delta)
            poly = tt * (0.254829592 + tt * (-0.284496736 + tt * (1.421413741 + tt * (-1.453152027
                                                                                     + tt * 1.061405429))))
            lc = -(np.log(np.maximum(poly, 1e-300)) - delta * delta)
            cost = params.prior(t) + params.length_weight * lc + params.sim_weight * (a + b) / 2.0 * (1.0 - sim)
            if params.cover_weight:
                worst = sim
                if a > 1 or b > 1:
                    for p in range(a):
                        d = dots(tuple((p, q) for q in range(b)))
                        worst = np.minimum(worst, d / np.sqrt(norm_x(1, p) * norm_y(b)))
                    for q in range(b):
                        d = dots(tuple((p, q) for p in range(a)))
                        worst = np.minimum(worst, d / np.sqrt(norm_x(a) * norm_y(1, q)))
                cost = cost + params.cover_weight * (1.0 - np.clip(worst, 0.0, 1.0))
            if params.start_weight:
                cost = cost + params.start_weight * (x.starts[ia(a)] != y.starts[jb(b)])
            if sims:
                SIM[t] = sim
        else:
            cost = params.prior(t) + costs.skip_x[np.clip(I - 1, 0, x.n - 1)]
        if costs.use_par:
            cost = cost + params.paragraph_penalty * (x.bounds[I] != y.bounds[J])
            if a > 1:
                cost = cost + params.paragraph_penalty * any_bound(x.bounds, I, a)
            if b > 1:
                cost = cost + params.paragraph_penalty * any_bound(y.bounds, J, b)
        C[t] = np.where(valid, cost, np.inf)
    skip_pen = params.prior(len(params.kinds) - 1) + costs.skip_y[np.clip(J - 1, 0, y.n - 1)]
    if costs.use_par:
        skip_pen = skip_pen + params.paragraph_penalty * (x.bounds[I] != y.bounds[J])
    return P, C, skip_pen, SIM


def _dp_calls(monkeypatch, src, tgt, **options):
    """The (x, y, band, params, ratio) of every DP the aligner runs on a document pair."""
    calls = []
    plain = dp._dp

    def recording(*args):
        calls.append(args)
        return plain(*args)

    monkeypatch.setattr(dp, "_dp", recording)
    dp.align(src, tgt, **options)
    monkeypatch.setattr(dp, "_dp", plain)
    return calls


def _same(a, b):
    """Equal arrays, bit for bit (None for None)."""
    assert (a is None) == (b is None)
    if a is not None:
        assert a.dtype == b.dtype and a.shape == b.shape
        assert a.tobytes() == b.tobytes()


@SLOW
@given(st.lists(sentence, min_size=1, max_size=30), st.lists(sentence, min_size=1, max_size=30),
       st.sampled_from([("lv", "en"), ("de", "fr")]), st.booleans(), st.integers(0, 2**32 - 1))
def test_align_fast_paths_bead_costs(src, tgt, langs, paragraphs, seed):
    rng = np.random.default_rng(seed)
    options = dict(src_lang=langs[0], tgt_lang=langs[1], dictionary=[("bibliotēka", "library")])
    if paragraphs:
        options.update(src_paragraphs=sorted(rng.integers(0, 3, len(src)).tolist()),
                       tgt_paragraphs=sorted(rng.integers(0, 3, len(tgt)).tolist()))
    with pytest.MonkeyPatch.context() as monkeypatch:
        calls = _dp_calls(monkeypatch, src, tgt, **options)
    for x, y, band, params, ratio in calls:
        costs = dp._Costs(x, y, band, params, ratio)
        I, J = band.rows(0, band.n + 1)
        some = np.sort(rng.choice(len(I), size=min(len(I), 7), replace=False))  # a path's few nodes
        for nodes in (np.arange(len(I)), some):
            for sims in (False, True):
                for got, want in zip(costs.at(I[nodes], J[nodes], sims=sims),
                                     _at_plain(costs, I[nodes], J[nodes], sims=sims)):
                    _same(got, want)


def test_align_fast_paths_bead_costs_coarse_band(monkeypatch):
    """A long pair: coarse levels, a band around a projected path, blocks of `_AT_NODES` nodes."""
    rng = np.random.default_rng(5)
    src = [" ".join(rng.choice(WORDS, 8)) for _ in range(560)]
    tgt = [s for s in src if rng.random() > 0.1]
    for x, y, band, params, ratio in _dp_calls(monkeypatch, src, tgt, src_lang="lv", tgt_lang="en"):
        costs = dp._Costs(x, y, band, params, ratio)
        I, J = band.rows(0, band.n + 1)
        for got, want in zip(costs.at(I, J, sims=True), _at_plain(costs, I, J, sims=True)):
            _same(got, want)


def _span_norms_plain(side, widest):
    n = side.n
    g = [np.zeros(n + dp._STRIDE_PAD) for _ in range(widest)]
    if len(side.sent):
        key = side.feat * (n + dp._STRIDE_PAD) + side.sent
        w, s = side.weight, side.sent
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


@SLOW
@given(st.lists(sentence, min_size=1, max_size=20), st.lists(sentence, min_size=1, max_size=20))
def test_align_fast_paths_span_norms(src, tgt):
    with pytest.MonkeyPatch.context() as monkeypatch:
        calls = _dp_calls(monkeypatch, src, tgt, src_lang="lv", tgt_lang="en")
    for x, y, band, params, ratio in calls:
        for side in (x, y, x.coarsen()):
            for got, want in zip(side.span_norms(params.widest), _span_norms_plain(side, params.widest)):
                _same(got, want)


@given(st.lists(st.integers(1, 9), min_size=1, max_size=12), st.integers(0, 2**32 - 1))
def test_align_fast_paths_row_prefix(widths, seed):
    widths = np.asarray(widths)
    step = np.random.default_rng(seed).random(int(widths.sum())) * 7
    want, start = [], 0
    for w in widths.tolist():  # as `_prefix_step` did it row by row
        row = step[start:start + w].copy()
        row[0] = 0.0
        want.append(np.cumsum(row))
        start += w
    _same(dp._row_prefix(step, widths), np.concatenate(want))


def test_align_fast_paths_length_cost():
    rng = np.random.default_rng(3)
    lx, ly = np.floor(rng.random((10, 300)) * 900), np.floor(rng.random((10, 300)) * 900)
    for params in (PARAMS, params_for("lv", "en")):
        mean = (lx * 1.07 + ly) / 2.0
        delta = np.abs(ly - lx * 1.07) / np.sqrt(params.variance * mean + 1.0) / np.sqrt(2.0)
        t = 1.0 / (1.0 + 0.3275911 * delta)
        poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
        _same(_length_cost(lx, ly, 1.07, params.variance), -(np.log(np.maximum(poly, 1e-300)) - delta * delta))


# --- features ------------------------------------------------------------------------------------


def _analyse_plain(text):
    """`analyse` as it was written with two tokenisings (the reference)."""
    links, rest = [], text
    if "@" in text or "www" in text or "://" in text:
        links = [m.group().lower().rstrip(".,;:") for m in analysis.URL_RE.finditer(text)]
        links += [m.group().lower() for m in analysis.EMAIL_RE.finditer(text)]
        rest = analysis.EMAIL_RE.sub(" ", analysis.URL_RE.sub(" ", text))
    numbers = []
    if analysis._DIGIT_RE.search(rest):
        rest = analysis.THOUSANDS_RE.sub("", rest)
        numbers = [analysis._NON_DIGIT_RE.sub("", n) for n in analysis._NUMBER_RE.findall(rest)]
    words = analysis._WORD_RE.findall(fold(rest))
    original = analysis._WORD_RE.findall(rest)
    names = {fold(w) for w in original[1:] if len(w) > 1 and w[0].isupper()}
    punct = [analysis.PUNCT_CLASSES[ch] for ch in analysis._PUNCT_RE.findall(rest)]
    return analysis.Analysis(words=words, names=names, numbers=numbers, links=links, punct=punct,
                            text=" ".join(text.split()))


@settings(max_examples=300, deadline=None)
@given(st.one_of(sentence, st.text(max_size=40)))
def test_align_fast_paths_analyse(text):
    assert analysis.analyse(text) == _analyse_plain(text)


def test_align_fast_paths_per_char_fold():
    """Every character the one-tokenising path admits folds to one character of its kind."""
    joiner = re.compile(r"[-'’]")
    for c in map(chr, range(0x3000)):
        if analysis._NOT_PER_CHAR_RE.match(c) is None:
            f = fold(c)
            assert len(f) == 1
            assert bool(analysis._WORD_RE.fullmatch(c)) == bool(analysis._WORD_RE.fullmatch(f))
            assert bool(joiner.fullmatch(c)) == bool(joiner.fullmatch(f))


_END = re.compile(r"[.!?…]+[\s\"'»”“’)\]]*$")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=".!?…\"'»”“’)] \t\n\u00a0\u2003\x85ab1«(-", max_size=10))
def test_align_fast_paths_line_ends(line):
    assert shape._ends(line) == bool(_END.search(line)) == bool(_END.search(line.rstrip()))


@SLOW
@given(st.lists(sentence, max_size=20))
def test_align_fast_paths_layout(lines):
    starts = [1.0] + [float(bool(_END.search(lines[i - 1])) and shape._starts(lines[i]))
                      for i in range(1, len(lines))] + ([1.0] if lines else [])
    prose = [float(bool(_END.search(s.rstrip())) and sum(w[:1].isalpha() for w in s.split()) >= 4) for s in lines]
    ends = shape.line_ends(lines)
    assert shape.sentence_starts(lines, ends=ends).tolist() == starts == shape.sentence_starts(lines).tolist()
    assert shape.prose(lines, ends=ends).tolist() == prose == shape.prose(lines).tolist()


def _cognate_classes_plain(src_words, tgt_words, *, min_len=4, cutoff=0.9):
    from rapidfuzz import process

    def blocks(ws):
        out = {}
        for w in set(ws):
            if len(w) >= min_len and w.isalpha():
                out.setdefault(w[:3], []).append(w)
        return out

    sb, tb = blocks(src_words), blocks(tgt_words)
    parent, members = {}, set()

    def find(x):
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    for key, sw in sb.items():
        tw = [w for w in tb.get(key, ()) if w not in set(sw)]
        if not tw:
            continue
        sim = process.cdist(sw, tw, scorer=similarity(), score_cutoff=_percent(cutoff), dtype=np.uint8)
        for a, b in zip(*np.nonzero(sim)):
            members.update((sw[a], tw[b]))
            ra, rb = find(sw[a]), find(tw[b])
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return {w: find(w) for w in members}


stems = st.lists(st.text(alphabet="abcdēfgis", min_size=0, max_size=9).map(lambda s: "org" + s), max_size=40)


@settings(max_examples=200, deadline=None)
@given(stems, stems, st.sampled_from([(4, 0.9), (2, 0.6), (3, 0.75)]))
def test_align_fast_paths_cognate_blocks(src, tgt, option):
    min_len, cutoff = option
    want = _cognate_classes_plain(src, tgt, min_len=min_len, cutoff=cutoff)
    assert cognate_classes(iter(src), iter(tgt), min_len=min_len, cutoff=cutoff) == want


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="abcdeāšž", max_size=14), st.text(alphabet="abcdeāšž", max_size=14),
       st.sampled_from([90.0, 75.0, 60.0, 50.0, 100.0, 0.0, _percent(0.85), 88.88888888888889]))
def test_align_fast_paths_indel_decides_as_rapidfuzz(a, b, cutoff):
    """The pairwise cognate score (bit-parallel LCS, without importing rapidfuzz) reaches a cutoff
    exactly when rapidfuzz's ratio does, boundaries included (9 of 10 letters in common is 0.9)."""
    score = similarity()(a, b)
    assert _indel_at_least(a, b, cutoff) == (score >= cutoff)
    assert _indel_at_least("abcdefghij", "abcdefghix", 90.0) and not _indel_at_least("abcdefghij", "abcdefgxyz", 90.0)
