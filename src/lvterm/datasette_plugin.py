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
"""
from __future__ import annotations

import contextlib
import html
import json
import logging
import os
import re
import sqlite3
import sys
import threading
import time
import urllib.parse
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from datasette import hookimpl
from datasette.utils.asgi import BadRequest, NotFound, Request, Response
from markupsafe import Markup

from .constants import GUESS_LABEL, REVIEW_THRESHOLD, status_label, status_rank
from .datasette_errors import (BadNext, _patch_bad_arguments, _patch_csv_errors, _plain_error_pages, answers_json,
                               error_answer, next_value, url_database)
from .lang import en, lv
from .lang.keys import TOKEN_RE, fold
from .terms.matcher import TermMatcher, highlight, library_matchers, spans
from .textio import to_nfc

MARK_OPEN, MARK_CLOSE = "<mark>", "</mark>"
_MIN_PREFIX = 3
_NEAR = 2  # at most this many other words between the words of a multi-word query


# --- pure helpers (also used by tests and the templates) ----------------------------------------------


def _english_forms(word: str) -> tuple[str, ...] | None:
    """For a common English word that is no Latvian word, the prefixes that find its forms and no
    other word's: its English stem, and the stem's -ies/-ied or -ing forms where those drop a letter
    ("library" -> library, libraries, ...; "manage" -> manage, managing; "employee" -> employee,
    never the Latvian stemmer's "employe", also a prefix of "employer"). None for any other word."""
    if not (en.is_word(word) and not lv.is_word(word)):
        return None
    stem = en.stem(word)
    if not stem.isalpha() or not fold(word).startswith(stem[:-1]):
        return None
    if len(stem) > 3 and stem.endswith("y") and stem[-2] not in "aeiou":
        return stem, stem[:-1] + "ies", stem[:-1] + "ied"
    if len(stem) > 3 and stem.endswith("e") and not stem.endswith("ee"):
        return stem, stem[:-1] + "ing"
    return (stem,)


@lru_cache(maxsize=50_000)
def word_prefix(word: str) -> str:
    """The prefix a word is searched by: the shortest of the Latvian and English stems that is still
    a prefix of the folded word; for an English word (`_english_forms`) the part its forms share."""
    f = fold(word)
    forms = _english_forms(word)
    if forms:
        return os.path.commonprefix(forms)
    best = f
    for stem in (lv.stem(word), en.stem(word)):
        if stem and f.startswith(stem) and _MIN_PREFIX <= len(stem) < len(best):
            best = stem
    return best


FUNCTION_WORD_ZIPF = 6.0  # "the", "and", "un", "ir", "par": searched as whole words, not as prefixes


def _quoted(prefix: str) -> str:
    quoted = '"' + prefix.replace('"', '""') + '"'
    return quoted + "*" if len(prefix) >= _MIN_PREFIX else quoted


@lru_cache(maxsize=50_000)
def word_query(word: str, *, alone: bool = False) -> str:
    """One word as an FTS5 query: a stem prefix ("naudu" -> "naud"*), or the whole word when it is a
    very frequent function word (a prefix like "the"* would read the doclists of there, these, them ...).
    `alone` (the whole query is this word, not a phrase inside NEAR): an English word's forms ORed
    ("policy" -> "policy"* OR "policies"*, not "polic"*, which finds police)."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    if max(zipf_frequency(lower, "en"), zipf_frequency(lower, "lv")) >= FUNCTION_WORD_ZIPF:
        return '"' + fold(word).replace('"', '""') + '"'
    forms = _english_forms(word) if alone else None
    if forms and len(forms) > 1:
        return " OR ".join(_quoted(f) for f in forms)
    return _quoted(word_prefix(word))


def fts_query(text: str | None) -> str:
    """Raw user text -> an FTS5 query that cannot be a syntax error.

    Each word becomes a quoted stem prefix, so every inflected form matches in both languages:
    "biedra naudu" -> NEAR("biedr"* "naud"*, 2). Alternatives separated by '|' are ORed
    ("tīklošana|networking"). Operators, quotes and brackets in the input are plain text.
    Text without words gives '""', which matches nothing.
    """
    alternatives = []
    for alternative in (text or "").split("|"):
        words = TOKEN_RE.findall(alternative)[:12]
        if len(words) == 1:
            alternatives.append(word_query(words[0], alone=True))
        elif words:
            alternatives.append(f"NEAR({' '.join(word_query(word) for word in words)}, {_NEAR})")
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
    return _ratio()(fold(a), fold(b))


def typo_of(query: str | None, key: str | None) -> int | None:
    """1 when a term's folded key can be the query mistyped, 0 when not (`lvterm.terms.lookup.typo_of`:
    the rule of `lvterm lookup` and the home page, so term_lookup never offers "employer" for
    "employee" either)."""
    if query is None or key is None:
        return None
    from .terms.lookup import typo_of as rule

    return int(rule(query, key))


TERM_LOOKUP_LIMIT = 50  # entries term_lookup lists: `lvterm lookup --limit 50`
#: lookup's ways of matching -> term_lookup's `match`: exact (any form, case, diacritics), prefix, fuzzy
MATCH_KINDS = {"exact": "exact", "fold": "exact", "stem": "exact", "lemma": "exact", "prefix": "prefix",
               "fuzzy": "fuzzy"}


def typo_correction(entries: list[dict]) -> dict | None:
    """Of `lookup`'s entries, best first, the one whose term is searched instead of the query as the
    correction of a typo: the first, when it matched as one (`fuzzy`); None otherwise. The home page
    shows that term's sentences ("did you mean"), and the concordance searches it (lookup_hits'
    `correction`). A fuzzy hit ranked under another is none: "networkin" is networking being
    typed (a prefix), not network mistyped."""
    return entries[0] if entries and entries[0]["matched"]["via"] == "fuzzy" else None


def lookup_row(entry: dict, *, correction: bool = False) -> dict:
    """One `lookup` result as an element of lookup_hits: the entry's best Latvian and English terms
    (None when it has none in that language), status, score, the term matched (`matched`, its
    `form`, `lang` and `via`: exact, fold, stem, lemma, prefix, fuzzy), `match` (via as term_lookup
    says it: exact, prefix or fuzzy), `correction` (whether its `matched` is the query's typo
    correction, `typo_correction`) and the bead of its first example (lookup's choice). A machine
    proposal's English under its display threshold is never `en`: `machine_guess` is the one held
    back when no English is shown ({"en", "confidence", "threshold"}, as `lvterm lookup --json` gives
    it; None otherwise), and `machine_guesses` lists every one held back (`lookup.entry_guesses`)."""
    from .terms.lookup import entry_guesses

    matched = entry["matched"]
    return {"concept_id": entry["concept_id"], "lv": entry["lv"] if entry["lv_terms"] else None, "en": entry["en"],
            "machine_guess": entry.get("machine_guess"), "machine_guesses": entry_guesses(entry),
            "status": entry["status"], "score": entry["score"], "matched": matched["term"], "form": matched["form"],
            "lang": matched["lang"], "via": matched["via"], "match": MATCH_KINDS.get(matched["via"], matched["via"]),
            "correction": correction, "bead": entry["examples"][0]["bead_id"] if entry["examples"] else None}


def interrupt_caller(conn: sqlite3.Connection, exc: sqlite3.OperationalError) -> None:
    """In a SQL function whose own query on `conn` failed: `exc` again, unless it is the time
    limit's "interrupted"; then the calling query is interrupted instead (SQLite checks for it when
    the statement steps on), so it stops with SQLite's own "interrupted" (Datasette's "query took
    too long"), not a function error."""
    if "interrupted" not in str(exc):
        raise exc
    conn.interrupt()


