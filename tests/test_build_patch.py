"""A rebuild copies the rows of unchanged posts from the previous library (`lvterm.prior`), and the
library is still the one a full build writes, whatever changed in between.

The corpus is tests/fixtures/build/posts (three post pairs, one Latvian post alone)."""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_build_incremental import assert_same_library, copy_corpus, corpus, tables, termbase  # noqa: F401

from lvterm import build as B
from lvterm.buildcache import BuildCache
from lvterm.prior import Manifest, OrderedWriter


@pytest.fixture
def spy(monkeypatch):
    """What the next builds made in Python and copied: {"made": [post ids], "copied": {table: rows}}."""
    seen: dict = {"made": [], "copied": {}}
    write_segments = B._write_segments

    def writing(*args, **kwargs):
        n, made = write_segments(*args, **kwargs)
        seen["made"] += sorted(made)
        return n, made

    monkeypatch.setattr(B, "_write_segments", writing)
    flush = OrderedWriter._flush_copy

    def counting(self):
        before = self.written
        flush(self)
        if self.written > before:
            seen["copied"][self.table] = seen["copied"].get(self.table, 0) + self.written - before

    monkeypatch.setattr(OrderedWriter, "_flush_copy", counting)
    return seen


def _build(corpus: Path, termbase: Path, db: Path) -> B.BuildReport:
    return B.build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)


def _same_as_full(corpus: Path, termbase: Path, db: Path, tmp: Path) -> None:
    full = tmp / "full" / "lvterm.db"
    shutil.rmtree(full.parent, ignore_errors=True)
    B.build_library(corpus=corpus, termbase=termbase, db_path=full, cache=False, workers=1)
    assert_same_library(db, full)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{text}\n", encoding="utf-8")


def test_build_patch_copies_unchanged_posts_and_equals_a_full_build(corpus, termbase, tmp_path, spy):
    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    rows = {name: len(v) for name, v in tables(db).items()}

    spy["made"].clear()
    again = _build(corpus, termbase, db)  # nothing changed: every row copied
    assert (again.computed, spy["made"]) == (0, [])
    assert spy["copied"] == {t: rows[t] for t in ("segments", "beads", "occurrences")}
    _same_as_full(corpus, termbase, db, tmp_path)

    # a paragraph added to a post: its pair's two posts are made again, and every later segment,
    # bead and occurrence id moves. A line without words brings no terms: the occurrences of the
    # other posts are copied too; a sentence with new terms gives terms new ids: every post is
    # scanned again
    for path, sentence, terms_kept in (("digitalizacija.lv.md", "2025.", True),
                                       ("digitalizacija.en.md", "The library digitised its photographs.", False)):
        spy["made"].clear(), spy["copied"].clear()
        _append(corpus / path, sentence)
        edited = _build(corpus, termbase, db)
        assert edited.computed == 1
        assert spy["made"] == ["digitalizacija.en", "digitalizacija.lv"]
        assert 0 < spy["copied"]["segments"] < edited.segments
        assert ("occurrences" in spy["copied"]) == terms_kept
        _same_as_full(corpus, termbase, db, tmp_path)


def test_build_patch_front_matter_lines_and_new_posts_shift_rows(corpus, termbase, tmp_path, spy):
    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    # a front-matter line moves the post's paragraphs (segments.line) without changing its text:
    # the work is cached, the post's segments are made again, its pair's beads are copied
    path = corpus / "lasitava.lv.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nauthor: Anna Ozola\n", 1), encoding="utf-8")
    spy["made"].clear(), spy["copied"].clear()
    report = _build(corpus, termbase, db)
    assert report.computed == 0 and spy["made"] == ["lasitava.lv"]
    _same_as_full(corpus, termbase, db, tmp_path)
    # a post sorted before all others: every id of the library moves, the rows are still copied
    (corpus / "aaa-pirmais.lv.md").write_text("---\nslug: aaa-pirmais\nlang: lv\ntitle: Pirmais\n---\n\n"
                                              "Bibliotēka rīko semināru par sociālajiem tīkliem.\n", encoding="utf-8")
    spy["made"].clear(), spy["copied"].clear()
    _build(corpus, termbase, db)
    assert spy["made"] == ["aaa-pirmais.lv"] and spy["copied"]["segments"] > 0
    _same_as_full(corpus, termbase, db, tmp_path)
    # a post deleted
    (corpus / "netulkots.lv.md").unlink()
    _build(corpus, termbase, db)
    _same_as_full(corpus, termbase, db, tmp_path)


