"""The .po files of `lvterm po`: one Latvian .po per aligned post pair, and glossary.po from the termbase.

Entries are the post's title (first: msgid the English title, msgstr the Latvian one), then the
library's beads: msgid the English side, msgstr the Latvian side (1-2 and 2-1 beads are already
joined in the database), a `#:` reference to the English sentence's line in its post file, an
extracted comment with the alignment confidence, `fuzzy` under the threshold with a comment saying
why (msgfmt leaves fuzzy entries out of the .mo), and a msgctxt when a msgid repeats. Output is
deterministic: no clock time is ever written (PO-Revision-Date is the latest post date).
"""
from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from pathlib import Path

import polib

from ..constants import REVIEW_THRESHOLD, status_label, status_rank
from ..formats import po as pofmt
from ..models import Concept
from ..terms.termbase import without_proposals
from .. import db as dbrows
from .. import schema
from . import termsource

GLOSSARY = "glossary"


def revision_date(dates) -> str:
    """A PO date from the data: the latest post date (ISO or a year), never the clock."""
    best = ""
    for value in dates:
        s = str(value or "").strip()
        m = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", s)
        if m:
            iso = f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}"
            best = max(best, iso)
    return f"{best or '1970-01-01'} 00:00+0000"


def post_pofiles(db: str | os.PathLike, *, threshold: float | None = None) -> dict[str, polib.POFile]:
    """slug -> POFile for every aligned post pair in the database."""
    cutoff = REVIEW_THRESHOLD if threshold is None else threshold
    with schema.open_library(db) as conn:
        posts = dbrows.post_info(conn)
        lines = dbrows.segment_lines(conn)
        by_pair: dict[str, list[dbrows.BeadRow]] = defaultdict(list)
        for bead in dbrows.iter_beads(conn):
            by_pair[bead.pair].append(bead)
    out = {}
    for pair, beads in sorted(by_pair.items()):
        dates = [posts[p]["date"] for p in {b.lv_post for b in beads} | {b.en_post for b in beads} if p in posts]
        po = pofmt.new_pofile(metadata=pofmt.lv_header(project=f"lvterm {pair}", revision_date=revision_date(dates)))
        po.header = f"Latvian sentences of the post pair {pair!r} and their English equivalents (lvterm)."
        rights = dbrows.copyright_of(posts, *sorted(({b.lv_post for b in beads} | {b.en_post for b in beads}) - {None}))
        if rights:  # the posts' own notice, where xgettext puts the copyright line
            po.header += f"\nCopyright: {rights}"
        entries = [b for b in beads if b.bilingual]
        title = _title_entry(pair, beads[0], posts)
        repeated = Counter(pofmt.normalise_ws(b.en_text) for b in entries)
        if title is not None:
            if repeated[pofmt.normalise_ws(title.msgid)]:
                title.msgctxt = f"{pair}:title"
            po.append(title)
        for bead in entries:
            msgid = bead.en_text.strip()
            post = posts.get(bead.en_post)
            file = post["file"] if post is not None and post["file"] else f"corpus/posts/{bead.en_post}.md"
            refs = sorted({(file, str(lines[(bead.en_post, i)])) for i in bead.en_ids if (bead.en_post, i) in lines},
                          key=lambda r: (r[0], int(r[1])))
            entry = polib.POEntry(
                msgid=msgid,
                msgstr=pofmt.wrap_like(bead.lv_text.strip(), msgid),
                occurrences=refs or [(file, "")],
                comment=f"confidence: {bead.score:.3f} (bead {bead.kind}, position {bead.position})",
            )
            if repeated[pofmt.normalise_ws(bead.en_text)] > 1:
                entry.msgctxt = f"{pair}:{bead.position}"
            if bead.score < cutoff:
                entry.flags.append("fuzzy")
                entry.comment += "\n" + fuzzy_reason(bead.score, cutoff)
            po.append(entry)
        out[pair] = po
    return out


def fuzzy_reason(score: float, cutoff: float) -> str:
    """Why a sentence pair is `#, fuzzy`: said in its comment, since msgfmt drops fuzzy entries."""
    return (f"fuzzy: the alignment confidence {score:.2f} is under {cutoff:g}, so these sentences may not "
            f"translate each other; check the pair, then remove the fuzzy flag (msgfmt leaves fuzzy entries "
            f"out of the .mo)")


def _glossary_fuzzy_reason(lv_term, en_term) -> str:
    """Why a glossary entry is `#, fuzzy`: a term that is a machine proposal or deprecated."""
    terms = (lv_term, en_term)
    why = ["a machine proposal nobody has reviewed yet (`lvterm review` decides)"] * any(
        t.status == "proposed" for t in terms)
    why += [f"{t.text!r} is {t.status}" for t in terms if t.status not in ("preferred", "admitted", "proposed")]
    return f"fuzzy: {'; '.join(why)}; msgfmt leaves fuzzy entries out of the .mo"