def lookup_hits_on(conn: sqlite3.Connection):
    """The SQL function `lookup_hits(q)` of one connection: a JSON array of `lookup_row`s, best
    first, found by `lvterm.terms.lookup.lookup` (the engine of `lvterm lookup` and the home page)
    on this connection (`lookup.index_on`, made at the first call and kept). '[]' for a query that
    names no term or a database without a termbase. Past the SQL time limit the query that called
    it is interrupted, as if the engine's look-ups were its own steps."""
    index = None

    def lookup_hits(q: str | None) -> str | None:
        nonlocal index
        if q is None:
            return None
        from .terms.lookup import index_on, lookup

        try:
            if index is None:
                index = index_on(conn)
            if not all(index.has(t) for t in ("concepts", "terms", "term_forms")):
                return "[]"
            entries = lookup(q, index=index, limit=TERM_LOOKUP_LIMIT, examples=1)
        except sqlite3.OperationalError as exc:
            # one placeholder element gets the calling statement to its next row, where it stops
            interrupt_caller(conn, exc)
            return "[null]"
        corrected = typo_correction(entries)
        return json.dumps([lookup_row(e, correction=e is corrected) for e in entries], ensure_ascii=False)

    lookup_hits.__name__ = "lookup_hits"
    return lookup_hits


def machine_guess_on(conn: sqlite3.Connection):
    """The SQL function `machine_guess(term_id)` of one connection: for an English term held back
    from being shown as an equivalent (`lookup.term_guess`: a machine proposal under its display
    threshold), the guess as JSON, {"en", "confidence", "threshold"} as `lvterm lookup --json`
    gives it; NULL for any other term (Latvian, decided, or shown) and for NULL. A term the library
    does not have is refused. The canned queries leave such a term out of the equivalents."""
    index = None

    def machine_guess(term_id: str | None) -> str | None:
        nonlocal index
        if term_id is None:
            return None
        from .terms.lookup import index_on, term_guess

        try:
            tid = int(term_id)
        except ValueError:
            raise Refused(f"machine_guess: {term_id!r} is no term id") from None
        try:
            if index is None:
                index = index_on(conn)
            guess = term_guess(index, tid)
        except LookupError:
            raise Refused(f"machine_guess: no term {tid}") from None
        except sqlite3.OperationalError as exc:
            interrupt_caller(conn, exc)
            return None
        return json.dumps(guess, ensure_ascii=False) if guess else None

    machine_guess.__name__ = "machine_guess"
    return machine_guess


