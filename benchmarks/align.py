"""Sentence alignment benchmark, in one run: quality fitted and held out, scaling, cold start.

Run: .venv/bin/python benchmarks/align.py                 (everything; about 15 minutes)
     .venv/bin/python benchmarks/align.py quality         (or: loo, scale, cold)
Reads ../shared/data (development data beside the checkout).

quality  Text+Berg dev aligned whole with the shipped constants (fitted on all of it: the "tuned"
         figure), plain Gale-Church and hunalign when its binary is on PATH (`hunalign`, an empty
         dictionary); the lv-en synthetic documents of earlier runs (seed 2017); held-out lv-en
         documents with merges, splits, omissions, boilerplate blocks (and reordered paragraphs),
         seeds no constant was fitted on (align_heldout.py); the seed post's hand-made gold.
loo      Text+Berg dev, leave one document (section) out: constants fitted on the other 22 sections
         (fit_align.py, the procedure that made the shipped ones), the held-out section scored.
scale    1,000 to 32,000 sentences (de-fr pairs resampled from the dev gold, target 1.26 x longer),
         each size in its own process: CPU and wall seconds, peak resident memory; the same for plain
         Gale-Church; a lopsided pair (100,000 and 300,000 lines of "a" against 20 sentences); and a
         periodic input (the dev article repeated 68 times, 32k sentences).
cold     `lvterm align` on two 20-line files against `python -c pass` plus the work (the same
         alignment timed inside a warm process), and the same command through click and numpy
         (what it runs on a terminal); a cold `lvterm lookup`; English and Latvian segmentation
         speed (words/s) on the same amount of text.
"""
from __future__ import annotations

import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))

from align_heldout import heldout_sets  # noqa: E402
from align_synth import SHARED, lv_en_documents, read_lines  # noqa: E402
from fit_align import TextBerg, default_objective, fit  # noqa: E402

from lvterm.align import align, gale_church  # noqa: E402
from lvterm.align.evaluate import score  # noqa: E402
from lvterm.formats.beads import read_beads, read_sentences  # noqa: E402
from lvterm.models import Bead  # noqa: E402

TB = SHARED / "data" / "text-berg-dev"
LVTERM = ROOT / ".venv" / "bin" / "lvterm"
#: `lvterm` with its fast path switched off: the click command alone
CLICK_ONLY = ("import sys, lvterm.fastpath; from lvterm.__main__ import main; "
              "sys.modules['lvterm.fastpath'].run = lambda argv: None; main()")
PYTHON = sys.executable


def line(name: str, s) -> str:
    return (f"{name:<34} strict P {s.precision_strict:.3f} R {s.recall_strict:.3f} F1 {s.f1_strict:.3f}"
            f"   lax F1 {s.f1_lax:.3f}")


# --- hunalign (when its binary is installed) --------------------------------------------------------


def hunalign(src: list[str], tgt: list[str]) -> list[Bead] | None:
    """hunalign's alignment with an empty dictionary (its ladder output turned into beads), or None
    when the binary is not on PATH."""
    binary = shutil.which("hunalign")
    if not binary:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / name for name in ("null.dic", "src.txt", "tgt.txt")]
        paths[0].write_text("", encoding="utf-8")
        paths[1].write_text("\n".join(src) + "\n", encoding="utf-8")
        paths[2].write_text("\n".join(tgt) + "\n", encoding="utf-8")
        out = subprocess.run([binary, *map(str, paths)], capture_output=True, text=True, check=True).stdout
    rungs = [tuple(int(v) for v in row.split("\t")[:2]) for row in out.splitlines() if row.strip()]
    rungs = [(0, 0)] * (not rungs or rungs[0] != (0, 0)) + rungs
    if rungs[-1] != (len(src), len(tgt)):
        rungs.append((len(src), len(tgt)))
    return [Bead(src=tuple(range(i0, i1)), tgt=tuple(range(j0, j1)), score=1.0)
            for (i0, j0), (i1, j1) in zip(rungs, rungs[1:]) if i1 > i0 or j1 > j0]


def side_by_side(name: str, docs, sl: str, tl: str) -> None:
    golds = [g for _, _, g in docs]
    print(line(f"{name}: lvterm align", score(golds, [align(s, t, src_lang=sl, tgt_lang=tl) for s, t, _ in docs])))
    print(line(f"{name}: plain Gale-Church", score(golds, [gale_church(s, t) for s, t, _ in docs])))
    hun = [hunalign(s, t) for s, t, _ in docs]
    if all(h is not None for h in hun):
        print(line(f"{name}: hunalign", score(golds, hun)))
    else:
        print(f"{name}: hunalign (binary not on PATH: not measured)")


