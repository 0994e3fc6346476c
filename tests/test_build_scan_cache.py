"""The occurrence scan and the form keys reused between builds (cache/corpus/): the library stays the
one a full build makes, whether a post's matches come from the cache or from a new scan.

The corpus is tests/fixtures/build/posts (three post pairs, one Latvian post alone)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_build_incremental import assert_same_library, corpus, termbase  # noqa: F401 (fixtures)

from lvterm.build import build_library
from lvterm.terms.matcher import TermMatcher
from lvterm.terms.store import ScanCache, scan_segments


def _terms(path: Path) -> list[dict]:
    conn = sqlite3.connect(path)
    forms: dict[int, list[str]] = {}
    for tid, form in conn.execute("select term_id, form from term_forms order by rowid"):
        forms.setdefault(tid, []).append(form)
    return [{"id": tid, "lang": lang, "forms": forms.get(tid, [term])}
            for tid, lang, term in conn.execute("select id, lang, term from terms order by id")]


@pytest.fixture(scope="module")
def library(fixtures, tmp_path_factory):
    """A built library and its terms (as `write_termbase` scans for them)."""
    from test_build_incremental import copy_corpus

    root = tmp_path_factory.mktemp("scan")
    db_path = root / "lib.db"
    build_library(corpus=copy_corpus(fixtures, root / "posts"), termbase=fixtures / "db" / "termbase", db_path=db_path)
    return sqlite_utils.Database(db_path), _terms(db_path)


def test_scan_from_cache_is_the_scan(library):
    db, terms = library
    plain = scan_segments(db, terms)
    assert plain
    cache = ScanCache()
    assert scan_segments(db, terms, cache=cache) == plain  # filled
    assert cache.runs and all(len(v) % 4 == 0 for v in cache.runs.values())
    assert sorted(cache.patterns) == ["en", "lv"]
    assert scan_segments(db, terms, cache=cache) == plain  # read back
    # a damaged entry (wrong length) is scanned again
    key = next(k for k, v in cache.runs.items() if v)
    cache.runs[key] = cache.runs[key][:-1]
    assert scan_segments(db, terms, cache=cache) == plain
    # matches without their patterns are not used
    assert scan_segments(db, terms, cache=ScanCache(runs=dict(cache.runs))) == plain


def _changed_terms(terms: list[dict], order: list[int], keep: int, extra: list[str]) -> list[dict]:
    """Some of the terms in another order, one of them with extra forms: what a rebuild's
    termbase can be (terms added or gone, forms added, a shared key given to another term)."""
    chosen = [dict(terms[i % len(terms)], id=1000 + n) for n, i in enumerate(order[:keep])]
    if chosen:
        chosen[0] = dict(chosen[0], forms=[*chosen[0]["forms"], *extra])
    return chosen


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.permutations(range(40)), second=st.permutations(range(40)), keep1=st.integers(0, 40),
       keep2=st.integers(0, 40), extra=st.lists(st.sampled_from(["bibliotēka", "digitālā bibliotēka", "library",
                                                                 "grāmatas", "documents", "nauda"]), max_size=3))
def test_scan_from_cache_under_other_terms_is_the_scan(library, first, second, keep1, keep2, extra):
    """Whatever terms the cache was filled under, a scan with it gives what a scan without it gives."""
    db, terms = library
    before, after = _changed_terms(terms, first, keep1, []), _changed_terms(terms, second, keep2, extra)
    cache = ScanCache()
    scan_segments(db, before, cache=cache)
    assert scan_segments(db, after, cache=cache) == scan_segments(db, after)
    assert scan_segments(db, before, cache=cache) == scan_segments(db, before)  # and back


def test_scan_after_a_term_is_added_looks_for_the_new_patterns_only(library, monkeypatch):
    db, terms = library
    cache = ScanCache()
    scan_segments(db, terms[1:], cache=cache)
    looked_for = []
    locate = TermMatcher.locate  # (what the occurrence scan asks of a sentence)
    monkeypatch.setattr(TermMatcher, "locate",
                        lambda self, text, **kw: looked_for.append(self.patterns) or locate(self, text, **kw))
    with_cache = scan_segments(db, terms, cache=cache)
    monkeypatch.undo()
    assert with_cache == scan_segments(db, terms)
    new = TermMatcher([(terms[0]["id"], terms[0]["forms"])], lang=terms[0]["lang"]).patterns
    assert looked_for and all(p.keys() <= new.keys() for p in looked_for)


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

    monkeypatch.setattr(TermMatcher, "locate", no_scan)  # (the scan's)
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


def test_occurrences_found_ahead_of_the_search_index_make_the_same_library(corpus, termbase, tmp_path, monkeypatch):
    """The build finds occurrences while SQLite builds the full-text index in another thread, at
    most MAX_AHEAD rows, then writes them and the rest: the same library whichever ends first."""
    import time

    from lvterm import build, schema

    plain = tmp_path / "plain.db"
    build_library(corpus=corpus, termbase=termbase, db_path=plain)
    enable_search = schema.enable_search

    def slow(db):
        time.sleep(0.5)  # the scan runs ahead until the cap
        enable_search(db)

    taken = []
    while_running = build._while_running
    monkeypatch.setattr(schema, "enable_search", slow)
    monkeypatch.setattr(build, "_while_running", lambda rows, thread: taken.append(while_running(rows, thread)) or taken[-1])
    for cap in (5, 10 ** 6):
        monkeypatch.setattr(build, "MAX_AHEAD", cap)
        ahead = tmp_path / f"ahead-{cap}.db"
        build_library(corpus=corpus, termbase=termbase, db_path=ahead)
        assert_same_library(ahead, plain)
    occurrences = sqlite3.connect(plain).execute("select count(*) from occurrences").fetchone()[0]
    assert 5 <= len(taken[0]) < occurrences and len(taken[1]) == occurrences


def test_two_builds_sharing_the_cache_folder_never_mix_their_patterns(corpus, termbase, tmp_path):
    """Builds A and B read the same cache; A adds a term found in the corpus, B one found nowhere,
    and B's save lands over A's (each writes only the files it changed). A scan shard names the
    patterns it was found under, so the next build scans A's shards again instead of reading A's
    matches as B's new pattern (before: 'zzzunseen' had an occurrence)."""
    import shutil

    base = (termbase / "fixture.yml").read_text(encoding="utf-8")

    def with_term(name: str, lv: str, en: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "fixture.yml").write_text(base + f"\n  - id: {name}\n    lv:\n      - term: {lv}\n    en:\n"
                                                  f"      - term: {en}\n", encoding="utf-8")
        return folder

    a, b = with_term("a", "qqqviens", "members"), with_term("b", "qqqdivi", "zzzunseen")
    cache = tmp_path / "cache"
    build_library(corpus=corpus, termbase=termbase, db_path=tmp_path / "0.db", cache=True, cache_dir=cache)
    shutil.copytree(cache, tmp_path / "cache-b")  # what B read
    build_library(corpus=corpus, termbase=a, db_path=tmp_path / "a.db", cache=True, cache_dir=cache)
    before = {p.name: p.read_bytes() for p in (tmp_path / "cache-b" / "corpus").iterdir()}
    build_library(corpus=corpus, termbase=b, db_path=tmp_path / "b.db", cache=True, cache_dir=tmp_path / "cache-b")
    for p in (tmp_path / "cache-b" / "corpus").iterdir():  # B's save, over A's
        if before.get(p.name) != p.read_bytes():
            (cache / "corpus" / p.name).write_bytes(p.read_bytes())
    assert sqlite3.connect(tmp_path / "a.db").execute(
        "select count(*) from occurrences o join terms t on t.id = o.term_id where t.term = 'members'").fetchone()[0]
    build_library(corpus=corpus, termbase=b, db_path=tmp_path / "next.db", cache=True, cache_dir=cache)
    build_library(corpus=corpus, termbase=b, db_path=tmp_path / "full.db")
    assert_same_library(tmp_path / "next.db", tmp_path / "full.db")
