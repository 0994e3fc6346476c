"""The library database's schema, declared once, and the one way to open a library.

Every table, index, full-text index and view of `build/lvterm.db` is declared here as data; the
build, the termbase writer, the benchmarks and every test fixture create them from this module,
so a fixture cannot drift from what the build writes.

    create_tables(db)      # all tables, empty (a sqlite_utils.Database or a sqlite3.Connection)
    finish_tables(db)      # indexes, FTS5, views, ANALYZE: after the rows are in
    with open_library(path) as conn: ...   # read-only; one wording for missing, damaged, foreign

Opening is read-only through an SQLite URI built by pathlib, so a file name with '#', '?' or '%'
opens that file, and nothing a reader does can change the library.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping, Sequence

from .errors import InputError

#: FTS5 tokenizer: Unicode words, diacritics removed, so "tiklosana" finds "tīklošana".
FTS_TOKENIZE = "unicode61 remove_diacritics 2"


@dataclass(frozen=True)
class Table:
    """One table: ordered columns with their types, primary key, constraints, indexes, FTS columns."""

    name: str
    columns: Mapping[str, type]
    pk: str = "id"
    not_null: frozenset[str] = frozenset()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, other table, other column)
    indexes: tuple[tuple[str, ...], ...] = ()
    fts: tuple[str, ...] = ()  # columns searched by an FTS5 index <name>_fts

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(self.columns)


POSTS = Table(
    "posts",
    {"id": str, "slug": str, "lang": str, "title": str, "author": str, "copyright": str, "date": str, "year": int,
     "category": str, "source": str, "translation": str, "file": str, "paragraphs": int, "body": str},
    not_null=frozenset({"slug", "lang", "title"}),
    foreign_keys=(("translation", "posts", "id"),),
    indexes=(("slug",), ("lang",), ("author",), ("year",), ("category",)),
)
SEGMENTS = Table(
    "segments",
    {"id": int, "post_id": str, "lang": str, "idx": int, "paragraph": int, "start": int, "end": int, "line": int,
     "text": str, "fold": str, "stems": str},
    not_null=frozenset({"post_id", "text"}),
    foreign_keys=(("post_id", "posts", "id"),),
    indexes=(("post_id", "idx"), ("lang",)),
    fts=("text", "stems"),
)
BEADS = Table(
    "beads",
    {"id": int, "pair": str, "position": int, "lv_post": str, "en_post": str, "lv_ids": str, "en_ids": str,
     "lv_text": str, "en_text": str, "score": float, "kind": str},
    foreign_keys=(("lv_post", "posts", "id"), ("en_post", "posts", "id")),
    indexes=(("pair", "position"), ("lv_post",), ("en_post",), ("score",), ("kind",)),
    fts=("lv_text", "en_text"),
)
CONCEPTS = Table(
    "concepts",
    {"id": str, "subject_field": str, "definition": str, "note": str, "origin": str, "source": str},
    indexes=(("subject_field",), ("origin",)),
)
TERMS = Table(
    "terms",
    {"id": int, "concept_id": str, "lang": str, "term": str, "status": str, "reliability": int, "term_type": str,
     "frequency": int, "fold_key": str, "stem_key": str, "lemma_key": str, "curated": int, "note": str,
     "part_of_speech": str},
    foreign_keys=(("concept_id", "concepts", "id"),),
    # key look-ups of `lvterm lookup`; the last five serve the facets
    indexes=(("concept_id",), ("lang", "stem_key"), ("fold_key",), ("stem_key",), ("lemma_key",), ("frequency",),
             ("status",), ("term_type",), ("reliability",), ("part_of_speech",)),
)
TERM_FORMS = Table(
    "term_forms",
    # generated: 1 for a form made from the term's paradigm (lvterm.lang.inflect) and never seen
    # (count 0); forms seen in the corpus or recorded in the termbase are 0
    {"id": int, "term_id": int, "form": str, "count": int, "fold_key": str, "stem_key": str, "generated": int},
    foreign_keys=(("term_id", "terms", "id"),),
    indexes=(("term_id",), ("fold_key",), ("stem_key",)),
)
OCCURRENCES = Table(
    "occurrences",
    {"id": int, "term_id": int, "segment_id": int, "bead_id": int, "start": int, "end": int, "form": str},
    foreign_keys=(("term_id", "terms", "id"), ("segment_id", "segments", "id"), ("bead_id", "beads", "id")),
    indexes=(("term_id",), ("segment_id",), ("bead_id",)),
)

BUILD_INFO = Table(
    # what made the library, for whoever cites or rebuilds it (`lvterm.buildinfo`): no time or
    # place, so the same inputs still give the same file
    "build_info",
    {"key": str, "value": str},
    pk="key",
)

#: Every table, in creation order (a table's foreign keys point to tables before it, or to itself).
TABLES: tuple[Table, ...] = (POSTS, SEGMENTS, BEADS, CONCEPTS, TERMS, TERM_FORMS, OCCURRENCES, BUILD_INFO)
BY_NAME: Mapping[str, Table] = {t.name: t for t in TABLES}
CORPUS_TABLES = ("posts", "segments", "beads")
TERMBASE_TABLES = ("concepts", "terms", "term_forms", "occurrences")

#: The typo fallback's blocking in `lvterm lookup`, by length: folded keys sharing characters 1-3,
#: 4-7, or the three before their last three (the very end of a Latvian key is mostly a case
#: ending: too common). Covering (fold_key last): candidates are read from the index alone.
EXPRESSION_INDEXES = {
    "idx_term_forms_fold_head3": "term_forms(substr(fold_key, 1, 3), length(fold_key), fold_key)",
    "idx_term_forms_fold_body3": "term_forms(substr(fold_key, -6, 3), length(fold_key), fold_key)",
    "idx_term_forms_fold_mid4": "term_forms(substr(fold_key, 4, 4), length(fold_key), fold_key)",
}

VIEWS = {
    # the bitext a researcher browses: both sides of every bead with its post title, in order
    "bitext": """
