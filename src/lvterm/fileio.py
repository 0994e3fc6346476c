"""Atomic file output: write to a temporary file in the same folder, then rename; and removing the copies a cache file supersedes (`remove_others`). (Reading: `lvterm.textio`.)"""
from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import select
import signal
import stat
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any, Iterator

from .errors import InputError

_log = logging.getLogger(__name__)


#: Path meaning standard output for `-o`.
STDOUT = "-"
#: A temp file of ours older than this was left by a process that was killed: later runs remove it.
STALE_SECONDS = 3600


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, *, mode: str = "w", encoding: str | None = "utf-8",
                 newline: str | None = None) -> Iterator[IO]:
    """Write `path` so that readers see the old file or the whole new one, never half of it.

    - A regular file (or a new one): a temp file beside it, renamed over it on success, removed on
      error. The folder must exist: a missing folder is an InputError, not a silent mkdir. An
      existing file keeps its permissions (a `chmod 640` .po stays 640, as `msgmerge -U` keeps
      it); a new one gets an ordinary file's (0666 less the umask).
    - `-`: standard output. A symlink, a device (/dev/stdout, /dev/null) or a FIFO is written
      through, never replaced by a regular file. Both get the output only when the block succeeds
      (it is buffered), so bad input writes nothing there either. A reader that went away (a
      closed pipe) is the BrokenPipeError itself, which the CLI ends quietly on.
    - Any system error (disk full, no permission) is one InputError naming the file.
    """
    target = Path(path)
    if os.fspath(path) == STDOUT or _is_special(target):
        with _write_through(target, mode=mode, encoding=encoding, newline=newline) as fp:
            yield fp
        return
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError("output folder does not exist", path=folder)
    binary = "b" in mode
    _remove_stale(target, folder)
    fd, tmp = _mkstemp(target, folder)
    try:  # (from the temp file's first moment: an exception, SIGTERM's too, removes it)
        try:
            os.chmod(tmp, _mode_for(target))  # mkstemp makes 0600
            with os.fdopen(fd, mode, **({} if binary else {"encoding": encoding, "newline": newline})) as fp:
                yield fp
                fp.flush()
                os.fsync(fp.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", path=target) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def is_text_file(out: object) -> bool:
    """Whether `out` is an open file object to write text to (not a path): `io.StringIO`, `sys.stdout`,
    `open(path, "w")`. TypeError naming `out` for a binary one or for anything else not a path."""
    if isinstance(out, (str, bytes, os.PathLike)):
        return False
    if not callable(getattr(out, "write", None)):
        raise TypeError(f"out must be a path or a writable text file object, not {type(out).__name__}")
    if isinstance(out, (io.RawIOBase, io.BufferedIOBase)) or "b" in str(getattr(out, "mode", "")):
        raise TypeError(f"out must be a path or a file object opened in text mode, not {type(out).__name__}")
    return True


@contextlib.contextmanager
def text_output(out: str | os.PathLike | IO[str], *, newline: str | None = None) -> Iterator[IO[str]]:
    """Write text to `out`: a path as `atomic_write` writes it (`-`: standard output), or a writable
    text file object (`is_text_file`), which gets the whole text once the block succeeds (bad input
    writes nothing there either) and is left open."""
    if not is_text_file(out):
        with atomic_write(out, newline=newline) as fp:
            yield fp
        return
    buffer = io.StringIO()
    yield buffer
    out.write(buffer.getvalue())


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name one file: `os.path.samefile` where both exist (another spelling, a
    symlink, a hard link), else the same resolved path."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        try:
            return Path(a).resolve() == Path(b).resolve()
        except (OSError, RuntimeError):
            return False


def refuse_overwriting(out: str | os.PathLike | IO[str], source: str | os.PathLike, *, what: str) -> None:
    """InputError naming `out` when it is the file `source` (`what`: "the library database") that
    the output is made from: writing it would replace what is read. `-` and file objects pass (an
    `out` that is neither a path nor a text file object is `is_text_file`'s TypeError)."""
    if is_text_file(out) or os.fspath(out) == STDOUT:
        return
    if same_file(out, source):
        raise InputError(f"the output is {what} being read: refused to overwrite it (give another output path)",
                         path=out)


def _is_special(target: Path) -> bool:
    """An existing symlink, or anything that is not a regular file (device, FIFO, socket)."""
    try:
        st = target.lstat()
    except OSError:
        return False
    return stat.S_ISLNK(st.st_mode) or not stat.S_ISREG(st.st_mode)


def _write_all(out: IO[bytes], data: bytes) -> None:
    """Write every byte of `data` to `out` and flush: a short count, or none at all from a full
    non-blocking pipe (stdout under PYTHONUNBUFFERED in some containers), waits until the reader
    takes more; a reader that has gone is the BrokenPipeError the write raises."""
    view = memoryview(data)
    while view:
        try:
            written = out.write(view)
        except BlockingIOError as exc:  # a buffered writer on a full non-blocking pipe
            written = exc.characters_written
        if written:
            view = view[written:]
        else:  # (None from a raw writer): full, wait until the reader takes some
            select.select([], [out.fileno()], [])
    out.flush()


@contextlib.contextmanager
def _write_through(target: Path, *, mode: str, encoding: str | None, newline: str | None) -> Iterator[IO]:
    """Buffer the output, then write it to stdout or through the special file or link in one go."""
    binary = "b" in mode
    buffer: IO = io.BytesIO() if binary else io.StringIO(newline=newline)
    yield buffer
    data = buffer.getvalue()
    if not binary:
        if newline not in (None, "", "\n"):  # as open(newline=...) would translate on writing
            data = data.replace("\n", newline)
        data = data.encode(encoding or "utf-8")
    try:
        if os.fspath(target) == STDOUT:
            if sys.stdout is None:  # started with stdout closed (`>&-`): Python has no sys.stdout
                raise InputError("standard output is closed")
            sys.stdout.flush()
            _write_all(sys.stdout.buffer, data)
        else:
            if target.is_symlink() and target.resolve().is_file():  # keep the link, replace what it points to
                with atomic_write(target.resolve(), mode="wb") as fp:
                    fp.write(data)
                return
            with open(target, "wb") as fp:
                fp.write(data)
    except BrokenPipeError:  # `lvterm export tmx -o - | true`: the reader went away, as `| head` does
        raise
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror or exc}", path=target) from None


