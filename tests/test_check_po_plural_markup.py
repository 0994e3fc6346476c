"""`lvterm check-po`: each plural form checked on its own (a problem names its msgstr[n]); HTML/XML
tags and character entities in a msgid or msgstr are not prose."""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest
from test_check_po_audit import _check

from lvterm.localise.check_po import find_problems, prose, rules_from
from lvterm.terms.termbase import load_curated

HEADER = ('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"MIME-Version: 1.0\\n"\n'
          '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
          '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);\\n"\n\n')
TERMBASE = """# Terms for the plural and markup tests of check-po (written for them).
subject_field: library associations
reliability: 3
concepts:
  - id: member
    lv:
      - term: biedrs
    en:
      - term: member
  - id: membership-fee
    lv:
      - term: biedra nauda
      - term: biedru maksa
        status: deprecated
    en:
      - term: membership fee
  - id: library
    lv:
      - term: bibliotēka
    en:
      - term: library
  - id: committee
    lv:
      - term: komiteja
    en:
      - term: committee
  - id: copy
    lv:
      - term: kopija
    en:
      - term: copy
"""


@pytest.fixture
def termbase(tmp_path) -> Path:
    path = tmp_path / "terms.yml"
    path.write_text(TERMBASE, encoding="utf-8")
    return path


def _po(tmp_path, entries: str, name: str) -> Path:
    """A .po file msgfmt takes (when gettext is installed): what is checked is a real one."""
    path = tmp_path / name
    path.write_text(HEADER + entries, encoding="utf-8")
    if shutil.which("msgfmt"):
        run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    return path


# --- plural entries: every msgstr[n] on its own ----------------------------------------------------

PLURALS = """#, c-format
msgid "%d member paid the membership fee."
msgid_plural "%d members paid the membership fee."
msgstr[0] "%d dalībnieks samaksāja dalības maksu."
msgstr[1] "%d biedri samaksāja biedra naudu."
msgstr[2] "%d biedru samaksāja biedra naudu."

#, c-format
msgid "%d member"
msgid_plural "%d members"
msgstr[0] "%d biedrs"
msgstr[1] "%d dalībnieki"
msgstr[2] "%d dalībnieku"

#, c-format
msgid "%d member paid"
msgid_plural "%d members paid"
msgstr[0] "Samaksāja %d biedrs"
msgstr[1] "Samaksāja %d biedri"
msgstr[2] "Samaksāja %d biedru"

#, c-format
msgid "%d membership fee"
msgid_plural "%d membership fees"
msgstr[0] "%d biedru maksa"
msgstr[1] "%d biedru maksas"
msgstr[2] "%d biedru maksu"

msgid "The membership fee"
msgstr "Biedru maksa"
"""


def test_check_po_plural_forms_are_checked_one_by_one(tmp_path, termbase, monkeypatch):
    """A form without the term passed when another form had it: the forms were joined into one text.
    "21 biedrs" (msgstr[0], 21, 31, ...) and "0 biedru" (msgstr[2]) are the term in other cases."""
    monkeypatch.chdir(tmp_path)
    _po(tmp_path, PLURALS, "plural.po")
    result = _check("plural.po", "--termbase", termbase)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        'plural.po:10: msgstr[0]: "member" -> expected "biedrs"',
        'plural.po:10: msgstr[0]: "membership fee" -> expected "biedra nauda"',
        'plural.po:17: msgstr[1], msgstr[2]: "member" -> expected "biedrs"',
        'plural.po:31: msgstr[0], msgstr[1], msgstr[2]: "membership fee" -> expected "biedra nauda", '
        'found deprecated "biedru maksa"',
        'plural.po:37: "membership fee" -> expected "biedra nauda", found deprecated "biedru maksa"',
        # the term uses count once an entry, as its entries do, whatever its forms
        "plural.po: 5 terminology problems (6 term uses in 5 entries checked)"]


