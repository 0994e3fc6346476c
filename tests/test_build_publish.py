"""`lvterm build` publishes the library with its inspect file (what `lvterm serve` hands Datasette):
the inspect file is made in process (the same text `datasette inspect` writes), before the library
is renamed into place, and renamed right after it, with Ctrl-C held in between. An interrupt leaves
the old library with its old inspect file, or the new with its new one; once the new library is in
place, Ctrl-C is `build.Interrupted` and the CLI says what was built (not "Aborted!")."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm import inspectfile
from lvterm import serve as servemod
from lvterm.build import BuildReport, Interrupted, build_library
from lvterm.cli import cli


def _datasette_inspect(db: Path, *, cwd: Path | None = None) -> str:
    """What `datasette inspect DB --inspect-file -` prints (DB as given, relative to `cwd`)."""
    run = subprocess.run([sys.executable, "-m", "datasette", "inspect", os.fspath(db), "--inspect-file", "-"],
                         capture_output=True, text=True, check=True, cwd=cwd)
    return run.stdout


def _pair(db: Path) -> tuple[bytes, str]:
    """The library's bytes and its inspect file's text."""
    return db.read_bytes(), inspectfile.inspect_path(db).read_text(encoding="utf-8")


def _concepts(inspected: str) -> int:
    """The concepts table's count in an inspect file's text."""
    (entry,) = json.loads(inspected).values()
    return entry["tables"]["concepts"]["count"]


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def old_library(lv_post_library) -> Path:
    """A library of the Latvian fixture post alone, without the curated termbase: what a build of
    the fixture pair with its termbase (`_build`) replaces."""
    assert inspectfile.inspect_current(lv_post_library)
    return lv_post_library


def _build(fixtures, db: Path):
    return build_library(corpus=fixtures / "db" / "posts", termbase=fixtures / "db" / "termbase", db_path=db)


def _ctrl_c() -> None:
    """Ctrl-C as a terminal sends it: SIGINT to this process (handled in the main thread)."""
    os.kill(os.getpid(), signal.SIGINT)


@pytest.fixture
def sigint():
    """Python's own SIGINT handler (KeyboardInterrupt), as a program has it, for `_ctrl_c`."""
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        pytest.skip("SIGINT is not Python's default KeyboardInterrupt handler here")


# --- the inspect file, in process -------------------------------------------------------------


@pytest.mark.parametrize("name", ["lvterm.db", "_internal.db"])  # (Datasette's own database is _internal)
def test_inspect_json_is_what_datasette_inspect_writes(library_db, tmp_path, monkeypatch, name):
    """Byte for byte, the path named as given (absolute, or relative as `lvterm build` is usually run)."""
    db = tmp_path / name
    shutil.copy(library_db, db)
    assert inspectfile.inspect_json(db) == _datasette_inspect(db)
    monkeypatch.chdir(tmp_path)
    assert inspectfile.inspect_json(name) == _datasette_inspect(Path(name), cwd=tmp_path)


def test_inspect_json_of_the_repository_library(repo_library):
    """The repository's own library (corpus/posts + termbase/, as `lvterm build` builds it)."""
    assert inspectfile.inspect_json(repo_library) == _datasette_inspect(repo_library)
    assert inspectfile.inspect_path(repo_library).read_text(encoding="utf-8") == _datasette_inspect(repo_library)


def test_build_writes_the_inspect_file_datasette_inspect_would(fixtures, tmp_path, monkeypatch):
    """Written from the temp library under the library's final name ("file", the key), the same
    text `datasette inspect` gives for the library in place; the CLI build too (no subprocess)."""
    monkeypatch.chdir(tmp_path)
    _build(fixtures, Path("out.db"))
    assert inspectfile.inspect_path("out.db").read_text(encoding="utf-8") == _datasette_inspect(Path("out.db"),
                                                                                             cwd=tmp_path)
    monkeypatch.setattr(subprocess, "run", None)  # the CLI's build runs no `datasette inspect`
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                      str(fixtures / "db" / "termbase"), "--db", "cli.db"])
    monkeypatch.undo()
    assert result.exit_code == 0, result.output
    assert (tmp_path / "cli.db.inspect.json").read_text(encoding="utf-8") == _datasette_inspect(Path("cli.db"),
                                                                                                 cwd=tmp_path)


def test_serve_rewrites_an_inspect_file_that_is_not_the_librarys(fixtures, old_library):
    """An older library's inspect file beside a new library (a build killed between the two
    renames: the file is older than the library) is written again; so is one written after the
    library whose size is not the library's."""
    db, target = old_library, inspectfile.inspect_path(old_library)
    kept = target.with_name("kept.json")
    shutil.copy2(target, kept)
    _build(fixtures, db)
    new_text = target.read_text(encoding="utf-8")
    assert new_text != kept.read_text(encoding="utf-8")
    shutil.copy2(kept, target)  # the old file, with its old time
    assert not inspectfile.inspect_current(db)
    assert servemod.write_inspect(db).read_text(encoding="utf-8") == new_text
    assert inspectfile.inspect_current(db)
    entry = json.loads(new_text)
    entry["lvterm"]["size"] += 4096
    target.write_text(json.dumps(entry, indent=2), encoding="utf-8")  # newer than the library, another size
    assert target.stat().st_mtime >= db.stat().st_mtime and not inspectfile.inspect_current(db)
    assert servemod.write_inspect(db).read_text(encoding="utf-8") == new_text


