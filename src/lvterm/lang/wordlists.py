"""Common words of a language and word frequencies, from wordfreq, kept on disk in compact form.

`is_common(word, lang, min_zipf=3.0)` answers what `wordfreq.zipf_frequency(word, lang) >= min_zipf`
answers, without importing wordfreq (about 60 ms) and loading its frequency table (about 70 ms for
English) in every process: the first use writes the words at or above the threshold as a MARISA
trie to lvterm's cache folder (`lang.lexicon.cache_dir`), keyed by the installed wordfreq (writing
it for a new install removes its copies for earlier ones: `lemmacache.save_cached`), and later
processes map it into memory. A word that is not plain letters (digits, apostrophes, hyphens:
wordfreq splits and combines those) is still asked of wordfreq itself, as is every word when
marisa-trie is missing or there is no cache folder that can be written.

`frequency(word, lang)` answers what `wordfreq.word_frequency(word, lang)` answers, the same way:
the first use writes the language's whole frequency table (one token a word) as a MARISA record
trie, and a word of Latin letters, NFC-normalised, is looked up there by its case-folded form,
as wordfreq's tokenizer would turn it into one token (Latvian and English only; any other word or
language is asked of wordfreq). The term extractor asks it for every word it sees: the table then
costs a memory map, not wordfreq's import and decompression (0.15-0.35 s in every process).
"""
from __future__ import annotations

import logging
import math
import os
import unicodedata
from functools import lru_cache

from .folding import fold

log = logging.getLogger(__name__)


def is_common(word: str, lang: str, *, min_zipf: float = 3.0) -> bool:
    """wordfreq.zipf_frequency(word, lang) >= min_zipf, from the cached word list when it can."""
    words = _common(lang, round(min_zipf, 2)) if word.isalpha() else None
    if words is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, lang) >= min_zipf
    return word.casefold() in words


def is_common_folded(word: str, lang: str, *, min_zipf: float = 3.0) -> bool:
    """Whether some common word (Zipf >= min_zipf) is `word` once both are case- and diacritic-folded:
    'biedriba' is 'biedrība' typed without its letters. False when there is no cached list."""
    words = _common_folded(lang, round(min_zipf, 2))
    return words is not None and fold(word) in words


@lru_cache(maxsize=8)
def _common_folded(lang: str, min_zipf: float):
    """A set-like of the folded words at or above `min_zipf` (None: no cache folder or marisa-trie)."""
    return _cached_trie(f"{lang}-zipf{min_zipf:g}-folded", lang, lambda marisa: marisa.Trie(),
                        lambda marisa, freqs: marisa.Trie({fold(w) for w in _at_least(freqs, min_zipf)
                                                           if w.isalpha()}))


@lru_cache(maxsize=8)
def _common(lang: str, min_zipf: float):
    """A set-like of the words at or above `min_zipf` (None: ask wordfreq)."""
    return _cached_trie(f"{lang}-zipf{min_zipf:g}", lang, lambda marisa: marisa.Trie(),
                        lambda marisa, freqs: marisa.Trie(_at_least(freqs, min_zipf)))


def _at_least(freqs: dict[str, float], min_zipf: float) -> list[str]:
    """The words of a wordfreq table at or above `min_zipf` (zipf_frequency rounds to two decimals:
    a word at 2.996 counts as 3.0)."""
    return [w for w, f in freqs.items() if f > 0 and round(math.log10(f) + 9, 2) >= min_zipf]


def _cached_trie(name: str, lang: str, empty, build):
    """The MARISA trie `name` made from wordfreq's table for `lang`, memory-mapped from lvterm's
    cache folder, or built (`build(marisa_trie, frequency dict)`) and saved there first; None when
    marisa-trie or wordfreq is missing or there is no folder to keep it in (then ask wordfreq)."""
    try:
        import marisa_trie

        from .lemmacache import cached_path, package_stamp

        path = cached_path(f"{package_stamp('wordfreq')}-{name}.marisa")
    except Exception:  # no marisa-trie, no wordfreq
        return None
    if path is None:  # nowhere to keep it: ask wordfreq itself
        return None
    if os.path.isfile(path):
        try:
            return empty(marisa_trie).mmap(path)
        except Exception as exc:  # damaged or foreign: rebuild
            log.debug("word list %s unreadable (%s): rebuilding", path, exc)
    from wordfreq import get_frequency_dict

    from .lemmacache import save_cached

    trie = build(marisa_trie, get_frequency_dict(lang))
    save_cached(trie, path)
    return trie


#: Languages whose words of Latin letters wordfreq turns into one token, NFC and case-folded.
_TABLE_LANGS = ("lv", "en")


def frequency(word: str, lang: str) -> float:
    """wordfreq.word_frequency(word, lang), from the cached table when it can."""
    table = _frequencies(lang) if lang in _TABLE_LANGS and _plain(word) else None
    if table is None:
        from wordfreq import word_frequency

        return word_frequency(word, lang)
    hit = table.get(word.casefold())
    return hit[0][0] if hit else 0.0


def _plain(word: str) -> bool:
    """Latin letters only, NFC: one token for wordfreq, its case-folded self."""
    return bool(word) and word.isalpha() and all(_latin(c) for c in word) and unicodedata.is_normalized("NFC", word)


@lru_cache(maxsize=4096)
def _latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN ")


@lru_cache(maxsize=8)
def _frequencies(lang: str):
    """token -> ((frequency,),) as wordfreq.word_frequency gives it for that one token (None: ask
    wordfreq)."""
    def items(freqs):  # wordfreq.word_frequency of a one-token word: its frequency to 3 significant digits
        return [(w, (round(f, math.floor(-math.log(f, 10)) + 3),)) for w, f in freqs.items() if f > 0 and w]

    return _cached_trie(f"{lang}-frequencies", lang, lambda marisa: marisa.RecordTrie("<d"),
                        lambda marisa, freqs: marisa.RecordTrie("<d", items(freqs)))
