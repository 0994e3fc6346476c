"""The `review_alignments` canned query pages past 1,000 rows the way the concordance does: `_next`
is the bead of the last row, and the query goes on after it in its own order, (confidence, bead).
It stopped at 1,000 rows: a canned query has no paging of its own, and keyset paging on an order by
score needs the bead as well, since many pairs share a score. Run through Datasette's test client on
a copy of the fixture library with 1,100 pairs to review, their scores repeating (37 values), so
page breaks fall inside a run of equal scores.

A `_next` naming no pair under review (no such pair, one at or above the threshold, one without a
score, a number from before a rebuild) is a 400 saying so, with a link to the first page: it gave
an empty page, "No more results after pair 999999", and a paging script stopped as if it had
every pair."""
from __future__ import annotations

import html
import re
import shutil
import sqlite3

import pytest

from fixtures.datasette.client import datasette_for, get, with_more_pairs
from lvterm.constants import REVIEW_THRESHOLD


@pytest.fixture(scope="module")
def review(library_db, tmp_path_factory):
    """(the Datasette, every bead to review in the order the query promises: least confident
    first, equal scores in bead order)."""
    path = with_more_pairs(library_db, tmp_path_factory.mktemp("review") / "lvterm.db", 1_100)
    conn = sqlite3.connect(path)
    # scores not in bead order, 37 values under the threshold: about 30 pairs share each
    conn.execute("update beads set score = ((id * 7) % 37) / 100.0 where position >= 10000")
    # two pairs not to review: one at the threshold, one the aligner gave no score
    conn.execute("update beads set score = ? where position = 10000", [REVIEW_THRESHOLD])
    conn.execute("update beads set score = null where position = 10001")
    conn.commit()
    expected = [r[0] for r in conn.execute("select id from beads where score < ? order by score, id",
                                           [REVIEW_THRESHOLD])]
    scores = dict(conn.execute("select id, score from beads"))
    conn.close()
    assert len(expected) > 1_000 and scores[expected[999]] == scores[expected[1000]], \
        "the first page must end inside a run of equal scores"
    not_to_review = {
        "at the threshold": conn_value(path, "select id from beads where position = 10000"),
        "above it": conn_value(path, "select id from beads where score >= ? and position < 10000", REVIEW_THRESHOLD),
        "without a score": conn_value(path, "select id from beads where score is null"),
        "no such pair": 999_999,
    }
    return datasette_for(path), expected, not_to_review


def conn_value(path, sql: str, *params):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchone()[0]
    finally:
        conn.close()


def test_review_alignments_json_pages_reach_every_bead_once_in_order(review):
    ds, expected, _ = review
    seen, after, pages = [], None, 0
    while pages < 5:  # two pages are due; a query ignoring _next would repeat its first page forever
        data = get(ds, "/lvterm/review_alignments.json", **({"_next": str(after)} if after else {})).json()
        assert data["ok"], data
        bead = data["columns"].index("bead")
        seen += [row[bead] for row in data["rows"]]
        pages += 1
        if not data["truncated"]:
            break
        assert len(data["rows"]) == 1_000
        after = data["rows"][-1][bead]
    assert seen == expected and pages == 2
    # after the last bead, nothing
    assert get(ds, "/lvterm/review_alignments.json", _next=str(expected[-1])).json()["rows"] == []


def test_review_alignments_page_links_reach_every_bead_once_in_order(review):
    ds, expected, _ = review
    url, seen, pages = "/lvterm/review_alignments", [], []
    while url and len(pages) < 5:
        page = get(ds, url).text
        seen += [int(b) for b in re.findall(r'<td class="col-bead"><a href="/-/lvterm/bead/(\d+)\?', page)]
        pages.append(page)
        link = re.search(r'<p class="lvterm-next"><a href="([^"]+)">Next page →</a>', page)
        url = html.unescape(link.group(1)) if link else None
    assert seen == expected and len(pages) == 2
    assert "1,000+ results" in pages[0] and 'href="/lvterm/review_alignments?_next=' in pages[0]
    last = seen[999]
    assert f"{len(expected) - 1_000} results after pair {last}" in pages[1]
    assert '<a href="/lvterm/review_alignments">back to the first</a>' in pages[1]


@pytest.mark.parametrize("value", ["abc", "-3", "0.2"])
def test_review_alignments_bad_next_is_a_400(review, value):
    ds, _, _ = review
    response = get(ds, "/lvterm/review_alignments.json", _next=value)
    assert response.status_code == 400
    # the page's word for the column: its rows are pairs
    assert response.json()["error"].startswith("_next must be a whole number, the pair of the last row")


