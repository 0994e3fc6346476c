"""lvterm Datasette plugin: inflection-insensitive SQL functions, safe FTS queries, bilingual pages.

SQL functions (every connection): `lv_fold(text)`, `lv_stem(text)`, `en_fold(text)`, `en_stem(text)`,
`fts_query(text)` (raw user text -> a safe FTS5 query of stem prefixes), `fuzzy_score(a, b)` (0-100,
typo-tolerant similarity of folded keys) and `mark_terms(text, terms, lang)` (wrap inflected forms of
`terms`, separated by `|`, in <mark>).

Pages: `/-/lvterm/entry/<concept id>` (a term entry, Latvian and English side by side, with example
pairs, the terms highlighted in both) and `/-/lvterm/bead/<bead id>` (one aligned pair). Cells holding
`<mark>` (from FTS5 highlight/snippet or mark_terms) are shown highlighted, everything else escaped;
term cells link to the entry and to the concordance.
"""
from __future__ import annotations

import html
import logging
import urllib.parse
from functools import lru_cache

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from .constants import REVIEW_THRESHOLD
from .db import fast_fold
from .lang import en, lv
from .lang.keys import TOKEN_RE, fold

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
_MIN_PREFIX = 3
_NEAR = 2  # at most this many other words between the words of a multi-word query


# --- pure helpers (also used by tests and the templates) ----------------------------------------------


@lru_cache(maxsize=50_000)
def word_prefix(word: str) -> str:
    """The shortest of the Latvian and English stems that is still a prefix of the folded word."""
    f = fold(word)
    best = f
    for stem in (lv.stem(word), en.stem(word)):
        if stem and f.startswith(stem) and _MIN_PREFIX <= len(stem) < len(best):
            best = stem
    return best


FUNCTION_WORD_ZIPF = 6.0  # "the", "and", "un", "ir", "par": searched as whole words, not as prefixes


