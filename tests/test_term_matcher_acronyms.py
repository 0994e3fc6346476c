"""A word in capitals (two or more letters) that spells a closed-class word is keyed as written
(`morph.spells_closed_class`), so such an acronym matches only itself: the EU's Latvian "ES" is
not the pronoun "es"/"Es" (I), English "US", "IT" are not "us", "it" (its plural or possessive,
"US's", is it). Other words in capitals key as in lower case (a heading's BIEDRA NAUDU is biedra
nauda; NGOs, NATO's). The English candidate "US" does not gather "we" or "we've"."""
from __future__ import annotations

import pytest

from lvterm.lang import en, lv
from lvterm.terms.extract import extract_terms
from lvterm.terms.matcher import TermMatcher


@pytest.mark.parametrize("text, found", [
    ("Es strādāju bibliotēkā.", []),
    ("Ko es varu darīt?", []),
    ("Bibliotēka saņēma ES fondu atbalstu.", ["ES"]),
    ("ES fondi palīdz.", ["ES"]),
])
def test_latvian_es_is_the_eu_only_in_capitals(text, found):
    matcher = TermMatcher([("EU", ["ES"])], lang="lv")
    assert [m.form for m in matcher.find(text)] == found


@pytest.mark.parametrize("text, found", [
    ("Give it to us.", []),
    ("It is what it is.", []),
    ("The US and IT teams met.", ["US", "IT"]),
    ("NATO's role and NGOs", ["NATO's", "NGOs"]),
])
def test_english_acronyms_match_only_in_capitals(text, found):
    matcher = TermMatcher([("US", ["US"]), ("IT", ["IT"]), ("NATO", ["NATO"]), ("NGO", ["NGO"])], lang="en")
    assert [m.form for m in matcher.find(text)] == found


def test_keys():
    assert lv.stem_key("ES fondi") == "ES fond" and lv.stem_key("es") == "es"
    assert en.stem_key("US IT US's NGOs") == "US IT US ngo" and "US" not in en.stem_key("us it")
    assert lv.stem_key("BIEDRA NAUDU") == lv.stem_key("biedra nauda")  # no closed-class word: no case
    assert lv.fold_key("ES") == lv.fold_key("es") == "es"  # the fold ignores case: lookup's fallback


def test_english_candidate_us_has_no_pronoun_forms():
    lines = ["The US signed the treaty.", "We've been to the US.", "We like the US.", "They told us about it.",
             "The US economy grew."]
    us = [c for c in extract_terms(lines, lang="en") if c.text == "US"]
    assert us and all(f.form[:2] == "US" for f in us[0].forms)
