""".po text before polib reads it: its charset, its grammar and its escapes, as msgfmt has them.

polib is lenient where msgfmt is not, and stricter where msgfmt is lenient:

- `decode(data)`: a .po is in the charset its header declares (`charset=ISO-8859-13`, `CP1257`:
  legacy Latvian files; msgmerge and translate-toolkit read them so); UTF-8 when it declares none,
  UTF-8, ASCII or xgettext's placeholder CHARSET, and when its non-ASCII bytes are all well-formed
  UTF-8 under a single-byte legacy header (a file saved as UTF-8 without changing its header:
  Latvian text in ISO-8859-13 or CP1257 never is; a warning says so). A byte the charset does not
  have is one InputError at its line. Control characters are text (gettext writes \\001 and \\033
  as they are); a NUL byte, or a compiled .mo, is a binary file.
- `plain_comments(text)`: comment lines gettext reads and polib refuses: `#,fuzzy` (no space
  after the mark), `#@ my-plugin` (an unknown mark: poEdit's WordPress text domains; a translator
  comment "@ my-plugin", as msgcat reads and writes it), a blank `#~`.
- `check_syntax(text)`: every line is a comment, a keyword with a string or a string (polib alone
  accepts an unterminated string); `check_entries(text)`: every entry is [msgctxt] msgid, then
  msgstr, or msgid_plural and msgstr[0], msgstr[1], ... (polib accepts `msgstr[0]` without
  msgid_plural, a plain msgstr after msgid_plural, a msgid without msgstr). Each error is an
  InputError at its line, worded close to msgfmt's.
- `plain_escapes(text)`: gettext's escapes are \\n \\t \\r \\a \\b \\f \\v \\\\ \\" and octal
  (\\101) or hex (\\x41) bytes; polib unescapes only \\n \\t \\r \\v \\b \\f \\\\ \\" and keeps the
  backslash of any other, which it then doubles on writing (\\a became \\\\a: another msgid).
  The other escapes are turned into what they stand for, as msgfmt reads them: \\101 is "A"; a
  run of escaped bytes is decoded in the file's charset over the whole message (an escaped UTF-8
  character may be split across two lines), bytes that are not text there are an error (msgfmt
  copies them into the .mo, msgcat refuses them); a NUL (\\0) ends its line's string (msgfmt and
  msgcat drop the rest of that line); an unknown escape (\\q) is an error.
"""
from __future__ import annotations

import codecs
import logging
import os
import re

import polib

from .. import textio
from ..errors import InputError

log = logging.getLogger(__name__)

_QUOTED = r'"(?:[^"\\]|\\.)*"'
_KEYWORD = r"msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?"
_PO_LINE = re.compile(rf"^\s*(?:(?:{_KEYWORD})\s+)?{_QUOTED}\s*$")
#: A line with a string: its lead (`#~ `, `#| `, `#~| `: obsolete, previous), keyword and string.
_STRING_LINE = re.compile(rf"^(?P<lead>\s*(?:#~\|?|#\|)?\s*)(?:(?P<kw>{_KEYWORD})\s+)?(?P<str>{_QUOTED})\s*$")

#: Charsets that are UTF-8 as far as lvterm reads them (ASCII is a subset; CHARSET is xgettext's placeholder).
_UTF8_LIKE = {"utf8", "ascii", "usascii", "charset", "ansix3.41968"}
_CHARSET = re.compile(r"charset=([A-Za-z0-9][-A-Za-z0-9_.:]*)")


def _header_charset(data: bytes) -> tuple[str | None, int]:
    """The charset the header entry (the first one, msgid "") declares, and the line it is on;
    (None, 0) when there is no header or it declares none. Read from the bytes: the charset names
    how to decode them."""
    lines = data[:65536].decode("latin-1").split("\n")  # (ASCII keywords: any charset lvterm reads has them)
    in_header = False
    for n, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not in_header:
            if not line or line.startswith("#"):
                continue
            if not re.fullmatch(r'msgid\s+""', line):
                return None, 0
            in_header = True
            continue
        if line.startswith("msgstr") or line.startswith('"'):
            m = _CHARSET.search(line)
            if m:
                return m.group(1), n
        elif not line.startswith("#"):  # (a blank line: the header entry is over)
            return None, 0
    return None, 0


#: The first four bytes of a compiled catalogue (.mo), little- and big-endian.
_MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


def utf8_like(charset: str) -> bool:
    """Whether a header's charset is UTF-8 as lvterm reads it (UTF-8, ASCII, xgettext's CHARSET)."""
    return re.sub(r"[-_]", "", charset.lower()) in _UTF8_LIKE


