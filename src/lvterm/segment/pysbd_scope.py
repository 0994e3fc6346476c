"""Where pysbd can change an English paragraph's sentences, for `rules.sentence_starts`.

Our rules cut a paragraph at the boundaries they are sure of; pysbd reads the piece between two
cuts only where it may decide otherwise: a case our rules are unsure of, or one of `PYSBD_ONLY`'s
patterns (a line break, a list item, a numbered reference, a parenthesis between quotes), where
pysbd may start a sentence our rules never consider. `Marks(text, items)` holds one paragraph's:

- `flagged(a, b)`: `PYSBD_ONLY.search(text, a, b)` for every piece without scanning each piece
  with that pattern (which cost a third of English segmentation): list items are looked for at
  the words the rules judge anyway, references with a pattern that starts with a literal, line
  breaks and parentheses by plain string search.
- `settled(a, b, unsure)`: whether a piece pysbd would be asked about is one whose outcome it
  provably cannot change (pysbd 0.3.4's rules, read in `settled`'s docstring): no sentence of
  pysbd's would start at a word our rules are unsure of or do not judge. On the benchmark's
  English, pysbd now reads a quarter of the pieces it read before.

Either way the sentences are those of asking pysbd about every flagged piece
(tests/test_segment_pysbd_scope.py compares the two on generated paragraphs, the gold sets and
newstest2017).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

# --- patterns ----------------------------------------------------------------------

#: A line break, a list item ("1)", "a.", "iv)"), a parenthesis between quotes, a numbered
#: reference after a full stop ("end.[12] Next"): the patterns of pysbd's list and reference rules.
PYSBD_ONLY = re.compile(r"[\n\r]|(?:^|[\s(])(?:\d{1,3}|[^\W\d_]|[ivxlcIVXLC]{1,5})[.)](?=\s|$)"
                        r"|[\"”]\s\(.*\)\s[\"“]|[^\d\s]\.\[?\d")
_LIST_TOKEN = re.compile(r"\d{1,3}|[^\W\d_]|[ivxlcIVXLC]{1,5}")  # PYSBD_ONLY's list item before [.)]
_ITEM_START = frozenset("0123456789ivxlcIVXLC")  # how an item of two characters or more starts
# PYSBD_ONLY's reference "[^\d\s]\.\[?\d" from its full stop: a literal first character scans fast
_REFERENCE = re.compile(r"\.(?<=[^\d\s]\.)\[?\d")
_QUOTED_PARENS = re.compile(r"[\"”]\s\(.*\)\s[\"“]")

#: The pysbd version whose rules `Marks.settled` was checked against; under any other, pysbd reads
#: every flagged piece, as before.
PYSBD_VERSION = "0.3.4"
#: Characters pysbd gives a meaning of its own beyond its rules for ASCII text: its placeholders,
#: full-width and ideographic stops and brackets (a sentence may end at them), and the backslash
#: its quote handling escapes.
_PYSBD_SPECIAL = re.compile(r"[\\ƪȸȹᓰᓱᓳᓴᓷᓸ∮∯⌬⎋☄☇☈☉☏☝♝♟♨♬♭✂。「」！（）．？،]")
_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
# where pysbd's lettered and numbered lists with full stops may find an item (before the stop)
_LETTER_ITEM = re.compile(r"\.(?:(?<=\s[a-z]\.)|(?<=^[a-z]\.))")
_NUMBER_ITEM = re.compile(r"\.(?<=\d\.)(?=[\s)])")


# --- one paragraph's marks -------------------------------------------------------

def list_items(text: str, words: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of `PYSBD_ONLY`'s list-item matches that end at the ends of `words` (in order).

    Such a match ends with "." or ")" followed by a space or the end of the text, so it ends a
    word (one the rules judge, or the last); it starts at the last "(" in the word or at the
    space before it (at 0 for the first word), and its item ("1", "a", "iv": at most five
    characters, two or more only digits or Roman numerals) fills the rest of the word. The match
    is in a piece starting at `a` if it starts at or after `a`."""
    out = []
    parens = "(" in text
    for s, e in words:
        if text[e - 1] not in ".)":
            continue
        opening = text.rfind("(", s, e - 1) if parens else -1
        if opening >= 0:
            if _LIST_TOKEN.fullmatch(text, opening + 1, e - 1):
                out.append((opening, e))
        elif (e - s == 2 or e - s <= 6 and (text[s] in _ITEM_START or text[s].isdecimal())) \
                and _LIST_TOKEN.fullmatch(text, s, e - 1):
            out.append((max(s - 1, 0), e))
    return out


