"""End-to-end build speed: generated libraries of N post pairs through the real pipeline.

Post files are generated from the shared newstest2017 lv-en sentences (consecutive sentences of
one article make a post; paragraphs of 1-5 sentences; some sentences merged, dropped or replaced
by blog boilerplate on one side, as `align_synth` does for the aligner benchmark) and written with
`lvterm.formats.post.dumps`, the format `lvterm ingest` writes. Each library is then built by
`lvterm.build.build_library`, the code `lvterm build` runs (post files in, database out, no
cache), once with one worker and once with all cores, each build in a fresh interpreter.

Reported per size and worker count: beads per second per core for each stage (the per-post stages
summed over workers; corpus-level stages in the one writer process) and end to end (beads / wall
time / workers), and peak memory (RSS of the whole process tree: the build and its Dask workers,
sampled every 50 ms). With `--incremental`, also the rebuild after editing one post (cache on),
after a second edit that brings new terms (the occurrence scan then looks for them in every post),
and after a review-like termbase change: one accepted concept (`REVIEWED_CONCEPT`, bēglis /
refugee, in a few posts) appended to termbase/accepted.yaml of a copy of the termbase, as
`lvterm review` appends it.

    .venv/bin/python benchmarks/build.py                       # 100 and 1,000 post pairs
    .venv/bin/python benchmarks/build.py --sizes 100,1000,10000 --incremental
    .venv/bin/python benchmarks/build.py --distinct --sizes 100    # text never seen (cold caches) first
    .venv/bin/python benchmarks/build.py --generate-only 1000 --out /tmp/posts1000   # just the posts
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "src"))

from align_synth import SHARED, make_document, newstest_pairs  # noqa: E402

from lvterm.formats import post as postfmt  # noqa: E402
from lvterm.models import Post  # noqa: E402

CATEGORIES = ["Bibliotēkas", "Ziņas", "Sabiedrība", "Kultūra", "Izglītība", "Sports", "Ekonomika"]


#: The second edit of `--incremental`: a sentence whose phrases the extractor makes new terms of.
NEW_TERMS_SENTENCE = ("Bibliotēku digitālā arhīva darbinieki un bibliotēku digitālā arhīva lasītāji tikās "
                      "Rīgā, lai apspriestu digitālā arhīva nākotni.")


#: The termbase change of `--incremental`: one concept accepted in `lvterm review`, whose terms occur in a
#: few of the generated posts (newstest2017's refugees), appended to termbase/accepted.yaml.
REVIEWED_CONCEPT = """\
  - id: beglis
    lv:
      - term: bēglis
        status: preferred
        reliability: 3
    en:
      - term: refugee
        status: preferred
        reliability: 3
    provenance: accepted from extraction, 2026-12-01
"""


def _paragraphs(side: list[str], cuts: list[int]) -> tuple[str, ...]:
    out, prev = [], 0
    for c in cuts + [len(side)]:
        if c > prev:
            out.append(" ".join(side[prev:c]))
        prev = c
    return tuple(p for p in out if p.strip())


def generate(n_pairs: int, out: Path, *, seed: int = 2017, distinct: bool = False) -> int:
    """Write `n_pairs` lv/en post pairs to `out`; returns the number of sentence pairs used.

    Posts are windows of newstest2017 at random places, so beyond about 80 posts sentences recur
    (at 1,000 posts each about 12 times). `distinct`: consecutive windows instead, each sentence
    pair used once, as many posts as the 2,001 pairs fill (at most `n_pairs`): text a build has
    never seen, as a real blog's is."""
    pairs = [(a, b) for a, b in newstest_pairs() if a and b]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    used = 0
    for k in range(n_pairs):
        size = rng.randint(8, 40)  # a blog post: 8-40 sentences
        if distinct and used + size > len(pairs):
            break
        start = used if distinct else rng.randrange(0, len(pairs) - size)
        src, tgt, gold = make_document(pairs[start:start + size], seed=seed * 1000 + k)
        used += size
        # paragraph breaks at bead boundaries, every 1-5 beads, the same on both sides
        lv_cuts, en_cuts, n = [], [], 0
        for bead_src, bead_tgt in gold:
            n += 1
            if n >= rng.randint(1, 5):
                lv_cuts.append((bead_src[-1] + 1) if bead_src else (lv_cuts[-1] if lv_cuts else 0))
                en_cuts.append((bead_tgt[-1] + 1) if bead_tgt else (en_cuts[-1] if en_cuts else 0))
                n = 0
        slug = f"zinas-{k:05d}"
        meta = dict(author="Redakcija", date=f"{2010 + k % 12}-{1 + k % 12:02d}-{1 + k % 28:02d}",
                    category=rng.choice(CATEGORIES))
        lv = Post(slug=slug, lang="lv", title=src[0][:80] or slug, paragraphs=_paragraphs(src, lv_cuts),
                  translations={"en": slug}, **meta)
        en = Post(slug=slug, lang="en", title=tgt[0][:80] or slug, paragraphs=_paragraphs(tgt, en_cuts),
                  translations={"lv": slug}, **meta)
        for post in (lv, en):
            (out / f"{post.slug}.{post.lang}.md").write_text(postfmt.dumps(post), encoding="utf-8")
    return used


