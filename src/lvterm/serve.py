"""Serve the library database with Datasette: immutable, read-only, with metadata.yml and the plugin.

`serve(db_path=..., host=..., port=...)` checks the database (a missing or corrupt file is an
InputError), writes the inspect file (what `datasette inspect` writes: table counts and hash,
computed in this process: `inspectfile`; `lvterm build` writes it with the library, and it is
reused while it is that database's) and the metadata for the database's name, then runs
`datasette serve -i`.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from . import schema
from .errors import InputError
from .fileio import atomic_write
from .inspectfile import datasette_name, inspect_current, inspect_json, inspect_path
from .textio import read_yaml

DEFAULT_METADATA = "metadata.yml"
METADATA_DB_NAME = "lvterm"  # the database key used in metadata.yml
SETTINGS = {
    "sql_time_limit_ms": 1000,
    "facet_time_limit_ms": 200,
    "suggest_facets": "off",  # the useful facets are configured in metadata.yml; suggestions cost a query a column
    "max_returned_rows": 1000,
    "default_allow_sql": "on",  # read-only anyway; researchers use lv_stem()/lv_fold() in their own SQL
    "allow_download": "on",
    "num_sql_threads": 16,
}


def find_metadata(path: str | os.PathLike | None = None) -> Path:
    """metadata.yml: the given path, else ./metadata.yml, else the package's own: `lvterm/data/
    metadata.yml`, a link to the one at the top of the repository, which an installed wheel holds
    as a copy (so `lvterm serve` works from any folder after `pip install lvterm`)."""
    candidates = [Path(path)] if path else [Path.cwd() / DEFAULT_METADATA,
                                             Path(__file__).resolve().parent / "data" / DEFAULT_METADATA]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise InputError("metadata file not found", path=candidates[0])


def metadata_for(db_path: str | os.PathLike, *, metadata: str | os.PathLike | None = None) -> dict:
    """metadata.yml with its database section and links renamed for the database being served."""
    path = find_metadata(metadata)
    data = read_yaml(path) or {}  # a problem is one line naming the file and line ("bad YAML: ...")
    if not isinstance(data, dict):
        raise InputError(f"Datasette metadata must be a mapping (got {type(data).__name__})", path=path)
    name = datasette_name(db_path)
    if name != METADATA_DB_NAME:
        dbs = data.get("databases") or {}
        if METADATA_DB_NAME in dbs:
            dbs[name] = dbs.pop(METADATA_DB_NAME)
        for key in ("description_html", "description"):
            if isinstance(data.get(key), str):
                data[key] = data[key].replace(f"/{METADATA_DB_NAME}/", f"/{name}/")
    tables = ((data.get("databases") or {}).get(name) or {}).get("tables")
    if isinstance(tables, dict) and Path(db_path).is_file():
        _fit_columns(tables, db_path)
    return data


def _fit_columns(tables: dict, db_path: str | os.PathLike) -> None:
    """Facets and sort columns the library lacks left out: a library built by an older lvterm
    (no `terms.part_of_speech`) is served, its pages answering, instead of 400 "no such column"."""
    import sqlite3

    conn = sqlite3.connect(f"file:{Path(db_path).resolve().as_posix()}?mode=ro&immutable=1", uri=True)
    try:
        for table, conf in tables.items():
            have = {row[1] for row in conn.execute("select * from pragma_table_info(?)", (table,))}
            if not have or not isinstance(conf, dict):
                continue
            for key in ("facets", "sortable_columns"):
                if isinstance(conf.get(key), list):
                    conf[key] = [c for c in conf[key] if not isinstance(c, str) or c in have]
    finally:
        conn.close()


def write_inspect(db_path: str | os.PathLike) -> Path:
    """Write the inspect file beside `db_path` (`inspect_json`) unless it is that database's already."""
    target = inspect_path(db_path)
    if inspect_current(db_path):
        return target
    text = inspect_json(db_path)
    with atomic_write(target) as fp:
        fp.write(text)
    return target


def datasette_args(db_path: str | os.PathLike, *, host: str = "127.0.0.1", port: int = 8001,
                   metadata_file: str | os.PathLike, inspect_file: str | os.PathLike | None) -> list[str]:
    args = [sys.executable, "-m", "datasette", "serve", "-i", os.fspath(db_path), "--host", host,
            "--port", str(port), "--metadata", os.fspath(metadata_file), "--cors"]
    if inspect_file:
        args += ["--inspect-file", os.fspath(inspect_file)]
    for key, value in SETTINGS.items():
        args += ["--setting", key, str(value)]
    return args


def prepare(db_path: str | os.PathLike, *, metadata: str | os.PathLike | None = None) -> tuple[Path, Path]:
    """Check the database and write its inspect and metadata files; returns (metadata, inspect) paths."""
    db_path = Path(db_path)
    schema.check(db_path)
    meta = metadata_for(db_path, metadata=metadata)
    meta_file = db_path.with_name(db_path.name + ".metadata.json")
    try:
        with atomic_write(meta_file) as fp:
            json.dump(meta, fp, ensure_ascii=False, indent=2)
        return meta_file, write_inspect(db_path)
    except OSError as exc:  # a read-only folder: one line, not mkstemp's traceback
        raise InputError(f"cannot write the metadata and inspect files beside the database "
                         f"({exc.strerror or exc})", path=db_path.parent) from None


def check_port(host: str, port: int) -> None:
    """InputError when the address is taken, instead of the server's own traceback-like message."""
    if port == 0:
        return
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None


def serve(*, db_path: str | os.PathLike = "build/lvterm.db", host: str = "127.0.0.1", port: int = 8001,
          metadata: str | os.PathLike | None = None) -> int:
    """Run Datasette in the foreground until it stops (on POSIX the process becomes Datasette)."""
    meta_file, inspect_file = prepare(db_path, metadata=metadata)
    check_port(host, port)
    args = datasette_args(db_path, host=host, port=port, metadata_file=meta_file, inspect_file=inspect_file)
    sys.stderr.flush()
    if os.name == "posix":  # become the server: signals (Ctrl-C, SIGTERM from a supervisor) reach it directly
        os.execv(args[0], args)
    try:
        return subprocess.call(args)
    except KeyboardInterrupt:
        return 0
