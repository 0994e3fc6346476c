"""The `review_alignments` canned query pages past 1,000 rows the way the concordance does: `_next`
is the bead of the last row, and the query goes on after it in its own order, (confidence, bead).
It stopped at 1,000 rows: a canned query has no paging of its own, and keyset paging on an order by
score needs the bead as well, since many pairs share a score. Run through Datasette's test client on
a copy of the fixture library with 1,100 pairs to review, their scores repeating (37 values), so
page breaks fall inside a run of equal scores."""
from __future__ import annotations

import html
import re
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
    conn.commit()
    expected = [r[0] for r in conn.execute("select id from beads where score < ? order by score, id",
                                           [REVIEW_THRESHOLD])]
    scores = dict(conn.execute("select id, score from beads"))
    conn.close()
    assert len(expected) > 1_000 and scores[expected[999]] == scores[expected[1000]], \
        "the first page must end inside a run of equal scores"
    return datasette_for(path), expected


def test_review_alignments_json_pages_reach_every_bead_once_in_order(review):
    ds, expected = review
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
    ds, expected = review
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
    ds, _ = review
    response = get(ds, "/lvterm/review_alignments.json", _next=value)
    assert response.status_code == 400
    assert response.json()["error"].startswith("_next must be a whole number, the bead of the last row")