# --- one build in a fresh interpreter ----------------------------------------------------------------


def child(args) -> int:
    """Run one build (in this fresh process) and print its report as JSON on stdout."""
    if args.src:
        sys.path.insert(0, args.src)
        for name in [m for m in sys.modules if m == "lvterm" or m.startswith("lvterm.")]:
            del sys.modules[name]
    import inspect

    from lvterm.build import build_library

    import gc

    gc.disable()  # as `lvterm build` does (its process ends after the build and the downloads)
    options = dict(corpus=args.corpus, termbase=args.termbase or str(ROOT / "termbase"), db_path=args.db)
    accepted = inspect.signature(build_library).parameters
    if "workers" in accepted:  # the code being measured may predate these options (--baseline-src)
        options.update(workers=args.workers, cache=args.cache, cache_dir=args.cache_dir)
    started, cpu = time.perf_counter(), time.process_time()
    report = build_library(**options)
    out = {"wall": time.perf_counter() - started, "cpu_main": time.process_time() - cpu,
           "beads": report.beads, "segments": report.segments, "pairs": report.pairs, "terms": report.terms,
           "timings": getattr(report, "timings", {}), "workers": getattr(report, "workers", 1),
           "cached": getattr(report, "cached", 0), "computed": getattr(report, "computed", report.pairs)}
    try:  # `lvterm build` then writes the downloads beside the database (.po per pair, TMX, TBX, TSV)
        from lvterm.exports import write_downloads
    except ImportError:  # code predating them (--baseline-src)
        write_downloads = None
    if write_downloads is not None:
        started = time.perf_counter()
        extra = {}
        if args.cache and "memo" in inspect.signature(write_downloads).parameters:  # as Library.build does
            cache_dir = Path(args.cache_dir) if args.cache_dir else Path(args.db).parent / "cache"
            extra["memo"] = cache_dir / "corpus" / "downloads-po.json"
        write_downloads(db=args.db, **extra)
        out["downloads"] = time.perf_counter() - started
    if args.cache:
        from lvterm.buildcache import code_fingerprint

        out["code"] = code_fingerprint()
    print(json.dumps(out))
    try:  # and the process ends as `lvterm build` ends it (lvterm.__main__: no interpreter teardown)
        from lvterm.__main__ import exit_now
    except ImportError:  # code predating it (--baseline-src), whose command ended normally
        return 0
    exit_now(0)


def run_build(corpus: Path, db: Path, *, workers: int, cache_dir: Path | None = None, src: str | None = None,
              termbase: Path | None = None) -> dict:
    """One build in a child interpreter; adds the peak RSS of its whole process tree (MB).
    `termbase`: the termbase folder (default: this checkout's termbase/)."""
    import psutil

    src = src or CODE_SRC

    cmd = [sys.executable, __file__, "--child", "--corpus", str(corpus), "--db", str(db), "--workers", str(workers)]
    if termbase is not None:
        cmd += ["--termbase", str(termbase)]
    if cache_dir is not None:
        cmd += ["--cache", "--cache-dir", str(cache_dir)]
    if src:
        cmd += ["--src", src]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    peak, stop = [0], threading.Event()

    def sample():
        try:
            root = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not stop.is_set():
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            peak[0] = max(peak[0], total)
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    stop.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({' '.join(cmd)}):\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["process_wall"] = time.perf_counter() - started  # interpreter start and imports included
    result["peak_rss_mb"] = peak[0] / 1e6
    return result


