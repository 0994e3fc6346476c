"""`build_library`: corpus/posts + termbase/ -> build/lvterm.db (one SQLite file, renamed into place
with its inspect file, build/lvterm.db.inspect.json, the table counts `lvterm serve` hands Datasette).

Stages: read posts -> per post pair (or post without a pair), `work_unit`: segment, align, extract
and pair term candidates -> write posts, segments, beads -> extracted terms merged under the curated
termbase -> termbase tables and occurrences -> indexes, FTS5, view. Each stage calls the library
module that owns it.

The per-post work is cached (`lvterm.buildcache`, `build/cache/`: a rebuild after editing one post
recomputes that post's pair only) and runs in parallel (`lvterm.parallel`: local processes or a Dask
cluster); the corpus-level steps run here, in the one process that writes the database. A cached
result is the value `work_unit` returned, so an incremental build gives the same library as a full one.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import json
import logging
import os
import stat
import sys
import threading
import time
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from itertools import chain, islice
from typing import Any, Callable, Iterable, Iterator, Sequence

from . import schema
from .constants import EXTRACT_MIN_CONFIDENCE, SOURCE_LANG, TARGET_LANG
from . import db as dbmod
from .errors import InputError, LvtermError
from .fileio import HeldSignals, atomic_path
from .formats import post as postfmt
from .models import Bead, Concept, Post, Term, TermForm
from .prior import Manifest, describes, file_identity, scan_digest, valid_manifest
from .prior import attach as attach_prior, detach as detach_prior
from . import buildrows
from .buildrows import Doc as _Doc
from .progress import advancing

log = logging.getLogger("lvterm.build")

Progress = Callable[..., Any]  # progress(iterable, *, label, length) -> context manager yielding the iterable


@contextlib.contextmanager
def no_collections():
    """No runs of Python's cyclic garbage collector inside the block; the caller's setting after it.

    The build holds hundreds of thousands of long-lived objects (memoised word analyses and term
    forms, cache entries, rows being made) and makes few reference cycles, so every collection
    walked the same objects again to free almost nothing: at Python's default threshold collecting
    was a quarter of the term stage's CPU; at a raised threshold (20,000) still about 0.9 CPU s of a
    1,000-pair build and about a tenth of a rebuild's. Without it the peak memory is the same (a
    collection right after a 1,000-pair build finds no garbage). Outputs do not depend on it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: How often (seconds) the build's threads hand Python's lock over: 0.5 ms, not Python's 5 ms.
SWITCH_INTERVAL = 0.0005


@contextlib.contextmanager
def quick_handover():
    """Python's thread switch interval at SWITCH_INTERVAL inside the block; the caller's after it.

    The build runs SQLite in one thread (the full-text index, `db.search_alongside`; the indexes)
    while another runs Python (the termbase merge; the cache's entries). SQLite works without the
    GIL, but each statement ends by taking it back, and a thread busy in Python gives it up only
    every switch interval: at 5 ms, the index thread's twenty-odd statements waited about 0.1 s
    for it in a 1.8 s rebuild (its wall 0.64 s for 0.42 CPU s); at 0.5 ms the rebuild is that
    much shorter (`benchmarks/build.py --incremental`). Builds running at once in one process
    share it: the first one in sets it, the last one out puts the caller's back."""
    with _HANDOVER_LOCK:
        if not _HANDOVER["builds"]:
            _HANDOVER["before"] = sys.getswitchinterval()
            sys.setswitchinterval(min(_HANDOVER["before"], SWITCH_INTERVAL))
        _HANDOVER["builds"] += 1
    try:
        yield
    finally:
        with _HANDOVER_LOCK:
            _HANDOVER["builds"] -= 1
            if not _HANDOVER["builds"]:
                sys.setswitchinterval(_HANDOVER["before"])


_HANDOVER_LOCK = threading.Lock()
_HANDOVER: dict[str, Any] = {"builds": 0, "before": None}


@contextlib.contextmanager
def _no_progress(iterable, *, label: str = "", length: int | None = None):
    yield iterable


