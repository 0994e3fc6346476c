"""`lvterm pretranslate --update`: what an existing translation gives the new template, as msgmerge does it.

- an entry translated in the existing .po under the same msgctxt and msgid is kept (an obsolete
  `#~` one is revived): its msgstr, translator comments, `#|` and its `fuzzy` flag; the other flags
  (c-format, no-c-format, ...) are the template's, as the program's source decides them. When the
  template changed the entry's plural-ness or msgid_plural, the translation is converted as msgmerge
  converts it and marked fuzzy: a singular msgstr goes to every plural form, msgstr[0] becomes the
  msgstr, a changed msgid_plural keeps the forms with `#| msgid_plural` the old one;
- the existing entries (obsolete ones too) are a translation memory for the rest (`recall`), so a
  close new msgid gets its old translation back as `#, fuzzy` with `#| msgid` the old one; an old
  translation used so is not also kept as `#~`;
- every other entry of the existing .po that is translated or obsolete becomes (stays) `#~`, with
  its `#~|` previous msgid (`load`);
- the existing .po's plural forms are moved onto lvterm's Latvian formula first (`prepare`), or
  refused when they cannot be (`plurals.form_map`).
"""
from __future__ import annotations

import itertools
import os
import re
from typing import Iterable, Iterator

import polib

from ..errors import InputError
from ..formats import po as pofmt
from . import plurals
from .tm import TMEntry, entry_of

TAG = pofmt.NOTE_TAG  # lvterm's notes in translator comments start with it (one place: formats.po)

Key = tuple[str | None, str]


def translated(e: polib.POEntry) -> bool:
    if e.msgid_plural:
        return any(e.msgstr_plural.values())
    return bool(e.msgstr)


def prepare(existing: polib.POFile, *, path: str | os.PathLike) -> None:
    """Move the existing .po's msgstr[n] onto lvterm's Latvian forms (in place) when its Plural-Forms
    is another formula whose forms map onto ours (nplurals=2: msgstr[1] serves n=0 too); an
    InputError when it has translated plural entries and they cannot be moved (CLDR's formula of
    Weblate and Django puts 2 and 10 in different forms, GNU's both in msgstr[1]) or the formula
    does not parse."""
    entries = [e for e in existing if e.msgid_plural]
    if not any(translated(e) for e in entries):
        return
    try:
        rule = plurals.rule_of(existing.metadata)
    except plurals.PluralFormsError as exc:
        raise InputError(f"Plural-Forms cannot be read ({exc})", path=path) from None
    if rule is None:
        return  # msgfmt refuses such a file's plural entries; lvterm's formula is assumed
    mapping = plurals.form_map(rule)
    if mapping is None:
        raise InputError(f"Plural-Forms is not lvterm's Latvian formula and its forms cannot be moved onto it "
                         f"({plurals.conflict(rule)}); convert its plural forms to {pofmt.LV_PLURAL_FORMS!r}, "
                         f"or give it as --tm (its plural entries are left out) with the program's .pot as the "
                         f"template and another file as -o", path=path)
    if rule.nplurals == pofmt.LV_NPLURALS and all(k == v for k, v in mapping.items()):
        return
    for e in entries:
        e.msgstr_plural = plurals.remap(e.msgstr_plural, mapping)


def load(path: str | os.PathLike) -> polib.POFile:
    """The existing .po, msgids as written (`formats.po.load`), its obsolete entries with their
    `#~|` previous msgctxt, msgid and msgid_plural, which polib drops (msgmerge keeps them): read
    again as `#|` when the file has any."""
    text, codec = pofmt.read_decoded(path, nfc=False, warn=True)  # read once: a legacy charset's escapes are its bytes
    po = pofmt.load_text(text, path=os.fspath(path), codec=codec, expect_lang="lv")
    if "#~|" not in text:
        return po
    shown = {(e.msgctxt, e.msgid): e for e in pofmt.loads(_PREVIOUS_OBSOLETE.sub("#|", text), path=path,
                                                          codec=codec) if e.obsolete}
    for e in po:
        prev = shown.get((e.msgctxt, e.msgid)) if e.obsolete else None
        if prev is not None:
            e.previous_msgctxt, e.previous_msgid = prev.previous_msgctxt, prev.previous_msgid
            e.previous_msgid_plural = prev.previous_msgid_plural
    return po


_PREVIOUS_OBSOLETE = re.compile(r"(?m)^#~\|")


def by_key(existing: polib.POFile | None) -> dict[Key, polib.POEntry]:
    """(msgctxt, msgid) -> entry; a live entry wins over an obsolete one of the same key."""
    out: dict[Key, polib.POEntry] = {}
    for e in existing or ():
        key = (e.msgctxt, e.msgid)
        if e.msgid and (key not in out or out[key].obsolete):
            out[key] = e
    return out


def recall(existing: polib.POFile | None, *, name: str) -> list[tuple[TMEntry, Key]]:
    """The existing .po's translated, not fuzzy entries (obsolete ones too) as memory entries, with their keys."""
    out = []
    for key, e in by_key(existing).items():
        entry = entry_of(e, name=name)
        if entry is not None:
            out.append((entry, key))
    return out


def translator_comment(prev: polib.POEntry | None) -> str:
    """The translator's own comments of an entry filled again: lvterm's old notes left out, with
    the lines an older lvterm's polib wrapped a long one onto (`_wrapped_tail`); any other line is
    the translator's, kept."""
    if prev is None or not prev.tcomment:
        return ""
    lines = prev.tcomment.split("\n")
    own, i = [], 0
    while i < len(lines):
        if lines[i].startswith(TAG):
            i += 1 + _wrapped_tail(lines, i)
        else:
            own.append(lines[i])
            i += 1
    return "\n".join(own)


