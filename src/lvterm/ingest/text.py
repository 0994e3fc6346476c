"""Reader for plain text scraped from a blog post page (like corpus/raw/000_*.txt).

Paragraphs are blocks between blank lines; the lines of a block are joined with single spaces,
except in a list (a block whose every line starts with a bullet, "• ", "- ", "* ", "– "): there each
line is a paragraph, as a list item is in the other readers. A file without any blank line is read
one paragraph per line. Characters inside a line are kept as
received (no-break spaces too): only line ends and the spaces or tabs around them are layout. The
title and metadata lines are still inside the paragraphs: cleaning finds them with the boilerplate
rules (`title_in_body`).
"""
from __future__ import annotations

import re

from .draft import Draft

_BLANK = re.compile(r"\n[ \t]*\n")
_BULLET = re.compile(r"[•◦▪‣·*\-–—] ")


def join_lines(block: str) -> str:
    return " ".join(line.strip(" \t") for line in block.split("\n") if line.strip(" \t"))


def _lines_of(block: str) -> list[str]:
    """A block's paragraphs: its lines joined, or each line of a list."""
    lines = [line.strip(" \t") for line in block.split("\n") if line.strip(" \t")]
    if len(lines) > 1 and all(_BULLET.match(line) for line in lines):
        return lines
    return [" ".join(lines)]


def paragraphs(text: str) -> list[str]:
    blocks = _BLANK.split(text) if _BLANK.search(text) else text.split("\n")
    return [p for b in blocks for p in _lines_of(b) if p.strip()]


def read(text: str, *, source: str) -> list[Draft]:
    return [Draft(source=source, paragraphs=tuple(paragraphs(text)), title_in_body=True)]
