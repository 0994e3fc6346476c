"""The one word-analysis type of both languages, and the part of analysing a word they share.

`lv.analyse` and `en.analyse` guess a word's part of speech from its ending and closed word lists;
both return an `Analysis` (English leaves case and definiteness None) and both start the same way:
punctuation, a number, or a word of a closed class (`closed_class`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Mapping

from .keys import in_capitals


@dataclass(frozen=True)
class Analysis:
    """A word's guessed part of speech (UD tag), case(s), number(s), definiteness, and its keys.
    English words use the same class (case and definite are None there)."""

    pos: str  # NOUN PROPN ADJ VERB AUX ADV ADP CCONJ SCONJ PRON PART NUM PUNCT
    case: str | None  # "nom", "gen|acc", ...: every reading, most likely first
    number: str | None  # "sing", "plur", "sing|plur"
    definite: bool | None  # adjectives: True definite, False indefinite, None either
    lemma: str
    stem: str
    fold: str

    def has_case(self, case: str) -> bool:
        return self.case is not None and case in self.case.split("|")

    @property
    def morph(self) -> str:
        """The guess in UD FEATS syntax for spaCy's token.morph: 'Case=Acc,Gen|Number=Sing'."""
        feats = []
        if self.case:
            feats.append("Case=" + ",".join(sorted(c.capitalize() for c in self.case.split("|"))))
        if self.definite is not None:
            feats.append("Definite=" + ("Def" if self.definite else "Ind"))
        if self.number:
            feats.append("Number=" + ",".join(sorted(n.capitalize() for n in self.number.split("|"))))
        return "|".join(feats)


def closed_class(word: str, *, low: str, keys: Mapping[str, str],
                 classes: Iterable[tuple[str, frozenset[str]]], acronyms: bool = True) -> Analysis | None:
    """The analysis of punctuation, a number, or a word of a closed class, else None.

    `low` is the word's lower-cased form (the lemma of a closed-class word); `classes` are
    (UD tag, words) pairs, the first that holds `low` wins (a word in two lists takes the first
    tag); `keys` are the stem and fold keys every Analysis carries. `acronyms`: a word of two or
    more capitals is an acronym, of no closed class (ES, the EU, not "es"; IT, US, not "it", "us");
    False where the whole sentence is in capitals (a heading: TAS IR LABI, THE LIBRARY IS OPEN),
    whose words keep their classes (`terms.patterns.analysed_words` tells).
    """
    if not word or not any(ch.isalnum() for ch in word):
        return Analysis("PUNCT", None, None, None, word, **keys)
    if word[0].isdigit():
        return Analysis("NUM", None, None, None, low, **keys)
    if acronyms and in_capitals(word):
        return None
    for pos, vocab in classes:
        if low in vocab:
            return Analysis(pos, None, None, None, low, **keys)
    return None


def spells_closed_class(word: str, *, classes: Iterable[tuple[str, frozenset[str]]]) -> bool:
    """A word in capitals that spells a word of one of the closed `classes` (ES: es, US: us, IT: it):
    the stem keys of both languages keep it as written, so that the acronym (the EU, the United
    States, information technology) never matches the pronoun or particle, nor the other way round.
    Other words in capitals key as in lower case (BIEDRA NAUDU is biedra nauda, NGOs NGO)."""
    if not in_capitals(word):
        return False
    low = word.lower()
    return any(low in vocab for _, vocab in classes)


def word_classes(table: str) -> dict[str, frozenset[str]]:
    """Word lists from a table: a line starting with a tag opens a class, indented lines go on.

    'DET  a an the\\n     this that' -> {'DET': frozenset({'a', 'an', 'the', 'this', 'that'})}.
    Classes keep the table's order, which is the order `closed_class` tries them in.
    """
    out: dict[str, list[str]] = {}
    tag = None
    for line in table.splitlines():
        fields = line.split()
        if not fields:
            continue
        if not line[0].isspace():
            tag, fields = fields[0], fields[1:]
            out[tag] = []
        if tag is None:
            raise ValueError(f"word table line before any tag: {line!r}")
        out[tag] += fields
    return {t: frozenset(ws) for t, ws in out.items()}
