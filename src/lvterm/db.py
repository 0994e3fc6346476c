"""The SQLite library database (`build/lvterm.db`): posts, segments, beads, the `bitext` view, FTS5.

Writers take iterables of plain rows so that the build and the scale benchmark share them:

    with open_build(db_path) as db:        # a temp file beside db_path, renamed on success
        create_schema(db)
        write_posts(db, [post_row(post, file=..., body=...)])
        write_segments(db, segment_rows(...))
        write_beads(db, bead_rows(...))
        finish(db)                          # indexes, FTS5, view, term tables present, ANALYZE

The termbase tables (concepts, terms, term_forms, occurrences) belong to `lvterm.terms.store`;
`finish` only makes sure they exist (empty) so the canned queries always run, and indexes their keys.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Sequence

from .errors import InputError
from .fileio import atomic_path
from .lang import get as get_lang
from .lang.keys import fold as keys_fold
from .models import Bead, Post, Segment

if TYPE_CHECKING:  # sqlite-utils is imported where a database is built, not by readers (lookup)
    import sqlite_utils

TOKENIZE = "unicode61 remove_diacritics 2"

POST_COLUMNS = ("id", "slug", "lang", "title", "author", "date", "year", "category", "source",
                "translation", "file", "paragraphs", "body")
SEGMENT_COLUMNS = ("id", "post_id", "lang", "idx", "paragraph", "start", "end", "line", "text", "fold",
                   "stems")
BEAD_COLUMNS = ("id", "pair", "position", "lv_post", "en_post", "lv_ids", "en_ids", "lv_text", "en_text",
                "score", "kind")

_INDEXES = {
    "posts": [["slug"], ["lang"], ["author"], ["year"], ["category"]],
    "segments": [["post_id", "idx"], ["lang"]],
    "beads": [["pair", "position"], ["lv_post"], ["en_post"], ["score"], ["kind"]],
    "concepts": [["subject_field"], ["origin"]],
    "terms": [["concept_id"], ["lang", "stem_key"], ["fold_key"], ["stem_key"], ["frequency"],
              ["status"], ["term_type"], ["reliability"]],  # the last three serve the facets
    "term_forms": [["term_id"], ["fold_key"], ["stem_key"]],
    "occurrences": [["term_id"], ["segment_id"], ["bead_id"]],
}

BITEXT_SQL = """
SELECT b.id AS id, b.pair AS pair, p.title AS title, b.lv_text AS lv_text, b.en_text AS en_text,
       b.score AS score, b.kind AS kind, b.position AS position
FROM beads AS b LEFT JOIN posts AS p ON p.id = b.lv_post
ORDER BY b.pair, b.position
"""


@contextlib.contextmanager
def open_build(path: str | os.PathLike) -> Iterator[sqlite_utils.Database]:
    """A fresh database in a temp file beside `path`, renamed over `path` only when the block succeeds."""
    import sqlite_utils

    with atomic_path(path) as tmp:
        conn = sqlite3.connect(tmp)
        db = sqlite_utils.Database(conn)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("PRAGMA cache_size = -200000")
            conn.execute("PRAGMA foreign_keys = OFF")  # rows arrive in any order; checked in finish()
            yield db
            conn.commit()
        finally:
            conn.close()


def create_schema(db: sqlite_utils.Database) -> None:
    """posts, segments and beads with their foreign keys (empty)."""
    db["posts"].create({"id": str, "slug": str, "lang": str, "title": str, "author": str, "date": str,
                        "year": int, "category": str, "source": str, "translation": str, "file": str,
                        "paragraphs": int, "body": str}, pk="id",
                       foreign_keys=[("translation", "posts", "id")], not_null={"slug", "lang", "title"})
    db["segments"].create({"id": int, "post_id": str, "lang": str, "idx": int, "paragraph": int, "start": int,
                           "end": int, "line": int, "text": str, "fold": str, "stems": str}, pk="id",
                          foreign_keys=[("post_id", "posts", "id")], not_null={"post_id", "text"})
    db["beads"].create({"id": int, "pair": str, "position": int, "lv_post": str, "en_post": str,
                        "lv_ids": str, "en_ids": str, "lv_text": str, "en_text": str, "score": float,
                        "kind": str}, pk="id",
                       foreign_keys=[("lv_post", "posts", "id"), ("en_post", "posts", "id")])


# --- rows ----------------------------------------------------------------------------------------


def _year(date: str | None) -> int | None:
    m = re.match(r"\s*(\d{4})", str(date or ""))
    return int(m.group(1)) if m else None


def post_row(post: Post, *, file: str | None = None, body: str | None = None) -> dict:
    other = next((f"{slug}.{lang}" for lang, slug in sorted(post.translations.items())), None)
    return {"id": post.id, "slug": post.slug, "lang": post.lang, "title": post.title, "author": post.author,
            "date": post.date, "year": _year(post.date), "category": post.category, "source": post.source,
            "translation": other, "file": file, "paragraphs": len(post.paragraphs),
            "body": body if body is not None else "\n\n".join(post.paragraphs)}


_LATVIAN_FOLD = str.maketrans("āčēģīķļņōŗšūž", "acegiklnorsuz")


def fast_fold(text: str) -> str:
    """keys.fold, fast for ASCII and Latvian letters (falls back to keys.fold for anything else)."""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    stripped = lowered.translate(_LATVIAN_FOLD)
    return stripped if stripped.isascii() else keys_fold(text)


@lru_cache(maxsize=65_536)
def text_keys(lang: str, text: str) -> tuple[str, str]:
    """(folded text, stem keys) of a sentence; cached, as corpora repeat boilerplate sentences."""
    return fast_fold(text), get_lang(lang).stem_key(text)


def segment_rows(post_id: str, lang: str, segments: Sequence[Segment], *, lines: Sequence[int] = (),
                 first_id: int) -> Iterator[dict]:
    """Rows for one post's sentences; `lines` are the 1-based lines where each paragraph starts."""
    for n, seg in enumerate(segments):
        folded, stems = text_keys(lang, seg.text)
        yield {"id": first_id + n, "post_id": post_id, "lang": lang, "idx": seg.index,
               "paragraph": seg.paragraph, "start": seg.start, "end": seg.end,
               "line": lines[seg.paragraph] if seg.paragraph < len(lines) else None, "text": seg.text,
               "fold": folded, "stems": stems}


