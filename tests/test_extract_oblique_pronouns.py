"""Only a pronoun in the nominative is a clause's subject (`patterns._subject_like`): after an
oblique form (katrā, visus, kurus, tādus, savus, tādos) a genitive that can also be a finite verb
(atbalsta: supports, of support; apraksta: describes, of description) is the genitive of a term,
not a verb ending the phrase. After a nominative pronoun it is still the verb (tas atbalsta).
The sentences are written for this test."""
from __future__ import annotations

import pytest

from lvterm.lang import lv
from lvterm.terms.extract import extract_terms
from lvterm.terms.patterns import analysed_words, noun_phrases


def spans(text: str) -> set[str]:
    ws = analysed_words(text, lang="lv")
    return {" ".join(w.text for w in ws[s:e]) for s, e, _ in noun_phrases(ws, lang="lv", max_words=4)}


@pytest.mark.parametrize("text, span", [
    ("Katrā atbalsta programmā ir savi noteikumi.", "atbalsta programmā"),
    ("Katalogs satur visus apraksta elementus.", "apraksta elementus"),
    ("Kurus atbalsta pasākumus bibliotēka izvēlas?", "atbalsta pasākumus"),
    ("Pašvaldība piešķir tādus atbalsta maksājumus.", "atbalsta maksājumus"),
    ("Komandas zaudēja savus atbalsta punktus.", "atbalsta punktus"),
    ("Tādos augu produktos ir vitamīni.", "augu produktos"),
])
def test_after_an_oblique_pronoun_the_genitive_modifies(text, span):
    assert span in spans(text)


@pytest.mark.parametrize("text, not_span", [
    ("Tas atbalsta atvērto piekļuvi.", "atbalsta atvērto piekļuvi"),
    ("Viņi atbalsta atvērto piekļuvi.", "atbalsta atvērto piekļuvi"),
    ("Bibliotēka atbalsta atvērto piekļuvi.", "atbalsta atvērto piekļuvi"),
    ("Kura atbalsta atvērto piekļuvi?", "atbalsta atvērto piekļuvi"),
])
def test_after_a_nominative_subject_it_is_the_verb(text, not_span):
    assert not_span not in spans(text)


@pytest.mark.parametrize("form", ["es", "tu", "mēs", "jūs", "viņš", "viņa", "viņi", "viņas", "tas", "tā", "tie",
                                  "tās", "šis", "šie", "kas", "kurš", "kuri", "katrs", "visi", "pats", "pati"])
def test_nominative_pronouns(form):
    assert form in lv.NOMINATIVE_PRONOUNS


@pytest.mark.parametrize("form", ["katrā", "visus", "kurus", "tādus", "savus", "tādos", "to", "tos", "viņus", "tam",
                                  "kam", "ko", "mums", "šo"])
def test_oblique_pronouns(form):
    assert form in lv.PRONOUNS and form not in lv.NOMINATIVE_PRONOUNS


def test_nominatives_are_pronouns():
    assert lv.NOMINATIVE_PRONOUNS <= lv.PRONOUNS


def test_the_term_is_extracted():
    lines = ["Katrā atbalsta programmā ir savi noteikumi.", "Pašvaldība piešķir tādus atbalsta maksājumus.",
             "Kurus atbalsta pasākumus bibliotēka izvēlas?"]
    found = {c.text for c in extract_terms(lines, lang="lv")}
    assert {"atbalsta programma", "atbalsta maksājums", "atbalsta pasākums"} <= found
