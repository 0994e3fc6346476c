"""Localisation follow-up fixes, checked against GNU gettext where it has a say:

- check-po holds an English -ed form to a verb concept ("Deleted" -> "dzēst") only where the
  Latvian side can be satisfied: the verb's own forms, its participles and its perfective
  (prefixed) and negated verbs count ("Izdzēsts", "Pieteicies", "Izdrukāts"); a name or an
  acronym ("Padlet", "IKT") is no infinitive;
- a duplicate message is what msgfmt calls one: obsolete `#~` entries and a second header too,
  compared byte for byte (an NFC and an NFD msgid are two messages);
- `pretranslate` fills in place only a Latvian .po (never a .pot: it would become the .po), its
  header kept as it was; every refusal's hint names a command that works (the user's --tm in it)
  and none leads back to an earlier refusal.
"""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import unicodedata

import polib
import pytest
from click.testing import CliRunner
from test_pretranslate_update import msgfmt_check

from lvterm.cli import cli
from lvterm.localise.check_po import _is_verb, find_problems, rules_from
from lvterm.models import Concept, Term

LV_PLURALS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
HEADER = ('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          f'"Plural-Forms: {LV_PLURALS}\\n"\n\n')
POT_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

#: Interface terms of a document viewer, no part_of_speech anywhere (written for these tests).
VIEWER_TERMBASE = """# Terms of a document viewer's interface (written for the lvterm tests).
subject_field: user interface
reliability: 3
concepts:
  - id: delete
    lv:
      - term: dzēst
    en:
      - term: delete
  - id: print
    lv:
      - term: drukāt
    en:
      - term: print
  - id: sign-in
    lv:
      - term: pieteikties
    en:
      - term: sign in
  - id: share
    lv:
      - term: kopīgot
    en:
      - term: share
"""

#: Correct Latvian translations of -ed (and other verb) forms (written for these tests).
VIEWER_PO = HEADER + (
    'msgid "Deleted"\nmsgstr "Izdzēsts"\n\n'
    'msgid "Deleted 3 drafts"\nmsgstr "Nodzēsti 3 melnraksti"\n\n'
    'msgid "Not deleted"\nmsgstr "Nav izdzēsts"\n\n'
    'msgid "Deletes old versions"\nmsgstr "Dzēš vecās versijas"\n\n'
    '#, c-format\nmsgid "Signed in as %s"\nmsgstr "Pieteicies kā %s"\n\n'
    '#, c-format\nmsgid "You signed in on %s"\nmsgstr "Jūs pieteicāties %s"\n\n'
    '#, c-format\nmsgid "Printed on %s"\nmsgstr "Izdrukāts %s"\n\n'
    'msgid "Print again"\nmsgstr "Drukāt vēlreiz"\n')


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709640000")


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


def _termbase(tmp_path, text=VIEWER_TERMBASE, *, verb_side=None):
    """The viewer termbase; `verb_side` "lv" or "en": its verbs say part_of_speech: verb there."""
    if verb_side:
        for term in ("dzēst", "drukāt", "pieteikties") if verb_side == "lv" else ("delete", "print", "sign in"):
            text = text.replace(f"      - term: {term}\n", f"      - term: {term}\n        part_of_speech: verb\n")
    return _write(tmp_path / "viewer.yml", text)


# --- D1: the Latvian side of a verb concept ---------------------------------------------------

@pytest.mark.parametrize("verb_side", [None, "lv", "en"])
def test_localise_check_po_a_verb_concept_accepts_participles_and_prefixed_verbs(tmp_path, verb_side):
    """"Deleted" -> "Izdzēsts" (the perfective izdzēst's participle), "Signed in as %s" ->
    "Pieteicies kā %s", "Printed on %s" -> "Izdrukāts %s" are right: no problem, whether the
    termbase leaves part_of_speech off or gives it on either side."""
    po = _write(tmp_path / "lv.po", VIEWER_PO)
    result = _run("check-po", po, "--termbase", _termbase(tmp_path, verb_side=verb_side))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{po}: 0 terminology problems (8 term uses in 8 entries checked)"]


def test_localise_check_po_a_verb_concept_still_catches_another_verb(tmp_path):
    """The forms are the term's verb's: "Nokopēts" (copied) for "Printed" and "Noņemts" (removed)
    for "Deleted" are still problems."""
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Deleted"\nmsgstr "Noņemts"\n\n'
                '#, c-format\nmsgid "Printed on %s"\nmsgstr "Nokopēts %s"\n')
    result = _run("check-po", po, "--termbase", _termbase(tmp_path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [f'{po}:7: "delete" -> expected "dzēst"',
                                          f'{po}:11: "print" -> expected "drukāt"',
                                          f"{po}: 2 terminology problems (2 term uses in 2 entries checked)"]


def test_localise_check_po_a_verb_the_lexicon_cannot_conjugate_holds_no_ed_form(tmp_path):
    """"kopīgot" looks like an infinitive but the lexicon has no forms of it: its participles
    cannot be told, so "Shared with you" is not held to it (a wrong problem is worse than none)."""
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Shared with you"\nmsgstr "Kopīgots ar jums"\n')
    result = _run("check-po", po, "--termbase", _termbase(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{po}: 0 terminology problems (0 term uses in 1 entry checked)"]


@pytest.mark.parametrize("msgstr", ["Pieteicies", "Jūs esat pieteicies", "Pieteikusies", "Nepieteicās"])
def test_localise_find_problems_signed_in_forms(msgstr):
    rules = rules_from([Concept("c", (Term("lv", "pieteikties", "preferred"), Term("en", "sign in", "preferred")))])
    assert find_problems("Signed in", msgstr, rules) == ([], 1)


# --- D5: names and acronyms are no infinitives ------------------------------------------------

@pytest.mark.parametrize("text", ["IKT", "Padlet", "PowerPoint", "WorldCat", "Kahoot!"])
def test_localise_check_po_a_name_or_acronym_is_no_verb(text):
    """Lower-cased, "padlet" and "ikt" end like infinitives; as written they are a name and an
    acronym, and their concepts stay things."""
    term = Term("lv", text, "preferred")
    assert not _is_verb(term)
    rule, = rules_from([Concept("c", (term, Term("en", text, "preferred")))])
    assert not rule.lv_verb and rule.verbs == ()


@pytest.mark.parametrize("text", ["dzēst", "pieteikties", "dzēst failu"])
def test_localise_check_po_an_infinitive_is_a_verb(text):
    term = Term("lv", text, "preferred")
    assert _is_verb(term)
    rule, = rules_from([Concept("c", (term, Term("en", "x", "preferred")))])
    assert rule.lv_verb


# --- D3, D4: duplicates as msgfmt has them ----------------------------------------------------

DUPLICATES = {
    "live_and_obsolete": HEADER + 'msgid "Live"\nmsgstr "Dzīvs"\n\n#~ msgid "Live"\n#~ msgstr "Dzīvais"\n',
    "two_obsolete": HEADER + '#~ msgid "Old"\n#~ msgstr "Vecs"\n\n#~ msgid "Old"\n#~ msgstr "Vecais"\n\n'
                    'msgid "Live"\nmsgstr "Dzīvs"\n\n#~ msgid "Live"\n#~ msgstr "Dzīvais"\n',
    "second_header": HEADER + 'msgid ""\nmsgstr "Language: lv\\n"\n\n'
                     'msgctxt "empty"\nmsgid ""\nmsgstr "x"\n\nmsgctxt "empty"\nmsgid ""\nmsgstr "y"\n',
    "empty_context": HEADER + 'msgctxt ""\nmsgid "Save"\nmsgstr "Saglabāt"\n\nmsgid "Save"\nmsgstr "Saglabāt"\n\n'
                     'msgctxt ""\nmsgid "Save"\nmsgstr "Saglabāt"\n',
    "wrapped_plural_fuzzy": HEADER + 'msgid ""\n"Save "\n"all"\nmsgstr "Saglabāt visu"\n\n'
                            'msgid "Save all"\nmsgstr "Saglabāt visu"\n\n'
                            'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d datne"\n'
                            'msgstr[1] "%d datnes"\nmsgstr[2] "%d datņu"\n\nmsgid "%d file"\nmsgstr "%d datne"\n\n'
                            '#, fuzzy\nmsgid "Fuzzy"\nmsgstr "Pūkains"\n\n#, fuzzy\nmsgid "Fuzzy"\nmsgstr ""\n',
}


def _msgfmt_duplicate_lines(path) -> list[int]:
    """The lines msgfmt names as duplicate message definitions (the second of each pair)."""
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    return [int(n) for n in re.findall(r":(\d+): duplicate message definition", run.stderr)]


@pytest.mark.parametrize("name", sorted(DUPLICATES))
def test_localise_check_po_reports_the_duplicates_msgfmt_refuses(tmp_path, name):
    """Every duplicate msgfmt refuses (obsolete entries, a second header, msgctxt "" twice, a
    wrapped msgid, a plural and a singular entry, fuzzy ones) is one line at the line msgfmt names."""
    po = _write(tmp_path / "lv.po", DUPLICATES[name])
    expected = _msgfmt_duplicate_lines(po)
    result = _run("check-po", po, "--termbase", _termbase(tmp_path))
    assert result.exit_code == 1
    reported = [int(m) for m in re.findall(rf"^{re.escape(str(po))}:(\d+): duplicate message definition",
                                           result.output, re.M)]
    assert reported == expected and expected


def test_localise_check_po_duplicate_hints_name_what_works(tmp_path):
    """msguniq merges two live (or two obsolete) entries; a live one it merges with an obsolete
    one becomes obsolete, and it refuses an empty msgid: those get another hint."""
    po = _write(tmp_path / "lv.po", DUPLICATES["two_obsolete"])
    assert _run("check-po", po, "--termbase", _termbase(tmp_path)).output.splitlines()[:2] == [
        f"{po}:10: duplicate message definition (msgid 'Old', first at line 7); merge the two with msguniq",
        f"{po}:16: duplicate message definition (msgid 'Live', first at line 13); delete the obsolete one (copy "
        "its translation into the other first if you want it)"]
    po = _write(tmp_path / "hdr.po", DUPLICATES["second_header"])
    assert _run("check-po", po, "--termbase", _termbase(tmp_path)).output.splitlines()[:2] == [
        f"{po}:7: duplicate message definition (msgid '', first at line 1); a file has one header: delete the other",
        f"{po}:15: duplicate message definition (msgctxt 'empty', msgid '', first at line 11); delete one of them "
        "(msguniq does not merge an empty msgid)"]


@pytest.mark.parametrize("name", ["live_and_obsolete", "two_obsolete", "second_header", "empty_context"])
def test_localise_pretranslate_refuses_the_duplicates_msgmerge_refuses(tmp_path, name):
    """As the --update file (and as the template): one line at msgfmt's line, nothing written."""
    po = _write(tmp_path / "lv.po", DUPLICATES[name])
    line = _msgfmt_duplicate_lines(po)[0]
    tm = _write(tmp_path / "tm.po", HEADER)
    pot = _write(tmp_path / "app.pot", POT_HEADER + 'msgid "Live"\nmsgstr ""\n')
    for args in ([pot, "-o", tmp_path / "out.po", "--update", po], [po, "-o", tmp_path / "out.po", "--update", po]):
        result = _run("pretranslate", *args, "--tm", tm)
        assert result.exit_code == 2
        assert result.output.startswith(f"lvterm: {po}:{line}: duplicate message definition"), result.output
        assert not (tmp_path / "out.po").exists()


def test_localise_pretranslate_in_place_keeps_an_obsolete_translation(tmp_path):
    """A live entry left empty and an obsolete one with its translation (the same msgid, which msgfmt
    refuses): the in-place fill used to drop the translation; it is refused, the file as it was."""
    text = HEADER + '#: app.py:1\nmsgid "Search catalogue"\nmsgstr ""\n\n#~ msgid "Search catalogue"\n' \
                    '#~ msgstr "Meklēt katalogā"\n'
    po = _write(tmp_path / "lv.po", text)
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", HEADER))
    assert result.exit_code == 2
    assert result.output == (f"lvterm: {po}:11: duplicate message definition (msgid 'Search catalogue', first at "
                             "line 8); delete the obsolete one (copy its translation into the other first if you "
                             "want it)\n")
    assert po.read_text("utf-8") == text


def test_localise_pretranslate_update_revives_an_obsolete_translation(tmp_path):
    """Without the duplicate, the obsolete translation of a msgid the template has comes back (as
    msgmerge revives it), in place too."""
    po = _write(tmp_path / "lv.po", HEADER + '#~ msgid "Search catalogue"\n#~ msgstr "Meklēt katalogā"\n')
    pot = _write(tmp_path / "app.pot", POT_HEADER + '#: app.py:1\nmsgid "Search catalogue"\nmsgstr ""\n')
    result = _run("pretranslate", pot, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", HEADER))
    assert result.exit_code == 0, result.output
    assert [(e.msgid, e.msgstr, e.obsolete) for e in polib.pofile(str(po))] == [
        ("Search catalogue", "Meklēt katalogā", 0)]
    msgfmt_check(po)


def test_localise_check_po_nfc_and_nfd_msgids_are_two_messages(tmp_path):
    """msgfmt compares msgids byte for byte: "Café networking" composed and decomposed are two
    messages (a program may look up either), no duplicate; their texts are still matched in NFC
    (the decomposed translation uses "tīklošana")."""
    def nfd(text):
        return unicodedata.normalize("NFD", text)

    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Café networking"\nmsgstr "Tīklošana kafejnīcā"\n\n'
                f'msgid "{nfd("Café networking")}"\nmsgstr "{nfd("Tīklošana kafejnīcā")}"\n')
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True).returncode == 0
    termbase = _write(tmp_path / "net.yml", "concepts:\n  - id: networking\n    lv: [tīklošana]\n"
                      "    en: [networking]\n")
    result = _run("check-po", po, "--termbase", termbase)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{po}: 0 terminology problems (2 term uses in 2 entries checked)"]


# --- D2: filling in place, and hints that work ------------------------------------------------

TEMPLATE = POT_HEADER + '#: app.py:3\nmsgid "Close"\nmsgstr ""\n\n#: app.py:4\nmsgid "Search"\nmsgstr ""\n'
MEMORY = HEADER + 'msgid "Close"\nmsgstr "Aizvērt"\n\nmsgid "Search"\nmsgstr "Meklēt"\n'


def _hint(output: str) -> list[str]:
    """The command a refusal names, as arguments of `lvterm`."""
    command = output.strip().rsplit(": lvterm ", 1)[1]
    return shlex.split(command)


@pytest.mark.parametrize("update", [False, True])
def test_localise_pretranslate_never_fills_a_pot_in_place(tmp_path, monkeypatch, update):
    """`-o app.pot` (with or without --update app.pot) is refused: the template would become the
    Latvian .po; the hint writes lv.po beside it, with the user's --tm, and following it works."""
    monkeypatch.chdir(tmp_path)
    pot = _write(tmp_path / "app.pot", TEMPLATE)
    _write(tmp_path / "tm.po", MEMORY)
    result = _run("pretranslate", "app.pot", "-o", "app.pot", *(["--update", "app.pot"] if update else []),
                  "--tm", "tm.po")
    assert result.exit_code == 2
    assert result.output == ("lvterm: app.pot: output is the template, a .pot, which it would overwrite with the "
                             "Latvian .po; write that to another file: lvterm pretranslate app.pot -o lv.po "
                             "--tm tm.po\n")
    assert pot.read_text("utf-8") == TEMPLATE
    followed = _run(*_hint(result.output))
    assert followed.exit_code == 0, followed.output
    assert "2 exact" in followed.output and pot.read_text("utf-8") == TEMPLATE
    msgfmt_check(tmp_path / "lv.po")


def test_localise_pretranslate_never_fills_another_language_in_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = TEMPLATE.replace('"Content-Type', '"Language: de\\n"\n"Content-Type')
    _write(tmp_path / "de.po", text)
    _write(tmp_path / "lv.po", HEADER)
    result = _run("pretranslate", "de.po", "-o", "de.po", "--update", "de.po")
    assert result.exit_code == 2
    assert result.output == ("lvterm: de.po: output is the template, a .po in Language 'de', which it would "
                             "overwrite with the Latvian .po; write that to another file: lvterm pretranslate "
                             "de.po -o lv.po --update lv.po\n")
    assert (tmp_path / "de.po").read_text("utf-8") == text


@pytest.mark.parametrize("name, language", [("lv.po", "lv_LV"), ("messages.po", None)])
def test_localise_pretranslate_fills_a_latvian_po_in_place_keeping_its_header(tmp_path, monkeypatch, name,
                                                                           language):
    """A .po whose header says Language lv (or names none, and is no .pot) is filled in place; its
    header stays as it was but for PO-Revision-Date (nothing made up: no Project-Id-Version from
    the file name, no Language it did not have); the refusal of `-o` it alone names that command."""
    monkeypatch.chdir(tmp_path)
    header = ('# Latvian translation of the viewer.\nmsgid ""\nmsgstr ""\n'
              + (f'"Language: {language}\\n"\n' if language else "")
              + f'"Content-Type: text/plain; charset=UTF-8\\n"\n"Plural-Forms: {LV_PLURALS}\\n"\n\n')
    po = _write(tmp_path / name, header + 'msgid "Close"\nmsgstr "Aizvērt"\n\nmsgid "Search"\nmsgstr ""\n')
    before = polib.pofile(str(po)).metadata
    _write(tmp_path / "tm.po", MEMORY)
    refused = _run("pretranslate", name, "-o", name, "--tm", "tm.po")
    assert refused.exit_code == 2
    assert _hint(refused.output) == ["pretranslate", name, "-o", name, "--update", name, "--tm", "tm.po"]
    result = _run(*_hint(refused.output))
    assert result.exit_code == 0, result.output
    assert "2 entries: 1 exact, 0 fuzzy, 0 untranslated, 1 kept" in result.output
    after = polib.pofile(str(po))
    assert {k: v for k, v in after.metadata.items() if k != "PO-Revision-Date"} == before
    assert after.metadata["PO-Revision-Date"] == "2024-03-05 12:00+0000"
    assert after.header == "Latvian translation of the viewer."
    assert [(e.msgid, e.msgstr) for e in after] == [("Close", "Aizvērt"), ("Search", "Meklēt")]
    msgfmt_check(po)


def test_localise_pretranslate_in_place_moves_the_header_to_lvterms_plural_forms(tmp_path):
    """A .po with an English-style formula and no translated plural entries is filled with three
    forms: its Plural-Forms becomes lvterm's, or msgfmt --check would refuse the file."""
    po = _write(tmp_path / "lv.po", HEADER.replace(LV_PLURALS, "nplurals=2; plural=(n != 1);")
                + '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\n')
    tm = _write(tmp_path / "tm.po", HEADER + '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\n'
                'msgstr[0] "%d datne"\nmsgstr[1] "%d datnes"\nmsgstr[2] "%d datņu"\n')
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", tm)
    assert result.exit_code == 0, result.output
    out = polib.pofile(str(po))
    assert out.metadata["Plural-Forms"] == LV_PLURALS
    assert out[0].msgstr_plural == {0: "%d datne", 1: "%d datnes", 2: "%d datņu"}
    msgfmt_check(po)


def test_localise_pretranslate_plural_forms_hint_leads_out(tmp_path, monkeypatch):
    """A .po whose translated plural forms cannot be moved onto lvterm's formula cannot be filled
    in place; the message's way out (the program's .pot as the template, the .po as --tm, another
    -o) works, instead of sending the user back to --update or to `-o` the memory."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "lv.po", HEADER.replace(LV_PLURALS, "nplurals=2; plural=(n != 1);")
           + '#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d datne"\nmsgstr[1] "%d datnes"\n\n'
           'msgid "Close"\nmsgstr "Aizvērt"\n')
    _write(tmp_path / "app.pot", TEMPLATE)
    _write(tmp_path / "tm.po", MEMORY)
    result = _run("pretranslate", "lv.po", "-o", "lv.po", "--update", "lv.po", "--tm", "tm.po")
    assert result.exit_code == 2
    assert result.output.endswith("or give it as --tm (its plural entries are left out) with the program's .pot as "
                                  "the template and another file as -o\n")
    followed = _run("pretranslate", "app.pot", "-o", "new.po", "--tm", "lv.po", "--tm", "tm.po")
    assert followed.exit_code == 0, followed.output
    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(tmp_path / "new.po"))] == [
        ("Close", "Aizvērt"), ("Search", "Meklēt")]


def test_localise_pretranslate_in_place_hint_leaves_out_the_file_as_its_own_memory(tmp_path, monkeypatch):
    """`lv.po -o lv.po --tm lv.po`: the hint's command keeps the other memories but not lv.po
    itself (as --tm it would be the output, refused; as --update it is a memory already), and it
    works."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "lv.po", HEADER + 'msgid "Close"\nmsgstr "Aizvērt"\n\nmsgid "Search"\nmsgstr ""\n')
    _write(tmp_path / "tm.po", MEMORY)
    refused = _run("pretranslate", "lv.po", "-o", "lv.po", "--tm", "lv.po", "--tm", "tm.po")
    assert refused.exit_code == 2
    assert _hint(refused.output) == ["pretranslate", "lv.po", "-o", "lv.po", "--update", "lv.po", "--tm", "tm.po"]
    followed = _run(*_hint(refused.output))
    assert followed.exit_code == 0, followed.output
    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(tmp_path / "lv.po"))] == [
        ("Close", "Aizvērt"), ("Search", "Meklēt")]


def test_localise_pretranslate_in_place_adds_only_what_the_output_needs(tmp_path):
    """A bare header (Language only) gains the charset of what is written and the date of the
    change, nothing else: no Plural-Forms for a file without plural entries, no project name."""
    po = _write(tmp_path / "lv.po", 'msgid ""\nmsgstr ""\n"Language: lv\\n"\n\nmsgid "Close"\nmsgstr "Aizvērt"\n\n'
                'msgid "Search"\nmsgstr ""\n')
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", MEMORY))
    assert result.exit_code == 0, result.output
    assert polib.pofile(str(po)).metadata == {"PO-Revision-Date": "2024-03-05 12:00+0000", "Language": "lv",
                                              "Content-Type": "text/plain; charset=UTF-8"}
    msgfmt_check(po)
