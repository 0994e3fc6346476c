"""A rebuild after `lvterm review` accepts (or a person removes) a curated term recomputes only the
post pairs whose text has the term's words (`lvterm.builddict`), and gives the library a clean
build gives.

The corpus is tests/fixtures/build/posts (three post pairs and one Latvian post without a pair);
the termbase a copy of tests/fixtures/db/termbase, to which accepted.yaml is added as review adds it."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import lvterm.builddict as builddict
from lvterm import build as B
from lvterm.build import build_library
from lvterm.builddict import relevant_entries
from lvterm.terms.review import ACCEPTED_HEADER
from lvterm.terms.termbase import load_termbase
from test_build_incremental import assert_same_library, corpus  # noqa: F401 (a fixture)

#: Concepts as `lvterm review` appends them to accepted.yaml (own wording). The seminar is in the
#: konference pair only (semināru / seminars); the bookmark in no post.
SEMINAR = """\
  - id: seminars
    lv:
      - term: seminārs
        status: preferred
        reliability: 3
    en:
      - term: seminar
        status: preferred
        reliability: 3
    provenance: accepted from extraction, 2026-12-01
"""
BOOKMARK = SEMINAR.replace("seminars", "gramatzime").replace("seminārs", "grāmatzīme").replace("seminar", "bookmark")


@pytest.fixture
def termbase(fixtures, tmp_path) -> Path:
    folder = tmp_path / "termbase"
    shutil.copytree(fixtures / "db" / "termbase", folder)
    return folder


def _accept(termbase: Path, *concepts: str) -> None:
    (termbase / "accepted.yaml").write_text(ACCEPTED_HEADER + "".join(concepts), encoding="utf-8")


def _rebuild(corpus: Path, termbase: Path, tmp_path: Path):
    """An incremental build at tmp_path/inc, and a clean build (no cache) of the same input to compare."""
    report = build_library(corpus=corpus, termbase=termbase, db_path=tmp_path / "inc" / "lvterm.db", cache=True,
                           workers=1)
    clean = tmp_path / "clean.db"
    clean.unlink(missing_ok=True)
    build_library(corpus=corpus, termbase=termbase, db_path=clean, workers=1)
    assert_same_library(tmp_path / "inc" / "lvterm.db", clean)
    return report


def test_review_rebuild_recomputes_only_the_pairs_with_the_terms_words(corpus, termbase, tmp_path):
    first = build_library(corpus=corpus, termbase=termbase, db_path=tmp_path / "inc" / "lvterm.db", cache=True,
                          workers=1)
    assert (first.cached, first.computed) == (0, 4)

    _accept(termbase, SEMINAR)  # in the konference pair only
    added = _rebuild(corpus, termbase, tmp_path)
    assert (added.cached, added.computed) == (3, 1)

    _accept(termbase, SEMINAR, BOOKMARK)  # in no post: nothing to compute
    nowhere = _rebuild(corpus, termbase, tmp_path)
    assert (nowhere.cached, nowhere.computed) == (4, 0)

    (termbase / "accepted.yaml").unlink()  # both removed: the pair that had the seminar again
    removed = _rebuild(corpus, termbase, tmp_path)
    assert (removed.cached, removed.computed) == (3, 1)


def test_review_rebuild_the_work_gives_the_same_value_with_the_relevant_entries_only(corpus, termbase,
                                                                                     monkeypatch):
    """Filtering the dictionary down to a pair's relevant entries changes nothing in its value (the
    entries that do occur are kept; those left out find nothing)."""
    _accept(termbase, SEMINAR, BOOKMARK)
    dictionary = B._dictionary(list(load_termbase(termbase).curated))
    dictionary += [("digitālā bibliotēka", "digital library"), ("lasītava", "reading room"),
                   ("biedra nauda", "membership fee"), ("Latvijas Bibliotekāru biedrība", "Library Association of Latvia"),
                   ("konference", "conference"), ("lasītājs", "reader"), ("dators", "computer")]
    docs = B._read_corpus(corpus)
    pairs = [u for u in B._units(docs, {d.post.id: d for d in docs}) if len(u.docs) == 2]
    left_out = 0
    for unit in pairs:
        kept = relevant_entries(unit.sides, dictionary)
        assert set(kept) < set(dictionary)
        left_out += len(dictionary) - len(kept)
        filtered = B.work_unit(unit.sides, dictionary)["value"]
        assert B.work_unit(unit.sides, kept)["value"] == filtered  # a function of the relevant entries
        with monkeypatch.context() as patch:  # the work given every entry
            patch.setattr(builddict, "relevant_entries", lambda sides, entries: tuple(entries))
            every = B.work_unit(unit.sides, dictionary)["value"]
        assert json.dumps(every) == json.dumps(filtered), unit.label
    assert left_out >= 2 * len(dictionary)


def test_review_rebuild_relevance_keeps_a_term_in_any_form_case_or_piece_of_a_token():
    """Inflected, in capitals (a heading), at a sentence start, or inside a hyphenated or dotted token
    (a sentence end may cut it): the entry is kept; a term whose words are elsewhere is not."""
    entries = [("lasītava", "reading room"), ("grāmata", "book"), ("gads", "year"), ("karte", "map")]
    sides = (("lv", ("LASĪTAVAS NOTEIKUMI", "E-grāmatas un 2011.gadā kartes.")),
             ("en", ("READING ROOM RULES", "E-books and maps in 2011.")))
    assert relevant_entries(sides, entries) == tuple(entries)
    other = (("lv", ("Šodien līst.",)), ("en", ("It rains today.",)))
    assert relevant_entries(other, entries) == ()


def test_review_rebuild_relevance_a_capital_that_lowers_to_two_characters(monkeypatch):
    """A sentence-initial "İ" lowers to "i" and a combining dot, which the tokenisers cut apart:
    extraction keys "İnternets" as "i nternet", so an entry keyed so is relevant there, and the work
    gives the same value with it filtered as with every entry."""
    entries = [("i\u0307nternets", "web"), ("grāmata", "book")]
    sides = (("lv", ("İnternets ir svarīgs rīks.", "İnternets palīdz lasītājiem.")),
             ("en", ("Internet is an important tool.", "Internet helps readers.")))
    assert relevant_entries(sides, entries) == (entries[0],)
    filtered = B.work_unit(sides, entries)["value"]
    with monkeypatch.context() as patch:
        patch.setattr(builddict, "relevant_entries", lambda sides, entries: tuple(entries))
        every = B.work_unit(sides, entries)["value"]
    assert json.dumps(every) == json.dumps(filtered)


def test_review_rebuild_relevance_takes_entries_as_lists():
    """Entries given as lists (as `align` takes a term list) are read as pairs, not refused."""
    sides = (("lv", ("Lasītava ir atvērta.",)), ("en", ("The reading room is open.",)))
    assert relevant_entries(sides, [["lasītava", "reading room"], ["karte", "map"]]) == (("lasītava", "reading room"),)