# --- interrupts ----------------------------------------------------------------------------------


def test_ctrl_c_before_the_rename_keeps_the_old_library_and_its_inspect_file(fixtures, old_library, monkeypatch,
                                                                             sigint):
    """Ctrl-C while the inspect file is made from the finished temp library, just before the
    library would be renamed: KeyboardInterrupt, the old pair as it was, no temp file left."""
    before = _pair(old_library)
    real = inspectfile.inspect_json

    def then_ctrl_c(*args, **kwargs):
        text = real(*args, **kwargs)
        _ctrl_c()
        return text

    monkeypatch.setattr(inspectfile, "inspect_json", then_ctrl_c)
    with pytest.raises(KeyboardInterrupt) as info:
        _build(fixtures, old_library)
    assert not isinstance(info.value, Interrupted)
    assert _pair(old_library) == before and _temp_files(old_library.parent) == []


@pytest.mark.parametrize("when", ["before", "after"])
def test_ctrl_c_at_the_library_rename_publishes_both(fixtures, old_library, monkeypatch, sigint, when):
    """Ctrl-C just before or just after the library's rename (`os.replace`) is held until its
    inspect file is in place too: `Interrupted` with the build's report, the new library with
    the new inspect file, no temp file left."""
    old_concepts = _concepts(_pair(old_library)[1])
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        is_library = Path(dst).name == old_library.name
        if is_library and when == "before":
            _ctrl_c()
        real(src, dst, *args, **kwargs)
        if is_library and when == "after":
            _ctrl_c()

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(Interrupted) as info:
        _build(fixtures, old_library)
    monkeypatch.undo()
    assert isinstance(info.value, KeyboardInterrupt) and info.value.report.concepts != old_concepts
    inspected = _pair(old_library)[1]
    assert inspected == inspectfile.inspect_json(old_library) and _concepts(inspected) == info.value.report.concepts
    assert inspectfile.inspect_current(old_library) and _temp_files(old_library.parent) == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the handler is back


def test_inspect_rename_failing_after_the_library_leaves_no_stale_inspect_file(fixtures, old_library,
                                                                               monkeypatch):
    """Should the inspect file's rename fail once the library is in place, the old inspect file
    is removed (not left naming the old counts), and `lvterm serve` writes the new one."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if Path(dst).name.endswith(".inspect.json"):
            raise OSError(5, "Input/output error")
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OSError):
        _build(fixtures, old_library)
    monkeypatch.undo()
    assert not inspectfile.inspect_path(old_library).exists() and _temp_files(old_library.parent) == []
    assert servemod.write_inspect(old_library).read_text(encoding="utf-8") == _datasette_inspect(old_library)


def test_cli_ctrl_c_during_the_downloads_says_the_library_was_built(fixtures, old_library, monkeypatch):
    """Ctrl-C once the library is in place (while the downloads are written): exit 130 and one
    line saying what was built and that the downloads may be an earlier build's, not "Aborted!"."""
    from lvterm import exports

    def interrupted(**kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(exports, "write_downloads", interrupted)
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                      str(fixtures / "db" / "termbase"), "--db", str(old_library)])
    assert result.exit_code == 130, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"lvterm: interrupted after the library was built: wrote {old_library}: 2 posts")
    assert "the downloads beside it may be an earlier build's" in line and "Aborted" not in result.output
    assert inspectfile.inspect_path(old_library).read_text(encoding="utf-8") == inspectfile.inspect_json(old_library)


def test_library_build_interrupted_in_the_downloads_is_interrupted(fixtures, old_library, monkeypatch, sigint):
    """The Python API: `Library.build` raises `Interrupted` (a KeyboardInterrupt) with the report."""
    from lvterm import Library, exports

    monkeypatch.setattr(exports, "write_downloads", lambda **kwargs: _ctrl_c())
    with pytest.raises(Interrupted) as info:
        Library(old_library).build(corpus=fixtures / "db" / "posts", termbase=fixtures / "db" / "termbase")
    assert info.value.report.posts == 2 and info.value.report.downloads == []


# --- what the commands say -----------------------------------------------------------------------


def test_reuse_says_only_what_there_is():
    """No "the rows of 0 posts copied" (a rebuild after --no-cache: units cached, no rows copied)."""
    assert BuildReport("x", cached=1).reuse() == "0 of 1 post unit computed, the rest from the cache"
    assert BuildReport("x", cached=2, computed=1, copied=1).reuse() == (
        "1 of 3 post units computed, the rest from the cache; the rows of 1 post copied from the previous library")
    assert BuildReport("x").reuse() == ""


