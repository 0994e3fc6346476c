"""`lvterm pretranslate` on bad input: one clear line, exit code 2, nothing written."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from lvterm.cli import cli


def _run(*args):
    return CliRunner().invoke(cli, ["pretranslate", *map(str, args)])


@pytest.fixture
def po_fixtures(fixtures):
    return fixtures / "po"


def _one_line_error(result, *needles):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0]


def test_pretranslate_syntax_error(po_fixtures, tmp_path):
    out = tmp_path / "lv.po"
    result = _run(po_fixtures / "test_pretranslate_syntax_error.pot", "-o", out,
                  "--tm", po_fixtures / "test_pretranslate_golden_tm.po")
    _one_line_error(result, "test_pretranslate_syntax_error.pot:", "syntax error")
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_pretranslate_missing_output_folder(po_fixtures, tmp_path):
    result = _run(po_fixtures / "test_pretranslate_golden.pot", "-o", tmp_path / "missing" / "lv.po",
                  "--tm", po_fixtures / "test_pretranslate_golden_tm.po")
    _one_line_error(result, "missing", "does not exist")
    assert not (tmp_path / "missing").exists()


def test_pretranslate_tmx_in_the_wrong_language_pair(po_fixtures, fixtures, tmp_path):
    result = _run(po_fixtures / "test_pretranslate_golden.pot", "-o", tmp_path / "lv.po",
                  "--tm", fixtures / "tmx" / "test_tmx_load_wrong_pair.tmx")
    _one_line_error(result, "test_tmx_load_wrong_pair.tmx", "wrong language pair")
    assert list(tmp_path.iterdir()) == []


def test_pretranslate_memory_in_another_language_warns(po_fixtures, tmp_path, caplog):
    out = tmp_path / "lv.po"
    with caplog.at_level("WARNING"):
        result = _run(po_fixtures / "test_pretranslate_golden.pot", "-o", out,
                      "--tm", po_fixtures / "test_pretranslate_german_tm.po")
    assert result.exit_code == 0, result.output
    assert any("Language is 'de', not 'lv'" in r.getMessage() for r in caplog.records)


def test_pretranslate_missing_memory_and_template(po_fixtures, tmp_path):
    _one_line_error(_run(po_fixtures / "test_pretranslate_golden.pot", "-o", tmp_path / "lv.po",
                         "--tm", tmp_path / "none.tmx"), "none.tmx", "not found")
    _one_line_error(_run(tmp_path / "none.pot", "-o", tmp_path / "lv.po", "--tm",
                         po_fixtures / "test_pretranslate_golden_tm.po"), "none.pot", "not found")
    _one_line_error(_run(po_fixtures / "test_pretranslate_golden.pot", "-o", tmp_path / "lv.po",
                         "--db", tmp_path / "no.db"), "no.db", "lvterm build")
    assert list(tmp_path.iterdir()) == []


def test_pretranslate_bad_threshold(po_fixtures, tmp_path):
    _one_line_error(_run(po_fixtures / "test_pretranslate_golden.pot", "-o", tmp_path / "lv.po",
                         "--tm", po_fixtures / "test_pretranslate_golden_tm.po", "--threshold", "150"), "threshold")


def test_pretranslate_never_writes_over_its_template_or_a_memory(po_fixtures, tmp_path, localise_db):
    """A translated .po given as template and output came back with every entry untranslated, and
    an output naming a memory replaced it: both are refused and the file is left as it was. The
    --update file may be the output (filling it in place is what it is for)."""
    import shutil

    memory = tmp_path / "memory.po"
    shutil.copy(po_fixtures / "test_pretranslate_golden_tm.po", memory)
    before = memory.read_bytes()
    result = _run(memory, "-o", memory, "--tm", po_fixtures / "test_pretranslate_golden_tm.po")
    _one_line_error(result, "memory.po", "output is the template", "--update")
    result = _run(po_fixtures / "test_pretranslate_golden.pot", "-o", memory, "--tm", memory)
    _one_line_error(result, "memory.po", "output is a translation memory")
    assert memory.read_bytes() == before
    result = _run(po_fixtures / "test_pretranslate_golden.pot", "-o", memory, "--update", memory, "--db", localise_db)
    assert result.exit_code == 0, result.output


def test_pretranslate_a_message_past_the_limit_is_refused(po_fixtures, tmp_path):
    """A message of more than a million characters, even written over many short lines, is one
    error at its entry (a 49 MB msgid took 29 s and 6 GB)."""
    from lvterm.textio import MAX_LINE_CHARS

    words = "membership fee and networking "
    lines = "".join(f'"{words * 3}"\n' for _ in range(MAX_LINE_CHARS // (3 * len(words)) + 2))
    pot = tmp_path / "long.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgid "Short"\nmsgstr ""\n\nmsgid ""\n' + lines + 'msgstr ""\n', encoding="utf-8")
    result = _run(pot, "-o", tmp_path / "lv.po", "--tm", po_fixtures / "test_pretranslate_golden_tm.po")
    _one_line_error(result, "long.pot:8:", "a message of", "the limit is 1,000,000")
    assert not (tmp_path / "lv.po").exists()


def test_pretranslate_refuses_to_write_over_the_library_database(tmp_path, localise_db):
    # `-o` naming the --db file would replace the library with a .po: refused, library intact
    from lvterm.errors import InputError
    from lvterm.localise.pretranslate import pretranslate

    db = localise_db
    before = db.read_bytes()
    pot = tmp_path / "t.pot"
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Membership fee"\n'
                   'msgstr ""\n', encoding="utf-8")
    with pytest.raises(InputError, match="output is the library database"):
        pretranslate(template=pot, out=db.parent / "." / db.name, db=db)
    assert db.read_bytes() == before


def test_pretranslate_with_a_memory_of_no_translations_warns_naming_it(po_fixtures, tmp_path, caplog):
    """The line read like an error and named no file (a template given as --tm by mistake)."""
    template = po_fixtures / "test_pretranslate_golden.pot"
    out = tmp_path / "lv.po"
    result = _run(template, "-o", out, "--tm", template)
    assert result.exit_code == 0 and out.exists()
    warned = [r.getMessage() for r in caplog.records if "translation memory" in r.getMessage()]
    assert warned == [f"{template}: warning: the translation memory has no translations: nothing can be "
                      "pre-translated; the .po gets every message untranslated"]
