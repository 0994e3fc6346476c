"""formats/po.py reading .po files as msgfmt does: malformed entries are one FILE:LINE error, every
gettext escape round-trips, a legacy charset (ISO-8859-13, CP1257) is read as its header declares
(and a UTF-8 file under such a header as UTF-8), what msgfmt accepts is read (a NUL escape, an
escaped character split across lines, WordPress `#@` comments, a blank `#~`, control characters)."""
from __future__ import annotations

import logging
import shutil
import struct
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
    ('msgid "Café"\nmsgstr "Kafejn\\304"\n', "t.po:8: the escaped bytes \\xc4 are not UTF-8 text (an invalid "
                                            "multibyte sequence)"),
    ('msgid "Café"\nmsgstr "Kafejn\\304"\n"ca"\n', "t.po:8: the escaped bytes \\xc4 are not UTF-8 text (an "
                                                   "invalid multibyte sequence)"),
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


# --- a UTF-8 file under a legacy header: read as UTF-8, once warned --------------------------------

MISLABELLED = ('# Latviešu tulkojums, saglabāts kā UTF-8\nmsgid ""\nmsgstr ""\n"Language: lv\\n"\n'
               '"Content-Type: text/plain; charset={}\\n"\n\n'
               'msgid "Networking for librarians"\nmsgstr "Tīklošana bibliotekāriem"\n\n'
               'msgid "Search the catalogue"\nmsgstr "Meklēt katalogā"\n')


@pytest.mark.parametrize("charset", ["ISO-8859-13", "CP1257", "windows-1257"])
def test_po_reading_utf8_under_a_legacy_header_is_read_as_utf8(tmp_path, caplog, charset):
    """Was "TÄ«kloÅ¡ana" (ISO-8859-13) or `binary file (control characters)` (CP1257's C1 codes)."""
    path = tmp_path / "lv.po"
    path.write_text(MISLABELLED.format(charset), encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        po = pofmt.load(path)
    assert [e.msgstr for e in po] == ["Tīklošana bibliotekāriem", "Meklēt katalogā"]
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}: warning: header says charset={charset} but the file is UTF-8; read as UTF-8"]
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"  # written as what it is
    assert pofmt.read_lines(path)[7] == 'msgstr "Tīklošana bibliotekāriem"'


