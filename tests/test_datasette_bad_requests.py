"""Requests Datasette would answer wrongly are a 400 with one sentence saying why: a `_next` on the
`bitext` view that is no whole number (a 500 before), `_search` on a table without full-text search
(every row before), a column search on the view (no row before). And the plugin's SQL functions take
numbers as SQLite's own text functions do. On a page, every 400, the plugin's and Datasette's, is the
site's bad-request page (navigation, the sentence, a link back), with CORS headers as the JSON has."""
from __future__ import annotations

import html
import re
import shutil

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


# --- every 400 on a page is the site's page: navigation, the sentence, a way back, CORS ----------------

def bad_request_page(text: str) -> dict:
    """The parts of a 400 page: its crumbs, heading, message and link back (None when absent)."""
    def found(pattern):
        match = re.search(pattern, text, re.S)
        return match.group(1) if match else None

    return {"crumbs": found(r'(<p class="crumbs">.*?</p>)'), "h1": found(r"<h1>(.*?)</h1>"),
            "error": found(r'<p class="message-error">(.*?)</p>'), "back": found(r'<p class="lvterm-back">(.*?)</p>')}


@pytest.mark.parametrize("table, params, title, message", [
    # the plugin's own (filters_from_request)
    ("posts", {"_search": "x"}, "Bad request", "posts has no full-text search, so _search cannot be used on it"),
    ("bitext", {"_search_lv_text": "tīklošana"}, "Bad request", "bitext is a view, and Datasette cannot search"),
    # Datasette's own
    ("beads", {"_size": "x"}, "Bad request", "_size must be a positive integer"),
    ("beads", {"_col": "nocol"}, "Bad request", "_col=nocol - invalid columns"),
    ("beads", {"_where": "nocol = 1"}, "Invalid SQL", "no such column: nocol"),
])
def test_every_400_on_a_page_is_the_sites_bad_request_page(ds, table, params, title, message):
    """They were Datasette's bare "Error 400" page: an empty navigation bar and no way back."""
    response = get(ds, f"/lvterm/{table}", **params)
    assert response.status_code == 400
    page = bad_request_page(response.text)
    assert page["crumbs"] == (f'<p class="crumbs"><a href="/">home</a> / <a href="/lvterm">lvterm</a> / '
                              f'<a href="/lvterm/{table}">{table}</a></p>')
    assert page["h1"] == title and page["error"].startswith(html.escape(message, quote=True))
    assert page["back"] == '<a href="/">Back to the library</a>'
    assert "Error 400" not in response.text


@pytest.mark.parametrize("path, params", [
    ("/lvterm/bitext", {"_next": "abc"}),  # a bad _next (BadNext)
    ("/lvterm/posts", {"_search": "x"}),  # the plugin's other 400s
    ("/lvterm/beads", {"_size": "x"}),  # Datasette's
    ("/lvterm/bitext.json", {"_next": "abc"}),
    ("/lvterm/bitext.csv", {"_next": "abc"}),
])
def test_a_400_has_cors_headers_when_the_server_sends_them(ds, library_db, path, params):
    """`lvterm serve` passes --cors: the HTML and CSV 400s lacked the headers its JSON ones have."""
    response = get(ds, path, **params)
    assert response.status_code == 400
    assert response.headers.get("access-control-allow-origin") == "*"
    assert response.headers.get("access-control-expose-headers") == "Link"
    without = get(datasette_for(library_db, cors=False), path, **params)
    assert without.status_code == 400 and "access-control-allow-origin" not in without.headers


