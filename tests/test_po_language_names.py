"""A .po header's Language names Latvian by its code (lv, lv_LV, LV, lv_LV.UTF-8), by name (Latvian,
latviešu) or by another ISO code (lav, lvs): check-po checks it, pretranslate fills it in place, and
--update and --tm read it without a warning, all through the one reading of it
(`formats.po.language`, `lang.declared_language`). Another language is still refused by check-po."""
from __future__ import annotations

import inspect
import logging

import polib
import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import po as pofmt

LATVIAN = ["Latvian", "latvian", "LATVIAN", "latviešu", "Latviešu", "latviesu", "lav", "lvs", "LAV",
           "Latvian (Latvia)", "latviešu valoda", "lv", "lv_LV", "lv-LV", "LV", "lv_LV.UTF-8", "lv@latin"]
NOT_LATVIAN = ["en", "English", "de_DE", "eng", "lt", "Lithuanian", "ltg", "lietuvių", "lava"]

TERMBASE = """\
concepts:
  - id: networking
    lv:
      - term: tīklošana
    en:
      - term: networking
"""


def _po(path, language: str | None, body: str) -> str:
    header = ('msgid ""\nmsgstr ""\n' + (f'"Language: {language}\\n"\n' if language is not None else "")
              + f'"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {pofmt.LV_PLURAL_FORMS}\\n"\n\n')
    path.write_text(header + body, encoding="utf-8")
    return path


def _run(*args):
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters \
        else CliRunner()
    return runner.invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("value", LATVIAN)
def test_po_language_latvian_by_any_name_or_code(value):
    from lvterm.lang import declared_language

    assert declared_language(value) == "lv"
    assert pofmt.language(polib.POFile()) == ""  # no Language: none declared
    po = polib.POFile()
    po.metadata = {"Language": value}
    assert pofmt.language(po) == "lv"


@pytest.mark.parametrize("value", NOT_LATVIAN)
def test_po_language_other_languages_stay_other(value):
    from lvterm.lang import declared_language

    assert declared_language(value) != "lv"
    assert declared_language("de_DE") == "de" and declared_language(" ") == ""


def test_po_language_decomposed_diacritics_are_latvian():
    """check-po reads a file as written (not made NFC): š typed as s + combining caron."""
    from lvterm.lang import declared_language

    assert declared_language("latvies\u030cu") == "lv"


@pytest.mark.parametrize("value", ["Latvian", "latviešu", "lav", "lvs", "lv_LV.UTF-8", "LV", "", None])
def test_check_po_checks_a_po_that_names_latvian(tmp_path, value):
    """Was exit 2, "Language is 'Latvian', not 'lv'", for a Latvian .po named by name or code."""
    termbase = tmp_path / "termbase.yml"
    termbase.write_text(TERMBASE, encoding="utf-8")
    po = _po(tmp_path / "lv.po", value, 'msgid "Networking matters."\nmsgstr "Tīklošana ir svarīga."\n')
    result = _run("check-po", po, "--termbase", termbase)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith("0 terminology problems (1 term use in 1 entry checked)\n")
    assert result.stderr == ""


@pytest.mark.parametrize("value", ["English", "eng", "Lithuanian", "lt"])
def test_check_po_still_refuses_another_language_by_name_or_code(tmp_path, value):
    termbase = tmp_path / "termbase.yml"
    termbase.write_text(TERMBASE, encoding="utf-8")
    po = _po(tmp_path / "x.po", value, 'msgid "Networking matters."\nmsgstr "Networking matters."\n')
    result = _run("check-po", po, "--termbase", termbase)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"lvterm: {po}: Language is {value!r}, not 'lv': check-po checks Latvian translations "
                             "(if they are Latvian, set the header's Language to lv)\n")


@pytest.mark.parametrize("value", ["Latvian", "latviešu", "lav", "lvs"])
def test_pretranslate_fills_in_place_a_po_that_names_latvian(tmp_path, monkeypatch, value):
    """Was refused as "a .po in Language 'latvian'" (the template it would overwrite); its header
    is kept as it was."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")
    po = _po(tmp_path / "lv.po", value, 'msgid "Close"\nmsgstr "Aizvērt"\n\nmsgid "Search"\nmsgstr ""\n')
    tm = _po(tmp_path / "tm.po", "lv", 'msgid "Search"\nmsgstr "Meklēt"\n')
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", tm)
    assert result.exit_code == 0, result.stderr
    after = polib.pofile(str(po))
    assert after.metadata["Language"] == value
    assert [(e.msgid, e.msgstr) for e in after] == [("Close", "Aizvērt"), ("Search", "Meklēt")]


@pytest.mark.parametrize("value", ["Latvian", "latviešu", "lav", "lvs"])
def test_pretranslate_update_and_memory_naming_latvian_give_no_warning(tmp_path, caplog, value):
    """--update and --tm read such a .po as Latvian: no "Language is 'lav', not 'lv' (read anyway)"."""
    pot = tmp_path / "app.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Close"\nmsgstr ""\n\nmsgid "Search"\nmsgstr ""\n', encoding="utf-8")
    old = _po(tmp_path / "old.po", value, 'msgid "Close"\nmsgstr "Aizvērt"\n')
    tm = _po(tmp_path / "tm.po", value, 'msgid "Search"\nmsgstr "Meklēt"\n')
    with caplog.at_level(logging.WARNING):
        result = _run("pretranslate", pot, "-o", tmp_path / "lv.po", "--update", old, "--tm", tm)
    assert result.exit_code == 0, result.stderr
    assert "Language is" not in caplog.text and "Language is" not in result.stderr
    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(tmp_path / "lv.po"))] == [("Close", "Aizvērt"),
                                                                                  ("Search", "Meklēt")]
