"""Localisation follow-up fixes, checked against GNU gettext where it has a say:

- check-po holds an English -ed form to a verb concept ("Deleted" -> "dzēst") only where the
  Latvian side can be satisfied: the verb's own forms, its participles and negated ones count
  ("Pieteicies"), and those of the verbs its entry lists among its forms ("Izdzēsts" with
  `forms: [izdzēst]`), never an unlisted prefixed verb ("Pārsūtīt" is to forward, "Pārdot" to
  sell), a noun of its stem ("Raksts"), a form of a deprecated term or of another concept's; a
  name or an acronym ("Padlet", "IKT") is no infinitive, a capitalised infinitive ("Dzēst") is one;
- a duplicate message is what msgfmt calls one: obsolete `#~` entries and a second header too,
  compared byte for byte (an NFC and an NFD msgid are two messages);
- `pretranslate` fills in place only a Latvian .po (never a .pot, a symlink to one either: it
  would become the .po), its header kept as it was written but for the date of the change, the
  file untouched when nothing is filled; xgettext's template copied to a .po name gets the Latvian
  header; every refusal's hint names a command that works (the user's --tm in it, the program's
  .pot for a translation in another language) and none leads back to an earlier refusal.
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
from test_localise_review_fixes import HEADER, POT_HEADER
from test_pretranslate_update import msgfmt_check

from lvterm.cli import cli
from lvterm.formats.po import LV_PLURAL_FORMS as LV_PLURALS
from lvterm.localise import check_po as check_po_module
from lvterm.localise.check_po import find_problems, rules_from
from lvterm.localise.verbs import _is_verb
from lvterm.models import Concept, Term, TermForm


#: Interface terms of a document viewer, no part_of_speech anywhere; the perfective verbs a
#: translation may use are listed among the verbs' forms (written for these tests).
VIEWER_TERMBASE = """# Terms of a document viewer's interface (written for the lvterm tests).
subject_field: user interface
reliability: 3
concepts:
  - id: delete
    lv:
      - term: dzēst
        forms: [izdzēst, nodzēst]
    en:
      - term: delete
  - id: print
    lv:
      - term: drukāt
        forms: [izdrukāt]
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


# --- review 2, 1: a verb term's forms are its own and those its entry lists ---------------------

#: Verbs of a mail client's interface; each wrong prefixed verb below is a verb of its own
#: (written for these tests).
MAIL_TERMBASE = """# Verbs of a mail client's interface (written for the lvterm tests).
concepts:
  - id: send
    lv: [sūtīt]
    en: [send]
  - id: forward
    lv: [pārsūtīt]
    en: [forward]
  - id: give
    lv: [dot]
    en: [give]
  - id: write
    lv: [rakstīt]
    en: [write]
  - id: put
    lv: [likt]
    en: [put]
  - id: change
    lv: [mainīt]
    en: [change]
  - id: lock
    lv: [slēgt]
    en: [lock]
  - id: delete
    lv: [dzēst]
    en: [delete]
"""

#: (msgid, a translation using a prefixed verb of the term, which means something else)
WRONG_VERBS = [
    ("Send message", "Pārsūtīt ziņojumu"),  # forward: another concept's term
    ("Give feedback", "Pārdot atsauksmi"),  # sell
    ("Write a review", "Aprakstīt recenziju"),  # describe
    ("Put it here", "Atlikt to šeit"),  # postpone
    ("Change password", "Apmainīt paroli"),  # swap
    ("Lock the folder", "Atslēgt mapi"),  # unlock: the opposite
]


