"""'the U.S.' with adjectives between 'the' and 'U.S.' is the country, and may end a sentence
before a plural ('… toured the entire U.S. Libraries there …'): the analyser read 'entire',
'mainland' and the compass adjectives in -ern as nouns, so those sentences stayed together."""
from __future__ import annotations

import pytest

from lvterm.lang.en import opens_sentence
from lvterm.segment import segment_text
from lvterm.segment.rules import rule_starts, sentence_starts

# written for this test
ENDS = [
    ["He toured the entire U.S.", "Libraries there were big."],
    ["Storms hit the western U.S.", "Libraries closed for two days."],
    ["The book sold well in the mainland U.S.", "Readers asked for a sequel."],
    ["The archive moved to the north-eastern U.S.", "Members came to see it."],
    ["They drove across the entire continental U.S.", "Libraries there were big."],
]

# a participle, number or determiner before 'U.S.' still keeps it a modifier
GOES_ON = [
    "They met the two U.S. Marines at the base.",
    "He visited the wounded U.S. Marines in hospital.",
]


@pytest.mark.parametrize("sentences", ENDS, ids=lambda s: s[0][:40])
def test_the_country_after_these_adjectives_ends_a_sentence(sentences):
    text = " ".join(sentences)
    assert [s.text for s in segment_text(text, lang="en")] == sentences
    assert rule_starts(text, lang="en") == sentence_starts(text, lang="en") \
        == sentence_starts(text, lang="en", pysbd="always")


@pytest.mark.parametrize("previous", [["the", "entire"], ["the", "western"], ["the", "mainland"],
                                      ["the", "southern"], ["the", "whole", "mainland"]])
def test_a_plural_after_the_country_opens_a_sentence(previous):
    assert opens_sentence("Libraries", ["there"], previous=previous)


@pytest.mark.parametrize("text", GOES_ON)
def test_modifiers_still_go_on(text):
    assert [s.text for s in segment_text(text, lang="en")] == [text]
