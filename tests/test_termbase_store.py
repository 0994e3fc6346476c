"""store.write_termbase: the four termbase tables with foreign keys and key indexes; occurrences
found in segments by stem key, linked to beads; forms seen counted; rewriting replaces."""
from __future__ import annotations

import sqlite3

import sqlite_utils

from fixtures.termbase.minidb import write_bitext
from lvterm.db import read_concepts
from lvterm.terms.store import write_termbase
from lvterm.terms.termbase import load_file


def _db(tmp_path, fixtures):
    db = sqlite_utils.Database(tmp_path / "t.db")
    write_bitext(db)
    counts = write_termbase(db, load_file(fixtures / "termbase" / "good.yml"))
    return db, counts


def test_termbase_store_tables_keys_and_indexes(tmp_path, fixtures):
    db, counts = _db(tmp_path, fixtures)
    assert counts["concepts"] == 2 and counts["terms"] == 5
    fks = {(fk.column, fk.other_table) for fk in db["occurrences"].foreign_keys}
    assert fks == {("term_id", "terms"), ("segment_id", "segments"), ("bead_id", "beads")}
    assert {(fk.column, fk.other_table) for fk in db["terms"].foreign_keys} == {("concept_id", "concepts")}
    assert {(fk.column, fk.other_table) for fk in db["term_forms"].foreign_keys} == {("term_id", "terms")}
    indexed = {tuple(i.columns) for t in ("terms", "term_forms") for i in db[t].indexes}
    assert {("fold_key",), ("stem_key",), ("lemma_key",), ("term_id",)} <= indexed
    row = next(db.query("select * from terms where term = 'tīklošana'"))
    assert (row["fold_key"], row["stem_key"], row["curated"], row["reliability"]) == ("tiklosana", "tiklosan", 1, 4)
    assert db.execute("pragma foreign_key_check").fetchall() == []


def test_termbase_store_occurrences_and_forms_seen(tmp_path, fixtures):
    db, _ = _db(tmp_path, fixtures)
    # the forms seen (generated = 0): the term's generated paradigm is stored beside them since the
    # Hunspell lexicon came in (generated = 1, count 0; tests/test_morph_generated_forms.py)
    forms = {r["form"]: r["count"] for r in db.query(
        "select f.form, f.count from term_forms f join terms t on t.id = f.term_id "
        "where t.term = 'biedra nauda' and f.generated = 0")}
    # sentence-initial capitals are folded into the lower-case form; every inflection is one term's form
    assert forms == {"biedra nauda": 2, "biedra naudu": 1, "biedra naudas": 1}
    assert db.execute("select count(*) from terms where term like 'biedra naud%'").fetchone()[0] == 1
    occ = list(db.query("select o.*, s.text from occurrences o join segments s on s.id = o.segment_id "
                        "join terms t on t.id = o.term_id where t.term = 'biedra nauda' order by o.id"))
    assert len(occ) == 4
    for o in occ:
        assert o["text"][o["start"]:o["end"]] == o["form"] and o["bead_id"] is not None
    en = next(db.query("select frequency from terms where term = 'membership fee'"))
    assert en["frequency"] == 4


def test_termbase_store_rewrite_replaces_and_reads_back(tmp_path, fixtures):
    db, _ = _db(tmp_path, fixtures)
    concepts = load_file(fixtures / "termbase" / "good.yml")
    write_termbase(db, concepts)
    assert db["terms"].count == 5
    db.conn.row_factory = sqlite3.Row
    back = read_concepts(db.conn)
    assert [c.id for c in back] == ["fee", "net"]
    assert [(t.lang, t.text, t.status, t.reliability) for t in back[1].terms] == \
        [(t.lang, t.text, t.status, t.reliability) for t in concepts[1].terms]


def test_termbase_store_without_segments(tmp_path, fixtures):
    db = sqlite_utils.Database(tmp_path / "bare.db")
    counts = write_termbase(db, load_file(fixtures / "termbase" / "good.yml"))
    assert counts["occurrences"] == 0 and db["occurrences"].count == 0


def test_termbase_store_nested_terms_are_counted(tmp_path):
    from lvterm.models import Concept, Term

    db = sqlite_utils.Database(tmp_path / "n.db")
    write_bitext(db)
    write_termbase(db, [Concept("fee", (Term("lv", "biedra nauda"),)),
                        Concept("x", (Term("lv", "mazāka biedra nauda"),), origin="extracted")])
    freq = dict(db.execute("select term, frequency from terms").fetchall())
    assert freq == {"biedra nauda": 4, "mazāka biedra nauda": 1}


def test_termbase_store_duplicate_ids_refused(tmp_path, fixtures):
    import pytest

    from lvterm.errors import LvtermError

    db = sqlite_utils.Database(tmp_path / "d.db")
    fee = load_file(fixtures / "termbase" / "good.yml")[0]
    with pytest.raises(LvtermError, match="'fee' appears twice"):
        write_termbase(db, [fee, fee])
    assert "terms" not in db.table_names()


def test_segment_beads_read_in_bounded_pieces(tmp_path, monkeypatch):
    """`segment_beads` reads the beads' sentences a bounded number of beads at a time (one JSON
    text each): any piece size gives the same map; post ids with quotes, a newline or decomposed
    letters come back as written; no beads, an empty map."""
    import unicodedata

    from lvterm import schema
    from lvterm.db import bead_rows
    from lvterm.models import Bead
    from lvterm.terms import store

    db = sqlite_utils.Database(tmp_path / "lib.db")
    schema.create_all(db.conn)
    assert store.segment_beads(db) == {}
    lv, en = unicodedata.normalize("NFD", 'tīklošana "x".lv'), "new\nline's.en"
    beads = [b for k in range(0, 20, 4) for b in (Bead((k,), (k, k + 1), 0.9), Bead((k + 1, k + 2), (k + 2,), 0.8),
                                                 Bead((), (k + 3,), 0.1), Bead((k + 3,), (), 0.2))]
    rows = list(bead_rows("p", lv, en, beads, ["a"] * 20, ["b"] * 20, first_id=7))
    db.conn.executemany(f"insert into beads values ({', '.join('?' * len(rows[0]))})", rows)
    expected = {}
    for n, bead in enumerate(beads, start=7):
        expected.update({(lv, i): n for i in bead.src} | {(en, i): n for i in bead.tgt})
    assert store.segment_beads(db) == expected and len(expected) == 40
    monkeypatch.setattr(store, "BEADS_A_READ", 3)
    assert store.segment_beads(db) == expected
