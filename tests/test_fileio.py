"""Atomic output: all or nothing, ordinary permissions."""
import os
import stat
import sys
import time

import pytest

from lvterm.errors import InputError
from lvterm.fileio import atomic_write
from lvterm.textio import read_text


def test_fileio_atomic_write_leaves_nothing_on_error(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fp:
            fp.write("half")
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_fileio_atomic_write_keeps_the_old_file_until_done(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as fp:
            fp.write("new")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"


def test_fileio_atomic_write_gives_ordinary_permissions(tmp_path):
    target = tmp_path / "out.txt"
    with atomic_write(target) as fp:
        fp.write("ok")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_fileio_atomic_write_refuses_a_missing_folder(tmp_path):
    with pytest.raises(InputError, match="output folder does not exist"):
        with atomic_write(tmp_path / "missing" / "out.txt") as fp:
            fp.write("x")


def test_fileio_read_text_names_the_line_of_bad_bytes(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes("labi\nslikti \xff\n".encode("latin-1"))
    with pytest.raises(InputError) as exc:
        read_text(path)
    assert str(exc.value) == f"{path}:2: not UTF-8 text"


def test_fileio_read_text_accepts_bom_and_utf16(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes("\ufeffbiedra nauda".encode("utf-8"))
    b.write_bytes("biedra nauda".encode("utf-16"))
    assert read_text(a) == read_text(b) == "biedra nauda"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to a read-only folder")
def test_fileio_atomic_write_names_a_folder_it_cannot_write(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError, match="Permission denied"):
            with atomic_write(folder / "out.txt") as fp:
                fp.write("x")
    finally:
        folder.chmod(0o700)


def test_fileio_atomic_write_turns_os_errors_into_input_errors(tmp_path, monkeypatch):
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(InputError, match="Permission denied"):
        with atomic_write(tmp_path / "out.txt") as fp:
            fp.write("x")


def test_fileio_stdout_to_a_full_non_blocking_pipe_is_written_whole(tmp_path):
    # stdout a non-blocking pipe, unbuffered (as in some containers), the output far past the pipe's
    # buffer and the reader late: every byte arrives and the command succeeds (it stopped at 64 KiB
    # with exit 0, taking the full pipe for a reader that had gone)
    import fcntl
    import subprocess

    text = tmp_path / "long.txt"
    text.write_text("".join(f"Teikums numur {k}. Otrs teikums {k}.\n\n" for k in range(8_000)), encoding="utf-8")
    r, w = os.pipe()
    fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "lvterm", "segment", str(text), "--lang", "lv"], stdout=w,
                            stderr=subprocess.PIPE, env=env)
    os.close(w)
    time.sleep(1.5)  # the pipe fills while nobody reads
    data = b""
    while chunk := os.read(r, 1 << 16):
        data += chunk
    os.close(r)
    assert proc.wait(timeout=60) == 0, proc.stderr.read()
    assert len(data) > 200_000 and data.decode("utf-8").count("\n") == 16_000
