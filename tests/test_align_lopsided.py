"""A lopsided pair: one side many times longer than the other (a 20-line document against a file of
100,000 lines). Memory grows by a few bytes per DP node, not by a cost per bead kind per node; the
DP then runs column by column (one Python step per sentence of the short side, not of the long
one) and finds the beads the row-by-row DP finds, ties settled alike.
"""
from __future__ import annotations

import tracemalloc

import pytest

from lvterm.align import align, dp, params_for
from lvterm.formats.beads import read_beads, read_sentences


def fixture(fixtures, name: str, lang: str) -> list[str]:
    return read_sentences(fixtures / "align" / f"{name}.{lang}")[0]


def peak_bytes(src: list[str], tgt: list[str]) -> tuple[int, list]:
    tracemalloc.start()
    try:
        beads = align(src, tgt, src_lang="lv", tgt_lang="en")
        return tracemalloc.get_traced_memory()[1], beads
    finally:
        tracemalloc.stop()


def test_align_lopsided_memory_grows_by_a_few_bytes_a_node(fixtures):
    """The audit's case, smaller: lines of "a" against a short English document. Each DP node keeps
    its best cost and its last bead (and the cross dot); the bead costs are made a block at a time.
    Before, every node held a start, a cost and a similarity for each of the eleven bead kinds
    (about 400 bytes a node: 300,000 x 20 lines took 2.9 GB)."""
    en = fixture(fixtures, "library", "en")
    align(["a"] * 100, en, src_lang="lv", tgt_lang="en")  # lazily built tables, once per process
    peaks = {}
    for n in (5_000, 25_000):
        peaks[n], beads = peak_bytes(["a"] * n, en)
        assert [i for b in beads for i in b.src] == list(range(n))
        assert [j for b in beads for j in b.tgt] == list(range(len(en)))
    per_node = (peaks[25_000] - peaks[5_000]) / (20_000 * (len(en) + 1))
    assert per_node < 100, f"{per_node:.0f} bytes a DP node"


def test_align_lopsided_thin_side_is_one_full_grid(fixtures, monkeypatch):
    """A side of at most 2 x coarse_band sentences beside a long one: one DP over the full grid (a
    band would span nearly all of the thin side anyway), no coarse levels."""
    en = fixture(fixtures, "library", "en")
    sizes = []
    real = dp._dp
    monkeypatch.setattr(dp, "_dp", lambda x, y, band, *a: sizes.append(band.size) or real(x, y, band, *a))
    n = 12_000  # more than base_cells nodes: the full grid is not just the small-input rule
    assert (n + 1) * (len(en) + 1) > params_for("lv", "en").base_cells
    align(["a"] * n, en, src_lang="lv", tgt_lang="en")
    assert sizes == [(n + 1) * (len(en) + 1)]


def padded(fixtures, before: int, after: int) -> tuple[list[str], list[str], list]:
    """The library fixture with unrelated lines (numbered, so that no two are alike) before and
    after the Latvian side, and its gold beads shifted accordingly."""
    lv, en = fixture(fixtures, "library", "lv"), fixture(fixtures, "library", "en")
    other = fixture(fixtures, "alps", "de") + fixture(fixtures, "alps", "fr")
    filler = [f"{other[k % len(other)]} ({k + 1})" for k in range(before + after)]
    gold = [(tuple(i + before for i in b.src), b.tgt) for b in read_beads(fixtures / "align" / "library.gold")]
    return filler[:before] + lv + filler[before:], en, gold


@pytest.mark.parametrize("before,after", [(100, 100), (0, 300), (300, 0)])
def test_align_lopsided_columns_find_the_beads_rows_find(fixtures, monkeypatch, before, after):
    """The same pair through the DP by columns (what a lopsided pair gets) and forced through the
    DP by rows: the same beads, similarities and (up to rounding) cost margins."""
    src, tgt, _ = padded(fixtures, before, after)
    by_columns = dp._align(src, tgt, src_lang="lv", tgt_lang="en")
    monkeypatch.setattr(dp, "_by_columns", lambda band, params: False)
    by_rows = dp._align(src, tgt, src_lang="lv", tgt_lang="en")
    assert [(b.src, b.tgt) for b in by_columns[0]] == [(b.src, b.tgt) for b in by_rows[0]]
    assert by_columns[2] == by_rows[2]
    assert by_columns[1] == pytest.approx(by_rows[1], abs=1e-6)


def test_align_lopsided_columns_on_a_long_band(fixtures, monkeypatch):
    """A band too long for one block of nodes, by columns and by rows: the same beads."""
    src, tgt, _ = padded(fixtures, 3_000, 3_000)
    monkeypatch.setattr(dp, "_BLOCK", 1_000)  # columns of 6,000 nodes: several blocks each
    by_columns = dp._align(src, tgt, src_lang="lv", tgt_lang="en")
    monkeypatch.setattr(dp, "_by_columns", lambda band, params: False)
    by_rows = dp._align(src, tgt, src_lang="lv", tgt_lang="en")
    assert [(b.src, b.tgt) for b in by_columns[0]] == [(b.src, b.tgt) for b in by_rows[0]]
    assert by_columns[1] == pytest.approx(by_rows[1], abs=1e-6)


def test_align_lopsided_ties_settle_as_by_rows(fixtures, monkeypatch):
    """Identical lines against a document: many paths cost exactly the same, and both orders pick
    the same one (a 0-1 bead only when cheaper by more than rounding)."""
    src, tgt = ["a"] * 300 + ["Lasīt vairāk »"] * 40, fixture(fixtures, "library", "en")
    by_columns = dp._align(src, tgt, src_lang="lv", tgt_lang="en")
    monkeypatch.setattr(dp, "_by_columns", lambda band, params: False)
    by_rows = dp._align(src, tgt, src_lang="lv", tgt_lang="en")
    assert [(b.src, b.tgt) for b in by_columns[0]] == [(b.src, b.tgt) for b in by_rows[0]]
    assert by_columns[1] == pytest.approx(by_rows[1], abs=1e-6)
