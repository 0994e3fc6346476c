"""How lvterm's Datasette answers errors: every 400, lvterm's or Datasette's, as one plain sentence.

The pages' 400s are `templates/lvterm_bad_request.html` with a link back (`error_answer`, `way_back`),
the JSON's one sentence (`answers_json`); a bad `_next` is `BadNext`, leading back to the first page
(`next_value`, `first_page`); a query past the SQL time limit is the 400 "SQL Interrupted", its CSV
too (`interrupted_error`), and a CSV whose SQL fails is the 400 its page is (`_patch_csv_errors`); an
argument Datasette reads unchecked is a 400 saying what it should be (`bad_argument`,
`_patch_bad_arguments`); server errors are logged with their traceback,
a 400 with none (`_print_server_errors`), and Datasette's own error pages are plain
(`_plain_error_pages`: an unknown URL is a 404, not a 500).
The hooks calling these are `lvterm.datasette_plugin`'s (`handle_exception`, `startup`).
"""
from __future__ import annotations

import json
import logging
import sqlite3

from datasette.utils.asgi import BadRequest, Response
from markupsafe import Markup, escape


def _plain_error_pages() -> None:
    """Keep Datasette's default error handler from calling rich.print_exception, and from printing
    the traceback of a bad request (`_print_server_errors`).

    Datasette 0.65 prints every handled error with rich (locals included); for a URL no route
    matches it does so outside an `except` block, where rich raises, so an unknown deep URL
    (`/-/lvterm/bead/abc`, `/a/b/c/d`) became a 500 instead of a 404."""
    import types

    import datasette.handle_exception

    datasette.handle_exception.rich = None
    datasette.handle_exception.traceback = types.SimpleNamespace(print_exc=_print_server_errors)


def _print_server_errors(*args, **kwargs) -> None:
    """`traceback.print_exc` as Datasette's default error handler calls it, for every error that
    is not its own 400: it runs after lvterm's (`handle_exception` is no first-result hook) and its
    answer is dropped, but it still printed the traceback of the bad requests `client_error` makes
    a 400 of (`?_through=zz`, `.json?sql=&_shape=array`, `?_where=term=:p`). Only a server
    error's is printed now, as before (`error_answer` logs it too)."""
    import sys
    import traceback

    if client_error(sys.exc_info()[1]) is None:
        traceback.print_exc(*args, **kwargs)


def interrupted_error(exception) -> Exception:
    """A query past the SQL time limit (`QueryInterrupted`) as the 400 Datasette makes of it for a
    page or its JSON, "SQL Interrupted" (its markup, from `DataView.get`)."""
    import textwrap

    from datasette.views.base import DatasetteError

    return DatasetteError(textwrap.dedent("""
        <p>SQL query took too long. The time limit is controlled by the
        <a href="https://docs.datasette.io/en/stable/settings.html#sql-time-limit-ms">sql_time_limit_ms</a>
        configuration option.</p>
        <textarea style="width: 90%">{}</textarea>
        <script>
        let ta = document.querySelector("textarea");
        ta.style.height = ta.scrollHeight + "px";
        </script>
    """.format(escape(exception.sql or ""))).strip(), title="SQL Interrupted", status=400,
        message_is_html=True)


def _patch_csv_errors() -> None:
    """A CSV whose query fails is the 400 its page and JSON are, never a 200: Datasette's CSV path
    (`DataView.as_csv`) let `QueryInterrupted` through, a 500 with its traceback twice in the log
    (now the 400 "SQL Interrupted", `interrupted_error`), and took the failed SQL of a canned query
    or of `?sql=` (a 400 on its page and JSON, with SQLite's message) for no rows: a 200 whose body
    was an empty line (now that 400, `failed_query`). A streamed CSV interrupted after its first
    page has answered 200 already; Datasette ends it with the error's text, as before."""
    from datasette.database import QueryInterrupted
    from datasette.views.base import DataView

    if getattr(DataView.as_csv, "_lvterm_errors", False):
        return
    original = DataView.as_csv

    async def as_csv(self, request, database):
        self.data = failed_query(self.data)  # this request's view only: Datasette makes one a request
        try:
            return await original(self, request, database)
        except QueryInterrupted as exc:
            raise interrupted_error(exc) from None

    as_csv._lvterm_errors = True
    DataView.as_csv = as_csv


def failed_query(data):
    """A view's `data` as the CSV calls it, raising the 400 "Invalid SQL" with SQLite's message, as
    the JSON's `error` has it, where Datasette's answer is a failed query's: `QueryView` returns
    its status with the rows, 400 with none when the SQL failed (`no such table`, a parameter the
    query string does not give, a value SQLite refuses), and only the page and the JSON use it."""
    from datasette.views.base import DatasetteError

    async def checked(*args, **kwargs):
        answer = await data(*args, **kwargs)
        if isinstance(answer, tuple) and len(answer) == 4 and answer[3] == 400 and answer[0].get("error"):
            raise DatasetteError(answer[0]["error"], title="Invalid SQL", status=400)
        return answer

    return checked


