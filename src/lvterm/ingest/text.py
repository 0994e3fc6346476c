"""Reader for plain text scraped from a blog post page (like corpus/raw/000_*.txt).

Paragraphs are blocks between blank lines; the lines of a block are joined with single spaces.
A file without any blank line is read one paragraph per line. The title and metadata lines are
still inside the paragraphs: cleaning finds them with the boilerplate rules (`title_in_body`).
"""
from __future__ import annotations

import re

from .draft import Draft

_BLANK = re.compile(r"\n[ \t\f\v\u00a0]*\n")


def paragraphs(text: str) -> list[str]:
    blocks = _BLANK.split(text) if _BLANK.search(text) else text.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def read(text: str, *, source: str) -> list[Draft]:
    return [Draft(source=source, paragraphs=tuple(paragraphs(text)), title_in_body=True)]
