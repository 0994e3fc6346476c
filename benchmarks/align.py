"""Sentence alignment benchmark: quality (Text+Berg dev, synthetic lv-en) and speed/scale.

Run: .venv/bin/python benchmarks/align.py            (all sections)
     .venv/bin/python benchmarks/align.py quality    (or: speed)
Reads ../shared/data (development data beside the checkout).
"""
from __future__ import annotations

import random
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from align_synth import SHARED, lv_en_documents, read_lines  # noqa: E402

from lvterm.align import align, gale_church  # noqa: E402
from lvterm.align.evaluate import score  # noqa: E402
from lvterm.formats.beads import read_beads  # noqa: E402

TB = SHARED / "data" / "text-berg-dev"


def text_berg():
    de, fr = read_lines(TB / "dev.de"), read_lines(TB / "dev.fr")
    gold = read_beads(TB / "dev.defr")
    return de, fr, gold


def quality() -> None:
    de, fr, gold = text_berg()
    print("== Text+Berg dev (de-fr, no dictionary)")
    for name, fn in (("lvterm align", lambda: align(de, fr, src_lang="de", tgt_lang="fr")),
                     ("plain Gale-Church", lambda: gale_church(de, fr))):
        s = score([gold], [fn()])
        print(f"{name:<20} strict P {s.precision_strict:.3f} R {s.recall_strict:.3f} F1 {s.f1_strict:.3f}"
              f"   lax F1 {s.f1_lax:.3f}")
    print("== newstest2017 lv-en synthetic documents (10 x 200 pairs, merged/dropped/inserted, seed 2017)")
    docs = lv_en_documents()
    golds, tests, gcs = [], [], []
    for src, tgt, g in docs:
        golds.append(g)
        tests.append(align(src, tgt, src_lang="lv", tgt_lang="en"))
        gcs.append(gale_church(src, tgt))
    for name, t in (("lvterm align", tests), ("plain Gale-Church", gcs)):
        s = score(golds, t)
        print(f"{name:<20} strict P {s.precision_strict:.3f} R {s.recall_strict:.3f} F1 {s.f1_strict:.3f}"
              f"   lax F1 {s.f1_lax:.3f}")


def big_pair(n_src: int, *, seed: int = 0, ratio: float = 1.26) -> tuple[list[str], list[str]]:
    """A long de-fr pair from the dev data: gold beads sampled in random order, plus
    French-only lines inserted until the target is `ratio` times longer."""
    de, fr, gold = text_berg()
    rng = random.Random(seed)
    beads = [b for b in gold if b.src and b.tgt]
    src: list[str] = []
    tgt: list[str] = []
    while len(src) < n_src:
        b = rng.choice(beads)
        src += [de[i] for i in b.src]
        tgt += [fr[j] for j in b.tgt]
    src = src[:n_src]
    want = int(n_src * ratio)
    while len(tgt) < want:
        tgt.insert(rng.randrange(len(tgt) + 1), rng.choice(fr))
    return src, tgt


def timed(fn):
    """(result, CPU seconds of this process, wall seconds): CPU time is what one core spends,
    unaffected by other programs sharing the machine."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.process_time() - c, time.perf_counter() - t


def speed() -> None:
    src, tgt = big_pair(5000)
    print(f"== speed: {len(src)} x {len(tgt)} sentences (de-fr, from the dev data), one process")
    align(src[:200], tgt[:250], src_lang="de", tgt_lang="fr")  # warm imports and caches
    _, c_gc, w_gc = timed(lambda: gale_church(src, tgt))
    tracemalloc.start()
    timed(lambda: align(src, tgt, src_lang="de", tgt_lang="fr"))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    _, c_al, w_al = timed(lambda: align(src, tgt, src_lang="de", tgt_lang="fr"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"lvterm align       {c_al:6.2f} s CPU ({w_al:.2f} s wall)   peak traced memory {peak / 2**20:.0f} MB,"
          f" max RSS {rss:.0f} MB")
    print(f"plain Gale-Church  {c_gc:6.2f} s CPU ({w_gc:.2f} s wall)   ratio align/GC {c_al / c_gc:.1f}")
    print("== scale: time against length (target = 1.26 x source)")
    print(f"{'sentences':>10} {'CPU s':>8} {'wall s':>8} {'CPU s per 1000':>15}")
    for n in (1000, 2000, 4000, 8000, 16000):
        s, t = big_pair(n, seed=n)
        _, cpu, wall = timed(lambda: align(s, t, src_lang="de", tgt_lang="fr"))
        print(f"{n:>10} {cpu:8.2f} {wall:8.2f} {cpu / n * 1000:15.3f}")


if __name__ == "__main__":
    what = sys.argv[1:] or ["quality", "speed"]
    if "quality" in what:
        quality()
    if "speed" in what:
        speed()