@pytest.mark.parametrize("msgid, msgstr", WRONG_VERBS)
def test_localise_check_po_a_prefixed_verb_is_no_form_of_the_term(tmp_path, msgid, msgstr):
    """A prefixed verb the termbase does not list is not the term ("Pārsūtīt" is to forward,
    "Atslēgt" to unlock): a problem, as before the prefixes were added."""
    po = _write(tmp_path / "lv.po", HEADER + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    result = _run("check-po", po, "--termbase", _write(tmp_path / "mail.yml", MAIL_TERMBASE))
    assert result.exit_code == 1, result.output
    assert f'{po}:7: "{msgid.split()[0].lower()}" -> expected "' in result.output


@pytest.mark.parametrize("msgid, msgstr, ok", [
    ("Write", "Raksts", False),  # an article: a noun of the stem of rakstīt
    ("Give", "Devas", False),  # doses
    ("Delete", "Dzēšgumija", False),  # an eraser
    ("Write", "Rakstu", True),  # I write
    ("Writes a review", "Raksta recenziju", True),  # writes (also the genitive of raksts: one spelling)
    ("Delete", "Jādzēš", True),  # the debitive: another stem key than dzēst's
    ("Deleted files", "Dzēstie faili", True),
    ("Not deleted", "Nedzēsts", True),
])
def test_localise_check_po_a_verb_term_is_used_by_its_forms_not_its_stem(msgid, msgstr, ok):
    """A verb term is matched by the very forms the lexicon makes of it, not by stem key: a noun
    sharing its stem is no use of it, every conjugated form and participle is."""
    rules = rules_from([Concept(c, (Term("lv", lv, "preferred"), Term("en", en, "preferred")))
                        for c, lv, en in (("write", "rakstīt", "write"), ("give", "dot", "give"),
                                          ("delete", "dzēst", "delete"))])
    problems, hits = find_problems(msgid, msgstr, rules)
    assert hits == 1 and (problems == []) == ok


def test_localise_check_po_an_unlisted_perfective_says_what_to_add(tmp_path):
    """"Izdzēsts" for "Deleted" with dzēst alone in the termbase: the problem names the verb and
    where to list it; "Noņemts" (removed, no prefixed dzēst) gets no such advice, nor "Pārsūtīt"
    (forward's term)."""
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Deleted"\nmsgstr "Izdzēsts"\n\n'
                'msgid "Delete all"\nmsgstr "Noņemt visu"\n\nmsgid "Send"\nmsgstr "Pārsūtīt"\n')
    result = _run("check-po", po, "--termbase", _write(tmp_path / "mail.yml", MAIL_TERMBASE))
    assert result.output.splitlines() == [
        f'{po}:7: "delete" -> expected "dzēst", found "Izdzēsts", a form of "izdzēst" (if "izdzēst" is right, '
        'add it to the forms of "dzēst" in the termbase)',
        f'{po}:10: "delete" -> expected "dzēst"',
        f'{po}:13: "send" -> expected "sūtīt"',
        f"{po}: 3 terminology problems (3 term uses in 3 entries checked)"]
    listed = MAIL_TERMBASE.replace("lv: [dzēst]", "lv:\n      - term: dzēst\n        forms: [izdzēst]")
    result = _run("check-po", po, "--termbase", _write(tmp_path / "listed.yml", listed))
    assert result.output.splitlines()[0] == f'{po}:10: "delete" -> expected "dzēst"'


def test_localise_check_po_a_listed_form_another_term_has_is_that_terms():
    """A form listed for "sūtīt" that is the term of "forward" ("pārsūtīt"), or whose forms are
    a noun term's ("aprakstīt": "apraksta" is also "apraksts"), is never accepted for it; a
    listed form deprecated in the concept is found deprecated."""
    def concept(cid, lv, en, forms=(), status="preferred"):
        return Concept(cid, (Term("lv", lv, status, forms=tuple(TermForm(f, 0) for f in forms)),
                             Term("en", en, "preferred")))

    rules = rules_from([concept("send", "sūtīt", "send", ["nosūtīt", "pārsūtīt"]),
                        concept("forward", "pārsūtīt", "forward"),
                        concept("write", "rakstīt", "write", ["aprakstīt"]),
                        concept("description", "apraksts", "description")])
    assert find_problems("Send", "Nosūtīt", rules) == ([], 1)
    assert [f.rule.en_term for f in find_problems("Send", "Pārsūtīts", rules)[0]] == ["send"]
    assert find_problems("Write", "Aprakstīja", rules) == ([], 1)
    assert [f.rule.en_term for f in find_problems("Write", "Apraksta", rules)[0]] == ["write"]
    dzest = Concept("delete", (Term("lv", "dzēst", "preferred", forms=(TermForm("izdzēst", 0),)),
                               Term("lv", "izdzēst", "deprecated"), Term("en", "delete", "preferred")))
    found, _ = find_problems("Deleted", "Izdzēsts", rules_from([dzest]))
    assert [(f.rule.en_term, f.deprecated) for f in found] == [("delete", "izdzēst")]


# --- review 2, 2: a deprecated verb is conjugated too, and wins -----------------------------------

