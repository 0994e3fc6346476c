"""The previous library as a source of rows: a rebuild copies the rows of unchanged posts.

A build writes every row of the library, and its ids are sequential in corpus order (a sentence
added to one post moves the id of every later segment, bead and occurrence). The rows of a post
whose inputs did not change are still the previous build's rows with every id moved by the same
amount, so a rebuild need not make them in Python again: it copies them from the previous
library with `INSERT ... SELECT`, shifting the ids, and makes only the changed posts' rows. The
library is the one a full build writes (`tests/test_build_patch.py` compares them table by table
after edits of every kind).

After each build with a cache, the cache keeps a `Manifest`: what each post's rows were made from
(`post_digest`: its id, language and paragraph lines, and the key of its per-post work, which
covers its text and its pair's), the same for each pair's beads (`pair_digest`), where each
post's and pair's rows are (first id, count), a digest of the terms the occurrence scan looked
for (`scan_digest`: their ids and forms), the count of every (term, form) the occurrences have,
and the identity of the database file written (`file_identity`: path, size, modification time,
inode, a digest of its first and last 256 KiB). The next build with the same code attaches that
file read-only (`attach`) only if it is still that very file with the rows the manifest counts,
and copies:

- a post's segments when its digest is the same;
- a pair's beads when its digest is the same;
- a post's occurrences when its segments are copied, its pair's beads too (an occurrence names
  its bead) and the scan looks for the same terms under the same ids (the same matches).

Anything else (no manifest, another file at the path, a file changed since, other code, a file
that cannot be read as a library) is a build that makes every row, as without a cache."""
from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from . import schema
from .db import insert_sql

log = logging.getLogger(__name__)

#: The schema name the previous library is attached under.
NAME = "lvterm_prior"
#: Bytes read from each end of the library for `file_identity`.
SAMPLE = 1 << 18


def file_identity(path: str | os.PathLike, *, named: str | os.PathLike | None = None) -> list | None:
    """[resolved path, size, modification time (ns), inode, digest of the first and last
    `SAMPLE` bytes] of a file, or None if there is no regular file there. The digest tells a file copied over this
    one with its size and time kept (`cp -p` writes into the same inode). `named`: the path to
    record instead of `path`'s (a file about to be renamed there: renaming keeps the rest)."""
    import hashlib
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):  # (a FIFO left at the path would block the read below)
            return None
        with open(path, "rb") as fp:
            head = fp.read(SAMPLE)
            fp.seek(max(st.st_size - SAMPLE, 0))
            tail = fp.read(SAMPLE)
    except OSError:
        return None
    sample = hashlib.sha256(head + tail).hexdigest()[:32]
    return [os.fspath(Path(named if named is not None else path).resolve()), st.st_size, st.st_mtime_ns, st.st_ino,
            sample]


def post_digest(post_id: str, lang: str, unit_key: str, position: int, lines: Sequence[int]) -> str:
    """What one post's segment rows are made from (besides their ids)."""
    from .buildcache import content_key

    return content_key("segments", post_id, lang, unit_key, position, list(lines))[:32]


def pair_digest(unit_key: str, slug: str, lv_id: str, en_id: str) -> str:
    """What one pair's bead rows are made from (besides their ids)."""
    from .buildcache import content_key

    return content_key("beads", unit_key, slug, lv_id, en_id)[:32]


def scan_digest(scan_terms: Sequence[Mapping[str, Any]]) -> str:
    """The terms the occurrence scan looks for: ids, languages, forms and whether a name
    (`terms.termbase.written_as_name`: a match written in lower case with a common-word reading
    is not the name's, `terms.store.occurrence_rows`), in order."""
    from .buildcache import content_key

    return content_key("scan", [[t["id"], t["lang"], list(t["forms"]), bool(t.get("name"))] for t in scan_terms])[:32]


@dataclass
class Manifest:
    """What the cache records of the library a build wrote (see the module docstring): for each
    post its `post_digest` and id ranges, [digest, first segment id, segments, first occurrence
    id, occurrences]; for each pair (by its Latvian post) [`pair_digest`, first bead id, beads];
    the scan's digest, each post's scan cache key, the (term id, form, count) of every form the
    occurrences have, and the rows of the three tables (a check on the file)."""

    db: list | None
    code: str
    posts: dict[str, list] = field(default_factory=dict)
    pairs: dict[str, list] = field(default_factory=dict)
    scan: str = ""
    runs: dict[str, str] = field(default_factory=dict)
    counts: list[list] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)  # segments, beads, occurrences

    def data(self) -> dict:
        return {name: getattr(self, name) for name in _FIELDS}

    @classmethod
    def from_data(cls, value: Any) -> Manifest | None:
        """The manifest of `data()`, or None for a value that cannot be one (a damaged entry)."""
        return cls(**value) if valid_manifest(value) else None


_FIELDS = ("db", "code", "posts", "pairs", "scan", "runs", "counts", "totals")


def _ints(value: Any, n: int) -> bool:
    return type(value) is list and len(value) == n and all(type(x) is int and x >= 0 for x in value)


def valid_manifest(value: Any) -> bool:
    """Whether `value` can be a `Manifest.data()`."""
    try:
        return (type(value) is dict and set(value) == set(_FIELDS) and type(value["db"]) is list
                and len(value["db"]) == 5 and type(value["db"][0]) is str and _ints(value["db"][1:4], 3)
                and type(value["db"][4]) is str
                and type(value["code"]) is str and type(value["scan"]) is str and _ints(value["totals"], 3)
                and type(value["posts"]) is dict and type(value["pairs"]) is dict and type(value["runs"]) is dict
                and all(type(k) is str and type(v) is list and len(v) == 5 and type(v[0]) is str and _ints(v[1:], 4)
                        for k, v in value["posts"].items())
                and all(type(k) is str and type(v) is list and len(v) == 3 and type(v[0]) is str and _ints(v[1:], 2)
                        for k, v in value["pairs"].items())
                and all(type(k) is str and type(v) is str for k, v in value["runs"].items())
                and type(value["counts"]) is list
                and all(type(c) is list and len(c) == 3 and type(c[0]) is int and type(c[1]) is str
                        and type(c[2]) is int for c in value["counts"]))
    except (TypeError, IndexError, KeyError):  # (every entry is checked for its type first: a safety net)
        return False