def example_note_on(conn: sqlite3.Connection):
    """The SQL function `example_note(bead, concept)` of one connection: what `lvterm lookup` and
    the home page say under that pair as an example of that entry (`lookup.one_side_note`: "the
    Latvian side uses another word" when a term of the entry is found on one side only, "the
    English side has the machine guess «Latvia»" when that side has the entry's held-back guess
    (`lookup.guess_notes`), "neither side uses a term of the entry", also for an entry without terms); NULL only for a pair using
    the entry's terms on both sides, and for a NULL argument (SQL's convention: term_lookup passes
    a NULL pair for an entry without an example). A pair or an entry the library does not have is
    refused (`Refused`: the query fails, as on any argument our functions refuse), not taken for
    a good example. The terms are found as lookup finds them in its examples (`bead_marks`), so the
    term_lookup table says what the CLI says of the same pair, and of a pair its full-text
    fallback chose, what the entry page says."""
    def example_note(bead: str | None, concept: str | None) -> str | None:
        if bead is None or concept is None:
            return None
        from .terms.lookup import both_sides_first, guess_notes, one_side_note

        try:
            pair = conn.execute("select lv_text, en_text from beads where id = ?", [bead]).fetchone()
            if pair is None:
                raise Refused(f"example_note: no pair {bead!r}")
            if conn.execute("select 1 from concepts where id = ?", [concept]).fetchone() is None:
                raise Refused(f"example_note: no entry {concept!r}")
            all_ids = [r[0] for r in conn.execute("select id from terms where concept_id = ?", [concept])]
            term_ids = shown_terms(conn, all_ids)  # (a guess is none of them)
            marks = bead_marks(conn, [{"lv_text": pair[0], "en_text": pair[1]}], term_ids)[0]
            example = both_sides_first([{"en": pair[1], "lv_spans": marks["lv"], "en_spans": marks["en"]}])
            guess_notes(conn, example, [tid for tid in all_ids if tid not in term_ids])
        except sqlite3.OperationalError as exc:
            interrupt_caller(conn, exc)
            return None
        return one_side_note(example[0])

    example_note.__name__ = "example_note"
    return example_note


def _mark(fragment: str) -> str:
    return MARK_OPEN + fragment + MARK_CLOSE


@lru_cache(maxsize=256)
def _terms_matcher(terms: str, lang: str) -> TermMatcher:
    """A matcher of '|'-separated terms, best first (a canned query marks the same terms row after row)."""
    return TermMatcher(((term, (term,)) for term in terms.split("|")), lang=lang)


def mark_terms(text: str | None, terms: str | None, lang: str = "lv") -> str | None:
    """Wrap every inflected form of the given terms ('|'-separated, best first) in <mark>…</mark>:
    `TermMatcher` with the stem keys of `lang`, longest match first. The SQL function of the canned
    queries; the text is not escaped here (`render_marked` does that when the cell is shown)."""
    if not text or not terms:
        return text
    return highlight(text, spans(_terms_matcher(terms, lang).find(text)), style=_mark)


def render_marked(value: str) -> Markup:
    """Escape everything, then restore only <mark> and </mark>."""
    escaped = html.escape(value, quote=False)
    return Markup(escaped.replace("&lt;mark&gt;", MARK_OPEN).replace("&lt;/mark&gt;", MARK_CLOSE))


def _escape(fragment: str) -> str:
    return html.escape(fragment, quote=False)


def render_spans(text: str | None, marks: list[list[int]]) -> Markup:
    """`text` escaped, each [start, end] span in <mark>: the HTML twin of `lvterm lookup`'s «…»."""
    return Markup(highlight(text or "", marks, style=lambda fragment: _mark(_escape(fragment)), plain=_escape))


def bead_marks(conn, beads: list[dict], term_ids: list[int], *, queries: tuple[str, ...] = ()) -> list[dict]:
    """For each bead (a dict with lv_text, en_text), lang -> the [start, end] spans of the given
    terms (and query words) in that side: what `lvterm lookup` gives its examples for the same
    terms, as both go through `library_matchers`. Runs on a connection (Database.execute_fn)."""
    matchers = library_matchers(conn, term_ids, queries=queries)
    return [{lang: spans(matchers[lang].find(b[f"{lang}_text"] or "")) for lang in ("lv", "en")} for b in beads]


def shown_terms(conn, term_ids: Iterable[int]) -> list[int]:
    """These terms of the library (ids, in order) but those held back as machine guesses
    (`lookup.term_guess`), which no page marks in a sentence, counts as the entry's English in an
    example or shows as an equivalent, as `lvterm lookup` does not. Runs on a connection."""
    from .terms.lookup import index_on, term_guess

    index = index_on(conn)
    return [tid for tid in term_ids if not term_guess(index, tid)]


def _entry_url(datasette, database: str, concept_id) -> str:
    return datasette.urls.path("/-/lvterm/entry/" + urllib.parse.quote(str(concept_id), safe="")) + \
        "?" + urllib.parse.urlencode({"db": database})


# --- Datasette hooks --------------------------------------------------------------------------------


#: A public instance answers anyone's SQL: no value may grow past this (SQLite's own length limit,
#: so printf('%.*c', 300000000, 'x') or zeroblob(1e9) is an error, not gigabytes of memory).
MAX_VALUE_BYTES = 4_000_000
#: Longest text our SQL functions take (a paragraph is a few thousand characters; a term < 200).
#: Past it they raise: one call is then bounded to milliseconds, so Datasette's time limit (a
#: progress handler, which only runs between SQLite instructions) stops any query in time.
MAX_FUNCTION_CHARS = {"fold": 20_000, "stem": 20_000, "fts": 2_000, "fuzzy": 1_000, "mark": 20_000,
                      "mark_terms": 2_000}


SWITCH_INTERVAL = 0.001  # seconds (sys.setswitchinterval), see startup()


#: A query calling our functions row after row holds the GIL nearly all the time (each call takes
#: it back from SQLite), so every other request's thread waits for it. A thread that has been
#: calling them for BURST_SECONDS without a pause sleeps YIELD_SECONDS: a canned query (at most a
#: few thousand calls, mark_terms over its rows) is slowed by a few per cent, a runaway
#: one gives way a fifth of the time. Measured by benchmarks/server_stress.py.
BURST_SECONDS, IDLE_SECONDS, YIELD_SECONDS = 0.005, 0.001, 0.001
_burst = threading.local()


