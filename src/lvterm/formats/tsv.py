"""OmegaT glossary (tab-separated, UTF-8): `dump(rows, fp)` / `load(fp)`.

One line per source/target pair: `source<TAB>target<TAB>comment`. `rows_from_concepts` turns
concepts into rows: every non-deprecated source-language term (Latvian by default; English for an
en -> lv project) with every non-deprecated target-language term of its concept (preferred first);
the comment carries what a translator needs to trust the pair:
status (a machine proposal says so, and an English one held back as a machine guess, `guesses`,
says that too), reliability, subject field, the concept's notes, each term's usage note (a
proposal's: its pairing confidence), and the inflected forms of the Latvian term seen, which stay in
the comment (they are variants of one term, not glossary entries).
"""
from __future__ import annotations

import functools
from typing import IO, Any, Iterable, Mapping, NamedTuple

from ..constants import PROPOSAL_LABEL, guess_label, status_rank
from ..errors import InputError
from ..models import Concept, Term



class GlossaryRow(NamedTuple):
    source: str
    target: str
    comment: str = ""


def _clean(text: str) -> str:
    """Tabs and line breaks would break the format: they become single spaces."""
    return " ".join(text.split())


def rows_from_concepts(concepts: Iterable[Concept], *, src_lang: str = "lv", tgt_lang: str = "en",
                       include_deprecated: bool = False,
                       guesses: Mapping[tuple[str, str], Mapping[str, Any]] | None = None) -> list[GlossaryRow]:
    """`guesses`: (concept id, English term) -> the term's machine guess (`lookup.machine_guesses`:
    a proposal under its display threshold, which lookup and the site show only as a guess)."""
    guesses = guesses or {}
    rows = []
    for c in concepts:
        def usable(lang):
            ts = [t for t in c.terms_in(lang) if include_deprecated or t.status != "deprecated"]
            return sorted(ts, key=lambda t: status_rank(t.status))

        for s in usable(src_lang):
            for t in usable(tgt_lang):
                guess = next((guesses[c.id, x.text] for x in (s, t) if x.lang == "en" and (c.id, x.text) in guesses),
                             None)
                rows.append(GlossaryRow(_clean(s.text), _clean(t.text), _clean(_comment(c, s, t, guess=guess))))
    return rows


def _comment(concept: Concept, source: Term, target: Term, *, guess: Mapping[str, Any] | None = None) -> str:
    """'preferred/admitted; reliability 3/2; field; note: ...; en usage: ...; forms: ...'; a pair
    whose English is a machine `guess`: 'proposed – proposal (…); machine guess; reliability 1; …;
    en machine note: pairing confidence 0.52; …' (`constants.guess_label`)."""
    def pair(a, b) -> str:
        return f"{a}" if a == b else f"{a}/{b}"

    parts = [pair(source.status, target.status)]
    if "proposed" in (source.status, target.status):
        parts[0] += f" – {PROPOSAL_LABEL}"
    if guess:
        parts.append(guess_label(guess.get("confidence")))
    parts.append(f"reliability {pair(source.reliability, target.reliability)}")
    if concept.subject_field:
        parts.append(concept.subject_field)
    parts += [f"note: {line}" for line in (concept.note or "").splitlines() if line.strip()]
    parts += [f"{t.lang} {t.note_label}: {t.note}" for t in (source, target) if t.note]
    # the concept's deprecated terms, which a glossary left without them never warned of (as the .po's "deprecated:")
    avoid = [t.text for lang in (target.lang, source.lang) for t in concept.terms_in(lang)
             if t.status == "deprecated" and t.text not in (source.text, target.text)]
    if avoid:
        parts.append("deprecated: " + ", ".join(dict.fromkeys(avoid)))
    latvian = source if source.lang == "lv" else target  # the inflected forms seen are the Latvian term's
    forms = [f.form for f in sorted(latvian.forms, key=lambda f: -f.count) if f.form != latvian.text]
    if forms:
        parts.append("forms: " + ", ".join(forms))
    return "; ".join([_open_ended(part) for part in parts[:-1]] + parts[-1:])


def _open_ended(part: str) -> str:
    """A part of the comment before "; ": without the full stop that closes its sentence ("… the
    same activity as tīklošana; forms: …", not "tīklošana.; forms:"); an abbreviation that ends a
    sentence keeps its point ("… u.c.;", "… etc.;", "… U.S.;"), and so do an initial and "...".
    """
    if not part.endswith(".") or part.endswith(".."):
        return part
    words = part[:-1].split()
    last = words[-1].lower() if words else ""
    if not last or "." in last or len(last) == 1 and last.isalpha() or last in _final_abbreviations():
        return part
    return part[:-1]


@functools.lru_cache(maxsize=None)
def _final_abbreviations() -> frozenset[str]:
    """The abbreviations a sentence may end with, Latvian and English (what the segmenter knows)."""
    from ..lang import en, lv

    return lv.SENT_ABBREV_FINAL | en.SENT_ABBREV_FINAL


def dump(rows: Iterable[GlossaryRow | tuple], fp: IO[str]) -> None:
    """Write rows (source, target[, comment]) as OmegaT glossary lines."""
    for row in rows:
        row = GlossaryRow(*row)
        if not _clean(row.source) or not _clean(row.target):
            raise InputError("a glossary row needs a source and a target term", item=repr(row.source))
        fp.write(f"{_clean(row.source)}\t{_clean(row.target)}\t{_clean(row.comment)}\n")


def load(fp: IO[str]) -> list[GlossaryRow]:
    """Read an OmegaT glossary: two or three tab-separated columns; '#' lines and blank lines skipped."""
    name = getattr(fp, "name", None)
    rows = []
    for n, line in enumerate(fp, 1):
        line = line.rstrip("\r\n")
        if n == 1:
            line = line.lstrip("\ufeff")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
            raise InputError("expected source<TAB>target[<TAB>comment]", path=name, line=n)
        rows.append(GlossaryRow(cols[0], cols[1], "\t".join(cols[2:])))
    return rows
