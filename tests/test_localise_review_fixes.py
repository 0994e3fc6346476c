"""Localisation review fixes: check-po checks "Deleted" for a verb concept ("delete" -> "dzēst")
whose English term leaves part_of_speech off, and reports duplicate msgids as msgfmt does;
pretranslate writes `#| msgctxt` (and `#| msgid`) for a match from another context as msgmerge
--previous writes them, and fills a .po in place when it is its own template and --update file."""
from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from click.testing import CliRunner
from test_pretranslate_update import msgfmt_check

from lvterm.cli import cli
from lvterm.localise.check_po import find_problems, rules_from
from lvterm.models import Concept, Term

HEADER = ('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);\\n"\n\n')
POT_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

#: A user-interface termbase as people write them: no part_of_speech anywhere (written for these tests).
UI_TERMBASE = """# Terms of a file manager's interface (written for the lvterm tests).
subject_field: user interface
reliability: 3
concepts:
  - id: delete
    lv:
      - term: dzēst
    en:
      - term: delete
  - id: save
    lv:
      - term: saglabāt
    en:
      - term: save
  - id: file
    lv:
      - term: datne
    en:
      - term: file
  - id: upload-noun
    lv:
      - term: augšupielāde
    en:
      - term: upload
"""


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _check_po(*args):
    return CliRunner().invoke(cli, ["check-po", *map(str, args)])


def _pretranslate(*args):
    return CliRunner().invoke(cli, ["pretranslate", *map(str, args)])


# --- 1. check-po: -ed/-ing forms of a verb concept --------------------------------------------

def test_localise_check_po_a_verb_concept_without_part_of_speech_is_used_by_its_ed_form(tmp_path):
    """"delete" leaves part_of_speech off (the termbase's default is noun), but its concept's
    Latvian term "dzēst" is an infinitive: the concept is an action, so "Deleted" uses it and is
    checked ("Saved" -> "saglabāt" too); "file" -> "datne" and "upload" -> "augšupielāde" are
    things: "Filed under" and "Uploaded by" do not use them."""
    termbase = _write(tmp_path / "ui.yml", UI_TERMBASE)
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Deleted"\nmsgstr "Noņemts"\n\n'
                'msgid "Deleted 3 items"\nmsgstr "Dzēsti 3 vienumi"\n\n'
                'msgid "Saved"\nmsgstr "Glabāts"\n\n'
                'msgid "Filed under"\nmsgstr "Ievietots sadaļā"\n\n'
                'msgid "Uploaded by"\nmsgstr "Augšupielādēja"\n')
    result = _check_po(po, "--termbase", termbase)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f'{po}:7: "delete" -> expected "dzēst"',
        f'{po}:13: "save" -> expected "saglabāt"',
        f"{po}: 2 terminology problems (3 term uses in 5 entries checked)",
    ]


def test_localise_check_po_the_latvian_term_decides_only_for_a_verb():
    """A noun concept ("file" -> "datne") stays a noun; a Latvian term given part_of_speech verb
    is a verb whatever the lexicon makes of it; a reflexive infinitive ("pieteikties") is one too."""
    def rules(lv: Term, en: Term):
        return rules_from([Concept("c", (lv, en))])

    filed = rules(Term("lv", "datne", "preferred"), Term("en", "file", "preferred"))
    assert find_problems("Filed under", "Ievietots", filed) == ([], 0)
    verb = rules(Term("lv", "Arhivēt", "preferred", part_of_speech="verb"), Term("en", "archive", "preferred"))
    assert [f.rule.en_term for f in find_problems("Archived", "Saglabāts", verb)[0]] == ["archive"]
    infinitive = rules(Term("lv", "pieteikties", "preferred"), Term("en", "sign in", "preferred"))
    assert find_problems("Signed in", "Pieteicies", infinitive)[1] == 1


def test_localise_check_po_committed_termbase_gives_the_same_result(root, monkeypatch):
    """The committed termbase/ on the committed locale/: the same problems and counts as with the
    noun rule alone (no concept taken for a verb by its Latvian term)."""
    from lvterm.localise import check_po as module
    from lvterm.localise.termsource import load_concepts

    concepts = load_concepts([root / "termbase"])
    files = sorted((root / "locale" / "lv" / "LC_MESSAGES").glob("*.po"))
    assert files

    def runs():
        return [(list(map(str, r.problems)), r.summary()) for r in (module.check_po(f, concepts) for f in files)]

    now = runs()
    monkeypatch.setattr(module, "_is_verb", lambda term: False)
    assert now == runs()


