"""A failed query must not stall the event loop (issue 10, item 2).

A query that fails (a bounded function refusing its input, the time limit, a syntax error) left its
cursor alive in the exception's traceback; the event loop freed it later, and freeing it waits for
the SQLite connection, which the SQL thread is by then using for its next query: the whole server
stood still until that query ended (benchmarks/server_stress.py: p99 of term_lookup ~1 s)."""
from __future__ import annotations

import asyncio
import gc
import sqlite3
import threading

import pytest

FAILING = [
    "select lv_stem(printf('%.*c', 30000, 'a'))",  # a bounded function refuses its argument
    "select length(printf('%.*c', 300000000, 'x'))",  # the bounded printf refuses the width
    "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c",  # time limit
    "select nosuchcolumn from terms",
]


@pytest.fixture()
def ds(library_db):
    from datasette.app import Datasette

    from lvterm.serve import SETTINGS, metadata_for

    settings = {k: (v == "on") if v in ("on", "off") else v for k, v in SETTINGS.items()}
    settings["num_sql_threads"] = 1  # one SQL thread: every query uses the same connection
    return Datasette([], immutables=[str(library_db)], metadata=metadata_for(library_db), settings=settings)


def _cursors_in(exc: BaseException) -> list:
    found, seen = [], set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        tb = exc.__traceback__
        while tb is not None:
            found += [v for v in tb.tb_frame.f_locals.values() if isinstance(v, sqlite3.Cursor)]
            tb = tb.tb_next
        exc = exc.__cause__ or exc.__context__
    return found


@pytest.mark.parametrize("sql", FAILING)
def test_a_failed_query_hands_no_cursor_to_the_event_loop(ds, sql):
    async def run():
        await ds.invoke_startup()
        with pytest.raises(Exception) as failed:
            await ds.get_database("lvterm").execute(sql)
        return failed.value

    assert _cursors_in(asyncio.run(run())) == []


def test_dropping_a_failed_query_does_not_wait_for_the_next_query(ds):
    """The event loop drops a failed query's exception while the SQL thread runs another query on
    the same connection; that query waits until the loop has dropped it. Before the fix, dropping
    it waited for the connection, held by that query: neither moved until the query gave up."""
    from datasette.database import QueryInterrupted

    started, go = threading.Event(), threading.Event()

    def busy(conn):
        def wait_for_go():
            started.set()
            return int(go.wait(10))  # 1: the loop went on; 0: it was stuck

        conn.create_function("wait_for_go", 0, wait_for_go)
        return conn.execute("select wait_for_go()").fetchone()[0]

    async def run():
        await ds.invoke_startup()
        db = ds.get_database("lvterm")
        failed = []
        try:  # stopped by the time limit
            await db.execute(FAILING[2], custom_time_limit=50)
        except QueryInterrupted as exc:
            failed.append(exc)
        assert failed
        task = asyncio.ensure_future(db.execute_fn(busy))
        assert await asyncio.get_running_loop().run_in_executor(None, started.wait, 10)
        failed.clear()  # the loop drops the failed query (with its cursor, before the fix);
        gc.collect()  # it may sit in a reference cycle, which the collector frees on this thread
        go.set()
        return await task

    assert asyncio.run(run()) == 1


def test_a_refused_argument_is_one_log_line_not_a_traceback(tmp_path):
    """Datasette turns on sqlite3's callback tracebacks; a refused argument must not print one."""
    import subprocess
    import sys

    script = (
        "import logging, sqlite3, sys\n"
        "logging.basicConfig(level=logging.INFO, stream=sys.stderr, format='%(message)s')\n"
        "import datasette.utils.sqlite\n"  # enables callback tracebacks, as a running server has
        "from lvterm import datasette_plugin as p\n"
        "p._quiet_refusals()\n"
        "conn = sqlite3.connect(':memory:')\n"
        "n, fn = p.sql_functions()['lv_stem']\n"
        "conn.create_function('lv_stem', n, fn)\n"
        "for arg in ('x' * 10_000_000, None):\n"
        "    try:\n"
        "        conn.execute('select lv_stem(?)', (arg,)).fetchall()\n"
        "    except sqlite3.OperationalError as exc:\n"
        "        print('error:', exc)\n"
        "conn.create_function('broken', 0, lambda: 1 / 0)\n"
        "try:\n"
        "    conn.execute('select broken()').fetchall()\n"
        "except sqlite3.OperationalError:\n"
        "    pass\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "error: user-defined function raised exception" in run.stdout
    refused, rest = run.stderr.split("Exception ignored", 1)
    assert refused.strip().startswith("refused: lv_stem: argument longer than") and "Traceback" not in refused
    assert "Traceback" in rest and "ZeroDivisionError" in rest  # any other error keeps its traceback