def _yield_now_and_then() -> None:
    now = time.perf_counter()
    if now - getattr(_burst, "last", 0.0) > IDLE_SECONDS:  # a pause since the last call: a new burst
        _burst.start = now
    elif now - _burst.start > BURST_SECONDS:
        time.sleep(YIELD_SECONDS)
        now = _burst.start = time.perf_counter()
    _burst.last = now


#: Datasette's time limit is a Python progress handler called every 1,000 SQLite instructions
#: (~0.08 ms): a long query takes the GIL back 12,000 times a second and every other request waits.
#: Ours runs every TIME_CHECK_OPS instructions (~0.8 ms) and then sleeps a moment, so a long query
#: still stops at the limit but leaves the other threads room (benchmarks/server_stress.py).
TIME_CHECK_OPS, TIME_CHECK_SLEEP = 10_000, 0.0002


@contextlib.contextmanager
def sqlite_timelimit(conn, ms):
    """Datasette's `sqlite_timelimit`, checking less often and giving way when it checks."""
    deadline = time.perf_counter() + ms / 1000
    n = 1 if ms <= 20 else TIME_CHECK_OPS  # Datasette's own tests use tiny limits

    def handler():
        if time.perf_counter() >= deadline:
            return 1
        time.sleep(TIME_CHECK_SLEEP)
        return 0

    conn.set_progress_handler(handler, n)
    try:
        yield
    finally:
        conn.set_progress_handler(None, n)


def _patch_time_limit() -> None:
    import datasette.database

    datasette.database.sqlite_timelimit = sqlite_timelimit


def _clear_frames(exc: BaseException) -> None:
    """Drop the local variables of the finished frames in `exc`'s traceback (and in those of the
    exceptions it was raised from or while handling)."""
    import traceback

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)  # a frame still running is left alone
        exc = exc.__cause__ or exc.__context__


_running = threading.local()


def running_connection() -> sqlite3.Connection | None:
    """The connection of the query this thread is running for Datasette (`Database.execute_fn`,
    patched by `_patch_execute_fn` at startup): a canned query's magic parameters are read there,
    as SQLite binds them, so `next_param` can look its row up in the same library. None outside."""
    return getattr(_running, "conn", None)


def _patch_execute_fn() -> None:
    """A failed query's cursor is released in the SQL thread that ran it, not on the event loop.

    Datasette runs each query in a worker thread (`Database.execute_fn`) and hands the result, or
    the exception, to the event loop. An exception's traceback keeps the frame that ran the query
    and so its `cursor`, whose statement SQLite has not reset after the error. The event loop freed
    that cursor when it dropped the future, and freeing it calls `sqlite3_reset`, which waits for
    the connection's mutex; by then the worker thread is running its next query on the same
    (thread-local) connection, a hostile one up to `sql_time_limit_ms`. The whole server (every
    request, the accept loop) stood still for that second: the ~1 % of `term_lookup` requests that
    took 1 or 2 s under benchmarks/server_stress.py. Found with `py-spy dump --native`: the main
    thread in `pthread_mutex_lock` <- `sqlite3_reset` <- `cursor_dealloc` <- `FutureObj_dealloc`.
    Clearing the finished frames before the exception leaves the thread frees the cursor there.
    It also notes the connection it runs on (`running_connection`)."""
    from datasette.database import Database

    if getattr(Database.execute_fn, "_lvterm_releases_cursors", False):
        return
    original = Database.execute_fn

    async def execute_fn(self, fn):
        def run(conn):
            outer, _running.conn = getattr(_running, "conn", None), conn  # `running_connection`
            try:
                return fn(conn)
            except BaseException as exc:
                _clear_frames(exc)
                raise
            finally:
                _running.conn = outer

        return await original(self, run)

    execute_fn._lvterm_releases_cursors = True
    Database.execute_fn = execute_fn


def _quiet_refusals() -> None:
    """Datasette turns on sqlite3's callback tracebacks, so every refused SQL function argument
    (`Refused`: `TooLong`, an expected answer to a hostile query, or a pair example_note has not)
    printed a whole traceback on the server's stderr; it is one log line now. Any other error in a
    SQL function keeps its traceback."""
    previous = sys.unraisablehook
    if getattr(previous, "_lvterm_quiet", False):
        return

    def hook(unraisable):
        if isinstance(unraisable.exc_value, Refused):
            logging.getLogger("lvterm.datasette").info("refused: %s", unraisable.exc_value)
            return
        previous(unraisable)

    hook._lvterm_quiet = True
    sys.unraisablehook = hook


LOG_FORMAT = "%(levelname)s:     %(name)s: %(message)s"  # as uvicorn's lines beside them ("INFO:     ...")


def log_to_stderr() -> None:
    """The plugin's log lines on stderr under a server that configured no logging (`lvterm serve`,
    `datasette serve`): the `lvterm.datasette` logger at INFO with a stderr handler of its own, so
    a refusal's `refused: ...` (`_quiet_refusals`) is seen, with the warnings and the 5xx
    tracebacks; Datasette's, uvicorn's and every other logger are left as they are. Nothing is
    done when that logger or the root logger has a handler already (an application's logging, or
    pytest's): theirs decides. The handler stands aside for any record logged while the root logger
    has a handler (logging an application configured after the server started), which then writes
    it alone: one line either way."""
    logger = logging.getLogger("lvterm.datasette")
    if logger.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(lambda record: not logging.getLogger().handlers)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


class Refused(ValueError):
    """A SQL function argument it cannot take: SQLite reports it as the query's error ("user-defined
    function raised exception"), the server logs this one line (`_quiet_refusals`)."""