def bad_argument(args, *, fmt: str | None) -> str | None:
    """What is wrong with a data view's query string (`args`, `fmt` the URL's format), for the
    arguments Datasette 0.65 reads without checking them: a `_timelimit` that is no whole number
    (int() raised, a 500 with its traceback twice in the log) and, on the JSON, a `_json_infinity`
    that is not on or off (a 500 with no message). None when they are right or absent; an empty
    `_timelimit` is none, as Datasette takes it."""
    from datasette.utils import ValueAsBooleanError, value_as_boolean

    limit = args.get("_timelimit")
    if limit:
        try:
            int(limit)
        except ValueError:
            return f"_timelimit must be a whole number of milliseconds (got {limit[:40]!r})"
    if fmt == "json" and "_json_infinity" in args:
        try:
            value_as_boolean(args.get("_json_infinity"))
        except ValueAsBooleanError:
            return f"_json_infinity must be on or off, 1 or 0 (got {args.get('_json_infinity')[:40]!r})"
    return None


def _patch_bad_arguments() -> None:
    """Every data view (table, row, database, canned query, `?sql=`, in every format) checks its
    query string first (`bad_argument`): a 400 saying what is wrong, the site's page or Datasette's
    JSON. A `_ttl` whose digits int() does not take (`_ttl=²`: `str.isdigit` is true, a 500) is
    the default cache time, as Datasette takes `_ttl=x`."""
    from datasette.views.base import DataView

    if getattr(DataView.get, "_lvterm_checked", False):
        return
    original_get, original_headers = DataView.get, DataView.set_response_headers

    async def get(self, request):
        problem = bad_argument(request.args, fmt=request.url_vars.get("format"))
        if problem is not None:
            raise BadRequest(problem)
        return await original_get(self, request)

    def set_response_headers(self, response, ttl):
        try:
            int(ttl)
        except ValueError:
            ttl = self.ds.setting("default_cache_ttl")
        return original_headers(self, response, ttl)

    get._lvterm_checked = True
    DataView.get, DataView.set_response_headers = get, set_response_headers


def client_error(exception: BaseException) -> str | None:
    """What was wrong with the request, when Datasette treated a bad query-string parameter as a
    server error (`?sql=&_shape=array`, `?_sort=nocol`, `?_where=term=:p`, `?_through=zz`); None for
    real server errors."""
    from datasette.views.base import DatasetteError

    if isinstance(exception, sqlite3.ProgrammingError) and "binding parameter" in str(exception):
        return f"{exception} Give it in the query string (e.g. &p=value)."
    if isinstance(exception, json.JSONDecodeError):
        return "a parameter that takes JSON (such as _through) could not be read"
    if isinstance(exception, KeyError) and exception.args == ("rows",):
        return "no SQL query given (?sql=...)"
    if isinstance(exception, DatasetteError) and str(exception).startswith(("Cannot sort", "Cannot use _sort")):
        return str(exception)
    return None


class BadNext(BadRequest):
    """A `_next` a page cannot go on from: a 400 whose page links to the first page, the request
    without `_next` (`handle_exception`, `first_page`)."""


def bad_request(exception: BaseException) -> dict | None:
    """A 400 as `lvterm_bad_request.html` shows it (`error`, `title`; `html`: the message is
    Datasette's own markup, as its "SQL Interrupted"), for any 400 raised while answering a request:
    lvterm's (`BadNext`, `filters_from_request`'s `BadRequest`, `client_error`'s) and Datasette's
    (`BadRequest`: `_size=x`, `_facet=` not allowed; `DatasetteError` 400: `_col=nocol`, invalid
    SQL, a query past the time limit, its CSV too: `_patch_csv_errors`). None for anything
    else (404, 403, 5xx)."""
    from datasette.views.base import DatasetteError

    problem = client_error(exception)
    if problem is not None:
        return {"error": problem, "title": None, "html": False}
    if getattr(exception, "status", None) != 400:
        return None
    if isinstance(exception, DatasetteError):
        return {"error": exception.message, "title": exception.title, "html": bool(exception.message_is_html)}
    if isinstance(exception, BadRequest):
        return {"error": str(exception.args[0]) if exception.args else "Bad request", "title": None, "html": False}
    return None


