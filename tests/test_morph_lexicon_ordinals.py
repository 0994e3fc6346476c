"""Latvian ordinals in the lexicon: adjectives (ADJ, as UD's NumType=Ord) with their own lemma, the
masculine nominative (pirmās -> pirmais, not the cardinal viens that lv_LV derives them from with
the flag w), definite slots that agree with a noun, and no place in the cardinal's paradigm; so term
extraction proposes "pirmā palīdzība" and lookup never takes "pirmā" for "viens"."""
from __future__ import annotations

import pytest

from lvterm.lang import lexicon, lv
from lvterm.lang.lexicon import Slot


@pytest.mark.parametrize("word,lemma", [
    ("pirmās", "pirmais"), ("pirmais", "pirmais"), ("pirmo", "pirmais"),  # viens -> pirmais/y (FULLSTRIP)
    ("otrajā", "otrais"), ("otro", "otrais"),  # otrs/W: its definite forms are the ordinal's
    ("trešais", "trešais"), ("trešajā", "trešais"),  # trīs -> trešais/y
    ("ceturtā", "ceturtais"), ("piektajai", "piektais"), ("septītās", "septītais"), ("astoto", "astotais"),
    ("desmitajā", "desmitais"), ("divdesmito", "divdesmitais"),  # desmit/w's (desmits/W's are the same)
    ("simtajā", "simtais"), ("tūkstošajā", "tūkstošais"), ("miljonajā", "miljonais"),
])
def test_morph_lexicon_ordinals_have_their_own_lemma(word, lemma):
    assert lexicon.lemmas(word)[0] == (lemma, "ADJ")
    assert lv.lemma_info(word) == (lemma, "lexicon")  # what lookup's lemma key reads


def test_morph_lexicon_ordinal_slots_are_definite_adjective_slots():
    """On the ordinal's own stem (pirm-, not vien-), definite only: pirmā is no locative (pirmajā is)."""
    (r,) = lexicon.readings("pirmās")
    assert r.slots == (Slot("gen", "sing", "fem", True), Slot("nom", "plur", "fem", True),
                       Slot("acc", "plur", "fem", True))
    assert {(s.case, s.definite) for r in lexicon.readings("pirmā") for s in r.slots} == {("nom", True), ("gen", True)}


def test_morph_lexicon_cardinal_paradigm_has_no_ordinal_forms():
    for cardinal, ordinal in (("viens", "pirmais"), ("trīs", "trešais"), ("četri", "ceturtais")):
        made = lexicon.forms(cardinal)
        assert made and not {ordinal, ordinal[:-2] + "ā", ordinal[:-2] + "ās"} & set(made), cardinal
    assert lexicon.forms("pirmais") == ("pirmais", "pirmā", "pirmās", "pirmajam", "pirmajai", "pirmo", "pirmajā",
                                        "pirmie", "pirmajiem", "pirmajām", "pirmos", "pirmajos", "pirmajās")
    assert {"triju", "trijiem"} <= set(lexicon.forms("trīs"))  # the cardinal keeps its own cases


def test_morph_lexicon_numerals_own_forms_stay_numerals():
    assert lexicon.lemmas("divu") == (("divi", "NUM"),)
    assert lexicon.lemmas("daudzie")[0] == ("daudzi", "NUM")  # daudzais/{: no word, so no lemma
    assert ("miljons", "NUM") in lexicon.lemmas("miljon")  # y's `ais 0` makes no adjective form


def test_lv_canonical_ordinal_agrees_with_its_noun():
    assert lv.canonical_term("pirmās palīdzības") == "pirmā palīdzība"
    assert lv.canonical_term("Pirmajai palīdzībai") == "Pirmā palīdzība"
    assert lv.canonical_term("trešajā kursā") == "trešais kurss"


def test_extract_proposes_pirmaa_paliidziiba_from_inflected_forms():
    from lvterm.terms.extract import extract_terms

    sentences = ["Darbinieki pavasarī apmeklēja pirmās palīdzības kursus lasītavā.",
                 "Pirmajai palīdzībai katrā filiālē vajadzīga aptieciņa.",
                 "Bibliotēkas trešajā stāvā notiek pirmās palīdzības nodarbības."]
    texts = [c.text for c in extract_terms(sentences, lang="lv")]
    assert "pirmā palīdzība" in texts
    assert not {"pirmās palīdzība", "pirmajai palīdzība"} & set(texts)


def test_lookup_never_takes_an_ordinal_for_its_cardinal(tmp_path):
    from fixtures.termbase.minidb import make_db
    from lvterm.models import Concept, Term
    from lvterm.terms.lookup import lookup

    db = make_db(tmp_path / "lvterm.db", [
        Concept("first-aid", (Term("lv", "pirmā palīdzība", status="preferred"), Term("en", "first aid", status="preferred"))),
        Concept("one", (Term("lv", "viens", status="preferred"), Term("en", "one", status="preferred")))])
    assert [r["lv"] for r in lookup("pirmajai palīdzībai", db_path=db)][:1] == ["pirmā palīdzība"]
    assert lookup("viens palīdzība", db_path=db) == []  # was: pirmā palīdzība, by lemma key
    assert lookup("pirmā", db_path=db) == []  # was: viens


