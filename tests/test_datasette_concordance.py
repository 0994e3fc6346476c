"""The `concordance` canned query finds a term the way `term_lookup` does (its SQL reads
`lookup_hits(q)`, the one lookup engine), marks both sides of each pair, and pages past 1,000 rows
with `_next`; it searches a typo's correction only when the engine offers it (the home page's
"did you mean") and then says so on the page. Run through Datasette's test client on the
repository's library and on a copy of the fixture library grown past one page."""
from __future__ import annotations

import re

import pytest

from fixtures.datasette.client import datasette_for, get, with_more_pairs


@pytest.fixture(scope="module")
def ds(repo_library):
    return datasette_for(repo_library)


def concordance(ds, q: str, **params) -> list[dict]:
    response = get(ds, "/lvterm/concordance.json", q=q, _shape="array", **params)
    assert response.status_code == 200, response.text
    return response.json()


def term_lookup(ds, q: str) -> list[dict]:
    return get(ds, "/lvterm/term_lookup.json", q=q, _shape="array").json()


# every way of typing the term term_lookup understands: the three pairs using biedra nauda, both sides marked
@pytest.mark.parametrize("q", ["biedra naudu", "membership fees", "the membership fee", "biedra naudaam",
                               "membrship fee", "BIEDRA NAUDA"])
def test_concordance_finds_what_term_lookup_finds(ds, q):
    assert term_lookup(ds, q)[0]["entry"] == "membership-fee"
    found = concordance(ds, q)
    assert [r["bead"] for r in found] == [r["bead"] for r in concordance(ds, "biedra nauda")]
    assert len(found) == 3
    for row in found:
        assert "<mark>biedra</mark> <mark>naud" in row["lv"], row["lv"]
        assert "<mark>membership</mark> <mark>fee</mark>" in row["en"], row["en"]


def test_concordance_marks_the_words_as_typed_too(ds):
    """'the' is marked where the query's words stand together, the term everywhere."""
    found = concordance(ds, "the membership fee")
    assert sum("<mark>the</mark> <mark>membership</mark>" in r["en"] for r in found) == 1


def test_concordance_adds_no_term_for_a_prefix(ds):
    """A prefix names no term (term_lookup says `prefix`): "membe" finds English words starting
    so, and no Latvian equivalent of member or membership fee is searched or marked."""
    assert {r["match"] for r in term_lookup(ds, "membe")} == {"prefix"}
    found = concordance(ds, "membe")
    assert found and all("<mark>" in r["en"] and "<mark>" not in r["lv"] for r in found)


def test_concordance_of_no_term_is_the_words_alone(ds):
    assert concordance(ds, "zzzzqqq") == []
    assert concordance(ds, "") == []


@pytest.fixture(scope="module")
def big(library_db, tmp_path_factory):
    """The fixture library with 1,100 more pairs using membership fee: 1,103 in all."""
    path = with_more_pairs(library_db, tmp_path_factory.mktemp("big") / "lvterm.db", 1_100)
    return datasette_for(path)


def test_concordance_pages_past_a_thousand_rows_with_next(big):
    first = get(big, "/lvterm/concordance.json", q="membership fee").json()
    assert len(first["rows"]) == 1000 and first["truncated"] is True
    last = first["rows"][-1][0]
    second = get(big, "/lvterm/concordance.json", q="membership fee", _next=str(last)).json()
    assert second["truncated"] is False and len(second["rows"]) == 103
    beads = [r[0] for r in first["rows"] + second["rows"]]
    assert beads == sorted(set(beads)) and second["rows"][0][0] > last
    assert get(big, "/lvterm/concordance.json", q="membership fee", _next=str(beads[-1])).json()["rows"] == []


def test_concordance_page_links_to_the_next_page(big):
    first = get(big, "/lvterm/concordance", q="membership fee").text
    last = get(big, "/lvterm/concordance.json", q="membership fee").json()["rows"][-1][0]
    link = f'href="/lvterm/concordance?q=membership+fee&amp;_next={last}"'
    assert "1,000+ results" in first and link in first and ">Next page →<" in first
    second = get(big, "/lvterm/concordance", q="membership fee", _next=str(last)).text
    assert f"103 results after pair {last}" in second and "Next page" not in second
    assert 'href="/lvterm/concordance?q=membership+fee">back to the first' in second


@pytest.mark.parametrize("value", ["abc", "-3", "1.5", "99999999999999999999"])
def test_concordance_bad_next_is_a_400_saying_what_it_takes(big, value):
    response = get(big, "/lvterm/concordance.json", q="membership fee", _next=value)
    assert response.status_code == 400
    assert response.json()["error"].startswith("_next must be a whole number, the pair of the last row")
    page = get(big, "/lvterm/concordance", q="membership fee", _next=value)
    assert page.status_code == 400
    assert '<a href="/lvterm/concordance?q=membership+fee">Back to the first page</a>' in page.text