@pytest.mark.parametrize("path, params, back", [
    ("/lvterm/bitext.csv", {"_next": "abc"}, "/lvterm/bitext"),
    ("/lvterm/bitext.csv", {"_next": "abc", "_dl": "1", "year": "2012"}, "/lvterm/bitext?year=2012"),
    ("/lvterm/bitext", {"_next": "abc", "_format": "csv"}, "/lvterm/bitext"),
])
def test_a_csv_requests_400_links_back_to_the_html_page(ds, path, params, back):
    """It linked to the CSV, with the `_nofacet=1&_nocount=1` Datasette adds inside for one."""
    response = get(ds, path, **params)
    assert response.status_code == 400
    assert bad_request_page(response.text)["back"] == f'<a href="{html.escape(back)}">Back to the first page</a>'


@pytest.fixture(scope="module")
def dotted(library_db, tmp_path_factory):
    """The library as a file whose name Datasette tilde-encodes in its URLs: lv.term.db, /lv~2Eterm/."""
    path = tmp_path_factory.mktemp("dotted") / "lv.term.db"
    shutil.copy(library_db, path)
    return datasette_for(path)


@pytest.mark.parametrize("path, params, back", [
    ("/lv~2Eterm/posts", {"_search": "x"}, '<a href="/">Back to the library</a>'),
    ("/lv~2Eterm/bitext", {"_next": "abc"}, '<a href="/lv~2Eterm/bitext">Back to the first page</a>'),
])
def test_a_400_page_of_a_library_named_with_a_dot_has_its_navigation(dotted, path, params, back):
    """The crumbs compared the URL's lv~2Eterm with the database's name, lv.term, and showed only
    "home"."""
    table = path.rsplit("/", 1)[1]
    response = get(dotted, path, **params)
    assert response.status_code == 400
    page = bad_request_page(response.text)
    assert page["crumbs"] == (f'<p class="crumbs"><a href="/">home</a> / <a href="/lv~2Eterm">lv.term</a> / '
                              f'<a href="/lv~2Eterm/{table}">{table}</a></p>')
    assert page["back"] == back


# --- a query past the time limit, the format of an error, the way back -------------------------------

#: Runs until the time limit stops it.
ENDLESS = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c"


@pytest.fixture(scope="module")
def hasty(library_db):
    """The library under a short time limit, with a canned query that never ends."""
    return datasette_for(library_db, settings={"sql_time_limit_ms": 100},
                         queries={"endless": {"sql": ENDLESS, "title": "Every number"}})


def html_error(text: str) -> str | None:
    """The message of a 400 page whose message is Datasette's markup ("SQL Interrupted")."""
    match = re.search(r'<div class="message-error">(.*?)</div>', text, re.S)
    return match.group(1) if match else None


@pytest.mark.parametrize("path, params, back", [
    ("/lvterm/segments", {"_where": f"({ENDLESS}) > 0"}, '<a href="/">Back to the library</a>'),
    ("/lvterm", {"sql": ENDLESS}, '<a href="/lvterm">Back to the lvterm database</a>'),
    ("/lvterm/endless", {}, '<a href="/lvterm/endless">Back to Every number</a>'),
])
def test_a_csv_past_the_time_limit_is_the_sql_interrupted_page_its_html_is(hasty, path, params, back, capfd,
                                                                          caplog):
    """Datasette's CSV path let the interruption through: a 500, with its traceback twice in the log
    (lvterm's error line and Datasette's own). Now the CSV is the 400 its page is, and logs nothing."""
    page = get(hasty, path, **params)
    capfd.readouterr()
    with caplog.at_level("INFO", logger="lvterm.datasette"):
        csv = get(hasty, path + ".csv", **params)
    assert csv.status_code == 400, csv.text[:300]
    assert page.status_code == 400
    for response in (page, csv):
        assert bad_request_page(response.text)["h1"] == "SQL Interrupted"
        assert html_error(response.text).startswith("<p>SQL query took too long.")
        assert bad_request_page(response.text)["back"] == back
    as_json = get(hasty, path + ".json", **params).json()  # its SQL has every column, as the CSV's
    assert as_json["title"] == "SQL Interrupted" and html_error(csv.text) == as_json["error"]
    assert "with recursive c(x) as" in html_error(csv.text)
    assert "Traceback" not in capfd.readouterr().err and not caplog.records


