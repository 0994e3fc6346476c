"""Curated termbase: load and validate termbase/*.yml, and merge extracted candidates under it.

A curated file is one subject field (format in termbase/README.md); `accepted.yaml` (proposals a
person accepted in `lvterm review`) is one more curated file. `rejected.yaml` lists the proposals a
person rejected: `merge` never proposes them again. Loading is strict: the first problem raises
`InputError` naming the file and line, before anything is written anywhere (`load_termbase` also
refuses a pair that is both curated and rejected). Merging keeps curated entries exactly as
written; extraction only attaches forms (with counts) and frequency to a curated term with the same
stem key, and adds the rest as `proposed` concepts.
"""
from __future__ import annotations

import dataclasses
import datetime
import logging
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import AbstractSet, Any, Iterable, Mapping, Sequence

from ..errors import InputError
from ..lang import get as get_lang
from ..models import PARTS_OF_SPEECH, Concept, Term, TermForm
from ..textio import tidy

STATUSES = ("preferred", "admitted", "deprecated", "proposed")
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase", "properNoun")
LANGS = ("lv", "en")
ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_CONCEPT_KEYS = {"id", "definition", "note", "subject_field", "source", "provenance", *LANGS}
_TERM_KEYS = {"term", "status", "reliability", "term_type", "part_of_speech", "forms", "note"}
_FILE_KEYS = {"subject_field", "reliability", "concepts"}
_REJECTION_KEYS = {"id", "lv", "en", "date", "note"}
_LINE = "__line__"
log = logging.getLogger(__name__)

#: The files `lvterm review` writes in the termbase folder: accepted proposals (a curated file like
#: the others) and rejected ones (read by `load_rejected`, never as a curated file).
ACCEPTED_FILE = "accepted.yaml"
REJECTED_FILE = "rejected.yaml"
#: A concept's `provenance:` becomes a line of its note (so every export carries it).
PROVENANCE_NOTE = "Provenance: "
#: The note an extracted English term carries: how sure the pairing is (`lvterm review` sorts by it),
#: and, since notes give it (`confidence_note`), right after it the distinct sentence pairs of the
#: post it was computed in (`note_evidence` reads both).
_EVIDENCE_RE = re.compile(r"\bpairing confidence (\d+(?:\.\d+)?)(?: \(from (\d+) sentence pairs? of one post\))?")


def term_key(lang: str, text: str) -> str:
    """The key terms are matched on: the language's stem key (folded, inflection-blind)."""
    return get_lang(lang).stem_key(text)


# --- loading ----------------------------------------------------------------------------


def _loader():
    import yaml

    class LineLoader(yaml.SafeLoader):
        """SafeLoader that records the 1-based line of every mapping under `__line__`."""

        def construct_mapping(self, node, deep=False):
            mapping = super().construct_mapping(node, deep=deep)
            mapping[_LINE] = node.start_mark.line + 1
            return mapping

    return LineLoader


def load_file(path: str | os.PathLike) -> list[Concept]:
    """Load one curated YAML file into concepts (origin "curated"); InputError on any problem.
    Read by `textio.read_yaml` (Unicode text; only LF, CRLF and CR end a line, for YAML too)."""
    from ..textio import read_yaml

    path = Path(path)
    data = read_yaml(path, what="malformed YAML", loader=_loader())
    return _concepts_from_data(data, path=path)


def _check(cond: bool, message: str, *, path: Path, line: int | None) -> None:
    if not cond:
        raise InputError(message, path=path, line=line)


def _no_unknown(keys: Iterable[Any], allowed: set[str], what: str, *, path: Path, line: int) -> None:
    unknown = sorted(str(k) for k in keys if k not in allowed and k != _LINE)
    if unknown:
        raise InputError(f"unknown {what} key {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})", path=path,
                         line=line)


def _concepts_from_data(data: Any, *, path: Path) -> list[Concept]:
    _check(isinstance(data, dict), "a curated file must be a mapping with a 'concepts' list", path=path, line=1)
    top_line = data.get(_LINE, 1)
    _no_unknown(data, _FILE_KEYS, "top-level", path=path, line=top_line)
    field = data.get("subject_field")
    _check(field is None or isinstance(field, str), "subject_field must be text", path=path, line=top_line)
    default_rel = data.get("reliability", 3)
    _check(isinstance(default_rel, int) and 1 <= default_rel <= 4, "reliability must be 1-4",
           path=path, line=top_line)
    items = data.get("concepts")
    if items is None and path.name == ACCEPTED_FILE:  # review's file, its entries deleted by hand
        items = []
    _check(isinstance(items, list) and (items or path.name == ACCEPTED_FILE), "'concepts' must be a non-empty list",
           path=path, line=top_line)
    concepts = []
    for item in items:
        concepts.append(_concept(item, path=path, field=field, default_rel=default_rel, parent_line=top_line))
    return concepts


def _text(value: Any, what: str, *, path: Path, line: int, required: bool = False,
          lines: bool = False) -> str | None:
    """A text of the file, its runs of white space made one space; with `lines` (notes, definitions:
    a YAML block `|` may give them several lines) its line breaks kept, blank lines dropped."""
    if value is None:
        _check(not required, f"{what} is required", path=path, line=line)
        return None
    _check(isinstance(value, str) and value.strip() != "", f"{what} must be non-empty text", path=path, line=line)
    return tidy(value, lines=lines)


