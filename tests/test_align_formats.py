"""Bead files (formats/beads.py) and sentence files: round trip, gold files, bad input."""
from __future__ import annotations

import io

import pytest

from lvterm.errors import InputError
from lvterm.formats import beads as bf
from lvterm.models import Bead


def test_beads_dump_exact_format():
    out = io.StringIO()
    bf.dump([Bead((0,), (0, 1), 0.9124), Bead((), (2,), 1.0), Bead((1, 2), (), 0.0)], out)
    assert out.getvalue() == "[0]:[0, 1]:0.912\n[]:[2]:1.000\n[1, 2]:[]:0.000\n"


def test_beads_round_trip():
    items = [Bead((0,), (0,), 0.5), Bead((1, 2), (1,), 0.25), Bead((), (2,), 0.125)]
    out = io.StringIO()
    bf.dump(items, out)
    back = bf.load(io.StringIO(out.getvalue()))
    assert [(b.src, b.tgt) for b in back] == [(b.src, b.tgt) for b in items]
    assert [round(b.score, 3) for b in back] == [0.5, 0.25, 0.125]


def test_beads_gold_without_score_loads():
    back = bf.load(io.StringIO("[0]:[0, 1]\n\n[]:[2]\n"))
    assert back == [Bead((0,), (0, 1), 1.0), Bead((), (2,), 1.0)]


@pytest.mark.parametrize("line", ["[0]-[1]", "[a]:[1]", "[0]:[1]:x", "[0]:[1]:1.5", "[-1]:[0]", "0:[1]"])
def test_beads_bad_line_names_line(line):
    with pytest.raises(InputError) as err:
        bf.load(io.StringIO("[0]:[0]\n" + line + "\n"))
    assert ":2" in str(err.value) or "line" in str(err.value) or err.value.line == 2


def test_beads_read_sentences_blank_lines_are_paragraphs(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("\ufeffOne.\nTwo.\n\n\nThree.\n  \nFour.\n", encoding="utf-8")
    sents, paras = bf.read_sentences(p)
    assert sents == ["One.", "Two.", "Three.", "Four."]
    assert paras == [0, 0, 1, 2]


def test_beads_read_sentences_not_utf8(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_bytes("Labi.\nLīdz\n".encode("utf-8") + "Rīga\n".encode("latin-1", "replace") + b"\xff\xfe\n")
    with pytest.raises(InputError) as err:
        bf.read_sentences(p)
    assert "UTF-8" in str(err.value) and str(p) in str(err.value)


def test_beads_file_with_bom_and_odd_literals(tmp_path):
    """A BOM (Notepad) is dropped; a literal that is not a list ("{[]}") is an InputError with its line."""
    p = tmp_path / "gold.beads"
    p.write_bytes("\ufeff[0]:[0, 1]:0.9\n".encode("utf-8"))
    assert bf.read_beads(p) == [Bead((0,), (0, 1), 0.9)]
    p.write_text("[0]:[0]\n{[]}:[1]\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"gold\.beads:2: not a list of sentence ids"):
        bf.read_beads(p)


def test_beads_dictionary_error_names_its_line(tmp_path):
    p = tmp_path / "terms.tsv"
    p.write_text("bibliotēka\tlibrary\n\n# komentārs\nbiedra nauda membership fee\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"terms\.tsv:4 \[biedra nauda membership fee\]: expected"):
        bf.read_dictionary(p)


def test_beads_read_sentences_counts_lines_as_line_tools_do(tmp_path):
    """A line separator (U+2028) or form feed inside a line is not a line end: ids stay line numbers."""
    p = tmp_path / "a.txt"
    p.write_text("Pirmais teikums\u2028ar atdalītāju.\r\nOtrais\x0cteikums.\rTrešais.\n", encoding="utf-8")
    sents, paras = bf.read_sentences(p)
    assert sents == ["Pirmais teikums\u2028ar atdalītāju.", "Otrais\x0cteikums.", "Trešais."]
    assert paras == [0, 0, 0]
