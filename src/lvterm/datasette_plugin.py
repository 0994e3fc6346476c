"""lvterm Datasette plugin: inflection-insensitive SQL functions, safe FTS queries, bilingual pages.

SQL functions (every connection): `lv_fold(text)`, `lv_stem(text)`, `en_fold(text)`, `en_stem(text)`,
`fts_query(text)` (raw user text -> a safe FTS5 query of stem prefixes), `fuzzy_score(a, b)` (0-100,
typo-tolerant similarity of folded keys), `typo_of(query, key)`, `mark_terms(text, terms, lang)` (wrap
inflected forms of `terms`, separated by `|`, in <mark>), `lookup_hits(q)` (the entries
`lvterm lookup` finds, as JSON: the engine of the home page, run for the `term_lookup` and
`concordance` canned queries; `correction` marks the entry whose term is searched as the query's
typo correction, `typo_correction`) and `example_note(bead, concept)` (what `lvterm lookup` says under
that pair as an example of that entry, `one_side_note`: term_lookup's `example_note`; NULL for a
pair with the entry's terms on both sides, an error for a pair or entry the library has not). They
take numbers as text, as SQLite's own text functions do. A canned query's `:_next_<name>` is the
request's `_next` as a whole number (the paging of the concordance and of review_alignments; 0 is
the first page; a 400 leading back to the first page when it is none, or names no row the query
pages through: `BadNext`); `_next` on a view that is no whole number, `_search` on a table without
full-text search and a column search on a view are 400s saying why (`filters_from_request`). Every
400 on a page, lvterm's or Datasette's, is `templates/lvterm_bad_request.html` (`handle_exception`),
a failed CSV's too (`_patch_csv_errors`), and a `_timelimit` that is no whole number is one
(`_patch_bad_arguments`): the 400s are `lvterm.datasette_errors`'s, these hooks call it.

Pages: `/` (the home page: one search box answering a Latvian or English term, in any form, with
the term entries `lvterm lookup` finds and the aligned sentence pairs that use it, then the
downloads and the tables in plain words), `/-/lvterm/entry/<concept id>` (a term entry, Latvian and
English side by side, with example pairs, the terms highlighted in both), `/-/lvterm/bead/<bead id>`
(one aligned pair, its terms highlighted; `?concept=<id>` highlights that entry's terms only, as the
entry page and `lvterm lookup` do) and `/-/lvterm/downloads/<name>` (the glossary .po, the post .po
files, TBX, TSV and TMX that `lvterm build` wrote beside the library; only those names are served).
Every highlighting is `lvterm.terms.matcher`'s, so the web and the CLI mark the same words.
Templates: friendly canned-query pages (`query.html`: a labelled search box, the SQL folded away;
on the concordance, the typo correction it searched, "Showing pairs for “membership fee” (the
nearest term to “membrship fee”)")
and table pages with their descriptions folded (`table.html`); internal key columns (fold, stems,
stem and lemma keys) are left out of HTML table pages unless asked for (`_col`/`_nocol`).
Cells holding `<mark>` (from FTS5 highlight/snippet or mark_terms) are shown highlighted, everything
else escaped; term cells link to the entry and to the concordance.

Every hook is here; what they run is `lvterm.site`'s (the search text, the marks, the bounds, the
SQL functions, the pages), and the names tests and scripts import from this module still are here.
"""
from __future__ import annotations

import html
import json
import sqlite3
import sys
import urllib.parse
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import BadRequest, Request
from markupsafe import Markup

from .constants import status_label
from .datasette_errors import (BadNext, _patch_bad_arguments, _patch_csv_errors, _plain_error_pages, answers_json,
                               error_answer, next_value, url_database)
from .lang import en, lv
from .site.entry import _sentence_label, bead_page, entry_page
from .site.fts import fts_query, fuzzy_score
from .site.functions import example_note_on, lookup_hits_on, machine_guess_on, sql_functions
from .site.guard import (MAX_FUNCTION_CHARS, MAX_VALUE_BYTES, SWITCH_INTERVAL, Refused, _bounded, _patch_execute_fn,
                         _patch_time_limit, _quiet_refusals, as_text, bounded_printf, log_to_stderr,
                         running_connection)
from .site.home import _search, download, home_page
from .site.marks import MARK_OPEN, mark_terms, render_marked
from .site.pages import _entry_url
from .site.style import _CSS
from .site.tables import INTERNAL_COLUMNS, csv_download, hide_internal_columns, searched_correction

