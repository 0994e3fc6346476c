"""Where the localisation commands get their termbase: curated YAML, TBX files, or the built database.

`load_concepts(sources, db=...)` returns `models.Concept`s. Curated YAML is read by the termbase
module (`lvterm.terms.termbase`), TBX v3 (TBX-Basic) by `lvterm.formats.tbx`, the database from
its `concepts` and `terms` tables. Later sources never replace a concept id an earlier one gave.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Sequence

from ..errors import InputError
from ..models import Concept
from .. import db as dbrows
from .. import schema

DEFAULT_TERMBASE_DIR = "termbase"
_YAML = {".yaml", ".yml"}


# --- files: curated YAML (lvterm.terms.termbase) and TBX (lvterm.formats.tbx) -----------

def load_tbx(path: str | os.PathLike) -> list[Concept]:
    """Concepts of a TBX v3 (TBX-Basic) file, read by `lvterm.formats.tbx` (bytes by `lvterm.textio`)."""
    from ..formats import tbx

    return tbx.load(path)


def load_yaml(path: str | os.PathLike) -> list[Concept]:
    """A curated YAML file or folder of them, read and validated by `lvterm.terms.termbase`."""
    from ..terms import termbase

    return termbase.load_curated(path)


# --- the database ---------------------------------------------------------------------

def load_db(db: str | os.PathLike) -> list[Concept]:
    """Concepts, terms and their recorded forms from the built library, by concept id, as
    `lvterm.terms.store` wrote them (empty when the database has no termbase tables)."""
    with schema.open_library(db) as conn:
        concepts = dbrows.read_concepts(conn)
    return sorted((c for c in concepts if c.terms), key=lambda c: c.id)


# --- everything -----------------------------------------------------------------------

def _load_source(source: Path) -> list[Concept]:
    if source.is_dir():
        found = load_yaml(source)
        for tbx_file in sorted(source.glob("*.tbx")):
            found.extend(load_tbx(tbx_file))
        return found
    if not source.is_file():
        raise InputError("termbase not found", path=source)
    if source.suffix.lower() == ".tbx":
        return load_tbx(source)
    if source.suffix.lower() in _YAML:
        return load_yaml(source)
    raise InputError("unknown termbase format (use curated .yml/.yaml or .tbx)", path=source)


def load_concepts(sources: Sequence[str | os.PathLike] = (), *, db: str | os.PathLike | None = None,
                  default_dir: str | os.PathLike | None = DEFAULT_TERMBASE_DIR,
                  db_required: bool = False) -> list[Concept]:
    """Concepts from `sources` (YAML dirs/files, TBX); with none, `default_dir` and the database.

    The first source that names a concept id wins, so curated entries come before extracted ones.
    A database that is not there is skipped (a checkout not built yet), unless `db_required` (the
    user named it): then it is an InputError, not a check against less than was asked for.
    """
    chosen: list[Path] = [Path(s) for s in sources]
    if db_required and db is not None and not Path(db).exists():
        raise InputError("no such library database (write it with `lvterm build`, or leave out --db)", path=db)
    use_db = not chosen and db is not None and Path(db).is_file()
    if not chosen and default_dir is not None and Path(default_dir).is_dir():
        chosen = [Path(default_dir)]
    explicit = bool(sources)
    concepts: dict[str, Concept] = {}

    def add(items: Iterable[Concept]) -> None:
        for c in items:
            concepts.setdefault(c.id, c)

    for source in chosen:
        add(_load_source(source))
    if use_db:
        add(load_db(db))
    if not concepts and not explicit:
        looked = [(f"{Path(where)}/" if where == default_dir else str(Path(where)), Path(where).exists())
                  for where in (default_dir, db) if where is not None]
        said = "; ".join(f"{name} holds no concepts" if there else f"no {name}" for name, there in looked)
        raise InputError(f"no termbase: {said or 'none given'} (relative to {Path.cwd()}); pass --termbase "
                         "DIR_OR_FILE, or --db PATH to a built library")
    return list(concepts.values())