def test_concordance_next_naming_no_pair_is_a_400(big):
    """A `_next` past every pair gave "No more results after pair 999999", as if the search had
    ended; a pair that is there but not found by the words still pages on (pair order)."""
    response = get(big, "/lvterm/concordance.json", q="membership fee", _next="999999")
    assert response.status_code == 400
    assert response.json()["error"] == ("pair 999999 is not in this library (the library may have been rebuilt): "
                                        "start from the first page")
    page = get(big, "/lvterm/concordance", q="membership fee", _next="999999")
    assert page.status_code == 400
    assert '<a href="/lvterm/concordance?q=membership+fee">Back to the first page</a>' in page.text
    every = [r[0] for r in get(big, "/lvterm/concordance.json", q="membership fee").json()["rows"]]
    gap = next(b for b in range(every[0], every[-1]) if b not in every)
    after = get(big, "/lvterm/concordance.json", q="membership fee", _next=str(gap)).json()
    assert after["rows"][0][0] == min(b for b in every if b > gap)


# --- a typo's correction: only the one the engine offers, and the page says so -------------------------

def correction_note(ds, q: str) -> str | None:
    """The concordance page's line saying which correction it searched, tags dropped."""
    found = re.search(r'<p class="lvterm-correction[^"]*">(.*?)</p>', get(ds, "/lvterm/concordance", q=q).text, re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)) if found else None


def home_sentences(ds, q: str) -> tuple[str, int]:
    """What the home page's "Sentences using “…”" searched for q, and how many pairs it found."""
    page = get(ds, "/", q=q).text
    searched = re.search(r"<h2>Sentences using “(.*?)”</h2>", page)
    count = re.search(r"(\d+) aligned pairs?", page)
    return (searched.group(1) if searched else q), (int(count.group(1)) if count else 0)


# a typo (lookup's first entry is fuzzy), a prefix outranking a fuzzy hit, a prefix, terms, no term
@pytest.mark.parametrize("q", ["membrship fee", "intrest", "comittee", "biedra nuada", "networkin", "librarie",
                               "membe", "membership fee", "biedra naudaam", "networking", "zzzzqqq"])
def test_concordance_searches_what_the_home_page_searches(ds, q):
    """The concordance corrects a typo exactly when the home page shows the sentences of the
    correction ("did you mean"): the same term, the same pairs, and the page names that term;
    a query that is no typo gets no such line."""
    searched, pairs = home_sentences(ds, q)
    assert len(concordance(ds, q)) == pairs
    if searched == q:
        assert correction_note(ds, q) is None
    else:
        assert correction_note(ds, q) == f"Showing pairs for “{searched}” (the nearest term to “{q}”)"


@pytest.mark.parametrize("q, fuzzy", [("networkin", "network"), ("librarie", "librarian")])
def test_a_fuzzy_hit_under_a_prefix_is_no_correction(ds, q, fuzzy):
    """term_lookup lists a typo match under the prefix it ranks first ("networkin" is networking
    being typed); the home page does not search it, so the concordance does not either: the words
    alone, nothing marked on the Latvian side, no note. (It searched and marked the fuzzy hit's
    term and its Latvian equivalent.)"""
    hits = term_lookup(ds, q)
    assert hits[0]["match"] == "prefix" and fuzzy in {h["matched"] for h in hits if h["match"] == "fuzzy"}
    found = concordance(ds, q)
    assert found and all("<mark>" not in r["lv"] for r in found)
    assert correction_note(ds, q) is None


@pytest.mark.parametrize("q, term, marked", [("membrship fee", "membership fee", "<mark>membership</mark>"),
                                             ("intrest", "interest", "<mark>interest"),
                                             ("comittee", "committee", "<mark>committee")])
def test_concordance_page_names_the_correction_it_searched(ds, q, term, marked):
    found = concordance(ds, q)
    assert found and all(marked in r["en"] for r in found)
    assert correction_note(ds, q) == f"Showing pairs for “{term}” (the nearest term to “{q}”)"
    page = get(ds, "/lvterm/concordance", q=q).text
    assert f'“<span lang="en">{term}</span>”' in page
    # the JSON rows are the pairs, as documented; lookup_hits says which entry is the correction
    assert list(found[0]) == ["bead", "post", "lv", "en", "score", "kind"]
    flagged = get(ds, "/lvterm.json", _shape="array", sql="select json_extract(value, '$.matched') as m from "
                  "json_each(lookup_hits(:q)) where json_extract(value, '$.correction')", q=q).json()
    assert flagged == [{"m": term}]