#: The hooks, and the helpers tests and scripts import from here (`lvterm.site` holds them).
__all__ = [
    "asgi_wrapper", "extra_template_vars", "filters_from_request", "handle_exception", "prepare_connection",
    "prepare_jinja2_environment", "register_magic_parameters", "register_routes", "render_cell", "startup",
    "Refused", "_quiet_refusals", "_search", "_sentence_label", "as_text", "example_note_on", "fts_query",
    "fuzzy_score", "log_to_stderr", "mark_terms", "render_marked", "sql_functions",
]


@hookimpl(trylast=True)  # after Datasette's own functions, so that escape_fts (sql_functions) is ours
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 1_000)  # LIKE and GLOB backtrack on long patterns
    for name, (n_args, fn) in sql_functions().items():
        conn.create_function(name, n_args, fn, deterministic=True)
    # term_lookup's engine: reads this connection's tables, so not marked deterministic
    conn.create_function("lookup_hits", 1, _bounded(lookup_hits_on(conn), MAX_FUNCTION_CHARS["fold"]))
    conn.create_function("example_note", 2, _bounded(example_note_on(conn), 40, MAX_FUNCTION_CHARS["fuzzy"]))
    conn.create_function("machine_guess", 1, _bounded(machine_guess_on(conn), 40))
    for name in ("printf", "format"):
        conn.create_function(name, -1, bounded_printf, deterministic=True)


@hookimpl
def handle_exception(datasette, request, exception):
    """Every 400 is one plain sentence, a page or JSON; server errors are logged
    (`lvterm.datasette_errors.error_answer`)."""
    return error_answer(datasette, request, exception)


def _paged_query(datasette, request) -> dict:
    """The `lvterm:` block of the canned query a request is for (`next`, `next_row`, `columns`);
    {} for anything else."""
    db, name = url_database(datasette, request)
    query = (datasette.metadata("queries", database=db.name) or {}).get(name) if db and name else None
    return (query.get("lvterm") or {}) if isinstance(query, dict) else {}


@hookimpl
def register_magic_parameters(datasette):
    """`:_next_<name>` in a canned query is the request's `_next` as a whole number, NULL when the
    request has none: keyset paging, as the `concordance` pages by `beads_fts.rowid >
    coalesce(:_next_bead, 0)`. A 400 (`BadNext`, named with the page's word for the column, its
    label in `lvterm: columns:`: "pair") when it is no whole number, and when it names no row the
    query pages through: `lvterm: next_row: {sql, missing}` is that row's look-up (`:next` the
    number) and what the 400 says when it finds none ("pair 999999 is not among the pairs to
    review"): a made-up number, or one from before a rebuild renumbered the pairs, gave an empty
    page, "No more results", as if the paging had ended. `_next=0` is the first page, as NULL is
    (no row is 0: the keys paged by are SQLite rowids, from 1)."""
    def next_param(key, request):
        form = _paged_query(datasette, request)
        word = str((form.get("columns") or {}).get(form.get("next"), key)).lower()
        value = next_value(request.args.get("_next"), what=f"the {word} of the last row of the previous page")
        if value == 0:  # before every row (no pair is 0): the first page, as it always was
            return None
        row, conn = form.get("next_row"), running_connection()
        if value is not None and row and conn is not None \
                and conn.execute(row["sql"], {"next": value}).fetchone() is None:
            raise BadNext(f"{word} {value} {row['missing']} (the library may have been rebuilt): "
                          "start from the first page")
        return value

    return [("next", next_param)]


async def _searchable(db, datasette) -> list[str]:
    """The tables and views of a database that have full-text search (Datasette's rule: an FTS
    table for it, or `fts_table` in the metadata), hidden ones left out."""
    hidden = set(await db.hidden_table_names())
    return [name for name in sorted(await db.table_names()) + sorted(await db.view_names())
            if name not in hidden and (datasette.table_metadata(db.name, name).get("fts_table")
                                       or await db.fts_table(name))]


#: The arguments that name a column to facet by (a JSON object, a facet's full form, is Datasette's to read).
FACET_ARGS = ("_facet", "_facet_array", "_facet_date")


