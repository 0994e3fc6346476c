"""How the `lvterm` process ends (`lvterm.__main__`): the command's exit code, all of its output
delivered, and no interpreter teardown unless something else still runs."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from lvterm.cli import cli

LVTERM = str(Path(sys.executable).with_name("lvterm"))


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_every_line_of_a_long_output_arrives(root):
    """The process ends right after the command: what it wrote is flushed first (the whole
    seed post's sentences, as the in-process runner gets them)."""
    post = next((root / "corpus" / "posts").glob("*.lv.md"))
    expected = CliRunner().invoke(cli, ["segment", str(post)]).output
    run = subprocess.run([LVTERM, "segment", str(post)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stderr == ""
    assert run.stdout == expected and len(expected.splitlines()) > 10


def test_exit_codes_as_the_command_gives_them(tmp_path):
    assert subprocess.run([LVTERM, "--version"], capture_output=True, timeout=60).returncode == 0
    missing = subprocess.run([LVTERM, "lookup", "biedrs", "--db", str(tmp_path / "none.db")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "database not found" in missing.stderr
    usage = subprocess.run([LVTERM, "no-such-command"], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2 and "No such command" in usage.stderr
    module = subprocess.run([sys.executable, "-m", "lvterm", "--help"], capture_output=True, text=True, timeout=60)
    assert module.returncode == 0 and "Usage: lvterm" in module.stdout


def test_no_teardown_when_nothing_else_runs():
    """Exit handlers are the teardown skipped: output flushed, code kept, atexit not run."""
    run = _python("import atexit; atexit.register(print, 'teardown'); from lvterm.__main__ import exit_now; "
                  "print('written', end=''); exit_now(3)")
    assert (run.returncode, run.stdout) == (3, "written")
    text = _python("from lvterm.__main__ import exit_now; exit_now('one line of why')")
    assert (text.returncode, text.stderr) == (1, "one line of why\n")


def test_normal_exit_while_a_thread_still_runs():
    """A non-daemon thread still working is waited for, as Python's normal exit does."""
    run = _python("import threading, time; from lvterm.__main__ import exit_now\n"
                  "t = threading.Thread(target=lambda: (time.sleep(0.3), print('thread done', flush=True)))\n"
                  "t.start(); exit_now(4)")
    assert (run.returncode, run.stdout) == (4, "thread done\n")


def test_closed_stdout_or_stderr_keeps_the_exit_code():
    """Started with a stream closed (`lvterm --version >&-`: Python then has no sys.stdout), the
    command's own exit code, no traceback."""
    import shutil

    import pytest

    if not shutil.which("sh"):
        pytest.skip("no POSIX shell here")
    for args, code in (("--version >&-", 0), ("no-such-command >&-", 2), ("--help 2>&-", 0)):
        run = subprocess.run(["sh", "-c", f'"{LVTERM}" {args}'], capture_output=True, text=True, timeout=60)
        assert run.returncode == code and "Traceback" not in run.stderr, (args, run.stderr)
