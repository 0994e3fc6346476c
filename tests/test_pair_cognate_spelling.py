"""Cognates that two languages start with different letters (kvalifikācija/qualification,
konference/conference, fotogrāfija/photography) get the word aligner's cognate prior: pairing
tries the word pairs whose `cognate_initial`s agree (it tried only equal folded first letters).
Two terms spelled alike are perfect cognates, a name with a short part too (Draugiem.lv: the
'lv' matched nothing and halved the score)."""
from __future__ import annotations

import pytest

from lvterm.lang import en, lv
from lvterm.lang.cognates import cognate_initial, cognate_similarity
from lvterm.terms.pair import _cognate_prior, _side, extract_pairs

# written for these tests: a library's courses, conference and photographs
LV = """Bibliotekāri var iegūt kvalifikāciju tālākizglītības kursos.
Šogad kvalifikācijas kursus apmeklēja trīsdesmit bibliotekāri.
Kursu beigās katrs saņem apliecību par kvalifikāciju.
Konferencē runāja bibliotēku direktori no visas valsts.
Nākamā konference notiks Liepājā rudenī.
Fotogrāfijas no konferences ir publicētas bibliotēkas vietnē.
Izstādē bija redzamas vecas fotogrāfijas no Rīgas bibliotēkām.""".splitlines()
EN = """Librarians can gain a qualification on continuing education courses.
This year thirty librarians attended the qualification courses.
At the end of the course each receives a certificate of the qualification.
Library directors from all over the country spoke at the conference.
The next conference will take place in Liepāja in the autumn.
Photographs from the conference are published on the library website.
The exhibition showed old photographs from Riga's libraries.""".splitlines()


@pytest.mark.parametrize("lv_word,en_word", [
    ("kvalifikāciju", "qualification"), ("konferencē", "conference"), ("Fotogrāfijas", "photographs"),
    ("ķīmija", "chemistry"), ("ksenofobija", "xenophobia"), ("Jelgavā", "Jelgava"),
    ("janvārī", "January"), ("Vikingi", "Vikings"),
])
def test_cognate_initial_is_shared_by_cognates(lv_word, en_word):
    assert cognate_initial(lv_word) == cognate_initial(en_word)


@pytest.mark.parametrize("a,b", [("kvalifikācija", "fotogrāfija"), ("bibliotēka", "library"),
                                 ("Rīga", "Latvija")])
def test_cognate_initial_keeps_other_letters_apart(a, b):
    assert cognate_initial(a) != cognate_initial(b)


def test_cognate_prior_across_spellings_of_the_first_letter():
    beads = range(len(LV))
    sides = [(_side([i], LV, "lv"), _side([i], EN, "en")) for i in beads]
    prior = _cognate_prior(sides)
    for lv_word, en_word in (("kvalifikāciju", "qualification"), ("konference", "conference"),
                             ("fotogrāfijas", "photographs")):
        assert (lv.stem(lv_word), en.stem(en_word)) in prior, (lv_word, en_word)
    assert (lv.stem("bibliotekāri"), en.stem("librarians")) not in prior  # not spelled alike


def test_a_term_with_a_k_cognate_finds_its_english():
    """'kvalifikācijas kurss' had no English at all (not even under the threshold): its
    'kvalifikācijas' was linked to nothing sure."""
    pairs = {p.lv: p for p in extract_pairs(LV, EN, min_confidence=0.0)}
    assert pairs["kvalifikācijas kurss"].en == "qualification course"
    assert pairs["kvalifikācijas kurss"].evidence["links"] > 0.9


@pytest.mark.parametrize("text", ["Draugiem.lv", "Lsm.lv", "LinkedIn", "TV3"])
def test_a_term_spelled_alike_is_a_perfect_cognate(text):
    assert cognate_similarity(text, text) == 1.0
    assert cognate_similarity(text, text.lower()) == 1.0


def test_a_dotted_name_gets_the_cognate_prior_and_feature():
    lv_lines = ["Bibliotēkas jaunumi tiek publicēti arī portālā Draugiem.lv.",
                "Lasītāji var sekot bibliotēkai vietnē Facebook.",
                "Sociālajos tīklos bibliotēka ievieto pasākumu fotogrāfijas.",
                "Bērnu nodaļa rīko lasīšanas stundas katru sestdienu."]
    en_lines = ["The library's news is also published on the Draugiem.lv portal.",
                "Readers can follow the library on Facebook.",
                "On social networks the library posts photographs of its events.",
                "The children's department holds reading hours every Saturday."]
    sides = [(_side([i], lv_lines, "lv"), _side([i], en_lines, "en")) for i in range(len(lv_lines))]
    assert (lv.stem("Draugiem.lv"), en.stem("Draugiem.lv")) in _cognate_prior(sides)
    pair = next(p for p in extract_pairs(lv_lines, en_lines, min_confidence=0.0) if p.lv == "Draugiem.lv")
    assert pair.en == "Draugiem.lv"
    assert pair.evidence["cognate"] == 1.0 and pair.evidence["links"] > 0.9

