"""Latvian ordinals in the lexicon: adjectives (ADJ, as UD's NumType=Ord) with their own lemma, the
masculine nominative (pirmās -> pirmais, not the cardinal viens that lv_LV derives them from with
the flag w), definite slots that agree with a noun, and no place in the cardinal's paradigm; so term
extraction proposes "pirmā palīdzība" and lookup never takes "pirmā" for "viens"."""
from __future__ import annotations

import pytest

from lvterm.lang import lexicon, lv
from lvterm.lang.lexicon import Slot


@pytest.mark.parametrize("word,lemma", [
    ("pirmās", "pirmais"), ("pirmais", "pirmais"), ("pirmo", "pirmais"),  # viens -> pirmais/y (FULLSTRIP)
    ("otrajā", "otrais"), ("otru", "otrais"),  # otrs/W: the indefinite forms are the ordinal's too
    ("trešais", "trešais"), ("trešajā", "trešais"),  # trīs -> trešais/y
    ("ceturtā", "ceturtais"), ("piektajai", "piektais"), ("septītās", "septītais"), ("astoto", "astotais"),
    ("desmitajā", "desmitais"), ("divdesmito", "divdesmitais"),  # desmit/w and the adjective desmits/W agree
    ("simtajā", "simtais"), ("tūkstošajā", "tūkstošais"), ("miljonajā", "miljonais"),
])
def test_morph_lexicon_ordinals_have_their_own_lemma(word, lemma):
    assert lexicon.lemmas(word)[0] == (lemma, "ADJ")
    assert lv.lemma_info(word) == (lemma, "lexicon")  # what lookup's lemma key reads


def test_morph_lexicon_ordinal_slots_are_definite_adjective_slots():
    """On the ordinal's own stem (pirm-, not vien-), definite only: pirmā is no locative (pirmajā is)."""
    (r,) = lexicon.readings("pirmās")
    assert r.slots == (Slot("gen", "sing", "fem", True), Slot("nom", "plur", "fem", True),
                       Slot("acc", "plur", "fem", True))
    assert {(s.case, s.definite) for r in lexicon.readings("pirmā") for s in r.slots} == {("nom", True), ("gen", True)}


def test_morph_lexicon_cardinal_paradigm_has_no_ordinal_forms():
    for cardinal, ordinal in (("viens", "pirmais"), ("trīs", "trešais"), ("četri", "ceturtais")):
        made = lexicon.forms(cardinal)
        assert made and not {ordinal, ordinal[:-2] + "ā", ordinal[:-2] + "ās"} & set(made), cardinal
    assert lexicon.forms("pirmais") == ("pirmais", "pirmā", "pirmās", "pirmajam", "pirmajai", "pirmo", "pirmajā",
                                        "pirmie", "pirmajiem", "pirmajām", "pirmos", "pirmajos", "pirmajās")
    assert {"triju", "trijiem"} <= set(lexicon.forms("trīs"))  # the cardinal keeps its own cases


def test_morph_lexicon_numerals_own_forms_stay_numerals():
    assert lexicon.lemmas("divu") == (("divi", "NUM"),)
    assert lexicon.lemmas("daudzie")[0] == ("daudzi", "NUM")  # daudzais/{: no word, so no lemma
    assert ("miljons", "NUM") in lexicon.lemmas("miljon")  # y's `ais 0` makes no adjective form


def test_lv_canonical_ordinal_agrees_with_its_noun():
    assert lv.canonical_term("pirmās palīdzības") == "pirmā palīdzība"
    assert lv.canonical_term("Pirmajai palīdzībai") == "Pirmā palīdzība"
    assert lv.canonical_term("trešajā kursā") == "trešais kurss"


def test_extract_proposes_pirmaa_paliidziiba_from_inflected_forms():
    from lvterm.terms.extract import extract_terms

    sentences = ["Darbinieki pavasarī apmeklēja pirmās palīdzības kursus lasītavā.",
                 "Pirmajai palīdzībai katrā filiālē vajadzīga aptieciņa.",
                 "Bibliotēkas trešajā stāvā notiek pirmās palīdzības nodarbības."]
    texts = [c.text for c in extract_terms(sentences, lang="lv")]
    assert "pirmā palīdzība" in texts
    assert not {"pirmās palīdzība", "pirmajai palīdzība"} & set(texts)


def test_lookup_never_takes_an_ordinal_for_its_cardinal(tmp_path):
    from fixtures.termbase.minidb import make_db
    from lvterm.models import Concept, Term
    from lvterm.terms.lookup import lookup

    db = make_db(tmp_path / "lvterm.db", [
        Concept("first-aid", (Term("lv", "pirmā palīdzība", status="preferred"), Term("en", "first aid", status="preferred"))),
        Concept("one", (Term("lv", "viens", status="preferred"), Term("en", "one", status="preferred")))])
    assert [r["lv"] for r in lookup("pirmajai palīdzībai", db_path=db)][:1] == ["pirmā palīdzība"]
    assert lookup("viens palīdzība", db_path=db) == []  # was: pirmā palīdzība, by lemma key
    assert lookup("pirmā", db_path=db) == []  # was: viens
