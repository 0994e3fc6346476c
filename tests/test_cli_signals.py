"""SIGTERM (`kill`, `timeout`, a service manager) ends an `lvterm` command as an error would: the
temp files of its atomic writes are removed, and the exit code is 143 (`lvterm.__main__._terminate`)."""
from __future__ import annotations

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


def test_sigterm_during_build_removes_the_temp_library(fixtures, tmp_path):
    """The build is stopped (SIGSTOP) as soon as its temp library has its tables, sent SIGTERM and
    let go on: it ends with 143, no temp file left and no library written."""
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
        proc.send_signal(signal.SIGTERM)
        proc.send_signal(signal.SIGCONT)
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert seen and seen[0].name.startswith(".lvterm.db."), "the build ended before its temp library was seen"
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err, err
    assert _temp_files(out) == [] and not (out / "lvterm.db").exists()



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
    assert proc.returncode == 1 and err.strip() == "Aborted!", err
    assert _temp_files(out) == [] and not (out / "lvterm.db").exists()
