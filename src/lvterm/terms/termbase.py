"""Curated termbase: load and validate termbase/*.yml, and merge extracted candidates under it.

A curated file is one subject field (format in termbase/README.md). Loading is strict: the first
problem raises `InputError` naming the file and line, before anything is written anywhere.
Merging keeps curated entries exactly as written; extraction only attaches forms (with counts)
and frequency to a curated term with the same stem key, and adds the rest as `proposed` concepts.
"""
from __future__ import annotations

import dataclasses
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import InputError
from ..lang import get as get_lang
from ..models import Concept, Term, TermForm

STATUSES = ("preferred", "admitted", "deprecated", "proposed")
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase", "properNoun")
LANGS = ("lv", "en")
ID_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_CONCEPT_KEYS = {"id", "definition", "note", "subject_field", "source", *LANGS}
_TERM_KEYS = {"term", "status", "reliability", "term_type", "forms", "note"}
_FILE_KEYS = {"subject_field", "reliability", "concepts"}
_LINE = "__line__"


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
    _check(isinstance(items, list) and items, "'concepts' must be a non-empty list", path=path, line=top_line)
    concepts = []
    for item in items:
        concepts.append(_concept(item, path=path, field=field, default_rel=default_rel, parent_line=top_line))
    return concepts


def _text(value: Any, what: str, *, path: Path, line: int, required: bool = False) -> str | None:
    if value is None:
        _check(not required, f"{what} is required", path=path, line=line)
        return None
    _check(isinstance(value, str) and value.strip() != "", f"{what} must be non-empty text", path=path, line=line)
    return " ".join(value.split())


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
    return Concept(
        id=cid,
        terms=tuple(terms),
        subject_field=_text(item.get("subject_field", field), "subject_field", path=path, line=line),
        definition=_text(item.get("definition"), "definition", path=path, line=line),
        note=_text(item.get("note"), "note", path=path, line=line),
        origin="curated",
        source=f"{_stable_name(path)}:{line}",
    )


def _stable_name(path: Path) -> str:
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
    forms = entry.get("forms", [])
    _check(isinstance(forms, list) and all(isinstance(f, str) and f.strip() for f in forms),
           "forms must be a list of non-empty texts", path=path, line=line)
    seen: dict[str, None] = {text: None}
    for f in forms:
        seen.setdefault(" ".join(f.split()), None)
    return Term(lang=lang, text=text, status=status, reliability=rel, term_type=ttype,
                forms=tuple(TermForm(f, 0) for f in seen),
                note=_text(entry.get("note"), "note", path=path, line=line))


def load_curated(folder: str | os.PathLike = "termbase") -> list[Concept]:
    """Load every termbase/*.yml (sorted by name; or one file) and validate across files.

    Raises InputError (file:line) for a malformed file, a duplicate concept id, or the same
    term (same language and stem key) curated in two concepts. A missing folder gives no concepts.
    """
    folder = Path(folder)
    if not folder.exists():
        return []
    files = [folder] if folder.is_file() else sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])
    concepts: list[Concept] = []
    ids: dict[str, str] = {}
    keys: dict[tuple[str, str], str] = {}
    for path in files:
        for concept in load_file(path):
            where = concept.source or str(path)
            file, line = path, where.rpartition(":")[2]
            if concept.id in ids:
                raise InputError(f"duplicate concept id {concept.id!r} (first at {ids[concept.id]})", path=file,
                                 line=int(line))
            ids[concept.id] = where
            for term in concept.terms:
                k = (term.lang, term_key(term.lang, term.text))
                other = keys.get(k)
                if other is not None and other != concept.id:
                    raise InputError(f"{term.lang} term {term.text!r} is already curated in concept {other!r}",
                                     path=file, line=int(line))
                keys[k] = concept.id
            concepts.append(concept)
    return concepts


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


