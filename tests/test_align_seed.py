"""The seed post against its English equivalent: every bead of the hand-made gold alignment."""
from __future__ import annotations

from lvterm.align import align
from lvterm.formats.beads import read_beads, read_sentences


def paragraphs(n: int, ends_after: list[int]) -> list[int]:
    out, p = [], 0
    for i in range(n):
        out.append(p)
        if i in ends_after:
            p += 1
    return out


def test_align_seed_every_bead_right(fixtures):
    d = fixtures / "align"
    lv, _ = read_sentences(d / "seed.lv")
    en, _ = read_sentences(d / "seed.en")
    gold = [(b.src, b.tgt) for b in read_beads(d / "seed.gold")]
    beads = align(lv, en, src_lang="lv", tgt_lang="en")
    assert [(b.src, b.tgt) for b in beads] == gold


def test_align_seed_with_paragraph_anchors(fixtures):
    d = fixtures / "align"
    lv, _ = read_sentences(d / "seed.lv")
    en, _ = read_sentences(d / "seed.en")
    gold = [(b.src, b.tgt) for b in read_beads(d / "seed.gold")]
    beads = align(lv, en, src_lang="lv", tgt_lang="en",
                  src_paragraphs=paragraphs(len(lv), [0, 2, 5, 9, 13, 16, 19]),
                  tgt_paragraphs=paragraphs(len(en), [0, 2, 4, 9, 13, 16, 19]))
    assert [(b.src, b.tgt) for b in beads] == gold
