"""An acronym before a noun is an indeclinable genitive modifier (ES fondi, LNB krājums, NATO
valstis, IT speciālisti, LBB biedri, ASV vēstniecība): the phrase is a Latvian candidate, put in
the nominative singular as any term is (ES fondi -> ES fonds, as sociālie tīkli -> sociālais tīkls),
the acronym as written, and it pairs with the English term (EU funds). Before, an acronym was a
candidate on its own only. What stays: an acronym is still a candidate alone; it does not modify
a word after it that can be its verb (JAK uzskata, LPF pārrauga) nor one that the analyser reads
as a verb (LNB rīko izstādi); it joins no other genitive by "un" (rīko LNB un Rīgas bibliotēka:
two bodies); a Roman numeral is an ordinal, no acronym (XX gadsimta)."""
from __future__ import annotations

import pytest

from lvterm.terms.extract import extract_terms
from lvterm.terms.pair import extract_files
from lvterm.terms.patterns import analysed_words, noun_phrases

# written for this test: line i of LV translates line i of EN
LV = """ES fondi palīdz lauku bibliotēkām iegādāties jaunas grāmatas.
Bibliotēka iesniedza projektu, lai saņemtu ES fondu atbalstu.
Bez ES fondiem digitalizācija nebūtu iespējama.
LNB krājums ir lielākais valstī.
Lasītāji katru dienu izmanto LNB krājumu.
LNB rīko izstādi par grāmatniecības vēsturi.
NATO valstis ir parakstījušas vienošanos par kultūras mantojumu.
Bibliotēka sadarbojas ar NATO valstīm.
IT speciālisti uztur bibliotēkas katalogu.
Bibliotēka meklē IT speciālistus.
Mēs apmeklējām LNB Digitālo bibliotēku.
LNB Digitālā bibliotēka piedāvā vēsturiskos laikrakstus.""".splitlines()
EN = """EU funds help rural libraries buy new books.
The library submitted a project to receive EU funds support.
Without EU funds digitisation would not be possible.
The NLL collection is the largest in the country.
Readers use the NLL collection every day.
The NLL organises an exhibition on the history of the book trade.
NATO countries have signed an agreement on cultural heritage.
The library cooperates with NATO countries.
IT specialists maintain the library catalogue.
The library is looking for IT specialists.
We visited the NLL Digital Library.
The NLL Digital Library offers historical newspapers.""".splitlines()


def spans(text: str) -> set[str]:
    ws = analysed_words(text, lang="lv")
    return {" ".join(w.text for w in ws[s:e]) for s, e, _ in noun_phrases(ws, lang="lv", max_words=4)}


@pytest.mark.parametrize("text, span", [
    ("ES fondi palīdz bibliotēkām.", "ES fondi"),
    ("Bibliotēkas saņem ES fondu atbalstu.", "ES fondu"),
    ("Bibliotēkas saņem ES fondu atbalstu.", "ES fondu atbalstu"),
    ("Lasītāji izmanto LNB krājumu.", "LNB krājumu"),
    ("NATO valstis ir vienotas.", "NATO valstis"),
    ("Jaunās NATO valstis piedalījās.", "Jaunās NATO valstis"),
    ("IT speciālisti strādā bibliotēkā.", "IT speciālisti"),
    ("Sanāksmē tikās LBB biedri.", "LBB biedri"),
    ("Mēs apmeklējām ASV vēstniecību.", "ASV vēstniecību"),
    ("Mēs apmeklējām LNB Digitālo bibliotēku.", "LNB Digitālo bibliotēku"),
])
def test_an_acronym_modifies_the_noun_after_it(text, span):
    assert span in spans(text)


@pytest.mark.parametrize("text, acronym", [
    ("Bibliotēkas saņem ES fondu atbalstu.", "ES"),
    ("Lasītāji izmanto LNB krājumu.", "LNB"),
    ("Mēs apmeklējām LNB Digitālo bibliotēku.", "LNB"),
])
def test_the_acronym_is_still_a_candidate_alone(text, acronym):
    assert acronym in spans(text)


@pytest.mark.parametrize("text, not_span", [
    ("LNB rīko izstādi.", "LNB rīko izstādi"),
    ("LNB rīko izstādi.", "LNB izstādi"),
    ("JAK uzskata, ka līgums ir jāmaina.", "JAK uzskata"),  # thinks: its verb
    ("LPF pārrauga piecus sporta veidus.", "LPF pārrauga"),  # oversees
    ("Izstādi rīko LNB un Rīgas bibliotēka.", "LNB un Rīgas bibliotēka"),  # two bodies
    ("XX gadsimta beigās bibliotēka auga.", "XX gadsimta"),  # a Roman numeral: an ordinal
    ("Mēs rakstām bibliotēkas ES fondu projektu.", "bibliotēkas ES fondu projektu"),  # a capital after lower case
])
def test_no_acronym_phrase_where_it_is_no_modifier(text, not_span):
    assert not_span not in spans(text)


@pytest.fixture(scope="module")
def candidates():
    return {c.text: c for c in extract_terms(LV + ["Jaunās NATO valstis piedalījās."], lang="lv")}


@pytest.mark.parametrize("text, forms", [
    ("ES fonds", {"ES fondi", "ES fondu", "ES fondiem"}),  # the singular, as sociālie tīkli -> sociālais tīkls
    ("LNB krājums", {"LNB krājums", "LNB krājumu"}),
    ("NATO valsts", {"NATO valstis", "NATO valstīm"}),
    ("IT speciālists", {"IT speciālisti", "IT speciālistus"}),
    ("LNB Digitālā bibliotēka", {"LNB Digitālo bibliotēku", "LNB Digitālā bibliotēka"}),
    ("jaunā NATO valsts", {"jaunās NATO valstis"}),  # the adjective agrees with the head
])
def test_canonical_form_keeps_the_acronym_and_puts_the_head_in_the_nominative(candidates, text, forms):
    assert {f.form for f in candidates[text].forms} == forms


def test_a_name_is_a_name_and_a_phrase_at_a_sentence_start_is_not(candidates):
    assert candidates["LNB Digitālā bibliotēka"].term_type == "properNoun"
    assert candidates["jaunā NATO valsts"].term_type == "fullForm"  # Jaunās: the sentence's capital
    assert candidates["ES fonds"].term_type == "fullForm"


def test_acronym_terms_pair_with_english(tmp_path):
    (tmp_path / "a.lv").write_text("\n".join(LV) + "\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("\n".join(EN) + "\n", encoding="utf-8")
    pairs = {(p.lv, p.en) for p in extract_files(tmp_path / "a.lv", tmp_path / "a.en")}
    assert {("ES fonds", "EU fund"), ("LNB krājums", "NLL collection"), ("NATO valsts", "NATO country"),
            ("IT speciālists", "IT specialist"), ("LNB Digitālā bibliotēka", "NLL Digital Library")} <= pairs
