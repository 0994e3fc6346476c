"""formats/po.py reading .po files as msgfmt does: malformed entries are one FILE:LINE error, every
gettext escape round-trips, a legacy charset (ISO-8859-13, CP1257) is read as its header declares."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.formats import po as pofmt

HEADER = ('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);\\n"\n\n')
needs_msgfmt = pytest.mark.skipif(not (shutil.which("msgfmt") and shutil.which("msgunfmt")),
                                  reason="needs msgfmt and msgunfmt (gettext)")


def _error(text: str, *, path="t.po", codec="utf-8") -> str:
    with pytest.raises(InputError) as err:
        pofmt.loads(text, path=path, codec=codec)
    return str(err.value)


# --- malformed entries: polib took each silently (check-po: "0 entries checked", exit 0) ----------

@pytest.mark.parametrize("body, expected", [
    ('msgid "Save"\nmsgstr[0] "Saglabāt"\n',
     "t.po:8: malformed entry: msgstr[0] without msgid_plural (a singular entry has one msgstr)"),
    ('#, c-format\nmsgid "%d file deleted"\nmsgid_plural "%d files deleted"\nmsgstr "%d fails izdzēsts"\n',
     "t.po:10: malformed entry: msgstr in a plural entry: after msgid_plural come msgstr[0], msgstr[1], ..."),
    ('msgid "Networking"\n\nmsgid "Save"\nmsgstr "Saglabāt"\n', "t.po:7: malformed entry: msgid without a msgstr"),
    ('msgid "Save"\nmsgstr "Saglabāt"\n\nmsgid "Networking"\n', "t.po:10: malformed entry: msgid without a msgstr"),
    ('msgid "a"\nmsgid_plural "b"\n', "t.po:8: malformed entry: msgid_plural without msgstr[0], msgstr[1], ..."),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[1] "x"\n',
     "t.po:9: malformed entry: msgstr[1] where msgstr[0] belongs (plural forms are numbered 0, 1, 2, ...)"),
    ('msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[2] "z"\n',
     "t.po:10: malformed entry: msgstr[2] where msgstr[1] belongs (plural forms are numbered 0, 1, 2, ...)"),
    ('msgid "a"\nmsgstr "x"\nmsgstr "y"\n', "t.po:9: malformed entry: a second msgstr"),
    ('msgctxt "menu"\nmsgstr "x"\n', "t.po:7: malformed entry: msgctxt without a msgid after it"),
    ('#~ msgid "Old"\n', "t.po:7: malformed entry: msgid without a msgstr"),
    ('#~ msgid "Old"\n#~ msgstr[0] "Vecs"\n',
     "t.po:8: malformed entry: msgstr[0] without msgid_plural (a singular entry has one msgstr)"),
    ('msgid "Tab \\q here"\nmsgstr ""\n', "t.po:7: invalid escape \\q in a string (gettext's are \\n \\t \\r "
                                          "\\a \\b \\f \\v \\\\ \\\" and octal \\101 or hex \\x41)"),
    ('msgid "Cut \\0 here"\nmsgstr ""\n', "t.po:7: a NUL byte (\\0) in a string: a message ends there"),
])
def test_po_reading_malformed_entry_is_one_error_at_its_line(body, expected):
    assert _error(HEADER + body) == expected


def test_po_reading_well_formed_entries_still_read():
    """Plural entries, obsolete ones with their #~| previous msgid, a string continued after a blank
    line, a flag between msgctxt and msgid (polib reads it as the entry's): as before."""
    po = pofmt.loads(HEADER + 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] "y"\nmsgstr[2] "z"\n\n'
                     'msgctxt "B"\n#, c-format\nmsgid "%d c"\nmsgstr "%d d"\n\n'
                     'msgid "long"\nmsgstr ""\n\n"er"\n\n#~| msgid "Old"\n#~ msgid "Older"\n#~ msgstr "Vecāks"\n')
    assert [(e.msgid, e.msgstr or e.msgstr_plural, e.obsolete) for e in po] == [
        ("a", {0: "x", 1: "y", 2: "z"}, False), ("%d c", "%d d", False), ("long", "er", False),
        ("Older", "Vecāks", True)]
    assert po[1].flags == ["c-format"]


