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
foreign file) and only when a method needs it; `close()` or a `with` block closes it. Building
writes a new file beside the old one and renames it into place, so readers never see half a library.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from . import db as dbrows
from . import schema
from .models import Concept, LookupHit

if TYPE_CHECKING:
    from .build import BuildReport
    from .localise.tm import Memory
    from .terms.review import Decision, Proposal

DEFAULT_PATH = "build/lvterm.db"


class Library:
    """A Latvian-English library file: build it, look terms up, export it."""

    def __init__(self, path: str | os.PathLike = DEFAULT_PATH):
        self.path = Path(path)
        self._conn: sqlite3.Connection | None = None

    def __repr__(self) -> str:
        return f"<Library {os.fspath(self.path)!r}>"

    # --- opening ------------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        """A read-only connection (rows as sqlite3.Row), opened on first use."""
        if self._conn is None:
            self._conn = schema.connect(self.path)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

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
        glossary.po and a .po per post under locale/, .tbx, .tsv, .tmx; listed in `report.downloads`)."""
        from .build import build_library

        self.close()  # the file is about to be replaced
        report = build_library(corpus=corpus, termbase=termbase, db_path=self.path, progress=progress,
                               workers=workers, scheduler=scheduler, cache=cache)
        if downloads:
            from . import exports
            # beside the build cache's corpus-level entries (cache/ itself holds one file a post unit)
            memo = Path(self.path).parent / "cache" / "corpus" / "downloads-po.json" if cache else None
            report.downloads = [os.fspath(p) for p in exports.write_downloads(db=self.path, progress=progress,
                                                                               memo=memo)]
        return report

    def lookup(self, query: str, *, lang: str = "auto", limit: int = 10, examples: int = 3) -> list[LookupHit]:
        """`lvterm lookup`: concepts matching any form of `query`, best first."""
        from .terms.lookup import lookup, open_index

        entries = lookup(query, index=open_index(self.path), lang=lang, limit=limit, examples=examples)
        return [LookupHit.from_dict(e) for e in entries]

    def related(self, query: str, *, lang: str = "auto", limit: int = 10,
                exclude: tuple[str, ...] = ()) -> list[LookupHit]:
        """Longer terms containing the query's words whole, in any inflection ("darba" -> darba
        devējs, "networks" -> social network): what the site lists after the entries the query
        itself names (`match` is "contains")."""
        from .terms.lookup import open_index, related

        entries = related(query, index=open_index(self.path), lang=lang, limit=limit, exclude=exclude)
        return [LookupHit.from_dict(e) for e in entries]

    def export_tmx(self, out: str | os.PathLike, *, include_all: bool = False, srclang: str = "en") -> int:
        """`lvterm export tmx`: bilingual beads as TMX 1.4; returns units written."""
        from . import exports
        return exports.export_tmx(db=self.path, out=out, include_all=include_all, srclang=srclang)

    def export_tbx(self, out: str | os.PathLike, *, include_proposed: bool = False) -> int:
        """`lvterm export tbx`: the termbase as TBX-Basic (machine proposals only with
        `include_proposed`); returns concepts written."""
        from . import exports
        return exports.export_tbx(db=self.path, out=out, include_proposed=include_proposed)

    def export_tsv(self, out: str | os.PathLike, *, include_proposed: bool = False, srclang: str = "lv") -> int:
        """`lvterm export tsv`: the termbase as an OmegaT glossary, `srclang` terms first (machine
        proposals only with `include_proposed`); returns rows written."""
        from . import exports
        return exports.export_tsv(db=self.path, out=out, include_proposed=include_proposed, srclang=srclang)

    def po(self, out: str | os.PathLike = "locale", *, include_proposed: bool = False) -> list[Path]:
        """`lvterm po`: a Latvian .po per aligned post pair and glossary.po (machine proposals, as
        `#, fuzzy`, only with `include_proposed`); returns the paths."""
        from . import exports
        return exports.export_po(db=self.path, out=out, include_proposed=include_proposed)

    # --- review -----------------------------------------------------------------------------------

    def proposals(self) -> list["Proposal"]:
        """What `lvterm review` walks: the machine proposals, best first (pairing confidence, then
        frequency). Proposals a person has decided on stay here until the next build."""
        from .terms.review import read_proposals

        return read_proposals(self.conn)

    def proposal_examples(self, proposal: "Proposal", *, limit: int = 2) -> list[dict[str, Any]]:
        """Sentence pairs showing a proposal, its terms' spans marked (lookup's `examples`)."""
        from .terms.review import proposal_examples

        return proposal_examples(self.conn, proposal, limit=limit)

    def review(self, *, accept: Iterable[str] = (), reject: Iterable[str] = (),
               termbase: str | os.PathLike = "termbase", today: str | None = None) -> list["Decision"]:
        """`lvterm review --accept ID --reject ID`: accept proposals into termbase/accepted.yaml and
        reject them into termbase/rejected.yaml (ids as in `proposals()`, dated `today`). Every
        decision is checked before a file is written; `lvterm build` then applies them."""
        from .terms.review import Review, decide_ids

        return decide_ids(Review(termbase, today=today), self.proposals(), accept=accept, reject=reject,
                          db=self.path)

    def memory(self, *, min_confidence: float | None = None) -> "Memory":
        """The translation memory `lvterm pretranslate` uses: bilingual beads at or above the review
        threshold (or `min_confidence`), English source, Latvian target."""
        from .localise.tm import Memory, from_db

        return Memory(from_db(self.path, min_confidence=min_confidence))

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
        read as they are used: those with a confidence of at least `min_score`, of posts of
        `year`, of one post `pair` (its slug)."""
        where, args = [], []
        for clause, value in (("score >= ?", min_score), ("year = ?", year), ("pair = ?", pair)):
            if value is not None:
                where.append(clause)
                args.append(value)
        sql = "select * from bitext" + (" where " + " and ".join(where) if where else "")
        for row in self.conn.execute(sql, args):
            yield dict(row)

    def build_info(self) -> dict[str, str]:
        """What made this library (`lvterm.buildinfo`: the lvterm version, digests of the code,
        the corpus and the termbase, the review threshold); empty for a library built before it
        was recorded."""
        from . import buildinfo

        return buildinfo.read(self.conn)
