"""A name and a common word with one stem key (the newspaper *Diena*, *diena* "day"; VID, the
revenue service, and *vide* "environment") are one group of occurrences; when the name wins it,
the occurrences written in lower case are the common word's and are no forms of the name: a
translator looking up *dienā* ("on the day") must not be shown the newspaper."""
from __future__ import annotations

from lvterm.models import Bead
from lvterm.terms.extract import extract_terms, stem_key_of
from lvterm.terms.pair import pair_terms

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


# A term written in capitals in headings and in lower case in the text (written for this test):
# the headings are no evidence that it is a name, whichever are more
HEADINGS = [
    ("LASĪTAVAS NOTEIKUMI", "READING ROOM RULES"),
    ("LASĪTAVAS NOTEIKUMI BĒRNIEM", "READING ROOM RULES FOR CHILDREN"),
    ("PAR LASĪTAVAS NOTEIKUMIEM", "ABOUT THE READING ROOM RULES"),
    ("Lasītāji ievēro lasītavas noteikumus.", "Readers follow the reading room rules."),
    ("Direktore pārskatīja lasītavas noteikumus.", "The director revised the reading room rules."),
]


def _pairs(sentence_pairs, **options):
    lv = [a for a, _ in sentence_pairs]
    en = [b for _, b in sentence_pairs]
    lv_c, en_c = extract_terms(lv, lang="lv"), extract_terms(en, lang="en")
    beads = [Bead((i,), (i,)) for i in range(len(lv))]
    return lv_c, en_c, pair_terms(lv_c, en_c, beads, lv_sentences=lv, en_sentences=en, min_confidence=0.0,
                                  **options)


def test_headings_in_capitals_do_not_make_a_term_a_name():
    """Three headings in capitals and two sentences: before, the headings made the term a name
    (properNoun, LASĪTAVAS NOTEIKUMI) and the sentences' lower-case occurrences were left out of
    it, so the pair rested on the headings alone (0.82, beads 0-2)."""
    lv_c, en_c, pairs = _pairs(HEADINGS, per_term=1)
    lv = next(c for c in lv_c if c.key == "lasitav noteikum")
    en = next(c for c in en_c if c.key == "reading room rule")
    for c in (lv, en):
        assert c.term_type == "fullForm" and c.frequency == 5, c
        assert {o.segment_index for o in c.occurrences} == {0, 1, 2, 3, 4}
        assert not c.text.isupper(), c.text  # the canonical form as the text writes it, not a heading
    assert en.text == "reading room rule"
    pair = next(p for p in pairs if p.lv_key == lv.key)
    assert pair.en_key == en.key and {3, 4} <= set(pair.beads) and pair.confidence > 0.85


def test_an_acronym_stays_a_name():
    """An acronym's capitals are its spelling: VID (the revenue service) in sentences is a name
    and takes no "vide" (environment); so are BBC TV in a sentence, and NATO heading a text."""
    texts = ["Atskaiti bibliotēka iesniedza VID.", "Par nodokļiem bibliotēkai atgādināja VID.",
             "Pārbaudi veica VID.", "Bibliotēkā ir patīkama vide."]
    vid = next(c for c in extract_terms(texts, lang="lv") if c.key == "vid")
    assert vid.term_type == "properNoun" and {f.form for f in vid.forms} == {"VID"}
    en = next(c for c in extract_terms(["The BBC TV report praised the library."], lang="en") if c.key == "bbc tv")
    assert en.term_type == "properNoun"
    nato = next(c for c in extract_terms(["NATO", "The library holds NATO reports."], lang="en") if c.key == "nato")
    assert nato.term_type == "properNoun" and nato.frequency == 2


# A product named Katalogs (an app) and the common noun katalogs, "catalogue" (written for this test)
PRODUCT = [
    ("Jaunā lietotne saucas Katalogs.", "The new app is called Katalogs."),
    ("Lasītāji lejupielādē Katalogs savos tālruņos.", "Readers download Katalogs to their phones."),
    ("Bibliotēka iesaka Katalogs visiem lasītājiem.", "The library recommends Katalogs to all readers."),
    ("Pie ieejas stāv katalogs.", "The catalogue stands at the entrance."),
    ("Vakar lasītājs atvēra katalogu.", "Yesterday a reader opened the catalogue."),
]


def test_the_common_word_left_out_of_a_name_is_a_group_of_its_own():
    """The lower-case occurrences left out of the name are the common noun's candidate (its own
    key), judged and paired like any other; before, they were in no candidate at all and
    katalogs had no English."""
    lv_c, _, pairs = _pairs(PRODUCT, per_term=1)
    by_text = {c.text: c for c in lv_c}
    name, common = by_text["Katalogs"], by_text["katalogs"]
    assert name.term_type == "properNoun" and {f.form for f in name.forms} == {"Katalogs"}
    assert common.term_type == "fullForm" and {f.form for f in common.forms} == {"katalogs", "katalogu"}
    assert common.key != name.key and stem_key_of(common.key) == name.key == "katalog"
    assert {o.segment_index for o in common.occurrences} == {3, 4}
    best = {p.lv_key: p for p in pairs}
    assert best[common.key].en == "catalogue" and best[common.key].confidence > 0.9
    assert best[name.key].en == "Katalogs"


def test_the_common_word_keeps_a_curated_equivalent():
    """A curated pair is matched by stem key: katalogs -> catalogue applies to the common noun's group."""
    _, _, pairs = _pairs(PRODUCT, per_term=1, dictionary=[("katalogs", "catalogue")])
    common = next(p for p in pairs if p.lv == "katalogs")
    assert common.en == "catalogue" and common.evidence["dictionary"] == 1.0 and common.confidence > 0.99


def test_the_day_is_not_the_newspaper():
    """'dienā' stays out of the name Diena; as a common word it is a group of its own, which
    the usual filters judge (diena, day, is a general word: no candidate)."""
    candidates = extract_terms(TEXTS, lang="lv")
    for c in candidates:
        forms = {f.form for f in c.forms}
        if forms & {"dienā", "dienas"}:
            assert c.term_type == "fullForm" and all(f.islower() for f in forms), c
