"""Translation memory for pre-translation: English source -> Latvian target, with a fast fuzzy index.

Loaded from the built library's beads, TMX files or translated .po files. Lookups:

- `exact(text)`: identical after whitespace normalisation (a dict: the candidates; whether one is an
  exact match, its whitespace and context too, is `pretranslate`'s call);
- `fuzzy(text, threshold=...)`: rapidfuzz `fuzz.ratio` (0-100) on rapidfuzz's default-processed text,
  searched only over a short list: memory entries that share at least half of the query's
  informative (not very common) words, counted with numpy over an inverted index, and whose
  length allows the threshold at all (ratio <= 200 * min(len) / (len_a + len_b));
- `fuzzy_plural(text, text_plural, threshold=...)`: the plural entries, scored on msgid and
  msgid_plural together (the forms of one entry go together), over all of them (a memory has few).
"""
from __future__ import annotations

import logging
import math
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import polib

from .. import db as dbrows
from .. import schema
from ..constants import REVIEW_THRESHOLD
from ..errors import InputError
from ..formats import po as pofmt
from ..formats import tmx
from ..progress import advancing
from ..textio import to_nfc
from . import plurals

log = logging.getLogger(__name__)

COMMON_SHARE = 0.05  # words in more than this share of the memory carry no blocking signal
MIN_SHARED = 0.5  # a candidate shares at least this share of the query's informative words


@dataclass(frozen=True)
class TMEntry:
    """A memory entry. `targets` holds the Latvian text, or all plural forms for a plural .po entry."""

    source: str
    targets: tuple[str, ...]
    origin: str
    confidence: float = 1.0
    source_plural: str | None = None
    context: str | None = None  # a .po entry's msgctxt (None: no context, as every bead has)

    @property
    def target(self) -> str:
        return self.targets[0] if self.targets else ""


@dataclass(frozen=True)
class Match:
    entry: TMEntry
    score: float  # 100 for an exact match


# --- loading -----------------------------------------------------------------------

def from_db(db: str | os.PathLike, *, min_confidence: float | None = None) -> Iterator[TMEntry]:
    """Bilingual beads at or above the confidence threshold (lower ones are for review, not reuse)."""
    cutoff = REVIEW_THRESHOLD if min_confidence is None else min_confidence
    name = Path(db).name
    with schema.open_library(db) as conn:
        for bead in dbrows.iter_beads(conn):
            if bead.bilingual and bead.score >= cutoff:
                yield TMEntry(source=bead.en_text.strip(), targets=(bead.lv_text.strip(),),
                              origin=f"{name} bead {bead.pair}:{bead.position}", confidence=bead.score)


def from_tmx(path: str | os.PathLike) -> Iterator[TMEntry]:
    """Units with Latvian and English text of a TMX (read by `formats.tmx`, bytes by `lvterm.textio`).
    Inline codes keep their content (`<ph>%d</ph>` is "%d", `<bpt>&lt;b&gt;</bpt>` is "<b>"): a
    placeholder or markup left out would make the unit match a template entry that has none."""
    for lv, en in tmx.load(path, langs=("lv", "en"), keep_codes=True):
        yield TMEntry(source=en.strip(), targets=(lv.strip(),), origin=Path(path).name)


def entry_of(e: polib.POEntry, *, name: str, plural_map: Mapping[int, int] | None = None) -> TMEntry | None:
    """The memory entry of one translated, not fuzzy .po entry (obsolete ones too), in NFC; its
    plural forms moved by `plural_map` (our form -> the file's, `plurals.form_map`); None when there is none."""
    if not e.msgid or "fuzzy" in e.flags:
        return None
    if e.msgid_plural:
        given = plurals.remap(e.msgstr_plural, plural_map) if plural_map else e.msgstr_plural
        forms = tuple(to_nfc(given[k]) for k in sorted(given))
        if not forms or not all(forms):
            return None
        return TMEntry(source=to_nfc(e.msgid), targets=forms, origin=f"{name}:{e.linenum}",
                       source_plural=to_nfc(e.msgid_plural), context=e.msgctxt)
    if not e.msgstr:
        return None
    return TMEntry(source=to_nfc(e.msgid), targets=(to_nfc(e.msgstr),), origin=f"{name}:{e.linenum}",
                   context=e.msgctxt)