def _concept(item: Any, *, path: Path, field: str | None, default_rel: int, parent_line: int) -> Concept:
    _check(isinstance(item, dict), "each concept must be a mapping (id, lv, en, ...)", path=path, line=parent_line)
    line = item[_LINE]
    _no_unknown(item, _CONCEPT_KEYS, "concept", path=path, line=line)
    cid = item.get("id")
    _check(isinstance(cid, str) and bool(ID_RE.match(cid)),
           "concept id must be letters, digits, '-', '_' or '.', starting with a letter", path=path, line=line)
    terms: list[Term] = []
    for lang in LANGS:
        entries = item.get(lang)
        if entries is None:
            continue
        _check(isinstance(entries, list) and entries, f"{lang} must be a non-empty list of terms", path=path,
               line=line)
        for entry in entries:
            terms.append(_term(entry, lang=lang, path=path, default_rel=default_rel, parent_line=line))
    _check(any(t.lang == "lv" for t in terms), f"concept {cid!r} needs at least one lv term", path=path, line=line)
    note = _text(item.get("note"), "note", path=path, line=line, lines=True)
    provenance = _text(item.get("provenance"), "provenance", path=path, line=line)
    if provenance:
        note = "\n".join(filter(None, (note, PROVENANCE_NOTE + provenance)))
    return Concept(
        id=cid,
        terms=tuple(terms),
        subject_field=_text(item.get("subject_field", field), "subject_field", path=path, line=line),
        definition=_text(item.get("definition"), "definition", path=path, line=line, lines=True),
        note=note,
        origin="curated",
        source=f"{stable_name(path)}:{line}",
    )


def stable_name(path: Path) -> str:
    """'termbase/library-science.yml' wherever the build runs from (sources survive rebuilds)."""
    parent = path.resolve().parent.name
    return f"{parent}/{path.name}" if parent else path.name


def _term(entry: Any, *, lang: str, path: Path, default_rel: int, parent_line: int) -> Term:
    if isinstance(entry, str):  # shorthand: a bare term is preferred, with the file's reliability
        entry = {"term": entry, _LINE: parent_line}
    _check(isinstance(entry, dict), "a term must be text or a mapping with 'term'", path=path, line=parent_line)
    line = entry[_LINE]
    _no_unknown(entry, _TERM_KEYS, "term", path=path, line=line)
    text = _text(entry.get("term"), "term", path=path, line=line, required=True)
    _check(bool(get_lang(lang).stem_key(text)), f"term {text!r} has no letters or digits", path=path, line=line)
    status = entry.get("status", "preferred")
    _check(status in STATUSES, f"status must be one of {', '.join(STATUSES)} (got {status!r})", path=path, line=line)
    rel = entry.get("reliability", default_rel)
    _check(isinstance(rel, int) and not isinstance(rel, bool) and 1 <= rel <= 4,
           f"reliability must be an integer 1-4 (got {rel!r})", path=path, line=line)
    ttype = entry.get("term_type", "fullForm")
    _check(ttype in TERM_TYPES, f"term_type must be one of {', '.join(TERM_TYPES)} (got {ttype!r})", path=path,
           line=line)
    pos = entry.get("part_of_speech")  # None: Term's default (properNoun for a properNoun term, else noun)
    _check(pos is None or pos in PARTS_OF_SPEECH,
           f"part_of_speech must be one of {', '.join(PARTS_OF_SPEECH)} (got {pos!r})", path=path, line=line)
    _check(pos in (None, "properNoun") or ttype != "properNoun",
           f"a properNoun term is a proper noun: drop part_of_speech {pos!r} or change term_type", path=path,
           line=line)
    _check(pos != "properNoun" or ttype != "fullForm",
           "a name in full is term_type: properNoun (its part of speech follows): write that instead of "
           "part_of_speech: properNoun", path=path, line=line)
    forms = entry.get("forms", [])
    _check(isinstance(forms, list) and all(isinstance(f, str) and f.strip() for f in forms),
           "forms must be a list of non-empty texts", path=path, line=line)
    seen: dict[str, None] = {text: None}
    for f in forms:
        seen.setdefault(" ".join(f.split()), None)
    if ttype == "fullForm" and pos != "properNoun" and status != "deprecated" and \
            (other := _reads_as_other(text, lang=lang)):
        log.warning("%s:%s: term %r is listed under %s: but reads as %s", path, line, text, lang, other)
    return Term(lang=lang, text=text, status=status, reliability=rel, term_type=ttype,
                forms=tuple(TermForm(f, 0) for f in seen),
                note=_text(entry.get("note"), "note", path=path, line=line, lines=True), part_of_speech=pos)


def _reads_as_other(text: str, *, lang: str) -> str | None:
    """"Latvian" for an English term with Latvian letters none of whose words is an English word
    ("lasītāju zāle" under en:, not "Rīga Stradiņš University"); "English" for a Latvian term of
    several words, without Latvian letters, every one an English word the Latvian lexicon does not
    know ("reading desk" under lv:; a single word may be a loan: blogs, moderators); None otherwise
    (abbreviations in capitals are never asked)."""
    from ..constants import LATVIAN_LETTERS
    from ..lang import en, lexicon, lv

    words = text.split()
    if text.isupper():
        return None
    if lang == "en":
        latvian = any(ch in LATVIAN_LETTERS for ch in text)
        return "Latvian" if latvian and not any(en.is_word(w.lower()) for w in words) else None
    if lang != "lv" or len(words) < 2 or any(ch in LATVIAN_LETTERS for ch in text) \
            or not all(w.isalpha() for w in words):
        return None
    return "English" if all(en.is_word(w.lower()) and not lv.is_word(w.lower()) and not lexicon.is_known(w.lower())
                            for w in words) else None


