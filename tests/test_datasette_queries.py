"""The published library through Datasette's test client: canned queries, plugin, templates, safety."""
from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.datasette.client import datasette_for, get, with_more_pairs
from lvterm.serve import metadata_for


@pytest.fixture(scope="module")
def ds(library_db):
    return datasette_for(library_db)


def rows(ds, query, q):
    response = get(ds, f"/lvterm/{query}.json", q=q, _shape="array")
    assert response.status_code == 200, response.text
    return response.json()


def test_datasette_canned_queries_have_the_agreed_names(ds):
    queries = get(ds, "/lvterm.json").json()["queries"]
    assert {q["name"] for q in queries} >= {"term_lookup", "concordance", "review_alignments",
                                             "terms_by_frequency"}


@pytest.mark.parametrize("q", ["tiklosana", "Tīklošanu", "TIKLOSANAS", "networking", "tiklosanaa"])
def test_datasette_term_lookup_ignores_inflection_case_diacritics_and_typos(ds, q):
    found = rows(ds, "term_lookup", q)
    assert found[0]["lv_term"] == "tīklošana" and found[0]["en_term"] == "networking"
    assert found[0]["status"] == "preferred"
    assert "<mark>" in found[0]["example_lv"] and "<mark>Networking</mark>" in found[0]["example_en"]


def test_datasette_term_lookup_match_kinds(ds):
    assert rows(ds, "term_lookup", "biedra naudu")[0]["match"] == "exact"
    assert rows(ds, "term_lookup", "tiklo")[0]["match"] == "prefix"
    assert rows(ds, "term_lookup", "tiklosanna")[0]["match"] == "fuzzy"
    assert rows(ds, "term_lookup", "zzzzzz") == []


@pytest.mark.parametrize("q", ["employee", "employees", "profits", "darba ņēmējs"])
def test_datasette_term_lookup_never_corrects_a_real_word(ds, q):
    """The canned query keeps the rule of `lvterm lookup` and the home page (`typo_of`): a word spelt
    right is not a typo of the term one letter away ("employee" is not "employer")."""
    assert rows(ds, "term_lookup", q) == []


def test_datasette_concordance_highlights_both_sides(ds):
    found = rows(ds, "concordance", "biedra naudu")
    assert len(found) == 3
    assert any("<mark>biedra</mark> <mark>naudu</mark>" in r["lv"] for r in found)
    assert any("<mark>biedra</mark> <mark>naudas</mark>" in r["lv"] for r in found)
    assert all("<mark>membership</mark> <mark>fee</mark>" in r["en"] for r in found)
    english = rows(ds, "concordance", "membership fees")
    assert {r["bead"] for r in english} == {r["bead"] for r in found}


def test_datasette_concordance_page_renders_marks_and_escapes_the_rest(ds):
    page = get(ds, "/lvterm/concordance", q="biedra naudu").text
    assert "<mark>biedra</mark>" in page and "&lt;mark&gt;biedra" not in page
    attack = get(ds, "/lvterm/concordance", q="<script>alert(1)</script>").text
    assert "<script>alert(1)</script>" not in attack