DEPRECATED_VERBS = """# Preferred and deprecated verbs (written for the lvterm tests).
concepts:
  - id: delete
    lv:
      - term: dzēst
      - term: izdzēst
        status: deprecated
    en: [delete]
  - id: log-in
    lv:
      - term: pieteikties
      - term: ielogoties
        status: deprecated
    en: [log in]
"""


@pytest.mark.parametrize("msgid, msgstr, deprecated", [
    ("Deleted", "Izdzēsa", "izdzēst"), ("Delete", "Izdzēst", "izdzēst"), ("Not deleted", "Neizdzēsts", "izdzēst"),
    ("Deleted file", "Izdzēstais fails", "izdzēst"), ("Logged in", "Ielogojies", "ielogoties"),
    ("Logged in user", "Ielogojies lietotājs", "ielogoties"),
])
def test_localise_check_po_a_deprecated_verb_is_found_in_any_form(tmp_path, msgid, msgstr, deprecated):
    po = _write(tmp_path / "lv.po", HEADER + f'msgid "{msgid}"\nmsgstr "{msgstr}"\n')
    result = _run("check-po", po, "--termbase", _write(tmp_path / "dep.yml", DEPRECATED_VERBS))
    assert result.exit_code == 1
    assert f', found deprecated "{deprecated}"' in result.output.splitlines()[0]


# --- review 2, 8: a capitalised infinitive is a verb ------------------------------------------------

def test_localise_check_po_a_capitalised_infinitive_is_a_verb(tmp_path):
    """"Dzēst" (written with a capital, as an interface label) is the verb dzēst; "IKT" and
    "PowerPoint" stay no verbs (test above)."""
    assert _is_verb(Term("lv", "Dzēst", "preferred"))
    rule, = rules_from([Concept("c", (Term("lv", "Dzēst", "preferred", forms=(TermForm("izdzēst", 0),)),
                                      Term("en", "Delete", "preferred")))])
    assert rule.lv_verb and rule.verbs == ("Dzēst", "izdzēst")
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Deleted"\nmsgstr "Izdzēsts"\n\n'
                'msgid "Deleting"\nmsgstr "Dzēš"\n\nmsgid "Delete it"\nmsgstr "Izmest to"\n')
    termbase = _write(tmp_path / "cap.yml", "concepts:\n  - id: delete\n    lv:\n      - term: Dzēst\n"
                      "        forms: [izdzēst]\n    en: [Delete]\n")
    result = _run("check-po", po, "--termbase", termbase)
    assert result.output.splitlines() == [f'{po}:13: "Delete" -> expected "Dzēst"',
                                          f"{po}: 1 terminology problem (2 term uses in 3 entries checked)"]


# --- review 2, 3: the termbase's matchers are made once ----------------------------------------------

def test_localise_check_po_makes_the_matchers_once_per_termbase(tmp_path, monkeypatch):
    """Files checked against one termbase share its rules and matchers (the lexicon conjugates
    every verb term once)."""
    made = []
    real = check_po_module.Matchers.of
    monkeypatch.setattr(check_po_module.Matchers, "of", classmethod(lambda cls, rules: made.append(1) or real(rules)))
    check_po_module._prepared.cache_clear()
    concepts = [Concept("delete", (Term("lv", "dzēst", "preferred"), Term("en", "delete", "preferred")))]
    for name in ("a.po", "b.po"):
        po = _write(tmp_path / name, HEADER + 'msgid "Delete"\nmsgstr "Dzēst"\n')
        assert check_po_module.check_po(po, concepts).terms_found == 1
    assert made == [1]


# --- review 2, 4: every second header msgfmt sees -------------------------------------------------

MORE_DUPLICATES = {
    "second_header_continued": HEADER + 'msgid "Open"\nmsgstr "Atvērt"\n\nmsgid ""\n""\nmsgstr "X-Two: y\\n"\n',
    "second_header_blank_then_continued": HEADER + 'msgid "Open"\nmsgstr "Atvērt"\n\nmsgid ""\n\n""\nmsgstr "Y"\n',
    "obsolete_header": HEADER + 'msgid "Open"\nmsgstr "Atvērt"\n\n#~ msgid ""\n#~ msgstr "X-Old: y\\n"\n',
}


