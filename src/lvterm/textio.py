"""The one way lvterm reads text files: one decoding rule, one line rule, one kind of error.

Decoding (first match wins; the rule ingest has always used):

1. a byte-order mark: UTF-8 (EF BB BF), UTF-32 (FF FE 00 00 / 00 00 FE FF), UTF-16 (FF FE / FE FF);
2. NUL bytes without a BOM: a binary file (UTF-16 without its BOM is refused too);
3. strict UTF-8;
4. only with `fallback=CP1257`: strict Windows-1257 (the Baltic code page), if the result reads as
   text: mostly letters; its non-ASCII characters Latvian letters or common punctuation (not
   modifier marks such as ˙ ˇ ¸, nor the Ä Å Ã that a UTF-8 lead byte cut short reads as); not
   mostly well-formed UTF-8 sequences.

Decoded text with control characters (other than tab, line ends, form feed and vertical tab) in
more than 1% of it, or any NUL, is a binary file (a .po, whose strings may hold any control
character but NUL as gettext writes them, asks for NULs only: `allow_controls=True`). Text is
NFC-normalised (a decomposed "tīklošana" pasted from macOS is the composed one) unless the reader
asks for the text exactly as written (`nfc=False`: ingest, which records each normalisation as a
repair; .po templates, whose msgids must stay byte for byte what the program looks up).

Inputs are regular files of at most `MAX_INPUT_BYTES` (200 MB): a FIFO, a device (/dev/zero), a
socket or a larger file is refused before anything is read, so no input can block or exhaust memory.

Lines: LF, CRLF and CR end a line, nothing else. `read_text` returns "\\n" line ends;
`split_lines` never uses `str.splitlines`, which would also split at U+2028, U+2029, NEL, a form feed
or a vertical tab inside a sentence or a string and shift every later line number or id.

Where the Windows-1257 fallback applies (a caller opts in with `fallback=CP1257`): raw inputs to
`lvterm ingest`, and the plain line files a user writes by hand (sentence and gold files, aligner
dictionaries, line-aligned bitext). Files lvterm writes or that carry their own encoding rule are
Unicode only: post files (the corpus is ingest's UTF-8 output; convert a legacy file with `lvterm
ingest`), plain text for `lvterm segment` (read by the same rule as the posts it also reads), bead
files, YAML (the YAML spec allows UTF-8/16/32 only). .po/.pot files are read in the charset their
header declares (UTF-8, or a legacy ISO-8859-13/Windows-1257 file, as msgmerge reads them:
`formats.po_text`) and written as UTF-8. XML (TMX, TBX) goes to the XML parser as bytes, which
decodes them as their declaration says (`parse_xml`).

Every failure is one `InputError` naming the file and, where it applies, the line: "cannot read:
file not found", "cannot read: Is a directory", "cannot read: Permission denied", "cannot read: not
a regular file (a FIFO)", "cannot read: too large (...; the limit is 200 MB)", "empty file" (when
the reader asks for `allow_empty=False`), "binary file (...)", "not UTF-8 text" (line of the first bad
byte), "undecodable bytes (...)" with the fallback, "not UTF-16 text despite its byte-order mark".
YAML with an alias or anchor, or nested deeper than `MAX_YAML_DEPTH`, is refused ("bad YAML: ...",
at its line) before it can expand or recurse.
"""
from __future__ import annotations

import codecs
import functools
import os
import re
import stat
import unicodedata
from bisect import bisect_left, bisect_right
from collections import namedtuple
from collections.abc import Callable

from .constants import LATVIAN_LETTERS
from .errors import InputError

TYPE_CHECKING = False  # (typing.TYPE_CHECKING: a cold `lvterm align` reads files without importing typing)
if TYPE_CHECKING:
    from typing import Any

