"""The site's `term_lookup` canned query is `lvterm lookup`: it reads the hits of the SQL function
`lookup_hits(q)`, which runs `lvterm.terms.lookup.lookup` on the server's connection. Run on the
repository's own library through Datasette's test client, each query compared with `Library.lookup`."""
from __future__ import annotations

import sqlite3

import pytest

from lvterm import Library
from fixtures.datasette.client import datasette_for, get
from lvterm.serve import metadata_for


@pytest.fixture(scope="module")
def ds(repo_library):
    return datasette_for(repo_library)


def term_lookup(ds, q: str) -> list[dict]:
    response = get(ds, "/lvterm/term_lookup.json", q=q, _shape="array")
    assert response.status_code == 200, response.text
    return response.json()


KIND = {"exact": "exact", "fold": "exact", "stem": "exact", "lemma": "exact", "prefix": "prefix", "fuzzy": "fuzzy"}

#: query -> the entry it must find first (None: no entry), one or more of each kind of query
QUERIES = {
    "biedra nauda": "membership-fee",  # exact
    "biedra naudu": "membership-fee",  # inflected
    "profesionālajām organizācijām": "professional-organisation",
    "Tīklošanu": "networking",  # capitalised, inflected
    "tiklosana": "networking",  # without diacritics
    "socialos tiklus": "social-network",
    "biedra naudaam": "membership-fee",  # typed with aa for ā
    "bibliotekaas": "library",
    "the membership fee": "membership-fee",  # English with an article
    "the National Library of Latvia": "org-lnb",
    "membership fees": "membership-fee",
    "membership dues": "membership-fee",  # a synonym
    "biedra nuada": "membership-fee",  # typos
    "memebrship fee": "membership-fee",
    "tiklosanna": "networking",
    "membe": "member",  # prefix
    "organiz": None,  # prefix: whatever lookup finds first
    "profesional": None,  # a near miss: whatever lookup finds first
    "tiklo": None,
    "zzzzzz": None,  # nothing
    "employee": None,  # a word spelt right is no typo of "employer"
    "darba ņēmējs": None,
}


@pytest.mark.parametrize("q", list(QUERIES))
def test_term_lookup_agrees_with_library_lookup(ds, repo_library, q):
    """The first row is lookup's first entry (concept and match kind), and the rows are its entries
    in its order (`lvterm lookup --limit 50`)."""
    rows = term_lookup(ds, q)
    hits = Library(repo_library).lookup(q, limit=50, examples=0)
    assert [r["entry"] for r in rows] == [h.concept_id for h in hits]
    assert [r["match"] for r in rows] == [KIND[h.matched["via"]] for h in hits]
    assert [r["matched"] for r in rows] == [h.matched["term"] for h in hits]
    if hits:
        assert (rows[0]["lv_term"], rows[0]["en_term"], rows[0]["status"]) == (hits[0].lv, hits[0].en, hits[0].status)
    expected = QUERIES[q]
    if expected is not None:
        assert rows and rows[0]["entry"] == expected, rows[:1]
    elif q in ("zzzzzz", "employee", "darba ņēmējs"):
        assert rows == []


def test_term_lookup_keeps_its_columns_and_marks(ds):
    (row,) = term_lookup(ds, "the membership fee")
    assert list(row) == ["lv_term", "en_term", "machine_guess", "status", "matched", "subject_field", "also", "note",
                         "example_lv", "example_en", "example_note", "bead", "match", "entry"]
    assert row["machine_guess"] is None  # (a decided entry)
    assert row["matched"] == "membership fee" and row["match"] == "exact"
    assert "<mark>" in row["example_lv"] and "<mark>membership fee</mark>" in row["example_en"]
    assert "membership dues (en, admitted)" in row["also"] and "membership fee (en" not in row["also"]
    page = get(ds, "/lvterm/term_lookup", q="biedra naudu").text
    assert "<mark>biedra nauda" in page and "&lt;mark&gt;" not in page


def test_lookup_hits_sql_function(ds):
    """`lookup_hits(q)` is there for one's own SQL too; `typo_of` stays registered."""
    sql = ("select json_extract(value, '$.concept_id') as c, json_extract(value, '$.via') as via, "
           "json_extract(value, '$.match') as match from json_each(lookup_hits('biedra naudaam'))")
    rows = get(ds, "/lvterm.json", sql=sql, _shape="array").json()
    assert rows[0] == {"c": "membership-fee", "via": "exact", "match": "exact"}
    empty = get(ds, "/lvterm.json", sql="select lookup_hits('zzzzzz') as a, lookup_hits(null) as b, "
                                      "typo_of('tiklosanna', 'tiklosana') as t", _shape="array").json()
    assert empty == [{"a": "[]", "b": None, "t": 1}]


def test_lookup_hits_on_a_plain_connection(repo_library):
    """A researcher's own connection (rows as tuples) gets the SQL functions from
    `prepare_connection` and `lookup_hits` works there too (it raised TypeError)."""
    import lvterm.datasette_plugin as plugin

    conn = sqlite3.connect(f"file:{repo_library}?immutable=1", uri=True)
    plugin.prepare_connection(conn)
    hits = conn.execute("select json_extract(value, '$.concept_id') from json_each(lookup_hits('biedra naudu'))")
    assert hits.fetchone()[0] == "membership-fee"
    conn.close()


def test_term_lookup_past_the_time_limit_is_interrupted(repo_library, monkeypatch):
    """The engine's look-ups run under the calling query's time limit: a look-up interrupted inside
    `lookup_hits` stops the canned query with SQLite's own "interrupted" (Datasette's "query took
    too long"), not a function error or an empty answer."""
    import lvterm.datasette_plugin as plugin
    import lvterm.terms.lookup as engine

    sql = metadata_for(repo_library)["databases"]["lvterm"]["queries"]["term_lookup"]["sql"]
    conn = sqlite3.connect(f"file:{repo_library}?immutable=1", uri=True, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    plugin.prepare_connection(conn)
    inside = []
    lookup = engine.lookup

    def slow(*args, **kwargs):
        inside.append(True)
        try:
            return lookup(*args, **kwargs)
        finally:
            inside.pop()

    monkeypatch.setattr(engine, "lookup", slow)
    conn.set_progress_handler(lambda: 1 if inside else 0, 1)  # the deadline passes inside the engine
    with pytest.raises(sqlite3.OperationalError, match="^interrupted$"):
        conn.execute(sql, {"q": "profesional"}).fetchall()
    conn.set_progress_handler(None, 1)
    assert conn.execute(sql, {"q": "profesional"}).fetchall()  # the connection answers the next query
    conn.close()