def url_database(datasette, request):
    """The database a request's URL names (Datasette's `resolve_database`: the route tilde-decoded,
    so `lv.term.db`, served as `/lv~2Eterm/`, is found), and the table or query it names, decoded
    too: (Database, name) or (None, None)."""
    from datasette.utils import tilde_decode

    route, table = request.url_vars.get("database"), request.url_vars.get("table")
    if not route:
        return None, None
    try:
        db = datasette.get_database(route=tilde_decode(route))
    except KeyError:
        return None, None
    return db, tilde_decode(table) if table else None


def answers_json(request) -> bool:
    """Whether a request's errors are JSON: its URL's format is (`.json`), as Datasette decides;
    `_format=json` chooses no format in Datasette 0.65 (`/lvterm/segments?_format=json` is the HTML
    page), so it does not here either."""
    return request.url_vars.get("format") == "json" or request.path.endswith(".json")


async def way_back(datasette, request, exception, db, name) -> tuple[str, str]:
    """Where a 400 page leads back to, and the link's text: the first page for a bad `_next`
    (`first_page`); for a request on database `db` (`url_database`), the query's page (without its
    arguments) when `name` is a canned query, the database page when there is no name (your own
    SQL, `?sql=`); else the library."""
    if isinstance(exception, BadNext):
        return first_page(request), "Back to the first page"
    if db is not None and name is None:
        return datasette.urls.database(db.name), f"Back to the {db.name} database"
    canned = await datasette.get_canned_query(db.name, name, request.actor) if db is not None else None
    if canned:
        return datasette.urls.query(db.name, name), f"Back to {canned.get('title') or name}"
    return datasette.urls.instance(), "Back to the library"


def error_answer(datasette, request, exception):
    """Every 400 (`bad_request`) is one plain sentence: JSON for .json URLs (`answers_json`; lvterm's
    own and `client_error`'s; Datasette answers its own 400s' JSON, CORS and all), else a page under
    the site's navigation, `lvterm_bad_request.html`, with a link back (`way_back`); with CORS
    headers when the server sends them (`lvterm serve --cors`), as Datasette's own errors have.
    Server errors (5xx) are logged with their traceback on stderr and Datasette renders its page."""
    from datasette.utils import add_cors_headers

    bad = bad_request(exception)
    if bad is None:
        if getattr(exception, "status", 500) >= 500:
            logging.getLogger("lvterm.datasette").error(
                "%s: %s", request.path, exception, exc_info=(type(exception), exception, exception.__traceback__))
        return None
    headers = {}
    if datasette.cors:  # as Datasette's own error responses
        add_cors_headers(headers)
    if answers_json(request):
        if client_error(exception) is None and not isinstance(exception, BadNext):
            return None  # Datasette's own JSON error
        return Response.json({"ok": False, "error": bad["error"], "status": 400, "title": None},
                             status=400, headers=headers)

    async def page():
        db, table = url_database(datasette, request)
        back = await way_back(datasette, request, exception, db, table)
        error = Markup(bad["error"]) if bad["html"] else bad["error"]  # Datasette's markup, as its page shows it
        return Response.html(await datasette.render_template("lvterm_bad_request.html", {
            "error": error, "title": bad["title"], "error_html": bad["html"], "back_url": back[0],
            "back_text": back[1], "database": db.name if db else None, "page": table if db else None},
            request=request), status=400, headers=headers)

    return page


#: Largest value `_next` may be: SQLite's integers are 64-bit.
MAX_NEXT = 2 ** 63 - 1

#: What leaves a page's link back: `_next` and the arguments of another format than the HTML page's.
NOT_ON_THE_FIRST_PAGE = {"_next", "_format", "_dl", "_stream"}


def first_page(request) -> str:
    """The HTML page of a request without `_next`: where a bad `_next`'s 400 leads back to. A CSV
    or JSON request's is the HTML page (`.csv` dropped, and `_format`, `_dl`, `_stream`); the request
    is the one the server received, without the `_nofacet=1&_nocount=1` Datasette adds inside for a
    CSV."""
    from datasette.utils import path_with_removed_args

    path, fmt = request.path, request.url_vars.get("format")
    if fmt and path.endswith("." + fmt):
        path = path[: -len(fmt) - 1]
    return path_with_removed_args(request, NOT_ON_THE_FIRST_PAGE, path=path + "?" + request.query_string)


def next_value(value: str | None, *, what: str) -> int | None:
    """`_next` of a request as a whole number (None when it is absent or empty); `BadNext`, one
    sentence saying what it should be, for anything else ("abc", "-3", "1.5", past 2**63 - 1)."""
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_NEXT:
        raise BadNext(f"_next must be a whole number, {what} (got {value[:40]!r}): "
                      "follow the next link of the previous page, or leave it out for the first page")
    return int(value)
