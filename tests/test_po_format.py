"""formats.po: placeholders, loading errors, the Latvian header, newline agreement."""
from __future__ import annotations

import pytest

from lvterm.errors import InputError
from lvterm.formats import po as pofmt


@pytest.mark.parametrize("text, flags, expected", [
    ("%(count)s books for %(name)s", ["python-format"], ("%(count)s", "%(name)s")),
    ("Deleted %d of %s", ["c-format"], ("%d", "%s")),
    ("Move %2$s to %1$s", ["c-format"], ("%1$s", "%2$s")),
    ("Hello {user}, you have {0} new {{literal}}", ["python-brace-format"], ("{0}", "{user}")),
    ("Prices rose 50% of the time, 100%% sure", [], ()),  # unflagged: '50% o' is not a placeholder
    ("Hello %(name)s and {place}", [], ("%(name)s", "{place}")),
    ("%i files cost %5.2f, {price:.2f} or {}", [], ("%5.2f", "%i", "{price:.2f}", "{}")),
    ("Cenas kāpa par 5% no tām", [], ()),
    # the other format flags xgettext writes: their own placeholders, not the unflagged ones
    ("Copied %1 of %2 files", ["qt-format"], ("%1", "%2")),
    ("%n file(s) copied, %L1 left", ["qt-plural-format"], ("%n",)),
    ("Copied %1 of %2 files", ["kde-format"], ("%1", "%2")),
    ("Cannot open $FILE in ${DIR}", ["sh-format"], ("$FILE", "${DIR}")),
    ("Hello {name}, {0} new", ["perl-brace-format"], ("{name}",)),
    ("Copied %1 of %2 files", ["no-c-format"], ()),  # not a format string: the unflagged ones
    # another *-format flag: every known kind, to be cautious
    ("Saved %s as $NAME", ["javascript-format"], ("$NAME", "%s")),
    ("Page {0} of {1}", ["csharp-format"], ("{0}", "{1}")),
])
def test_po_format_placeholders(text, flags, expected):
    assert pofmt.placeholders(text, flags=flags) == expected


def test_po_format_blank_placeholders_keeps_offsets():
    text = "Value: %(membership_fee)s, 100%% sure"
    blanked = pofmt.blank_placeholders(text, flags=["python-format"])
    assert len(blanked) == len(text) and "membership" not in blanked and blanked.startswith("Value: ")


def test_po_format_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.pot"
    bad.write_text('msgid "One"\nmsgstr ""\n\nmsgid Two\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        pofmt.load(bad)
    assert str(err.value).startswith(f"{bad}:4: syntax error")


def test_po_format_not_utf8(tmp_path):
    bad = tmp_path / "latin.po"
    bad.write_bytes('msgid "a"\nmsgstr "\xe2"\n'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        pofmt.load(bad)


def test_po_format_wrong_language_warns(tmp_path, caplog):
    path = tmp_path / "de.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: de_DE\\n"\n\nmsgid "a"\nmsgstr "b"\n', encoding="utf-8")
    with caplog.at_level("WARNING"):
        pofmt.load(path, expect_lang="lv")
    assert "de.po: warning: Language is 'de_DE', not 'lv' (read anyway)" in caplog.text
    caplog.clear()
    path.write_text('msgid ""\nmsgstr ""\n"Language: lv_LV\\n"\n', encoding="utf-8")
    with caplog.at_level("WARNING"):
        pofmt.load(path, expect_lang="lv")
    assert caplog.text == ""


@pytest.mark.parametrize("text, model, expected", [
    ("Meklēt", "Search\n", "Meklēt\n"),
    ("\nMeklēt\n", "Search", "Meklēt"),
    ("Meklēt", "\nSearch\n\n", "\nMeklēt\n\n"),
])
def test_po_format_wrap_like(text, model, expected):
    assert pofmt.wrap_like(text, model) == expected


def test_po_format_save_is_atomic(tmp_path):
    po = pofmt.new_pofile(metadata=pofmt.lv_header(project="t", revision_date="2020-01-01 00:00+0000"))
    with pytest.raises(InputError, match="does not exist"):
        pofmt.save(po, tmp_path / "missing" / "x.po")
    pofmt.save(po, tmp_path / "x.po")
    assert [p.name for p in tmp_path.iterdir()] == ["x.po"]
    assert "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);" in \
        (tmp_path / "x.po").read_text("utf-8")
