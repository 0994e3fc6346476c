"""Atomic file output: write to a temporary file in the same folder, then rename."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

from .errors import InputError


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, *, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Open a temp file beside `path`; on success rename it over `path`, on error remove it.

    The folder must exist: a missing folder is an InputError, not a silent mkdir.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("output folder does not exist", path=folder)
    binary = "b" in mode
    fd, tmp = _mkstemp(target, folder)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; the output is an ordinary file
    try:
        with os.fdopen(fd, mode, **({} if binary else {"encoding": encoding, "newline": newline})) as fp:
            yield fp
            fp.flush()
            os.fsync(fp.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _mkstemp(target: Path, folder: Path) -> tuple[int, str]:
    """A temp file beside the target; a folder we cannot write to is an InputError naming it."""
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{exc.strerror or exc}", path=folder) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_path(path: str | os.PathLike) -> "contextlib.AbstractContextManager[Path]":
    """Yield a temp path beside `path` (for tools such as SQLite that open files themselves)."""
    return _atomic_path(Path(path))


@contextlib.contextmanager
def _atomic_path(target: Path) -> Iterator[Path]:
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("output folder does not exist", path=folder)
    fd, tmp = _mkstemp(target, folder)
    os.close(fd)
    os.unlink(tmp)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        for p in (tmp_path, Path(f"{tmp_path}-journal"), Path(f"{tmp_path}-wal"), Path(f"{tmp_path}-shm")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        raise


def read_text(path: str | os.PathLike, *, not_utf8: str = "not UTF-8 text") -> str:
    """Read a UTF-8 text file (a BOM is dropped; UTF-16 with a BOM is accepted too).

    Every failure is an InputError naming the file, and the line of the first undecodable byte.
    """
    import codecs

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("not UTF-16 text despite its byte-order mark", path=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(not_utf8, path=path, line=line) from None
