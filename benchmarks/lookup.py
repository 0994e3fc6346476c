"""Lookup benchmark: a synthetic termbase of 1,000,000 term forms, p50/p99 latency per query kind.

Run: .venv/bin/python benchmarks/lookup.py                  (1,000,000 forms, 1,000 queries a kind)
     .venv/bin/python benchmarks/lookup.py --forms 100000 --queries 300 --db build/bench-lookup.db

Latvian-like terms (single nouns, genitive + noun as "biedra nauda", adjective + noun) are generated
from random syllables with real Latvian case endings, each with its inflected forms; about two
thirds of a term's forms are stored, the rest are held out. Query kinds:
  exact      a stored canonical form, as written
  inflected  a held-out inflection (not in the database: found by stem key)
  unaccented a stored form with its diacritics removed (found by the folded key)
  typo       a canonical form with one character substituted or two swapped (rapidfuzz fallback)
Each query is timed end to end through `lookup(...)` (SQLite look-ups, fuzzy step, building the
result dicts with forms); hit@1 is the share of queries whose own concept comes first.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import sqlite_utils  # noqa: E402

from lvterm.lang.keys import fold  # noqa: E402
from lvterm.models import Concept, Term, TermForm  # noqa: E402
from lvterm.terms.lookup import lookup, open_index  # noqa: E402
from lvterm.schema import analyze, create_indexes  # noqa: E402
from lvterm.terms.store import write_termbase  # noqa: E402

ONSETS = ["b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "c", "j", "dz", "st", "sk", "pr", "tr",
          "kr", "gr", "bl", "pl", "sl", "sp", "č", "š", "ž", "ģ", "ķ", "ļ", "ņ"]
VOWELS = ["a", "e", "i", "u", "o", "ā", "ē", "ī", "ū", "ie", "ai", "au"]
CODAS = ["", "", "", "l", "r", "n", "s", "k", "t", "m", "ļ", "ņ"]
# Nominative first; endings of real Latvian paradigms (singular and plural cases).
NOUN_PARADIGMS = [
    ["a", "as", "ai", "u", "ā", "ām", "ās"],                    # 4th declension (nauda)
    ["s", "a", "am", "u", "ā", "i", "iem", "us", "os"],        # 1st declension (biedrs)
    ["is", "im", "ī", "iem", "us", "os"],                      # 2nd declension (skapis)
    ["e", "es", "ei", "i", "ē", "ēm", "ēs"],                    # 5th declension (grupa -> e-stems)
    ["šana", "šanas", "šanai", "šanu", "šanā", "šanām", "šanās"],  # verbal nouns (tīklošana)
]
ADJ_FEM = ["ā", "ās", "ajai", "o", "ajā", "ajām", "ajās"]
ADJ_MASC = ["ais", "ā", "ajam", "o", "ajā", "ie", "ajiem", "os", "ajos"]
EN_WORDS = ["library", "member", "fee", "network", "group", "council", "record", "catalogue", "service", "reader",
            "archive", "section", "index", "policy", "access", "collection", "loan", "reference", "board", "school"]


def syllables(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(n))


def make_term(rng: random.Random) -> tuple[str, list[str]]:
    """A canonical Latvian term and all its inflected forms (canonical first)."""
    kind = rng.random()
    paradigm = rng.choice(NOUN_PARADIGMS)
    stem = syllables(rng, rng.randint(1, 2))
    nouns = [stem + e for e in paradigm]
    if kind < 0.4:
        return nouns[0], nouns
    if kind < 0.8:  # genitive modifier + noun: the modifier stays fixed
        gen = syllables(rng, rng.randint(1, 2)) + rng.choice(["a", "u", "as", "es"])
        return f"{gen} {nouns[0]}", [f"{gen} {n}" for n in nouns]
    adj_stem = syllables(rng, rng.randint(1, 2))  # adjective + noun: both inflect, agreement by position
    adj = ADJ_FEM if paradigm[0] in ("a", "e", "šana") else ADJ_MASC
    forms = [f"{adj_stem}{adj[min(i, len(adj) - 1)]} {n}" for i, n in enumerate(nouns)]
    return forms[0], forms


def english(rng: random.Random, i: int) -> tuple[str, list[str]]:
    w = f"{rng.choice(EN_WORDS)} {syllables(rng, 2)}{i % 97}"
    return w, [w, w + "s"]


def build(db_path: Path, *, n_forms: int, seed: int, write: bool = True) -> list[dict]:
    """Write the synthetic termbase; returns per-concept truth (stored and held-out forms)."""
    rng = random.Random(seed)
    concepts, truth, seen, total = [], [], set(), 0
    i = 0
    while total < n_forms:
        canon, forms = make_term(rng)
        if canon in seen:
            continue
        seen.add(canon)
        rest = forms[1:]
        rng.shuffle(rest)
        keep = max(1, (2 * len(rest)) // 3)
        stored, held = [canon, *rest[:keep]], rest[keep:]
        en_canon, en_forms = english(rng, i)
        cid = f"c{i}"
        concepts.append(Concept(id=cid, origin="extracted", terms=(
            Term("lv", canon, status="proposed", forms=tuple(TermForm(f, 1) for f in stored)),
            Term("en", en_canon, status="proposed", forms=tuple(TermForm(f, 1) for f in en_forms)))))
        truth.append({"id": cid, "canon": canon, "stored": stored, "held": held})
        total += len(stored) + len(en_forms)
        i += 1
    if not write:
        db = sqlite_utils.Database(db_path)
        create_indexes(db)  # an older benchmark file may predate an index
        db.close()
        print(f"termbase: reusing {db_path} ({len(truth):,} concepts regenerated from seed {seed})")
        return truth
    t0 = time.perf_counter()
    db = sqlite_utils.Database(db_path)
    db.conn.execute("pragma synchronous = off")  # a throwaway file: no fsync per batch
    counts = write_termbase(db, concepts, scan=False)
    analyze(db)  # the statistics the build makes
    db.close()
    print(f"termbase: {counts['concepts']:,} concepts, {counts['terms']:,} terms, {counts['term_forms']:,} term forms"
          f" written in {time.perf_counter() - t0:.1f} s")
    return truth


def typo(rng: random.Random, text: str) -> str:
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isalpha()]
    i = rng.choice(letters[1:-1] or letters)
    if rng.random() < 0.5 and i + 1 < len(chars) and chars[i + 1].isalpha() and chars[i] != chars[i + 1]:
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    else:
        chars[i] = rng.choice([c for c in "abdegiklmnoprstuvz" if c != fold(chars[i])])
    return "".join(chars)


def queries(truth: list[dict], *, n: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    rng = random.Random(seed + 1)
    sample = rng.sample(truth, min(len(truth), n * 3))
    out = {"exact": [], "inflected": [], "unaccented": [], "typo": []}
    for t in sample:
        if len(out["exact"]) < n:
            out["exact"].append((t["canon"], t["id"]))
        if t["held"] and len(out["inflected"]) < n:
            out["inflected"].append((rng.choice(t["held"]), t["id"]))
        accented = [f for f in t["stored"] if fold(f) != f.lower()]
        if accented and len(out["unaccented"]) < n:
            out["unaccented"].append((fold(rng.choice(accented)), t["id"]))
        if len(out["typo"]) < n and len(t["canon"]) >= 6:
            out["typo"].append((typo(rng, t["canon"]), t["id"]))
    return out


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--forms", type=int, default=1_000_000, help="term forms to generate (default 1,000,000)")
    ap.add_argument("--queries", type=int, default=1000, help="queries per kind (default 1,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--db", type=Path, help="keep the generated database here (default: a temp folder)")
    ap.add_argument("--reuse", action="store_true", help="query an existing --db built with the same options")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = args.db or Path(tmp) / "lookup-bench.db"
        reuse = args.reuse and db_path.exists()
        if db_path.exists() and not reuse:
            db_path.unlink()
        truth = build(db_path, n_forms=args.forms, seed=args.seed, write=not reuse)
        qs = queries(truth, n=args.queries, seed=args.seed)
        index = open_index(db_path)
        t0 = time.perf_counter()
        lookup("warm up", index=index)  # opens SQLite, loads simplemma's and wordfreq's data
        print(f"first query (opens the database, loads language data): {time.perf_counter() - t0:.2f} s")
        print("wall = elapsed time per query; cpu = this process's CPU time (unaffected by other jobs)")
        print(f"{'kind':<11} {'queries':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} {'cpu p50':>8} {'cpu p99':>8}"
              f" {'hit@1':>7}")
        for kind, items in qs.items():
            times, cpu, hits = [], [], 0
            for q, cid in items:
                t, c = time.perf_counter(), time.process_time()
                res = lookup(q, index=index, limit=10)
                cpu.append((time.process_time() - c) * 1000)
                times.append((time.perf_counter() - t) * 1000)
                hits += bool(res) and res[0]["concept_id"] == cid
            print(f"{kind:<11} {len(items):>7} {statistics.median(times):>8.2f} {pct(times, 99):>8.2f} "
                  f"{max(times):>8.2f} {statistics.median(cpu):>8.2f} {pct(cpu, 99):>8.2f} {hits / len(items):>7.1%}")
        index.close()


if __name__ == "__main__":
    main()
