"""`Library`: the built library (`build/lvterm.db`) as one Python object, as sqlite-utils' `Database`
is for a SQLite file. Its methods mirror the command line:

    >>> lib = Library("build/lvterm.db")
    >>> lib.build(corpus="corpus/posts", termbase="termbase")     # lvterm build
    >>> lib.lookup("biedra naudu")[0].en                          # lvterm lookup
    'membership fee'
    >>> lib.export_tmx("build/lvterm.tmx")                         # lvterm export tmx -o ...
    >>> lib.po("locale")                                           # lvterm po --out locale
    >>> lib.proposals()[0].id                                      # lvterm review (the list)
    >>> lib.review(accept=["x-lasitav"], termbase="termbase")      # lvterm review --accept x-lasitav

The library is opened read-only (`lvterm.schema.connect`: one wording for a missing, damaged or
foreign file) and only when a method needs it; `close()` or a `with` block closes it (see `Library`
on threads). Building writes a new file beside the old one and renames it into place, so readers
never see half a library.
"""
from __future__ import annotations

import numbers
import os
import sqlite3
import threading
import weakref
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator

from . import db as dbrows
from . import schema
from .errors import ArgumentError, InputError
from .lang import library_language
from .models import Concept, LookupHit

if TYPE_CHECKING:
    from .build import BuildReport
    from .localise.tm import Memory
    from .terms.lookup import LookupIndex
    from .terms.review import Decision, Proposal

DEFAULT_PATH = "build/lvterm.db"


class _Opened:
    """What one thread has open on a library: its connection and its lookup index, opened while
    the library's `generation` was `generation`. Only that thread uses them and only it closes them
    (at its next call once they are stale, in its own `close()`, or when it ends): closing a
    connection another thread is running a query on crashes the interpreter."""

    __slots__ = ("conn", "index", "index_key", "generation")

    def __init__(self, generation: int) -> None:
        self.conn: sqlite3.Connection | None = None
        self.index: "LookupIndex | None" = None
        self.index_key: tuple[int, int, int] | None = None
        self.generation = generation

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.index is not None:
            self.index.close()
            self.index = self.index_key = None

    def __del__(self) -> None:  # the thread ended (or the Library is gone): nobody can be using them
        try:
            self.close()
        except Exception:  # noqa: BLE001 - (at interpreter exit)
            pass