class TooLong(Refused):
    """A SQL function argument over its bound."""


def as_text(value):
    """A SQL function argument as text, as SQLite's own text functions take it (upper(3) is '3'):
    a number as it prints, a blob as UTF-8 (invalid bytes replaced), NFC-normalised (a query pasted
    from macOS, decomposed "tīklošana", is the same query); None stays None (NULL in, NULL out)."""
    if isinstance(value, (int, float)):
        value = str(value)
    elif isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return to_nfc(value) if isinstance(value, str) else value


def _bounded(fn, *limits: int):
    """`fn` refusing any argument longer than its limit and seeing every argument as text
    (`as_text`: numbers and blobs as SQLite's text functions take them, NULL as None)."""
    def bounded(*args):
        for arg, limit in zip(args, limits):
            if isinstance(arg, (str, bytes)) and len(arg) > limit:
                raise TooLong(f"{fn.__name__}: argument longer than {limit:,} characters")
        _yield_now_and_then()
        return fn(*(as_text(a) for a in args))

    bounded.__name__ = fn.__name__
    return bounded


def _keyed(key):
    def fn(text):
        return key(text) if text is not None else None

    fn.__name__ = key.__module__.rsplit(".", 1)[-1] + "_" + key.__name__.replace("_key", "")
    return fn


def sql_functions() -> dict[str, tuple[int, object]]:
    """name -> (number of arguments, bounded function): what every connection gets."""
    L = MAX_FUNCTION_CHARS
    return {
        # Table search (`?_search=`, datasette-search-all) goes through escape_fts: make it the same
        # safe, inflection-insensitive query builder the canned queries use.
        "escape_fts": (1, _bounded(fts_query, L["fts"])),
        "lv_fold": (1, _bounded(_keyed(lv.fold_key), L["fold"])),
        "lv_stem": (1, _bounded(_keyed(lv.stem_key), L["stem"])),
        "en_fold": (1, _bounded(_keyed(en.fold_key), L["fold"])),
        "en_stem": (1, _bounded(_keyed(en.stem_key), L["stem"])),
        "fts_query": (1, _bounded(fts_query, L["fts"])),
        "fuzzy_score": (2, _bounded(fuzzy_score, L["fuzzy"], L["fuzzy"])),
        "typo_of": (2, _bounded(typo_of, L["fuzzy"], L["fuzzy"])),
        "mark_terms": (3, _bounded(mark_terms, L["mark"], L["mark_terms"], 8)),
        # the canned query review_alignments reads the threshold from lvterm.constants, not a literal
        "review_threshold": (0, lambda: REVIEW_THRESHOLD),
    }


_plain = threading.local()


def _plain_sqlite() -> sqlite3.Connection:
    """A private in-memory connection (one per thread) whose built-in printf does the formatting."""
    conn = getattr(_plain, "conn", None)
    if conn is None:
        conn = _plain.conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    return conn


_WIDTH = re.compile(r"\d{7,}")


def bounded_printf(fmt, *args):
    """SQLite's printf/format, refusing widths and precisions that would make a huge string: the
    built-in spends seconds of CPU in one instruction on printf('%.*c', 2000000000, 'x') even when
    the length limit throws the result away, and the time limit cannot stop one instruction."""
    if fmt is None:
        return None
    text = str(fmt)
    if len(text) > MAX_FUNCTION_CHARS["fts"] * 10 or _WIDTH.search(text) or \
            any(isinstance(a, int) and abs(a) > MAX_VALUE_BYTES for a in args):
        raise TooLong(f"printf: width or precision over {MAX_VALUE_BYTES:,}")
    marks = ", ".join("?" * (len(args) + 1))
    return _plain_sqlite().execute(f"select printf({marks})", (fmt, *args)).fetchone()[0]


@hookimpl(trylast=True)  # after Datasette's own functions, so that escape_fts below is ours
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


@hookimpl
def filters_from_request(request, database, table, datasette):
    """A request Datasette would answer wrongly is a 400 saying so, before any SQL runs: `_next` on a
    view that is not a whole number (Datasette's int() made it a 500); `_search` on a table without
    full-text search (Datasette ignored it and returned every row); a column search
    (`_search_<column>`) on a view, which Datasette runs as `rowid in (...)` and a view's rowid
    is NULL (every answer was empty). Adds no filter of its own."""
    async def inner():
        searches = [k for k in request.args if k.startswith("_search") and k != "_searchmode" and request.args.get(k)]
        if not searches and not request.args.get("_next"):
            return None
        db = datasette.get_database(database)
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


def entry_heading(lv_terms: list[dict], en_terms: list[dict], concept_id: str) -> str:
    """An entry page's title: its best Latvian term – its best English term (the concept id only
    when it has no term)."""
    best = [min(ts, key=lambda t: status_rank(t["status"]))["term"] for ts in (lv_terms, en_terms) if ts]
    return " – ".join(best) or str(concept_id)


def split_forms(term: dict, forms: list[dict]) -> dict:
    """A term's forms for its entry page: `forms` seen in the corpus (with counts), `generated`
    (made from the lemma's paradigm, never seen) and `unseen` (recorded in the termbase, not seen
    yet); a form never seen is never shown as "(0)"."""
    term["forms"] = [f for f in forms if f["count"]]
    term["generated"] = [f["form"] for f in forms if not f["count"] and f["generated"]]
    term["unseen"] = [f["form"] for f in forms if not f["count"] and not f["generated"] and f["form"] != term["term"]]
    return term


