"""`lvterm serve` shows the plugin's log lines: a refused SQL function argument is one INFO line
`refused: ...` on the server's stderr (docs/datasette.md). Nothing configured the `lvterm.datasette`
logger under the server, so Python's last-resort handler dropped everything under WARNING: the
line the docs promise never appeared. The plugin's startup now gives that logger alone a stderr
handler at INFO, when nobody configured logging."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lvterm_serve_logs_a_refused_argument_as_one_info_line(library_db, tmp_path):
    db = tmp_path / "lvterm.db"
    shutil.copy(library_db, db)
    port, err = _free_port(), tmp_path / "stderr"
    lvterm = str(Path(sys.executable).with_name("lvterm"))
    with err.open("wb") as sink:
        proc = subprocess.Popen([lvterm, "serve", "--db", str(db), "--port", str(port)], stdout=subprocess.DEVNULL,
                                stderr=sink, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, err.read_text()[-500:]
                time.sleep(0.2)
        sql = urllib.parse.urlencode({"sql": "select example_note(999999, 'membership-fee') as note"})
        try:
            urllib.request.urlopen(f"{base}/lvterm.json?{sql}", timeout=10)
            raise AssertionError("example_note of no pair answered")
        except urllib.error.HTTPError as exc:  # the query fails (a 400), as documented
            assert exc.code == 400 and "example_note: no pair '999999'" in exc.read().decode()  # the reason
        while "refused:" not in err.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    lines = err.read_text().splitlines()
    assert [line for line in lines if "refused" in line] == [
        "INFO:     lvterm.datasette: refused: example_note: no pair '999999'"]
    assert "Traceback" not in err.read_text()


def test_the_log_handler_is_the_plugins_own_and_only_when_none_is_configured():
    """Only `lvterm.datasette` is set up (Datasette's loggers and the root are left alone), and not
    at all under an application's own logging configuration."""
    script = (
        "import logging, sys\n"
        "from lvterm import datasette_plugin as p\n"
        "if sys.argv[1] == 'configured':\n"
        "    logging.basicConfig(level=logging.WARNING)\n"
        "p.log_to_stderr()\n"
        "p.log_to_stderr()\n"  # a second startup adds nothing
        "ours, root = logging.getLogger('lvterm.datasette'), logging.getLogger()\n"
        "print(len(ours.handlers), logging.getLevelName(ours.getEffectiveLevel()),\n"
        "      logging.getLevelName(logging.getLogger('datasette').getEffectiveLevel()), len(root.handlers))\n"
        "ours.info('seen')\n"
    )
    alone = subprocess.run([sys.executable, "-c", script, "alone"], capture_output=True, text=True, timeout=120)
    assert alone.returncode == 0, alone.stderr
    assert alone.stdout.split() == ["1", "INFO", "WARNING", "0"]
    assert alone.stderr == "INFO:     lvterm.datasette: seen\n"
    configured = subprocess.run([sys.executable, "-c", script, "configured"], capture_output=True, text=True,
                                timeout=120)
    assert configured.returncode == 0, configured.stderr
    assert configured.stdout.split() == ["0", "WARNING", "WARNING", "1"] and configured.stderr == ""


@pytest.mark.parametrize("order", ["configured before", "configured after"])
def test_a_line_is_written_once_whenever_the_application_configures_logging(order):
    """An application embedding Datasette that configured logging after the server started got every
    line twice: from the plugin's handler and from its own. The plugin's handler stands aside while
    the root logger has one, in either order."""
    script = (
        "import logging, sys\n"
        "from lvterm import datasette_plugin as p\n"
        "before = sys.argv[1] == 'configured before'\n"
        "if before:\n"
        "    logging.basicConfig(level=logging.WARNING)\n"
        "p.log_to_stderr()\n"
        "if not before:\n"
        "    logging.basicConfig(level=logging.WARNING)\n"
        "logging.getLogger('lvterm.datasette').warning('seen')\n"
    )
    run = subprocess.run([sys.executable, "-c", script, order], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stderr == "WARNING:lvterm.datasette:seen\n"
