"""Every export of the library, one keyword convention: `db` (the library file) and `out`.

- `export_tmx`: bilingual beads as TMX 1.4 (those under the review threshold only with `include_all`).
- `export_tbx`: the termbase as TBX v3, TBX-Basic dialect, with example contexts.
- `export_tsv`: the termbase as an OmegaT glossary (lv -> en).
- `export_po`: a Latvian .po per aligned post pair and glossary.po, under <out>/lv/LC_MESSAGES.

The termbase exports leave machine proposals (status `proposed`) out unless `include_proposed`
(`termbase.without_proposals`): a translator gets what a person decided, with its notes,
reliability, usage notes and status.

`out` is a path, written atomically (a temp file renamed over the target; `-`: standard output),
or, for the single-file exports, a writable text file object (written once, left open). An output
that is the library file itself (another spelling, a symlink, a hard link) is an InputError
naming it, before anything is written. The library is opened read-only and closed before anything is written.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator

from . import db as dbrows
from . import schema
from .constants import REVIEW_THRESHOLD, SOURCE_LANG, TARGET_LANG
from .errors import InputError
from .fileio import atomic_write, path_in, refuse_overwriting, same_file, text_output
from .lang import library_language
from .formats import po as po_format
from .formats import tbx, tmx, tsv
from .localise import po_export, termsource
from .progress import advancing
from .terms.termbase import without_proposals


def library_units(db: str | os.PathLike, *, include_all: bool = False,
                  threshold: float | None = None) -> Iterator[tmx.TMXUnit]:
    """One unit per bilingual bead; beads under the threshold only with `include_all`. A unit
    carries its post pair, confidence and kind, and the copyright notice of its posts when they
    state one (`x-copyright`: a memory passed on keeps the rights of the text in it)."""
    cutoff = REVIEW_THRESHOLD if threshold is None else threshold
    with schema.open_library(db) as conn:
        posts = dbrows.post_info(conn)
        for bead in dbrows.iter_beads(conn):
            if not bead.bilingual or (not include_all and bead.score < cutoff):
                continue
            rights = dbrows.copyright_of(posts, bead.lv_post, bead.en_post)
            yield tmx.TMXUnit.of(
                {SOURCE_LANG: bead.lv_text, TARGET_LANG: bead.en_text}, tuid=f"{bead.pair}:{bead.position}",
                props=(("x-post", bead.pair), ("x-confidence", f"{bead.score:.3f}"), ("x-kind", bead.kind),
                       *((("x-copyright", rights),) if rights else ())),
            )


#: What `refuse_overwriting` calls the file an export reads.
_LIBRARY = "the library database"


def export_tmx(*, db: str | os.PathLike, out: str | os.PathLike | IO[str], include_all: bool = False,
               threshold: float | None = None, srclang: str = "en") -> int:
    """Write the TMX (atomically, or to a text file object); returns the number of units written."""
    srclang = library_language(srclang, what="srclang")
    refuse_overwriting(out, db, what=_LIBRARY)
    units = list(library_units(db, include_all=include_all, threshold=threshold))
    with text_output(out, newline="\n") as fp:
        tmx.dump(units, fp, srclang=srclang)
    return len(units)


def _termbase(db: str | os.PathLike, *, contexts: bool = False, include_proposed: bool = False):
    """The concepts to export, their contexts (when asked for) and, with the proposals, the English
    ones held back as machine guesses (`lookup.machine_guesses`), which the exports name as such."""
    from .terms.lookup import machine_guesses

    with schema.open_library(db, require=("concepts", "terms")) as conn:
        concepts = dbrows.read_concepts(conn)
        if not include_proposed:
            concepts = without_proposals(concepts)
        return (concepts, (dbrows.read_contexts(conn, concepts=[c.id for c in concepts]) if contexts else {}),
                machine_guesses(conn) if include_proposed else {})


def export_tbx(*, db: str | os.PathLike, out: str | os.PathLike | IO[str], include_proposed: bool = False) -> int:
    """Write the library's termbase as TBX-Basic (atomically, or to a text file object). Returns
    concepts written."""
    refuse_overwriting(out, db, what=_LIBRARY)
    concepts, contexts, guesses = _termbase(db, contexts=True, include_proposed=include_proposed)
    with text_output(out) as fp:
        tbx.dump(concepts, fp, contexts=contexts, guesses=guesses)
    return len(concepts)


def export_tsv(*, db: str | os.PathLike, out: str | os.PathLike | IO[str], include_proposed: bool = False,
               srclang: str = "lv") -> int:
    """Write the library's termbase as an OmegaT glossary, `srclang` terms in the first column (lv:
    lv -> en; en: for an en -> lv project, where OmegaT matches the first column against the
    English source). Returns rows written."""
    srclang = library_language(srclang, what="srclang")
    refuse_overwriting(out, db, what=_LIBRARY)
    concepts, _, guesses = _termbase(db, include_proposed=include_proposed)
    rows = tsv.rows_from_concepts(concepts, src_lang=srclang, tgt_lang="en" if srclang == "lv" else "lv",
                                  guesses=guesses)
    with text_output(out) as fp:
        tsv.dump(rows, fp)
    return len(rows)


class NotAllWritten(InputError):
    """Some files of an export could not be written; every other one was. `errors`: an
    InputError naming each file not written; `written`: the paths written."""

    def __init__(self, errors: list[InputError], written: list[Path]):
        self.errors = list({str(e): e for e in errors}.values())  # (a folder refused is one line, not one a file)
        self.written = list(written)
        first, more = self.errors[0], len(self.errors) - 1
        super().__init__(first.message + (f" (and {more} more not written)" if more else ""), path=first.path)


#: System errors every further file would meet too (a full disk, a read-only one): an export stops at the first.
_STOP_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


def _stops_all(exc: InputError) -> bool:
    """The system error behind `exc` (what `fileio` raised it from) is one of `_STOP_ERRNOS`."""
    cause = exc.__context__
    return isinstance(cause, OSError) and cause.errno in _STOP_ERRNOS


def export_po(*, db: str | os.PathLike, out: str | os.PathLike = "locale", threshold: float | None = None,
              termbase: list[str | os.PathLike] | None = None, include_proposed: bool = False,
              memo: str | os.PathLike | None = None) -> list[Path]:
    """Write <out>/lv/LC_MESSAGES/<slug>.po and glossary.po; returns the paths written. The
    glossary has machine proposals (as `#, fuzzy`) only with `include_proposed`.

    Every file is built in memory first and then written atomically, so bad input writes nothing.
    A file that cannot be written (a folder in its place, no permission) does not stop the others:
    they are all written, then `NotAllWritten` names each file that was not (and lists those written).
    A full or read-only disk stops the export at the first file it refuses.
    `memo`: a JSON file (the build cache's) recording what each file was made from; a file whose
    content would not change and whose bytes are still those written is left as it is, without
    rendering it again (a rebuild after one edit rewrites the .po of that post, not a thousand).
    """
    files = po_export.post_pofiles(db, threshold=threshold)
    if po_export.GLOSSARY in files:
        raise InputError(f"a post pair is named {po_export.GLOSSARY!r}, which clashes with glossary.po", path=db)
    concepts = termsource.load_concepts(termbase or (), db=db, default_dir=None) if termbase else \
        po_export.library_concepts(db)
    dates = [po.metadata.get("PO-Revision-Date", "") for po in files.values()]
    files[po_export.GLOSSARY] = po_export.glossary_pofile(concepts, revision=po_export.revision_date(dates),
                                                          include_proposed=include_proposed)
    folder = Path(out) / "lv" / "LC_MESSAGES"
    # a post pair's name comes from the database: every path is checked to stay in the folder first
    paths = {name: path_in(folder, f"{name}.po") for name in sorted(files)}
    for path in paths.values():
        refuse_overwriting(path, db, what=_LIBRARY)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder: {exc.strerror}", path=folder) from None
    done = _read_memo(memo)
    kept: dict[str, list[str]] = {}
    written, errors = [], []
    for name, path in paths.items():
        made_from = po_format.digest(files[name])
        if memo is None or done.get(name, [None])[0] != made_from or _sha256(path) != done[name][1]:
            text = po_format.dumps(files[name])
            try:
                po_format.save_text(text, path)
            except InputError as exc:  # this file only: the others are still written
                errors.append(exc)
                if _stops_all(exc):
                    break
                continue
            done[name] = [made_from, hashlib.sha256(text.encode("utf-8")).hexdigest()]
        kept[name] = done[name]
        written.append(path)
    if memo is not None:
        _write_memo(memo, kept)
    if errors:
        raise NotAllWritten(errors, written)
    return written


_MEMO_FORMAT = 1


def _read_memo(path: str | os.PathLike | None) -> dict[str, list[str]]:
    """The memo's entries; a missing, damaged or other-format memo is empty (every file is written)."""
    if path is None:
        return {}
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        files = data["files"] if data.get("format") == _MEMO_FORMAT else {}
        return {k: v for k, v in files.items() if isinstance(v, list) and len(v) == 2}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _write_memo(path: str | os.PathLike, files: dict[str, list[str]]) -> None:
    """Keep the memo; a cache folder that cannot be written only costs the next build time."""
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as fp:
            json.dump({"format": _MEMO_FORMAT, "files": files}, fp, sort_keys=True)
    except (OSError, InputError):
        pass


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# --- downloads: what `lvterm build` writes beside the library, and the site links ----------------------


@dataclass(frozen=True)
class Download:
    """One file a visitor can download: its name in the URL, its path, and what it is for."""

    name: str
    path: Path
    title: str
    description: str


def _download_kinds(stem: str) -> tuple[tuple[str, str, str], ...]:
    """(file name or '*.po' under locale/lv/LC_MESSAGES, title, description), in the order shown."""
    return (
        ("glossary.po", "Glossary (.po)",
         "English term → preferred Latvian term, one gettext entry per term, with status, reliability, "
         "subject field and notes as comments"),
        (f"{stem}.tbx", "Termbase (TBX)", "the whole termbase as TBX-Basic: concepts, Latvian and English terms, "
         "status, definitions, inflected forms, corpus examples (Trados, memoQ, OmegaT and others import it)"),
        (f"{stem}.tsv", "Glossary (TSV)", "an OmegaT glossary: Latvian term, English term, comment"),
        (f"{stem}.tmx", "Translation memory (TMX)",
         "the aligned sentence pairs at or above the review threshold, English source, as TMX 1.4"),
        ("*.po", "Post (.po)", "one post's English sentences (msgid) with its Latvian sentences (msgstr)"),
    )


def downloads(folder: str | os.PathLike, *, stem: str = "lvterm") -> list[Download]:
    """The download files that exist in `folder` (a library's build folder), in the order shown:
    glossary, TBX, TSV, TMX, then one .po per post. Only these names are ever served."""
    folder = Path(folder)
    po_folder = folder / "locale" / "lv" / "LC_MESSAGES"
    out = []
    for name, title, description in _download_kinds(stem):
        if name == "*.po":
            posts = sorted(p for p in po_folder.glob("*.po") if p.name != "glossary.po") if po_folder.is_dir() else []
            out += [Download(p.name, p, f"{title}: {p.stem}", description) for p in posts if p.is_file()]
            continue
        path = po_folder / name if name.endswith(".po") else folder / name
        if path.is_file():
            out.append(Download(name, path, title, description))
    return out


def write_downloads(*, db: str | os.PathLike, out: str | os.PathLike | None = None,
                    progress=None, memo: str | os.PathLike | None = None) -> list[Path]:
    """Write the downloads beside the library (`lvterm build` does, after the database): glossary.po
    and a .po per post under <out>/locale/lv/LC_MESSAGES, <stem>.tbx, <stem>.tsv and <stem>.tmx,
    where <stem> is the database file's name without .db and <out> its folder. Machine proposals
    are left out, as in `lvterm export` and `lvterm po`. A .po of a post no longer in the library
    is removed. `memo`: as `export_po`'s (`Library.build` keeps it in the build cache). Returns the
    paths written. A download that cannot be written does not stop the others (a full or
    read-only disk does): `NotAllWritten` at the end names each one that was not."""
    db = Path(db)
    folder = Path(out) if out is not None else db.parent
    stem = db.stem
    single = {"tbx": export_tbx, "tsv": export_tsv, "tmx": export_tmx}
    written: list[Path] = []
    errors: list[InputError] = []
    for kind in advancing(["po", *single], progress, label="downloads", length=1 + len(single)):
        try:
            if kind == "po":
                written += export_po(db=db, out=folder / "locale", memo=memo)
            else:
                single[kind](db=db, out=folder / f"{stem}.{kind}")
                written.append(folder / f"{stem}.{kind}")
        except NotAllWritten as exc:
            written += exc.written
            errors += exc.errors
        except InputError as exc:
            errors.append(exc)
        if any(map(_stops_all, errors)):
            break
    if errors:  # (the .po of posts no longer in the library are removed by the next build that succeeds)
        raise NotAllWritten(errors, written)
    po_folder = folder / "locale" / "lv" / "LC_MESSAGES"
    for stale in set(po_folder.glob("*.po")) - set(written):
        if stale.is_file() and not same_file(stale, db):  # (a folder named x.po is not a download of ours)
            stale.unlink()
    return written