ENTRY_EXAMPLES = 20


def entry_examples(conn, term_ids: list[int], lv_terms: list[dict]) -> list[dict]:
    """The entry page's example pairs, in pair order: `lookup.concept_examples` (pairs using the
    entry's terms on both sides when there is one), else the pairs a full-text search finds the
    first Latvian term in, under the same rule (`both_sides_first`). `term_ids`: the entry's terms
    but its machine guesses, as lookup leaves them out of its examples. Runs on a connection."""
    from .schema import table_names
    from .terms.lookup import both_sides_first, concept_examples

    tables = table_names(conn)
    found = concept_examples(conn, term_ids, limit=ENTRY_EXAMPLES, in_order=True) \
        if {"occurrences", "beads"} <= tables else []
    if found or not lv_terms or "beads_fts" not in tables:
        return found
    beads = [dict(zip(("id", "lv_text", "en_text", "score"), r)) for r in conn.execute(
        "select b.id, b.lv_text, b.en_text, b.score from beads_fts join beads b on b.id = beads_fts.rowid "
        "where beads_fts match fts_query(?) order by beads_fts.rowid limit ?", [lv_terms[0]["term"], ENTRY_EXAMPLES])]
    return both_sides_first([{"lv": b["lv_text"], "en": b["en_text"], "bead_id": b["id"], "score": b["score"],
                              "lv_spans": marks["lv"], "en_spans": marks["en"]}
                             for b, marks in zip(beads, bead_marks(conn, beads, term_ids))])


def held_back(conn, en_terms: list[dict], lv_terms: list[dict]) -> None:
    """Marks the English terms of an entry page that are no equivalent to show (`guess`: their
    `lookup.machine_guess`, else None): machine proposals under their display threshold, every one
    of them, as `lvterm lookup` and the home page hold them back. Runs on a connection."""
    from .terms.lookup import index_on, machine_guess

    index = index_on(conn)
    for t in en_terms:
        t["guess"] = machine_guess(index, t, [x["id"] for x in lv_terms])


async def entry_page(datasette, request):
    from .terms.lookup import guess_notes, one_side_note

    db = await _database(datasette, request)
    concept_id = request.url_vars["id"]
    concept = (await db.execute("select * from concepts where id = ?", [concept_id])).first()
    if concept is None:
        raise NotFound(f"no term entry {concept_id}")
    terms = [dict(r) for r in await db.execute(
        "select * from terms where concept_id = ? order by lang desc, "
        "case status when 'preferred' then 0 when 'admitted' then 1 when 'proposed' then 2 else 3 end, "
        "frequency desc", [concept_id])]
    generated = "generated" in {c.name for c in await db.table_column_details("term_forms")}
    for term in terms:
        forms = [dict(r) for r in await db.execute(
            f"select form, count, {'generated' if generated else '0'} as generated from term_forms "
            f"where term_id = ? order by count desc, form", [term["id"]])]
        split_forms(term, forms)
        term["status_label"] = status_label(term["status"])
        term["concordance"] = datasette.urls.database(db.name) + "/concordance?" + \
            urllib.parse.urlencode({"q": term["term"]})
    lv_terms = [t for t in terms if t["lang"] == "lv"]
    en_terms = [t for t in terms if t["lang"] == "en"]

    def examples(conn) -> list[dict]:  # (one trip to the database thread)
        held_back(conn, en_terms, lv_terms)
        return guess_notes(conn, entry_examples(conn, [t["id"] for t in terms if not t.get("guess")], lv_terms),
                           [t["id"] for t in en_terms if t["guess"]])

    beads = await db.execute_fn(examples)
    for b in beads:
        b["lv_marked"] = render_spans(b["lv"], b["lv_spans"])
        b["en_marked"] = render_spans(b["en"], b["en_spans"])
        b["one_side"] = one_side_note(b)
        b["url"] = datasette.urls.path(f"/-/lvterm/bead/{b['bead_id']}") + "?" + \
            urllib.parse.urlencode({"db": db.name, "concept": concept_id})
    return Response.html(await datasette.render_template(
        "lvterm_entry.html", {"concept": dict(concept), "lv_terms": lv_terms, "en_terms": en_terms,
                              "beads": beads, "database": db.name,
                              "heading": entry_heading(lv_terms, [t for t in en_terms if not t["guess"]], concept_id),
                              "proposal": bool(terms) and all(t["status"] == "proposed" for t in terms)},
        request=request))


