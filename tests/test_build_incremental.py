"""Incremental builds: per-post work cached in build/cache/, the library identical to a full build.

The corpus is tests/fixtures/build/posts: three post pairs and one Latvian post without a pair."""
from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm import schema
from lvterm.build import build_library
from lvterm.buildcache import WORK_CODE, BuildCache, content_key
from lvterm.cli import cli



def copy_corpus(fixtures: Path, folder: Path) -> Path:
    """tests/fixtures/build/posts: three Latvian posts with their English translations and one
    Latvian post without a pair (own sentences about libraries), copied to `folder`."""
    folder.mkdir(parents=True)
    for path in sorted((fixtures / "build" / "posts").glob("*.md")):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


@pytest.fixture
def corpus(fixtures, tmp_path) -> Path:
    return copy_corpus(fixtures, tmp_path / "posts")


@pytest.fixture
def termbase(fixtures) -> Path:
    return fixtures / "db" / "termbase"


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every declared table of a library, row by row (as tests/test_build_deterministic.py compares)."""
    conn = sqlite3.connect(path)
    try:
        return {t.name: conn.execute(f"select * from [{t.name}] order by rowid").fetchall() for t in schema.TABLES}
    finally:
        conn.close()


def assert_same_library(a: Path, b: Path) -> None:
    first, second = tables(a), tables(b)
    assert first["segments"] and first["beads"] and first["terms"] and first["occurrences"]
    for name in first:
        assert first[name] == second[name], f"{name} differs"


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json.gz"))


def forget_proposals(cache: Path) -> None:
    """Remove the cache's term-proposals entry: a rebuild then reads the whole value of every
    unchanged pair (it reads only their proposals otherwise)."""
    from lvterm.build import _Aux

    for shard in range(_Aux.SHARDS):
        (cache / "corpus" / f"{_Aux.key(_Aux.PROPOSALS, shard)}.json.gz").unlink()


def test_build_incremental_edit_one_post_recomputes_its_pair_only(corpus, termbase, tmp_path):
    db, cache = tmp_path / "inc" / "lvterm.db", tmp_path / "inc" / "cache"
    first = build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    assert (first.cached, first.computed) == (0, 4)  # three pairs and the post without a pair
    assert len(_cache_files(cache)) == 4
    again = build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    assert (again.cached, again.computed) == (4, 0)

    en = corpus / "konference.en.md"
    en.write_text(en.read_text(encoding="utf-8").replace("in May 2025", "in June 2025"), encoding="utf-8")
    edited = build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    assert (edited.cached, edited.computed) == (3, 1)
    assert len(_cache_files(cache)) == 4  # the entry of the old text is pruned

    full = tmp_path / "full" / "lvterm.db"
    build_library(corpus=corpus, termbase=termbase, db_path=full, cache=False, workers=1)
    assert not (tmp_path / "full" / "cache").exists()  # no cache: nothing read or written
    assert_same_library(db, full)
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from segments where text like '%June 2025%'").fetchone()[0] == 1
    conn.close()


def test_build_incremental_deleted_post_and_termbase_change(corpus, termbase, tmp_path):
    db = tmp_path / "lvterm.db"
    build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    (corpus / "digitalizacija.en.md").unlink()  # its Latvian post is now alone: a new unit
    report = build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    assert (report.cached, report.computed, report.pairs) == (3, 1, 2)
    assert len(_cache_files(tmp_path / "cache")) == 4

    # another termbase: a pair depends on the curated entries whose words its text has (here one
    # pair's change: `builddict`), the posts alone on none
    other = tmp_path / "termbase"
    other.mkdir()
    (other / "extra.yml").write_text("subject_field: bibliotēkas\nconcepts:\n  - id: lasitava\n    lv: [lasītava]\n"
                                     "    en: [reading room]\n", encoding="utf-8")
    changed = build_library(corpus=corpus, termbase=other, db_path=db, cache=True, workers=1)
    assert (changed.cached, changed.computed) == (3, 1)
    full = tmp_path / "full.db"
    build_library(corpus=corpus, termbase=other, db_path=full, workers=1)
    assert_same_library(db, full)


def _entry(path: Path) -> dict:
    return json.loads(gzip.decompress(path.read_bytes()))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other-version", "other-format", "other-key"])
def test_build_incremental_bad_cache_file_is_one_warning_and_recomputed(corpus, termbase, tmp_path, caplog, damage):
    db, cache = tmp_path / "lvterm.db", tmp_path / "cache"
    build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    reference = tables(db)
    victim = _cache_files(cache)[0]
    entry = _entry(victim)
    forget_proposals(cache)  # (else a rebuild reads only the unchanged pairs' proposals)
    if damage == "garbage":
        victim.write_bytes(b"\x00not a cache file\xff" * 10)
    elif damage == "truncated":
        victim.write_bytes(victim.read_bytes()[:40])
    else:
        field, value = {"other-version": ("version", "0.0.1"), "other-format": ("format", 999),
                        "other-key": ("key", "0" * 64)}[damage]
        entry[field] = value
        victim.write_bytes(gzip.compress(json.dumps(entry).encode()))
    caplog.clear()
    with caplog.at_level("WARNING"):
        report = build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING" and "cache file" in r.getMessage()]
    assert len(warnings) == 1 and str(victim) in warnings[0], warnings
    assert ("another version" in warnings[0]) == damage.startswith("other-v") or damage == "other-format"
    assert (report.cached, report.computed) == (3, 1)
    assert tables(db) == reference
    assert _entry(victim)["value"] == entry["value"]  # rewritten, readable again
    caplog.clear()
    with caplog.at_level("WARNING"):
        build_library(corpus=corpus, termbase=termbase, db_path=db, cache=True, workers=1)
    assert "cache file" not in caplog.text


def test_build_incremental_unwritable_cache_still_builds(corpus, termbase, tmp_path, caplog):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        report = build_library(corpus=corpus, termbase=termbase, db_path=tmp_path / "lvterm.db", cache=True,
                               workers=1)
    assert report.pairs == 3 and report.computed == 4
    lines = [r.getMessage() for r in caplog.records if "cannot write the build cache" in r.getMessage()]
    assert len(lines) == 1 and str(blocker) in lines[0]


def test_build_incremental_cli_uses_the_cache_and_no_cache_skips_it(corpus, termbase, tmp_path):
    db = tmp_path / "out" / "lvterm.db"
    args = ["build", "--corpus", str(corpus), "--termbase", str(termbase), "--db", str(db), "--workers", "1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "from the cache" not in result.output  # nothing came from an earlier build
    assert len(_cache_files(tmp_path / "out" / "cache")) == 4
    stamp = {p.name: p.stat().st_mtime_ns for p in _cache_files(tmp_path / "out" / "cache")}
    result = CliRunner().invoke(cli, args)  # again: every unit cached, every post's rows copied
    assert result.exit_code == 0, result.output
    assert ("terms (0 of 4 post units computed, the rest from the cache; the rows of 7 posts copied from the "
            "previous library); 7 downloads") in result.output, result.output
    other = tmp_path / "other" / "lvterm.db"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--termbase", str(termbase), "--db",
                                      str(other), "--no-cache", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "other" / "cache").exists()
    assert {p.name: p.stat().st_mtime_ns for p in _cache_files(tmp_path / "out" / "cache")} == stamp
    assert_same_library(db, other)


def test_build_incremental_cache_keys_and_entries(tmp_path):
    assert content_key("a", [1, 2]) == content_key("a", (1, 2)) != content_key("a", [2, 1])
    store = BuildCache(tmp_path / "c")
    key = content_key("unit")
    assert store.get(key) is None and store.misses == 1
    store.put(key, {"x": [1, 2.5, "ā"]})
    assert BuildCache(tmp_path / "c").get(key) == {"x": [1, 2.5, "ā"]}
    assert [p.name for p in (tmp_path / "c").iterdir()] == [f"{key}.json.gz"]  # no temp file left
    assert store.prune([]) == 1 and list((tmp_path / "c").iterdir()) == []


def test_build_incremental_get_many_is_get_of_each(tmp_path, caplog):
    """Files read ahead in another thread: the same values, misses, warnings and counts, in order."""
    store = BuildCache(tmp_path / "c")
    keys = [content_key("unit", n) for n in range(40)]
    for n, key in enumerate(keys):
        if n % 5:
            store.put(key, {"n": n})
    store.path(keys[7]).write_bytes(b"not gzip")
    valid = lambda key: (lambda value: value["n"] != 13)  # noqa: E731 - a value "that cannot be"
    with caplog.at_level("WARNING"):
        many = list(BuildCache(tmp_path / "c").get_many(keys, valid=valid))
    warned = [r.getMessage() for r in caplog.records]
    one_by_one = BuildCache(tmp_path / "c")
    assert many == [one_by_one.get(key, valid=valid(key)) for key in keys]
    assert [n for n, v in enumerate(many) if v is None] == [0, 5, 7, 10, 13, 15, 20, 25, 30, 35]
    assert warned == [f"{store.path(keys[7])}: cache file is damaged (not gzip-compressed JSON); recomputed",
                      f"{store.path(keys[13])}: cache file is damaged (a value that cannot be right for its key); "
                      "recomputed"]
    assert (one_by_one.hits, one_by_one.misses, one_by_one.rejected) == (30, 8, 2)


def test_build_incremental_damaged_deflate_data_is_one_warning(tmp_path, caplog):
    """A gzip file whose compressed body is damaged (zlib.error, not an OSError) is a damaged
    entry like any other: one warning, recomputed; before, it stopped the build with a traceback."""
    store = BuildCache(tmp_path / "c")
    key = content_key("unit")
    store.put(key, {"x": "y" * 5000})
    good = store.path(key).read_bytes()
    store.path(key).write_bytes(good[:10] + bytes([0xFF]) + good[11:])
    with caplog.at_level("WARNING"):
        assert store.get(key) is None and list(store.get_many([key])) == [None]
    assert [r.getMessage() for r in caplog.records] == [
        f"{store.path(key)}: cache file is damaged (not gzip-compressed JSON); recomputed"] * 2


def test_build_incremental_fingerprint_covers_the_work(tmp_path):
    """The cache's code fingerprint hashes WORK_CODE: the per-post work imports nothing else of lvterm."""
    code = ("import sys, json; from lvterm.build import work_unit; "
            "work_unit([('lv', ['Bibliotēka ir atvērta.']), ('en', ['The library is open.'])], [('bibliotēka', 'library')]); "
            "print(json.dumps(sorted(m for m in sys.modules if m == 'lvterm' or m.startswith('lvterm.'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    covered = {p.removesuffix(".py") for p in WORK_CODE}
    outside = [m for m in json.loads(done.stdout) if m != "lvterm" and m.split(".")[1] not in covered]
    assert not outside, f"add to buildcache.WORK_CODE: {outside}"


def test_build_incremental_fingerprint_ignores_the_site_texts(tmp_path, monkeypatch):
    """data/metadata.yml links to the site's metadata.yml: editing a page's description must not
    throw the whole build cache away (the fingerprint followed the link)."""
    import shutil

    from lvterm import buildcache

    package = Path(buildcache.__file__).resolve().parent
    copy = tmp_path / "lvterm"
    shutil.copytree(package, copy, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "metadata.yml"
    site.write_text("title: one\n", encoding="utf-8")
    (copy / "data" / "metadata.yml").unlink()
    (copy / "data" / "metadata.yml").symlink_to(site)
    monkeypatch.setattr(buildcache, "__file__", str(copy / "buildcache.py"))
    buildcache.code_fingerprint.cache_clear()
    before = buildcache.code_fingerprint()
    site.write_text("title: two\n", encoding="utf-8")
    buildcache.code_fingerprint.cache_clear()
    assert buildcache.code_fingerprint() == before
    (copy / "constants.py").write_text((copy / "constants.py").read_text() + "\n# edited\n")
    buildcache.code_fingerprint.cache_clear()
    assert buildcache.code_fingerprint() != before  # (the work's own files still count)
    buildcache.code_fingerprint.cache_clear()
