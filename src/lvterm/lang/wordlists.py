"""Common words of a language, from wordfreq, kept on disk as a compact word list.

`is_common(word, lang, min_zipf=3.0)` answers what `wordfreq.zipf_frequency(word, lang) >= min_zipf`
answers, without importing wordfreq (about 60 ms) and loading its frequency table (about 70 ms for
English) in every process: the first use writes the words at or above the threshold as a MARISA
trie to lvterm's cache folder (`lang.lexicon.cache_dir`), keyed by the installed wordfreq, and later
processes map it into memory. A word that is not plain letters (digits, apostrophes, hyphens:
wordfreq splits and combines those) is still asked of wordfreq itself, as is every word when
marisa-trie is missing or there is no cache folder that can be written.
"""
from __future__ import annotations

import logging
import os
from functools import lru_cache

log = logging.getLogger(__name__)


def is_common(word: str, lang: str, *, min_zipf: float = 3.0) -> bool:
    """wordfreq.zipf_frequency(word, lang) >= min_zipf, from the cached word list when it can."""
    words = _common(lang, round(min_zipf, 2)) if word.isalpha() else None
    if words is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, lang) >= min_zipf
    return word.casefold() in words


@lru_cache(maxsize=8)
def _common(lang: str, min_zipf: float):
    """A set-like of the words at or above `min_zipf` (None: ask wordfreq)."""
    try:
        import marisa_trie

        from .lemmacache import cached_path, package_stamp

        path = cached_path(f"{package_stamp('wordfreq')}-{lang}-zipf{min_zipf:g}.marisa")
    except Exception:  # no marisa-trie, no wordfreq
        return None
    if path is None:  # nowhere to keep the list: ask wordfreq itself
        return None
    if os.path.isfile(path):
        try:
            return marisa_trie.Trie().mmap(path)
        except Exception as exc:  # damaged or foreign: rebuild
            log.debug("word list %s unreadable (%s): rebuilding", path, exc)
    import math

    from wordfreq import get_frequency_dict

    # zipf_frequency rounds to two decimals: a word at 2.996 counts as 3.0
    words = [w for w, f in get_frequency_dict(lang).items() if f > 0 and round(math.log10(f) + 9, 2) >= min_zipf]
    trie = marisa_trie.Trie(words)
    from .lemmacache import save_cached

    save_cached(trie, path)
    return trie