@pytest.mark.parametrize("name", sorted(MORE_DUPLICATES))
def test_localise_check_po_finds_every_second_header(tmp_path, name):
    po = _write(tmp_path / "lv.po", MORE_DUPLICATES[name])
    expected = _msgfmt_duplicate_lines(po)
    result = _run("check-po", po, "--termbase", _termbase(tmp_path))
    assert result.exit_code == 1
    assert re.findall(r":(\d+): duplicate message definition \(msgid '', first at line 1\); a file has one header",
                      result.output) == [str(n) for n in expected] and expected


@pytest.mark.parametrize("name", sorted(MORE_DUPLICATES))
def test_localise_pretranslate_in_place_refuses_a_second_header(tmp_path, name):
    """The second header used to go unseen and the fill replaced the real one with it."""
    text = MORE_DUPLICATES[name] + '\nmsgid "Search"\nmsgstr ""\n'
    po = _write(tmp_path / "lv.po", text)
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", MEMORY))
    assert result.exit_code == 2
    assert "duplicate message definition (msgid '', first at line 1)" in result.output
    assert po.read_text("utf-8") == text


def test_localise_po_an_empty_context_empty_msgid_polib_misreads_is_refused(tmp_path):
    """msgfmt reads `msgctxt ""` with an empty msgid as a message; polib takes it for the header:
    check-po and pretranslate say so (bad input) instead of working with the wrong header."""
    text = HEADER + 'msgid "Open"\nmsgstr "Atvērt"\n\nmsgctxt ""\nmsgid ""\nmsgstr "X-Not-Header: y\\n"\n'
    po = _write(tmp_path / "lv.po", text)
    if shutil.which("msgfmt"):
        assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True).returncode == 0
    result = _run("check-po", po, "--termbase", _termbase(tmp_path))
    assert result.exit_code == 2
    assert result.output.startswith(f'lvterm: {po}:11: an entry with msgctxt "" and an empty msgid beside the header')
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", MEMORY))
    assert result.exit_code == 2 and po.read_text("utf-8") == text


# --- review 2, 5: xgettext's template under a .po name ---------------------------------------------

#: xgettext's header, as `xgettext --from-code=UTF-8 -o app.pot app.c` writes it.
XGETTEXT_HEADER = (
    "# SOME DESCRIPTIVE TITLE.\n# Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER\n"
    "# This file is distributed under the same license as the PACKAGE package.\n"
    "# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.\n#\n#, fuzzy\nmsgid \"\"\nmsgstr \"\"\n"
    '"Project-Id-Version: PACKAGE VERSION\\n"\n"Report-Msgid-Bugs-To: \\n"\n'
    '"POT-Creation-Date: 2024-03-01 10:00+0000\\n"\n"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\\n"\n'
    '"Last-Translator: FULL NAME <EMAIL@ADDRESS>\\n"\n"Language-Team: LANGUAGE <LL@li.org>\\n"\n'
    '"Language: \\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=CHARSET\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=INTEGER; plural=EXPRESSION;\\n"\n\n')
XGETTEXT_POT = XGETTEXT_HEADER + ('#: app.c:3\n#, c-format\nmsgid "Close"\nmsgstr ""\n\n'
                                  '#: app.c:4\nmsgid "Search"\nmsgstr ""\n\n'
                                  '#: app.c:5\n#, c-format\nmsgid "%d file"\nmsgid_plural "%d files"\n'
                                  'msgstr[0] ""\nmsgstr[1] ""\n')


def test_localise_pretranslate_a_template_copied_to_a_po_name_gets_the_latvian_header(tmp_path):
    """`cp app.pot lv.po`, then filling lv.po in place: it becomes the Latvian .po msginit would
    start (Language lv, charset UTF-8, lvterm's Plural-Forms, no fuzzy header), which msgfmt
    compiles and Python's gettext reads; charset=CHARSET was kept, and gettext failed."""
    po = _write(tmp_path / "lv.po", XGETTEXT_POT)
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", MEMORY))
    assert result.exit_code == 0, result.output
    out = polib.pofile(str(po))
    assert not out.metadata_is_fuzzy
    assert {k: out.metadata[k] for k in ("Language", "Content-Type", "Plural-Forms", "Language-Team")} == {
        "Language": "lv", "Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": LV_PLURALS,
        "Language-Team": "Latvian"}
    assert [(e.msgid, e.msgstr) for e in out][:2] == [("Close", "Aizvērt"), ("Search", "Meklēt")]
    msgfmt_check(po)
    subprocess.run(["msgfmt", "-o", str(tmp_path / "lv.mo"), str(po)], check=True)
    import gettext

    with open(tmp_path / "lv.mo", "rb") as fp:
        assert gettext.GNUTranslations(fp).gettext("Search") == "Meklēt"


