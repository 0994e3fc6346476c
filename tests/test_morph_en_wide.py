"""English adjectives in -wide (worldwide, nationwide, company-wide) are adjectives, never nouns:
the analyser took them for nouns, and English extraction offered 'worldwide' as a term
(mērogs -> worldwide in the seed post)."""
from __future__ import annotations

import pytest

from lvterm.lang import en
from lvterm.terms.extract import extract_terms


@pytest.mark.parametrize("word", ["worldwide", "nationwide", "citywide", "statewide", "countrywide",
                                  "company-wide", "industry-wide", "wide"])
def test_wide_words_are_adjectives(word):
    a = en.analyse(word)
    assert a.pos == "ADJ" and a.lemma == word


def test_a_wide_word_opening_a_sentence_is_an_adjective():
    assert en.analyse("Worldwide", sent_start=True).pos == "ADJ"
    assert en.analyse("Worldwide").pos == "PROPN"  # capitalised inside a sentence: a name's word


@pytest.mark.parametrize("word,pos", [("widow", "NOUN"), ("widths", "NOUN"), ("wideness", "NOUN"),
                                      ("widely", "ADV")])
def test_other_words_with_wide_keep_their_class(word, pos):
    assert en.analyse(word).pos == pos


def test_english_extraction_offers_no_wide_word_as_a_term():
    # written for this test
    texts = ["Of all the social networks, Facebook is the one used worldwide.",
             "The library ran a nationwide survey of its readers.",
             "Company-wide training for new librarians starts in May."]
    found = {c.text for c in extract_terms(texts, lang="en")}
    assert not found & {"worldwide", "nationwide", "company-wide"}, found
    assert {"social network", "nationwide survey", "company-wide training"} <= found
