"""Benchmark: pre-translate a 10,000-entry .pot against a 100,000-segment translation memory.

Both are generated from ../shared/data/newstest2017-lv-en (2,001 lv/en sentence pairs) with
variations: numbers changed, a word dropped, replaced or moved, two sentences joined, a clause cut.
10% of the sentence pairs are held out of the memory so that part of the template has no match.

Reports, in one run on one core:
- lvterm: the exact-match dict, then the blocked fuzzy index (rare-word inverted index counted
  with numpy, length band) and rapidfuzz `process.extract` on the short list; index build included;
- end to end: `lvterm.localise.pretranslate.pretranslate()` reading a .pot and a TMX memory file
  from disk and writing the .po (what `lvterm pretranslate T.pot -o O.po --tm M.tmx` does);
- baseline: rapidfuzz `process.extractOne(query, whole memory, scorer=fuzz.ratio, score_cutoff)`
  per entry, timed on a random sample of entries and extrapolated to 10,000 (it is too slow to run
  in full), and the agreement of lvterm's best fuzzy score with the baseline's on that sample.

Usage: .venv/bin/python benchmarks/pretranslate.py [--entries 10000] [--memory 100000] [--sample 300]
"""
from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "newstest2017-lv-en"
sys.path.insert(0, str(ROOT / "src"))

from lvterm.formats import po as pofmt  # noqa: E402
from lvterm.formats import tmx  # noqa: E402
from lvterm.localise.pretranslate import pretranslate, pretranslate_file  # noqa: E402
from lvterm.localise.tm import Memory, TMEntry  # noqa: E402


def variant(rnd: random.Random, en: str, lv: str, pool: list[tuple[str, str]]) -> tuple[str, str]:
    """A plausible edit of a sentence pair (the English side drives the fuzzy score)."""
    kind = rnd.randrange(6)
    words = en.split()
    if kind == 0 and re.search(r"\d", en):
        n = str(rnd.randint(2, 2050))
        return re.sub(r"\d+", n, en, count=1), re.sub(r"\d+", n, lv, count=1)
    if kind == 1 and len(words) > 4:
        del words[rnd.randrange(len(words))]
        return " ".join(words), lv
    if kind == 2 and len(words) > 3:
        other = rnd.choice(pool)[0].split()
        words[rnd.randrange(len(words))] = rnd.choice(other)
        return " ".join(words), lv
    if kind == 3 and len(words) > 4:
        i = rnd.randrange(len(words) - 1)
        words[i], words[i + 1] = words[i + 1], words[i]
        return " ".join(words), lv
    if kind == 4:
        en2, lv2 = rnd.choice(pool)
        return f"{en} {en2}", f"{lv} {lv2}"
    if "," in en and "," in lv:
        return en.split(",", 1)[0] + ".", lv.split(",", 1)[0] + "."
    return f"{en} (updated)", f"{lv} (atjaunināts)"


