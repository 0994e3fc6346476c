"""Term extraction and pairing quality: lvterm against the previous extractor, in the same run.

    .venv/bin/python benchmarks/terms.py               # the table (Markdown) on stdout
    .venv/bin/python benchmarks/terms.py --show 20     # ... and each system's top pairs
    .venv/bin/python benchmarks/terms.py --worksheet   # pairs in a top 100 not judged yet
    .venv/bin/python benchmarks/terms.py --aligner eflomal --eflomal-python PATH
                                                       # lvterm's pairing on eflomal's links

What is measured is what `lvterm extract` prints: the lv-en pairs above the extraction threshold,
best first. P@20 and P@100: the share of right pairs among the first 20 / 100 (of all, when fewer
are proposed: the count is shown). A pair is right when its Latvian term is a gold term of the
corpus and its English one of that term's acceptable equivalents; a Latvian term listed again (a
second inflected form) is wrong: a duplicate entry for a translator. Recall: the gold list's terms
found with a right English equivalent anywhere in the output; for the library-science bitext
exactly, the canonical form and the English term as the gold list writes them.

Corpora: (a) library-science, a Latvian-English text about a library written for this benchmark
(tests/fixtures/terms/library_science.lv/.en, 56 line-aligned sentence pairs; its 18 gold terms
with canonical forms, English equivalents and the forms that occur are
tests/fixtures/terms/library_science.gold.tsv); (b) newstest2017 lv-en (../shared/data, 2,001
line-aligned pairs of news; skipped when absent); (c) the seed post (tests/fixtures/align/seed.*,
21 sentences with hand-made gold beads).

Judgements (benchmarks/gold/<corpus>.tsv: `lv<TAB>en|en...`, the gold terms with every acceptable
equivalent, matched by stem key; <corpus>.rejected.txt: Latvian items judged not to be terms)
were written by hand as items entered either system's top 100 during development, and a judgment
once made was kept; `--worksheet` lists what is still unjudged. Criteria are at the top of each
file. The library-science list adds the fixture's 18 gold terms.

Systems: lvterm (noun phrases that keep to clause and name boundaries, C-value termhood, canonical
forms from the Hunspell lexicon, pairing by word alignment with a calibrated confidence, threshold
constants.EXTRACT_MIN_CONFIDENCE); previous (the extractor before issue 11, run from git at
PREVIOUS_COMMIT with today's morphology: spaCy Matcher templates, pairing by co-occurrence, IBM
Model 1, cognates and position, its threshold 0.15); and an n-gram baseline (lower-cased word
n-grams, n = 1..3, without a function
word at either end, ranked by frequency, each paired with the English n-gram of best Dice).
"""
from __future__ import annotations

import argparse
import atexit
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = Path(__file__).resolve().parent / "gold"
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT / "src"))

from lvterm.constants import EXTRACT_MIN_CONFIDENCE  # noqa: E402
from lvterm.lang import en as en_lang  # noqa: E402
from lvterm.lang import lv as lv_lang  # noqa: E402
from lvterm.lang.keys import words  # noqa: E402
from lvterm.models import Bead  # noqa: E402

KS = (20, 100)
PREVIOUS_MIN_CONFIDENCE = 0.15  # the previous extractor's threshold (constants.EXTRACT_MIN_CONFIDENCE then)


# --- corpora -----------------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def library_science_corpus():
    d = FIXTURES / "terms"
    lv, en = _lines(d / "library_science.lv"), _lines(d / "library_science.en")
    return lv, en, [Bead((i,), (i,)) for i in range(len(lv))]


def seed_corpus():
    d = FIXTURES / "align"
    beads = []
    for line in _lines(d / "seed.gold"):
        src, tgt = line.split(":")[:2]
        beads.append(Bead(tuple(int(x) for x in re.findall(r"\d+", src)),
                          tuple(int(x) for x in re.findall(r"\d+", tgt))))
    return _lines(d / "seed.lv"), _lines(d / "seed.en"), beads


def newstest_corpus():
    d = SHARED / "data" / "newstest2017-lv-en"
    lv, en = _lines(d / "newstest2017.lv"), _lines(d / "newstest2017.en")
    return lv, en, [Bead((i,), (i,)) for i in range(len(lv))]


