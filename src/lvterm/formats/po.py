"""gettext .po/.pot helpers on top of polib: Latvian header, safe loading, placeholders, atomic save.

`load(path)` returns a `polib.POFile` or raises `InputError` naming the file and line (never a
traceback for a syntax error or a malformed entry msgfmt would refuse). A .po is read in the charset
its header declares (`formats.po_text`: UTF-8, or a legacy one such as ISO-8859-13 or CP1257, as
msgmerge reads it; UTF-8 under a legacy header is read as UTF-8, with a warning; a BOM is dropped,
UTF-16 with a BOM is accepted), its grammar and escapes checked as msgfmt checks them, what msgfmt
accepts and polib does not (`#@` comments, a blank `#~`, control characters) read; polib is given
the text, never the path. What lvterm writes is UTF-8: a file read from another charset (or
labelled with one) says so in its header. `dumps(po)` / `dump(po, fp)` write it
(lvterm's own notes, `# lvterm: ...`, never wrapped); `save(po, path)` writes atomically.
`placeholders(text, flags=...)` lists the format placeholders an entry must keep.
"""
from __future__ import annotations

import copy
import hashlib
import logging
import os
import re
import textwrap
from typing import IO, Iterable, NamedTuple

import polib

from .. import textio
from ..errors import InputError
from ..fileio import atomic_write
from . import po_text
from .po_text import check_syntax

log = logging.getLogger(__name__)

#: The GNU formula for Latvian, as msginit and msgfmt use it.
LV_PLURAL_FORMS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
LV_NPLURALS = 3
WRAP_WIDTH = 78

_HEADER_ORDER = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
    "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Plural-Forms",
)


