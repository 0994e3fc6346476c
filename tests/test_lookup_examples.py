"""Lookup examples (two example pairs with the term highlighted): pairs that show the concept in
both languages come before pairs where only one side has a form of it."""
from __future__ import annotations

import sqlite_utils

from fixtures.termbase.minidb import write_bitext
from lvterm.terms.lookup import lookup, open_index
from lvterm.terms.store import write_termbase
from lvterm.terms.termbase import load_curated


def test_lookup_examples_show_the_term_on_both_sides_first(root, tmp_path):
    tsv = tmp_path / "bitext.tsv"
    # bead 1: only the English side has a form sharing networking's stem (social networks);
    # bead 2: tīklošana and networking both occur.
    tsv.write_text("Sociālie tīkli ir visur.\tSocial networks are everywhere.\n"
                   "Tīklošana palīdz atrast kolēģus.\tNetworking helps you find colleagues.\n",
                   encoding="utf-8")
    path = tmp_path / "lvterm.db"
    db = sqlite_utils.Database(path)
    write_bitext(db, tsv=tsv)
    write_termbase(db, load_curated(root / "termbase"))
    db.close()
    entry = lookup("tiklosanu", index=open_index(path), limit=1)[0]
    assert entry["lv"] == "tīklošana"
    first = entry["examples"][0]
    assert first["lv"].startswith("Tīklošana") and first["lv_spans"] and first["en_spans"]
