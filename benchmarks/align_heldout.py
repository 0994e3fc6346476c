"""Held-out Latvian-English alignment sets: newstest2017 made into documents with the edits real
translations of web pages show, and gold beads that record every edit.

From consecutive sentence pairs of newstest2017 (../shared/data/newstest2017-lv-en), cut into
paragraphs of three to six sentences, `edited_document` builds a Latvian and an English document:

- merges: two neighbouring sentences joined on one side (2-1 or 1-2 beads);
- splits: one sentence cut in two at a comma, semicolon or colon on one side (1-2 or 2-1);
- omissions: a sentence left out of one side (1-0 or 0-1);
- boilerplate: a block of one to four blog lines (share buttons, tags, "Read more") inserted on
  one side between paragraphs;
- reordered paragraphs: two neighbouring paragraphs swapped on the English side (their gold beads
  cross: a monotone aligner cannot get them all, which is the point of measuring it).

`heldout_sets()` gives the sets the benchmark reports, from seeds no constant was ever fitted on
(`fit_align.FIT_SEEDS` are 11-18; these are 101 and up).
"""
from __future__ import annotations

import random
import re
from typing import Sequence

from align_synth import BOILERPLATE, newstest_pairs

Pair = tuple[tuple[int, ...], tuple[int, ...]]
_SPLIT_AT = re.compile(r"(?<=[,;:])\s+")

HELDOUT_SEEDS = tuple(range(101, 111))


def _split(sentence: str, rng: random.Random) -> tuple[str, str] | None:
    """The sentence cut in two at a comma, semicolon or colon near its middle (None: nowhere)."""
    cuts = [m.end() for m in _SPLIT_AT.finditer(sentence) if 0.25 < m.end() / len(sentence) < 0.75]
    if not cuts:
        return None
    at = rng.choice(cuts)
    return sentence[:at].rstrip(), sentence[at:]


def edited_document(pairs: Sequence[tuple[str, str]], *, seed: int, merge: float = 0.05, split: float = 0.04,
                    omit: float = 0.03, boilerplate: float = 0.15, reorder: float = 0.0):
    """(Latvian sentences, English sentences, gold beads) with the edits of the module docstring;
    `boilerplate` and `reorder` are per paragraph, the others per sentence pair."""
    rng = random.Random(seed)
    paragraphs, k = [], 0
    while k < len(pairs):
        size = rng.randint(3, 6)
        paragraphs.append(list(pairs[k:k + size]))
        k += size
    order = list(range(len(paragraphs)))
    for p in range(len(paragraphs) - 1):
        if rng.random() < reorder and order[p] == p:
            order[p], order[p + 1] = order[p + 1], order[p]

    # each paragraph as units: (lv lines, en lines) with the edits made inside it
    units: list[list[tuple[list[str], list[str]]]] = []
    for para in paragraphs:
        out, i = [], 0
        while i < len(para):
            lv, en = para[i]
            r = rng.random()
            if r < merge and i + 1 < len(para):
                lv2, en2 = para[i + 1]
                out.append(([lv, lv2], [f"{en} {en2}"]) if rng.random() < 0.5 else ([f"{lv} {lv2}"], [en, en2]))
                i += 2
                continue
            r -= merge
            if r < split:
                side = rng.random() < 0.5
                cut = _split(lv if side else en, rng)
                if cut:
                    out.append((list(cut), [en]) if side else ([lv], list(cut)))
                    i += 1
                    continue
            r -= split
            if r < omit:
                out.append(([lv], []) if rng.random() < 0.5 else ([], [en]))
            else:
                out.append(([lv], [en]))
            i += 1
        units.append(out)

    src: list[str] = []
    tgt: list[str] = []
    src_ids: dict[tuple[int, int], list[int]] = {}
    tgt_ids: dict[tuple[int, int], list[int]] = {}
    extra: list[Pair] = []
    for p, para in enumerate(units):  # Latvian in its own order, boilerplate between paragraphs
        for u, (lv, _) in enumerate(para):
            src_ids[p, u] = list(range(len(src), len(src) + len(lv)))
            src += lv
        if rng.random() < boilerplate / 2:
            for line in rng.sample(BOILERPLATE["lv"], rng.randint(1, 4)):
                extra.append(((len(src),), ()))
                src.append(line)
    for p in order:  # English, paragraphs possibly swapped
        for u, (_, en) in enumerate(units[p]):
            tgt_ids[p, u] = list(range(len(tgt), len(tgt) + len(en)))
            tgt += en
        if rng.random() < boilerplate / 2:
            for line in rng.sample(BOILERPLATE["en"], rng.randint(1, 4)):
                extra.append(((), (len(tgt),)))
                tgt.append(line)
    gold = [(tuple(src_ids[key]), tuple(tgt_ids[key])) for key in src_ids] + extra
    return src, tgt, [g for g in gold if g[0] or g[1]]


def heldout_sets(*, size: int = 150, docs: int = 10):
    """{name: [(lv, en, gold), ...]}: documents of `size` sentence pairs from random places of
    newstest2017, one per held-out seed; without and with reordered paragraphs."""
    pairs = newstest_pairs()
    out: dict[str, list] = {"edited": [], "edited + reordered paragraphs": []}
    for seed in HELDOUT_SEEDS[:docs]:
        start = random.Random(seed).randrange(0, len(pairs) - size)
        window = pairs[start:start + size]
        out["edited"].append(edited_document(window, seed=seed))
        out["edited + reordered paragraphs"].append(edited_document(window, seed=seed, reorder=0.1))
    return out
