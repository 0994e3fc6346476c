"""`lvterm export tsv -o FILE`: an OmegaT glossary of the built termbase (UTF-8, three columns)."""
from __future__ import annotations

from click.testing import CliRunner

from fixtures.termbase.minidb import make_db
from lvterm.cli import cli
from lvterm.terms.termbase import load_curated


def test_tsv_export_cli(root, tmp_path):
    db_path = make_db(tmp_path / "lvterm.db", load_curated(root / "termbase"))
    out = tmp_path / "glossary.tsv"
    r = CliRunner().invoke(cli, ["export", "tsv", "-o", str(out), "--db", str(db_path)])
    assert r.exit_code == 0, r.output
    lines = out.read_bytes().decode("utf-8").splitlines()
    rows = [line.split("\t") for line in lines]
    assert all(len(row) == 3 for row in rows)
    pairs = {(row[0], row[1]) for row in rows}
    assert ("biedra nauda", "membership fee") in pairs
    assert ("Latvijas Bibliotekāru biedrība", "Library Association of Latvia") in pairs
    assert ("profesionālā organizācija", "professional organization") in pairs
    assert not any(row[0] == "biedra naudu" for row in rows)


def test_tsv_export_english_first_for_an_en_lv_project(root, tmp_path):
    """OmegaT matches a glossary's first column against the project's source text: --srclang en
    writes English first, the same pairs turned round, the Latvian forms seen still in the comment."""
    db_path = make_db(tmp_path / "lvterm.db", load_curated(root / "termbase"))
    lv_first, en_first = tmp_path / "lv.tsv", tmp_path / "en.tsv"
    for out, extra in ((lv_first, []), (en_first, ["--srclang", "en"])):
        r = CliRunner().invoke(cli, ["export", "tsv", "-o", str(out), "--db", str(db_path), *extra])
        assert r.exit_code == 0, r.output
    lv_rows = [line.split("\t") for line in lv_first.read_text("utf-8").splitlines()]
    en_rows = [line.split("\t") for line in en_first.read_text("utf-8").splitlines()]
    assert {(a, b) for a, b, _ in lv_rows} == {(b, a) for a, b, _ in en_rows}
    fee = next(c for a, b, c in en_rows if (a, b) == ("membership fee", "biedra nauda"))
    assert "forms: " in fee and "biedra naudu" in fee
    r = CliRunner().invoke(cli, ["export", "tsv", "-o", str(tmp_path / "x.tsv"), "--db", str(db_path),
                                 "--srclang", "de"])
    assert r.exit_code == 2 and not (tmp_path / "x.tsv").exists()


def test_tsv_export_a_proposals_note_is_the_machines():
    """A machine proposal's English note is its pairing confidence, not usage advice: the comment
    says "machine note" (it said "en usage: pairing confidence 0.99"), as the site and glossary.po do."""
    from lvterm.formats import tsv
    from lvterm.models import Concept, Term

    proposal = Concept("x-lasitav", (Term("lv", "lasītava", status="proposed"),
                                     Term("en", "reading room", status="proposed", note="pairing confidence 0.99")),
                       origin="extracted")
    curated = Concept("member", (Term("lv", "biedrs", status="preferred"),
                                 Term("en", "member", status="preferred", note="Of an association.")))
    comments = [row[-1] for row in tsv.rows_from_concepts([proposal, curated], src_lang="lv", tgt_lang="en")]
    assert "en machine note: pairing confidence 0.99" in comments[0] and "usage" not in comments[0]
    assert "en usage: Of an association." in comments[1]
