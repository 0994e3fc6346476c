"""How the command line behaves around its data: closed pipes, one-line summaries of what was
written, progress bars only on a terminal, and the downloads `lvterm build` writes."""
from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm.cli import cli

LVTERM = str(Path(sys.executable).with_name("lvterm"))


def test_cli_closed_pipe_exits_quietly(root):
    """`lvterm segment post.md | head -1`: the reader goes away; no "Broken pipe", exit 0."""
    post = next((root / "corpus" / "posts").glob("*.lv.md"))
    proc = subprocess.Popen([LVTERM, "segment", str(post)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()
    proc.stdout.close()  # head -1 has what it wanted
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err
    assert first.strip() and err == ""


def test_cli_closed_pipe_in_a_shell_pipeline(root):
    if not shutil.which("sh") or not shutil.which("head"):
        pytest.skip("no POSIX shell here")
    run = subprocess.run(["sh", "-c", f'"{LVTERM}" extract tests/fixtures/align/seed.lv tests/fixtures/align/seed.en '
                                      f'| head -2; echo "status=$?"'], cwd=root, capture_output=True, text=True)
    assert "Broken pipe" not in run.stderr and "Traceback" not in run.stderr, run.stderr
    assert run.stdout.splitlines()[0] == "lv\ten\tscore\tfreq"


def test_cli_ingest_says_what_it_wrote(root, tmp_path):
    out = tmp_path / "posts"
    out.mkdir()
    result = CliRunner().invoke(cli, ["ingest", str(root / "corpus" / "raw" / "000_fdb2608ceedbb337.txt"),
                                      "--lang", "lv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    (written,) = list(out.iterdir())
    assert result.stdout.splitlines() == [f"wrote {written}"] and result.stderr == ""


def test_cli_po_says_what_it_wrote_in_one_line(localise_db, tmp_path):
    result = CliRunner().invoke(cli, ["po", "--db", str(localise_db), "--out", str(tmp_path / "locale")])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "locale" / "lv" / "LC_MESSAGES"
    assert result.output.splitlines() == [f"wrote 3 .po files in {folder}: biedri.po, glossary.po, tikli.po"]


@pytest.mark.parametrize("args, what", [(["export", "tmx"], "translation units"), (["export", "tbx"], "concepts"),
                                        (["export", "tsv"], "glossary entries")])
def test_cli_exports_say_what_they_wrote(localise_db, tmp_path, args, what):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--db", str(localise_db)])
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"wrote {out}: ") and line.endswith(what) and result.stdout == ""


def test_cli_build_writes_the_downloads_and_says_so(fixtures, tmp_path):
    db = tmp_path / "site" / "lvterm.db"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"),
                                      "--termbase", str(fixtures / "db" / "termbase"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    site = tmp_path / "site"
    po = site / "locale" / "lv" / "LC_MESSAGES"
    assert sorted(p.name for p in po.iterdir()) == ["biedribas-dzive.po", "glossary.po"]
    for name in ("lvterm.tmx", "lvterm.tbx", "lvterm.tsv"):
        assert (site / name).stat().st_size > 0, name
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"wrote {db}: 2 posts") and "5 downloads in" in line and "glossary.po" in line
    # the downloads are the exports, proposals left out as `lvterm export` leaves them out
    runner = CliRunner()
    assert runner.invoke(cli, ["export", "tbx", "-o", str(tmp_path / "x.tbx"), "--db", str(db)]).exit_code == 0
    assert (tmp_path / "x.tbx").read_bytes() == (site / "lvterm.tbx").read_bytes()
    # a post gone from the library takes its .po with it
    (po / "gone.po").write_text("", encoding="utf-8")
    from lvterm.exports import write_downloads

    write_downloads(db=db)
    assert not (po / "gone.po").exists()


def test_cli_downloads_po_files_pass_msgfmt(fixtures, tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    from lvterm import Library

    report = Library(tmp_path / "lvterm.db").build(corpus=fixtures / "db" / "posts", termbase=fixtures / "db" / "termbase")
    pos = [p for p in map(Path, report.downloads) if p.suffix == ".po"]
    assert len(pos) == 2
    for path in pos:
        run = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert run.returncode == 0 and "warning" not in run.stderr, run.stderr


def _on_a_terminal(args, cwd) -> tuple[int, str, str]:
    """Run lvterm with stderr on a pseudo-terminal; (exit code, stdout, what the terminal showed)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([LVTERM, *args], cwd=cwd, stdout=subprocess.PIPE, stderr=follower,
                            env={**os.environ, "COLUMNS": "100"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read().decode()
    code = proc.wait(timeout=120)
    os.close(leader)
    return code, out, shown.decode(errors="replace")


@pytest.mark.parametrize("args, labels", [
    (["extract", "tests/fixtures/align/seed.lv", "tests/fixtures/align/seed.en"], ["Latvian terms", "English terms"]),
    (["pretranslate", "tests/fixtures/po/test_pretranslate_golden.pot", "-o", "{tmp}/lv.po", "--tm",
      "tests/fixtures/po/test_pretranslate_golden_tm.po"], ["pre-translating"]),
])
def test_cli_long_commands_show_progress_on_a_terminal_only(root, tmp_path, args, labels):
    args = [a.format(tmp=tmp_path) for a in args]
    code, out, shown = _on_a_terminal(args, root)
    assert code == 0, shown
    for label in labels:
        assert label in shown and "[#" in shown, shown
    quiet = subprocess.run([LVTERM, *args], cwd=root, capture_output=True, text=True)  # stderr not a terminal
    assert quiet.returncode == 0 and not any(label in quiet.stderr for label in labels), quiet.stderr
    assert out == quiet.stdout  # the data is the same either way


def test_cli_align_and_pair_show_their_stages_on_a_terminal(root, fixtures, tmp_path):
    """`align` (scoring, first alignment, lexicon passes) and `pair` (anchors, first pass,
    dictionary, second pass) were silent for tens of seconds on large inputs."""
    posts = tmp_path / "posts"  # the fixture pair, its translations undeclared: `pair` has work to do
    posts.mkdir()
    for src in (fixtures / "db" / "posts").glob("*.md"):
        text = src.read_text(encoding="utf-8")
        (posts / src.name).write_text(text[:text.index("translations:")] + text[text.index("---", 4):],
                                      encoding="utf-8")
    for args, label in [(["align", "--src-lang", "lv", "--tgt-lang", "en", "tests/fixtures/align/seed.lv",
                          "tests/fixtures/align/seed.en"], "aligning"),
                        (["pair", str(posts)], "pairing")]:
        code, out, shown = _on_a_terminal(args, root)
        assert code == 0 and label in shown and "[#" in shown, shown
        quiet = subprocess.run([LVTERM, *args], cwd=root, capture_output=True, text=True)
        assert quiet.returncode == 0 and label not in quiet.stderr and out == quiet.stdout, quiet.stderr


def test_cli_build_shows_progress_per_stage_and_per_post(fixtures, tmp_path):
    code, _, shown = _on_a_terminal(["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                     str(fixtures / "db" / "termbase"), "--db", str(tmp_path / "lvterm.db")], tmp_path)
    assert code == 0, shown
    import re

    for label, total in [("reading posts", "2"), ("posts", "1"), ("writing pairs", "1"), ("finding terms", r"\d+"),
                         ("downloads", "4")]:  # every stage's bar reaches its end; segments for the terms
        assert re.search(rf"(?:^|\r|\x1b\[\?25l){label}  \[#{{36}}\]  ({total})/\1", shown), (label, shown)
