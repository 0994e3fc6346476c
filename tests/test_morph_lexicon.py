"""lang.lexicon: readings and paradigms from the Hunspell lv_LV dictionary (read with spylls), the
compact cache keyed by the dictionary's hash, and lv.lemma's fallbacks with their source."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.lang import lexicon, lv
from lvterm.lang.lexicon import DATA_DIR, Lexicon, Slot


def first(word):
    r = lexicon.readings(word)[0]
    return r.lemma, r.pos, r.kind


@pytest.mark.parametrize("word,lemma,pos,kind", [
    ("biedra", "biedrs", "NOUN", "base"),
    ("bibliotēkā", "bibliotēka", "NOUN", "base"),
    ("Latvijas", "Latvija", "PROPN", "base"),
    ("tīklošanai", "tīklošana", "NOUN", "verbal_noun"),
    ("tīklošanās", "tīklošanās", "NOUN", "verbal_noun"),  # the noun, before the locative plural of tīklošana
    ("iesaistīšanos", "iesaistīšanās", "NOUN", "verbal_noun"),
    ("sadarbošanos", "sadarbošanās", "NOUN", "verbal_noun"),  # made by the -ties verb's own group
    ("autortiesībām", "autortiesības", "NOUN", "base"),  # plurale tantum (po:lietv4d)
    ("metadatiem", "metadati", "NOUN", "base"),  # the lexicon decides: po:lietv1d, plural
    ("zināšanu", "zināšanas", "NOUN", "verbal_noun"),  # lexicon.PLURAL_USAGE
    ("publiskajā", "publisks", "ADJ", "adjective"),
    ("vislielākais", "liels", "ADJ", "adjective"),
    ("atvērtā", "atvērt", "VERB", "participle"),
    ("reģistrējušies", "reģistrēties", "VERB", "participle"),
    ("jālasa", "lasīt", "VERB", "verb"),
    ("nelasa", "nelasīt", "VERB", "verb"),
    ("biedru", "biedrs", "NOUN", "base"),  # before the feminine biedre
    ("lasītāja", "lasītājs", "NOUN", "base"),  # an entry before a lemma derived from it
    ("ceļu", "ceļš", "NOUN", "base"),  # the more frequent of ceļš and celis
    ("e-grāmatām", "e-grāmata", "NOUN", "base"),  # a hyphenated word inflects at its end
])
def test_morph_lexicon_best_reading(word, lemma, pos, kind):
    assert first(word) == (lemma, pos, kind)


def test_morph_lexicon_slots():
    (naudas,) = [r for r in lexicon.readings("naudas")]
    # the dictionary spells naudas once (genitive singular); the endings of the declension give
    # the plural slots it shares
    assert {(s.case, s.number) for s in naudas.slots} == {("gen", "sing"), ("nom", "plur"), ("acc", "plur")}
    assert {(s.case, s.number) for s in lexicon.readings("Latvijas")[0].slots} == {("gen", "sing")}  # no plural
    assert Slot("dat", "plur", "fem", True) in lexicon.readings("publiskajām")[0].slots
    assert {s.definite for s in lexicon.readings("publiskā")[0].slots} == {True, False}  # loc: either
    assert lexicon.readings("spēļu")[0].slots == (Slot("gen", "plur", "fem"),)  # an alternation, tagged


def test_morph_lexicon_unknown_words_have_no_readings():
    assert lexicon.readings("LinkedIn") == () and lexicon.readings("xqzzy") == () and lexicon.readings("") == ()
    assert not lexicon.is_known("blogeriem") and lexicon.is_known("biedriem")


def test_morph_lexicon_paradigms():
    assert lexicon.forms("biedrs")[:5] == ("biedrs", "biedra", "biedram", "biedru", "biedrā")
    assert {"biedri", "biedriem", "biedrus", "biedros"} <= set(lexicon.forms("biedrs"))
    assert "biedre" not in lexicon.forms("biedrs")  # another lemma
    assert set(lexicon.forms("tīklošanās")) == {"tīklošanās", "tīklošanos"}
    assert {"tīklošana", "tīklošanai", "tīklošanām"} <= set(lexicon.forms("tīklošana"))
    assert {"spēļu", "izstāžu"} <= set(lexicon.forms("spēle")) | set(lexicon.forms("izstāde"))
    assert {"vislielākais", "lielākajām", "lielajos"} <= set(lexicon.forms("liels"))
    assert "neliels" not in lexicon.forms("liels") and "neliels" in lexicon.forms("neliels")
    assert {"e-grāmatām", "e-grāmatu"} <= set(lexicon.forms("e-grāmata"))
    assert lexicon.forms("xqzzy") == ()
    slots = lexicon.slot_forms("nauda")
    assert slots[Slot("dat", "plur", "fem")] == "naudām" and slots[Slot("nom", "plur", "fem")] == "naudas"


# A fixed sample of dictionary entries (every 401st): each generated form reads back as its lemma.
_SAMPLE = sorted(lexicon.get())[::401]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(_SAMPLE))
def test_morph_lexicon_generated_forms_read_back_as_their_lemma(root):
    for r in lexicon.get().expand(root, negated=True):
        assert r.lemma in {back.lemma for back in lexicon.readings(r.form)}, (root, r)
        assert r.form in lexicon.forms(r.lemma), (root, r)  # and the lemma's paradigm has it


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdeēfgģiījkķlļmnņoprsštuūvzž-AĀBL", min_size=0, max_size=16))
def test_morph_lexicon_any_word_is_answered(word):
    for r in lexicon.readings(word):
        assert r.lemma and r.pos and r.form == word


def test_morph_lexicon_lemma_sources():
    assert lv.lemma_info("biedriem") == ("biedrs", "lexicon")
    assert lv.lemma_info("Tīklošanai") == ("tīklošana", "lexicon")
    assert lv.lemma_info("viesim") == ("viesis", "simplemma")  # lv_LV lists viesis as one form only
    assert lv.lemma_info("blogeriem") == ("blogers", "guess")
    assert lv.lemma_info("LinkedIn") == ("linkedin", "none")
    assert set(lv.LEMMA_SOURCES) >= {lv.lemma_source(w) for w in ("biedrs", "viesim", "blogeriem", "2011")}


def _small_dictionary(folder, words):
    folder.mkdir()
    shutil.copy(DATA_DIR / "lv_LV.aff", folder / "lv_LV.aff")
    (folder / "lv_LV.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    return folder


def test_morph_lexicon_cache_is_written_once_and_keyed_by_the_dictionary(tmp_path, monkeypatch):
    monkeypatch.setenv("LVTERM_CACHE_DIR", str(tmp_path / "cache"))
    one = _small_dictionary(tmp_path / "one", ["biedrs/Oo po:lietv1r"])
    assert Lexicon.load(one).readings("biedriem")[0].lemma == "biedrs"
    cached = list((tmp_path / "cache").iterdir())
    assert len(cached) == 1 and cached[0].name.startswith("lexicon-lv_LV-")

    def no_spylls(*args):
        raise AssertionError("read with spylls although a cache exists")

    monkeypatch.setattr(lexicon, "compile_dictionary", no_spylls)
    assert Lexicon.load(one).readings("biedriem")[0].lemma == "biedrs"  # from the cache
    two = _small_dictionary(tmp_path / "two", ["nauda/Ss po:lietv4r"])
    with pytest.raises(AssertionError, match="spylls"):
        Lexicon.load(two)  # other files, other key: no stale cache is used


def test_morph_lexicon_cache_removes_only_the_files_it_supersedes(tmp_path, monkeypatch):
    """A cache written for a dictionary removes the files this version cannot read (another FORMAT,
    or the names before FORMAT 6) and the same files' cache with other fixes; not another
    dictionary's of this FORMAT: loading a folder's dictionary leaves the package's own alone."""
    monkeypatch.setenv("LVTERM_CACHE_DIR", str(tmp_path / "cache"))
    cache = tmp_path / "cache"
    cache.mkdir()
    one = _small_dictionary(tmp_path / "one", ["biedrs/Oo po:lietv1r"])
    mine = lexicon.cache_path(*lexicon.dictionary_files(one))
    package = lexicon.cache_path(*lexicon.dictionary_files())
    files, other = mine.stem.rsplit("-", 1)[1], "0123456789abcdef0123"
    fmt, fixes = lexicon.FORMAT, lexicon.fixes_hash()[:8]
    stale = ["lexicon-lv_LV-3d34da34f784d856ce5f.pickle",  # FORMAT 5 and before (the FORMAT in the hash)
             f"lexicon-lv_LV-{fmt - 1}-{fixes}-{files}.pickle", f"lexicon-lv_LV-{fmt + 1}-0badf00d-{other}.pickle",
             f"lexicon-lv_LV-{fmt}-0badf00d-{files}.pickle"]  # these files, other fixes
    kept = [package.name, f"lexicon-lv_LV-{fmt}-0badf00d-{other}.pickle",  # this FORMAT, other files
            "lexicon-en_US-5-0badf00d-0123456789abcdef0123.pickle", "notes.txt", "lexicon-lv_LV-5.pickle.bak"]
    for name in stale + kept:
        (cache / name).write_bytes(b"someone else's")
    assert Lexicon.load(one).readings("biedriem")[0].lemma == "biedrs"
    assert sorted(p.name for p in cache.iterdir()) == sorted([mine.name, *kept])


