"""`lvterm.Library` used as a Python API: an export never replaces the library it reads, every
method works from any thread, and `close()` in one never cuts off another (nor a `bitext()`
iterator) nor leaves a file open once the other threads have ended, one id is a one-item list, wrong
arguments are TypeError/ValueError naming the parameter, exports write to file objects too."""
from __future__ import annotations

import io
import json
import os
import queue
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm import Library
from lvterm.cli import cli
from lvterm.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "db"


@pytest.fixture
def db(library_db, tmp_path) -> Path:
    """A copy of the session's library: no other Library or cache of this session has it open."""
    path = tmp_path / "lvterm.db"
    shutil.copyfile(library_db, path)
    return path


# --- 1. an output that is the library itself ------------------------------------------------------------

EXPORTS = {"tmx": lambda lib, out: lib.export_tmx(out), "tbx": lambda lib, out: lib.export_tbx(out),
           "tsv": lambda lib, out: lib.export_tsv(out)}


def _refused(call, db: Path, out) -> None:
    before = db.read_bytes()
    with pytest.raises(InputError, match="the output is the library database being read") as info:
        call()
    assert str(info.value).startswith(f"{out}: ") and "\n" not in str(info.value)
    assert db.read_bytes() == before


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_export_refuses_the_library_as_its_output(db, kind):
    lib = Library(db)
    spelt = db.parent / "sub" / ".." / db.name
    (db.parent / "sub").mkdir()
    link = db.parent / f"link.{kind}"
    link.symlink_to(db.name)
    hard = db.parent / f"hard.{kind}"
    os.link(db, hard)
    for out in (db, str(db), spelt, link, hard):
        _refused(lambda: EXPORTS[kind](lib, out), db, out)
    assert lib.concepts()  # still the library


def test_export_refuses_from_another_folder(db, monkeypatch):
    """A relative output naming the library from the working folder."""
    monkeypatch.chdir(db.parent.parent)
    out = Path(db.parent.name) / db.name
    _refused(lambda: Library(db).export_tmx(out), db, out)


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_cli_export_refuses_the_library_as_its_output(db, kind):
    before = db.read_bytes()
    result = CliRunner().invoke(cli, ["export", kind, "--db", str(db), "-o", str(db)])
    assert result.exit_code == 2, result.output
    assert result.output.strip() == (f"lvterm: {db}: the output is the library database being read: "
                                     "refused to overwrite it (give another output path)")
    assert db.read_bytes() == before


def test_po_refuses_a_library_in_its_folder(db, tmp_path):
    """`lib.po(out)` for a library kept as <out>/lv/LC_MESSAGES/glossary.po: refused, not replaced."""
    folder = tmp_path / "locale" / "lv" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    inside = folder / "glossary.po"
    shutil.copyfile(db, inside)
    _refused(lambda: Library(inside).po(tmp_path / "locale"), inside, inside)


def test_downloads_never_replace_the_library(db, tmp_path):
    """The build's downloads are <stem>.tmx/.tbx/.tsv beside the library: a library named lvterm.tmx
    is not replaced by its TMX (the other downloads are written; the one refused is named)."""
    from lvterm.exports import NotAllWritten, write_downloads

    lib_path = tmp_path / "lvterm.tmx"
    shutil.copyfile(db, lib_path)
    with pytest.raises(NotAllWritten) as info:
        write_downloads(db=lib_path)
    assert [e.path for e in info.value.errors] == [str(lib_path)]
    assert {p.name for p in info.value.written} >= {"glossary.po", "lvterm.tbx", "lvterm.tsv"}
    assert Library(lib_path).concepts()


def test_export_to_another_file_still_works(db, tmp_path):
    out = tmp_path / "lvterm.tmx"
    assert Library(db).export_tmx(out) > 0 and out.read_text(encoding="utf-8").startswith("<?xml")


# --- 2. threads -------------------------------------------------------------------------------------------


def _in_thread(fn):
    box = {}

    def run():
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            box["error"] = exc

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_read_methods_work_from_another_thread(db):
    lib = Library(db)
    here = (lib.beads(), lib.concepts(), lib.proposals(), list(lib.bitext()), lib.table_counts())
    there = _in_thread(lambda: (lib.beads(), lib.concepts(), lib.proposals(), list(lib.bitext()),
                                lib.table_counts()))
    assert there == here and here[0] and here[1]
    assert _in_thread(lambda: lib.lookup("biedra naudu")[0].en) == "membership fee"
    lib.close()