@pytest.mark.parametrize("body", [
    'msgid "Save"\nmsgstr[0] "Saglabāt"\n',
    'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr "%d fails"\n',
    'msgid "Save"\nmsgstr "Saglabāt"\n\nmsgid "Networking"\n',
    'msgid "Networking \\q"\nmsgstr "Tīklošana"\n',
])
def test_po_reading_check_po_refuses_a_malformed_file(fixtures, tmp_path, body):
    """check-po said "0 terminology problems (0 term uses in 0 entries checked)", exit 0."""
    path = tmp_path / "bad.po"
    path.write_text(HEADER + body, encoding="utf-8")
    result = CliRunner().invoke(cli, ["check-po", str(path), "--termbase",
                                      str(fixtures / "po" / "test_check_po_terms.yml")])
    assert result.exit_code == 2, result.output
    [line] = result.output.splitlines()
    assert line.startswith(f"lvterm: {path}:") and "Traceback" not in result.output


# --- escapes: \a, octal and hex became \\a, \\101, \\x41 (another msgid) --------------------------

ESCAPES = (HEADER + 'msgid "Path C:\\\\Users \\"x\\""\nmsgstr "Ceļš C:\\\\Lietotāji \\"x\\""\n\n'
           'msgid "Tab\\there"\nmsgstr "Tab\\tšeit"\n\n'
           'msgid "Bell\\a and \\v vt and \\f ff \\b bs"\nmsgstr "Zvans\\a un \\v \\f \\b"\n\n'
           'msgid "Octal \\101 and hex \\x41, \\303\\251"\nmsgstr "Astoņu \\101 un sešpadsmit \\x41"\n\n'
           'msgid "Carriage\\r return\\n"\nmsgstr "Rati\\r atpakaļ\\n"\n')


def test_po_reading_every_gettext_escape_is_read():
    po = pofmt.loads(ESCAPES, path="esc.po")
    assert [e.msgid for e in po] == ['Path C:\\Users "x"', "Tab\there", "Bell\a and \v vt and \f ff \b bs",
                                     "Octal A and hex A, é", "Carriage\r return\n"]
    written = pofmt.dumps(po)
    assert "\\\\a" not in written and "\\\\101" not in written and "\\\\x41" not in written
    assert '"Zvans\\a un \\v"' in written and "\a" not in written  # \a as gettext writes it, not a raw BEL
    assert [e.msgid for e in pofmt.loads(written)] == [e.msgid for e in po]


@needs_msgfmt
def test_po_reading_escapes_round_trip_through_msgfmt(tmp_path):
    """The .po lvterm writes compiles to the .mo the original compiles to: a program looks up the same msgids."""
    original, written = tmp_path / "original.po", tmp_path / "written.po"
    original.write_text(ESCAPES, encoding="utf-8")
    written.write_text(pofmt.dumps(pofmt.load(original, nfc=False)), encoding="utf-8")
    compiled = []
    for po in (original, written):
        mo = po.with_suffix(".mo")
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True, capture_output=True)
        compiled.append(mo.read_bytes())
    assert compiled[0] == compiled[1]
    shown = subprocess.run(["msgunfmt", str(tmp_path / "written.mo")], check=True, capture_output=True,
                           text=True).stdout
    assert 'msgid "Octal A and hex A, é"' in shown and 'msgid "Bell\\a and \\v vt and \\f ff \\b bs"' in shown


# --- legacy charsets: read as declared, as msgmerge reads them; written as UTF-8 --------------------

def _legacy(charset: str, codec: str, body: str = 'msgid "Search the catalogue"\nmsgstr "Meklēt katalogā"\n'):
    return (f'msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
            + body).encode(codec)


@pytest.mark.parametrize("charset, codec", [("ISO-8859-13", "iso8859_13"), ("CP1257", "cp1257"),
                                            ("windows-1257", "cp1257")])
def test_po_reading_legacy_charset_is_read_as_declared(tmp_path, charset, codec):
    path = tmp_path / "lv.po"
    path.write_bytes(_legacy(charset, codec))
    po = pofmt.load(path)
    assert po[0].msgstr == "Meklēt katalogā"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"  # what lvterm writes is UTF-8
    assert 'charset=UTF-8\\n"' in pofmt.dumps(po) and pofmt.read_lines(path)[6] == 'msgstr "Meklēt katalogā"'


