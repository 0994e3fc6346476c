"""Segmentation speed (Latvian unless --lang): words per second for lvterm and for spaCy's plain sentencizer.

    .venv/bin/python benchmarks/segment.py [--words 1000000] [--lang lv en] [--repeat 3] [--cold-runs 9]

Input per language: its gold set (tests/fixtures/segment/{lv,en}.txt) and newstest2017 (../shared, if
present; five sentences to a paragraph), repeated to about --words words. Both pipelines run over the
same paragraphs with nlp.pipe, and every sentence span is materialised; the runs alternate (between
the languages too, when several are given, so that they share the machine's load) and the best of
--repeat runs counts for each (as timeit does), which steadies figures on a shared machine. A third
line times `segment_paragraphs` as `lvterm segment` and the build call it (the same sentences as the
pipeline, without tokenising: `segment.pipeline._rule_spans`).

Last, a cold process: `lvterm segment` (the one beside this Python) on the seed post in each
language (corpus/posts/cpd23-5-...), a new process each of --cold-runs times after one run that
fills lvterm's cache folder and is not counted, its output discarded: the fastest and slowest wall
time and the largest peak resident memory (the child's ru_maxrss), as
`/usr/bin/time -f "%e s %M KB" lvterm segment POST` shows them. lvterm's bytecode is compiled first,
as an install has it (PYTHONDONTWRITEBYTECODE would otherwise leave every run compiling it).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from lvterm.segment import make_nlp, make_sentencizer_nlp, segment_paragraphs
from lvterm.segment.evaluate import read_gold

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2017-lv-en"
SEED_POST = ROOT / "corpus" / "posts" / "cpd23-5-socialie-tikli-un-profesionalas-organizacijas.{lang}.md"


def paragraphs(target_words: int, *, lang: str = "lv") -> list[str]:
    base = [" ".join(doc) for doc in read_gold(ROOT / "tests" / "fixtures" / "segment" / f"{lang}.txt")]
    news = NEWSTEST / f"newstest2017.{lang}"
    if news.is_file():
        lines = [ln.strip() for ln in news.read_text(encoding="utf-8").splitlines() if ln.strip()]
        base += [" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)]
    per_round = sum(len(p.split()) for p in base)
    rounds = max(1, round(target_words / per_round))
    return base * rounds


def cold_process(post: Path, *, runs: int) -> tuple[list[float], list[int]]:
    """Wall seconds and peak resident KB of each of `runs` new `lvterm segment post` processes
    (after one uncounted run, which writes lvterm's cache folder if it has to)."""
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    command = [str(Path(sys.executable).parent / "lvterm"), "segment", str(post)]
    walls, peaks = [], []
    for i in range(runs + 1):
        timed = subprocess.run([sys.executable, "-I", "-S", "-c", _TIMED, *command], env=os.environ,
                               capture_output=True, text=True, check=True)
        wall, peak, code = timed.stdout.split()
        if int(code):
            raise SystemExit(f"{' '.join(command)} exited {code}")
        if i:
            walls.append(float(wall))
            peaks.append(int(peak))
    return walls, peaks


#: Run argv[1:] with its output discarded; print its wall seconds, peak resident KB (ru_maxrss) and
#: exit code. A small process starts it, as /usr/bin/time does: a child of this one would count
#: this process's memory (spaCy's pipelines) as its own peak, since the fork's copy is measured too.
_TIMED = """
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--lang", nargs="+", default=["lv"], choices=["lv", "en"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cold-runs", type=int, default=9, help="cold `lvterm segment` processes per language (0: none)")
    args = parser.parse_args()
    langs = list(dict.fromkeys(args.lang))
    paras = {lang: paragraphs(args.words, lang=lang) for lang in langs}
    pipelines = {lang: (make_nlp(lang), make_sentencizer_nlp(lang)) for lang in langs}
    for lang in langs:
        segment_paragraphs(paras[lang][:50], lang=lang, nlp=pipelines[lang][0])  # warm up caches and lexicons
        segment_paragraphs(paras[lang][:50], lang=lang)
    best = {(lang, way): float("inf") for lang in langs for way in ("ours", "base", "fast")}
    counts = {}

    def run(lang: str, way: str) -> None:
        nlp = {"ours": pipelines[lang][0], "base": pipelines[lang][1], "fast": None}[way]
        start = time.perf_counter()
        counts[lang, way] = len(segment_paragraphs(paras[lang], lang=lang, nlp=nlp))
        best[lang, way] = min(best[lang, way], time.perf_counter() - start)

    for _ in range(max(1, args.repeat)):
        for way in ("ours", "base", "fast"):
            for lang in langs:
                run(lang, way)
    speed = {}
    for lang in langs:
        words = sum(len(p.split()) for p in paras[lang])
        t_ours, t_base, t_fast = (best[lang, way] for way in ("ours", "base", "fast"))
        n_ours, n_base, n_fast = (counts[lang, way] for way in ("ours", "base", "fast"))
        print(f"input: {len(paras[lang])} paragraphs, {words} words (gold set {lang}"
              f"{f' + newstest2017 {lang}' if NEWSTEST.is_dir() else ''}, repeated); best of {max(1, args.repeat)} runs")
        print(f"lvterm (blank {lang} + lvterm_sentences): {words / t_ours:,.0f} words/s  ({n_ours} sentences, {t_ours:.2f} s)")
        print(f"spaCy sentencizer (blank {lang}):        {words / t_base:,.0f} words/s  ({n_base} sentences, {t_base:.2f} s)")
        print(f"ratio lvterm / sentencizer: {t_base / t_ours:.2f}")
        print(f"lvterm as the build and `lvterm segment` run it (no tokenising): {words / t_fast:,.0f} words/s  "
              f"({n_fast} sentences, {t_fast:.2f} s; {t_ours / t_fast:.1f}x the pipeline)")
        speed[lang] = words / t_fast
    if len(speed) == 2:
        print(f"English / Latvian words/s without tokenising: {speed['en'] / speed['lv']:.2f}")
    for lang in langs if args.cold_runs > 0 else ():
        post = Path(str(SEED_POST).format(lang=lang))
        walls, peaks = cold_process(post, runs=args.cold_runs)
        print(f"cold `lvterm segment {post.relative_to(ROOT)}`: {min(walls):.3f}-{max(walls):.3f} s, "
              f"peak {max(peaks) / 1024:.0f} MB ({len(walls)} processes)")


if __name__ == "__main__":
    main()