def test_cli_rebuild_after_no_cache_says_no_rows_of_0_posts(fixtures, tmp_path):
    args = ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase", str(fixtures / "db" / "termbase"),
            "--db", str(tmp_path / "lvterm.db")]
    assert CliRunner().invoke(cli, args + ["--no-cache"]).exit_code == 0
    assert CliRunner().invoke(cli, args).exit_code == 0  # (fills the cache)
    assert CliRunner().invoke(cli, args + ["--no-cache"]).exit_code == 0  # a library without a record of its rows
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "(0 of 1 post unit computed, the rest from the cache); 5 downloads" in result.stderr, result.stderr
    assert "rows of 0" not in result.stderr


@pytest.mark.parametrize("kind, what", [("tmx", "translation units"), ("tbx", "concepts"),
                                        ("tsv", "glossary entries")])
def test_cli_export_to_stdout_says_stdout_not_dash(localise_db, kind, what):
    result = CliRunner().invoke(cli, ["export", kind, "-o", "-", "--db", str(localise_db)])
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("wrote stdout: ") and line.endswith(what) and result.stdout


def test_cli_export_of_one_concept_says_one_concept(tmp_path):
    from fixtures.termbase.minidb import make_db
    from lvterm.models import Concept, Term

    db = make_db(tmp_path / "lvterm.db", [Concept("member", (Term("lv", "biedrs", status="preferred"),
                                                             Term("en", "member", status="preferred")))])
    for kind, line in (("tbx", "1 concept"), ("tsv", "1 glossary entry")):
        result = CliRunner().invoke(cli, ["export", kind, "-o", str(tmp_path / f"x.{kind}"), "--db", str(db)])
        assert result.exit_code == 0 and result.stderr == f"wrote {tmp_path / f'x.{kind}'}: {line}\n", result.output


def test_cli_pair_write_of_one_pair_says_one_pair(fixtures, tmp_path, monkeypatch, root):
    posts = tmp_path / "posts"  # the fixture pair, its translations undeclared
    posts.mkdir()
    for src in (fixtures / "db" / "posts").glob("*.md"):
        text = src.read_text(encoding="utf-8")
        (posts / src.name).write_text(text[:text.index("translations:")] + text[text.index("---", 4):],
                                      encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["pair", str(posts), "--write"])
    assert result.exit_code == 0, result.output
    assert f"{posts}: declared 1 translation pair in 2 post files" in result.stderr.splitlines(), result.stderr


def test_tsv_comment_has_no_full_stop_before_a_semicolon():
    """A note ending its sentence before "; " loses the full stop ("…tīklošana; forms: …", was
    "tīklošana.; forms:"); an abbreviation keeps its point; the comment's last part keeps its own."""
    from lvterm.formats import tsv
    from lvterm.models import Concept, Term, TermForm

    concept = Concept("networking", (
        Term("lv", "tīklošanās", status="admitted", reliability=3, forms=(TermForm("tīklošanos", 2),),
             note="Atgriezeniskais lietvārds; tas pats, kas tīklošana."),
        Term("en", "networking", status="preferred", reliability=3, note="Contacts, events, mailing lists etc.")),
        note="Sk. arī tīkls u.c.")
    (row,) = tsv.rows_from_concepts([concept])
    assert row.comment == ("admitted/preferred; reliability 3; note: Sk. arī tīkls u.c.; lv usage: Atgriezeniskais "
                           "lietvārds; tas pats, kas tīklošana; en usage: Contacts, events, mailing lists etc.; "
                           "forms: tīklošanos")
    plain = Concept("member", (Term("lv", "biedrs", status="preferred"),
                               Term("en", "member", status="preferred", note="Of an association.")))
    assert tsv.rows_from_concepts([plain])[0].comment.endswith("en usage: Of an association.")


def test_held_signals_are_delivered_once_each_to_the_handler_there_was():
    """`fileio.HeldSignals`: SIGTERM (twice) while held reaches the handler set before, once, at
    `release()`; the handler is back afterwards."""
    from lvterm.fileio import HeldSignals

    seen = []

    def handler(signum, frame):
        seen.append(signum)

    before = signal.signal(signal.SIGTERM, handler)
    try:
        held = HeldSignals()
        held.hold()
        os.kill(os.getpid(), signal.SIGTERM)
        os.kill(os.getpid(), signal.SIGTERM)
        assert seen == []
        held.release()
        assert seen == [signal.SIGTERM] and signal.getsignal(signal.SIGTERM) is handler
    finally:
        signal.signal(signal.SIGTERM, before)


def test_serve_names_a_library_as_datasette_does(library_db, tmp_path):
    """A library named `_internal.db` is `_internal_2` to Datasette (its own database is
    `_internal`): the inspect file and the metadata use that name."""
    db = tmp_path / "_internal.db"
    shutil.copy(library_db, db)
    meta_file, inspect_file = servemod.prepare(db)
    assert list(json.loads(inspect_file.read_text(encoding="utf-8"))) == ["_internal_2"]
    assert "_internal_2" in json.loads(meta_file.read_text(encoding="utf-8"))["databases"]
