"""Generated paradigms in the build and the one term matcher: term_forms keeps every generated form of
a Latvian term (generated = 1, count 0 until seen), so the occurrence scan, lookup, highlighting and
check-po find forms the corpus never showed, including those a stem key cannot reach (izstāžu)."""
from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from fixtures.termbase.minidb import write_bitext
from lvterm.db import read_concepts
from lvterm.lang import lv
from lvterm.localise.check_po import find_problems, rules_from
from lvterm.models import Concept, Term, TermForm
from lvterm.terms.lookup import lookup
from lvterm.terms.matcher import TermMatcher
from lvterm.terms.store import write_termbase

BITEXT = [
    ("Biedra naudu maksā katru gadu.", "The membership fee is paid every year."),
    ("Trīs izstāžu katalogi ir lasītavā.", "Three exhibition catalogues are in the reading room."),
    ("Izstāde ir atvērta līdz maijam.", "The exhibition is open until May."),
]
CONCEPTS = [
    Concept("fee", (Term("lv", "biedra nauda", status="preferred", forms=(TermForm("biedra naudu", 0),)),
                    Term("en", "membership fee", status="preferred"))),
    Concept("exhibition", (Term("lv", "izstāde", status="preferred"), Term("en", "exhibition", status="preferred"))),
]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("generated")
    tsv = tmp_path / "bitext.tsv"
    tsv.write_text("".join(f"{lv}\t{en}\n" for lv, en in BITEXT), encoding="utf-8")
    db = sqlite_utils.Database(tmp_path / "lib.db")
    write_bitext(db, tsv=tsv)
    write_termbase(db, CONCEPTS)
    db.close()
    return tmp_path / "lib.db"


def _forms(path, term):
    with sqlite3.connect(path) as conn:
        return {form: (count, generated) for form, count, generated in conn.execute(
            "select f.form, f.count, f.generated from term_forms f join terms t on t.id = f.term_id "
            "where t.term = ?", (term,))}


def test_morph_generated_forms_are_stored_and_marked(library):
    fee = _forms(library, "biedra nauda")
    assert fee["biedra naudu"] == (1, 0)  # recorded, and seen (capitalised at the sentence start)
    assert fee["biedra nauda"] == (0, 0)  # the term itself is never "generated"
    assert fee["biedra naudām"] == fee["biedra naudai"] == (0, 1)
    assert set(fee) == set(lv.inflect_term("biedra nauda"))
    assert _forms(library, "membership fee") == {"membership fee": (1, 0)}  # English: nothing generated


def test_morph_generated_forms_find_what_a_stem_cannot(library):
    assert lv.stem("izstāžu") != lv.stem("izstāde")  # the alternation d -> ž
    assert not TermMatcher([("x", ["izstāde"])], lang="lv").find("Trīs izstāžu katalogi.")
    exhibition = _forms(library, "izstāde")
    assert exhibition["izstāžu"] == (1, 0)  # a generated form the corpus showed: seen, counted
    assert exhibition["izstāde"] == (1, 0) and exhibition["izstādēm"] == (0, 1)
    with sqlite3.connect(library) as conn:
        spans = conn.execute("select o.form from occurrences o join terms t on t.id = o.term_id "
                             "where t.term = 'izstāde' order by o.id").fetchall()
    assert spans == [("izstāžu",), ("Izstāde",)]


def test_morph_generated_forms_stay_out_of_the_forms_seen(library):
    conn = sqlite3.connect(library)
    conn.row_factory = sqlite3.Row
    concepts = {c.id: c for c in read_concepts(conn)}
    conn.close()
    (izstade,) = concepts["exhibition"].terms_in("lv")
    assert {f.form for f in izstade.forms} == {"izstāde", "izstāžu"}  # exports list forms seen
    hit = lookup("izstāde", db_path=library)[0]
    assert set(hit["forms"]) == {"izstāde", "izstāžu"}


@pytest.mark.parametrize("query,term", [("biedra naudām", "biedra nauda"), ("izstādēm", "izstāde"),
                                        ("Biedra naudai", "biedra nauda")])
def test_morph_generated_forms_are_exact_lookup_matches(library, query, term):
    top = lookup(query, db_path=library)[0]
    assert top["lv"] == term and top["matched"]["via"] in ("exact", "fold") and top["score"] >= 0.97


def test_morph_generated_forms_matcher_inflect_option():
    text = "Divu izstāžu atklāšana un publiskajām bibliotēkām."
    plain = TermMatcher([("x", ["izstāde"]), ("lib", ["publiskā bibliotēka"])], lang="lv")
    inflected = TermMatcher([("x", ["izstāde"]), ("lib", ["publiskā bibliotēka"])], lang="lv", inflect=True)
    assert [m.form for m in plain.find(text)] == ["publiskajām bibliotēkām"]  # stems reach this one
    assert [m.form for m in inflected.find(text)] == ["izstāžu", "publiskajām bibliotēkām"]
    assert TermMatcher([("n", ["LinkedIn"])], lang="en", inflect=True).find("on LinkedIn")  # no generator: as given


def test_morph_generated_forms_reach_check_po():
    rules = rules_from([CONCEPTS[1]])
    problems, hits = find_problems("Catalogues of three exhibitions", "Trīs izstāžu katalogi", rules)
    assert hits == 1 and problems == []  # an unseen, alternated form of the preferred term
    problems, _ = find_problems("Catalogues of three exhibitions", "Trīs skates katalogi", rules)
    assert [f.rule.concept_id for f in problems] == ["exhibition"]


def test_morph_generated_forms_both_definiteness_and_no_guessed_names():
    """The build stores a term's forms in either definiteness of its adjectives, and none made up
    for a name the lexicon does not know."""
    from lvterm.terms.store import generated_forms

    assert {"kopīgā interese", "kopīgajām interesēm"} <= set(generated_forms("lv", "kopīga interese"))
    assert {"jauns speciālists", "jaunajiem speciālistiem"} <= set(generated_forms("lv", "jaunais speciālists"))
    assert generated_forms("lv", "CILIP Communities") == ("CILIP Communities",)
    assert generated_forms("en", "common interest") == ()
