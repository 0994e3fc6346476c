"""Benchmark: pathological inputs, each at two sizes (or more), through the command line.

Every case is a hostile input from issue 10 (deep nesting, one long line of a repeated word, a huge
msgid, YAML bombs, special files); each is run through `lvterm.cli` in this process (`cli.main`, the
code a user's `lvterm ...` runs, without the interpreter start-up), after one warm-up run at a tiny
size so that loading spaCy and the word lists is not counted; a figure is the best of three runs
(of one, past two seconds). A linear stage takes about twice as
long for twice the input ("growth" is t(2n) / t(n)); a refused input takes milliseconds whatever its
size.

Baselines, measured in the same run: the two quadratic steps of term extraction as they were before
issue 10 (`_containers` comparing every pair of spans in a sentence, `_position_score` every pair of
occurrences), and the HTML tree builder as it was (every start tag searching the open elements for
a <p>, every end tag searching them for its element), patched in for a second timing of the same
inputs.

Usage: .venv/bin/python benchmarks/pathological.py [--quick]   (--quick: the smaller sizes only)
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lvterm.cli import cli  # noqa: E402

TERMBASE = ROOT / "tests" / "fixtures" / "db" / "termbase"
POSTS = ROOT / "tests" / "fixtures" / "db" / "posts"


@dataclass
class Case:
    name: str
    unit: str
    sizes: tuple[int, ...]
    make: Callable[[Path, int], list[str]]  # (folder, size) -> argv
    note: str = ""


# --- the inputs ------------------------------------------------------------------------------------------


def _html(folder: Path, n: int) -> list[str]:
    page = folder / "page.html"
    page.write_text('<!doctype html><html><body><h1 class="entry-title">Dziļa lapa</h1>'
                    '<div class="entry-content">' + "<div>" * n + "Lasītava atvērta." + "</div>" * n
                    + "</div></body></html>\n", encoding="utf-8")
    return ["ingest", "--lang", "lv", "--json", str(page)]


def _wxr(folder: Path, n: int) -> list[str]:
    html = "<div>" * n + "Teksts par bibliotēkām." + "</div>" * n
    item = ("<item><title>{t}</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
            "<content:encoded>{c}</content:encoded></item>")
    export = folder / "export.xml"
    export.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                      'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                      'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Blogs</title>'
                      + item.format(t="Dziļš", c=escape(html)) + item.format(t="Labs", c="Bibliotēka ir laba.")
                      + "</channel></rss>\n", encoding="utf-8")
    return ["ingest", "--lang", "lv", "--json", str(export)]


def _repeated(word: str, chars: int) -> str:
    return ((word + " ") * (chars // (len(word) + 1))).strip()


def _extract(folder: Path, n: int) -> list[str]:
    (folder / "a.lv").write_text(_repeated("bibliotēka", n) + "\n", encoding="utf-8")
    (folder / "a.en").write_text(_repeated("library", n) + "\n", encoding="utf-8")
    return ["extract", str(folder / "a.lv"), str(folder / "a.en"), "--termbase", str(TERMBASE)]


def _extract_lines(folder: Path, n: int) -> list[str]:
    """n lines of 100,000 characters (the issue: five such lines did not finish in 23 CPU-minutes)."""
    (folder / "a.lv").write_text((_repeated("bibliotēka", 100_000) + "\n") * n, encoding="utf-8")
    (folder / "a.en").write_text((_repeated("library", 100_000) + "\n") * n, encoding="utf-8")
    return ["extract", str(folder / "a.lv"), str(folder / "a.en"), "--termbase", str(TERMBASE)]


def _check_po(folder: Path, n: int) -> list[str]:
    words = "membership fee and networking for the library association "
    po = folder / "long.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'#, fuzzy\nmsgid "{words * (n // len(words))}"\nmsgstr ""\n', encoding="utf-8")
    return ["check-po", str(po), "--termbase", str(TERMBASE), "--include-fuzzy"]


def _segment(folder: Path, n: int) -> list[str]:
    sentence = "Bibliotēka ir atvērta no 9.00 līdz 18.00, t.i., katru dienu. "
    (folder / "t.txt").write_text((sentence * (n // len(sentence))).strip() + "\n", encoding="utf-8")
    return ["segment", "--lang", "lv", str(folder / "t.txt")]


def _align(folder: Path, n: int) -> list[str]:
    (folder / "a.lv").write_text(_repeated("bibliotēka", n) + "\n", encoding="utf-8")
    (folder / "a.en").write_text(_repeated("library", n) + "\n", encoding="utf-8")
    return ["align", str(folder / "a.lv"), str(folder / "a.en"), "--src-lang", "lv", "--tgt-lang", "en"]


def _ingest_line(folder: Path, n: int) -> list[str]:
    (folder / "t.txt").write_text("Virsraksts\n\n" + _repeated("bibliotēka", n) + "\n", encoding="utf-8")
    return ["ingest", "--lang", "lv", "--json", str(folder / "t.txt")]


def _build_line(folder: Path, n: int) -> list[str]:
    """One post whose one paragraph of n characters, no sentence end, repeats four termbase terms
    (the exports' term contexts read its text once a term, not once an occurrence)."""
    (folder / "posts").mkdir(exist_ok=True)
    text = "bibliotēka krājums katalogs lasītava "
    (folder / "posts" / "x.lv.md").write_text("---\nslug: x\nlang: lv\ntitle: X\nsource: x\n---\n\n"
                                              + text * (n // len(text)) + "\n", encoding="utf-8")
    return ["build", "--corpus", str(folder / "posts"), "--db", str(folder / "db" / "lvterm.db"),
            "--termbase", str(ROOT / "termbase"), "--no-cache"]


def _tmx(folder: Path, n: int) -> list[str]:
    seg = "<hi>" * n + "{}" + "</hi>" * n
    (folder / "m.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="b" '
        'creationtoolversion="1" segtype="sentence" o-tmf="b" adminlang="en" srclang="en" datatype="plaintext"/>'
        f'<body><tu><tuv xml:lang="lv"><seg>{seg.format("Tīklošana palīdz.")}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{seg.format("Networking helps.")}</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8")
    return ["extract", "--tmx", str(folder / "m.tmx"), "--termbase", str(TERMBASE)]


def _yaml_deep(folder: Path, n: int) -> list[str]:
    (folder / "deep.yml").write_text("concepts: " + "[" * n + "]" * n + "\n", encoding="utf-8")
    return ["check-po", str(ROOT / "tests" / "fixtures" / "po" / "test_check_po_terms.po"),
            "--termbase", str(folder / "deep.yml")]


def _yaml_bomb(folder: Path, n: int) -> list[str]:
    """A front matter alias bomb of n levels (9^n strings; 9 levels: the issue's 374 bytes, 6.2 GB)."""
    levels = "abcdefghijklmnop"[:n]
    bomb = "".join(f"{k}: &{k} [{','.join([prev] * 9)}]\n"
                   for k, prev in zip(levels, ["lol", *(f"*{k}" for k in levels)]))
    (folder / "bomb.md").write_text(f"---\ntitle: B\n{bomb}---\n\nTeksts.\n", encoding="utf-8")
    return ["ingest", "--lang", "lv", "--json", str(folder / "bomb.md")]


def _fifo(folder: Path, n: int) -> list[str]:
    for i in range(n):
        os.mkfifo(folder / f"p{i}.txt")
    return ["ingest", "--lang", "lv", "--json", *(str(folder / f"p{i}.txt") for i in range(n))]


CASES = [
    Case("ingest: HTML, nested <div>", "levels", (4_000, 8_000), _html, "read (below the 10,000 bound)"),
    Case("ingest: HTML, nested <div>", "levels", (100_000, 200_000), _html, "refused: nested past the bound"),
    Case("ingest: WXR item, nested <div>", "levels", (4_000, 8_000), _wxr, "read"),
    Case("ingest: WXR item, nested <div>", "levels", (50_000, 100_000), _wxr, "item refused, the other read"),
    Case("ingest: one long line", "chars", (400_000, 800_000), _ingest_line),
    Case("ingest: one long line", "chars", (2_000_000, 4_000_000), _ingest_line,
         "refused: a paragraph past 1,000,000 chars"),
    Case("extract: one line of one word", "chars", (8_000, 16_000), _extract, "issue: 6.1 s / 17.6 s"),
    Case("extract: one line of one word", "chars", (50_000, 100_000), _extract),
    Case("extract: lines of 100,000 chars", "lines", (1, 2), _extract_lines, "issue: 5 lines never finished"),
    Case("check-po --include-fuzzy: one msgid", "bytes", (125_000, 1_000_000), _check_po,
         "issue: 2.0 s / 85 s (8x the size)"),
    Case("segment: one line of short sentences", "chars", (400_000, 800_000), _segment),
    Case("segment: one line of short sentences", "chars", (2_000_000, 50_000_000), _segment,
         "refused: a line past 1,000,000 chars"),
    Case("align: one long line each side", "chars", (100_000, 200_000), _align),
    Case("build: one paragraph repeating terms", "chars", (300_000, 900_000), _build_line,
         "was 6 s / 117 s, 0.5 / 12.5 GB"),
    Case("extract --tmx: <seg> in nested <hi>", "levels", (1_000, 10_000), _tmx, "read, no RecursionError"),
    Case("check-po --termbase: nested [ in YAML", "levels", (1_000, 10_000), _yaml_deep, "refused at 100"),
    Case("ingest: YAML alias bomb", "levels", (9, 12), _yaml_bomb, "refused at the first anchor"),
    Case("ingest: FIFOs as inputs", "FIFOs", (1, 2), _fifo, "refused, never read"),
]
QUICK = {"extract: lines of 100,000 chars"}


# --- running -----------------------------------------------------------------------------------------------


def run_cli(argv: list[str]) -> tuple[float, int]:
    """Seconds and exit code of `lvterm ARGV`, output discarded."""
    sink = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            cli.main(argv, prog_name="lvterm", standalone_mode=False)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return time.perf_counter() - start, code


def time_case(case: Case, size: int) -> tuple[float, int]:
    """The best of three runs (one when a run takes over two seconds): the least disturbed figure."""
    best = None
    for _ in range(3):
        folder = Path(tempfile.mkdtemp(prefix="lvterm-patho-"))
        try:
            figure = run_cli(case.make(folder, size))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        best = figure if best is None or figure[0] < best[0] else best
        if figure[0] > 2:
            break
    return best


@contextlib.contextmanager
def before_issue_10():
    """The quadratic steps as they were before issue 10, patched in (the baseline)."""
    from collections import defaultdict

    from lvterm.ingest import htmlpage
    from lvterm.terms import extract, pair

    def containers(by_segment):
        out = defaultdict(set)
        for spans in by_segment.values():
            for s, e, key in spans:
                for s2, e2, key2 in spans:
                    if key2 != key and s2 <= s and e <= e2 and (e2 - s2) > (e - s):
                        out[key].add(key2)
        return out

    def closest(a, b):
        return min(abs(x - y) for x in a for y in b)

    builder = htmlpage._TreeBuilder

    def close_p_if_open(self):
        if any(n.tag == "p" for n in self.stack[1:]):  # every start tag searched the open elements
            while self.stack[-1].tag != "p":
                if self.stack[-1].tag not in htmlpage.OPTIONAL_END:
                    return
                self._pop_to(len(self.stack) - 1)
            self._pop_to(len(self.stack) - 1)

    saved = (extract._containers, pair._closest, builder._close_p_if_open, htmlpage.MAX_DEPTH)
    extract._containers, pair._closest, builder._close_p_if_open = containers, closest, close_p_if_open
    htmlpage.MAX_DEPTH = 10**9
    try:
        yield
    finally:
        extract._containers, pair._closest, builder._close_p_if_open, htmlpage.MAX_DEPTH = saved


BASELINES = {("extract: one line of one word", 8_000), ("ingest: HTML, nested <div>", 4_000),
             ("ingest: WXR item, nested <div>", 4_000)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the slowest case")
    args = parser.parse_args()
    for case in {c.make: c for c in CASES}.values():  # warm-up: models and word lists loaded once
        time_case(case, 1 if case.make in (_extract_lines, _fifo, _yaml_bomb) else 10)
    print("| input | sizes | seconds | growth | exit | note |")
    print("|---|---|---|---|---|---|")
    for case in CASES:
        if args.quick and case.name in QUICK:
            continue
        figures = [time_case(case, n) for n in case.sizes]
        secs = " / ".join(f"{t:.2f}" for t, _ in figures)
        sizes = " / ".join(f"{n:,}" for n in case.sizes)
        growth = figures[-1][0] / max(figures[0][0], 1e-9)
        codes = ",".join(sorted({str(c) for _, c in figures}))
        print(f"| {case.name} | {sizes} {case.unit} | {secs} | {growth:.1f}x for "
              f"{case.sizes[-1] / case.sizes[0]:.3g}x | {codes} | {case.note} |", flush=True)
        if (case.name, case.sizes[0]) in BASELINES:
            with before_issue_10():
                old = [time_case(case, n) for n in case.sizes]
            print(f"| baseline: {case.name}, before issue 10 | {sizes} {case.unit} | "
                  f"{' / '.join(f'{t:.2f}' for t, _ in old)} | {old[-1][0] / max(old[0][0], 1e-9):.1f}x for "
                  f"{case.sizes[-1] / case.sizes[0]:.3g}x | | the quadratic step patched back in |", flush=True)
    import resource

    print(f"\npeak memory of this run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
