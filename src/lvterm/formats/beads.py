"""Bead files: one alignment bead a line, `[src ids]:[tgt ids]:score` (vecalign / Bertalign format).

Ids are 0-based sentence positions written in Python list syntax; the score (confidence in [0, 1])
is printed with three decimals. Gold files without a score (`[0]:[0, 1]`) load with score 1.0.
"""
from __future__ import annotations

import os

from .. import textio
from ..errors import InputError

TYPE_CHECKING = False  # (typing.TYPE_CHECKING: a cold `lvterm align` writes beads without typing and models)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import IO

    from ..models import Bead


def format_bead(bead: Bead) -> str:
    """`[0]:[0, 1]:0.912`"""
    return format_line(bead.src, bead.tgt, bead.score)


def format_line(src: Iterable[int], tgt: Iterable[int], score: float) -> str:
    """A bead's line from its source ids, target ids and score: `[0]:[0, 1]:0.912`."""
    return f"{list(src)}:{list(tgt)}:{score:.3f}"


def dump(beads: Iterable[Bead], fp: IO[str]) -> None:
    for bead in beads:
        fp.write(format_bead(bead) + "\n")


def _ids(text: str, *, path: str | None, line: int) -> tuple[int, ...]:
    import ast

    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):  # "{[]}" is a TypeError
        raise InputError(f"not a list of sentence ids: {text.strip()!r}", path=path, line=line) from None
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0
                                              for v in value):
        raise InputError(f"not a list of sentence ids: {text.strip()!r}", path=path, line=line)
    return tuple(value)


def parse_line(text: str, *, path: str | None = None, line: int = 0) -> Bead:
    """Parse one bead line (with or without a score)."""
    parts = text.strip().split(":")
    if len(parts) not in (2, 3):
        raise InputError(f"expected '[src]:[tgt]' or '[src]:[tgt]:score', got {text.strip()!r}",
                         path=path, line=line)
    src = _ids(parts[0], path=path, line=line)
    tgt = _ids(parts[1], path=path, line=line)
    score = 1.0
    if len(parts) == 3:
        try:
            score = float(parts[2])
        except ValueError:
            raise InputError(f"bad score {parts[2].strip()!r}", path=path, line=line) from None
        if not 0.0 <= score <= 1.0:
            raise InputError(f"score {score} outside [0, 1]", path=path, line=line)
    from ..models import Bead

    return Bead(src=src, tgt=tgt, score=score)


def loads(text: str, *, path: str | os.PathLike | None = None) -> list[Bead]:
    """Parse bead lines; blank lines are skipped. Bad lines raise InputError naming the file and
    line, and so does a sentence in two beads (no alignment has one: `eval-align` scored a bead
    given twice as two right ones)."""
    beads, seen = [], ({}, {})
    for number, line in enumerate(textio.split_lines(text.lstrip("\ufeff")), start=1):
        if not line.strip():
            continue
        bead = parse_line(line, path=path, line=number)
        for side, ids, first in (("source", bead.src, seen[0]), ("target", bead.tgt, seen[1])):
            if len(set(ids)) != len(ids):
                raise InputError(f"a {side} sentence is twice in this bead", path=path, line=number)
            for i in ids:
                if first.setdefault(i, number) != number:
                    raise InputError(f"{side} sentence {i} is in two beads (line {first[i]} and this one)",
                                     path=path, line=number)
        beads.append(bead)
    return beads


def load(fp: IO[str]) -> list[Bead]:
    """Read beads from a text stream (see `loads`)."""
    name = getattr(fp, "name", None)
    path = os.fspath(name) if isinstance(name, (str, os.PathLike)) else None
    try:
        text = fp.read()
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=path) from None
    return loads(text, path=path)


def read_sentences(path: str | os.PathLike) -> tuple[list[str], list[int]]:
    """A sentence file: one sentence a line; blank lines separate paragraphs and are not sentences.

    Returns the sentences (ids count non-blank lines only, from 0) and each sentence's paragraph
    number. Read by `textio` with the Windows-1257 fallback (a hand-made file); lines end at LF,
    CRLF or CR only. Undecodable bytes raise InputError naming the first bad line.
    """
    sentences: list[str] = []
    paragraphs: list[int] = []
    para, blank = 0, False
    for raw in textio.read_lines(path, fallback=textio.CP1257):
        line = raw.strip()
        if not line:
            blank = True
            continue
        if blank and sentences:
            para += 1
        blank = False
        sentences.append(line)
        paragraphs.append(para)
    return sentences, paragraphs


def read_beads(path: str | os.PathLike) -> list[Bead]:
    """Load a bead file by path (Unicode text by `textio`: InputError for a missing or non-UTF-8 file)."""
    return loads(textio.read_text(path), path=path)


def read_dictionary(path: str | os.PathLike) -> list[tuple[str, str]]:
    """A bilingual term list for the aligner: `source term<TAB>target term` a line, a third column
    (a comment: `lvterm export tsv`'s glossary) ignored; `#` comments. Read as sentence files are
    (Windows-1257 fallback, LF/CRLF/CR line ends)."""
    return [(src, tgt) for _, (src, tgt) in textio.read_fields(path, columns=2, expect="source term<TAB>target term",
                                                               fallback=textio.CP1257, optional=1)]


def read_aligned(src: str | os.PathLike, tgt: str | os.PathLike) -> tuple[list[str], list[str]]:
    """Two line-aligned files; a different number of lines is an InputError naming both.

    Read by `textio` as the aligner's sentence files are (a BOM dropped, Windows-1257 fallback):
    only LF, CRLF and CR end a line, so a U+2028 or form feed inside a sentence shifts nothing."""
    a, b = textio.read_lines(src, fallback=textio.CP1257), textio.read_lines(tgt, fallback=textio.CP1257)
    if len(a) != len(b):
        raise InputError(f"line counts differ: {os.fspath(src)} has {len(a)} lines, "
                         f"{os.fspath(tgt)} has {len(b)}; the files must be line-aligned")
    return a, b
