"""Sennrich & Volk strict/lax precision, recall and F1 as vecalign's scorer defines them."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvterm.align.evaluate import score
from lvterm.models import Bead


def B(s, t):
    return Bead(tuple(s), tuple(t))


def test_align_eval_perfect():
    gold = [B([0], [0]), B([1, 2], [1]), B([], [2])]
    s = score([gold], [gold])
    assert s.f1_strict == s.f1_lax == 1.0


def test_align_eval_hand_computed():
    gold = [B([0], [0]), B([1], [1, 2]), B([2], []), B([3], [3])]
    test = [B([0], [0]), B([1], [1]), B([], [2]), B([2], []), B([3], [3])]
    s = score([gold], [test])
    # precision: 5 test beads; strict tp = [0]:[0], [2]:[], [3]:[3] -> 3/5
    # lax: [1]:[1] overlaps gold [1]:[1,2] -> lax tp; []:[2] has no source -> lax fp -> 4/5
    assert s.precision_strict == pytest.approx(3 / 5)
    assert s.precision_lax == pytest.approx(4 / 5)
    # recall ignores empty-sided beads: gold {[0]:[0], [1]:[1,2], [3]:[3]} vs test {[0]:[0], [1]:[1], [3]:[3]}
    assert s.recall_strict == pytest.approx(2 / 3)
    assert s.recall_lax == pytest.approx(1.0)
    assert s.f1_strict == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))


def test_align_eval_pools_counts_over_files():
    g1, t1 = [B([0], [0])], [B([0], [0])]
    g2 = [B([0], [0]), B([1], [1]), B([2], [2])]
    t2 = [B([0, 1], [0, 1]), B([2], [2])]
    pooled = score([g1, g2], [t1, t2])
    # precision strict: (1 + 1) / (1 + 2); a mean of per-file ratios would be (1 + 0.5) / 2
    assert pooled.precision_strict == pytest.approx(2 / 3)
    assert pooled.recall_strict == pytest.approx(2 / 4)


def test_align_eval_empty_test():
    s = score([[B([0], [0])]], [[]])
    assert s.f1_strict == 0.0


def _beads_from_cuts(n: int, cuts: list[int]) -> list[Bead]:
    edges = sorted({0, n, *[c % (n + 1) for c in cuts]})
    return [B(range(a, b), range(a, b)) for a, b in zip(edges, edges[1:])]


@given(st.integers(1, 30), st.lists(st.integers(0, 30), max_size=10), st.lists(st.integers(0, 30), max_size=10))
def test_align_eval_bounds_and_identity(n, cuts_a, cuts_b):
    gold = _beads_from_cuts(n, cuts_a)
    test = _beads_from_cuts(n, cuts_b)
    s = score([gold], [test])
    for v in s.as_dict().values():
        assert 0.0 <= v <= 1.0
    assert s.f1_strict <= s.f1_lax
    assert score([gold], [gold]).f1_strict == 1.0
    assert (s.f1_strict == 1.0) == ({(b.src, b.tgt) for b in gold} == {(b.src, b.tgt) for b in test})