_FORM = r"\(msgstr\[\d+\]\)"  # an old plural note's last words
_ENDS = {"location": re.compile(r":\d+$"), "file": re.compile(r"\.\w+$"), "form": re.compile(_FORM + "$")}


def _wrapped_tail(lines: list[str], at: int) -> int:
    """How many lines after the note `lines[at]` are its continuation, as lvterm wrote notes before
    it stopped wrapping them: polib wrapped a comment longer than `formats.po.WRAP_WIDTH` with
    textwrap ("# " before each line, long words kept whole, a break after a hyphen too). A line is
    taken only when that is certain: wrapping the note joined with it gives back exactly these
    lines (the note line was full and the line's first word would have overflowed it: a note
    written unwrapped, longer than the width, never has one); the note was not over yet
    (`_may_follow`); and the last line taken ends as a note ends, with its origin (`name.po:12`,
    `lvterm.db bead 3:4`, `memory.tmx`) or an old plural note's `(msgstr[1])`. Anything else is
    the translator's: a stray fragment of an old note left in is better than a comment lost."""
    text, taken, run = lines[at], 0, []
    for line in lines[at + 1:]:
        if not line.strip() or line.startswith(TAG) or not _may_follow(text, line):
            break
        joined = next((j for j in _joins(text, line) if _polib_wrap(j) == [lines[at], *run, line]), None)
        if joined is None:
            break
        text = joined
        run.append(line)
        if any(end.search(line) for end in _ENDS.values()):
            taken = len(run)
    return taken


def _may_follow(text: str, line: str) -> bool:
    """Whether `line` can go on the note `text`: a note ends with its origin, a location (`:12`)
    or a file name (`memory.tmx`; the library's is followed by `bead 3:4`), then perhaps
    `(msgstr[1])`; and a line that opens a sentence of its own ("Keep this short: ...", a capital
    and more words: one token, "Glossary.tmx", can be a path) is the translator's."""
    if _ENDS["form"].search(text):
        return False
    if _ENDS["location"].search(text):
        return re.fullmatch(_FORM, line) is not None
    if _ENDS["file"].search(text):
        return re.match(r"bead \d|" + _FORM, line) is not None
    return not (line[:1].isupper() and len(line.split()) > 1)


def _joins(text: str, line: str) -> list[str]:
    """The texts one wrapped line break could have come from (after a hyphen textwrap breaks with no space)."""
    return [f"{text} {line}", text + line] if text.endswith("-") else [f"{text} {line}"]


def _polib_wrap(comment: str) -> list[str]:
    """A translator comment's lines as polib writes them at lvterm's width, without the "# "."""
    text = polib.POEntry(tcomment=comment).__unicode__(pofmt.WRAP_WIDTH)
    return [line[2:] for line in itertools.takewhile(lambda line: line.startswith("#"), text.split("\n"))]


def _join(a: str | None, b: str) -> str:
    return f"{a}\n{b}" if a else b


def carry(src: polib.POEntry, prev: polib.POEntry) -> polib.POEntry | None:
    """The template entry `src` with the existing translation `prev` (see the module docstring);
    None when a conversion leaves no translation (a plural entry whose msgstr[0] is empty turned singular)."""
    kept = polib.POEntry(msgctxt=src.msgctxt, msgid=src.msgid, msgid_plural=src.msgid_plural,
                         occurrences=list(src.occurrences), comment=src.comment, tcomment=prev.tcomment,
                         previous_msgctxt=prev.previous_msgctxt, previous_msgid=prev.previous_msgid,
                         previous_msgid_plural=prev.previous_msgid_plural)
    fuzzy = "fuzzy" in prev.flags
    if bool(src.msgid_plural) == bool(prev.msgid_plural):
        if src.msgid_plural:
            kept.msgstr_plural = {i: prev.msgstr_plural.get(i, "") for i in range(pofmt.LV_NPLURALS)}
            if src.msgid_plural != prev.msgid_plural:
                fuzzy = True
                kept.previous_msgid = prev.msgid  # msgfmt wants `#| msgid` before `#| msgid_plural`
                kept.previous_msgid_plural = prev.msgid_plural
        else:
            kept.msgstr = prev.msgstr
    elif src.msgid_plural:
        kept.msgstr_plural = {i: prev.msgstr for i in range(pofmt.LV_NPLURALS)}
        fuzzy = True
        kept.tcomment = _join(kept.tcomment, f"{TAG} made plural by the template; every form is the old msgstr")
    else:
        kept.msgstr = prev.msgstr_plural.get(0, "")
        if not kept.msgstr:
            return None
        fuzzy = True
        kept.previous_msgid_plural = None
        kept.tcomment = _join(kept.tcomment, f"{TAG} made singular by the template; msgstr is the old msgstr[0]")
    kept.flags = (["fuzzy"] if fuzzy else []) + [f for f in src.flags if f != "fuzzy"]
    return kept


def obsolete(old: dict[Key, polib.POEntry], *, keep: Iterable[Key]) -> Iterator[polib.POEntry]:
    """The existing entries that stay as `#~`: obsolete or translated ones whose key is not in `keep`
    (in the template, or their translation filled a new entry)."""
    keep = set(keep)
    for key, prev in old.items():
        if key not in keep and (prev.obsolete or translated(prev)):
            prev.obsolete = True
            yield prev