def test_localise_pretranslate_a_symlink_to_a_pot_is_a_pot(tmp_path, monkeypatch):
    """A .po name that is a symlink to the template: filling it would write the .pot. The hint
    names the .pot and replaces the link (it suggested `-o lv.lv.po`, a second name beside the
    link), and following it makes lv.po a Latvian .po of its own, the template untouched."""
    monkeypatch.chdir(tmp_path)
    _write(tmp_path / "app.pot", XGETTEXT_POT)
    (tmp_path / "lv.po").symlink_to("app.pot")
    _write(tmp_path / "tm.po", MEMORY)
    result = _run("pretranslate", "lv.po", "-o", "lv.po", "--update", "lv.po", "--tm", "tm.po")
    assert result.exit_code == 2
    assert result.output == ("lvterm: lv.po: output is the template, a link to the .pot app.pot, which it would "
                             "overwrite with the Latvian .po; replace the link with the .po: rm lv.po && lvterm "
                             "pretranslate app.pot -o lv.po --tm tm.po\n")
    assert (tmp_path / "app.pot").read_text("utf-8") == XGETTEXT_POT
    remove, make = result.output.split(": rm ", 1)[1].strip().split(" && lvterm ")
    (tmp_path / remove).unlink()
    followed = _run(*shlex.split(make))
    assert followed.exit_code == 0, followed.output
    assert not (tmp_path / "lv.po").is_symlink() and (tmp_path / "app.pot").read_text("utf-8") == XGETTEXT_POT
    assert polib.pofile("lv.po").find("Search").msgstr == "Meklēt"
    msgfmt_check(tmp_path / "lv.po")


# --- review 2, 6: a translation in another language points at the .pot ------------------------------

def test_localise_pretranslate_another_languages_translation_points_at_the_pot(tmp_path, monkeypatch):
    """A translated de.po filled in place is refused; the hint makes lv.po from the program's
    .pot beside it (de.po as the template would be refused for its German translations, and
    kept them as --update), and following it works, no German in the output."""
    monkeypatch.chdir(tmp_path)
    german = ('msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
              'msgid "Close"\nmsgstr "Schließen"\n\nmsgid "Search"\nmsgstr ""\n')
    _write(tmp_path / "de.po", german)
    _write(tmp_path / "app.pot", TEMPLATE)
    _write(tmp_path / "tm.po", MEMORY)
    result = _run("pretranslate", "de.po", "-o", "de.po", "--update", "de.po", "--tm", "tm.po")
    assert result.exit_code == 2
    assert _hint(result.output) == ["pretranslate", "app.pot", "-o", "lv.po", "--tm", "tm.po"]
    followed = _run(*_hint(result.output))
    assert followed.exit_code == 0, followed.output
    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(tmp_path / "lv.po"))] == [
        ("Close", "Aizvērt"), ("Search", "Meklēt")]
    assert (tmp_path / "de.po").read_text("utf-8") == german


# --- review 2, 7: an in-place run keeps what it does not fill -------------------------------------

#: A Poedit-style header: a field given twice, a wrapped Plural-Forms, fields in Poedit's order.
POEDIT_PO = ('msgid ""\nmsgstr ""\n"Project-Id-Version: viewer\\n"\n"PO-Revision-Date: 2024-02-03 11:00+0200\\n"\n'
             '"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
             '"X-Poedit-SearchPath-0: src\\n"\n"X-Poedit-SearchPath-0: lib\\n"\n'
             '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? "\n"1 : 2);\\n"\n\n'
             'msgid "Close"\nmsgstr "Aizvērt"\n\n'
             'msgid "A message that goes on and on for a good deal longer than the wrap width of gettext"\n'
             'msgstr "Gara ziņa"\n')