def _title_entry(pair: str, bead: "dbrows.BeadRow", posts: dict) -> polib.POEntry | None:
    """The post's title as the first unit: msgid the English title, msgstr the Latvian title."""
    lv, en = posts.get(bead.lv_post), posts.get(bead.en_post)
    if lv is None or en is None or not (en["title"] or "").strip():
        return None
    msgid = " ".join(en["title"].split())
    file = en["file"] or f"corpus/posts/{bead.en_post}.md"
    return polib.POEntry(msgid=msgid, msgstr=" ".join((lv["title"] or "").split()), occurrences=[(file, "")],
                         comment=f"title of the post {pair!r}")


def _best(terms, lang: str):
    ranked = sorted((t for t in terms if t.lang == lang), key=lambda t: (status_rank(t.status), t.text))
    return ranked


def _source_ref(source: str | None) -> list[tuple[str, str]]:
    """A curated entry's `file:line` as a PO reference; extracted entries have none."""
    if not source or ":" not in source:
        return []
    path, _, line = source.rpartition(":")
    return [(path, line)] if line.isdigit() and path.endswith((".yml", ".yaml")) else []


def _glossary_notes(concept: Concept, target, en_term, *, lv_terms, deprecated) -> list[str]:
    """The `#.` lines of a glossary entry: status, reliability, subject field, definition, notes
    (the concept's, and each term's usage note), other Latvian terms, deprecated ones."""
    def both(lv_value, en_value, *, fmt=str) -> str:
        return fmt(lv_value) + (f" (English: {fmt(en_value)})" if en_value != lv_value else "")

    notes = [f"status: {both(target.status, en_term.status, fmt=status_label)}",
             f"reliability: {both(target.reliability, en_term.reliability, fmt=lambda r: f'{r}/4')}"]
    if concept.subject_field:
        notes.append(f"subject field: {concept.subject_field}")
    if concept.definition:
        notes.append(f"definition: {' '.join(concept.definition.split())}")
    notes += [f"note: {line}" for line in (concept.note or "").splitlines() if line.strip()]
    for lang, term in (("Latvian", target), ("English", en_term)):
        if term.note:
            notes.append(f"{lang} {term.note_label}: {' '.join(term.note.split())}")
    if len(lv_terms) > 1:
        notes.append("also: " + ", ".join(t.text for t in lv_terms[1:]))
    if deprecated:
        notes.append("deprecated: " + ", ".join(deprecated))
    return notes


def glossary_pofile(concepts: list[Concept], *, revision: str = "1970-01-01 00:00+0000",
                    include_proposed: bool = False) -> polib.POFile:
    """msgid English term, msgstr the preferred Latvian term, msgctxt the concept id; status,
    reliability, notes and usage notes as `#.` comments. Machine proposals only with
    `include_proposed`, and then `#, fuzzy` (as is anything not preferred or admitted)."""
    po = pofmt.new_pofile(metadata=pofmt.lv_header(project="lvterm glossary", revision_date=revision))
    po.header = "English-Latvian glossary from the lvterm termbase: msgctxt is the concept id."
    if not include_proposed:
        concepts = without_proposals(concepts)
    for concept in sorted(concepts, key=lambda c: c.id):
        lv_terms = [t for t in _best(concept.terms, "lv") if t.status != "deprecated"]
        if not lv_terms:
            continue
        target = lv_terms[0]
        deprecated = [t.text for t in _best(concept.terms, "lv") if t.status == "deprecated"]
        seen = set()
        for en_term in _best(concept.terms, "en"):
            if en_term.text in seen:
                continue
            seen.add(en_term.text)
            notes = _glossary_notes(concept, target, en_term, lv_terms=lv_terms, deprecated=deprecated)
            entry = polib.POEntry(msgid=en_term.text, msgstr=target.text, msgctxt=concept.id,
                                  comment="\n".join(notes), occurrences=_source_ref(concept.source))
            if en_term.status in ("deprecated", "proposed") or target.status not in ("preferred", "admitted"):
                entry.flags.append("fuzzy")
                entry.comment += "\n" + _glossary_fuzzy_reason(target, en_term)
            po.append(entry)
    return po


def library_concepts(db) -> list[Concept]:
    """The built termbase, or the curated termbase/ folder when the database has none."""
    concepts = termsource.load_db(db)
    if not concepts and Path(termsource.DEFAULT_TERMBASE_DIR).is_dir():
        concepts = termsource.load_concepts([termsource.DEFAULT_TERMBASE_DIR])
    return concepts
