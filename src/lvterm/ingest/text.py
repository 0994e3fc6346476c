"""Reader for plain text scraped from a blog post page (like corpus/raw/000_*.txt).

Paragraphs are blocks between blank lines; the lines of a block are joined with single spaces.
A file without any blank line is read one paragraph per line. Characters inside a line are kept as
received (no-break spaces too): only line ends and the spaces or tabs around them are layout. The
title and metadata lines are still inside the paragraphs: cleaning finds them with the boilerplate
rules (`title_in_body`).
"""
from __future__ import annotations

import re

from .draft import Draft

_BLANK = re.compile(r"\n[ \t]*\n")


def join_lines(block: str) -> str:
    return " ".join(line.strip(" \t") for line in block.split("\n") if line.strip(" \t"))


def paragraphs(text: str) -> list[str]:
    blocks = _BLANK.split(text) if _BLANK.search(text) else text.split("\n")
    return [p for p in (join_lines(b) for b in blocks) if p.strip()]


def read(text: str, *, source: str) -> list[Draft]:
    return [Draft(source=source, paragraphs=tuple(paragraphs(text)), title_in_body=True)]
