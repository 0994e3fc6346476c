"""The `term_lookup` table says of an example pair using the entry's term on one side only what
`lvterm lookup` and the home page say under it ("the English side uses another word"), in its
`example_note` column, made by `lookup.one_side_note` as theirs are; a pair using the term on both
sides has no note. The table showed such a pair with nothing said, as if its English were the
term's equivalent. Run on a small library built from posts and a termbase written here: the
English post calls the reading room a study hall."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from fixtures.datasette.client import datasette_for, get
from lvterm import Library
from lvterm.cli import cli
from lvterm.terms.lookup import one_side_note

LV = """---
slug: lasitava
lang: lv
title: Lasītava vakaros
author: Testa Autore
date: '2020-02-03'
translations:
  en: lasitava
---

Lasītavā vakaros strādā brīvprātīgie. Lasītava ir atvērta arī svētdienās.

Bibliotēka atrodas pilsētas centrā.
"""
EN = """---
slug: lasitava
lang: en
title: The reading room in the evening
author: Testa Autore
date: '2020-02-03'
translations:
  lv: lasitava
---

Volunteers work in the study hall in the evenings. The study hall is also open on Sundays.

The library is in the town centre.
"""
TERMBASE = """subject_field: library and information science
reliability: 3
concepts:
  - id: reading-room
    lv:
      - term: lasītava
    en:
      - term: reading room
  - id: library
    lv:
      - term: bibliotēka
    en:
      - term: library
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    root = tmp_path_factory.mktemp("one-side")
    (root / "posts").mkdir()
    (root / "termbase").mkdir()
    (root / "posts" / "lasitava.lv.md").write_text(LV, encoding="utf-8")
    (root / "posts" / "lasitava.en.md").write_text(EN, encoding="utf-8")
    (root / "termbase" / "terms.yml").write_text(TERMBASE, encoding="utf-8")
    path = root / "build" / "lvterm.db"
    Library(path).build(corpus=root / "posts", termbase=root / "termbase")
    return path


def term_lookup(path, q: str) -> list[dict]:
    response = get(datasette_for(path), "/lvterm/term_lookup.json", q=q, _shape="array")
    assert response.status_code == 200, response.text
    return response.json()


def test_term_lookup_says_what_lvterm_lookup_says_of_a_one_sided_example(library):
    [hit] = [h for h in Library(library).lookup("lasītavā", examples=1) if h.concept_id == "reading-room"]
    note = one_side_note(hit.examples[0])
    assert note == "the English side uses another word"
    printed = CliRunner().invoke(cli, ["lookup", "lasītavā", "--db", str(library)])
    assert printed.exit_code == 0 and f"({note})" in printed.output
    [row] = [r for r in term_lookup(library, "lasītavā") if r["entry"] == "reading-room"]
    assert row["bead"] == hit.examples[0]["bead_id"]
    assert row["example_note"] == note
    assert "<mark>" in row["example_lv"] and "<mark>" not in row["example_en"]


def test_term_lookup_has_no_note_for_a_pair_with_the_term_on_both_sides(library):
    [row] = term_lookup(library, "bibliotēkā")
    assert row["entry"] == "library" and row["bead"] is not None and row["example_note"] is None


def test_term_lookup_page_shows_the_note_beside_the_example(library):
    page = get(datasette_for(library), "/lvterm/term_lookup", q="lasitava").text
    assert "About the example" in page
    assert ('<td class="col-example_note"><span class="lvterm-one-side">the English side uses another word</span></td>'
            in page)


def test_term_lookup_notes_the_pair_its_full_text_fallback_chose(library, tmp_path):
    """An entry lookup has no example for (no occurrence recorded): term_lookup shows the first
    pair full-text search finds, and says of it what the entry page would."""
    path = tmp_path / "lvterm.db"
    shutil.copy(library, path)
    conn = sqlite3.connect(path)
    conn.execute("delete from occurrences where term_id in (select id from terms where concept_id = 'reading-room')")
    conn.commit()
    conn.close()
    assert [h.examples for h in Library(path).lookup("lasītava", examples=1) if h.concept_id == "reading-room"] == [()]
    [row] = [r for r in term_lookup(path, "lasītava") if r["entry"] == "reading-room"]
    assert row["bead"] is not None and row["example_note"] == "the English side uses another word"
    entry = get(datasette_for(path), "/-/lvterm/entry/reading-room").text
    assert "The English side uses another word." in entry