def curated_files(folder: str | os.PathLike) -> list[Path]:
    """The curated files of a termbase folder, sorted by name with `accepted.yaml` (decisions
    taken on top of the curated files) last; `rejected.yaml` is not one. Or the one file given."""
    folder = Path(folder)
    if folder.is_file():
        return [folder]
    files = [p for p in [*folder.glob("*.yml"), *folder.glob("*.yaml")] if p.name != REJECTED_FILE]
    return sorted(files, key=lambda p: (p.name == ACCEPTED_FILE, p.name))


class CuratedIndex:
    """The cross-file rules of a termbase, checked one concept at a time: concept ids are unique,
    and a term (language and stem key) is curated in one concept only."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}  # concept id -> where ("termbase/x.yml:12")
        self.keys: dict[tuple[str, str], str] = {}  # (lang, stem key) -> concept id

    def check(self, concept: Concept, *, path: str | os.PathLike | None, line: int | None) -> None:
        """InputError (at `path`:`line`) when `concept` breaks a rule against those added."""
        if concept.id in self.ids:
            raise InputError(f"duplicate concept id {concept.id!r} (first at {self.ids[concept.id]})", path=path,
                             line=line)
        for term in concept.terms:
            other = self.keys.get((term.lang, term_key(term.lang, term.text)))
            if other is not None and other != concept.id:
                raise InputError(f"{term.lang} term {term.text!r} is already curated in concept {other!r}",
                                 path=path, line=line)

    def add(self, concept: Concept, *, path: str | os.PathLike | None = None, line: int | None = None) -> None:
        self.check(concept, path=path, line=line)
        self.ids[concept.id] = concept.source or concept.id
        for term in concept.terms:
            self.keys[(term.lang, term_key(term.lang, term.text))] = concept.id

    def concept_of(self, lang: str, text: str) -> str | None:
        """The id of the concept curating this term (any inflection), if any."""
        return self.keys.get((lang, term_key(lang, text)))


def load_curated(folder: str | os.PathLike = "termbase") -> list[Concept]:
    """Load every termbase/*.yml and *.yaml (sorted by name; or one file) and validate across files.

    Raises InputError (file:line) for a malformed file, a duplicate concept id, or the same
    term (same language and stem key) curated in two concepts. A missing folder gives no concepts.
    `rejected.yaml` is not a curated file (see `load_rejected`).
    """
    folder = Path(folder)
    if not folder.exists():
        return []
    concepts: list[Concept] = []
    index = CuratedIndex()
    for path in curated_files(folder):
        for concept in load_file(path):
            index.add(concept, path=path, line=int((concept.source or "").rpartition(":")[2] or 0) or None)
            concepts.append(concept)
    return concepts


# --- rejected proposals -------------------------------------------------------------------


@dataclass(frozen=True)
class Rejection:
    """A proposal a person rejected (`termbase/rejected.yaml`): the pair `lv` -> `en`, or, without
    `en`, the Latvian term with any English. Matched by stem key, so no inflection brings it back."""

    lv: str
    en: str | None = None
    date: str | None = None
    id: str | None = None
    note: str | None = None
    path: str | None = None  # the file and line it was read from (for messages)
    line: int | None = None

    @property
    def key(self) -> tuple[str, str | None]:
        return term_key("lv", self.lv), (term_key("en", self.en) if self.en else None)

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.path else "rejected proposals"


def load_rejected(folder: str | os.PathLike = "termbase") -> list[Rejection]:
    """The rejections of `folder`/rejected.yaml (none when there is no such file); InputError
    (file:line) when it is malformed.

        rejected:
          - lv: gads
            en: annual membership
            date: 2024-05-02
    """
    from ..textio import read_yaml

    path = Path(folder) / REJECTED_FILE
    if not Path(folder).is_dir() or not path.exists():
        return []
    data = read_yaml(path, what="malformed YAML", loader=_loader())
    _check(isinstance(data, dict), "rejected.yaml must be a mapping with a 'rejected' list", path=path, line=1)
    top = data.get(_LINE, 1)
    _no_unknown(data, {"rejected"}, "top-level", path=path, line=top)
    items = data.get("rejected") or []
    _check(isinstance(items, list), "'rejected' must be a list of entries (lv, en, date)", path=path, line=top)
    out = []
    for item in items:
        _check(isinstance(item, dict), "each rejection must be a mapping (lv, en, date)", path=path, line=top)
        line = item[_LINE]
        _no_unknown(item, _REJECTION_KEYS, "rejection", path=path, line=line)
        lv = _text(item.get("lv"), "lv", path=path, line=line, required=True)
        en = _text(item.get("en"), "en", path=path, line=line)
        for lang, text in (("lv", lv), ("en", en)):
            _check(text is None or bool(term_key(lang, text)), f"{lang} term {text!r} has no letters or digits",
                   path=path, line=line)
        when = item.get("date")
        _check(when is None or isinstance(when, (str, datetime.date)), "date must be a date (YYYY-MM-DD)",
               path=path, line=line)
        cid = _text(item.get("id"), "id", path=path, line=line)  # the proposal's id, for reference
        out.append(Rejection(lv=lv, en=en, date=str(when) if when is not None else None, id=cid,
                             note=_text(item.get("note"), "note", path=path, line=line, lines=True),
                             path=str(path), line=line))
    return out


def rejected_keys(rejected: Iterable[Rejection]) -> frozenset[tuple[str, str | None]]:
    """(lv key, en key or None) of every rejection: what `is_rejected` looks up."""
    return frozenset(r.key for r in rejected)


def is_rejected(concept: Concept, keys: AbstractSet[tuple[str, str | None]]) -> bool:
    """True when a rejection covers the concept: one of its Latvian terms outright, or one of its
    Latvian terms paired with one of its English terms."""
    if not keys:
        return False
    lv_keys = [term_key("lv", t.text) for t in concept.terms_in("lv")]
    en_keys = [term_key("en", t.text) for t in concept.terms_in("en")]
    return any((k, None) in keys or any((k, e) in keys for e in en_keys) for k in lv_keys)


def check_decisions(curated: Sequence[Concept], rejected: Sequence[Rejection]) -> None:
    """InputError naming the rejection (file:line) when it rejects what a curated or accepted
    entry holds: a person decided both ways, and only a person can say which decision stands."""
    if not rejected:
        return
    by_lv: dict[str, list[Concept]] = {}
    for c in curated:
        for t in c.terms_in("lv"):
            by_lv.setdefault(term_key("lv", t.text), []).append(c)
    for r in rejected:
        lv_key, en_key = r.key
        for c in by_lv.get(lv_key, ()):
            if en_key is None or en_key in {term_key("en", t.text) for t in c.terms_in("en")}:
                what = f"{r.lv!r} -> {r.en!r}" if r.en else f"{r.lv!r}"
                raise InputError(f"{what} is rejected here but curated in concept {c.id!r} ({c.source}): "
                                 f"keep one of the two decisions", path=r.path, line=r.line)


@dataclass(frozen=True)
class Termbase:
    """A termbase folder, validated: curated concepts (accepted ones included) and rejections."""

    curated: tuple[Concept, ...]
    rejected: tuple[Rejection, ...]


def load_termbase(folder: str | os.PathLike = "termbase") -> Termbase:
    """Everything `lvterm build` and `lvterm review` read from the termbase folder, validated
    together: `load_curated`, `load_rejected`, and no pair both curated and rejected."""
    curated = load_curated(folder)
    rejected = load_rejected(folder)
    check_decisions(curated, rejected)
    return Termbase(tuple(curated), tuple(rejected))


# --- merging ----------------------------------------------------------------------------


def _add_forms(term: Term, forms: Iterable[TermForm]) -> Term:
    """Attach forms: counts are the larger of what the term has and what extraction saw."""
    counts: dict[str, int] = {f.form: f.count for f in term.forms}
    for f in forms:
        counts[f.form] = max(counts.get(f.form, 0), f.count)
    if not counts:
        counts[term.text] = 0
    merged = tuple(TermForm(form, count) for form, count in counts.items())
    return dataclasses.replace(term, forms=merged, frequency=max(term.frequency, sum(f.count for f in merged)))


def merge(curated: Sequence[Concept], extracted: Iterable[Concept], *,
          rejected: Iterable[Rejection] = (), keys: Mapping[tuple[str, str], str] | None = None,
          writing: Sequence[tuple[int, int]] | None = None) -> list[Concept]:
    """Curated concepts (unchanged but for attached forms), then extracted ones as `proposed`.

    An extracted concept that a rejection covers (`is_rejected`: its Latvian term with that
    English, or its Latvian term outright) is left out: a rejected pair never comes back.

    An extracted term whose (lang, stem key) matches a curated term — or one of its curated
    forms — adds its forms and frequency to that curated term; nothing else of the curated entry
    changes. Remaining extracted concepts are kept with every term's status forced to `proposed`
    (whatever status a post gave it) and origin "extracted"; two extracted concepts whose Latvian
    terms share a key are merged (`_Merged`: forms and frequency added up; the writing met most
    often over the posts, capitals only when there is no other (`_chosen`), with that writing's
    term type and surest note; the id and source of a post's concept with that writing,
    `_representative`; the English equivalents paired with the Latvian term so written first,
    `_best_first`), and an English candidate paired with several Latvian terms stays only with
    the pair of highest pairing confidence (`_owners`), so no term is duplicated across concepts.
    A name and a common word share a stem key (the app Katalogs, katalogs "catalogue"), not a
    concept: where extracted concepts of one Latvian key hold both (`_name_kind`), one kind keeps
    the key (`_kept_kinds`) and the other's concepts are left out, their forms and English with
    them (a stem key is one term of a termbase). A kind that keeps an English equivalent (one no
    surer pair of another Latvian term takes) wins over one that keeps none; else the writing of
    every post's occurrences decides, added up (`writing`): the name where more are written as
    one than wholly in lower case, else the common word (the majority rule within one post,
    `writing._named`). So every choice is the same in whatever order the posts come; only the
    order of the proposed concepts (first met first) and of the forms attached to a curated term
    follows it.

    `keys`: (lang, text) -> `term_key` where already known (the build has the keys of its
    previous termbase): a text met again, here or there, is not stemmed again.
    `writing`: for each extracted concept, in order, (occurrences written as a name, written
    wholly in lower case) of its Latvian term's key in its post (`extract.Candidate.writing`);
    without it, a term's frequency counts for its kind.
    """
    curated = list(curated)
    known: dict[tuple[str, str], str] = dict(keys or {})

    def key_of(lang: str, text: str) -> tuple[str, str]:
        k = known.get((lang, text))
        if k is None:
            k = known[(lang, text)] = term_key(lang, text)
        return lang, k

    index: dict[tuple[str, str], tuple[int, int]] = {}
    for ci, concept in enumerate(curated):
        for ti, term in enumerate(concept.terms):
            for text in (term.text, *(f.form for f in term.forms)):
                index.setdefault(key_of(term.lang, text), (ci, ti))
    attached: dict[tuple[int, int], list[TermForm]] = {}
    # Latvian key -> (its extracted concepts with their Latvian terms, its terms by key)
    proposed: dict[tuple[str, str], tuple[list[tuple[Term, Concept]], dict[tuple[str, str], _Merged]]] = {}
    order: list[tuple[str, str]] = []
    refused = rejected_keys(rejected)
    extracted = list(extracted)
    if writing is not None and len(writing) != len(extracted):
        raise ValueError(f"writing: {len(writing)} entries for {len(extracted)} extracted concepts")
    entries: list[tuple] = []  # (Latvian key, its term, `_name_kind`, the terms not curated, concept, writing)
    for at, concept in enumerate(extracted):
        if is_rejected(concept, refused):
            continue
        rest: list[tuple[tuple[str, str], Term]] = []
        hit_lv = False
        for term in concept.terms:
            key = key_of(term.lang, term.text)
            hit = index.get(key)
            if hit is not None:
                forms = term.forms or (TermForm(term.text, term.frequency),)
                target = curated[hit[0]].terms[hit[1]]
                if written_as_name(target):  # a name takes no common word's form (the scan's rule)
                    recorded = {f.form for f in target.forms}
                    forms = [f for f in forms if f.form in recorded
                             or not common_word_reading(f.form, lang=term.lang)]
                attached.setdefault(hit, []).extend(forms)
                hit_lv = hit_lv or term.lang == "lv"
            else:  # every merged extracted term is a proposal, whatever status its post gave it
                rest.append((key, term if term.status == "proposed" else dataclasses.replace(term, status="proposed")))
        lv_key, lv_term = next(((k, t) for k, t in rest if t.lang == "lv"), (None, None))
        if hit_lv or lv_key is None:
            continue  # the Latvian term is curated: its English candidates never override curation
        kind = _name_kind(lv_term)
        entries.append((lv_key, lv_term, kind, rest, concept,
                        writing[at] if writing is not None else _writing_of(lv_term, kind)))
    units = _units(entries)
    kept_kinds = _kept_kinds(entries, units)  # (by the English each kind would keep against other keys)
    kept = [i for i, e in enumerate(entries) if e[2] is None or kept_kinds.get(e[0], e[2]) == e[2]]
    # (the other kind's: the name's and the common word's English is no equivalent of the other)
    entries, units = [entries[i] for i in kept], [units[i] for i in kept]
    owner = _owners(entries, units)
    # Latvian key -> English key -> the Latvian writings paired with it
    paired_with: dict[tuple[str, str], dict[tuple[str, str], set[str]]] = {}
    for lv_key, lv_term, _, rest, concept, _ in entries:
        rest = [(k, t) for k, t in rest if t.lang == "lv" or owner[k][0] == lv_key]
        if lv_key not in proposed:
            proposed[lv_key] = ([], {})
            order.append(lv_key)
        concepts, terms = proposed[lv_key]
        concepts.append((lv_term, concept))
        for k, t in rest:  # two extracted concepts with one Latvian key: one concept, forms added up
            if k in terms:
                terms[k].add(t)
            else:
                terms[k] = _Merged(t)
            if t.lang != "lv":
                paired_with.setdefault(lv_key, {}).setdefault(k, set()).add(lv_term.text)
    out: list[Concept] = []
    for ci, concept in enumerate(curated):
        terms = tuple(_add_forms(t, attached.get((ci, ti), ())) for ti, t in enumerate(concept.terms))
        out.append(dataclasses.replace(concept, terms=terms))
    taken = {c.id for c in out}
    made: dict[tuple[str, str], tuple[Concept, tuple[Term, ...]]] = {}
    for key in order:
        concepts, merged = proposed[key]
        terms = {k: m.term() for k, m in merged.items()}
        made[key] = (_representative(concepts, terms[key]),
                     _best_first(terms, terms[key].text, paired_with.get(key, {})))
    ids: dict[tuple[str, str], str] = {}
    for key in sorted(order, key=lambda k: (made[k][0].id, k)):  # an id two keys share: "-2" by key, not by post
        base = made[key][0].id
        cid, n = base, 2
        while cid in taken:
            cid, n = f"{base}-{n}", n + 1
        taken.add(cid)
        ids[key] = cid
    for key in order:
        concept, terms = made[key]
        out.append(dataclasses.replace(concept, id=ids[key], terms=terms, origin="extracted",
                                       source=concept.source or "extraction"))
    return out


def _units(entries: Sequence[tuple]) -> list[tuple[tuple[str, str], int]]:
    """What each of `merge`'s entries (key, term, kind, ...) contends as for an English term
    (`_owners`): its Latvian key; where that key's entries are of both kinds (`_name_kind`), its
    key and kind (1 the name, 2 the common word, 3 capitals, which show neither), as only one kind
    keeps the key (`_kept_kinds`) and its English goes with it."""
    kinds: dict[tuple[str, str], set[bool]] = {}
    for lv_key, _, kind, *_ in entries:
        if kind is not None:
            kinds.setdefault(lv_key, set()).add(kind)
    return [(e[0], {True: 1, False: 2, None: 3}[e[2]] if len(kinds.get(e[0], ())) > 1 else 0) for e in entries]


def _pairs(entries: Sequence[tuple], units: Sequence[tuple[tuple[str, str], int]], *,
           only: AbstractSet[tuple[str, str]] | None = None
           ) -> dict[tuple[str, str], dict[tuple[tuple[str, str], int], list[Term]]]:
    """English term key (of `only`, or any) -> unit (`_units`) -> the English terms of that key
    that `merge`'s entries (key, term, kind, terms not curated, ...) of that unit pair."""
    pairs: dict[tuple[str, str], dict[tuple[tuple[str, str], int], list[Term]]] = {}
    for entry, unit in zip(entries, units):
        for k, t in entry[3]:
            if t.lang != "lv" and (only is None or k in only):
                pairs.setdefault(k, {}).setdefault(unit, []).append(t)
    return pairs


def _evidence(met: Sequence[Term], unit: tuple[tuple[str, str], int]) -> tuple:
    """How sure a unit's pairs of one English term are (`_pairs`), as a sort key, the surest
    first: the highest pairing confidence in any post (its note's), then the larger English
    frequency added up over the posts, then the smaller unit; whatever order the posts come in."""
    return -max(_sureness(t.note) for t in met), -sum(t.frequency for t in met), unit


def _owners(entries: Sequence[tuple], units: Sequence[tuple[tuple[str, str], int]]
            ) -> dict[tuple[str, str], tuple[tuple[str, str], int]]:
    """English term key -> the unit (`_units`: a Latvian key, or a key's kind) whose concept keeps
    it, of `merge`'s entries and their units: an English candidate paired with several Latvian
    terms stays with one, the surest pair (`_evidence`)."""
    return {k: next(iter(by)) if len(by) == 1 else min(by, key=lambda u: _evidence(by[u], u))
            for k, by in _pairs(entries, units).items()}


def _best_first(terms: Mapping[tuple[str, str], Term], lv_text: str,
                paired_with: Mapping[tuple[str, str], AbstractSet[str]]) -> tuple[Term, ...]:
    """A merged concept's terms: the Latvian ones as met, then the others (the English equivalents
    several posts gave): first those a post paired with the Latvian term as the merge writes it
    (`lv_text`; `paired_with`: English key -> the Latvian writings paired with it), so the first
    English is the Latvian term's as written (Karls -> Karl, not the Kārlis -> karlis of another
    post), then by pairing confidence, then frequency, then key: what a look-up shows first."""
    if len(terms) == 1 or (len(terms) == 2 and next(iter(terms.values())).lang == "lv"):
        return tuple(terms.values())
    others = sorted(((k, t) for k, t in terms.items() if t.lang != "lv"),
                    key=lambda kt: (lv_text not in paired_with.get(kt[0], ()), -_sureness(kt[1].note),
                                    -kt[1].frequency, kt[0]))
    return (*(t for t in terms.values() if t.lang == "lv"), *(t for _, t in others))


def _representative(concepts: Sequence[tuple[Term, Concept]], lv: Term) -> Concept:
    """The extracted concept (of `merge`'s, one Latvian key's) whose id and source the merged
    concept takes: one whose Latvian term is written as the merged one (`lv`), the most frequent
    in its post, then the smallest id and source."""
    if len(concepts) == 1:
        return concepts[0][1]
    return min(concepts, key=lambda tc: (tc[0].text != lv.text, -tc[0].frequency, tc[1].id, tc[1].source or ""))[1]


def _kept_kinds(entries: Sequence[tuple], units: Sequence[tuple[tuple[str, str], int]]
                ) -> dict[tuple[str, str], bool]:
    """Latvian key -> the kind (`_name_kind`) that keeps it, of the keys whose extracted concepts
    (`merge`'s entries: key, term, kind, ..., writing; `units`, their `_units`) are of both kinds:
    the one that keeps an English equivalent where only one does (a pair surer than any other
    Latvian key's of that English, `_evidence`: a kind never keeps the key for an English
    that a surer pair then takes; a term proposed alone is the less certain), else the name where,
    added up over the posts, more occurrences are written as one than wholly in lower case (an
    even count: the common word, as `writing._named` decides within a post), whatever order the
    posts come in."""
    kinds: dict[tuple[str, str], set[bool]] = {}
    written: dict[tuple[str, str], list[int]] = {}  # key -> [as a name, in lower case]
    for lv_key, _, kind, _, _, (named, common) in entries:
        if kind is not None:
            kinds.setdefault(lv_key, set()).add(kind)
        total = written.setdefault(lv_key, [0, 0])
        total[0] += named
        total[1] += common
    # the units (`_units`) of those keys' kinds whose pair of an English is surer than any other
    # Latvian key's
    english = {k for e, unit in zip(entries, units) if unit[1] for k, t in e[3] if t.lang != "lv"}
    owning = set()
    for by in _pairs(entries, units, only=english).values():
        sure = {u: _evidence(met, u) for u, met in by.items()}
        owning.update(unit for unit, evidence in sure.items()
                      if all(evidence < other for u, other in sure.items() if u[0] != unit[0]))
    out: dict[tuple[str, str], bool] = {}
    for lv_key, seen in kinds.items():
        if len(seen) < 2:
            continue
        paired = {kind: (lv_key, unit) in owning for kind, unit in ((True, 1), (False, 2))}
        named, common = written[lv_key]
        out[lv_key] = paired[True] if paired[True] != paired[False] else named > common
    return out


def _writing_of(term: Term, kind: bool | None) -> tuple[int, int]:
    """(written as a name, in lower case) of an extracted term whose extraction did not say
    (`merge`'s `writing`): its frequency, for its kind."""
    if kind is None:
        return 0, 0
    return (term.frequency, 0) if kind else (0, term.frequency)


def _name_kind(term: Term) -> bool | None:
    """Whether an extracted term is a name (`written_as_name`) or a common word; None when its
    writing shows neither: written in capitals, as a heading writes any word (`writing._in_capitals`)."""
    if written_as_name(term):
        return True
    return False if term.text != term.text.upper() else None  # (a lower-case letter; none: capitals)


def written_as_name(term: Term) -> bool:
    """The term is written as a name: a proper noun not written wholly in lower case (LinkedIn,
    iPhone, LNB; a curated "ebay" is not). The merge (`_name_kind`) and the occurrence scan
    (`store.occurrence_rows`) read names by it."""
    return term.term_type == "properNoun" and not term.text.islower()


def common_word_reading(form: str, *, lang: str) -> bool:
    """`form`, met for a name (`written_as_name`), reads as a common word of the text's language:
    one word written wholly in lower case that the language's lexicon knows (Latvian Hunspell:
    katalogu, dienā), so not linkedin, iphone, ebay, draugiem.lv,
    nor a name of several words (latvijas nacionālā bibliotēka). Such a form is no name's: neither
    attached to it by the merge nor counted as its occurrence. Latvian only: the English word list
    here (simplemma's) has names in lower case too (facebook, google, zotero, london), so it cannot
    tell a common word from a name typed in lower case; an English name's lower-case matches go to
    a common-word term of its key when there is one (`store.occurrence_rows`), else stay its own."""
    if lang != "lv" or not (form.isalpha() and form.islower()):
        return False
    from ..lang import lexicon

    return lexicon.is_known(form)


class _Merged:
    """One extracted term met in several posts: every post's forms and frequency added up (forms
    most frequent first, then in the order of their text), and the fields the posts' evidence
    added up gives (`_chosen`), whatever order the posts come in."""

    __slots__ = ("met",)

    def __init__(self, term: Term):
        self.met = [term]

    def add(self, term: Term) -> None:
        self.met.append(term)

    def term(self) -> Term:
        met = self.met
        if len(met) == 1:
            return met[0]
        forms: Counter = Counter()
        for t in met:
            for f in t.forms:
                forms[f.form] += f.count
        ordered = sorted(forms.items(), key=lambda fn: (-fn[1], fn[0]))
        return _chosen(met, forms=tuple(TermForm(f, n) for f, n in ordered), frequency=sum(t.frequency for t in met))


def _chosen(met: Sequence[Term], *, forms: tuple[TermForm, ...], frequency: int) -> Term:
    """A term met in several posts (`_Merged`), with these `forms` and `frequency`: its writing
    (text) and, with it, the term type and part of speech that writing has in most posts (by
    frequency, then the smaller pair), the note of the highest pairing confidence among the posts
    that wrote it so, whole (`confidence_note`: the sentence pairs behind the confidence with it;
    `_note_rank`), and the highest reliability. The writing (`_writing_rank`) is one not wholly in
    capitals when there is one (a heading's capitals show neither name nor common word,
    `writing._in_capitals`), then the one of the
    larger frequency added up over the posts, then a name's, then, of common words, the one with
    fewer capitals (e-book before E-book), then the smaller text (Riga before riga). So text, type
    and note come from one writing, and a heading never makes a name a common word."""
    by_text: Counter = Counter()
    by_type: Counter = Counter()
    for t in met:
        by_text[t.text] += t.frequency
        by_type[(t.text, t.term_type, t.part_of_speech or "")] += t.frequency
    typed = {}  # text -> its (text, type, part of speech) of the larger frequency, then the smaller
    for variant in sorted(by_type, key=lambda v: (-by_type[v], v)):
        typed.setdefault(variant[0], variant)
    models = {v: next(t for t in met if (t.text, t.term_type, t.part_of_speech or "") == v) for v in typed.values()}
    text, term_type, pos = min(typed.values(), key=lambda v: _writing_rank(models[v], by_text[v[0]]))
    model = models[(text, term_type, pos)]
    note = min((t.note for t in met if t.text == text), key=_note_rank)
    return dataclasses.replace(model, note=note, reliability=max(t.reliability for t in met), forms=forms,
                               frequency=frequency)


def _note_rank(note: str | None) -> tuple:
    """Sort key of the notes of a term met in several posts (`_chosen`), the one kept first: the
    highest pairing confidence, then, of equal ones, the fewer sentence pairs noted with it (none
    noted counts as fewest: the cautious display threshold, `terms.lookup.machine_guess`), then a
    note before none, then the smaller. The note is kept whole: its count stays with its confidence."""
    confidence, pairs = note_evidence(note)
    return (1.0 if confidence is None else -confidence), 0 if pairs is None else pairs, note is None, note or ""


def _writing_rank(term: Term, frequency: int) -> tuple:
    """Sort key of a writing of a term met in several posts (`_chosen`), of this term type and
    `frequency` (added up over the posts): what the merge writes the term as comes first."""
    kind = _name_kind(term)
    capitals = kind is None and term.term_type != "acronym"  # (an acronym's capitals are its spelling)
    return capitals, -frequency, kind is not True, 0 if kind else sum(ch.isupper() for ch in term.text), term.text


def build_concepts(extracted: Iterable[Concept] = (), *, folder: str | os.PathLike = "termbase") -> list[Concept]:
    """load_termbase(folder) then merge(extracted): what `lvterm build` writes. Validates first."""
    termbase = load_termbase(folder)
    return merge(termbase.curated, extracted, rejected=termbase.rejected)


def is_proposal(term: Term) -> bool:
    """A machine proposal nobody has decided on yet."""
    return term.status == "proposed"


def without_proposals(concepts: Iterable[Concept]) -> list[Concept]:
    """The concepts as a translator may trust them: proposed terms left out, and a concept left
    out when no Latvian term remains. What the exports give unless proposals are asked for."""
    out = []
    for c in concepts:
        terms = tuple(t for t in c.terms if not is_proposal(t))
        if any(t.lang == "lv" for t in terms):
            out.append(c if len(terms) == len(c.terms) else dataclasses.replace(c, terms=terms))
    return out


def confidence_note(confidence: float, *, sentence_pairs: int | None = None) -> str:
    """The note an extracted English term carries: its pairing confidence and, given, the distinct
    sentence pairs using both terms in the post it was computed in (`TermPair.sentence_pairs`), what
    lookup's display threshold goes by: "pairing confidence 0.91 (from 2 sentence pairs of one
    post)". Without them, "pairing confidence 0.91" (as libraries built before wrote it)."""
    text = f"pairing confidence {confidence:.2f}"
    if sentence_pairs is None:
        return text
    return f"{text} (from {sentence_pairs} sentence pair{'s' * (sentence_pairs != 1)} of one post)"


def pairing_confidence(concept: Concept) -> float | None:
    """The pairing confidence an extracted concept's first English term notes, the equivalent a
    look-up and `lvterm review` show (None: no English, or its note gives none)."""
    english = concept.terms_in("en")
    return _note_confidence(english[0].note) if english else None


def note_evidence(note: str | None) -> tuple[float | None, int | None]:
    """What a note (`confidence_note`) gives: (its pairing confidence, the distinct sentence pairs
    given with it, of the post that confidence was computed in); None for either not given (a note
    written before sentence pairs were, or one without a confidence). The one parser of the note."""
    m = _EVIDENCE_RE.search(note or "")
    if m is None:
        return None, None
    return float(m.group(1)), None if m.group(2) is None else int(m.group(2))


def _note_confidence(note: str | None) -> float | None:
    """The pairing confidence a note gives (`note_evidence`; None: not noted)."""
    return note_evidence(note)[0]


def _note_sentence_pairs(note: str | None) -> int | None:
    """The distinct sentence pairs a note gives with its pairing confidence (`note_evidence`)."""
    return note_evidence(note)[1]


def _sureness(note: str | None) -> float:
    """The pairing confidence a note gives, -1 when it gives none: what the merge ranks pairs by."""
    found = _note_confidence(note)
    return -1.0 if found is None else found


# --- extraction output -> concepts ------------------------------------------------------


def slug(text: str) -> str:
    from ..lang.keys import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "term"


def concepts_from_extraction(lv_candidates: Iterable[Any], pairs: Iterable[Any] = (), *,
                             en_candidates: Iterable[Any] = (), min_confidence: float = 0.3) -> list[Concept]:
    """Extracted concepts (origin "extracted", every term `proposed`, reliability 1) from the
    term extractor's Latvian candidates (lvterm.terms.extract.Candidate: lang, text, key, forms,
    frequency, term_type) and the pairer's TermPairs (lv_key, en, en_key, confidence, rank, and
    sentence_pairs when they have it). The English term is the rank-1 pair at or above
    `min_confidence`, with its forms when the English candidate is given, and its note the pair's
    `confidence_note`. Concept ids are "x-<folded slug>" (unique)."""
    en_by_key = {c.key: c for c in en_candidates}
    best: dict[str, Any] = {}
    for p in pairs:
        if p.confidence >= min_confidence and (p.lv_key not in best or p.rank < best[p.lv_key].rank):
            best[p.lv_key] = p
    out, taken = [], set()
    for cand in lv_candidates:
        ttype = cand.term_type if cand.term_type in TERM_TYPES else "fullForm"
        terms = [Term(lang="lv", text=cand.text, status="proposed", reliability=1, term_type=ttype,
                      forms=tuple(cand.forms), frequency=cand.frequency)]
        pair = best.get(cand.key)
        if pair is not None:
            en = en_by_key.get(pair.en_key)
            en_type = getattr(en, "term_type", "fullForm") if en is not None else "fullForm"
            terms.append(Term(lang="en", text=pair.en, status="proposed", reliability=1,
                              term_type=en_type if en_type in TERM_TYPES else "fullForm",
                              forms=tuple(en.forms) if en is not None else (TermForm(pair.en, 0),),
                              frequency=en.frequency if en is not None else 0,
                              note=confidence_note(pair.confidence,
                                                   sentence_pairs=getattr(pair, "sentence_pairs", None))))
        cid, n = f"x-{slug(cand.text)}", 2
        while cid in taken:
            cid, n = f"x-{slug(cand.text)}-{n}", n + 1
        taken.add(cid)
        out.append(Concept(id=cid, terms=tuple(terms), origin="extracted", source="extraction"))
    return out


def curated_dictionary(concepts: Iterable[Concept]) -> list[tuple[str, str]]:
    """(lv, en) pairs of every non-deprecated curated term: the pairer's `dictionary=` input."""
    out = []
    for c in concepts:
        if c.origin != "curated":
            continue
        for a in c.terms_in("lv"):
            for b in c.terms_in("en"):
                if "deprecated" not in (a.status, b.status):
                    out.append((a.text, b.text))
    return out
