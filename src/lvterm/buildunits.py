"""The per-post work of `lvterm build`: one unit per post pair (or post without a pair), cached, run
anywhere.

`work_unit` segments, aligns and extracts and pairs the term candidates of one unit: a pure
function of its arguments, run here, in a worker process or on a Dask cluster (`lvterm.parallel`),
whose value the build cache keeps (`lvterm.buildcache`). Beside it: the units of a corpus and their
cache keys (`_units`, `_key_units`), their values taken from the cache or computed (`_run_units`,
`_take_values`), the checks that a cached value can be its unit's (`_valid`), and a term's
round-trip through the cache (`_term_data`, `_term_from`, `_proposed_concept`). `build_library`
(`lvterm.build`) runs them.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from . import buildrows
from . import db as dbmod
from .buildrows import Doc as _Doc
from .constants import EXTRACT_MIN_CONFIDENCE, SOURCE_LANG, TARGET_LANG
from .errors import LvtermError
from .formats import post as postfmt
from .models import Bead, Concept, Term, TermForm
from .prior import Manifest, describes
from .progress import Progress

log = logging.getLogger("lvterm.build")  # (the build's messages, under the one name they always had)


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


def _check_values(units: Sequence[_Unit], run, only: set[int], *, aux) -> None:
    """`_take_values` of the units in `only`, whose rows were copied from the previous library
    (their counts are the manifest's): a value that does not match stops the build, and the
    manifest is not trusted again (the next build writes every row; `aux`: the build's `_Aux`)."""
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
               progress: Progress, report) -> list[dict]:
    """Each unit's value (keys given by `_key_units`): from the cache, or computed by `work_unit`
    (here, on local worker processes or on a Dask cluster) and then cached; counted in `report`
    (the build's `BuildReport`). Raises LvtermError when any unit failed."""
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
