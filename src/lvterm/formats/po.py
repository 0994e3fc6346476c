"""gettext .po/.pot helpers on top of polib: Latvian header, safe loading, placeholders, atomic save.

`load(path)` returns a `polib.POFile` or raises `InputError` naming the file and line (never a
traceback for a syntax error). Files are read by `lvterm.textio` as Unicode only: a .po names its
charset in its header, and lvterm writes and reads UTF-8 (a BOM is dropped, UTF-16 with a BOM is
accepted); a .po in a legacy charset is "not UTF-8 text" at its first bad line, naming the charset
its header declares (convert it with `msgconv --to-code=UTF-8`). polib is given the text, never the path. `dumps(po)` / `dump(po, fp)`
write it; `save(po, path)` writes atomically. `placeholders(text, flags=...)` lists the format placeholders an entry must keep.
"""
from __future__ import annotations

import hashlib
import logging
import os
import re
from typing import IO, Iterable

import polib

from .. import textio
from ..errors import InputError
from ..fileio import atomic_write

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


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf"^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+)?{_QUOTED}\s*$")


class _PoText(str):
    """PO text whose lines end at LF only: polib splits text with str.splitlines, which also breaks
    at U+2028, NEL or a form feed inside a msgid/msgstr and then sees an unterminated string."""

    def splitlines(self, keepends=False):
        return self.split("\n")


def check_syntax(text: str, *, path: str | os.PathLike | None = None) -> None:
    """Line-level PO grammar (polib alone accepts e.g. an unterminated string): InputError at the first bad line."""
    for n, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(line):
            what = "unterminated string" if stripped.count('"') % 2 else "not a PO keyword or string"
            raise InputError(f"syntax error in .po file ({what})", path=path, line=n)


def loads(text: str, *, path: str | os.PathLike | None = None) -> polib.POFile:
    """Parse .po/.pot text; syntax errors become a one-line InputError with file and line."""
    text = textio.normalise_line_ends(text)
    check_syntax(text, path=path)
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


_CHARSET = re.compile(rb"charset=([A-Za-z0-9][-A-Za-z0-9_.:]*)")


def _declared_charset(path: str) -> str | None:
    """The charset a .po's header declares when it is not UTF-8 (None: UTF-8, or none declared)."""
    try:
        m = _CHARSET.search(textio.read_bytes(path)[:4096])
    except InputError:
        return None
    name = m.group(1).decode("ascii") if m else None
    return None if name is None or name.lower().replace("-", "").replace("_", "") == "utf8" else name


def load(source: str | os.PathLike | IO[str], *, expect_lang: str | None = None, nfc: bool = True) -> polib.POFile:
    """Read a .po/.pot file (path or text stream). Warns when `expect_lang` differs from its Language.
    `nfc=False` keeps msgids byte for byte as written (a template whose .po the program looks up)."""
    if hasattr(source, "read"):
        path = getattr(source, "name", None)
        text = source.read()
    else:
        path = os.fspath(source)
        try:
            text = textio.read_text(path, nfc=nfc)
        except InputError as exc:
            charset = _declared_charset(path) if exc.message == "not UTF-8 text" else None
            if charset is None:
                raise
            raise InputError(f"not UTF-8 text: the header declares charset={charset}, and lvterm reads UTF-8 "
                             f"only; convert it with msgconv --to-code=UTF-8", path=path, line=exc.line) from None
    po = loads(text, path=path)
    if expect_lang:
        lang = po.metadata.get("Language", "").strip()
        if lang and lang.split("_")[0].split("-")[0].lower() != expect_lang:
            log.warning("%s: warning: Language is %r, not %r (read anyway)", path or "<po>", lang, expect_lang)
    return po


def dumps(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def dump(po: polib.POFile, fp: IO[str]) -> None:
    fp.write(dumps(po))


def save(po: polib.POFile, path: str | os.PathLike) -> None:
    """Write atomically (temp file, then rename); a missing folder is an InputError."""
    save_text(dumps(po), path)


def save_text(text: str, path: str | os.PathLike) -> None:
    """Write `dumps` output atomically."""
    with atomic_write(path, newline="\n") as fp:
        fp.write(text)


_ENTRY_FIELDS = ("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr_plural", "occurrences", "comment",
                 "tcomment", "flags", "previous_msgctxt", "previous_msgid", "previous_msgid_plural", "obsolete")


def digest(po: polib.POFile) -> str:
    """A digest of everything `dumps` renders (header, metadata, every entry's fields, the wrap
    width and polib's version), computed without rendering: two POFiles with one digest are written
    the same."""
    h = hashlib.sha256(repr((polib.__version__, po.wrapwidth, po.header, sorted(po.metadata.items()))).encode())
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


def read_lines(path: str | os.PathLike) -> list[str]:
    """The file's lines as `load` counts them (for `msgid_line`); none when it cannot be read."""
    try:
        return textio.read_lines(path)
    except InputError:
        return []


__all__ = [
    "LV_PLURAL_FORMS", "LV_NPLURALS", "check_syntax", "lv_header", "new_pofile", "make_latvian", "load", "loads", "dump",
    "dumps", "save", "placeholders", "blank_placeholders", "normalise_ws", "wrap_like", "msgid_line", "read_lines",
]