def _sentence_label(ids_json: str | None) -> str:
    """A bead side's sentences in words, counted from 1 as people count them (the stored ids count
    from 0): "sentence 18", "sentences 18–19", "no sentence"; "" when the ids are not a list."""
    try:
        ids = [int(i) + 1 for i in json.loads(ids_json or "[]")]
    except (TypeError, ValueError):
        return ""
    if not ids:
        return "no sentence"
    if len(ids) == 1:
        return f"sentence {ids[0]}"
    return f"sentences {ids[0]}–{ids[-1]}" if ids == list(range(ids[0], ids[-1] + 1)) else \
        "sentences " + ", ".join(map(str, ids))


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
    q = to_nfc(request.args.get("q") or "")
    # the terms of one entry, as its entry page and `lvterm lookup` mark them; else every term here
    concept = request.args.get("concept") or None
    marked_ids = [r[0] for r in await db.execute("select id from terms where concept_id = ?", [concept])] \
        if concept else []
    if not marked_ids:
        concept, marked_ids = None, [t["id"] for t in terms]

    def shown_and_marks(conn) -> tuple[set, dict]:  # (one trip to the database thread)
        shown = set(shown_terms(conn, [*marked_ids, *(t["id"] for t in terms)]))
        return shown, bead_marks(conn, [bead], [i for i in marked_ids if i in shown], queries=(q,))[0]

    shown, marks = await db.execute_fn(shown_and_marks)
    for t in terms:
        t["url"] = _entry_url(datasette, db.name, t["concept_id"])
        t["status_label"] = status_label(t["status"]) + ("" if t["id"] in shown else f", {GUESS_LABEL}")
    # the pairs before and after this one in its post pair: reading on without the table
    nearby = {}
    if isinstance(bead["position"], int):
        around = {r["position"]: r["id"] for r in await db.execute(
            "select id, position from beads where pair = ? and position in (?, ?)",
            [bead["pair"], bead["position"] - 1, bead["position"] + 1])}
        nearby = {name: _bead_url(datasette, db.name, around[pos], q=q or None, concept=concept)
                  for name, pos in (("previous", bead["position"] - 1), ("next", bead["position"] + 1))
                  if pos in around}
    return Response.html(await datasette.render_template(
        "lvterm_bead.html", {"bead": bead, "terms": terms, "database": db.name, "q": q, "nearby": nearby,
                             "lv_sentences": _sentence_label(bead["lv_ids"]),
                             "en_sentences": _sentence_label(bead["en_ids"]),
                             "review_below": REVIEW_THRESHOLD, "concept": concept,
                             "concept_url": concept and _entry_url(datasette, db.name, concept),
                             "lv_marked": render_spans(bead["lv_text"], marks["lv"]),
                             "en_marked": render_spans(bead["en_text"], marks["en"])},
        request=request))


# --- the home page: a search box for people, the downloads, the tables in plain words ---------------

HOME_ENTRIES = 10  # term entries shown for a query
HOME_RELATED = 6  # of which at most this many longer terms containing the query's words
HOME_PAIRS = 20  # aligned pairs shown under them (the concordance page has the rest)

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


def _bead_url(datasette, database: str, bead_id, **params) -> str:
    query = urllib.parse.urlencode({"db": database, **{k: v for k, v in params.items() if v}})
    return datasette.urls.path(f"/-/lvterm/bead/{int(bead_id)}") + "?" + query


