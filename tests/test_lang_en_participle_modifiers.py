"""An irregular past participle right before a noun is its modifier, as a regular adjective is: after
an article, a possessive or an adjective, or at a sentence's start ("the broken link", "your given
name", "Torn pages"), while after a noun it stays that noun's verb ("fishermen caught", "the library
held items"); "pending" is an adjective, no preposition ("pending requests"). Own sentences."""
import pytest

from lvterm.terms.extract import extract_terms


def _texts(sentence):
    return {c.text for c in extract_terms([sentence], lang="en")}


@pytest.mark.parametrize("sentence,kept", [
    ("Readers can follow the broken link back to the catalogue.", {"broken link"}),
    ("Please type your given name in the first box.", {"given name", "name"}),
    ("Every hidden file is listed in grey.", {"hidden file"}),
    ("The spoken word archive grew by a third.", {"spoken word"}),
    ("Drag the frozen column to the left.", {"frozen column"}),
    ("Old messages move to the sent items folder after a week.", {"sent items folder"}),
    ("Ask at the lost property office on the ground floor.", {"lost property office"}),
    ("A short written test is held in June.", {"written test"}),
    ("Our taught course runs for ten weeks.", {"taught course"}),
    ("Stolen books are reported to the police.", {"stolen book"}),
    ("The library's chosen language is Latvian.", {"chosen language"}),
    ("Old torn pages are mended by hand.", {"old torn page"}),
])
def test_a_participle_before_a_noun_modifies_it(sentence, kept):
    found = _texts(sentence)
    assert kept <= found, sorted(found)
    assert not {w for w in found if " " not in w} & {"broken", "given", "hidden", "spoken", "frozen", "sent",
                                                      "lost", "written", "taught", "stolen", "chosen", "torn"}


@pytest.mark.parametrize("sentence,dropped", [
    ("Fishermen caught more cod near the island.", {"fishermen caught", "caught cod"}),
    ("The library held workshops for parents.", {"held workshop", "library held"}),
    ("They all took part in the survey.", {"took part"}),
    ("Readers found errors in the index.", {"found error", "readers found"}),
])
def test_a_past_form_after_its_subject_stays_a_verb(sentence, dropped):
    found = _texts(sentence)
    assert not dropped & found, sorted(found)


@pytest.mark.parametrize("sentence,kept", [
    ("Your pending requests are shown below the search box.", "pending request"),
    ("Pending reservations expire after three days.", "pending reservation"),
])
def test_pending_modifies_the_noun_after_it(sentence, kept):
    found = _texts(sentence)
    assert kept in found and "pending" not in found, sorted(found)
