"""A public instance answering anyone's SQL: bounds on values and on our SQL functions' arguments
(`Refused`, `TooLong`, `_bounded`, `bounded_printf`), the time limit and the GIL given way
(`sqlite_timelimit`, `_yield_now_and_then`), Datasette's internals patched at startup (`_patch_*`),
and the plugin's log lines (`_quiet_refusals`, `log_to_stderr`)."""
from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import sys
import threading
import time

from ..textio import to_nfc


#: A public instance answers anyone's SQL: no value may grow past this (SQLite's own length limit,
#: so printf('%.*c', 300000000, 'x') or zeroblob(1e9) is an error, not gigabytes of memory).
MAX_VALUE_BYTES = 4_000_000
#: Longest text our SQL functions take (a paragraph is a few thousand characters; a term < 200).
#: Past it they raise: one call is then bounded to milliseconds, so Datasette's time limit (a
#: progress handler, which only runs between SQLite instructions) stops any query in time.
MAX_FUNCTION_CHARS = {"fold": 20_000, "stem": 20_000, "fts": 2_000, "fuzzy": 1_000, "mark": 20_000,
                      "mark_terms": 2_000}


SWITCH_INTERVAL = 0.001  # seconds (sys.setswitchinterval), see startup()


#: A query calling our functions row after row holds the GIL nearly all the time (each call takes
#: it back from SQLite), so every other request's thread waits for it. A thread that has been
#: calling them for BURST_SECONDS without a pause sleeps YIELD_SECONDS: a canned query (at most a
#: few thousand calls, mark_terms over its rows) is slowed by a few per cent, a runaway
#: one gives way a fifth of the time. Measured by benchmarks/server_stress.py.
BURST_SECONDS, IDLE_SECONDS, YIELD_SECONDS = 0.005, 0.001, 0.001
_burst = threading.local()


def _yield_now_and_then() -> None:
    now = time.perf_counter()
    if now - getattr(_burst, "last", 0.0) > IDLE_SECONDS:  # a pause since the last call: a new burst
        _burst.start = now
    elif now - _burst.start > BURST_SECONDS:
        time.sleep(YIELD_SECONDS)
        now = _burst.start = time.perf_counter()
    _burst.last = now


#: Datasette's time limit is a Python progress handler called every 1,000 SQLite instructions
#: (~0.08 ms): a long query takes the GIL back 12,000 times a second and every other request waits.
#: Ours runs every TIME_CHECK_OPS instructions (~0.8 ms) and then sleeps a moment, so a long query
#: still stops at the limit but leaves the other threads room (benchmarks/server_stress.py).
TIME_CHECK_OPS, TIME_CHECK_SLEEP = 10_000, 0.0002


@contextlib.contextmanager
def sqlite_timelimit(conn, ms):
    """Datasette's `sqlite_timelimit`, checking less often and giving way when it checks."""
    deadline = time.perf_counter() + ms / 1000
    n = 1 if ms <= 20 else TIME_CHECK_OPS  # Datasette's own tests use tiny limits

    def handler():
        if time.perf_counter() >= deadline:
            return 1
        time.sleep(TIME_CHECK_SLEEP)
        return 0

    conn.set_progress_handler(handler, n)
    try:
        yield
    finally:
        conn.set_progress_handler(None, n)


def _patch_time_limit() -> None:
    import datasette.database

    datasette.database.sqlite_timelimit = sqlite_timelimit


def _clear_frames(exc: BaseException) -> None:
    """Drop the local variables of the finished frames in `exc`'s traceback (and in those of the
    exceptions it was raised from or while handling)."""
    import traceback

    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)  # a frame still running is left alone
        exc = exc.__cause__ or exc.__context__


_running = threading.local()


def running_connection() -> sqlite3.Connection | None:
    """The connection of the query this thread is running for Datasette (`Database.execute_fn`,
    patched by `_patch_execute_fn` at startup): a canned query's magic parameters are read there,
    as SQLite binds them, so `next_param` can look its row up in the same library. None outside."""
    return getattr(_running, "conn", None)


def _patch_execute_fn() -> None:
    """A failed query's cursor is released in the SQL thread that ran it, not on the event loop.

    Datasette runs each query in a worker thread (`Database.execute_fn`) and hands the result, or
    the exception, to the event loop. An exception's traceback keeps the frame that ran the query
    and so its `cursor`, whose statement SQLite has not reset after the error. The event loop freed
    that cursor when it dropped the future, and freeing it calls `sqlite3_reset`, which waits for
    the connection's mutex; by then the worker thread is running its next query on the same
    (thread-local) connection, a hostile one up to `sql_time_limit_ms`. The whole server (every
    request, the accept loop) stood still for that second: the ~1 % of `term_lookup` requests that
    took 1 or 2 s under benchmarks/server_stress.py. Found with `py-spy dump --native`: the main
    thread in `pthread_mutex_lock` <- `sqlite3_reset` <- `cursor_dealloc` <- `FutureObj_dealloc`.
    Clearing the finished frames before the exception leaves the thread frees the cursor there.
    It also notes the connection it runs on (`running_connection`), and a query that failed because
    a SQL function refused an argument (`Refused`) fails with the refusal's reason ("lookup_hits:
    argument longer than 2,000 characters") instead of SQLite's "user-defined function raised
    exception"."""
    from datasette.database import Database

    if getattr(Database.execute_fn, "_lvterm_releases_cursors", False):
        return
    original = Database.execute_fn

    async def execute_fn(self, fn):
        def run(conn):
            outer, _running.conn = getattr(_running, "conn", None), conn  # `running_connection`
            _running.refused = None
            try:
                return fn(conn)
            except BaseException as exc:
                _clear_frames(exc)
                if _running.refused and isinstance(exc, sqlite3.OperationalError) and str(exc) == CALLBACK_FAILED:
                    raise sqlite3.OperationalError(_running.refused) from None  # the reason, not SQLite's words
                raise
            finally:
                _running.conn = outer

        return await original(self, run)

    execute_fn._lvterm_releases_cursors = True
    Database.execute_fn = execute_fn


