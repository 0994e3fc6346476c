"""Term pairing's and word alignment's fast paths against the plain code they stand for (hypothesis).

`wordalign` trains both directions as one system, takes each sentence pair's diagonal prior
from a memo of its shape and finds the distinct word pairs with a table; `grow_diag_final_and`
looks only at the links it can add; `terms.pair` scores a box with plain loops and finds a span's
words as a set. Each must give what the straightforward code gives, bit for bit and in the
same order (a set's iteration order is the order a caller sums in): these tests keep that code
and compare."""
from __future__ import annotations

from typing import Mapping

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm import wordalign as wa
from lvterm.terms import pair as pr
from lvterm.terms import patterns as pt

SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # (fast ones)

WORDS = ("bibliotēk", "lasītav", "dator", "liel", "library", "reading", "room", "computer", wa.NULL, "fee")


# --- word alignment ------------------------------------------------------------------------------


def _direction_plain(pairs, *, prior, model1, model2, tension, p_null):
    """One direction of `align_words` as it was written before its shortcuts (the reference)."""
    NULL = wa.NULL
    src_seq = [w for src, _ in pairs for w in (NULL, *src)]
    tgt_seq = [w for _, tgt in pairs for w in tgt]
    src_ids = {w: k for k, w in enumerate(dict.fromkeys(src_seq))}
    tgt_ids = {w: k for k, w in enumerate(dict.fromkeys(tgt_seq))}
    src_flat = list(map(src_ids.__getitem__, src_seq))
    tgt_flat = list(map(tgt_ids.__getitem__, tgt_seq))
    sizes = [(len(src) + 1, len(tgt)) for src, tgt in pairs]
    if not any(m > 1 and n for m, n in sizes):
        return [([-1] * n, [0.0] * n) for _, n in sizes]
    m1 = np.array([m for m, _ in sizes], np.int64)
    n = np.array([n for _, n in sizes], np.int64)
    group_pair = np.repeat(np.arange(len(sizes)), n)
    width = m1[group_pair]
    n_groups = len(width)
    link_group = np.repeat(np.arange(n_groups), width)
    starts = np.concatenate(([0], np.cumsum(width)[:-1]))
    link_pos = np.arange(len(link_group)) - starts[link_group] - 1
    src_start = np.concatenate(([0], np.cumsum(m1)[:-1]))
    tgt_start = np.concatenate(([0], np.cumsum(n)[:-1]))
    link_pair_of = group_pair[link_group]
    link_src = np.asarray(src_flat, np.int64)[src_start[link_pair_of] + link_pos + 1]
    link_tgt = np.asarray(tgt_flat, np.int64)[link_group]
    j = (np.arange(n_groups) - tgt_start[group_pair])[link_group]
    m = np.maximum(m1 - 1, 1)[link_pair_of]
    link_offset = np.where(link_pos < 0, -1.0, np.abs((link_pos + 1) / m - (j + 1) / n[link_pair_of]))
    n_src = len(src_ids)
    keys, link_pair = np.unique(link_tgt * n_src + link_src, return_inverse=True)
    boost = np.ones(len(keys))
    src_words, tgt_words = list(src_ids), list(tgt_ids)
    for k, key in enumerate(keys.tolist()):
        if key % n_src:
            s_word, t_word = src_words[key % n_src], tgt_words[key // n_src]
            if isinstance(prior, Mapping):
                boost[k] = prior.get((s_word, t_word), 1.0)
            elif prior is not None:
                boost[k] = prior(s_word, t_word)
    link_boost = boost[link_pair]
    given = keys % n_src
    t = wa.ibm1_em(link_pair, link_group, given, n_given=n_src, iterations=model1, link_weight=link_boost)
    weight = wa._distortion(link_offset, link_group, tension=tension, p_null=p_null, n_groups=n_groups) * link_boost
    t = wa.ibm1_em(link_pair, link_group, given, n_given=n_src, iterations=model2, link_weight=weight, t=t)
    v = t[link_pair] * weight
    z = np.bincount(link_group, weights=v, minlength=n_groups)
    best = np.maximum.reduceat(v, starts)
    hit = np.flatnonzero(v >= best[link_group] * (1 - 1e-12))
    hit_group = link_group[hit]
    chosen = hit[np.concatenate(([True], hit_group[1:] != hit_group[:-1]))]
    source = link_pos[chosen].tolist()
    posterior = np.where(z > 0, best / np.maximum(z, 1e-300), 0.0).tolist()
    out, k = [], 0
    for _, n_words in sizes:
        out.append((source[k:k + n_words], posterior[k:k + n_words]))
        k += n_words
    return out


SIDE = st.lists(st.sampled_from(WORDS), max_size=7)
PAIRS = st.lists(st.tuples(SIDE, SIDE), max_size=5)
PRIOR = st.dictionaries(st.tuples(st.sampled_from(WORDS), st.sampled_from(WORDS)), st.sampled_from([5.0, 20.0]),
                        max_size=6)


@SLOW
@given(PAIRS, st.one_of(st.none(), PRIOR, PRIOR.map(lambda d: lambda s, t: d.get((s, t), 1.0))),
       st.integers(0, 5), st.integers(0, 5), st.sampled_from([2.0, 4.0]))
def test_both_directions_as_each_direction_trained_alone(pairs, prior, model1, model2, tension):
    """Both directions trained as one system (shape memo, table of word pairs), bit for bit as each
    direction trained alone by the plain code; a word spelled as NULL included."""
    options = dict(model1=model1, model2=model2, tension=tension, p_null=wa.NULL_PROBABILITY)
    forward, backward = wa._both_directions(pairs, prior=prior, **options)
    if isinstance(prior, Mapping):
        back_prior = {(t, s): w for (s, t), w in prior.items()}
    else:
        back_prior = None if prior is None else (lambda t, s: prior(s, t))
    assert repr(forward) == repr(_direction_plain(pairs, prior=prior, **options))
    assert repr(backward) == repr(_direction_plain([(t, s) for s, t in pairs], prior=back_prior, **options))


@SLOW
@given(st.lists(st.integers(0, 300), min_size=1, max_size=200), st.integers(0, 20))
def test_distinct_as_numpy_unique(codes, spare):
    codes = np.asarray(codes, np.int64)
    size = int(codes.max()) + 1 + spare
    keys, index = wa._distinct(codes, size=size)
    plain_keys, plain_index = np.unique(codes, return_inverse=True)
    assert keys.tolist() == plain_keys.tolist() and index.tolist() == plain_index.tolist()
    assert index.dtype == plain_index.dtype


def _grow_diag_final_and_plain(forward, backward, *, n_src, n_tgt):
    """grow-diag-final-and looping over every link in every pass (the reference)."""
    union = forward | backward
    links = forward & backward
    src_linked = {i for i, _ in links}
    tgt_linked = {j for _, j in links}
    neighbours = ((-1, 0), (0, -1), (1, 0), (0, 1), (-1, -1), (-1, 1), (1, -1), (1, 1))
    grown = True
    while grown:
        grown = False
        for i, j in sorted(links):
            for di, dj in neighbours:
                a, b = i + di, j + dj
                if not (0 <= a < n_src and 0 <= b < n_tgt) or (a, b) not in union or (a, b) in links:
                    continue
                if a not in src_linked or b not in tgt_linked:
                    links.add((a, b))
                    src_linked.add(a)
                    tgt_linked.add(b)
                    grown = True
    for i, j in sorted(forward) + sorted(backward):
        if i not in src_linked and j not in tgt_linked:
            links.add((i, j))
            src_linked.add(i)
            tgt_linked.add(j)
    return links


LINKS = st.sets(st.tuples(st.integers(-1, 6), st.integers(-1, 6)), max_size=25)  # dense: links compete


@MANY
@given(LINKS, LINKS, st.integers(0, 6), st.integers(0, 6))
def test_grow_diag_final_and_as_the_loop_over_every_link(forward, backward, n_src, n_tgt):
    """The same links, added in the same order (the set iterates alike), as the plain loop."""
    got = wa.grow_diag_final_and(set(forward), set(backward), n_src=n_src, n_tgt=n_tgt)
    plain = _grow_diag_final_and_plain(set(forward), set(backward), n_src=n_src, n_tgt=n_tgt)
    assert list(got) == list(plain)


# --- the words of a bead -------------------------------------------------------------------------

LV_TEXT = st.lists(st.sampled_from("Latvijas bibliotēka un lasītava , datoru ir lielā e-grāmata .".split()),
                   max_size=12).map(" ".join)


def _side_plain(ids, sentences, lang, limit):
    """`_side` from `tokenize`'s tokens, at most `limit` words (the reference)."""
    side = pr._Side()
    for i in ids:
        starts, ends = [], []
        side.runs.setdefault(i, []).append((len(side.keys), starts, ends))
        for start, end, word in pt.tokenize(sentences[i]):
            key = pr._ALIGN_KEY[lang](word)
            if key is not None:
                side.keys.append(key)
                side.words.append(word)
                starts.append(start)
                ends.append(end)
                if len(side.keys) >= limit:
                    return side
    return side


@SLOW
@given(st.lists(LV_TEXT, min_size=1, max_size=4), st.lists(st.integers(0, 3), min_size=1, max_size=4),
       st.integers(1, 12))
def test_bead_side_positions_as_its_tokens(sentences, ids, limit):
    """A bead side's words (cut at MAX_ALIGN_WORDS; a bead may list a sentence twice) and the
    positions of a span's words in it (`indices`, `index_set`), as from the tokens one by one."""
    ids = [i % len(sentences) for i in ids]
    saved = pr.MAX_ALIGN_WORDS
    pr.MAX_ALIGN_WORDS = limit
    try:
        side = pr._side(ids, sentences, "lv")
    finally:
        pr.MAX_ALIGN_WORDS = saved
    plain = _side_plain(ids, sentences, "lv", limit)
    assert (side.keys, side.words) == (plain.keys, plain.words)
    assert {i: [(first, list(s), list(e)) for first, s, e in runs] for i, runs in side.runs.items()} == plain.runs
    for i in set(ids):
        for start in range(0, len(sentences[i]) + 1, 3):
            for end in range(start, len(sentences[i]) + 2, 4):
                assert side.indices(i, start, end) == plain.indices(i, start, end)
                assert side.index_set(i, start, end) == frozenset(plain.indices(i, start, end))


# --- choosing English spans ---------------------------------------------------------------------


@MANY
@given(st.sets(st.tuples(st.integers(0, 5), st.integers(0, 7)), max_size=14),
       st.lists(st.sampled_from([0.2, 0.5, 0.9]), min_size=48, max_size=48),  # (ties in consistency)
       st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 7), st.integers(1, 3)), max_size=10),
       st.sets(st.integers(0, 5), min_size=1, max_size=3),
       st.dictionaries(st.sampled_from("abc"), st.tuples(st.booleans(), st.sampled_from([-1.0, -2.0]))))