def _tables(path: Path) -> dict:
    import sqlite3

    from lvterm import schema

    conn = sqlite3.connect(path)
    try:
        return {t.name: conn.execute(f"select * from [{t.name}] order by rowid").fetchall() for t in schema.TABLES}
    finally:
        conn.close()


CODE_SRC: str | None = None  # --src: the lvterm src/ folder under test (default: this checkout's)
STAGES = ("read", "segment", "align", "terms", "write", "termbase", "finish")


def _build_wall(r: dict) -> float:
    """Wall time of the build process without the downloads it wrote after `build_library`."""
    return r["process_wall"] - r.get("downloads", 0.0)


def _line(label: str, r: dict, cores: int) -> str:
    beads, t = r["beads"], r["timings"]
    wall = _build_wall(r)
    stages = "  ".join(f"{s} {beads / t[s]:>7,.0f}" if t.get(s) else f"{s} {'-':>7}" for s in STAGES)
    cpu = sum(t.get(s, 0.0) for s in STAGES if s != "work") or r["cpu_main"]
    return (f"{label:<22} beads {beads:>7,}  wall {wall:>7.1f} s  end-to-end {beads / wall / cores:>6,.0f} "
            f"beads/s/core (wall)  {beads / cpu:>6,.0f} beads/CPU-s  peak RSS {r['peak_rss_mb']:>6,.0f} MB\n"
            f"{'':<22} per stage, beads per CPU second: {stages}\n"
            f"{'':<22} then the downloads `lvterm build` writes beside the library: {r.get('downloads', 0.0):.1f} s "
            f"(with them {beads / r['process_wall'] / cores:,.0f} beads/s/core end to end)")


