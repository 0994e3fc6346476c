"""How lvterm's Datasette answers errors: every 400, lvterm's or Datasette's, as one plain sentence.

The pages' 400s are `templates/lvterm_bad_request.html` with a link back (`error_answer`, `way_back`),
the JSON's one sentence (`answers_json`); a bad `_next` is `BadNext`, leading back to the first page
(`next_value`, `first_page`); a query past the SQL time limit is the 400 "SQL Interrupted", its CSV
too (`interrupted_error`), and a CSV whose SQL fails is the 400 its page is (`_patch_csv_errors`); an
argument Datasette reads unchecked is a 400 saying what it should be (`bad_argument`,
`_patch_bad_arguments`); server errors are logged with their traceback, once (`error_answer`;
Datasette prints none: `_print_nothing`), a 400 with none, and Datasette's own error pages are plain
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
    a traceback (`_print_nothing`).

    Datasette 0.65 prints every handled error with rich (locals included); for a URL no route
    matches it does so outside an `except` block, where rich raises, so an unknown deep URL
    (`/-/lvterm/bead/abc`, `/a/b/c/d`) became a 500 instead of a 404."""
    import types

    import datasette.handle_exception

    datasette.handle_exception.rich = None
    datasette.handle_exception.traceback = types.SimpleNamespace(print_exc=_print_nothing)


def _print_nothing(*args, **kwargs) -> None:
    """`traceback.print_exc` as Datasette's default error handler calls it, for every error that
    is not its own 400: it runs after lvterm's (`handle_exception` is no first-result hook) and its
    answer is dropped. It printed the traceback of the bad requests `client_error` makes a 400 of
    (`?_where=term=:p`), and a server error's a second time, after `error_answer` logged it: every
    5xx is logged there with its traceback, so this prints nothing."""


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


#: What answers a data view's request (`answering_view`): a table or an SQL view, a canned query,
#: your own SQL (the database page with `?sql=`), a row, the database page without `?sql=`.
TABLE, CANNED, SQL, ROW, DATABASE = "table", "canned", "sql", "row", "database"

#: Largest integer SQLite stores (64-bit): a number past it cannot be bound (OverflowError).
MAX_SQLITE_INT = 2 ** 63 - 1

#: The facets Datasette 0.65 has (`_facet` is the column facet): their JSON names a column.
FACETS = {"_facet", "_facet_array", "_facet_date"}

#: The table filters whose value Datasette passes to int() when `str.isdigit` is true.
NUMERIC_FILTERS = {"gt", "gte", "lt", "lte"}


def bad_argument(args, *, fmt: str | None, view: str | None) -> str | None:
    """What is wrong with a data view's query string (`args`, `fmt` the URL's format), for the
    arguments Datasette 0.65 reads without checking them (a 500 with its traceback in the log),
    where `view` (`answering_view`) reads them; None when they are right or absent.

    A table, a canned query, your own SQL: a `_timelimit` int() does not read or below 0
    (`_timelimit_problem`); a NUL character in SQL text (`_nul_problem`: `?sql=`, a table's `_where`,
    `_through`, a column name). A table's facets, when it shows them (`_facet_problem`), `_through`
    and numeric filters (`_through_problem`, `_filter_problem`). The database page without `?sql=`:
    a CSV or an array of rows, which it has none of (KeyError). A row, and the database page's HTML
    and JSON, read none of them. `_json_infinity` is read with the rows, after the view found them:
    `bad_json_infinity`."""
    if view == DATABASE:
        if fmt == "csv" or (fmt == "json" and args.get("_shape") in ("array", "arrayfirst")):
            return "no SQL query given (?sql=...)"
        return None
    if view not in (TABLE, CANNED, SQL):
        return None
    problem = _nul_problem(args, view=view) or _timelimit_problem(args.get("_timelimit"))
    if problem is not None or view != TABLE:
        return problem
    return ((_facet_problem(args) if _shows_facets(args, fmt=fmt) else None)
            or _through_problem(args) or _filter_problem(args))