# --- 2. check-po: duplicate msgids ---------------------------------------------------------

def test_localise_check_po_reports_duplicate_messages_as_msgfmt_refuses_them(tmp_path):
    """The same msgctxt and msgid twice is one line at the second naming the first (msgfmt: "duplicate
    message definition"), exit 1 like any problem; the same msgid in another context is no duplicate."""
    termbase = _write(tmp_path / "ui.yml", UI_TERMBASE)
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Save"\nmsgstr "Saglabāt"\n\n'
                'msgctxt "menu"\nmsgid "Save"\nmsgstr "Saglabāt"\n\n'
                'msgid "Open"\nmsgstr "Atvērt"\n\n'
                '#, fuzzy\nmsgid "Save"\nmsgstr "Glabāt"\n\n'
                'msgctxt "menu"\nmsgid "Save"\nmsgstr "Saglabāt"\n')
    if shutil.which("msgfmt"):
        run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
        assert run.returncode == 1 and run.stderr.count("duplicate message definition") == 2
    result = _check_po(po, "--termbase", termbase)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [
        f"{po}:18: duplicate message definition (msgid 'Save', first at line 7); merge the two with msguniq",
        f"{po}:22: duplicate message definition (msgctxt 'menu', msgid 'Save', first at line 11); merge the two "
        "with msguniq",
        f"{po}: 2 duplicate message definitions, 0 terminology problems (3 term uses in 4 entries checked)",
    ]


# --- 3. pretranslate: `#| msgctxt` ------------------------------------------------------------

MEMORY = (HEADER + 'msgctxt "menu"\nmsgid "Open"\nmsgstr "Atvērt"\n\n'
          'msgid "Save"\nmsgstr "Saglabāt"\n\n'
          'msgctxt "window"\nmsgid "Close"\nmsgstr "Aizvērt"\n\n'
          'msgctxt "menu"\nmsgid "Print all the files"\nmsgstr "Drukāt visas datnes"\n\n'
          '#, c-format\nmsgctxt "list"\nmsgid "%d day"\nmsgid_plural "%d days"\n'
          'msgstr[0] "%d diena"\nmsgstr[1] "%d dienas"\nmsgstr[2] "%d dienu"\n')
TEMPLATE = (POT_HEADER + 'msgctxt "button"\nmsgid "Open"\nmsgstr ""\n\n'
            'msgctxt "button"\nmsgid "Save"\nmsgstr ""\n\n'
            'msgid "Close"\nmsgstr ""\n\n'
            'msgctxt "menu"\nmsgid "Print all the file"\nmsgstr ""\n\n'
            '#, c-format\nmsgctxt "status"\nmsgid "%d day"\nmsgid_plural "%d days"\nmsgstr[0] ""\nmsgstr[1] ""\n')


def _previous(po):
    return {(e.msgctxt, e.msgid): (e.previous_msgctxt, e.previous_msgid, e.previous_msgid_plural)
            for e in po if e.msgid}


def test_localise_pretranslate_writes_the_previous_context_as_msgmerge_does(tmp_path):
    """A match from another context writes `#| msgctxt` the memory entry's (none when it has none)
    and `#| msgid`, the same text or not, as `msgmerge --previous` writes them: together they say
    which entry the translation came from."""
    tm = _write(tmp_path / "tm.po", MEMORY)
    pot = _write(tmp_path / "app.pot", TEMPLATE)
    out = tmp_path / "lv.po"
    result = _pretranslate(pot, "-o", out, "--tm", tm)
    assert result.exit_code == 0, result.output
    assert "5 entries: 0 exact, 5 fuzzy" in result.output
    got = _previous(polib.pofile(str(out)))
    assert got == {("button", "Open"): ("menu", "Open", None),
                   ("button", "Save"): (None, "Save", None),
                   (None, "Close"): ("window", "Close", None),
                   ("menu", "Print all the file"): ("menu", "Print all the files", None),
                   ("status", "%d day"): ("list", "%d day", "%d days")}
    text = out.read_text("utf-8")
    assert '#| msgctxt "menu"\n#| msgid "Open"\nmsgctxt "button"\nmsgid "Open"\n' in text
    msgfmt_check(out)
    if shutil.which("msgmerge"):
        merged = subprocess.run(["msgmerge", "--quiet", "--previous", "-o", "-", str(tm), str(pot)],
                                capture_output=True, text=True, check=True).stdout
        assert _previous(polib.pofile(merged)) == got


