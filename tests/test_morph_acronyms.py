"""A word written in capitals is an acronym, not a word of a closed class that it spells: Latvian
"ES" is the EU (it was read as the pronoun "es", I, so no term could contain it), "IT"
information technology (not the particle "it"), English "US" and "IT" (not the pronouns).
A capitalised sentence start and a single letter keep their class."""
from __future__ import annotations

import pytest

from lvterm.lang import en, lv


@pytest.mark.parametrize("lang, word", [(lv, "ES"), (lv, "IT"), (lv, "TAS"), (en, "US"), (en, "IT"), (en, "AND")])
def test_acronym_is_a_proper_noun(lang, word):
    assert lang.analyse(word).pos == "PROPN"


@pytest.mark.parametrize("lang, word, pos", [(lv, "Es", "PRON"), (lv, "es", "PRON"), (lv, "Tas", "PRON"),
                                             (en, "It", "PRON"), (en, "us", "PRON"), (en, "I", "PRON"),
                                             (en, "A", "DET")])
def test_closed_class_words_keep_their_class(lang, word, pos):
    assert lang.analyse(word).pos == pos


def test_the_eu_is_a_candidate():
    from lvterm.terms.extract import extract_terms

    lines = ["ES fondi palīdz bibliotēkām.", "Bibliotēkas saņem ES fondu atbalstu.", "ES fondi ir svarīgi."]
    assert "ES" in {c.text for c in extract_terms(lines, lang="lv")}