def quality() -> None:
    tb = TextBerg.load()
    print("== Text+Berg dev (de-fr, one article, 468 x 554 sentences), shipped constants (fitted on it)")
    side_by_side("Text+Berg dev", [(tb.src, tb.tgt, tb.gold)], "de", "fr")
    print("== newstest2017 lv-en synthetic documents of earlier runs (10 x 200 pairs, seed 2017)")
    side_by_side("lv-en seed 2017", lv_en_documents(), "lv", "en")
    for name, docs in heldout_sets().items():
        print(f"== held out: newstest2017 lv-en, 10 documents x 150 pairs, {name} (seeds 101-110)")
        side_by_side(name, docs, "lv", "en")
    print("== the seed post against its English version (tests/fixtures/align/seed.*)")
    d = ROOT / "tests" / "fixtures" / "align"
    lv, _ = read_sentences(d / "seed.lv")
    en, _ = read_sentences(d / "seed.en")
    gold = [(b.src, b.tgt) for b in read_beads(d / "seed.gold")]
    found = [(b.src, b.tgt) for b in align(lv, en, src_lang="lv", tgt_lang="en")]
    print(f"seed: {sum(b in gold for b in found)} of {len(gold)} gold beads found, "
          f"{'every bead right' if found == gold else 'NOT every bead right'}")


def loo() -> None:
    print("== Text+Berg dev, leave one document out (23 sections; constants fitted on the other 22 and on")
    print("   four lv-en training documents, as the shipped defaults are: benchmarks/fit_align.py)")
    tb = TextBerg.load()
    start = time.process_time()
    both, lv_en = default_objective(tb)
    f, _ = tb.loo(extra=lv_en, log=print)
    params, _ = fit(both)
    tuned = tb.f1(params, range(len(tb.sections)))
    print(f"leave-one-section-out strict F1 {f:.3f}   (the same procedure fitted on all 23 sections: {tuned:.3f};"
          f" {len(tb.cache)} alignments, {time.process_time() - start:.0f} s CPU)")


# --- scaling -----------------------------------------------------------------------------------------


def big_pair(n_src: int, *, seed: int = 0, ratio: float = 1.26) -> tuple[list[str], list[str]]:
    """A long de-fr pair from the dev data: gold beads sampled in random order, plus French-only
    lines inserted until the target is `ratio` times longer."""
    de, fr = read_lines(TB / "dev.de"), read_lines(TB / "dev.fr")
    beads = [b for b in read_beads(TB / "dev.defr") if b.src and b.tgt]
    rng = random.Random(seed)
    src: list[str] = []
    tgt: list[str] = []
    while len(src) < n_src:
        b = rng.choice(beads)
        src += [de[i] for i in b.src]
        tgt += [fr[j] for j in b.tgt]
    src = src[:n_src]
    while len(tgt) < int(n_src * ratio):
        tgt.insert(rng.randrange(len(tgt) + 1), rng.choice(fr))
    return src, tgt


def lopsided_pair(n_src: int) -> tuple[list[str], list[str]]:
    """The audit's pathological pair: `n_src` lines of "a" against the first 20 sentences of
    newstest2017.en."""
    return ["a"] * n_src, read_lines(SHARED / "data" / "newstest2017-lv-en" / "newstest2017.en")[:20]


_CHILD = """
import sys, time
sys.path.insert(0, {here!r}); sys.path.insert(0, {src!r})
from align import big_pair, lopsided_pair
from lvterm.align import align, gale_church
n, how = int(sys.argv[1]), sys.argv[2]
s, t = lopsided_pair(n) if how == "lopsided" else big_pair(n, seed=n)
sl, tl = ("lv", "en") if how == "lopsided" else ("de", "fr")
align(s[:200], t[:250], src_lang=sl, tgt_lang=tl)  # imports and caches, as in a long run
c, w = time.process_time(), time.perf_counter()
(gale_church(s, t) if how == "gc" else align(s, t, src_lang=sl, tgt_lang=tl))
peak = [line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:")]  # this process only
print(time.process_time() - c, time.perf_counter() - w, int(peak[0]) / 1024 if peak else float("nan"))
"""


