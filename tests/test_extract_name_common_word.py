"""A name and a common word with one stem key (the newspaper *Diena*, *diena* "day"; VID, the
revenue service, and *vide* "environment") are one group of occurrences; when the name wins it,
the occurrences written in lower case are the common word's and are no forms of the name: a
translator looking up *dienā* ("on the day") must not be shown the newspaper."""
from __future__ import annotations

from lvterm.terms.extract import extract_terms

TEXTS = [  # written for this test
    "Par jauno bibliotēku rakstīja Diena.",
    "Par bibliotēkas atklāšanu ziņoja arī Diena.",
    "Intervija ar direktori tika publicēta Dienā.",
    "Direktore sniedza interviju Dienai.",
    "Dienai bibliotēkas direktore stāstīja par krājumu.",  # the name first in its sentence
    "Bibliotēka šajā dienā bija slēgta.",
    "Lasītava ir atvērta visas dienas garumā.",
]


def test_a_name_takes_no_lower_case_forms():
    diena = next(c for c in extract_terms(TEXTS, lang="lv") if c.key == "dien")
    assert diena.text == "Diena" and diena.term_type == "properNoun"
    forms = {f.form for f in diena.forms}
    assert not {"dienā", "dienas"} & forms, forms
    assert diena.frequency == 5  # the four mid-sentence names and the sentence-initial "Dienai"
    assert {TEXTS[o.segment_index][o.start:o.end] for o in diena.occurrences} == {"Diena", "Dienā", "Dienai"}


def test_english_name_and_common_word():
    texts = ["The summit took place in Nice last May.", "The delegates liked Nice.",
             "Reporters in Nice praised the organisers.", "It was a nice day for the delegates."]
    nice = next(c for c in extract_terms(texts, lang="en") if c.text == "Nice")
    assert nice.term_type == "properNoun"
    assert {f.form for f in nice.forms} == {"Nice"} and nice.frequency == 3
