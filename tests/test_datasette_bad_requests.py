"""Requests Datasette would answer wrongly are a 400 with one sentence saying why: a `_next` on the
`bitext` view that is no whole number (a 500 before), `_search` on a table without full-text search
(every row before), a column search on the view (no row before). And the plugin's SQL functions take
numbers as SQLite's own text functions do. On a page, every 400, the plugin's and Datasette's, is the
site's bad-request page (navigation, the sentence, a link back), with CORS headers as the JSON has."""
from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

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


@pytest.mark.parametrize("table, arg", [("terms", "_facet"), ("bitext", "_facet"), ("beads", "_facet_array"),
                                        ("posts", "_facet_date")])
def test_a_facet_by_no_column_says_which_columns_there_are(ds, table, arg, capfd, caplog):
    """Datasette answered "Invalid SQL" and logged the SQL as an error, and coroutines it had made
    were never awaited (a RuntimeWarning on the server's stderr)."""
    response = get(ds, f"/lvterm/{table}.json", **{arg: "yaer"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith(f"{table} has no column 'yaer' to facet by; its columns: ")
    assert "never awaited" not in capfd.readouterr().err and not [r for r in caplog.records if r.levelname == "ERROR"]
    assert html.unescape(bad_request_page(get(ds, f"/lvterm/{table}", **{arg: "yaer"}).text)["error"]).startswith(
        f"{table} has no column 'yaer'")
    # a facet's JSON form names its column too
    assert get(ds, f"/lvterm/{table}.json", **{arg: '{"column": "yaer"}'}).json()["error"].startswith(
        f"{table} has no column 'yaer' to facet by")
    # a column it has still facets, in any case (SQLite's column names are case-insensitive)
    facets = get(ds, "/lvterm/bitext.json", _facet="year", _size="0").json()["facet_results"]
    assert "year" in facets.get("results", facets)
    assert get(ds, "/lvterm/terms.json", _facet="status", _size="0").status_code == 200
    assert get(ds, "/lvterm/terms.json", _facet="Status", _size="0").status_code == 200
    assert get(ds, "/lvterm/terms.json", _facet='{"column": "status"}', _size="0").status_code == 200


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

THROUGH = ('_through must be JSON naming a table that links to this one, its column and a value: '
           '{{"table": "...", "column": "...", "value": ...}} (got {!r})')


@pytest.mark.parametrize("path, params, message", [
    ("/lvterm/terms", {"_through": "zz"}, THROUGH.format("zz")),
    ("/lvterm/terms.json", {"_through": "zz"}, THROUGH.format("zz")),
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
        assert page["h1"] == "Bad request" and html.unescape(page["error"]) == message
        assert page["back"] == '<a href="/">Back to the library</a>'
    assert "Traceback" not in capfd.readouterr().err
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("error", [
    RuntimeError("boom"),
    # the types a bad request raises too, and the messages Datasette's own code gives them
    OverflowError("Python int too large to convert to SQLite INTEGER"), KeyError("rows"), KeyError("table"),
    json.JSONDecodeError("Expecting value", "zz", 0),
    sqlite3.ProgrammingError("Error binding parameter 1: type 'list' is not supported"),
    sqlite3.ProgrammingError("the query contains a null character"),
], ids=repr)
def test_a_server_error_is_a_500_logged_with_its_traceback_once(ds, capfd, caplog, monkeypatch, error):
    """The log had it twice: lvterm's error line with the traceback, then Datasette's own print. And
    a KeyError 'rows', a JSON error or an unsupported binding raised by the server's own code (not
    by the request's arguments, which are checked before) was answered as a 400."""
    from datasette.views.table import TableView

    async def broken(self, *args, **kwargs):
        raise error

    monkeypatch.setattr(TableView, "data", broken)
    capfd.readouterr()
    with caplog.at_level("ERROR", logger="lvterm.datasette"):
        response = get(ds, "/lvterm/terms")
    assert response.status_code == 500
    assert [(r.getMessage(), r.exc_info[1]) for r in caplog.records] == [(f"/lvterm/terms: {error}", error)]
    assert "Traceback" not in capfd.readouterr().err  # Datasette's own print of it is gone


def test_a_server_error_prints_one_traceback_on_the_servers_stderr(library_db):
    """As under `lvterm serve`, where nothing configured logging: the plugin's handler prints lvterm's
    line with the traceback; Datasette's print of the same traceback came after it."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from datasette.views.table import TableView
        from fixtures.datasette.client import datasette_for, get

        async def broken(self, *args, **kwargs):
            raise RuntimeError("boom")

        TableView.data = broken
        print(get(datasette_for({str(library_db)!r}), "/lvterm/terms").status_code)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "500", done.stderr[-2000:]
    assert done.stderr.count("Traceback") == 1, done.stderr
    assert "ERROR:     lvterm.datasette: /lvterm/terms: boom\nTraceback" in done.stderr


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


@pytest.mark.parametrize("value", ["", "0", "500", " 500"])
def test_a_timelimit_datasette_takes_still_answers(ds, value):
    """An empty one is none, as Datasette takes it, and so is 0 (Datasette lowers the server's limit
    only to a `custom_time_limit` that is true); a whole number int() reads is the limit."""
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


# --- arguments Datasette reads without checking them: a 400 saying what is wrong, where they are read --

NINES = "9" * 5000  # past the 4,300 digits Python's int() converts

NUL = "{} contains a NUL character (%00), which SQL cannot take"
FACET = '{} must be a column name, or JSON naming one: {{"column": "name"}} (got {!r})'
IN = "{} must be values separated by commas, or a JSON array of text and numbers (got {!r})"
PAST = "{} is past SQLite's largest integer, 9223372036854775807 (got {!r})"
DIGITS = "{} must be a number written with the digits 0-9 (got {!r})"


def no_traceback(capfd, caplog) -> bool:
    return "Traceback" not in capfd.readouterr().err and not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("value", [NINES, "0" * 5000 + "2"])
@pytest.mark.parametrize("path, params", [
    ("/lvterm/bitext.json", {}), ("/lvterm/bitext", {}), ("/lvterm/concordance.json", {"q": "biedra naudu"}),
    ("/lvterm/concordance.csv", {"q": "biedra naudu"}), ("/lvterm/review_alignments.csv", {}),
])
def test_a_next_too_long_for_int_is_the_400_of_a_bad_next(ds, path, params, value, capfd, caplog):
    """int() refused the 5,000 digits (ValueError) before the number's size was checked: a 500, its
    traceback twice in the log. A 25-digit `_next` was this 400 already."""
    capfd.readouterr()
    with caplog.at_level("INFO"):
        response = get(ds, path, _next=value, **params)
    assert response.status_code == 400, response.text[:300]
    assert "_next must be a whole number, " in response.text
    assert f"(got {value[:40]!r})" in html.unescape(response.text)
    assert no_traceback(capfd, caplog)


@pytest.mark.parametrize("path, params", [
    ("/lvterm.csv", {}), ("/lvterm.csv", {"sql": ""}), ("/lvterm.csv", {"sql": "", "_shape": "array"}),
    ("/lvterm.csv", {"_stream": "on"}), ("/lvterm.csv", {"_dl": "1"}), ("/lvterm.json", {"_shape": "arrayfirst"}),
])
def test_the_database_page_without_sql_has_no_rows_to_give(ds, path, params, capfd, caplog):
    """Its CSV was a 500 (KeyError 'columns'), the traceback twice in the log: now the 400 its JSON's
    `_shape=array` is."""
    capfd.readouterr()
    with caplog.at_level("INFO"):
        response = get(ds, path, **params)
    assert response.status_code == 400, response.text[:300]
    message = "no SQL query given (?sql=...)"
    if path.endswith(".json"):
        assert response.json() == {"ok": False, "error": message, "status": 400, "title": None}
    else:
        assert bad_request_page(response.text) == {
            "crumbs": '<p class="crumbs"><a href="/">home</a> / <a href="/lvterm">lvterm</a></p>', "h1": "Bad request",
            "error": message, "back": '<a href="/lvterm">Back to the lvterm database</a>'}
    assert no_traceback(capfd, caplog)


@pytest.mark.parametrize("path, params, message", [
    ("/lvterm/beads.json", {"_facet_size": "²"}, "_facet_size must be a whole number or max (got '²')"),
    ("/lvterm/bitext.json", {"_facet_size": "x"}, "_facet_size must be a whole number or max (got 'x')"),
    ("/lvterm/beads.json", {"_facet_size": NINES},
     "_facet_size is too large (5,000 digits): use max for as many values as the server gives"),
    ("/lvterm/beads.json", {"id__gt": "99999999999999999999"}, PAST.format("id__gt", "99999999999999999999")),
    ("/lvterm/beads.json", {"id__gte": NINES}, PAST.format("id__gte", NINES[:40])),
    ("/lvterm/beads.json", {"id__gt": "²"}, DIGITS.format("id__gt", "²")),
    ("/lvterm/beads.json", {"score__lt": "²"}, DIGITS.format("score__lt", "²")),
    ("/lvterm/beads.json", {"id__in": "[99999999999999999999]"}, IN.format("id__in", "[99999999999999999999]")),
    ("/lvterm/beads.json", {"id__notin": "[[1]]"}, IN.format("id__notin", "[[1]]")),
    ("/lvterm/beads.json", {"id__in": "[1"}, IN.format("id__in", "[1")),
    *[("/lvterm/terms.json", {"_through": value}, THROUGH.format(value)) for value in [
        "0", "1.5", "[]", '{"a":1}', '{"table": "occurrences", "column": "term_id"}',
        '{"table": "occurrences", "column": "term_id", "value": [1]}',
        '{"table": 5, "column": "term_id", "value": 1}']],
    ("/lvterm/terms.json", {"_through": '{"table": "posts", "column": "id", "value": 1}'},
     "Invalid _through - could not find corresponding foreign key: _through names a table with a foreign key to "
     'this one, its column and a value ({"table": "...", "column": "...", "value": ...})'),
    *[("/lvterm/beads.json", {key: "kind\0"}, NUL.format(key)) for key in ("_where", "_facet", "_facet_array",
                                                                           "_facet_date")],
    ("/lvterm/beads.json", {"kind\0": "1-1"}, "a parameter name contains a NUL character (%00), which SQL cannot take"),
    ("/lvterm.json", {"sql": "select 1\0"}, NUL.format("sql")),
    *[("/lvterm/beads.json", {key: '{"a":1}'}, FACET.format(key, '{"a":1}')) for key in ("_facet", "_facet_array",
                                                                                        "_facet_date")],
    ("/lvterm/beads.json", {"_facet": '{"simple": 5}'}, FACET.format("_facet", '{"simple": 5}')),
    ("/lvterm/beads.json", {"_facet": '{"simple": "kind\\u0000"}'},
     FACET.format("_facet", '{"simple": "kind\\u0000"}')),
])
def test_an_argument_datasette_cannot_read_is_a_400_saying_what_is_wrong(ds, path, params, message, capfd, caplog):
    """Each was a 500 with its traceback twice in the log (ValueError, OverflowError, TypeError,
    KeyError 'table' or 'simple', "the query contains a null character", "Invalid _through"), or a
    400 saying nothing of it (`id__in=[1` "a parameter that takes JSON (such as _through)...",
    `[[1]]` "Give it in the query string")."""
    capfd.readouterr()
    with caplog.at_level("INFO"):
        response = get(ds, path, **params)
    assert response.status_code == 400, response.text[:300]
    assert response.json() == {"ok": False, "error": message, "status": 400, "title": None}
    assert no_traceback(capfd, caplog)


def test_an_argument_datasette_cannot_read_is_the_sites_400_page(ds, capfd):
    capfd.readouterr()
    response = get(ds, "/lvterm/beads", id__gt="²")
    assert response.status_code == 400
    page = bad_request_page(response.text)
    assert {**page, "error": html.unescape(page["error"])} == {
        "crumbs": ('<p class="crumbs"><a href="/">home</a> / <a href="/lvterm">lvterm</a> / '
                   '<a href="/lvterm/beads">beads</a></p>'),
        "h1": "Bad request", "error": DIGITS.format("id__gt", "²"), "back": '<a href="/">Back to the library</a>'}
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("path, params", [
    ("/lvterm/beads.json", {"_facet": "kind", "_facet_size": "1"}),
    ("/lvterm/beads.json", {"_facet": '{"column": "kind"}', "_facet_size": "max"}),
    ("/lvterm/beads.json", {"_facet_size": "²", "_nofacet": "1"}),  # no facets: Datasette reads no size
    ("/lvterm/beads.csv", {"_facet_size": "²", "_facet": "kind\0"}),  # nor for a CSV, which has none
    ("/lvterm/beads.json", {"id__gt": "9223372036854775807"}), ("/lvterm/beads.json", {"id__gt": "1.5"}),
    ("/lvterm/beads.json", {"id__in": '[1, 2, null, "x", 1.5, true]'}), ("/lvterm/beads.json", {"id__in": "1,2"}),
    ("/lvterm/posts.json", {"_through": '{"table": "segments", "column": "lang", "value": "lv"}'}),
    ("/lvterm/beads.json", {"lv_text": "\0"}), ("/lvterm/concordance.json", {"q": "\0"}),  # values SQLite binds
    ("/lvterm/concordance.json", {"q": "biedra", "sql": "\0"}),  # a canned query runs its own SQL
    ("/lvterm.json", {}), ("/lvterm.json", {"_shape": "objects"}), ("/lvterm.json", {"sql": "select 1"}),
])
def test_arguments_datasette_reads_still_answer(ds, path, params):
    response = get(ds, path, **params)
    assert response.status_code == 200, response.text[:300]


def test_a_facet_size_is_still_the_facets_size(ds):
    facets = get(ds, "/lvterm/beads.json", _facet="position", _facet_size="2").json()["facet_results"]
    assert len(facets["position"]["results"]) == 2
    assert len(get(ds, "/lvterm/beads.json", _facet="position").json()["facet_results"]["position"]["results"]) > 2


@pytest.mark.parametrize("path, params, status", [
    ("/lvterm/beads/3", {"_timelimit": "x"}, 200), ("/lvterm/beads/3.json", {"_timelimit": "x"}, 200),
    ("/lvterm", {"_timelimit": "x"}, 200), ("/lvterm.json", {"_timelimit": "x"}, 200),
    ("/lvterm.json", {"_json_infinity": "x"}, 200),
    ("/nosuchdb/terms.json", {"_timelimit": "x"}, 404), ("/lvterm/nosuch.json", {"_json_infinity": "x"}, 404),
    ("/lvterm/nosuch.json", {"_timelimit": "x"}, 404), ("/lvterm/nosuch", {"id__gt": "²"}, 404),
    ("/lvterm/beads/999999.json", {"_json_infinity": "x"}, 404), ("/nosuchdb.csv", {}, 404),
])
def test_an_argument_is_checked_where_it_is_read_and_a_404_stays_one(ds, path, params, status):
    """A row and the database page without `?sql=` never read `_timelimit` (the database page's
    JSON no `_json_infinity` either: it has no rows), and answered 200; a database, table or row
    that does not exist is a 404 whatever the query string. Both had become the argument's 400."""
    assert get(ds, path, **params).status_code == status


@pytest.mark.parametrize("path, params", [
    ("/lvterm/beads/3.json", {}), ("/lvterm/concordance.json", {"q": "biedra naudu"}),
    ("/lvterm.json", {"sql": "select 1"}),
])
def test_json_infinity_is_checked_on_every_json_with_rows(ds, path, params):
    response = get(ds, path, _json_infinity="x", **params)
    assert response.status_code == 400
    assert response.json()["error"] == "_json_infinity must be on or off, 1 or 0 (got 'x')"


@pytest.mark.parametrize("path, params", [
    ("/lvterm/terms.json", {}), ("/lvterm/concordance.json", {"q": "biedra naudu"}),
    ("/lvterm.json", {"sql": "select 1"}), ("/lvterm/terms", {}),
])
@pytest.mark.parametrize("value, message", [
    (NINES, "_timelimit is too large (5,000 digits): give milliseconds below the server's time limit, which "
            "a request can only lower"),
    ("-5", "_timelimit must be at least 1 millisecond, or 0 for the server's limit (got '-5')"),
])
def test_a_timelimit_out_of_range_says_so(ds, path, params, value, message, capfd):
    """5,000 digits "must be a whole number" (it is one); a negative limit stopped the simplest
    query at once, "SQL Interrupted"."""
    capfd.readouterr()
    response = get(ds, path, _timelimit=value, **params)
    assert response.status_code == 400, response.text[:300]
    if path.endswith(".json"):
        assert response.json() == {"ok": False, "error": message, "status": 400, "title": None}
    else:
        assert html.unescape(bad_request_page(response.text)["error"]) == message
    assert "Traceback" not in capfd.readouterr().err