def test_po_reading_legacy_octal_escapes_are_bytes_of_its_charset(tmp_path):
    path = tmp_path / "lv.po"
    path.write_bytes(_legacy("ISO-8859-13", "iso8859_13", 'msgid "Search"\nmsgstr "Mekl\\347t"\n'))
    assert pofmt.load(path)[0].msgstr == "Meklēt"  # 0xE7 is ē in ISO-8859-13


@pytest.mark.parametrize("data, expected", [
    (_legacy("CP1257", "cp1257", 'msgid "a"\nmsgstr "b"\n\nmsgid "Search"\nmsgstr "Mekl') + b'\x81t"\n',
     "{}:10: byte 0x81 is not CP1257 text, the charset the header declares"),
    (_legacy("KOI8-LV", "ascii", 'msgid "a"\nmsgstr "b"\n'),
     "{}:4: the header declares charset=KOI8-LV, which lvterm cannot read (convert the file with msgconv "
     "--to-code=UTF-8)"),
    (_legacy("UTF-16", "ascii", 'msgid "a"\nmsgstr "b"\n'),
     "{}:4: the header declares charset=UTF-16, which lvterm cannot read (convert the file with msgconv "
     "--to-code=UTF-8)"),
    ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr "'.encode() + b'\xe2"\n',
     "{}:6: not UTF-8 text"),
])
def test_po_reading_undecodable_is_one_error_at_its_line(tmp_path, data, expected):
    path = tmp_path / "lv.po"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        pofmt.load(path)
    assert str(err.value) == expected.format(path)


def test_po_reading_a_msgid_that_mentions_a_charset_is_no_header(tmp_path):
    """Only the header entry names the charset: a message about charset=CP1257 in a UTF-8 file is text."""
    path = tmp_path / "lv.po"
    path.write_text('msgid "Use charset=CP1257"\nmsgstr "Lietojiet charset=CP1257 — ē"\n', encoding="utf-8")
    assert pofmt.load(path)[0].msgstr == "Lietojiet charset=CP1257 — ē"


def test_po_reading_legacy_files_through_the_cli(fixtures, tmp_path):
    """A legacy template and memory for pretranslate (the .po written is UTF-8 and says so), a legacy
    .po for check-po (problems at the right lines)."""
    template, memory, out = tmp_path / "app.pot", tmp_path / "old-lv.po", tmp_path / "lv.po"
    template.write_bytes(_legacy("ISO-8859-13", "iso8859_13", 'msgid "Search the catalogue"\nmsgstr ""\n\n'
                                 'msgid "Networking for librarians"\nmsgstr ""\n'))
    memory.write_bytes(_legacy("CP1257", "cp1257", 'msgid "Networking for librarians"\n'
                               'msgstr "Tiklosana bibliotekāriem — tīklošana"\n\n'
                               'msgid "Search the catalogue"\nmsgstr "Meklēt katalogā"\n'))
    result = CliRunner().invoke(cli, ["pretranslate", str(template), "--tm", str(memory), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = out.read_text("utf-8")
    assert 'msgstr "Meklēt katalogā"' in written and "charset=UTF-8" in written and "ISO-8859-13" not in written
    result = CliRunner().invoke(cli, ["check-po", str(memory), "--termbase",
                                      str(fixtures / "po" / "test_check_po_terms.yml")])
    assert result.exit_code == 0, result.output  # "tīklošana" is there, with its diacritics
    assert result.output.strip().endswith("0 terminology problems (1 term use in 2 entries checked)")


def test_po_reading_a_legacy_update_file_keeps_its_translations(tmp_path):
    """`pretranslate --update` with an old Latvian .po in Windows-1257: its translations are kept."""
    template, old, out = tmp_path / "app.pot", tmp_path / "lv.po", tmp_path / "new.po"
    template.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                        'msgid "Search the catalogue"\nmsgstr ""\n', encoding="utf-8")
    old.write_bytes(_legacy("CP1257", "cp1257"))
    result = CliRunner().invoke(cli, ["pretranslate", str(template), "--update", str(old), "-o", str(out),
                                      "--tm", str(old)])
    assert result.exit_code == 0, result.output
    written = out.read_text("utf-8")
    assert 'msgstr "Meklēt katalogā"' in written and "charset=UTF-8" in written
