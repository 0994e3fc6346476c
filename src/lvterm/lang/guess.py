"""Which of the library's languages a text reads as: a cheap guess, to warn when a file given as
Latvian reads as English or the other way round (`lvterm extract seed.en seed.lv`, files swapped).

Over the first `WORDS` words, a word counts for Latvian when it has a Latvian letter (ā č ē ģ ī ķ
ļ ņ š ū ž) or is one of a few frequent Latvian function words that English does not use ("un",
"ir", "par": these count in a text typed without its diacritics too), and for English when it is
one of a few frequent English function words that Latvian does not use ("the", "and", "of").
Words that are both ("to", "no") count for neither. A text reads as a language when that language
has at least `SHARE` of at least `MIN_SIGNS` such words: an English post quoting a Latvian title
or naming Jānis Bērziņš, or a Latvian one quoting an English title, still reads as its own
language, and a short or mixed text as neither (None). No word list is loaded: the lookup's
guess of a query's language (`terms.lookup.detect_lang`: "every word a common English word")
needs wordfreq's lists, and those overlap too much to tell running texts apart (wordfreq's
Latvian list has "the" and "and", its English one "un", "ir" and "par").
"""
from __future__ import annotations

import re

from . import LIBRARY_LANGUAGES

#: Words looked at, from the start of the text.
WORDS = 400
#: Fewest words that count for either language before a guess is made.
MIN_SIGNS = 12
#: The share of those words one language must have.
SHARE = 0.8

LATVIAN_LETTERS = frozenset("āčēģīķļņšūž")
_LATVIAN = frozenset("""un ir ar par uz kas ka vai bet lai jo ja kur tas tie tam tad nav bija tika tiek var
gan pie kad savu sava tikai jau bez pret starp kura kuru kuri visi""".split())
_ENGLISH = frozenset("""the and of in is are was were with for from that this which by be been have has had not
or an its on at as their they we you will would can but these those there""".split())
_WORD = re.compile(r"[^\W\d_]+")


def text_language(text: str) -> str | None:
    """'lv' or 'en' when the first `WORDS` words of `text` clearly read as that language, else None."""
    lv = en = 0
    for n, match in enumerate(_WORD.finditer(text)):
        if n >= WORDS:
            break
        word = match.group().casefold()
        if word in _ENGLISH:
            en += 1
        elif word in _LATVIAN or not LATVIAN_LETTERS.isdisjoint(word):
            lv += 1
    if lv + en < MIN_SIGNS:
        return None
    if lv >= SHARE * (lv + en):
        return "lv"
    if en >= SHARE * (lv + en):
        return "en"
    return None


def reads_as_other(text: str, lang: str) -> str | None:
    """The library language other than `lang` (lv, en) that `text` clearly reads as; None when it
    reads as `lang` or as neither, or when `lang` is another language (no guess is made for it)."""
    if lang not in LIBRARY_LANGUAGES:
        return None
    guess = text_language(text)
    return guess if guess is not None and guess != lang else None