def test_localise_pretranslate_in_place_with_nothing_to_fill_leaves_the_file(tmp_path):
    po = _write(tmp_path / "lv.po", POEDIT_PO)
    before = po.read_bytes()
    result = CliRunner().invoke(cli, ["pretranslate", str(po), "-o", str(po), "--update", str(po),
                                     "--tm", str(_write(tmp_path / "tm.po", MEMORY))])
    assert result.exit_code == 0, result.output
    assert po.read_bytes() == before
    assert result.stderr == (f"left {po} as it was (nothing to fill): 2 entries: 0 exact, 0 fuzzy, 0 untranslated, "
                             "2 kept from the existing translation\n")


def _header_fields(path) -> list[str]:
    from lvterm.formats.po_text import header_msgstr

    return header_msgstr(path.read_text("utf-8")).splitlines()


def test_localise_pretranslate_in_place_keeps_the_header_fields_as_written(tmp_path):
    """Filled, the header keeps its fields, their order and a field given twice; only
    PO-Revision-Date is the time of the change."""
    po = _write(tmp_path / "lv.po", POEDIT_PO + '\nmsgid "Search"\nmsgstr ""\n')
    before = _header_fields(po)
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", MEMORY))
    assert result.exit_code == 0, result.output
    assert _header_fields(po) == [f if not f.startswith("PO-Revision-Date") else
                                  "PO-Revision-Date: 2024-03-05 12:00+0000" for f in before]
    assert polib.pofile(str(po)).find("Search").msgstr == "Meklēt"
    msgfmt_check(po)


# --- review 3, D1: the real paradigm of ...teikt(ies) and iet ----------------------------------------

#: Interface verbs whose present lv_LV gets wrong: ...teikt(ies) takes it from ...sacīt(ies), iet's
#: are rules that strip the whole root (written for these tests).
SUPPLETIVE_CONCEPTS = [Concept(cid, (Term("lv", lv, "preferred"), Term("en", en, "preferred")))
                       for cid, lv, en in (("sign-in", "pieteikties", "sign in"),
                                           ("sign-out", "atteikties", "sign out"),
                                           ("go", "iet", "go"), ("report", "pieteikt", "report"))]


@pytest.mark.parametrize("msgid, msgstr", [
    ("Sign in to continue", "Piesakieties, lai turpinātu"),  # imperative
    ("You must sign in first", "Vispirms jāpiesakās"),  # debitive
    ("I sign in as %s", "Piesakos kā %s"),  # present
    ("Sign in to save your work", "Piesakoties darbs tiks saglabāts"),  # gerund
    ("Signed in", "Pieteicies"),  # the past is teikt's own
    ("You signed in", "Jūs pieteicāties"),
    ("Please sign out", "Lūdzu, atsakieties"),
    ("Report a problem", "Piesakiet problēmu"),
    ("Report it later", "Piesaki to vēlāk"),
    ("Reported", "Pieteicu"),  # I reported: past, made by lv_LV's present rules too
    ("He went home", "Viņš gāja mājās"),
    ("Going home", "Ejot mājās"),
    ("Go!", "Ejiet!"),
    ("I go", "Es eju"),
])
def test_localise_check_po_suppletive_verbs_are_used_by_their_real_forms(msgid, msgstr):
    """Were problems: lv_LV files the present of ...teikt(ies) under ...sacīt(ies) and makes
    iet's finite forms by stripping the whole root, which the lexicon did not do."""
    assert find_problems(msgid, msgstr, rules_from(SUPPLETIVE_CONCEPTS)) == ([], 1)


@pytest.mark.parametrize("msgid, msgstr, en", [
    ("Sign in", "Pieteicieties", "sign in"),  # no word (piesakieties): was accepted
    ("Sign in to save your work", "Pieteicoties darbs tiks saglabāts", "sign in"),
    ("You must sign in", "Jums jāpieteicas", "sign in"),
    ("Sign out", "Atteicieties", "sign out"),
    ("Report a problem", "Pieteiciet problēmu", "report"),
])
def test_localise_check_po_invented_present_forms_are_no_forms(msgid, msgstr, en):
    found, hits = find_problems(msgid, msgstr, rules_from(SUPPLETIVE_CONCEPTS))
    assert hits == 1 and [(f.rule.en_term, f.deprecated, f.bare) for f in found] == [(en, None, None)]