def _shows_facets(args, *, fmt: str | None) -> bool:
    """Whether a table's answer has facets, as Datasette decides: not its CSV (`_nofacet=1` added),
    `_nofacet` or `_shape=array`/`object`."""
    return fmt != "csv" and not args.get("_nofacet") and args.get("_shape") not in ("array", "object")


def _whole_number(text: str) -> int | None:
    """`text` as int() reads it, as Datasette reads `_timelimit`, `_facet_size` and a numeric filter;
    None when int() refuses it ("x", "1.5", "²", or past Python's 4,300 digits: `_digits`)."""
    try:
        return int(text)
    except ValueError:
        return None


def _digits(text: str) -> bool:
    """Whether `text` is a whole number written in ASCII digits (a sign, spaces and `_` as int()
    takes them): when int() refuses one, the number is too long for it."""
    digits = text.strip().lstrip("+-").replace("_", "")
    return digits.isascii() and digits.isdigit()


def _json(text: str):
    """`text` read as JSON, as Datasette reads `_facet...`, `_through` and `__in` values; None when it is none."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def _has_nul(what: str) -> str:
    """The 400's sentence for a NUL character in `what` (SQL text)."""
    return f"{what} contains a NUL character (%00), which SQL cannot take"


def _nul_problem(args, *, view: str) -> str | None:
    """A NUL character where a table or your own SQL puts it into SQL text (sqlite3: "the query
    contains a null character", a 500): your `?sql=`; a table's parameter names (its filters name
    columns), `_where`, `_through` (and its facets: `_facet_problem`). A value SQLite binds may hold
    one (`?q=`, `_search`, a filter's value)."""
    if view == SQL:
        return _has_nul("sql") if "\0" in args.get("sql", "") else None
    if view != TABLE:
        return None
    for key in args:
        if "\0" in key:
            return _has_nul("a parameter name")
        if key in ("_where", "_through") and any("\0" in value for value in args.getlist(key)):
            return _has_nul(key)
    return None


def _timelimit_problem(limit: str | None) -> str | None:
    """A `_timelimit` (Datasette: int() of any non-empty one) that int() does not read, or below 0,
    which stopped the simplest query ("SQL Interrupted"). An empty one and 0 are no limit of the
    request's own, Datasette's server limit (it only lowers that one, so any larger number is it too)."""
    if not limit:
        return None
    value = _whole_number(limit)
    if value is None and _digits(limit):
        return (f"_timelimit is too large ({len(limit):,} digits): give milliseconds below the server's "
                "time limit, which a request can only lower")
    if value is None:
        return f"_timelimit must be a whole number of milliseconds (got {limit[:40]!r})"
    if value < 0:
        return f"_timelimit must be at least 1 millisecond, or 0 for the server's limit (got {limit[:40]!r})"
    return None


def _facet_problem(args) -> str | None:
    """A table's `_facet_size` that is not an ASCII whole number or max (Datasette ignored "x" and
    passed "²" to int(), a 500), and a `_facet...` whose value starting with "{" is no JSON (Datasette
    reads it as JSON for any `_facet` argument) or, for the facets Datasette has (`_facet`,
    `_facet_array`, `_facet_date`), JSON naming no column, `{"column": ...}` or `{"simple": ...}`
    (KeyError, TypeError: a 500)."""
    size = args.get("_facet_size")
    if size and size != "max":
        if not (size.isascii() and size.isdigit()):
            return f"_facet_size must be a whole number or max (got {size[:40]!r})"
        if _whole_number(size) is None:
            return f"_facet_size is too large ({len(size):,} digits): use max for as many values as the server gives"
    for key in args:
        if not key.startswith("_facet") or key == "_facet_size":
            continue
        for value in args.getlist(key):
            if key in FACETS and "\0" in value and not value.startswith("{"):
                return _has_nul(key)
            if not value.startswith("{"):
                continue
            config = _json(value)
            column = (config.get("column") or config.get("simple")) if isinstance(config, dict) else None
            if config is None or (key in FACETS and not (isinstance(column, str) and "\0" not in column)):
                return (f'{key} must be a column name, or JSON naming one: {{"column": "name"}} '
                        f"(got {value[:40]!r})")
    return None


