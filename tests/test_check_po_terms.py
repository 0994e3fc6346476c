"""`lvterm check-po`: inflection-aware terminology check of a Latvian .po against the termbase."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.localise.check_po import find_problems, rules_from
from lvterm.models import Concept, Term


@pytest.fixture
def po_dir(fixtures, monkeypatch):
    monkeypatch.chdir(fixtures / "po")  # relative paths in the golden output; no termbase/ folder here
    return fixtures / "po"


def _check(*args):
    """Run check-po with stdout kept apart from stderr (click 8.1 needs mix_stderr=False, 8.2+ does it)."""
    import inspect

    runner = CliRunner(mix_stderr=False) if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters \
        else CliRunner()
    return runner.invoke(cli, ["check-po", *map(str, args)])


@pytest.mark.parametrize("termbase", ["test_check_po_terms.tbx", "test_check_po_terms.yml"])
def test_check_po_terms_golden(po_dir, termbase):
    result = _check("test_check_po_terms.po", "--termbase", termbase)
    assert result.exit_code == 1
    assert result.stdout == (po_dir / "test_check_po_terms.out").read_text("utf-8")


def test_check_po_terms_include_fuzzy(po_dir):
    result = _check("test_check_po_terms.po", "--termbase", "test_check_po_terms.yml", "--include-fuzzy")
    assert result.exit_code == 1
    assert result.stdout == (po_dir / "test_check_po_terms_include_fuzzy.out").read_text("utf-8")


def test_check_po_terms_clean_file_exits_0(po_dir, tmp_path):
    good = tmp_path / "good.po"
    good.write_text('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "Networking matters."\nmsgstr "Tīklošana ir svarīga."\n', encoding="utf-8")
    result = _check(good, "--termbase", "test_check_po_terms.yml")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("0 terminology problems (1 term use in 1 entry checked)")


def test_check_po_terms_from_the_library(localise_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    po = tmp_path / "x.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "The membership fees"\nmsgstr "Biedru maksas"\n', encoding="utf-8")
    result = _check(po.name, "--db", localise_db)
    assert result.exit_code == 1
    assert 'x.po:6: "membership fee" -> expected "biedra nauda", found deprecated "biedru maksa"' in result.stdout


def test_check_po_terms_a_named_database_that_is_not_there(po_dir, tmp_path):
    """--db names a file that does not exist: one line and exit code 2, not a check against termbase/
    alone that looks like a pass; the default database may be missing (a checkout not built yet)."""
    result = _check("test_check_po_terms.po", "--db", tmp_path / "nope.db")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"lvterm: {tmp_path / 'nope.db'}: no such library database "
                                                  "(write it with `lvterm build`, or leave out --db)"]


def test_check_po_terms_bad_input(po_dir, tmp_path):
    result = _check(tmp_path / "none.po", "--termbase", "test_check_po_terms.yml")
    assert result.exit_code == 2 and "none.po" in result.output and "Traceback" not in result.output
    result = _check("test_check_po_terms.po", "--termbase", tmp_path / "no-termbase")
    assert result.exit_code == 2 and "termbase not found" in result.output


@pytest.mark.parametrize("language, msgid, msgstr", [
    ("de", "networking", "Netzwerken"),  # a term in its msgid: was a "problem" for a German word
    ("en", "Save", "Save"),  # no term in it: was "0 terminology problems", exit 0, as if it passed
    ("en_GB", "Networking matters.", "Networking matters."),
])
def test_check_po_terms_another_language_is_refused(po_dir, tmp_path, caplog, language, msgid, msgstr):
    """A .po whose Language is not Latvian has no Latvian translations to check: one line and exit
    code 2 (bad input), nothing on stdout, never a pass nor a problem per term."""
    po = tmp_path / "other.po"
    po.write_text(f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  f'msgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    with caplog.at_level("WARNING"):
        result = _check(po, "--termbase", "test_check_po_terms.yml")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (f"lvterm: {po}: Language is {language!r}, not 'lv': check-po checks Latvian translations "
                             "(if they are Latvian, set the header's Language to lv)\n")
    assert caplog.text == ""  # the one line, no warning before it


@pytest.mark.parametrize("language", ["lv", "lv_LV", "LV-lv", ""])
def test_check_po_terms_latvian_or_no_language_is_checked(po_dir, tmp_path, language):
    po = tmp_path / "lv.po"
    po.write_text(f'msgid ""\nmsgstr ""\n"Language: {language}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Networking matters."\nmsgstr "Tīklošana ir svarīga."\n', encoding="utf-8")
    result = _check(po, "--termbase", "test_check_po_terms.yml")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("0 terminology problems (1 term use in 1 entry checked)\n")


def _concepts():
    return [Concept("fee", (Term("lv", "biedra nauda", "preferred"), Term("lv", "biedru maksa", "deprecated"),
                            Term("en", "membership fee", "preferred"))),
            Concept("lib", (Term("lv", "bibliotēku un informācijas speciālists", "preferred"),
                            Term("lv", "bibliotekārs", "admitted"),
                            Term("en", "library and information professional", "preferred")))]


def test_check_po_terms_recorded_forms_count():
    """A form the stemmer does not relate ('iestāžu', genitive plural of 'iestāde' with ž) counts when
    recorded, and (since the Hunspell lexicon) when not: the term's generated paradigm has it."""
    from lvterm.models import TermForm

    bare = Concept("institution", (Term("lv", "iestāde", "preferred"), Term("en", "institution")))
    recorded = Concept("institution", (Term("lv", "iestāde", "preferred", forms=(TermForm("iestāžu"),)),
                                       Term("en", "institution")))
    msgid, msgstr = "List of institutions", "Iestāžu saraksts"
    # was [None] (a false "term missing"): the gap generated paradigms close
    assert find_problems(msgid, msgstr, rules_from([bare]))[0] == []
    assert [f.deprecated for f in find_problems(msgid, "Iestādņu saraksts", rules_from([bare]))[0]] == [None]
    assert find_problems(msgid, msgstr, rules_from([recorded]))[0] == []
    # a hyphenated word inflects at its end: 'e-pastā' is a form of 'e-pasts' without being recorded
    email = Concept("email", (Term("lv", "e-pasts", "preferred"), Term("en", "e-mail")))
    assert find_problems("Sent by e-mail", "Nosūtīts e-pastā", rules_from([email]))[0] == []


