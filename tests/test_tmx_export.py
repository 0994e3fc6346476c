"""`lvterm export tmx`: golden output, threshold, DTD validity, translate-toolkit interoperability."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import tmx
from lvterm.exports import export_tmx

BIN = Path(sys.executable).parent


def _norm(text: str) -> str:
    return re.sub(r'creationtoolversion="[^"]*"', 'creationtoolversion="X"', text)


def _export(db, out, *args):
    result = CliRunner().invoke(cli, ["export", "tmx", "-o", str(out), "--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, golden", [((), "test_tmx_export.tmx"), (("--all",), "test_tmx_export_all.tmx")])
def test_tmx_export_golden(localise_db, tmp_path, fixtures, args, golden):
    text = _export(localise_db, tmp_path / "out.tmx", *args)
    assert _norm(text) == _norm((fixtures / "tmx" / golden).read_text(encoding="utf-8"))


def test_tmx_export_threshold_and_empty_sides(localise_db, tmp_path):
    default = tmx.load(tmp_path / "d.tmx") if export_tmx(db=localise_db, out=tmp_path / "d.tmx") else []
    everything = tmx.load(tmp_path / "a.tmx") if export_tmx(db=localise_db, out=tmp_path / "a.tmx",
                                                            include_all=True) else []
    # the 0.31 bead is only in --all; the 0-1 and 1-0 beads are never written
    assert ("Biedrības mājaslapā ir vairāk.", "Read more on the website of the society.") not in default
    assert ("Biedrības mājaslapā ir vairāk.", "Read more on the website of the society.") in everything
    assert len(everything) == len(default) + 1 == 7
    assert all(lv.strip() and en.strip() for lv, en in everything)


def test_tmx_export_header_and_props(localise_db, tmp_path):
    from lxml import etree

    export_tmx(db=localise_db, out=tmp_path / "x.tmx")
    root = etree.parse(str(tmp_path / "x.tmx")).getroot()
    assert root.get("version") == "1.4"
    header = root.find("header")
    for attr in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"):
        assert header.get(attr), attr
    assert header.get("segtype") == "sentence"
    tu = root.find("body/tu")
    props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert props["x-post"] == "biedri" and props["x-confidence"] == "0.910"
    langs = [tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in tu.findall("tuv")]
    assert sorted(langs) == ["en", "lv"]


def test_tmx_export_and_po_carry_the_posts_copyright(localise_db, tmp_path, schemas):
    """The text stays its authors': a unit of a post pair whose posts state a copyright notice
    carries it (`x-copyright`, each notice once), and so does that pair's .po header; a pair
    without one has none. The TMX stays valid."""
    import sqlite3

    from lxml import etree

    from lvterm.exports import export_po

    conn = sqlite3.connect(localise_db)
    conn.execute("update posts set copyright = '© A. Ozola, 2013' where slug in ('biedri', 'members')")
    conn.commit()
    conn.close()
    export_tmx(db=localise_db, out=tmp_path / "x.tmx", include_all=True)
    tree = etree.parse(str(tmp_path / "x.tmx"))
    assert etree.DTD(str(schemas / "tmx14.dtd")).validate(tree)
    rights = {}
    for tu in tree.getroot().iterfind("body/tu"):
        props = {p.get("type"): p.text for p in tu.findall("prop")}
        rights.setdefault(props["x-post"], set()).add(props.get("x-copyright"))
    assert rights == {"biedri": {"© A. Ozola, 2013"}, "tikli": {None}}
    written = {p.name: p.read_text(encoding="utf-8") for p in export_po(db=localise_db, out=tmp_path / "locale")}
    assert "# Copyright: © A. Ozola, 2013\n" in written["biedri.po"]
    assert "Copyright" not in written["tikli.po"]


def test_tmx_export_valid_against_dtd(localise_db, tmp_path, schemas):
    """Valid against the TMX 1.4 DTD (libxml2 through lxml, as `xmllint --dtdvalid` would check)."""
    from lxml import etree

    out = tmp_path / "x.tmx"
    export_tmx(db=localise_db, out=out, include_all=True)
    dtd = etree.DTD(str(schemas / "tmx14.dtd"))
    assert dtd.validate(etree.parse(str(out))), dtd.error_log.filter_from_errors()


def test_tmx_export_missing_folder_writes_nothing(localise_db, tmp_path):
    result = CliRunner().invoke(cli, ["export", "tmx", "-o", str(tmp_path / "no" / "x.tmx"), "--db", str(localise_db)])
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "no").exists()


def test_tmx_export_missing_db(tmp_path):
    result = CliRunner().invoke(cli, ["export", "tmx", "-o", str(tmp_path / "x.tmx"), "--db", str(tmp_path / "no.db")])
    assert result.exit_code == 2 and "lvterm build" in result.output
    assert list(tmp_path.iterdir()) == []


def test_tmx_export_loads_in_translate_toolkit(localise_db, tmp_path):
    from translate.storage.tmx import tmxfile

    export_tmx(db=localise_db, out=tmp_path / "x.tmx")
    with open(tmp_path / "x.tmx", "rb") as fp:
        store = tmxfile(fp)
    units = [u for u in store.units if u.source]
    assert len(units) == 6
    assert store.translate("Thank you, everyone!") in {"Paldies visiem!", "Liels paldies jums visiem!"}


def _tool(name):
    path = BIN / name
    if not path.exists():
        pytest.skip(f"translate-toolkit's {name} is not installed")
    return str(path)


def test_tmx_export_pot2po_uses_it_as_tm(localise_db, tmp_path):
    export_tmx(db=localise_db, out=tmp_path / "x.tmx")
    pot = tmp_path / "t.pot"
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    pot.write_text(header + 'msgid "Networking helps librarians find work."\nmsgstr ""\n\n'
                   'msgid "Social networks are one way to do this."\nmsgstr ""\n', encoding="utf-8")
    # pot2po (translate-toolkit 3.x) needs a template store next to --tm: an empty Latvian .po
    (tmp_path / "empty.po").write_text(header, encoding="utf-8")
    run = subprocess.run([_tool("pot2po"), "--tm", str(tmp_path / "x.tmx"), "-t", str(tmp_path / "empty.po"),
                          "-i", str(pot), "-o", str(tmp_path / "o.po")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    out = (tmp_path / "o.po").read_text("utf-8")
    assert 'msgstr "Tīklošana palīdz bibliotekāriem atrast darbu."' in out
    assert '#| msgid "Social networks are one way to do it."' in out


def test_tmx_export_po2tmx_round_trip(localise_db, tmp_path):
    """PO written by lvterm -> po2tmx -> our TMX reader gives the same pairs."""
    from lvterm.exports import export_po

    export_po(db=localise_db, out=tmp_path / "locale")
    po = tmp_path / "locale" / "lv" / "LC_MESSAGES" / "tikli.po"
    run = subprocess.run([_tool("po2tmx"), "-l", "lv", "-i", str(po), "-o", str(tmp_path / "r.tmx")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    ours = [p for p in tmx.load(tmp_path / "r.tmx") if p != ("Tīkli", "Networks")]  # the .po's title unit
    export_tmx(db=localise_db, out=tmp_path / "x.tmx")
    exported = [p for p in tmx.load(tmp_path / "x.tmx") if "Tīkl" in p[0] or "Sociāl" in p[0]]
    assert sorted(ours) == sorted(exported)
