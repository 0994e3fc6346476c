"""The noun guesser's nominative after -ij-: an ending only -ijs nouns have (dative -am, plural
-i, -iem, -os, -us) gives -ijs, one only -ija nouns have gives -ija, and one both share (-iju,
-ijā, and -ija itself, a man's genitive or a woman's nominative) reads as -ija, the far more
common noun. Before, every ending after -ij- gave -ija (Dmitrijam -> dmitrija)."""
from __future__ import annotations

import pytest

from lvterm.lang import lexicon, lv
from lvterm.terms.extract import extract_terms


# men's names the lexicon and simplemma lack: the guess answers (each was "...ija")
@pytest.mark.parametrize("word,lemma", [
    ("Dmitrijam", "dmitrijs"), ("Vasilijam", "vasilijs"), ("Gennadijam", "gennadijs"),
    ("Ģenādijam", "ģenādijs"), ("Jevgēnijam", "jevgēnijs"), ("Arsenijam", "arsenijs"),
    ("Vasilijiem", "vasilijs"),
])
def test_unknown_ijs_name_in_the_dative_takes_ijs(word, lemma):
    assert lv.lemma_info(word) == (lemma, "guess")


def test_unknown_ijs_name_analysed_as_a_man():
    found = lv.analyse("Jevgēnijam")
    assert (found.pos, found.case, found.number, found.lemma) == ("PROPN", "dat", "sing", "Jevgēnijs")


# an ending both declensions share reads as -ija (kept as before); the bare -ija form is its own lemma
@pytest.mark.parametrize("word,lemma,source", [
    ("Dmitriju", "dmitrija", "guess"), ("Dmitrijā", "dmitrija", "guess"), ("Dmitrija", "dmitrija", "none"),
])
def test_ambiguous_ij_endings_read_as_ija(word, lemma, source):
    assert lv.lemma_info(word) == (lemma, source)


# feminine nouns the lexicon lacks stay -ija
@pytest.mark.parametrize("word", ["altmetrijām", "altmetrijai", "altmetriju", "bibliometrijām"])
def test_unknown_ija_noun_stays_ija(word):
    assert lv.lemma_info(word) == (word[: word.index("ij") + 2] + "a", "guess")


# the lexicon answers first, and the guesser, asked alone, agrees with it wherever the ending tells
# the declension (each -ijs form here was "...ija")
@pytest.mark.parametrize("word", [
    "kritērijam", "kritērijiem", "kritērijos", "kritēriji", "kritērijus", "konsorcijam", "simpozijiem",
    "repozitorijos", "glosārijam",  # -ijs nouns: the fixes
    "kolekcijām", "kolekciju", "kolekcijai", "kolekcijās", "sanatorijām", "sanatoriju", "bibliogrāfijā",
])
def test_guess_agrees_with_the_lexicon(word):
    known = lexicon.lemmas(word)[0][0]
    assert lv.lemma(word) == known
    assert lv._guess_noun_lemma(word, force=True) == known


def test_lexicon_words_keep_their_lemmas():
    assert [lv.lemma(w) for w in ("ģenerālim", "kritērijam", "sanatorijām", "kolekcijām", "kolekciju")] == \
        ["ģenerālis", "kritērijs", "sanatorija", "kolekcija", "kolekcija"]


# every sentence written for this test. Not a fix: why canonical._lv_nominative keeps its rule for a
# one-word man's dative the lexicon lacks: the guesser reads no -im (Kučinskim) and no -ņam as -ņš
@pytest.mark.parametrize("name,nominative", [
    ("Kučinskim", "Kučinskis"), ("Kariņam", "Kariņš"), ("Dombrovskim", "Dombrovskis"), ("Dmitrijam", "Dmitrijs"),
])
def test_one_word_mans_dative_in_extraction(name, nominative):
    texts = [c.text for c in extract_terms([f"Vakar balvu pasniedza {name}."], lang="lv")]
    assert nominative in texts