def bench(sizes: list[int], *, workers_all: int, incremental: bool, baseline_src: str | None, keep: Path | None,
          full: bool = True, distinct: bool = False) -> None:
    import shutil

    from lvterm.parallel import default_workers

    workers_all = workers_all or default_workers()
    tmp = Path(keep or tempfile.mkdtemp(prefix="lvterm-bench-build-"))
    tmp.mkdir(parents=True, exist_ok=True)
    print(f"# benchmarks/build.py: {os.cpu_count()} cores here, all-workers runs use {workers_all}; "
          f"load average before: {os.getloadavg()[0]:.1f}")
    print("# end-to-end = beads / wall time of the whole `build_library` process (interpreter start, imports,")
    print("# worker start-up included) / workers; beads/CPU-s = beads / CPU seconds of every stage in every process")
    if distinct:
        corpus = tmp / "posts-distinct"
        if not corpus.is_dir():
            generate(10_000, corpus, distinct=True)
        r = run_build(corpus, tmp / "build-distinct.db", workers=1)
        print(f"\n## every sentence once: {r['pairs']:,} post pairs ({corpus})")
        print(_line("1 worker", r, 1))
        print(f"{'':<22} (no sentence recurs, so every word cache starts cold: compare the stages' beads per")
        print(f"{'':<22} CPU second with the sizes below, whose posts repeat newstest2017's 2,001 sentences)")
    for n in sizes:
        corpus = tmp / f"posts-{n}"
        if not corpus.is_dir():
            generate(n, corpus)
        print(f"\n## {n:,} post pairs ({corpus})")
        results = {}
        if baseline_src:
            r = run_build(corpus, tmp / f"base-{n}.db", workers=1, src=baseline_src)
            print(f"{'before (baseline src)':<22} beads {r['beads']:>7,}  wall {_build_wall(r):>7.1f} s  end-to-end "
                  f"{r['beads'] / _build_wall(r):>6,.0f} beads/s/core (wall)  {r['beads'] / r['cpu_main']:>6,.0f} "
                  f"beads/CPU-s  peak RSS {r['peak_rss_mb']:>6,.0f} MB")
        for w in sorted({1, workers_all}) if full else ():
            results[w] = run_build(corpus, tmp / f"build-{n}-w{w}.db", workers=w)
            print(_line(f"{w} worker{'s' * (w > 1)}", results[w], w))
        if len(results) > 1:
            a, b = (_tables(tmp / f"build-{n}-w{w}.db") for w in sorted(results))
            print(f"{'':<22} libraries with 1 and {workers_all} workers identical: {a == b}")
        if incremental:
            cache = tmp / f"cache-{n}"
            shutil.rmtree(cache, ignore_errors=True)
            db = tmp / f"inc-{n}.db"
            termbase = tmp / f"termbase-{n}"  # a copy: the review step below appends to it
            shutil.rmtree(termbase, ignore_errors=True)
            shutil.copytree(ROOT / "termbase", termbase)
            build = functools.partial(run_build, termbase=termbase)
            first = build(corpus, db, workers=workers_all, cache_dir=cache)
            print(_line("cold cache", first, workers_all))
            post = sorted(corpus.glob("*.lv.md"))[len(list(corpus.glob("*.lv.md"))) // 2]
            text = post.read_text(encoding="utf-8")
            post.write_text(text.rstrip("\n") + "\n\nŠis teikums pievienots, lai pārbaudītu būvējumu.\n",
                            encoding="utf-8")
            try:
                again = build(corpus, db, workers=workers_all, cache_dir=cache)
                if again["code"] != first["code"]:  # lvterm's code changed between the two builds: again
                    print(f"{'':<22} (the code changed between the builds: cache refilled and the edit timed again)")
                    again = build(corpus, db, workers=workers_all, cache_dir=cache)
                    post.write_text(text.rstrip("\n") + "\n\nVēl viens pievienots teikums.\n", encoding="utf-8")
                    again = build(corpus, db, workers=workers_all, cache_dir=cache)
                # a second kind of edit: a sentence that brings new terms into the termbase (the
                # occurrence scan must then look for them in every post)
                other = sorted(corpus.glob("*.lv.md"))[len(list(corpus.glob("*.lv.md"))) // 3]
                other_text = other.read_text(encoding="utf-8")
                other.write_text(other_text.rstrip("\n") + "\n\n" + NEW_TERMS_SENTENCE + "\n", encoding="utf-8")
                try:
                    terms_edit = build(corpus, db, workers=workers_all, cache_dir=cache)
                finally:
                    other.write_text(other_text, encoding="utf-8")
            finally:
                post.write_text(text, encoding="utf-8")
            versus = (f"{_build_wall(again) / _build_wall(results[1]):.3f} of the full 1-worker build, "
                      if 1 in results else "")
            cpu = sum(v for k, v in again["timings"].items() if k in STAGES or k == "work")
            cpu_first = sum(v for k, v in first["timings"].items() if k in STAGES)
            print(f"{'one post edited':<22} {again['computed']} of {again['computed'] + again['cached']} units computed, "
                  f"wall {_build_wall(again):.1f} s = {versus}{_build_wall(again) / _build_wall(first):.3f} "
                  f"of the cold-cache build (in-process: {again['wall']:.1f} s); CPU {cpu:.1f} s = "
                  f"{cpu / cpu_first:.3f} of the cold-cache build's; peak RSS {again['peak_rss_mb']:,.0f} MB")
            if "downloads" in again:
                print(f"{'':<22} with the downloads `lvterm build` writes: {again['process_wall']:.1f} s = "
                      f"{again['process_wall'] / first['process_wall']:.3f} of the cold-cache build with them")
            print(f"{'':<22} incremental stages (CPU s): " + ", ".join(f"{k} {v:.2f}" for k, v in again["timings"].items()))
            versus = (f"{_build_wall(terms_edit) / _build_wall(results[1]):.3f} of the full 1-worker build, "
                      if 1 in results else "")
            print(f"{'one post, new terms':<22} {terms_edit['computed']} unit computed, terms {again['terms']:,} -> "
                  f"{terms_edit['terms']:,}, wall {_build_wall(terms_edit):.1f} s = {versus}"
                  f"{_build_wall(terms_edit) / _build_wall(first):.3f} of the cold-cache build")
            # a review-like termbase change: the posts as at first (their pairs computed again, then
            # cached), then one accepted concept whose terms a few posts have
            build(corpus, db, workers=workers_all, cache_dir=cache)
            accepted = termbase / "accepted.yaml"
            from lvterm.terms.review import ACCEPTED_HEADER

            accepted.write_text(ACCEPTED_HEADER + REVIEWED_CONCEPT, encoding="utf-8")
            review = build(corpus, db, workers=workers_all, cache_dir=cache)
            versus = (f"{_build_wall(review) / _build_wall(results[1]):.3f} of the full 1-worker build, "
                      if 1 in results else "")
            print(f"{'one term accepted':<22} {review['computed']} of {review['computed'] + review['cached']} units "
                  f"computed, terms {again['terms']:,} -> {review['terms']:,}, wall {_build_wall(review):.1f} s = "
                  f"{versus}{_build_wall(review) / _build_wall(first):.3f} of the cold-cache build")
            print(_inspect_line(db))
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)


def _inspect_line(db: Path) -> str:
    """The library's inspect file as the build makes it now (`inspectfile.inspect_json`, in process)
    against `datasette inspect` run as a child process after the build, as `lvterm build` did
    before: wall seconds, best of 3, on the library just built."""
    import subprocess

    from lvterm.inspectfile import inspect_json

    def best(run) -> float:
        times = []
        for _ in range(3):
            t = time.perf_counter()
            run()
            times.append(time.perf_counter() - t)
        return min(times)

    ours = best(lambda: inspect_json(db))
    child = best(lambda: subprocess.run([sys.executable, "-m", "datasette", "inspect", str(db), "--inspect-file", "-"],
                                        check=True, capture_output=True))
    size = db.stat().st_size / 1e6
    return f"{'inspect file':<22} {ours:.2f} s in the build (library {size:,.0f} MB); `datasette inspect` as a child process {child:.2f} s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000", help="post pairs per library, comma-separated (default 100,1000)")
    ap.add_argument("--workers", type=int, default=0, help="the 'all workers' count (default: all cores)")
    ap.add_argument("--incremental", action="store_true", help="also time a rebuild after editing one post")
    ap.add_argument("--incremental-only", action="store_true", help="only the cold-cache build and the rebuild")
    ap.add_argument("--baseline-src", help="a src/ folder of another lvterm (e.g. `git archive HEAD src`) to time first")
    ap.add_argument("--code-src", help="time this src/ folder instead of the checkout's (a frozen copy: other "
                    "edits during a long run then change nothing)")
    ap.add_argument("--distinct", action="store_true", help="first build posts that use every newstest2017 "
                    "sentence once (about 80; cold word caches, as on a real blog)")
    ap.add_argument("--keep", type=Path, help="keep the generated posts and libraries in this folder")
    ap.add_argument("--generate-only", type=int, metavar="N", help="only write N post pairs to --out")
    ap.add_argument("--out", type=Path, help="folder for --generate-only")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    ap.add_argument("--cache", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--cache-dir", help=argparse.SUPPRESS)
    ap.add_argument("--termbase", help=argparse.SUPPRESS)
    ap.add_argument("--src", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args)
    news = SHARED / "data" / "newstest2017-lv-en" / "newstest2017.lv"
    if not news.is_file():
        raise SystemExit(f"benchmarks/build.py: {news} is missing: the benchmark needs ../shared beside the checkout")
    if args.generate_only:
        generate(args.generate_only, args.out)
        return 0
    global CODE_SRC
    CODE_SRC = args.code_src
    # the bytecode an installed package has (pip compiles it at install): a process that may not
    # write it (PYTHONDONTWRITEBYTECODE, as on this machine) would compile every module it imports
    import compileall

    for src in {args.code_src or str(ROOT / "src"), *([args.baseline_src] if args.baseline_src else [])}:
        compileall.compile_dir(src, quiet=1)
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    bench(sizes, workers_all=args.workers, incremental=args.incremental or args.incremental_only,
          baseline_src=args.baseline_src, keep=args.keep, full=not args.incremental_only, distinct=args.distinct)
    return 0


if __name__ == "__main__":
    sys.exit(main())