def test_many_threads_at_once(db):
    lib = Library(db)
    expected = (len(lib.beads()), [c.id for c in lib.concepts()], lib.lookup("biedra naudu")[0].lv)
    lib.close()
    start = threading.Barrier(32)
    results, errors = [], []

    def work():
        try:
            start.wait()
            results.append((len(lib.beads()), [c.id for c in lib.concepts()], lib.lookup("biedra naudu")[0].lv))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lib.close()
    assert errors == [] and results == [expected] * 32


# --- 3. close() releases the file ---------------------------------------------------------------------------

linux = pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self/fd").is_dir(),
                           reason="counts open files in /proc/self/fd (Linux)")


def _open_on(path: Path) -> int:
    """How many of this process's file descriptors are `path`."""
    target = os.path.realpath(path)
    n = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            n += os.readlink(f"/proc/self/fd/{fd}") == target
        except OSError:
            pass
    return n


@linux
def test_close_releases_the_file(db):
    with Library(db) as lib:
        assert lib.lookup("biedra naudu") and lib.related("nauda") is not None and lib.concepts()
        assert _open_on(db) >= 1
    assert _open_on(db) == 0
    lib = Library(db)
    lib.lookup("tīklošana")
    lib.close()
    assert _open_on(db) == 0
    assert lib.lookup("biedra naudu")[0].en == "membership fee"  # opens again after close()
    lib.close()
    assert _open_on(db) == 0


def _thread_waiting(steps):
    """A thread running `steps` one at a time, each when `go()` is called; `go()` returns its value."""
    orders, answers = queue.Queue(), queue.Queue()

    def run():
        for step in steps:
            try:
                orders.get(timeout=60)
            except queue.Empty:  # the test failed before its last go()
                return
            try:
                answers.put(("value", step()))
            except BaseException as exc:  # noqa: BLE001 - handed to the test
                answers.put(("error", exc))

    t = threading.Thread(target=run, daemon=True)
    t.start()

    def go():
        orders.put(None)
        kind, value = answers.get(timeout=30)
        if kind == "error":
            raise value
        return value

    return t, go


@linux
def test_close_leaves_another_threads_connection_to_it(db):
    """close() closes this thread's connections, never another thread's (it may be mid-query, and
    closing it then crashed the interpreter): that thread finds its own stale at its next call,
    closes them itself and opens new ones; they close when it ends."""
    lib = Library(db)
    was = {}

    def first():
        lib.lookup("biedra naudu")
        was["conn"], was["index"] = lib.conn, lib._here().index.conn
        return len(lib.beads())

    def after_close():  # what it had open is still open and readable
        return [was[k].execute("select count(*) from beads").fetchone()[0] for k in ("conn", "index")]

    def next_call():
        return len(lib.beads()), lib.lookup("biedra naudu")[0].en, lib.conn is was["conn"], \
            lib._here().index.conn is was["index"]

    def old_ones():
        out = []
        for k in ("conn", "index"):
            with pytest.raises(sqlite3.ProgrammingError, match="closed database"):
                was[k].execute("select 1")
            out.append(k)
        return out

    t, go = _thread_waiting([first, after_close, next_call, old_ones])
    beads = go()
    assert beads > 0 and lib.concepts() and lib.lookup("tīklošana")  # this thread's own, too
    assert _open_on(db) >= 3
    lib.close()
    assert lib._conn is None and lib._here().index is None  # this thread's: closed at once
    assert _open_on(db) == 2  # the other thread's two, left to it
    assert go() == [beads, beads]
    assert go() == (beads, "membership fee", False, False)  # stale: closed and opened again by that thread
    assert go() == ["conn", "index"]
    t.join()
    assert _open_on(db) == 0  # what it opened again closed when it ended
    assert len(lib.beads()) == beads  # this thread opens again after close()
    lib.close()
    assert _open_on(db) == 0


