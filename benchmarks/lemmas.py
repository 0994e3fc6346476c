"""Lemma accuracy of lvterm's Latvian lemmatiser against simplemma and LatvianStemmer, in one run,
and how long the Hunspell lexicon takes to load (cold: read with spylls; cached: the compact copy).

    .venv/bin/python benchmarks/lemmas.py [--errors] [--runs N]

Gold: tests/fixtures/morph/lv_lemmas.tsv (form, lemma, part of speech; 508 forms written for lvterm),
split by a hash of the form into a `tune` half (its errors were looked at while developing) and a
`held-out` half (only its score was seen); and lv_lemmas_fresh.tsv (268 forms of other lemmas,
written when development was over and scored once, unchanged since). docs/morphology.md tells
what was changed when.

Criteria. lvterm and simplemma: the lemma equals the gold lemma (letter case ignored).
LatvianStemmer gives stems, not lemmas: it counts as right when the form and its gold lemma get the
same stem (stem equality). That is lenient (a stem that also swallows other lemmas still counts),
so its figure is an upper bound of what it could do as a lemmatiser.

Load times run in fresh interpreters (`--runs` each, median), timed inside the process around the
first call, so interpreter start-up is not counted: spylls reading lv_LV.aff/.dic; lvterm's lexicon
cold (empty cache folder: spylls, compile, write the cache) and cached; simplemma's first lemma.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from lvterm.lang import lexicon, lv
from lvterm.lang.lemma_gold import HALVES, read_gold, same_lemma, score

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "morph" / "lv_lemmas.tsv"
FRESH = ROOT / "tests" / "fixtures" / "morph" / "lv_lemmas_fresh.tsv"

TIMED = {
    "spylls: read lv_LV.aff + .dic": "from spylls.hunspell import Dictionary\n"
                                     "from lvterm.lang.lexicon import DATA_DIR\n"
                                     "t = time.perf_counter(); Dictionary.from_files(str(DATA_DIR / 'lv_LV'))",
    "lvterm lexicon, cold (no cache)": "from lvterm.lang import lexicon\n"
                                       "t = time.perf_counter(); lexicon.get(); lexicon.lemmas('naudām')",
    "lvterm lexicon, cached": "from lvterm.lang import lexicon\n"
                              "t = time.perf_counter(); lexicon.get(); lexicon.lemmas('naudām')",
    "simplemma: first Latvian lemma": "t = time.perf_counter(); import simplemma\n"
                                      "simplemma.lemmatize('naudām', lang='lv')",
}


def timed(code: str, *, env: dict[str, str]) -> float:
    script = "import time\n" + code + "\nprint(time.perf_counter() - t)"
    out = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True)
    return float(out.stdout.strip().splitlines()[-1])


def load_times(runs: int) -> list[tuple[str, float, float]]:
    """(what, median seconds, min seconds) of each TIMED snippet."""
    out = []
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "LVTERM_CACHE_DIR": cache}
        for name, code in TIMED.items():
            times = []
            for _ in range(runs):
                if "cold" in name:  # every cold run starts from an empty cache folder
                    for f in Path(cache).iterdir():
                        f.unlink()
                times.append(timed(code, env=env))
            out.append((name, statistics.median(times), min(times)))
    return out


def main(argv: list[str]) -> None:
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    gold = read_gold(GOLD)
    fresh = read_gold(FRESH)
    import LatvianStemmer
    import simplemma

    def lexicon_alone(form: str) -> str | None:
        found = lexicon.lemmas(form)
        return found[0][0] if found else None

    methods = {
        "lvterm: Hunspell lexicon, fallbacks for unknown words": lambda g: same_lemma(lv.lemma(g.form), g.lemma),
        "lvterm: Hunspell lexicon alone (unknown = wrong)": lambda g: same_lemma(lexicon_alone(g.form), g.lemma),
        "simplemma 1.x": lambda g: same_lemma(simplemma.lemmatize(g.form, lang="lv"), g.lemma),
        "LatvianStemmer (stem equality)": lambda g: LatvianStemmer.stem(g.form.lower())
        == LatvianStemmer.stem(g.lemma.lower()),
    }
    halves = {h: sum(g.half == h for g in gold) for h in HALVES}
    print(f"Gold: {GOLD.relative_to(ROOT)}: {len(gold)} forms, {len({g.lemma for g in gold})} lemmas "
          f"(tune {halves['tune']}, held-out {halves['held-out']}); {FRESH.relative_to(ROOT)}: "
          f"{len(fresh)} forms, {len({g.lemma for g in fresh})} lemmas\n")
    print("| lemmatiser | held-out | tune | all | fresh list |")
    print("|---|---|---|---|---|")
    for name, correct in methods.items():
        s = score(gold, correct)
        print(f"| {name} | {s['held-out']:.3f} | {s['tune']:.3f} | {s['all']:.3f} | {score(fresh, correct)['all']:.3f} |")
    sources = Counter(lv.lemma_source(g.form) for g in gold)
    print("\nWho answered for lvterm: " + ", ".join(f"{src} {sources[src]}" for src in lv.LEMMA_SOURCES))
    for name, forms in (("lv_lemmas", gold), ("fresh list", fresh)):
        generated = sum(g.form in lexicon.forms(g.lemma) for g in forms)
        print(f"Gold forms ({name}) found in the paradigm generated for their gold lemma: {generated}/{len(forms)} "
              f"({generated / len(forms):.3f})")
    print(f"\nLoad times (fresh interpreter each, median of {runs} [min]):\n")
    print("| what | seconds |")
    print("|---|---|")
    for name, median, low in load_times(runs):
        print(f"| {name} | {median:.3f} [{low:.3f}] |")
    if "--errors" in argv:
        print()
        for g in gold:
            if g.half == "tune" and not same_lemma(lv.lemma(g.form), g.lemma):
                print(f"tune\t{g.form}\tgold {g.lemma}\tlvterm {lv.lemma(g.form)} ({lv.lemma_source(g.form)})")


if __name__ == "__main__":
    main(sys.argv[1:])
