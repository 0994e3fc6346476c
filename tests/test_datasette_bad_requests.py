"""Requests Datasette would answer wrongly are a 400 with one sentence saying why: a `_next` on the
`bitext` view that is no whole number (a 500 before), `_search` on a table without full-text search
(every row before), a column search on the view (no row before). And the plugin's SQL functions take
numbers as SQLite's own text functions do."""
from __future__ import annotations

import pytest

from fixtures.datasette.client import datasette_for, get


@pytest.fixture(scope="module")
def ds(library_db):
    return datasette_for(library_db)


@pytest.mark.parametrize("value", ["abc", "-3", "1e3", "99999999999999999999"])
@pytest.mark.parametrize("path", ["/lvterm/bitext.json", "/lvterm/bitext.csv", "/lvterm/bitext"])
def test_bad_next_on_the_bitext_view_is_a_400(ds, path, value):
    response = get(ds, path, _next=value)
    assert response.status_code == 400, response.text[:200]
    assert "_next must be a whole number, the number of rows to skip" in response.text
    if path == "/lvterm/bitext":  # the page leads back to the view without _next
        assert '<a href="/lvterm/bitext">Back to the first page</a>' in response.text


def test_next_on_the_bitext_view_still_pages(ds):
    everything = get(ds, "/lvterm/bitext.json", _shape="array", _size="max").json()
    page = get(ds, "/lvterm/bitext.json", _shape="array", _size="2", _next="2").json()
    assert page == everything[2:4]


@pytest.mark.parametrize("table", ["terms", "posts", "concepts"])
def test_search_on_a_table_without_full_text_search_is_a_400(ds, table):
    response = get(ds, f"/lvterm/{table}.json", _search="zzzzqqq")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith(f"{table} has no full-text search")
    assert "(beads, segments, bitext)" in error and "/lvterm/term_lookup?q=" in error
    assert get(ds, f"/lvterm/{table}", _search="zzzzqqq").status_code == 400
    assert get(ds, f"/lvterm/{table}.json", _search="").status_code == 200  # an empty box is no search


@pytest.mark.parametrize("table", ["beads", "segments", "bitext"])
def test_search_on_tables_with_full_text_search_still_works(ds, table):
    response = get(ds, f"/lvterm/{table}.json", _search="tīklošanu", _shape="array")
    assert response.status_code == 200 and response.json()


def test_column_search_on_the_bitext_view_says_where_it_works(ds):
    """Datasette searches a view's column by `rowid in (...)`, and a view's rowid is NULL: every
    answer was empty. Now a 400 pointing at `_search` and at the beads table, where it works."""
    response = get(ds, "/lvterm/bitext.json", _search_lv_text="tīklošana")
    assert response.status_code == 400
    assert "?_search_lv_text= on the beads table" in response.json()["error"]
    beads = get(ds, "/lvterm/beads.json", _search_lv_text="tīklošana", _shape="array").json()
    assert beads and all("īkloš" in b["lv_text"].lower() for b in beads)


def test_sql_functions_take_numbers_as_text(ds):
    sql = ("select lv_fold(3) as fold, lv_stem(2011) as stem, en_fold(1.5) as en, fts_query(3) as fts, "
           "fuzzy_score(3, 3) as same, lookup_hits(42) as hits, mark_terms(3, 3, 'lv') as marked, "
           "lv_fold(null) as none_in")
    response = get(ds, "/lvterm.json", sql=sql, _shape="array")
    assert response.status_code == 200, response.text
    assert response.json() == [{"fold": "3", "stem": "2011", "en": "1.5", "fts": '"3"', "same": 100.0,
                                "hits": "[]", "marked": "<mark>3</mark>", "none_in": None}]
