"""Case and diacritic folding: the one fold of lvterm ('Tīklošana' -> 'tiklosana'), below `keys`
and `wordlists`, which both fold (`keys.fold` re-exports it)."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

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