def merge(curated: Sequence[Concept], extracted: Iterable[Concept]) -> list[Concept]:
    """Curated concepts (unchanged but for attached forms), then extracted ones as `proposed`.

    An extracted term whose (lang, stem key) matches a curated term — or one of its curated
    forms — adds its forms and frequency to that curated term; nothing else of the curated entry
    changes. Remaining extracted concepts are kept with every term's status forced to `proposed`
    and origin "extracted"; two extracted concepts whose Latvian terms share a key are merged, and
    an English candidate paired with several Latvian terms stays only with the first (extraction
    lists the best pairs first), so no term is duplicated across concepts.
    """
    curated = list(curated)
    index: dict[tuple[str, str], tuple[int, int]] = {}
    for ci, concept in enumerate(curated):
        for ti, term in enumerate(concept.terms):
            for text in (term.text, *(f.form for f in term.forms)):
                index.setdefault((term.lang, term_key(term.lang, text)), (ci, ti))
    attached: dict[tuple[int, int], list[TermForm]] = {}
    proposed: dict[tuple[str, str], Concept] = {}
    owner: dict[tuple[str, str], tuple[str, str]] = {}  # other-language term key -> Latvian key of its concept
    order: list[tuple[str, str]] = []
    for concept in extracted:
        rest: list[Term] = []
        for term in concept.terms:
            key = (term.lang, term_key(term.lang, term.text))
            hit = index.get(key)
            if hit is not None:
                attached.setdefault(hit, []).extend(term.forms or (TermForm(term.text, term.frequency),))
            else:
                rest.append(term)
        hit_lv = any(index.get((t.lang, term_key(t.lang, t.text))) for t in concept.terms if t.lang == "lv")
        if hit_lv or not any(t.lang == "lv" for t in rest):
            continue  # the Latvian term is curated: its English candidates never override curation
        lv_key = ("lv", term_key("lv", next(t.text for t in rest if t.lang == "lv")))
        kept = []
        for t in rest:  # an English candidate goes to the first (best-ranked) extracted concept only
            k = (t.lang, term_key(t.lang, t.text))
            if t.lang != "lv" and owner.setdefault(k, lv_key) != lv_key:
                continue
            kept.append(dataclasses.replace(t, status="proposed"))
        rest = kept
        if lv_key in proposed:
            proposed[lv_key] = _merge_extracted(proposed[lv_key], rest)
        else:
            proposed[lv_key] = dataclasses.replace(concept, terms=tuple(rest), origin="extracted",
                                                   source=concept.source or "extraction")
            order.append(lv_key)
    out: list[Concept] = []
    for ci, concept in enumerate(curated):
        terms = tuple(_add_forms(t, attached.get((ci, ti), ())) for ti, t in enumerate(concept.terms))
        out.append(dataclasses.replace(concept, terms=terms))
    taken = {c.id for c in out}
    for key in order:
        concept = proposed[key]
        cid = concept.id
        n = 2
        while cid in taken:
            cid, n = f"{concept.id}-{n}", n + 1
        taken.add(cid)
        out.append(dataclasses.replace(concept, id=cid))
    return out


def _merge_extracted(concept: Concept, terms: list[Term]) -> Concept:
    by_key = {(t.lang, term_key(t.lang, t.text)): t for t in concept.terms}
    for t in terms:
        k = (t.lang, term_key(t.lang, t.text))
        if k in by_key:
            old = by_key[k]
            c = Counter({f.form: f.count for f in old.forms})
            c.update({f.form: f.count for f in t.forms})
            by_key[k] = dataclasses.replace(old, forms=tuple(TermForm(f, n) for f, n in c.most_common()),
                                            frequency=old.frequency + t.frequency)
        else:
            by_key[k] = t
    return dataclasses.replace(concept, terms=tuple(by_key.values()))


def build_concepts(extracted: Iterable[Concept] = (), *, folder: str | os.PathLike = "termbase") -> list[Concept]:
    """load_curated(folder) then merge(extracted): what `lvterm build` writes. Validates first."""
    return merge(load_curated(folder), extracted)


# --- extraction output -> concepts ------------------------------------------------------


def _slug(text: str) -> str:
    from ..lang.keys import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "term"


def concepts_from_extraction(lv_candidates: Iterable[Any], pairs: Iterable[Any] = (), *,
                             en_candidates: Iterable[Any] = (), min_confidence: float = 0.3) -> list[Concept]:
    """Extracted concepts (origin "extracted", every term `proposed`, reliability 1) from the
    term extractor's Latvian candidates (lvterm.terms.extract.Candidate: lang, text, key, forms,
    frequency, term_type) and the pairer's TermPairs (lv_key, en, en_key, confidence, rank).
    The English term is the rank-1 pair at or above `min_confidence`, with its forms when the
    English candidate is given. Concept ids are "x-<folded slug>" (unique)."""
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
                              note=f"pairing confidence {pair.confidence:.2f}"))
        cid, n = f"x-{_slug(cand.text)}", 2
        while cid in taken:
            cid, n = f"x-{_slug(cand.text)}-{n}", n + 1
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
