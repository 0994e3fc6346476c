"""Multi-word Latvian terms (lang.inflect, lv.canonical_term / lv.inflect_term): the canonical form
(head and agreeing adjectives in the nominative, genitive modifiers unchanged) and every inflected form."""
from __future__ import annotations

import pytest

from lvterm.lang import lexicon, lv
from lvterm.lang.inflect import canonical_term, inflect_term, term_paradigm


@pytest.mark.parametrize("written,canonical", [
    ("publiskajās bibliotēkās", "publiskā bibliotēka"),
    ("elektroniskā kataloga", "elektroniskais katalogs"),
    ("atvērtu piekļuvi", "atvērtā piekļuve"),  # definite, as terminology writes it
    ("biedra naudām", "biedra nauda"),  # the genitive modifier stays
    ("Latvijas Bibliotekāru biedrībai", "Latvijas Bibliotekāru biedrība"),
    ("Latvijas Nacionālās bibliotēkas", "Latvijas Nacionālā bibliotēka"),
    ("autortiesību", "autortiesības"),  # plurale tantum
    ("metadatiem", "metadati"),
    ("digitālo autortiesību", "digitālās autortiesības"),
    ("profesionālās zināšanas", "profesionālās zināšanas"),  # used in the plural (lexicon.PLURAL_USAGE)
    ("tīklošanai", "tīklošana"),
    ("tīklošanās", "tīklošanās"),  # the reflexive verbal noun keeps its ending
    ("iesaistīšanos", "iesaistīšanās"),
    ("profesionālās pilnveidošanās", "profesionālā pilnveidošanās"),
    ("sociālajos tīklos", "sociālais tīkls"),
    ("globālā tīmekļa", "globālais tīmeklis"),
    ("interešu jomā", "interešu joma"),
    ("zaļajā grāmatā", "zaļā grāmata"),
    ("lielākās bibliotēkas", "lielākā bibliotēka"),  # a comparative agrees too
    ("e-grāmatām", "e-grāmata"),
    ("izstāžu", "izstāde"),  # an alternation, from the dictionary
    ("LinkedIn", "LinkedIn"),  # not a Latvian noun: as written
    ("Biedra naudu", "Biedra nauda"),  # capitals kept
])
def test_morph_terms_canonical_form(written, canonical):
    assert canonical_term(written) == canonical
    assert lv.canonical_term(written) == canonical


def test_morph_terms_canonical_options():
    assert canonical_term("atvērtu piekļuvi", definite=False) == "atvērta piekļuve"
    assert canonical_term("atvērtu piekļuvi", definite=None) == "atvērta piekļuve"  # as written
    assert canonical_term("publiskajās bibliotēkās", definite=None) == "publiskā bibliotēka"
    assert canonical_term("sociālajos tīklos", plural=True) == "sociālie tīkli"
    assert canonical_term("olimpiskajām spēlēm", plural=True) == "olimpiskās spēles"


def test_morph_terms_inflect_biedra_nauda():
    forms = inflect_term("biedra nauda")
    assert forms[:5] == ("biedra nauda", "biedra naudas", "biedra naudai", "biedra naudu", "biedra naudā")
    assert {"biedra naudām", "biedra naudās"} <= set(forms)
    assert all(f.startswith("biedra ") for f in forms)  # the genitive modifier stays
    assert lv.inflect_term("biedra nauda") == forms


def test_morph_terms_paradigm_agrees_in_every_slot():
    slots = {(case, number): form for case, number, form in term_paradigm("atvērtā piekļuve")}
    assert slots[("dat", "sing")] == "atvērtajai piekļuvei"
    assert slots[("loc", "sing")] == "atvērtajā piekļuvē"
    assert slots[("dat", "plur")] == "atvērtajām piekļuvēm"
    assert slots[("gen", "plur")] == "atvērto piekļuvju"
    katalogs = {(c, n): f for c, n, f in term_paradigm("elektroniskais katalogs")}
    assert katalogs[("loc", "plur")] == "elektroniskajos katalogos"
    assert set(inflect_term("tīklošanās")) == {"tīklošanās", "tīklošanos"}  # no dative or locative
    assert set(inflect_term("autortiesības")) == {"autortiesības", "autortiesību", "autortiesībām", "autortiesībās"}
    assert "Latvijas Nacionālajai bibliotēkai" in inflect_term("Latvijas Nacionālā bibliotēka")
    assert inflect_term("LinkedIn") == ("LinkedIn",) and inflect_term("") == ("",)


TERMS = ["biedra nauda", "publiskā bibliotēka", "elektroniskais katalogs", "atvērtā piekļuve", "tīklošana",
         "tīklošanās", "lasītava", "izdevums", "e-grāmata", "Latvijas Bibliotekāru biedrība", "krājums",
         "profesionālā pilnveidošanās", "sociālais tīkls", "bibliotēku asociācija", "interešu grupa"]


@pytest.mark.parametrize("term", TERMS)
def test_morph_terms_every_form_has_the_term_as_canonical_form(term):
    forms = inflect_term(term)
    assert len(forms) >= 2 and forms[0] == term
    for form in forms:
        if canonical_term(form) != term:  # only where the head form is another lemma's too:
            # tīklošanās is the locative plural of tīklošana and the reflexive noun itself
            assert len(lexicon.lemmas(form.split()[-1])) > 1, form


def test_morph_terms_unknown_head_inflects_by_its_declension():
    forms = set(inflect_term("blogera profils"))  # profils is known; blogera is a modifier
    assert "blogera profilam" in forms
    assert {"podkāsta", "podkāstam", "podkāstiem"} <= set(inflect_term("podkāsts"))  # not in lv_LV