def bead_rows(pair: str, lv_post: str, en_post: str, beads: Sequence[Bead], lv_sentences: Sequence[str],
              en_sentences: Sequence[str], *, first_id: int) -> Iterator[dict]:
    for n, bead in enumerate(beads):
        yield {"id": first_id + n, "pair": pair, "position": n, "lv_post": lv_post, "en_post": en_post,
               "lv_ids": json.dumps(list(bead.src)), "en_ids": json.dumps(list(bead.tgt)),
               "lv_text": " ".join(lv_sentences[i] for i in bead.src),
               "en_text": " ".join(en_sentences[i] for i in bead.tgt),
               "score": round(float(bead.score), 4), "kind": bead.kind}


# --- writers -------------------------------------------------------------------------------------


def _write(db: sqlite_utils.Database, table: str, columns: Sequence[str], rows: Iterable[Mapping],
           *, batch: int = 20_000) -> int:
    cols = ", ".join(f"[{c}]" for c in columns)
    sql = f"INSERT INTO [{table}] ({cols}) VALUES ({', '.join('?' * len(columns))})"
    n, chunk = 0, []
    for row in rows:
        chunk.append(tuple(row.get(c) for c in columns))
        if len(chunk) >= batch:
            db.conn.executemany(sql, chunk)
            n += len(chunk)
            chunk = []
    if chunk:
        db.conn.executemany(sql, chunk)
        n += len(chunk)
    return n


def write_posts(db: sqlite_utils.Database, rows: Iterable[Mapping]) -> int:
    return _write(db, "posts", POST_COLUMNS, rows)


def write_segments(db: sqlite_utils.Database, rows: Iterable[Mapping]) -> int:
    return _write(db, "segments", SEGMENT_COLUMNS, rows)


def write_beads(db: sqlite_utils.Database, rows: Iterable[Mapping]) -> int:
    return _write(db, "beads", BEAD_COLUMNS, rows)


def ensure_term_tables(db: sqlite_utils.Database) -> None:
    """Create the termbase tables, empty, when the termbase store wrote none (its schema, one copy)."""
    if not db["terms"].exists():
        from .terms.store import write_termbase

        write_termbase(db, [])


def create_indexes(db: sqlite_utils.Database) -> None:
    for table, indexes in _INDEXES.items():
        if not db[table].exists():
            continue
        have = set(db[table].columns_dict)
        for cols in indexes:
            if set(cols) <= have:
                db[table].create_index(cols, if_not_exists=True)


def enable_search(db: sqlite_utils.Database) -> None:
    """FTS5 (unicode61, diacritics removed) over segment text and stem keys, and over both bead sides."""
    db["segments"].enable_fts(["text", "stems"], tokenize=TOKENIZE, replace=True)
    db["beads"].enable_fts(["lv_text", "en_text"], tokenize=TOKENIZE, replace=True)
    for fts in ("segments_fts", "beads_fts"):
        db.execute(f"INSERT INTO [{fts}]([{fts}]) VALUES ('optimize')")


def check_foreign_keys(db: sqlite_utils.Database, *, tables: Sequence[str] = ("posts", "segments", "beads")) -> None:
    """Raise InputError naming the first dangling reference in the library tables."""
    for table in tables:
        bad = db.execute(f"PRAGMA foreign_key_check([{table}])").fetchone()
        if bad:
            row = db.execute(f"SELECT * FROM [{table}] WHERE rowid = ?", [bad[1]]).fetchone()
            raise InputError(f"{table} row {row[0] if row else bad[1]} refers to a missing {bad[2]} row",
                             path=db.conn.execute("PRAGMA database_list").fetchone()[2])


def finish(db: sqlite_utils.Database) -> None:
    """Everything after the rows are in: term tables present, indexes, FTS5, the bitext view, statistics."""
    ensure_term_tables(db)
    check_foreign_keys(db)
    create_indexes(db)
    enable_search(db)
    db.create_view("bitext", BITEXT_SQL, replace=True)
    db.execute("ANALYZE")
    db.conn.commit()


def connect_readonly(path: str | os.PathLike, **options) -> sqlite3.Connection:
    """Open an existing database read-only. The URI is built by pathlib, so a file name with
    '#', '?' or '%' opens that file (a hand-made "file:...?mode=ro" would cut the name there)."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, **options)


def check(path: str | os.PathLike) -> None:
    """Raise InputError unless `path` is a readable lvterm database (used before serving it)."""
    p = Path(path)
    if not p.is_file():
        raise InputError("database not found (run `lvterm build` first)", path=p)
    try:
        conn = connect_readonly(p)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"not a readable SQLite database ({exc})", path=p) from None
    missing = {"posts", "segments", "beads"} - tables
    if missing:
        raise InputError(f"not an lvterm database (missing tables: {', '.join(sorted(missing))})", path=p)
