"""Datasette's own table and canned-query pages: internal key columns left out of HTML table pages
(`hide_internal_columns`), and the typo correction the concordance searched (`searched_correction`)."""
from __future__ import annotations

import re
import sqlite3
import urllib.parse


#: Key columns the lookup and search use, of no interest to a reader: left out of HTML table pages
#: unless the URL names them (`_col`, `_nocol`, `_sort`, a filter). JSON and CSV keep every column.
INTERNAL_COLUMNS = {"segments": ("fold", "stems"), "terms": ("fold_key", "stem_key", "lemma_key"),
                    "term_forms": ("fold_key", "stem_key")}
_TABLE_PAGE = re.compile(r"^/[^/]+/(?P<table>[^/.]+)$")


def hide_internal_columns(path: str, query_string: bytes) -> bytes:
    """The query string of an HTML table page with `_nocol=` for each internal column it does not
    mention; any other URL's unchanged."""
    m = _TABLE_PAGE.match(path)
    if not m or m.group("table") not in INTERNAL_COLUMNS:
        return query_string
    args = urllib.parse.parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    if any(k in ("_col", "_nocol", "_format") for k, _ in args):
        return query_string
    said = " ".join(f"{k} {v}" for k, v in args)
    hide = [c for c in INTERNAL_COLUMNS[m.group("table")] if not re.search(rf"\b{c}\b", said)]
    extra = urllib.parse.urlencode([("_nocol", c) for c in hide])
    if not extra:
        return query_string
    return (query_string.decode("latin-1") + "&" + extra if query_string else extra).encode("latin-1")


#: The term lookup_hits searches for q instead of q, a typo (`typo_correction`), and its language.
CORRECTION_SQL = ("select json_extract(value, '$.matched') as term, json_extract(value, '$.lang') as lang "
                  "from json_each(lookup_hits(:q)) where json_extract(value, '$.correction')")


async def searched_correction(datasette, database: str, request) -> dict | None:
    """On the page of a canned query whose metadata has `lvterm: correction:` (the concordance: its
    SQL searches lookup_hits' correction of `:q`), the correction searched for the request's `q`:
    term, lang and the words as typed; None on any other page, for a q that is no typo, and when
    the look-up fails (the page then shows the query's own error)."""
    from datasette.database import QueryInterrupted

    name, q = request.url_vars.get("table"), (request.args.get("q") or "").strip()
    if not name or not q or database not in datasette.databases:
        return None
    canned = await datasette.get_canned_query(database, name, request.actor)
    if not canned or not (canned.get("lvterm") or {}).get("correction"):
        return None
    try:
        row = (await datasette.get_database(database).execute(CORRECTION_SQL, {"q": q})).first()
    except (QueryInterrupted, sqlite3.Error):
        return None
    return {"term": row["term"], "lang": row["lang"], "typed": q} if row else None


def csv_download(url: str) -> str:
    """A table page's CSV URL (Datasette's `url_csv`) as the download of every row it filters:
    streamed (`_stream=on`, not one page of at most 1,000 rows), from the first row (a later page's
    `_next`, which Datasette refuses in a stream), as a file (`_dl=1`)."""
    path, _, query = url.partition("?")
    args = [(k, v) for k, v in urllib.parse.parse_qsl(query, keep_blank_values=True)
            if k not in ("_next", "_size", "_stream", "_dl")]
    return path + "?" + urllib.parse.urlencode([*args, ("_stream", "on"), ("_dl", "1")])