def test_box_choice_as_sorting_every_span_by_rank(links, posteriors, spans, lv_idx, tie):
    """`_Box.choose` as scoring every tried English span with `_consistency` and taking the least
    (-consistency, not titled, -termhood, words, key), the first by key and positions on a tie."""
    posterior = {(i, j): posteriors[i * 8 + j] for i, j in links}
    bead = pr._Links(links, posterior, pr.CONFIDENT_LINK)
    tie = {key: tie.get(key, (False, -1.0)) for key in "abc"}
    at: dict[int, list] = {}
    for key, start, length in spans:
        positions = tuple(range(start, start + length))
        occ = (key, positions, frozenset(positions), (*tie[key], len(positions), key))
        for j in positions:
            at.setdefault(j, []).append(occ)
    lv_idx = frozenset(lv_idx)
    box = pr._Box(lv_idx, bead)
    by_lv = {i: {j for i2, j in links if i2 == i} for i, _ in links}
    by_en = {j: {i for i, j2 in links if j2 == j} for _, j in links}
    best = None
    linked = {j for i, j in links if i in lv_idx}  # the English words the box's Latvian words link to
    assert sorted(box.linked) == sorted(j for i, j in links if i in lv_idx)
    for occ in sorted({occ for j in linked for occ in at.get(j, ())}):
        ekey, positions, en_idx, _ = occ
        s, _ = pr._consistency(lv_idx, en_idx, by_lv, by_en, posterior)
        if s > 0 and (best is None or (-s, *tie[ekey], len(positions), ekey) < best[0]):
            best = ((-s, *tie[ekey], len(positions), ekey), occ, s)
    got = box.choose(at)
    assert (got is None) == (best is None)
    if got is not None:
        assert got[0] == best[1] and repr(got[1]) == repr(best[2])