@pytest.mark.parametrize("case", ["no such pair", "at the threshold", "above it", "without a score"])
def test_review_alignments_next_naming_no_pair_to_review_is_a_400(review, case):
    ds, expected, not_to_review = review
    bead = not_to_review[case]
    assert bead not in expected
    response = get(ds, "/lvterm/review_alignments.json", _next=str(bead))
    assert response.status_code == 400, response.text[:300]
    assert response.json()["error"] == (f"pair {bead} is not among the pairs to review (the library may have "
                                        "been rebuilt): start from the first page")


def test_review_alignments_next_from_before_a_rebuild_is_a_400(review, tmp_path):
    """A rebuild numbers the pairs anew: the last pair of a page read before it may be gone."""
    ds, expected, _ = review
    rebuilt = tmp_path / "lvterm.db"
    conn = sqlite3.connect(ds.databases["lvterm"].path)
    conn.execute("vacuum into ?", [str(rebuilt)])
    conn.close()
    conn = sqlite3.connect(rebuilt)
    conn.execute("delete from beads where id = ?", [expected[999]])
    conn.commit()
    conn.close()
    response = get(datasette_for(rebuilt), "/lvterm/review_alignments.json", _next=str(expected[999]))
    assert response.status_code == 400
    assert "is not among the pairs to review (the library may have been rebuilt)" in response.json()["error"]


@pytest.mark.parametrize("value", ["999999", "abc"])
def test_review_alignments_bad_next_page_links_back_to_the_first_page(review, value):
    """The HTML 400 says the sentence under the site's navigation and links to the page without
    `_next`: Datasette's error page had an empty bar and no way back."""
    ds, _, _ = review
    response = get(ds, "/lvterm/review_alignments", _next=value)
    assert response.status_code == 400
    page = response.text
    assert '<a href="/lvterm/review_alignments">Back to the first page</a>' in page
    assert '<p class="crumbs"><a href="/">home</a> / <a href="/lvterm">lvterm</a>' in page
    assert ("is not among the pairs to review" if value.isdigit() else "_next must be a whole number") in page


def test_every_pair_to_review_as_one_csv(review):
    """What docs/datasette.md gives for all the rows at once (the canned query's CSV is one page):
    the beads table's CSV streamed, filtered and sorted as the query is, ties in bead order."""
    import csv
    import io

    ds, expected, _ = review
    response = get(ds, "/lvterm/beads.csv", score__lt=str(REVIEW_THRESHOLD), _sort="score", _stream="on")
    assert response.status_code == 200
    assert [int(row["id"]) for row in csv.DictReader(io.StringIO(response.text))] == expected


def test_review_alignments_next_zero_is_the_first_page(review):
    """`_next=0` is before every pair (none is 0): the first page, as on the concordance."""
    ds, expected, _ = review
    zero = get(ds, "/lvterm/review_alignments.json", _next="0")
    assert zero.status_code == 200, zero.text[:300]
    bead = zero.json()["columns"].index("bead")
    assert [row[bead] for row in zero.json()["rows"]] == expected[:1_000] and zero.json()["truncated"]
    page = get(ds, "/lvterm/review_alignments", _next="0").text
    assert "1,000+ results ·" in page and "after pair" not in page


def test_review_alignments_next_naming_no_pair_is_a_400_in_a_library_named_with_a_dot(review, tmp_path):
    """A library file named lv.term.db is served at /lv~2Eterm/: the check compared that with the
    database's name and let any `_next` through (an empty page, "No more results after bead 999999")."""
    ds, expected, not_to_review = review
    dotted = tmp_path / "lv.term.db"
    shutil.copy(ds.databases["lvterm"].path, dotted)
    ds = datasette_for(dotted)
    assert get(ds, "/lv~2Eterm/review_alignments.json", _next=str(expected[5])).status_code == 200
    for bead in (999_999, not_to_review["above it"]):
        response = get(ds, "/lv~2Eterm/review_alignments.json", _next=str(bead))
        assert response.status_code == 400, response.text[:300]
        assert response.json()["error"] == (f"pair {bead} is not among the pairs to review (the library may "
                                            "have been rebuilt): start from the first page")
    page = get(ds, "/lv~2Eterm/review_alignments", _next="999999").text
    assert '<a href="/lv~2Eterm/review_alignments">Back to the first page</a>' in page
    assert '<a href="/lv~2Eterm">lv.term</a> / <a href="/lv~2Eterm/review_alignments">review_alignments</a>' in page