def _is_utf8(data: bytes) -> bool:
    """Non-ASCII bytes that all form well-formed UTF-8: a UTF-8 file, whatever its header says
    (Latvian text in ISO-8859-13 or CP1257 is never that: a letter such as ā or š would have to be
    followed by one to three of the bytes 0x80-0xBF, control codes and symbols there)."""
    return not data.isascii() and textio.is_utf8(data)


def decode(data: bytes, *, path: str | os.PathLike | None = None, nfc: bool = True,
           warn: bool = True) -> tuple[str, str]:
    """(text, codec) of a .po file's bytes: in the charset its header declares (see the module
    docstring), except that under a single-byte legacy header a file whose non-ASCII bytes are all
    well-formed UTF-8 is UTF-8 (converted once, its header left as it was; with `warn`, a warning
    names it); then as `textio.decode` has every text (`_text`). A byte the charset does not have is an
    InputError at its line; a compiled .mo is one too."""
    if data.startswith(_MO_MAGIC):
        raise InputError("binary file (a compiled .mo catalogue, not a .po; msgunfmt turns it back into one)",
                         path=path)
    charset, line = (None, 0) if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) else _header_charset(data)
    if charset is None or utf8_like(charset):
        return _text(data, path=path, nfc=nfc), "utf-8"
    try:
        codec = codecs.lookup(charset).name
        known = "a\n\"\\".encode(codec) == b'a\n"\\'  # ASCII-compatible: its keywords are what they seem
    except (LookupError, UnicodeError):
        codec, known = "", False
    if not known:
        raise InputError(f"the header declares charset={charset}, which lvterm cannot read (convert the "
                         f"file with msgconv --to-code=UTF-8)", path=path, line=line)
    if _single_byte(codec) and _is_utf8(data):
        if warn:
            log.warning("%s: warning: header says charset=%s but the file is UTF-8; read as UTF-8",
                        path or "<po>", charset)
        return _text(data, path=path, nfc=nfc), "utf-8"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = textio.normalise_line_ends(data[:exc.start].decode(codec, "replace")).count("\n") + 1
        raise InputError(f"byte 0x{data[exc.start]:02X} is not {charset} text, the charset the header "
                         f"declares", path=path, line=bad) from None
    return _text(text.encode("utf-8"), path=path, nfc=nfc), codec


def _single_byte(codec: str) -> bool:
    """Whether every byte is one character of `codec` (ISO-8859-13, CP1257; not EUC-JP, GBK)."""
    return len(bytes(range(256)).decode(codec, "replace")) == 256


def _text(data: bytes, *, path, nfc: bool) -> str:
    """UTF-8 (or BOM-marked) bytes as `textio.decode` reads every text, but for control characters:
    a .po string may hold any but NUL (gettext writes \\001 and \\033 as they are)."""
    return textio.decode(data, path=path, nfc=nfc, allow_controls=True).text


def check_syntax(text: str, *, path: str | os.PathLike | None = None) -> None:
    """Line-level PO grammar (polib alone accepts e.g. an unterminated string): InputError at the first bad line."""
    for n, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(line):
            what = "unterminated string" if stripped.count('"') % 2 else "not a PO keyword or string"
            raise InputError(f"syntax error in .po file ({what})", path=path, line=n)


_OPEN = {"msgctxt": "msgctxt without a msgid after it", "msgid": "msgid without a msgstr",
         "msgid_plural": "msgid_plural without msgstr[0], msgstr[1], ..."}


