"""Commands answered before the CLI library is imported: `lvterm align SRC TGT --src-lang L
--tgt-lang L` on a small pair of files.

Such a command spends far more time starting than aligning: click and numpy alone cost several
times what Python's own start does (`benchmarks/align.py cold`). So `run` takes the command line
as the `lvterm` command got it and, when it is exactly that form (two files, the two language
codes, `--opt VALUE` or `--opt=VALUE`, in any order), both codes are good, both files read and
their pair is small (`align.small.small_enough`), aligns them with `align.small` (the same beads
and confidences as `lvterm.align`, in plain Python) and prints what the click command prints: the
same bead lines, the same language warnings on stderr, exit code 0. Anything else - another
command or option, help, a bad code or file, a larger pair, stderr a terminal (where the click
command shows its stages as a progress bar), a warning naming a file in anything but printable
ASCII (click has its own ways of writing those) - returns None, and the click command runs as
ever: its checks and messages are the only ones. Errors writing stdout end it as they end the
click command: quietly when the reader has gone, one line and exit code 2 on a full disk. So the
answer is the click command's in every case, only sooner: a script aligning many small files, or
a pipeline, gets it in a third of the time."""
from __future__ import annotations

import sys

from .stdout import blocking_stdout, quiet_stdout

_OPTIONS = ("--src-lang", "--tgt-lang")


def run(argv: list[str]) -> int | None:
    """The exit code of the command `argv` (the arguments after `lvterm`) when answered here, else
    None (nothing written)."""
    parsed = _parse(argv)
    if parsed is None or sys.stdout is None or (sys.stderr is not None and sys.stderr.isatty()):
        return None  # (on a terminal the click command shows its stages as a progress bar)
    (src, tgt), langs = parsed
    from .errors import LvtermError
    from .lang import language_code

    try:
        src_lang, tgt_lang = (language_code(langs[o], iso_639_1=True) for o in _OPTIONS)
        from .formats.beads import read_sentences

        s, sp = read_sentences(src)
        t, tp = read_sentences(tgt)
        from .align.small import align_small, small_enough

        if not small_enough(len(s), len(t), src_lang=src_lang, tgt_lang=tgt_lang):
            return None
        beads = align_small(s, t, src_lang=src_lang, tgt_lang=tgt_lang, src_paragraphs=sp, tgt_paragraphs=tp)
    except (LvtermError, OSError, ValueError):  # (the click command reads them again and says why)
        return None
    from .formats.beads import format_line
    from .lang.guess import pair_warnings

    warnings = pair_warnings(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang)
    if any(not line.isascii() or not line.isprintable() for line in warnings):
        return None  # (a file name click would print otherwise: its encoding, its escape sequences)
    blocking_stdout()
    for line in warnings:
        _say(line)
    try:
        sys.stdout.write("".join(format_line(a, b, score) + "\n" for a, b, score in beads))
        sys.stdout.flush()
    except BrokenPipeError:  # `lvterm align ... | head -1`: the reader has all it wanted
        quiet_stdout()
    except OSError as exc:  # a full disk: the click command's one line
        _say(f"lvterm: {exc.strerror or exc}")
        return 2
    return 0


def _say(line: str) -> None:
    """One line on stderr (closed: nothing)."""
    if sys.stderr is not None:
        try:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()
        except OSError:
            pass


def _parse(argv: list[str]) -> tuple[tuple[str, str], dict[str, str]] | None:
    """(SRC, TGT) and the two language options of `align SRC TGT --src-lang L --tgt-lang L` (options
    anywhere after `align`, each once), or None for anything else."""
    if not argv or argv[0] != "align":
        return None
    files: list[str] = []
    langs: dict[str, str] = {}
    rest = argv[1:]
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if name in _OPTIONS and name not in langs:
            if not eq:
                if not rest:
                    return None
                value = rest.pop(0)
            if value.startswith("-"):
                return None
            langs[name] = value
        elif arg.startswith("-") or not arg:
            return None
        else:
            files.append(arg)
    if len(files) != 2 or len(langs) != 2:
        return None
    return (files[0], files[1]), langs
