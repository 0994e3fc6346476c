"""The `lvterm` process with its standard output truly closed (`lvterm ... >&-`: Python then has
no sys.stdout) and with a reader that goes away before the first byte (`lvterm ... | true`).

A command whose data goes to stdout says one line and exits 2 (click would otherwise drop every
line without a word); a command that only logs still does its work; a reader that closed the pipe
ends the command quietly with exit 0, as `| head -1` already did."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LVTERM = str(Path(sys.executable).with_name("lvterm"))
CLOSED = "lvterm: standard output is closed\n"

pytestmark = pytest.mark.skipif(not shutil.which("bash"), reason="needs bash for `>&-`")


def _closed(args: list[str], *, cwd=None) -> subprocess.CompletedProcess:
    """Run lvterm with file descriptor 1 closed (not /dev/null: closed)."""
    return subprocess.run(["bash", "-c", '"$@" >&-', "lvterm", LVTERM, *map(str, args)], cwd=cwd,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=120)


def _reader_gone(args: list[str]) -> subprocess.CompletedProcess:
    """Run lvterm writing into a pipe whose only reader is closed before the first byte."""
    proc = subprocess.Popen([LVTERM, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    return subprocess.CompletedProcess(proc.args, proc.wait(timeout=120), "", err)


def _data_commands(root: Path, db: Path, tmp: Path) -> list[list]:
    fx = root / "tests" / "fixtures"
    post = fx / "db" / "posts" / "biedribas-dzive.lv.md"
    po = fx / "po"
    return [
        ["segment", post],
        ["segment", "--json", post],
        ["align", "--src-lang", "lv", "--tgt-lang", "en", fx / "align" / "seed.lv", fx / "align" / "seed.en"],
        ["eval-align", "--test", fx / "align" / "library.gold", "--gold", fx / "align" / "library.gold"],
        ["extract", fx / "align" / "seed.lv", fx / "align" / "seed.en"],
        ["lookup", "tīklošana", "--db", db],
        ["export", "tmx", "-o", "-", "--db", db],
        ["export", "tbx", "-o", "-", "--db", db],
        ["export", "tsv", "-o", "-", "--db", db],
        ["pretranslate", po / "test_pretranslate_golden.pot", "--tm", po / "test_pretranslate_golden_tm.po", "-o", "-"],
        ["check-po", po / "test_check_po_terms.po", "--termbase", po / "test_check_po_terms.yml"],
        ["pair", fx / "db" / "posts"],
        ["ingest", "--json", "--lang", "lv", "--out", tmp, post],
    ]


def test_closed_stdout_data_command_is_one_line(root, library_db, tmp_path):
    """Each command that must write data says so in one line, exit 2, no traceback, nothing written."""
    for args in _data_commands(root, library_db, tmp_path):
        run = _closed(args, cwd=tmp_path)
        assert (run.returncode, run.stderr) == (2, CLOSED), (args, run.stderr)
    assert list(tmp_path.iterdir()) == []  # ingest --json wrote no post file instead


def test_closed_stdout_commands_that_only_log_still_work(fixtures, library_db, tmp_path):
    """build, po, exports and pretranslate to a file, ingest: their data goes to files."""
    po = fixtures / "po"
    runs = {
        "build": ["build", "--corpus", fixtures / "db" / "posts", "--termbase", fixtures / "db" / "termbase",
                  "--db", tmp_path / "site" / "lvterm.db"],
        "po": ["po", "--db", library_db, "--out", tmp_path / "locale"],
        "tmx": ["export", "tmx", "-o", tmp_path / "x.tmx", "--db", library_db],
        "pretranslate": ["pretranslate", po / "test_pretranslate_golden.pot", "--tm",
                         po / "test_pretranslate_golden_tm.po", "-o", tmp_path / "x.po"],
        "ingest": ["ingest", "--lang", "lv", "--out", tmp_path, fixtures / "db" / "posts" / "biedribas-dzive.lv.md"],
    }
    for name, args in runs.items():
        run = _closed(args)
        assert run.returncode == 0 and "Traceback" not in run.stderr, (name, run.stderr)
    assert (tmp_path / "site" / "lvterm.db").stat().st_size > 0
    assert sorted(p.name for p in (tmp_path / "locale" / "lv" / "LC_MESSAGES").iterdir()) == [
        "biedribas-dzive.po", "glossary.po"]
    assert (tmp_path / "x.tmx").stat().st_size > 0 and (tmp_path / "x.po").stat().st_size > 0
    assert (tmp_path / "biedribas-dzive.lv.md").is_file()


@pytest.mark.parametrize("kind", ["tmx", "tbx", "tsv"])
def test_reader_gone_before_the_first_byte_export_is_quiet(library_db, kind):
    """`lvterm export tmx -o - --db X | true`: no "cannot write: Broken pipe", exit 0."""
    run = _reader_gone(["export", kind, "-o", "-", "--db", library_db])
    assert (run.returncode, run.stderr) == (0, "")


def test_reader_gone_before_the_first_byte_pretranslate_and_help_are_quiet(fixtures):
    po = fixtures / "po"
    run = _reader_gone(["pretranslate", po / "test_pretranslate_golden.pot", "--tm", po / "test_pretranslate_golden_tm.po",
                        "-o", "-"])
    assert (run.returncode, run.stderr) == (0, "")
    for args in (["--help"], ["export", "--help"], ["--version"]):
        run = _reader_gone(args)
        assert (run.returncode, run.stderr) == (0, ""), args