def test_example_note_past_the_time_limit_interrupts_the_query(library, monkeypatch):
    """The note's look-ups run under the calling query's time limit: past it inside `example_note`,
    term_lookup stops with SQLite's own "interrupted" (Datasette's "query took too long"), not a
    function error, and the connection answers the next query."""
    import lvterm.datasette_plugin as plugin
    import lvterm.site.functions as functions  # example_note_on's module
    from lvterm.serve import metadata_for

    sql = metadata_for(library)["databases"]["lvterm"]["queries"]["term_lookup"]["sql"]
    conn = sqlite3.connect(f"file:{library}?immutable=1", uri=True, check_same_thread=False)
    plugin.prepare_connection(conn)
    inside, marks = [], functions.bead_marks

    def slow(*args, **kwargs):
        inside.append(True)
        try:
            return marks(*args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(functions, "bead_marks", slow)
    conn.set_progress_handler(lambda: 1 if inside else 0, 1)  # the deadline passes inside the note
    with pytest.raises(sqlite3.OperationalError, match="^interrupted$"):
        conn.execute(sql, {"q": "lasītava"}).fetchall()
    conn.set_progress_handler(None, 1)
    assert conn.execute(sql, {"q": "lasītava"}).fetchall()
    conn.close()


# --- what example_note says of anything else: nonsense is an error, not the two-sided pair's NULL ------


def example_note(path, bead, concept):
    """`select example_note(bead, concept)` through the site's SQL: (status, value or error)."""
    response = get(datasette_for(path), "/lvterm.json", sql="select example_note(:bead, :concept) as note",
                   bead=bead, concept=concept, _shape="array")
    body = response.json()
    return response.status_code, (body[0]["note"] if response.status_code == 200 else body["error"])


def bead_of(path, text: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("select id from beads where lv_text like ?", [f"%{text}%"]).fetchone()[0]
    finally:
        conn.close()


def test_example_note_is_null_only_for_a_pair_using_the_terms_on_both_sides(library):
    both, one = bead_of(library, "Bibliotēka atrodas"), bead_of(library, "Lasītavā vakaros")
    assert example_note(library, both, "library") == (200, None)
    assert example_note(library, one, "reading-room") == (200, "the English side uses another word")
    assert example_note(library, both, "reading-room") == (200, "neither side uses a term of the entry")


@pytest.mark.parametrize("bead, concept, reason", [
    (999_999, "library", "example_note: no pair '999999'"),
    ("abc", "library", "example_note: no pair 'abc'"),
    (None, "no-such-entry", "example_note: no entry 'no-such-entry'"),
])
def test_example_note_of_a_missing_pair_or_entry_is_an_error(library, bead, concept, reason):
    """It was NULL, the answer for a pair using the entry's terms on both sides: a query joining
    the wrong column read every row as a good example. Now the query fails, as the other functions
    fail on an argument they refuse, and the server logs the reason."""
    import lvterm.datasette_plugin as plugin

    if bead is None:
        bead = bead_of(library, "Bibliotēka atrodas")
    status, error = example_note(library, bead, concept)
    assert status == 400 and error == reason  # the reason, not SQLite's "user-defined function raised exception"
    conn = sqlite3.connect(f"file:{library}?immutable=1", uri=True)
    with pytest.raises(plugin.Refused) as refused:
        plugin.example_note_on(conn)(plugin.as_text(bead), concept)
    conn.close()
    assert str(refused.value) == reason


def test_example_note_of_an_entry_without_terms_says_neither_side_uses_one(library, tmp_path):
    path = tmp_path / "lvterm.db"
    shutil.copy(library, path)
    conn = sqlite3.connect(path)
    conn.execute("insert into concepts (id, subject_field, origin) values ('empty', 'x', 'curated')")
    conn.commit()
    conn.close()
    bead = bead_of(path, "Bibliotēka atrodas")
    assert example_note(path, bead, "empty") == (200, "neither side uses a term of the entry")


def test_example_note_of_null_is_null(library):
    """SQL's convention, as lv_fold(NULL): a NULL argument gives NULL, not an error (term_lookup
    passes a NULL pair for an entry that has no example)."""
    sql = ("select example_note(null, 'library') as a, example_note(1, null) as b, "
           "example_note(null, 'no-such-entry') as c")
    response = get(datasette_for(library), "/lvterm.json", sql=sql, _shape="array")
    assert response.status_code == 200 and response.json() == [{"a": None, "b": None, "c": None}]
