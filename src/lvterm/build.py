"""`build_library`: corpus/posts + termbase/ -> build/lvterm.db (one SQLite file, renamed into place
with its inspect file, build/lvterm.db.inspect.json, the table counts `lvterm serve` hands Datasette).

Stages: read posts (`lvterm.buildcorpus`) -> per post pair (or post without a pair), `work_unit`
(`lvterm.buildunits`): segment, align, extract and pair term candidates -> write posts, segments,
beads (`lvterm.buildrows`) -> extracted terms merged under the curated termbase -> termbase tables
and occurrences -> indexes, FTS5, view. Each stage calls the library module that owns it.

The per-post work is cached (`lvterm.buildcache`, `build/cache/`: a rebuild after editing one post
recomputes that post's pair only) and runs in parallel (`lvterm.parallel`: local processes or a Dask
cluster); the corpus-level steps run here, in the one process that writes the database. A cached
result is the value `work_unit` returned, so an incremental build gives the same library as a full one.
"""
from __future__ import annotations

import contextlib
import functools
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
from .constants import SOURCE_LANG, TARGET_LANG
from . import db as dbmod
from .errors import InputError
from .fileio import HeldSignals, atomic_path
from .formats import post as postfmt
from .prior import Manifest, file_identity, scan_digest, valid_manifest
from .prior import attach as attach_prior, detach as detach_prior
from . import buildrows
from .buildcorpus import _read_corpus, _valid_records
from .buildrows import Doc as _Doc
from .buildunits import (_Unit, _check_values, _dictionary, _key_units, _proposed_concept, _run_units, _take_values,
                         _unchanged_units, _units, _valid_terms, no_collections)
from .progress import advancing

log = logging.getLogger("lvterm.build")

Progress = Callable[..., Any]  # progress(iterable, *, label, length) -> context manager yielding the iterable

#: Names of the per-post work that tests and benchmarks import from here (`lvterm.build.work_unit`,
#: ...): `lvterm.buildunits` has them.
_UNIT_NAMES = frozenset({"CACHE_KIND", "min_parallel_units", "work_unit", "_valid", "_term_data", "_term_from",
                         "_TERM_FIELDS", "_TERM_TYPES", "_FORMS_AT"})


def __getattr__(name: str) -> Any:
    if name not in _UNIT_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import buildunits

    return getattr(buildunits, name)


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