def _quiet_refusals() -> None:
    """Datasette turns on sqlite3's callback tracebacks, so every refused SQL function argument
    (`Refused`: `TooLong`, an expected answer to a hostile query, or a pair example_note has not)
    printed a whole traceback on the server's stderr; it is one log line now. Any other error in a
    SQL function keeps its traceback."""
    previous = sys.unraisablehook
    if getattr(previous, "_lvterm_quiet", False):
        return

    def hook(unraisable):
        if isinstance(unraisable.exc_value, Refused):
            logging.getLogger("lvterm.datasette").info("refused: %s", unraisable.exc_value)
            return
        previous(unraisable)

    hook._lvterm_quiet = True
    sys.unraisablehook = hook


LOG_FORMAT = "%(levelname)s:     %(name)s: %(message)s"  # as uvicorn's lines beside them ("INFO:     ...")


def log_to_stderr() -> None:
    """The plugin's log lines on stderr under a server that configured no logging (`lvterm serve`,
    `datasette serve`): the `lvterm.datasette` logger at INFO with a stderr handler of its own, so
    a refusal's `refused: ...` (`_quiet_refusals`) is seen, with the warnings and the 5xx
    tracebacks; Datasette's, uvicorn's and every other logger are left as they are. Nothing is
    done when that logger or the root logger has a handler already (an application's logging, or
    pytest's): theirs decides. The handler stands aside for any record logged while the root logger
    has a handler (logging an application configured after the server started), which then writes
    it alone: one line either way."""
    logger = logging.getLogger("lvterm.datasette")
    if logger.handlers or logging.getLogger().handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(lambda record: not logging.getLogger().handlers)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


#: What SQLite says of a query whose SQL function raised an exception.
CALLBACK_FAILED = "user-defined function raised exception"


class Refused(ValueError):
    """A SQL function argument it cannot take: SQLite reports it as the query's error (`CALLBACK_FAILED`,
    which a query run by Datasette replaces by this reason: `_patch_execute_fn`), the server logs
    this one line (`_quiet_refusals`)."""

    def __init__(self, *args):
        super().__init__(*args)
        _running.refused = str(self)  # (the query this thread runs for Datasette fails with it)


class TooLong(Refused):
    """A SQL function argument over its bound."""


def as_text(value):
    """A SQL function argument as text, as SQLite's own text functions take it (upper(3) is '3'):
    a number as it prints, a blob as UTF-8 (invalid bytes replaced), NFC-normalised (a query pasted
    from macOS, decomposed "tīklošana", is the same query); None stays None (NULL in, NULL out)."""
    if isinstance(value, (int, float)):
        value = str(value)
    elif isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return to_nfc(value) if isinstance(value, str) else value


def _bounded(fn, *limits: int):
    """`fn` refusing any argument longer than its limit and seeing every argument as text
    (`as_text`: numbers and blobs as SQLite's text functions take them, NULL as None)."""
    def bounded(*args):
        for arg, limit in zip(args, limits):
            if isinstance(arg, (str, bytes)) and len(arg) > limit:
                raise TooLong(f"{fn.__name__}: argument longer than {limit:,} characters")
        _yield_now_and_then()
        return fn(*(as_text(a) for a in args))

    bounded.__name__ = fn.__name__
    return bounded


_plain = threading.local()


def _plain_sqlite() -> sqlite3.Connection:
    """A private in-memory connection (one per thread) whose built-in printf does the formatting."""
    conn = getattr(_plain, "conn", None)
    if conn is None:
        conn = _plain.conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)
    return conn


_WIDTH = re.compile(r"\d{7,}")


def bounded_printf(fmt, *args):
    """SQLite's printf/format, refusing widths and precisions that would make a huge string: the
    built-in spends seconds of CPU in one instruction on printf('%.*c', 2000000000, 'x') even when
    the length limit throws the result away, and the time limit cannot stop one instruction."""
    if fmt is None:
        return None
    text = str(fmt)
    if len(text) > MAX_FUNCTION_CHARS["fts"] * 10 or _WIDTH.search(text) or \
            any(isinstance(a, int) and abs(a) > MAX_VALUE_BYTES for a in args):
        raise TooLong(f"printf: width or precision over {MAX_VALUE_BYTES:,}")
    marks = ", ".join("?" * (len(args) + 1))
    return _plain_sqlite().execute(f"select printf({marks})", (fmt, *args)).fetchone()[0]