def test_localise_pretranslate_update_writes_the_previous_context(tmp_path):
    """--update's own entries are a memory too: one moved to another context says where it was."""
    tm = _write(tmp_path / "tm.po", HEADER)
    old = _write(tmp_path / "lv.po", HEADER + 'msgctxt "menu"\nmsgid "Open"\nmsgstr "Atvērt"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgctxt "button"\nmsgid "Open"\nmsgstr ""\n')
    result = _pretranslate(pot, "-o", old, "--tm", tm, "--update", old)
    assert result.exit_code == 0, result.output
    entry = polib.pofile(str(old)).find("Open", msgctxt="button")
    assert (entry.msgstr, entry.flags, entry.previous_msgctxt, entry.previous_msgid) == (
        "Atvērt", ["fuzzy"], "menu", "Open")
    msgfmt_check(old)


# --- 4. pretranslate: a .po filled in place -------------------------------------------------

def test_localise_pretranslate_fills_a_po_in_place(tmp_path):
    """`lvterm pretranslate lv.po -o lv.po --update lv.po` (what the refusal of `-o` the template
    told the user to do) fills the .po's empty entries in place, the translator's kept: the same
    bytes as with the .pot it came from as the template."""
    pot = _write(tmp_path / "app.pot", POT_HEADER + '#: app.py:3\nmsgid "Open"\nmsgstr ""\n\n'
                 '#: app.py:4\nmsgid "Save"\nmsgstr ""\n\n#: app.py:5\nmsgid "Close"\nmsgstr ""\n')
    first = _write(tmp_path / "first.po", HEADER + 'msgid "Open"\nmsgstr "Atvērt"\n')
    po = tmp_path / "lv.po"
    assert _pretranslate(pot, "-o", po, "--tm", first).exit_code == 0
    text = po.read_text("utf-8").replace('msgid "Save"\nmsgstr ""', 'msgid "Save"\nmsgstr "Glabāt"')
    _write(po, text)  # the translator's own translation
    tm = _write(tmp_path / "tm.po", HEADER + 'msgid "Close"\nmsgstr "Aizvērt"\n\nmsgid "Save"\nmsgstr "Saglabāt"\n')
    twin = _write(tmp_path / "twin.po", text)
    from_pot = _pretranslate(pot, "-o", twin, "--tm", tm, "--update", twin)
    assert from_pot.exit_code == 0, from_pot.output
    result = _pretranslate(po, "-o", po, "--tm", tm, "--update", po)
    assert result.exit_code == 0, result.output
    assert "3 entries: 1 exact, 0 fuzzy, 0 untranslated, 2 kept" in result.output
    assert po.read_text("utf-8") == twin.read_text("utf-8")
    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(po))] == [
        ("Open", "Atvērt"), ("Save", "Glabāt"), ("Close", "Aizvērt")]
    msgfmt_check(po)


@pytest.mark.parametrize("update", [None, "other.po"])
def test_localise_pretranslate_output_is_the_template_hint_says_what_to_do(tmp_path, update):
    """Without --update naming the same file, writing over the template is refused, and the hint
    gives the command that does it; the file is left as it was."""
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Open"\nmsgstr "Atvērt"\n\nmsgid "Save"\nmsgstr ""\n')
    before = po.read_bytes()
    tm = _write(tmp_path / "tm.po", HEADER + 'msgid "Save"\nmsgstr "Saglabāt"\n')
    args = [po, "-o", po, "--tm", tm]
    if update:
        args += ["--update", _write(tmp_path / update, HEADER)]
    result = _pretranslate(*args)
    assert result.exit_code == 2
    assert result.output == (f"lvterm: {po}: output is the template, which it would overwrite; to fill "
                             f"this .po in place, give it as the template, -o and --update: lvterm "
                             f"pretranslate {po} -o {po} --update {po} --tm {tm}\n")
    assert po.read_bytes() == before
