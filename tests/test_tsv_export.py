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
