"""`lvterm pretranslate --update`: nothing translated is lost, and a second run changes nothing (msgmerge's rules)."""
from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from click.testing import CliRunner

from lvterm.cli import cli

V1 = "test_pretranslate_update_v1.po"
V2 = "test_pretranslate_update_v2.pot"
TM = "test_pretranslate_update_tm.po"


@pytest.fixture
def po_fixtures(fixtures):
    return fixtures / "po"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")


def _run(*args):
    return CliRunner().invoke(cli, ["pretranslate", *map(str, args)])


def msgfmt_check(path):
    """`msgfmt --check` with and without the fuzzy entries (skip when gettext is not installed)."""
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    for extra in ([], ["--use-fuzzy"]):
        run = subprocess.run(["msgfmt", "--check", *extra, "-o", "/dev/null", str(path)],
                             check=False, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr


def _update(po_fixtures, existing, out):
    result = _run(po_fixtures / V2, "-o", out, "--tm", po_fixtures / TM, "--update", existing)
    assert result.exit_code == 0, result.output
    return result


def test_pretranslate_update_keeps_every_translation(po_fixtures, tmp_path):
    out = tmp_path / "lv.po"
    result = _update(po_fixtures, po_fixtures / V1, out)
    po = polib.pofile(str(out))
    # a close new msgid gets the old translation back, fuzzy, with the old msgid in `#|`
    moved = po.find("Please leave the returned books at the front desk by Friday.")
    assert moved.msgstr == "Lūdzu, atstājiet nodotās grāmatas pie apkalpošanas galda."
    assert "fuzzy" in moved.flags and moved.previous_msgid == "Please leave the returned books at the front desk."
    assert moved.tcomment.splitlines() == ['Ieva: the style guide calls it "apkalpošanas galds"',  # it comes along
                                           "lvterm: 91% match from test_pretranslate_update_v1.po:15"]
    # ... and is not also kept as #~ (msgmerge: a translation used is not obsolete)
    obsolete = {e.msgid: e.msgstr for e in po.obsolete_entries()}
    assert obsolete == {"Renew the loan": "Pagarināt termiņu"}  # the old #~ entry stays
    # a #~ entry whose msgid is in the template again is revived, as it was (not fuzzy)
    revived = po.find("Sign out")
    assert revived.msgstr == "Izrakstīties" and not revived.obsolete and "fuzzy" not in revived.flags
    # an entry filled again keeps its translator's comment, then lvterm's note
    refilled = po.find("The reading room opens at nine.")
    assert refilled.msgstr == "Lasītava tiek atvērta deviņos."
    assert refilled.tcomment.splitlines() == ["TODO: ask the staff whether weekends count",
                                              "lvterm: exact match from test_pretranslate_update_tm.po:8"]
    assert po.find("Search").msgstr == "Meklēt"
    assert "6 entries: 1 exact, 1 fuzzy, 0 untranslated, 4 kept" in result.output
    msgfmt_check(out)


def test_pretranslate_update_twice_gives_the_same_bytes(po_fixtures, tmp_path, monkeypatch):
    first, second, third = tmp_path / "1.po", tmp_path / "2.po", tmp_path / "3.po"
    _update(po_fixtures, po_fixtures / V1, first)
    result = _update(po_fixtures, first, second)
    assert second.read_bytes() == first.read_bytes()
    assert "0 exact, 0 fuzzy, 0 untranslated, 6 kept" in result.output
    # a later run that changes nothing keeps PO-Revision-Date as well (msgmerge never touches it)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1809640000")
    _update(po_fixtures, second, third)
    assert third.read_bytes() == first.read_bytes()


def test_pretranslate_update_flags_are_the_templates(po_fixtures, tmp_path):
    """Format flags come from the template, only `fuzzy` from the old entry, fuzzy first (no
    `#, no-c-format, c-format` contradiction)."""
    out = tmp_path / "lv.po"
    _update(po_fixtures, po_fixtures / V1, out)
    text = out.read_text("utf-8")
    po = polib.pofile(str(out))
    assert po.find("Late fee 100% refunded").flags == ["no-c-format"]
    closed = po.find("Closed on %(day)s and holidays.")
    assert closed.flags == ["fuzzy", "python-format"] and closed.previous_msgid == "Closed on %(day)s."
    assert "c-format, no-c-format" not in text and "no-c-format, c-format" not in text


def test_pretranslate_update_writes_stdout(po_fixtures):
    """`-o -` writes the .po on stdout and says so on stderr ("wrote stdout", not "wrote -")."""
    import inspect

    runner = CliRunner(mix_stderr=False) if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters \
        else CliRunner()
    result = runner.invoke(cli, ["pretranslate", str(po_fixtures / V2), "-o", "-", "--tm", str(po_fixtures / TM)])
    assert result.exit_code == 0
    assert 'msgid "The reading room opens at nine."' in result.stdout
    assert result.stderr.startswith("wrote stdout: 6 entries")

