"""A given name and a surname are one candidate in every case, the name rule putting it in the
nominative: the words of a personal name agree by apposition (Jānim Bērziņam, Ilzi Ozolu, Paolo
Rossi). Before, a name formed a span only when its given name could also be read as a genitive
(Sergeju, Moniku: a genitive plural too), so a name in the nominative, the dative or an accusative
in -i, and any name whose given name the lexicon lacks, left only the given name as a candidate
(Jānis, Paolo): a fragment. Capitalised words that are no personal name stay as they were: a
sentence's first word, a place before a name, the genitives of a body's name."""
from __future__ import annotations

import pytest

from lvterm.lang import lv
from lvterm.terms.extract import extract_terms
from lvterm.terms.patterns import analysed_words, noun_phrases

# written for this test
LV = """Jānis Bērziņš vada novada bibliotēku.
Grāmatu par vietējo vēsturi uzrakstīja Ilze Kalniņa.
Goda rakstu piešķīra Jānim Bērziņam.
Ziedus pasniedza arī Ilzei Kalniņai.
Direktors apsveica Pēteri Ozolu.
Lasītāji sirsnīgi sveica Ilzi Ozolu.
Balvu saņēma Monikai Beluči.
Koncertā dziedāja Paolo Rossi.
Vakarā mēs klausījāmies Hosē Karrerasu.
Komiteja uzaicināja Ugo Čavesu.
Izdevniecība nosūtīja grāmatas Dilmai Rousefai.
Skolēni klausījās Džuzepes Verdi operu.
Festivāla balvu saņēma Robertam Liepam.
Žurnālisti intervēja Robertu Liepu.
Ministrs Jānis Bērziņš atklāja izstādi.
Rīgā Pēteris Ozols atvēra lasītavu.
Jānis Ozola mājā nedzīvo.
Pētījumu vadīja Rīgas Stradiņa universitāte.
Tikšanās notika Rīgas Stradiņa universitātē.
Latvijas Nacionālā bibliotēka atver izstādi.
Projektu atbalstīja Eiropas Savienība.""".splitlines()


@pytest.fixture(scope="module")
def terms():
    return {c.key: c for c in extract_terms(LV, lang="lv")}


def _spans(sentence: str) -> list[str]:
    ws = analysed_words(sentence, lang="lv")
    return [" ".join(w.text for w in ws[s:e]) for s, e, _ in noun_phrases(ws, lang="lv", max_words=4)]


@pytest.mark.parametrize("form,canonical", [
    ("Jānis Bērziņš", "Jānis Bērziņš"),  # nominative, a sentence's first word: was "Jānis" alone
    ("Ilze Kalniņa", "Ilze Kalniņa"),  # a woman's surname the lexicon has as a man's kalniņš
    ("Jānim Bērziņam", "Jānis Bērziņš"),  # dative
    ("Ilzei Kalniņai", "Ilze Kalniņa"),
    ("Pēteri Ozolu", "Pēteris Ozols"),  # accusative in -i: no genitive reading
    ("Ilzi Ozolu", "Ilze Ozola"),
    ("Monikai Beluči", "Monika Beluči"),  # an indeclinable surname
    ("Paolo Rossi", "Paolo Rossi"),  # a given name the lexicon lacks, indeclinable: was "Paolo"
    ("Hosē Karrerasu", "Hosē Karrerass"),  # ... and a man's surname its case shows
    ("Ugo Čavesu", "Ugo Čavess"),
    ("Dilmai Rousefai", "Dilma Rousefa"),  # a woman's given name the lexicon lacks: -ai is hers
    ("Džuzepes Verdi", "Džuzepe Verdi"),  # a man's name of the lexicon (flag x), no diminutives
    ("Robertam Liepam", "Roberts Liepa"),  # Robertu alone: Roberts or Roberta; Robertam is his
])
def test_personal_name_is_one_candidate_in_the_nominative(terms, form, canonical):
    key = lv.stem_key(form)
    assert terms[key].text == canonical
    assert terms[key].term_type == "properNoun"


@pytest.mark.parametrize("given", ["Ilzei", "Pēteri", "Ilzi", "Monikai", "Paolo", "Hosē", "Ugo",
                                   "Dilmai", "Ilze"])
def test_given_name_of_a_name_is_no_candidate_of_its_own(terms, given):
    """The given name alone was the only candidate these sentences gave (a fragment). (Jānis is one,
    of "Jānis Ozola mājā".)"""
    assert lv.stem_key(given) not in terms


def test_both_forms_of_a_name_are_one_candidate(terms):
    assert {f.form for f in terms[lv.stem_key("Robertu Liepu")].forms} == {"Robertam Liepam", "Robertu Liepu"}
    assert terms[lv.stem_key("Jānis Bērziņš")].frequency == 3  # nominative twice, dative once


@pytest.mark.parametrize("sentence,spans", [
    # a sentence's first word is no given name, and the name after it is whole
    ("Ministrs Jānis Bērziņš atklāja izstādi.", ["Ministrs", "Jānis Bērziņš", "izstādi"]),
    # a place before a name (another case) stays apart
    ("Rīgā Pēteris Ozols atvēra lasītavu.", ["Rīgā", "Pēteris Ozols", "lasītavu"]),
    # a genitive that modifies the noun after it is not a surname of a name in the nominative
    ("Jānis Ozola mājā nedzīvo.", ["Jānis", "mājā"]),
    # the names of bodies are as before
    ("Pētījumu vadīja Rīgas Stradiņa universitāte.",
     ["Pētījumu", "universitāte", "Rīgas Stradiņa universitāte"]),
    ("Tikšanās notika Rīgas Stradiņa universitātē.",
     ["Tikšanās", "universitātē", "Rīgas Stradiņa universitātē"]),
    ("Latvijas Nacionālā bibliotēka atver izstādi.",
     ["bibliotēka", "Latvijas Nacionālā bibliotēka", "izstādi"]),
    ("Projektu atbalstīja Eiropas Savienība.", ["Projektu", "Eiropas Savienība"]),
])
def test_other_capitalised_words_are_not_glued(sentence, spans):
    assert _spans(sentence) == spans


@pytest.mark.parametrize("sentence,name", [
    ("Goda rakstu piešķīra Jānim Bērziņam.", "Jānim Bērziņam"),
    ("Koncertā dziedāja Paolo Rossi.", "Paolo Rossi"),
    ("Sarunā ar Ilzi Ozolu piedalījās arī kolēģi.", "Ilzi Ozolu"),  # after a preposition
])
def test_name_span_and_no_fragment(sentence, name):
    spans = _spans(sentence)
    assert name in spans
    assert not any(s in spans for s in name.split())


def test_org_and_place_canonical_forms_unchanged(terms):
    assert terms[lv.stem_key("Rīgas Stradiņa universitāte")].text == "Rīgas Stradiņa universitāte"
    assert terms[lv.stem_key("Latvijas Nacionālā bibliotēka")].text == "Latvijas Nacionālā bibliotēka"
    assert terms[lv.stem_key("Eiropas Savienība")].text == "Eiropas Savienība"