@pytest.mark.parametrize("msgid, msgstr, problems", [
    ("The membership fees", "Biedra naudas", []),
    ("membership fee", "biedra naudai", []),
    ("MEMBERSHIP FEE", "BIEDRA NAUDU", []),
    ("membership fee", "biedra naudu un biedru maksu", ["biedru maksa"]),
    ("membership fee", "iemaksa", [None]),
    ("The fee for membership", "maksa", []),  # not the term
    ("Library and information professionals meet", "Bibliotēku un informācijas speciālisti tiekas", []),
    ("Library and information professionals meet", "Bibliotekāri tiekas", []),  # admitted is accepted
    ("Library and information professionals meet", "Speciālisti tiekas", [None]),
])
def test_check_po_terms_inflection(msgid, msgstr, problems):
    found, _ = find_problems(msgid, msgstr, rules_from(_concepts()))
    assert [f.deprecated for f in found] == problems


@pytest.mark.parametrize("msgid, msgstr, problems", [
    ("Social-network settings", "Iestatījumi", ["social network"]),      # a hyphenated compound uses the term
    ("Social-network settings", "Sociālā tīkla iestatījumi", []),
    ("Send an email", "Nosūtīt vēstuli", ["e-mail"]),                   # "e-mail" still matches "email"
    ("Send an e-mail", "Nosūtīt e-pastu", []),
])
def test_check_po_terms_hyphenated_compounds(msgid, msgstr, problems):
    rules = rules_from([Concept("sn", (Term("lv", "sociālais tīkls", "preferred"), Term("en", "social network", "preferred"))),
                        Concept("mail", (Term("lv", "e-pasts", "preferred"), Term("en", "e-mail", "preferred")))])
    found, _ = find_problems(msgid, msgstr, rules)
    assert [f.rule.en_term for f in found] == problems