class Library:
    """A Latvian-English library file: build it, look terms up, export it.

    Threads: every method can be called from any thread, and from many at once. Each thread reads
    through its own read-only connection (and lookup index), opened on its first call, and only
    that thread ever closes them, so no query is cut off. `close()` (or the end of a `with` block)
    closes the calling thread's at once and makes every other thread's stale: a thread still
    running closes its own at its next call (and opens new ones, reading the library as it is
    then) or when it ends; those of threads that have ended are closed already. So once every
    other thread has ended or called again, the file is not held open. `build()` does the same
    before and after replacing the file. A `bitext()` iterator reads through a connection of its
    own, closed when it is exhausted, closed or dropped: `close()` in any thread does not cut it off.

    Arguments are checked before anything is read: a wrong type is a TypeError, a wrong value a
    ValueError, each naming the parameter. Language codes are lv, en (and auto where a query's
    language may be guessed), in any case. Where a method takes a collection of ids (`review`'s
    `accept` and `reject`, `related`'s `exclude`), one id alone (a str) is a one-item list.
    """

    def __init__(self, path: str | os.PathLike = DEFAULT_PATH):
        self.path = Path(_path(path, "path"))
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation = 0  # counted up by close(): what threads opened before it is stale

    def __repr__(self) -> str:
        return f"<Library {os.fspath(self.path)!r}>"

    # --- opening ------------------------------------------------------------------------------

    def _here(self) -> _Opened:
        """What this thread has open on the library; closed first (by this thread) if `close()` was
        called since it was opened, so it opens again."""
        generation = self._generation  # read before opening: a close() from now on makes it stale
        here = getattr(self._local, "opened", None)
        if here is None:
            here = self._local.opened = _Opened(generation)
        elif here.generation != generation:
            here.close()
            here.generation = generation
        return here

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's read-only connection (rows as sqlite3.Row), opened on its first use and
        again after `close()`; for this thread only (another thread gets its own)."""
        here = self._here()
        if here.conn is None:  # (check_same_thread=False: the thread-end finaliser may run elsewhere)
            here.conn = schema.connect(self.path, check_same_thread=False)
        return here.conn

    @property
    def _conn(self) -> sqlite3.Connection | None:
        """This thread's connection if it is open."""
        return self._here().conn

    def _index(self) -> "LookupIndex":
        """This thread's lookup index, opened again after `close()` and when the file changed (a
        build renamed a new library into place); a missing or foreign file is `schema.connect`'s
        InputError."""
        from .terms.lookup import LookupIndex

        here = self._here()
        try:
            st = self.path.stat()
            key = (st.st_ino, st.st_mtime_ns, st.st_size)
        except OSError:
            key = None
        if here.index is None or key is None or here.index_key != key:
            index = LookupIndex(self.path)
            index.conn  # noqa: B018 - opens it (or raises) now
            if here.index is not None:
                here.index.close()
            here.index, here.index_key = index, key
        return here.index

    def close(self) -> None:
        """Close this thread's connection and lookup index now, and make every other thread's stale:
        each closes its own at its next call (then opens new ones) or when it ends. Never closes
        what another thread may be reading through."""
        with self._lock:
            self._generation += 1
        here = getattr(self._local, "opened", None)
        if here is not None:
            here.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def table_counts(self) -> dict[str, int]:
        """Rows per declared table."""
        names = schema.table_names(self.conn)
        return {t.name: self.conn.execute(f"select count(*) from [{t.name}]").fetchone()[0]
                for t in schema.TABLES if t.name in names}

    # --- the command line's verbs -----------------------------------------------------------------

    def build(self, *, corpus: str | os.PathLike = "corpus/posts", termbase: str | os.PathLike = "termbase",
              progress: Callable[..., Any] | None = None, workers: int | None = None, scheduler: str | None = None,
              cache: bool = True, downloads: bool = True) -> "BuildReport":
        """`lvterm build`: post files and the curated termbase in, this library file out (`workers`,
        `scheduler`, `cache`: as `lvterm build --workers/--scheduler/--no-cache`). Then, unless
        `downloads` is false, the files the site offers beside it (`exports.write_downloads`:
        glossary.po and a .po per post under locale/, .tbx, .tsv, .tmx; listed in `report.downloads`).
        The library is renamed into place with its inspect file (`inspectfile`), then the
        downloads are written: Ctrl-C from then on is `build.Interrupted` (a KeyboardInterrupt)
        with the finished build's report."""
        from .build import build_library

        corpus, termbase = _path(corpus, "corpus"), _path(termbase, "termbase")
        self.close()  # the file is about to be replaced
        report = build_library(corpus=corpus, termbase=termbase, db_path=self.path, progress=progress,
                               workers=workers, scheduler=scheduler, cache=cache)
        self.close()  # what a thread opened while it was built reads the old file
        if downloads:
            from . import exports
            from .build import Interrupted
            # beside the build cache's corpus-level entries (cache/ itself holds one file a post unit)
            memo = Path(self.path).parent / "cache" / "corpus" / "downloads-po.json" if cache else None
            try:
                report.downloads = [os.fspath(p) for p in exports.write_downloads(db=self.path, progress=progress,
                                                                                   memo=memo)]
            except KeyboardInterrupt as exc:  # the library is built and in place: `build.Interrupted` says so
                raise Interrupted(report) from exc
        return report

    def lookup(self, query: str, *, lang: str = "auto", limit: int = 10, examples: int = 3) -> list[LookupHit]:
        """`lvterm lookup`: concepts matching any form of `query`, best first (at most `limit`,
        each with up to `examples` sentence pairs). `lang`: lv, en or auto (guessed, both searched).
        A query that cannot name a term (empty, punctuation only) matches nothing."""
        from .terms.lookup import lookup

        query, lang = _text(query, "query"), library_language(lang, auto=True)
        limit, examples = _count(limit, "limit"), _count(examples, "examples")
        entries = lookup(query, index=self._index(), lang=lang, limit=limit, examples=examples)
        return [LookupHit.from_dict(e) for e in entries]

    def related(self, query: str, *, lang: str = "auto", limit: int = 10,
                exclude: Iterable[str] | str = ()) -> list[LookupHit]:
        """Longer terms containing the query's words whole, in any inflection ("darba" -> darba
        devējs, "networks" -> social network): what the site lists after the entries the query
        itself names (`match` is "contains"); the concepts `exclude` names (ids) left out."""
        from .terms.lookup import related

        query, lang, limit = _text(query, "query"), library_language(lang, auto=True), _count(limit, "limit")
        entries = related(query, index=self._index(), lang=lang, limit=limit, exclude=_ids(exclude, "exclude"))
        return [LookupHit.from_dict(e) for e in entries]

    def within(self, text: str, *, lang: str = "auto", limit: int = 10,
               exclude: Iterable[str] | str = ()) -> list[LookupHit]:
        """The terms that occur in `text` (a sentence a translator is working on, a paragraph of up to
        2,000 characters: [] past that), whole words in any inflection, with or without diacritics,
        in the text's order ("Tīklošana ir svarīga, bet biedra naudu maksā darba devējs" ->
        tīklošana, biedra nauda; `terms.lookup.within` says which words count): what
        `lvterm lookup` and the site list when no entry is the query itself (`matched["via"]` is
        "within", `matched["form"]` the words as `text` writes them); the concepts `exclude` names
        (ids) left out."""
        from .terms.lookup import within

        text, lang, limit = _text(text, "text"), library_language(lang, auto=True), _count(limit, "limit")
        entries = within(text, index=self._index(), lang=lang, limit=limit, exclude=_ids(exclude, "exclude"))
        return [LookupHit.from_dict(e) for e in entries]

    def export_tmx(self, out: str | os.PathLike | IO[str], *, include_all: bool = False, srclang: str = "en") -> int:
        """`lvterm export tmx`: bilingual beads as TMX 1.4; returns units written. `out`: a path
        (written atomically; `-` is standard output) or a writable text file object (written, not
        closed); never the library file itself (InputError)."""
        from . import exports
        return exports.export_tmx(db=self.path, out=out, include_all=include_all,
                                  srclang=library_language(srclang, what="srclang"))

    def export_tbx(self, out: str | os.PathLike | IO[str], *, include_proposed: bool = False) -> int:
        """`lvterm export tbx`: the termbase as TBX-Basic (machine proposals only with
        `include_proposed`); returns concepts written. `out`: as `export_tmx`'s."""
        from . import exports
        return exports.export_tbx(db=self.path, out=out, include_proposed=include_proposed)

    def export_tsv(self, out: str | os.PathLike | IO[str], *, include_proposed: bool = False,
                   srclang: str = "lv") -> int:
        """`lvterm export tsv`: the termbase as an OmegaT glossary, `srclang` terms first (machine
        proposals only with `include_proposed`); returns rows written. `out`: as `export_tmx`'s."""
        from . import exports
        return exports.export_tsv(db=self.path, out=out, include_proposed=include_proposed,
                                  srclang=library_language(srclang, what="srclang"))

    def po(self, out: str | os.PathLike = "locale", *, include_proposed: bool = False) -> list[Path]:
        """`lvterm po`: a Latvian .po per aligned post pair and glossary.po (machine proposals, as
        `#, fuzzy`, only with `include_proposed`) under the folder `out`; returns the paths."""
        from . import exports
        return exports.export_po(db=self.path, out=_path(out, "out"), include_proposed=include_proposed)

    # --- review -----------------------------------------------------------------------------------

    def proposals(self) -> list["Proposal"]:
        """What `lvterm review` walks: the machine proposals, best first (pairing confidence, then
        frequency). Proposals a person has decided on stay here until the next build."""
        from .terms.review import read_proposals

        return read_proposals(self.conn)

    def proposal_examples(self, proposal: "Proposal | str", *, limit: int = 2) -> list[dict[str, Any]]:
        """Sentence pairs showing a proposal (one of `proposals()`, or its id), its terms' spans
        marked (lookup's `examples`). An id that names no proposal is an InputError."""
        from .terms.review import Proposal, proposal_examples

        limit = _count(limit, "limit")
        if isinstance(proposal, str):
            found = next((p for p in self.proposals() if p.id == proposal), None)
            if found is None:
                raise InputError(f"no proposal {proposal!r} in the library (`lvterm review` lists them)",
                                 path=self.path)
            proposal = found
        elif not isinstance(proposal, Proposal):
            raise TypeError(f"proposal must be a Proposal or its id (str), not {type(proposal).__name__}")
        return proposal_examples(self.conn, proposal, limit=limit)

    def review(self, *, accept: Iterable[str] | str = (), reject: Iterable[str] | str = (),
               termbase: str | os.PathLike = "termbase", today: str | None = None) -> list["Decision"]:
        """`lvterm review --accept ID --reject ID`: accept proposals into termbase/accepted.yaml and
        reject them into termbase/rejected.yaml (ids as in `proposals()`, one or a list; dated
        `today`). Every decision is checked before a file is written; `lvterm build` then applies them."""
        from .terms.review import Review, decide_ids

        accept, reject = _ids(accept, "accept"), _ids(reject, "reject")
        return decide_ids(Review(_path(termbase, "termbase"), today=today), self.proposals(), accept=accept,
                          reject=reject, db=self.path)

    def memory(self, *, min_confidence: float | None = None) -> "Memory":
        """The translation memory `lvterm pretranslate` uses: bilingual beads at or above the review
        threshold (or `min_confidence`, from 0 to 1), English source, Latvian target."""
        from .localise.tm import Memory, from_db

        return Memory(from_db(self.path, min_confidence=_fraction(min_confidence, "min_confidence")))

    # --- reading ------------------------------------------------------------------------------

    def concepts(self) -> list[Concept]:
        """The termbase: concepts with their terms and forms, in table order."""
        return dbrows.read_concepts(self.conn)

    def beads(self) -> list[dbrows.BeadRow]:
        """Every bead, in (post pair, position) order."""
        return list(dbrows.iter_beads(self.conn))

    def bitext(self, *, min_score: float | None = None, year: int | None = None,
               pair: str | None = None) -> Iterator[dict[str, Any]]:
        """The aligned sentence pairs as the site's Bitext table has them (id, pair, title, lv_text,
        en_text, score, kind, position, year), one dict each, in (post pair, position) order,
        read as they are used: those with a confidence of at least `min_score` (0 to 1), of posts
        of `year`, of one post `pair` (the slug or id of either post). The iterator reads through a
        connection of its own, closed when it is exhausted, closed (`.close()`) or dropped; `close()`
        does not cut it off."""
        filters = (("score >= ?", _fraction(min_score, "min_score")), ("year = ?", _optional_int(year, "year")),
                   ("pair = ?", None if pair is None else self._pair(_text(pair, "pair"))))
        return self._rows("select * from bitext", filters)

    def segments(self, *, lang: str | None = None, post: str | None = None) -> Iterator[dict[str, Any]]:
        """The sentences of the corpus (id, post_id, lang, idx, paragraph, start, end, line, text), one
        dict each, in (post, sentence) order: those of one language (`lang`: lv or en), of one post
        (`post`: its id, 'slug.lv', or its slug). Read as `bitext` reads, through a connection of its own."""
        posts = None if post is None else self._posts(_text(post, "post"))
        filters = (("lang = ?", None if lang is None else library_language(lang)),
                   (f"post_id in ({', '.join('?' * len(posts or ()))})", posts))
        return self._rows("select id, post_id, lang, idx, paragraph, start, end, line, text from segments",
                          filters, order="post_id, idx")

    def _posts(self, post: str) -> tuple[str, ...]:
        """The ids of the posts `post` names: a post id ('slug.lv') or a slug (its posts in every
        language); ArgumentError naming the parameter when it names none."""
        ids = tuple(r[0] for r in self.conn.execute("select id from posts where id = ? or slug = ? order by id",
                                                     (post, post)))
        if not ids:
            raise ArgumentError(f"post: no post {post!r} in the library (a post id such as 'slug.lv', or a slug)")
        return ids

    def _pair(self, pair: str) -> str:
        """The post pair `pair` names: the pair's own name (its Latvian post's slug), or the id or slug of
        either of its posts; ArgumentError naming the parameter when it names none."""
        row = self.conn.execute(
            "select pair from beads where pair = ? or lv_post in (select id from posts where id = ? or slug = ?)"
            " or en_post in (select id from posts where id = ? or slug = ?) order by pair = ? desc limit 1",
            (pair, pair, pair, pair, pair, pair)).fetchone()
        if row is None:
            raise ArgumentError(f"pair: no post pair {pair!r} in the library (the slug or id of either post)")
        return row[0]

    def _rows(self, sql: str, filters, *, order: str | None = None) -> Iterator[dict[str, Any]]:
        """The rows of `sql` under the (clause, value) `filters` whose value is not None, as dicts,
        read lazily through a connection of their own (see `bitext`)."""
        where = [clause for clause, value in filters if value is not None]
        args = [v for _, value in filters if value is not None
                for v in (value if isinstance(value, tuple) else (value,))]  # a tuple: the values of an `in (...)`
        sql += (" where " + " and ".join(where) if where else "") + (f" order by {order}" if order else "")
        # a connection of its own: the iterator may be read in any thread, for as long as it takes
        conn = schema.connect(self.path, check_same_thread=False)
        try:
            cursor = conn.execute(sql, args)
        except BaseException:
            conn.close()
            raise
        rows = _dicts(conn, cursor)
        # dropped before it was exhausted, or never started (not at exit: a daemon thread may still read)
        weakref.finalize(rows, conn.close).atexit = False
        return rows

    def build_info(self) -> dict[str, str]:
        """What made this library (`lvterm.buildinfo`: the lvterm version, digests of the code,
        the corpus and the termbase, the review threshold); empty for a library built before it
        was recorded."""
        from . import buildinfo

        return buildinfo.read(self.conn)


