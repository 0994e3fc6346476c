"""Language-independent key helpers: tokenising, case and diacritic folding."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable

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
    (stem, lemma, fold) into the keys of a phrase. A text of several words all in capitals (a
    heading: LIBRARY OF CONGRESS) is keyed as in lower case (`heading_words`)."""
    return " ".join(key(w) for w in heading_words(words(text)))


def heading_words(ws: list[str]) -> list[str]:
    """`ws` lower-cased when there are several and none has a lower-case letter (a heading in
    capitals, whose OF, UN are the function words, not acronyms: `in_capitals`); else as they are."""
    if len(ws) > 1 and not any(ch.islower() for w in ws for ch in w):
        return [w.lower() for w in ws]
    return ws


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
