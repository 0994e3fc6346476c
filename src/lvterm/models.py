"""Frozen dataclasses shared by every pipeline stage.

Offsets are Python string indices (code points) into the cleaned paragraph
text; ids are 0-based positions in document order.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Repair:
    """One change cleaning made to the text (never silent)."""

    kind: str  # e.g. "split-glued-link", "normalise-unicode"
    before: str
    after: str
    paragraph: int  # 0-based index of the body paragraph
    offset: int  # character offset of `before` in the paragraph: as received for normalise-unicode,
    # after NFC normalisation for split-glued-link (lvterm.ingest.clean)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "before": self.before,
            "after": self.after,
            "paragraph": self.paragraph,
            "offset": self.offset,
        }


@dataclass(frozen=True)
class Post:
    """A cleaned blog post in one language."""

    slug: str
    lang: str
    title: str
    paragraphs: tuple[str, ...]
    author: str | None = None
    date: str | None = None  # ISO 8601, a year alone allowed
    category: str | None = None
    source: str | None = None  # the file (and item) it was read from
    translations: Mapping[str, str] = field(default_factory=dict)  # lang -> slug
    repairs: tuple[Repair, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)  # any further metadata

    @property
    def id(self) -> str:
        return f"{self.slug}.{self.lang}"


@dataclass(frozen=True)
class Segment:
    """A sentence: `text == paragraph_text[start:end]`."""

    index: int  # 0-based position of the sentence in its document
    paragraph: int  # 0-based paragraph index
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Bead:
    """An alignment bead: source and target sentence ids (0-based), and a confidence in [0, 1]."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 1.0

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class TermForm:
    """An inflected form of a term seen in the corpus, with its count."""

    form: str
    count: int = 1


@dataclass(frozen=True)
class Term:
    """A term in one language: canonical (nominative) form, status, reliability and every form seen."""

    lang: str
    text: str  # canonical form
    status: str = "proposed"  # preferred | admitted | deprecated | proposed
    reliability: int = 1  # 1-4 as IATE
    term_type: str = "fullForm"  # fullForm | properNoun | abbreviation | ...
    forms: tuple[TermForm, ...] = ()
    frequency: int = 0
    note: str | None = None


@dataclass(frozen=True)
class Concept:
    """A concept-oriented termbase entry: terms in both languages for one concept."""

    id: str
    terms: tuple[Term, ...]
    subject_field: str | None = None
    definition: str | None = None
    note: str | None = None
    origin: str = "curated"  # curated | extracted
    source: str | None = None  # curated file (and line) or "extraction"

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang)


@dataclass(frozen=True)
class Occurrence:
    """A span of a term in a segment."""

    term_text: str
    lang: str
    segment_index: int
    start: int
    end: int
    form: str
