"""A personal name's words agree by apposition: the canonical form has every word of it in the
nominative, the gender from the given name (the lexicon's); an abbreviation in capitals takes no
ending. Only the displayed form changes: the stem key (and so every pair) stays."""
from __future__ import annotations

import pytest

from lvterm.lang import lv
from lvterm.terms.extract import extract_terms

# written for this test
LV = """Ministrs apsveica Sergeju Ivanovu.
Koncertā viņi dzirdēja Gloriju Estefanu.
Žurnāls intervēja Ingrīdu Gūtmani.
Projektu vada JAK speciālisti.
Pēc tam viņš apsveica Gregu Ruterfordu.
Kārļa Universitāte atrodas Prāgā.
Viņi apmeklēja Marijas Baznīcu.
Skatītāji sveica Annu Bianki.
Uzvara bija Annas Bianki.""".splitlines()


@pytest.fixture(scope="module")
def terms():
    return {c.key: c for c in extract_terms(LV, lang="lv")}


@pytest.mark.parametrize("form,canonical", [
    ("Sergeju Ivanovu", "Sergejs Ivanovs"),  # was "Sergeju Ivanovs": the given name left in the accusative
    ("Gloriju Estefanu", "Glorija Estefana"),  # a woman's surname: 4th declension (-u -> -a), not "Estefans"
    ("Ingrīdu Gūtmani", "Ingrīda Gūtmane"),  # 5th declension (-i -> -e)
    ("JAK", "JAK"),  # the lexicon's "jaks" (a yak) gave JAKS
    ("Annu Bianki", "Anna Bianki"),  # Bianki seen unchanged in two cases: indeclinable
])
def test_extract_personal_name_in_the_nominative(terms, form, canonical):
    key = lv.stem_key(form)
    assert terms[key].text == canonical
    assert lv.stem_key(canonical) == key  # the candidate is the same: only its display changes


@pytest.mark.parametrize("form", [
    "Gregu Ruterfordu",  # a given name the lexicon lacks: Gregs or Grega? not guessed
    "Kārļa Universitāte",  # a genitive and a nominative: no apposition, no personal name
    "Marijas Baznīcu",
])
def test_extract_no_name_rule_without_evidence(terms, form):
    assert terms[lv.stem_key(form)].text.split()[0] == form.split()[0]
