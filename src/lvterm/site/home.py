"""The home page (`/`: a search box for people, the term entries and aligned pairs a query finds
(`_search`), the downloads, the tables in plain words) and the downloads themselves
(`/-/lvterm/downloads/<name>`)."""
from __future__ import annotations

import logging
import sqlite3
import urllib.parse
from pathlib import Path

from datasette.utils.asgi import NotFound, Response

from ..constants import status_label
from ..lang.keys import fold
from ..textio import to_nfc
from .functions import typo_correction
from .guard import sqlite_timelimit
from .marks import bead_marks, render_spans, shown_terms
from .pages import _bead_url, _database, _entry_url


HOME_ENTRIES = 10  # term entries shown for a query
HOME_RELATED = 6  # of which at most this many longer terms containing the query's words
HOME_PAIRS = 20  # aligned pairs shown under them (the concordance page has the rest)
HOME_TEXT_TERMS = 40  # term entries shown for a pasted text (the terms it uses; how many more, past that)

#: The tables and pages a visitor can open from the home page, in plain words: (path under the
#: database, title, what it is). Counts are added for tables.
BROWSE = (
    ("bitext", "Bitext", ("every Latvian sentence beside its English equivalent, post by post; filter by "
     "post, year or confidence and download the rows as CSV or JSON")),
    ("posts", "Posts", "the blog posts: Latvian originals and their English equivalents, with author and date"),
    ("concepts", "Term entries", "one entry per concept, its Latvian and English terms together"),
    ("terms", "Terms", ("every term in Latvian and English with its status (preferred, admitted, deprecated, "
     "or a machine proposal), reliability and how often it occurs")),
    ("term_lookup", "Term lookup", "the term search as a table (also as JSON for scripts)"),
    ("concordance", "Concordance", "every aligned pair using some words, in any form, highlighted"),
    ("review_alignments", "Alignments to review", "sentence pairs the aligner is unsure of, least confident first"),
    ("terms_by_frequency", "Terms by frequency", "the most frequent terms with their equivalents"),
)


async def _served_database(datasette, request):
    try:
        return await _database(datasette, request)
    except NotFound:
        return None


def entry_card(datasette, database: str, entry: dict) -> dict:
    """One `lookup` result as the home page shows it: both terms, status (a proposal says so), the
    other terms of the entry (synonyms, with language and status), note and definition, one example
    pair with the terms marked (and, for a pair with them on one side only, `one_side_note`), and
    the link to the entry. A machine proposal's English under its display threshold is never an
    equivalent: `guess` names every such term as the machine's (`lookup.guess_line`), and none of
    them is among the others or marked in the example (`lookup` leaves them unmarked)."""
    from ..terms.lookup import english_apart, entry_guesses, guess_line, one_side_note, written_form

    guesses = entry_guesses(entry)
    others = [{"term": t["term"], "lang": t["lang"], "status": t["status"], "status_label": status_label(t["status"])}
              for t in entry["terms"] if t["term"] not in (entry["lv"], entry["en"]) and not t.get("machine_guess")]
    example = None
    if entry["examples"]:
        ex = entry["examples"][0]
        example = {"lv": render_spans(ex["lv"], ex.get("lv_spans", [])),
                   "en": render_spans(ex["en"], ex.get("en_spans", [])), "one_side": one_side_note(ex),
                   "url": _bead_url(datasette, database, ex["bead_id"], concept=entry["concept_id"])}
    apart = english_apart(entry)
    return {
        "lv": entry["lv"], "en": entry["en"], "status": entry["status"], "status_label": status_label(entry["status"]),
        "guess": guesses and {"en": [g["en"] for g in guesses], "line": guess_line(guesses)},
        "en_status_label": apart and status_label(apart[0]) + (f", reliability {apart[1]}/4" if apart[1] else ""),
        "proposal": all(t["status"] == "proposed" for t in entry["terms"]),
        "curated": entry.get("origin") == "curated", "others": others, "note": entry.get("note"),
        "term_notes": entry.get("term_notes", []),
        "definition": entry.get("definition"), "subject_field": entry.get("subject_field"),
        "match": entry["matched"]["via"], "matched_form": entry["matched"]["form"], "written": written_form(entry),
        "matched_lang": entry["matched"]["lang"], "example": example,
        "url": _entry_url(datasette, database, entry["concept_id"]),
    }


