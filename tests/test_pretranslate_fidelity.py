"""`lvterm pretranslate` keeps what the program and the translator wrote: only the very msgid (and
msgctxt, and msgid_plural) is an exact match, whitespace is the template's, a plural entry takes its
forms from one memory entry, translations in the template or in `#~|` are not lost, the output
keeps its permissions, and the progress shown on a terminal means something."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from test_pretranslate_update import msgfmt_check

from lvterm.cli import cli
from lvterm.localise import update

HEADER = ('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);\\n"\n\n')
POT_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")


def _run(*args):
    return CliRunner().invoke(cli, ["pretranslate", *map(str, args)])


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _forms(entry):
    return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]


def test_pretranslate_fidelity_whitespace_is_part_of_the_msgid(tmp_path):
    """"Save " is not "Save": the same text but for whitespace is a fuzzy match, and the translation
    gets the template's leading and trailing whitespace (msgfmt --check's newlines, pofilter's
    startwhitespace and endwhitespace); a usage text's line breaks are the translator's to redo."""
    tm = _write(tmp_path / "tm.po", HEADER + 'msgid "Save"\nmsgstr "Saglabāt"\n\n'
                'msgid "Name: "\nmsgstr "Vārds: "\n\n'
                'msgid "Usage: app [OPTIONS] Options: -h show help"\n'
                'msgstr "Lietojums: app [OPCIJAS] Opcijas: -h parādīt palīdzību"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + "".join(
        f'msgid "{m}"\nmsgstr ""\n\n' for m in ("Save", "Save ", " Save", "Save\\t", "Save\\n", "Name: ",
                                               "Usage: app [OPTIONS]\\nOptions:\\n  -h  show help")))
    out = tmp_path / "lv.po"
    result = _run(pot, "-o", out, "--tm", tm)
    assert result.exit_code == 0, result.output
    assert "7 entries: 2 exact, 5 fuzzy, 0 untranslated" in result.output
    po = polib.pofile(str(out))
    # the very msgid: exact, the translation as the translator wrote it (its trailing space too)
    assert (po.find("Save").msgstr, po.find("Save").flags) == ("Saglabāt", [])
    assert (po.find("Name: ").msgstr, po.find("Name: ").flags) == ("Vārds: ", [])
    for msgid, msgstr in (("Save ", "Saglabāt "), (" Save", " Saglabāt"), ("Save\t", "Saglabāt\t"),
                          ("Save\n", "Saglabāt\n")):
        entry = po.find(msgid)
        assert (entry.msgstr, entry.flags, entry.previous_msgid) == (msgstr, ["fuzzy"], "Save"), msgid
        assert "the same text but for whitespace from tm.po:" in entry.tcomment
    usage = po.find("Usage: app [OPTIONS]\nOptions:\n  -h  show help")
    assert "fuzzy" in usage.flags and usage.previous_msgid == "Usage: app [OPTIONS] Options: -h show help"
    msgfmt_check(out)
    pofilter = Path(sys.executable).parent / "pofilter"
    if pofilter.exists():  # translate-toolkit's whitespace checks find nothing (they found "Saglabāt" for "Save ")
        found = tmp_path / "problems.po"
        run = subprocess.run([str(pofilter), "-t", "startwhitespace", "-t", "endwhitespace", "--fuzzy",
                              "-i", str(out), "-o", str(found)], capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        assert not found.exists() or "(pofilter)" not in found.read_text("utf-8")


def test_pretranslate_fidelity_refuses_a_translated_template(tmp_path):
    """A translated .po given as the template would come back filled from the memory (its human
    translations replaced or emptied, "0 kept", exit 0): refused, nothing written; as --update
    its translations are kept."""
    lv = _write(tmp_path / "lv.po", HEADER + '# Anna: the button label\nmsgid "Save"\nmsgstr "Glabāt"\n\n'
                'msgid "Open"\nmsgstr "Atvērt"\n\nmsgid "Close"\nmsgstr ""\n')
    tm = _write(tmp_path / "tm.po", HEADER + 'msgid "Save"\nmsgstr "Saglabāt"\n\nmsgid "Close"\nmsgstr "Aizvērt"\n')
    new = tmp_path / "new.po"
    result = _run(lv, "-o", new, "--tm", tm)
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"lvterm: {lv}: the template has 2 translated entries; to keep them, "
                                          "give it as --update (or pass a .pot)"]
    assert not new.exists()
    result = _run(lv, "-o", new, "--tm", tm, "--update", lv)
    assert result.exit_code == 0, result.output
    assert "3 entries: 1 exact, 0 fuzzy, 0 untranslated, 2 kept" in result.output
    po = polib.pofile(str(new))
    assert [(e.msgid, e.msgstr) for e in po] == [("Save", "Glabāt"), ("Open", "Atvērt"), ("Close", "Aizvērt")]
    msgfmt_check(new)


def test_pretranslate_fidelity_context_must_be_the_same_for_an_exact_match(tmp_path):
    """As msgmerge: a template that splits one msgid into contexts wants different translations, so
    a memory entry without a context (or with another) fills them fuzzy, the note saying so."""
    tm = _write(tmp_path / "tm.po", HEADER + 'msgid "Open"\nmsgstr "Atvērt"\n\n'
                'msgctxt "file menu"\nmsgid "Close"\nmsgstr "Aizvērt"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgctxt "file menu"\nmsgid "Open"\nmsgstr ""\n\n'
                 'msgctxt "shop status"\nmsgid "Open"\nmsgstr ""\n\nmsgid "Open"\nmsgstr ""\n\n'
                 'msgctxt "file menu"\nmsgid "Close"\nmsgstr ""\n\nmsgid "Close"\nmsgstr ""\n')
    out = tmp_path / "lv.po"
    result = _run(pot, "-o", out, "--tm", tm)
    assert result.exit_code == 0, result.output
    assert "5 entries: 2 exact, 3 fuzzy" in result.output
    po = polib.pofile(str(out))
    for context in ("file menu", "shop status"):
        entry = po.find("Open", msgctxt=context)
        assert (entry.msgstr, entry.flags) == ("Atvērt", ["fuzzy"])
        assert entry.tcomment.startswith("lvterm: the same text without a context from tm.po:")
    assert po.find("Open").flags == [] and po.find("Close", msgctxt="file menu").flags == []
    plain_close = po.find("Close")  # the memory's entry has a context, the template's has none
    assert plain_close.flags == ["fuzzy"] and "in context 'file menu'" in plain_close.tcomment
    msgfmt_check(out)


PLURAL_TM = (HEADER + '#, c-format\nmsgid "%d file deleted"\nmsgid_plural "%d files deleted"\n'
             'msgstr[0] "%d fails izdzēsts"\nmsgstr[1] "%d faili izdzēsti"\nmsgstr[2] "%d failu izdzēsts"\n\n'
             '#, c-format\nmsgid "%d week"\nmsgstr "%d nedēļa"\n')


def test_pretranslate_fidelity_plural_forms_come_from_one_entry(tmp_path):
    """A fuzzy plural match gives the matched entry's three forms with its real `#| msgid_plural`
    (not its msgstr[0] three times); a singular entry's translation goes to every form, fuzzy, as
    msgmerge converts it; the same msgid with another msgid_plural is not exact."""
    tm = _write(tmp_path / "tm.po", PLURAL_TM)
    pot = _write(tmp_path / "app.pot", POT_HEADER + "".join(
        f'#, c-format\nmsgid "{one}"\nmsgid_plural "{many}"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
        for one, many in (("%d folder deleted", "%d folders deleted"), ("%d file deleted", "%d files were deleted"),
                          ("%d file deleted", "%d files deleted"), ("%d week", "%d weeks"))).replace(
        'msgid "%d file deleted"\nmsgid_plural "%d files deleted"', 'msgctxt "trash"\nmsgid "%d file deleted"\n'
        'msgid_plural "%d files deleted"'))
    out = tmp_path / "lv.po"
    result = _run(pot, "-o", out, "--tm", tm)
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(out))
    deleted = ["%d fails izdzēsts", "%d faili izdzēsti", "%d failu izdzēsts"]
    folder = po.find("%d folder deleted")
    assert _forms(folder) == deleted and folder.flags == ["fuzzy", "c-format"]
    assert (folder.previous_msgid, folder.previous_msgid_plural) == ("%d file deleted", "%d files deleted")
    were = po.find("%d file deleted")  # msgid the same, msgid_plural not
    assert were.msgid_plural == "%d files were deleted" and _forms(were) == deleted and "fuzzy" in were.flags
    assert (were.previous_msgid, were.previous_msgid_plural) == ("%d file deleted", "%d files deleted")
    trash = po.find("%d file deleted", msgctxt="trash")  # the same texts in another context
    assert _forms(trash) == deleted and "fuzzy" in trash.flags and "without a context" in trash.tcomment
    week = po.find("%d week")
    assert _forms(week) == ["%d nedēļa"] * 3 and "fuzzy" in week.flags
    assert week.previous_msgid is None and week.previous_msgid_plural is None
    assert "in a singular entry" in week.tcomment
    msgfmt_check(out)


def test_pretranslate_fidelity_update_plural_forms_from_one_entry(tmp_path):
    """With --update, the old plural entry is the memory: all its forms, `#|` its real sources."""
    existing = _write(tmp_path / "lv.po", PLURAL_TM)
    pot = _write(tmp_path / "app.pot", POT_HEADER + '#, c-format\nmsgid "%d folder deleted"\n'
                 'msgid_plural "%d folders deleted"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    out = tmp_path / "out.po"
    result = _run(pot, "-o", out, "--update", existing, "--tm", _write(tmp_path / "empty.po", HEADER))
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(out))
    folder = po.find("%d folder deleted")
    assert _forms(folder) == ["%d fails izdzēsts", "%d faili izdzēsti", "%d failu izdzēsts"]
    assert (folder.previous_msgid, folder.previous_msgid_plural) == ("%d file deleted", "%d files deleted")
    assert [e.msgid for e in po.obsolete_entries()] == ["%d week"]  # the used one is not also kept as #~
    msgfmt_check(out)


@pytest.mark.parametrize("header", [False, True], ids=["empty", "header-only"])
def test_pretranslate_fidelity_template_without_messages(fixtures, tmp_path, header, caplog):
    """A domain with no strings yet (an empty or header-only .pot): a Latvian .po with the header
    only and a note on stderr, exit 0, as msginit and msgmerge do (a CI loop over domains goes on)."""
    empty = (fixtures / "po" / "test_pretranslate_empty.pot").read_text("utf-8")
    assert empty == ""
    pot = _write(tmp_path / "none.pot", POT_HEADER if header else empty)
    out = tmp_path / "lv.po"
    with caplog.at_level("WARNING"):
        result = _run(pot, "-o", out, "--tm", _write(tmp_path / "tm.po", HEADER + 'msgid "Save"\nmsgstr "Saglabāt"\n'))
    assert result.exit_code == 0, result.output
    assert "0 entries" in result.output
    assert any("none.pot: warning: the template has no messages to translate" in r.getMessage()
               for r in caplog.records)
    po = polib.pofile(str(out))
    assert len(po) == 0 and po.metadata["Language"] == "lv" and po.metadata["Plural-Forms"].startswith("nplurals=3;")
    msgfmt_check(out)


def test_pretranslate_fidelity_update_keeps_previous_msgid_of_obsolete_entries(tmp_path):
    existing = _write(tmp_path / "lv.po", HEADER + '#, fuzzy\n#~| msgid "Old thing"\n#~ msgid "Older thing"\n'
                      '#~ msgstr "Vecāka lieta"\n\n#~ msgid "Quit"\n#~ msgstr "Iziet"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgid "Newest thing"\nmsgstr ""\n')
    out = tmp_path / "out.po"
    result = _run(pot, "-o", out, "--update", existing, "--tm", _write(tmp_path / "tm.po", HEADER))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert '#, fuzzy\n#~| msgid "Old thing"\n#~ msgid "Older thing"\n#~ msgstr "Vecāka lieta"\n' in text
    msgfmt_check(out)
    again = tmp_path / "again.po"  # and a second run keeps it too
    assert _run(pot, "-o", again, "--update", out, "--tm", tmp_path / "tm.po").exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_pretranslate_fidelity_update_drops_lvterms_wrapped_notes(tmp_path):
    """lvterm's note, wrapped by polib onto a second line, is not taken for the translator's comment
    when the old translation fills a changed msgid."""
    existing = _write(tmp_path / "lv.po", HEADER + "# Ieva: the style guide says katalogā\n"
                      "# lvterm: the same text but for whitespace and without a context from\n"
                      "# some_long_memory_file_name.po:29\n"
                      'msgid "Search the catalogue"\nmsgstr "Meklēt katalogā"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgid "Search the catalogues"\nmsgstr ""\n')
    out = tmp_path / "out.po"
    assert _run(pot, "-o", out, "--update", existing, "--tm", _write(tmp_path / "tm.po", HEADER)).exit_code == 0
    entry = polib.pofile(str(out)).find("Search the catalogues")
    assert entry.tcomment.splitlines()[:1] == ["Ieva: the style guide says katalogā"]
    assert "some_long_memory_file_name" not in entry.tcomment
    msgfmt_check(out)


def test_pretranslate_fidelity_update_keeps_the_comment_after_a_long_note(tmp_path):
    """lvterm writes its notes on one line however long (a long --tm path, the plural note): the
    translator's comment under one is theirs, kept when the old translation fills a changed msgid
    (msgmerge keeps it too)."""
    existing = _write(tmp_path / "lv.po", HEADER + "# lvterm: 88% match from translations-archive-2019/"
                      "librarian-portal-strings-latvian.po:1234\n# Keep this short: it is a button label.\n"
                      'msgid "Delete the selected record"\nmsgstr "Dzēst atlasīto ierakstu"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgid "Delete the selected records"\nmsgstr ""\n')
    out = tmp_path / "out.po"
    result = _run(pot, "-o", out, "--update", existing, "--tm", _write(tmp_path / "tm.po", HEADER))
    assert result.exit_code == 0, result.output
    entry = polib.pofile(str(out)).find("Delete the selected records")
    assert entry.tcomment == "Keep this short: it is a button label.\nlvterm: 98% match from lv.po:7"
    assert (entry.msgstr, entry.previous_msgid) == ("Dzēst atlasīto ierakstu", "Delete the selected record")
    msgfmt_check(out)


def test_pretranslate_fidelity_update_drops_an_old_note_wrapped_at_a_hyphen(tmp_path):
    """A note an older lvterm wrote wrapped (polib breaks after a hyphen too) goes as a whole; the
    translator's comment under it stays."""
    existing = _write(tmp_path / "lv.po", HEADER + "# lvterm: 91% match from biedribas-dokumenti/latvijas-"
                      "bibliotekaru-biedribas-\n# profesionalas-organizacijas:17\n"
                      "# Ieva: 'biedrība', not 'asociācija'\n"
                      'msgid "The association of librarians"\nmsgstr "Bibliotekāru biedrība"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgid "The association of the librarians"\nmsgstr ""\n')
    out = tmp_path / "out.po"
    result = _run(pot, "-o", out, "--update", existing, "--tm", _write(tmp_path / "tm.po", HEADER))
    assert result.exit_code == 0, result.output
    entry = polib.pofile(str(out)).find("The association of the librarians")
    assert entry.tcomment.split("\n")[0] == "Ieva: 'biedrība', not 'asociācija'"
    assert "organizacijas" not in entry.tcomment and entry.tcomment.count("lvterm:") == 1
    msgfmt_check(out)