def test_localise_verb_forms_of_suppletive_verbs():
    from lvterm.lang import lv

    report = set(lv.verb_forms("pieteikt"))
    assert {"piesaku", "piesaka", "piesakiet", "jāpiesaka", "piesakot", "piesakāms", "nepiesaka",
            "pieteicu", "pieteica", "pieteikšu", "pieteikts"} <= report
    assert not {"pieteic", "pieteicam", "pieteiciet", "jāpieteic", "pieteicot", "pieteicošs"} & report
    assert {"uzsaku", "jāuzsaka"} <= set(lv.verb_forms("uzteikt"))  # (no uzsacīt in lv_LV: sacīt's, prefixed)
    go = set(lv.verb_forms("iet"))
    assert {"eju", "ej", "ejam", "ejiet", "ejot", "gāju", "gāja", "gājām", "negāja", "iešu", "gājis"} <= go


# --- review 3, D2: a word of its own is no misspelt term ------------------------------------------------

PRINTER_TERMBASE = """# A printer dialog's terms (written for the lvterm tests).
concepts:
  - {id: upload, lv: [augšupielādēt], en: [upload]}
  - {id: download, lv: [lejupielādēt], en: [download]}
  - {id: print, lv: [drukāt], en: [print]}
  - {id: printing, lv: [druka], en: [printing]}
"""


def test_localise_check_po_a_correct_word_is_no_misspelt_verb_term(tmp_path):
    """"Augšupielāde" (the noun) and "Drukas" (of druka, another concept's term) were reported as
    the verb terms with wrong or no diacritics; they are words of their own: the term is missing,
    no more. A misspelling that is no word is still one ("Augsupieladet")."""
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Upload failed"\nmsgstr "Augšupielāde neizdevās"\n\n'
                'msgid "Downloads"\nmsgstr "Lejupielādes"\n\n'
                'msgid "Print preview"\nmsgstr "Drukas priekšskatījums"\n\n'
                'msgid "Upload"\nmsgstr "Augsupieladet"\n\nmsgid "Download"\nmsgstr "Lejupielādēt"\n')
    result = _run("check-po", po, "--termbase", _write(tmp_path / "printer.yml", PRINTER_TERMBASE))
    assert result.output.splitlines() == [
        f'{po}:7: "upload" -> expected "augšupielādēt"',
        f'{po}:10: "download" -> expected "lejupielādēt"',
        f'{po}:13: "print" -> expected "drukāt"',
        f'{po}:16: "upload" -> "Augsupieladet" is the term "augšupielādēt" without its diacritics',
        f"{po}: 4 terminology problems (5 term uses in 5 entries checked)"]


# --- review 3: the preferred term as written wins over a deprecated one of its stem key ------------------

NETWORKING_DEPRECATED = [Concept("networking", (Term("lv", "tīklošana", "preferred"),
                                                Term("lv", "tīklošanās", "deprecated"),
                                                Term("en", "networking", "preferred")))]


@pytest.mark.parametrize("msgstr, found", [
    ("Tīklošana", None),  # was: found deprecated "tīklošanās" (one stem key, diacritics folded)
    ("Tīklošanai bibliotēkās", None),
    ("Tiklosana", '"Tiklosana" is the term "tīklošana" without its diacritics'),  # was: deprecated
    ("Tīklošanos", 'deprecated "tīklošanās"'),
    ("Tiklosanos", 'deprecated "tīklošanās"'),  # a deprecated term is one without its diacritics too
])
def test_localise_check_po_the_preferred_term_as_written_is_not_a_deprecated_one(msgstr, found):
    """The committed termbase admits tīklošanās (no problem there); deprecated, it was reported
    for every use of tīklošana."""
    problems, hits = find_problems("Networking", msgstr, rules_from(NETWORKING_DEPRECATED))
    assert hits == 1
    shown = [str(f.bare) if f.bare else f'deprecated "{f.deprecated}"' for f in problems]
    assert shown == ([] if found is None else [found])


# --- review 3, D3: the charset of a .po filled in place ---------------------------------------------------

#: What `LANG=C msginit -l lv_LV` makes of a template: charset=ASCII (written for these tests).
MSGINIT_C_PO = ('msgid ""\nmsgstr ""\n"Project-Id-Version: viewer 1.0\\n"\n"Language-Team: Latvian\\n"\n'
                '"Language: lv\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=ASCII\\n"\n'
                '"Content-Transfer-Encoding: 8bit\\n"\n'
                f'"Plural-Forms: {LV_PLURALS}\\n"\n\n'
                'msgid "Close"\nmsgstr ""\n\nmsgid "Search"\nmsgstr ""\n')