@pytest.mark.parametrize("word,lemma", [
    ("otru", "otrs"), ("otra", "otrs"), ("otras", "otrs"), ("otriem", "otrs"),
    ("desmitiem", "desmits"), ("desmitu", "desmits"), ("divdesmitiem", "divdesmits"),
])
def test_morph_lexicon_indefinite_ordinals_are_their_own_words(word, lemma):
    """otrs (other, second), desmits (a ten, tenth): indefinite forms, no forms of otrais, desmitais."""
    found = lexicon.lemmas(word)
    assert found[0][0] == lemma and not {"otrais", "desmitais", "divdesmitais"} & {x for x, _ in found}, found


def test_morph_lexicon_ordinal_lemmas_have_definite_forms_only():
    assert not {"otrs", "otra", "otru", "otras"} & set(lexicon.forms("otrais"))
    assert not {"desmits", "desmita", "desmitu", "desmitiem"} & set(lexicon.forms("desmitais"))
    assert {"otrs", "otru", "otras"} <= set(lexicon.forms("otrs")) and "otrajā" not in lexicon.forms("otrs")
    assert {"desmits", "desmitiem"} <= set(lexicon.forms("desmits")) and "desmitajā" not in lexicon.forms("desmits")


def test_morph_lexicon_an_ordinal_form_is_read_once():
    """desmitā: the ordinal's definite gen. sg. masc. and nom. sg. fem. (desmit/w; desmits/W's definite
    forms are the same and not read again), and desmits's indefinite locative; no locative of the
    ordinal, which is desmitajā."""
    ordinal = [r for r in lexicon.readings("desmitā") if r.lemma == "desmitais"]
    assert [r.slots for r in ordinal] == [(Slot("gen", "sing", "masc", True), Slot("nom", "sing", "fem", True))]
    assert {s.case for r in lexicon.readings("desmitā") if r.lemma == "desmits" for s in r.slots} == {"loc"}
    (loc,) = lexicon.readings("desmitajā")
    assert loc.lemma == "desmitais" and {s.case for s in loc.slots} == {"loc"}


@pytest.mark.parametrize("fraction,ordinal", [("pusviens", "puspirmais"), ("pussimts", "pussimtais"),
                                              ("pusmiljons", "pusmiljonais"), ("trejdeviņi", "trejdevītais")])
def test_morph_lexicon_no_ordinal_of_a_fraction(fraction, ordinal):
    """pusviens (half past twelve), pussimts (fifty), trejdeviņi (thrice nine) have no ordinal:
    lv_LV's rules for viens, simts, deviņi made them one."""
    stem = ordinal[:-2]
    assert lexicon.readings(ordinal) == () and lexicon.readings(stem + "ajā") == ()
    made = lexicon.forms(fraction)
    assert made and not {stem + end for end in ("ais", "ajam", "ajā", "ie", "ajiem")} & set(made), made


def test_lv_canonical_other_stays_indefinite():
    """otra puse is the other side, otrā puse the second one: each keeps its definiteness."""
    assert lv.canonical_term("otras puses") == "otra puse"
    assert lv.canonical_term("otrā pusē") == "otra puse"  # the indefinite locative
    assert lv.canonical_term("otrajā pusē") == "otrā puse"
    assert lv.canonical_term("desmitās klases", definite=False) == "desmitā klase"
    assert lv.inflect_term("otru pusi", both_definite=True) == lv.inflect_term("otru pusi")
    assert lv.lemma("otru") == "otrs"  # (viens otru: each other)


@pytest.mark.parametrize("ordinal", ["Pirmās", "Otrās", "Trešās", "Ceturtās", "Desmitās"])
def test_extract_an_ordinal_leaves_the_genitive_phrase_whole(ordinal):
    """An ordinal before a genitive picks one of a series; the phrase after it is a term of its own:
    'dienas programma' whatever the ordinal (with otrās, a non-term adjective, it was lost)."""
    from lvterm.terms.extract import extract_terms

    sentences = [f"{ordinal} dienas programmā iekļautas trīs lekcijas par krājuma digitalizāciju.",
                 f"Semināra {ordinal.lower()} dienas programmā paredzēta ekskursija uz krātuvi."]
    texts = {c.text for c in extract_terms(sentences, lang="lv")}
    assert "dienas programma" in texts, texts


def test_extract_two_ordinals_one_term():
    from lvterm.terms.extract import extract_terms

    sentences = ["Konferences otrās dienas programmā bija trīs darbnīcas.",
                 "Trešās dienas programmā bibliotekāri klausījās lekcijas."]
    assert "dienas programma" in {c.text for c in extract_terms(sentences, lang="lv")}
