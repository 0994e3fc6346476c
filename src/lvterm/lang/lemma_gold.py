"""Gold lists of inflected forms and their lemmas, and how a lemmatiser is scored on one.

A gold list is a TSV file, one form a line: `form<TAB>lemma<TAB>pos` (UD part of speech), read
through `lvterm.textio`. It is split in two halves by a hash of the form, fixed before anything
was tuned: `tune` (the half one may look at while developing) and `held-out` (the half reported).

    gold = read_gold("tests/fixtures/morph/lv_lemmas.tsv")
    score(gold, lambda form: lv.lemma(form))            # {"all": 0.98, "tune": ..., "held-out": ...}
"""
from __future__ import annotations

import os
import zlib
from dataclasses import dataclass
from typing import Callable, Iterable


HALVES = ("tune", "held-out")


@dataclass(frozen=True)
class GoldForm:
    form: str
    lemma: str
    pos: str
    line: int

    @property
    def half(self) -> str:
        """'tune' or 'held-out', from a CRC-32 of the form (stable across runs and machines)."""
        return HALVES[zlib.crc32(self.form.encode("utf-8")) % 2]


def read_gold(path: str | os.PathLike) -> list[GoldForm]:
    """The gold forms of a TSV file; a line without three fields is an InputError naming it."""
    from ..textio import read_fields

    return [GoldForm(*fields, line=number) for number, fields in read_fields(path, columns=3, expect="form<TAB>lemma<TAB>pos")]


def same_lemma(found: str | None, gold: str) -> bool:
    """A lemma matches its gold lemma ignoring letter case (simplemma lower-cases some names)."""
    return found is not None and found.casefold() == gold.casefold()


def score(gold: Iterable[GoldForm], correct: Callable[[GoldForm], bool]) -> dict[str, float]:
    """Share of forms `correct` accepts: over all, and over each half."""
    gold = list(gold)
    out = {}
    for name, part in (("all", gold), *((h, [g for g in gold if g.half == h]) for h in HALVES)):
        out[name] = sum(map(correct, part)) / len(part) if part else 0.0
    return out