def test_localise_pretranslate_in_place_an_ascii_charset_becomes_utf8(tmp_path):
    """Filled with Latvian text, a .po that declared ASCII (msginit in the C locale) says UTF-8,
    its other fields as they were: msgfmt --check refused it ("invalid multibyte sequence")."""
    po = _write(tmp_path / "lv.po", MSGINIT_C_PO)
    before = _header_fields(po)
    result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", MEMORY))
    assert result.exit_code == 0, result.output
    assert _header_fields(po) == [f.replace("charset=ASCII", "charset=UTF-8") for f in before] + [
        "PO-Revision-Date: 2024-03-05 12:00+0000"]
    assert polib.pofile(str(po)).find("Search").msgstr == "Meklēt"
    msgfmt_check(po)


def test_localise_pretranslate_in_place_ascii_text_keeps_ascii(tmp_path):
    """An ASCII charset that holds what is written stays (nothing is changed that need not be)."""
    po = _write(tmp_path / "lv.po", MSGINIT_C_PO)
    memory = _write(tmp_path / "tm.po", HEADER + 'msgid "Close"\nmsgstr "OK"\n\nmsgid "Search"\nmsgstr "Google"\n')
    assert _run("pretranslate", po, "-o", po, "--update", po, "--tm", memory).exit_code == 0
    assert "Content-Type: text/plain; charset=ASCII" in _header_fields(po)
    msgfmt_check(po)


def test_localise_pretranslate_in_place_no_op_warns_of_a_placeholder_charset(tmp_path, caplog):
    """Nothing to fill: the file is left byte for byte, but a Latvian .po whose charset is
    xgettext's CHARSET makes a .mo Python's gettext cannot read: one line says so."""
    po = _write(tmp_path / "lv.po", HEADER.replace("charset=UTF-8", "charset=CHARSET")
                + 'msgid "Close"\nmsgstr "Aizvērt"\n')
    before = po.read_bytes()
    with caplog.at_level("WARNING"):
        result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", _write(tmp_path / "tm.po", MEMORY))
    assert result.exit_code == 0, result.output
    assert po.read_bytes() == before
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"{po}: warning: its header's charset=CHARSET is xgettext's placeholder (Python's gettext cannot read "
        "the .mo made of it): set charset=UTF-8"]
    assert result.stderr.startswith(f"left {po} as it was (nothing to fill)")


# --- review 3, D4: concepts given with lists -------------------------------------------------------------

def test_localise_check_po_accepts_concepts_with_lists(tmp_path):
    """`check_po(path, [Concept("c", [Term(...), ...])])` raised TypeError (unhashable: the cache
    of rules per termbase); lists of terms and forms are read as tuples are."""
    po = _write(tmp_path / "lv.po", HEADER + 'msgid "Deleted"\nmsgstr "Izdzēsts"\n\n'
                'msgid "Delete"\nmsgstr "Noņemt"\n')
    concepts = [Concept("delete", [Term("lv", "dzēst", "preferred", forms=[TermForm("izdzēst", 0)]),
                                   Term("en", "delete", "preferred")])]
    report = check_po_module.check_po(po, concepts)
    assert (report.terms_found, [str(p) for p in report.problems]) == (2, [f'{po}:10: "delete" -> expected "dzēst"'])


# --- review 3: an in-place fill keeps the file's line ends -------------------------------------------------

def test_localise_pretranslate_in_place_keeps_crlf_line_ends(tmp_path):
    """A .po from a Windows checkout (CRLF) stays CRLF when filled in place (it became LF: every
    line changed in the diff); what is filled is what an LF file gets."""
    lf = _write(tmp_path / "lf.po", POEDIT_PO + '\nmsgid "Search"\nmsgstr ""\n')
    crlf = tmp_path / "crlf.po"
    crlf.write_bytes(lf.read_bytes().replace(b"\n", b"\r\n"))
    memory = _write(tmp_path / "tm.po", MEMORY)
    for po in (lf, crlf):
        result = _run("pretranslate", po, "-o", po, "--update", po, "--tm", memory)
        assert result.exit_code == 0, result.output
    assert crlf.read_bytes() == lf.read_bytes().replace(b"\n", b"\r\n")
    assert b"Mekl\xc4\x93t" in crlf.read_bytes()
    msgfmt_check(crlf)
