"""Decode input bytes without being told the encoding, refuse binary files, normalise to NFC.

Order of tests (first match wins):

1. a byte-order mark: UTF-8 (EF BB BF), UTF-32 (FF FE 00 00 / 00 00 FE FF), UTF-16 (FF FE / FE FF);
2. NUL bytes without a BOM: a binary file (or UTF-16 without its BOM, which we refuse too);
3. strict UTF-8;
4. strict Windows-1257 (the Baltic code page), if the result looks like text (mostly letters).

Anything else is "undecodable bytes", reported with the line of the first byte that is not UTF-8.
Line ends become "\\n". `nfc()` normalises to NFC and says what changed, so cleaning can record it.
"""
from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
# Windows-1257 decodes almost any byte, so a file is taken as Windows-1257 only if it reads like
# text: most visible characters are letters, its non-ASCII characters are letters or common
# punctuation (not modifier marks such as ˙ ˇ ¸), and its high bytes are not mostly well-formed
# UTF-8 sequences (that is UTF-8 with some damage, not Windows-1257).
_MIN_LETTER_SHARE = 0.5
_MAX_ODD_SHARE = 0.1
_TEXT_PUNCTUATION = set("„“”‘’‚–—…•«»©®°§€£¦±×÷·¶µ¹²³¼½¾\u00a0")
_UTF8_SEQUENCE = re.compile(rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{2}|[\xF0-\xF4][\x80-\xBF]{3}")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16", "utf-32" or "cp1257"


def _line_of(data: bytes, pos: int) -> int:
    return data.count(b"\n", 0, pos) + 1


def _control_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS)
    return bad / len(sample)


def _letter_share(text: str) -> float:
    visible = [ch for ch in text[:20_000] if not ch.isspace()]
    if not visible:
        return 1.0
    return sum(1 for ch in visible if ch.isalpha()) / len(visible)


def _reads_as_cp1257(data: bytes, text: str) -> bool:
    if _letter_share(text) < _MIN_LETTER_SHARE:
        return False
    high = [ch for ch in text if ord(ch) > 127]
    if high and sum(1 for ch in high if not ch.isalpha() and ch not in _TEXT_PUNCTUATION) > _MAX_ODD_SHARE * len(high):
        return False
    utf8_bytes = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return utf8_bytes * 2 < sum(1 for b in data if b > 127)


def decode(data: bytes, *, path: str | os.PathLike | None = None) -> Decoded:
    """Decode `data`; raise InputError (naming `path`) for empty, binary or undecodable input."""
    if not data.strip(b" \t\r\n") or any(data == bom for bom, _ in _BOMS):
        raise InputError("empty file", path=path)
    text, encoding = None, None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable bytes: not valid {name.upper()} after its byte-order mark "
                                 f"(byte {exc.start})", path=path) from None
            encoding = name
            break
    if text is None:
        if b"\x00" in data:
            pos = data.index(b"\x00")
            raise InputError(f"binary file (NUL byte at offset {pos}; UTF-16 needs a byte-order mark)",
                             path=path)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            try:
                text, encoding = data.decode("cp1257"), "cp1257"
            except UnicodeDecodeError:
                text = None
            if text is None or not _reads_as_cp1257(data, text):
                raise InputError(f"undecodable bytes: byte 0x{data[utf8_error.start]:02X} at offset "
                                 f"{utf8_error.start} is not UTF-8, and the file is not Windows-1257 text",
                                 path=path, line=_line_of(data, utf8_error.start)) from None
    if _control_share(text) > 0.01:
        raise InputError("binary file (control characters)", path=path)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("empty file", path=path)
    return Decoded(text=text, encoding=encoding)


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
