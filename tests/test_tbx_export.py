"""`lvterm export tbx -o FILE`: from the built database, valid TBX-Basic, atomic, clear errors."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from fixtures.termbase.minidb import make_db
from lvterm.cli import cli
from lvterm.formats import tbx
from lvterm.terms.termbase import load_curated


@pytest.fixture(scope="module")
def db_path(root, tmp_path_factory):
    return make_db(tmp_path_factory.mktemp("tbx") / "lvterm.db", load_curated(root / "termbase"))


def test_tbx_export_cli(db_path, tmp_path):
    out = tmp_path / "lvterm.tbx"
    r = CliRunner().invoke(cli, ["export", "tbx", "-o", str(out), "--db", str(db_path)])
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8") as fp:
        concepts = tbx.load(fp)
    fee = next(c for c in concepts if c.id == "membership-fee")
    lv = fee.terms_in("lv")[0]
    assert lv.text == "biedra nauda" and {f.form: f.count for f in lv.forms}["biedra naudu"] == 1
    text = out.read_text(encoding="utf-8")
    assert '<descrip type="context">Dažkārt biedra naudu samaksā darba devējs.</descrip>' in text
    assert text.count("<term>biedra naudu</term>") == 0
    assert list(tmp_path.iterdir()) == [out]  # no temp file left behind


def test_tbx_export_cli_valid(db_path, tmp_path, schemas):
    from lxml import etree

    out = tmp_path / "lvterm.tbx"
    assert CliRunner().invoke(cli, ["export", "tbx", "-o", str(out), "--db", str(db_path)]).exit_code == 0
    rng = etree.RelaxNG(etree.parse(str(schemas / "TBXcoreStructV03.rng")))
    assert rng.validate(etree.parse(str(out))), rng.error_log


@pytest.mark.parametrize("fmt", ["tbx", "tsv"])
def test_tbx_export_cli_errors(db_path, tmp_path, fmt):
    r = CliRunner().invoke(cli, ["export", fmt, "-o", str(tmp_path / "no" / "dir" / f"x.{fmt}"), "--db", str(db_path)])
    assert r.exit_code == 2 and "output folder does not exist" in r.output
    assert len(r.output.strip().splitlines()) == 1
    r = CliRunner().invoke(cli, ["export", fmt, "-o", str(tmp_path / f"x.{fmt}"), "--db", str(tmp_path / "none.db")])
    assert r.exit_code == 2 and "lvterm build" in r.output
    assert not (tmp_path / f"x.{fmt}").exists()


def test_read_contexts_first_distinct_sentences_in_library_order(tmp_path):
    """A term's contexts are its first `per_term` distinct sentences in segment order (a sentence
    repeated in the corpus is shown once); `concepts` limits the terms read."""
    import sqlite3

    from lvterm import db as dbrows
    from lvterm import schema

    path = tmp_path / "lib.db"
    conn = sqlite3.connect(path)
    schema.create_all(conn)
    conn.execute("insert into posts (id, slug, lang, title) values ('p.lv', 'p', 'lv', 'P')")
    texts = ["Maksā biedra naudu.", "Maksā biedra naudu.", "Biedra nauda aug.", "Tīklošana palīdz.", "Biedra naudas nav."]
    conn.executemany("insert into segments (id, post_id, lang, idx, text) values (?, 'p.lv', 'lv', ?, ?)",
                     [(i + 1, i, t) for i, t in enumerate(texts)])
    conn.executemany("insert into concepts (id) values (?)", [("fee",), ("net",)])
    conn.executemany("insert into terms (id, concept_id, lang, term) values (?, ?, 'lv', ?)",
                     [(1, "fee", "biedra nauda"), (2, "net", "tīklošana")])
    # occurrences out of order, one sentence twice for the same term
    conn.executemany("insert into occurrences (term_id, segment_id, start, end, form) values (?, ?, 0, 1, 'x')",
                     [(1, 5), (1, 2), (1, 1), (1, 3), (1, 3), (2, 4)])
    conn.commit()
    conn.row_factory = sqlite3.Row
    assert dict(dbrows.read_contexts(conn)) == {("fee", "lv", "biedra nauda"): ["Maksā biedra naudu.", "Biedra nauda aug."],
                                                ("net", "lv", "tīklošana"): ["Tīklošana palīdz."]}
    assert dbrows.read_contexts(conn, per_term=3)[("fee", "lv", "biedra nauda")][-1] == "Biedra naudas nav."
    assert list(dbrows.read_contexts(conn, concepts=["net"])) == [("net", "lv", "tīklošana")]
    assert dict(dbrows.read_contexts(conn, concepts=[])) == {}
    # a termbase listing one term twice under a concept has two term rows: still one key, capped
    conn.execute("insert into terms (id, concept_id, lang, term) values (3, 'fee', 'lv', 'biedra nauda')")
    conn.executemany("insert into occurrences (term_id, segment_id, start, end, form) values (3, ?, 0, 1, 'x')",
                     [(5,), (1,)])
    assert dbrows.read_contexts(conn)[("fee", "lv", "biedra nauda")] == ["Maksā biedra naudu.", "Biedra nauda aug."]
