"""simplemma's lemmas and wordfreq's common words from compact on-disk caches (lang.lemmacache,
lang.wordlists): the same answers as the libraries themselves, written once and atomically, and
rebuilt or skipped when the cache cannot be used."""
from __future__ import annotations

import re

import pytest
import simplemma
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import word_frequency, zipf_frequency

from lvterm.lang import lemmacache, wordlists


def _reset():
    for fn in (lemmacache._factory, lemmacache._lemmatizer, lemmacache._lookup, wordlists._common,
               wordlists._frequencies):
        fn.cache_clear()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("LVTERM_CACHE_DIR", str(tmp_path / "cache"))
    _reset()
    yield tmp_path / "cache"
    _reset()


def words_of(fixtures, name: str) -> list[str]:
    text = (fixtures / "segment" / name).read_text(encoding="utf-8")
    return sorted(set(re.findall(r"[^\W\d_]+", text)))


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_lemmacache_same_lemmas_as_simplemma(cache, fixtures, lang):
    words = words_of(fixtures, f"{lang}.txt") + ["Rīgā", "BIBLIOTĒKĀ", "e-pastu", "don't", "12"]
    assert [lemmacache.lemmatize(w, lang) for w in words] == [simplemma.lemmatize(w, lang=lang) for w in words]
    assert [lemmacache.is_known(w, lang) for w in words] == [simplemma.is_known(w, lang=lang) for w in words]
    assert (cache / f"{lemmacache.package_stamp('simplemma')}-{lang}.marisa").is_file()
    assert not [p for p in cache.iterdir() if p.name.startswith(".")]  # no temp file left behind


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_lemmacache_a_word_with_nul_is_no_form(cache, lang):
    """marisa ends a key at NUL: looked up, 'x\\0' read another entry's bytes (UnicodeDecodeError,
    found by fuzzing the per-post work). Text from files cannot hold NUL; the Python API can."""
    for word in ("\x00", "books\x00", "a\x00b"):
        assert lemmacache.lemmatize(word, lang) == word and not lemmacache.is_known(word, lang)


def test_lemmacache_second_process_reads_the_file(cache):
    lemmacache.lemmatize("biedriem", "lv")
    path = cache / f"{lemmacache.package_stamp('simplemma')}-lv.marisa"
    stamp = path.stat().st_mtime_ns
    _reset()  # as a new process would start
    assert lemmacache.dictionary("lv").get("biedriem") == simplemma.lemmatize("biedriem", lang="lv")
    assert path.stat().st_mtime_ns == stamp  # read, not rewritten


def test_lemmacache_damaged_file_is_rebuilt(cache):
    lemmacache.lemmatize("grāmatas", "lv")
    path = cache / f"{lemmacache.package_stamp('simplemma')}-lv.marisa"
    path.write_bytes(b"not a trie")
    _reset()
    assert lemmacache.lemmatize("grāmatas", "lv") == simplemma.lemmatize("grāmatas", lang="lv")
    assert path.stat().st_size > 1000


def test_lemmacache_unwritable_cache_works_from_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("LVTERM_CACHE_DIR", str(blocker / "cache"))
    _reset()
    try:
        assert lemmacache.lemmatize("bibliotēkās", "lv") == simplemma.lemmatize("bibliotēkās", lang="lv")
        assert wordlists.is_common("library", "en")
    finally:
        _reset()


def test_wordlists_same_answer_as_wordfreq(cache, fixtures):
    words = words_of(fixtures, "en.txt") + words_of(fixtures, "lv.txt")[:80] + ["Library", "can't", "e-mail", "2024"]
    assert [wordlists.is_common(w, "en") for w in words] == [zipf_frequency(w, "en") >= 3.0 for w in words]
    assert [p.name for p in cache.iterdir() if p.name.startswith("wordfreq-")]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_wordlists_frequency_same_as_wordfreq(cache, fixtures, lang):
    words = words_of(fixtures, "en.txt") + words_of(fixtures, "lv.txt")
    words += ["Library", "BIBLIOTĒKĀ", "Straße", "can't", "e-mail", "2024", "naïve", "", "ŉ", "ﬁsh"]
    assert [wordlists.frequency(w, lang) for w in words] == [word_frequency(w, lang) for w in words]
    assert (cache / f"{lemmacache.package_stamp('wordfreq')}-{lang}-frequencies.marisa").is_file()
    wordlists._frequencies.cache_clear()  # a new process: the table from disk
    assert [wordlists.frequency(w, lang) for w in words] == [word_frequency(w, lang) for w in words]


