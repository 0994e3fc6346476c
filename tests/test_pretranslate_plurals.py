"""`lvterm pretranslate` and plural entries: --update across plural changes, other Plural-Forms
formulas, and every filled form keeping the placeholders msgfmt checks it for."""
from __future__ import annotations

import logging

import polib
import pytest
from click.testing import CliRunner
from test_pretranslate_update import msgfmt_check

from lvterm.cli import cli
from lvterm.localise import plurals


@pytest.fixture
def po_fixtures(fixtures):
    return fixtures / "po"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")


def _run(*args):
    return CliRunner().invoke(cli, ["pretranslate", *map(str, args)])


def _forms(entry):
    return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]


def test_pretranslate_plurals_update_converts_as_msgmerge(po_fixtures, tmp_path):
    out = tmp_path / "lv.po"
    result = _run(po_fixtures / "test_pretranslate_plurals_v2.pot", "-o", out, "--tm",
                  po_fixtures / "test_pretranslate_plurals_fill_tm.po",
                  "--update", po_fixtures / "test_pretranslate_plurals_v1.po")
    assert result.exit_code == 0, result.output
    assert "4 entries: 0 exact, 0 fuzzy, 0 untranslated, 4 kept" in result.output
    po = polib.pofile(str(out))
    # msgid_plural changed: the forms stay, fuzzy, `#| msgid_plural` the old one
    book = po.find("%(n)d book")
    assert _forms(book) == ["%(n)d grāmata", "%(n)d grāmatas", "%(n)d grāmatu"]
    assert book.flags == ["fuzzy", "python-format"] and book.previous_msgid_plural == "%(n)d books"
    # plural made singular: msgstr[0] becomes the msgstr (no msgstr[n] without msgid_plural)
    reader = po.find("%(n)d reader")
    assert not reader.msgid_plural and reader.msgstr == "%(n)d lasītājs" and "fuzzy" in reader.flags
    assert reader.tcomment == "lvterm: made singular by the template; msgstr is the old msgstr[0]"
    # singular made plural: the translation goes to every form, fuzzy (not wiped)
    copy = po.find("%(n)d copy")
    assert _forms(copy) == ["%(n)d eksemplārs"] * 3 and "fuzzy" in copy.flags
    assert copy.tcomment == "lvterm: made plural by the template; every form is the old msgstr"
    # unchanged: kept as it was
    room = po.find("%(n)d room")
    assert _forms(room) == ["%(n)d telpa", "%(n)d telpas", "%(n)d telpu"] and room.flags == ["python-format"]
    msgfmt_check(out)
    again = tmp_path / "again.po"  # and a second run changes nothing
    assert _run(po_fixtures / "test_pretranslate_plurals_v2.pot", "-o", again, "--tm",
                po_fixtures / "test_pretranslate_plurals_fill_tm.po", "--update", out).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_pretranslate_plurals_update_refuses_forms_it_cannot_move(po_fixtures, tmp_path):
    """CLDR's formula (Weblate, Django) puts 2 and 10 in different forms, GNU's both in msgstr[1]:
    kept under lvterm's header its forms would show for the wrong numbers."""
    out = tmp_path / "lv.po"
    existing = po_fixtures / "test_pretranslate_plurals_cldr.po"
    result = _run(po_fixtures / "test_pretranslate_plurals_members.pot", "-o", out, "--tm",
                  po_fixtures / "test_pretranslate_plurals_fill_tm.po", "--update", existing)
    assert result.exit_code == 2
    assert result.output.splitlines() == [(
        f"lvterm: {existing}: Plural-Forms is not lvterm's Latvian formula and its forms cannot be moved onto it "
        "(n=2 and n=10 are msgstr[2] and msgstr[0] there, both msgstr[1] here); convert its plural forms to "
        "'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);', or give it as --tm (its plural "
        "entries are left out) with the program's .pot as the template and another file as -o")]
    assert not out.exists()


def test_pretranslate_plurals_update_moves_two_forms_onto_three(po_fixtures, tmp_path):
    """nplurals=2: msgstr[1] served every n but 1, 21, 31, ...; under GNU's formula it serves
    msgstr[1] and msgstr[2] (n=0), so nothing shows differently and the entry is kept as it was."""
    out = tmp_path / "lv.po"
    result = _run(po_fixtures / "test_pretranslate_plurals_members.pot", "-o", out, "--tm",
                  po_fixtures / "test_pretranslate_plurals_fill_tm.po",
                  "--update", po_fixtures / "test_pretranslate_plurals_two.po")
    assert result.exit_code == 0, result.output
    member = polib.pofile(str(out)).find("%(n)d member")
    assert _forms(member) == ["%(n)d biedrs", "%(n)d biedri", "%(n)d biedri"] and "fuzzy" not in member.flags
    msgfmt_check(out)