def test_po_reading_utf8_under_a_legacy_header_check_po_and_tm(fixtures, tmp_path, caplog):
    """check-po found a false problem ("TÄ«kloÅ¡ana" is not "tīklošana"); as --tm the file was a
    binary file. Now both read it, with one warning each."""
    memory, template, out = tmp_path / "old-lv.po", tmp_path / "app.pot", tmp_path / "lv.po"
    memory.write_text(MISLABELLED.format("ISO-8859-13"), encoding="utf-8")
    template.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                        'msgid "Networking for librarians"\nmsgstr ""\n', encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        result = CliRunner().invoke(cli, ["check-po", str(memory), "--termbase",
                                          str(fixtures / "po" / "test_check_po_terms.yml")])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 terminology problems (1 term use in 2 entries checked)")
    assert sum("header says charset=ISO-8859-13" in r.getMessage() for r in caplog.records) == 1
    result = CliRunner().invoke(cli, ["pretranslate", str(template), "--tm", str(memory), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert 'msgstr "Tīklošana bibliotekāriem"' in out.read_text("utf-8")


def test_po_reading_a_real_legacy_file_is_not_taken_for_utf8(tmp_path, caplog):
    """The bytes of ISO-8859-13 Latvian are no UTF-8: read as declared, no warning."""
    path = tmp_path / "lv.po"
    path.write_bytes(MISLABELLED.format("ISO-8859-13").encode("iso8859_13"))
    with caplog.at_level(logging.WARNING):
        assert pofmt.load(path)[0].msgstr == "Tīklošana bibliotekāriem"
    assert not caplog.records


# --- what msgfmt accepts: a NUL escape, an escape split across lines, WordPress comments, #~ ----------

NUL_ESCAPE = 'msgid "Cut \\0 here"\n" and on"\nmsgstr "Griezt\\000 te"\n'
SPLIT_ESCAPE = 'msgid "Caf\\303"\n"\\251 and more"\nmsgstr "Kafejn\\304"\n"\\253ca"\n'
WORDPRESS = ('#: inc/admin.php:12\n#@ my-plugin\nmsgid "Save"\nmsgstr "Saglabāt"\n\n'
             '#@ my-plugin\n#.Extracted\n#,php-format\n#:inc/admin.php:30\nmsgid "%s saved"\nmsgstr "%s saglabāts"\n')
BLANK_OBSOLETE = '#~ msgid "Old"\n#~ msgstr "Vecs"\n#~\n#~ \n#~ msgid "Older"\n#~ msgstr "Vecāks"\n'
ACCEPTED = HEADER + "\n".join((NUL_ESCAPE, SPLIT_ESCAPE, WORDPRESS, BLANK_OBSOLETE))


@pytest.mark.parametrize("body, expected", [
    (NUL_ESCAPE, [("Cut  and on", "Griezt", False)]),
    (SPLIT_ESCAPE, [("Café and more", "Kafejnīca", False)]),
    (WORDPRESS, [("Save", "Saglabāt", False), ("%s saved", "%s saglabāts", False)]),
    (BLANK_OBSOLETE, [("Old", "Vecs", True), ("Older", "Vecāks", True)]),
], ids=["nul-escape", "escape-split-across-lines", "wordpress-comments", "blank-obsolete-line"])
def test_po_reading_reads_what_msgfmt_accepts(body, expected):
    """Each was refused. A NUL escape ends its line's string (msgfmt and msgcat drop the rest of that
    line, not the continuation lines); escaped UTF-8 bytes split across lines are one character;
    `#@ my-plugin` (poEdit's WordPress text domain) is a translator comment "@ my-plugin", as msgcat
    reads it, and `#,php-format` without its space a flag; a blank `#~` line is nothing."""
    po = pofmt.loads(HEADER + body, path="wp.po")
    assert [(e.msgid, e.msgstr, e.obsolete) for e in po] == expected


def test_po_reading_wordpress_comments_are_kept_as_msgcat_writes_them():
    po = pofmt.loads(HEADER + WORDPRESS, path="wp.po")
    assert [(e.tcomment, e.comment, e.flags, e.occurrences) for e in po] == [
        ("@ my-plugin", "", [], [("inc/admin.php", "12")]),
        ("@ my-plugin", "Extracted", ["php-format"], [("inc/admin.php", "30")])]
    assert '# @ my-plugin\n#: inc/admin.php:12\nmsgid "Save"' in pofmt.dumps(po)


@needs_msgfmt
def test_po_reading_what_msgfmt_accepts_compiles_the_same(tmp_path):
    """The .po lvterm writes from it compiles (msgfmt --check) to the .mo the original compiles to."""
    original, written = tmp_path / "original.po", tmp_path / "written.po"
    original.write_text(ACCEPTED, encoding="utf-8")
    written.write_text(pofmt.dumps(pofmt.load(original, nfc=False)), encoding="utf-8")
    compiled = []
    for po in (original, written):
        mo = po.with_suffix(".mo")
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True, capture_output=True)
        compiled.append(mo.read_bytes())
    assert compiled[0] == compiled[1]


# --- control characters: gettext writes \001 and \033 as they are; lvterm reads them back ------------

COLOURS = (HEADER + 'msgid "\\033[1mError:\\033[0m %s"\nmsgstr "\\033[1mKļūda:\\033[0m %s"\n\n'
           'msgid "ctl \\001 and \\x1b[1m bold"\nmsgstr "vad \\001 un \\x1b[1m trekns"\n')


def test_po_reading_control_characters_read_back(tmp_path):
    """lvterm wrote \\033 as a raw ESC (as gettext does) and then refused its own output: `binary file
    (control characters)`, more than 1% of the characters of a small file being control characters."""
    first = tmp_path / "lv.po"
    first.write_text(COLOURS, encoding="utf-8")
    written = tmp_path / "written.po"
    written.write_text(pofmt.dumps(pofmt.load(first)), encoding="utf-8")
    assert "\x1b" in written.read_text("utf-8")
    assert [e.msgstr for e in pofmt.load(written)] == ["\x1b[1mKļūda:\x1b[0m %s", "vad \x01 un \x1b[1m trekns"]
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "lv.mo"), str(written)], check=True,
                       capture_output=True)


def _mo(*, big_endian: bool = False) -> bytes:
    """A compiled catalogue without messages: the .mo header (magic, revision, count, offsets)."""
    return struct.pack(">IIIIIII" if big_endian else "<IIIIIII", 0x950412DE, 0, 0, 28, 28, 0, 28)


@pytest.mark.parametrize("data, expected", [
    (_mo(), "{}: binary file (a compiled .mo catalogue, not a .po; msgunfmt turns it back into one)"),
    (_mo(big_endian=True), "{}: binary file (a compiled .mo catalogue, not a .po; msgunfmt turns it back into one)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "{}: binary file (NUL byte at offset 8; UTF-16 needs a byte-order mark)"),
    (HEADER.encode() + b'msgid "a"\nmsgstr "b\x00"\n', "{}: binary file (NUL byte at offset %d; UTF-16 needs a "
                                                      "byte-order mark)" % (len(HEADER.encode()) + 19)),
], ids=["mo-little-endian", "mo-big-endian", "png", "raw-nul-in-a-string"])
def test_po_reading_binary_files_are_still_refused(tmp_path, data, expected):
    path = tmp_path / "lv.po"
    path.write_bytes(data)
    with pytest.raises(InputError) as err:
        pofmt.load(path)
    assert str(err.value) == expected.format(path)


def test_po_reading_other_text_files_keep_the_control_character_rule(tmp_path):
    """Only .po reading takes control characters for text: a plain text file full of them is binary."""
    from lvterm import textio

    path = tmp_path / "lines.txt"
    path.write_bytes(b"ctl \x01 and \x1b[1m bold \x1b[0m\n")
    with pytest.raises(InputError, match="binary file \\(control characters\\)"):
        textio.read_text(path)