def _facet_column(value: str) -> str | None:
    """The column a facet argument names: the value, or the "column" of its JSON form
    (`{"column": "kind"}`); None for JSON naming none (Datasette's to answer)."""
    if not value.startswith("{"):
        return value
    try:
        column = json.loads(value).get("column")
    except (ValueError, AttributeError):
        return None
    return column if isinstance(column, str) else None


@hookimpl
def filters_from_request(request, database, table, datasette):
    """A request Datasette would answer wrongly is a 400 saying so, before any SQL runs: `_next` on a
    view that is not a whole number (Datasette's int() made it a 500); `_search` on a table without
    full-text search (Datasette ignored it and returned every row); a column search
    (`_search_<column>`) on a view, which Datasette runs as `rowid in (...)` and a view's rowid
    is NULL (every answer was empty); a facet (`_facet`, `_facet_array`, `_facet_date`) by a column the
    table or view has not (Datasette answered "Invalid SQL" and logged an error with the SQL and
    unawaited coroutines). Adds no filter of its own."""
    async def inner():
        searches = [k for k in request.args if k.startswith("_search") and k != "_searchmode" and request.args.get(k)]
        facets = [] if request.args.get("_nofacet") or request.path.endswith(".csv") else [  # (none computed)
            column for k in FACET_ARGS for v in request.args.getlist(k) if v and (column := _facet_column(v))]
        if not searches and not request.args.get("_next") and not facets:
            return None
        db = datasette.get_database(database)
        if facets:
            columns = await db.table_columns(table)
            known = {c.lower() for c in columns}  # (SQLite's column names are case-insensitive)
            unknown = [v for v in facets if v.lower() not in known]
            if unknown:
                raise BadRequest(f"{table} has no column {unknown[0]!r} to facet by; its columns: "
                                 + ", ".join(columns))
        if not searches and not request.args.get("_next"):
            return None
        views = await db.view_names()
        if table in views:
            next_value(request.args.get("_next"), what="the number of rows to skip")
        if not searches:
            return None
        fts_table = (request.args.get("_fts_table") or datasette.table_metadata(database, table).get("fts_table")
                     or await db.fts_table(table))
        if not fts_table:
            searchable = ", ".join(await _searchable(db, datasette)) or "none in this database"
            column = await db.label_column_for_table(table) or "column"
            lookup = await datasette.get_canned_query(database, "term_lookup", request.actor)
            also = f"; to find a term in any form, {datasette.urls.database(database)}/term_lookup?q=" if lookup else ""
            raise BadRequest(f"{table} has no full-text search, so {searches[0]} cannot be used on it: filter a "
                             f"column instead (?{column}__contains=text), or search a table that has it "
                             f"({searchable}){also}")
        columns = [k for k in searches if k.startswith("_search_")]
        if columns and table in views:
            tables = [t for t in await db.table_names() if await db.fts_table(t) == fts_table]
            instead = f", or ?{columns[0]}= on the {tables[0]} table" if tables else ""
            raise BadRequest(f"{table} is a view, and Datasette cannot search one column of a view ({columns[0]}): "
                             f"use ?_search= to search all its text{instead}")
        return None

    return inner


@hookimpl
def startup():
    """Load the stemmers, lemma data and word frequencies before the first request needs them."""
    _plain_error_pages()
    # Threads running Python SQL functions row after row hold the GIL most of the time; with the
    # default 5 ms switch interval every step of another request (ASGI, rendering) waits behind
    # them. 1 ms, with the time-limit handler and _yield_now_and_then, keeps term_lookup's p99 at
    # ~35 ms under six hostile clients instead of ~130-280 ms (docs/public-instance.md).
    sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
    _patch_time_limit()
    _patch_execute_fn()
    _patch_csv_errors()
    _patch_bad_arguments()
    _quiet_refusals()
    log_to_stderr()
    fts_query("tīklošana biedra naudu membership fees the")
    lv.stem_key("biedra naudu")
    en.stem_key("membership fees")


