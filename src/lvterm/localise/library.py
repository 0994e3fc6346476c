"""Read-only access to the built library (build/lvterm.db) for the localisation exports.

Only the agreed tables are read (posts, segments, beads; concepts and terms when present),
through the standard library's sqlite3 opened read-only, so nothing here can change the database.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import InputError


@dataclass(frozen=True)
class BeadRow:
    """A bead of the library with what the exports need."""

    id: int
    pair: str
    position: int
    lv_post: str | None
    en_post: str | None
    lv_ids: tuple[int, ...]
    en_ids: tuple[int, ...]
    lv_text: str
    en_text: str
    score: float
    kind: str

    @property
    def bilingual(self) -> bool:
        """Both sides have text (beads with no counterpart are never exported)."""
        return bool(self.lv_text.strip()) and bool(self.en_text.strip())


def connect(db: str | os.PathLike) -> sqlite3.Connection:
    """Open the database read-only; a missing file is an InputError that says how to build it."""
    path = Path(db)
    if not path.is_file():
        raise InputError("database not found (run `lvterm build` first, or pass --db PATH)", path=path)
    try:
        from ..db import connect_readonly

        conn = connect_readonly(path)
        conn.row_factory = sqlite3.Row
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"not an lvterm database ({exc})", path=path) from None
    return conn


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("select 1 from sqlite_master where type in ('table', 'view') and name = ?",
                       (name,)).fetchone()
    return row is not None


def _ids(value) -> tuple[int, ...]:
    if value in (None, ""):
        return ()
    try:
        return tuple(int(i) for i in json.loads(value))
    except (ValueError, TypeError):
        return ()


def iter_beads(conn: sqlite3.Connection, *, db: str | os.PathLike | None = None) -> Iterator[BeadRow]:
    """Every bead in (pair, position) order."""
    if not has_table(conn, "beads"):
        raise InputError("the database has no beads table (run `lvterm build`)", path=db)
    sql = ("select id, pair, position, lv_post, en_post, lv_ids, en_ids, lv_text, en_text, score, kind "
           "from beads order by pair, position, id")
    for r in conn.execute(sql):
        yield BeadRow(id=r["id"], pair=r["pair"] or "", position=r["position"] or 0, lv_post=r["lv_post"],
                      en_post=r["en_post"], lv_ids=_ids(r["lv_ids"]), en_ids=_ids(r["en_ids"]),
                      lv_text=r["lv_text"] or "", en_text=r["en_text"] or "",
                      score=float(r["score"] if r["score"] is not None else 0.0),
                      kind=r["kind"] or f"{len(_ids(r['lv_ids']))}-{len(_ids(r['en_ids']))}")


def post_info(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    """posts.id -> row (file, date, title, slug, lang)."""
    if not has_table(conn, "posts"):
        return {}
    return {r["id"]: r for r in conn.execute("select id, slug, lang, title, date, file from posts")}


def segment_lines(conn: sqlite3.Connection) -> dict[tuple[str, int], int]:
    """(post id, sentence idx) -> 1-based line of its paragraph in the post file."""
    if not has_table(conn, "segments"):
        return {}
    return {(r["post_id"], r["idx"]): r["line"] for r in conn.execute("select post_id, idx, line from segments")
            if r["line"] is not None}
