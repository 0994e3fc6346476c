"""`lvterm align` and `lvterm eval-align`: exact output contract and bad input (exit 2, one line)."""
from __future__ import annotations

import re

from click.testing import CliRunner

from lvterm.cli import cli

BEAD_LINE = re.compile(r"^\[(\d+(, \d+)*)?\]:\[(\d+(, \d+)*)?\]:\d\.\d{3}$")


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_align_cli_prints_beads(fixtures):
    d = fixtures / "align"
    r = run("align", str(d / "library.lv"), str(d / "library.en"), "--src-lang", "lv", "--tgt-lang", "en")
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines and all(BEAD_LINE.match(line) for line in lines)
    assert lines[0].startswith("[0]:[0")


def test_align_cli_eval_against_gold(fixtures, tmp_path):
    d = fixtures / "align"
    r = run("align", str(d / "library.lv"), str(d / "library.en"), "--src-lang", "lv", "--tgt-lang", "en")
    test = tmp_path / "library.test"
    test.write_text(r.output, encoding="utf-8")
    r = run("eval-align", "--test", str(test), "--gold", str(d / "library.gold"))
    assert r.exit_code == 0, r.output
    assert "precision" in r.output and "recall" in r.output and "F1" in r.output
    assert "strict" in r.output and "lax" in r.output
    r = run("eval-align", "--test", str(d / "library.gold"), "--gold", str(d / "library.gold"))
    assert r.output.splitlines()[-1].split()[1:] == ["1.000", "1.000"]


def test_align_cli_blank_lines_and_empty_side(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Pirmais teikums.\n\nOtrais teikums.\n", encoding="utf-8")
    b.write_text("", encoding="utf-8")
    r = run("align", str(a), str(b), "--src-lang", "lv", "--tgt-lang", "en")
    assert r.exit_code == 0
    assert r.output.splitlines() == ["[0]:[]:1.000", "[1]:[]:1.000"]


def test_align_cli_not_utf8_is_one_line_error(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_bytes(b"Labdien.\n\xe2\x80 broken\n")
    b.write_text("Hello.\n", encoding="utf-8")
    r = run("align", str(a), str(b), "--src-lang", "lv", "--tgt-lang", "en")
    assert r.exit_code == 2
    assert "a.txt:2" in r.output and "UTF-8" in r.output
    assert "Traceback" not in r.output


def test_align_cli_bad_language_and_missing_file(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x\n", encoding="utf-8")
    assert run("align", str(a), str(a), "--src-lang", "latvian", "--tgt-lang", "en").exit_code == 2
    r = run("align", str(a), str(tmp_path / "nope.txt"), "--src-lang", "lv", "--tgt-lang", "en")
    assert r.exit_code == 2 and "nope.txt" in r.output


def test_align_cli_eval_bad_gold_line(tmp_path, fixtures):
    g = tmp_path / "g.txt"
    g.write_text("[0]:[0]\nnonsense\n", encoding="utf-8")
    r = run("eval-align", "--test", str(fixtures / "align" / "library.gold"), "--gold", str(g))
    assert r.exit_code == 2 and "g.txt:2" in r.output


def test_align_cli_eval_unpaired_files(fixtures):
    gold = str(fixtures / "align" / "library.gold")
    r = run("eval-align", "--test", gold, "--test", gold, "--gold", gold)
    assert r.exit_code == 2


def test_align_cli_eval_several_files_pooled(fixtures):
    gold = str(fixtures / "align" / "library.gold")
    alps = str(fixtures / "align" / "alps.gold")
    r = run("eval-align", "--test", gold, alps, "--gold", gold, alps)
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[-1].split()[1:] == ["1.000", "1.000"]
    # paired in the wrong order: the files align documents of other sizes, one line naming the first
    r = run("eval-align", "--test", gold, alps, "--gold", alps, gold)
    assert r.exit_code == 2 and len(r.output.splitlines()) == 1
    assert "library.gold: aligns 22 + 24 sentences" in r.output and "alps.gold aligns 17 + 20" in r.output


def test_align_cli_dictionary_option(fixtures):
    d = fixtures / "align"
    r = run("align", str(d / "library.lv"), str(d / "library.en"), "--src-lang", "lv", "--tgt-lang", "en",
            "--dictionary", str(d / "library.dict.tsv"))
    assert r.exit_code == 0, r.output
    gold = (d / "library.gold").read_text(encoding="utf-8").splitlines()
    assert [line.rsplit(":", 1)[0] for line in r.output.splitlines()] == gold


def test_align_cli_bad_dictionary(fixtures, tmp_path):
    d = fixtures / "align"
    bad = tmp_path / "terms.tsv"
    bad.write_text("bibliotēka library\n", encoding="utf-8")
    r = run("align", str(d / "library.lv"), str(d / "library.en"), "--src-lang", "lv", "--tgt-lang", "en",
            "--dictionary", str(bad))
    assert r.exit_code == 2 and "terms.tsv" in r.output


def test_align_cli_takes_lvterms_own_tsv_glossary_as_dictionary(fixtures, tmp_path):
    """`lvterm export tsv` writes a third, comment column: --dictionary refused its own glossary."""
    d = fixtures / "align"
    rows = [line.split("\t") for line in (d / "library.dict.tsv").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("".join(f"{lv}\t{en}\tpreferred; reliability 3\n" for lv, en in rows), encoding="utf-8")
    args = ["align", str(d / "library.lv"), str(d / "library.en"), "--src-lang", "lv", "--tgt-lang", "en"]
    with_comments = run(*args, "--dictionary", str(glossary))
    assert with_comments.exit_code == 0, with_comments.output
    assert with_comments.output == run(*args, "--dictionary", str(d / "library.dict.tsv")).output
    four = tmp_path / "four.tsv"
    four.write_text("bibliotēka\tlibrary\tnote\textra\n", encoding="utf-8")
    r = run(*args, "--dictionary", str(four))
    assert r.exit_code == 2 and "four.tsv:1" in r.output and "bibliotēka\\tlibrary\\tnote" in r.output


def test_eval_align_refuses_a_test_file_with_a_sentence_in_two_beads(tmp_path):
    """A bead given twice scored as two right ones (P/R/F1 1.000), and overlapping beads passed."""
    gold = tmp_path / "g"
    gold.write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", encoding="utf-8")
    for text, line, message in (("[0]:[0]\n[0]:[0]\n[1]:[1]\n[2]:[2]\n", 2, "source sentence 0 is in two beads"),
                                ("[0, 1]:[0]\n[1]:[1]\n[2]:[2]\n", 2, "source sentence 1 is in two beads"),
                                ("[0]:[0]\n[1]:[1, 2]\n[2]:[2]\n", 3, "target sentence 2 is in two beads (line 2 and this one)"),
                                ("[0, 0]:[0]\n[1]:[1]\n[2]:[2]\n", 1, "a source sentence is twice in this bead")):
        test = tmp_path / "t"
        test.write_text(text, encoding="utf-8")
        r = run("eval-align", "--test", str(test), "--gold", str(gold))
        assert r.exit_code == 2 and f"t:{line}: {message}" in r.output, r.output
        assert len(r.output.strip().splitlines()) == 1
