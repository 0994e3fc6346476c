"""A document repeated many times: the coarse pass must not lock onto a shifted copy.

Every copy of a repeated document looks like every other one, so only the cost of skipping keeps
the coarse path on the diagonal; a node of a coarse level stands for the sentences it sums and
skipping it costs what skipping them costs. The fixtures are our own Latvian-English text
(tests/fixtures/align/library.*, with its gold beads) and a German-French one (alps.*).
"""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from lvterm.align import align, params_for
from lvterm.align.evaluate import score
from lvterm.formats.beads import read_beads, read_sentences


def repeated(fixtures, name: str, sl: str, tl: str, copies: int):
    d = fixtures / "align"
    src, _ = read_sentences(d / f"{name}.{sl}")
    tgt, _ = read_sentences(d / f"{name}.{tl}")
    gold = [(b.src, b.tgt) for b in read_beads(d / f"{name}.gold")]
    n, m = len(src), len(tgt)
    all_gold = [(tuple(i + c * n for i in a), tuple(j + c * m for j in b)) for c in range(copies) for a, b in gold]
    return src * copies, tgt * copies, all_gold, n, m


def copy_of(bead, n: int, m: int) -> set[int]:
    return {i // n for i in bead.src} | {j // m for j in bead.tgt}


@pytest.mark.parametrize("name,sl,tl", [("library", "lv", "en"), ("alps", "de", "fr")])
@pytest.mark.parametrize("base_cells", [400, 5_000, None])
def test_align_periodic_each_copy_to_itself(fixtures, name, sl, tl, base_cells):
    """Ten copies in a row on both sides, searched coarse-to-fine (small base grids force two to
    four coarse levels): no bead joins sentences of two copies, and each copy is aligned as well as
    the document alone."""
    src, tgt, gold, n, m = repeated(fixtures, name, sl, tl, 10)
    params = params_for(sl, tl)
    if base_cells is not None:
        params = replace(params, base_cells=base_cells)
    beads = align(src, tgt, src_lang=sl, tgt_lang=tl, params=params)
    assert all(len(copy_of(b, n, m)) == 1 for b in beads), "a bead spans two copies"
    single = align(src[:n], tgt[:m], src_lang=sl, tgt_lang=tl, params=params)
    alone = score([gold[: len(gold) // 10]], [single]).f1_strict
    assert score([gold], [beads]).f1_strict >= alone - 0.05


def test_align_periodic_identical_copies_are_the_diagonal():
    """Identical sides made of one paragraph repeated 40 times: every sentence with itself."""
    unit = [f"Sentence {k} of the unit, with the word number {k} in it." for k in range(25)]
    src = unit * 40
    params = replace(params_for("en", "en"), base_cells=1_000)
    beads = align(src, list(src), src_lang="en", tgt_lang="en", params=params)
    assert [(b.src, b.tgt) for b in beads] == [((k,), (k,)) for k in range(len(src))]


def chronicle(*, sentences: int, captions: int, seed: int) -> tuple[list[str], list[str]]:
    """A made-up mountaineering chronicle and its 'translation': the same sentences, one in ten
    split in two at a semicolon, and a block of photo captions the source lacks (the shape of
    Text+Berg's French side)."""
    rng = random.Random(seed)
    words = "peak camp ridge glacier summit route rope tent porter valley river snow ice rock wall".split()
    src, tgt = [], []
    for _ in range(sentences):
        ws = [rng.choice(words) for _ in range(rng.randint(5, 14))] + [str(rng.randint(1000, 8999))]
        src.append(" ".join(ws).capitalize() + " .")
        if rng.random() < 0.1:
            half = len(ws) // 2
            tgt += [" ".join(ws[:half]).capitalize() + " ;", " ".join(ws[half:]) + " ."]
        else:
            tgt.append(" ".join(ws).capitalize() + " .")
    return src, tgt + [f"Photo {k}" for k in range(captions)]


@pytest.mark.parametrize("base_cells", [2_000, None])
def test_align_periodic_unequal_copies_keep_in_step(base_cells):
    """Twenty copies of a 150-sentence chronicle whose target copies are longer (splits and a
    caption block): every source sentence stays with target sentences of its own copy. (With a node
    skip costing one sentence's skip, the coarse path drifted a whole copy: 2,262 of 3,000 beads.)"""
    body_src, body_tgt = chronicle(sentences=150, captions=20, seed=1)
    n, m = len(body_src), len(body_tgt)
    params = params_for("de", "fr") if base_cells is None else replace(params_for("de", "fr"), base_cells=base_cells)
    beads = align(body_src * 20, body_tgt * 20, src_lang="de", tgt_lang="fr", params=params)
    strays = sum(1 for b in beads for i in b.src if any(j // m != i // n for j in b.tgt))
    assert strays <= 20  # at most a caption block joined to the next copy's first sentence