def nothing_to_flag(text: str) -> bool:
    """Whether `PYSBD_ONLY` finds nothing in `text` but list items (a quick `not Marks(text, [])`)."""
    if "\n" in text or "\r" in text or "(" in text and _QUOTED_PARENS.search(text):
        return False
    return _REFERENCE.search(text) is None


class Marks:
    """The matches of `PYSBD_ONLY` in one paragraph (`text`), found once.

    `items`: the paragraph's `list_items`. A reference starts at a full stop followed by a digit or
    "[", which a pattern with a literal first character finds at C speed; line breaks and a
    parenthesis between quotes are looked for only when the paragraph has them."""

    def __init__(self, text: str, items: Sequence[tuple[int, int]]):
        self.text = text
        self.references = [(m.start() - 1, m.end()) for m in _REFERENCE.finditer(text)]  # in order
        spans = sorted([*items, *self.references]) if self.references else items
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.newline = "\n" in text or "\r" in text
        self.quoted_parens = "(" in text and _QUOTED_PARENS.search(text) is not None

    def __bool__(self) -> bool:
        return bool(self.starts) or self.newline or self.quoted_parens

    def flagged(self, a: int, b: int) -> bool:
        """`PYSBD_ONLY.search(text, a, b) is not None` for a piece starting at a word (or at 0)."""
        k = bisect.bisect_left(self.starts, a)
        while k < len(self.starts) and self.starts[k] < b:
            if self.ends[k] <= b:
                return True
            k += 1
        text = self.text
        if self.newline and (text.find("\n", a, b) >= 0 or text.find("\r", a, b) >= 0):
            return True
        return self.quoted_parens and _QUOTED_PARENS.search(text, a, b) is not None

    def settled(self, a: int, b: int, unsure: Sequence[tuple[int, int]]) -> bool:
        """Whether pysbd, reading `text[a:b]` (a piece between two sure cuts), cannot start a
        sentence at a word our rules are unsure of (`unsure`: the spans of the words before those)
        or do not judge (one after a word that does not end in `.`, `!`, `?`, `…`, a closing quote
        or bracket). Then not asking it gives what asking gives: no new boundary, and none at the
        unsure words.

        pysbd 0.3.4 starts a sentence at such a word only after a line break or a "\\r" it inserts
        (list items, numbered references, a parenthesis between quotes), or after a stop or
        bracket our rules do not know (`_PYSBD_SPECIAL`); after an initial "X." (X a capital)
        its `SingleUpperCaseLetterRule` protects the full stop, which only
        `replace_abbreviation_as_sentence_boundary` gives back, after "I" (or "I" and one
        character before "V") with a space, one of its sentence starters and a space next. So the
        piece is settled when every unsure word is such an initial and none of those occurs: no
        line break, special character, parenthesis between quotes or numbered reference (pysbd's
        own pattern, which only matches where a `references` span is), and no list pysbd's
        `ListItemReplacer` would rewrite (its own patterns and test)."""
        rules = _pysbd_rules()
        if rules is None:
            return False
        text = self.text
        for s, e in unsure:
            if e - s != 2 or text[s + 1] != "." or text[s] not in _CAPITALS:
                return False
            if (text[s] == "I" or (text[s] == "V" and s - 2 >= a and text[s - 2] == "I")) \
                    and rules.starter_next.match(text, e, b):
                return False
        piece = text[a:b]
        if "\n" in piece or "\r" in piece or _PYSBD_SPECIAL.search(piece):
            return False
        if "(" in piece and _QUOTED_PARENS.search(piece):
            return False
        if any(a <= s and e <= b for s, e in self.references) and rules.reference.search(piece):
            return False
        return not _list_may_break(piece, rules)


