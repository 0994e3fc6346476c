"""What `lvterm review` writes beyond the terms: a note or definition of several lines stays a
note of several lines (a YAML block scalar, in LF and CRLF files alike), and an accepted entry has
a subject field (the proposal's own, else accepted.yaml's `subject_field:`, else the termbase's
main one), which the rebuilt library and its TBX carry."""
from __future__ import annotations

import shutil

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.models import Concept, Term, TermForm
from lvterm.terms.review import ACCEPTED_HEADER, Proposal, Review, rejection_yaml, yaml_text
from lvterm.terms.termbase import Rejection, load_file, load_termbase

FIELD = "library and information science"  # tests/fixtures/db/termbase/fixture.yml's subject_field

NOTE = ("Lasītavā grāmatas neizsniedz uz mājām.\n"
        "Angliski arī «reading area»; «reading hall» ir novecojis.")
DEFINITION = "Telpa bibliotēkā, kur lasa uz vietas.\nTajā ir arī periodika."


@pytest.fixture
def termbase(fixtures, tmp_path):
    shutil.copytree(fixtures / "db" / "termbase", tmp_path / "termbase")
    return tmp_path / "termbase"


def _proposal(cid="x-lasitav", lv="lasītava", en="reading room", *, note=None, definition=None, field=None):
    terms = (Term("lv", lv, forms=(TermForm(lv, 2), TermForm("lasītavā", 1)), frequency=3),
             Term("en", en, forms=(TermForm(en, 3),), frequency=3, note="pairing confidence 0.81"))
    return Proposal(Concept(cid, terms, subject_field=field, definition=definition, note=note, origin="extracted",
                            source="extraction"), 0.81)


def _entries(path):
    return yaml.safe_load(path.read_bytes().decode("utf-8"))["concepts"]


# --- notes of several lines --------------------------------------------------------------------------


def test_review_writes_a_note_of_several_lines_as_a_block(termbase):
    Review(termbase, today="2024-05-02").accept(_proposal(note=NOTE, definition=DEFINITION))
    text = (termbase / "accepted.yaml").read_text(encoding="utf-8")
    assert ("    note: |-\n      Lasītavā grāmatas neizsniedz uz mājām.\n"
            "      Angliski arī «reading area»;") in text
    assert "    definition: |-\n      Telpa bibliotēkā, kur lasa uz vietas.\n      Tajā ir arī periodika.\n" in text
    [entry] = _entries(termbase / "accepted.yaml")
    assert (entry["note"], entry["definition"]) == (NOTE, DEFINITION)  # as YAML reads it: the same texts
    assert entry["provenance"] == "accepted from extraction, 2024-05-02 (pairing confidence 0.81)"
    load_termbase(termbase)  # a valid curated file


def test_review_keeps_the_notes_line_breaks_in_a_crlf_file(termbase):
    """Appended to an accepted.yaml edited on Windows: the block's lines end CRLF like the rest,
    and the note reads back the same."""
    before = (ACCEPTED_HEADER + "\n  - id: x-karte\n    lv:\n      - term: lasītāja karte\n").replace("\n", "\r\n")
    (termbase / "accepted.yaml").write_bytes(before.encode("utf-8"))
    Review(termbase).accept(_proposal(note=NOTE))
    after = (termbase / "accepted.yaml").read_bytes().decode("utf-8")
    assert after.startswith(before) and after.count("\n") == after.count("\r\n")
    assert "    note: |-\r\n      Lasītavā" in after
    assert [e.get("note") for e in _entries(termbase / "accepted.yaml")] == [None, NOTE]


def test_review_writes_a_rejections_note_of_several_lines_as_a_block():
    rejection = Rejection(lv="gads", en="year", id="x-gad", note="Vispārvārds.\nNav termins.")
    text = "rejected:\n\n" + rejection_yaml(rejection)
    assert "    note: |-\n      Vispārvārds.\n      Nav termins.\n" in text
    assert yaml.safe_load(text)["rejected"][0]["note"] == "Vispārvārds.\nNav termins."


def test_review_note_of_several_lines_reloads_the_same(termbase):
    Review(termbase, today="2024-05-02").accept(_proposal(note=NOTE))
    [loaded] = load_file(termbase / "accepted.yaml")
    assert loaded.note == NOTE + "\nProvenance: accepted from extraction, 2024-05-02 (pairing confidence 0.81)"


