"""build_library and `lvterm build`: posts -> segments -> beads -> termbase -> one database, atomically."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from lvterm.build import build_library
from lvterm.cli import cli


def _count(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_build_library_report_counts(fixtures, tmp_path):
    report = build_library(corpus=fixtures / "db" / "posts", termbase=fixtures / "db" / "termbase",
                           db_path=tmp_path / "out" / "lvterm.db")
    path = tmp_path / "out" / "lvterm.db"
    assert (report.posts, report.pairs) == (2, 1)
    assert report.segments == _count(path, "select count(*) from segments") >= 10
    assert report.beads == _count(path, "select count(*) from beads") >= 5
    assert _count(path, "select count(*) from concepts where origin = 'curated'") == 3
    assert report.concepts == _count(path, "select count(*) from concepts") >= 3
    assert report.terms == _count(path, "select count(*) from terms") >= 6
    # extraction is merged under the curated entries: curated terms keep their status
    assert _count(path, "select status from terms where term = 'tīklošana'") == "preferred"
    assert _count(path, "select count(*) from occurrences where bead_id is not null") > 0
    # the library and its inspect file (what `lvterm serve` hands Datasette), published together; no temp file
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["lvterm.db", "lvterm.db.inspect.json"]


def test_occurrences_name_the_bead_their_sentence_is_in(fixtures, tmp_path):
    """Every occurrence's bead holds its sentence, as the beads table says (`terms.store.segment_beads`,
    which the build's index thread reads): three pairs and a post without one, built cold and again
    after an edit that moves every later bead id."""
    import sqlite_utils

    from lvterm.terms.store import segment_beads

    posts = tmp_path / "posts"
    posts.mkdir()
    for path in sorted((fixtures / "build" / "posts").glob("*.md")):
        (posts / path.name).write_bytes(path.read_bytes())
    db_path = tmp_path / "lvterm.db"
    for edit in (False, True):
        if edit:  # a sentence more in the first Latvian post: every later bead id moves
            first = sorted(posts.glob("*.lv.md"))[0]
            first.write_text(first.read_text(encoding="utf-8") + "\nBibliotēka strādā arī svētdienās.\n",
                             encoding="utf-8")
        build_library(corpus=posts, termbase=fixtures / "db" / "termbase", db_path=db_path, cache=True)
        db = sqlite_utils.Database(db_path)
        bead_of = segment_beads(db)
        rows = db.execute("select s.post_id, s.idx, o.bead_id, p.translation from occurrences o "
                          "join segments s on s.id = o.segment_id join posts p on p.id = s.post_id").fetchall()
        assert sum(1 for *_, bead, paired in rows if bead is not None and paired) > 20
        assert [bead for _, _, bead, _ in rows] == [bead_of.get((post, idx)) for post, idx, _, _ in rows]
        assert all(bead is None for *_, bead, paired in rows if paired is None)
        db.close()


def test_build_library_replaces_the_old_database_atomically(fixtures, tmp_path):
    path = tmp_path / "lvterm.db"
    build_library(corpus=fixtures / "db" / "posts", termbase=fixtures / "db" / "termbase", db_path=path)
    reader = sqlite3.connect(path)  # a server holding the old file keeps reading it
    before = reader.execute("select count(*) from beads").fetchone()[0]
    (tmp_path / "no-termbase").mkdir()  # an empty termbase folder (a missing one is an error)
    build_library(corpus=fixtures / "db" / "posts", termbase=tmp_path / "no-termbase", db_path=path)
    assert reader.execute("select count(*) from beads").fetchone()[0] == before
    reader.close()
    assert _count(path, "select count(*) from concepts where origin = 'curated'") == 0


def test_build_cli_writes_db_and_inspect_file(fixtures, tmp_path):
    db = tmp_path / "lib.db"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                      str(fixtures / "db" / "termbase"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert db.is_file() and (tmp_path / "lib.db.inspect.json").is_file()
    assert "2 posts" in result.output  # the summary goes to stderr (mixed into output by the runner)


@pytest.mark.parametrize("content, message", [
    ("no front matter\n", "must start with '---'"),
    ("---\nslug: x\nlang: lv\n---\n\nText.\n", "lacks 'title'"),
])
def test_build_cli_bad_post_is_one_line_error(tmp_path, content, message):
    corpus = tmp_path / "posts"
    corpus.mkdir()
    (corpus / "x.lv.md").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "x.lv.md" in lines[0]
    assert not (tmp_path / "l.db").exists()


def test_build_cli_missing_corpus_is_one_line_error(tmp_path):
    result = CliRunner().invoke(cli, ["build", "--corpus", str(tmp_path / "nope"), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 2 and "corpus folder does not exist" in result.output
    assert "Traceback" not in result.output


def test_build_cli_unusable_database_folder_is_one_line_error(fixtures, tmp_path):
    blocker = tmp_path / "build"
    blocker.write_text("a file where the folder should be\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"),
                                      "--db", str(blocker / "lvterm.db")])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "cannot create the database folder" in lines[0] and str(blocker) in lines[0]


def test_build_cli_unreadable_post_is_one_line_error(fixtures, tmp_path):
    corpus = tmp_path / "posts"
    corpus.mkdir()
    for post in (fixtures / "db" / "posts").glob("*.md"):
        (corpus / post.name).write_bytes(post.read_bytes())
    (corpus / "notes.lv.md").mkdir()  # a folder that looks like a post file
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "notes.lv.md: cannot read" in lines[0]
    assert not (tmp_path / "l.db").exists()


def test_build_library_real_corpus(root, tmp_path):
    posts = sorted((root / "corpus" / "posts").glob("*.md"))
    if len(posts) < 2:
        pytest.skip("the corpus pair is not in corpus/posts yet")
    path = tmp_path / "lvterm.db"
    report = build_library(corpus=root / "corpus" / "posts", termbase=root / "termbase", db_path=path)
    assert report.pairs >= 1 and report.beads >= 15
    conn = sqlite3.connect(path)
    author = conn.execute("select author from posts where lang = 'lv'").fetchone()[0]
    conn.close()
    assert author == "Dace Ūdre"


def test_build_library_post_whose_translation_is_missing_builds_alone(fixtures, tmp_path, caplog):
    corpus = tmp_path / "posts"
    corpus.mkdir()
    lv_post = fixtures / "db" / "posts" / "biedribas-dzive.lv.md"
    (corpus / lv_post.name).write_text(lv_post.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "lvterm.db"
    with caplog.at_level("WARNING", logger="lvterm.build"):
        report = build_library(corpus=corpus, termbase=fixtures / "db" / "termbase", db_path=path)
    assert (report.posts, report.pairs, report.beads) == (1, 0, 0)
    assert _count(path, "select translation from posts") is None
    assert "its translation biedribas-dzive.en is not in the corpus" in caplog.text


def test_build_hands_the_gil_over_quickly_and_restores_the_interval(fixtures, tmp_path, monkeypatch):
    """Inside the build Python's thread switch interval is `SWITCH_INTERVAL` (the index thread's
    statements wait less for the GIL); the caller's interval is back afterwards, also after an error."""
    import sys

    from lvterm import build as B

    seen = []
    real = B._build_library
    monkeypatch.setattr(B, "_build_library", lambda **kw: seen.append(sys.getswitchinterval()) or real(**kw))
    before = sys.getswitchinterval()
    build_library(corpus=fixtures / "db" / "posts", termbase=fixtures / "db" / "termbase", db_path=tmp_path / "a.db")
    with pytest.raises(Exception):
        build_library(corpus=tmp_path / "missing", termbase=fixtures / "db" / "termbase", db_path=tmp_path / "b.db")
    assert seen == [B.SWITCH_INTERVAL] * 2 and B.SWITCH_INTERVAL < before
    assert sys.getswitchinterval() == before


def test_builds_at_once_share_the_switch_interval():
    """Two builds overlapping in one process (A starts, B starts, A ends, B ends): the interval
    stays short until the last one ends, then the caller's is back."""
    import sys

    from lvterm import build as B

    before = sys.getswitchinterval()
    a, b = B.quick_handover(), B.quick_handover()
    a.__enter__()
    b.__enter__()
    a.__exit__(None, None, None)
    assert sys.getswitchinterval() == B.SWITCH_INTERVAL
    b.__exit__(None, None, None)
    assert sys.getswitchinterval() == before