# --- pysbd's own rules ------------------------------------------------------------

class _PysbdRules(NamedTuple):
    with_periods: re.Pattern  # ListItemReplacer's lettered lists: "a." ...
    with_parens: re.Pattern  # ... and "a)", "(a)"
    alphabets: tuple  # its Latin letters and Roman numerals, in its order
    numbered: re.Pattern  # "1." ...
    numbered_parens: re.Pattern  # ... and "1)"
    reference: re.Pattern  # Common.NUMBERED_REFERENCE_REGEX: "end.[12] Next", "end.12 Next"
    starter_next: re.Pattern  # a space, one of English.AbbreviationReplacer.SENTENCE_STARTERS, a space


@lru_cache(maxsize=1)
def _pysbd_rules() -> _PysbdRules | None:
    """pysbd's own list and reference patterns (not copies), or None for an unchecked version."""
    import pysbd
    from pysbd.lang.common import Common
    from pysbd.lists_item_replacer import ListItemReplacer as L

    if getattr(pysbd, "__version__", None) != PYSBD_VERSION:
        return None
    from pysbd.lang.english import English

    starters = English.AbbreviationReplacer.SENTENCE_STARTERS
    return _PysbdRules(
        with_periods=re.compile(L.ALPHABETICAL_LIST_WITH_PERIODS),
        with_parens=re.compile(L.ALPHABETICAL_LIST_WITH_PARENS),
        alphabets=(L.LATIN_NUMERALS, L.ROMAN_NUMERALS),
        numbered=re.compile(L.NUMBERED_LIST_REGEX_1),
        numbered_parens=re.compile(L.NUMBERED_LIST_PARENS_REGEX),
        reference=re.compile(Common.NUMBERED_REFERENCE_REGEX),
        starter_next=re.compile(r"\s(?:" + "|".join(map(re.escape, starters)) + r")\s"))


def _list_may_break(piece: str, rules: _PysbdRules) -> bool:
    """Whether pysbd's `ListItemReplacer` may change `piece`: it rewrites list items only when it
    finds two neighbours in one of its lists, letters next to each other in its alphabet (the
    last and first count as neighbours) or numbers one apart (or 9 and 0). A list needs two items
    at least, each before its own ")" or its own "." (`_LETTER_ITEM`, `_NUMBER_ITEM`: where
    pysbd's patterns may find one), which plain searches count before its patterns run."""
    lettered, numbered = [], []
    if piece.count(")") > 1:
        lettered.append(rules.with_parens)
        numbered.append(rules.numbered_parens)
    if len(_LETTER_ITEM.findall(piece)) > 1:
        lettered.append(rules.with_periods)
    if len(_NUMBER_ITEM.findall(piece)) > 1:
        numbered.append(rules.numbered)
    for regex in lettered:
        found = regex.findall(piece)
        for alphabet in rules.alphabets if len(found) > 1 else ():
            items = [alphabet.index(x) for x in found if x in alphabet]
            if any(abs(items[k - 1] - items[k]) == 1 for k in range(len(items))):
                return True
    for regex in numbered:
        try:
            items = [int(x) for x in regex.findall(piece)]
        except ValueError:  # pysbd would fail too: let it
            return True
        if any(y == x + 1 or (x, y) in ((0, 9), (9, 0)) for x, y in zip(items, items[1:])):
            return True
    return False