def check_entries(text: str, *, path: str | os.PathLike | None = None) -> None:
    """Entry-level PO grammar (`text` passed `check_syntax`): every entry, obsolete ones too, is
    [msgctxt] msgid then msgstr, or msgid msgid_plural msgstr[0] msgstr[1] ...; InputError at
    the line that breaks it (for an entry left open, the line of its last keyword). A comment
    inside an entry (`msgctxt "menu"`, then `#, c-format`) is left to polib, which reads it as
    the entry's or says where it cannot."""
    state, at, obsolete, index = None, 0, False, 0  # state: the entry's last keyword (None: between entries)

    def bad(message: str, line: int):
        return InputError(f"malformed entry: {message}", path=path, line=line)

    for n, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        old = stripped.startswith("#~")
        if stripped[0] == "#":
            if not old or stripped.startswith("#~|"):
                continue
            stripped = stripped[2:].lstrip()
            if not stripped.startswith(("msg", '"')):  # (an obsolete line that is no string: polib's to read)
                continue
        if state in _OPEN and old != obsolete:  # an obsolete line inside an entry, or the reverse
            raise bad(_OPEN[state], at)
        if stripped[0] == '"':
            if state is None:
                raise bad("a string outside any msgid or msgstr", n)
            continue
        kw = stripped.split(None, 1)[0]  # (`check_syntax`: a keyword, white space, its string)
        plural = kw.startswith("msgstr[") and kw.endswith("]") and kw[7:-1].isdigit()
        if kw in ("msgctxt", "msgid"):
            if state in _OPEN and not (kw == "msgid" and state == "msgctxt"):
                raise bad(_OPEN[state], at)
        elif kw == "msgid_plural":
            if state != "msgid":
                raise bad("msgid_plural after msgstr" if state in ("msgstr", "msgstr[]") else
                          "msgid_plural without a msgid before it", n)
        elif kw == "msgstr":
            if state == "msgid_plural":
                raise bad("msgstr in a plural entry: after msgid_plural come msgstr[0], msgstr[1], ...", n)
            if state == "msgctxt":
                raise bad(_OPEN[state], at)
            if state != "msgid":
                raise bad("a second msgstr" if state == "msgstr" else "msgstr without a msgid before it", n)
        elif plural:
            k = int(kw[7:-1])
            if state == "msgid":
                raise bad(f"msgstr[{k}] without msgid_plural (a singular entry has one msgstr)", n)
            if state not in ("msgid_plural", "msgstr[]"):
                raise bad(f"msgstr[{k}] without a msgid before it", n)
            if k != (0 if state == "msgid_plural" else index):
                raise bad(f"msgstr[{k}] where msgstr[{0 if state == 'msgid_plural' else index}] belongs "
                          "(plural forms are numbered 0, 1, 2, ...)", n)
            index = k + 1
            kw = "msgstr[]"
        else:  # (an obsolete line polib reads as it can)
            continue
        state, at, obsolete = kw, n, old
    if state in _OPEN:
        raise bad(_OPEN[state], at)


#: gettext's one-letter escapes; polib knows all but \a.
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", "\\": "\\", '"': '"'}
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.S)
_NOT_POLIB = re.compile(r'\\[^ntrvbf\\"]')


def _unescape(pieces: list[tuple[int, str]], *, codec: str, path) -> list[str]:
    """What the string pieces of one message stand for, piece by piece: `pieces` are (line, body
    between the quotes) of a keyword's string and its continuation lines, every gettext escape read
    as msgfmt reads them: octal and hex escapes are bytes of the file's charset, decoded over the
    whole message (an escaped UTF-8 character may be split across two lines; its text goes to the
    piece where it starts), and a NUL (\\0) ends its piece, the rest of that line's string
    dropped, as msgfmt and msgcat drop it."""
    outs: list[list[str]] = [[] for _ in pieces]
    pending = bytearray()  # escaped bytes not decoded yet
    start = 0  # the piece they start in

    def flush() -> None:
        if pending:
            try:
                outs[start].append(pending.decode(codec))
            except UnicodeDecodeError:
                shown = "".join(f"\\x{b:02x}" for b in pending)
                raise InputError(f"the escaped bytes {shown} are not {codec.upper()} text (an invalid multibyte "
                                 f"sequence)", path=path, line=pieces[start][0]) from None
            pending.clear()

    for k, (line, body) in enumerate(pieces):
        pos = 0
        for m in _ESCAPE.finditer(body):
            if m.start() > pos:
                flush()
                outs[k].append(body[pos:m.start()])
            pos = m.end()
            octal, hexa, char = m.groups()
            if char is not None:
                if char not in _ESCAPES:
                    raise InputError(f"invalid escape \\{char} in a string (gettext's are \\n \\t \\r \\a \\b \\f "
                                     f"\\v \\\\ \\\" and octal \\101 or hex \\x41)", path=path, line=line)
                flush()
                outs[k].append(_ESCAPES[char])
                continue
            value = int(octal, 8) & 0xFF if octal else int(hexa, 16) & 0xFF  # msgfmt keeps the low byte
            if value == 0:
                pos = len(body)
                break
            if not pending:
                start = k
            pending.append(value)
        if pos < len(body):
            flush()
            outs[k].append(body[pos:])
    flush()
    return ["".join(out) for out in outs]


def _messages(lines: list[str]):
    """The strings of each message: lists of (line index, `_STRING_LINE` match), a keyword's line
    and its continuation lines (blank lines between them too), obsolete (`#~`) and previous (`#|`)
    ones each apart; other comments are no strings."""
    group: list = []
    lead = None
    for n, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        m = _STRING_LINE.match(line)
        if m is None or (stripped.startswith("#") and not stripped.startswith(("#~", "#|"))):
            if group:
                yield group
            group, lead = [], None
            continue
        this = "".join(m.group("lead").split())
        if m.group("kw") or this != lead:
            if group:
                yield group
            group, lead = [], this
        group.append((n, m))
    if group:
        yield group