def _dicts(conn: sqlite3.Connection, cursor: sqlite3.Cursor) -> Iterator[dict[str, Any]]:
    """A cursor's rows as dicts; `conn` (the cursor's own) closed once they are read or the
    iterator is closed."""
    try:
        for row in cursor:
            yield dict(row)
    finally:
        conn.close()


# --- the arguments' checks: TypeError for a wrong type, ArgumentError (a ValueError) for a wrong value, naming the parameter ---


def _path(value: Any, name: str) -> str | os.PathLike:
    if not isinstance(value, (str, os.PathLike)):
        raise TypeError(f"{name} must be a path (str or os.PathLike), not {type(value).__name__}")
    return value


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return value


def _optional_int(value: Any, name: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, numbers.Integral)):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    return value


def _count(value: Any, name: str) -> int:
    if _optional_int(value, name) is None:
        raise TypeError(f"{name} must be an int, not None")
    if value < 0:
        raise ArgumentError(f"{name} must be 0 or more, not {value}")
    return int(value)


def _fraction(value: Any, name: str) -> float | None:
    """None, or a number from 0 to 1 (a confidence)."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number from 0 to 1, not {type(value).__name__}")
    if not 0 <= value <= 1:  # (NaN too)
        raise ArgumentError(f"{name} must be from 0 to 1, not {value!r}")
    return float(value)


def _ids(value: Any, name: str) -> tuple[str, ...]:
    """Ids as a tuple: one id alone (a str) is a one-item one."""
    if isinstance(value, str):
        return (value,)
    try:
        ids = tuple(value)
    except TypeError:
        raise TypeError(f"{name} must be an id (str) or a list of ids, not {type(value).__name__}") from None
    for item in ids:
        if not isinstance(item, str):
            raise TypeError(f"{name} must hold ids (str), not {type(item).__name__}")
    return ids