def entry_card(datasette, database: str, entry: dict) -> dict:
    """One `lookup` result as the home page shows it: both terms, status (a proposal says so), the
    other terms of the entry (synonyms, with language and status), note and definition, one example
    pair with the terms marked (and, for a pair with them on one side only, `one_side_note`), and
    the link to the entry. A machine proposal's English under its display threshold is never an
    equivalent: `guess` names every such term as the machine's (`lookup.guess_line`), and none of
    them is among the others or marked in the example (`lookup` leaves them unmarked)."""
    from .terms.lookup import entry_guesses, guess_line, one_side_note, written_form

    guesses = entry_guesses(entry)
    others = [{"term": t["term"], "lang": t["lang"], "status": t["status"], "status_label": status_label(t["status"])}
              for t in entry["terms"] if t["term"] not in (entry["lv"], entry["en"]) and not t.get("machine_guess")]
    example = None
    if entry["examples"]:
        ex = entry["examples"][0]
        example = {"lv": render_spans(ex["lv"], ex.get("lv_spans", [])),
                   "en": render_spans(ex["en"], ex.get("en_spans", [])), "one_side": one_side_note(ex),
                   "url": _bead_url(datasette, database, ex["bead_id"], concept=entry["concept_id"])}
    en_status = next((t["status"] for t in entry["terms"] if t["lang"] == "en" and t["term"] == entry["en"]), None)
    return {
        "lv": entry["lv"], "en": entry["en"], "status": entry["status"], "status_label": status_label(entry["status"]),
        "guess": guesses and {"en": [g["en"] for g in guesses], "line": guess_line(guesses)},
        "en_status_label": status_label(en_status) if en_status and en_status != entry["status"] else None,
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
    from .terms.lookup import MAX_QUERY_CHARS, MAX_TEXT_CHARS, index_on, lookup, related, within

    found = {"entries": [], "pairs": [], "total_pairs": 0, "too_long": len(q) > MAX_TEXT_CHARS, "searched": q}
    if found["too_long"]:
        return found
    index = index_on(conn)
    entries = direct = []
    if len(q) <= MAX_QUERY_CHARS:  # a longer text names no entry: only the terms in it
        entries = direct = lookup(q, index=index, limit=HOME_ENTRIES, examples=1)
        if len(entries) < HOME_ENTRIES:
            entries = entries + related(q, index=index, limit=min(HOME_RELATED, HOME_ENTRIES - len(entries)),
                                        examples=1, exclude=tuple(e["concept_id"] for e in entries))
    if not direct and len(entries) < HOME_ENTRIES:  # a sentence pasted: the terms it uses
        entries += within(q, index=index, limit=HOME_ENTRIES - len(entries), examples=1,
                          exclude=tuple(e["concept_id"] for e in entries))
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
    found = {"entries": [], "pairs": [], "total_pairs": 0, "too_long": False, "searched": q}
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
    from .exports import downloads
    from .terms.lookup import MAX_TEXT_CHARS

    files = downloads(Path(db.path).parent, stem=Path(db.path).stem) if db.path else []
    return Response.html(await datasette.render_template("lvterm_home.html", {
        "q": q, "entries": [entry_card(datasette, db.name, e) for e in found["entries"]],
        "pairs": [{**p, "url": _bead_url(datasette, db.name, p["id"], q=found["searched"])} for p in found["pairs"]],
        "total_pairs": found["total_pairs"], "too_long": found["too_long"], "max_text": MAX_TEXT_CHARS,
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

    from .exports import downloads

    db = await _database(datasette, request)
    if not db.path:
        raise NotFound("this library has no downloads")
    name = request.url_vars["name"]
    found = {f.name: f for f in downloads(Path(db.path).parent, stem=Path(db.path).stem)}.get(name)
    if found is None:
        raise NotFound(f"no download {name}")
    return AsgiFileDownload(found.path, filename=found.name,
                            content_type=DOWNLOAD_TYPES.get(found.path.suffix, "application/octet-stream"))


# --- table pages: internal columns out of the default HTML view ----------------------------------------

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


_CSS = """
mark { background: #ffe066; padding: 0 .1em; }
.lvterm-pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; margin: 0 0 1.4em; }
.lvterm-pair > div { border: 1px solid #ddd; padding: .5em .8em; border-radius: 4px; background: #fff; }
.lvterm-pair h3 { margin: 0 0 .3em 0; font-size: 0.9em; color: #555; }
.lvterm-search { margin: .6em 0 1.4em; }
.lvterm-search label { display: block; width: auto; font-size: 1.5em; font-weight: bold; margin: 0 0 .35em; }
.lvterm-search-row { display: flex; gap: .5em; max-width: 48em; }
.lvterm-search-row input[type=search] { flex: 1; min-width: 0; width: auto; font-size: 1.2em; padding: .45em .6em; }
.lvterm-search-row input[type=submit] { flex: none; font-size: 1.1em; padding: .4em 1.3em; background: #1f5f99;
  border-color: #1f5f99; color: #fff; }
.lvterm-hint, .lvterm-meta, .lvterm-examples { color: #555; font-size: .92em; margin: .3em 0; }
.lvterm-lede { font-size: 1.05em; max-width: 60em; }
.lvterm-results h2, .lvterm-downloads h2, .lvterm-browse h2 { margin-top: 1.2em; }
.lvterm-entry { border: 1px solid #ddd; border-left: 6px solid #2e7d4f; border-radius: 4px; padding: .5em 1em .4em;
  margin: .8em 0; background: #fff; }
.lvterm-entry-proposal { border-left-color: #c77700; }
.lvterm-entry h3 { margin: .1em 0 .2em; font-size: 1.3em; }
.lvterm-entry h3 a { text-decoration: none; }
.lvterm-entry p { margin: .3em 0; }
.lvterm-example { margin: .5em 0; }
.lvterm-one-side { grid-column: 1 / -1; margin: 0; color: #9a5a00; font-size: .92em; }
.lvterm-status-preferred { color: #1d6b3c; font-weight: bold; }
.lvterm-status-deprecated { color: #a0282b; font-weight: bold; }
.lvterm-status-proposed, .lvterm-proposal { color: #9a5a00; font-weight: bold; }
.lvterm-fuzzy { color: #9a5a00; }
.lvterm-correction { font-size: 1.05em; }
.lvterm-guess { color: #9a5a00; font-style: italic; margin: .2em 0; }
.lvterm-proposal-note { background: #fff4e0; border: 1px solid #e8b860; padding: .5em .8em; border-radius: 4px; }
.lvterm-generated { color: #666; }
.lvterm-concordance { width: 100%; border-collapse: collapse; background: #fff; }
.lvterm-concordance th { text-align: left; font-size: .9em; color: #555; border-bottom: 2px solid #ccc; padding: .3em .6em; }
.lvterm-concordance td { vertical-align: top; padding: .45em .6em; border-bottom: 1px solid #e4e4e4; }
.lvterm-concordance td.col-lv, .lvterm-concordance td.col-en { width: 48%; }
.lvterm-downloads ul { list-style: none; padding: 0; margin: .4em 0; }
.lvterm-downloads li { margin: .35em 0; }
.lvterm-browse dl { display: grid; grid-template-columns: max-content 1fr; gap: .35em 1.2em; margin: .4em 0; }
.lvterm-browse dt { font-weight: bold; }
.lvterm-browse dd { margin: 0; }
details.lvterm-about { margin: .6em 0 1em; }
details.lvterm-about summary { cursor: pointer; color: #444; }
details.lvterm-about pre { white-space: pre-wrap; font-size: .85em; background: #f3f3f3; padding: .6em; }
dl.lvterm-columns { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; font-size: .92em; }
dl.lvterm-columns dt { font-weight: bold; }
dl.lvterm-columns dd { margin: 0; }
.lvterm-empty { font-style: italic; }
ul.tight-bullets li { word-break: normal; overflow-wrap: anywhere; }
.rows-and-columns th { white-space: normal; }
body.table.table-posts .lvterm-post-body { max-width: 36em; display: -webkit-box; -webkit-line-clamp: 4;
  -webkit-box-orient: vertical; overflow: hidden; }
@media (max-width: 700px) { .lvterm-pair { grid-template-columns: 1fr; gap: .3em; }
  .lvterm-browse dl { grid-template-columns: 1fr; } }
"""


@hookimpl
def prepare_jinja2_environment(env):
    """Add the packaged templates (Datasette finds plugin templates only for package plugins)."""
    from jinja2 import ChoiceLoader, FileSystemLoader

    # first, so that our query.html and table.html (which extend "default:query.html" and
    # "default:table.html") are the ones used
    env.loader = ChoiceLoader([FileSystemLoader(str(Path(__file__).parent / "templates")), env.loader])


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
