"""`lvterm check-po` after an audit: a term without its diacritics is a problem, a noun term is not
used by a verb's -ed form, coordinated modifiers share their head, untranslated entries are not
checked, problems keep exit code 1 when the reader goes away; lvterm's own notes in the .po files it
writes are one line each, and a template without a header comment gets no stray "#" line."""
from __future__ import annotations

import inspect
import subprocess
import sys
import unicodedata
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import po as pofmt
from lvterm.localise.check_po import find_problems, rules_from
from lvterm.models import Concept, Term
from lvterm.terms.matcher import TermMatcher
from lvterm.terms.termbase import load_curated

LVTERM = str(Path(sys.executable).with_name("lvterm"))
HEADER = 'msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
TERMBASE = """# Terms for the check-po audit tests (written for them).
subject_field: library associations
reliability: 3
concepts:
  - id: networking
    lv:
      - term: tīklošana
    en:
      - term: networking
  - id: social-network
    lv:
      - term: sociālais tīkls
    en:
      - term: social network
  - id: employer
    lv:
      - term: darba devējs
    en:
      - term: employer
  - id: file
    lv:
      - term: datne
      - term: fails
        status: deprecated
    en:
      - term: file
  - id: section
    lv:
      - term: sekcija
    en:
      - term: section
  - id: interest-group
    lv:
      - term: interešu grupa
    en:
      - term: interest group
"""


@pytest.fixture
def termbase(tmp_path) -> Path:
    path = tmp_path / "terms.yml"
    path.write_text(TERMBASE, encoding="utf-8")
    return path


def _check(*args):
    """check-po with stdout kept apart from stderr (click 8.1 needs mix_stderr=False, 8.2+ does it)."""
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters \
        else CliRunner()
    return runner.invoke(cli, ["check-po", *map(str, args)])


def _po(tmp_path, entries: str, name="lv.po") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + entries, encoding="utf-8")
    return path


def _rules(termbase: Path):
    return rules_from(load_curated(termbase))


# --- 1. a term typed without its diacritics ----------------------------------------------------

def test_check_po_audit_a_term_without_diacritics_is_a_problem(tmp_path, termbase, monkeypatch):
    """'Tiklosana', 'Socialie tikli', 'Darba deveji' gave 0 problems: the stem keys fold diacritics."""
    monkeypatch.chdir(tmp_path)
    _po(tmp_path, 'msgid "Networking"\nmsgstr "Tiklosana"\n\nmsgid "Social networks"\nmsgstr "Socialie tikli"\n\n'
        'msgid "Employers"\nmsgstr "Darba deveji"\n\n'
        'msgid "Networking for employers"\nmsgstr "Tīklošana darba devējiem"\n', name="dia.po")
    result = _check("dia.po", "--termbase", termbase)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        'dia.po:6: "networking" -> "Tiklosana" is the term "tīklošana" without its diacritics',
        'dia.po:9: "social network" -> "Socialie tikli" is the term "sociālais tīkls" without its diacritics',
        'dia.po:12: "employer" -> "Darba deveji" is the term "darba devējs" without its diacritics',
        "dia.po: 3 terminology problems (5 term uses in 4 entries checked)"]


@pytest.mark.parametrize("msgid, msgstr, bare", [
    ("Networking", "Tīklošanai", None),                       # inflected, as written
    ("Networking", "TĪKLOŠANA", None),                        # in capitals
    ("Networking", unicodedata.normalize("NFD", "Tīklošana"), None),  # decomposed diacritics
    ("Social networks", "Sociālo tīklu", None),
    ("Networking", "Tiklosanam", '"Tiklosanam" is the term "tīklošana" without its diacritics'),  # any ending
    ("Networking", "Tīklōšana", '"Tīklōšana" is the term "tīklošana" with wrong diacritics'),
    ("Social networks", "Sociālie tikli", '"Sociālie tikli" is the term "sociālais tīkls" without its diacritics'),
    ("Networking", "Tiklosana un tīklošana", None),           # written right once is enough
])
def test_check_po_audit_diacritics_of_the_matched_words(termbase, msgid, msgstr, bare):
    found, hits = find_problems(msgid, msgstr, _rules(termbase))
    assert hits == 1
    assert [None if f.bare is None else str(f.bare) for f in found] == ([] if bare is None else [bare])