CP1257 = "cp1257"  # the legacy fallback, Windows-1257 (Baltic)
MAX_INPUT_BYTES = 200 * 1000 * 1000  # 200 MB: no text input lvterm reads is near it (the seed post: 8 KB)
#: Characters in one line, at most (a sentence, a paragraph of a post, a .po line): the seed post's
#: longest paragraph has 1,204. A longer line is refused before any per-line work (segmenting,
#: matching terms, wrapping) can take minutes and gigabytes on it. Raw pages for `lvterm ingest`
#: are exempt: minified HTML is one long line by design, and the parser is linear.
MAX_LINE_CHARS = 1_000_000
MAX_YAML_DEPTH = 100  # nesting levels; front matter, termbase files and metadata.yml use fewer than 10

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = set("\t\n\r\f\v")
_MAX_CONTROL_SHARE = 0.01
# Windows-1257 decodes almost any byte, so a file is taken as Windows-1257 only if it reads like
# text: most visible characters are letters, its non-ASCII characters are letters or common
# punctuation (not modifier marks such as ˙ ˇ ¸), and its high bytes are not mostly UTF-8
# sequences, whole or cut short (that is UTF-8 with some damage, not Windows-1257).
_MIN_LETTER_SHARE = 0.5
_MAX_ODD_SHARE = 0.1
_TEXT_PUNCTUATION = set("„“”‘’‚–—…•«»©®°§€£¦±×÷·¶µ¹²³¼½¾\u00a0")
# A non-ASCII letter that is not Latvian counts as odd too: a UTF-8 lead byte cut short (a truncated
# "ā", bytes C4 81) reads in Windows-1257 as "Ä" or "Å", which Latvian and English text never have.
_UTF8_SEQUENCE = re.compile(rb"[\xC2-\xDF][\x80-\xBF]|[\xE0-\xEF][\x80-\xBF]{1,2}|[\xF0-\xF4][\x80-\xBF]{1,3}")


class Decoded(namedtuple("Decoded", "text encoding")):
    """Decoded text and the encoding it was read in: "utf-8", "utf-8-sig", "utf-16", "utf-32" or
    "cp1257" (a named tuple: this module is imported without dataclasses)."""

    __slots__ = ()


# --- lines ------------------------------------------------------------------------------


