"""The page of a term entry (`/-/lvterm/entry/<concept id>`: both languages side by side, forms,
example pairs) and of one aligned pair (`/-/lvterm/bead/<bead id>`), the terms highlighted in both."""
from __future__ import annotations

import json
import urllib.parse

from datasette.utils.asgi import NotFound, Response

from ..constants import GUESS_LABEL, REVIEW_THRESHOLD, status_label, status_rank
from ..textio import to_nfc
from .marks import bead_marks, render_spans, shown_terms
from .pages import _bead_url, _database, _entry_url


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
    from ..schema import table_names
    from ..terms.lookup import both_sides_first, concept_examples

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
    from ..terms.lookup import index_on, machine_guess

    index = index_on(conn)
    for t in en_terms:
        t["guess"] = machine_guess(index, t, [x["id"] for x in lv_terms])


async def entry_page(datasette, request):
    from ..terms.lookup import guess_notes, one_side_note

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
