"""`lvterm build --db PATH` writes its library only where a library may go: it never replaces a
termbase file, a post, notes or another program's SQLite database, and never writes inside the
corpus or termbase folder (`build.check_target`). An lvterm library is replaced as before."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from lvterm.cli import cli


@pytest.fixture
def project(fixtures, tmp_path):
    """A copy of the fixture corpus and termbase, and a folder of files that are not libraries."""
    shutil.copytree(fixtures / "db" / "posts", tmp_path / "posts")
    shutil.copytree(fixtures / "db" / "termbase", tmp_path / "tb")
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("my notes\n", encoding="utf-8")
    conn = sqlite3.connect(other / "foreign.db")
    conn.execute("create table invoices (id integer primary key, amount real)")
    conn.execute("insert into invoices values (1, 9.5)")
    conn.commit()
    conn.close()
    return tmp_path


def _snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _build(project, db):
    return CliRunner().invoke(cli, ["build", "--corpus", str(project / "posts"), "--termbase", str(project / "tb"),
                                    "--db", str(db)])


@pytest.mark.parametrize("target, why", [
    ("tb/fixture.yml", "inside the termbase folder"),
    ("tb/new.db", "inside the termbase folder"),
    ("posts/biedribas-dzive.lv.md", "inside the corpus folder"),
    ("posts/lvterm.db", "inside the corpus folder"),
    ("other/notes.txt", "not an lvterm library (not a SQLite file)"),
    ("other/foreign.db", "not an lvterm library (a SQLite file without a posts table)"),
])
def test_build_refuses_a_target_that_is_not_a_library(project, target, why):
    before = _snapshot(project)
    result = _build(project, project / target)
    assert result.exit_code == 2, result.output
    (line,) = result.output.splitlines()
    assert line.startswith(f"lvterm: {project / target}: refused") and why in line, line
    assert _snapshot(project) == before  # nothing written: no library, temp file, cache or download


def test_build_refuses_a_socket(project):
    """Not a regular file (a device is refused the same way; a FIFO holds nothing and is replaced,
    `test_build_patch_a_fifo_at_the_library_path_is_not_read`)."""
    import socket

    path = project / "other" / "s.db"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        result = _build(project, path)
    assert result.exit_code == 2 and "not a regular file" in result.output, result.output


def test_build_replaces_a_library_and_an_empty_file(project, library_db):
    db = project / "out" / "lvterm.db"
    db.parent.mkdir()
    shutil.copy(library_db, db)
    (project / "out" / "empty.db").touch()
    for target in (db, project / "out" / "empty.db"):
        result = _build(project, target)
        assert result.exit_code == 0, result.output
        conn = sqlite3.connect(target)
        assert conn.execute("select count(*) from posts").fetchone()[0] == 2
        conn.close()