SELECT b.id AS id, b.pair AS pair, p.title AS title, b.lv_text AS lv_text, b.en_text AS en_text,
       b.score AS score, b.kind AS kind, b.position AS position, p.year AS year
FROM beads AS b LEFT JOIN posts AS p ON p.id = b.lv_post
ORDER BY b.pair, b.position
""",
}


def _sqlite_utils(db):
    """A sqlite_utils.Database for a Database or a plain connection (imported only when writing)."""
    import sqlite_utils

    return db if isinstance(db, sqlite_utils.Database) else sqlite_utils.Database(db)


def create_tables(db, *, tables: tuple[str, ...] | None = None) -> None:
    """Create the declared tables (all, or those named), empty; existing ones are left alone."""
    db = _sqlite_utils(db)
    for table in TABLES:
        if (tables is None or table.name in tables) and not db[table.name].exists():
            db[table.name].create(dict(table.columns), pk=table.pk, not_null=set(table.not_null),
                                  foreign_keys=list(table.foreign_keys))


def create_indexes(db, *, tables: Sequence[str] | None = None) -> None:
    """Every declared index (idempotent), or those of the `tables` named."""
    db = _sqlite_utils(db)
    for table in TABLES:
        if (tables is None or table.name in tables) and db[table.name].exists():
            for cols in table.indexes:
                db[table.name].create_index(list(cols), if_not_exists=True)
    if (tables is None or "term_forms" in tables) and db["term_forms"].exists():
        for name, on in EXPRESSION_INDEXES.items():
            db.execute(f"create index if not exists {name} on {on}")


#: FTS5 settings while a full-text index is loaded in bulk: no merging of its segments as they are
#: written (`automerge` 0; up to 64 segments a level before FTS5 must merge), since 'optimize'
#: merges them all into one at the end; 20-25% less time for a library's index. Set back to
#: FTS5's defaults afterwards, for anything that writes to the index later.
FTS_BULK_LOAD = {"automerge": (0, 4), "crisismerge": (64, 16)}


def enable_search(db) -> None:
    """FTS5 over the declared columns (segment text and stem keys, both bead sides), made afresh
    (an existing one is replaced) and optimised. The table is as sqlite-utils' `enable_fts` makes
    it (`sqlite_utils.db.Table.detect_fts`, and Datasette, find it by its SQL)."""
    db = _sqlite_utils(db)
    for table in TABLES:
        if table.fts and db[table.name].exists():
            fts = f"{table.name}_fts"
            if db[fts].exists():
                db[table.name].disable_fts()
            columns = ", ".join(f'"{c}"' for c in table.fts)
            db.execute(f"CREATE VIRTUAL TABLE \"{fts}\" USING FTS5 (\n    {columns},\n"
                       f"    tokenize='{FTS_TOKENIZE}',\n    content=\"{table.name}\"\n)")
            set_option = f"INSERT INTO [{fts}]([{fts}], rank) VALUES (?, ?)"
            for option, (loading, _) in FTS_BULK_LOAD.items():
                db.execute(set_option, [option, loading])
            db.execute(f"INSERT INTO [{fts}]([{fts}]) VALUES ('rebuild')")
            db.execute(f"INSERT INTO [{fts}]([{fts}]) VALUES ('optimize')")
            for option, (_, default) in FTS_BULK_LOAD.items():
                db.execute(set_option, [option, default])


def create_views(db) -> None:
    db = _sqlite_utils(db)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)


#: Rows of each index that ANALYZE reads (`finish_tables`).
ANALYSIS_LIMIT = 1000


def finish_tables(db, *, search: bool = True) -> None:
    """Everything after the rows are in: indexes, FTS5 (`search`), views, statistics for the query planner."""
    db = _sqlite_utils(db)
    create_indexes(db)
    if search:
        enable_search(db)
    create_views(db)
    analyze(db)
    db.conn.commit()


def analyze(db) -> None:
    """Statistics for the query planner. The corpus tables from at most ANALYSIS_LIMIT rows of each
    index (as SQLite advises for `PRAGMA optimize`: their estimates are as good for its choices,
    in milliseconds, not 0.05 s). The termbase tables in full: sampled, a column of two values
    (terms.lang) read as if each value picked out 1,001 rows, and SQLite answered a lookup by
    walking every Latvian term (100,000 terms: 221 ms a query against 0.8 ms; the full pass took
    0.18 s)."""
    db = _sqlite_utils(db)
    names = set(db.table_names())
    db.execute("PRAGMA analysis_limit = 0")
    for name in TERMBASE_TABLES:
        if name in names:
            db.execute(f"ANALYZE [{name}]")
    db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
    for name in sorted(names - set(TERMBASE_TABLES)):
        db.execute(f"ANALYZE [{name}]")


def create_all(db) -> None:
    """An empty library: tables, indexes, FTS5 and views (test fixtures then insert rows)."""
    create_tables(db)
    finish_tables(db)


# --- opening ------------------------------------------------------------------------------------


def connect(path: str | os.PathLike, *, require: tuple[str, ...] = CORPUS_TABLES,
            check_same_thread: bool = True) -> sqlite3.Connection:
    """Open an lvterm library read-only (rows as sqlite3.Row). One wording for every failure:
    a missing file, a file SQLite cannot read, or a database without the `require`d tables is one
    InputError naming the file."""
    p = Path(path)
    if not p.is_file():
        raise InputError("database not found (run `lvterm build` first, or pass --db PATH)", path=p)
    conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=check_same_thread)
    conn.row_factory = sqlite3.Row
    try:
        names = table_names(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise InputError(f"not a readable SQLite database ({exc})", path=p) from None
    missing = sorted(set(require) - names)
    if missing:
        conn.close()
        raise InputError(f"not an lvterm database (missing tables: {', '.join(missing)}; run `lvterm build`)",
                         path=p)
    return conn


@contextlib.contextmanager
def open_library(path: str | os.PathLike, *, require: tuple[str, ...] = CORPUS_TABLES) -> Iterator[sqlite3.Connection]:
    """`connect`, closed when the block ends."""
    conn = connect(path, require=require)
    try:
        yield conn
    finally:
        conn.close()


def table_names(conn: sqlite3.Connection) -> set[str]:
    """Tables and views of a connection."""
    return {r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view')")}


def check(path: str | os.PathLike) -> None:
    """Raise InputError unless `path` is a readable lvterm library (used before serving it)."""
    with open_library(path):
        pass
