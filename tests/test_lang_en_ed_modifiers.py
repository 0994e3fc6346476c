"""A regular -ed participle right before a noun is its modifier, as an irregular one is
(test_lang_en_participle_modifiers.py): after an article, a possessive, an adjective or a
preposition, or opening a sentence ("a controlled vocabulary", "with controlled vocabulary",
"Linked data connects ..."); after a noun, its subject, it stays that noun's verb ("The library
published reports", "Users reserved items"). Own sentences."""
import pytest

from lvterm.lang.en import stem_key
from lvterm.terms.extract import extract_terms


def _keys(sentence):
    """The candidates' keys: a plural taken for a verb's -s form keeps its form as the text
    ("published reports"), one key with "published report"."""
    return {c.key for c in extract_terms([sentence], lang="en")}


@pytest.mark.parametrize("sentence,kept", [
    ("Every record is indexed with a controlled vocabulary.", "controlled vocabulary"),
    ("Controlled vocabulary helps readers find books.", "controlled vocabulary"),
    ("Linked data connects catalogues across borders.", "linked data"),
    ("Cataloguers work with controlled vocabulary every day.", "controlled vocabulary"),
    ("The digitised collection grows each year.", "digitised collection"),
    ("A printed book still outlasts a file.", "printed book"),
    ("She keeps a list of published reports.", "published report"),
    ("Only a registered user may borrow e-books.", "registered user"),
    ("The library's authorised heading for the poet is new.", "authorised heading"),
    ("Three libraries keep a shared catalogue.", "shared catalogue"),
    ("Rare volumes are kept in closed stacks.", "closed stack"),
    ("Your reserved item waits at the front desk.", "reserved item"),
    ("Fill in every required field.", "required field"),
    ("Export the selected records as a file.", "selected record"),
    ("An updated record replaces the old one.", "updated record"),
    ("“Scanned pages are checked twice,” she said.", "scanned page"),
])
def test_an_ed_participle_before_a_noun_modifies_it(sentence, kept):
    found = _keys(sentence)
    assert stem_key(kept) in found, sorted(found)


@pytest.mark.parametrize("sentence,dropped", [
    ("The library published reports in 2020.", {"library published report", "published report"}),
    ("Users reserved items online.", {"users reserved item", "reserved item", "user reserved item"}),
    ("Staff scanned pages.", {"staff scanned page", "scanned page"}),
    ("Our readers requested longer opening hours.", {"requested longer opening hour", "reader requested"}),
])
def test_an_ed_form_after_its_subject_stays_a_verb(sentence, dropped):
    found = _keys(sentence)
    assert not {stem_key(d) for d in dropped} & found, sorted(found)


@pytest.mark.parametrize("sentence,dropped", [
    ("It's called shelf reading.", {"called shelf reading", "called shelf"}),
    ("That's printed matter.", {"printed matter"}),
])
def test_a_contraction_is_no_possessive(sentence, dropped):
    found = _keys(sentence)
    assert not {stem_key(d) for d in dropped} & found, sorted(found)
