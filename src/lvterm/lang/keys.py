"""Language-independent key helpers: tokenising, case and diacritic folding."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# A word: letters (any script) with inner hyphens or apostrophes; or a number (with inner . , : /).
TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:/]\d+)*", re.UNICODE)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word and number tokens with their character offsets."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def words(text: str) -> list[str]:
    return [m.group() for m in TOKEN_RE.finditer(text)]


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower-case and strip diacritics: 'Tīklošana' -> 'tiklosana'. Length-preserving for Latvian letters."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)