#: A note one line as wide as polib lets it be (78 columns with "# "), as lvterm writes it now.
_FULL_NOTE = "lvterm: 86% match from the-national-library-of-latvia-portal-strings.po:3518"


@pytest.mark.parametrize("comment, own", [
    # lvterm's notes as an older lvterm wrote them, wrapped by polib: gone with all their lines
    ("lvterm: the same text but for whitespace and in context 'the settings dialog\n"
     "of the catalogue search page' from library-portal-memory-2019.po:4127", ""),
    ("lvterm: 100% match, differing only in case or punctuation, from lvterm.db\nbead 1204:3", ""),
    ("lvterm: 83% match from the-riga-central-library-portal-strings-2019.po:3518\n(msgstr[2])", ""),
    ("lvterm: the same text in another context ('search results page') from\nKatalogs.tmx", ""),
    # the translator's lines under a note that is over, or that do not continue it as polib wraps
    (f"{_FULL_NOTE}\nsee glossary.po:12", "see glossary.po:12"),
    (f"{_FULL_NOTE}\nask Ilze before changing it", "ask Ilze before changing it"),
    (f"{_FULL_NOTE}\nCf. glossary.po:12", "Cf. glossary.po:12"),
    ("lvterm: the same text in another context ('search results page') from\nAsk Ilze: Katalogs.tmx",
     "Ask Ilze: Katalogs.tmx"),
    ("lvterm: 83% match from the-riga-central-library-portal-strings-2019.po:\n3518 is the old line",
     "3518 is the old line"),
    ("lvterm: 90% match from old.po:3\nkeep it short", "keep it short"),
    ("Ieva: checked\nlvterm: 90% match from old.po:3\n\nthe end", "Ieva: checked\n\nthe end"),
])
def test_pretranslate_fidelity_update_tells_a_wrapped_note_from_the_translators_comment(comment, own):
    """Only a line that certainly continues lvterm's note goes with it: polib wrapped the note onto
    it (wrapping the joined text gives these very lines), the note was not over, the line opens
    no sentence and the note ends on it as a note ends (its origin); every other line is kept."""
    assert update.translator_comment(polib.POEntry(tcomment=comment)) == own