def normalise_line_ends(text: str) -> str:
    """CRLF and CR become LF; U+2028, U+2029, NEL, form feed and vertical tab stay as they are."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[str]:
    """The lines of `text` as line tools count them: only LF, CRLF and CR end a line, and a final
    line end does not start another (empty) line. Never `str.splitlines`: see the module docstring."""
    if not text:
        return []
    lines = normalise_line_ends(text).split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def _line_number(before: str) -> int:
    """The 1-based line on which a position lies, given all text before it."""
    return normalise_line_ends(before).count("\n") + 1


# --- bytes -> text ----------------------------------------------------------------------


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _megabytes(n: int) -> str:
    return f"{n / 1e6:,.0f} MB" if n >= 1e6 else f"{n:,} bytes"


def read_bytes(path: str | os.PathLike, *, limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` (default `MAX_INPUT_BYTES`) bytes; anything
    else is one InputError naming it.

    The file is opened without blocking and checked before a byte is read: a missing file, a
    folder, no permission, a FIFO or a device (which would block or never end), or a larger file.
    """
    limit = MAX_INPUT_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError("cannot read: file not found", path=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("cannot read: Is a directory", path=path)
        if not stat.S_ISREG(st.st_mode):
            kind = next((name for test, name in _KINDS if test(st.st_mode)), "a special file")
            raise InputError(f"cannot read: not a regular file ({kind})", path=path)
        size = st.st_size
        if size <= limit:
            with os.fdopen(fd, "rb", closefd=False) as fp:
                data = fp.read(limit + 1)  # never more, even if the file grows while it is read
            size = max(size, len(data))
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    finally:
        os.close(fd)
    if size > limit:
        raise InputError(f"cannot read: too large ({_megabytes(size)}; the limit is {_megabytes(limit)})", path=path)
    return data


def tidy(text: str, *, lines: bool = False) -> str:
    """`text` with each run of white space one space; with `lines` (a note, a definition: a YAML
    block or an XML element may hold several lines) its line breaks kept and blank lines dropped.
    Only "\n" breaks a line: a U+2028 inside one is white space like any other."""
    if lines:
        return "\n".join(" ".join(part.split()) for part in text.split("\n") if part.strip())
    return " ".join(text.split())


def to_nfc(text: str) -> str:
    """`text` in Unicode normal form C (composed): the one normalisation every entry point applies."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


# --- NFC spans ------------------------------------------------------------------------

#: Maps a span of a text's NFC form to the span of the text it came from.
SpanBack = Callable[[int, int], tuple[int, int]]


def nfc_spans(text: str) -> tuple[str, SpanBack | None]:
    """(`to_nfc(text)`, None) for a text already in NFC (the common case: one C-level
    check); otherwise its NFC form and `back(start, end)`, the span of `text` that the span
    start:end of the NFC form came from (`to_nfc(text[back(s, e)]) == nfc[s:e]` at the boundaries
    of what NFC composes: a letter and its marks, "a" + U+0304 -> "ā", are one unit).

    The units are each starter (a character of combining class 0) with the marks after it,
    normalised one by one; where NFC composes across two of them (Hangul jamo, some Indic vowel
    signs) those two are one unit (`_join_composing`), the rest of the text keeps its exact units;
    and, should the pieces still not make the NFC form, the whole text is one unit."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    nfc = to_nfc(text)
    n = len(text)
    cuts = [0, *(i for i in range(1, n) if not unicodedata.combining(text[i])), n]
    pieces = [to_nfc(text[a:b]) for a, b in zip(cuts, cuts[1:])]
    if "".join(pieces) != nfc:
        cuts, pieces = _join_composing(text, cuts, pieces)
        if "".join(pieces) != nfc:  # no known text gets here
            cuts, pieces = [0, n], [nfc]
    bounds = [0]
    for piece in pieces:
        bounds.append(bounds[-1] + len(piece))

    def back(start: int, end: int) -> tuple[int, int]:
        return cuts[bisect_right(bounds, start) - 1], cuts[bisect_left(bounds, end)]

    return nfc, back


def _join_composing(text: str, cuts: list[int], pieces: list[str]) -> tuple[list[int], list[str]]:
    """The units `text[cuts[k]:cuts[k + 1]]` (NFC: `pieces`) with each joined to the one before it
    where NFC composes across the two (to_nfc(a + b) != to_nfc(a) + to_nfc(b): a Hangul leading
    consonant and its vowel, a Tamil vowel sign's two parts)."""
    out_cuts, out_pieces = [0], []
    unit, piece = text[cuts[0]:cuts[1]], pieces[0]
    for k in range(1, len(pieces)):
        nxt = text[cuts[k]:cuts[k + 1]]
        both = to_nfc(unit + nxt)
        if both != piece + pieces[k]:
            unit, piece = unit + nxt, both
        else:
            out_cuts.append(cuts[k])
            out_pieces.append(piece)
            unit, piece = nxt, pieces[k]
    out_cuts.append(cuts[-1])
    out_pieces.append(piece)
    return out_cuts, out_pieces


def _bom_codec(data: bytes) -> str | None:
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def byte_order_mark(data: bytes) -> tuple[bytes, str]:
    """The byte-order mark `data` starts with (b"" for none) and the codec that encodes text as the
    bytes after it, its byte order included ("utf-8" for none): to write a file in its own form."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            if name == "utf-8-sig":
                return bom, "utf-8"
            return bom, name + ("-le" if bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE) else "-be")
    return b"", "utf-8"


def is_utf8(data: bytes) -> bool:
    """Whether `data` is well-formed UTF-8 (strict: what `decode` reads as UTF-8 without a BOM)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _decode_bom(data: bytes, codec: str, *, path) -> str:
    """Text after a byte-order mark; bytes that do not decode are an error at their line."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = _line_number(data[: exc.start].decode(codec, "replace"))
        raise InputError(f"not {codec.split('-sig')[0].upper()} text despite its byte-order mark",
                         path=path, line=line) from None


#: The control characters (Unicode category Cc: U+0000-001F, U+007F-009F) other than _ALLOWED_CONTROLS.
_BAD_CONTROL = re.compile("[" + "".join(re.escape(chr(c)) for c in (*range(0x20), *range(0x7F, 0xA0))
                                        if chr(c) not in _ALLOWED_CONTROLS) + "]")


def _control_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    return len(_BAD_CONTROL.findall(sample)) / len(sample)


def _letter_share(text: str) -> float:
    visible = [ch for ch in text[:20_000] if not ch.isspace()]
    if not visible:
        return 1.0
    return sum(1 for ch in visible if ch.isalpha()) / len(visible)


def _reads_as_cp1257(data: bytes, text: str) -> bool:
    if _letter_share(text) < _MIN_LETTER_SHARE:
        return False
    high = [ch for ch in text if ord(ch) > 127]
    odd = sum(1 for ch in high if ch not in LATVIAN_LETTERS and ch not in _TEXT_PUNCTUATION)
    if high and odd > _MAX_ODD_SHARE * len(high):
        return False
    utf8_bytes = sum(len(m) for m in _UTF8_SEQUENCE.findall(data))
    return utf8_bytes * 2 < sum(1 for b in data if b > 127)


def _decode_unmarked(data: bytes, *, path, fallback: str | None) -> Decoded:
    """Bytes without a BOM: UTF-8, else the fallback if it reads as text; else an error at the bad byte's line."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        error = exc
    line = _line_number(data[: error.start].decode("utf-8"))
    if fallback is None:
        raise InputError("not UTF-8 text", path=path, line=line)
    try:
        text = data.decode(fallback)
    except UnicodeDecodeError:  # a byte Windows-1257 leaves undefined
        text = None
    if text is not None and _reads_as_cp1257(data, text):
        return Decoded(text, fallback)
    raise InputError(f"undecodable bytes: byte 0x{data[error.start]:02X} at offset {error.start} is not UTF-8, "
                     f"and the file is not Windows-1257 text", path=path, line=line)


def _check_lines(text: str, *, limit: int, path) -> None:
    """InputError at the first line of more than `limit` characters (`text` has "\\n" line ends)."""
    if len(text) <= limit:
        return
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            raise InputError(f"a line of {end - start:,} characters; the limit is {limit:,}", path=path,
                             line=text.count("\n", 0, start) + 1)
        start = end + 1


def decode(data: bytes, *, path: str | os.PathLike | None = None, fallback: str | None = None,
           allow_empty: bool = True, nfc: bool = True, max_line: int | None = MAX_LINE_CHARS,
           allow_controls: bool = False) -> Decoded:
    """Decode a file's bytes by the module's rule; line ends become "\\n", a leading BOM goes.

    `fallback=CP1257` lets bytes that are not UTF-8 be read as Windows-1257 (only for formats that
    allow it); `allow_empty=False` refuses a file with nothing but whitespace ("empty file");
    `nfc=False` keeps the text's Unicode form as written (see the module docstring); a line longer
    than `max_line` characters is refused (None: no limit; see `MAX_LINE_CHARS`);
    `allow_controls=True` takes control characters for text, however many (a NUL is still a
    binary file): for formats whose strings may hold them (.po).
    """
    if fallback not in (None, CP1257):
        raise ValueError(f"the only fallback is {CP1257!r}, not {fallback!r}")
    codec = _bom_codec(data)
    if codec is not None:
        decoded = Decoded(_decode_bom(data, codec, path=path), codec)
    elif b"\x00" in data:
        raise InputError(f"binary file (NUL byte at offset {data.index(0)}; UTF-16 needs a byte-order mark)",
                         path=path)
    else:
        decoded = _decode_unmarked(data, path=path, fallback=fallback)
    if "\x00" in decoded.text or (not allow_controls and _control_share(decoded.text) > _MAX_CONTROL_SHARE):
        raise InputError("binary file (control characters)", path=path)
    text = normalise_line_ends(decoded.text.lstrip("\ufeff"))
    if not allow_empty and not text.strip():
        raise InputError("empty file", path=path)
    if max_line is not None:
        _check_lines(text, limit=max_line, path=path)
    return Decoded(to_nfc(text) if nfc else text, decoded.encoding)


def read_text(path: str | os.PathLike, *, fallback: str | None = None, allow_empty: bool = True,
              nfc: bool = True) -> str:
    """A text file's text by the module's rule (see `decode` for the options)."""
    return decode(read_bytes(path), path=path, fallback=fallback, allow_empty=allow_empty, nfc=nfc).text


def read_lines(path: str | os.PathLike, *, fallback: str | None = None, nfc: bool = True) -> list[str]:
    """A text file's lines (no line ends): `split_lines(read_text(path))`."""
    return split_lines(read_text(path, fallback=fallback, nfc=nfc))


def read_fields(path: str | os.PathLike, *, columns: int, expect: str, fallback: str | None = None,
                nfc: bool = True, optional: int = 0) -> list[tuple[int, list[str]]]:
    """(line number, fields) of a tab-separated file whose lines hold exactly `columns` non-empty
    fields (stripped), and up to `optional` more that may be empty and are dropped (a glossary's
    comment column); blank lines and `#` comment lines are skipped. Any other line is an
    InputError naming the file and line: "expected <expect>" (its tabs shown as "\\t").
    `nfc=False` keeps the text as it is (file names, which the file system compares byte for byte)."""
    rows = []
    for number, raw in enumerate(read_lines(path, fallback=fallback, nfc=nfc), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if not columns <= len(fields) <= columns + optional or not all(fields[:columns]):
            raise InputError(f"expected {expect!r}", path=path, line=number, item=line[:60].replace("\t", "\\t"))
        rows.append((number, fields[:columns]))
    return rows


# --- XML --------------------------------------------------------------------------------

_XML_DECLARED_ENCODING = re.compile(r"""^(\s*<\?xml\b[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


def _as_utf8_xml(text: str) -> bytes:
    """A decoded XML document as UTF-8 bytes, its declaration saying so."""
    return _XML_DECLARED_ENCODING.sub(r'\1"UTF-8"', text.lstrip("\ufeff"), count=1).encode("utf-8")


def parse_xml(source: str | bytes, *, path: str | os.PathLike | None = None):
    """The root element of an XML document, parsed safely (defusedxml: no entity expansion).

    Bytes go to the parser, which decodes them as the XML declaration says (UTF-8 when it says
    nothing); a UTF-16 or UTF-32 byte-order mark decides over a declaration that names another
    encoding (a file re-saved by an editor). Line ends are the parser's (XML: LF, CRLF, CR). Text
    and attribute values are NFC-normalised. The parser and this walk have no recursion, so
    elements nested to any depth are read (walk them with `iter()`, never a recursive function).
    """
    from xml.etree.ElementTree import ParseError

    import defusedxml
    from defusedxml import ElementTree as SafeET

    codec = None if isinstance(source, str) else _bom_codec(source)
    if isinstance(source, str):
        source = _as_utf8_xml(source)
    elif codec in ("utf-16", "utf-32"):
        source = _as_utf8_xml(_decode_bom(source, codec, path=path))
    try:
        return _nfc_tree(SafeET.fromstring(source))
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"not well-formed XML ({str(exc).split(':')[0]})", path=path, line=line) from None
    except defusedxml.DefusedXmlException as exc:
        raise InputError(f"refused unsafe XML ({type(exc).__name__}): no DTD entities or external references",
                         path=path) from None


def _nfc_tree(root):
    """Every text, tail and attribute value of the tree in NFC (in place, one pass, no recursion)."""
    for el in root.iter():
        if el.text:
            el.text = to_nfc(el.text)
        if el.tail:
            el.tail = to_nfc(el.tail)
        for key, value in el.attrib.items():
            el.attrib[key] = to_nfc(value)
    return root


def read_xml(path: str | os.PathLike):
    """The root element of an XML file (see `parse_xml`)."""
    return parse_xml(read_bytes(path), path=path)


# --- YAML -------------------------------------------------------------------------------

# PyYAML (YAML 1.1) also ends lines at NEL, U+2028 and U+2029: inside a plain scalar that is a
# syntax error, and in any case it shifts every later line number. They are hidden from it behind
# private-use stand-ins that the text does not contain, and put back in the parsed strings.
_YAML_BREAKS = "\x85\u2028\u2029"


def _stand_ins(text: str) -> dict[str, str]:
    free = (chr(c) for c in range(0xE000, 0xF900) if chr(c) not in text)
    return {ch: next(free) for ch in _YAML_BREAKS if ch in text}


def _put_back(value: Any, back: dict[str, str]) -> Any:
    if isinstance(value, str):
        for stand_in, ch in back.items():
            value = value.replace(stand_in, ch)
        return value
    if isinstance(value, dict):
        return {_put_back(k, back): _put_back(v, back) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return type(value)(_put_back(v, back) for v in value)
    return value


def _bounded(loader):
    """`loader` (a SafeLoader subclass) refusing aliases and anchors and nesting past MAX_YAML_DEPTH.

    An alias bomb (anchors expanded a billion times: 374 bytes became 2 GB) and deep nesting (a
    thousand `[` is a RecursionError in PyYAML's recursive composer) are refused when they are
    met, at their line. lvterm's YAML files never need an alias: write the value again.
    """
    from yaml.composer import ComposerError
    from yaml.events import AliasEvent

    class Bounded(_unique_keys(loader)):
        _depth = 0

        def compose_node(self, parent, index):
            event = self.peek_event()
            if isinstance(event, AliasEvent) or event.anchor is not None:
                what = f"alias *{event.anchor}" if isinstance(event, AliasEvent) else f"anchor &{event.anchor}"
                raise ComposerError(None, None, f"{what}: aliases and anchors are not allowed (write the value out)",
                                    event.start_mark)
            if self._depth >= MAX_YAML_DEPTH:
                raise ComposerError(None, None, f"nested more than {MAX_YAML_DEPTH} levels deep", event.start_mark)
            self._depth += 1
            try:
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    return Bounded


def _unique_keys(loader):
    """`loader` (a SafeLoader or CSafeLoader subclass) refusing a key given twice in one mapping, at
    the second one's line: YAML forbids it and PyYAML kept the last silently (a second `concepts:`
    dropped every concept above it, a second `status:` turned a deprecated term preferred); and an
    impossible date at its line (PyYAML's ValueError had none)."""
    from yaml.constructor import ConstructorError
    from yaml.nodes import ScalarNode

    class UniqueKeys(loader):
        def construct_mapping(self, node, deep=False):
            seen = {}
            for key, _ in node.value:
                if isinstance(key, ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    value = self.construct_object(key)  # the key it becomes: 1 and 01, yes and true are one
                    first = seen.setdefault(value, key.start_mark) if value.__hash__ is not None else key.start_mark
                    if first is not key.start_mark:
                        raise ConstructorError(None, None, f"key {key.value!r} given twice (first on line "
                                               f"{first.line + 1}): the second would replace the first",
                                               key.start_mark)
            return super().construct_mapping(node, deep=deep)

        def construct_yaml_timestamp(self, node):  # an impossible date (2011-02-30) at its line
            try:
                return super().construct_yaml_timestamp(node)
            except ValueError as exc:
                raise ConstructorError(None, None, str(exc), node.start_mark) from None

    UniqueKeys.add_constructor("tag:yaml.org,2002:timestamp", UniqueKeys.construct_yaml_timestamp)
    return UniqueKeys


@functools.lru_cache(maxsize=None)
def _fast_loader():
    """libyaml's SafeLoader refusing repeated keys (`_unique_keys`), or None without libyaml."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", None)
    return _unique_keys(loader) if loader is not None else None


_UNPARSED = object()
#: The characters that open a YAML nesting level: flow collections, block sequence entries, keys
#: (explicit keys, `?`, are in `_OTHER_READINGS`).
_NESTING_INDICATORS = "[{-:"
#: Anchors and aliases (which `_bounded` refuses), tags, directives, block scalars, explicit keys,
#: tabs and byte order marks: texts with them are left to the Python loader (libyaml reads a few
#: edge cases of these otherwise; tests/test_textio_yaml.py compares the two).
_OTHER_READINGS = "&*!%|>?\t\ufeff"


def _fast_safe_load(text: str) -> Any:
    """`text` parsed by libyaml's SafeLoader (PyYAML's C parser, about ten times faster: a build
    reads thousands of front matters), when it cannot hold what `_bounded` refuses and libyaml
    reads it as PyYAML's Python loader does: none of `_OTHER_READINGS` and fewer nesting
    indicators than MAX_YAML_DEPTH (each level needs one). `_UNPARSED` otherwise, or when libyaml
    is missing or finds a problem: the Python loader then parses it and says what is wrong, at
    its line. Both build the same data (one SafeConstructor)."""
    import yaml

    loader = _fast_loader()
    if (loader is None or any(ch in text for ch in _OTHER_READINGS)
            or sum(text.count(ch) for ch in _NESTING_INDICATORS) >= MAX_YAML_DEPTH):
        return _UNPARSED
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - the C SafeLoader
    except (yaml.YAMLError, ValueError):
        return _UNPARSED


def parse_yaml(text: str, *, path: str | os.PathLike | None = None, what: str = "bad YAML", first_line: int = 1,
               loader=None) -> Any:
    """Parse YAML text (SafeLoader, or the SafeLoader subclass `loader`) with lvterm's line rule.

    A problem is one InputError "`what`: problem" at its line; `first_line` is the file line on
    which `text` starts (front matter starts on line 2). An impossible date is a problem too, and so
    are an alias or anchor and nesting deeper than MAX_YAML_DEPTH (`_bounded`). Text is NFC.
    """
    import yaml

    text = to_nfc(text)
    hide = _stand_ins(text)
    for ch, stand_in in hide.items():
        text = text.replace(ch, stand_in)
    data = _fast_safe_load(text) if loader is None else _UNPARSED
    try:
        if data is _UNPARSED:
            data = yaml.load(text, Loader=_bounded(loader or yaml.SafeLoader))  # noqa: S506 - SafeLoader or a subclass
    except yaml.YAMLError as exc:
        problem, mark = _yaml_problem(exc, end=len(text))
        raise InputError(f"{what}: {problem}", path=path, line=mark.line + first_line if mark else None) from None
    except ValueError as exc:  # PyYAML's constructor: an impossible date such as 2011-02-30
        raise InputError(f"{what}: {exc}", path=path) from None
    return _put_back(data, {v: k for k, v in hide.items()}) if hide else data


def _yaml_problem(exc, *, end: int):
    """PyYAML's problem and the mark of the line where it starts: where the problem is found, but
    for what was left open, which PyYAML finds only at the end of the text (an unclosed quote or
    bracket: "found unexpected end of stream"), or a line without its ':', found on the next line
    (a simple key): the line where that began (PyYAML's context mark), saying so."""
    mark, context = getattr(exc, "problem_mark", None), getattr(exc, "context_mark", None)
    words = getattr(exc, "context", None)
    problem = getattr(exc, "problem", None) or words or str(exc).splitlines()[0]
    if mark is None:
        return problem, context
    if context is not None and words and context.line < mark.line and \
            (mark.index >= end or words == "while scanning a simple key"):
        return f"{problem} {words} begun on this line", context
    return problem, mark


def read_yaml(path: str | os.PathLike, *, what: str = "bad YAML", loader=None) -> Any:
    """A YAML file's data (Unicode text by the module's rule; see `parse_yaml`)."""
    return parse_yaml(read_text(path), path=path, what=what, loader=loader)
