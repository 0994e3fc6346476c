"""Synthetic parallel documents with a known gold alignment (seeded), for benchmarks and fitting.

From a list of sentence pairs, `make_document` builds a source and a target document where some
neighbouring sentences are merged on one side (2-1 / 1-2 beads), some are dropped from one side
(1-0 / 0-1) and blog boilerplate lines are inserted on one side only (0-1 / 1-0).
"""
from __future__ import annotations

import random
from pathlib import Path
from typing import Sequence

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

BOILERPLATE = {
    "lv": ["Dalīties: Facebook Twitter E-pasts", "Lasīt vairāk »", "Komentāri (0)", "Atbildēt",
           "Publicēts kategorijā Bibliotēkas", "Pieraksties jaunumiem", "Birkas: bibliotēka, lasīšana",
           "Iepriekšējais ieraksts", "Nākamais ieraksts", "© Visas tiesības aizsargātas"],
    "en": ["Share: Facebook Twitter Email", "Read more »", "Comments (0)", "Reply",
           "Posted in Libraries", "Subscribe to our newsletter", "Tags: library, reading",
           "Previous post", "Next post", "© All rights reserved"],
}


def read_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def make_document(pairs: Sequence[tuple[str, str]], *, seed: int, src_lang: str = "lv", tgt_lang: str = "en",
                  merge: float = 0.08, drop: float = 0.03, insert: float = 0.03
                  ) -> tuple[list[str], list[str], list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """(source sentences, target sentences, gold beads)."""
    rng = random.Random(seed)
    src: list[str] = []
    tgt: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    k = 0
    while k < len(pairs):
        r = rng.random()
        if rng.random() < insert:
            side = rng.random() < 0.5
            lines = BOILERPLATE.get(src_lang if side else tgt_lang, BOILERPLATE["en"])
            if side:
                gold.append(((len(src),), ()))
                src.append(rng.choice(lines))
            else:
                gold.append(((), (len(tgt),)))
                tgt.append(rng.choice(lines))
        s, t = pairs[k]
        if r < merge and k + 1 < len(pairs):
            s2, t2 = pairs[k + 1]
            if rng.random() < 0.5:  # two source sentences, one merged target sentence
                gold.append(((len(src), len(src) + 1), (len(tgt),)))
                src += [s, s2]
                tgt.append(f"{t} {t2}")
            else:
                gold.append(((len(src),), (len(tgt), len(tgt) + 1)))
                src.append(f"{s} {s2}")
                tgt += [t, t2]
            k += 2
            continue
        if r < merge + drop:
            if rng.random() < 0.5:
                gold.append(((len(src),), ()))
                src.append(s)
            else:
                gold.append(((), (len(tgt),)))
                tgt.append(t)
        else:
            gold.append(((len(src),), (len(tgt),)))
            src.append(s)
            tgt.append(t)
        k += 1
    return src, tgt, gold


def newstest_pairs() -> list[tuple[str, str]]:
    d = SHARED / "data" / "newstest2017-lv-en"
    return list(zip(read_lines(d / "newstest2017.lv"), read_lines(d / "newstest2017.en")))


def lv_en_documents(*, n_docs: int = 10, size: int = 200, seed: int = 2017):
    """Seeded lv-en documents cut from newstest2017: [(src, tgt, gold)]."""
    pairs = newstest_pairs()
    rng = random.Random(seed)
    out = []
    for d in range(n_docs):
        start = rng.randrange(0, len(pairs) - size)
        out.append(make_document(pairs[start:start + size], seed=seed * 100 + d))
    return out
