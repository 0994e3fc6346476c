"""fts_query: raw user text -> a safe FTS5 query of stem prefixes; mark_terms: inflected forms marked."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvterm.datasette_plugin import fts_query, fuzzy_score, mark_terms, render_marked


@pytest.fixture(scope="module")
def fts():
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table f using fts5(t, tokenize='unicode61 remove_diacritics 2')")
    conn.executemany("insert into f values (?)", [
        ("Ik gadu jāmaksā biedra nauda.",), ("Darba devējs sedz biedra naudu.",), ("Tīklošana palīdz.",),
        ("The membership fees are due.",), ("There is a fee.",), ("Biedrība un tās biedri.",)])
    return conn


def _hits(conn, q):
    return [r[0] for r in conn.execute("select t from f where f match ? order by rowid", [fts_query(q)])]


def test_datasette_fts_query_shapes():
    assert fts_query("biedra naudu") == 'NEAR("biedr"* "naud"*, 2)'
    assert fts_query("Tīklošanu") == '"tiklosan"*'
    assert fts_query("the") == '"the"'  # a function word is a whole word, never the prefix "the"*
    assert fts_query("tīklošana|networking") == '"tiklosan"* OR "networking"*'
    assert fts_query('"(*) a:b') == 'NEAR("a" "b", 2)'  # operators and quotes are dropped, words kept
    assert fts_query("") == fts_query('"*()') == '""'


def test_datasette_fts_query_finds_inflected_forms(fts):
    assert _hits(fts, "biedra naudu") == ["Ik gadu jāmaksā biedra nauda.", "Darba devējs sedz biedra naudu."]
    assert _hits(fts, "TIKLOSANA") == ["Tīklošana palīdz."]
    assert _hits(fts, "membership fee") == ["The membership fees are due."]
    assert _hits(fts, "the") == ["The membership fees are due."]  # not "There"


def test_datasette_fts_query_an_english_word_finds_its_forms_and_no_other_word(fts):
    """An English word is searched by its English forms, not by a Latvian stem that is also the
    prefix of another word: employee is not employer, party not part, manage still finds managing."""
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table f using fts5(t, tokenize='unicode61 remove_diacritics 2')")
    rows = ["The employer pays.", "An employee joins.", "Two employees left.", "They take part in it.",
            "The party met.", "Parties agree.", "Managing a library.", "She manages it.", "Libraries open.",
            "A librarian helps."]
    conn.executemany("insert into f values (?)", [(r,) for r in rows])

    def hits(q):
        return [r[0] for r in conn.execute("select t from f where f match ? order by rowid", [fts_query(q)])]

    assert hits("employee") == ["An employee joins.", "Two employees left."]
    assert hits("party") == ["The party met.", "Parties agree."]
    assert hits("manage") == ["Managing a library.", "She manages it."]
    assert hits("libraries") == ["Managing a library.", "Libraries open."]


@given(st.text(max_size=40))
def test_datasette_fts_query_never_a_syntax_error(fts, text):
    fts.execute("select count(*) from f where f match ?", [fts_query(text)]).fetchone()


def test_datasette_mark_terms_marks_forms_and_render_escapes():
    marked = mark_terms("Darba devējs sedz <b>biedra naudu</b> un biedra naudas daļu.", "biedra nauda", "lv")
    assert marked.count("<mark>") == 2 and "<mark>biedra naudu</mark>" in marked
    html = str(render_marked(marked))
    assert "&lt;b&gt;" in html and "<mark>biedra naudas</mark>" in html and "<b>" not in html
    assert mark_terms(None, "x", "lv") is None and mark_terms("text", "", "lv") == "text"


def test_datasette_fuzzy_score():
    assert fuzzy_score("tīklošana", "TIKLOSANA") == 100
    assert 80 <= fuzzy_score("tiklosana", "tiklosna") < 100
    assert fuzzy_score("tiklosana", "membership") < 50 and fuzzy_score(None, "x") == 0
