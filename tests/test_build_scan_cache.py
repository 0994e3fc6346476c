"""The occurrence scan and the form keys reused between builds (cache/corpus/): the library stays the
one a full build makes, whether a post's matches come from the cache or from a new scan.

The corpus is tests/fixtures/build/posts (three post pairs, one Latvian post alone)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils
from test_build_incremental import assert_same_library, corpus, termbase  # noqa: F401 (fixtures)

from lvterm.build import build_library
from lvterm.terms.store import scan_segments


def _terms(path: Path) -> list[dict]:
    conn = sqlite3.connect(path)
    forms: dict[int, list[str]] = {}
    for tid, form in conn.execute("select term_id, form from term_forms order by rowid"):
        forms.setdefault(tid, []).append(form)
    return [{"id": tid, "lang": lang, "forms": forms.get(tid, [term])}
            for tid, lang, term in conn.execute("select id, lang, term from terms order by id")]


def test_scan_from_cache_is_the_scan(corpus, termbase, tmp_path):
    db_path = tmp_path / "lib.db"
    build_library(corpus=corpus, termbase=termbase, db_path=db_path)
    db, terms = sqlite_utils.Database(db_path), _terms(db_path)
    plain = scan_segments(db, terms)
    assert plain
    cache: dict = {}
    assert scan_segments(db, terms, cache=cache) == plain  # filled
    assert cache and all(len(v) % 4 == 0 for v in cache.values())
    assert scan_segments(db, terms, cache=cache) == plain  # read back
    # a damaged entry (wrong length) is scanned again; a stale one (other terms) is not used
    key = next(k for k, v in cache.items() if v)
    cache[key] = cache[key][:-1]
    assert scan_segments(db, terms, cache=cache) == plain
    fewer = terms[1:]
    assert scan_segments(db, fewer, cache=dict(cache)) == scan_segments(db, fewer)


def test_rebuild_after_an_edit_reuses_scans_and_matches_a_full_build(corpus, termbase, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    incremental, full = tmp_path / "inc.db", tmp_path / "full.db"
    build_library(corpus=corpus, termbase=termbase, db_path=incremental, cache=True, cache_dir=cache_dir)
    post = min(corpus.glob("*.lv.md"))
    post.write_text(post.read_text(encoding="utf-8").rstrip("\n") + "\n\nŠis teikums pievienots vēlāk.\n",
                    encoding="utf-8")
    build_library(corpus=corpus, termbase=termbase, db_path=incremental, cache=True, cache_dir=cache_dir)
    build_library(corpus=corpus, termbase=termbase, db_path=full)
    assert_same_library(incremental, full)
    # and once more with nothing changed: every post's matches from the cache, none scanned
    from lvterm.terms.matcher import TermMatcher

    def no_scan(*args, **kwargs):
        raise AssertionError("a post was scanned again")

    monkeypatch.setattr(TermMatcher, "find", no_scan)
    build_library(corpus=corpus, termbase=termbase, db_path=incremental, cache=True, cache_dir=cache_dir)
    assert_same_library(incremental, full)


def test_occurrences_written_in_small_batches_make_the_same_library(corpus, termbase, tmp_path, monkeypatch):
    """Occurrences are written a batch at a time as the scan finds them (`OCCURRENCE_BATCH`, here
    7 rows): the same library as written in one batch, form counts and frequencies included."""
    import sqlite3

    from lvterm.terms import store

    whole = tmp_path / "whole.db"
    build_library(corpus=corpus, termbase=termbase, db_path=whole)
    monkeypatch.setattr(store, "OCCURRENCE_BATCH", 7)
    batched = tmp_path / "batched.db"
    build_library(corpus=corpus, termbase=termbase, db_path=batched)
    assert sqlite3.connect(batched).execute("select count(*) from occurrences").fetchone()[0] > 7 * 3
    assert_same_library(whole, batched)