def test_build_patch_another_termbase_scans_every_post_again(corpus, termbase, tmp_path, spy):
    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    other = tmp_path / "termbase"
    shutil.copytree(termbase, other)
    (other / "extra.yml").write_text("subject_field: bibliotēkas\nconcepts:\n  - id: seminars\n    lv: [seminārs]\n"
                                     "    en: [seminar]\n", encoding="utf-8")
    spy["copied"].clear()
    _build(corpus, other, db)  # the pairs' work depends on the dictionary: recomputed; term ids move
    assert "occurrences" not in spy["copied"]
    _same_as_full(corpus, other, db, tmp_path)


@pytest.mark.parametrize("change", ["replaced", "touched", "deleted", "other rows"])
def test_build_patch_uses_only_the_very_file_it_wrote(corpus, termbase, tmp_path, spy, change):
    """A library replaced, modified or removed since the last build is never copied from."""
    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    if change == "replaced":  # another build's file, same size or not
        other = tmp_path / "other" / "lvterm.db"
        B.build_library(corpus=corpus, termbase=termbase, db_path=other, cache=False, workers=1)
        conn = sqlite3.connect(other)
        conn.execute("update segments set text = 'x' || text")
        conn.commit(), conn.close()
        os.replace(other, db)
    elif change == "touched":
        conn = sqlite3.connect(db)
        conn.execute("update segments set text = 'x' || text")
        conn.commit(), conn.close()
    elif change == "deleted":
        db.unlink()
    else:  # a manifest that does not count the file's rows (the file itself unchanged)
        aux = B._Aux(BuildCache(db.parent / "cache"))
        aux.library = Manifest.from_data(aux.library.data())
        aux.library.totals[0] += 1
        aux.save()
    spy["copied"].clear()
    _build(corpus, termbase, db)
    assert spy["copied"] == {}
    _same_as_full(corpus, termbase, db, tmp_path)


EDITS = st.lists(st.tuples(st.sampled_from(["append", "drop-last", "title", "delete", "add", "unpair"]),
                           st.integers(0, 10)), min_size=1, max_size=3)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_build_patch_any_edits_give_the_full_build(fixtures, termbase, tmp_path_factory, edits):
    """Edits of any kind, one build after each: every library equals a full build of the same corpus."""
    tmp = tmp_path_factory.mktemp("patch")
    corpus = copy_corpus(fixtures, tmp / "posts")
    db = tmp / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    for n, (kind, k) in enumerate(edits):
        files = sorted(corpus.glob("*.md"))
        path = files[k % len(files)]
        text = path.read_text(encoding="utf-8")
        if kind == "append":
            _append(path, f"Šis ir papildu teikums numur {n} par bibliotēkām un sociālajiem tīkliem.")
        elif kind == "drop-last" and text.count("\n\n") > 2:
            path.write_text(text.rstrip("\n").rsplit("\n\n", 1)[0] + "\n", encoding="utf-8")
        elif kind == "title":
            path.write_text(text.replace("title:", f"title: {n}", 1), encoding="utf-8")
        elif kind == "delete" and len(files) > 2:
            path.unlink()
        elif kind == "add":
            (corpus / f"jauns-{n}.lv.md").write_text(
                f"---\nslug: jauns-{n}\nlang: lv\ntitle: Jauns {n}\n---\n\nBiedra nauda ir jāmaksā līdz maijam.\n\n"
                "Tīklošana palīdz bibliotekāriem.\n", encoding="utf-8")
        elif kind == "unpair":
            path.write_text(text.replace("translations:", "previously:", 1), encoding="utf-8")
        _build(corpus, termbase, db)
        _same_as_full(corpus, termbase, db, tmp)
