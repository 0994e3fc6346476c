"""Term extraction quality: precision of the top 20 / top 100 Latvian candidates and of their English
equivalents, lvterm (morphology, patterns, C-value, pairing) against a baseline of plain
frequency-ranked n-grams without morphology, judged against hand-written gold lists.

    .venv/bin/python benchmarks/terms.py            # the table
    .venv/bin/python benchmarks/terms.py --worksheet # unjudged items of both systems, to extend gold

Corpora: the seed post (tests/fixtures/align/seed.lv/.en with its hand-made gold beads) and
newstest2017 lv-en (../shared/data, 2,001 line-aligned sentence pairs).

Gold lists (benchmarks/gold/<corpus>.tsv): one Latvian term a line with its acceptable English
equivalents (`lv<TAB>en|en...`); written by hand after reading both systems' top 100. Every other
item of those lists was judged not a term and is listed in benchmarks/gold/<corpus>.rejected.txt,
so `--worksheet` shows only what is still unjudged. Matching uses
stem keys, so an inflected form of a gold term counts. An item whose key was already credited
higher in the same list (a second inflected form of one term, which only the baseline produces)
counts as wrong: it is a duplicate entry for a translator.

Baseline: lower-cased word n-grams (n = 1..3) of each side that neither start nor end with a
function word and contain no digits, ranked by frequency; its English equivalent is the English
n-gram with the best Dice coefficient over the aligned lines.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = Path(__file__).resolve().parent / "gold"
sys.path.insert(0, str(ROOT / "src"))

from lvterm.lang import en as en_lang  # noqa: E402
from lvterm.lang import lv as lv_lang  # noqa: E402
from lvterm.lang.keys import words  # noqa: E402
from lvterm.models import Bead  # noqa: E402
from lvterm.terms.extract import extract_terms  # noqa: E402
from lvterm.terms.pair import best_pairs, pair_terms  # noqa: E402

KS = (20, 100)


# --- corpora -----------------------------------------------------------------------------


def seed_corpus():
    d = ROOT / "tests" / "fixtures" / "align"
    lv = (d / "seed.lv").read_text(encoding="utf-8").splitlines()
    en = (d / "seed.en").read_text(encoding="utf-8").splitlines()
    beads = []
    for line in (d / "seed.gold").read_text(encoding="utf-8").splitlines():
        src, tgt = line.split(":")[:2]
        beads.append(Bead(tuple(int(x) for x in re.findall(r"\d+", src)),
                          tuple(int(x) for x in re.findall(r"\d+", tgt))))
    return lv, en, beads


def newstest_corpus():
    d = SHARED / "data" / "newstest2017-lv-en"
    lv = (d / "newstest2017.lv").read_text(encoding="utf-8").splitlines()
    en = (d / "newstest2017.en").read_text(encoding="utf-8").splitlines()
    return lv, en, [Bead((i,), (i,)) for i in range(len(lv))]


CORPORA = {"seed": seed_corpus, "newstest2017": newstest_corpus}


# --- systems -------------------------------------------------------------------------------


def lvterm_system(lv, en, beads, k):
    """(lv text, lv key, en text or None, en key or None) for the top-k Latvian candidates."""
    lvc = extract_terms(lv, lang="lv")
    enc = extract_terms(en, lang="en")
    best = {p.lv_key: p for p in best_pairs(pair_terms(lvc, enc, beads, lv_sentences=lv,
                                                        en_sentences=en, per_term=1))}
    out = []
    for c in lvc[:k]:
        p = best.get(c.key)
        out.append((c.text, c.key, p.en if p else None, p.en_key if p else None))
    return out


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


def baseline_system(lv, en, beads, k):
    lv_stop, en_stop = _stop("lv"), _stop("en")
    lv_lines = defaultdict(set)
    en_lines = defaultdict(set)
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
    top = sorted(lv_count, key=lambda g: (-lv_count[g], g))[:k]
    out = []
    for g in top:
        ls = lv_lines[g]
        options = set().union(*(by_bead[b] for b in ls))
        best = max(options, key=lambda e: (2 * len(ls & en_lines[e]) / (len(ls) + len(en_lines[e])),
                                           en_count[e], e), default=None)
        out.append((g, lv_lang.stem_key(g), best, en_lang.stem_key(best) if best else None))
    return out


# --- judging -------------------------------------------------------------------------------


def load_gold(name):
    path = GOLD / f"{name}.tsv"
    gold = {}
    if not path.exists():
        return gold
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lv, _, ens = line.partition("\t")
        gold[lv_lang.stem_key(lv)] = {en_lang.stem_key(e) for e in ens.split("|") if e.strip()}
    return gold


def load_rejected(name):
    """Stem keys of the items judged not to be terms (benchmarks/gold/<corpus>.rejected.txt)."""
    path = GOLD / f"{name}.rejected.txt"
    if not path.exists():
        return set()
    return {lv_lang.stem_key(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def precision(items, gold, k):
    """(term precision, equivalent precision) of the first k items."""
    credited, terms_ok, pairs_ok, pairs = set(), 0, 0, 0
    for _, key, _, en_key in items[:k]:
        fresh = key not in credited
        credited.add(key)
        if key in gold and fresh:
            terms_ok += 1
        if en_key is not None:
            pairs += 1
            if key in gold and fresh and en_key in gold[key]:
                pairs_ok += 1
    n = min(k, len(items))
    return (terms_ok / n if n else 0.0), (pairs_ok / pairs if pairs else 0.0), n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--worksheet", action="store_true",
                    help="print the top-100 items of both systems not judged yet (neither in the "
                         "gold list nor in the rejected list)")
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    args = ap.parse_args(argv)
    rows = []
    for name in args.corpus or list(CORPORA):
        try:
            lv, en, beads = CORPORA[name]()
        except FileNotFoundError as exc:
            print(f"{name}: skipped ({exc.filename} not found)", file=sys.stderr)
            continue
        gold = load_gold(name)
        t0 = time.perf_counter()
        systems = {"lvterm": lvterm_system(lv, en, beads, max(KS))}
        t1 = time.perf_counter()
        systems["n-gram baseline"] = baseline_system(lv, en, beads, max(KS))
        if args.worksheet:  # items not judged yet: neither gold nor rejected
            seen = set(gold) | load_rejected(name)
            for system, items in systems.items():
                for rank, (text, key, etext, ekey) in enumerate(items, start=1):
                    if key not in seen:
                        seen.add(key)
                        print(f"{name}\t{system}\t{rank}\t{text}\t{etext}")
            continue
        for system, items in systems.items():
            cells = []
            for k in KS:
                p_term, p_pair, n = precision(items, gold, k)
                cells.append((p_term, p_pair, n))
            rows.append((name, len(lv), system, cells, len(gold)))
        print(f"{name}: lvterm extraction and pairing took {t1 - t0:.1f} s", file=sys.stderr)
    if args.worksheet:
        return
    head = "| corpus | lines | system | P@20 lv | P@20 en | P@100 lv | P@100 en |"
    print(head)
    print("|" + "|".join("---" for _ in head.strip("|").split("|")) + "|")
    for name, n_lines, system, cells, n_gold in rows:
        (a, b, n20), (c, d, n100) = cells
        p100 = f"{c:.2f}" + (f" (of {n100})" if n100 < 100 else "")
        print(f"| {name} | {n_lines} | {system} | {a:.2f} | {b:.2f} | {p100} | {d:.2f} |")


if __name__ == "__main__":
    main()