_READERS = """
import json, sys, threading, time
from lvterm import Library

db, what, fixtures = sys.argv[1], sys.argv[2], sys.argv[3]
lib = Library(db)
stop, closed = threading.Event(), threading.Event()
seen, errors, after = set(), [], []

def reader():
    while not stop.is_set():
        try:
            seen.add((lib.lookup("biedra naudu")[0].en, len(list(lib.bitext()))))
            if closed.is_set():
                after.append(1)
        except Exception as exc:
            errors.append(repr(exc))

threads = [threading.Thread(target=reader) for _ in range(4)]
for t in threads:
    t.start()
time.sleep(0.3)
if what == "close":  # e.g. a `with Library(...)` block ending while the workers still read
    for _ in range(100):
        lib.close()
        time.sleep(0.005)
else:
    lib.build(corpus=fixtures + "/posts", termbase=fixtures + "/termbase", downloads=False, cache=False)
closed.set()
time.sleep(0.3)
stop.set()
for t in threads:
    t.join()
print(json.dumps({"seen": sorted(seen), "errors": errors, "after": len(after)}))
"""


@pytest.mark.parametrize("what", ["close", "build"])
def test_close_while_other_threads_read(db, what):
    """Four threads looking terms up and reading the bitext while another closes the library (or
    builds it anew, which closes it first): the readers carry on, with the same answers. Run in a
    child process: closing a connection mid-query crashed the interpreter (exit -11, SIGSEGV)."""
    lib = Library(db)
    expected = [["membership fee", len(list(lib.bitext()))]]
    lib.close()
    done = subprocess.run([sys.executable, "-c", _READERS, str(db), what, str(FIXTURES)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["errors"] == [] and result["seen"] == expected
    assert result["after"] > 0  # reads went on after close() (or the build)


def test_a_bitext_iterator_outlives_close(db):
    """`bitext()` reads through a connection of its own: close() in another thread, or in this one,
    and this thread's next call (which reopens its stale connection) do not cut it off."""
    lib = Library(db)
    expected = list(lib.bitext())
    assert len(expected) > 2
    it = lib.bitext()
    first = next(it)
    lib.close()
    assert lib.lookup("biedra naudu")[0].en == "membership fee"
    assert [first, *it] == expected

    rows = lib.bitext()
    head = []

    def start():
        head.append(next(rows))

    def rest():  # a call that reopens this thread's stale connection, then the rest of the rows
        lib.beads()
        return head + list(rows)

    t, go = _thread_waiting([start, rest])
    go()
    lib.close()  # while the other thread is part-way through
    assert go() == expected
    t.join()


@linux
def test_a_bitext_iterator_closes_its_connection(db):
    lib = Library(db)
    list(lib.bitext())
    lib.close()
    assert _open_on(db) == 0  # exhausted
    it = lib.bitext()
    next(it)
    assert _open_on(db) == 1
    it.close()
    assert _open_on(db) == 0  # closed part-way
    it = lib.bitext()
    assert _open_on(db) == 1
    del it
    assert _open_on(db) == 0  # dropped before it started


# --- 4. one id where a list of ids is expected -----------------------------------------------------------------


@pytest.fixture
def termbase(tmp_path) -> Path:
    folder = tmp_path / "termbase"
    shutil.copytree(FIXTURES / "termbase", folder)
    return folder


def test_review_takes_one_id_as_a_list_of_one(db, termbase):
    lib = Library(db)
    first, second = [p.id for p in lib.proposals()][:2]
    decisions = lib.review(accept=first, reject=second, termbase=termbase, today="2024-05-01")
    assert [(d.id, d.action) for d in decisions] == [(first, "accepted"), (second, "rejected")]
    assert first in (termbase / "accepted.yaml").read_text(encoding="utf-8")
    again = lib.review(accept=[first], termbase=termbase)  # the same, as a list
    assert [(d.id, d.action) for d in again] == [(first, "already accepted")]


def test_proposal_examples_takes_the_proposal_or_its_id(db):
    lib = Library(db)
    proposal = lib.proposals()[0]
    assert lib.proposal_examples(proposal.id) == lib.proposal_examples(proposal)
    with pytest.raises(InputError, match="no proposal 'x-nav' in the library"):
        lib.proposal_examples("x-nav")


def test_related_takes_one_id_to_exclude(db):
    lib = Library(db)
    hits = lib.related("nauda")
    if not hits:
        pytest.skip("the fixture library has no longer term with 'nauda'")
    first = hits[0].concept_id
    assert [h.concept_id for h in lib.related("nauda", exclude=first)] == \
        [h.concept_id for h in lib.related("nauda", exclude=[first])] == [h.concept_id for h in hits[1:]]


@pytest.mark.parametrize("call, message", [
    (lambda lib: lib.review(accept=3), "accept must be an id (str) or a list of ids, not int"),
    (lambda lib: lib.review(reject=["x-koleg", 3]), "reject must hold ids (str), not int"),
    (lambda lib: lib.proposal_examples(3), "proposal must be a Proposal or its id (str), not int"),
])
def test_ids_of_another_type_are_a_type_error(db, call, message):
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(Library(db))


# --- 5. wrong arguments -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("call, error, message", [
    (lambda lib: lib.lookup(42), TypeError, "query must be a str, not int"),
    (lambda lib: lib.lookup(None), TypeError, "query must be a str, not NoneType"),
    (lambda lib: lib.lookup("nauda", limit="5"), TypeError, "limit must be an int, not str"),
    (lambda lib: lib.lookup("nauda", limit=-1), ValueError, "limit must be 0 or more, not -1"),
    (lambda lib: lib.lookup("nauda", examples=1.5), TypeError, "examples must be an int, not float"),
    (lambda lib: lib.lookup("nauda", lang="de"), ValueError, "lang must be 'lv', 'en' or 'auto', not 'de'"),
    (lambda lib: lib.related("nauda", lang=None), TypeError, "lang must be a str, not NoneType"),
    (lambda lib: lib.memory(min_confidence="0.5"), TypeError, "min_confidence must be a number from 0 to 1, not str"),
    (lambda lib: lib.memory(min_confidence=50), ValueError, "min_confidence must be from 0 to 1, not 50"),
    (lambda lib: lib.bitext(year="2011"), TypeError, "year must be an int, not str"),
    (lambda lib: lib.bitext(min_score=float("nan")), ValueError, "min_score must be from 0 to 1, not nan"),
    (lambda lib: lib.export_tmx(io.StringIO(), srclang="de"), ValueError, "srclang must be 'lv' or 'en', not 'de'"),
    (lambda lib: lib.export_tsv(io.StringIO(), srclang=1), TypeError, "srclang must be a str, not int"),
    (lambda lib: lib.po(42), TypeError, "out must be a path (str or os.PathLike), not int"),
])
def test_wrong_arguments_name_the_parameter(db, call, error, message):
    with pytest.raises(error) as info:
        call(Library(db))
    assert str(info.value) == message and "--" not in str(info.value)


