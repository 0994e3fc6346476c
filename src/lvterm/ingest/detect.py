"""Ingest's reading rule on top of `lvterm.textio`, and NFC normalisation that cleaning records.

Raw inputs are decoded by `textio.decode` (byte-order marks, strict UTF-8, binary refusal, line
ends to "\\n") with the Windows-1257 fallback that legacy WordPress exports and saved pages need, and
a file with nothing but whitespace is refused ("empty file"). `nfc()` normalises to NFC and says
what changed, so cleaning can record it.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass

from .. import textio
from ..textio import Decoded

__all__ = ["Change", "Decoded", "decode", "nfc", "read"]


def decode(data: bytes, *, path: str | os.PathLike | None = None) -> Decoded:
    """Decode raw input bytes; InputError (naming `path`) for empty, binary or undecodable input."""
    # nfc=False: cleaning normalises to NFC itself and records each change as a repair (`nfc`);
    # max_line=None: a minified page is one long line (the parsers are linear)
    return textio.decode(data, path=path, fallback=textio.CP1257, allow_empty=False, nfc=False, max_line=None)


def read(path: str | os.PathLike) -> Decoded:
    """A raw input file, decoded as `decode` does; a file that cannot be read is an InputError too."""
    return decode(textio.read_bytes(path), path=path)


@dataclass(frozen=True)
class Change:
    """A span that NFC normalisation changed: `before` at `offset` in the text as received."""

    offset: int
    before: str
    after: str


def nfc(text: str) -> tuple[str, list[Change]]:
    """NFC-normalise `text`; list each changed word-sized span (offsets into the text as received)."""
    if unicodedata.is_normalized("NFC", text):
        return text, []
    changes: list[Change] = []
    out: list[str] = []
    start = 0
    # Normalise run by run between whitespace, so every change is reported with its offset.
    for i in range(len(text) + 1):
        if i == len(text) or text[i].isspace():
            run = text[start:i]
            norm = unicodedata.normalize("NFC", run)
            if norm != run:
                changes.append(Change(offset=start, before=run, after=norm))
            out.append(norm)
            if i < len(text):
                out.append(text[i])
            start = i + 1
    return "".join(out), changes