def test_check_po_terms_library_keeps_recorded_forms(tmp_path, monkeypatch):
    """A form the termbase records for an irregular inflection ('siržu' of 'sirds') is accepted
    when the terms come from the built library as well as from the curated file."""
    from fixtures.termbase.minidb import make_db
    from lvterm.models import TermForm

    heart = Concept("heart", (Term("lv", "sirds", "preferred", forms=(TermForm("siržu", 0),)),
                              Term("en", "heart", "preferred")), origin="curated")
    db = make_db(tmp_path / "lib.db", [heart])
    monkeypatch.chdir(tmp_path)  # no termbase/ folder: the library is the only source
    po = tmp_path / "hearts.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "A matter of hearts"\nmsgstr "Siržu lieta"\n', encoding="utf-8")
    result = _check(po.name, "--db", db)
    assert result.exit_code == 0, result.stdout


def test_check_po_without_any_termbase_names_where_it_looked(tmp_path, monkeypatch):
    # run from a folder with neither termbase/ nor build/lvterm.db, it said only "build the library
    # first", though the library was built (in the folder the user had left)
    monkeypatch.chdir(tmp_path)
    po = tmp_path / "a.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: lv\\n"\n\nmsgid "Networking"\nmsgstr "Tīklošana"\n',
                  encoding="utf-8")
    result = CliRunner().invoke(cli, ["check-po", po.name])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert "no termbase/" in line and "no build/lvterm.db" in line and str(tmp_path) in line, line
    (tmp_path / "termbase").mkdir()  # there, but empty: not "missing"
    [line] = CliRunner().invoke(cli, ["check-po", po.name]).output.strip().splitlines()
    assert "termbase/ holds no concepts" in line and "no build/lvterm.db" in line, line


@pytest.mark.parametrize("msgid, msgstr, flags, problems", [
    # a placeholder's name is no term use
    ("Value: %(membership_fee)s", "Vērtība: %(membership_fee)s", ["python-format"], []),
    ("Value: {membership_fee}", "Vērtība: {membership_fee}", [], []),
    # nor are a URL's words, on either side
    ("See https://example.org/networking-guide", "Skatiet https://example.org/networking-guide", [], []),
    ("Write to networking@example.org", "Rakstiet uz networking@example.org", [], []),
    ("Networking: see www.example.org/networking", "Skatiet www.example.org/networking", [], ["networking"]),
    # a term glued to a number is not that term
    ("The CPD23 programme", "Programma CPD23", [], []),
    ("Continuing CPD", "Tālākizglītība", [], ["CPD"]),
    ("The networking2 group", "Grupa networking2", [], []),
])
def test_check_po_terms_not_prose(msgid, msgstr, flags, problems):
    rules = rules_from([Concept("cpd", (Term("lv", "profesionālā pilnveide", "preferred"), Term("en", "CPD", "preferred"))),
                        Concept("fee", (Term("lv", "biedra nauda", "preferred"), Term("en", "membership fee", "preferred"))),
                        Concept("net", (Term("lv", "tīklošana", "preferred"), Term("en", "networking", "preferred")))])
    found, _ = find_problems(msgid, msgstr, rules, flags=flags)
    assert [f.rule.en_term for f in found] == problems


def test_check_po_terms_skips_placeholders_and_urls_in_a_file(po_dir, tmp_path):
    po = tmp_path / "web.po"
    po.write_text('msgid ""\nmsgstr ""\n"Language: lv\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  '#, python-format\nmsgid "Value: %(membership_fee)s"\nmsgstr "Vērtība: %(membership_fee)s"\n\n'
                  'msgid "See https://example.org/networking-guide"\nmsgstr "Skatiet https://example.org/networking-guide"\n',
                  encoding="utf-8")
    result = _check(po, "--termbase", "test_check_po_terms.yml")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip().endswith("0 terminology problems (0 term uses in 2 entries checked)")