def from_po(path: str | os.PathLike) -> Iterator[TMEntry]:
    """Translated, not fuzzy entries of a Latvian .po (a warning when its Language is not lv).

    Plural entries: the file's msgstr[n] are moved onto lvterm's Latvian forms when its Plural-Forms
    differs and `plurals.form_map` can (`nplurals=2`: msgstr[1] serves n=0 too); when it cannot
    (CLDR's formula of Weblate and Django) or the header's formula does not parse, its plural
    entries are left out, with one warning."""
    po = pofmt.load(path, expect_lang="lv")
    name = Path(path).name
    plural_map, skip_plurals = _plural_map(po, path=path)
    for e in po:
        if e.obsolete or (skip_plurals and e.msgid_plural):
            continue
        entry = entry_of(e, name=name, plural_map=plural_map)
        if entry is not None:
            yield entry


def _plural_map(po: polib.POFile, *, path) -> tuple[dict[int, int] | None, bool]:
    """(form map, skip the plural entries) for a memory .po's Plural-Forms."""
    if not any(e.msgid_plural and not e.obsolete for e in po):
        return None, False
    try:
        rule = plurals.rule_of(po.metadata)
    except plurals.PluralFormsError as exc:
        log.warning("%s: warning: Plural-Forms cannot be read (%s); its plural entries are not used", path, exc)
        return None, True
    if rule is None:
        return None, False  # msgfmt refuses plural entries without it; lvterm's formula is assumed
    mapping = plurals.form_map(rule)
    if mapping is None:
        log.warning("%s: warning: Plural-Forms is not lvterm's Latvian formula (%s); its plural entries "
                    "are not used", path, plurals.conflict(rule))
        return None, True
    identity = rule.nplurals == pofmt.LV_NPLURALS and all(k == v for k, v in mapping.items())
    return (None if identity else mapping), False


def from_file(path: str | os.PathLike) -> Iterator[TMEntry]:
    suffix = Path(path).suffix.lower()
    if not Path(path).is_file():
        raise InputError("translation memory not found", path=path)
    if suffix == ".tmx":
        return from_tmx(path)
    if suffix in (".po", ".pot"):
        return from_po(path)
    raise InputError("unknown translation memory format (use .tmx or .po)", path=path)


# --- the memory ------------------------------------------------------------------------

