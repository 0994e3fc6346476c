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


def test_morph_terms_a_capitalised_head_the_lexicon_does_not_know_is_not_inflected():
    """A name or an English word as the head gets no Latvian endings guessed for it (it was
    'CILIP Communitiea', 'CILIP Communitieam', as if Communities were a noun in -s)."""
    assert inflect_term("CILIP Communities") == ("CILIP Communities",)
    assert inflect_term("LIS New Professionals Network") == ("LIS New Professionals Network",)
    assert "Latvijas Bibliotekāru biedrībai" in inflect_term("Latvijas Bibliotekāru biedrība")  # known: inflected


@pytest.mark.parametrize("term, genitive_plural", [
    ("grāmatvietne", "grāmatvietņu"), ("ziņojumkaste", "ziņojumkastu"), ("grāmatplaukte", "grāmatplaukšu"),
    ("tiešsaistbāze", "tiešsaistbāžu"), ("mājaslapiņe", "mājaslapiņu"), ("datubāze", "datubāžu"),  # known
    ("tiešsaiste", "tiešsaistu"),  # known: lv_LV keeps st (valsts: valstu, kaste: kastu)
])
def test_morph_terms_an_unknown_e_noun_alternates_in_the_genitive_plural(term, genitive_plural):
    paradigm = {(case, number): form for case, number, form in term_paradigm(term)}
    assert paradigm[("gen", "plur")] == genitive_plural


def test_morph_terms_the_genitive_plural_rules_are_the_lexicons():
    """`GENITIVE_PLURAL_5`, for the nouns lv_LV does not know, gives every 5th-declension noun it
    knows its own genitive plural (5,260 of 5,260 when written)."""
    from lvterm.lang.inflect import genitive_plural_5

    lx = lexicon.get()
    checked, wrong = 0, []
    for root in lx:
        if root.endswith("e") and root.islower() and any(tag.startswith("lietv5") and "s" in flags
                                                         for flags, tag, _ in lx.entries(root)):
            forms = [f for s, f in lexicon.slot_forms(root, pos="NOUN").items()
                     if (s.case, s.number) == ("gen", "plur")]
            checked += 1
            if forms and forms[0] != genitive_plural_5(root):
                wrong.append((root, forms[0], genitive_plural_5(root)))
    assert checked > 5000 and wrong == []


@pytest.mark.parametrize("term, other, forms", [
    ("kopīga interese", True, {"kopīgā interese", "kopīgajām interesēm", "kopīgo interešu", "kopīgajā interesē"}),
    ("aktīva līdzdalība", True, {"aktīvā līdzdalība", "aktīvajā līdzdalībā", "aktīvās līdzdalības"}),
    ("jaunais speciālists", False, {"jauns speciālists", "jauniem speciālistiem", "jaunā speciālistā"}),
    ("apaļais galds", False, {"apaļš galds", "apaļa galda", "apaļos galdos"}),
    ("profesionālā pieredze", False, {"profesionālām pieredzēm", "profesionālas pieredzes"}),
])
def test_morph_terms_both_definiteness(term, other, forms):
    """A term's adjectives in the definiteness it is not written in, for lookup: the lexicon
    has each of them so (the words are real), and the term as written comes first."""
    from lvterm.lang.inflect import other_definiteness

    assert other_definiteness(term) is other
    both = inflect_term(term, both_definite=True)
    assert both[:len(inflect_term(term))] == inflect_term(term) and forms <= set(both)
    assert not forms & set(inflect_term(term))
    for form in both:
        for word in form.split()[:-1]:
            assert lexicon.readings(word), word


@pytest.mark.parametrize("term", ["Latvijas Nacionālā bibliotēka", "vadošais speciālists", "biedra nauda",
                                  "tīklošana", "CILIP Communities", "īpašo interešu grupa"])
def test_morph_terms_no_other_definiteness(term):
    """A name's adjective keeps its definiteness (Nacionālā), one the lexicon has in only one
    ('vadošs' it lacks) too; a term without an agreeing adjective has none."""
    from lvterm.lang.inflect import other_definiteness

    assert other_definiteness(term) is None
    assert inflect_term(term, both_definite=True) == inflect_term(term)
