"""Hostile and pathological inputs, one table a concern: every case ends in one line naming the file
(exit 2) or a bounded answer, never a traceback, a hang, a file outside its folder or a lost output.

Extend a table when a new case is found; each row is (id, what is done, what must hold).
"""
from __future__ import annotations

import os
import stat
import sys
import time

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.fileio import STALE_SECONDS, atomic_write


def run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input)


# --- outputs: -o -, special files, symlinks, disk full, stale temp files ------------------------------


def test_hostile_output_dash_is_stdout(library_db):
    result = run("export", "tmx", "-o", "-", "--db", library_db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>')


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", [("export", "tmx"), ("export", "tbx"), ("export", "tsv")])
def test_hostile_output_device_is_written_through_not_replaced(library_db, command):
    result = run(*command, "-o", "/dev/full", "--db", library_db)
    assert result.exit_code == 2
    assert "/dev/full: cannot write: No space left on device" in result.output
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)  # still the device


def test_hostile_output_fifo_is_written_through(library_db, tmp_path):
    import threading

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("export", "tsv", "-o", fifo, "--db", library_db)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got and b"\t" in got[0]


def test_hostile_output_symlink_keeps_the_link(library_db, tmp_path):
    real = tmp_path / "real.tsv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.tsv"
    link.symlink_to(real)
    result = run("export", "tsv", "-o", link, "--db", library_db)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_text(encoding="utf-8") != "old\n"


def test_hostile_output_nothing_written_on_error(tmp_path):
    link_target = tmp_path / "kept.txt"
    link_target.write_text("kept\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(link_target) as fp:
            fp.write("half")
            raise RuntimeError("boom")
    assert link_target.read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.txt"]


def test_hostile_output_stale_temp_files_of_a_killed_run_are_removed(tmp_path):
    target = tmp_path / "lvterm.db"
    stale = tmp_path / ".lvterm.db.abc123.tmp"
    fresh = tmp_path / ".lvterm.db.def456.tmp"  # maybe another run's, still being written
    for p in (stale, fresh):
        p.write_bytes(b"x")
    old = time.time() - STALE_SECONDS - 60
    os.utime(stale, (old, old))
    with atomic_write(target) as fp:
        fp.write("new")
    assert not stale.exists() and fresh.exists() and target.read_text() == "new"


def test_hostile_output_disk_full_names_the_file(monkeypatch, tmp_path):
    import errno

    real_fsync = os.fsync

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError, match="out.po: cannot write: No space left on device"):
        with atomic_write(tmp_path / "out.po") as fp:
            fp.write("x")
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert list(tmp_path.iterdir()) == []


# --- the public server: bounded SQL functions and values ---------------------------------------------


@pytest.fixture(scope="module")
def plugin_conn(library_db):
    import sqlite3

    from lvterm import datasette_plugin

    conn = sqlite3.connect(library_db)
    datasette_plugin.prepare_connection(conn)
    yield conn
    conn.close()


BIG = 1_000_000
# a function raising inside SQLite is reported through sys.unraisablehook as well as to the query
server_case = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@server_case
@pytest.mark.parametrize("sql", [
    f"select fuzzy_score(printf('%.*c', {BIG}, 'a'), printf('%.*c', {BIG}, 'b'))",
    f"select lv_stem(printf('%.*c', {5 * BIG}, 'a'))",
    "select length(printf('%.*c', 2000000000, 'x'))",
    "select length(printf('%2000000000c', 'x'))",
    "select length(format('%.*c', 300000000, 'x'))",
    f"select mark_terms(printf('%.*c', {BIG}, 'a'), 'biedra nauda', 'lv')",
    f"select fts_query(printf('%.*c', {BIG}, 'a'))",
    "select length(printf('%.*c', 300000000, 'x'))",
    "select length(zeroblob(1000000000))",
    "select length(replace(printf('%.*c', 3000000, 'x'), 'x', 'xx'))",
])
def test_hostile_server_sql_is_refused_fast(plugin_conn, sql):
    import sqlite3

    start = time.perf_counter()
    with pytest.raises(sqlite3.Error):
        plugin_conn.execute(sql).fetchall()
    assert time.perf_counter() - start < 0.5


def test_hostile_server_printf_still_formats(plugin_conn):
    assert plugin_conn.execute("select printf('%05.1f|%s|%d', 3.14159, 'x', 42), format('%.*c', 3, 'y')").fetchone() \
        == ("003.1|x|42", "yyy")


def test_hostile_server_functions_still_answer_normal_input(plugin_conn):
    row = plugin_conn.execute("select lv_stem('biedra naudu'), fuzzy_score('tiklosana', 'tīklošana'), "
                              "mark_terms('Biedra naudu maksā', 'biedra nauda', 'lv'), review_threshold()").fetchone()
    assert row[0] and row[1] == 100.0 and row[2].startswith("<mark>Biedra naudu</mark>") and row[3] == 0.5


# --- the public server: bad query strings are 400s, decomposed Unicode is the same query --------------


@pytest.fixture(scope="module")
def ds(library_db):
    from datasette.app import Datasette

    from lvterm.serve import SETTINGS, metadata_for

    settings = {k: (v == "on") if v in ("on", "off") else v for k, v in SETTINGS.items() if k != "num_sql_threads"}
    return Datasette([], immutables=[str(library_db)], metadata=metadata_for(library_db), settings=settings)


def _get(ds, path):
    import asyncio

    return asyncio.run(ds.client.get(path))


@server_case
@pytest.mark.parametrize("path", [
    "/lvterm.json?sql=&_shape=array", "/lvterm/terms?_sort=nocol", "/lvterm/terms.json?_sort=nocol",
    "/lvterm/terms?_sort_desc=nocol", "/lvterm/terms?_where=term=:p", "/lvterm/terms.json?_where=term=:p",
    "/lvterm/terms?_through=zz", "/lvterm/terms?_facet=nocol", "/lvterm/terms?_size=abc",
    "/lvterm.json?sql=select+fuzzy_score(printf('%25.*c',1000000,'a'),'b')",
    "/lvterm.json?sql=select+length(printf('%25.*c',300000000,'x'))",
])
def test_hostile_server_bad_query_strings_are_400(ds, path):
    start = time.perf_counter()
    response = _get(ds, path)
    assert response.status_code == 400, (path, response.status_code, response.text[:300])
    assert time.perf_counter() - start < 2.0
    if ".json" in path:
        assert response.json()["ok"] is False


def test_hostile_server_decomposed_unicode_is_the_same_query(ds):
    import unicodedata

    nfc = "tīklošana"
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    for query in ("concordance", "term_lookup"):
        got = [_get(ds, f"/lvterm/{query}.json?_shape=array&q={q}").json() for q in (nfc, nfd)]
        assert got[0] == got[1] and got[0], query