_LETTERS = "abcdefghijklmnopqrstuvwxyzāčēģīķļņšūžõöüéßĀČŠŽABCZİıǅﬁ\u0301'’-0 "


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LETTERS, max_size=12), st.sampled_from(["lv", "en"]))
def test_wordlists_frequency_property(word, lang):
    assert wordlists.frequency(word, lang) == word_frequency(word, lang)


def _reinstalled(monkeypatch, package: str) -> str:
    """Make `package_stamp(package)` name another install of it (as a new venv or a reinstall does:
    same file size, another mtime); returns the new stamp."""
    real = lemmacache.package_stamp
    name, size, mtime = real(package).rsplit("-", 2)
    new = f"{name}-{size}-{int(mtime) + 1}"
    monkeypatch.setattr(lemmacache, "package_stamp", lambda p: new if p == package else real(p))
    _reset()
    return new


def _foreign(cache):
    """Files in the cache folder that are no earlier copy of what is written next: all must stay."""
    names = ["notes.txt", "simplemma-lv.marisa", "simplemma-1376-5-lv.marisa.bak", "xsimplemma-1376-5-lv.marisa",
             "lexicon-lv_LV-3d34da34f784d856ce5f.pickle", "wordfreq-14794-5-lv-zipf3-folded.marisa"]
    for name in names:
        (cache / name).write_bytes(b"someone else's")
    (cache / "simplemma-1376-6-lv.marisa").mkdir()  # a folder, whatever its name, is not ours to remove
    return names + ["simplemma-1376-6-lv.marisa"]


def test_lemmacache_new_install_removes_the_old_copy(cache, monkeypatch):
    """~/.cache/lvterm grew by ~4.7 MB with every venv or reinstall: the tries were named after the
    installed package's stamp and never removed. Writing one for a new stamp removes that same
    trie's copies with other stamps, and nothing else."""
    lemmacache.lemmatize("grāmatas", "lv")
    lemmacache.lemmatize("books", "en")
    old_lv = cache / f"{lemmacache.package_stamp('simplemma')}-lv.marisa"
    old_en = cache / f"{lemmacache.package_stamp('simplemma')}-en.marisa"
    old_dict = lemmacache.dictionary("lv")  # mapped from old_lv, as another process may have it
    kept = _foreign(cache)

    stamp = _reinstalled(monkeypatch, "simplemma")
    assert lemmacache.lemmatize("biedriem", "lv") == simplemma.lemmatize("biedriem", lang="lv")
    assert (cache / f"{stamp}-lv.marisa").is_file()
    assert not old_lv.exists()
    assert old_en.is_file()  # another language's trie: removed when that one is written anew
    assert all((cache / name).exists() for name in kept)
    assert old_dict.get("grāmatas") == simplemma.lemmatize("grāmatas", lang="lv")  # a reader keeps its map

    assert lemmacache.is_known("books", "en")
    assert not old_en.exists() and (cache / f"{stamp}-en.marisa").is_file()
    assert all((cache / name).exists() for name in kept)


def test_wordlists_new_install_removes_the_old_copy(cache, monkeypatch):
    assert wordlists.is_common("library", "en")
    assert wordlists.frequency("library", "en") > 0
    old = lemmacache.package_stamp("wordfreq")
    assert sorted(p.name for p in cache.iterdir()) == [f"{old}-en-frequencies.marisa", f"{old}-en-zipf3.marisa"]
    kept = _foreign(cache)

    stamp = _reinstalled(monkeypatch, "wordfreq")
    assert wordlists.is_common("library", "en")
    now = sorted(p.name for p in cache.iterdir() if p.name.startswith("wordfreq-") and p.name not in kept)
    assert now == [f"{old}-en-frequencies.marisa", f"{stamp}-en-zipf3.marisa"]  # frequencies: not written yet
    assert wordlists.frequency("library", "en") == word_frequency("library", "en")
    now = sorted(p.name for p in cache.iterdir() if p.name.startswith("wordfreq-") and p.name not in kept)
    assert now == [f"{stamp}-en-frequencies.marisa", f"{stamp}-en-zipf3.marisa"]
    assert all((cache / name).exists() for name in kept)
