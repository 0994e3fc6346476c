"""Language-independent key helpers: tokenising, case and diacritic folding."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable, Sequence

# A word: letters (any script) with inner hyphens or apostrophes; or a number (with inner . , : /).
TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:/]\d+)*", re.UNICODE)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word and number tokens with their character offsets."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def words(text: str) -> list[str]:
    return [m.group() for m in TOKEN_RE.finditer(text)]


def in_capitals(word: str) -> bool:
    """A word of two or more letters written in capitals (ES, LNB, NATO): an acronym where its
    sentence has lower-case words too (`morph.closed_class`); one that spells a closed-class word
    is its own stem key in both languages (`morph.spells_closed_class`: ES, the EU, is not es, I;
    US, IT are not us, it). The fold key ignores case: a lower-case query still finds it by that."""
    return len(word) > 1 and word.isupper()


_LATVIAN_FOLD = tuple(zip("āčēģīķļņōŗšūž", "acegiklnorsuz"))


def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Tīklošana' -> 'tiklosana'. Length-preserving for Latvian letters.

    The one fold of lvterm, for a word or a whole sentence: ASCII and Latvian text (nearly all of
    it) takes a casefold and a few replaces (str.translate is slower); anything else goes through
    Unicode decomposition."""
    lowered = text.casefold()
    if lowered.isascii():
        return lowered
    stripped = lowered
    for letter, base in _LATVIAN_FOLD:
        if letter in stripped:
            stripped = stripped.replace(letter, base)
    return stripped if stripped.isascii() else _fold_unicode(lowered)


@lru_cache(maxsize=200_000)
def _fold_unicode(lowered: str) -> str:
    """Strip every combining mark of a lower-cased text ('é' -> 'e', 'ø' stays)."""
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def word_keys(key: Callable[[str], str], text: str) -> str:
    """`key` of every word of a text, space-joined: how each language turns its word keys
    (stem, lemma, fold) into the keys of a phrase. A heading's words in capitals (LIBRARY OF
    CONGRESS, ABOUT US) are keyed as in lower case (`heading_words`)."""
    return " ".join(key(w) for w in heading_words(text))


def heading_words(text: str, toks: Sequence[re.Match] | None = None) -> list[str]:
    """The words of `text` (`toks`: its `TOKEN_RE` matches, when already found) as they are keyed:
    a heading's lower-cased, so that its OF, UN, US are the function words, not acronyms
    (`in_capitals`). A heading is a text of several words none of which has a lower-case letter, or,
    in a text with lower-case words, a run of words in capitals with only white space between them
    that reads as words: three or more, or two with one of four letters or more (ABOUT US, CONTACT
    US glued to the sentence after them, as in an alignment bead: "ABOUT US The association…").
    A word in capitals alone ("the US Library of Congress") or beside another short one (LNB IT
    speciālisti, the EU US summit) is an acronym."""
    toks = list(TOKEN_RE.finditer(text)) if toks is None else toks
    ws = [m.group() for m in toks]
    if len(ws) > 1 and not any(ch.islower() for w in ws for ch in w):
        return [w.lower() for w in ws]
    if not any(map(str.isupper, ws)):  # no word in capitals (most sentences)
        return ws
    out, i = ws, 0
    while i < len(ws) - 1:
        j = i  # ws[i:j + 1]: a run of words in capitals
        while j + 1 < len(ws) and in_capitals(ws[j]) and in_capitals(ws[j + 1]) \
                and text[toks[j].end():toks[j + 1].start()].isspace():
            j += 1
        if j - i >= 2 or (j > i and max(len(ws[i]), len(ws[j])) >= 4):
            out = out if out is not ws else list(ws)
            out[i:j + 1] = [w.lower() for w in ws[i:j + 1]]
        i = j + 1
    return out


def fold_key(text: str) -> str:
    """Space-joined folded words, the same in every language: 'Tīklošanu!' -> 'tiklosanu'."""
    return word_keys(fold, text)


def spacing_variants(text: str, *, max_words: int = 3) -> tuple[str, ...]:
    """Other spacings of a query's words, for lookup: hyphens as spaces ("marketing-tool" for
    marketing tool), spaces as hyphens ("e grāmata" for e-grāmata), and the words run together ("on
    line", "on-line" for online); () for a single word without a hyphen, and for more than
    `max_words` words (a phrase, not a compound)."""
    if " " not in text and "-" not in text:
        return ()
    spaced = " ".join(text.replace("-", " ").split())
    if spaced.count(" ") >= max_words:
        return ()
    variants = (spaced, spaced.replace(" ", "-"), spaced.replace(" ", ""))
    return tuple(v for v in dict.fromkeys(variants) if v and v != text)