def test_pretranslate_fidelity_update_reads_a_legacy_file_with_previous_msgids(tmp_path):
    """An ISO-8859-13 .po with octal escapes and `#~|` lines: its second reading (for the previous
    msgids of its obsolete entries) reads the escapes as bytes of its charset too."""
    existing = tmp_path / "lv.po"
    existing.write_bytes((HEADER.replace("UTF-8", "ISO-8859-13") + 'msgid "Networking is important"\n'
                          'msgstr "T\\356klo\\360ana ir svar\\356ga"\n\n#~| msgid "An old thing"\n'
                          '#~ msgid "Old thing"\n#~ msgstr "Ar\\356 vec\\342 lieta"\n').encode("iso8859_13"))
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgid "Networking is important"\nmsgstr ""\n')
    out = tmp_path / "out.po"
    result = _run(pot, "-o", out, "--update", existing, "--tm", _write(tmp_path / "tm.po", HEADER))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert 'msgstr "Tīklošana ir svarīga"' in text
    assert '#~| msgid "An old thing"\n#~ msgid "Old thing"\n#~ msgstr "Arī vecā lieta"\n' in text
    msgfmt_check(out)


def test_pretranslate_fidelity_plural_note_says_it_matched_on_msgid_plural(tmp_path):
    """A singular memory entry found only through msgid_plural: the note says so (and not for one
    found through msgid)."""
    tm = _write(tmp_path / "tm.po", HEADER + '#, c-format\nmsgid "%d books were returned"\n'
                'msgstr "%d grāmatas tika atdotas"\n\n#, c-format\nmsgid "%d reader"\nmsgstr "%d lasītājs"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + '#, c-format\nmsgid "One book"\n'
                 'msgid_plural "%d books were returned"\nmsgstr[0] ""\nmsgstr[1] ""\n\n'
                 '#, c-format\nmsgid "%d reader"\nmsgid_plural "%d readers"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    out = tmp_path / "lv.po"
    result = _run(pot, "-o", out, "--tm", tm)
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(out))
    book, reader = po.find("One book"), po.find("%d reader")
    assert _forms(book) == ["%d grāmatas tika atdotas"] * 3 and book.previous_msgid == "%d books were returned"
    assert book.tcomment == ("lvterm: the same text in a singular entry from tm.po:7; matched on msgid_plural; "
                             "every form is its translation")
    assert reader.tcomment == "lvterm: the same text in a singular entry from tm.po:11; every form is its translation"
    msgfmt_check(out)


