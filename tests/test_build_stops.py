"""What `lvterm build` says when it is stopped: SIGTERM once the new library is in place says what
was built, as Ctrl-C does (exit 143, not a silent stop), and a full disk while the new library is
written says that the previous library is unchanged (it is: the build writes a temp file), not
"rebuild it with `lvterm build`"."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm import db as dbmod
from lvterm import inspectfile
from lvterm.cli import cli


@pytest.fixture
def old_library(lv_post_library) -> Path:
    """A library of the Latvian fixture post alone: what a build of the fixture pair replaces."""
    return lv_post_library


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


#: `lvterm build` as the `lvterm` command runs it (`lvterm.__main__.main`, its SIGTERM handler), with
#: SIGTERM sent to itself at one moment: WHEN is "downloads" (while they are written) or "rename"
#: (just before the library is renamed into place, where signals are held until its inspect file is).
_STOPPED_BUILD = textwrap.dedent("""\
    import os, signal, sys
    from pathlib import Path

    when, db = sys.argv[1], sys.argv[2]
    if when == "downloads":
        from lvterm import exports

        def write_downloads(**kwargs):
            os.kill(os.getpid(), signal.SIGTERM)
            raise AssertionError("SIGTERM did not stop the downloads")

        exports.write_downloads = write_downloads
    else:
        real = os.replace

        def replace(src, dst, *args, **kwargs):
            if Path(dst).name == Path(db).name:
                os.kill(os.getpid(), signal.SIGTERM)
            real(src, dst, *args, **kwargs)

        os.replace = replace
    sys.argv = ["lvterm", "build", *sys.argv[3:], "--db", db]
    from lvterm.__main__ import main

    main()
""")


@pytest.mark.parametrize("when", ["downloads", "rename"])
def test_sigterm_after_the_library_is_in_place_says_what_was_built(fixtures, old_library, when):
    """Was exit 143 and nothing on stderr, while Ctrl-C there says "interrupted after the library was
    built: wrote ..."."""
    run = subprocess.run([sys.executable, "-c", _STOPPED_BUILD, when, str(old_library), "--corpus",
                          str(fixtures / "db" / "posts"), "--termbase", str(fixtures / "db" / "termbase")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 128 + signal.SIGTERM, run.stderr
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"lvterm: terminated (SIGTERM) after the library was built: wrote {old_library}: 2 posts")
    assert line.endswith("the downloads beside it may be an earlier build's (`lvterm build` again writes them)")
    assert inspectfile.inspect_current(old_library) and _temp_files(old_library.parent) == []


def test_sigterm_handler_is_back_after_the_build(fixtures, tmp_path):
    """The build's own SIGTERM handler is only the build's: the one before is back after it."""
    def before(signum, frame):
        pass

    previous = signal.signal(signal.SIGTERM, before)
    try:
        result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                          str(fixtures / "db" / "termbase"), "--db", str(tmp_path / "lvterm.db")])
        assert result.exit_code == 0, result.output
        assert signal.getsignal(signal.SIGTERM) is before
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def _small_disk(path, **kwargs):
    """`db.open_build` on a disk with room for a few pages: SQLite's own "database or disk is full"
    (SQLITE_FULL) once the new library outgrows them."""
    with _real_open_build(path, **kwargs) as db:
        db.conn.execute("PRAGMA max_page_count = 12")
        yield db


_real_open_build = dbmod.open_build


def _one_line(stderr: str, db: Path, end: str) -> None:
    """One line: the library, SQLite's message (which table it was writing, if it says), what is there."""
    (line,) = stderr.splitlines()
    assert line.startswith(f"lvterm: {db}: database error (") and "database or disk is full) while building; " in line
    assert line.endswith(f"; {end}") and "rebuild it" not in line


def test_full_disk_says_the_previous_library_is_unchanged(fixtures, old_library, monkeypatch):
    """Was "database error (database or disk is full); rebuild it with `lvterm build`"."""
    before = old_library.read_bytes(), inspectfile.inspect_path(old_library).read_bytes()
    monkeypatch.setattr(dbmod, "open_build", _small_disk)
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                      str(fixtures / "db" / "termbase"), "--db", str(old_library), "--no-cache"])
    assert result.exit_code == 2
    _one_line(result.stderr, old_library, "the previous library is unchanged")
    assert (old_library.read_bytes(), inspectfile.inspect_path(old_library).read_bytes()) == before
    assert _temp_files(old_library.parent) == []


def test_full_disk_on_a_first_build_says_no_library_was_written(fixtures, tmp_path, monkeypatch):
    db = tmp_path / "lvterm.db"
    monkeypatch.setattr(dbmod, "open_build", _small_disk)
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                      str(fixtures / "db" / "termbase"), "--db", str(db), "--no-cache"])
    assert result.exit_code == 2
    _one_line(result.stderr, db, "no library was written")
    assert not db.exists() and _temp_files(tmp_path) == []


def test_a_damaged_library_read_after_the_build_still_says_rebuild_it(fixtures, tmp_path, monkeypatch):
    """A database error once another library is in place (here the downloads reading it) is not
    said to have left the previous one: the usual "rebuild it with `lvterm build`"."""
    import sqlite3

    from lvterm import exports

    def damaged(**kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(exports, "write_downloads", damaged)
    db = tmp_path / "lvterm.db"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                      str(fixtures / "db" / "termbase"), "--db", str(db), "--no-cache"])
    assert result.exit_code == 2 and db.exists()
    assert result.stderr == (f"lvterm: {db}: database error (database disk image is malformed); rebuild it with "
                             "`lvterm build`\n")
    assert os.path.getsize(db) > 0
