"""Suffix-based morphology guesses (lang.lv.analyse, lang.en.analyse) and the spaCy component."""
from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.lang import en, lv

# word, pos, a case the guess must include (or None), number reading (or None), definite
LV_TABLE = [
    ("biedra", "NOUN", "gen", "sing", None),
    ("nauda", "NOUN", "nom", "sing", None),
    ("naudu", "NOUN", "acc", "sing|plur", None),
    ("naudas", "NOUN", "gen", "sing|plur", None),
    ("tīkli", "NOUN", "nom", "plur", None),
    ("tīklos", "NOUN", "loc", "plur", None),
    ("speciālistiem", "NOUN", "dat", "plur", None),
    ("bibliotēku", "NOUN", "gen", "sing|plur", None),
    ("interešu", "NOUN", "gen", "plur", None),
    ("biedrībā", "NOUN", "loc", "sing", None),
    ("tīklošana", "NOUN", "nom", "sing", None),
    ("tīklošanu", "NOUN", "acc", "sing", None),
    ("dibināšanai", "NOUN", "dat", "sing", None),
    ("pilnveidošanā", "NOUN", "loc", "sing", None),
    ("sociālais", "ADJ", "nom", "sing", True),
    ("sociālajos", "ADJ", "loc", "plur", True),
    ("sociālie", "ADJ", "nom", "plur", True),
    ("profesionālajām", "ADJ", "dat", "plur", True),
    ("profesionālās", "ADJ", "gen", "plur|sing", None),
    ("akadēmisko", "ADJ", "gen", "plur|sing", True),
    ("kopīgas", "ADJ", "nom", "sing|plur", False),
    ("mazāka", "ADJ", "nom", "sing", False),
    ("Latvijas", "PROPN", "gen", None, None),
    ("LinkedIn", "PROPN", None, None, None),
    ("LISNPN", "PROPN", None, None, None),
    ("izmantoja", "VERB", None, None, None),
    ("iesaistīties", "VERB", None, None, None),
    ("veidot", "VERB", None, None, None),
    ("reģistrējušies", "VERB", None, None, None),
    ("ir", "AUX", None, None, None),
    ("un", "CCONJ", None, None, None),
    ("ar", "ADP", None, None, None),
    ("lai", "SCONJ", None, None, None),
    ("mēs", "PRON", None, None, None),
    ("ļoti", "ADV", None, None, None),
    ("2011", "NUM", None, None, None),
    ("–", "PUNCT", None, None, None),
]


@pytest.mark.parametrize("word,pos,case,number,definite", LV_TABLE)
def test_morph_lv_guess_table(word, pos, case, number, definite):
    a = lv.analyse(word)
    assert a.pos == pos
    if case:
        assert a.has_case(case), a
    else:
        assert pos == "PROPN" or a.case is None
    if number:
        assert a.number == number, a
    assert a.definite is definite, a


def test_morph_lv_keys_are_the_shared_keys():
    a = lv.analyse("Biedrībā")
    assert (a.stem, a.fold) == (lv.stem("Biedrībā"), "biedriba")
    assert lv.analyse("naudu").lemma == "nauda"
    assert lv.analyse("sociālajos").lemma == "sociāls"
    assert lv.analyse("tīklošanu").lemma == "tīklošana"  # not simplemma's verb


def test_morph_lv_unaccented_input_keeps_keys():
    assert lv.analyse("tiklosanu").fold == lv.analyse("tīklošanu").fold
    assert lv.analyse("socialajos").stem == lv.analyse("sociālajos").stem


def test_morph_lv_sentence_start_capital_is_not_a_name():
    assert lv.analyse("Tīklošana", sent_start=True).pos == "NOUN"
    assert lv.analyse("Latvijas", sent_start=True).pos == "PROPN"


def test_morph_analysis_is_frozen_and_has_ud_feats():
    a = lv.analyse("naudu")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.pos = "VERB"  # type: ignore[misc]
    assert a.morph == "Case=Acc,Gen|Number=Plur,Sing"
    assert lv.analyse("sociālajos").morph == "Case=Loc|Definite=Def|Number=Plur"


@pytest.mark.parametrize("word,pos,number", [
    ("fees", "NOUN", "plur"), ("fee", "NOUN", "sing"), ("networking", "NOUN", "sing"),
    ("social", "ADJ", None), ("professionals", "NOUN", "plur"), ("library", "NOUN", "sing"),
    ("continuing", "ADJ", None), ("said", "VERB", None), ("of", "ADP", None), ("the", "DET", None),
    ("LinkedIn", "PROPN", "sing"), ("quickly", "ADV", None), ("and", "CCONJ", None),
])
def test_morph_en_guess_table(word, pos, number):
    a = en.analyse(word)
    assert a.pos == pos
    if number:
        assert a.number == number
    assert a.case is None and a.definite is None


def test_morph_en_keys():
    assert en.analyse("fees").lemma == "fee"
    assert en.analyse("organisations").stem == en.stem("organisation")


def test_morph_component_sets_tokens():
    from lvterm.terms.patterns import morph_nlp

    doc = morph_nlp("lv")("Ik gadu jāmaksā biedra nauda sociālajos tīklos.")
    by_text = {t.text: t for t in doc}
    assert by_text["biedra"].pos_ == "NOUN" and by_text["biedra"]._.genitive
    assert by_text["nauda"].lemma_ == "nauda"
    assert by_text["sociālajos"].pos_ == "ADJ" and by_text["sociālajos"]._.definite is True
    assert "Case=Loc" in str(by_text["tīklos"].morph)
    assert by_text["tīklos"]._.stem == lv.stem("tīklos")
    assert doc[0]._.sent_start and not doc[1]._.sent_start


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnoprstuvzāčēģīķļņšūžABCĀČĒŠŽ-", min_size=1, max_size=14))
def test_morph_lv_analyse_total(word):
    a = lv.analyse(word)
    assert a.pos in {"NOUN", "PROPN", "ADJ", "VERB", "AUX", "ADV", "ADP", "CCONJ", "SCONJ",
                     "PRON", "PART", "NUM", "PUNCT", "X"}
    assert a.fold == lv.fold(word)
    if a.case:
        assert set(a.case.split("|")) <= {"nom", "gen", "dat", "acc", "loc"}