CORPORA = {"library-science": library_science_corpus, "newstest2017": newstest_corpus, "seed": seed_corpus}


# --- systems: (lv text, lv key, en text, en key, confidence) pairs, best first ------------------


def lvterm_pairs(lv, en, beads, *, aligner=None, per_term=1, min_confidence=EXTRACT_MIN_CONFIDENCE):
    """What `lvterm extract` prints (on the corpus's beads)."""
    from lvterm.terms.extract import extract_terms
    from lvterm.terms.pair import best_pairs, pair_terms

    lvc, enc = extract_terms(lv, lang="lv"), extract_terms(en, lang="en")
    options = {} if aligner is None else {"aligner": aligner}
    pairs = pair_terms(lvc, enc, beads, lv_sentences=lv, en_sentences=en, per_term=per_term, **options)
    return [(p.lv, p.lv_key, p.en, p.en_key, p.confidence) for p in best_pairs(pairs)
            if p.confidence >= min_confidence and p.score > 0]


#: The commit whose term extractor was the one before issue 11 (spaCy Matcher templates; pairing by
#: co-occurrence, IBM Model 1, cognates and position); `previous_pairs` runs it from git.
PREVIOUS_COMMIT = "2d9f5b24ef7883e6c0be8337055c21ab48371144"
_PREVIOUS_DIR: list[Path] = []


