"""Adding one post (and declaring its translation) to a large corpus: `lvterm ingest` as a user runs it.

A corpus of N paired posts (N Latvian, N English, five paragraphs each) is generated in a temp
folder; then the README walkthrough's two commands run through the real CLI (a subprocess): the
Latvian page, then its English version with `--translation lv:SLUG`, which also updates the Latvian
file. Ingest parses only the post files that name the run's slugs; the baseline, measured in the
same run, is what parsing every post file of the corpus costs (`formats.post.load_corpus`), which
is what a run that read the whole folder would add.

    .venv/bin/python benchmarks/ingest_into_corpus.py [N ...]     # default: 1000 5000
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lvterm.formats import post as post_format  # noqa: E402
from lvterm.models import Post  # noqa: E402

LVTERM = Path(sys.executable).parent / "lvterm"
WALKTHROUGH = ROOT / "tests" / "fixtures" / "walkthrough"
PARAGRAPH = ("Bibliotēka piedāvā grāmatas, žurnālus un datubāzes. ",
             "The library offers books, journals and databases. ")


def corpus(folder: Path, n: int) -> None:
    for i in range(n):
        for lang, other, text in (("lv", "en", PARAGRAPH[0]), ("en", "lv", PARAGRAPH[1])):
            post = Post(slug=f"raksts-{i}", lang=lang, title=f"Raksts {i}", paragraphs=(text * 8,) * 5,
                        translations={other: f"raksts-{i}"})
            (folder / f"raksts-{i}.{lang}.md").write_text(post_format.dumps(post), encoding="utf-8")


def timed(args: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([str(LVTERM), *args], cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def main(sizes: list[int]) -> None:
    print(f"{'posts':>7} {'ingest lv page':>15} {'ingest en + declare':>20} {'parse every file (baseline)':>28}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "posts"
            folder.mkdir()
            corpus(folder, n)
            lv = timed(["ingest", str(WALKTHROUGH / "gramatu-maina.html"), "--out", str(folder)], Path(tmp))
            en = timed(["ingest", str(WALKTHROUGH / "book-swap.md"), "--out", str(folder), "--translation",
                        "lv:gramatu-mainas-plaukts"], Path(tmp))
            declared = post_format.load(folder / "gramatu-mainas-plaukts.lv.md").translations
            assert declared == {"en": "the-book-swap-shelf"}
            started = time.perf_counter()
            post_format.load_corpus(folder)
            baseline = time.perf_counter() - started
            print(f"{2 * n:>7} {lv:>14.2f}s {en:>19.2f}s {baseline:>27.2f}s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 5000])