@dataclass
class BuildReport:
    db_path: str
    posts: int = 0
    segments: int = 0
    beads: int = 0
    pairs: int = 0
    unpaired: int = 0  # posts built without a pair (no translation declared, or it is not in the corpus)
    concepts: int = 0
    terms: int = 0
    cached: int = 0  # post units (pairs, or posts alone) taken from the build cache
    computed: int = 0  # post units computed by this build
    copied: int = 0  # posts whose rows were copied from the previous library (`lvterm.prior`)
    workers: int = 0  # processes that computed them (0: none computed; -1: a Dask cluster)
    timings: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage (per-post stages summed
    # over the processes that ran them; "work": this process while they ran), "wall": the whole build
    downloads: list[str] = field(default_factory=list)  # files written beside the library (Library.build)

    def summary(self) -> str:
        counts = ((self.posts, "post"), (self.segments, "segment"), (self.pairs, "pair"),
                  (self.unpaired, "unpaired post"), (self.beads, "bead"), (self.concepts, "concept"),
                  (self.terms, "term"))
        return f"{self.db_path}: " + ", ".join(f"{n} {word}{'s' * (n != 1)}" for n, word in counts)

    def reuse(self) -> str:
        """What came from earlier builds ("" when nothing did): units from the cache, rows copied (each
        said only when there are some)."""
        parts = []
        if self.cached:
            units = self.cached + self.computed
            parts.append(f"{self.computed} of {units} post unit{'s' * (units != 1)} computed, the rest from the cache")
        if self.copied:  # (none after a --no-cache build: that library records no rows to copy)
            parts.append(f"the rows of {self.copied} post{'s' * (self.copied != 1)} copied from the previous library")
        return "; ".join(parts)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C once the new library was in place with its inspect file: `report` is that build's.
    What was to follow was cut short: `Library.build`'s downloads (those beside the library may be
    an earlier build's, or some of them), and anything the build ran after the library (its
    cache's record of it: the next build copies no rows from it)."""

    def __init__(self, report: BuildReport):
        super().__init__(f"interrupted after {report.db_path} was built")
        self.report = report


# --- the build --------------------------------------------------------------------------------------


def _read_corpus(folder: Path, *, progress: Progress | None = None, parsed: dict | None = None) -> list[_Doc]:
    """Every post file of the corpus, read by `textio` as `lvterm segment` and `formats.post` read
    them (BOM, UTF-16 with a BOM, LF/CRLF/CR line ends; one InputError naming the file and line).
    Slugs are checked by `formats.post`; two files declaring one post are one error naming both.
    Every file is read: each bad one is one error line naming it (the last one is raised, saying
    how many there were), so one build names them all.

    `parsed`: the build cache's parsed posts (SHA-256 of a file's bytes -> `_post_record`), read
    and filled: a file parsed by an earlier build is not parsed again. Afterwards it holds the
    files of this corpus only."""
    import hashlib

    from .textio import read_text

    if not folder.is_dir():
        raise InputError("corpus folder does not exist", path=folder)
    docs, bad = [], []
    known, used = (parsed or {}), {}
    files = postfmt.post_files(folder)
    cwd = Path.cwd().resolve()
    for path in advancing(files, progress, label="reading posts", length=len(files)):
        digest = ""
        if parsed is not None:
            with contextlib.suppress(OSError):  # unreadable, or no regular file (a FIFO would block here):
                if stat.S_ISREG(os.stat(path).st_mode):  # read_text below says so, naming the file
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
        record = known.get(digest)
        post = _post_from(record) if record is not None else None
        if post is not None:
            lines = list(record["lines"])
        else:
            try:
                text = read_text(path)
                post, lines = postfmt.loads(text, path=path), postfmt.paragraph_lines(text)
            except InputError as exc:
                bad.append(exc)
                continue
            record = _post_record(post, lines) if parsed is not None else None
        if record is not None and digest:
            used[digest] = record
        docs.append(_Doc(post=post, file=_display(path, cwd=cwd), body="\n\n".join(post.paragraphs), lines=lines))
    if parsed is not None:
        parsed.clear()
        parsed.update(used)
    if not files:
        raise InputError("no post files (*.md) in the corpus folder", path=folder)
    bad += _duplicates(docs)
    if bad:
        for exc in bad[:-1]:
            log.error("%s", exc)
        last = bad[-1]
        if len(bad) == 1:
            raise last
        more = len(bad) - 1
        raise InputError(f"{last.message} (and {more} more bad post file{'s' * (more > 1)} named above)",
                         path=last.path, line=last.line, item=last.item)
    return docs


def _duplicates(docs: Sequence[_Doc]) -> list[InputError]:
    """`formats.post.check_unique`'s error for each file that declares a post an earlier file declares."""
    first: dict[str, str] = {}
    errors = []
    for d in docs:
        if d.post.id not in first:
            first[d.post.id] = d.file
            continue
        try:
            postfmt.check_unique([(d.post.id, first[d.post.id]), (d.post.id, d.file)])
        except InputError as exc:
            errors.append(exc)
    return errors


_POST_FIELDS = ("slug", "lang", "title", "paragraphs", "author", "date", "category", "source", "translations",
                "repairs", "meta")


def _post_record(post: Post, lines: list[int]) -> dict | None:
    """A parsed post file as JSON data (None when its metadata does not survive JSON: not cached)."""
    record = {name: getattr(post, name) for name in _POST_FIELDS}
    record.update(paragraphs=list(post.paragraphs), translations=dict(post.translations), meta=dict(post.meta),
                  repairs=[dataclasses.asdict(r) for r in post.repairs], lines=list(lines))
    try:
        return record if json.loads(json.dumps(record, ensure_ascii=False)) == record else None
    except (TypeError, ValueError):
        return None


def _valid_record(record: Any) -> bool:
    """Whether `record` is one `_post_record` could make: the fields `formats.post.loads` checks are
    as it leaves them (slug, language, translations, repairs), text where text is, a line number a
    paragraph."""
    from .models import Repair

    try:
        slug, lang, translations, lines = record["slug"], record["lang"], record["translations"], record["lines"]
        paragraphs = record["paragraphs"]
        if not (type(slug) is str and type(lang) is str and type(record["title"]) is str
                and type(paragraphs) is list and all(type(x) is str for x in paragraphs)
                and (record["date"] is None or type(record["date"]) is str) and type(translations) is dict
                and type(record["repairs"]) is list and type(record["meta"]) is dict and type(lines) is list
                and len(lines) == len(paragraphs) and all(type(n) is int and n > 0 for n in lines)
                and all(type(k) is str and type(v) is str for k, v in translations.items())):
            return False
        postfmt.check_slug(slug)
        postfmt.check_lang(lang)
        for k, v in translations.items():
            postfmt.check_lang(k)
            postfmt.check_slug(v)
        for r in record["repairs"]:
            Repair(**r)
        return all(name in record for name in _POST_FIELDS)
    except (TypeError, KeyError, InputError):
        return False


def _valid_records(value: Any) -> bool:
    """The parsed-posts entry: a mapping of file digests to `_valid_record`s."""
    return isinstance(value, dict) and all(_valid_record(r) for r in value.values())


def _post_from(record: Any) -> Post | None:
    """The Post of a `_post_record` (None for a damaged one: the file is parsed again)."""
    from .models import Repair

    try:
        fields = {name: record[name] for name in _POST_FIELDS}
        fields.update(paragraphs=tuple(fields["paragraphs"]), repairs=tuple(Repair(**r) for r in fields["repairs"]))
        if not isinstance(record["lines"], list):
            return None
        return Post(**fields)
    except (TypeError, KeyError):
        return None


#: `build_library`'s default termbase: a corpus without one yet builds without curated entries.
DEFAULT_TERMBASE = "termbase"


def _termbase_folder(termbase: str | os.PathLike) -> Path:
    """The termbase folder (or file) to load. A path that does not exist is an InputError, unless it
    is the default `termbase` (no curated termbase yet): a mistyped `--termbase` never builds a
    library silently without the curated entries."""
    path = Path(termbase)
    if not path.exists() and os.fspath(termbase) != DEFAULT_TERMBASE:
        raise InputError("termbase folder not found", path=path)
    return path


#: The first 16 bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\0"


def check_target(db_path: str | os.PathLike, *, corpus: str | os.PathLike, termbase: str | os.PathLike) -> None:
    """InputError naming `db_path` unless the build may write its library there: a new file, an
    empty one, or an lvterm library (a SQLite file with a `posts` table, or one too damaged to
    read its tables: what `lvterm build` is told to rebuild), or a FIFO. Anything else there (a
    termbase file, a post, notes, another program's SQLite database, a device) is refused before
    anything is written, and so is a path inside the corpus or termbase folder, whatever is there yet."""
    path = Path(db_path)
    where = path.parent.resolve() / path.name
    for what, folder in (("corpus", Path(corpus)), ("termbase", Path(termbase))):
        inside = folder.resolve()
        if where == inside or inside in where.parents:
            raise InputError(f"refused to write the library inside the {what} folder {folder} "
                             "(give --db a path outside it)", path=path)
    try:
        info = path.stat()
    except OSError:  # nothing there (or a file where its folder should be: creating the folder says so)
        return
    refuse = "refused to replace it with the library: {}; move it away or give --db another path"
    if stat.S_ISFIFO(info.st_mode):  # holds nothing (a FIFO left where the library was): replaced, never opened
        return
    if not stat.S_ISREG(info.st_mode):  # a device, a socket, a folder
        raise InputError(refuse.format("not a regular file"), path=path)
    if info.st_size == 0:
        return
    try:
        with open(path, "rb") as fp:
            header = fp.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise InputError(refuse.format(f"cannot read it ({exc.strerror or exc})"), path=path) from None
    if header != SQLITE_HEADER:
        raise InputError(refuse.format("not an lvterm library (not a SQLite file)"), path=path)
    try:
        conn = schema.connect(path, require=())
    except InputError:  # unreadable past its header: a damaged library, which a build is the remedy for
        return
    try:
        tables = schema.table_names(conn)
    finally:
        conn.close()
    if "posts" not in tables:
        raise InputError(refuse.format("not an lvterm library (a SQLite file without a posts table)"), path=path)


def _post_rows(docs: Sequence[_Doc], by_id: dict) -> Iterable[dict]:
    """posts rows; `translation` is the post's pair in the library (None: built alone). A declared
    translation that is not the post's pair (missing, itself, another's) is one warning naming the file."""
    pairs, problems = postfmt.match([d.post for d in docs], src_lang=SOURCE_LANG, tgt_lang=TARGET_LANG)
    partner = {a.id: b.id for pair in pairs for a, b in (pair, pair[::-1])}
    for post, problem in problems:
        log.warning("%s: %s%s", by_id[post.id].file, problem, "" if post.id in partner else "; built without a pair")
    for d in docs:
        row = dbmod.post_row(d.post, file=d.file, body=d.body)
        row["translation"] = partner.get(d.post.id)
        yield row


def _display(path: Path, *, cwd: Path) -> str:
    """How messages and rows name a post file: relative to `cwd` (resolved) when it is below it."""
    with contextlib.suppress(ValueError):
        return os.fspath(path.resolve().relative_to(cwd))
    return os.fspath(path)


def build_library(*, corpus: str | os.PathLike = "corpus/posts", termbase: str | os.PathLike = "termbase",
                  db_path: str | os.PathLike = "build/lvterm.db", progress: Progress | None = None,
                  workers: int | None = None, scheduler: str | None = None, cache: bool = False,
                  cache_dir: str | os.PathLike | None = None) -> BuildReport:
    """Build the library database from the post files in `corpus` and the curated `termbase` folder.

    The library is Latvian-English: Latvian posts are paired with their declared English
    translations (`constants.SOURCE_LANG`, `constants.TARGET_LANG`); nothing lets a caller swap the
    columns' languages.

    Per-post work (segmentation, alignment, term candidates and pairs: `work_unit`) runs once per
    post pair, or per post without a pair. With `cache=True` (what `lvterm build` and
    `Library.build` do; `--no-cache` turns it off) results are read from and kept in `cache_dir`
    (default: `cache/` beside the database), so only changed pairs are recomputed, and the rows of
    unchanged posts are copied from the library the last such build wrote at `db_path` when it is
    still that file (`lvterm.prior`; the library is the one a full build writes). The work runs on
    `workers` local processes (None: all cores, or here when fewer than `min_parallel_units(cores)` units
    are left to compute) or on the Dask cluster at `scheduler`. The corpus-level steps (merging
    under the curated termbase, occurrences, indexes, full-text search) run here, the one SQLite
    writer. A unit that fails (or whose worker dies) is one error line naming its posts; the others
    are still computed and cached, and the build then fails without replacing the library. Bad post
    files are one error line each (every file is read), and the build fails before any unit is
    computed (InputError, the last of them); a cached value that cannot be its unit's is one warning
    naming the cache file, and the unit is recomputed.
    """
    held, published = HeldSignals(), []
    with no_collections(), quick_handover():
        try:
            return _build_library(corpus=corpus, termbase=termbase, db_path=db_path, progress=progress,
                                  workers=workers, scheduler=scheduler, cache=cache, cache_dir=cache_dir,
                                  held=held, published=published)
        finally:  # (Ctrl-C and SIGTERM held from just before the library is renamed into place)
            try:
                held.release()
            except KeyboardInterrupt as exc:
                if published:  # the new library is in place: the build is done, the interrupt says so
                    raise Interrupted(published[0]) from exc
                raise


def _build_library(*, corpus, termbase, db_path, progress, workers, scheduler, cache, cache_dir, held,
                   published) -> BuildReport:
    from .buildcache import BuildCache
    from .terms.store import occurrence_rows, prepare_termbase, segment_beads, write_termbase
    from .terms.termbase import load_termbase, merge

    progress = progress or _no_progress
    db_path = Path(db_path)
    check_target(db_path, corpus=corpus, termbase=termbase)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where the folder should be, no permission: one line, not a traceback
        raise InputError(f"cannot create the database folder ({exc.strerror or exc})", path=db_path.parent) from None
    report = BuildReport(db_path=os.fspath(db_path))
    started = time.perf_counter()
    clock = time.process_time()
    store = BuildCache(cache_dir if cache_dir is not None else db_path.parent / "cache") if cache else None
    aux = _Aux(store)
    docs = _read_corpus(Path(corpus), progress=progress, parsed=aux.posts)
    by_id = {d.post.id: d for d in docs}
    termbase_data = load_termbase(_termbase_folder(termbase))  # curated, accepted and rejected: validated together
    curated = list(termbase_data.curated)
    dictionary = _dictionary(curated)
    units = _units(docs, by_id)
    aux.relevance = _key_units(units, dictionary, known=aux.relevance, each=store is not None)
    report.timings["read"] = time.process_time() - clock

    clock = time.process_time()
    # the values of units whose rows the previous library has are read while SQLite indexes text
    deferred = _unchanged_units(units, aux.library, db_path=db_path, code=store.code) if store is not None else set()
    run = functools.partial(_run_units, dictionary=dictionary, store=store, workers=workers, scheduler=scheduler,
                            progress=progress, report=report)
    _take_values(units, run, skip=deferred)
    report.timings["work"] = time.process_time() - clock

    clock = time.process_time()
    next_id = 1
    for doc in docs:
        doc.first_id, next_id = next_id, next_id + doc.count
    aligned = [(unit.docs[0], unit.docs[1], unit) for unit in units if len(unit.docs) == 2]
    manifest = buildrows.manifest_of(docs, aligned, code=store.code) if store is not None else None

    written: list = []  # the identity of the file written, taken before it is renamed into place
    sealed = (lambda tmp: written.append(file_identity(tmp, named=db_path))) if store is not None else None
    from . import buildinfo
    from .buildcache import code_fingerprint, code_version

    post_rows = list(_post_rows(docs, by_id))
    info = buildinfo.build_info(version=code_version(), post_rows=[{k: v for k, v in r.items() if k != "file"} for r in post_rows],
                                termbase=(curated, [(r.lv, r.en, r.date, r.note) for r in termbase_data.rejected]), pairs=len(aligned),
                                code=store.code if store is not None else code_fingerprint())
    with _open_build(db_path, written=sealed, held=held) as db:
        schema.create_tables(db)
        report.posts = dbmod.write_posts(db, post_rows)
        del post_rows
        db["build_info"].insert_all([{"key": k, "value": v} for k, v in info.items()])
        # the rows of unchanged posts are copied from the previous library (`lvterm.prior`); the
        # rows made here are kept for the occurrence scan, which runs while SQLite indexes them
        prior = attach_prior(db.conn, aux.library, db_path=db_path, code=store.code) if store is not None else None
        if prior is None and deferred:  # the previous library cannot be copied from after all
            _take_values(units, run, only=deferred)
            deferred = set()
        report.segments, made = buildrows.write_segments(db, docs, manifest, prior)
        report.copied = len(docs) - len(made)
        report.beads, bead_shift = buildrows.write_beads(db, aligned, manifest, prior, progress=progress)
        report.pairs = len(aligned)
        report.unpaired = report.posts - 2 * report.pairs
        db.conn.commit()
        del aligned  # only the term proposals are needed from here on (and the posts' segments, for the scan)
        for unit in units:
            if unit.value is not None and len(unit.docs) == 2:
                unit.value = {"terms": unit.value["terms"]}
        report.timings["write"] = time.process_time() - clock
        clock = time.process_time()
        # SQLite indexes the corpus text in a second thread while the termbase is merged and its
        # rows made in Python, touching the database only once the indexes are built
        # (the scan's beads as the table just written has them, read by the index thread first)
        with dbmod.search_alongside(db, first=segment_beads) as indexing:
            aux.read_terms()
            # the unchanged pairs' term proposals from the cache's proposals entry; a unit's whole
            # value is read only when the entry lacks it, or when its posts are scanned again below
            unread = {i for i in deferred if units[i].key in aux.proposals or len(units[i].docs) == 1}
            _check_values(units, run, deferred - unread, aux=aux)
            for i in unread:
                if len(units[i].docs) == 2:
                    units[i].value = {"terms": aux.proposals[units[i].key]}
            aux.keep_proposals(units)
            extracted, writing = [], []
            for unit in units:
                if len(unit.docs) == 2:
                    source = f"extraction from {unit.docs[0].file}"
                    for lv_key, lv, en, lv_writing in unit.value["terms"]:
                        extracted.append(_proposed_concept(lv_key, lv, en, source=source))
                        writing.append(lv_writing)
            merged = merge(curated, extracted, rejected=termbase_data.rejected, keys=aux.term_keys(), writing=writing)
            del extracted, writing  # (freed here, while SQLite still indexes text)
            prepared = prepare_termbase(merged, forms_cache=aux.forms, keys_cache=aux.form_keys)
            scan = scan_digest(prepared.scan_terms) if manifest is not None else ""
            kept = buildrows.kept_posts(docs, made, prior, bead_shift, scan=scan)
            again = {i for i in unread if any(d.post.id not in kept for d in units[i].docs)}
            _check_values(units, run, again, aux=aux)
            report.cached += len(unread - again)  # (taken from the cache, as the units `run` reads)
            bead_of = indexing.first()
            scanned_before = (dict(aux.scans.runs), dict(aux.scans.patterns)) if aux.scans is not None else None
            scanned = advancing(buildrows.scan_rows(docs, made, skip=kept), progress, label="finding terms",
                                length=sum(d.count for d in docs if d.post.id not in kept))
            found = occurrence_rows(scanned, prepared.scan_terms, bead_of=bead_of, cache=aux.scans,
                                    form_keys=prepared.stems)
            ahead = _while_running(found, indexing)
        del bead_of
        observed: Counter = Counter()
        if not kept:  # every occurrence found here (ids in scan order)
            write_termbase(db, prepared, progress=progress, found=chain(ahead, found), scan_cache=aux.scans,
                           observed=observed, indexes=False)
        else:
            rows = ahead + list(found)
            write_termbase(db, prepared, progress=progress, scan_cache=aux.scans, observed=observed, indexes=False,
                           insert_occurrences=functools.partial(buildrows.write_occurrences, docs=docs, rows=rows,
                                                                prior=prior, kept=kept, bead_shift=bead_shift))
        if prior is not None:
            detach_prior(db.conn)
        made.clear()
        if manifest is not None:
            buildrows.restore_scans(aux.scans, scanned_before, prior, [d for d in docs if d.post.id in kept])
            buildrows.finish_manifest(manifest, docs, prior, kept, scans=aux.scans, scan=scan, observed=observed,
                                      totals=[report.segments, report.beads, sum(observed.values())])
        aux.keep_forms({f"{t.lang}\t{t.text}" for c in merged for t in c.terms})
        # the cache's entries are final: written while SQLite builds the indexes (the library's
        # manifest only once the file is in place); what the build no longer needs is freed in
        # that thread too, not object by object when this function returns (0.08 s of a rebuild)
        done_with = [units, docs, by_id, merged, prepared, termbase_data, curated, scanned_before]
        del units, docs, by_id, merged, prepared, termbase_data, curated, scanned_before
        with _meanwhile(lambda: _save_cache(store, aux, done_with)):
            schema.create_indexes(db)
            report.timings["termbase"] = time.process_time() - clock
            clock = time.process_time()
            dbmod.finish(db, search=False)
        report.concepts = db["concepts"].count
        report.terms = db["terms"].count
    published.append(report)  # the library and its inspect file are in place (signals held until the end)
    report.timings["finish"] = time.process_time() - clock
    if store is not None:
        manifest.db = written[0]  # (not what is at the path now: another build may have renamed its file there)
        aux.save_library(manifest if manifest.db is not None else None)
    report.timings["wall"] = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _open_build(db_path: Path, *, written: Callable[[os.PathLike], None] | None,
                held: HeldSignals) -> Iterator:
    """`db.open_build`, publishing the library's inspect file with it (what `lvterm serve` hands
    Datasette: `inspectfile.inspect_json`). The inspect file is written from the finished temp library,
    under the library's final name, before the library is renamed into place, and renamed into place
    right after it; Ctrl-C and SIGTERM are held (`held.hold()`) from the moment it is written, so
    an interrupt leaves the old library with its old inspect file, or the new library with its new
    one. Should the second rename fail, the old inspect file is removed; had the process been
    killed between the two, the old file is older than the new library, and `lvterm serve` writes
    it again (`inspectfile.inspect_current`). A folder where the inspect file goes is an InputError
    before anything is written."""
    from . import inspectfile  # (not imported by the per-post work, whose code the build cache fingerprints)

    target = inspectfile.inspect_path(db_path)
    if target.is_dir():
        raise InputError("refused to build: a folder is where the library's inspect file goes", path=target)

    def sealed(tmp: os.PathLike) -> None:
        if written is not None:
            written(tmp)
        text = inspectfile.inspect_json(tmp, named=db_path)
        try:
            with open(inspect_tmp, "w", encoding="utf-8") as fp:
                fp.write(text)
        except OSError as exc:
            raise InputError(f"cannot write: {exc.strerror or exc}", path=target) from None
        held.hold()

    renamed = False
    try:
        with atomic_path(target) as inspect_tmp:
            with dbmod.open_build(db_path, written=sealed) as db:
                yield db
            renamed = True
    except BaseException:
        if renamed:  # the library is the new one, its inspect file could not follow: no stale one beside it
            with contextlib.suppress(OSError):
                target.unlink()
        raise


@contextlib.contextmanager
def _meanwhile(work: Callable[[], None]) -> Iterator[None]:
    """`work()` in a second thread while the block runs; waited for when the block ends, whether
    or not it raised, and its error, if any, raised then."""
    import threading

    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # raised in the caller's thread below
            errors.append(exc)

    thread = threading.Thread(target=run, name="lvterm-cache-save", daemon=True)
    thread.start()
    try:
        yield
    finally:
        thread.join()
    if errors:
        raise errors[0]


def _save_cache(store, aux: _Aux, done_with: list) -> None:
    """The cache after a build (none without `store`): the unit files of this corpus only (the
    units are `done_with[0]`), and the corpus entries; then `done_with` and the entries' values
    are let go (freed here, in the thread that runs this)."""
    if store is not None:
        store.prune(unit.key for unit in done_with[0])
        aux.save()
    aux.release()
    done_with.clear()


#: Occurrence rows found ahead at most while SQLite indexes the corpus text (then they are written
#: as they are found: a large library has millions).
MAX_AHEAD = 200_000


def _while_running(rows: Iterator[tuple], thread) -> list[tuple]:
    """The rows taken from `rows` while `thread` runs (at most MAX_AHEAD): Python work that
    would otherwise wait for it."""
    ahead: list[tuple] = []
    while len(ahead) < MAX_AHEAD and thread.is_alive():
        want = min(1024, MAX_AHEAD - len(ahead))
        chunk = list(islice(rows, want))
        ahead += chunk
        if len(chunk) < want:  # every row found
            break
    return ahead


class _Aux:
    """The build cache's entries besides the post units, in `cache/corpus/`: the parsed post files
    (`_read_corpus`), and for `terms.store.write_termbase` the generated forms of the terms, the
    occurrence scan's matches per post (with the patterns they were scanned for) and the keys of
    the forms, and for the merge each pair's term proposals by its unit key (a copy of the unit
    value's "terms": a rebuild reads 16 files, not a whole value per unchanged pair). The parsed
    posts, the last library's manifest and the curated entries each pair's work can use
    (`_key_units`: under an unchanged termbase a pair's are not looked for again) are read at the
    start, the rest (`read_terms`) when the termbase is first needed; all are written after a
    successful build with what this build used;
    without a cache, plain dicts for one build (`posts` None: files are parsed without hashing
    them; `scans` and `form_keys` None: every segment is scanned, every form keyed).

    Each entry but the patterns is split by a hash of its keys into `SHARDS` files, and only a
    file whose keys or values changed is written again: an edited post rewrites a sixteenth of
    the parsed posts and of the scan's matches, not all of them. A scan shard names the patterns
    its matches were found under (a digest of the patterns entry) and is used only under those:
    two builds sharing the folder, or one that died while saving, leave shards that are scanned
    again, never matches read under another build's patterns."""

    POSTS, FORMS, SCANS, FORM_KEYS = "parsed-posts-1", "generated-forms-2", "occurrence-scan-2", "form-keys-1"
    PROPOSALS = "term-proposals-2"  # unit key -> its pair's term proposals (a unit value's "terms")
    PATTERNS = "scan-patterns-1"
    LIBRARY = "library-manifest-1"  # what the last library's rows were made from (`lvterm.prior`)
    RELEVANCE = "unit-dictionaries-1"  # the curated entries each pair's work can use (`_key_units`)
    SHARDS = 16

    def __init__(self, units_store):
        from .buildcache import BuildCache

        # in a folder of their own: `cache/` keeps one file per post unit
        self.units = units_store
        self.store = store = BuildCache(units_store.folder / "corpus") if units_store is not None else None
        self._read: dict[tuple[str, int], dict | None] = {}  # what was read (the values themselves)
        self.posts = self._shards(self.POSTS, _valid_records) if store is not None else None
        library = store.get(self.key(self.LIBRARY), valid=valid_manifest) if store is not None else None
        self.library = Manifest.from_data(library) if library is not None else None
        self.relevance = self._relevance_read = (store.get(self.key(self.RELEVANCE), valid=_valid_relevance)
                                                 if store is not None else None)
        self.forms: dict = {}
        self.form_keys: dict | None = None
        self.scans = None
        self.proposals: dict = {}

    def read_terms(self) -> None:
        """Read the entries the termbase is merged and written with (`proposals`, `forms`,
        `form_keys`, `scans`): after the posts, when the build first needs them (while SQLite
        indexes the corpus text)."""
        from .terms.store import ScanCache, valid_forms_cache, valid_keys_cache

        store = self.store
        if store is None:
            return
        self.forms = self._shards(self.FORMS, valid_forms_cache)
        self.proposals = self._shards(self.PROPOSALS, _valid_proposals)
        self.form_keys = self._shards(self.FORM_KEYS, valid_keys_cache)
        patterns = store.get(self.key(self.PATTERNS), valid=_valid_patterns)
        self._patterns_read = patterns
        under = _patterns_digest(patterns) if patterns is not None else None
        # matches are read by the patterns' positions: only under their patterns
        runs = self._shards(self.SCANS, _valid_scan_shard,
                            items=lambda value: value["runs"] if value["patterns"] == under else None)
        self.scans = ScanCache(runs, dict(patterns or {}),
                               file_of=lambda key: store.path(self.key(self.SCANS, self.shard(key))))

    def _shards(self, name: str, check: Callable[[Any], bool], *,
                items: Callable[[dict], dict | None] = lambda value: value) -> dict:
        """An entry's shards read and joined, `items(shard)` of each (each a dict; any other value,
        or a parsed post, forms or keys that cannot be one, is a damaged file: one warning, and its
        part recomputed; a post's scan matches are checked against its segments when used,
        `terms.store.iter_occurrences`, which names the file)."""
        keys = [self.key(name, shard) for shard in range(self.SHARDS)]
        joined: dict = {}
        for shard, value in enumerate(self.store.get_many(keys, valid=lambda key: check)):
            self._read[(name, shard)] = dict(value) if value is not None else None
            joined.update((items(value) if value is not None else None) or {})
        return joined

    @staticmethod
    def key(name: str, shard: int | None = None) -> str:
        """The cache key of an entry, or of one of its shards."""
        from .buildcache import content_key

        return content_key("build-aux", name) if shard is None else content_key("build-aux", name, shard)

    @classmethod
    def shard(cls, key: str) -> int:
        return zlib.crc32(key.encode("utf-8")) % cls.SHARDS

    def term_keys(self) -> dict[tuple[str, str], str]:
        """(lang, term) -> its stem key (`termbase.term_key`), for the terms whose forms are cached."""
        return {tuple(name.split("\t", 1)): hit[1]["stem_key"] for name, hit in self.forms.items()}

    def release(self) -> None:
        """Let go of the entries' values (saved, or not to be): only the library's manifest is
        written after this."""
        self.posts, self.forms, self.form_keys, self.scans, self.proposals = None, {}, None, None, {}

    def keep_proposals(self, units: Sequence[_Unit]) -> None:
        """Keep the term proposals of this build's pairs (each unit's value has them now)."""
        self.proposals = {unit.key: unit.value["terms"] for unit in units if len(unit.docs) == 2}

    def keep_forms(self, terms: set[str]) -> None:
        """Forget the generated forms of terms this build did not have (the entry stays bounded)."""
        self.forms = {k: v for k, v in self.forms.items() if k in terms}

    def save(self) -> None:
        """Write the shards that changed, and the scan's patterns if they did (then every scan
        shard names the new patterns: written again, even where its matches are the same)."""
        if self.store is None or not self.units.writable:  # the cache folder's warning was given once
            return
        keep = [self.key(self.PATTERNS)]
        under = _patterns_digest(self.scans.patterns)
        for name, value in ((self.POSTS, self.posts), (self.FORMS, self.forms), (self.SCANS, self.scans.runs),
                            (self.FORM_KEYS, self.form_keys), (self.PROPOSALS, self.proposals)):
            parts: list[dict] = [{} for _ in range(self.SHARDS)]
            for k, v in value.items():
                parts[self.shard(k)][k] = v
            for shard, part in enumerate(parts):
                key = self.key(name, shard)
                keep.append(key)
                before = self._read[(name, shard)]
                if name == self.SCANS:
                    if before is None or before["patterns"] != under or _changed(part, before["runs"]):
                        self.store.put(key, {"patterns": under, "runs": part})
                elif before is None or _changed(part, before):
                    self.store.put(key, part)
        if self.scans.patterns != self._patterns_read:
            self.store.put(self.key(self.PATTERNS), self.scans.patterns)
        keep.append(self.key(self.RELEVANCE))
        if self.relevance is not None and self.relevance != self._relevance_read:
            self.store.put(self.key(self.RELEVANCE), self.relevance)
        keep.append(self.key(self.LIBRARY))  # (`save_library`)
        self.store.prune(keep)

    def save_library(self, manifest: Manifest | None) -> None:
        """Write the manifest of the library just written (once it is in place); None: remove it."""
        if self.store is not None and self.units.writable:
            if manifest is None:
                with contextlib.suppress(OSError):
                    self.store.path(self.key(self.LIBRARY)).unlink()
            else:
                self.store.put(self.key(self.LIBRARY), manifest.data())


def _valid_proposals(value: Any) -> bool:
    """Whether `value` can be a shard of the proposals entry: unit key -> `_valid_terms` proposals."""
    return type(value) is dict and all(type(k) is str and _valid_terms(v) for k, v in value.items())


def _valid_relevance(value: Any) -> bool:
    """Whether `value` can be the relevance entry: {"dictionary": a digest, "units": text key -> digest}."""
    return (type(value) is dict and set(value) == {"dictionary", "units"} and type(value["dictionary"]) is str
            and type(value["units"]) is dict and all(type(v) is str for v in value["units"].values()))


def _valid_patterns(value: Any) -> bool:
    """Whether `value` can be the scan's patterns (`terms.store.ScanCache.patterns`): lang -> a list
    of texts and nulls."""
    return type(value) is dict and all(type(v) is list and set(map(type, v)) <= {str, type(None)}
                                       for v in value.values())


def _valid_scan_shard(value: Any) -> bool:
    """Whether `value` can be a scan shard: {"patterns": the digest of the patterns its matches
    were found under, "runs": run key -> matches} (each post's matches are checked when used)."""
    return type(value) is dict and type(value.get("patterns")) is str and type(value.get("runs")) is dict


def _patterns_digest(patterns: dict) -> str:
    from .buildcache import content_key

    return content_key("scan-patterns", patterns)


def _changed(value: dict, before: dict) -> bool:
    """Whether an auxiliary entry changed since it was read: a key added or gone, or a value
    replaced (one that could not be right, recomputed). Each key names one value that never
    changes under it for the same code (a file's digest its parsed post, a term its generated
    forms, a post's segments and matcher digest its matches), and the entry of other code is not
    read, so a value kept is the very object read."""
    return value.keys() != before.keys() or any(value[k] is not v for k, v in before.items())


# --- per-post work: one unit per post pair (or post without a pair), cached, run anywhere ---------------

#: An automatic worker count runs fewer units than `min_parallel_units()` here: starting worker
#: processes and importing spaCy in each costs seconds, and the build's own process still does the
#: writing. Measured on 2 cores (`benchmarks/build.py --sizes 50,300,600`, 29 November 2026): 50
#: post pairs 2.6 s in one process against 3.2 s on 2 workers, 300 pairs 8.7 against 9.3 s, 600
#: pairs 14.3 against 14.1 s; break-even near 600 pairs on 2 cores, and the gain a pair brings
#: grows with the cores (1 - 1/cores), so the threshold is PARALLEL_WORK / cores units.
PARALLEL_WORK = 1200


def min_parallel_units(cores: int) -> int:
    """Fewest units to compute for which an automatic worker count starts `cores` workers."""
    return max(8, -(-PARALLEL_WORK // max(cores, 1)))
#: Error lines for failed units; the rest are counted in one line (a broken install fails them all).
MAX_ERROR_LINES = 20


@dataclass
class _Unit:
    docs: tuple[_Doc, ...]  # the Latvian post and its English translation, or one post alone
    key: str = ""
    value: dict | None = None  # what `work_unit` gave (None: not read yet)
    beads: int = 0  # how many beads a pair has

    @property
    def sides(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """What the work reads: (lang, paragraphs) of each post."""
        return tuple((d.post.lang, tuple(d.post.paragraphs)) for d in self.docs)

    @property
    def label(self) -> str:
        return " + ".join(d.file for d in self.docs)


def _units(docs: Sequence[_Doc], by_id: dict) -> list[_Unit]:
    """The declared lv/en pairs (in `formats.post.pairs` order), then every post in no pair."""
    pairs = postfmt.pairs([d.post for d in docs], src_lang=SOURCE_LANG, tgt_lang=TARGET_LANG)
    units = [_Unit((by_id[src.id], by_id[tgt.id])) for src, tgt in pairs]
    paired = {d.post.id for u in units for d in u.docs}
    return units + [_Unit((d,)) for d in docs if d.post.id not in paired]


def _key_units(units: Sequence[_Unit], dictionary, *, known: dict | None = None, each: bool = True) -> dict:
    """Each unit's key (`_Unit.key`), its posts' place in it (`_Doc.unit_key`, `position`, `pair`)
    and their digests (`buildrows.digest`). A pair's key covers its text and the curated entries
    its work can use (`builddict.relevant_entries`), not the whole dictionary: a term accepted in
    `lvterm review` changes the keys of the pairs whose text has its words only.

    `known`: what the last build found (as returned here): {"dictionary": its digest, "units": a
    pair's text key -> the digest of its entries}; under the same dictionary a pair's entries are
    not looked for again. Returns this build's. `each=False` (a build without a cache, whose keys
    are kept nowhere): every pair's key covers the whole dictionary (nothing is looked for)."""
    from .builddict import relevant_entries
    from .buildcache import content_key

    dictionary = tuple(dictionary)
    dict_key = content_key(dictionary)
    before = known["units"] if known is not None and known.get("dictionary") == dict_key else {}
    found: dict[str, str] = {}
    for unit in units:
        text_key = content_key(CACHE_KIND, unit.sides)
        if len(unit.docs) == 2:
            entries = before.get(text_key) if each else dict_key
            if entries is None:
                entries = content_key(relevant_entries(unit.sides, dictionary))
            found[text_key] = entries
        else:
            entries = None
        unit.key = content_key(CACHE_KIND, text_key, entries)
        for position, d in enumerate(unit.docs):
            d.unit_key, d.position = unit.key, position
            d.pair = unit.docs[0].post.id if len(unit.docs) == 2 else None
    buildrows.digest([d for unit in units for d in unit.docs])
    return {"dictionary": dict_key, "units": found}


def _unchanged_units(units: Sequence[_Unit], manifest: Manifest | None, *, db_path: Path, code: str) -> set[int]:
    """Positions of the units whose rows the previous library has (`lvterm.prior`: the manifest
    describes the file at `db_path`, written by this code, and each of the unit's posts, and its
    pair, has the digest recorded): their values are needed only for their terms. Their posts'
    segment counts, and their beads, are the manifest's."""
    if not describes(manifest, db_path=db_path, code=code):
        return set()
    out = set()
    for i, unit in enumerate(units):
        entries = [manifest.posts.get(d.post.id) for d in unit.docs]
        if any(e is None or e[0] != d.digest for d, e in zip(unit.docs, entries)):
            continue
        if len(unit.docs) == 2:
            pair = manifest.pairs.get(unit.docs[0].post.id)
            if pair is None or pair[0] != unit.docs[0].pair_digest:
                continue
            unit.beads = pair[2]
        for d, e in zip(unit.docs, entries):
            d.count = e[2]
        out.add(i)
    return out


class _Mismatch(LvtermError):
    """A cached value that cannot be the one the previous library's rows were made from."""


def _check_values(units: Sequence[_Unit], run, only: set[int], *, aux: _Aux) -> None:
    """`_take_values` of the units in `only`, whose rows were copied from the previous library
    (their counts are the manifest's): a value that does not match stops the build, and the
    manifest is not trusted again (the next build writes every row)."""
    if not only:
        return
    try:
        _take_values(units, run, only=only, check=True)
    except _Mismatch:
        aux.save_library(None)
        raise


def _take_values(units: Sequence[_Unit], run, *, skip: set[int] = frozenset(), only: set[int] | None = None,
                 check: bool = False) -> None:
    """Read (or compute) the values of the units in `only` (default: all but `skip`) with `run`
    (`_run_units`), and give their posts their segments.
    `check`: the units' counts are known already (the manifest's): a value that does not have them
    cannot be the one the previous library's rows were made from, and the build stops (the manifest
    is then not trusted again)."""
    picked = [i for i in range(len(units)) if i not in skip] if only is None else sorted(only)
    for i, value in zip(picked, run([units[i] for i in picked]) if picked else ()):
        unit = units[i]
        counts = [len(spans) for spans in value["segments"]], len(value.get("beads") or ())
        if check and (counts[0] != [d.count for d in unit.docs] or (len(unit.docs) == 2 and counts[1] != unit.beads)):
            raise _Mismatch(f"{unit.label}: the cached work does not match the previous library's rows; "
                            "build again (the library is then written whole)")
        unit.value, unit.beads = value, counts[1]
        for d, spans, keys in zip(unit.docs, value["segments"], value["keys"]):
            d.spans, d.keys, d.count = spans, keys, len(spans)


def _run_units(units: list[_Unit], *, dictionary, store, workers: int | None, scheduler: str | None,
               progress: Progress, report: BuildReport) -> list[dict]:
    """Each unit's value (keys given by `_key_units`): from the cache, or computed by `work_unit`
    (here, on local worker processes or on a Dask cluster) and then cached; counted in `report`.
    Raises LvtermError when any unit failed."""
    from .parallel import default_workers, run_tasks

    dictionary = tuple(dictionary)
    results: list[dict | None] = [None] * len(units)
    todo: list[int] = []
    # a value that cannot be this unit's is a damaged file: one warning naming it, recomputed
    by_key = {unit.key: unit for unit in units}
    values = (store.get_many([u.key for u in units], valid=lambda key: functools.partial(_valid, unit=by_key[key]))
              if store is not None else [None] * len(units))
    for i, value in enumerate(values):
        if value is not None:
            results[i] = value
        else:
            todo.append(i)
    cached = len(units) - len(todo)
    report.cached += cached
    report.computed += len(todo)
    if workers is None:
        cores = default_workers()
        workers = cores if len(todo) >= min_parallel_units(cores) else 1
    workers = max(1, min(workers, len(todo) or 1))
    if todo:
        log.info("%d of %d post units to compute (%d from the cache) on %s", len(todo), len(units),
                 cached, scheduler or f"{workers} worker{'s' * (workers > 1)}")
    failed = []

    def done(k: int, outcome) -> None:
        i = todo[k]
        if not outcome.ok:
            failed.append(i)
            if len(failed) <= MAX_ERROR_LINES:
                log.error("%s: %s; its posts were not built", units[i].label, outcome.error)
            return
        results[i] = outcome.value["value"]
        for stage, seconds in outcome.value["timings"].items():
            report.timings[stage] = report.timings.get(stage, 0.0) + seconds
        if store is not None:
            store.put(units[i].key, results[i])

    run_tasks(work_unit, [units[i].sides for i in todo], shared=dictionary, workers=workers, scheduler=scheduler,
              progress=progress, label="posts", on_result=done)
    if store is not None:
        store.finish()
    if todo:
        report.workers = workers if scheduler is None else -1
    if len(failed) > MAX_ERROR_LINES:
        log.error("... and %d more post units failed", len(failed) - MAX_ERROR_LINES)
    if failed:
        kept = "built and cached" if store is not None else "built"
        raise LvtermError(f"{len(failed)} of {len(units)} post units failed (named above); the other posts were "
                          f"{kept}, and {report.db_path} was left as it was")
    return results  # type: ignore[return-value]


#: What a cache entry of `work_unit` holds (part of its key: a new layout, new keys).
CACHE_KIND = "post-unit-3"


def _valid(value: Any, unit: _Unit) -> bool:
    """Whether a cached value is one `work_unit` could give for this unit: its shape and types, and
    every index within the unit's posts (a segment within its paragraph, a key a segment, the
    beads covering each post's segments once and in order, terms as `_term_data`), so that the
    build reads it without failing or writing wrong rows. Else the file is damaged and the unit
    recomputed. Linear in the value's size and cheap (every cached unit of every build is checked)."""
    try:
        segments, keys = value["segments"], value["keys"]
        if not (type(segments) is list and type(keys) is list and len(segments) == len(keys) == len(unit.docs)):
            return False
        for doc, spans, doc_keys in zip(unit.docs, segments, keys):
            if not (type(spans) is list and type(doc_keys) is list and len(spans) == len(doc_keys)
                    and _valid_spans(spans, doc.post.paragraphs)
                    and all(type(k) is list and len(k) == 2 and type(k[0]) is str and type(k[1]) is str
                            for k in doc_keys)):
                return False
        if len(unit.docs) == 1:
            return True
        return _valid_beads(value["beads"], len(segments[0]), len(segments[1])) and _valid_terms(value["terms"])
    except (TypeError, KeyError, ValueError):  # not subscriptable, a key missing, a span not of three
        return False


def _valid_terms(terms: Any) -> bool:
    """[Latvian key, Latvian term, English term or None, writing] proposals, as `_extract_terms`
    gives them."""
    if type(terms) is not list:
        return False
    for t in terms:
        if not (type(t) is list and len(t) == 4 and type(t[0]) is str and _valid_term(t[1])
                and (t[2] is None or _valid_term(t[2])) and type(t[3]) is list and len(t[3]) == 2
                and all(type(n) is int and n >= 0 for n in t[3])):
            return False
    return True


def _valid_spans(spans: list, paragraphs: Sequence[str]) -> bool:
    """Each [paragraph, start, end] is within that paragraph of the post."""
    for p, a, b in spans:
        if not (type(p) is int and type(a) is int and type(b) is int and 0 <= p < len(paragraphs)
                and 0 <= a <= b <= len(paragraphs[p])):
            return False
    return True


def _valid_beads(beads: Any, n_src: int, n_tgt: int) -> bool:
    """[src ids, tgt ids, score] beads, not empty, that take each post's segments once, in order
    (as `align` does: every sentence is in exactly one bead)."""
    if type(beads) is not list:
        return False
    i = j = 0
    for src, tgt, score in beads:
        if not (type(src) is list and type(tgt) is list and (src or tgt) and type(score) in (float, int)):
            return False
        for k in src:
            if type(k) is not int or k != i:
                return False
            i += 1
        for k in tgt:
            if type(k) is not int or k != j:
                return False
            j += 1
    return i == n_src and j == n_tgt


def work_unit(sides: Sequence[tuple[str, Sequence[str]]], dictionary: Sequence[tuple[str, str]]) -> dict:
    """The per-post work of one post pair ((lv, paragraphs), (en, paragraphs)) or of one post alone,
    as plain JSON-ready data: {"value": {"segments", "keys", "beads", "terms"}, "timings": {stage: seconds}}.

    A pure function of its arguments: it runs in this process, in a worker process or on a Dask
    cluster, and its value is what the build cache keeps. Of `dictionary` (curated (lv, en) term
    pairs) a pair's work uses only the entries that can matter for its text
    (`builddict.relevant_entries`, what its cache key covers): the value is the same as with all
    of them, and depends on those alone. `segments` are [paragraph, start, end]
    per post, `keys` each segment's (folded text, stem keys) for its row; `beads` [lv ids, en ids,
    score]; `terms` [Latvian stem key, Latvian term, English term, writing] of every extracted
    pair (terms as `_term_data`; writing as `_extract_terms` gives it)."""
    with no_collections():
        return _work_unit(sides, dictionary)


def _work_unit(sides: Sequence[tuple[str, Sequence[str]]], dictionary: Sequence[tuple[str, str]]) -> dict:
    from .align import align
    from .segment import segment_paragraphs

    timings: dict[str, float] = {}
    clock = time.process_time()
    segmented = [segment_paragraphs(list(paragraphs), lang=lang) for lang, paragraphs in sides]
    timings["segment"] = time.process_time() - clock
    value: dict[str, Any] = {"segments": [[[s.paragraph, s.start, s.end] for s in segs] for segs in segmented],
                             "keys": [[dbmod.text_keys(lang, s.text) for s in segs]  # fold and stems, for the rows
                                      for (lang, _), segs in zip(sides, segmented)]}
    if len(sides) == 2:
        from .builddict import relevant_entries

        (src_lang, _), (tgt_lang, _) = sides
        src, tgt = segmented
        clock = time.process_time()
        dictionary = relevant_entries(sides, dictionary)
        beads = list(align([x.text for x in src], [x.text for x in tgt], src_lang=src_lang, tgt_lang=tgt_lang,
                           dictionary=list(dictionary), src_paragraphs=[x.paragraph for x in src],
                           tgt_paragraphs=[x.paragraph for x in tgt]))
        timings["align"] = time.process_time() - clock
        clock = time.process_time()
        value["beads"] = [[list(b.src), list(b.tgt), float(b.score)] for b in beads]
        value["terms"] = _extract_terms([x.text for x in src], [x.text for x in tgt], beads, dictionary=dictionary)
        timings["terms"] = time.process_time() - clock
    return {"value": value, "timings": timings}


_TERM_FIELDS = tuple(f.name for f in dataclasses.fields(Term))


_FORMS_AT = _TERM_FIELDS.index("forms")


def _term_data(term: Term) -> list:
    """A Term as JSON-ready data: its fields in `models.Term`'s order, forms as [form, count] pairs
    (a list, not a dict: cache entries hold tens of thousands of terms, decoded on every build)."""
    data = [getattr(term, name) for name in _TERM_FIELDS]
    data[_FORMS_AT] = [[f.form, f.count] for f in term.forms]
    return data


#: The JSON types of `_term_data`'s fields (`models.Term`'s order; a note is a string or null; the
#: part of speech, last, a string: `_term_from` does not run Term's defaulting).
_TERM_TYPES = tuple([str, str, str, int, str, list, int, note, str] for note in (str, type(None)))


def _valid_term(data: Any) -> bool:
    """Whether `data` is a term as `_term_data` gives it ([form, count] lists as its forms)."""
    if type(data) is not list or list(map(type, data)) not in _TERM_TYPES:
        return False
    for form in data[_FORMS_AT]:
        if type(form) is not list or len(form) != 2 or type(form[0]) is not str or type(form[1]) is not int:
            return False
    return True


def _term_from(data: list) -> Term:
    """The Term that `_term_data` gave `data` for, made as its dataclass's __init__ makes it but
    without setting each field through `object.__setattr__` (what a frozen dataclass does): a
    rebuild makes about 70,000 of them, with 80,000 forms, while SQLite indexes text."""
    term = _new(Term)
    term.__dict__.update(zip(_TERM_FIELDS, data))
    term.__dict__["forms"] = tuple([_form(form, count) for form, count in data[_FORMS_AT]])
    return term


def _proposed_concept(lv_key: str, lv: list, en: list | None, *, source: str) -> Concept:
    """The extracted Concept of one proposal ([Latvian key, Latvian term, English term or None] as
    `_extract_terms` gives it), made as `_term_from` makes its terms (38,000 in a 1,000-pair build)."""
    concept = _new(Concept)
    concept.__dict__.update(id=f"x-{lv_key.replace(' ', '-')}", terms=(_term_from(lv), _term_from(en)) if en else
                            (_term_from(lv),), subject_field=None, definition=None, note=None, origin="extracted",
                            source=source)
    return concept


def _form(form: str, count: int) -> TermForm:
    made = _new(TermForm)
    made.__dict__.update(form=form, count=count)
    return made


_new = object.__new__


def _dictionary(curated) -> list[tuple[str, str]]:
    """(Latvian term, English term) pairs of every curated concept: anchors for the aligner and pairing."""
    return [(a.text, b.text) for c in curated for a in c.terms_in(SOURCE_LANG) for b in c.terms_in(TARGET_LANG)]


def _extract_terms(lv_sents: list[str], en_sents: list[str], beads: Sequence[Bead], *, dictionary) -> list:
    """[Latvian key, Latvian term, English term or None, writing] of every term proposed from one
    aligned post pair (`terms.pair.proposals`: pairs above the calibrated threshold, best first,
    then recurring terms without a safe English equivalent), the terms as `_term_data` (the English
    one's note its `termbase.confidence_note`, with this post's sentence pairs), writing
    the Latvian term's `Candidate.writing` as a list; merged under the curated termbase by the
    build (`termbase.merge`'s `writing`)."""
    from .terms.extract import extract_terms
    from .terms.pair import pair_terms, proposals
    from .terms.termbase import confidence_note

    lv_c = extract_terms(lv_sents, lang="lv")
    en_c = extract_terms(en_sents, lang="en")
    en_by_key = {c.key: c for c in en_c}
    pairs = pair_terms(lv_c, en_c, beads, lv_sentences=lv_sents, en_sentences=en_sents, dictionary=dictionary,
                       per_term=1)
    out = []
    for lv_term, p in proposals(lv_c, pairs, min_confidence=EXTRACT_MIN_CONFIDENCE):
        # the note: the pairing confidence (what `lvterm review` sorts by) and the distinct sentence
        # pairs of this post it was computed on (what lookup's display threshold goes by)
        note = None if p is None else confidence_note(p.confidence, sentence_pairs=p.sentence_pairs)
        en = None if p is None else _term_data(en_by_key[p.en_key].as_term(note=note))
        out.append([lv_term.key, _term_data(lv_term.as_term()), en, list(lv_term.writing)])
    return out
