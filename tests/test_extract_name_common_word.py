"""A name and a common word with one stem key (the newspaper *Diena*, *diena* "day"; VID, the
revenue service, and *vide* "environment") are one group of occurrences; when the name wins it,
the occurrences written in lower case are the common word's and are no forms of the name: a
translator looking up *dienā* ("on the day") must not be shown the newspaper. A stem key is one
term of the termbase, so the common word is then no candidate of its own (docs/termbase.md)."""
from __future__ import annotations

from lvterm.models import Bead
from lvterm.terms.extract import extract_terms
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


def test_the_common_word_beside_a_name_is_no_candidate():
    """The lower-case occurrences left out of the name are in no candidate: no key but stem keys
    (before, a group keyed "katalog_common" that the termbase merged back into the name's concept,
    catalogue with it)."""
    lv_c, en_c, pairs = _pairs(PRODUCT, per_term=1)
    for candidates in (lv_c, en_c):
        keys = [c.key for c in candidates]
        assert not [k for k in keys if "_" in k] and len(keys) == len(set(keys)), keys
    name = next(c for c in lv_c if c.key == "katalog")
    assert name.text == "Katalogs" and name.term_type == "properNoun" and {f.form for f in name.forms} == {"Katalogs"}
    assert {o.segment_index for o in name.occurrences} == {0, 1, 2}
    assert not [c for c in lv_c if c.text == "katalogs"]
    assert {p.lv_key: p.en for p in pairs}["katalog"] == "Katalogs"
    assert not [p for p in pairs if "_" in p.lv_key + p.en_key]


def test_the_day_is_not_the_newspaper():
    """'dienā' stays out of the name Diena, and is no candidate of its own."""
    candidates = extract_terms(TEXTS, lang="lv")
    assert not [c for c in candidates if {f.form for f in c.forms} & {"dienā", "dienas"}]


# Headings in capitals of words the lexicons lack (written for this test): HAKATONS, PODKĀSTU,
# and E-GRĀMATU, whose hyphen made it no word at all; the texts write each in lower case too
CAPITALS = [
    ("HAKATONS", "HACKATHON"),
    ("Bibliotēka rīko hakatonu.", "The library holds a hackathon."),
    ("HAKATONS BIBLIOTĒKĀ", "HACKATHON IN THE LIBRARY"),
    ("Studenti piedalās hakatonā.", "Students take part in the hackathon."),
    ("PAR HAKATONU", "ABOUT THE HACKATHON"),
    ("PODKĀSTU IERAKSTI", "PODCAST RECORDINGS"),
    ("Bibliotēka publicē podkāstu ierakstus.", "The library publishes podcast recordings."),
    ("PAR PODKĀSTU IERAKSTIEM", "ABOUT PODCAST RECORDINGS"),
    ("Lasītāji klausās podkāstu ierakstus.", "Readers listen to podcast recordings."),
    ("E-GRĀMATU KRĀJUMS", "E-BOOK COLLECTION"),
    ("Bibliotēkas e-grāmatu krājums aug.", "The library's e-book collection grows."),
    ("PAR E-GRĀMATU KRĀJUMU", "ABOUT THE E-BOOK COLLECTION"),
    ("Lasītāji izmanto e-grāmatu krājumu.", "Readers use the e-book collection."),
]


def test_headings_of_words_the_lexicons_lack_are_no_names():
    """Words in capitals the lexicons lack read as a heading's when the texts write them in lower
    case (any inflection), a hyphenated word by its parts: before, HAKATONS, PODKĀSTU IERAKSTI and
    E-GRĀMATU KRĀJUMS read as acronyms, names, written in capitals (HAKATONS properNoun, and the
    sentences' hakatonu, hakatonā left out of it)."""
    lv_c, en_c, pairs = _pairs(CAPITALS, per_term=1)
    by_key = {c.key: c for c in lv_c}
    expected = {"hakaton": ("hakatons", {0, 1, 2, 3, 4}), "podkast ierakst": ("podkāstu ieraksts", {5, 6, 7, 8}),
                "e-gramat krajum": ("e-grāmatu krājums", {9, 10, 11, 12})}
    for key, (text, segments) in expected.items():
        c = by_key[key]
        assert (c.text, c.term_type) == (text, "fullForm"), c
        assert {o.segment_index for o in c.occurrences} == segments
    best = {p.lv_key: p for p in pairs}
    assert best["hakaton"].en == "hackathon" and best["hakaton"].frequency == 5
    assert best["e-gramat krajum"].en == "e-book collection"


def test_an_acronym_heading_stays_a_name_without_lower_case_evidence():
    """Only the texts' lower-case writing makes unknown capitals a heading's: LNB heading a text
    and in its sentences stays the name it is."""
    texts = ["LNB JAUNUMI", "Grāmatas nodevām LNB.", "Jaunumus publicē LNB.", "LNB krājums aug."]
    lnb = next(c for c in extract_terms(texts, lang="lv") if c.key == "lnb")
    assert lnb.term_type == "properNoun" and lnb.text == "LNB"


def test_capitals_read_by_their_parts_and_by_the_texts():
    """`keys.read_as_words`: a hyphenated word by its parts (E-GRĀMATU: grāmatu; before, its hyphen
    made it no word), and a word the lexicons lack when the caller says the texts have it."""
    from lvterm.lang.keys import read_as_words

    assert read_as_words(["E-GRĀMATU", "KRĀJUMS"], rare=True)
    assert not read_as_words(["HAKATONS"], rare=True)
    assert read_as_words(["HAKATONS"], rare=True, also=lambda word: word == "hakatons")
    assert not read_as_words(["IFLA-LNB"], rare=True) and not read_as_words(["BBC-TV"], rare=True)
