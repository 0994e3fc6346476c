"""Library errors. The CLI turns them into one line on stderr and exit code 2."""
from __future__ import annotations

import os


class LvtermError(Exception):
    """Base class for errors a user can act on."""


class InputError(LvtermError):
    """Bad input: names the file, and the line or item where it applies."""

    def __init__(self, message: str, *, path: str | os.PathLike | None = None, line: int | None = None,
                 item: str | None = None):
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.item = item
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if self.path and self.line is not None:
            where += f":{self.line}"
        if self.item:
            where += f" [{self.item}]" if where else f"[{self.item}]"
        return f"{where}: {self.message}" if where else self.message


class ArgumentError(InputError, ValueError):
    """An argument of a Python call has a value it cannot take ('latvian' as a language code): a
    ValueError for Python callers, and an InputError (one line and exit code 2 on the command line,
    as a bad language code always was)."""
