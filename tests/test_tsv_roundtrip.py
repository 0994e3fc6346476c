"""OmegaT glossary TSV: golden output from concepts, dump/load round trip, bad lines named."""
from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.errors import InputError
from lvterm.formats import tsv
from lvterm.formats.tsv import GlossaryRow
from lvterm.terms.termbase import load_file


def test_tsv_golden(fixtures):
    rows = tsv.rows_from_concepts(load_file(fixtures / "termbase" / "good.yml"))
    buf = io.StringIO()
    tsv.dump(rows, buf)
    assert buf.getvalue() == (fixtures / "termbase" / "good.tsv").read_text(encoding="utf-8")


def test_tsv_rows_skip_deprecated_and_keep_forms_in_comment(fixtures):
    rows = tsv.rows_from_concepts(load_file(fixtures / "termbase" / "good.yml"))
    assert ("tīklošana", "network building") not in [(r.source, r.target) for r in rows]
    fee = next(r for r in rows if r.source == "biedra nauda")
    assert fee.target == "membership fee" and "forms: biedra naudu" in fee.comment
    assert "biedra naudu" not in [r.source for r in rows]  # a form is never its own glossary entry


CELL = st.text(st.characters(codec="utf-8", blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30).map(
    lambda s: " ".join(s.split()))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.builds(GlossaryRow, CELL.filter(lambda s: s and not s.startswith("#")),
                          CELL.filter(bool), CELL), max_size=10))
def test_tsv_roundtrip_property(rows):
    buf = io.StringIO()
    tsv.dump(rows, buf)
    buf.seek(0)
    assert tsv.load(buf) == rows


def test_tsv_dump_cleans_tabs_and_newlines():
    buf = io.StringIO()
    tsv.dump([("a\tb", "c\nd", "e\r\nf")], buf)
    assert buf.getvalue() == "a b\tc d\te f\n"


def test_tsv_load_bad_line(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("biedra nauda\tmembership fee\t\n# a comment\n\nonly-one-column\n", encoding="utf-8")
    with path.open(encoding="utf-8") as fp, pytest.raises(InputError, match=r"g\.tsv:4: expected source<TAB>target"):
        tsv.load(fp)
    with pytest.raises(InputError):
        tsv.dump([("", "x")], io.StringIO())
