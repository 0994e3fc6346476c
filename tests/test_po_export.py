"""`lvterm po`: golden .po files from a small library, determinism, msgfmt and pofilter."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats.po import LV_PLURAL_FORMS
from lvterm.exports import export_po

GOLDEN = ["biedri.po", "glossary.po", "tikli.po"]


@pytest.fixture
def written(localise_db, tmp_path):
    result = CliRunner().invoke(cli, ["po", "--db", str(localise_db), "--out", str(tmp_path / "locale")])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "locale" / "lv" / "LC_MESSAGES"
    assert sorted(p.name for p in folder.iterdir()) == GOLDEN
    return folder


@pytest.mark.parametrize("name", GOLDEN)
def test_po_export_golden(written, fixtures, name):
    assert (written / name).read_bytes() == (fixtures / "po" / "test_po_export" / name).read_bytes()


def test_po_export_is_deterministic(localise_db, tmp_path):
    first = export_po(db=localise_db, out=tmp_path / "a")
    second = export_po(db=localise_db, out=tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_po_export_entries(written):
    po = polib.pofile(str(written / "biedri.po"))
    assert po.metadata["Language"] == "lv"
    assert po.metadata["Plural-Forms"] == LV_PLURAL_FORMS
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    assert "POT-Creation-Date" not in po.metadata
    by_id = {(e.msgctxt, e.msgid): e for e in po}
    merged = by_id[(None, "The membership fee is due in May.")]  # a 2-1 bead joined
    assert merged.msgstr == "Biedra nauda jāsamaksā maijā. Tā sedz sanāksmju izmaksas."
    assert merged.occurrences == [("corpus/posts/members.en.md", "8")]
    assert "confidence: 0.910" in merged.comment and "fuzzy" not in merged.flags
    split = by_id[(None, "New members pay half of the fee. Students pay nothing at all.")]  # 1-2
    assert split.msgstr == "Jaunie biedri maksā pusi, studenti nemaksā neko."
    low = by_id[(None, "Read more on the website of the society.")]
    assert "fuzzy" in low.flags  # 0.31 < 0.5
    # a fuzzy unit says why (msgfmt drops it from the .mo); a confident one has no such line
    assert "fuzzy: the alignment confidence 0.31 is under 0.5" in " ".join(low.comment.split())
    assert "fuzzy:" not in merged.comment


def test_po_export_title_is_the_first_unit(written):
    po = polib.pofile(str(written / "biedri.po"))
    title = po[0]
    assert (title.msgid, title.msgstr) == ("Members and money", "Biedri un nauda")
    assert title.occurrences == [("corpus/posts/members.en.md", "")] and "title" in title.comment
    assert "fuzzy" not in title.flags
    twins = [e for e in po if e.msgid == "Thank you, everyone!"]
    assert len(twins) == 2 and len({e.msgctxt for e in twins}) == 2 and all(e.msgctxt for e in twins)
    texts = {e.msgid for e in po} | {e.msgstr for e in po}
    assert "It covers the costs of the meetings." not in texts  # 0-1 bead
    assert "Šis teikums tulkojumā izpalika." not in texts  # 1-0 bead


def test_po_export_glossary(written):
    po = polib.pofile(str(written / "glossary.po"))
    fee = po.find("membership fee", msgctxt="membership-fee")
    assert fee.msgstr == "biedra nauda"
    assert "status: preferred" in fee.comment  # `#.` extracted comments, for the translator
    assert "reliability: 4/4" in fee.comment
    assert "subject field: library associations" in fee.comment
    assert "definition: Money a member pays" in fee.comment
    assert "deprecated: biedru maksa" in fee.comment
    assert po.find("social network", msgctxt="social-network") is None  # a machine proposal: left out


def test_po_export_passes_msgfmt_check(written):
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    for name in GOLDEN:
        run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(written / name)],
                             capture_output=True, text=True)
        assert run.returncode == 0 and "warning" not in run.stderr, run.stderr


def test_po_export_pofilter_runs(written, tmp_path):
    pofilter = Path(sys.executable).parent / "pofilter"
    if not pofilter.exists():
        pytest.skip("translate-toolkit's pofilter is not installed")
    for name in GOLDEN:
        run = subprocess.run([str(pofilter), "-i", str(written / name), "-o", str(tmp_path / f"f-{name}")],
                             capture_output=True, text=True)
        assert run.returncode == 0 and "Traceback" not in run.stderr and "Error" not in run.stderr, run.stderr


def test_po_export_loads_in_translate_toolkit(written):
    from translate.storage.pypo import pofile

    with open(written / "tikli.po", "rb") as fp:
        store = pofile(fp)
    assert store.gettargetlanguage() == "lv"
    units = [u for u in store.units if not u.isheader()]
    assert (units[0].source, units[0].target) == ("Networks", "Tīkli")  # the post's title comes first
    assert units[1].target == "Tīklošana palīdz bibliotekāriem atrast darbu."


def test_po_export_missing_db(tmp_path):
    result = CliRunner().invoke(cli, ["po", "--db", str(tmp_path / "no.db"), "--out", str(tmp_path / "locale")])
    assert result.exit_code == 2 and "database not found" in result.output
    assert not (tmp_path / "locale").exists()
