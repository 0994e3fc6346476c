"""Shared fixtures. Fixtures are built inside the project; anything reading ../shared skips when absent."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (development data) is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def schemas() -> Path:
    """tests/schemas: the TMX 1.4 DTD and the TBX schemas, published standards copied into the
    project (see tests/schemas/NOTICE.md), so format validation never needs ../shared."""
    return Path(__file__).resolve().parent / "schemas"


# --- terms: extraction and pairing ------------------------------------------------------


@pytest.fixture(scope="session")
def terms_bitext() -> tuple[list[str], list[str]]:
    """tests/fixtures/terms/library.lv and .en: 18 line-aligned sentences about a library."""
    d = FIXTURES / "terms"
    return ((d / "library.lv").read_text(encoding="utf-8").splitlines(),
            (d / "library.en").read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="session")
def terms_gold() -> list[dict[str, str]]:
    """The hand-made gold terms of library.lv: lv canonical form, en equivalent, forms (|)."""
    import csv

    with open(FIXTURES / "terms" / "library.gold.tsv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


# --- localisation ---------------------------------------------------------------------


@pytest.fixture
def localise_db(tmp_path) -> Path:
    """A tiny built library (tests/fixtures/po/library.sql) for the localisation and TMX tests: the
    tables as the build declares them (lvterm.schema), then the fixture's rows."""
    import sqlite3

    from lvterm import schema

    path = tmp_path / "lvterm.db"
    conn = sqlite3.connect(path)
    schema.create_tables(conn)
    conn.executescript((FIXTURES / "po" / "library.sql").read_text(encoding="utf-8"))
    schema.finish_tables(conn)
    conn.commit()
    conn.close()
    return path


# --- library: build, serve --------------------------------------------------------------


@pytest.fixture(scope="session")
def library_db(tmp_path_factory) -> Path:
    """The library database built from tests/fixtures/db (two posts, a small termbase), once per session."""
    from lvterm.build import build_library

    path = tmp_path_factory.mktemp("library") / "lvterm.db"
    build_library(corpus=FIXTURES / "db" / "posts", termbase=FIXTURES / "db" / "termbase", db_path=path)
    return path


@pytest.fixture
def lv_post_library(tmp_path) -> Path:
    """A library of the Latvian fixture post alone (tests/fixtures/db), without a termbase, at
    tmp_path/site/lvterm.db: what a build of the fixture pair replaces."""
    import shutil

    from lvterm.build import build_library

    empty, posts = tmp_path / "no-termbase", tmp_path / "lv-post"
    empty.mkdir()
    posts.mkdir()
    shutil.copy(FIXTURES / "db" / "posts" / "biedribas-dzive.lv.md", posts)
    db = tmp_path / "site" / "lvterm.db"
    db.parent.mkdir()
    build_library(corpus=posts, termbase=empty, db_path=db)
    return db


@pytest.fixture(scope="session")
def repo_library(tmp_path_factory) -> Path:
    """The repository's own library (corpus/posts + termbase/) built as `lvterm build` builds it, with
    its downloads beside it, once per session. Built from the repository folder, so file references
    read `corpus/posts/...` and `termbase/...` as in the committed locale/."""
    import os

    from lvterm import Library

    path = tmp_path_factory.mktemp("repo-library") / "lvterm.db"
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        Library(path).build(corpus="corpus/posts", termbase="termbase")
    finally:
        os.chdir(here)
    return path