def test_datasette_review_alignments_lists_exactly_the_beads_under_the_threshold(ds, monkeypatch):
    """The canned query reads the threshold through review_threshold(), the SQL function that
    returns constants.REVIEW_THRESHOLD: move the threshold into the fixture's scores and the
    query must list the beads under it, and only those, least confident first."""
    import lvterm.site.functions as functions  # sql_functions' review_threshold()
    from lvterm.constants import REVIEW_THRESHOLD

    sql = metadata_for("build/lvterm.db")["databases"]["lvterm"]["queries"]["review_alignments"]["sql"]
    assert "review_threshold()" in sql
    assert get(ds, "/lvterm.json", sql="select review_threshold() as t", _shape="array").json() == [
        {"t": REVIEW_THRESHOLD}]
    beads = get(ds, "/lvterm/beads.json", _shape="array", _size="max").json()
    scores = sorted({b["score"] for b in beads})
    assert len(scores) >= 2, "the fixture needs beads of different confidence"
    cut = scores[len(scores) // 2]  # beads on both sides of the threshold
    monkeypatch.setattr(functions, "REVIEW_THRESHOLD", cut)
    review = get(ds, "/lvterm/review_alignments.json", _shape="array", _size="max").json()
    under = {b["id"] for b in beads if b["score"] < cut}
    assert under and len(under) < len(beads)
    assert {r["bead"] for r in review} == under
    assert [r["score"] for r in review] == sorted(r["score"] for r in review)


def test_datasette_terms_by_frequency_query(ds):
    freq = get(ds, "/lvterm/terms_by_frequency.json", _shape="array").json()
    assert [r["frequency"] for r in freq] == sorted((r["frequency"] for r in freq), reverse=True)
    assert freq[0]["frequency"] >= 3 and freq[0]["equivalents"]


def test_datasette_sql_functions(ds):
    sql = ("select lv_fold('Tīklošanu') as f, lv_stem('biedra naudu') as s, en_stem('membership fees') as e, "
           "fts_query('a\"b (*') as q, mark_terms('Maksā biedra naudu.', 'biedra nauda', 'lv') as m")
    row = get(ds, "/lvterm.json", sql=sql, _shape="array").json()[0]
    assert row == {"f": "tiklosanu", "s": "biedr naud", "e": "membership fee", "q": 'NEAR("a" "b", 2)',
                   "m": "Maksā <mark>biedra naudu</mark>."}


def test_datasette_entry_and_bead_pages(ds):
    entry = get(ds, "/-/lvterm/entry/membership-fee")
    assert entry.status_code == 200
    assert "<mark>biedra naudu</mark>" in entry.text and "<mark>membership fee</mark>" in entry.text
    assert "/lvterm/concordance?q=biedra+nauda" in entry.text
    bead = get(ds, "/-/lvterm/bead/3")
    assert bead.status_code == 200 and "<mark>Tīklošana</mark>" in bead.text and "<mark>Networking</mark>" in bead.text
    assert get(ds, "/-/lvterm/entry/no-such-entry").status_code == 404
    assert get(ds, "/-/lvterm/bead/99999").status_code == 404


def test_datasette_bead_page_speaks_plain_words_and_reads_on(ds):
    """The pair page names its sentences in words (not the raw JSON ids), a proposal by its label,
    and links the pairs before and after it in its post pair."""
    import re

    text = " ".join(re.sub(r"<[^>]+>", " ", get(ds, "/-/lvterm/bead/3").text).split())
    assert re.search(r"Latviešu \(Latvian\) · (sentence \d+|sentences \d+–\d+|no sentence)", text)
    assert "[" not in text.split("Latviešu (Latvian)", 1)[1].split("English", 1)[0]
    page = get(ds, "/-/lvterm/bead/3").text
    assert 'rel="prev"' in page or 'rel="next"' in page
    nxt = re.search(r'<a href="([^"]+)" rel="next">next pair →</a>', page)
    if nxt:
        assert get(ds, nxt.group(1).replace("&amp;", "&")).status_code == 200
    assert " – proposed<" not in page  # the label, not the raw status


@pytest.mark.parametrize("table", ["posts", "segments", "beads", "terms"])
def test_datasette_tables_sort_by_id(ds, table):
    """The id header is a sort link on every table page: it must sort, not answer 400."""
    assert get(ds, f"/lvterm/{table}", _sort_desc="id").status_code == 200


def test_datasette_row_pages_of_beads_and_concepts_lead_to_the_pages_for_people(ds):
    assert 'href="/-/lvterm/bead/3?db=lvterm">Read this pair side by side</a>' in get(ds, "/lvterm/beads/3").text
    page = get(ds, "/lvterm/concepts/membership-fee").text
    assert 'href="/-/lvterm/entry/membership-fee?db=lvterm">Open the entry</a>' in page


def test_datasette_canned_query_cards_on_a_phone_say_the_column_labels(ds):
    """Narrow screens show each cell under its column's name: the label people read, last in the
    cascade, so it wins over Datasette's own rule with the SQL name."""
    import re

    page = get(ds, "/lvterm/term_lookup", q="tiklosana").text
    rules = re.findall(r'td:nth-of-type\(1\):before \{ content: "([^"]*)"', page)
    assert rules[-1] == "Latvian"


def test_datasette_term_lookup_links_to_concordance_and_entry(ds):
    page = get(ds, "/lvterm/term_lookup", q="tiklosana").text
    assert 'href="/lvterm/concordance?q=t%C4%ABklo%C5%A1ana"' in page
    assert 'href="/-/lvterm/entry/networking?db=lvterm"' in page


def test_datasette_metadata_facets_and_descriptions(ds):
    meta = metadata_for("build/lvterm.db")
    tables = meta["databases"]["lvterm"]["tables"]
    assert "Dace Ūdre" in meta["license"] and "WordPress.com" in meta["source"]
    assert set(tables["posts"]["facets"]) >= {"author", "year", "category"}
    assert "status" in tables["terms"]["facets"] and "subject_field" in tables["concepts"]["facets"]
    assert "post_id" in tables["segments"]["facets"]
    page = get(ds, "/lvterm/posts").text
    assert "author" in page and "One row per post and language" in page


def test_datasette_metadata_follows_the_database_name(tmp_path):
    meta = metadata_for(tmp_path / "other.db")
    assert "other" in meta["databases"] and "lvterm" not in meta["databases"]
    assert "/other/term_lookup" in meta["description_html"]


def test_datasette_no_writes(ds):
    response = asyncio.run(ds.client.post("/lvterm/concordance", data={"q": "x"}))
    assert response.status_code in (400, 403, 405)
    api = asyncio.run(ds.client.post("/lvterm/terms.json", data={"q": "x"}))  # an API client gets JSON
    assert api.status_code == 405 and api.json() == {
        "ok": False, "error": "This library is read-only.", "status": 405, "title": None}
    sql = "insert into posts (id, slug, lang, title) values ('a', 'a', 'lv', 'a')"
    assert get(ds, "/lvterm.json", sql=sql).status_code == 400


HOSTILE = ['"', '""', "'", "(", ")", "*", "NEAR(", "a AND", "OR OR", "^", "-x", "col:", "{a b}:", "biedra \"naudu",
           "\\", "%", "_", "|", "||", "\u0000", "🙂", "a" * 500, "NOT", "tiklosana*\"("]


@pytest.mark.parametrize("q", HOSTILE)
def test_datasette_hostile_search_never_500(ds, q):
    for path in ("/lvterm/concordance", "/lvterm/term_lookup", "/lvterm/concordance.json", "/lvterm/segments",
                 "/lvterm/beads.json"):
        key = "_search" if "concordance" not in path and "term_lookup" not in path else "q"
        assert get(ds, path, **{key: q}).status_code == 200, (path, q)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('"\'()*:^-+{}[]|&%_ \\ aāšNEARORANDT0')), max_size=30))