def test_pretranslate_plurals_memory_of_another_formula(po_fixtures, tmp_path, caplog):
    out = tmp_path / "lv.po"
    with caplog.at_level(logging.WARNING):
        result = _run(po_fixtures / "test_pretranslate_plurals_members.pot", "-o", out,
                      "--tm", po_fixtures / "test_pretranslate_plurals_cldr.po")
    assert result.exit_code == 0, result.output
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "Plural-Forms is not lvterm's Latvian formula" in warnings[0]
    po = polib.pofile(str(out))
    assert _forms(po.find("%(n)d member")) == ["", "", ""]  # its plural entries are left out
    assert po.find("Members").msgstr == "Biedri"  # its singular ones are used
    # a memory whose forms map onto lvterm's is used, its forms moved
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert _run(po_fixtures / "test_pretranslate_plurals_members.pot", "-o", out,
                    "--tm", po_fixtures / "test_pretranslate_plurals_two.po").exit_code == 0
    assert not caplog.records
    member = polib.pofile(str(out)).find("%(n)d member")
    assert _forms(member) == ["%(n)d biedrs", "%(n)d biedri", "%(n)d biedri"] and "fuzzy" not in member.flags


def test_pretranslate_plurals_every_form_keeps_the_placeholders(po_fixtures, tmp_path):
    out = tmp_path / "lv.po"
    result = _run(po_fixtures / "test_pretranslate_plurals_fill.pot", "-o", out,
                  "--tm", po_fixtures / "test_pretranslate_plurals_fill_tm.po")
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(out))
    # msgstr[0] "Viens lasītājs" would show for 21 readers: the memory entry is not used
    assert _forms(po.find("%(count)d reader")) == ["", "", ""]
    # "One day" -> "Viena diena" cannot be a form of "%d days" (msgstr[0] serves 21, 31, ... too)
    assert _forms(po.find("One day")) == ["", "", ""]
    # the form of n=0 alone may leave %d out, as msgfmt allows: an exact match
    files = po.find("%d file")
    assert _forms(files) == ["%d fails", "%d faili", "Nav neviena faila"] and "fuzzy" not in files.flags
    # the plural's translation fills every form, fuzzy
    weeks = po.find("One week")
    assert _forms(weeks) == ["%d nedēļas"] * 3 and "fuzzy" in weeks.flags
    msgfmt_check(out)


GNU_LATVIAN = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
CLDR_LATVIAN = "nplurals=3; plural=(n%10==0 || n%100>=11 && n%100<=19) ? 0 : (n%10==1 && n%100!=11) ? 1 : 2;"


def test_pretranslate_plurals_formulas_evaluate_as_c():
    gnu, cldr = plurals.parse(GNU_LATVIAN), plurals.parse(CLDR_LATVIAN)
    for n in range(1001):
        assert gnu.form(n) == (0 if n % 10 == 1 and n % 100 != 11 else 1 if n != 0 else 2)
        assert cldr.form(n) == (0 if n % 10 == 0 or 11 <= n % 100 <= 19 else 1 if n % 10 == 1 and n % 100 != 11
                                else 2)
    assert plurals.form_map(gnu) == {0: 0, 1: 1, 2: 2}
    assert plurals.form_map(cldr) is None
    assert plurals.form_map(plurals.parse("nplurals=2; plural=(n%10==1 && n%100!=11) ? 0 : 1;")) == {0: 0, 1: 1, 2: 1}
    # the same rule with the forms in another order is moved, not refused
    assert plurals.form_map(plurals.parse("nplurals=3; plural=n==0 ? 0 : n%10==1 && n%100!=11 ? 1 : 2;")) == \
        {0: 1, 1: 2, 2: 0}
    assert plurals.single_forms(gnu) == {2}
    assert plurals.parse("nplurals=2; plural=!(n == 1);").form(1) == 0


@pytest.mark.parametrize("value", [
    "nplurals=2; plural=__import__('os').system('true');",
    "nplurals=2; plural=n.__class__;",
    "nplurals=2; plural=n / 0;",
    "nplurals=2; plural=n > 1 ? 2 : 0;",  # a form beyond nplurals
    "nplurals=3; plural=(n%10==1 ? 0 : 1;",
    "plural=n != 1;",
    "nplurals=1; plural=" + "(" * 400 + "n" + ")" * 400 + ";",
])
def test_pretranslate_plurals_formula_errors(value):
    with pytest.raises(plurals.PluralFormsError):
        plurals.parse(value)
