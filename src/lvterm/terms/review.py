"""Review machine proposals: a person accepts, edits or rejects what extraction proposed.

Proposals are the built library's extracted concepts (`read_proposals`: best first, by pairing
confidence, then frequency). `Review` is one termbase folder's decisions. Opening it validates the
whole folder (`termbase.load_termbase`): a malformed file, a duplicate id, an unknown status or a
pair both accepted and rejected is one InputError naming the file and line, before anything is
written. Each decision then appends one entry, atomically (`fileio.atomic_write`), to

- `termbase/accepted.yaml`: a curated file like the others, each entry with its status,
  reliability and `provenance: accepted from extraction, <date>`, and a subject field
  (`Review.subject_field`): the proposal's own, else the file's `subject_field:` (written when
  review creates the file), else the termbase's main one (most curated concepts have it);
- `termbase/rejected.yaml`: `lv`, `en` and `date` of each rejected pair (no `en`: the Latvian term
  is not a term at all).

Entries are appended in the order decisions are made and never reformatted, so the files stay
human-editable and diff well; a note or definition of several lines is a YAML block scalar
(`yaml_text`), its line breaks kept. The next `lvterm build` reads both: an accepted entry is a
curated entry, and `termbase.merge` never proposes a rejected pair again.
"""
from __future__ import annotations

import datetime
import json
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from ..constants import PROPOSAL_LABEL
from ..errors import InputError
from ..models import Concept, Term, TermForm
from . import termbase as tb

#: Reliability (IATE 1-4) of an accepted term: a person checked it against the corpus ("reliable").
ACCEPTED_RELIABILITY = 3
ACCEPTED_STATUS = "preferred"

ACCEPTED_HEADER = """\
# Machine proposals accepted in `lvterm review`, one entry per decision, in the order they were made.
# The format of every termbase file (termbase/README.md): edit freely. `provenance` says where an
# entry came from; `lvterm build` reads this file like the other curated files.
concepts:
"""


def accepted_header(subject_field: str | None = None) -> str:
    """The start of a new accepted.yaml: ACCEPTED_HEADER, with the file's `subject_field:` (every
    entry's unless it names its own) when there is one."""
    if not subject_field:
        return ACCEPTED_HEADER
    return ACCEPTED_HEADER.replace("\nconcepts:\n", f"\nsubject_field: {yaml_scalar(subject_field)}"
                                   "   # every entry's, unless it names its own\nconcepts:\n")


REJECTED_HEADER = """\
# Machine proposals rejected in `lvterm review`, one entry per decision: term extraction never
# proposes them again. `lv` and `en` are the rejected pair; an entry without `en` rejects the
# Latvian term with any English. Delete an entry to let the proposal come back.
rejected:
"""


