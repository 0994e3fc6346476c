"""Which of the library's languages a text reads as: a cheap guess, to warn when a file given as
Latvian reads as English or the other way round (`lvterm extract seed.en seed.lv`, files swapped).

Over the first `WORDS` words, a word counts for Latvian when it has a Latvian letter (ā č ē ģ ī ķ
ļ ņ š ū ž) or is one of a few frequent Latvian function words that are neither English words nor
programming keywords ("un", "ir", "kas": these count in a text typed without its diacritics too;
not "var", "tad", "bet", "tie", "pie", "par", "tam", "nav": an English text says "a tad", "on a
par", and one with JavaScript has a `var` a line, HTML a `<nav>`), and for English when it is one
of a few frequent English function words that Latvian does not use ("the", "and", "of"). Words
that are both ("to", "no") count for neither. A text reads as a language when that language
has at least `SHARE` of at least `MIN_SIGNS` such words: an English post quoting a Latvian title
or naming Jānis Bērziņš, or a Latvian one quoting an English title, still reads as its own
language, and a short or mixed text as neither (None); a Latvian post that is mostly an English
reading list reads as English, which is why the commands warn that a file "reads mostly as"
the other language, and never refuse it. No word list is loaded: the lookup's
guess of a query's language (`terms.lookup.detect_lang`: "every word a common English word")
needs wordfreq's lists, and those overlap too much to tell running texts apart (wordfreq's
Latvian list has "the" and "and", its English one "un", "ir" and "par").
"""
from __future__ import annotations

import re

from ..constants import LATVIAN_LETTERS
from . import LIBRARY_LANGUAGES

#: Words looked at, from the start of the text.
WORDS = 400
#: Fewest words that count for either language before a guess is made.
MIN_SIGNS = 12
#: The share of those words one language must have.
SHARE = 0.8

#: Latvian function words that are no English word nor a programming keyword (`LATVIAN_NOT`).
_LATVIAN = frozenset("""un ir ar uz kas ka vai lai jo ja kur tas bija tika tiek gan kad savu sava tikai jau
bez pret starp kura kuru kuri visi""".split())
#: Frequent Latvian function words left out: English words (bet, tie, pie, par, tad, tam) or
#: keywords of code and markup (var, nav), which an English text has.
LATVIAN_NOT = frozenset("var tad bet tie pie par tam nav".split())
#: English function words that are no Latvian word ("as" is left out: AS, a Latvian company's "akciju
#: sabiedrība", as in "AS Latvijas Gāze").
_ENGLISH = frozenset("""the and of in is are was were with for from that this which by be been have has had not
or an its on at their they we you will would can but these those there""".split())
_WORD = re.compile(r"[^\W\d_]+")


def text_language(text: str, *, min_signs: int = MIN_SIGNS, share: float = SHARE) -> str | None:
    """'lv' or 'en' when the first `WORDS` words of `text` clearly read as that language (at least
    `min_signs` of the words above, `share` of them that language's), else None. A file is judged
    by the defaults; one sentence, which has a few such words, by `min_signs=1` and a majority."""
    lv = en = 0
    for n, match in enumerate(_WORD.finditer(text)):
        if n >= WORDS:
            break
        word = match.group().casefold()
        if word in _ENGLISH:
            en += 1
        elif word in _LATVIAN or not LATVIAN_LETTERS.isdisjoint(word):
            lv += 1
    if lv + en < min_signs:
        return None
    if lv >= share * (lv + en):
        return "lv"
    if en >= share * (lv + en):
        return "en"
    return None


def reads_as_other(text: str, lang: str) -> str | None:
    """The library language other than `lang` (lv, en) that `text` clearly reads as; None when it
    reads as `lang` or as neither, or when `lang` is another language (no guess is made for it)."""
    if lang not in LIBRARY_LANGUAGES:
        return None
    guess = text_language(text)
    return guess if guess is not None and guess != lang else None


def file_reads_as_other(path: str, lang: str) -> str | None:
    """`reads_as_other` of the text file at `path`, read as sentence files are; None also when it
    cannot be read (the command itself then says why)."""
    from .. import textio
    from ..errors import LvtermError

    try:
        return reads_as_other(textio.read_text(path, fallback=textio.CP1257), lang)
    except (LvtermError, OSError):
        return None


def language_warning(path: str, *, lang: str, other: str, given: str) -> str:
    """The line for a file given as `lang` (`given`: how, "--lang en") that reads as `other`:
    "mostly", since a text may well mix the two (a Latvian post listing English titles)."""
    from . import LANGUAGE_NAMES

    return (f"lvterm: {path}: warning: reads mostly as {LANGUAGE_NAMES[other]}, not {LANGUAGE_NAMES[lang]} "
            f"({given})")


def pair_warnings(src: str, tgt: str, *, src_lang: str, tgt_lang: str) -> list[str]:
    """The warning lines for the files SRC and TGT of a command (align, extract) that clearly read
    as the other library language than their --src-lang/--tgt-lang (`lvterm extract seed.en
    seed.lv`): one for each such file, or one asking whether they are swapped when each reads as
    the other's language. Warnings, never refusals (a mixed document is no error)."""
    from . import LANGUAGE_NAMES

    files = [(src, src_lang, f"--src-lang {src_lang}"), (tgt, tgt_lang, f"--tgt-lang {tgt_lang}")]
    others = [(path, lang, option, file_reads_as_other(path, lang)) for path, lang, option in files]
    wrong = [(path, lang, option, other) for path, lang, option, other in others if other is not None]
    if len(wrong) == 2 and wrong[0][3] == wrong[1][1] and wrong[1][3] == wrong[0][1]:
        (a, a_lang, a_option, _), (b, b_lang, b_option, _) = wrong
        return [f"lvterm: warning: {a} reads mostly as {LANGUAGE_NAMES[b_lang]} and {b} as "
                f"{LANGUAGE_NAMES[a_lang]}: are SRC and TGT swapped? ({a_option}, {b_option})"]
    return [language_warning(path, lang=lang, other=other, given=option) for path, lang, option, other in wrong]