def test_datasette_any_text_is_a_safe_query(ds, q):
    for query in ("concordance", "term_lookup"):
        assert get(ds, f"/lvterm/{query}.json", q=q).status_code == 200


def test_datasette_table_search_is_inflection_insensitive(ds):
    beads = get(ds, "/lvterm/beads.json", _search="biedra naudu", _shape="array").json()
    assert len(beads) == 3
    segments = get(ds, "/lvterm/segments.json", _search="TIKLOSANA", _shape="array").json()
    assert {s["lang"] for s in segments} == {"lv"} and len(segments) == 2


def test_datasette_search_all_box(ds):
    page = get(ds, "/-/search", q="tiklosana")
    assert page.status_code == 200 and "segments" in page.text


def test_datasette_bitext_view_is_searchable(ds):
    found = get(ds, "/lvterm/bitext.json", _search="membership fees", _shape="array").json()
    assert len(found) == 3 and all("biedra" in r["lv_text"] for r in found)


def test_datasette_every_visible_column_is_described(library_db):
    import sqlite3

    tables = metadata_for(library_db)["databases"]["lvterm"]["tables"]
    conn = sqlite3.connect(library_db)
    names = [r[0] for r in conn.execute("select name from sqlite_master where type in ('table', 'view') "
                                        "and name not like 'sqlite_%' and name not like '%_fts%'")]
    undocumented = [(t, c) for t in names for (_, c, *_rest) in conn.execute(f"pragma table_info([{t}])")
                    if c not in tables.get(t, {}).get("columns", {})]
    conn.close()
    assert undocumented == [] and all(tables[t].get("description") for t in names)


def test_datasette_concept_definitions_link_to_entries(ds):
    page = get(ds, "/lvterm/concepts").text
    assert 'href="/-/lvterm/entry/networking?db=lvterm"' in page


def test_datasette_bitext_ids_link_to_the_pair_page(ds):
    page = get(ds, "/lvterm/bitext").text
    assert 'href="/-/lvterm/bead/3?db=lvterm"' in page


def test_datasette_bead_page_marks_pairs_to_review(ds, monkeypatch):
    """'to review' follows the threshold the exports use (constants.REVIEW_THRESHOLD), not a copy."""
    import lvterm.site.entry as entry  # bead_page's module

    beads = get(ds, "/lvterm/beads.json", _shape="array", _size="max").json()
    cut = sorted(b["score"] for b in beads)[len(beads) // 2]  # some beads on each side
    monkeypatch.setattr(entry, "REVIEW_THRESHOLD", cut)
    for bead in beads:
        page = get(ds, f"/-/lvterm/bead/{bead['id']}").text
        assert ("to review" in page) == (bead["score"] < cut), bead["id"]


def test_datasette_canned_queries_say_when_rows_are_cut(library_db, tmp_path):
    """A canned query with more rows than the page shows says so (Datasette's `truncated`, the
    page's "1,000+"): the concordance stopped at 200 rows and reported `truncated: false`."""
    path = with_more_pairs(library_db, tmp_path / "lvterm.db", 1_100, score=0.1)  # to review
    big = datasette_for(path)
    for query, params in (("concordance", {"q": "membership fee"}), ("review_alignments", {})):
        data = get(big, f"/lvterm/{query}.json", **params).json()
        assert len(data["rows"]) == 1000 and data["truncated"] is True, query
    assert "1,000+ results" in get(big, "/lvterm/concordance", q="membership fee").text
    small = get(big, "/lvterm/terms_by_frequency.json").json()
    assert small["truncated"] is False
