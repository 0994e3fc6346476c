"""The `lvterm` command (and `python -m lvterm`): the click CLI of `lvterm.cli`, then the end of the
process without tearing down the interpreter.

A build leaves hundreds of thousands of objects behind it (word analyses, generated term forms,
cache entries), and Python's normal exit frees them one by one: about 0.2 s of a 2 s rebuild
(`benchmarks/build.py --incremental`), spent after the library is written and every line printed.
So once the command has finished, its output is flushed and the process ends at once
(`os._exit`), as mypy ends its runs; the normal exit is kept whenever something else still runs
(a non-daemon thread or a child process, which it waits for).

SIGTERM ends a command as an exception does (`_terminate`): its temp files are removed. So does
Ctrl-C (SIGINT, `_interrupt`), with exit code 130 and click's one line `Aborted!`, and no
traceback however often it is pressed."""
from __future__ import annotations

import os
import signal
import sys
import threading


#: The exit code of a command that Ctrl-C stopped (128 + SIGINT), as a shell reports one killed by it.
INTERRUPTED = 128 + signal.SIGINT
_interrupted = False  # set by `_interrupt`: the exit code is INTERRUPTED, however the command ended


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # (ignored: a background job keeps that)
        signal.signal(signal.SIGINT, _interrupt)
    try:
        from .fastpath import run

        code = run(sys.argv[1:])  # (a small `lvterm align`, answered without click)
        if code is not None:
            exit_now(code)
        from .cli import cli

        cli.main(prog_name="lvterm")
    except SystemExit as exc:  # (how click ends every run, with the command's exit code)
        exit_now(exc.code)
    except KeyboardInterrupt:  # (before click runs the command: while the CLI is imported)
        _aborted()
    exit_now(0)


def _interrupt(signum, frame) -> None:
    """Ctrl-C (SIGINT) ends the command as an error would: KeyboardInterrupt unwinds it, so atomic
    writes remove their temp files and a local Dask cluster is closed, and click says `Aborted!`
    (`lvterm review` stops asking, its decisions written). Exit code 130 (`INTERRUPTED`) whatever
    the command made of it. A further Ctrl-C while that runs is ignored: the cleanup finishes, and
    no second traceback interrupts it."""
    global _interrupted
    _interrupted = True
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _aborted() -> None:
    """Click's line for Ctrl-C, and exit code 130."""
    if sys.stderr is not None:
        print("\nAborted!", file=sys.stderr)
    exit_now(INTERRUPTED)


def _exit_interrupted(signum, frame) -> None:
    """A first Ctrl-C once the command has finished, while the process ends (output flushed, a
    Dask cluster's processes joined): end at once, quietly, with exit code 130."""
    os._exit(INTERRUPTED)


def _terminate(signum, frame) -> None:
    """SIGTERM (`kill`, `timeout`, a service manager) ends the command as an error would: the
    exception unwinds it, so atomic writes remove their temp files and a local Dask cluster is
    closed; exit code 143 (128 + 15), as a process killed by it reports. A second SIGTERM while
    that runs kills at once."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    raise SystemExit(128 + signal.SIGTERM)


def exit_now(code: int | str | None = 0) -> None:
    """End the process with `code` (as `sys.exit` takes it: None is 0, a text is printed on stderr
    and is 1) once logs and stdout are flushed; a closed stdout pipe ends it quietly. After Ctrl-C
    the code is 130 (`INTERRUPTED`), and further ones stay ignored while the process ends; a first
    Ctrl-C from here on ends it at once, quietly, with 130 (`_exit_interrupted`)."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is _interrupt:
        signal.signal(signal.SIGINT, _exit_interrupted)
    if _interrupted:
        code = INTERRUPTED
    if code is None:
        code = 0
    elif not isinstance(code, int):
        if sys.stderr is not None:
            print(code, file=sys.stderr)
        code = 1
    logging = sys.modules.get("logging")  # (imported only by what logs: a small `lvterm align` never is)
    if logging is not None:
        logging.shutdown()
    try:
        if sys.stdout is not None:  # (None: started with stdout closed, `lvterm ... >&-`)
            sys.stdout.flush()
    except (BrokenPipeError, ValueError):  # `lvterm ... | head`: the reader has all it wanted
        from .stdout import quiet_stdout

        quiet_stdout()
    except OSError:  # a full disk (`> /dev/full`): what the command wrote is lost either way
        pass
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        pass
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    processes = sys.modules.get("multiprocessing")
    # after a failure or an interrupt, a process that started others (a local Dask cluster) exits
    # normally: multiprocessing's exit handlers release its semaphores (else its resource tracker
    # warns of leaks), and what the libraries log while they shut down is not shown
    failed = code != 0 and processes is not None
    if others or failed or (processes is not None and processes.active_children()):
        if failed and logging is not None:
            logging.disable(logging.CRITICAL)
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    main()