def test_language_codes_in_any_case(db):
    lib = Library(db)
    assert [h.as_dict() for h in lib.lookup("biedra naudu", lang="LV")] == \
        [h.as_dict() for h in lib.lookup("biedra naudu", lang="lv")] != []
    assert lib.lookup("membership fee", lang="En")[0].lv == "biedra nauda"
    upper, lower = io.StringIO(), io.StringIO()
    lib.export_tsv(upper, srclang="EN")
    lib.export_tsv(lower, srclang="en")
    assert upper.getvalue() == lower.getvalue()


def test_an_empty_query_still_matches_nothing(db):
    assert Library(db).lookup("") == [] and Library(db).lookup(" ... ") == []


# --- 6. exports to file objects --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_exports_write_to_a_text_file_object(db, tmp_path, kind):
    lib = Library(db)
    out = tmp_path / f"a.{kind}"
    n_path = EXPORTS[kind](lib, out)
    buffer = io.StringIO()
    assert EXPORTS[kind](lib, buffer) == n_path > 0
    assert not buffer.closed and buffer.getvalue() == out.read_text(encoding="utf-8")
    with open(tmp_path / f"b.{kind}", "w", encoding="utf-8", newline="") as fp:  # a real file, left open
        EXPORTS[kind](lib, fp)
        assert not fp.closed
    assert (tmp_path / f"b.{kind}").read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


@pytest.mark.parametrize("out, message", [
    (io.BytesIO(), "out must be a path or a file object opened in text mode, not BytesIO"),
    (42, "out must be a path or a writable text file object, not int"),
])
def test_exports_refuse_other_outputs(db, out, message):
    for kind in EXPORTS:
        with pytest.raises(TypeError) as info:
            EXPORTS[kind](Library(db), out)
        assert str(info.value) == message