def make_data(n_memory: int, n_entries: int, seed: int = 2017):
    en_lines = (DATA / "newstest2017.en").read_text(encoding="utf-8").splitlines()
    lv_lines = (DATA / "newstest2017.lv").read_text(encoding="utf-8").splitlines()
    pairs = [(e.strip(), v.strip()) for e, v in zip(en_lines, lv_lines) if e.strip() and v.strip()]
    rnd = random.Random(seed)
    rnd.shuffle(pairs)
    held = pairs[: len(pairs) // 10]
    known = pairs[len(pairs) // 10:]
    memory: dict[str, str] = dict(known)
    while len(memory) < n_memory:
        en, lv = variant(rnd, *rnd.choice(known), known)
        memory.setdefault(en, lv)
    mem_items = list(memory.items())
    entries: dict[str, None] = {}
    while len(entries) < n_entries:
        r = rnd.random()
        if r < 0.3:  # exact (with whitespace noise now and then)
            en = rnd.choice(mem_items)[0]
            en = en.replace(" ", "  ", 1) if rnd.random() < 0.2 else en
        elif r < 0.75:  # near: an edit of a memory sentence
            en = variant(rnd, *rnd.choice(mem_items), known)[0]
        else:  # new: held-out sentences and their variants
            en = variant(rnd, *rnd.choice(held), held)[0] if rnd.random() < 0.5 else rnd.choice(held)[0]
        entries.setdefault(en, None)
    return mem_items, list(entries)


def make_pot(msgids: list[str]):
    po = pofmt.new_pofile(metadata={"Project-Id-Version": "bench", "Content-Type": "text/plain; charset=UTF-8",
                                    "POT-Creation-Date": "2024-01-01 00:00+0000"})
    import polib

    for i, msgid in enumerate(msgids):
        po.append(polib.POEntry(msgid=msgid, msgstr="", occurrences=[("bench.py", str(i + 1))]))
    return po


class Timer:
    """Wall-clock and CPU seconds of a block (CPU shows the cost when the machine is busy)."""

    def __enter__(self):
        self.w0, self.c0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc):
        self.wall, self.cpu = time.perf_counter() - self.w0, time.process_time() - self.c0
        return False

    def __str__(self):
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--entries", type=int, default=10_000)
    ap.add_argument("--memory", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=300, help="entries the whole-memory baseline is timed on")
    ap.add_argument("--threshold", type=float, default=75.0)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"skipped: {DATA} not found", file=sys.stderr)
        return 0

    t0 = time.perf_counter()
    mem_items, msgids = make_data(args.memory, args.entries)
    pot = make_pot(msgids)
    print(f"data: {len(mem_items):,} memory segments, {len(msgids):,} template entries "
          f"(generated in {time.perf_counter() - t0:.1f} s)")

    # lvterm, in memory: build the index and pre-translate every entry
    with Timer() as t_index:
        memory = Memory(TMEntry(source=en, targets=(lv,), origin="bench") for en, lv in mem_items)
        memory._build()
    with Timer() as t_match:
        _, stats = pretranslate_file(pot, memory, threshold=args.threshold)
    total = t_index.wall + t_match.wall
    print(f"lvterm pretranslate: {total:.2f} s (CPU {t_index.cpu + t_match.cpu:.2f} s) = index build {t_index} "
          f"+ matching {t_match}; {stats.summary()}")

    # end to end through files: .pot and TMX read from disk, .po written
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        pofmt.save(pot, tmp / "bench.pot")
        with open(tmp / "memory.tmx", "w", encoding="utf-8") as fp:
            tmx.dump((tmx.TMXUnit.of({"en": en, "lv": lv}) for en, lv in mem_items), fp, srclang="en")
        with Timer() as t_e2e:
            pretranslate(template=tmp / "bench.pot", out=tmp / "bench.lv.po", tm_files=[tmp / "memory.tmx"],
                         threshold=args.threshold)
    print(f"end to end (lvterm pretranslate bench.pot -o bench.lv.po --tm memory.tmx): {t_e2e}")

    # baseline: extractOne over the whole memory per entry, on a sample, extrapolated
    from rapidfuzz import fuzz, process, utils

    processed = [utils.default_process(en) for en, _ in mem_items]
    rnd = random.Random(7)
    sample = rnd.sample(msgids, min(args.sample, len(msgids)))
    with Timer() as t_base:
        baseline = [process.extractOne(utils.default_process(q), processed, scorer=fuzz.ratio,
                                       score_cutoff=args.threshold, processor=None) for q in sample]
    per_entry, per_cpu = t_base.wall / len(sample), t_base.cpu / len(sample)
    print(f"baseline process.extractOne over the whole memory: {per_entry * 1000:.1f} ms/entry "
          f"(CPU {per_cpu * 1000:.1f} ms) on {len(sample)} entries -> {per_entry * len(msgids):.0f} s "
          f"(CPU {per_cpu * len(msgids):.0f} s) extrapolated to {len(msgids):,} entries, "
          f"{per_cpu * len(msgids) / (t_index.cpu + t_match.cpu):.0f}x lvterm's CPU time")

    # agreement: lvterm's best fuzzy score vs the baseline's on the same sample
    agree = found_b = found_l = 0
    for q, b in zip(sample, baseline):
        ours = memory.fuzzy(q, threshold=args.threshold, limit=1)
        found_b += b is not None
        found_l += bool(ours)
        if (b is None and not ours) or (b is not None and ours and abs(ours[0].score - b[1]) < 1e-6):
            agree += 1
    print(f"agreement with the baseline on the sample: {agree}/{len(sample)} same best score "
          f"(matches >= {args.threshold:g}: baseline {found_b}, lvterm {found_l})")
    print(f"peak memory: {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
