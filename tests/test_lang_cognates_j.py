"""Latvian j meets English j and y in cognates (janvāris/January, projekts/project, Jorka/York).

The spelling rules rewrote Latvian j to y and English y to i, so a Latvian j matched no English
letter at all: 'janvāris'/'January' scored 0 and every j of 'projekts'/'project',
'objekts'/'object' counted as a difference. j, y and i are now one letter for both languages,
in term pairing (`cognate_similarity`, the word aligner's prior) and in document pairing's
cognate anchors (`cognate_form`)."""
from __future__ import annotations

import pytest

from lvterm import pairing
from lvterm.lang import en, lv
from lvterm.lang.cognates import cognate_form, cognate_initial, cognate_similarity
from lvterm.models import Post
from lvterm.terms.pair import COGNATE_MIN, _cognate_prior, _side


@pytest.mark.parametrize("lv_word,en_word", [
    ("projekts", "project"), ("objekts", "object"), ("subjekts", "subject"),
    ("trajektorija", "trajectory"), ("majors", "major"), ("juniors", "junior"),
    ("Japāna", "Japan"), ("jūlijs", "July"), ("Jorka", "York"), ("jogurts", "yogurt"),
    ("junioru projekts", "junior project"),
])
def test_words_spelled_alike_but_for_the_j_are_perfect_cognates(lv_word, en_word):
    assert cognate_similarity(lv_word, en_word) == 1.0


@pytest.mark.parametrize("lv_word,en_word", [
    ("Jamaika", "Jamaica"), ("jahta", "yacht"), ("jurisdikcija", "jurisdiction"),
    ("injekcija", "injection"), ("juridisks", "juridical"), ("jubileja", "jubilee"),
])
def test_latvian_j_meets_english_j_and_y(lv_word, en_word):
    assert cognate_similarity(lv_word, en_word) >= COGNATE_MIN  # a cognate for the word aligner


@pytest.mark.parametrize("lv_word,en_word,low", [
    # 'janvāris' keeps its v against January's u, 'jūnijs' its i against June's e
    ("janvāris", "January", 0.75), ("jūnijs", "June", 0.75), ("justīcija", "justice", 0.7),
])
def test_a_month_or_a_word_with_another_difference_is_still_a_cognate(lv_word, en_word, low):
    assert cognate_similarity(lv_word, en_word) >= low


@pytest.mark.parametrize("lv_word,en_word", [
    ("jauns", "young"), ("jautājums", "question"), ("Jānis", "John"), ("jēga", "yoga"),
    ("joma", "yoga"), ("jaunieši", "junior"), ("jēdziens", "jeans"), ("Japāna", "Jane"),
    ("janvāris", "jaguar"), ("jaunums", "union"), ("jūnijs", "union"), ("maijs", "main"),
    ("biedrs", "member"), ("jūra", "sea"),
])
def test_words_that_only_share_a_j_are_not_cognates(lv_word, en_word):
    assert cognate_similarity(lv_word, en_word) == 0.0


def test_j_y_and_i_are_one_letter_in_both_languages():
    assert cognate_form("projekts", lang="lv")[:5] == cognate_form("project", lang="en")[:5]
    assert cognate_form("Jorkā", lang="lv")[:4] == cognate_form("York", lang="en")[:4]
    assert cognate_form("sistēma", lang="lv")[:6] == cognate_form("system", lang="en")
    # other letters as before; other languages are only folded
    assert cognate_form("kvalifikācija", lang="lv") == "cwalificatia"
    assert cognate_form("qualification", lang="en") == "cwalification"
    assert cognate_form("Jelgava", lang="de") == "jelgava"


@pytest.mark.parametrize("lv_word,en_word", [("Jelgavā", "Jelgava"), ("Jorkā", "York"),
                                             ("janvārī", "January"), ("Jūrmala", "Jurmala")])
def test_cognate_initial_still_keeps_j_names_together(lv_word, en_word):
    assert cognate_initial(lv_word) == cognate_initial(en_word) == "i"


# written for this test: a library's projects, its partners in New York and in Japan
LV = ["Bibliotēka sāka jaunu projektu ar partneriem Ņujorkā.",
      "Projekta mērķis ir digitalizēt Japānas grāmatu kolekciju.",
      "Otrajā projektā piedalās arī bibliotēkas no Jamaikas."]
EN = ["The library started a new project with partners in New York.",
      "The aim of the project is to digitise the Japanese book collection.",
      "Libraries from Jamaica also take part in the second project."]


def test_the_word_aligner_gets_the_j_cognates_as_a_prior():
    sides = [(_side([i], LV, "lv"), _side([i], EN, "en")) for i in range(len(LV))]
    prior = _cognate_prior(sides)
    for lv_word, en_word in (("projektu", "project"), ("Jamaikas", "Jamaica")):
        assert (lv.stem(lv_word), en.stem(en_word)) in prior, (lv_word, en_word)


def test_document_pairing_anchors_meet_across_a_j():
    lv_post = Post(slug="projekts", lang="lv", title="Jauns projekts", paragraphs=tuple(LV))
    en_post = Post(slug="project", lang="en", title="A new project", paragraphs=tuple(EN))
    shared = set(pairing.anchors(lv_post)) & set(pairing.anchors(en_post))
    assert {"~" + cognate_form(w, lang="lv")[:5] for w in ("projekts", "Jamaika")} <= shared
