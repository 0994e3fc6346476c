"""Bad post files in a build: every one is named, one line each (file and line), the build fails
with exit code 2, and the previous library and the build cache are left as they were. The good
posts are tests/fixtures/build/posts (three post pairs and one Latvian post without a pair)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_build_incremental import copy_corpus

from lvterm.build import build_library
from lvterm.errors import InputError

NO_FRONT_MATTER = "no front matter\n"
NO_TITLE = "---\nslug: zeta\nlang: en\n---\n\nText.\n"


@pytest.fixture
def built(fixtures, tmp_path):
    """A corpus and its library, built with the cache: what a bad edit must leave intact."""
    corpus = copy_corpus(fixtures, tmp_path / "posts")
    termbase = fixtures / "db" / "termbase"
    db = tmp_path / "lib" / "lvterm.db"
    build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    return corpus, termbase, db


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_bad_posts_cli_names_every_bad_file_and_keeps_the_library(built):
    corpus, termbase, db = built
    before = _snapshot(db.parent)  # the library and the cache
    (corpus / "alpha.lv.md").write_text(NO_FRONT_MATTER, encoding="utf-8")  # the first file read
    (corpus / "zeta.en.md").write_text(NO_TITLE, encoding="utf-8")  # the last
    lvterm = Path(sys.executable).with_name("lvterm")
    done = subprocess.run([str(lvterm), "build", "--corpus", str(corpus), "--termbase", str(termbase),
                           "--db", str(db), "--workers", "1"], capture_output=True, text=True, timeout=600,
                          check=False)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"lvterm: {corpus / 'alpha.lv.md'}:1: post file must start with '---' front matter",
        f"lvterm: {corpus / 'zeta.en.md'}:2: front matter lacks 'title' (and 1 more bad post file named above)",
    ]
    assert _snapshot(db.parent) == before  # nothing computed, cached or written


def test_build_bad_posts_every_kind_is_named_once(built, caplog):
    corpus, termbase, db = built
    before = _snapshot(db.parent)
    bad = {
        "alpha.lv.md": NO_FRONT_MATTER,
        "beta.lv.md": b"---\nslug: beta\nlang: lv\ntitle: B\n---\n\nTeksts \xff.\n",  # not UTF-8
        "gamma.lv.md": "---\nslug: ../gamma\nlang: lv\ntitle: G\n---\n\nTeksts.\n",  # not a slug
        "delta.lv.md": "---\nslug: [delta\n---\n\nTeksts.\n",  # bad YAML
        "epsilon.lv.md": None,  # a folder where a post file should be
        "zeta.en.md": NO_TITLE,
    }
    for name, content in bad.items():
        path = corpus / name
        if content is None:
            path.mkdir()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (corpus / "konference-copy.lv.md").write_bytes((corpus / "konference.lv.md").read_bytes())  # a second konference.lv
    with caplog.at_level("ERROR"), pytest.raises(InputError) as err:
        build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    lines = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] + [str(err.value)]
    named = [line.split(":")[0] for line in lines]
    # the files in the order they are read, then the second file declaring a post
    assert named == [str(corpus / name) for name in sorted(bad)] + [str(corpus / "konference.lv.md")], lines
    assert "declares post 'konference.lv'" in lines[-1] and "konference-copy.lv.md" in lines[-1]
    assert lines[-1].endswith("(and 6 more bad post files named above)")
    said = dict(zip(sorted(bad), lines))
    assert said["alpha.lv.md"].endswith(":1: post file must start with '---' front matter")
    assert said["beta.lv.md"].endswith(":7: not UTF-8 text") and ":2: bad YAML" in said["delta.lv.md"]
    assert said["epsilon.lv.md"].endswith(": cannot read: Is a directory")
    assert ":2: slug '../gamma' is not a slug" in said["gamma.lv.md"]
    assert said["zeta.en.md"].endswith(":2: front matter lacks 'title'")
    assert _snapshot(db.parent) == before


def test_build_bad_posts_all_bad_are_all_named(tmp_path, caplog):
    corpus = tmp_path / "posts"
    corpus.mkdir()
    (corpus / "a.lv.md").write_text(NO_FRONT_MATTER, encoding="utf-8")
    (corpus / "b.en.md").write_text(NO_TITLE, encoding="utf-8")
    with caplog.at_level("ERROR"), pytest.raises(InputError, match=r"b\.en\.md:2: front matter lacks 'title' "
                                                                    r"\(and 1 more bad post file named above\)"):
        build_library(corpus=corpus, db_path=tmp_path / "l.db")
    assert [r.getMessage() for r in caplog.records] == [
        f"{corpus / 'a.lv.md'}:1: post file must start with '---' front matter"]
    assert not (tmp_path / "l.db").exists()


def test_build_bad_posts_fixed_then_built(built):
    """After the bad files are fixed, the build succeeds and computes only what changed."""
    corpus, termbase, db = built
    bad = corpus / "zeta.en.md"
    bad.write_text(NO_TITLE, encoding="utf-8")
    with pytest.raises(InputError):
        build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    bad.write_text(NO_TITLE.replace("lang: en\n", "lang: en\ntitle: Zeta\n"), encoding="utf-8")
    report = build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    assert (report.posts, report.cached, report.computed) == (8, 4, 1)