def _previous_package() -> None:
    """src/lvterm/terms/{extract,patterns,pair}.py at PREVIOUS_COMMIT, as the importable package
    `previous_terms` in a temporary folder (relative imports made absolute: the rest of lvterm is
    today's; its spaCy component registered under another name)."""
    if _PREVIOUS_DIR:
        return
    folder = Path(tempfile.mkdtemp(prefix="lvterm-previous-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    package = folder / "previous_terms"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in ("extract", "patterns", "pair"):
        text = subprocess.run(["git", "-C", str(ROOT), "show", f"{PREVIOUS_COMMIT}:src/lvterm/terms/{name}.py"],
                              capture_output=True, text=True, check=True).stdout
        text = re.sub(r"^(\s*)from \.\. import", r"\1from lvterm import", text, flags=re.M)
        text = re.sub(r"^(\s*)from \.\.(\w)", r"\1from lvterm.\2", text, flags=re.M)
        text = re.sub(r"^(\s*)from \.(\w)", r"\1from previous_terms.\2", text, flags=re.M)
        text = text.replace('"lvterm_morphology"', '"lvterm_morphology_previous"')
        (package / f"{name}.py").write_text(text, encoding="utf-8")
    sys.path.insert(0, str(folder))
    _PREVIOUS_DIR.append(folder)


def previous_pairs(lv, en, beads):
    _previous_package()
    from previous_terms.extract import extract_terms
    from previous_terms.pair import best_pairs, pair_terms

    lvc, enc = extract_terms(lv, lang="lv"), extract_terms(en, lang="en")
    pairs = pair_terms(lvc, enc, beads, lv_sentences=lv, en_sentences=en, per_term=1)
    return [(p.lv, p.lv_key, p.en, p.en_key, p.confidence) for p in best_pairs(pairs)
            if p.confidence >= PREVIOUS_MIN_CONFIDENCE and p.score > 0]


def _stop(lang):
    m = lv_lang if lang == "lv" else en_lang
    return frozenset(w.lower() for a in ("ADPOSITIONS", "CONJUNCTIONS", "SUBORDINATORS", "PRONOUNS",
                                         "PARTICLES", "AUXILIARIES", "ADVERBS", "NUMERALS",
                                         "DETERMINERS") for w in getattr(m, a, ()))


def ngrams(text, stop, n_max=3):
    toks = [w.lower() for w in words(text)]
    for n in range(1, n_max + 1):
        for i in range(len(toks) - n + 1):
            g = toks[i:i + n]
            if g[0] in stop or g[-1] in stop or any(ch.isdigit() for w in g for ch in w):
                continue
            if any(len(w) < 2 for w in g):
                continue
            yield " ".join(g)


def baseline_pairs(lv, en, beads, k=100):
    lv_stop, en_stop = _stop("lv"), _stop("en")
    lv_lines, en_lines = defaultdict(set), defaultdict(set)
    lv_count, en_count = Counter(), Counter()
    for b, bead in enumerate(beads):
        for i in bead.src:
            for g in ngrams(lv[i], lv_stop):
                lv_count[g] += 1
                lv_lines[g].add(b)
        for i in bead.tgt:
            for g in ngrams(en[i], en_stop):
                en_count[g] += 1
                en_lines[g].add(b)
    by_bead = defaultdict(set)
    for g, bs in en_lines.items():
        for b in bs:
            by_bead[b].add(g)
    out = []
    for g in sorted(lv_count, key=lambda g: (-lv_count[g], g))[:k]:
        ls = lv_lines[g]
        options = set().union(*(by_bead[b] for b in ls))
        best = max(options, key=lambda e: (2 * len(ls & en_lines[e]) / (len(ls) + len(en_lines[e])),
                                           en_count[e], e), default=None)
        if best is not None:
            out.append((g, lv_lang.stem_key(g), best, en_lang.stem_key(best), 0.0))
    return out


# --- eflomal's links, for the comparison of word aligners -------------------------------------


_EFLOMAL = """
import sys, eflomal
src, tgt, fwd, rev = sys.argv[1:5]
def lines(path):
    return open(path, encoding="utf-8").read().splitlines()
eflomal.Aligner().align(lines(src), lines(tgt), links_filename_fwd=fwd, links_filename_rev=rev, quiet=True)
"""


def eflomal_aligner(python: str):
    """An `aligner` for pair_terms that runs eflomal (installed for `python`: it builds from
    source) on the same tokens and symmetrises its two directions as align_words does."""
    from lvterm.wordalign import grow_diag_final_and

    def links(text: str) -> set[tuple[int, int]]:
        return {tuple(int(x) for x in pair.split("-")) for pair in text.split()}

    def align(pairs, *, prior=None):
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            # eflomal reads tokens split at spaces; an empty side is one placeholder token
            (d / "src").write_text("".join(" ".join(s or ["_"]) + "\n" for s, _ in pairs), encoding="utf-8")
            (d / "tgt").write_text("".join(" ".join(t or ["_"]) + "\n" for _, t in pairs), encoding="utf-8")
            subprocess.run([python, "-c", _EFLOMAL, d / "src", d / "tgt", d / "fwd", d / "rev"], check=True)
            fwd, rev = _lines(d / "fwd"), _lines(d / "rev")
        out = []
        for (s, t), f, r in zip(pairs, fwd, rev):
            sym = grow_diag_final_and(links(f), links(r), n_src=len(s), n_tgt=len(t))
            sym = {(i, j) for i, j in sym if i < len(s) and j < len(t)}
            out.append((sym, {link: 1.0 for link in sym}))
        return out

    return align


# --- judging -------------------------------------------------------------------------------


def _rows(path: Path):
    if not path.exists():
        return
    for line in _lines(path):
        if line.strip() and not line.startswith("#"):
            yield line


def load_gold(name: str) -> dict[str, set[str]]:
    """Stem key of each gold Latvian term -> stem keys of its acceptable English equivalents."""
    gold: dict[str, set[str]] = defaultdict(set)
    for line in _rows(GOLD / f"{name}.tsv"):
        lv, _, ens = line.partition("\t")
        gold[lv_lang.stem_key(lv)] |= {en_lang.stem_key(e) for e in ens.split("|") if e.strip()}
    for row in fixture_gold() if name == "library-science" else ():
        gold[lv_lang.stem_key(row["lv"])] |= {en_lang.stem_key(e) for e in row["en"].split("|")}
    return dict(gold)


def fixture_gold() -> list[dict[str, str]]:
    with open(FIXTURES / "terms" / "library_science.gold.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load_rejected(name: str) -> set[str]:
    """Stem keys of the Latvian items judged not to be terms (benchmarks/gold/<corpus>.rejected.txt)."""
    return {lv_lang.stem_key(line) for line in _rows(GOLD / f"{name}.rejected.txt")}


def judge(pairs, gold) -> list[bool]:
    """Right or wrong, for each pair in order (a Latvian term credited before is wrong)."""
    credited, out = set(), []
    for _, key, _, en_key, _ in pairs:
        ok = key in gold and key not in credited and en_key in gold[key]
        if ok:
            credited.add(key)
        out.append(ok)
    return out


def precision(right: list[bool], k: int) -> tuple[float, int]:
    n = min(k, len(right))
    return (sum(right[:k]) / n if n else 0.0), n


def recall(name: str, pairs, gold) -> tuple[int, int]:
    """(gold terms found with a right equivalent, gold terms). library-science: exact forms."""
    if name == "library-science":
        found = {(lv, en) for lv, _, en, _, _ in pairs}
        rows = fixture_gold()
        return sum(any((r["lv"], e) in found for e in r["en"].split("|")) for r in rows), len(rows)
    hits = {key for key, ok in zip((p[1] for p in pairs), judge(pairs, gold)) if ok}
    return len(hits & set(gold)), len(gold)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    ap.add_argument("--worksheet", action="store_true",
                    help="print the top-100 pairs of every system whose Latvian term is not judged yet")
    ap.add_argument("--show", type=int, default=0, help="print each system's first N pairs, judged")
    ap.add_argument("--aligner", choices=("lvterm", "eflomal"), default="lvterm",
                    help="word aligner behind lvterm's pairing (eflomal: needs --eflomal-python)")
    ap.add_argument("--eflomal-python", help="a Python that can import eflomal")
    ap.add_argument("--json", help="also write every system's pairs and figures to this JSON file")
    args = ap.parse_args(argv)
    aligner = eflomal_aligner(args.eflomal_python) if args.aligner == "eflomal" else None
    rows, dump = [], {}
    for name in args.corpus or list(CORPORA):
        try:
            lv, en, beads = CORPORA[name]()
        except FileNotFoundError as exc:
            print(f"{name}: skipped ({exc.filename} not found)", file=sys.stderr)
            continue
        gold, rejected = load_gold(name), load_rejected(name)
        systems = {}
        for system, run in (("lvterm" if aligner is None else "lvterm (eflomal links)",
                             lambda: lvterm_pairs(lv, en, beads, aligner=aligner)),
                            ("previous", lambda: previous_pairs(lv, en, beads)),
                            ("n-gram baseline", lambda: baseline_pairs(lv, en, beads))):
            t0 = time.perf_counter()
            systems[system] = run()
            print(f"{name}: {system} took {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        if args.worksheet:
            seen = set(gold) | rejected
            for system, pairs in systems.items():
                for rank, (text, key, etext, ekey, _) in enumerate(pairs[:100], start=1):
                    if key not in seen:
                        seen.add(key)
                        print(f"{name}\t{system}\t{rank}\t{text}\t{etext}")
            continue
        for system, pairs in systems.items():
            right = judge(pairs, gold)
            if args.show:
                print(f"\n{name}, {system}:")
                for (text, key, etext, _, conf), ok in list(zip(pairs, right))[:args.show]:
                    mark = "+" if ok else ("?" if key not in gold and key not in rejected else "-")
                    print(f"  {mark} {text} -> {etext}  ({conf:.2f})")
            cells = [precision(right, k) for k in KS]
            found, total = recall(name, pairs, gold)
            rows.append((name, len(lv), system, len(pairs), cells, found, total))
            dump.setdefault(name, {})[system] = {
                "pairs": [list(p) for p in pairs], "right": right,
                "precision": {str(k): c[0] for k, c in zip(KS, cells)}, "recall": [found, total]}
    if args.worksheet:
        return
    print()
    print("| corpus | sentence pairs | system | pairs | P@20 | P@100 | recall |")
    print("|---|---|---|---|---|---|---|")
    for name, n_lines, system, n_pairs, cells, found, total in rows:
        shown = [f"{p:.2f}" + (f" (of {n})" if n < k else "") for (p, n), k in zip(cells, KS)]
        print(f"| {name} | {n_lines} | {system} | {n_pairs} | {shown[0]} | {shown[1]} | "
              f"{found}/{total} ({found / total if total else 0:.2f}) |")
    if args.json:
        Path(args.json).write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
