"""TBX v3, TBX-Basic dialect (DCA style): `dump(concepts, fp)` / `load(fp)`.

Only data categories and values the TBX-Basic Schematron permits are written:
subjectField and definition (concept level), administrativeStatus (preferred, admitted,
deprecated; a `proposed` term has no administrativeStatus), termType (properNoun is written as
fullForm), partOfSpeech (the term's: noun, verb, adjective, adverb or other; a name, properNoun,
which TBX-Basic's picklist lacks, is written as noun with the note "Proper name"), context
(termSec). What TBX-Basic has no category for is kept in term-level notes with fixed prefixes so
that `load` reads it back:
  "Inflected form (seen 2): biedra naudu" – one note per form: variants, never separate terms
  "Reliability: 3 (IATE scale 1-4)", "Status: proposed", "Proper name", "Corpus frequency: 4",
  and on the conceptEntry "Origin: extracted".
An English proposal held back as a machine guess (`guesses`: under its display threshold, never
shown as an equivalent) has the note "Machine guess" (its note gives the pairing confidence; else
"Machine guess, no pairing confidence noted"); `load` leaves it out, as the library decides it.
A term's or concept's own note (a person's) is a `<note>` per line. A line of it that would read as
such data – it starts with one of those prefixes, or with the escape "Note: " itself – is written
with "Note: " before it ("Note: Reliability: checked against EuroTermBank"), and `load` takes
exactly one "Note: " off a note that starts with it, so every note reads back as written (another
tool's note that starts "Note: " loses that word). Other notes are read by their prefixes.
`load` reads "Proper name" (or a partOfSpeech properNoun) as part of speech properNoun, and a
fullForm term so marked as term type properNoun: a name in full is lvterm's properNoun term.
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from typing import IO, Iterable, Mapping, Sequence

from .. import textio
from ..constants import STATUSES, guess_label
from ..errors import InputError
from ..models import PARTS_OF_SPEECH, Concept, Term, TermForm

NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
STATUS_TO_TBX = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
                 "deprecated": "deprecatedTerm-admn-sts"}
TBX_TO_STATUS = {v: k for k, v in STATUS_TO_TBX.items()} | {"supersededTerm-admn-sts": "deprecated"}
TBX_TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
#: The partOfSpeech picklist of the TBX-Basic (DCA) Schematron.
TBX_PARTS_OF_SPEECH = ("adjective", "noun", "other", "verb", "adverb")
FORM_NOTE = "Inflected form (seen "
FORM_NOTE_RE = re.compile(r"^Inflected form \(seen (\d+)\): (.+)$")
RELIABILITY_NOTE = "Reliability: "
STATUS_NOTE = "Status: "
FREQ_NOTE = "Corpus frequency: "
PROPER_NOTE = "Proper name"
ORIGIN_NOTE = "Origin: "
GUESS_NOTE = guess_label(0.0).capitalize()  # "Machine guess"
_GUESS_NOTES = (GUESS_NOTE, guess_label(None).capitalize())
#: Written before a line of a person's note that would read as lvterm's data (`_note_lines`).
NOTE_ESCAPE = "Note: "
# the data a note holds only when it reads as lvterm writes it: another tool's "Reliability: verified
# by the committee" or "Status: see the 2019 decision" stays a note
_RELIABILITY_RE = re.compile(r"^Reliability: ([1-4])\b")
_DATA_PREFIXES = (STATUS_NOTE, RELIABILITY_NOTE, PROPER_NOTE, FORM_NOTE, FREQ_NOTE, ORIGIN_NOTE, GUESS_NOTE,
                  NOTE_ESCAPE)

Contexts = Mapping[tuple[str, str, str], Sequence[str]]  # (concept id, lang, term) -> example sentences
Guesses = Mapping[tuple[str, str], Mapping]  # (concept id, English term) -> its machine guess


_NCNAME = re.compile(r"^[^\W\d][\w.-]*$")
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_id(cid: str, taken: set[str]) -> str:
    """`cid` when it is a valid xml:id (NCName), else a cleaned unique one."""
    out = cid if _NCNAME.match(cid or "") else "c-" + re.sub(r"[^\w.-]+", "-", cid or "concept").strip("-")
    base, n = out, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, _q(tag), {k.replace("_", ":") if k == "xml_lang" else k: v
                                        for k, v in attrs.items()})
    if text is not None:
        el.text = _XML_BAD.sub("", text)
    return el


def _form_notes(term: Term) -> list[str]:
    return [f"{FORM_NOTE}{f.count}): {f.form}" for f in term.forms if f.form != term.text or f.count]


def _tbx_part_of_speech(pos: str | None) -> str:
    """The partOfSpeech value TBX-Basic permits: a name (properNoun) is a noun; an unknown value other."""
    if pos in TBX_PARTS_OF_SPEECH:
        return pos
    return "noun" if pos in (None, "properNoun") else "other"


def _term_sec(lang_sec: ET.Element, term: Term, contexts: Sequence[str], guess: Mapping | None = None) -> None:
    sec = _sub(lang_sec, "termSec")
    _sub(sec, "term", term.text)
    ttype = term.term_type if term.term_type in TBX_TERM_TYPES else "fullForm"
    _sub(sec, "termNote", ttype, type="termType")
    _sub(sec, "termNote", _tbx_part_of_speech(term.part_of_speech), type="partOfSpeech")
    if term.status in STATUS_TO_TBX:
        _sub(sec, "termNote", STATUS_TO_TBX[term.status], type="administrativeStatus")
    for ctx in contexts:
        _sub(sec, "descrip", ctx, type="context")
    notes = []
    if term.status not in STATUS_TO_TBX:
        notes.append(f"{STATUS_NOTE}{term.status}")
    notes.append(f"{RELIABILITY_NOTE}{term.reliability} (IATE scale 1-4)")
    if "properNoun" in (term.term_type, term.part_of_speech):
        notes.append(PROPER_NOTE)
    notes.extend(_form_notes(term))
    if term.frequency:
        notes.append(f"{FREQ_NOTE}{term.frequency}")
    if guess:
        notes.append(guess_label(guess.get("confidence")).capitalize())
    notes.extend(_note_lines(term.note))
    for n in notes:
        _sub(sec, "note", n)


def _note_lines(note: str | None) -> list[str]:
    """A term's or concept's own note as `<note>` texts, one a line (`load` joins them with line
    breaks); a line that would read as lvterm's data, or that starts with the escape, escaped
    (judged as `load` will read it: tidied, without the characters XML cannot hold)."""
    return [NOTE_ESCAPE + line if textio.tidy(_XML_BAD.sub("", line)).startswith(_DATA_PREFIXES) else line
            for line in (note.split("\n") if note else ())]


def to_element(concepts: Iterable[Concept], *, contexts: Contexts | None = None, source_lang: str = "lv",
               title: str = "lvterm termbase", guesses: Guesses | None = None) -> ET.Element:
    contexts, guesses = contexts or {}, guesses or {}
    root = ET.Element(_q("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: source_lang})
    header = _sub(root, "tbxHeader")
    file_desc = _sub(header, "fileDesc")
    _sub(_sub(file_desc, "titleStmt"), "title", title)
    _sub(_sub(file_desc, "sourceDesc"), "p", "Exported by lvterm from its curated and extracted termbase.")
    body = _sub(_sub(root, "text"), "body")
    taken: set[str] = set()
    for c in concepts:
        entry = _sub(body, "conceptEntry", id=_xml_id(c.id, taken))
        if c.subject_field:
            _sub(entry, "descrip", c.subject_field, type="subjectField")
        if c.definition:
            _sub(entry, "descrip", c.definition, type="definition")
        if c.source:
            _sub(entry, "admin", c.source, type="source")
        if c.origin != "curated":
            _sub(entry, "note", f"{ORIGIN_NOTE}{c.origin}")
        for note in _note_lines(c.note):
            _sub(entry, "note", note)
        langs = list(dict.fromkeys(t.lang for t in c.terms))
        for lang in langs:
            lang_sec = _sub(entry, "langSec", **{"xml_lang": lang})
            for t in c.terms_in(lang):
                _term_sec(lang_sec, t, contexts.get((c.id, lang, t.text), ()),
                          guesses.get((c.id, t.text)) if lang == "en" else None)
    return root


def dump(concepts: Iterable[Concept], fp: IO[str], *, contexts: Contexts | None = None,
         source_lang: str = "lv", guesses: Guesses | None = None) -> None:
    """Write concepts as a TBX-Basic document to a text stream; `guesses`: (concept id, English
    term) -> its machine guess (`lookup.machine_guesses`), noted as one."""
    concepts = list(concepts)
    for c in concepts:
        if not c.terms:
            raise InputError("a TBX conceptEntry needs at least one term", item=c.id)
    ET.register_namespace("", NS)
    root = to_element(concepts, contexts=contexts, source_lang=source_lang, guesses=guesses)
    ET.indent(root, space="  ")
    fp.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    fp.write('<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/'
             'TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>\n')
    fp.write('<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
             'TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n')
    fp.write(ET.tostring(root, encoding="unicode"))
    fp.write("\n")


# --- reading ---------------------------------------------------------------------------------


def _text(el: ET.Element | None, *, lines: bool = False) -> str | None:
    """The element's text, white space tidied (`textio.tidy`; `lines`: a definition's or a note's
    line breaks kept)."""
    if el is None:
        return None
    return textio.tidy("".join(el.itertext()), lines=lines) or None


def _part_of_speech(value: str) -> str:
    """A partOfSpeech value of another tool as one of `PARTS_OF_SPEECH`: case and spaces aside
    ("Noun", "proper noun", "properNoun"), else "other" ("noun phrase")."""
    key = "".join(value.split()).lower()
    return next((pos for pos in PARTS_OF_SPEECH if pos.lower() == key), "other")


def _read_term(sec: ET.Element, lang: str, where: str) -> Term:
    term_el = sec.find(_q("term"))
    text = _text(term_el)
    if not text:
        raise InputError("termSec without a term", item=where)
    status, ttype, rel, freq, forms, extra = "proposed", "fullForm", 1, 0, (), []
    pos: str | None = None
    has_status = False
    for tn in sec.findall(_q("termNote")):
        kind, value = tn.get("type"), _text(tn)
        if kind == "administrativeStatus" and value in TBX_TO_STATUS:
            status, has_status = TBX_TO_STATUS[value], True
        elif kind == "termType" and value:
            ttype = value
        elif kind == "partOfSpeech" and value:
            pos = _part_of_speech(value)
    proper = False
    for note in sec.findall(_q("note")):
        value = _text(note) or ""
        if value.startswith(NOTE_ESCAPE):
            extra.append(value[len(NOTE_ESCAPE):])
        elif value.startswith(STATUS_NOTE) and value[len(STATUS_NOTE):].strip() in STATUSES and not has_status:
            status = value[len(STATUS_NOTE):].strip()
        elif m := _RELIABILITY_RE.match(value):
            rel = int(m.group(1))
        elif value == PROPER_NOTE:
            proper = True
        elif FORM_NOTE_RE.match(value):
            m = FORM_NOTE_RE.match(value)
            forms = (*forms, TermForm(m.group(2), int(m.group(1))))
        elif value.startswith(FREQ_NOTE) and value[len(FREQ_NOTE):].strip().isdigit():
            freq = int(value[len(FREQ_NOTE):])
        elif value in _GUESS_NOTES:  # the library's judgement when it was exported, not the term's
            continue
        elif value:
            extra.append(value)
    if proper or pos == "properNoun":
        pos = "properNoun"
        ttype = "properNoun" if ttype == "fullForm" else ttype
    if not any(f.form == text for f in forms):
        forms = (TermForm(text, 0), *forms)
    return Term(lang=lang, text=text, status=status, reliability=rel, term_type=ttype, forms=forms,
                frequency=freq, note="\n".join(extra) or None, part_of_speech=pos)


def load(fp: IO | str | os.PathLike) -> list[Concept]:
    """Read a TBX file (a path, or a binary or text stream) back into concepts (see `loads`)."""
    if hasattr(fp, "read"):
        return loads(fp.read(), path=getattr(fp, "name", None))
    return loads(textio.read_bytes(fp), path=fp)


def loads(data: str | bytes, *, path: str | os.PathLike | None = None) -> list[Concept]:
    """Concepts of a TBX (v3 core structure, DCA) document, parsed by `textio.parse_xml` (decoded as
    its XML declaration says; defusedxml). InputError naming the file when it is not TBX."""
    root = textio.parse_xml(data, path=path)
    if root.tag != _q("tbx"):
        raise InputError(f"not a TBX v3 document (root {root.tag!r})", path=path)
    concepts = []
    for entry in root.iter(_q("conceptEntry")):
        cid = entry.get("id") or ""
        field = definition = source = None
        origin, notes = "curated", []
        for d in entry.findall(_q("descrip")):
            if d.get("type") == "subjectField":
                field = _text(d)
            elif d.get("type") == "definition":
                definition = _text(d, lines=True)
        for a in entry.findall(_q("admin")):
            if a.get("type") == "source":
                source = _text(a)
        for n in entry.findall(_q("note")):
            value = _text(n) or ""
            if value.startswith(NOTE_ESCAPE):
                notes.append(value[len(NOTE_ESCAPE):])
            elif value.startswith(ORIGIN_NOTE):
                origin = value[len(ORIGIN_NOTE):]
            elif value:
                notes.append(value)
        terms = []
        for lang_sec in entry.findall(_q("langSec")):
            lang = lang_sec.get(XML_LANG) or ""
            for sec in lang_sec.findall(_q("termSec")):
                terms.append(_read_term(sec, lang, cid))
        concepts.append(Concept(id=cid, terms=tuple(terms), subject_field=field, definition=definition,
                                note="\n".join(notes) or None, origin=origin, source=source))
    return concepts