def _search(conn, q: str, *, concordance_sql: str | None, time_limit_ms: int) -> dict:
    """Everything the home page needs for one query, on one of Datasette's connections: the entries
    `lookup` finds (then longer terms containing the words, and when the query itself names no
    entry the terms it contains: all bounded, a few index look-ups and scans of the terms' stem
    keys), and the aligned pairs of the concordance query, which runs
    under the server's SQL time limit (past it, the entries are shown without pairs), marked by the
    term matcher with the found entries' terms and the query."""
    from ..terms.lookup import MAX_LISTED, MAX_QUERY_CHARS, MAX_TEXT_CHARS, index_on, lookup, related, within

    found = {"entries": [], "pairs": [], "total_pairs": 0, "too_long": len(q) > MAX_TEXT_CHARS, "searched": q,
             "more_terms": 0}
    if found["too_long"]:
        return found
    index = index_on(conn)
    entries = direct = []
    if len(q) <= MAX_QUERY_CHARS:  # a longer text names no entry: only the terms in it
        entries = direct = lookup(q, index=index, limit=HOME_ENTRIES, examples=1)
        if len(entries) < HOME_ENTRIES:
            entries = entries + related(q, index=index, limit=min(HOME_RELATED, HOME_ENTRIES - len(entries)),
                                        examples=1, exclude=tuple(e["concept_id"] for e in entries))
    if not direct:  # a sentence or paragraph pasted: the terms it uses, all of them up to HOME_TEXT_TERMS
        inside = within(q, index=index, limit=MAX_LISTED, examples=1, exclude=tuple(e["concept_id"] for e in entries))
        shown = inside[:max(0, HOME_TEXT_TERMS - len(entries))]
        found["more_terms"] = len(inside) - len(shown)
        entries += shown
    for e in entries:  # usage notes of the entry's terms ("British usage ...")
        e["term_notes"] = [dict(r) for r in conn.execute(
            "select term, lang, status, note from terms where concept_id = ? and coalesce(note, '') != '' order by id",
            [e["concept_id"]])]
    found["entries"] = entries

    def sentences(text: str) -> list[int]:
        if concordance_sql:  # its first page (`_next_bead`, its paging parameter, left out)
            return [r[0] for r in conn.execute(concordance_sql, {"q": text, "_next_bead": None})]
        # a library served without lvterm's metadata: the words alone
        return [r[0] for r in conn.execute("select rowid from beads_fts where beads_fts match fts_query(?) "
                                           "order by rowid limit 200", [text])]

    try:
        with sqlite_timelimit(conn, time_limit_ms):
            term = entries[0]["matched"]["term"] if entries else None
            if typo_correction(entries):  # a typo: the sentences of its correction
                q = found["searched"] = term
            ids = sentences(q) if len(q) <= MAX_QUERY_CHARS else []  # a paragraph: its first term's
            # no sentence has the words as typed ("bibliotekaa"): those of the term the first entry was found by
            if not ids and term and fold(term) != fold(q):
                ids = sentences(term)
                q = found["searched"] = term
    except sqlite3.OperationalError as exc:
        if "interrupted" not in str(exc):
            raise
        logging.getLogger("lvterm.datasette").warning("home page: the sentences for %r took too long", q)
        return found
    shown = ids[:HOME_PAIRS]
    if shown:
        marks = ",".join("?" * len(shown))
        rows = {r["id"]: dict(r) for r in conn.execute(
            f"select b.id, b.lv_text, b.en_text, b.score, b.kind, p.title from beads b "
            f"left join posts p on p.id = b.lv_post where b.id in ({marks})", shown)}
        pairs = [rows[i] for i in shown if i in rows]
        concepts = [e["concept_id"] for e in entries[:3]]
        term_ids = [r[0] for r in conn.execute(
            f"select id from terms where concept_id in ({','.join('?' * len(concepts))})", concepts)] if concepts else []
        for pair, marked in zip(pairs, bead_marks(conn, pairs, shown_terms(conn, term_ids), queries=(q,))):
            pair["lv_marked"] = render_spans(pair["lv_text"], marked["lv"])
            pair["en_marked"] = render_spans(pair["en_text"], marked["en"])
        found["pairs"] = pairs
    found["total_pairs"] = len(ids)
    return found