def test_concordance_next_zero_is_the_first_page(big):
    """`_next=0` (no pair is 0) was the first page before `_next` was checked, and is again: it
    was a 400, "pair 0 is not in this library"."""
    first = get(big, "/lvterm/concordance.json", q="membership fee").json()
    zero = get(big, "/lvterm/concordance.json", q="membership fee", _next="0")
    assert zero.status_code == 200, zero.text[:300]
    assert zero.json()["rows"] == first["rows"] and zero.json()["truncated"] is True
    page = get(big, "/lvterm/concordance", q="membership fee", _next="0")
    assert page.status_code == 200 and "1,000+ results ·" in page.text and "after pair" not in page.text


@pytest.fixture(scope="module")
def dotted(library_db, tmp_path_factory):
    """The library as a file whose name Datasette tilde-encodes in its URLs: lv.term.db, /lv~2Eterm/."""
    import shutil

    path = tmp_path_factory.mktemp("dotted") / "lv.term.db"
    shutil.copy(library_db, path)
    return datasette_for(path)


def test_concordance_next_naming_no_pair_is_a_400_in_a_library_named_with_a_dot(dotted):
    """The check looked the query up by the URL's `lv~2Eterm`, found no database of that name, and
    let `_next=999999` through: the empty page again, and "bead" for the page's "pair"."""
    assert get(dotted, "/lv~2Eterm/concordance.json", q="membership fee").json()["rows"]
    response = get(dotted, "/lv~2Eterm/concordance.json", q="membership fee", _next="999999")
    assert response.status_code == 400, response.text[:300]
    assert response.json()["error"] == ("pair 999999 is not in this library (the library may have been rebuilt): "
                                        "start from the first page")
    bad = get(dotted, "/lv~2Eterm/concordance.json", q="membership fee", _next="abc").json()["error"]
    assert bad.startswith("_next must be a whole number, the pair of the last row")
    page = get(dotted, "/lv~2Eterm/concordance", q="membership fee", _next="999999").text
    assert ('<p class="crumbs"><a href="/">home</a> / <a href="/lv~2Eterm">lv.term</a> / '
            '<a href="/lv~2Eterm/concordance">concordance</a></p>') in page
    assert '<a href="/lv~2Eterm/concordance?q=membership+fee">Back to the first page</a>' in page


def test_concordance_csv_400_links_back_to_the_html_page(big):
    """The CSV link's 400 led to the CSV again, with Datasette's inner `_nofacet=1&_nocount=1`."""
    response = get(big, "/lvterm/concordance.csv", q="membership fee", _next="999999", _size="max")
    assert response.status_code == 400
    assert '<a href="/lvterm/concordance?q=membership+fee&amp;_size=max">Back to the first page</a>' in response.text
    assert "_nofacet" not in response.text and ".csv" not in response.text


@pytest.mark.parametrize("path, params", [("/lvterm/bitext", {}), ("/lvterm/beads", {"_search": "membership fee"}),
                                          ("/lvterm/bitext", {"_next": "100"})])  # a later page: still every row
def test_the_csv_link_of_a_table_page_downloads_every_row(big, path, params):
    """"Download the rows: CSV" asked for one page of at most 1,000 rows (`_size=max`) and cut
    the download there, saying nothing; it streams them all now."""
    import csv
    import html
    import io
    import re

    page = get(big, path, **params).text
    link = html.unescape(re.search(r'<a class="lvterm-csv" href="([^"]+)"', page).group(1))
    assert "_stream=on" in link
    response = get(big, link)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert "_next" not in link
    counted = get(big, path + ".json", _size="0", **{k: v for k, v in params.items() if k != "_next"}).json()[
        "filtered_table_rows_count"]
    assert counted > 1000 and len(rows) == counted and len({r["id"] for r in rows}) == counted
    # the terms page's CSV still leaves out the internal key columns
    link = html.unescape(re.search(r'<a class="lvterm-csv" href="([^"]+)"', get(big, "/lvterm/terms").text).group(1))
    header = get(big, link).text.splitlines()[0].split(",")
    assert "_stream=on" in link and "term" in header and not {"fold_key", "stem_key", "lemma_key"} & set(header)


def test_a_query_too_long_for_the_concordance_says_so(ds):
    """Its error was SQLite's "user-defined function raised exception"."""
    response = get(ds, "/lvterm/concordance.json", q="biedra nauda " * 200)
    assert response.status_code == 400
    assert response.json()["error"] == "fts_query: argument longer than 2,000 characters"