def test_morph_lexicon_cache_is_keyed_by_the_fixes(monkeypatch):
    """Editing the tables of lv_LV's errors without a new FORMAT never serves a stale cache."""
    files = lexicon.dictionary_files()
    before = lexicon.cache_path(*files)
    monkeypatch.setattr(lexicon, "_CONDITION_FIXES", {**lexicon._CONDITION_FIXES, ("9", "īt", "[ī]t"): "rīt"})
    lexicon.fixes_hash.cache_clear()
    try:
        assert lexicon.cache_path(*files) != before
    finally:
        monkeypatch.undo()
        lexicon.fixes_hash.cache_clear()
    assert lexicon.cache_path(*files) == before


def test_morph_lexicon_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("LVTERM_CACHE_DIR", str(tmp_path / "cache"))
    one = _small_dictionary(tmp_path / "one", ["biedrs/Oo po:lietv1r"])
    Lexicon.load(one)
    (cache,) = (tmp_path / "cache").iterdir()
    cache.write_bytes(b"not a pickle")
    assert Lexicon.load(one).readings("biedra")[0].lemma == "biedrs"
    assert cache.read_bytes() != b"not a pickle"


def test_morph_lexicon_unwritable_cache_still_works(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("LVTERM_CACHE_DIR", str(blocker / "cache"))  # a folder under a file
    one = _small_dictionary(tmp_path / "one", ["biedrs/Oo po:lietv1r"])
    assert Lexicon.load(one).readings("biedram")[0].lemma == "biedrs"


def test_morph_lexicon_nothing_loaded_at_import():
    code = ("import sys; import lvterm.lang.lv, lvterm.lang.lexicon, lvterm.lang.inflect, lvterm.terms.store; "
            "print(sorted(m for m in ('spylls', 'simplemma', 'wordfreq') if m in sys.modules), "
            "lvterm.lang.lexicon.get.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[]", "0"]


def test_morph_lexicon_package_ships_the_dictionary_and_its_licence():
    names = {p.name for p in DATA_DIR.iterdir()}
    assert {"lv_LV.aff", "lv_LV.dic", "LICENSE.txt", "README_lv_LV.txt"} <= names
    assert "Lesser General Public" in (DATA_DIR / "LICENSE.txt").read_text(encoding="utf-8")
    assert len(lexicon.get()) > 60_000
