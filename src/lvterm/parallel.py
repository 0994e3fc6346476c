"""Run one function over many items on all cores or a Dask cluster, results in item order.

    outcomes = run_tasks(work, items, shared=dictionary, workers=4)           # local processes
    outcomes = run_tasks(work, items, scheduler="tcp://10.0.0.5:8786")        # a Dask cluster
    for item, outcome in zip(items, outcomes):
        outcome.value if outcome.ok else outcome.error

`work(item, shared)` must be a module-level function of an installed module (workers import it;
they share no state with the caller but its arguments). `shared` is sent once (as the result
of one task, which each worker fetches once), not with every item.

- One worker (or one item), no scheduler: the items run here, one after another: no processes.
- Several: a `distributed.LocalCluster` of `workers` processes with one thread each, created for
  this call and closed after it; `scheduler` connects to a running cluster instead (every worker
  needs lvterm installed).

Nothing raised by one item stops the others: each outcome holds the value or the error (an
exception raised by `work`, or a worker process that died while running the item: Dask's
`KilledWorker`, after one retry on another worker). Items travel in chunks of up to `MAX_CHUNK`
(one scheduler round trip per chunk, not per item); a local cluster's scheduler gives each worker one
chunk at a time (a remote cluster queues as it is configured). A chunk whose worker died is sent
again one item a task, so a worker that dies takes only the item that killed it with it (after a
few more deaths: Dask's retries of the chunk, then of the item alone).
"""
from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from .errors import LvtermError

log = logging.getLogger(__name__)

#: How many more times an item is tried after the worker running it died (local clusters).
RETRIES_AFTER_WORKER_DEATH = 1
#: Times an item is sent whose result was lost with a worker before it was received.
ROUNDS = 3


@dataclass(frozen=True)
class Outcome:
    """What one item gave: its value, or the error that stopped it (`value` is then None)."""

    value: Any = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@contextlib.contextmanager
def _no_progress(iterable, *, label: str = "", length: int | None = None):
    yield iterable


def default_workers() -> int:
    """Cores this process may use."""
    with contextlib.suppress(AttributeError):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _describe(exc: BaseException) -> str:
    name = type(exc).__name__
    if name == "KilledWorker":
        return "the worker process running it died"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{name}: {text}" if text else name


def run_tasks(fn: Callable[[Any, Any], Any], items: Sequence[Any], *, shared: Any = None, workers: int = 1,
              scheduler: str | None = None, progress: Callable[..., Any] | None = None, label: str = "work",
              on_result: Callable[[int, Outcome], None] | None = None) -> list[Outcome]:
    """`fn(item, shared)` for every item, as `Outcome`s in the order of `items` (see the module).

    `on_result(index, outcome)` is called here, in the caller's process, as each item finishes
    (in any order), so results can be stored before the last item is done."""
    progress = progress or _no_progress
    on_result = on_result or (lambda index, outcome: None)
    items = list(items)
    if not items:
        return []
    if scheduler is None and (workers <= 1 or len(items) == 1):
        return _run_here(fn, items, shared, progress=progress, label=label, on_result=on_result)
    with _client(workers=workers, scheduler=scheduler) as client:
        return _run_on(client, fn, items, shared, progress=progress, label=label, on_result=on_result)


def _run_here(fn, items, shared, *, progress, label, on_result) -> list[Outcome]:
    out = []
    with progress(items, label=label, length=len(items)) as bar:
        for i, item in enumerate(bar):
            try:
                outcome = Outcome(value=fn(item, shared))
            except Exception as exc:  # one item's failure is reported with it; the rest go on
                outcome = Outcome(error=_describe(exc))
            out.append(outcome)
            on_result(i, outcome)
    return out


@contextlib.contextmanager
def _client(*, workers: int, scheduler: str | None) -> Iterator[Any]:
    import dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:  # unreachable, or not an address (no port)
            raise LvtermError(f"cannot reach the Dask scheduler {scheduler} ({exc})") from None
        with client:
            yield client
        return
    settings = {"distributed.scheduler.allowed-failures": RETRIES_AFTER_WORKER_DEATH,
                "distributed.scheduler.worker-saturation": 1.0,  # one task (chunk) a worker at a time
                "distributed.worker.daemon": False}
    with dask.config.set(settings), _quiet("distributed", "tornado.application"):
        try:
            with _workers_ignore_sigint():
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=":0",  # its HTTP server on a free port: never "8787 in use"
                                       silence_logs=logging.CRITICAL)
        except Exception as exc:  # most often a script without `if __name__ == "__main__":` (spawned workers)
            raise LvtermError(f"cannot start {workers} local worker processes ({type(exc).__name__}: {exc}); a "
                              "Python script that builds with several workers needs `if __name__ == "
                              "\"__main__\":`, or use workers=1") from None
        try:
            with Client(cluster) as client:
                yield client
        finally:
            with contextlib.suppress(Exception):
                cluster.close()