@pytest.mark.parametrize("table, params, back, message", [
    ("segments", {"_size": "x"}, '<a href="/">Back to the library</a>', "_size must be a positive integer"),
    ("bitext", {"_next": "abc"}, '<a href="/lvterm/bitext">Back to the first page</a>', "_next must be a whole"),
    ("posts", {"_search": "x"}, '<a href="/">Back to the library</a>', "posts has no full-text search"),
])
def test_format_json_in_the_query_string_is_the_html_page_as_datasette_answers_it(ds, table, params, back,
                                                                                  message):
    """`_format=json` chooses no format in Datasette 0.65 (the page is HTML), but the 400s took it
    for JSON: Datasette's bare "Error 400" page, or lvterm's JSON on an HTML page. Now the URL's
    format decides, as Datasette's: the site's page."""
    assert get(ds, "/lvterm/segments", _format="json").headers["content-type"].startswith("text/html")
    response = get(ds, f"/lvterm/{table}", _format="json", **params)
    assert response.status_code == 400 and response.headers["content-type"].startswith("text/html")
    page = bad_request_page(response.text)
    assert page["h1"] == "Bad request" and page["error"].startswith(message) and page["back"] == back
    json_response = get(ds, f"/lvterm/{table}.json", **params)  # the .json URL's is JSON
    assert json_response.status_code == 400 and json_response.json()["error"].startswith(message)


def test_your_own_sqls_400_leads_back_to_the_database_page(ds, dotted):
    """It led to the home page, away from the SQL box."""
    response = get(ds, "/lvterm", sql="update posts set id = 1")
    assert response.status_code == 400
    page = bad_request_page(response.text)
    assert page["h1"] == "Invalid SQL" and page["back"] == '<a href="/lvterm">Back to the lvterm database</a>'
    dotted_page = bad_request_page(get(dotted, "/lv~2Eterm", sql="update posts set id = 1").text)
    assert dotted_page["back"] == '<a href="/lv~2Eterm">Back to the lv.term database</a>'


# --- a bad query string Datasette takes for a server error: a 400, and no traceback in the log ---------

@pytest.mark.parametrize("path, params, message", [
    ("/lvterm/terms", {"_through": "zz"}, "a parameter that takes JSON (such as _through) could not be read"),
    ("/lvterm/terms.json", {"_through": "zz"}, "a parameter that takes JSON (such as _through) could not be read"),
    ("/lvterm.json", {"sql": "", "_shape": "array"}, "no SQL query given (?sql=...)"),
    ("/lvterm/terms", {"_where": "term = :p"},
     "You did not supply a value for binding parameter :p. Give it in the query string (e.g. &p=value)."),
    ("/lvterm/terms.json", {"_where": "term = :p"},
     "You did not supply a value for binding parameter :p. Give it in the query string (e.g. &p=value)."),
])
def test_a_bad_query_string_datasette_takes_for_a_server_error_is_a_400_without_a_traceback(ds, path, params,
                                                                                         message, capfd, caplog):
    """lvterm answered them as 400s, but Datasette's own error handler, which runs after lvterm's
    and whose answer is dropped, still printed each one's traceback on stderr, as for a 500."""
    capfd.readouterr()
    with caplog.at_level("INFO"):
        response = get(ds, path, **params)
    assert response.status_code == 400, response.text[:300]
    if path.endswith(".json"):
        assert response.json() == {"ok": False, "error": message, "status": 400, "title": None}
    else:
        page = bad_request_page(response.text)
        assert page["crumbs"] == ('<p class="crumbs"><a href="/">home</a> / <a href="/lvterm">lvterm</a> / '
                                  '<a href="/lvterm/terms">terms</a></p>')
        assert page["h1"] == "Bad request" and page["error"] == html.escape(message, quote=True)
        assert page["back"] == '<a href="/">Back to the library</a>'
    assert "Traceback" not in capfd.readouterr().err
    assert not [r for r in caplog.records if r.exc_info]