# --- proposals ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """A machine-made concept waiting for a decision: its terms, how sure the pairing is, and its
    term ids in the library (for examples)."""

    concept: Concept
    confidence: float | None = None
    term_ids: tuple[int, ...] = ()

    @property
    def id(self) -> str:
        return self.concept.id

    @property
    def lv(self) -> Term:
        return self.concept.terms_in("lv")[0]

    @property
    def en(self) -> Term | None:
        terms = self.concept.terms_in("en")
        return terms[0] if terms else None

    @property
    def frequency(self) -> int:
        return self.lv.frequency


def best_first(proposal: Proposal) -> tuple:
    """Sort key: higher pairing confidence first (none last), then more frequent, then id."""
    confidence = proposal.confidence if proposal.confidence is not None else -1.0
    return -confidence, -proposal.frequency, proposal.id


def read_proposals(conn) -> list[Proposal]:
    """Every proposal of a built library (`conn`: `schema.connect`), best first."""
    from ..db import read_concepts

    ids: dict[str, list[int]] = defaultdict(list)
    for row in conn.execute("select id, concept_id from terms order by id"):
        ids[row[1]].append(row[0])
    found = [Proposal(c, tb.pairing_confidence(c), tuple(ids[c.id])) for c in read_concepts(conn)
             if c.origin == "extracted" and c.terms_in("lv")]
    return sorted(found, key=best_first)


def proposal_examples(conn, proposal: Proposal, *, limit: int = 2) -> list[dict[str, Any]]:
    """Up to `limit` sentence pairs showing the proposal, its terms' spans marked (as lookup's)."""
    from ..schema import table_names
    from .lookup import concept_examples

    if not {"occurrences", "beads"} <= table_names(conn):
        return []
    return concept_examples(conn, list(proposal.term_ids), limit=limit)


def format_proposal(proposal: Proposal, examples: Sequence[dict] = (), *, position: str = "",
                    style: Callable[[str], str] | None = None, guess: dict | None = None) -> str:
    """What `lvterm review` shows for one proposal: both terms, confidence, examples highlighted;
    `guess`: its English term's `machine_guess` when it is held back under its display threshold
    (said beside it: lookup and the site show it only as a guess until a person accepts it)."""
    from .lookup import format_examples

    confidence = f"{proposal.confidence:.2f}" if proposal.confidence is not None else "not given"
    head = f"{position} " if position else ""
    lines = [f"{head}{proposal.id} · {PROPOSAL_LABEL} · confidence {confidence} · seen {proposal.frequency}×",
             f"  lv: {proposal.lv.text}",
             f"  en: {proposal.en.text if proposal.en else '(no English proposed)'}"
             + (f"  (a machine guess: confidence {guess['confidence']:.2f} is under the display threshold "
                f"{guess['threshold']:.2f}, so lookup and the site show no equivalent until it is accepted)"
                if guess and proposal.en and guess.get("confidence") is not None else "")]
    lines += format_examples(examples, style=style, limit=len(examples))
    if not examples:
        lines.append("  (no example in the library)")
    return "\n".join(lines)


# --- entries as YAML text ----------------------------------------------------------------------------

def yaml_scalar(text: str, *, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain when YAML reads it back as the same string (inside a flow
    list `[...]` when `flow`), else double-quoted (JSON's escapes, which YAML shares)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if (text and text == text.strip() and text.isprintable() and text[0] not in "\"'!&*%@`|>?-#[]{},"
            and not (flow and any(ch in text for ch in ":?#,[]{}"))):
        doc = f"k: [{text}, {text}]" if flow else f"k: {text}"
        try:
            if yaml.load(doc, Loader=loader) == {"k": [text, text] if flow else text}:  # noqa: S506 - a safe loader
                return text
        except yaml.YAMLError:
            pass
    return _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def yaml_text(key: str, text: str, *, indent: str) -> list[str]:
    """The lines of `key: text` at `indent`: a text of several lines as a literal block scalar
    (`key: |-`, or `|` for one final line break, and the lines below it, indented two more
    spaces), so its line breaks read as line breaks, when YAML reads that back as the same string
    (no CR, tab or control character, no leading space or blank line, at most one final line
    break); else `yaml_scalar`, on one line."""
    import yaml

    body = text[:-1] if text.endswith("\n") else text
    if "\n" in body and "\r" not in body and all(line.isprintable() for line in body.split("\n")):
        inner = indent + "  "
        block = [f"{indent}{key}: {'|' if body != text else '|-'}",
                 *(inner + line if line else "" for line in body.split("\n"))]
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        try:
            if yaml.load("\n".join(block) + "\n", Loader=loader) == {key: text}:  # noqa: S506 - a safe loader
                return block
        except yaml.YAMLError:
            pass
    return [f"{indent}{key}: {yaml_scalar(text)}"]


# What YAML may not hold raw in a quoted scalar (its printable set), and the line breaks beyond
# LF/CR that PyYAML would fold into spaces: written as \uXXXX escapes.
_NOT_YAML_TEXT = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def concept_yaml(concept: Concept, *, provenance: str | None = None, file_field: str | None = None) -> str:
    """One entry of a curated file's `concepts:` list, in the curated files' style. Its subject
    field is left to the file's default when it is `file_field` (the file's `subject_field:`)."""
    lines = [f"  - id: {concept.id}"]
    if provenance:
        lines += yaml_text("provenance", provenance, indent="    ")
    if concept.subject_field and concept.subject_field != file_field:
        lines.append(f"    subject_field: {yaml_scalar(concept.subject_field)}")
    for key in ("definition", "note"):
        if getattr(concept, key):
            lines += yaml_text(key, getattr(concept, key), indent="    ")
    for lang in tb.LANGS:
        terms = concept.terms_in(lang)
        if terms:
            lines.append(f"    {lang}:")
        for t in terms:
            lines += [f"      - term: {yaml_scalar(t.text)}", f"        status: {t.status}",
                      f"        reliability: {t.reliability}"]
            if t.term_type != "fullForm":
                lines.append(f"        term_type: {t.term_type}")
            forms = [f.form for f in t.forms if f.form != t.text]
            if forms:
                lines.append(f"        forms: [{', '.join(yaml_scalar(f, flow=True) for f in forms)}]")
            if t.note:
                lines += yaml_text("note", t.note, indent="        ")
    return "\n".join(lines) + "\n"


def rejection_yaml(rejection: tb.Rejection) -> str:
    """One entry of rejected.yaml's `rejected:` list."""
    lines = [f"  - id: {yaml_scalar(rejection.id)}"] if rejection.id else []
    lines.append(f"{'    ' if lines else '  - '}lv: {yaml_scalar(rejection.lv)}")
    if rejection.en:
        lines.append(f"    en: {yaml_scalar(rejection.en)}")
    if rejection.date:
        lines.append(f"    date: {rejection.date}")
    if rejection.note:
        lines += yaml_text("note", rejection.note, indent="    ")
    return "\n".join(lines) + "\n"