def empty_msgids(lines: list[str]) -> list[tuple[int, str | None, bool]]:
    """(line, msgctxt, obsolete) of every entry whose msgid is empty, as msgfmt reads it: its
    `msgid ""` and continuation strings (blank lines between them too) all "" (`msgid ""` then
    `""` is empty too), live or obsolete (`#~ msgid ""`); the 1-based line of its msgid, its
    msgctxt as written between the quotes (None for none: a header; "" for `msgctxt ""`)."""
    out: list[tuple[int, str | None, bool]] = []
    last: dict[str, tuple[str, list[str]]] = {}  # live "" or obsolete "#~" -> its last keyword's (kw, strings)
    for group in _messages(lines):
        n, first = group[0]
        kw = first.group("kw")
        lead = "".join(first.group("lead").split())
        if lead not in ("", "#~") or not kw:
            continue  # (previous strings `#|`, `#~|`: not the entry's own)
        strings = [m.group("str")[1:-1] for _, m in group]
        if kw == "msgid" and not any(strings):
            prev = last.get(lead)
            out.append((n + 1, "".join(prev[1]) if prev is not None and prev[0] == "msgctxt" else None, lead == "#~"))
        last[lead] = (kw, strings)
    return out


def header_msgstr(text: str, *, codec: str = "utf-8", path: str | os.PathLike | None = None) -> str | None:
    """The msgstr of a .po's header (its first live `msgid ""` without a msgctxt) as written: its
    fields in their order, a field given twice twice (polib's `metadata` keeps one, and reorders
    them); None for a file without a header."""
    lines = text.split("\n")
    live = [line for line, context, obsolete in empty_msgids(lines) if context is None and not obsolete]
    if not live:
        return None
    for group in _messages(lines[live[0]:]):
        first = group[0][1]
        if first.group("kw") is None:
            continue  # (the msgid's own continuation: `""`)
        if first.group("kw") == "msgstr" and not "".join(first.group("lead").split()):
            return "".join(_unescape([(live[0] + n + 1, m.group("str")[1:-1]) for n, m in group],
                                     codec=codec, path=path))
        break
    return None


def plain_escapes(text: str, *, codec: str = "utf-8", path: str | os.PathLike | None = None) -> str:
    """`text` (it passed `check_syntax`) with every string's escapes in the form polib reads right:
    gettext's \\a, octal and hex escapes replaced by what they stand for (`_unescape`; see the
    module docstring), polib's own kept; same lines. An unknown escape (\\q) or escaped bytes that
    are not text in `codec` are an InputError at their line."""
    if "\\" not in text or not _NOT_POLIB.search(text):
        return text
    lines = text.split("\n")
    for group in _messages(lines):
        bodies = [m.group("str")[1:-1] for _, m in group]
        if not any(_NOT_POLIB.search(body.replace("\\\\", "")) for body in bodies):
            continue
        values = _unescape([(n + 1, body) for (n, _), body in zip(group, bodies)], codec=codec, path=path)
        for (n, m), value in zip(group, values):
            line = lines[n]
            lines[n] = line[:m.start("str")] + '"' + polib.escape(value) + '"' + line[m.end("str"):]
    return "\n".join(lines)


#: Comment lines gettext reads and polib refuses: `#,fuzzy` (no space after the mark: flags,
#: references, extracted comments, previous strings), `#@ my-plugin` (a mark gettext does not know:
#: poEdit wrote WordPress text domains so; gettext reads a translator comment "@ my-plugin"),
#: `#~` alone (a blank obsolete line: nothing).
_TIGHT_MARK = re.compile(r"^(\s*#(?:~\||[,.:|]))(?=\S)")
_OTHER_MARK = re.compile(r"^(\s*#)(?=[^\s#,.:|~])")
_BLANK_OBSOLETE = re.compile(r"^\s*#~\s*$")


def plain_comments(text: str) -> str:
    """`text` with the comment lines gettext reads and polib refuses (`_TIGHT_MARK`, `_OTHER_MARK`,
    `_BLANK_OBSOLETE`) in the form polib reads as gettext does: a space after the mark, `# ` before
    an unknown mark's text (as msgcat writes it), a blank line for `#~`; same lines."""
    if "#" not in text:
        return text
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.lstrip().startswith("#"):
            if _BLANK_OBSOLETE.match(line):
                lines[n] = ""
            else:
                lines[n] = _OTHER_MARK.sub(r"\1 ", _TIGHT_MARK.sub(r"\1 ", line, count=1), count=1)
    return "\n".join(lines)
