"""Which posts the library holds: Latvian and English ones with text.

`problem(draft, lang=...)` says why a post read is not ingested, before it is cleaned (so the
reason is the real one, not a later step's: a Cyrillic title makes no ASCII slug): a language the
library does not hold (a Polylang export's third language), a text in another script than Latin
whatever language was stated or given (`--lang lv` on a Russian page), no text at all (a post of
images, a gallery or embeds). In an export such posts are what a blog holds, so each is an
IngestWarning (exit code 0); a file that is one post and gives none is an InputError.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from ..constants import LANGS, LANGUAGE_NAMES
from ..errors import InputError
from .draft import Draft, IngestWarning

_SAMPLE = 5000  # characters looked at: enough to tell a script
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile("[A-Za-z\u00aa\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff]")


def script(text: str) -> str | None:
    """The script most of the letters of `text` are in when it is not Latin ("Cyrillic", "Greek",
    "CJK"); None for Latin text or text without letters (its first `_SAMPLE` characters)."""
    sample = text[:_SAMPLE]
    letters = _LETTER.findall(sample)
    latin = len(_LATIN.findall(sample))
    if len(letters) <= 2 * latin:
        return None
    names = Counter(unicodedata.name(ch, "").split(" ", 1)[0] for ch in letters if not _LATIN.fullmatch(ch))
    name = names.most_common(1)[0][0]
    return name if len(name) <= 3 else name.title()


def problem(draft: Draft, *, lang: str) -> InputError | None:
    """Why `draft`, a post in language `lang` (as stated, else as given), is not ingested; None
    when it is a Latvian or English post with text. An IngestWarning for an export's item."""
    kind = IngestWarning if draft.item is not None else InputError
    library = f"the library is Latvian-English ({', '.join(LANGS)}); not ingested"
    if lang not in LANGS:
        return kind(f"is in language {lang!r}: {library}", path=draft.source, item=draft.item)
    found = script(" ".join((str(draft.meta.get("title") or ""), *draft.paragraphs)))
    if found is not None:
        given = "as its source states" if draft.meta.get("lang") not in (None, "") else f"as --lang {lang} says"
        return kind(f"is written in {found} script, so it is not {LANGUAGE_NAMES[lang]} ({given}): {library}",
                    path=draft.source, item=draft.item)
    if draft.item is not None and not any(p.strip() for p in draft.paragraphs):
        return kind("has no text (only images, a gallery or embeds, or nothing); not ingested",
                    path=draft.source, item=draft.item)
    return None