def _through_problem(args) -> str | None:
    """A table's `_through` that is not a JSON object naming a table, its column and a value (Datasette
    read "table", "column", "value" from whatever JSON it was: TypeError, KeyError, a 500), the names
    text without NUL, the value one SQLite binds. Which tables and columns fit is Datasette's check
    ("Invalid _through", `client_error`)."""
    for through in args.getlist("_through"):
        data = _json(through)
        names = (data.get("table"), data.get("column")) if isinstance(data, dict) else (None,)
        if not (all(isinstance(name, str) and name and "\0" not in name for name in names)
                and "value" in data and _bindable(data["value"])):
            return ('_through must be JSON naming a table that links to this one, its column and a value: '
                    f'{{"table": "...", "column": "...", "value": ...}} (got {through[:60]!r})')
    return None


def _bindable(value) -> bool:
    """Whether SQLite binds `value` read from JSON: text, a number (an integer in its 64 bits), null."""
    if isinstance(value, int):
        return -MAX_SQLITE_INT - 1 <= value <= MAX_SQLITE_INT
    return value is None or isinstance(value, (str, float))


def _filter_problem(args) -> str | None:
    """A table's column filter whose value Datasette cannot bind: `__gt`, `__gte`, `__lt`, `__lte`
    with digits int() does not read (`²`: a 500) or past SQLite's integers (OverflowError, a 500);
    `__in`, `__notin` with a JSON array (a value starting with "[") holding anything but text,
    numbers and null, or no JSON at all. Datasette's rules for which arguments are filters."""
    for key in args:
        if "__" not in key:  # a special argument (`_search`) or an exact match
            continue
        lookup = key.rsplit("__", 1)[1]
        for value in args.getlist(key):
            if lookup in NUMERIC_FILTERS and value.isdigit():
                number = _whole_number(value)
                if number is None and not _digits(value):
                    return f"{key} must be a number written with the digits 0-9 (got {value[:40]!r})"
                if number is None or number > MAX_SQLITE_INT:
                    return f"{key} is past SQLite's largest integer, {MAX_SQLITE_INT} (got {value[:40]!r})"
            if lookup in ("in", "notin") and value.startswith("["):
                values = _json(value)
                if not (isinstance(values, list) and all(_bindable(v) for v in values)):
                    return (f"{key} must be values separated by commas, or a JSON array of text and numbers "
                            f"(got {value[:40]!r})")
    return None


def bad_json_infinity(args) -> str | None:
    """A `_json_infinity` that is not on or off, 1 or 0 (Datasette's `value_as_boolean` raised: a 500
    with no message), where the JSON reads it: with rows (`_patch_bad_arguments`)."""
    from datasette.utils import ValueAsBooleanError, value_as_boolean

    if "_json_infinity" not in args:
        return None
    try:
        value_as_boolean(args.get("_json_infinity"))
    except ValueAsBooleanError:
        return f"_json_infinity must be on or off, 1 or 0 (got {args.get('_json_infinity')[:40]!r})"
    return None


async def answering_view(view, request) -> str | None:
    """What answers a data view's request, as Datasette decides (`TABLE`, `CANNED`, `SQL`, `ROW`,
    `DATABASE`); None when its database or table does not exist (Datasette's 404) or the view is
    another."""
    db, name = url_database(view.ds, request)
    if db is None:
        return None
    if view.name == "database":
        return SQL if request.args.get("sql") else DATABASE
    if view.name == "row":
        return ROW
    if view.name != "table":
        return None
    if await view.ds.get_canned_query(db.name, name, request.actor):
        return CANNED
    if await db.table_exists(name) or await db.get_view_definition(name):
        return TABLE
    return None


