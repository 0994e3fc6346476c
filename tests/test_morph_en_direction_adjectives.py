"""English adjectives the analyser took for nouns: compass adjectives in -ern (western,
north-eastern, midwestern, southernmost) and the attributive 'entire' and 'mainland'. As nouns they
kept 'the entire U.S.' from ending a sentence (segmentation) and were offered as terms alone."""
from __future__ import annotations

import pytest

from lvterm.lang import en
from lvterm.terms.extract import extract_terms

COMPASS = ["western", "eastern", "northern", "southern", "northwestern", "north-western",
           "southeastern", "south-eastern", "northeastern", "southwestern", "midwestern",
           "mid-western", "southernmost", "easternmost"]


@pytest.mark.parametrize("word", COMPASS + ["entire", "mainland"])
def test_direction_and_attributive_words_are_adjectives(word):
    a = en.analyse(word)
    assert (a.pos, a.lemma) == ("ADJ", word)


@pytest.mark.parametrize("word", ["Western", "Northern", "Entire", "Mainland"])
def test_capitalised_they_are_adjectives_at_a_sentence_start_and_names_inside_one(word):
    assert en.analyse(word, sent_start=True).pos == "ADJ"
    assert en.analyse(word).pos == "PROPN"  # "Northern Ireland", "Western Conference"


@pytest.mark.parametrize("word,pos", [
    # nouns in -ern without a compass point before it
    ("pattern", "NOUN"), ("concern", "NOUN"), ("lantern", "NOUN"), ("cavern", "NOUN"),
    ("intern", "NOUN"), ("tavern", "NOUN"),
    # nouns made from the adjectives, and plurals
    ("northerner", "NOUN"), ("westerners", "NOUN"), ("westerns", "NOUN"), ("mainlanders", "NOUN"),
    ("north", "NOUN"), ("west", "NOUN")])
def test_other_words_keep_their_class(word, pos):
    assert en.analyse(word).pos == pos


def test_english_extraction_offers_none_of_them_alone():
    # written for this test
    texts = ["The western wing of the library holds the entire map collection.",
             "Readers in the northern regions borrow e-books from mainland libraries.",
             "The library moved its entire archive to the mainland last year.",
             "North-western branches share one catalogue with the south-eastern ones."]
    found = {c.text for c in extract_terms(texts, lang="en")}
    alone = {"western", "northern", "entire", "mainland", "north-western", "south-eastern"}
    assert not found & alone, found & alone
    # 'entire' counts as 'whole' does: no term starts with it
    assert not [t for t in found if t.startswith("entire ")], found
    assert {"map collection", "catalogue"} <= found