class Memory:
    """Entries plus an exact-match dict; the fuzzy index is built on the first fuzzy lookup."""

    def __init__(self, entries: Iterable[TMEntry]):
        self.entries: list[TMEntry] = []
        self._exact: dict[str, list[int]] = {}
        for entry in entries:
            if not entry.source.strip() or not any(entry.targets):
                continue
            self._exact.setdefault(pofmt.normalise_ws(to_nfc(entry.source)), []).append(len(self.entries))
            self.entries.append(entry)
        self._index = None
        self._plurals: tuple[list[int], list[str]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def exact(self, text: str) -> list[TMEntry]:
        """Entries whose source equals `text` after NFC and whitespace normalisation, most confident
        first."""
        ids = self._exact.get(pofmt.normalise_ws(to_nfc(text)), [])
        return sorted((self.entries[i] for i in ids), key=lambda e: -e.confidence)

    # fuzzy ---------------------------------------------------------------------------

    def index(self) -> None:
        """Build the fuzzy index now (else the first fuzzy lookup builds it: a progress bar would
        count its seconds as that entry's and show an ETA of hours)."""
        if self._index is None:
            self._build()

    def _build(self):
        import numpy as np
        from rapidfuzz import utils

        processed = [utils.default_process(to_nfc(e.source)) for e in self.entries]
        lengths = np.fromiter((len(p) for p in processed), dtype=np.int32, count=len(processed))
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(processed):
            for tok in set(text.split()):
                postings[tok].append(i)
        arrays = {tok: np.asarray(ids, dtype=np.int32) for tok, ids in postings.items()}
        self._index = (processed, lengths, arrays)
        return self._index

    def candidates(self, query: str, *, threshold: float):
        """Ids of entries that can reach `threshold`: shared informative words and a compatible length."""
        import numpy as np

        processed, lengths, arrays = self._index or self._build()
        n = len(processed)
        tokens = [t for t in set(query.split()) if t in arrays]
        if not tokens or not n:
            return np.empty(0, dtype=np.int64)
        common = max(COMMON_SHARE * n, 50)
        informative = [t for t in tokens if len(arrays[t]) <= common] or tokens
        need = max(1, math.floor(MIN_SHARED * len(informative)))
        counts = np.bincount(np.concatenate([arrays[t] for t in informative]), minlength=n)
        lq = len(query)
        # fuzz.ratio(a, b) <= 200 * min(la, lb) / (la + lb): keep only lengths that allow the threshold.
        low = math.ceil(lq * threshold / (200 - threshold)) if threshold < 200 else lq
        high = math.floor(lq * (200 - threshold) / threshold) if threshold > 0 else 10**9
        mask = (counts >= need) & (lengths >= low) & (lengths <= high)
        return np.flatnonzero(mask)

    def fuzzy(self, text: str, *, threshold: float, limit: int = 10) -> list[Match]:
        """Best fuzzy matches at or above `threshold` (0-100), best first (`text` read as NFC, as the
        entries are)."""
        from rapidfuzz import fuzz, process, utils

        processed, _, _ = self._index or self._build()
        query = utils.default_process(to_nfc(text))
        if not query:
            return []
        ids = self.candidates(query, threshold=threshold)
        if len(ids) == 0:
            return []
        ids = ids.tolist()
        found = process.extract(query, [processed[i] for i in ids], scorer=fuzz.ratio, score_cutoff=threshold,
                                limit=limit, processor=None)
        matches = [Match(self.entries[ids[pos]], score) for _, score, pos in found]
        matches.sort(key=lambda m: (-round(m.score, 6), -m.entry.confidence))
        return matches

    def fuzzy_plural(self, text: str, text_plural: str, *, threshold: float, limit: int = 10) -> list[Match]:
        """Best plural entries at or above `threshold`, scored as `fuzzy` scores on msgid and
        msgid_plural together, best first."""
        from rapidfuzz import fuzz, process, utils

        if self._plurals is None:
            ids = [i for i, e in enumerate(self.entries) if e.source_plural]
            both = (f"{self.entries[i].source} {self.entries[i].source_plural}" for i in ids)
            self._plurals = (ids, [utils.default_process(to_nfc(text)) for text in both])
        ids, processed = self._plurals
        query = utils.default_process(to_nfc(f"{text} {text_plural}"))
        if not query or not ids:
            return []
        found = process.extract(query, processed, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit,
                                processor=None)
        matches = [Match(self.entries[ids[pos]], score) for _, score, pos in found]
        matches.sort(key=lambda m: (-round(m.score, 6), -m.entry.confidence))
        return matches


def build_memory(*, tm_files: Sequence[str | os.PathLike] = (), db: str | os.PathLike | None = None,
                 progress=None) -> Memory:
    """The given TMX/PO files, or the built library when none is given (`progress`: a bar over
    them, so a terminal shows what the seconds of reading a large memory are spent on)."""
    if not tm_files and db is None:
        raise InputError("no translation memory: pass --tm FILE or build the library")
    sources = list(tm_files) or [db]
    entries: list[TMEntry] = []
    for path in advancing(sources, progress, label="reading the translation memory", length=len(sources)):
        entries.extend(from_file(path) if tm_files else from_db(path))
    return Memory(entries)