def _list_is_last(text: str, key: str) -> bool:
    """True when `key:` is the text's last top-level key and its list items (if any) are indented
    two spaces, so an entry appended at the end joins that list."""
    from ..textio import split_lines

    seen_key, first_item = False, None
    for line in split_lines(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not line[0].isspace():
            seen_key = re.fullmatch(rf"{re.escape(key)}:\s*(#.*)?", line) is not None
            first_item = None
        elif seen_key and first_item is None:
            first_item = line
            if not line.startswith("  - "):
                return False
    return seen_key


def append_entries(path: Path, entries: Sequence[str], *, header: str, key: str) -> int:
    """Append YAML list entries to `path` (created with `header`), atomically; returns the line of
    the first entry. InputError, and nothing written, when the file's `key:` list is not last."""
    from ..fileio import atomic_write
    from ..textio import read_bytes, read_text

    # what is there stays as it was written: its Unicode form and its line ends (a file edited on
    # Windows keeps CRLF, not a diff of every line)
    text = read_text(path, nfc=False) if path.exists() else header
    newline = "\r\n" if path.exists() and b"\r\n" in read_bytes(path) else "\n"
    text = re.sub(rf"(?m)^{re.escape(key)}:\s*\[\]\s*$", f"{key}:", text)  # an emptied flow list
    if not _list_is_last(text, key):
        raise InputError(f"cannot add a decision: '{key}:' must be the file's last key, a list indented two spaces",
                         path=path)
    if not text.endswith("\n"):
        text += "\n"
    line = text.count("\n") + 2  # a blank line, then the entry
    with atomic_write(path, newline=newline) as fp:
        fp.write(text + "".join("\n" + entry for entry in entries))
    return line


# --- decisions ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """What happened to one proposal: `action` is accepted, rejected, already accepted or already
    rejected; `where` the termbase file and line holding the decision."""

    id: str
    action: str
    where: str


def accepted_concept(proposal: Proposal, *, lv: str | None = None, en: str | None = None, keep_en: bool = True,
                     status: str = ACCEPTED_STATUS, reliability: int = ACCEPTED_RELIABILITY) -> Concept:
    """The curated entry a proposal becomes: the proposal's terms (or `lv`/`en` as edited; `keep_en=False`:
    no English) with `status` and `reliability`; inflected forms kept while the term keeps its key.
    The concept's subject field, definition and note stay; the terms' notes (the machine's pairing
    confidence) give way to the entry's provenance (`Review`)."""
    lv_text = " ".join((lv if lv is not None else proposal.lv.text).split())
    en_text = " ".join((en if en is not None else (proposal.en.text if proposal.en else "")).split())
    if not lv_text or not tb.term_key("lv", lv_text):
        raise InputError(f"{proposal.id}: the Latvian term must have letters or digits")
    terms = [_decided(proposal.lv, lv_text, status=status, reliability=reliability)]
    if keep_en and en_text:
        base = proposal.en or Term(lang="en", text=en_text)
        terms.append(_decided(base, en_text, status=status, reliability=reliability))
    cid = proposal.id if tb.ID_RE.match(proposal.id) else f"x-{tb.slug(lv_text)}"
    return Concept(id=cid, terms=tuple(terms), subject_field=proposal.concept.subject_field,
                   definition=proposal.concept.definition, note=proposal.concept.note, origin="curated",
                   source=f"termbase/{tb.ACCEPTED_FILE}")