LINE = st.text(st.characters(codec="utf-8", blacklist_categories=("Cs",)), max_size=15)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=4).map("\n".join))
def test_review_yaml_text_reads_back(text):
    """Any text: a block when it can be one (several lines of printable text), else one quoted
    line; YAML reads either back as the text, at any indentation."""
    for indent in ("", "    "):
        lines = yaml_text("note", text, indent=indent)
        doc = "\n".join(lines) + "\n"
        assert yaml.safe_load(doc if not indent else "k:\n" + doc) == ({"note": text} if not indent else
                                                                         {"k": {"note": text}})
        assert (len(lines) > 1) == (lines[0] in (f"{indent}note: |-", f"{indent}note: |"))  # ('0|' is one line)
        body = text[:-1] if text.endswith("\n") else text
        if (len(lines) == 1 and "\n" in body and "\r" not in body and body[:1] not in " \n"
                and not body.endswith("\n") and all(line.isprintable() for line in body.split("\n"))):
            pytest.fail(f"a text of printable lines was not written as a block: {text!r}")


# --- the subject field ---------------------------------------------------------------------------------


def test_review_a_new_accepted_file_has_the_termbases_subject_field(termbase):
    """The first decision creates accepted.yaml with the termbase's main subject field as the
    file's default: its entries carry it without a line of their own."""
    Review(termbase).accept(_proposal())
    text = (termbase / "accepted.yaml").read_text(encoding="utf-8")
    assert f"\nsubject_field: {FIELD}" in text and "    subject_field:" not in text
    assert [c.subject_field for c in load_file(termbase / "accepted.yaml")] == [FIELD]


def test_review_accepted_entries_follow_the_files_subject_field(termbase):
    """accepted.yaml's own `subject_field:` (set by a person) is the default of later entries."""
    (termbase / "accepted.yaml").write_text(ACCEPTED_HEADER.replace("concepts:", "subject_field: bibliotēkas\n"
                                                                                 "concepts:"), encoding="utf-8")
    Review(termbase).accept(_proposal())
    assert "    subject_field:" not in (termbase / "accepted.yaml").read_text(encoding="utf-8")
    assert [c.subject_field for c in load_file(termbase / "accepted.yaml")] == ["bibliotēkas"]


def test_review_an_older_accepted_file_gets_the_field_on_each_entry(termbase):
    """An accepted.yaml without `subject_field:` (written before review gave one) stays as it is:
    each new entry names the termbase's main field; a proposal with a field of its own keeps it."""
    before = ACCEPTED_HEADER + "\n  - id: x-karte\n    lv:\n      - term: lasītāja karte\n"
    (termbase / "accepted.yaml").write_text(before, encoding="utf-8")
    review = Review(termbase)
    review.accept(_proposal())
    review.accept(_proposal("x-katalog", "katalogs", "catalogue", field="bibliogrāfija"))
    text = (termbase / "accepted.yaml").read_text(encoding="utf-8")
    assert text.startswith(before)
    assert [c.subject_field for c in load_file(termbase / "accepted.yaml")] == [None, FIELD, "bibliogrāfija"]
    assert [c.subject_field for c in (review.curated["x-lasitav"], review.curated["x-katalog"])] == \
        [FIELD, "bibliogrāfija"]


def test_review_accepted_proposal_has_its_subject_field_in_the_library_and_tbx(fixtures, termbase, tmp_path):
    """Accept a built library's proposal, rebuild: the accepted concept has the termbase's subject
    field in the library (the web pages' facet) and as the TBX's subjectField."""
    from lvterm import Library
    from lvterm.build import build_library
    from lvterm.formats import tbx

    db = tmp_path / "lvterm.db"
    build_library(corpus=fixtures / "review" / "posts", termbase=termbase, db_path=db)
    with Library(db) as lib:
        chosen = next(p for p in lib.proposals() if p.en is not None)
        lib.review(accept=[chosen.id], termbase=termbase)
    build_library(corpus=fixtures / "review" / "posts", termbase=termbase, db_path=db)
    with Library(db) as lib:
        assert {c.id: c.subject_field for c in lib.concepts()}[chosen.id] == FIELD
        lib.export_tbx(tmp_path / "t.tbx")
    assert {c.id: c.subject_field for c in tbx.load(tmp_path / "t.tbx")}[chosen.id] == FIELD


def test_review_edited_name_takes_its_new_term_types_part_of_speech():
    # a proposed personal name (properNoun) accepted under another text is a fullForm term: its part
    # of speech was kept as properNoun, a combination the termbase loader refuses
    from lvterm.terms.review import accepted_concept

    name = Term("lv", "Dace Ūdre", term_type="properNoun")
    assert name.part_of_speech == "properNoun"
    concept = accepted_concept(Proposal(Concept("x-dace", (name,), origin="extracted")), lv="Dace Ūdre-Kalniņa")
    [term] = concept.terms
    assert (term.term_type, term.part_of_speech) == ("fullForm", "noun")
