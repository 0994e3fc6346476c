"""The library's inspect file, `lvterm.db.inspect.json`: what `datasette inspect` writes (each
table's row count, the file's hash and size), which `lvterm serve` hands Datasette
(`--inspect-file`) so that an immutable library's pages need not count its tables. Made in this
process with Datasette's own functions (`datasette inspect` costs a second Python importing all of
Datasette, most of a cached rebuild's time); `lvterm build` writes it with the library
(`build._open_build`), `lvterm serve` again when it is not the library's (`serve.write_inspect`).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from . import schema
from .errors import InputError


def inspect_path(db_path: str | os.PathLike) -> Path:
    """`<library>.inspect.json`, beside the library."""
    p = Path(db_path)
    return p.with_name(p.name + ".inspect.json")


def datasette_name(db_path: str | os.PathLike) -> str:
    """The name Datasette serves the database under: the file's stem, with `_2` after it when
    that is the name of Datasette's own internal database (`Datasette.add_database`)."""
    stem = Path(db_path).stem
    return f"{stem}_2" if stem == "_internal" else stem


def inspect_data(db_path: str | os.PathLike, *, named: str | os.PathLike | None = None) -> dict:
    """What `datasette inspect DB` gives for the database at `db_path`, computed with Datasette's own
    functions (`datasette.inspect`: `inspect_hash`, and the counts of `inspect_tables`):
    {name: {"hash", "size", "file", "tables": {table: {"count": n}}}}. `named`: the path
    the database will have (its name and "file"), when `db_path` is a temp file still to be renamed
    there; default `db_path`. A table that cannot be counted has the count 0 (`datasette inspect`:
    null); every table of a library SQLite can read can be. A file SQLite cannot read is an InputError."""
    import sqlite3

    from datasette.inspect import inspect_hash, inspect_tables

    db_path = Path(db_path)
    named = db_path if named is None else named
    conn = schema.connect(db_path, require=())
    try:
        tables = inspect_tables(conn, {})
    except sqlite3.DatabaseError as exc:
        raise InputError(f"cannot inspect the database ({exc})", path=named) from None
    finally:
        conn.close()
    return {datasette_name(named): {"hash": inspect_hash(db_path), "size": db_path.stat().st_size,
                                    "file": os.fspath(named),
                                    "tables": {name: {"count": info["count"]} for name, info in tables.items()}}}


def inspect_json(db_path: str | os.PathLike, *, named: str | os.PathLike | None = None) -> str:
    """`inspect_data` as `datasette inspect` writes it: the same text, byte for byte."""
    return json.dumps(inspect_data(db_path, named=named), indent=2)


def inspect_current(db_path: str | os.PathLike) -> bool:
    """Whether the inspect file beside `db_path` is that database's: written after it, naming it
    (its Datasette name) with its size. (A build renames the library into place, then its inspect
    file: one left from an earlier library is older than the library.)"""
    db_path, target = Path(db_path), inspect_path(db_path)
    try:
        db, written = db_path.stat(), target.stat()
        if written.st_mtime < db.st_mtime:
            return False
        entry = json.loads(target.read_text(encoding="utf-8")).get(datasette_name(db_path))
    except (OSError, ValueError, AttributeError):  # missing, unreadable, not JSON, not an object
        return False
    return isinstance(entry, dict) and entry.get("size") == db.st_size
