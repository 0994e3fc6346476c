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