def _decided(term: Term, text: str, *, status: str, reliability: int) -> Term:
    same = tb.term_key(term.lang, text) == tb.term_key(term.lang, term.text)
    forms = tuple(TermForm(form, 0) for form in dict.fromkeys(f.form for f in term.forms) if same and form != text)
    return replace(term, text=text, status=status, reliability=reliability, forms=forms, frequency=0, note=None,
                   term_type=term.term_type if same else "fullForm",
                   part_of_speech=term.part_of_speech if same else None)  # (None: its term type's default)


class Review:
    """The decisions of one termbase folder: validated when opened, each new one checked against
    them and appended to accepted.yaml or rejected.yaml. `today` (YYYY-MM-DD) dates the decisions."""

    def __init__(self, folder: str | os.PathLike = "termbase", *, today: str | None = None):
        self.folder = Path(folder)
        self.today = today or datetime.date.today().isoformat()
        if not self.folder.is_dir():
            raise InputError("termbase folder not found (decisions are written there; see --termbase)",
                             path=self.folder)
        if not os.access(self.folder, os.W_OK):  # said once, before any question is asked
            raise InputError("termbase folder is not writable (decisions are written there)", path=self.folder)
        self._load()

    @property
    def subject_field(self) -> str | None:
        """The subject field of an accepted proposal that has none of its own: accepted.yaml's
        `subject_field:`, else the termbase's main one (most curated concepts have it; a new
        accepted.yaml is given it as its `subject_field:`). None when no curated file has one."""
        return self.file_field or self.main_field

    @property
    def accepted_path(self) -> Path:
        return self.folder / tb.ACCEPTED_FILE

    @property
    def rejected_path(self) -> Path:
        return self.folder / tb.REJECTED_FILE

    def _stamps(self) -> dict[Path, tuple[int, int]]:
        paths = [*tb.curated_files(self.folder), self.rejected_path] if self.folder.is_dir() else []
        return {p: (st.st_mtime_ns, st.st_size) for p in paths if p.exists() for st in [p.stat()]}

    def _load(self) -> None:
        termbase = tb.load_termbase(self.folder)  # InputError (file:line) before anything is written
        self.index = tb.CuratedIndex()
        for c in termbase.curated:
            self.index.add(c)
        self.curated = {c.id: c for c in termbase.curated}
        self.file_field = _top_level_field(self.accepted_path) if self.accepted_path.exists() else None
        fields = Counter(c.subject_field for c in termbase.curated
                         if c.subject_field and self.locate(c.source or "")["path"].name != tb.ACCEPTED_FILE)
        self.main_field = fields.most_common(1)[0][0] if fields else None  # (a tie: the first file's)
        self.rejected = list(termbase.rejected)
        self._refused = set(tb.rejected_keys(self.rejected))
        self._seen = self._stamps()

    def _refresh(self) -> None:
        """Validate again if a termbase file changed since (another editor, another review)."""
        if self._stamps() != self._seen:
            self._load()

    # --- what is decided already --------------------------------------------------------------

    def locate(self, where: str) -> dict[str, Any]:
        """InputError keywords (path, line) for a 'termbase/x.yaml:12' location in this folder."""
        name, _, line = where.rpartition(":")
        if not line.isdigit():
            return {"path": self.folder}
        return {"path": self.folder / Path(name).name, "line": int(line)}

    def where(self, source: str | None) -> str:
        """A curated entry's source ('termbase/x.yml:12') as the path of the file in this folder."""
        at = self.locate(source or "")
        return f"{at['path']}:{at['line']}" if "line" in at else str(at["path"])

    def _accepted_where(self, proposal: Proposal) -> str | None:
        cid = proposal.id if proposal.id in self.curated else self.index.concept_of("lv", proposal.lv.text)
        return None if cid is None else self.where(self.curated[cid].source)

    def _rejection_of(self, concept: Concept) -> tb.Rejection | None:
        if not tb.is_rejected(concept, self._refused):
            return None
        return next(r for r in self.rejected if tb.is_rejected(concept, tb.rejected_keys([r])))

    def decision_on(self, proposal: Proposal) -> Decision | None:
        """The decision already taken on this proposal (its id or its Latvian term accepted, or the
        pair rejected), or None. A rejection is matched by what it records, its terms' stem keys,
        as the build matches it (`termbase.is_rejected`), never by the id it notes for reference:
        every entry names its Latvian term (`termbase.load_rejected` requires `lv`), and a rebuild
        can give a rejected proposal's id to another term (e grāmata rejected as x-e-gramat; the
        next build proposes e-grāmata, x-e-gramat-2 before, as x-e-gramat)."""
        where = self._accepted_where(proposal)
        if where is not None:
            return Decision(proposal.id, "already accepted", where)
        rejection = self._rejection_of(proposal.concept)
        if rejection is not None:
            return Decision(proposal.id, "already rejected", rejection.where)
        return None

    def pending(self, proposals: Iterable[Proposal]) -> list[Proposal]:
        """The proposals nobody has decided on yet, in their order."""
        return [p for p in proposals if self.decision_on(p) is None]

    # --- new decisions --------------------------------------------------------------------------

    def accept(self, proposal: Proposal, *, lv: str | None = None, en: str | None = None,
               keep_en: bool = True) -> Decision:
        """Accept one proposal (edited when `lv`/`en` are given): append it to accepted.yaml."""
        return self.apply(accept=[(proposal, {"lv": lv, "en": en, "keep_en": keep_en})])[0]

    def reject(self, proposal: Proposal, *, whole_term: bool = False) -> Decision:
        """Reject one proposal (`whole_term`: the Latvian term with any English): append to rejected.yaml."""
        return self.apply(reject=[(proposal, whole_term)])[0]

    def apply(self, *, accept: Sequence[tuple[Proposal, dict]] = (),
              reject: Sequence[tuple[Proposal, bool]] = ()) -> list[Decision]:
        """Take many decisions at once: every one is checked first (InputError, nothing written,
        when one contradicts a decision already taken), then each file is written once.
        `accept`: (proposal, edits for `accepted_concept`); `reject`: (proposal, whole_term)."""
        self._refresh()
        both = {p.id for p, _ in accept} & {p.id for p, _ in reject}
        if both:
            raise InputError(f"{sorted(both)[0]}: both accepted and rejected; decide once")
        out: list[Decision] = []
        staged = tb.CuratedIndex()
        staged.ids, staged.keys = dict(self.index.ids), dict(self.index.keys)
        concepts: list[tuple[Concept, str]] = []
        for proposal, edits in accept:
            concept = accepted_concept(proposal, **edits)
            concept = replace(concept, subject_field=concept.subject_field or self.subject_field)
            where = self._accepted_where(proposal)
            if where is not None:
                out.append(Decision(proposal.id, "already accepted", where))
                continue
            rejection = self._rejection_of(concept) or self._rejection_of(proposal.concept)
            if rejection is not None:
                raise InputError(f"{proposal.id} was rejected here; delete this entry to accept it",
                                 path=rejection.path, line=rejection.line)
            staged.add(concept, path=self.accepted_path)
            concepts.append((concept, self._provenance(proposal, concept)))
        rejections: list[tb.Rejection] = []
        for proposal, whole_term in reject:
            where = self._accepted_where(proposal)
            if where is not None:
                raise InputError(f"{proposal.id} was accepted here; delete this entry to reject it", **self.locate(where))
            en = None if whole_term or proposal.en is None else proposal.en.text
            rejection = tb.Rejection(lv=proposal.lv.text, en=en, date=self.today, id=proposal.id,
                                     path=str(self.rejected_path))
            tb.check_decisions([c for c, _ in concepts], [rejection])
            old = next((r for r in [*self.rejected, *rejections] if r.key == rejection.key), None)
            if old is not None:
                out.append(Decision(proposal.id, "already rejected", old.where))
                continue
            rejections.append(rejection)
        if concepts:
            self._write_accepted(concepts, out)
        if rejections:
            self._write_rejected(rejections, out)
        self._seen = self._stamps()
        return out

    def _write_accepted(self, concepts: list[tuple[Concept, str]], out: list[Decision]) -> None:
        new = not self.accepted_path.exists()
        file_field = self.main_field if new else self.file_field  # (a new file is given the main field)
        texts = [concept_yaml(c, provenance=prov, file_field=file_field) for c, prov in concepts]
        line = append_entries(self.accepted_path, texts, header=accepted_header(file_field), key="concepts")
        self.file_field = file_field
        for (concept, prov), text in zip(concepts, texts):
            concept = replace(concept, source=f"{tb.stable_name(self.accepted_path)}:{line}",
                              note="\n".join(filter(None, (concept.note, tb.PROVENANCE_NOTE + prov))))
            self.index.add(concept, path=self.accepted_path, line=line)
            self.curated[concept.id] = concept
            out.append(Decision(concept.id, "accepted", f"{self.accepted_path}:{line}"))
            line += text.count("\n") + 1

    def _write_rejected(self, rejections: list[tb.Rejection], out: list[Decision]) -> None:
        texts = [rejection_yaml(r) for r in rejections]
        line = append_entries(self.rejected_path, texts, header=REJECTED_HEADER, key="rejected")
        for rejection, text in zip(rejections, texts):
            rejection = replace(rejection, line=line)
            self.rejected.append(rejection)
            self._refused.add(rejection.key)
            out.append(Decision(rejection.id or rejection.lv, "rejected", rejection.where))
            line += text.count("\n") + 1

    def _provenance(self, proposal: Proposal, concept: Concept) -> str:
        """'accepted from extraction, <date>', with the pairing confidence, and what the machine
        proposed when the entry was edited."""
        text = f"accepted from extraction, {self.today}"
        if proposal.confidence is not None:
            text += f" (pairing confidence {proposal.confidence:.2f})"
        was = (proposal.lv.text, proposal.en.text if proposal.en else None)
        now = (concept.terms_in("lv")[0].text, concept.terms_in("en")[0].text if concept.terms_in("en") else None)
        if was != now:
            text += f"; edited: the machine proposed {was[0]} -> {was[1] or '(no English)'}"
        return text


