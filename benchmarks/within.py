"""The terms of a sentence (`Library.within`, what `lvterm lookup` and the site list for a pasted
sentence or paragraph): time per text and terms found, on real sentences.

Run: .venv/bin/python benchmarks/within.py [--db build/lvterm.db] [--sentences 1000] [--paragraphs 200]

Reads newstest2017 lv-en (../shared/data): up to --sentences Latvian and as many English sentences
of at most 200 characters, and --paragraphs texts of consecutive sentences (the files keep their
documents' order) of up to 2,000 characters (the most `lvterm lookup` takes), each given to
`Library.within` of the library at --db (`lvterm build` writes build/lvterm.db) after one warm-up
call; prints p50, p99 and the mean in milliseconds per language and kind, and how many texts
named at least one term.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lvterm import Library  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "newstest2017-lv-en"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "build" / "lvterm.db"))
    parser.add_argument("--sentences", type=int, default=1000)
    parser.add_argument("--paragraphs", type=int, default=200)
    args = parser.parse_args()
    if not Path(args.db).is_file():
        raise SystemExit(f"benchmarks/within.py: {args.db} missing: run `lvterm build` first")
    lib = Library(args.db)
    lib.within("Tīklošana ir svarīga.")  # (the index opened, the caches warm)
    for lang in ("lv", "en"):
        path = NEWS / f"newstest2017.{lang}"
        if not path.is_file():
            raise SystemExit(f"benchmarks/within.py: {path} missing (the development data beside the checkout)")
        lines = [s for s in path.read_text(encoding="utf-8").splitlines() if s.strip()]
        report(lib, f"{lang} sentences", [s for s in lines if len(s) <= 200][:args.sentences])
        report(lib, f"{lang} paragraphs", paragraphs(lines, most=2000)[:args.paragraphs])


def paragraphs(lines: list[str], *, most: int) -> list[str]:
    """Consecutive lines joined by a space into texts of at most `most` characters, each as long as
    the next line allows."""
    out, text = [], ""
    for line in lines:
        if text and len(text) + 1 + len(line) > most:
            out.append(text)
            text = ""
        text = f"{text} {line}" if text else line[:most]
    return out + [text] * bool(text)


def report(lib: Library, name: str, texts: list[str]) -> None:
    times, named = [], 0
    for text in texts:
        t = time.perf_counter()
        hits = lib.within(text)
        times.append((time.perf_counter() - t) * 1000)
        named += bool(hits)
    times.sort()
    chars = statistics.fmean(len(t) for t in texts)
    print(f"{name}: {len(texts)} (mean {chars:.0f} characters), p50 {times[len(times) // 2]:.2f} ms, "
          f"p99 {times[int(len(times) * 0.99)]:.2f} ms, mean {statistics.fmean(times):.2f} ms; "
          f"{named} named at least one term")

if __name__ == "__main__":
    main()
