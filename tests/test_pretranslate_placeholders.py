"""Property: pre-translation never produces a msgstr whose placeholders differ from its msgid's."""
from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.cli import cli
from lvterm.formats import po as pofmt
from lvterm.localise.pretranslate import pretranslate_file
from lvterm.localise.tm import Memory, TMEntry

WORDS = ["open", "the", "catalogue", "file", "files", "member", "fee", "today", "deleted", "new"]
LV = ["atvērt", "katalogu", "fails", "faili", "biedrs", "nauda", "šodien", "izdzēsts", "jauns"]
HOLES = ["%s", "%d", "%(name)s", "%(count)d", "{user}", "{0}"]
FLAGS = [[], ["c-format"], ["python-format"], ["python-brace-format"]]


def _sentence(vocab):
    return st.lists(st.sampled_from(vocab + HOLES), min_size=2, max_size=7).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_sentence(WORDS), _sentence(LV)), min_size=1, max_size=25),
       st.lists(st.tuples(_sentence(WORDS), st.sampled_from(FLAGS)), min_size=1, max_size=10, unique_by=lambda t: t[0]),
       st.integers(40, 100))
def test_pretranslate_placeholders_always_agree(memory_pairs, template, threshold):
    memory = Memory(TMEntry(source=en, targets=(lv,), origin="m") for en, lv in memory_pairs)
    pot = polib.POFile()
    for msgid, flags in template:
        pot.append(polib.POEntry(msgid=msgid, msgstr="", flags=list(flags)))
    out, stats = pretranslate_file(pot, memory, threshold=threshold)
    assert stats.exact + stats.fuzzy + stats.untranslated == len(template)
    sources = {pofmt.normalise_ws(en) for en, _ in memory_pairs}
    for entry in out:
        if not entry.msgstr:
            continue
        assert pofmt.placeholders(entry.msgstr, flags=entry.flags) == pofmt.placeholders(entry.msgid, flags=entry.flags)
        if "fuzzy" not in entry.flags:
            assert pofmt.normalise_ws(entry.msgid) in sources  # only exact matches are translated outright


def test_pretranslate_placeholders_of_other_format_flags(fixtures, tmp_path):
    """qt-format %1, qt-plural-format %n, kde-format %1, sh-format $VAR and perl-brace-format
    {name} are placeholders (and any other *-format flag's, cautiously): a memory translation
    without them is never used, so the output passes msgfmt --check."""
    po_fixtures = fixtures / "po"
    out = tmp_path / "lv.po"
    result = CliRunner().invoke(cli, ["pretranslate", str(po_fixtures / "test_pretranslate_formats.pot"), "-o", str(out),
                                      "--tm", str(po_fixtures / "test_pretranslate_formats_tm.po")])
    assert result.exit_code == 0, result.output
    assert "7 entries: 1 exact, 0 fuzzy, 6 untranslated" in result.output
    translated = {e.msgid: e.msgstr for e in polib.pofile(str(out)) if e.msgstr}
    assert translated == {"Shelf %1 is full": "Plaukts %1 ir pilns"}
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(out)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
