"""The SQL functions every connection gets: the bounded text functions (`sql_functions`) and those
reading the connection's own library (`lookup_hits_on`, `machine_guess_on`, `example_note_on`),
with what they share with the home page (`typo_correction`, `lookup_row`)."""
from __future__ import annotations

import json
import sqlite3

from ..constants import REVIEW_THRESHOLD
from ..lang import en, lv
from .fts import fts_query, fuzzy_score, typo_of
from .guard import MAX_FUNCTION_CHARS, Refused, _bounded
from .marks import bead_marks, mark_terms, shown_terms


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
    from ..terms.lookup import entry_guesses

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
        from ..terms.lookup import index_on, lookup

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
        from ..terms.lookup import index_on, term_guess

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
        from ..terms.lookup import both_sides_first, guess_notes, one_side_note

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
