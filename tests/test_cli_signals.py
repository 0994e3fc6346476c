"""SIGTERM (`kill`, `timeout`, a service manager) ends an `lvterm` command as an error would: the
temp files of its atomic writes are removed, and the exit code is 143 (`lvterm.__main__._terminate`).
Ctrl-C (SIGINT) too, with exit code 130 and one line, `Aborted!`, however often it is pressed
(`lvterm.__main__._interrupt`)."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

LVTERM = str(Path(sys.executable).with_name("lvterm"))


def _corpus(fixtures: Path, folder: Path, *, posts: int, repeat: int) -> Path:
    """`posts` pairs made of the fixture post's paragraphs, each `repeat` times (numbered, so no
    two sentences are the same)."""
    folder.mkdir()
    for lang in ("lv", "en"):
        text = (fixtures / "db" / "posts" / f"biedribas-dzive.{lang}.md").read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        paragraphs = body.strip().split("\n\n")
        for k in range(posts):
            paras = [f"{p} ({k}.{i})" for i in range(repeat) for p in paragraphs]
            (folder / f"post-{k}.{lang}.md").write_text(
                f"---\n{head.replace('biedribas-dzive', f'post-{k}')}---\n\n" + "\n\n".join(paras) + "\n",
                encoding="utf-8")
    return folder


def _temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob(".*") if ".tmp" in p.name)


def _written(path: Path) -> bool:
    """The temp library has its tables: the build is in the block that writes it."""
    try:
        return path.stat().st_size > 0
    except FileNotFoundError:
        return False


def _stop_build_in_its_temp_library(fixtures, tmp_path, signum: int, *, again: bool = False):
    """A build stopped (SIGSTOP) as soon as its temp library has its tables, sent `signum` and let
    go on; `again`: `signum` sent again and again (every millisecond) until it ends, so some land
    while it cleans up and exits. (return code, stderr, temp files seen, the output folder)"""
    corpus = _corpus(fixtures, tmp_path / "posts", posts=6, repeat=20)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([LVTERM, "build", "--corpus", corpus, "--termbase", fixtures / "db" / "termbase",
                             "--db", out / "lvterm.db", "--workers", "1", "--no-cache"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while (not any(map(_written, _temp_files(out))) and proc.poll() is None
               and time.monotonic() < deadline):
            time.sleep(0.002)
        proc.send_signal(signal.SIGSTOP)
        seen = _temp_files(out)
        proc.send_signal(signum)
        proc.send_signal(signal.SIGCONT)
        while again and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
            with contextlib.suppress(ProcessLookupError):
                proc.send_signal(signum)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert seen and seen[0].name.startswith(".lvterm.db."), "the build ended before its temp library was seen"
    return proc.returncode, err, out


def test_sigterm_during_build_removes_the_temp_library(fixtures, tmp_path):
    """SIGTERM in the block that writes the temp library: 143, no temp file left, no library."""
    code, err, out = _stop_build_in_its_temp_library(fixtures, tmp_path, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM, err
    assert "Traceback" not in err, err
    assert _temp_files(out) == [] and not (out / "lvterm.db").exists()


def test_ctrl_c_during_build_exits_130_and_removes_the_temp_library(fixtures, tmp_path):
    """SIGINT (Ctrl-C) there: 130 (128 + SIGINT, what scripts test for), the one line `Aborted!`,
    no temp file left, no library."""
    code, err, out = _stop_build_in_its_temp_library(fixtures, tmp_path, signal.SIGINT)
    assert code == 128 + signal.SIGINT and err.strip() == "Aborted!", err
    assert _temp_files(out) == [] and not (out / "lvterm.db").exists()


def test_ctrl_c_pressed_again_and_again_prints_no_traceback(fixtures, tmp_path):
    """Ctrl-C, then more of them while the build cleans up and exits: each later one is ignored,
    so still 130, `Aborted!` alone and the temp library removed."""
    code, err, out = _stop_build_in_its_temp_library(fixtures, tmp_path, signal.SIGINT, again=True)
    assert code == 128 + signal.SIGINT and err.strip() == "Aborted!", err
    assert _temp_files(out) == [] and not (out / "lvterm.db").exists()


def test_ctrl_c_is_130_and_the_end_of_input_1(tmp_path, monkeypatch):
    """In process (`cli.main`, as `lvterm` runs it): a KeyboardInterrupt in a command is exit code
    130 and `Aborted!`; the end of the input at a prompt stays 1."""
    from click.testing import CliRunner

    import lvterm.segment.pipeline as segment_mod
    from lvterm.cli import cli

    post = tmp_path / "a.txt"
    post.write_text("Bibliotēka ir atvērta. Tā strādā katru dienu.\n", encoding="utf-8")
    for exc, code in ((KeyboardInterrupt, 128 + signal.SIGINT), (EOFError, 1)):
        def stop(*args, exc=exc, **kwargs):
            raise exc
        monkeypatch.setattr(segment_mod, "segment_paragraphs", stop)  # (what `lvterm segment` calls)
        result = CliRunner().invoke(cli, ["segment", str(post), "--lang", "lv"])
        assert result.exit_code == code and result.output.strip() == "Aborted!", (exc, result.output)


def test_the_interrupt_handler_ignores_a_second_ctrl_c():
    """`_interrupt` raises KeyboardInterrupt once and leaves SIGINT ignored while the command
    unwinds and the process ends."""
    import lvterm.__main__ as entry

    before = signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGINT, entry._interrupt)
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)  # (the handler runs at the next bytecode; the sleep is cut short)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN and entry._interrupted
        os.kill(os.getpid(), signal.SIGINT)  # ignored: no second KeyboardInterrupt
        time.sleep(0.01)
    finally:
        entry._interrupted = False
        signal.signal(signal.SIGINT, before)



def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _workers(pid: int) -> list[int]:
    """The worker processes `pid` spawned (not multiprocessing's resource tracker)."""
    out = []
    for child in _children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                out.append(child)
        except OSError:
            continue
    return out


def _ignores_sigint(pid: int) -> bool | None:
    """Whether the process ignores SIGINT (its SigIgn mask in /proc), None when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    (mask,) = [line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")]
    return bool(int(mask, 16) & (1 << (signal.SIGINT - 1)))


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the processes' signal masks in /proc")
def test_ctrl_c_during_a_parallel_build_prints_no_worker_tracebacks(fixtures, tmp_path):
    """Ctrl-C reaches the whole process group, Dask's worker processes too: they ignore SIGINT
    (`parallel._workers_ignore_sigint`), so the build stops with this process's one line, no
    worker tracebacks and no temp file left. Sent once both workers ignore it and this process
    has its handler back."""
    corpus = _corpus(fixtures, tmp_path / "posts", posts=10, repeat=20)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([LVTERM, "build", "--corpus", corpus, "--termbase", fixtures / "db" / "termbase",
                             "--db", out / "lvterm.db", "--workers", "2", "--no-cache"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        ready = False
        while not ready and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
            ignoring = [w for w in _workers(proc.pid) if _ignores_sigint(w)]
            ready = len(ignoring) == 2 and _ignores_sigint(proc.pid) is False
        os.killpg(proc.pid, signal.SIGINT)  # what the terminal does at Ctrl-C
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert ready, f"the build ended before both of its workers ignored SIGINT: {err}"
    assert proc.returncode == 128 + signal.SIGINT and err.strip() == "Aborted!", err
    assert _temp_files(out) == [] and not (out / "lvterm.db").exists()


def _read_until(proc, text: str, *, timeout: float = 60) -> str:
    """What the process printed on stdout until `text` (a prompt ends without a newline)."""
    import select

    seen, deadline = b"", time.monotonic() + timeout
    while text.encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            seen += chunk
    return seen.decode("utf-8", "replace")


def test_ctrl_c_at_a_review_question_keeps_the_decisions_and_exits_130(fixtures, tmp_path):
    """`lvterm review` stops asking at Ctrl-C (the decisions taken are written already) and says
    what was decided; the exit code is still 130, so `lvterm review && lvterm build` stops."""
    import shutil

    from lvterm.build import build_library

    termbase = tmp_path / "termbase"
    shutil.copytree(fixtures / "db" / "termbase", termbase)
    build_library(corpus=fixtures / "review" / "posts", termbase=termbase, db_path=tmp_path / "lvterm.db")
    proc = subprocess.Popen([LVTERM, "review", "--db", tmp_path / "lvterm.db", "--termbase", termbase],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        first = _read_until(proc, "[q]uit:")
        proc.stdin.write(b"a\n")
        proc.stdin.flush()
        second = _read_until(proc, "[q]uit:")
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    err = err.decode()
    assert "[1/" in first and "[2/" in second, first + second
    assert proc.returncode == 128 + signal.SIGINT, err
    assert "Traceback" not in err and err.strip() == "lvterm: accepted 1; `lvterm build` applies the decisions", err
    assert "accepted from extraction" in (termbase / "accepted.yaml").read_text(encoding="utf-8")
