"""Language-independent key helpers: tokenising, case and diacritic folding."""
from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Callable, Sequence

from .folding import fold  # noqa: F401 - re-exported: `keys.fold` is the fold every module imports

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
    that reads as words: three or more, or two as `_heading_pair` reads them (ABOUT US, CONTACT US
    glued to the sentence after them, as in an alignment bead: "ABOUT US The association…").
    A word in capitals alone ("the US Library of Congress"), beside another short one (LNB IT
    speciālisti, the EU US summit), beside a name or acronym (the IFLA IT Section, NATO ES un ANO)
    or before a word inside a sentence (Latvijas ES PREZIDENTŪRA) is an acronym."""
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
        if j - i >= 2 or (j > i and _heading_pair(text, toks, i)):
            out = out if out is not ws else list(ws)
            out[i:j + 1] = [w.lower() for w in ws[i:j + 1]]
        i = j + 1
    return out


#: What ends the sentence before a heading glued to the next one ("… notikumi. PAR MUMS Biedrība…").
_HEADING_BEFORE = frozenset(".!?…:;\n")


def _heading_pair(text: str, toks: Sequence[re.Match], i: int) -> bool:
    """Whether two words in capitals, `toks[i]` and the next, read as words in lower case (a heading
    or a label), not as acronyms: each of four letters or more is an ordinary word
    (`_ordinary_word`: ABOUT, CONTACT, MUMS; not NASA, IFLA, NATO, the name EIROPAS), and the pair
    starts with such a word (CONTACT US, JOIN US: a verb or preposition and its pronoun, also
    inside a sentence) or opens the text or a sentence (PAR MUMS, ABOUT US). Inside a sentence an
    acronym before a word is the acronym of its noun phrase (Latvijas ES PREZIDENTŪRA, the IT
    SECTION); where a heading may sit, the short word may as well be a function word (PAR; ES, 'I'),
    and a missed acronym is better than a wrong one: ES PREZIDENTŪRA opening a text is a heading."""
    pair = (toks[i].group(), toks[i + 1].group())
    if not read_as_words(pair):
        return False
    return len(pair[0]) >= 4 or i == 0 or not _HEADING_BEFORE.isdisjoint(text[toks[i - 1].end():toks[i].start()])


def read_as_words(words: Sequence[str], *, rare: bool = False, also: Callable[[str], bool] | None = None) -> bool:
    """Whether words in capitals read as words in lower case (a heading's: ABOUT US, LIBRARY
    HOLDINGS), not as acronyms: each of four letters or more is an ordinary word (`_ordinary_word`:
    not NASA, IFLA, NATO, the name EIROPAS), and there is one (BBC TV, ABC KGO are acronyms; a
    shorter word may be either). A word of parts (a hyphen or an apostrophe between them) is
    judged by its parts (E-GRĀMATU: GRĀMATU; LIBRARY'S: LIBRARY). `rare`: or a word the lexicons
    know, however rare in general language (`_known_word`: a heading's term, LASĪTAVAS
    NOTEIKUMI). `also(word)` (lower-cased, whole): whether to read it as a word anyway (term
    extraction: the texts write it in lower case, HAKATONS)."""
    known = _known_word if rare else _ordinary_word
    found = False
    for word in words:
        low = word.lower()
        parts = [p for p in _PARTS_RE.split(low) if len(p) >= 4]
        if parts:
            found = True
            if not (all(known(p) for p in parts) or (also is not None and also(low))):
                return False
    return found


_PARTS_RE = re.compile(r"[-'’]")


@lru_cache(maxsize=4096)
def _known_word(low: str) -> bool:
    """`low` (lower case) is a word the lexicons know as written, common or not: a form of a
    Hunspell entry (lasītavas) or of simplemma's English dictionary (holdings); not nato, lnb."""
    from . import lexicon
    from .lemmacache import is_known

    return low.isalpha() and (lexicon.is_known(low) or is_known(low, "en"))


@lru_cache(maxsize=4096)
def _ordinary_word(low: str) -> bool:
    """`low` (lower case) is a common word in lvterm's languages, as written in lower case: English
    (wordfreq's Zipf >= 3 and simplemma's dictionary: 'about', 'contact'; not 'nasa', 'nato', 'ibm',
    which wordfreq counts but simplemma knows in capitals or not at all) or Latvian (common and in
    the Hunspell lexicon, as `lv.is_word` as typed: 'mums', 'prezidentūra'; not 'nato', 'eiropas'). Either
    language, whatever the text's: a text keys alike from every caller (the build's stem keys, the
    term matcher, check-po), and none names its language here."""
    from . import lexicon
    from .lemmacache import is_known
    from .wordlists import is_common

    if not low.isalpha():
        return False
    return ((is_common(low, "en", min_zipf=3.0) and is_known(low, "en"))
            or (is_common(low, "lv", min_zipf=3.0) and lexicon.is_known(low)))


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