def test_a_server_error_still_logs_its_traceback(ds, capfd, caplog, monkeypatch):
    from datasette.views.table import TableView

    async def broken(self, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(TableView, "data", broken)
    capfd.readouterr()
    with caplog.at_level("ERROR", logger="lvterm.datasette"):
        response = get(ds, "/lvterm/terms")
    assert response.status_code == 500
    assert [r.getMessage() for r in caplog.records] == ["/lvterm/terms: boom"]
    assert "RuntimeError: boom" in capfd.readouterr().err  # Datasette's own print of it, as before


# --- a _timelimit that is no whole number; arguments Datasette reads without checking them -----------

TIMELIMIT = "_timelimit must be a whole number of milliseconds (got {!r})"


@pytest.mark.parametrize("path, params, page, back", [
    ("/lvterm/concordance", {"q": "biedra naudu", "_timelimit": "x"}, "concordance",
     '<a href="/lvterm/concordance">Back to Concordance</a>'),
    ("/lvterm/concordance.csv", {"q": "biedra naudu", "_timelimit": "1.5"}, "concordance",
     '<a href="/lvterm/concordance">Back to Concordance</a>'),
    ("/lvterm/terms", {"_timelimit": "²"}, "terms", '<a href="/">Back to the library</a>'),
    ("/lvterm/terms.csv", {"_timelimit": "x"}, "terms", '<a href="/">Back to the library</a>'),
    ("/lvterm", {"sql": "select 1", "_timelimit": "x"}, None, '<a href="/lvterm">Back to the lvterm database</a>'),
    ("/lvterm/concordance.json", {"q": "biedra naudu", "_timelimit": "x"}, None, None),
    ("/lvterm/terms.json", {"_timelimit": "²"}, None, None),
    ("/lvterm.json", {"sql": "select 1", "_timelimit": "1e3"}, None, None),
])
def test_a_timelimit_that_is_no_whole_number_is_a_400_without_a_traceback(ds, path, params, page, back, capfd,
                                                                          caplog):
    """Datasette read `_timelimit` with int(): a 500 with its traceback twice on stderr (lvterm's
    error line and Datasette's own), for a table, a canned query and your own SQL, in every format."""
    capfd.readouterr()
    with caplog.at_level("INFO"):
        response = get(ds, path, **params)
    assert response.status_code == 400, response.text[:300]
    message = TIMELIMIT.format(params["_timelimit"])
    if path.endswith(".json"):
        assert response.json() == {"ok": False, "error": message, "status": 400, "title": None}
    else:
        found = bad_request_page(response.text)
        crumbs = '<p class="crumbs"><a href="/">home</a> / <a href="/lvterm">lvterm</a>'
        crumbs += f' / <a href="/lvterm/{page}">{page}</a></p>' if page else "</p>"
        assert {**found, "error": html.unescape(found["error"])} == {"crumbs": crumbs, "h1": "Bad request",
                                                                      "error": message, "back": back}
    assert "Traceback" not in capfd.readouterr().err
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("value", ["", "500", " 500"])
def test_a_timelimit_datasette_takes_still_answers(ds, value):
    """An empty one is none, as Datasette takes it; a whole number int() reads is the limit."""
    response = get(ds, "/lvterm/concordance.json", q="biedra naudu", _shape="array", _timelimit=value)
    assert response.status_code == 200 and response.json()


def test_json_infinity_that_is_not_on_or_off_is_a_400(ds, capfd):
    """The JSON's `_json_infinity=x` was a 500 with an empty message and a traceback; the page,
    which does not read it, is unchanged."""
    capfd.readouterr()
    response = get(ds, "/lvterm/terms.json", _json_infinity="x")
    assert response.status_code == 400
    assert response.json()["error"] == "_json_infinity must be on or off, 1 or 0 (got 'x')"
    assert "Traceback" not in capfd.readouterr().err
    assert get(ds, "/lvterm/terms.json", _json_infinity="on").status_code == 200
    assert get(ds, "/lvterm/terms", _json_infinity="x").status_code == 200


@pytest.mark.parametrize("path, params", [
    ("/lvterm/terms", {}), ("/lvterm/terms.json", {}), ("/lvterm/concordance.json", {"q": "biedra naudu"}),
])
def test_a_ttl_int_does_not_read_is_the_default_cache_time_as_ttl_x_is(ds, path, params, capfd):
    """`_ttl=²` passed Datasette's `isdigit()` check and then failed its int(): a 500."""
    capfd.readouterr()
    response = get(ds, path, _ttl="²", **params)
    assert response.status_code == 200
    assert response.headers["cache-control"] == get(ds, path, _ttl="x", **params).headers["cache-control"]
    assert get(ds, path, _ttl="60", **params).headers["cache-control"] == "max-age=60"
    assert "Traceback" not in capfd.readouterr().err


# --- a CSV whose SQL fails is the 400 its JSON is, never a 200 with nothing --------------------------

@pytest.fixture(scope="module")
def failing(library_db):
    """The library with a canned query whose `params:` leave out one its SQL uses."""
    return datasette_for(library_db, queries={"pairs_of_a_kind": {
        "title": "Pairs of a kind", "params": ["kind"],
        "sql": "select id, lv_text, en_text from beads where kind = :kind and score >= :score"}})


@pytest.mark.parametrize("path, params, page, back", [
    ("/lvterm/pairs_of_a_kind", {"kind": "1-1"}, "pairs_of_a_kind",
     '<a href="/lvterm/pairs_of_a_kind">Back to Pairs of a kind</a>'),
    ("/lvterm/concordance", {"q": "biedra naudu " * 200}, "concordance",  # past fts_query's 2,000 characters
     '<a href="/lvterm/concordance">Back to Concordance</a>'),
    ("/lvterm", {"sql": "select * from pairs"}, None, '<a href="/lvterm">Back to the lvterm database</a>'),
])
def test_a_csv_whose_sql_fails_is_a_400_with_the_jsons_error(failing, path, params, page, back, capfd, caplog):
    """The page and the JSON answered 400, the CSV 200 with an empty line: a download with no
    rows and no word of the error."""
    as_json = get(failing, path + ".json", **params)
    assert as_json.status_code == 400 and as_json.json()["ok"] is False
    capfd.readouterr()
    with caplog.at_level("INFO"):
        csv = get(failing, path + ".csv", **params)
        download = get(failing, path + ".csv", _dl="1", **params)
    assert csv.status_code == 400 and download.status_code == 400, csv.text[:300]
    crumbs = '<p class="crumbs"><a href="/">home</a> / <a href="/lvterm">lvterm</a>'
    crumbs += f' / <a href="/lvterm/{page}">{page}</a></p>' if page else "</p>"
    for response in (csv, download):
        found = bad_request_page(response.text)
        assert {**found, "error": html.unescape(found["error"])} == {"crumbs": crumbs, "h1": "Invalid SQL",
                                                                      "error": as_json.json()["error"], "back": back}
    assert "Traceback" not in capfd.readouterr().err
    assert not [r for r in caplog.records if r.exc_info]


def test_a_csv_whose_sql_runs_is_still_its_rows(failing):
    response = get(failing, "/lvterm/pairs_of_a_kind.csv", kind="1-1", score="0")
    assert response.status_code == 200
    lines = response.text.splitlines()
    assert lines[0] == "id,lv_text,en_text" and len(lines) > 1
    assert len(lines) - 1 == len(get(failing, "/lvterm/pairs_of_a_kind.json", kind="1-1", score="0").json()["rows"])