async def home_page(datasette, request, send):
    """`/`: the search box first; for a query, the term entries and the aligned pairs using it."""
    db = await _served_database(datasette, request)
    if db is None:  # not an lvterm library: Datasette's own index
        from datasette.views.index import IndexView

        return await IndexView.as_view(datasette)(request, send)
    q = " ".join(to_nfc(request.args.get("q") or "").split())
    found = {"entries": [], "pairs": [], "total_pairs": 0, "too_long": False, "searched": q, "more_terms": 0}
    if q:
        canned = await datasette.get_canned_query(db.name, "concordance", request.actor)
        sql = canned["sql"] if canned else None
        limit_ms = datasette.setting("sql_time_limit_ms")
        found = await db.execute_fn(lambda conn: _search(conn, q, concordance_sql=sql, time_limit_ms=limit_ms))
    counts = await db.table_counts(5)
    known = set(counts) | set(await db.view_names()) | set(datasette.metadata("queries", database=db.name) or {})
    browse = [{"url": datasette.urls.database(db.name) + "/" + urllib.parse.quote(path), "title": title,
               "description": description, "count": counts.get(path)}
              for path, title, description in BROWSE if path in known]
    from ..exports import downloads
    from ..terms.lookup import MAX_TEXT_CHARS

    files = downloads(Path(db.path).parent, stem=Path(db.path).stem) if db.path else []
    return Response.html(await datasette.render_template("lvterm_home.html", {
        "q": q, "entries": [entry_card(datasette, db.name, e) for e in found["entries"]],
        "pairs": [{**p, "url": _bead_url(datasette, db.name, p["id"], q=found["searched"])} for p in found["pairs"]],
        "total_pairs": found["total_pairs"], "too_long": found["too_long"], "max_text": MAX_TEXT_CHARS,
        "more_terms": found["more_terms"],
        "searched": found["searched"],
        "concordance_url": datasette.urls.database(db.name) + "/concordance?"
        + urllib.parse.urlencode({"q": found["searched"]}),
        "browse": browse, "database": db.name, "all_url": datasette.urls.database(db.name),
        "downloads": [{"name": f.name, "title": f.title, "description": f.description,
                       "size": f.path.stat().st_size,
                       "url": datasette.urls.path("/-/lvterm/downloads/" + urllib.parse.quote(f.name))}
                      for f in files],
        "metadata": datasette.metadata(), "examples": HOME_EXAMPLES,
    }, request=request))


#: Queries the empty home page suggests (forms as a translator meets them).
HOME_EXAMPLES = ("biedra naudai", "tiklosana", "networks", "profesionālajām organizācijām")

#: What each download is served as.
DOWNLOAD_TYPES = {".po": "text/x-gettext-translation; charset=utf-8", ".tbx": "application/x-tbx+xml",
                  ".tmx": "application/x-tmx+xml", ".tsv": "text/tab-separated-values; charset=utf-8"}


async def download(datasette, request):
    """`/-/lvterm/downloads/<name>`: one of the files `lvterm build` wrote beside the served library.
    The name is looked up among `exports.downloads` (never joined to a path), so nothing else in
    the build folder (the database, the cache) can be reached."""
    from datasette.utils.asgi import AsgiFileDownload

    from ..exports import downloads

    db = await _database(datasette, request)
    if not db.path:
        raise NotFound("this library has no downloads")
    name = request.url_vars["name"]
    found = {f.name: f for f in downloads(Path(db.path).parent, stem=Path(db.path).stem)}.get(name)
    if found is None:
        raise NotFound(f"no download {name}")
    return AsgiFileDownload(found.path, filename=found.name,
                            content_type=DOWNLOAD_TYPES.get(found.path.suffix, "application/octet-stream"))
