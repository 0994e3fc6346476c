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


#: A term's part of speech: TBX-Basic's picklist (noun, verb, adjective, adverb, other) and properNoun,
#: a name (TBX v3's TBX-Basic has no such value: the TBX export writes it as noun with a note).
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb", "properNoun", "other")


def default_part_of_speech(term_type: str) -> str:
    """A term's part of speech when none is given: a properNoun term's is properNoun, any other's noun."""
    return "properNoun" if term_type == "properNoun" else "noun"


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
    # one of PARTS_OF_SPEECH; None (not given) becomes `default_part_of_speech(term_type)` when the term
    # is made, so it is never None afterwards (dataclasses.replace keeps it: pass None to derive it again)
    part_of_speech: str | None = None

    def __post_init__(self) -> None:
        if self.part_of_speech is None:
            object.__setattr__(self, "part_of_speech", default_part_of_speech(self.term_type))

    @property
    def note_label(self) -> str:
        """What its note is, as exports and pages label it: a machine proposal's note is the
        machine's (its pairing confidence), not usage advice."""
        return "machine note" if self.status == "proposed" else "usage"


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


@dataclass(frozen=True)
class LookupHit:
    """One concept found by `lvterm lookup`, best first: the fields of `lookup --json`.

    `lv`/`en` are the best Latvian and English terms (preferred first), `status` that of the Latvian
    term; `en` is None when the entry has no English term, or when its English is a machine
    proposal held back from the headline (pairing confidence under the display threshold,
    `constants.DISPLAY_MIN_CONFIDENCE`): then `machine_guess` is that term, {"en", "confidence",
    "threshold"} (None otherwise). `en_terms` are the English terms shown (never such a guess, which
    no script should take for an equivalent); `terms` has every term, each with its `machine_guess`.
    `score` how well the query matched (1.0 exact form, 0.97 without diacritics, 0.92 another
    inflection, 0.75 x similarity for a typo), `forms` the Latvian term's forms with their counts,
    `examples` sentence pairs (dicts: lv, en, bead_id, score, lv_spans, en_spans)."""

    concept_id: str
    lv: str
    en: str | None
    status: str
    score: float
    forms: Mapping[str, int]
    examples: tuple[Mapping[str, Any], ...]
    lv_terms: tuple[str, ...] = ()
    en_terms: tuple[str, ...] = ()
    reliability: int | None = None
    term_type: str | None = None
    matched: Mapping[str, Any] = field(default_factory=dict)
    frequency: int = 0
    subject_field: str | None = None
    definition: str | None = None
    note: str | None = None
    origin: str | None = None
    terms: tuple[Mapping[str, Any], ...] = ()
    machine_guess: Mapping[str, Any] | None = None

    @classmethod
    def from_dict(cls, entry: Mapping[str, Any]) -> "LookupHit":
        tuples = {"examples", "lv_terms", "en_terms", "terms"}
        return cls(**{k: tuple(v) if k in tuples else v for k, v in entry.items() if k in cls.__dataclass_fields__})

    def as_dict(self) -> dict[str, Any]:
        """The JSON object of `lvterm lookup --json` (same keys, lists for tuples)."""
        out = {}
        for name in JSON_ORDER:
            value = getattr(self, name)
            out[name] = list(value) if isinstance(value, tuple) else value
        return out


JSON_ORDER = ("concept_id", "lv", "en", "machine_guess", "en_terms", "lv_terms", "status", "reliability", "term_type",
              "score", "matched", "forms", "frequency", "subject_field", "definition", "note", "origin", "terms",
              "examples")