@pytest.mark.parametrize("msgstr, bare", [
    ("Dzejoļa autors", None),
    ("Lasiet dzejoli", None),  # the accusative: as written, though 'dzejoļi' is closer by its letters
    ("Dzejola autors", '"Dzejola" is the term "dzejolis" without its diacritics'),  # against 'dzejoļa', the closest
])
def test_check_po_audit_diacritics_against_the_closest_form(msgstr, bare):
    rules = rules_from([Concept("poem", (Term("lv", "dzejolis", "preferred"), Term("en", "poem", "preferred")))])
    found, _ = find_problems("A poem", msgstr, rules)
    assert [str(f.bare) for f in found] == ([] if bare is None else [bare])


def test_check_po_audit_deprecated_without_diacritics_is_still_deprecated():
    rules = rules_from([Concept("site", (Term("lv", "tīmekļa vietne", "preferred"),
                                         Term("lv", "mājaslapa", "deprecated"), Term("en", "website", "preferred")))])
    [finding], _ = find_problems("Visit our website", "Apmeklējiet mūsu majaslapu", rules)
    assert (finding.deprecated, finding.bare) == ("mājaslapa", None)


def test_check_po_audit_lookup_still_ignores_diacritics():
    """The termbase matcher is unchanged for its other callers: lookup, the build, the web pages."""
    matcher = TermMatcher([("net", ["tīklošana"])], lang="lv", inflect=True)
    assert [m.form for m in matcher.find("Tiklosana un tīklošanai")] == ["Tiklosana", "tīklošanai"]


# --- 4. English inflection and Latvian coordination ----------------------------------------------

@pytest.mark.parametrize("msgid, msgstr, problems", [
    ("Filed under", "Iesniegts", []),                  # was "file" -> expected "datne"
    ("Sectioned view", "Sadalīts skats", []),          # was "section" -> expected "sekcija"
    ("Employed staff", "Nodarbinātie darbinieki", []),
    ("Open the files", "Atveriet failus", ["file"]),   # a plural noun is still the term
    ("Open the file", "Atveriet datni", []),
    ("Sections", "Sadaļas", ["section"]),
    ("interest groups or professional groups", "interešu vai profesionālajām grupām", []),  # was missing
    ("interest groups and professional groups", "interešu, profesionālajām un citām grupām", []),
    ("interest groups", "profesionālajām grupām", ["interest group"]),
    ("interest groups or professional groups", "interešu. Profesionālajām grupām", ["interest group"]),
    ("interest groups or professional groups", "interesu vai profesionālajām grupām", ["interest group"]),
])
def test_check_po_audit_inflection_and_coordination(termbase, msgid, msgstr, problems):
    found, _ = find_problems(msgid, msgstr, _rules(termbase))
    assert [f.rule.en_term for f in found] == problems


def test_check_po_audit_a_verb_term_is_used_by_its_ed_form():
    rules = rules_from([Concept("file-v", (Term("lv", "iesniegt", "preferred", part_of_speech="verb"),
                                           Term("en", "file", "preferred", part_of_speech="verb")))])
    assert [f.rule.en_term for f in find_problems("Filed under", "Ievietots", rules)[0]] == ["file"]
    assert find_problems("Filed under", "Iesniegt", rules)[0] == []


# --- 5. --include-fuzzy and untranslated entries -------------------------------------------------

def test_check_po_audit_include_fuzzy_skips_untranslated_entries(tmp_path, termbase):
    """Every term of an untranslated entry was reported as "expected ..." with --include-fuzzy."""
    po = _po(tmp_path, 'msgid "Join a social network of employers."\nmsgstr ""\n\n'
             '#, fuzzy\nmsgid "Networking evening"\nmsgstr "Vakars"\n\n'
             'msgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""\n')
    result = _check(po, "--termbase", termbase, "--include-fuzzy")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f'{po}:10: "networking" -> expected "tīklošana"',
                                          f"{po}: 1 terminology problem (1 term use in 1 entry checked)"]


# --- 3. the exit code when the reader goes away ----------------------------------------------------

