"""A rebuild copies the rows of unchanged posts from the previous library (`lvterm.prior`), and the
library is still the one a full build writes, whatever changed in between.

The corpus is tests/fixtures/build/posts (three post pairs, one Latvian post alone)."""
from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_build_incremental import assert_same_library, copy_corpus, corpus, forget_proposals, tables, termbase  # noqa: F401

from lvterm import build as B
from lvterm import buildrows
from lvterm.buildcache import BuildCache
from lvterm.prior import Manifest, OrderedWriter


@pytest.fixture
def spy(monkeypatch):
    """What the next builds made in Python and copied: {"made": [post ids], "copied": {table: rows}}."""
    seen: dict = {"made": [], "copied": {}}
    write_segments = buildrows.write_segments

    def writing(*args, **kwargs):
        n, made = write_segments(*args, **kwargs)
        seen["made"] += sorted(made)
        return n, made

    monkeypatch.setattr(buildrows, "write_segments", writing)
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
    first, second = tables(db), tables(full)
    for name in first:  # (any table may be empty: edits can leave no pair at all)
        assert first[name] == second[name], f"{name} differs"
    assert _objects(db) == _objects(full)  # the same indexes, full-text tables and views


def _objects(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("select type, name, tbl_name, sql from sqlite_master order by type, name").fetchall()
    finally:
        conn.close()


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


@pytest.mark.parametrize("change", ["replaced", "touched", "deleted", "other rows", "copied into it"])
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
    elif change == "copied into it":  # as `cp -p`: the same inode, size and time, other bytes
        st = db.stat()
        data = bytearray(db.read_bytes())
        data[-100:] = bytes(100)  # the last page's bytes differ (SQLite still opens the file)
        with open(db, "r+b") as fp:
            fp.write(data)
        os.utime(db, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert (db.stat().st_ino, db.stat().st_size, db.stat().st_mtime_ns) == (st.st_ino, st.st_size, st.st_mtime_ns)
    else:  # a manifest that does not count the file's rows (the file itself unchanged)
        aux = B._Aux(BuildCache(db.parent / "cache"))
        manifest = Manifest.from_data(aux.library.data())
        manifest.totals[0] += 1
        aux.save_library(manifest)
    spy["copied"].clear()
    _build(corpus, termbase, db)
    assert spy["copied"] == {}
    _same_as_full(corpus, termbase, db, tmp_path)


EDITS = st.lists(st.tuples(st.sampled_from(["append", "drop-last", "title", "delete", "add", "unpair"]),
                           st.integers(0, 10)), min_size=1, max_size=3)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
@example(edits=[("delete", 0), ("delete", 1), ("delete", 2)])  # no pair left: no beads at all
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


def test_build_patch_unchanged_units_read_late_missing_or_damaged(corpus, termbase, tmp_path, caplog):
    """The values of unchanged pairs are read while SQLite indexes text when the cache's proposals
    entry lacks them: one missing from the cache is computed then, one damaged is one warning and
    computed; the library is the full build's."""
    import gzip
    import json

    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    forget_proposals(db.parent / "cache")
    files = sorted((db.parent / "cache").glob("*.json.gz"))
    pairs = [f for f in files if json.loads(gzip.decompress(f.read_bytes()))["value"].get("beads")]
    pairs[0].unlink()
    entry = json.loads(gzip.decompress(pairs[1].read_bytes()))
    entry["value"]["beads"] = []
    pairs[1].write_bytes(gzip.compress(json.dumps(entry).encode()))
    _append(corpus / "netulkots.lv.md", "2026.")
    with caplog.at_level("WARNING"):
        report = _build(corpus, termbase, db)
    assert report.computed == 3 and report.cached == 1
    assert [r.getMessage() for r in caplog.records if "cache file" in r.getMessage()] == [
        f"{pairs[1]}: cache file is damaged (a value that cannot be right for its key); recomputed"]
    _same_as_full(corpus, termbase, db, tmp_path)


def test_build_patch_reads_only_the_proposals_of_unchanged_pairs(corpus, termbase, tmp_path, monkeypatch):
    """A rebuild after an edit that brings no new terms reads no unchanged pair's cache file (their
    proposals come from the proposals entry, their rows from the previous library); one whose
    posts must be scanned again (new terms) reads them all. Both equal a full build."""
    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    units = {f.name for f in (db.parent / "cache").glob("*.json.gz")}
    read = []
    get_many = BuildCache.get_many
    monkeypatch.setattr(BuildCache, "get_many", lambda self, keys, **kw: get_many(self, read.extend(keys) or keys, **kw))
    _append(corpus / "netulkots.lv.md", "2026.")
    report = _build(corpus, termbase, db)
    assert report.computed == 1 and report.cached == len(units) - 1
    assert not units & {f"{key}.json.gz" for key in read}
    before = report.terms
    _same_as_full(corpus, termbase, db, tmp_path / "plain")
    del read[:]
    units = {f.name for f in (db.parent / "cache").glob("*.json.gz")}
    first = sorted(corpus.glob("*.lv.md"))[0]
    _append(first, "Bibliotēku digitālā arhīva darbinieki un bibliotēku digitālā arhīva lasītāji tikās Rīgā.")
    report = _build(corpus, termbase, db)
    assert report.computed == 1 and report.terms > before
    assert len(units & {f"{key}.json.gz" for key in read}) == len(units) - 1  # all but the edited pair's
    _same_as_full(corpus, termbase, db, tmp_path / "terms")


def test_build_patch_occurrence_beads_are_the_copied_beads(corpus, termbase, tmp_path):
    """The occurrences of a pair scanned again name the beads the library has (read back from the
    beads table), not those of its cached value: a value whose beads are grouped otherwise (same
    count, so it passes every check) changes nothing. The scan is forced by an edit elsewhere
    that brings new terms; the library equals a full build."""
    import gzip
    import json

    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    regrouped = 0
    for path in sorted((db.parent / "cache").glob("*.json.gz")):
        entry = json.loads(gzip.decompress(path.read_bytes()))
        beads = entry["value"].get("beads") or []
        for a, b in zip(beads, beads[1:]):
            if len(b[1]) >= 2 or (len(b[1]) == 1 and b[0]):  # an English sentence moved to the bead before
                a[1].append(b[1].pop(0))
                regrouped += 1
                path.write_bytes(gzip.compress(json.dumps(entry).encode()))
                break
    assert regrouped >= 2
    first = sorted(corpus.glob("*.lv.md"))[0]
    _append(first, "Bibliotēku digitālā arhīva darbinieki un bibliotēku digitālā arhīva lasītāji tikās Rīgā.")
    _build(corpus, termbase, db)
    _same_as_full(corpus, termbase, db, tmp_path)


def test_build_patch_cached_work_that_disagrees_with_the_library_stops_once(corpus, termbase, tmp_path):
    """A cached value that is valid but cannot be what the previous library's rows were made from
    (fewer sentences than the manifest counts) stops the build with one line, the library left as
    it was; the next build writes every row and equals a full build."""
    import gzip
    import json

    from lvterm.errors import LvtermError

    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    before = tables(db)
    forget_proposals(db.parent / "cache")  # (the pairs' values are read whole then)
    for path in sorted((db.parent / "cache").glob("*.json.gz")):
        entry = json.loads(gzip.decompress(path.read_bytes()))
        value = entry["value"]
        if value.get("beads") and len(value["segments"][0]) > 1 and len(value["beads"][-1][0]) == 1:
            last = value["beads"].pop()  # the last Latvian sentence, and its English ones, dropped
            value["segments"][0].pop(), value["keys"][0].pop()
            for _ in last[1]:
                value["segments"][1].pop(), value["keys"][1].pop()
            path.write_bytes(gzip.compress(json.dumps(entry).encode()))
            break
    else:
        raise AssertionError("no pair to cut")
    _append(corpus / "netulkots.lv.md", "2026.")
    with pytest.raises(LvtermError, match="does not match the previous library"):
        _build(corpus, termbase, db)
    assert tables(db) == before
    _build(corpus, termbase, db)
    # the cut value is what the cache holds: the full build must read it too to agree
    full = tmp_path / "full" / "lvterm.db"
    B.build_library(corpus=corpus, termbase=termbase, db_path=full, cache=True, cache_dir=db.parent / "cache",
                    workers=1)
    assert_same_library(db, full)


def test_build_patch_another_build_renaming_its_file_at_the_same_time(corpus, termbase, tmp_path, spy, monkeypatch):
    """Two builds of one library path at once: the manifest describes the file this build wrote,
    not whatever is at the path when it is saved, and a file renamed there between the check and
    the attach is not copied from. Later rebuilds equal a full build."""
    import lvterm.prior as prior

    db = tmp_path / "lib" / "lvterm.db"
    other_corpus = copy_corpus(Path(__file__).parent / "fixtures", tmp_path / "other")
    path = other_corpus / "konference.en.md"
    path.write_text(path.read_text(encoding="utf-8").replace("May 2025", "June 2025"), encoding="utf-8")
    other = tmp_path / "other.db"

    def other_build() -> None:  # the same row counts, one sentence different
        B.build_library(corpus=other_corpus, termbase=termbase, db_path=other, cache=False, workers=1)

    _build(corpus, termbase, db)
    other_build()
    replace = os.replace

    def then_the_other(src, dst):  # the other build's rename lands right after this build's
        replace(src, dst)
        if Path(dst) == db and other.exists():
            replace(other, db)

    with monkeypatch.context() as m:
        m.setattr(os, "replace", then_the_other)
        _build(corpus, termbase, db)
    spy["copied"].clear()
    _build(corpus, termbase, db)
    assert spy["copied"] == {}
    _same_as_full(corpus, termbase, db, tmp_path)

    other_build()
    identity, calls = prior.file_identity, []

    def renamed_after_the_check(path, **kwargs):
        found = identity(path, **kwargs)
        calls.append(path)
        if len(calls) == 1:
            os.replace(other, db)
        return found

    with monkeypatch.context() as m:
        m.setattr(prior, "file_identity", renamed_after_the_check)
        spy["copied"].clear()
        _build(corpus, termbase, db)
    assert calls and spy["copied"] == {}
    _same_as_full(corpus, termbase, db, tmp_path)


@pytest.mark.parametrize("damage", [{}, [], "x", ["d", 1, 2, 3, -1], ["d", 1, 2, 3]])
def test_build_patch_damaged_manifest_entry_is_one_warning(corpus, termbase, tmp_path, caplog, damage):
    """A manifest whose post entry is of another shape is a damaged cache file: one warning, every
    row made, the library the full build's."""
    import gzip
    import json

    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    path = db.parent / "cache" / "corpus" / f"{B._Aux.key(B._Aux.LIBRARY)}.json.gz"
    entry = json.loads(gzip.decompress(path.read_bytes()))
    entry["value"]["posts"][next(iter(entry["value"]["posts"]))] = damage
    path.write_bytes(gzip.compress(json.dumps(entry).encode()))
    with caplog.at_level("WARNING"):
        _build(corpus, termbase, db)
    assert [r.getMessage() for r in caplog.records if "cache file" in r.getMessage()] == [
        f"{path}: cache file is damaged (a value that cannot be right for its key); recomputed"]
    _same_as_full(corpus, termbase, db, tmp_path)


def test_build_patch_previous_library_is_only_read(corpus, termbase, tmp_path, spy):
    """The file copied from is opened read-only and left byte for byte as it was (a server still
    reading it, through its open file, sees the previous library until it reopens the path)."""
    import hashlib

    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    kept = tmp_path / "served.db"
    os.link(db, kept)  # the inode a running server holds
    before = hashlib.sha256(kept.read_bytes()).hexdigest()
    served = sqlite3.connect(f"{kept.resolve().as_uri()}?mode=ro", uri=True)
    rows = served.execute("select count(*) from segments").fetchone()
    _append(corpus / "netulkots.lv.md", "Bibliotēka ir atvērta arī svētdienās.")
    spy["copied"].clear()
    _build(corpus, termbase, db)
    assert spy["copied"]["segments"] > 0  # copied from that very file
    assert served.execute("select count(*) from segments").fetchone() == rows
    served.close()
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == before
    assert db.stat().st_ino != kept.stat().st_ino


def test_build_patch_a_fifo_at_the_library_path_is_not_read(corpus, termbase, tmp_path):
    """A FIFO left where the library was: the build does not open it (the read would block
    forever), replaces it and writes every row."""
    import subprocess
    import sys

    db = tmp_path / "lib" / "lvterm.db"
    _build(corpus, termbase, db)
    db.unlink()
    os.mkfifo(db)
    code = ("import sys; from lvterm.build import build_library; "
            "build_library(corpus=sys.argv[1], termbase=sys.argv[2], db_path=sys.argv[3], cache=True, workers=1)")
    done = subprocess.run([sys.executable, "-c", code, str(corpus), str(termbase), str(db)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert db.is_file()
    _same_as_full(corpus, termbase, db, tmp_path)
