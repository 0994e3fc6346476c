"""Segmentation speed (Latvian unless --lang): words per second for lvterm and for spaCy's plain sentencizer.

    .venv/bin/python benchmarks/segment.py [--words 1000000] [--lang lv en] [--repeat 3]

Input per language: its gold set (tests/fixtures/segment/{lv,en}.txt) and newstest2017 (../shared, if
present; five sentences to a paragraph), repeated to about --words words. Both pipelines run over the
same paragraphs with nlp.pipe, and every sentence span is materialised; the runs alternate (between
the languages too, when several are given, so that they share the machine's load) and the best of
--repeat runs counts for each (as timeit does), which steadies figures on a shared machine. A third
line times `segment_paragraphs` as `lvterm segment` and the build call it (the same sentences as the
pipeline, without tokenising: `segment.pipeline._rule_spans`).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from lvterm.segment import make_nlp, make_sentencizer_nlp, segment_paragraphs
from lvterm.segment.evaluate import read_gold

ROOT = Path(__file__).resolve().parents[1]
NEWSTEST = ROOT.parent / "shared" / "data" / "newstest2017-lv-en"


def paragraphs(target_words: int, *, lang: str = "lv") -> list[str]:
    base = [" ".join(doc) for doc in read_gold(ROOT / "tests" / "fixtures" / "segment" / f"{lang}.txt")]
    news = NEWSTEST / f"newstest2017.{lang}"
    if news.is_file():
        lines = [ln.strip() for ln in news.read_text(encoding="utf-8").splitlines() if ln.strip()]
        base += [" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)]
    per_round = sum(len(p.split()) for p in base)
    rounds = max(1, round(target_words / per_round))
    return base * rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000)
    parser.add_argument("--lang", nargs="+", default=["lv"], choices=["lv", "en"])
    parser.add_argument("--repeat", type=int, default=3)
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


if __name__ == "__main__":
    main()