def _reader_gone(args) -> int:
    """lvterm writing into a pipe whose reader is closed before the first byte: its exit code."""
    proc = subprocess.Popen([LVTERM, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert err == b""
    return proc.wait(timeout=120)


def test_check_po_audit_problems_keep_exit_1_when_the_reader_goes(tmp_path, termbase):
    """`lvterm check-po big.po | head -1` exited 0, so a `set -o pipefail` CI passed."""
    bad = _po(tmp_path, "".join(f'msgid "Networking {i}"\nmsgstr "Kontakti {i}"\n\n' for i in range(3000)), "bad.po")
    good = _po(tmp_path, 'msgid "Networking"\nmsgstr "Tīklošana"\n', "good.po")
    assert _reader_gone(["check-po", bad, "--termbase", termbase]) == 1
    assert _reader_gone(["check-po", good, "--termbase", termbase]) == 0
    run = subprocess.run(["bash", "-c", 'set -o pipefail; "$@" | head -1', "lvterm", LVTERM, "check-po", str(bad),
                          "--termbase", str(termbase)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and run.stdout == f'{bad}:6: "networking" -> expected "tīklošana"\n', run


# --- 6. lvterm's notes and the header comment in the .po files it writes -----------------------------

def test_check_po_audit_lvterm_notes_are_never_wrapped():
    """polib wrapped `# lvterm: ...` at 78 columns; --update then removed only its first line."""
    po = pofmt.new_pofile(metadata=pofmt.lv_header(project="t", revision_date="2020-01-01 00:00+0000"))
    note = "lvterm: exact match from lvterm.db bead cpd23-5-socialie-tikli-un-profesionalas-organizacijas:17"
    own = "A translator's own comment, long enough that it is wrapped at the width as xgettext wraps it."
    po.append(polib.POEntry(msgid="Networking", msgstr="Tīklošana", tcomment=f"{own}\n{note}"))
    text = pofmt.dumps(po)
    assert f"\n# {note}\n" in text
    assert ("# A translator's own comment, long enough that it is wrapped at the width as\n"
            "# xgettext wraps it.\n") in text
    assert pofmt.loads(text)[0].tcomment.split("\n")[-1] == note


def test_check_po_audit_no_stray_comment_line_without_a_header_comment(tmp_path, fixtures):
    """Every output whose template had no header comment started with a lone "#" line."""
    template = tmp_path / "app.pot"
    template.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                        'msgid "Networking"\nmsgstr ""\n', encoding="utf-8")
    assert pofmt.dumps(pofmt.load(template)).startswith('msgid ""\n')
    out = tmp_path / "lv.po"
    result = CliRunner().invoke(cli, ["pretranslate", str(template), "-o", str(out), "--tm",
                                      str(fixtures / "po" / "test_pretranslate_golden_tm.po")])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith('msgid ""\n')


def test_check_po_audit_update_leaves_no_piece_of_an_old_note(tmp_path):
    """A long note written by pretranslate is one line, so --update takes all of it away when the
    translation is recalled for a changed msgid (it left `# profesionalas-organizacijas:17`)."""
    memory = tmp_path / "cpd23-5-socialie-tikli-un-profesionalas-organizacijas-and-more-of-a-long-name.po"
    memory.write_text(HEADER + 'msgid "Pay the membership fee before the end of May."\n'
                      'msgstr "Samaksājiet biedra naudu līdz maija beigām."\n', encoding="utf-8")
    v1, v2 = tmp_path / "v1.pot", tmp_path / "v2.pot"
    v1.write_text(HEADER + 'msgid "Pay the membership fee before the end of May."\nmsgstr ""\n', encoding="utf-8")
    v2.write_text(HEADER + 'msgid "Pay the membership fee before the end of June."\nmsgstr ""\n', encoding="utf-8")
    first, second = tmp_path / "lv1.po", tmp_path / "lv2.po"
    assert CliRunner().invoke(cli, ["pretranslate", str(v1), "-o", str(first), "--tm", str(memory)]).exit_code == 0
    [note] = [line for line in first.read_text("utf-8").splitlines() if line.startswith("# ")]
    assert note == f"# lvterm: exact match from {memory.name}:6"
    result = CliRunner().invoke(cli, ["pretranslate", str(v2), "-o", str(second), "--update", str(first),
                                      "--tm", str(memory)])
    assert result.exit_code == 0, result.output
    comments = [line for line in second.read_text("utf-8").splitlines() if line.startswith("# ")]
    assert comments and all(line.startswith("# lvterm: ") for line in comments), comments