def test_pretranslate_fidelity_output_keeps_its_permissions(tmp_path):
    """Rewriting a `chmod 640` .po leaves it 640, as `msgmerge -U` does; a new file gets the umask's."""
    from lvterm.fileio import atomic_write

    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgid "Save"\nmsgstr ""\n')
    out = _write(tmp_path / "lv.po", HEADER + 'msgid "Save"\nmsgstr ""\n')
    out.chmod(0o640)
    result = _run(pot, "-o", out, "--update", out, "--tm", _write(tmp_path / "tm.po", HEADER + 'msgid "Save"\n'
                                                                   'msgstr "Saglabāt"\n'))
    assert result.exit_code == 0, result.output
    assert polib.pofile(str(out)).find("Save").msgstr == "Saglabāt"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.txt"
    with atomic_write(fresh) as fp:
        fp.write("x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~mask
    msgfmt_check(out)


def test_pretranslate_fidelity_progress_shows_the_loading_and_indexing(tmp_path, monkeypatch):
    """A bar for reading the memory and one for indexing it come before the entries' bar: the index
    built inside the first entry's step made click's ETA read hours ("02:55:12")."""
    from lvterm.localise import tm as tm_module
    from lvterm.localise.pretranslate import pretranslate

    events: list[str] = []
    build = tm_module.Memory._build

    def recording_build(self):
        events.append("index built")
        return build(self)

    class Bar:
        def __init__(self, items, label):
            self.items, self.label = items, label

        def __enter__(self):
            events.append(self.label)
            return self.items

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(tm_module.Memory, "_build", recording_build)
    tm = _write(tmp_path / "tm.po", HEADER + 'msgid "Return the books by Friday."\n'
                'msgstr "Atdodiet grāmatas līdz piektdienai."\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgid "Return the books by Monday."\nmsgstr ""\n')
    stats = pretranslate(template=pot, out=tmp_path / "lv.po", tm_files=[tm],
                         progress=lambda items, *, label, length=None: Bar(items, label))
    assert stats.fuzzy == 1
    assert events == ["reading the translation memory", "indexing the translation memory", "index built",
                      "pre-translating"]
    msgfmt_check(tmp_path / "lv.po")