def lv_header(*, project: str, revision_date: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Header fields for a Latvian .po file. `revision_date` comes from the data (deterministic)."""
    fields = {
        "Project-Id-Version": project,
        "PO-Revision-Date": revision_date,
        "Last-Translator": "lvterm",
        "Language-Team": "Latvian",
        "Language": "lv",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": LV_PLURAL_FORMS,
    }
    fields.update(extra or {})
    return fields


def timestamp(epoch: float | None = None) -> str:
    """A PO header date in UTC ("2024-03-05 12:00+0000"): `epoch`, else the SOURCE_DATE_EPOCH
    environment variable (reproducible builds), else the time of writing."""
    import time

    if epoch is None:
        env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        epoch = float(env) if env.isdigit() else time.time()
    return time.strftime("%Y-%m-%d %H:%M+0000", time.gmtime(epoch))


def new_pofile(*, metadata: dict[str, str]) -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.metadata = dict(metadata)
    po.encoding = "utf-8"
    return po


def make_latvian(po: polib.POFile, *, revision_date: str | None = None, project: str | None = None) -> None:
    """Turn a template's header into a Latvian one (keeps the project fields the template has).

    xgettext's placeholders (PACKAGE VERSION, YEAR-MO-DA, FULL NAME, LANGUAGE) are replaced, since
    `msgfmt --check` warns about them; `project` names the package when the template does not.
    """
    meta = dict(po.metadata)
    if project and meta.get("Project-Id-Version", "PACKAGE VERSION").strip() in ("", "PACKAGE VERSION"):
        meta["Project-Id-Version"] = project
    meta["Language"] = "lv"
    meta["Plural-Forms"] = LV_PLURAL_FORMS
    meta["Content-Type"] = "text/plain; charset=UTF-8"
    meta["Content-Transfer-Encoding"] = "8bit"
    meta.setdefault("MIME-Version", "1.0")
    meta.setdefault("Project-Id-Version", "lvterm")
    if revision_date or "YEAR" in meta.get("PO-Revision-Date", "YEAR"):
        meta["PO-Revision-Date"] = revision_date or meta.get("POT-Creation-Date") or "1970-01-01 00:00+0000"
    if "FULL NAME" in meta.get("Last-Translator", "FULL NAME"):
        meta["Last-Translator"] = "lvterm"
    if "LANGUAGE" in meta.get("Language-Team", "LANGUAGE"):
        meta["Language-Team"] = "Latvian"
    po.metadata = meta
    po.metadata_is_fuzzy = False


_LINE_RE = re.compile(r"\(line (\d+)\)")


class _PoText(str):
    """PO text whose lines end at LF only: polib splits text with str.splitlines, which also breaks
    at U+2028, NEL or a form feed inside a msgid/msgstr and then sees an unterminated string."""

    def splitlines(self, keepends=False):
        return self.split("\n")


def loads(text: str, *, path: str | os.PathLike | None = None, codec: str = "utf-8") -> polib.POFile:
    """Parse .po/.pot text; syntax errors and malformed entries become a one-line InputError with
    file and line (`po_text`). `codec`: the file's charset, which octal and hex escapes are bytes of."""
    text = po_text.plain_comments(textio.normalise_line_ends(text))
    check_syntax(text, path=path)
    po_text.check_entries(text, path=path)
    text = po_text.plain_escapes(text, codec=codec, path=path)
    try:
        po = polib.pofile(_PoText(text), wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError) as exc:
        msg = str(exc)
        m = _LINE_RE.search(msg)
        detail = msg.split(":", 1)[1].strip() if ": " in msg else ""
        raise InputError("syntax error in .po file" + (f" ({detail})" if detail else ""),
                         path=path, line=int(m.group(1)) if m else None) from None
    _check_sizes(po, path=path)
    return po


def _check_sizes(po: polib.POFile, *, path) -> None:
    """A message longer than `textio.MAX_LINE_CHARS` characters (written on one line or many) is an
    InputError at its entry, before matching and wrapping it take minutes and gigabytes."""
    limit = textio.MAX_LINE_CHARS
    for entry in po:  # (obsolete entries too)
        texts = (entry.msgid, entry.msgid_plural or "", entry.msgstr, *entry.msgstr_plural.values())
        longest = max(len(t) for t in texts)
        if longest > limit:
            raise InputError(f"a message of {longest:,} characters; the limit is {limit:,}", path=path,
                             line=entry.linenum)


def read_decoded(path: str | os.PathLike, *, nfc: bool = True, warn: bool = False) -> tuple[str, str]:
    """(text, codec) of a .po file, decoded as its header declares (`po_text.decode`; `warn`: say
    so when it is UTF-8 under a legacy header)."""
    return po_text.decode(textio.read_bytes(path), path=path, nfc=nfc, warn=warn)


def read_text(path: str | os.PathLike, *, nfc: bool = True) -> str:
    """A .po file's text as `load` reads it: in the charset its header declares, LF line ends
    (no warning: `load` gives it)."""
    return read_decoded(path, nfc=nfc)[0]


_CHARSET_VALUE = re.compile(r"(charset=)([^\s;]*)", re.I)


def load(source: str | os.PathLike | IO[str], *, expect_lang: str | None = None, nfc: bool = True) -> polib.POFile:
    """Read a .po/.pot file (path or text stream). Warns when `expect_lang` differs from its Language.
    `nfc=False` keeps msgids byte for byte as written (a template whose .po the program looks up)."""
    codec = "utf-8"
    if hasattr(source, "read"):
        path = getattr(source, "name", None)
        text = source.read()
    else:
        path = os.fspath(source)
        text, codec = read_decoded(path, nfc=nfc, warn=True)
    return load_text(text, path=path, codec=codec, expect_lang=expect_lang)


def load_text(text: str, *, path: str | None = None, codec: str = "utf-8",
              expect_lang: str | None = None) -> polib.POFile:
    """`load` of text already read (`read_decoded`: a caller that needs the text too reads the file
    once): parsed, its header's charset made UTF-8, its Language checked against `expect_lang`."""
    po = loads(text, path=path, codec=codec)
    declared = _CHARSET_VALUE.search(po.metadata.get("Content-Type", ""))
    if declared and not po_text.utf8_like(declared.group(2)):  # read from a legacy charset (or UTF-8
        # under a legacy header): Unicode now, and UTF-8 wherever lvterm writes it
        po.metadata["Content-Type"] = _CHARSET_VALUE.sub(r"\1UTF-8", po.metadata["Content-Type"])
        po.encoding = "utf-8"
    if expect_lang:
        lang = po.metadata.get("Language", "").strip()
        if lang and language(po) != expect_lang:
            log.warning("%s: warning: Language is %r, not %r (read anyway)", path or "<po>", lang, expect_lang)
    return po


def language(po: polib.POFile) -> str:
    """The language code of a .po's header, lower case, without its country or script ("lv_LV",
    "lv-LV" -> "lv"), Latvian by name or another code too ("Latvian", "latviešu", "lav" -> "lv":
    `lang.declared_language`); "" when it has no Language (xgettext's templates leave it empty).
    The one reading of it: check-po, pretranslate and --update, and `load`'s `expect_lang`."""
    from ..lang import declared_language

    return declared_language(po.metadata.get("Language", ""))


#: lvterm's notes in translator comments start with it (`# lvterm: 85% match from old.tmx`): a
#: note is one line, never wrapped, so that `--update` (`localise.update`) removes all of it.
NOTE_TAG = "lvterm:"


def dumps(po: polib.POFile, *, header: str | None = None) -> str:
    """The .po text of `po`, as polib writes it but for three things: a header without comments
    gets no comment line (polib writes a lone "#"); lvterm's own notes (`NOTE_TAG`) are never
    wrapped; a BEL is written \\a, as gettext writes it (polib has no escape for it). `header`:
    the header's msgstr to write instead of `po.metadata` (a file's own, `kept_header`)."""
    first = po.metadata_as_entry()
    if header is not None:
        first.msgstr = header
    entries = [first, *(e for e in po if not e.obsolete), *po.obsolete_entries()]
    text = _header_comment(po.header) + "\n".join(_entry_text(e, po.wrapwidth) for e in entries)
    text = text.replace("\a", "\\a")
    return text if text.endswith("\n") else text + "\n"


def kept_header(text: str, metadata: dict[str, str], *, codec: str = "utf-8") -> str | None:
    """The header msgstr of the .po `text` as it is written (its fields in their order, a field
    given twice twice: `po_text.header_msgstr`), each field `metadata` gives another value (as
    polib reads a field: the last of one given twice, its continuation lines too) changed to it or
    added at the end; None for a file without a header."""
    raw = po_text.header_msgstr(text, codec=codec)
    if raw is None:
        return None
    fields: list[list[str]] = []  # each field's lines: "Key: value", then lines without a colon
    for line in raw.split("\n")[:-1] if raw.endswith("\n") else raw.split("\n"):
        if ":" in line or not fields:
            fields.append([line])
        else:
            fields[-1].append(line)
    where = {field[0].split(":", 1)[0]: i for i, field in enumerate(fields) if ":" in field[0]}
    for key, value in metadata.items():
        i = where.get(key)
        if i is None:
            fields.append([f"{key}: {value}"])
        elif "\n".join([fields[i][0].split(":", 1)[1].strip(), *(x.strip() for x in fields[i][1:])]) != value:
            fields[i] = [f"{key}: {value}"]
    return "".join(line + "\n" for field in fields for line in field)


def _header_comment(header: str) -> str:
    """The comment lines above the header entry (polib's `POFile.__unicode__`, none for no header)."""
    if not header:
        return ""
    return "".join("#\n" if not line else f"#{line}\n" if line[:1] in ",:" else f"# {line}\n"
                   for line in header.split("\n"))


def _entry_text(entry: polib.POEntry, width: int) -> str:
    """polib's text of an entry, its translator comments wrapped at `width` as polib wraps them,
    except lvterm's own notes (`NOTE_TAG`), which stay one line."""
    lines = entry.tcomment.split("\n") if entry.tcomment else []
    if not any(line.startswith(NOTE_TAG) and len(line) + 2 > width for line in lines):
        return entry.__unicode__(width)
    bare = copy.copy(entry)
    bare.tcomment = ""
    own = [wrapped for line in lines for wrapped in
           ([f"# {line}"] if line.startswith(NOTE_TAG) or width <= 0 or len(line) + 2 <= width else
            textwrap.wrap(line, width, initial_indent="# ", subsequent_indent="# ", break_long_words=False))]
    return "\n".join(own) + "\n" + bare.__unicode__(width)


def dump(po: polib.POFile, fp: IO[str]) -> None:
    fp.write(dumps(po))


def save(po: polib.POFile, path: str | os.PathLike) -> None:
    """Write atomically (temp file, then rename); a missing folder is an InputError."""
    save_text(dumps(po), path)


def save_text(text: str, path: str | os.PathLike, *, like: bytes | None = None) -> None:
    """Write `dumps` output atomically. `like`: the bytes of the file it replaces (a .po filled in
    place), whose line ends it keeps (CRLF from a Windows checkout: `post.in_form_of`); it is
    written in UTF-8, without a byte-order mark, whatever that file was in."""
    if like is None:
        with atomic_write(path, newline="\n") as fp:
            fp.write(text)
        return
    from .post import in_form_of

    bom, _ = textio.byte_order_mark(like)
    with atomic_write(path, mode="wb", encoding=None) as fp:
        fp.write(in_form_of(text, like[len(bom):]))


_ENTRY_FIELDS = ("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural", "occurrences", "comment",
                 "tcomment", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "obsolete")


#: The version of what `dumps` does beyond polib (2: no stray "#", notes unwrapped, \a): in `digest`.
_RENDERING = 2


def digest(po: polib.POFile) -> str:
    """A digest of everything `dumps` renders (header, metadata, every entry's fields, the wrap
    width, polib's version and `_RENDERING`), computed without rendering: two POFiles with one
    digest are written the same."""
    h = hashlib.sha256(repr((polib.__version__, _RENDERING, po.wrapwidth, po.header,
                             sorted(po.metadata.items()))).encode())
    for entry in [*po, *po.obsolete_entries()]:
        h.update(repr(tuple(getattr(entry, name, None) for name in _ENTRY_FIELDS)).encode())
    return h.hexdigest()


# --- placeholders ---------------------------------------------------------------

_PRINTF = r"%(?:\d+\$)?[-#0 +']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGcspaA]"
_PATTERNS = {
    "c-format": re.compile(_PRINTF),
    "python-format": re.compile(r"%\([^)]+\)[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[diouxXeEfFgGcrsa]|" + _PRINTF),
    "python-brace-format": re.compile(r"(?<!\{)\{[^{}\s]*\}(?!\})"),
    "qt-format": re.compile(r"%L?[1-9]\d?"),  # QString::arg: %1 .. %99 (%L1 localised)
    "qt-plural-format": re.compile(r"%L?n"),  # QObject::tr's count
    "kde-format": re.compile(r"%[1-9]\d?"),  # ki18n: %1 .. %99
    "sh-format": re.compile(r"\$(?:[A-Za-z_]\w*|\{[A-Za-z_]\w*\})"),  # $VAR ${VAR}
    "perl-brace-format": re.compile(r"\{[A-Za-z_]\w*\}"),  # {name}
}
# Without a format flag only the unmistakable placeholders count ("50% of" is not a placeholder).
_UNFLAGGED = re.compile(
    r"%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]"  # %(name)s
    r"|%(?:\d+\$)?[-#0+]*\d*(?:\.\d+)?(?:ll|l|h|z)?[diouxXeEfFgGcs](?![A-Za-z])"  # %s %5.2f %1$s, not '50% of'
    r"|\{[A-Za-z_]?\w*(?:![rsa])?(?::[^{}\s]*)?\}"  # {} {0} {name} {price:.2f}
)


def _patterns(flags: Iterable[str]) -> list[re.Pattern]:
    """The placeholder patterns of an entry's format flags: its known kinds; for another
    `*-format` flag (javascript-format, csharp-format, ...) every known kind, to be cautious;
    without one (or with only `no-*-format`), the unmistakable placeholders."""
    flags = list(flags)
    known = [_PATTERNS[f] for f in flags if f in _PATTERNS]
    if any(f.endswith("-format") and not f.startswith("no-") and f not in _PATTERNS for f in flags):
        return list(_PATTERNS.values())
    return known or [_UNFLAGGED]


def placeholders(text: str, *, flags: Iterable[str] = ()) -> tuple[str, ...]:
    """Sorted format placeholders of `text` for the entry's format flags (see `_patterns`)."""
    text = text.replace("%%", "  ")
    return tuple(sorted(text[start:end] for start, end in _spans(text, flags)))


def _spans(text: str, flags: Iterable[str]) -> list[tuple[int, int]]:
    """Where the placeholders are; one found by two kinds ("%s": c-format and python-format), or
    inside another ("%1" of "%1$s"), counts once."""
    found = sorted({(m.start(), m.end()) for pattern in _patterns(flags) for m in pattern.finditer(text)},
                   key=lambda span: (span[0], -span[1]))
    out: list[tuple[int, int]] = []
    for start, end in found:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


def blank_placeholders(text: str, *, flags: Iterable[str] = ()) -> str:
    """`text` with its placeholders (as `placeholders` finds them) turned into spaces, offsets kept."""
    text = text.replace("%%", "  ")
    for start, end in _spans(text, flags):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def normalise_ws(text: str) -> str:
    """Collapse runs of whitespace and strip: the key for an exact match."""
    return " ".join(text.split())


def wrap_like(text: str, model: str) -> str:
    """Give `text` the leading and trailing newlines of `model` (msgfmt --check requires them to agree)."""
    core = text.strip("\n")
    lead = len(model) - len(model.lstrip("\n"))
    trail = len(model) - len(model.rstrip("\n"))
    return "\n" * lead + core + "\n" * trail if model.strip("\n") else model


def msgid_line(po_path: str | os.PathLike | None, entry: polib.POEntry, lines: list[str] | None) -> int:
    """The 1-based line of an entry's `msgid` (polib's linenum is the entry's first comment line)."""
    if not lines:
        return entry.linenum
    i = max(entry.linenum - 1, 0)
    while i < len(lines):
        stripped = lines[i].lstrip()
        if stripped.startswith("msgid ") or stripped.startswith("#~ msgid "):
            return i + 1
        i += 1
    return entry.linenum


class Twice(NamedTuple):
    """A message defined again (its msgctxt and msgid those of an earlier entry, obsolete ones
    too): the msgid lines of the second definition and of the first."""

    line: int
    first_line: int
    msgctxt: str | None
    msgid: str
    hint: str = "merge the two with msguniq"

    def __str__(self) -> str:
        def shown(text: str) -> str:
            return repr(text if len(text) <= 40 else text[:37] + "...")

        context = f"msgctxt {shown(self.msgctxt)}, " if self.msgctxt is not None else ""
        return (f"duplicate message definition ({context}msgid {shown(self.msgid)}, first at line "
                f"{self.first_line}); {self.hint}")


#: What to do about a duplicate: msguniq merges two live or two obsolete entries, but makes a live
#: one it merges with an obsolete one obsolete too, and refuses an empty msgid (a second header).
_OBSOLETE_TWIN = "delete the obsolete one (copy its translation into the other first if you want it)"
_EMPTY_TWIN = "delete one of them (msguniq does not merge an empty msgid)"
_SECOND_HEADER = "a file has one header: delete the other"


def _hint(one: polib.POEntry, again: polib.POEntry) -> tuple[str, ...]:
    """`Twice.hint` for two entries of one key, when msguniq is not the answer."""
    if not again.msgid:
        return (_EMPTY_TWIN,)
    return (_OBSOLETE_TWIN,) if one.obsolete != again.obsolete else ()


def duplicates(po: polib.POFile, *, path: str | os.PathLike | None = None,
               lines: list[str] | None = None) -> list[Twice]:
    """Every entry whose msgctxt and msgid (compared as written, byte for byte: an NFC and an NFD
    spelling are two messages) are those of an earlier one, in the file's order, as msgfmt and
    msgmerge refuse them ("duplicate message definition"): obsolete `#~` entries count as live
    ones do, and so does every `msgid ""` without a msgctxt after the first, the header (obsolete,
    or continued with `""`, too: `po_text.empty_msgids`). A msgctxt "" is a context, not none.
    `lines`: the file's (`read_lines(path)` when not given and there may be a duplicate).
    InputError when polib, which takes one `msgid ""` for the header, kept a second live one and
    the file has no second: it took an entry with `msgctxt ""` and an empty msgid for the header,
    which msgfmt does not, and the header lvterm would write is not the file's."""
    first: dict[tuple[str | None, str], polib.POEntry] = {}
    twice: list[tuple[polib.POEntry, polib.POEntry]] = []
    headers = []  # polib takes one live `msgid ""` for the header: the others stay entries
    for entry in po:
        key = (entry.msgctxt, entry.msgid)
        if key == (None, ""):
            headers.append(entry)
        elif key in first:
            twice.append((first[key], entry))
        else:
            first[key] = entry
    if not twice and not headers:
        return []
    if lines is None:
        lines = read_lines(path) if path is not None else []
    out = [Twice(msgid_line(path, again, lines), msgid_line(path, one, lines), again.msgctxt, again.msgid,
                 *_hint(one, again))
           for one, again in twice]
    if headers:
        empty = po_text.empty_msgids(lines)
        found = [line for line, context, _ in empty if context is None]
        if len(found) < 2 and any(not e.obsolete for e in headers):
            line = next((n for n, context, obsolete in empty if context == "" and not obsolete), None)
            raise InputError('an entry with msgctxt "" and an empty msgid beside the header, which lvterm\'s .po '
                             'reader takes for the header (msgfmt does not); give it a context of its own or '
                             'delete it', path=path, line=line or msgid_line(path, headers[0], lines))
        out += [Twice(line, found[0], None, "", _SECOND_HEADER) for line in found[1:]]
    return sorted(out, key=lambda t: t.line)


def read_lines(path: str | os.PathLike) -> list[str]:
    """The file's lines as `load` counts them (for `msgid_line`); none when it cannot be read."""
    try:
        return textio.split_lines(read_text(path))
    except InputError:
        return []


__all__ = [
    "LV_PLURAL_FORMS", "LV_NPLURALS", "NOTE_TAG", "check_syntax", "lv_header", "new_pofile", "make_latvian", "load",
    "loads", "dump", "dumps", "save", "placeholders", "blank_placeholders", "normalise_ws", "wrap_like", "msgid_line",
    "read_lines", "read_text", "read_decoded", "load_text", "duplicates", "Twice", "language", "kept_header",
]
