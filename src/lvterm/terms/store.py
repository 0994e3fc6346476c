"""Write the termbase into the library database: concepts, terms, term_forms, occurrences.

`write_termbase(db, concepts)` is what `lvterm build` calls once segments and beads are written:
it fills the four tables (as `lvterm.schema` declares them: created when missing, emptied when
present) and indexes their keys for the lookup engine, and — unless occurrences are given — finds every term in the `segments` table by stem key, so
each term gets the inflected forms actually seen (with counts) and the beads that show it.

Every Latvian term also gets its generated paradigm (`generated_forms`: each case and number of
the head with its agreeing adjectives, from the Hunspell lexicon), stored with count 0 and
generated = 1 unless the form was seen or recorded; the occurrence scan looks for them too. So
lookup, highlighting and the concordance find 'biedra naudām' or 'dzejoļa' before the corpus has
shown them. Paradigms are cached per term and per lemma, so a rebuild does not pay them twice.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
from collections import Counter, defaultdict
from itertools import groupby, islice
from operator import itemgetter, le, lt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .. import schema
from ..db import write_rows, write_tuples
from ..errors import LvtermError
from ..lang import get as get_lang
from ..models import Concept
from ..progress import advancing
from .matcher import TermMatcher
from .termbase import common_word_reading, written_as_name

log = logging.getLogger(__name__)


def _clear(db) -> None:
    """The termbase tables present (as `lvterm.schema` declares them) and empty."""
    schema.create_tables(db)
    for name in reversed(schema.TERMBASE_TABLES):  # occurrences first: they point to terms
        db.execute(f"delete from [{name}]")


def generated_forms(lang: str, text: str) -> tuple[str, ...]:
    """Every inflected form of a term its language can generate (Latvian: `lv.inflect_term`, its
    adjectives in both definiteness: "kopīgajām interesēm" is kopīga interese too), the term itself
    included; () for a language that generates none."""
    generate = getattr(get_lang(lang), "inflect_term", None)
    return tuple(generate(text, both_definite=True)) if generate is not None else ()


def _keys(lang: str, text: str) -> dict[str, str]:
    mod = get_lang(lang)
    return {"fold_key": mod.fold_key(text), "stem_key": mod.stem_key(text), "lemma_key": mod.lemma_key(text)}


def _generated(lang: str, text: str, cache: dict | None) -> tuple[list[str], dict[str, str]]:
    """A term's `generated_forms` and `_keys`, from `cache` ("lang<TAB>term" -> [forms, keys], as
    `valid_forms_cache` accepts) when it has them (else computed, and put in it)."""
    if cache is not None:
        hit = cache.get(f"{lang}\t{text}")
        if hit is not None:
            return hit[0], hit[1]
    value = [list(generated_forms(lang, text)), _keys(lang, text)]
    if cache is not None:
        cache[f"{lang}\t{text}"] = value
    return value[0], value[1]


_KEY_NAMES = frozenset(("fold_key", "stem_key", "lemma_key"))  # `_keys`


def valid_forms_cache(value: Any) -> bool:
    """Whether `value` can be a `forms_cache` read back from JSON: "lang<TAB>term" -> [forms,
    keys] as `_generated` puts them (the forms text, the keys `_keys`' three texts). Else the
    entry is damaged: the build warns and generates every paradigm again. One pass, linear in
    its size; a form that is text but not the term's cannot be told."""
    if type(value) is not dict:
        return False
    forms = []
    for hit in value.values():
        if not (type(hit) is list and len(hit) == 2 and type(hit[0]) is list and type(hit[1]) is dict
                and hit[1].keys() == _KEY_NAMES):
            return False
        forms += hit[0]
        forms += hit[1].values()
    return set(map(type, forms)) <= {str}


def valid_keys_cache(value: Any) -> bool:
    """Whether `value` can be a `keys_cache` read back from JSON: "lang<TAB>form" -> [fold key,
    stem key], both text (else the build warns and keys every form again)."""
    if type(value) is not dict:
        return False
    keys = []
    for pair in value.values():
        if not (type(pair) is list and len(pair) == 2):
            return False
        keys += pair
    return set(map(type, keys)) <= {str}


# --- finding occurrences in segments ------------------------------------------------------


def segment_beads(db) -> dict[tuple[str, int], int]:
    """(post id, segment idx) -> bead id, from the beads table's JSON id lists (unpacked by
    SQLite's json_each: a library has tens of thousands of beads), read as one row of JSON for
    every BEADS_A_READ beads: the build reads it in its index thread, where fetching row by row
    would wait for Python's GIL after every row while the main thread runs Python."""
    if "beads" not in db.table_names():
        return {}
    out: dict[tuple[str, int], int] = {}
    low, high = db.execute("select coalesce(min(id), 1), coalesce(max(id), 0) from beads").fetchone()
    for first in range(low, high + 1, BEADS_A_READ):
        row = db.execute("select json_group_array(json_array(post, idx, bead)) from ("
                         "select b.lv_post post, j.value idx, b.id bead from beads b, json_each(b.lv_ids) j "
                         "where b.id between :a and :b and b.lv_post is not null and json_valid(b.lv_ids) "
                         "union all "
                         "select b.en_post, j.value, b.id from beads b, json_each(b.en_ids) j "
                         "where b.id between :a and :b and b.en_post is not null and json_valid(b.en_ids))",
                         {"a": first, "b": first + BEADS_A_READ - 1}).fetchone()
        out.update(((post, int(idx)), bead) for post, idx, bead in json.loads(row[0]))
    return out


#: Beads whose sentences `segment_beads` reads at a time (one JSON text each, bounded).
BEADS_A_READ = 50_000


#: The columns of an occurrence row, as `scan_segments` gives them (the table's column order).
OCCURRENCE_COLUMNS = schema.OCCURRENCES.column_names
_TERM, _FORM = OCCURRENCE_COLUMNS.index("term_id"), OCCURRENCE_COLUMNS.index("form")
#: Occurrence rows written at a time (and held at most) by `write_termbase`.
OCCURRENCE_BATCH = 50_000


@dataclass
class ScanCache:
    """The occurrence scan's matches kept between builds (the build's `cache/corpus/`), read and
    replaced by `iter_occurrences`.

    `runs`: run key (a digest of one post's language, segment texts and stem keys) -> its matches,
    flat: [segment position, start, end, pattern position, ...] in the order a scan finds them.
    `patterns`: lang -> the patterns (a form's stem keys, space-joined) the runs were scanned for,
    by position; a pattern no longer looked for is None there, and a new one is added at the end,
    so a post's cached matches stay right while terms come and go: only the new patterns are
    looked for in it (when more than half the positions are None, they are numbered afresh).
    `file_of`: run key -> the file its matches were read from (named in a warning).
    `posts`: post id -> [its run key, how many occurrences it has], of the posts the last scan
    went through (set with `runs`)."""

    runs: dict[str, list[int]] = field(default_factory=dict)
    patterns: dict[str, list[str | None]] = field(default_factory=dict)
    file_of: Callable[[str], Any] = lambda key: None
    posts: dict[str, list] = field(default_factory=dict)


def scan_segments(db, terms: Sequence[Mapping[str, Any]], *, progress=None, cache: ScanCache | None = None,
                  form_keys: Mapping[tuple[str, str], str] | None = None) -> list[tuple]:
    """Every row of `iter_occurrences`, as a list."""
    return list(iter_occurrences(db, terms, progress=progress, cache=cache, form_keys=form_keys))


def iter_occurrences(db, terms: Sequence[Mapping[str, Any]], *, progress=None, cache: ScanCache | None = None,
                     form_keys: Mapping[tuple[str, str], str] | None = None) -> Iterator[tuple]:
    """`occurrence_rows` of the `segments` table's rows, each segment's bead read from the `beads`
    table; `progress`: a bar over the segments."""
    if "segments" not in db.table_names():
        return
    segments = db.execute("select id, post_id, lang, idx, text, stems from segments")  # rows in id order
    rows = advancing(segments, progress, label="finding terms", length=db["segments"].count)
    yield from occurrence_rows(rows, terms, bead_of=segment_beads(db) if terms else {}, cache=cache, form_keys=form_keys)


def occurrence_rows(segments: Iterable[Sequence], terms: Sequence[Mapping[str, Any]], *,
                    bead_of: Mapping[tuple[str, int], int], cache: ScanCache | None = None,
                    form_keys: Mapping[tuple[str, str], str] | None = None) -> Iterator[tuple]:
    """Occurrences of `terms` (dicts with id, lang and forms: the term and its recorded forms; and
    name: true for a name, `termbase.written_as_name`) in `segments` (rows of id, post_id, lang, idx, text,
    stems, in id order: the `segments` table's columns; `bead_of`: (post id, idx) -> the id of the
    segment's bead, as `segment_beads` reads them), found by `TermMatcher` (one matcher a language,
    built once); a term inside a longer term counts too. Where two terms share a key, the first
    given has it. A name's match written wholly in lower case (the matcher is case-blind) is the
    common word's where it has a common-word reading: it goes to the first term of its key that
    is no name, if any (the app Katalogs is not "katalogu", "catalogue", where the catalogue is a
    term), else it is dropped where it is one Latvian word the lexicon knows, outside an address or
    a hashtag (`termbase.common_word_reading`, `_in_address`: katalogu; not linkedin, iphone,
    diena.lv, an English facebook, nor a name of several words). A lower-case form recorded under the name (the curator's `forms`) is always
    the name's. A sentence's first word written with a capital may be either, and counts.
    Each occurrence is a row of the `occurrences` table as a tuple in its column order
    (`OCCURRENCE_COLUMNS`: id None, term_id, segment_id, bead_id, start, end, form): a large
    library has hundreds of thousands of them, and tuples are what the writer inserts.

    `cache` (`ScanCache`, the build's, kept between builds): a post whose segments are unchanged
    takes its matches from the cache instead of being scanned again, and is scanned only for the
    patterns the cache has not seen (terms added, or given new forms, since); matches of patterns
    no longer looked for are dropped, and each match's term is the one that has its pattern now.
    That gives the matches a scan finds (a match's form is the text between its offsets; at one
    word, one pattern of each length). The cache is replaced in place by this build's runs once
    every row has been taken (rows are given a post at a time, so a library's occurrences need not
    all be held). A post's cached matches that a scan cannot have found (`_possible_matches`: not
    four integers each, a segment not of the post, offsets outside the segment's text, a pattern
    position not in the cache) are a damaged entry: one warning naming the file, and that post is
    scanned again. Matches dropped or replaced by other possible ones cannot be told (an empty
    list is also a post without matches).
    `form_keys`: (lang, form) -> the form's stem key (`stem_key`), where already known: the
    matcher then does not stem those forms again."""
    by_lang: dict[str, list[tuple[int, Iterable[str]]]] = defaultdict(list)
    names: dict[int, frozenset[str]] = {}  # a name's term id -> its recorded forms in lower case
    for term in terms:
        by_lang[term["lang"]].append((term["id"], term["forms"]))
        if term.get("name"):
            names[term["id"]] = frozenset(f for f in term["forms"] if f.islower())
    common: dict[tuple[str, str], bool] = {}  # (lang, form) -> `common_word_reading`
    old = dict(cache.runs) if cache is not None else {}
    scans: dict[str, _LangScan] = {}
    damaged = False
    runs: dict[str, list[int]] = {}
    posts: dict[str, list] = {}
    for (post_id, lang), run in groupby(segments, key=lambda seg: (seg[1], seg[2])):
        if lang not in by_lang:
            continue
        if lang not in scans:  # a language's matcher, made when its first post comes
            known = None if form_keys is None else {form: key for (lg, form), key in form_keys.items() if lg == lang}
            scans[lang] = _LangScan(TermMatcher(by_lang[lang], lang=lang, keys=known),
                                    cache.patterns.get(lang) if cache is not None else None, names=names)
        scan = scans[lang]
        run = list(run)
        key = _run_key(lang, run)
        flat = old.get(key)
        if flat is not None and not _possible_matches(flat, run, scan.cached):
            if not damaged:
                _warn_damaged(cache.file_of(key))
            damaged, flat = True, None
        flat = runs[key] = scan.matches(run, flat)
        term_of, lower_of = scan.term_of, scan.lower_of
        out = []
        for i in range(0, len(flat), 4):
            k, start, end, at = flat[i:i + 4]
            seg_id, _, _, idx, text, _ = run[k]
            form = text[start:end]
            term = term_of[at]
            if term in names and form.islower() and form not in names[term]:  # the common word's?
                if lower_of[at] is not None:
                    term = lower_of[at]
                elif not _in_address(text, start, end):  # (diena.lv, #diena, info@diena: the name's)
                    reading = common.get((lang, form))
                    if reading is None:
                        reading = common[(lang, form)] = common_word_reading(form, lang=lang)
                    if reading:
                        continue
            out.append((None, term, seg_id, bead_of.get((post_id, idx)), start, end, form))
        posts[post_id] = [key, len(out)]
        yield from out
    if cache is not None:
        cache.runs, cache.patterns = runs, {lang: scan.positions for lang, scan in scans.items()}
        cache.posts = posts


def _in_address(text: str, start: int, end: int) -> bool:
    """The match `text[start:end]` is part of a web or e-mail address or a hashtag (diena.lv,
    www.diena.lv/x, #diena, diena@example.com): there a name is written in lower case as a name."""
    before, after = text[start - 1:start] if start else "", text[end:end + 2]
    return before in ("#", "@", "/", ".") or after[:1] in ("@", "/") or (after[:1] == "." and after[1:2].isalnum())


class _LangScan:
    """One language's part of the occurrence scan: its matcher, the pattern positions of the
    cache (`ScanCache.patterns`) and this build's, and each position's term, and its first term
    that is none of `names` (a match written in lower case is that one's, `occurrence_rows`). The
    cached matches are the matcher's, whoever's names: what a match counts for is decided after."""

    def __init__(self, matcher: TermMatcher, old: Sequence[str | None] | None, *,
                 names: frozenset | set = frozenset()):
        self.matcher = matcher
        patterns = matcher.patterns
        joined = {" ".join(p): p for p in patterns}
        self.old = list(old or ())
        kept = [p if p in joined else None for p in self.old]
        if sum(p is not None for p in kept) * 2 < len(kept):  # mostly gone: numbered afresh
            kept = []
        seen = set(kept)
        self.positions = kept + [p for p in joined if p not in seen]
        self.index = {joined[p]: at for at, p in enumerate(self.positions) if p is not None}
        self.term_of = [patterns[joined[p]][0] if p is not None else None for p in self.positions]
        self.lower_of = [next((t for t in patterns[joined[p]] if t not in names), None) if p is not None else None
                         for p in self.positions]
        # an old position -> its position now (-1: no longer looked for); unchanged where it can be
        self.moved = [self.index.get(joined[p], -1) if p in joined else -1 for p in self.old]
        self.same = self.moved == list(range(len(self.old)))
        self.cached = {at for at, p in enumerate(self.old) if p is not None}  # positions a cached match may have
        before = set(self.old)
        new = [joined[p] for p in joined if p not in before]
        self.rest = matcher if len(new) == len(patterns) else (matcher.restricted(new) if new else None)

    def matches(self, run: Sequence[tuple], flat: list[int] | None) -> list[int]:
        """One post's matches now: scanned (`flat` None: not cached), or the cached ones with
        positions moved and those of patterns gone dropped, and the new patterns' matches added."""
        if flat is None:
            return self._scan(self.matcher, run)
        if not self.same:
            moved, out = self.moved, []
            for i in range(0, len(flat), 4):
                at = moved[flat[i + 3]]
                if at >= 0:
                    out += (flat[i], flat[i + 1], flat[i + 2], at)
            flat = out
        if self.rest is not None:
            extra = self._scan(self.rest, run)
            if extra:
                both = [flat[i:i + 4] for i in range(0, len(flat), 4)] + [extra[i:i + 4] for i in range(0, len(extra), 4)]
                both.sort(key=lambda m: (m[0], m[1], -m[2]))  # a scan's order: by word, longest first
                flat = [v for m in both for v in m]
        return flat

    def _scan(self, matcher: TermMatcher, run: Sequence[tuple]) -> list[int]:
        flat: list[int] = []
        if matcher:
            index = self.index
            for k, seg in enumerate(run):
                if not seg[4]:
                    continue
                # the row's stem keys are the matcher's word keys: a sentence without a
                # term's first word is not tokenised
                for start, end, pattern in matcher.locate(seg[4], keys=seg[5]):
                    flat += (k, start, end, index[pattern])
        return flat


def _possible_matches(flat: Any, run: Sequence[tuple], positions: set[int]) -> bool:
    """Whether `flat` can be what the scan finds in `run` (one post's segment rows): [segment
    position, start, end, pattern position] integers, positions in order within the run, start <
    end within the segment's text (a match is a run of words), the pattern position one of the
    cache's `positions`. Linear in the list and run in C (`map`, `set`), so checking every cached
    post costs little beside using it."""
    if type(flat) is not list or len(flat) % 4:
        return False
    if not flat:
        return True
    if set(map(type, flat)) != {int}:  # not True: a JSON bool is no position
        return False
    at, starts, ends, patterns = flat[::4], flat[1::4], flat[2::4], flat[3::4]
    if not (0 <= at[0] and at[-1] < len(run) and all(map(le, at, islice(at, 1, None)))):
        return False
    lengths = [len(seg[4] or "") for seg in run]
    return (min(starts) >= 0 and all(map(lt, starts, ends)) and all(map(le, ends, map(lengths.__getitem__, at)))
            and positions.issuperset(patterns))


def _warn_damaged(cache_file: str | os.PathLike | None) -> None:
    """One line for a damaged scan cache, worded as `buildcache.BuildCache` words its own."""
    if cache_file is None:
        log.warning("the occurrence scan's cache is damaged (a value that cannot be right for its key); recomputed")
    else:
        log.warning("%s: cache file is damaged (a value that cannot be right for its key); recomputed", cache_file)


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")).hexdigest()


def _run_key(lang: str, run: Sequence[tuple]) -> str:
    """The cache key of one post's segments (rows of id, post_id, lang, idx, text, stems)."""
    return _digest([lang, [[seg[4], seg[5]] for seg in run]])


# --- writing ---------------------------------------------------------------------------------


def _case_form(form: str, term: str) -> str:
    """'Biedra nauda' at a sentence start is the form 'biedra nauda' of a lower-case term."""
    if term[:1].islower() and form[:1].isupper() and not form[:2].isupper():
        return form[0].lower() + form[1:]
    return form


class PreparedTermbase:
    """The termbase's rows before the database is touched (`prepare_termbase`): concepts and terms,
    each term's forms (recorded and generated) and the stem keys of those forms, and the form keys
    used so far. `write_termbase` finishes it with the occurrences found in the database."""

    def __init__(self, concepts: Iterable[Concept], *, forms_cache: dict | None = None,
                 keys_cache: dict | None = None):
        concepts = list(concepts)
        ids = [c.id for c in concepts]
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise LvtermError(f"concept id {dup!r} appears twice: merge extracted concepts with termbase.merge first")
        self.keys_cache = keys_cache
        self._known, self.used_keys = (keys_cache or {}), {}
        self.concept_rows: list[dict] = []
        self.term_rows: list[dict] = []
        self.form_map: dict[int, dict[str, int]] = {}
        self.generated: dict[int, set[str]] = {}
        self.term_ids: dict[tuple[str, str, str], int] = {}
        self.scan_terms: list[dict] = []
        next_id = 1
        for c in concepts:
            self.concept_rows.append({"id": c.id, "subject_field": c.subject_field, "definition": c.definition,
                                      "note": c.note, "origin": c.origin, "source": c.source})
            for t in c.terms:
                tid = next_id
                next_id += 1
                self.term_ids[(c.id, t.lang, t.text)] = tid
                forms: dict[str, int] = {t.text: 0}
                for f in t.forms:
                    forms[f.form] = max(forms.get(f.form, 0), f.count)
                made, keys = _generated(t.lang, t.text, forms_cache)
                self.generated[tid] = {g for g in made if g not in forms}
                forms.update(dict.fromkeys(sorted(self.generated[tid]), 0))
                self.form_map[tid] = forms
                self.term_rows.append({"id": tid, "concept_id": c.id, "lang": t.lang, "term": t.text,
                                       "status": t.status, "reliability": t.reliability, "term_type": t.term_type,
                                       "frequency": t.frequency, **keys, "curated": int(c.origin == "curated"),
                                       "note": t.note, "part_of_speech": t.part_of_speech})
                self.scan_terms.append({"id": tid, "lang": t.lang, "forms": list(forms), "name": written_as_name(t)})
        # the matcher keys forms by their stem keys, which the rows need too: computed once
        self.stems = {(t["lang"], form): self.keys_of(t["lang"], form)[1]
                      for t in self.scan_terms for form in t["forms"]}

    def keys_of(self, lang: str, form: str) -> list[str]:
        """[fold key, stem key] of a form's row: from `keys_cache`, else computed."""
        name = f"{lang}\t{form}"
        keys = self.used_keys.get(name) or self._known.get(name)
        if keys is None:
            mod = get_lang(lang)
            keys = [mod.fold_key(form), mod.stem_key(form)]
        self.used_keys[name] = keys
        return keys


def prepare_termbase(concepts: Iterable[Concept], *, forms_cache: dict | None = None,
                     keys_cache: dict | None = None) -> PreparedTermbase:
    """Everything of `write_termbase` that needs no database (pure Python: `build` runs it while
    SQLite indexes the corpus text in another thread)."""
    return PreparedTermbase(concepts, forms_cache=forms_cache, keys_cache=keys_cache)


def write_termbase(db, concepts: Iterable[Concept] | PreparedTermbase, *,
                   occurrences: Iterable[Mapping[str, Any]] | None = None, scan: bool = True,
                   found: Iterable[tuple] | None = None, progress=None,
                   forms_cache: dict[str, list[str]] | None = None, scan_cache: ScanCache | None = None,
                   keys_cache: dict | None = None,
                   insert_occurrences: Callable[[Any], tuple[int, Counter]] | None = None,
                   observed: Counter | None = None, indexes: bool = True) -> dict[str, int]:
    """(Re)create concepts, terms, term_forms and occurrences in `db` (a sqlite_utils.Database).

    `concepts`: the merged termbase, or `prepare_termbase` of it (then `forms_cache` and
    `keys_cache` are the ones given there).
    `occurrences`: dicts with term_id-less spans {"concept_id", "lang", "term", "segment_id",
    "bead_id", "start", "end", "form"}; when None and `scan` is true, occurrences are found in the
    `segments` table (if present). `found`: instead, the `occurrence_rows` of the prepared
    termbase's `scan_terms`, found already (the build finds them while SQLite indexes text).
    `insert_occurrences(db)`: instead, a function that inserts the occurrence rows itself, ids
    given, and returns how many and their (term id, form) counts (a rebuild, which copies
    unchanged posts' rows from the previous library: `lvterm.prior`).
    `observed`: a Counter the occurrences' (term id, form) counts are added to.
    `indexes`: create the library's indexes at the end (false: the caller does, `schema.create_indexes`).
    Forms seen in occurrences are added to each term's forms, with counts (a form's count is the
    larger of the given and the observed count).
    `progress`: a bar over the segments while occurrences are found (`lvterm.progress`).
    `forms_cache`: "lang<TAB>term" -> [`generated_forms`, keys], read and filled (the build keeps it
    between builds, so a rebuild does not generate every term's paradigm and lemma key again; one
    read back is checked by `valid_forms_cache`, and `keys_cache` by `valid_keys_cache`).
    `scan_cache`: the occurrence scan's per-post matches (`ScanCache`), read and replaced.
    `keys_cache`: "lang<TAB>form" -> [fold key, stem key] of the forms' rows, read and replaced by
    this build's forms (a rebuild does not stem every form again).
    Returns row counts per table.
    """
    p = concepts if isinstance(concepts, PreparedTermbase) else prepare_termbase(
        concepts, forms_cache=forms_cache, keys_cache=keys_cache)
    _clear(db)
    write_rows(db, "concepts", p.concept_rows)
    if found is not None:
        occ = iter(found)
    elif occurrences is None:
        occ = iter_occurrences(db, p.scan_terms, progress=progress, cache=scan_cache,
                               form_keys=p.stems) if scan else iter(())
    else:
        occ = []
        for o in occurrences:
            tid = o.get("term_id") or p.term_ids.get((o["concept_id"], o["lang"], o["term"]))
            if tid is None:
                log.warning("occurrence of unknown term %r skipped", o.get("term"))
                continue
            occ.append((None, tid, o["segment_id"], o.get("bead_id"), o["start"], o["end"], o["form"]))
    # written a batch at a time as the scan finds them, counted per distinct (term, form): a
    # library has hundreds of thousands of occurrences, and they need not all be held
    pairs: Counter = Counter()
    n_occ = 0
    if insert_occurrences is not None:
        n_occ, counted = insert_occurrences(db)
        pairs.update(counted)
    occ = iter(occ) if insert_occurrences is None else iter(())
    while batch := list(islice(occ, OCCURRENCE_BATCH)):
        pairs.update(zip(map(itemgetter(_TERM), batch), map(itemgetter(_FORM), batch)))
        n_occ += write_tuples(db, "occurrences", batch)
    if observed is not None:
        observed.update(pairs)
    text_of = {row["id"]: row["term"] for row in p.term_rows}
    seen: dict[int, Counter] = defaultdict(Counter)
    for (tid, form), n in pairs.items():
        seen[tid][_case_form(form, text_of[tid])] += n
    form_rows = []  # tuples in `schema.TERM_FORMS` column order (tens of thousands: no dict a row)
    for row in p.term_rows:
        tid = row["id"]
        forms = p.form_map[tid]
        for form, n in seen[tid].items():
            forms[form] = max(forms.get(form, 0), n)
        row["frequency"] = max(row["frequency"] or 0, sum(seen[tid].values()))
        for form, n in sorted(forms.items(), key=lambda kv: (-kv[1], kv[0] != row["term"], kv[0])):
            fold_key, stem_key = p.keys_of(row["lang"], form)
            form_rows.append((None, tid, form, n, fold_key, stem_key, int(n == 0 and form in p.generated[tid])))
    if p.keys_cache is not None:
        p.keys_cache.clear()
        p.keys_cache.update(p.used_keys)
    write_rows(db, "terms", p.term_rows)
    write_tuples(db, "term_forms", form_rows)
    db.conn.commit()  # executemany leaves a transaction open: other connections see the rows now
    if indexes:
        schema.create_indexes(db)
    return {"concepts": len(p.concept_rows), "terms": len(p.term_rows), "term_forms": len(form_rows),
            "occurrences": n_occ}