def test_check_po_plural_an_empty_form_has_nothing_to_check(tmp_path, termbase, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _po(tmp_path, '#, c-format\nmsgid "%d member"\nmsgid_plural "%d members"\n'
        'msgstr[0] "%d biedrs"\nmsgstr[1] "%d dalībnieki"\nmsgstr[2] ""\n', "partial.po")
    result = _check("partial.po", "--termbase", termbase)
    assert result.stdout.splitlines() == ['partial.po:10: msgstr[1]: "member" -> expected "biedrs"',
                                          "partial.po: 1 terminology problem (1 term use in 1 entry checked)"]


# --- markup is not prose ------------------------------------------------------------------------

@pytest.mark.parametrize("msgid, msgstr, problems", [
    # a tag's name and attribute values name no term (were "library" -> expected "bibliotēka", ...)
    ('Visit <a href="/library">us</a>.', 'Apmeklējiet <a href="/library">mūs</a>.', []),
    ('<span class="committee">Board</span> news', '<span class="committee">Valdes</span> ziņas', []),
    ("<library-card id='x'/>Renew", "<library-card id='x'/>Atjaunot", []),
    ("<!-- committee -->Renew", "<!-- committee -->Atjaunot", []),
    ("&copy; 2024 Members", "&copy; 2024 Biedri", []),   # an entity's name neither ("copy" -> "kopija")
    ("Members&nbsp;&amp;&#8212;&#x2014;friends", "Biedri&nbsp;&amp;&#8212;&#x2014;draugi", []),
    # the text between the tags is still prose
    ("Pay the <b>membership fee</b>", "Samaksājiet <b>biedra naudu</b>", []),
    ("Pay the <b>membership fee</b>", "Samaksājiet <b>biedru maksu</b>", ["membership fee"]),
    ("Pay the <b>membership</b> <i>fee</i>", "Samaksājiet <b>iemaksu</b>", ["membership fee"]),
    ("Visit the <a href=\"/x\">library</a>", "Apmeklējiet <a href=\"/x\">lasītavu</a>", ["library"]),
    # a lone "<" is prose: it opens no tag
    ("A membership fee < 10 EUR", "Biedru maksa < 10 EUR", ["membership fee"]),
    ("We <3 the library > all", "Mums patīk <3 lasītava > viss", ["library"]),
    ("2<library>", "2<library>", []),
    # a quoted ">" inside an attribute is still the tag's; a CDATA section's text is text
    ('<a title="a > b" href="/library">Us</a>', '<a title="a > b" href="/library">Mūs</a>', []),
    ("<![CDATA[The membership fee]]>", "<![CDATA[Dalības maksa]]>", ["membership fee"]),
    ("<![CDATA[The membership fee]]>", "<![CDATA[Biedra nauda]]>", []),
])
def test_check_po_markup_is_not_prose(termbase, msgid, msgstr, problems):
    found, _ = find_problems(msgid, msgstr, rules_from(load_curated(termbase)))
    assert [f.rule.en_term for f in found] == problems


def test_check_po_markup_keeps_offsets_and_is_bounded():
    text = 'Visit <a href="/library">us</a> &amp; read'
    assert prose(text) == "Visit " + " " * 19 + "us" + " " * 4 + " " + " " * 5 + " read"
    long = "<b " + "library " * 100 + ">"  # longer than any tag: prose
    assert prose(long) == long
    start = time.perf_counter()
    assert prose("<a" * 200_000) == "<a" * 200_000  # no ">": linear, not quadratic
    assert time.perf_counter() - start < 2


def test_check_po_markup_in_a_file(tmp_path, termbase, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _po(tmp_path, 'msgid "Visit <a href=\\"/library\\">us</a>."\nmsgstr "Apmeklējiet <a href=\\"/library\\">mūs</a>."\n\n'
        'msgid "<span class=\\"committee\\">News</span>"\nmsgstr "<span class=\\"committee\\">Ziņas</span>"\n\n'
        'msgid "Pay the <b>membership fee</b> &amp; more"\nmsgstr "Samaksājiet <b>biedru maksu</b> &amp; vairāk"\n',
        "html.po")
    result = _check("html.po", "--termbase", termbase)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        'html.po:15: "membership fee" -> expected "biedra nauda", found deprecated "biedru maksa"',
        "html.po: 1 terminology problem (1 term use in 3 entries checked)"]
