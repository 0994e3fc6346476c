"""Parallel and distributed builds: the per-post work on Dask (local processes or a cluster at
--scheduler), the same library whatever the worker count; a worker that dies mid-build is one line
naming its posts, the other posts are still computed (and cached), and the build then fails
without touching the previous library.

The corpus is tests/fixtures/build/posts (three post pairs, one post without a pair)."""
from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm import buildunits
from lvterm.build import build_library
from lvterm.cli import cli
from lvterm.errors import LvtermError
from lvterm.parallel import run_tasks

MARK = "Nākamā konference"  # a sentence of konference.lv.md: the worker computing that pair dies


def _corpus(fixtures: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in sorted((fixtures / "build" / "posts").glob("*.md")):
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def _tables(path: Path) -> dict[str, list[tuple]]:
    from lvterm import schema

    conn = sqlite3.connect(path)
    try:
        return {t.name: conn.execute(f"select * from [{t.name}] order by rowid").fetchall() for t in schema.TABLES}
    finally:
        conn.close()


REAL_WORK_UNIT = buildunits.work_unit


def dying_work_unit(sides, dictionary):
    """`work_unit`, except that the process computing the post with MARK dies at once."""
    if any(MARK in p for _, paragraphs in sides for p in paragraphs):
        os._exit(17)
    return REAL_WORK_UNIT(sides, dictionary)


def raising_work_unit(sides, dictionary):
    """`work_unit`, except that it raises on the post with MARK."""
    if any(MARK in p for _, paragraphs in sides for p in paragraphs):
        raise RuntimeError("cannot segment")
    return REAL_WORK_UNIT(sides, dictionary)


def failing_item(item, shared):
    if item == "bad":
        raise ValueError("no good")
    if item == "die":
        os._exit(3)
    return f"{item}{shared}"


@pytest.fixture(scope="module")
def cluster():
    """A Dask cluster of two worker processes, reached by its tcp:// address like a remote one."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.CRITICAL) as c:
        yield c


def test_build_parallel_one_two_workers_and_a_scheduler_give_the_same_library(fixtures, tmp_path, cluster):
    corpus = _corpus(fixtures, tmp_path / "posts")
    termbase = fixtures / "db" / "termbase"
    one = build_library(corpus=corpus, termbase=termbase, db_path=tmp_path / "one.db", workers=1)
    assert one.workers == 1 and one.computed == 4
    two = build_library(corpus=corpus, termbase=termbase, db_path=tmp_path / "two.db", workers=2)
    assert two.workers == 2 and two.computed == 4
    result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--termbase", str(termbase), "--db",
                                      str(tmp_path / "dist.db"), "--no-cache", "--scheduler",
                                      cluster.scheduler_address])
    assert result.exit_code == 0, result.output
    reference = _tables(tmp_path / "one.db")
    assert reference["beads"] and reference["terms"] and reference["occurrences"]
    for other in ("two.db", "dist.db"):
        tables = _tables(tmp_path / other)
        for name in reference:
            assert tables[name] == reference[name], f"{name} differs in {other}"


def test_build_parallel_worker_death_names_the_post_and_keeps_the_old_library(fixtures, tmp_path, monkeypatch,
                                                                                caplog):
    import cloudpickle

    cloudpickle.register_pickle_by_value(__import__(__name__))  # workers need not import this test module
    corpus = _corpus(fixtures, tmp_path / "posts")
    termbase = fixtures / "db" / "termbase"
    db = tmp_path / "lvterm.db"
    build_library(corpus=corpus, termbase=termbase, db_path=db, workers=1)  # the library being served
    before = db.read_bytes(), (tmp_path / "lvterm.db.inspect.json").read_bytes()
    monkeypatch.setattr(buildunits, "work_unit", dying_work_unit)
    with caplog.at_level("ERROR", logger="lvterm.build"), pytest.raises(LvtermError) as info:
        build_library(corpus=corpus, termbase=termbase, db_path=db, workers=2, cache=True)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1, errors
    assert "konference.lv.md" in errors[0] and "konference.en.md" in errors[0] and "died" in errors[0]
    assert "1 of 4 post units failed" in str(info.value) and "left as it was" in str(info.value)
    # the previous library and its inspect file, intact; nothing half-written
    assert (db.read_bytes(), (tmp_path / "lvterm.db.inspect.json").read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "lvterm.db", "lvterm.db.inspect.json", "posts"]
    assert len(list((tmp_path / "cache").glob("*.json.gz"))) == 3  # the rest was built and kept

    monkeypatch.undo()  # the real work again
    report = build_library(corpus=corpus, termbase=termbase, db_path=db, workers=2, cache=True)
    assert (report.cached, report.computed) == (3, 1)  # only the pair that failed is computed again


def test_build_parallel_cli_failing_post_is_one_line_and_exit_2(fixtures, tmp_path, monkeypatch, caplog):
    corpus = _corpus(fixtures, tmp_path / "posts")
    monkeypatch.setattr(buildunits, "work_unit", raising_work_unit)
    with caplog.at_level("ERROR", logger="lvterm.build"):
        result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--termbase",
                                          str(fixtures / "db" / "termbase"), "--db", str(tmp_path / "lvterm.db"),
                                          "--workers", "1"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "1 of 4 post units failed" in lines[0], lines
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and "konference.lv.md" in errors[0] and "RuntimeError: cannot segment" in errors[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "posts"]  # no library, nothing half-written
    assert len(list((tmp_path / "cache").glob("*.json.gz"))) == 3


def test_build_parallel_run_tasks_keeps_order_and_reports_each_failure():
    items = ["a", "bad", "c"]
    seen = []
    out = run_tasks(failing_item, items, shared="!", workers=1, on_result=lambda i, o: seen.append(i))
    assert [o.value for o in out] == ["a!", None, "c!"]
    assert out[1].error == "ValueError: no good" and out[0].ok and not out[1].ok
    assert seen == [0, 1, 2]


def test_build_parallel_run_tasks_on_local_processes_survives_a_dying_worker():
    import cloudpickle

    cloudpickle.register_pickle_by_value(__import__(__name__))
    items = [f"x{i}" for i in range(6)] + ["die"]
    out = run_tasks(failing_item, items, shared="?", workers=2)
    assert [o.value for o in out[:6]] == [f"x{i}?" for i in range(6)]
    assert out[6].error == "the worker process running it died"


def test_build_parallel_chunks_keep_each_items_outcome_and_a_death_takes_one_item():
    """Items travel in chunks (several per task); an item's error stays its own, and a worker that
    dies running a chunk takes only the item that killed it: the chunk's others are sent again."""
    import cloudpickle

    from lvterm.parallel import chunk_size

    cloudpickle.register_pickle_by_value(__import__(__name__))
    items = [f"x{i}" for i in range(48)]
    items[20], items[33] = "bad", "die"
    assert chunk_size(len(items), 2) == 3  # so chunks hold the bad and the dying item with others
    seen = []
    out = run_tasks(failing_item, items, shared="?", workers=2, on_result=lambda i, o: seen.append(i))
    assert sorted(seen) == list(range(48))
    assert out[20].error == "ValueError: no good"
    assert out[33].error == "the worker process running it died"
    assert [o.value for i, o in enumerate(out) if i not in (20, 33)] == [f"{x}?" for x in items if x[0] == "x"]


def test_build_parallel_chunk_size_bounds():
    from lvterm.parallel import MAX_CHUNK, chunk_size

    assert chunk_size(1, 2) == chunk_size(15, 2) == 1  # few items: one a task, every worker busy
    assert chunk_size(1000, 2) == MAX_CHUNK and chunk_size(10**6, 64) == MAX_CHUNK
    assert chunk_size(160, 4) == 5


def test_build_parallel_bad_scheduler_address_is_one_line(fixtures, tmp_path):
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "build" / "posts"), "--termbase",
                                      str(fixtures / "db" / "termbase"), "--db", str(tmp_path / "lvterm.db"),
                                      "--no-cache", "--scheduler", "no-port-here"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the Dask scheduler no-port-here" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_build_parallel_cli_options_are_documented():
    result = CliRunner().invoke(cli, ["build", "--help"])
    for option in ("--workers", "--scheduler", "--no-cache"):
        assert option in result.output
    result = CliRunner().invoke(cli, ["build", "--workers", "0"])
    assert result.exit_code == 2 and "--workers" in result.output


def test_build_parallel_automatic_workers_only_for_work_that_repays_them():
    # measured on 2 cores: break-even near 600 post pairs; fewer units run in the build's process
    from lvterm.build import min_parallel_units

    assert min_parallel_units(2) == 600 and min_parallel_units(1) == 1200
    assert min_parallel_units(16) == 75 and min_parallel_units(1000) == 8
