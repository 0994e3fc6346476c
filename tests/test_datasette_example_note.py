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
    from lvterm.serve import metadata_for

    sql = metadata_for(library)["databases"]["lvterm"]["queries"]["term_lookup"]["sql"]
    conn = sqlite3.connect(f"file:{library}?immutable=1", uri=True, check_same_thread=False)
    plugin.prepare_connection(conn)
    inside, marks = [], plugin.bead_marks

    def slow(*args, **kwargs):
        inside.append(True)
        try:
            return marks(*args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(plugin, "bead_marks", slow)
    conn.set_progress_handler(lambda: 1 if inside else 0, 1)  # the deadline passes inside the note
    with pytest.raises(sqlite3.OperationalError, match="^interrupted$"):
        conn.execute(sql, {"q": "lasītava"}).fetchall()
    conn.set_progress_handler(None, 1)
    assert conn.execute(sql, {"q": "lasītava"}).fetchall()
    conn.close()