def _patch_bad_arguments() -> None:
    """Every data view (table, row, database, canned query, `?sql=`, in every format) checks the
    arguments it reads first (`bad_argument`), after the database and table are found (a 404
    stays one: `answering_view`), and `_json_infinity` with its rows (`bad_json_infinity`): a 400
    saying what is wrong, the site's page or the JSON. A `_ttl` whose digits int() does not take
    (`_ttl=²`: `str.isdigit` is true, a 500) is the default cache time, as Datasette takes `_ttl=x`."""
    from datasette.views.base import DataView

    if getattr(DataView.get, "_lvterm_checked", False):
        return
    original_get, original_headers = DataView.get, DataView.set_response_headers

    async def get(self, request):
        fmt = request.url_vars.get("format")
        problems = {view: bad_argument(request.args, fmt=fmt, view=view)
                    for view in (TABLE, CANNED, SQL, DATABASE)}
        if any(problems.values()):  # rare: find what answers the request only then
            problem = problems.get(await answering_view(self, request))
            if problem is not None:
                raise BadRequest(problem)
        infinity = bad_json_infinity(request.args) if fmt == "json" else None
        if infinity is not None:
            self.data = _raising_with_rows(self.data, infinity)  # this request's view only
        return await original_get(self, request)

    def set_response_headers(self, response, ttl):
        try:
            int(ttl)
        except ValueError:
            ttl = self.ds.setting("default_cache_ttl")
        return original_headers(self, response, ttl)

    get._lvterm_checked = True
    DataView.get, DataView.set_response_headers = get, set_response_headers


def _raising_with_rows(data, problem: str):
    """A view's `data` raising the 400 `problem` when its answer has rows, as the JSON renderer
    reads `_json_infinity`: not for the database page, and after the view's own 404s."""
    async def checked(*args, **kwargs):
        answer = await data(*args, **kwargs)
        if isinstance(answer, tuple) and isinstance(answer[0], dict) and "rows" in answer[0]:
            raise BadRequest(problem)
        return answer

    return checked


def client_error(exception: BaseException) -> str | None:
    """What was wrong with the request, when Datasette treated a bad query-string parameter as a
    server error (`?_sort=nocol`, `?_where=term=:p`, a `_through` naming a table with no foreign key
    to this one); None for real server errors. Only Datasette's own messages about the request are
    recognised: an exception type alone (KeyError, OverflowError, JSON) may come from anywhere, and
    the bad arguments that raise one are refused before (`bad_argument`)."""
    from datasette.views.base import DatasetteError

    if isinstance(exception, sqlite3.ProgrammingError) \
            and str(exception).startswith("You did not supply a value for binding parameter"):
        return f"{exception} Give it in the query string (e.g. &p=value)."
    if isinstance(exception, DatasetteError) and str(exception).startswith(("Cannot sort", "Cannot use _sort")):
        return str(exception)
    if isinstance(exception, DatasetteError) and str(exception).startswith("Invalid _through"):
        return (f"{exception}: _through names a table with a foreign key to this one, its column and a value "
                '({"table": "...", "column": "...", "value": ...})')
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
MAX_NEXT = MAX_SQLITE_INT

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
    sentence saying what it should be, for anything else ("abc", "-3", "1.5", past 2**63 - 1 or longer
    than it: int() refuses more than 4,300 digits, and Datasette reads a view's `_next` with int())."""
    if value is None or value == "":
        return None
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(MAX_NEXT)) or int(value) > MAX_NEXT:
        raise BadNext(f"_next must be a whole number, {what} (got {value[:40]!r}): "
                      "follow the next link of the previous page, or leave it out for the first page")
    return int(value)
