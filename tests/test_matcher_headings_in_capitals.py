"""A heading in capitals is words, not acronyms, also where lower-case text follows it in the same
string (a heading glued to its first sentence, or a 1-2 alignment bead whose sides are sentences
joined by a space): ABOUT US, CONTACT US never match the term *US* (the United States); a word
in capitals alone or beside another short one is still an acronym ("the US Library of Congress",
LNB IT speciālisti), and a heading still matches its own term (LIBRARY OF CONGRESS). The
possessive of an acronym keys as the acronym in capitals too (US'S as US's). Texts written for
this test."""
from __future__ import annotations

import pytest

from lvterm.lang import en, lv
from lvterm.terms.matcher import TermMatcher

EN_TERMS = [("us", ["US"]), ("loc", ["Library of Congress"]), ("it", ["IT department"]), ("who", ["WHO"])]


def _found(matcher: TermMatcher, text: str, lang: str) -> list[str]:
    """The forms found in `text`, the same from the text alone and from its stored stem keys (the
    segments table's `stems` column, `stem_key` of the text, which the build's scan passes)."""
    found = [m.form for m in matcher.find(text)]
    keyed = [m.form for m in matcher.find(text, keys=(en if lang == "en" else lv).stem_key(text))]
    assert found == keyed, text
    return found


@pytest.mark.parametrize("text, forms", [
    ("ABOUT US The association was founded in 1923.", []),
    ("ABOUT US: the association and the Library of Congress", ["Library of Congress"]),
    ("CONTACT US\nWrite to our office in the US.", ["US"]),
    ("JOIN US today.", []),
    ("WHO WE ARE The WHO guidelines", ["WHO"]),
    ("Visit the LIBRARY OF CONGRESS today.", ["LIBRARY OF CONGRESS"]),
])
def test_a_heading_in_capitals_inside_a_text_is_words(text, forms):
    assert _found(TermMatcher(EN_TERMS, lang="en"), text, "en") == forms


@pytest.mark.parametrize("text, forms", [
    ("the US Library of Congress", ["US", "Library of Congress"]),
    ("LIBRARY OF CONGRESS", ["LIBRARY OF CONGRESS"]),
    ("A US delegation visited.", ["US"]),
    ("The EU US summit ended.", ["US"]),
    ("The US and IT teams met.", ["US"]),
    ("Our LNB IT department grew.", ["IT department"]),
    ("ABOUT US", []),
])
def test_an_acronym_in_running_text_still_matches(text, forms):
    assert _found(TermMatcher(EN_TERMS, lang="en"), text, "en") == forms


def test_a_bead_of_a_heading_and_a_sentence():
    """A 1-2 bead's English side is its sentences joined by a space (`db.bead_rows`): the heading's
    US is no term, the sentence's is."""
    bead = " ".join(["ABOUT US", "The association works with the US Library of Congress."])
    matches = TermMatcher(EN_TERMS, lang="en").find(bead)
    assert [(m.form, m.start) for m in matches] == [("US", bead.rindex("US")),
                                                    ("Library of Congress", bead.index("Library"))]


@pytest.mark.parametrize("text, forms", [
    ("PAR MUMS Biedrība dibināta 1923. gadā.", []),
    ("LNB IT speciālisti strādā.", ["IT speciālisti"]),
    ("ES fondi palīdz.", ["ES"]),
    ("BIEDRĪBA UN ES Biedrība saņem ES fondus.", ["ES"]),
])
def test_latvian_headings_and_acronyms(text, forms):
    matcher = TermMatcher([("it", ["IT speciālisti"]), ("eu", ["ES"])], lang="lv")
    assert _found(matcher, text, "lv") == forms


def test_the_matchers_keys_are_the_stored_keys():
    """A term form and a text are keyed alike (`TermMatcher.key`, the build's `stem_key`)."""
    matcher = TermMatcher(EN_TERMS, lang="en")
    for text in ("ABOUT US The association", "LNB IT department", "Visit the LIBRARY OF CONGRESS"):
        assert " ".join(matcher.key(text)) == en.stem_key(text), text


@pytest.mark.parametrize("upper, lower", [("US'S", "US's"), ("US’S", "US’s"), ("IT'S", "IT's"),
                                          ("NGO'S", "NGO's"), ("LIBRARY'S", "library's")])
def test_a_possessive_in_capitals_keys_as_in_lower_case(upper, lower):
    assert en.stem_key(upper) == en.stem_key(lower)


def test_an_acronyms_possessive_in_capitals_is_the_acronym():
    """US'S keyed 'we' (simplemma's lemma of "us's"): the pronoun, never the term US."""
    assert en.stem_key("US'S") == "US" != en.stem_key("us's")
    assert [m.form for m in TermMatcher([("us", ["US"])], lang="en").find("The US'S budget grew.")] == ["US'S"]


def test_latvian_keys_ignore_the_possessives_case():
    """Latvian has no 's possessive; a foreign one keys the same in either case."""
    assert lv.stem_key("ES'S") == lv.stem_key("ES's") and lv.stem_key("NATO'S") == lv.stem_key("NATO's")


# --- acronyms beside a longer acronym or a name; a heading's pair of words (review cases) ----------

ACRONYMS_EN = [("it", ["IT"]), ("us", ["US"])]
ACRONYMS_LV = [("eu", ["ES"]), ("it", ["IT"])]


@pytest.mark.parametrize("text, forms", [
    ("The IFLA IT Section met in Riga.", ["IT"]),
    ("The CILIP IT group.", ["IT"]),
    ("NASA US budget cuts.", ["US"]),
    ("IBM IT services", ["IT"]),
    ("The IT SECTION met.", ["IT"]),
    ("Use the CONTACT US form.", []),
    ("Write to us. CONTACT US The office is open.", []),
])
def test_an_acronym_beside_a_longer_acronym_is_an_acronym(text, forms):
    """A pair of words in capitals reads as words only when its long word is an ordinary word in
    lower case (not NASA, IFLA, CILIP) and it leads the pair or the pair opens a sentence."""
    assert _found(TermMatcher(ACRONYMS_EN, lang="en"), text, "en") == forms


@pytest.mark.parametrize("text, forms", [
    ("NATO ES un ANO", ["ES"]),
    ("Latvijas ES PREZIDENTŪRA sākas.", ["ES"]),
    ("EIROPAS ES fondi", ["ES"]),
    ("Biedrība saņem ES FONDUS.", ["ES"]),
    ("ES PREZIDENTŪRA Latvija sāk darbu.", []),  # at the start: a heading glued to its sentence
    ("SAZINIETIES AR MUMS Biedrība atbild.", []),
])
def test_latvian_acronym_beside_a_longer_acronym_is_an_acronym(text, forms):
    assert _found(TermMatcher(ACRONYMS_LV, lang="lv"), text, "lv") == forms


@pytest.mark.parametrize("lang, heading", [("en", "ABOUT US"), ("en", "CONTACT US"), ("lv", "PAR MUMS")])
def test_a_pair_heading_keys_as_in_lower_case(lang, heading):
    keyed = (en if lang == "en" else lv).stem_key
    sentence = " The association was founded." if lang == "en" else " Biedrība dibināta 1923. gadā."
    assert keyed(heading + sentence) == keyed(heading.lower() + sentence)