@dataclass
class Prior:
    """The previous library, attached to the connection being written, and its manifest."""

    manifest: Manifest

    def segments(self, post: str) -> tuple[int, int] | None:
        """(first id, count) of a post's segments."""
        entry = self.manifest.posts.get(post)
        return (entry[1], entry[2]) if entry else None

    def occurrences(self, post: str) -> tuple[int, int]:
        entry = self.manifest.posts.get(post)
        return (entry[3], entry[4]) if entry else (0, 0)

    def beads(self, lv_post: str) -> tuple[int, int] | None:
        entry = self.manifest.pairs.get(lv_post)
        return (entry[1], entry[2]) if entry else None


def attach(conn: sqlite3.Connection, manifest: Manifest | None, *, db_path: str | os.PathLike,
           code: str) -> Prior | None:
    """The previous library at `db_path`, attached read-only to `conn` as `NAME`, if `manifest`
    describes that very file (and its row counts) and was written by this `code`; else None
    (nothing attached)."""
    if not describes(manifest, db_path=db_path, code=code):
        return None
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    conn.commit()  # (no ATTACH or DETACH inside a transaction)
    try:
        conn.execute(f"ATTACH DATABASE ? AS {NAME}", [uri])
    except sqlite3.Error as exc:
        log.info("previous library not attached (%s); every row is made", exc)
        return None
    try:  # (a file renamed to the path before it was opened is not the one the manifest describes)
        usable = file_identity(db_path) == manifest.db and _usable(conn, manifest)
    except sqlite3.Error as exc:  # not a library of this schema after all
        log.info("previous library not used (%s); every row is made", exc)
        usable = False
    if not usable:
        detach(conn)
        return None
    return Prior(manifest)


def describes(manifest: Manifest | None, *, db_path: str | os.PathLike, code: str) -> bool:
    """Whether `manifest` was written by this `code` and describes the very file at `db_path`."""
    return manifest is not None and manifest.code == code and file_identity(db_path) == manifest.db


def detach(conn: sqlite3.Connection) -> None:
    conn.commit()
    conn.execute(f"DETACH DATABASE {NAME}")


def _usable(conn: sqlite3.Connection, manifest: Manifest) -> bool:
    """The attached file has the tables as this code declares them, with the rows the manifest counts."""
    for table, total in zip((schema.SEGMENTS, schema.BEADS, schema.OCCURRENCES), manifest.totals):
        columns = [r[1] for r in conn.execute(f"PRAGMA {NAME}.table_info([{table.name}])")]
        if columns != list(table.column_names):
            return False
        if conn.execute(f"SELECT count(*) FROM {NAME}.[{table.name}]").fetchone()[0] != total:
            return False
    return True


def counts_of(conn: sqlite3.Connection, first: int, count: int) -> Iterable[tuple[int, str, int]]:
    """(term id, form, count) of the previous library's occurrences with ids first..first+count-1."""
    return conn.execute(f"SELECT term_id, form, count(*) FROM {NAME}.occurrences WHERE id BETWEEN ? AND ? "
                        "GROUP BY term_id, form", [first, first + count - 1])


class OrderedWriter:
    """Rows of one table written in id order, some made in Python (`rows`), some copied from the
    previous library (`copy`: an id range with the amounts to add to id columns). Consecutive
    copies with the same shifts become one statement."""

    def __init__(self, conn: sqlite3.Connection, table: str, *, batch: int = 20_000):
        self.conn, self.table, self.batch = conn, table, batch
        self.columns = list(schema.BY_NAME[table].column_names)
        self._insert = insert_sql(table, self.columns)  # (the main schema's table: looked for first)
        self._buffer: list[Sequence] = []
        self._copy: list | None = None  # [first, last, shifts]
        self.written = 0

    def rows(self, rows: Iterable[Sequence]) -> None:
        self._flush_copy()
        for row in rows:
            self._buffer.append(row)
            if len(self._buffer) >= self.batch:
                self._flush_rows()

    def copy(self, first: int, count: int, shifts: Mapping[str, int]) -> None:
        if count <= 0:
            return
        self._flush_rows()
        shifts = dict(shifts)
        pending = self._copy
        if pending is not None and pending[1] + 1 == first and pending[2] == shifts:
            pending[1] = first + count - 1
            return
        self._flush_copy()
        self._copy = [first, first + count - 1, shifts]

    def close(self) -> int:
        self._flush_rows()
        self._flush_copy()
        return self.written

    def _flush_rows(self) -> None:
        if self._buffer:
            self.conn.executemany(self._insert, self._buffer)
            self.written += len(self._buffer)
            self._buffer = []

    def _flush_copy(self) -> None:
        if self._copy is None:
            return
        first, last, shifts = self._copy
        self._copy = None
        cols = ", ".join(f"[{c}]" for c in self.columns)
        values = ", ".join(f"[{c}] + {int(shifts[c])}" if shifts.get(c) else f"[{c}]" for c in self.columns)
        cur = self.conn.execute(f"INSERT INTO main.[{self.table}] ({cols}) SELECT {values} "
                                f"FROM {NAME}.[{self.table}] WHERE id BETWEEN ? AND ? ORDER BY id", [first, last])
        self.written += cur.rowcount