def measure(n: int, how: str) -> tuple[float, float, float]:
    code = _CHILD.format(here=str(HERE), src=str(ROOT / "src"))
    out = subprocess.run([PYTHON, "-c", code, str(n), how], capture_output=True, text=True, check=True,
                         env={**os.environ, "OPENBLAS_NUM_THREADS": "1"}).stdout
    cpu, wall, rss = map(float, out.split())
    return cpu, wall, rss


def scale() -> None:
    print("== scale: de-fr pairs resampled from the dev gold, target 1.26 x source; one process per run")
    print(f"{'sentences':>10} {'CPU s':>8} {'wall s':>8} {'CPU ms/1000':>12} {'peak RSS MB':>11}   "
          f"{'Gale-Church CPU s':>17}")
    for n in (1000, 2000, 4000, 8000, 16000, 32000):
        cpu, wall, rss = measure(n, "align")
        gcpu, _, _ = measure(n, "gc")
        print(f"{n:>10} {cpu:8.2f} {wall:8.2f} {cpu / n * 1e6:12.1f} {rss:11.0f}   {gcpu:17.2f}")
    print("== lopsided: lines of \"a\" against the first 20 sentences of newstest2017.en")
    for n in (100_000, 300_000):
        cpu, wall, rss = measure(n, "lopsided")
        print(f"{n:>10} x 20 {cpu:8.2f} {wall:8.2f} {rss:11.0f} MB peak RSS")
    print("== periodic input: the Text+Berg dev article repeated 68 times (31,824 x 37,672 sentences)")
    tb = TextBerg.load()
    copies = 68
    n, m = len(tb.src), len(tb.tgt)
    gold = [(tuple(i + c * n for i in a), tuple(j + c * m for j in b)) for c in range(copies) for a, b in tb.gold]
    c = time.process_time()
    beads = align(tb.src * copies, tb.tgt * copies, src_lang="de", tgt_lang="fr")
    cpu = time.process_time() - c
    strays = sum(1 for b in beads for i in b.src if any(j // m != i // n for j in b.tgt))
    print(line("repeated 68 times", score([gold], [beads])) + f"   {cpu:.1f} s CPU; "
          f"beads joining two copies: {strays}")


# --- cold start ----------------------------------------------------------------------------------------


def best_of(cmd: list[str], runs: int = 15, env: dict | None = None) -> tuple[float, float]:
    """(fastest wall ms, fastest CPU ms of the child) over `runs` runs: on a shared machine the
    fastest run is the one least disturbed."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls) * 1000, min(cpus) * 1000


def cold() -> None:
    from lvterm.align import align_files

    import compileall

    # the bytecode an installed package has (pip compiles it at install; this machine sets
    # PYTHONDONTWRITEBYTECODE, so without it every process would compile lvterm's modules again)
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    print("== cold start (fastest of 15 runs; CPU time of the child process)")
    news = SHARED / "data" / "newstest2017-lv-en"
    with tempfile.TemporaryDirectory() as tmp:
        lv, en = Path(tmp) / "a.lv", Path(tmp) / "a.en"
        lv.write_text("\n".join(read_lines(news / "newstest2017.lv")[:20]) + "\n", encoding="utf-8")
        en.write_text("\n".join(read_lines(news / "newstest2017.en")[:20]) + "\n", encoding="utf-8")
        align_files(lv, en, src_lang="lv", tgt_lang="en")  # warm
        work = []
        for _ in range(20):
            c = time.process_time()
            align_files(lv, en, src_lang="lv", tgt_lang="en")
            work.append(time.process_time() - c)
        work_ms = min(work) * 1000
        from lvterm.align.small import align_small
        from lvterm.formats.beads import read_sentences

        (s, sp), (t, tp) = read_sentences(lv), read_sentences(en)
        small = []
        for _ in range(20):  # what the command runs: the small-document engine (align.small), warm
            c = time.process_time()
            align_small(s, t, src_lang="lv", tgt_lang="en", src_paragraphs=sp, tgt_paragraphs=tp)
            small.append(time.process_time() - c)
        small_ms = min(small) * 1000
        pass_wall, pass_cpu = best_of([PYTHON, "-c", "pass"])
        # what the click command cannot start without: its CLI library and numpy (started as the
        # command starts it, without a BLAS thread pool), nothing of lvterm's
        floor_wall, floor_cpu = best_of([PYTHON, "-c", "import click, numpy"],
                                        env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
        args = ["align", str(lv), str(en), "--src-lang", "lv", "--tgt-lang", "en"]
        al_wall, al_cpu = best_of([str(LVTERM), *args])
        # the same command through click and numpy (as on a terminal, or before lvterm.fastpath)
        click_wall, click_cpu = best_of([PYTHON, "-c", CLICK_ONLY, *args])
        # the case: 18 small documents, one process each against one --batch process
        listing = Path(tmp) / "list.tsv"
        rows = []
        lv_lines, en_lines = read_lines(news / "newstest2017.lv"), read_lines(news / "newstest2017.en")
        for k in range(18):
            a, b = Path(tmp) / f"d{k}.lv", Path(tmp) / f"d{k}.en"
            a.write_text("\n".join(lv_lines[100 + 20 * k:120 + 20 * k]) + "\n", encoding="utf-8")
            b.write_text("\n".join(en_lines[100 + 20 * k:120 + 20 * k]) + "\n", encoding="utf-8")
            rows.append(f"{a.name}\t{b.name}\td{k}.beads")
        listing.write_text("\n".join(rows) + "\n", encoding="utf-8")
        t = time.perf_counter()
        for k in range(18):
            subprocess.run([str(LVTERM), "align", str(Path(tmp) / f"d{k}.lv"), str(Path(tmp) / f"d{k}.en"),
                            "--src-lang", "lv", "--tgt-lang", "en"], stdout=subprocess.DEVNULL, check=True)
        each = time.perf_counter() - t
        batch_wall, _ = best_of([str(LVTERM), "align", "--batch", str(listing), "--src-lang", "lv",
                                 "--tgt-lang", "en"], runs=5)
    target = 3 * (pass_cpu + work_ms)
    print(f"python -c pass                  {pass_cpu:7.1f} ms CPU ({pass_wall:.1f} ms wall)")
    print(f"the work (warm, in process)     {work_ms:7.1f} ms CPU")
    print(f"the work in plain Python (warm) {small_ms:7.1f} ms CPU (align.small, what the command runs)")
    print(f"lvterm align, 20 + 20 lines     {al_cpu:7.1f} ms CPU ({al_wall:.1f} ms wall)   "
          f"{al_cpu / (pass_cpu + work_ms):.1f} x (pass + work); target 3 x = {target:.0f} ms")
    print(f"  the same through click, numpy {click_cpu:7.1f} ms CPU ({click_wall:.1f} ms wall); "
          f"python -c 'import click, numpy' alone {floor_cpu:.1f} ms CPU ({floor_wall:.1f} ms wall)")
    print(f"18 documents of 20 + 20 lines   {each * 1000:7.0f} ms wall as 18 processes, "
          f"{batch_wall:.0f} ms as one `lvterm align --batch`")
    db = ROOT / "build" / "lvterm.db"
    if db.is_file():
        for query in ("biedrs", "library"):
            wall, cpu = best_of([str(LVTERM), "lookup", query, "--db", str(db)])
            print(f"lvterm lookup {query:<17} {cpu:7.1f} ms CPU ({wall:.1f} ms wall)   target < 200 ms")
    else:
        print("lvterm lookup: build/lvterm.db missing (run `lvterm build`): not measured")
    from segment import paragraphs

    from lvterm.segment import make_nlp, segment_paragraphs

    for lang in ("lv", "en"):
        paras = paragraphs(300_000, lang=lang)
        words = sum(len(p.split()) for p in paras)
        nlp = make_nlp(lang)
        segment_paragraphs(paras[:50], lang=lang, nlp=nlp)
        best = float("inf")
        for _ in range(3):
            c = time.process_time()
            segment_paragraphs(paras, lang=lang, nlp=nlp)
            best = min(best, time.process_time() - c)
        print(f"segmentation {lang}: {words / best:,.0f} words/s ({words:,} words, best of 3, CPU)")


if __name__ == "__main__":
    what = sys.argv[1:] or ["quality", "loo", "scale", "cold"]
    unknown = sorted(set(what) - {"quality", "loo", "scale", "cold"})
    if unknown:
        raise SystemExit(f"benchmarks/align.py: unknown part {unknown[0]!r} (quality, loo, scale, cold)")
    for data in (TB / "dev.de", SHARED / "data" / "newstest2017-lv-en" / "newstest2017.lv"):
        if not data.is_file():  # every part reads the development data (cold: its 20-line files)
            raise SystemExit(f"benchmarks/align.py: {data} is missing: the benchmark needs ../shared beside "
                             "the checkout")
    for part in ("quality", "loo", "scale", "cold"):
        if part in what:
            globals()[part]()
