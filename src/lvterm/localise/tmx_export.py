"""`lvterm export tmx`: the library's beads as a TMX 1.4 translation memory."""
from __future__ import annotations

import os
from typing import Iterator

from ..constants import REVIEW_THRESHOLD
from ..fileio import atomic_write
from ..formats import tmx
from . import library


def library_units(db: str | os.PathLike, *, include_all: bool = False,
                  threshold: float | None = None) -> Iterator[tmx.TMXUnit]:
    """One unit per bilingual bead; beads under the threshold only with `include_all`."""
    cutoff = REVIEW_THRESHOLD if threshold is None else threshold
    conn = library.connect(db)
    try:
        for bead in library.iter_beads(conn, db=db):
            if not bead.bilingual or (not include_all and bead.score < cutoff):
                continue
            yield tmx.TMXUnit(
                lv=bead.lv_text, en=bead.en_text, tuid=f"{bead.pair}:{bead.position}",
                props=(("x-post", bead.pair), ("x-confidence", f"{bead.score:.3f}"),
                       ("x-kind", bead.kind)),
            )
    finally:
        conn.close()


def export_tmx(*, db: str | os.PathLike, out: str | os.PathLike, include_all: bool = False,
               threshold: float | None = None, srclang: str = "en") -> int:
    """Write the TMX atomically; returns the number of units written."""
    units = list(library_units(db, include_all=include_all, threshold=threshold))
    with atomic_write(out, newline="\n") as fp:
        tmx.dump(units, fp, srclang=srclang)
    return len(units)