_TERM_COLUMNS = {"lv_term", "en_term"}  # canned-query columns that link to their concordance


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, str):
        if isinstance(value, int) and ((column == "bead" and table is None)
                                       or (table in ("bitext", "beads") and column == "id")):
            return Markup(f'<a href="{datasette.urls.path("/-/lvterm/bead/")}{value}?db='
                          f'{urllib.parse.quote(database)}">{value}</a>')
        if value is None and table == "concepts" and column == "definition":  # every row leads to its entry
            url = _entry_url(datasette, database, row["id"])
            return Markup(f'<a href="{html.escape(url)}"><em>open the entry</em></a>')
        return None
    if table == "posts" and column == "body":  # four lines of it on the table page (CSS), all on the row page
        return Markup(f'<div class="lvterm-post-body">{html.escape(value)}</div>')
    if column == "example_note" and table is None:  # term_lookup: as the home and entry pages show it
        return Markup(f'<span class="lvterm-one-side">{html.escape(value)}</span>')
    if column == "status" and value == "proposed":  # a machine proposal says so wherever it shows
        return Markup(f'<span class="lvterm-proposal">{html.escape(status_label(value))}</span>')
    if column in _TERM_COLUMNS and table is None:
        url = datasette.urls.database(database) + "/concordance?" + urllib.parse.urlencode({"q": value})
        return Markup(f'<a href="{html.escape(url)}" title="concordance">{html.escape(value)}</a>')
    if (column == "entry" and table is None) or (table == "concepts" and column == "definition"):
        url = _entry_url(datasette, database, value if column == "entry" else row["id"])
        label = "entry" if column == "entry" else html.escape(value)
        return Markup(f'<a href="{html.escape(url)}">{label}</a>')
    if table == "terms" and column == "term":
        url = datasette.urls.database(database) + "/concordance?" + urllib.parse.urlencode({"q": value})
        return Markup(f'{html.escape(value)} <a href="{html.escape(url)}" title="concordance">↗</a>')
    if MARK_OPEN in value:
        return render_marked(value)
    return None


@hookimpl
def asgi_wrapper():
    """The library is read-only over HTTP as well: anything but GET, HEAD or OPTIONS gets 405. HTML
    table pages leave the internal key columns out (`hide_internal_columns`)."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http":
                qs = hide_internal_columns(scope.get("path", ""), scope.get("query_string", b""))
                if qs != scope.get("query_string", b""):
                    scope = dict(scope, query_string=qs)
            if scope["type"] == "http" and scope.get("method", "GET") not in ("GET", "HEAD", "OPTIONS"):
                if answers_json(Request(scope, receive)):  # Datasette's error shape, for API clients
                    kind, body = b"application/json; charset=utf-8", (
                        b'{"ok": false, "error": "This library is read-only.", "status": 405, "title": null}')
                else:
                    kind, body = b"text/plain; charset=utf-8", b"This library is read-only.\n"
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", kind), (b"allow", b"GET, HEAD, OPTIONS")]})
                await send({"type": "http.response.body", "body": body})
                return
            await app(scope, receive, send)

        return read_only

    return wrap


@hookimpl
def register_routes():
    return [
        (r"^/(?P<format>)$", home_page),  # before Datasette's index; its /.json stays
        (r"^/-/lvterm/entry/(?P<id>[^/]+)$", entry_page),
        (r"^/-/lvterm/bead/(?P<id>\d+)$", bead_page),
        (r"^/-/lvterm/downloads/(?P<name>[^/]+)$", download),
    ]


@hookimpl
def prepare_jinja2_environment(env):
    """Add the packaged templates (Datasette finds plugin templates only for package plugins)."""
    from jinja2 import ChoiceLoader, FileSystemLoader

    # first, so that our query.html and table.html (which extend "default:query.html" and
    # "default:table.html") are the ones used
    env.loader = ChoiceLoader([FileSystemLoader(str(Path(__file__).parent / "templates")), env.loader])
    env.filters["lvterm_csv_download"] = csv_download


@hookimpl
def extra_template_vars(datasette, database, table, request):
    """The stylesheet; on a table page the internal columns left out of it with a link to the page
    with every column; on the concordance the typo correction it searched (`searched_correction`)."""
    async def inner():
        hidden, every, correction = [], None, None
        if table in INTERNAL_COLUMNS and request is not None and database in datasette.databases:
            nocol = request.args.getlist("_nocol")
            hidden = [c for c in INTERNAL_COLUMNS[table] if c in nocol]
            if hidden:
                columns = await datasette.get_database(database).table_columns(table)
                every = "?" + urllib.parse.urlencode([("_col", c) for c in columns])
        if table is None and request is not None and database:
            correction = await searched_correction(datasette, database, request)
        return {"lvterm_css": Markup(_CSS), "lvterm_hidden_columns": hidden, "lvterm_every_column_url": every,
                "lvterm_correction": correction}

    return inner