@contextlib.contextmanager
def _workers_ignore_sigint() -> Iterator[None]:
    """SIGINT ignored while the local cluster starts its processes, which inherit that (an ignored
    signal stays ignored in a new process): Ctrl-C, sent to the whole process group, then stops
    this process alone, which closes the cluster, instead of printing every worker's traceback.
    This process's own handler is back once they have started."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # (only the main thread sets handlers)
        yield
        return
    handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:  # (None: a handler not set from Python, which cannot be set back; the default then)
        signal.signal(signal.SIGINT, handler if handler is not None else signal.SIG_DFL)


@contextlib.contextmanager
def _quiet(*names: str) -> Iterator[None]:
    """Dask's own log lines (workers starting, dying, restarting) kept off stderr: what matters to
    the user is reported per item. With "tornado.application": the event loop's "Exception in
    callback" traceback when Ctrl-C lands while distributed waits on a call it has not yet set up."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _identity(value: Any) -> Any:
    return value


#: Items sent to a worker together (at most): a task costs the scheduler a round trip of tens of
#: milliseconds before a worker gets its next one, as long as a post pair's work on one core. Sent
#: one at a time, two workers did the work of one; in chunks, a worker waits once per chunk.
MAX_CHUNK = 8
#: Chunks per worker at least, so that the last chunks finish close together.
CHUNKS_PER_WORKER = 8


def chunk_size(items: int, workers: int) -> int:
    """How many items one task carries: 1 up to MAX_CHUNK, at least CHUNKS_PER_WORKER tasks a worker."""
    return max(1, min(MAX_CHUNK, items // max(1, workers * CHUNKS_PER_WORKER)))


def _run_chunk(fn: Callable[[Any, Any], Any], chunk: Sequence[Any], shared: Any) -> list[tuple[bool, Any]]:
    """`fn` over the items of one task, in a worker: (True, value) or (False, error) per item, so an
    item's error stays its own. Only a dying process loses the chunk (its items are then sent
    again one a task: the item that kills its worker fails alone)."""
    out = []
    for item in chunk:
        try:
            out.append((True, fn(item, shared)))
        except Exception as exc:
            out.append((False, _describe(exc)))
    return out


def _run_on(client, fn, items, shared, *, progress, label, on_result) -> list[Outcome]:
    """Every item on the cluster, in chunks (`chunk_size`). A chunk whose worker died (or whose
    result was lost with a dying worker before it reached us: its future cancelled) is sent again
    one item a task; an item whose result was lost is sent again, up to `ROUNDS` times in all."""
    from distributed import as_completed

    # `shared` as the result of a task, not scattered data: if the workers holding it die, it is
    # computed again instead of every item that needs it being cancelled
    shared_ref = client.submit(_identity, shared, pure=False) if shared is not None else None
    out: list[Outcome | None] = [None] * len(items)
    size = chunk_size(len(items), sum(client.nthreads().values()) or 1)
    groups = [list(range(k, min(k + size, len(items)))) for k in range(0, len(items), size)]
    with progress(range(len(items)), label=label, length=len(items)) as bar:
        ticks = iter(bar)

        def finish(i: int, outcome: Outcome) -> None:
            out[i] = outcome
            next(ticks, None)
            on_result(i, outcome)

        for round_ in range(ROUNDS):
            futures = client.map(_run_chunk, [fn] * len(groups), [[items[i] for i in g] for g in groups],
                                 [shared_ref] * len(groups), pure=False)
            members = {f.key: g for g, f in zip(groups, futures)}
            again: list[int] = []
            for future in as_completed(futures):
                group = members[future.key]
                retry = round_ < ROUNDS - 1
                if future.status == "cancelled" and retry:
                    again += group
                    continue
                try:
                    results = future.result()
                except Exception as exc:  # KilledWorker: a process died running it
                    if len(group) > 1 and retry:
                        again += group  # one a task now: only the item that kills its worker fails
                        continue
                    results = [(False, _describe(exc))] * len(group)
                future.release()
                for i, (ok, value) in zip(group, results):
                    finish(i, Outcome(value=value) if ok else Outcome(error=value))
            if not again:
                break
            groups = [[i] for i in sorted(again)]
    return [o if o is not None else Outcome(error="no result") for o in out]
