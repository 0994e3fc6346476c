"""How a term candidate's occurrences are written: as a name, as a common word, or in capitals that show neither.

`_proper` reads a span as a name by its capitals (or its analysis: a sentence's first word);
`_in_capitals` tells the capitals of a heading (BIBLIOTĒKAS KRĀJUMS), which show nothing, from an
acronym's. A group of occurrences (one stem key) is a name when most of those whose writing shows
it are written as one (`_named`), and then its occurrences written wholly in lower case are the
common word's and are left out (`_without_common_words`: the newspaper Diena takes no "dienā").
`_writing` counts that evidence for the merge across posts (`extract.Candidate.writing`), and
`_surface` lowers a sentence's first capital that is no name's. Used by `terms.extract`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from ..constants import LINK_WORDS
from ..lang import get as get_lang
from ..lang.keys import fold, in_capitals, read_as_words
from .patterns import Word

if TYPE_CHECKING:
    from .occurrences import _Occ

def _surface(text: str, first: Word, names: set[str]) -> str:
    """The span's text, a sentence-initial capital lowered unless the word is a proper name: a
    proper noun by its analysis, or a word the texts write capitalised mid-sentence (`names`)."""
    if first.sent_start and first.pos != "PROPN" and first.text[1:].islower() and first.text not in names:
        return text[:1].lower() + text[1:]
    return text


def _proper(words: Sequence[Word]) -> bool | None:
    """A name: its first two words are capitalised (Latvijas Bibliotekāru biedrība, Library
    Association of Latvia), or every content word is capitalised mid-sentence, written like a
    name (LinkedIn, LISNPN) or a proper noun by its analysis (a sentence's first word: Latvija).
    A sentence's first word before an acronym is no name's for its capital (Jaunās NATO valstis).
    None: written in capitals (`_in_capitals`), which shows neither (a heading: LIBRARY HOLDINGS)."""
    if _in_capitals(words):
        return None
    if len(words) > 1 and words[0].capital and words[1].capital and not (words[0].sent_start
                                                                         and in_capitals(words[1].text)):
        return True
    content = [w for w in words if w.lower not in LINK_WORDS]
    return bool(content) and all(
        (w.capital and not w.sent_start) or w.pos == "PROPN" or any(ch.isupper() for ch in w.text[1:])
        for w in content)


def _in_capitals(words: Sequence[Word], *, seen: Callable[[str], bool] | None = None) -> bool:
    """The span is written wholly in capitals and is no acronym: a heading writes every word so,
    name or common noun alike (BIBLIOTĒKAS KRĀJUMS, LIBRARY HOLDINGS, a one-word heading
    KATALOGS). Acronyms are written as names, their capitals their spelling: a word in capitals
    alone in a sentence with lower-case words (`Word.acronyms`: VID, NICE), and words in capitals
    that do not read as words the lexicons know (`keys.read_as_words`: BBC TV, ABC KGO; NATO, LNB
    in a heading) nor, `seen`, as words the texts write in lower case (`_written_lower`: HAKATONS
    heading a text about a hakatons)."""
    written = [w.text for w in words if w.text[:1].isalpha()]
    if not written or not all(t.isupper() for t in written) or not any(in_capitals(t) for t in written):
        return False
    return not (len(words) == 1 and words[0].acronyms) and read_as_words(written, rare=True, also=seen)


def _written_lower(words: Iterable[str], *, lang: str) -> Callable[[str], bool]:
    """Whether a word (lower-cased) is one of `words` (those the texts write in lower case) in
    another inflection, for `_in_capitals`: the same stem (the language's `stem`: hakatons,
    hakatonu) with the same letters, diacritics included (`_marked_stem`: capitals keep their
    diacritics, so LETA, the news agency, is not lēts, "cheap", whose stem folds to LETA's). The
    stems are taken when first asked for: most texts have no word in capitals the lexicons lack."""
    stem = get_lang(lang).stem
    stems: set[str] | None = None

    def seen(low: str) -> bool:
        nonlocal stems
        if stems is None:
            stems = {_marked_stem(w, stem) for w in words}
        return _marked_stem(low, stem) in stems

    return seen


def _marked_stem(word: str, stem: Callable[[str], str]) -> str:
    """A lower-case word's stem with its diacritics: its letters as written up to the length of its
    `stem` (diacritic-folded, the ending cut: lēts, lēti -> lēt; leta -> let), or the stem itself
    where it is not the word's beginning folded (an English lemma, libraries -> library; a Latvian
    stem's consonant change)."""
    folded = stem(word)
    marked = word[:len(folded)]
    return marked if fold(marked) == folded else folded


def _named(occs: Sequence[_Occ]) -> bool:
    """A group of occurrences is a name: most of those whose writing shows it are written as one
    (`_Occ.proper`); one in capitals shows nothing, and a group seen only so is no name."""
    shown = [o.proper for o in occs if o.proper is not None]
    return sum(shown) * 2 > len(shown)


def _without_common_words(groups: dict[str, list[_Occ]]) -> dict[str, set[int]]:
    """Leaves out, of each group that is a name (`_named`), the occurrences written wholly in lower
    case: the common word's (the newspaper Diena takes no "dienā", "on the day"; VID, the revenue
    service, no "vidē"). A sentence's first word may be either and stays with the name. The common
    word is no candidate: a stem key is one term of a termbase (`termbase.CuratedIndex`; the
    library's look-ups and occurrences are by stem key), which the name has. Returns, by group
    key, the ids of the occurrences left out."""
    left: dict[str, set[int]] = {}
    for key, occs in groups.items():
        if len(occs) > 1 and _named(occs):
            common = {id(o) for o in occs if _lower_case(o)}
            if common:
                groups[key] = [o for o in occs if id(o) not in common]
                left[key] = common
    return left


def _lower_case(o: _Occ) -> bool:
    """The occurrence is written wholly in lower case (and not read as a name for all that)."""
    return o.proper is False and "".join([w.text for w in o.words]).islower()


def _writing(occs: Sequence[_Occ], left_out: int) -> tuple[int, int]:
    """(occurrences written as a name, written wholly in lower case) of a group, `left_out` lower-case
    ones (`_without_common_words`) among the latter: the evidence `_named` weighs, but that a
    sentence's first word with its capital counts neither way (nor do capitals): across posts a
    name met first in a sentence in one post is no common word's evidence against the name written
    mid-sentence in another."""
    return sum([o.proper is True for o in occs]), sum([_lower_case(o) for o in occs]) + left_out
