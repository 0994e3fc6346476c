"""formats/po.py: which characters end a line of a .po file."""
import pytest

from lvterm.errors import InputError
from lvterm.formats import po

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_po_format_line_separator_inside_a_string_is_text():
    """U+2028 (and a form feed) inside msgid/msgstr are characters, not line ends (msgfmt agrees)."""
    text = HEADER + 'msgid "Lasītava\u2028atvērta"\nmsgstr "Reading room\x0copen"\n'
    (entry,) = po.loads(text, path="t.po")
    assert (entry.msgid, entry.msgstr) == ("Lasītava\u2028atvērta", "Reading room\x0copen")
    assert po.loads(po.dumps(po.loads(text)))[0].msgid == "Lasītava\u2028atvērta"


def test_po_format_windows_line_ends_and_error_line():
    text = (HEADER + 'msgid "Lasītava"\nmsgstr "Reading room\n').replace("\n", "\r\n")
    with pytest.raises(InputError) as err:
        po.loads(text, path="t.po")
    assert str(err.value).startswith("t.po:6: syntax error")


def test_po_format_msgid_line_counts_lines_as_the_parser(tmp_path):
    path = tmp_path / "t.po"
    path.write_text(HEADER + 'msgid "Lasītava\u2028atvērta"\nmsgstr ""\n\n#: a.py:1\nmsgid "Otrais"\nmsgstr ""\n',
                    encoding="utf-8")
    entry = po.load(path)[1]
    assert po.msgid_line(path, entry, po.read_lines(path)) == 9
