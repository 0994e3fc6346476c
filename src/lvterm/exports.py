"""Every export of the library, one keyword convention: `db` (the library file) and `out`.

- `export_tmx`: bilingual beads as TMX 1.4 (those under the review threshold only with `include_all`).
- `export_tbx`: the termbase as TBX v3, TBX-Basic dialect, with example contexts.
- `export_tsv`: the termbase as an OmegaT glossary (lv -> en).
- `export_po`: a Latvian .po per aligned post pair and glossary.po, under <out>/lv/LC_MESSAGES.

Outputs are written atomically (a temp file renamed over the target); the library is opened
read-only and closed before anything is written.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from . import db as dbrows
from . import schema
from .constants import REVIEW_THRESHOLD, SOURCE_LANG, TARGET_LANG
from .errors import InputError
from .fileio import atomic_write
from .formats import po as po_format
from .formats import tbx, tmx, tsv
from .localise import po_export, termsource


def library_units(db: str | os.PathLike, *, include_all: bool = False,
                  threshold: float | None = None) -> Iterator[tmx.TMXUnit]:
    """One unit per bilingual bead; beads under the threshold only with `include_all`."""
    cutoff = REVIEW_THRESHOLD if threshold is None else threshold
    with schema.open_library(db) as conn:
        for bead in dbrows.iter_beads(conn):
            if not bead.bilingual or (not include_all and bead.score < cutoff):
                continue
            yield tmx.TMXUnit.of(
                {SOURCE_LANG: bead.lv_text, TARGET_LANG: bead.en_text}, tuid=f"{bead.pair}:{bead.position}",
                props=(("x-post", bead.pair), ("x-confidence", f"{bead.score:.3f}"), ("x-kind", bead.kind)),
            )


def export_tmx(*, db: str | os.PathLike, out: str | os.PathLike, include_all: bool = False,
               threshold: float | None = None, srclang: str = "en") -> int:
    """Write the TMX atomically; returns the number of units written."""
    units = list(library_units(db, include_all=include_all, threshold=threshold))
    with atomic_write(out, newline="\n") as fp:
        tmx.dump(units, fp, srclang=srclang)
    return len(units)


def _termbase(db: str | os.PathLike, *, contexts: bool = False):
    with schema.open_library(db, require=("concepts", "terms")) as conn:
        return dbrows.read_concepts(conn), (dbrows.read_contexts(conn) if contexts else {})


def export_tbx(*, db: str | os.PathLike, out: str | os.PathLike) -> int:
    """Write the library's termbase as TBX-Basic (atomically). Returns concepts written."""
    concepts, contexts = _termbase(db, contexts=True)
    with atomic_write(out) as fp:
        tbx.dump(concepts, fp, contexts=contexts)
    return len(concepts)


def export_tsv(*, db: str | os.PathLike, out: str | os.PathLike) -> int:
    """Write the library's termbase as an OmegaT glossary (lv -> en). Returns rows written."""
    concepts, _ = _termbase(db)
    rows = tsv.rows_from_concepts(concepts)
    with atomic_write(out) as fp:
        tsv.dump(rows, fp)
    return len(rows)


def export_po(*, db: str | os.PathLike, out: str | os.PathLike = "locale", threshold: float | None = None,
              termbase: list[str | os.PathLike] | None = None) -> list[Path]:
    """Write <out>/lv/LC_MESSAGES/<slug>.po and glossary.po; returns the paths written.

    Every file is built in memory first and then written atomically, so bad input writes nothing.
    """
    files = po_export.post_pofiles(db, threshold=threshold)
    if po_export.GLOSSARY in files:
        raise InputError(f"a post pair is named {po_export.GLOSSARY!r}, which clashes with glossary.po", path=db)
    concepts = termsource.load_concepts(termbase or (), db=db, default_dir=None) if termbase else \
        po_export.library_concepts(db)
    dates = [po.metadata.get("PO-Revision-Date", "") for po in files.values()]
    files[po_export.GLOSSARY] = po_export.glossary_pofile(concepts, revision=po_export.revision_date(dates))
    folder = Path(out) / "lv" / "LC_MESSAGES"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder: {exc.strerror}", path=folder) from None
    written = []
    for name, po in sorted(files.items()):
        path = folder / f"{name}.po"
        po_format.save(po, path)
        written.append(path)
    return written
