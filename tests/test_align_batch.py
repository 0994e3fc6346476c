"""`lvterm align --batch LIST`: many pairs in one process, hunalign's `-batch` list format."""
from __future__ import annotations

from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats.beads import read_beads


def _run(*args):
    return CliRunner().invoke(cli, ["align", *args, "--src-lang", "lv", "--tgt-lang", "en"])


def _pair(root, tmp_path):
    d = root / "tests" / "fixtures" / "align"
    (tmp_path / "a.lv").write_bytes((d / "seed.lv").read_bytes())
    (tmp_path / "a.en").write_bytes((d / "seed.en").read_bytes())


def test_batch_writes_what_single_runs_print_and_reports_a_bad_pair(root, tmp_path):
    _pair(root, tmp_path)
    (tmp_path / "out").mkdir()
    # relative paths are read from the list's folder, not the working directory
    (tmp_path / "list.tsv").write_text("# source\ttarget\toutput\n"
                                       "a.lv\ta.en\tout/a.beads\n"
                                       "missing.lv\ta.en\tout/missing.beads\n"
                                       "a.en\ta.lv\tout/reversed.beads\n", encoding="utf-8")
    batch = _run("--batch", str(tmp_path / "list.tsv"))
    assert batch.exit_code == 2
    assert "list.tsv:3: " in batch.output and "missing.lv" in batch.output
    assert "aligned 2 of 3 pairs" in batch.output
    single = _run(str(tmp_path / "a.lv"), str(tmp_path / "a.en"))
    assert single.exit_code == 0
    assert (tmp_path / "out" / "a.beads").read_text(encoding="utf-8") == single.output
    assert not (tmp_path / "out" / "missing.beads").exists()
    assert read_beads(tmp_path / "out" / "reversed.beads")  # the pair after the bad one is written
    gold = read_beads(root / "tests" / "fixtures" / "align" / "seed.gold")
    assert [(b.src, b.tgt) for b in read_beads(tmp_path / "out" / "a.beads")] == [(b.src, b.tgt) for b in gold]


def test_batch_list_errors_are_one_line_and_write_nothing(root, tmp_path):
    _pair(root, tmp_path)
    (tmp_path / "bad.tsv").write_text("a.lv\ta.en\ta.beads\na.lv a.en b.beads\n", encoding="utf-8")
    result = _run("--batch", str(tmp_path / "bad.tsv"))
    assert result.exit_code == 2 and "bad.tsv:2" in result.output and "source<TAB>target<TAB>output" in result.output
    assert not (tmp_path / "a.beads").exists()  # the list is checked before any pair is aligned
    (tmp_path / "twice.tsv").write_text("a.lv\ta.en\tx.beads\na.en\ta.lv\tx.beads\n", encoding="utf-8")
    result = _run("--batch", str(tmp_path / "twice.tsv"))
    assert result.exit_code == 2 and not (tmp_path / "x.beads").exists()
    assert "twice.tsv:2" in result.output and "named again (first on line 1)" in result.output
    (tmp_path / "self.tsv").write_text("a.lv\ta.en\ta.lv\n", encoding="utf-8")
    result = _run("--batch", str(tmp_path / "self.tsv"))
    assert result.exit_code == 2 and (tmp_path / "a.lv").read_bytes() == (root / "tests" / "fixtures" / "align" / "seed.lv").read_bytes()


def test_batch_and_files_are_exclusive(tmp_path):
    (tmp_path / "l.tsv").write_text("", encoding="utf-8")
    both = _run("x.lv", "x.en", "--batch", str(tmp_path / "l.tsv"))
    assert both.exit_code == 2 and "not both" in both.output
    neither = _run()
    assert neither.exit_code == 2 and "--batch LIST" in neither.output


def test_batch_file_names_are_taken_as_written_not_nfc_normalised(root, tmp_path):
    """A name in decomposed form (as macOS writes it) names that file; NFC would name another."""
    _pair(root, tmp_path)
    nfd = "ti\u0304klos\u030cana.lv"  # tīklošana, decomposed
    (tmp_path / nfd).write_bytes((tmp_path / "a.lv").read_bytes())
    (tmp_path / "list.tsv").write_text(f"{nfd}\ta.en\tnfd.beads\n", encoding="utf-8")
    result = _run("--batch", str(tmp_path / "list.tsv"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "nfd.beads").read_text(encoding="utf-8") == _run(str(tmp_path / "a.lv"), str(tmp_path / "a.en")).output


def test_batch_refuses_an_output_that_is_any_input_under_another_name(root, tmp_path):
    # another spelling, a symlink, another line's input, the list itself or the --dictionary: refused
    # before any pair is aligned, every file as it was
    _pair(root, tmp_path)
    (tmp_path / "link.lv").symlink_to(tmp_path / "a.lv")
    (tmp_path / "terms.tsv").write_text("biedra nauda\tmembership fee\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file() and not p.is_symlink()}
    cases = {
        "spelling.tsv": ("a.lv\ta.en\t./a.en\n", "also an input of its line"),
        "symlink.tsv": ("a.lv\ta.en\tlink.lv\n", "also an input of its line"),
        "other.tsv": ("a.lv\ta.en\tx.beads\nx.beads\ta.en\ty.beads\n", "an input of line 2"),
        "itself.tsv": ("a.lv\ta.en\titself.tsv\n", "the batch list"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = _run("--batch", str(tmp_path / name))
        assert result.exit_code == 2 and f"{name}:" in result.output and message in result.output, (name, result.output)
        assert (tmp_path / name).read_text(encoding="utf-8") == text
    (tmp_path / "dict.tsv").write_text("a.lv\ta.en\tterms.tsv\n", encoding="utf-8")
    result = _run("--batch", str(tmp_path / "dict.tsv"), "--dictionary", str(tmp_path / "terms.tsv"))
    assert result.exit_code == 2 and "the --dictionary file" in result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name in before} == before
    assert not (tmp_path / "x.beads").exists() and not (tmp_path / "y.beads").exists()
