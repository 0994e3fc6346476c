"""The process's standard output, as every command writes it: blocking (`blocking_stdout`), and
quiet once its reader has gone (`quiet_stdout`)."""
from __future__ import annotations

import os
import sys


def blocking_stdout() -> None:
    """Write stdout as a blocking file, as every output expects: a pipe handed over non-blocking (by
    some container runtimes and process managers) drops what does not fit its buffer without an
    error once Python writes it unbuffered."""
    try:
        fd = sys.stdout.fileno()
        if not os.get_blocking(fd):
            os.set_blocking(fd, True)
    except (AttributeError, ValueError, OSError):  # no real file (tests, a closed stdout)
        pass


def quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush into a closed pipe says nothing."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test runner's stdout)
        pass