_STALE_NAME = re.compile(r"\..+\.[^.]+\.tmp(?:-journal|-wal|-shm)?")  # what _mkstemp names, SQLite's beside it
_swept: set[str] = set()


def _remove_stale(target: Path, folder: Path) -> None:
    """Remove the temp files a killed run left behind in `folder` (older than STALE_SECONDS).

    A folder is swept once per process: writing a thousand .po files into one folder lists it
    once, not a thousand times."""
    key = os.path.abspath(folder)
    if key in _swept:
        return
    _swept.add(key)
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith(".") and _STALE_NAME.fullmatch(entry.name):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                        os.unlink(entry.path)


def _mkstemp(target: Path, folder: Path) -> tuple[int, str]:
    """A temp file beside the target; a folder we cannot write to is an InputError naming it."""
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"{exc.strerror or exc}", path=folder) from None


def _mode_for(target: Path) -> int:
    """The permission bits the written file gets: the existing file's, else 0666 less the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode) & 0o777  # (never a set-id bit)
    except OSError:
        return 0o666 & ~_umask()


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
    _remove_stale(target, folder)
    fd, tmp = _mkstemp(target, folder)
    tmp_path = Path(tmp)
    try:  # (from the temp file's first moment: an exception, SIGTERM's too, removes it)
        os.close(fd)
        os.unlink(tmp)
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        for p in (tmp_path, Path(f"{tmp_path}-journal"), Path(f"{tmp_path}-wal"), Path(f"{tmp_path}-shm")):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        raise



class HeldSignals:
    """Ctrl-C (SIGINT) and SIGTERM held back from `hold()` to `release()`, which delivers the ones
    that came (to the handlers there were before: KeyboardInterrupt, lvterm's SIGTERM exit): for
    the few steps that rename files belonging together into place, so that a signal leaves all
    of them or none renamed. Only in the main thread (the only one Python runs handlers in);
    elsewhere `hold()` does nothing."""

    SIGNALS = tuple(s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None)

    def __init__(self) -> None:
        self._before: dict[int, Any] = {}
        self._came: list[int] = []

    def hold(self) -> None:
        if self._before or threading.current_thread() is not threading.main_thread():
            return
        for signum in self.SIGNALS:
            before = signal.signal(signum, self._keep)
            self._before[signum] = signal.SIG_DFL if before is None else before  # (None: not set from Python)

    def _keep(self, signum: int, frame: Any) -> None:
        if signum not in self._came:
            self._came.append(signum)

    def release(self) -> None:
        """The handlers before `hold()` back; then each signal that came, raised again in its order."""
        before, self._before = self._before, {}
        for signum, handler in before.items():
            signal.signal(signum, handler)
        came, self._came = self._came, []
        for signum in came:
            signal.raise_signal(signum)


def path_in(folder: str | os.PathLike, name: str) -> Path:
    """`folder / name` for a file name that comes from data (a post's slug): InputError naming the
    folder unless the name is one plain file name, so no name (`../../x`, `/etc/x`) writes elsewhere."""
    folder = Path(folder)
    plain = (name not in ("", ".", "..") and Path(name).name == name and not os.path.isabs(name)
             and not any(sep in name for sep in (os.sep, os.altsep, "/", "\\", "\0") if sep))
    if not plain:
        raise InputError(f"refused to write {name!r}: a file name from the data must stay inside the folder",
                         path=folder)
    return folder / name


def remove_others(path: str | os.PathLike, pattern: re.Pattern[str]) -> int:
    """Delete the files beside `path` whose whole names match `pattern`, except `path` itself: the
    copies of one cache file made for other installs or versions (a folder that grew by a few MB
    with every venv). Nothing else in the folder is touched, and nothing fails: a file that cannot
    be removed stays, and one that another process still has open or mapped lives on for it until
    it closes it (POSIX unlink). Returns how many were removed."""
    folder, keep = os.path.split(os.fspath(path))
    removed = 0
    try:
        with os.scandir(folder or ".") as entries:
            stale = [e.path for e in entries
                     if e.name != keep and pattern.fullmatch(e.name) and e.is_file(follow_symlinks=False)]
    except OSError:
        return 0
    for old in stale:
        try:
            os.unlink(old)
            removed += 1
        except OSError as exc:
            _log.debug("old cache file %s not removed (%s)", old, exc)
    if removed:
        _log.debug("removed %d old cache file(s) beside %s", removed, path)
    return removed
