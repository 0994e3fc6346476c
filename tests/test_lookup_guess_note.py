"""An example whose English side has the entry's machine guess says so (the English side has the
machine guess «Latvia»), not that it uses another word: in `lvterm lookup`'s text and on the site
(term_lookup's `example_note`, through `lookup.guess_notes` and `one_side_note` both). A pair whose
English says it otherwise keeps the old note. The sentences are written for these tests."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from fixtures.termbase.minidb import make_db
from lvterm.cli import cli
from lvterm.datasette_plugin import example_note_on
from lvterm.models import Concept, Term, TermForm
from lvterm.terms.lookup import lookup
from lvterm.terms.termbase import confidence_note

BITEXT = """\
Latvija ir neliela valsts pie jūras.\tLatvia is a small country by the sea.
Latvijā ziemas ir garas.\tWinters are long here in the north.
"""


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("guessnote")
    (folder / "bitext.tsv").write_text(BITEXT, encoding="utf-8")
    return make_db(folder / "lvterm.db", [Concept("x-latvij", (
        Term("lv", "Latvija", "proposed", 1, forms=(TermForm("Latvija", 1), TermForm("Latvijā", 1)), frequency=2),
        Term("en", "Latvia", "proposed", 1, forms=(TermForm("Latvia", 1),), frequency=1,
             note=confidence_note(0.5))), origin="extracted", source="extraction")], tsv=folder / "bitext.tsv")


def test_cli_names_the_guess_on_the_english_side(db_path):
    out = CliRunner().invoke(cli, ["lookup", "Latvija", "--db", str(db_path), "--limit", "1"]).output
    assert "machine guess: Latvia" in out
    assert ("en: Latvia is a small country by the sea.\n"
            "     (the English side has the machine guess «Latvia»)") in out
    assert ("en: Winters are long here in the north.\n     (the English side uses another word)") in out


def test_site_note_is_the_same(db_path):
    with sqlite3.connect(db_path) as conn:
        note = example_note_on(conn)
        assert note("1", "x-latvij") == "the English side has the machine guess «Latvia»"
        assert note("2", "x-latvij") == "the English side uses another word"


def test_json_example_carries_the_guess(db_path):
    examples = lookup("Latvija", db_path=db_path, limit=1, examples=2)[0]["examples"]
    assert [ex.get("en_guess") for ex in sorted(examples, key=lambda ex: ex["bead_id"])] == ["Latvia", None]
    assert all(ex["en_spans"] == [] for ex in examples)  # the guess is still not marked as a term
