"""What checking the build cache costs a rebuild: every cached value is checked before it is used
(`build._valid` on each post unit, `build._valid_records` on the parsed-posts entry,
`terms.store.valid_forms_cache` and `valid_keys_cache` on the generated forms and form keys, and
`terms.store._possible_matches` on each post's cached scan matches), on every build.

Builds the corpus once with the cache on (a library whose `cache/` is already warm for this code
computes nothing), then reads every cached unit as a build does, with and without the check, and
prints the CPU time of each (best of 7) and of the checks alone, with the sizes they walk (the
scan matches as one more rebuild checks them).

    .venv/bin/python benchmarks/build.py --generate-only 1000 --out /tmp/posts1000
    .venv/bin/python benchmarks/cache_checks.py --corpus /tmp/posts1000 --db /tmp/checks/lvterm.db
"""
from __future__ import annotations

import argparse
import functools
import tempfile
import time
from pathlib import Path


def best_cpu(fn, runs: int = 7) -> tuple[object, float]:
    """fn's result and its least CPU time, under the build's garbage-collector setting."""
    from lvterm.build import no_collections

    best, result = float("inf"), None
    with no_collections():
        for _ in range(runs):
            clock = time.process_time()
            result = fn()
            best = min(best, time.process_time() - clock)
    return result, best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="folder of post files")
    parser.add_argument("--termbase", default="termbase")
    parser.add_argument("--db", help="library whose cache/ to read (default: built in a temp folder)")
    args = parser.parse_args(argv)

    from lvterm import build as B
    from lvterm.buildcache import BuildCache, content_key
    from lvterm.terms import store as S
    from lvterm.terms.termbase import load_termbase

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db or Path(tmp) / "lvterm.db")
        report = B.build_library(corpus=args.corpus, termbase=args.termbase, db_path=db, cache=True)
        print(f"build: {report.cached} units from the cache, {report.computed} computed, "
              f"{report.timings['wall']:.1f} s wall")
        docs = B._read_corpus(Path(args.corpus))
        units = B._units(docs, {d.post.id: d for d in docs})
        dict_key = content_key(tuple(B._dictionary(list(load_termbase(B._termbase_folder(args.termbase)).curated))))
        store = BuildCache(db.parent / "cache")
        values = [store.get(content_key(B.CACHE_KIND, u.sides, dict_key if len(u.docs) == 2 else None))
                  for u in units]
        aux = BuildCache(db.parent / "cache" / "corpus")
        def entry(name: str) -> dict:  # an entry's shards, as one mapping
            return {k: v for n in range(B._Aux.SHARDS) for k, v in (aux.get(B._Aux.key(name, n)) or {}).items()}

        records, forms, form_keys = entry(B._Aux.POSTS), entry(B._Aux.FORMS), entry(B._Aux.FORM_KEYS)
        scans, check = [], S._possible_matches  # what a rebuild checks: each post's matches with its segments
        S._possible_matches = lambda *args: scans.append(args) or check(*args)
        try:
            B.build_library(corpus=args.corpus, termbase=args.termbase, db_path=db, cache=True)
        finally:
            S._possible_matches = check

    pairs = [v for v in values if v and "beads" in v]
    sizes = (f"{sum(len(s) for v in values if v for s in v['segments']):,} segments, "
             f"{sum(len(v['beads']) for v in pairs):,} beads, "
             f"{sum(1 for v in pairs for t in v['terms'] for x in t[1:] if x):,} terms")
    keys = [content_key(B.CACHE_KIND, u.sides, dict_key if len(u.docs) == 2 else None) for u in units]
    _, plain = best_cpu(lambda: [store.get(k) for k in keys])
    got, checked = best_cpu(lambda: [store.get(k, valid=functools.partial(B._valid, unit=u))
                                     for k, u in zip(keys, units)])
    _, alone = best_cpu(lambda: all(B._valid(v, u) for u, v in zip(units, values)))
    print(f"{len(units):,} units ({sizes}), all valid: {all(v is not None for v in got)}")
    print(f"  reading the cache entries: {plain * 1000:.0f} ms CPU; with build._valid: {checked * 1000:.0f} ms; "
          f"build._valid alone: {alone * 1000:.1f} ms")
    ok, seconds = best_cpu(lambda: B._valid_records(records))
    print(f"build._valid_records: {len(records):,} parsed posts: {seconds * 1000:.1f} ms CPU, valid: {ok}")
    ok, seconds = best_cpu(lambda: S.valid_forms_cache(forms))
    print(f"terms.store.valid_forms_cache: {len(forms):,} terms, {sum(len(v[0]) for v in forms.values()):,} forms: "
          f"{seconds * 1000:.1f} ms CPU, valid: {ok}")
    ok, seconds = best_cpu(lambda: S.valid_keys_cache(form_keys))
    print(f"terms.store.valid_keys_cache: {len(form_keys):,} forms: {seconds * 1000:.1f} ms CPU, valid: {ok}")
    ok, seconds = best_cpu(lambda: all(check(*call) for call in scans))
    print(f"terms.store._possible_matches: {len(scans):,} posts, {sum(len(c[0]) for c in scans) // 4:,} matches: "
          f"{seconds * 1000:.1f} ms CPU, valid: {ok}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