def _top_level_field(path: Path) -> str | None:
    """The `subject_field:` at the top level of a curated file (its entries' default), or None.
    (The file was validated as it was loaded: only that line is read again.)"""
    import yaml

    from ..textio import read_text

    found = re.search(r"(?m)^subject_field[ \t]*:.*$", read_text(path, nfc=False))
    try:
        value = yaml.safe_load(found.group()).get("subject_field") if found else None
    except (yaml.YAMLError, AttributeError):
        return None
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def decide_ids(review: Review, proposals: Sequence[Proposal], *, accept: Iterable[str] = (),
               reject: Iterable[str] = (), db: str | os.PathLike | None = None) -> list[Decision]:
    """`lvterm review --accept ID --reject ID`: the decisions on the proposals named by their
    concept ids, all checked before anything is written. An id already decided the same way is
    reported as such (after a rebuild an accepted proposal is a curated entry); one decided the
    other way, or that names nothing, is an InputError (file and line, or the library)."""
    by_id = {p.id: p for p in proposals}
    out: list[Decision] = []
    chosen: dict[str, list] = {"accept": [], "reject": []}
    for verb, ids in (("accept", accept), ("reject", reject)):
        for cid in dict.fromkeys(ids):
            if cid in by_id:
                chosen[verb].append((by_id[cid], {} if verb == "accept" else False))
                continue
            rejection = next((r for r in review.rejected if r.id == cid), None)
            if cid in review.curated:
                done = Decision(cid, "already accepted", review.where(review.curated[cid].source))
            elif rejection is not None:
                done = Decision(cid, "already rejected", rejection.where)
            else:
                raise InputError(f"no proposal {cid!r} in the library (`lvterm review` lists them)", path=db)
            if done.action != f"already {verb}ed":
                raise InputError(f"{cid} was {done.action.split()[-1]} here; delete this entry to {verb} it",
                                 **review.locate(done.where))
            out.append(done)
    return out + review.apply(accept=chosen["accept"], reject=chosen["reject"])
