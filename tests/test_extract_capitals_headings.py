"""A word in capitals is an acronym (ES, the EU; IT; US) only in a sentence that also has lower-case
words: a heading all in capitals keeps each word's class, so its pronouns, conjunctions, prepositions
and auxiliaries are boundaries again (THE LIBRARY IS OPEN gives LIBRARY and OPEN, not the whole
line; TAS IR LABI gives nothing; AR GRĀMATĀM UZ SKOLU no span starting at AR). The headings are
written for this test."""
from __future__ import annotations

import pytest

from lvterm.lang import en, lv
from lvterm.terms.extract import extract_terms
from lvterm.terms.patterns import analysed_words, noun_phrases


def spans(text: str, lang: str) -> set[str]:
    ws = analysed_words(text, lang=lang)
    return {" ".join(w.text for w in ws[s:e]) for s, e, _ in noun_phrases(ws, lang=lang, max_words=6)}


@pytest.mark.parametrize("lang, heading, expected", [
    ("en", "THE LIBRARY IS OPEN", {"LIBRARY", "OPEN"}),
    ("en", "WE ARE HERE FOR YOU", set()),
    ("en", "HISTORY OF THE LIBRARY", {"HISTORY", "LIBRARY"}),
    ("lv", "BIBLIOTĒKAS UN SABIEDRĪBA", {"BIBLIOTĒKAS", "SABIEDRĪBA"}),
    ("lv", "TAS IR LABI", set()),
    ("lv", "KAS IR BIBLIOTĒKA?", {"BIBLIOTĒKA"}),
    ("lv", "AR GRĀMATĀM UZ SKOLU", {"GRĀMATĀM", "SKOLU"}),
])
def test_a_heading_in_capitals_keeps_its_function_words(lang, heading, expected):
    assert spans(heading, lang) == expected


@pytest.mark.parametrize("lang, text, span", [
    ("lv", "ES fondi palīdz lauku bibliotēkām.", "ES fondi"),
    ("lv", "Bibliotēka meklē IT speciālistus.", "IT speciālistus"),
    ("lv", "NATO valstis ir vienotas.", "NATO valstis"),
    ("en", "The US and IT departments met.", "US"),
    ("en", "The US and IT departments met.", "IT departments"),
    ("en", "NATO countries signed it.", "NATO countries"),
])
def test_an_acronym_in_a_mixed_sentence_is_still_one(lang, text, span):
    assert span in spans(text, lang)


def test_each_sentence_of_a_text_is_judged_alone():
    """A heading in capitals and a sentence after it in one text: the heading's TAS is the
    pronoun, the sentence's ES the EU."""
    ws = {w.text: w for w in analysed_words("TAS IR LABI. ES fondi palīdz bibliotēkām.", lang="lv")}
    assert ws["TAS"].pos == "PRON" and ws["IR"].pos == "AUX"
    assert ws["ES"].pos == "PROPN" and ws["ES"].genitive


@pytest.mark.parametrize("lang, word, pos", [(lv, "TAS", "PRON"), (lv, "UN", "CCONJ"), (lv, "AR", "ADP"),
                                             (en, "THE", "DET"), (en, "US", "PRON"), (en, "IS", "AUX")])
def test_analyse_without_acronyms_reads_the_closed_class(lang, word, pos):
    assert lang.analyse(word, acronyms=False).pos == pos
    assert lang.analyse(word).pos == "PROPN"


def test_headings_are_no_whole_line_candidates():
    lines = ["THE LIBRARY IS OPEN", "WE ARE HERE FOR YOU", "HISTORY OF THE LIBRARY", "The library is open today."]
    found = {c.text for c in extract_terms(lines, lang="en")}
    assert not {"THE LIBRARY IS OPEN", "WE ARE HERE FOR YOU", "HISTORY OF THE LIBRARY"} & found
    lines = ["BIBLIOTĒKAS UN SABIEDRĪBA", "TAS IR LABI", "KAS IR BIBLIOTĒKA?", "AR GRĀMATĀM UZ SKOLU"]
    found = {c.text for c in extract_terms(lines, lang="lv")}
    assert not {"BIBLIOTĒKAS UN", "TAS", "KAS", "AR"} & found
