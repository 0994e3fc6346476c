"""Rows in and out of the library database (`build/lvterm.db`); the schema itself is `lvterm.schema`.

Writers take iterables of plain rows so that the build and the scale benchmark share them:

    with open_build(db_path) as db:        # a temp file beside db_path, renamed on success
        schema.create_tables(db)
        write_posts(db, [post_row(post, file=..., body=...)])
        write_segments(db, segment_rows(...))
        write_beads(db, bead_rows(...))
        ...                                 # the termbase (lvterm.terms.store.write_termbase)
        finish(db)                          # foreign keys checked, indexes, FTS5, views, ANALYZE

Readers take an open connection (`schema.connect`) and give back what the exports need.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping, Sequence

from .errors import InputError
from .fileio import atomic_path
from .lang import sentence_keys
from . import schema
from .models import Bead, Concept, Post, Segment, Term, TermForm

if TYPE_CHECKING:  # sqlite-utils is imported where a database is built, not by readers (lookup)
    import threading

    import sqlite_utils

POST_COLUMNS = schema.POSTS.column_names
SEGMENT_COLUMNS = schema.SEGMENTS.column_names
BEAD_COLUMNS = schema.BEADS.column_names

@contextlib.contextmanager
def open_build(path: str | os.PathLike, *,
               written: Callable[[os.PathLike], None] | None = None) -> Iterator[sqlite_utils.Database]:
    """A fresh database in a temp file beside `path`, renamed over `path` only when the block
    succeeds. `written(temp path)` is called once the file is written and closed, just before it
    is renamed (what is then at `path` may already be another process's file)."""
    import sqlite_utils

    with atomic_path(path) as tmp:
        conn = sqlite3.connect(tmp, check_same_thread=False)  # `build` indexes text in a second thread
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
        if written is not None:
            written(tmp)


# --- rows ----------------------------------------------------------------------------------------


def _year(date: str | None) -> int | None:
    m = re.match(r"\s*(\d{4})", str(date or ""))
    return int(m.group(1)) if m else None


def post_row(post: Post, *, file: str | None = None, body: str | None = None) -> dict:
    other = next((f"{slug}.{lang}" for lang, slug in sorted(post.translations.items())), None)
    rights = post.meta.get("copyright")
    return {"id": post.id, "slug": post.slug, "lang": post.lang, "title": post.title, "author": post.author,
            "copyright": str(rights) if rights else None, "date": post.date, "year": _year(post.date), "category": post.category, "source": post.source,
            "translation": other, "file": file, "paragraphs": len(post.paragraphs),
            "body": body if body is not None else "\n\n".join(post.paragraphs)}


#: (folded text, stem keys) of a sentence, cached (`lang.sentence_keys`: one cache with the aligner's).
text_keys = sentence_keys


def segment_rows(post_id: str, lang: str, segments: Sequence[Segment], *, lines: Sequence[int] = (),
                 first_id: int, keys: Sequence[Sequence[str]] | None = None) -> Iterator[tuple]:
    """Rows for one post's sentences, as tuples in `SEGMENT_COLUMNS` order (what `write_segments`
    inserts: a library has hundreds of thousands); `lines` are the 1-based lines where each
    paragraph starts; `keys`: each sentence's `text_keys` when already known (the build cache keeps them)."""
    for n, seg in enumerate(segments):
        folded, stems = keys[n] if keys is not None else text_keys(lang, seg.text)
        line = lines[seg.paragraph] if seg.paragraph < len(lines) else None
        yield (first_id + n, post_id, lang, seg.index, seg.paragraph, seg.start, seg.end, line, seg.text, folded, stems)


def _ids_json(ids: Sequence[int]) -> str:
    """A bead side's sentence positions as JSON ('[3, 4]', as json.dumps writes them)."""
    return f"[{', '.join(map(str, ids))}]"


def bead_rows(pair: str, lv_post: str, en_post: str, beads: Sequence[Bead], lv_sentences: Sequence[str],
              en_sentences: Sequence[str], *, first_id: int) -> Iterator[tuple]:
    """Rows for one post pair's beads, as tuples in `BEAD_COLUMNS` order (what `write_beads` inserts)."""
    for n, bead in enumerate(beads):
        yield (first_id + n, pair, n, lv_post, en_post, _ids_json(bead.src), _ids_json(bead.tgt),
               " ".join([lv_sentences[i] for i in bead.src]), " ".join([en_sentences[i] for i in bead.tgt]),
               round(float(bead.score), 4), bead.kind)


# --- writers -------------------------------------------------------------------------------------


def insert_sql(table: str, columns: Sequence[str]) -> str:
    """INSERT of one row of `columns` into `table` (`?` placeholders)."""
    cols = ", ".join(f"[{c}]" for c in columns)
    return f"INSERT INTO [{table}] ({cols}) VALUES ({', '.join('?' * len(columns))})"


def _insert(db: sqlite_utils.Database, sql: str, rows: Iterable[Sequence], *, batch: int = 20_000) -> int:
    """executemany in batches (a generator of rows is never held whole); returns the rows written."""
    n = 0
    rows = iter(rows)
    while chunk := list(islice(rows, batch)):
        db.conn.executemany(sql, chunk)
        n += len(chunk)
    return n


def _write(db: sqlite_utils.Database, table: str, columns: Sequence[str], rows: Iterable[Mapping]) -> int:
    return _insert(db, insert_sql(table, columns), (tuple(row.get(c) for c in columns) for row in rows))


def write_rows(db: sqlite_utils.Database, table: str, rows: Iterable[Mapping]) -> int:
    """Rows (dicts) into any declared table with executemany; a column a row lacks is NULL."""
    return _write(db, table, schema.BY_NAME[table].column_names, rows)


def write_tuples(db: sqlite_utils.Database, table: str, rows: Iterable[Sequence]) -> int:
    """Rows given as tuples in the declared column order (the fast path for the largest tables)."""
    return _insert(db, insert_sql(table, schema.BY_NAME[table].column_names), rows)


def write_posts(db: sqlite_utils.Database, rows: Iterable[Mapping]) -> int:
    return _write(db, "posts", POST_COLUMNS, rows)


def write_segments(db: sqlite_utils.Database, rows: Iterable[Sequence]) -> int:
    """`segment_rows` tuples into the segments table."""
    return write_tuples(db, "segments", rows)


def write_beads(db: sqlite_utils.Database, rows: Iterable[Sequence]) -> int:
    """`bead_rows` tuples into the beads table."""
    return write_tuples(db, "beads", rows)


def check_foreign_keys(db: sqlite_utils.Database, *, tables: Sequence[str] = schema.CORPUS_TABLES) -> None:
    """Raise InputError naming the first dangling reference in the library tables."""
    for table in tables:
        bad = db.execute(f"PRAGMA foreign_key_check([{table}])").fetchone()
        if bad:
            row = db.execute(f"SELECT * FROM [{table}] WHERE rowid = ?", [bad[1]]).fetchone()
            raise InputError(f"{table} row {row[0] if row else bad[1]} refers to a missing {bad[2]} row",
                             path=db.conn.execute("PRAGMA database_list").fetchone()[2])


def finish(db: sqlite_utils.Database, *, search: bool = True) -> None:
    """Everything after the rows are in: foreign keys checked, then indexes, FTS5 (unless `search`
    is false: built already, `search_alongside`), views, statistics."""
    check_foreign_keys(db)
    schema.finish_tables(db, search=search)


class Indexing:
    """What `search_alongside` gives its block: whether the indexing still runs, and the value of
    its `first` read (waited for)."""

    def __init__(self, thread: threading.Thread, first: Any):
        self._thread, self._first = thread, first

    def is_alive(self) -> bool:
        return self._thread.is_alive()

    def first(self) -> Any:
        return self._first.result()


@contextlib.contextmanager
def search_alongside(db: sqlite_utils.Database, *,
                     first: Callable[[sqlite_utils.Database], Any] | None = None) -> Iterator[Indexing]:
    """Build the full-text indexes of the corpus tables (`schema.enable_search`), and their other
    indexes (`schema.CORPUS_TABLES`: their rows are in), in a second thread while the block runs.
    SQLite does the indexing without Python's GIL, so on a second core it overlaps Python work.
    The block must not use the connection: a statement of one thread (a commit) can reset
    another's open cursor, so the two never share it; the thread is waited for when the block
    ends, whether or not it raised, and its error, if any, is raised here. `first(db)`: a read the
    thread does before indexing, whose value the block gets by `Indexing.first()`."""
    import threading
    from concurrent.futures import Future

    errors: list[BaseException] = []
    read: Future = Future()

    def run() -> None:
        try:
            read.set_result(first(db) if first is not None else None)
            schema.enable_search(db)
            schema.create_indexes(db, tables=schema.CORPUS_TABLES)
        except BaseException as exc:  # raised in the caller's thread below
            if not read.done():
                read.set_exception(exc)
            errors.append(exc)

    thread = threading.Thread(target=run, name="lvterm-search-index", daemon=True)
    thread.start()
    try:
        yield Indexing(thread, read)
    finally:
        thread.join()
    if errors:
        raise errors[0]


# --- reading back ---------------------------------------------------------------------------------


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


#: A bead side's ids as `_ids_json` writes them ("[3, 4]"), read without a JSON parser.
_IDS_WRITTEN = re.compile(r"\[(?:0|[1-9]\d*)(?:, (?:0|[1-9]\d*))*\]")


def _ids(value) -> tuple[int, ...]:
    if value in (None, ""):
        return ()
    if type(value) is str and _IDS_WRITTEN.fullmatch(value):  # (every bead the build writes)
        return tuple(map(int, value[1:-1].split(", ")))
    try:
        return tuple(int(i) for i in json.loads(value))
    except (ValueError, TypeError):
        return ()


def iter_beads(conn: sqlite3.Connection) -> Iterator[BeadRow]:
    """Every bead in (pair, position) order."""
    sql = ("select id, pair, position, lv_post, en_post, lv_ids, en_ids, lv_text, en_text, score, kind "
           "from beads order by pair, position, id")
    for r in conn.execute(sql):
        lv_ids, en_ids = _ids(r["lv_ids"]), _ids(r["en_ids"])
        yield BeadRow(id=r["id"], pair=r["pair"] or "", position=r["position"] or 0, lv_post=r["lv_post"],
                      en_post=r["en_post"], lv_ids=lv_ids, en_ids=en_ids, lv_text=r["lv_text"] or "",
                      en_text=r["en_text"] or "", score=float(r["score"] if r["score"] is not None else 0.0),
                      kind=r["kind"] or f"{len(lv_ids)}-{len(en_ids)}")


def post_info(conn: sqlite3.Connection) -> dict[str, sqlite3.Row]:
    """posts.id -> row (file, date, title, slug, lang, copyright)."""
    return {r["id"]: r for r in conn.execute("select id, slug, lang, title, date, file, copyright from posts")}


def copyright_of(posts: Mapping[str, sqlite3.Row], *post_ids: str | None) -> str | None:
    """The copyright notices of these posts (as their front matter states them), each once, or
    None when none states one: what an export of their text must carry."""
    notices = dict.fromkeys(posts[p]["copyright"] for p in post_ids if p in posts and posts[p]["copyright"])
    return "; ".join(notices) or None


def segment_lines(conn: sqlite3.Connection) -> dict[tuple[str, int], int]:
    """(post id, sentence idx) -> 1-based line of its paragraph in the post file."""
    return {(r["post_id"], r["idx"]): r["line"] for r in conn.execute("select post_id, idx, line from segments")
            if r["line"] is not None}


def read_concepts(conn: sqlite3.Connection) -> list[Concept]:
    """Concepts with their terms and forms (counts) as `terms.store.write_termbase` wrote them, in
    table order (missing statuses read as proposed). Empty when the library has no termbase."""
    names = schema.table_names(conn)
    if not {"concepts", "terms"} <= names:
        return []
    forms: dict[int, list[TermForm]] = defaultdict(list)
    if "term_forms" in names:
        for r in conn.execute("select * from term_forms order by id"):
            if "generated" in r.keys() and r["generated"]:
                continue  # a form of the generated paradigm, never seen: the exports list forms seen
            forms[r["term_id"]].append(TermForm(r["form"], r["count"] or 0))
    terms: dict[str, list[Term]] = defaultdict(list)
    for r in conn.execute("select * from terms order by id"):
        keys = r.keys()
        terms[r["concept_id"]].append(Term(lang=r["lang"], text=r["term"], status=r["status"] or "proposed",
                                           reliability=r["reliability"] or 1, term_type=r["term_type"] or "fullForm",
                                           forms=tuple(forms[r["id"]]), frequency=r["frequency"] or 0,
                                           note=r["note"] if "note" in keys else None,
                                           part_of_speech=r["part_of_speech"] if "part_of_speech" in keys else None))
    return [Concept(id=r["id"], terms=tuple(terms[r["id"]]), subject_field=r["subject_field"],
                    definition=r["definition"], note=r["note"], origin=r["origin"] or "curated", source=r["source"])
            for r in conn.execute("select * from concepts order by rowid")]


def read_contexts(conn: sqlite3.Connection, *, per_term: int = 2,
                  concepts: Iterable[str] | None = None) -> dict[tuple[str, str, str], list[str]]:
    """(concept id, lang, term) -> up to `per_term` corpus sentences where the term occurs: its
    first distinct sentences in library order. `concepts`: only the terms of these concepts (an
    export of the reviewed termbase needs a few hundred terms' contexts, not every proposal's)."""
    out: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    if not {"occurrences", "segments", "terms"} <= schema.table_names(conn):
        return out
    only, args = "", []
    if concepts is not None:
        only, args = "where t.concept_id in (select value from json_each(?))", [json.dumps(sorted(set(concepts)))]
    # each distinct sentence of a term once, at its first segment; the first `per_term` of them
    # (a term: concept, language and text, even if a termbase lists it twice under one concept).
    # The occurrences are made distinct (term, segment) pairs first, before any text is read: a term
    # used 26,000 times in one 970,000-character paragraph carried that text into the sort 26,000
    # times (12 GB); now once.
    sql = (f"with used as (select distinct o.term_id, o.segment_id from occurrences o)"
           f" select concept_id, lang, term, text from ("
           f" select t.concept_id, t.lang, t.term, s.text, min(u.term_id) as term_id, min(s.id) as first,"
           f"  row_number() over (partition by t.concept_id, t.lang, t.term order by min(s.id)) as n"
           f" from used u join terms t on t.id = u.term_id join segments s on s.id = u.segment_id {only}"
           f" group by t.concept_id, t.lang, t.term, s.text)"
           f" where n <= ? order by term_id, first")
    for r in conn.execute(sql, [*args, per_term]):
        out[(r["concept_id"], r["lang"], r["term"])].append(r["text"])
    return out
