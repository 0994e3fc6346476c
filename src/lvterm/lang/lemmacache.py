"""simplemma with its dictionaries kept on disk in a compact form, so a process that needs a few
lemmas starts in milliseconds.

simplemma ships each language's dictionary lzma-compressed and decompresses the whole of it into a
Python dict on first use: about 0.15 s for Latvian and 0.1-0.3 s for English, every process. Here
the first use writes each dictionary once as a MARISA trie (marisa-trie, the structure simplemma's
own `TrieDictionaryFactory` uses) to lvterm's cache folder (`lang.lexicon.cache_dir`: $LVTERM_CACHE_DIR,
else ~/.cache/lvterm), keyed by the installed simplemma; later processes map that file into memory in
well under a millisecond and look words up in it. Writing a file for a new install removes that
file's copies for other installs (`fileio.remove_others`), so the folder does not grow with every venv or
reinstall. Lemmas are simplemma's own: its lemmatizer runs unchanged, only the dictionary behind it
is read from the trie. Without marisa-trie, or when the cache folder cannot be written, simplemma's
default in-memory dictionaries are used.

    lemmatize("biedriem", "lv")   # simplemma.lemmatize(..., lang="lv")
    is_known("biedri", "lv")      # simplemma.is_known(..., lang="lv")
    dictionary("lv")              # the form -> lemma mapping itself
"""
from __future__ import annotations

import logging
import os
import re
import unicodedata
from functools import lru_cache
from typing import Iterator, Mapping

log = logging.getLogger(__name__)


def lemmatize(word: str, lang: str) -> str:
    """simplemma's lemma of one word (the word itself, lower-cased, when it has none)."""
    return _lemmatizer().lemmatize(word, lang=lang)


def is_known(word: str, lang: str) -> bool:
    """True when simplemma's dictionary has the word (as `simplemma.is_known`)."""
    return _lookup().get_lemma(unicodedata.normalize("NFC", word), lang) is not None


def dictionary(lang: str) -> Mapping[str, str]:
    """simplemma's form -> lemma dictionary for one language (read-only)."""
    return _factory().get_dictionary(lang)


@lru_cache(maxsize=1)
def _lemmatizer():
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_factory()))


@lru_cache(maxsize=1)
def _lookup():
    from simplemma.strategies import DictionaryLookupStrategy

    return DictionaryLookupStrategy(_factory())


@lru_cache(maxsize=1)
def _factory():
    """A dictionary factory reading the cached tries (simplemma's default one without marisa-trie,
    or with a simplemma older than 2.0, which lacks the classes it builds on)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    plain_factory = DefaultDictionaryFactory()
    try:
        import marisa_trie
        from simplemma.strategies.dictionaries.dictionary_factory import CachingDictionaryFactory, DecodedStrMapping
    except ImportError:
        return plain_factory

    class TrieMapping(DecodedStrMapping):
        """form -> lemma over a BytesTrie (values are UTF-8 lemmas)."""

        __slots__ = ("_trie",)

        def __init__(self, trie) -> None:
            self._trie = trie

        def _lookup(self, key: str) -> str | None:
            if "\x00" in key:  # marisa ends a key at NUL (the lookup would read another entry): no form has one
                return None
            found = self._trie.get(key)
            return found[0].decode() if found else None

        def __iter__(self) -> Iterator[str]:
            yield from self._trie.iterkeys()

        def __len__(self) -> int:
            return len(self._trie)

    class CachedTries(CachingDictionaryFactory):
        def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
            path = _trie_path(lang)
            plain = plain_factory.get_dictionary(lang) if path is None else None
            if plain is not None:  # nowhere to keep a copy: simplemma's own dictionary, as shipped
                return plain
            if os.path.isfile(path):
                try:
                    return TrieMapping(marisa_trie.BytesTrie().mmap(path))
                except Exception as exc:  # damaged or foreign: rebuild it below
                    log.debug("simplemma cache %s unreadable (%s): rebuilding", path, exc)
            plain = plain_factory.get_dictionary(lang)  # raises ValueError for a language it lacks
            trie = marisa_trie.BytesTrie((form, lemma.encode()) for form, lemma in plain.items())
            save_cached(trie, path)
            return TrieMapping(trie)

    return CachedTries()


def _trie_path(lang: str) -> str | None:
    return cached_path(f"{package_stamp('simplemma')}-{lang}.marisa")


def package_stamp(name: str) -> str:
    """A name for cached data derived from an installed package: changes when the package is
    installed again or upgraded (its module file's size and time), costs a stat, not an import."""
    from importlib.util import find_spec

    spec = find_spec(name)
    st = os.stat(spec.origin)
    return f"{name}-{st.st_size}-{st.st_mtime_ns}"


#: A cache file named by `package_stamp`: "<package>-<size>-<mtime ns>-<rest>" (a temp file starts with ".").
_STAMP = r"-\d+--?\d+-"  # -<size>-<mtime ns>- (the time may be negative)
_STAMPED = re.compile(rf"(?P<package>[A-Za-z_][A-Za-z0-9_]*){_STAMP}(?P<rest>[^/\\]+)")


def cached_path(name: str) -> str | None:
    """`name` in lvterm's cache folder, or None when there is no folder it could be written to
    (then the data is used as the library ships it, without a copy on disk)."""
    from .lexicon import cache_dir

    try:
        folder = cache_dir()
        path = folder / name
        if path.is_file():
            return os.fspath(path)
        folder.mkdir(parents=True, exist_ok=True)
        return os.fspath(path) if os.access(folder, os.W_OK) else None
    except (OSError, RuntimeError):
        return None


def save_cached(trie, path: str) -> None:
    """Save a marisa trie under its final name only once it is whole (`fileio.atomic_path`); a
    cache folder that cannot be written is no error (the trie is used from memory)."""
    from ..errors import InputError
    from ..fileio import atomic_path, remove_others

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with atomic_path(path) as tmp:
            trie.save(os.fspath(tmp))
    except (OSError, InputError) as exc:
        log.debug("cache not written to %s (%s)", path, exc)
        return
    stamped = _STAMPED.fullmatch(os.path.basename(path))
    if stamped:  # the same data for other installs of the package: superseded
        remove_others(path, re.compile(re.escape(stamped["package"]) + _STAMP + re.escape(stamped["rest"])))