@lru_cache(maxsize=50_000)
def word_query(word: str) -> str:
    """One word as an FTS5 phrase: a stem prefix ("naudu" -> "naud"*), or the whole word when it is a
    very frequent function word (a prefix like "the"* would read the doclists of there, these, them ...)."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    if max(zipf_frequency(lower, "en"), zipf_frequency(lower, "lv")) >= FUNCTION_WORD_ZIPF:
        return '"' + fold(word).replace('"', '""') + '"'
    prefix = word_prefix(word)
    quoted = '"' + prefix.replace('"', '""') + '"'
    return quoted + "*" if len(prefix) >= _MIN_PREFIX else quoted


def fts_query(text: str | None) -> str:
    """Raw user text -> an FTS5 query that cannot be a syntax error.

    Each word becomes a quoted stem prefix, so every inflected form matches in both languages:
    "biedra naudu" -> NEAR("biedr"* "naud"*, 2). Alternatives separated by '|' are ORed
    ("tīklošana|networking"). Operators, quotes and brackets in the input are plain text.
    Text without words gives '""', which matches nothing.
    """
    alternatives = []
    for alternative in (text or "").split("|"):
        parts = [word_query(word) for word in TOKEN_RE.findall(alternative)[:12]]
        if len(parts) == 1:
            alternatives.append(parts[0])
        elif parts:
            alternatives.append(f"NEAR({' '.join(parts)}, {_NEAR})")
    alternatives = list(dict.fromkeys(alternatives))[:20]
    return " OR ".join(alternatives) if alternatives else '""'


@lru_cache(maxsize=1)
def _ratio():
    from rapidfuzz.fuzz import ratio

    return ratio


def fuzzy_score(a: str | None, b: str | None) -> float:
    """Similarity 0-100 of two texts, case and diacritics ignored (rapidfuzz ratio): typo-tolerant lookup."""
    if not a or not b:
        return 0.0
    return _ratio()(fast_fold(a), fast_fold(b))


def mark_terms(text: str | None, terms: str | None, lang: str = "lv") -> str | None:
    """Wrap every inflected form of the given terms ('|'-separated) in <mark>…</mark>.

    A run of words matches a term when each word starts with the corresponding word's stem prefix.
    """
    if not text or not terms:
        return text
    patterns = [[word_prefix(w) for w in TOKEN_RE.findall(t)] for t in terms.split("|")]
    patterns = [p for p in patterns if p]
    toks = list(TOKEN_RE.finditer(text))
    folded = [fold(m.group()) for m in toks]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        hit = 0
        for pat in sorted(patterns, key=len, reverse=True):
            n = len(pat)
            if i + n <= len(toks) and all(folded[i + k].startswith(pat[k]) for k in range(n)):
                hit = n
                break
        if hit:
            spans.append((toks[i].start(), toks[i + hit - 1].end()))
            i += hit
        else:
            i += 1
    out, last = [], 0
    for start, end in spans:
        out += [text[last:start], MARK_OPEN, text[start:end], MARK_CLOSE]
        last = end
    out.append(text[last:])
    return "".join(out)


def render_marked(value: str) -> Markup:
    """Escape everything, then restore only <mark> and </mark>."""
    escaped = html.escape(value, quote=False)
    return Markup(escaped.replace("&lt;mark&gt;", MARK_OPEN).replace("&lt;/mark&gt;", MARK_CLOSE))


# --- Datasette hooks --------------------------------------------------------------------------------


@hookimpl(trylast=True)  # after Datasette's own functions, so that escape_fts below is ours
def prepare_connection(conn):
    # Table search (`?_search=`, datasette-search-all) goes through escape_fts: make it the same
    # safe, inflection-insensitive query builder the canned queries use.
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function("lv_fold", 1, lambda t: lv.fold_key(t) if t is not None else None, deterministic=True)
    conn.create_function("lv_stem", 1, lambda t: lv.stem_key(t) if t is not None else None, deterministic=True)
    conn.create_function("en_fold", 1, lambda t: en.fold_key(t) if t is not None else None, deterministic=True)
    conn.create_function("en_stem", 1, lambda t: en.stem_key(t) if t is not None else None, deterministic=True)
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
    conn.create_function("fuzzy_score", 2, fuzzy_score, deterministic=True)
    conn.create_function("mark_terms", 3, mark_terms, deterministic=True)
    # the canned query review_alignments reads the threshold from lvterm.constants, not a literal
    conn.create_function("review_threshold", 0, lambda: REVIEW_THRESHOLD, deterministic=True)


def _plain_error_pages() -> None:
    """Keep Datasette's default error handler from calling rich.print_exception.

    Datasette 0.65 prints every handled error with rich (locals included); for a URL no route
    matches it does so outside an `except` block, where rich raises, so an unknown deep URL
    (`/-/lvterm/bead/abc`, `/a/b/c/d`) became a 500 instead of a 404."""
    import datasette.handle_exception

    datasette.handle_exception.rich = None


@hookimpl
def handle_exception(datasette, request, exception):
    """Log server errors (not 4xx) with their traceback on stderr; Datasette renders the page."""
    if getattr(exception, "status", 500) >= 500:
        logging.getLogger("lvterm.datasette").error(
            "%s: %s", request.path, exception, exc_info=(type(exception), exception, exception.__traceback__))
    return None


@hookimpl
def startup():
    """Load the stemmers, lemma data and word frequencies before the first request needs them."""
    _plain_error_pages()
    fts_query("tīklošana biedra naudu membership fees the")
    lv.stem_key("biedra naudu")
    en.stem_key("membership fees")


_TERM_COLUMNS = {"lv_term", "en_term"}  # canned-query columns that link to their concordance


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if not isinstance(value, str):
        if isinstance(value, int) and ((column == "bead" and table is None) or (table == "bitext" and column == "id")):
            return Markup(f'<a href="{datasette.urls.path("/-/lvterm/bead/")}{value}?db='
                          f'{urllib.parse.quote(database)}">{value}</a>')
        return None
    if column in _TERM_COLUMNS and table is None:
        url = datasette.urls.database(database) + "/concordance?" + urllib.parse.urlencode({"q": value})
        return Markup(f'<a href="{html.escape(url)}" title="concordance">{html.escape(value)}</a>')
    if (column == "entry" and table is None) or (table == "concepts" and column == "definition"):
        concept = value if column == "entry" else row["id"]
        url = datasette.urls.path("/-/lvterm/entry/" + urllib.parse.quote(str(concept), safe="")) + \
            "?" + urllib.parse.urlencode({"db": database})
        label = "entry" if column == "entry" else html.escape(value)
        return Markup(f'<a href="{html.escape(url)}">{label}</a>')
    if table == "terms" and column == "term":
        url = datasette.urls.database(database) + "/concordance?" + urllib.parse.urlencode({"q": value})
        return Markup(f'{html.escape(value)} <a href="{html.escape(url)}" title="concordance">↗</a>')
    if MARK_OPEN in value:
        return render_marked(value)
    return None


async def _database(datasette, request):
    """The served lvterm database: `?db=NAME` when it is one (never `_internal`), else the first."""
    name = request.args.get("db")
    if name and name in datasette.databases and not name.startswith("_"):
        db = datasette.get_database(name)
        if await db.table_exists("beads"):
            return db
    for db in datasette.databases.values():
        if db.name.startswith("_"):
            continue
        if await db.table_exists("beads"):
            return db
    raise NotFound("no lvterm database is being served")


async def entry_page(datasette, request):
    db = await _database(datasette, request)
    concept_id = request.url_vars["id"]
    concept = (await db.execute("select * from concepts where id = ?", [concept_id])).first()
    if concept is None:
        raise NotFound(f"no term entry {concept_id}")
    terms = [dict(r) for r in await db.execute(
        "select * from terms where concept_id = ? order by lang desc, "
        "case status when 'preferred' then 0 when 'admitted' then 1 when 'proposed' then 2 else 3 end, "
        "frequency desc", [concept_id])]
    for term in terms:
        term["forms"] = [dict(r) for r in await db.execute(
            "select form, count from term_forms where term_id = ? order by count desc, form", [term["id"]])]
        term["concordance"] = datasette.urls.database(db.name) + "/concordance?" + \
            urllib.parse.urlencode({"q": term["term"]})
    lv_terms = [t for t in terms if t["lang"] == "lv"]
    en_terms = [t for t in terms if t["lang"] == "en"]
    lv_pattern = "|".join({t["term"] for t in lv_terms} | {f["form"] for t in lv_terms for f in t["forms"]})
    en_pattern = "|".join({t["term"] for t in en_terms} | {f["form"] for t in en_terms for f in t["forms"]})
    ids = [t["id"] for t in terms]
    beads = []
    if ids:
        marks = ",".join("?" * len(ids))
        beads = [dict(r) for r in await db.execute(
            f"select distinct b.* from occurrences o join beads b on b.id = o.bead_id "
            f"where o.term_id in ({marks}) order by b.id limit 20", ids)]
    if not beads and lv_terms:
        beads = [dict(r) for r in await db.execute(
            "select b.* from beads_fts join beads b on b.id = beads_fts.rowid "
            "where beads_fts match fts_query(?) order by beads_fts.rowid limit 20", [lv_terms[0]["term"]])]
    for b in beads:
        b["lv_marked"] = render_marked(mark_terms(b["lv_text"], lv_pattern, "lv") or "")
        b["en_marked"] = render_marked(mark_terms(b["en_text"], en_pattern, "en") or "")
        b["url"] = datasette.urls.path(f"/-/lvterm/bead/{b['id']}") + "?" + urllib.parse.urlencode({"db": db.name})
    return Response.html(await datasette.render_template(
        "lvterm_entry.html", {"concept": dict(concept), "lv_terms": lv_terms, "en_terms": en_terms,
                              "beads": beads, "database": db.name}, request=request))


async def bead_page(datasette, request):
    db = await _database(datasette, request)
    bead_id = int(request.url_vars["id"])
    if bead_id >= 2 ** 63:  # no SQLite rowid is that large (and sqlite3 cannot bind it)
        raise NotFound("no such bead")
    bead = (await db.execute(
        "select b.*, p.title as title from beads b left join posts p on p.id = b.lv_post where b.id = ?",
        [bead_id])).first()
    if bead is None:
        raise NotFound("no such bead")
    bead = dict(bead)
    terms = [dict(r) for r in await db.execute(
        "select distinct t.id, t.lang, t.term, t.status, t.concept_id, o.form from occurrences o "
        "join terms t on t.id = o.term_id where o.bead_id = ? order by t.lang desc, t.term", [bead["id"]])]
    q = request.args.get("q") or ""
    lv_pattern = "|".join([q] * bool(q) + [t["form"] or t["term"] for t in terms if t["lang"] == "lv"])
    en_pattern = "|".join([q] * bool(q) + [t["form"] or t["term"] for t in terms if t["lang"] == "en"])
    for t in terms:
        t["url"] = datasette.urls.path("/-/lvterm/entry/" + urllib.parse.quote(str(t["concept_id"]), safe="")) + \
            "?" + urllib.parse.urlencode({"db": db.name})
    return Response.html(await datasette.render_template(
        "lvterm_bead.html", {"bead": bead, "terms": terms, "database": db.name, "q": q,
                             "review_below": REVIEW_THRESHOLD,
                             "lv_marked": render_marked(mark_terms(bead["lv_text"], lv_pattern, "lv") or ""),
                             "en_marked": render_marked(mark_terms(bead["en_text"], en_pattern, "en") or "")},
        request=request))


@hookimpl
def asgi_wrapper():
    """The library is read-only over HTTP as well: anything but GET, HEAD or OPTIONS gets 405."""

    def wrap(app):
        async def read_only(scope, receive, send):
            if scope["type"] == "http" and scope.get("method", "GET") not in ("GET", "HEAD", "OPTIONS"):
                await send({"type": "http.response.start", "status": 405,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                                        (b"allow", b"GET, HEAD, OPTIONS")]})
                await send({"type": "http.response.body", "body": b"This library is read-only.\n"})
                return
            await app(scope, receive, send)

        return read_only

    return wrap


@hookimpl
def register_routes():
    return [
        (r"^/-/lvterm/entry/(?P<id>[^/]+)$", entry_page),
        (r"^/-/lvterm/bead/(?P<id>\d+)$", bead_page),
    ]


_CSS = """
mark { background: #ffe066; padding: 0 .1em; }
.lvterm-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.lvterm-pair > div { border: 1px solid #ddd; padding: .5em .8em; border-radius: 4px; }
.lvterm-pair h3 { margin: 0 0 .3em 0; font-size: 0.9em; color: #555; }
"""


@hookimpl
def prepare_jinja2_environment(env):
    """Add the packaged templates (Datasette finds plugin templates only for package plugins)."""
    from pathlib import Path

    from jinja2 import ChoiceLoader, FileSystemLoader

    env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(Path(__file__).parent / "templates"))])


@hookimpl
def extra_template_vars():
    return {"lvterm_css": Markup(_CSS)}
