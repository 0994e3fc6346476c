"""`lvterm pretranslate`: fill a .pot template's msgstr from the translation memory.

- exact match: the memory entry has the template entry's very msgid (in NFC; whitespace counts:
  "Save " is not "Save", a usage text's line breaks and indentation are part of it), its msgctxt
  (an entry with a context matches exactly only one of the same context, as msgmerge matches
  them: a template that splits one msgid into contexts wants different translations) and its
  msgid_plural, or none for a singular entry: translated, not fuzzy;
- the same text but for whitespace, context or plural-ness (the memory is looked up by the
  whitespace-normalised text): filled, `#, fuzzy`, the note says how it differs, `#| msgctxt`
  and `#| msgid` the memory's when its text or context differs (`_previous`); the translation
  gets the template msgid's leading and trailing whitespace (newlines, spaces, tabs) instead of
  its own;
- best fuzzy match at or above the threshold: msgstr filled, `#, fuzzy`, `#| msgid` the matched
  source (after `#| msgctxt` its context, when it has one), a translator comment with the score and where it came from;
- otherwise left empty. A candidate whose placeholders differ from the msgid's is never used.
Plural entries get all three Latvian msgstr[n] from one memory entry: a plural one, matched on
msgid and msgid_plural together; else a singular one, whose translation goes to every form, fuzzy,
as msgmerge converts a singular entry (`_fill_plural`).
With `update`, translations already in that .po are kept and its entries are a memory too, as
msgmerge does it (`lvterm.localise.update`). A template that holds translations is refused (they
would be lost): that .po is given as `update`, and then may be the output too, filled in place, when
it is a Latvian .po (`latvian_po`; a .pot would become the .po): its header kept as it was written,
its date changed when an entry is filled (`formats.po.kept_header`), its charset UTF-8 when the
declared one cannot hold what is written (`_holding`), its line ends kept, the file left byte for
byte as it was when none is (a placeholder charset warned of: `_charset_warning`); xgettext's
template copied to a .po name (`copied_template`) gets the Latvian header, as msginit would give it.

Msgids are written byte for byte as the template has them (the program looks its strings up by
them), and matched in NFC, as the memory is read (a decomposed "tīklošana" finds the composed one).
A template (or `update` .po) with one msgid (and msgctxt) twice, obsolete entries and a second
header too, is refused, one line naming the file and the line of the second, as msgfmt and msgmerge
refuse it (`formats.po.duplicates`): a .po cannot hold both, and which one's translation, comments,
flags and references to keep is the localiser's call (`msguniq` merges most of them).
A template with no messages gives a .po with the Latvian header only, as msginit does.
"""
from __future__ import annotations

import logging
import os
import re
import shlex
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, ClassVar, Sequence

import polib

from .. import textio
from ..errors import InputError
from ..fileio import same_file
from ..formats import po as pofmt
from ..progress import advancing
from ..textio import to_nfc
from . import plurals
from . import update as po_update
from .tm import Match, Memory, TMEntry, build_memory
from .update import TAG

log = logging.getLogger(__name__)

DEFAULT_FUZZY_THRESHOLD = 75.0


@dataclass
class Stats:
    """What one run did with the template's entries: filled (exact or fuzzy), left empty, or kept."""

    exact: int = 0
    fuzzy: int = 0
    untranslated: int = 0
    kept: int = 0
    entries: int = 0
    written: bool = True  # False: a .po filled in place that nothing was filled in, left as it was
    SUMMARY: ClassVar[str] = ("{entries} entries: {exact} exact, {fuzzy} fuzzy, {untranslated} untranslated, "
                              "{kept} kept from the existing translation")

    def summary(self) -> str:
        """The one line the CLI prints on stderr."""
        return self.SUMMARY.format_map(vars(self))


def _fits(entry: TMEntry, msgid: str, flags: Sequence[str], *,
          target: Callable[[str], bool] | None = None) -> bool:
    """Placeholders of the candidate's source agree with the msgid's, and its translation's too
    (or `target` accepts the translation: a plural form's own rule)."""
    want = pofmt.placeholders(msgid, flags=flags)
    if pofmt.placeholders(entry.source, flags=flags) != want:
        return False
    return target(entry.target) if target is not None else pofmt.placeholders(entry.target, flags=flags) == want


def _is_exact(entry: TMEntry, text: str, context: str | None, plural: str | None = None) -> bool:
    """The memory entry has the very msgid (in NFC: whitespace counts), the same msgctxt, and the
    same msgid_plural (none for a singular entry): nothing else is an exact match."""
    return (to_nfc(entry.source) == text and entry.context == context
            and (to_nfc(entry.source_plural) if entry.source_plural else None) == plural)


def _grade(entry: TMEntry, text: str, context: str | None, plural: str | None = None) -> tuple[bool, int, bool, bool]:
    """Order of the candidates of one whitespace-normalised text, the smallest first: an exact
    match; then the same context (none in the memory before another one); then an entry singular
    or plural as the template's is; then the same whitespace."""
    context_rank = 0 if entry.context == context else 1 if entry.context is None else 2
    return (not _is_exact(entry, text, context, plural), context_rank, bool(entry.source_plural) != bool(plural),
            to_nfc(entry.source) != text)


def best_match(memory: Memory, text: str, *, flags: Sequence[str] = (), threshold: float,
               context: str | None = None, target: Callable[[str], bool] | None = None,
               accept: Callable[[TMEntry], bool] | None = None) -> Match | None:
    """The memory entry of the same text (whitespace-normalised; `_grade` picks among them: only
    one of the same whitespace and context is exact, `_is_exact`), else the best fuzzy match >=
    threshold; its placeholders must agree (`target`: what the translation's must be, when not the
    text's; `accept`: which entries may be used)."""
    same = [e for e in memory.exact(text)
            if (accept is None or accept(e)) and _fits(e, text, flags, target=target)]
    if same:
        return Match(min(same, key=lambda e: _grade(e, text, context)), 100.0)  # stable
    for match in memory.fuzzy(text, threshold=threshold):
        if ((accept is None or accept(match.entry)) and not _same_text(match.entry.source, text)
                and _fits(match.entry, text, flags, target=target)):
            return match
    return None


def plural_form_fits(text: str, form: int, *, want: tuple[str, ...], flags: Sequence[str]) -> bool:
    """A translation can be msgstr[form] of a plural entry whose msgid_plural has the placeholders
    `want`: it has them all, as every Latvian form but one serves many n (msgstr[0]: 1, 21, 31, ...);
    the form of a single n (msgstr[2]: n=0) may leave them out ("Nav neviena faila"), as msgfmt allows."""
    got = pofmt.placeholders(text, flags=flags)
    if got == want:
        return True
    return form in plurals.single_forms() and not Counter(got) - Counter(want)


def _best_plural(memory: Memory, msgid: str, plural: str, *, flags: Sequence[str], threshold: float,
                 context: str | None) -> Match | None:
    """One plural memory entry for a plural entry, matched on msgid and msgid_plural together
    (`Memory.fuzzy_plural`): its sources' placeholders are the template's, and every form fits
    (`plural_form_fits`)."""
    want = pofmt.placeholders(plural, flags=flags)

    def fits(e: TMEntry) -> bool:
        return (bool(e.source_plural) and len(e.targets) == pofmt.LV_NPLURALS
                and pofmt.placeholders(e.source, flags=flags) == pofmt.placeholders(msgid, flags=flags)
                and pofmt.placeholders(e.source_plural, flags=flags) == want
                and all(plural_form_fits(t, i, want=want, flags=flags) for i, t in enumerate(e.targets)))

    same = [e for e in memory.exact(msgid) if fits(e) and _same_text(e.source_plural, plural)]
    if same:
        return Match(min(same, key=lambda e: _grade(e, msgid, context, plural)), 100.0)
    for match in memory.fuzzy_plural(msgid, plural, threshold=threshold):
        if fits(match.entry) and not (_same_text(match.entry.source, msgid)
                                      and _same_text(match.entry.source_plural, plural)):
            return match
    return None


def _same_text(source: str | None, text: str) -> bool:
    return source is not None and pofmt.normalise_ws(to_nfc(source)) == pofmt.normalise_ws(text)


def _shape(target: str, *, source: str, model: str) -> str:
    """The memory's translation for the template's `model`: as written when its source is `model`
    itself (the newlines at its ends made to agree, as msgfmt --check wants); else with the leading
    and trailing whitespace of `model` instead of its own (a space, a tab, newlines: pofilter's
    startwhitespace, endwhitespace and newlines checks), since the memory's source lacked them."""
    if to_nfc(source) == to_nfc(model):
        return pofmt.wrap_like(target, model)
    core = target.strip()
    if not core or not model.strip():
        return pofmt.wrap_like(core, model)
    return model[:len(model) - len(model.lstrip())] + core + model[len(model.rstrip()):]


def _note(match: Match, *, exact: bool, text: str, context: str | None, plural: str | None = None) -> str:
    """lvterm's translator comment: where the translation came from and how it differs."""
    entry = match.entry
    if exact:
        return f"{TAG} exact match from {entry.origin}"
    if _same_text(entry.source, text) and (plural is None or entry.source_plural is None
                                           or _same_text(entry.source_plural, plural)):
        how = []
        if to_nfc(entry.source) != text or (plural and entry.source_plural and to_nfc(entry.source_plural) != plural):
            how.append("but for whitespace")
        if entry.context != context:
            how.append("without a context" if entry.context is None else f"in context {entry.context!r}")
        if bool(entry.source_plural) != bool(plural):
            how.append("in a plural entry" if entry.source_plural else "in a singular entry")
        return f"{TAG} the same text {' and '.join(how)} from {entry.origin}"
    if match.score >= 100:  # rapidfuzz's processing ignores case and punctuation
        return f"{TAG} 100% match, differing only in case or punctuation, from {entry.origin}"
    return f"{TAG} {min(round(match.score), 99)}% match from {entry.origin}"  # never rounded up to 100


def _fill_singular(entry: polib.POEntry, memory: Memory, *, threshold: float, stats: Stats) -> list[TMEntry]:
    """Fill a singular entry; the memory entries used. A plural memory entry gives its msgstr[0],
    fuzzy, as msgmerge converts one."""
    msgid = to_nfc(entry.msgid)
    match = best_match(memory, msgid, flags=entry.flags, threshold=threshold, context=entry.msgctxt)
    if match is None:
        stats.untranslated += 1
        return []
    entry.msgstr = _shape(match.entry.target, source=match.entry.source, model=entry.msgid)
    exact = _is_exact(match.entry, msgid, entry.msgctxt)
    entry.tcomment = _join(entry.tcomment, _note(match, exact=exact, text=msgid, context=entry.msgctxt))
    if exact:
        stats.exact += 1
    else:
        entry.flags.insert(0, "fuzzy")
        if to_nfc(match.entry.source) != msgid or match.entry.context != entry.msgctxt:
            _previous(entry, match.entry)
        stats.fuzzy += 1
    return [match.entry]


def _fill_plural(entry: polib.POEntry, memory: Memory, *, threshold: float, stats: Stats) -> list[TMEntry]:
    """Fill a plural entry's forms from one memory entry; the memory entries used.

    A plural memory entry gives all its forms (`_best_plural`: exact when msgid, msgid_plural and
    msgctxt are the template's), `#| msgid` and `#| msgid_plural` its sources when they differ.
    Else a singular one, matched on msgid (or msgid_plural, when that scores higher), gives its
    translation to every form, fuzzy, as msgmerge converts a singular entry: it must have
    msgid_plural's placeholders, as msgstr[0] serves 21, 31, ... too ("One day" -> "Viena diena"
    cannot be a form of "%d days"), and `msgfmt --check --use-fuzzy` finds them in every form."""
    msgid, plural = to_nfc(entry.msgid), to_nfc(entry.msgid_plural)
    flags, context = entry.flags, entry.msgctxt
    match = _best_plural(memory, msgid, plural, flags=flags, threshold=threshold, context=context)
    if match is not None:
        source = match.entry
        exact = _is_exact(source, msgid, context, plural)
        entry.msgstr_plural = {i: _shape(t, source=source.source_plural if i else source.source,
                                         model=entry.msgid_plural if i else entry.msgid)
                               for i, t in enumerate(source.targets)}
        note = _note(match, exact=exact, text=msgid, context=context, plural=plural)
        if not exact and (to_nfc(source.source) != msgid or to_nfc(source.source_plural) != plural
                          or source.context != context):
            _previous(entry, source)
    else:
        want = pofmt.placeholders(entry.msgid_plural, flags=flags)
        match, matched, on_plural = None, msgid, False
        for text, is_plural in ((msgid, False), (plural, True)):
            found = best_match(memory, text, flags=flags, threshold=threshold, context=context,
                               target=lambda t: plural_form_fits(t, 0, want=want, flags=flags),
                               accept=lambda e: not e.source_plural)
            if found is not None and (match is None or found.score > match.score):
                match, matched, on_plural = found, text, is_plural
        if match is None:
            entry.msgstr_plural = {i: "" for i in range(pofmt.LV_NPLURALS)}
            stats.untranslated += 1
            return []
        source, exact = match.entry, False
        entry.msgstr_plural = {i: _shape(source.target, source=source.source,
                                         model=entry.msgid_plural if i else entry.msgid)
                               for i in range(pofmt.LV_NPLURALS)}
        note = (_note(match, exact=False, text=matched, context=context, plural=plural)
                + ("; matched on msgid_plural" if on_plural else "") + "; every form is its translation")
        if to_nfc(source.source) != msgid or source.context != context:
            _previous(entry, source)
    entry.tcomment = _join(entry.tcomment, note)
    if exact:
        stats.exact += 1
    else:
        entry.flags.insert(0, "fuzzy")
        stats.fuzzy += 1
    return [source]


def _previous(entry: polib.POEntry, source: TMEntry) -> None:
    """`#|` the memory entry's key, as `msgmerge --previous` writes it for a fuzzy match whose msgid
    or msgctxt differs: `#| msgctxt` its context (none when it has none: the `#| msgid` alone, even
    when it is the same text, then says the translation had no context), `#| msgid` and, for a
    plural one, `#| msgid_plural` (msgfmt wants them in this order; polib writes them so)."""
    entry.previous_msgctxt = source.context
    entry.previous_msgid = source.source
    entry.previous_msgid_plural = source.source_plural


def _join(a: str | None, b: str) -> str:
    return f"{a}\n{b}" if a else b


def pretranslate_file(template: polib.POFile, memory: Memory, *, threshold: float = DEFAULT_FUZZY_THRESHOLD,
                      existing: polib.POFile | None = None, existing_name: str = "the existing .po",
                      project: str | None = None, revision_date: str | None = None, own_header: bool = False,
                      progress=None) -> tuple[polib.POFile, Stats]:
    """A new Latvian POFile for `template`; `existing` translations are kept and its entries are a
    memory too (`lvterm.localise.update`; its plural forms must be lvterm's: `update.prepare`).
    PO-Revision-Date is `revision_date`, else the time of writing (`formats.po.timestamp`:
    SOURCE_DATE_EPOCH fixes it). `own_header`: `existing` is a Latvian .po that is its own
    template (filled in place): its header is kept as it is, `revision_date` (when given) and
    lvterm's Plural-Forms (`_own_header`) aside; nothing is made up for it (no Project-Id-Version
    from a file name). `progress`: a bar over the template's entries (`lvterm.progress`)."""
    stats = Stats()
    if own_header and existing is not None:
        out = pofmt.new_pofile(metadata=_own_header(existing))
        out.metadata_is_fuzzy = existing.metadata_is_fuzzy
        if revision_date:
            out.metadata["PO-Revision-Date"] = revision_date
    else:
        out = pofmt.new_pofile(metadata=dict((existing or template).metadata))
        pofmt.make_latvian(out, revision_date=revision_date or pofmt.timestamp(), project=project)
    if existing is not None and "POT-Creation-Date" in template.metadata:  # as msgmerge does
        out.metadata["POT-Creation-Date"] = template.metadata["POT-Creation-Date"]
    out.header = (existing or template).header
    old = po_update.by_key(existing)
    recalled = po_update.recall(existing, name=existing_name)
    if recalled:  # the existing translation's own entries first
        memory = Memory([*(entry for entry, _ in recalled), *memory.entries])
    key_of = {id(entry): key for entry, key in recalled}
    seen: set[po_update.Key] = set()
    if progress is not None and _will_search(template, memory, old):  # its seconds are not the first entry's
        for _ in advancing([memory], progress, label="indexing the translation memory", length=1):
            memory.index()
    for src in advancing(template, progress, label="pre-translating", length=len(template)):
        if src.obsolete or not src.msgid:
            continue
        stats.entries += 1
        key = (src.msgctxt, src.msgid)
        seen.add(key)
        prev = old.get(key)
        kept = po_update.carry(src, prev) if prev is not None and po_update.translated(prev) else None
        if kept is not None:
            out.append(kept)
            stats.kept += 1
            continue
        own = po_update.translator_comment(prev)
        entry = polib.POEntry(msgctxt=src.msgctxt, msgid=src.msgid, msgid_plural=src.msgid_plural,
                              occurrences=list(src.occurrences), comment=src.comment, tcomment=own,
                              flags=[f for f in src.flags if f != "fuzzy"])
        fill = _fill_plural if src.msgid_plural else _fill_singular
        used = fill(entry, memory, threshold=threshold, stats=stats)
        recalled_keys = list(dict.fromkeys(key_of[id(e)] for e in used if id(e) in key_of))
        seen.update(recalled_keys)  # msgmerge: a translation used is not also kept as #~ ...
        if not own:  # ... and its translator's comments come with it
            taken = "\n".join(filter(None, (po_update.translator_comment(old[k]) for k in recalled_keys)))
            entry.tcomment = _join(taken, entry.tcomment) if taken else entry.tcomment
        out.append(entry)
    out.extend(po_update.obsolete(old, keep=seen))
    return out, stats


def _own_header(po: polib.POFile) -> dict[str, str]:
    """The header fields of a .po filled from itself: its own, but a charset (UTF-8, what is
    written) when it declares none or xgettext's placeholder CHARSET, and, when it has plural
    entries, Plural-Forms lvterm's formula unless it is already one that puts every n in the same
    form (the entries are written with lvterm's three forms, moved onto them by `update.prepare`)."""
    meta = dict(po.metadata)
    content = meta.get("Content-Type", "").strip().rstrip(";")
    if "charset=" not in content.lower():
        meta["Content-Type"] = f"{content or 'text/plain'}; charset=UTF-8"
    elif re.search(r"charset=CHARSET\b", content, re.I):  # xgettext's placeholder: what is written is UTF-8
        meta["Content-Type"] = re.sub(r"(?i)charset=CHARSET\b", "charset=UTF-8", content)
    if not any(e.msgid_plural for e in po):
        return meta
    try:
        rule = plurals.rule_of(meta)
    except plurals.PluralFormsError:
        rule = None
    mapping = plurals.form_map(rule) if rule is not None and rule.nplurals == pofmt.LV_NPLURALS else None
    if mapping is None or any(ours != theirs for ours, theirs in mapping.items()):
        meta["Plural-Forms"] = pofmt.LV_PLURAL_FORMS
    return meta


_CHARSET = re.compile(r"(charset=)([^\s;]+)", re.I)


def _holding(content_type: str, text: str) -> str:
    """A Content-Type whose charset holds `text` (which is written in UTF-8): the one given, its
    charset UTF-8 when it declares one that cannot hold it (msginit in the C locale declares
    ASCII, and a Latvian translation is not ASCII: msgfmt --check refuses the file)."""
    m = _CHARSET.search(content_type)
    if m is None:
        return content_type
    try:
        text.encode(m.group(2))
    except UnicodeEncodeError:
        return _CHARSET.sub(r"\1UTF-8", content_type, count=1)
    except LookupError:  # (CHARSET: `_own_header`, `_charset_warning`)
        pass
    return content_type


def _charset_warning(content_type: str, text: str) -> str | None:
    """What is wrong with the charset a .po left as it was declares: xgettext's placeholder
    CHARSET (msgfmt compiles it, but Python's gettext cannot read the .mo), or one that cannot hold
    its text (msgfmt --check refuses it); None when nothing is."""
    m = _CHARSET.search(content_type)
    if m is not None and m.group(2).upper() == "CHARSET":
        return ("its header's charset=CHARSET is xgettext's placeholder (Python's gettext cannot read the "
                ".mo made of it): set charset=UTF-8")
    if m is not None and _holding(content_type, text) != content_type:
        return f"its header declares charset={m.group(2)}, which cannot hold its text: set charset=UTF-8"
    return None


def _will_search(template: polib.POFile, memory: Memory, old: dict[po_update.Key, polib.POEntry]) -> bool:
    """Whether some entry to fill has no text in the memory, so a fuzzy search (and the index) is needed."""
    for src in template:
        if src.msgid and not src.obsolete and not memory.exact(to_nfc(src.msgid)):
            prev = old.get((src.msgctxt, src.msgid))
            if prev is None or not po_update.translated(prev):
                return True
    return False


def _check_not_translated(pot: polib.POFile, *, path: str | os.PathLike, update: str | os.PathLike | None) -> None:
    """A template with translations (a translated .po given as the template) would lose them: the
    output is filled from the memory. InputError, unless it is the `update` file, which keeps them."""
    n = sum(1 for e in pot if e.msgid and po_update.translated(e))
    if n and not (update is not None and same_file(path, update)):
        raise InputError(f"the template has {n} translated entr{'y' if n == 1 else 'ies'}; to keep "
                         f"{'it' if n == 1 else 'them'}, give it as --update (or pass a .pot)", path=path)


def check_unique(po: polib.POFile, *, path: str | os.PathLike) -> None:
    """InputError at the second definition of a msgid (with its msgctxt; obsolete entries and a
    second header too), as msgfmt and msgmerge refuse it (`formats.po.duplicates`)."""
    for twice in pofmt.duplicates(po, path=path):  # (a file without duplicates is not read again)
        raise InputError(str(twice), path=path, line=twice.line)


def latvian_po(po: polib.POFile, *, path: str | os.PathLike) -> bool:
    """Whether a file may be filled in place, as the Latvian .po it is or is to be: its header says
    Language lv (lv_LV too), or it names no language, and the file (a symlink followed) is no .pot
    (a .pot is the program's template, which would become the .po). A .po in another language
    would become a Latvian .po. One that names no language may be xgettext's template copied to a
    .po name (`copied_template`): it is filled as a new .po is, with the Latvian header."""
    lang = pofmt.language(po)
    return lang == "lv" or (not lang and Path(path).resolve().suffix.lower() != ".pot")


#: What xgettext leaves in a template's header for msginit (or the translator) to fill in.
_TEMPLATE_MARKS = (("Content-Type", "charset=CHARSET"), ("Language-Team", "LANGUAGE"),
                   ("Last-Translator", "FULL NAME"), ("PO-Revision-Date", "YEAR-MO-DA"),
                   ("Plural-Forms", "nplurals=INTEGER"))


def copied_template(po: polib.POFile) -> bool:
    """Whether a file is xgettext's template, whatever its name (`cp app.pot lv.po`): its header
    names no language and has one of xgettext's placeholders (charset=CHARSET, Language-Team
    LANGUAGE, ...). Its header is no Latvian .po's to keep: it gets the Latvian header (a kept
    charset=CHARSET is a .mo Python's gettext cannot read)."""
    return not pofmt.language(po) and any(mark in po.metadata.get(key, "") for key, mark in _TEMPLATE_MARKS)


def _program_pot(template: str | os.PathLike) -> str:
    """The program's template beside a .po: the one .pot in its folder, else a name to replace."""
    pots = sorted(Path(template).parent.glob("*.pot"))
    return os.fspath(pots[0]) if len(pots) == 1 else "PROGRAM.pot"


def _link_target(link: str | os.PathLike) -> str:
    """The file a symlink points to, as a path from where the link was named (relative to the
    working folder when the link's name is)."""
    target = Path(link).resolve()
    if Path(link).is_absolute():
        return os.fspath(target)
    return os.path.relpath(target)


def _command(template: str | os.PathLike, out: str | os.PathLike, *, update: str | os.PathLike | None,
             tm_files: Sequence[str | os.PathLike]) -> str:
    """The `lvterm pretranslate` command line of a hint: the user's memories (--tm) carried over,
    but for the template or the output itself (the command would refuse to overwrite a memory; an
    --update file is a memory already)."""
    memories = [tm for tm in tm_files if not (same_file(tm, template) or same_file(tm, out))]
    words = [os.fspath(template), "-o", os.fspath(out), *(("--update", os.fspath(update)) if update else ()),
             *(w for tm in memories for w in ("--tm", os.fspath(tm)))]
    return "lvterm pretranslate " + " ".join(map(shlex.quote, words))


def _check_not_an_input(out: str | os.PathLike, *, template: str | os.PathLike, pot: polib.POFile,
                        tm_files: Sequence[str | os.PathLike], db: str | os.PathLike | None = None,
                        update: str | os.PathLike | None = None) -> None:
    """The output may replace the `--update` file (that is what it is for), never a memory or the
    library database, nor the template `pot` unless it is a Latvian .po (`latvian_po`) that is the
    `--update` file too (filled in place: `lvterm pretranslate lv.po -o lv.po --update lv.po` keeps
    its translations): their translations would be lost (a .po given as both template and output
    came back with every entry untranslated; `-o build/lvterm.db` replaced the library; `-o app.pot
    --update app.pot` turned the template into a Latvian .po). The hints name a command that works,
    the user's --tm in it."""
    if os.fspath(out) == "-" or not Path(out).exists():
        return
    in_place = update is not None and same_file(out, update)
    if same_file(out, template):
        if not latvian_po(pot, path=template):
            lang = pofmt.language(pot)
            what = f"a .po in Language {lang!r}" if lang else "a .pot"
            if Path(template).is_symlink() and not lang:  # lv.po -> app.pot: the link is to become the .po
                target = _link_target(template)
                raise InputError(f"output is the template, a link to the .pot {target}, which it would overwrite "
                                 "with the Latvian .po; replace the link with the .po: "
                                 f"rm {shlex.quote(os.fspath(template))} && "
                                 + _command(target, template, update=None, tm_files=tm_files), path=out)
            dest = update if update is not None and not in_place else Path(template).with_name("lv.po")
            if same_file(dest, template):  # (a template called lv.po)
                dest = Path(template).with_name(Path(template).stem + ".lv.po")
            again = update is not None and not in_place or Path(dest).exists()
            source: str | os.PathLike = template
            how = "write that to another file"
            if lang and any(e.msgid and po_update.translated(e) for e in pot):  # (its translations are no template's)
                source, how = _program_pot(template), "write that from the program's .pot to another file"
            raise InputError(f"output is the template, {what}, which it would overwrite with the Latvian .po; "
                             f"{how}: " + _command(source, dest, update=dest if again else None, tm_files=tm_files),
                             path=out)
        if not in_place:
            raise InputError("output is the template, which it would overwrite; to fill this .po in place, "
                             "give it as the template, -o and --update: "
                             + _command(template, template, update=template, tm_files=tm_files), path=out)
    inputs = (*(("a translation memory", tm) for tm in tm_files),
              *((("the library database", db),) if db is not None and not tm_files else ()))
    for role, path in inputs:
        if same_file(out, path):
            raise InputError(f"output is {role}, which it would overwrite", path=out)


def pretranslate(*, template: str | os.PathLike, out: str | os.PathLike, tm_files: Sequence[str | os.PathLike] = (),
                 db: str | os.PathLike | None = None, threshold: float = DEFAULT_FUZZY_THRESHOLD,
                 update: str | os.PathLike | None = None, progress=None) -> Stats:
    """Read the template (and `update`), build the memory, write `out` atomically (`progress`: a
    bar over the entries)."""
    if not 0 <= threshold <= 100:
        raise InputError(f"--threshold must be between 0 and 100, not {threshold:g}")
    out_dir = Path(out).parent if str(Path(out).parent) else Path(".")
    if not out_dir.is_dir():
        raise InputError("output folder does not exist", path=out_dir)
    pot = pofmt.load(template, nfc=False)  # msgids as the program has them
    _check_not_an_input(out, template=template, pot=pot, tm_files=tm_files, db=db, update=update)
    _check_not_translated(pot, path=template, update=update)
    messages = any(e.msgid and not e.obsolete for e in pot)
    check_unique(pot, path=template)
    existing = po_update.load(update) if update else None
    in_place = existing is not None and same_file(template, update) and same_file(out, update)
    own = (existing is not None and same_file(template, update) and latvian_po(pot, path=template)
           and not copied_template(pot))
    if existing is not None:
        check_unique(existing, path=update)
        po_update.prepare(existing, path=update)
    memory = build_memory(tm_files=tm_files, db=db, progress=progress)
    if not messages:  # a domain without strings yet: msginit and msgmerge write the header alone
        log.warning("%s: warning: the template has no messages to translate; the .po gets the Latvian "
                    "header only", template)
    elif not len(memory) and existing is None:
        source = ", ".join(map(str, tm_files)) if tm_files else (db or "the library")
        log.warning("%s: warning: the translation memory has no translations: nothing can be pre-translated; "
                    "the .po gets every message untranslated", source)
    # an --update run that changes nothing leaves the file as it was, PO-Revision-Date too
    old_date = existing.metadata.get("PO-Revision-Date") if existing is not None else None
    old_date = None if old_date is None or "YEAR" in old_date else old_date
    po, stats = pretranslate_file(pot, memory, threshold=threshold, existing=existing,
                                  existing_name=Path(update).name if update else "", project=Path(template).stem,
                                  revision_date=old_date, own_header=own, progress=progress)
    if own:  # its header as written (fields in their order, one given twice twice), dated when filled
        text, codec = pofmt.read_decoded(update, nfc=False)
        if not (stats.exact or stats.fuzzy):
            if in_place:  # nothing filled: the file as it was, byte for byte
                stats.written = False
                warning = _charset_warning(existing.metadata.get("Content-Type", ""), text)
                if warning:
                    log.warning("%s: warning: %s", update, warning)
                return stats
        else:
            po.metadata["PO-Revision-Date"] = pofmt.timestamp()
        written = pofmt.dumps(po, header=pofmt.kept_header(text, dict(po.metadata), codec=codec))
        content = _holding(po.metadata.get("Content-Type", ""), written)
        if content != po.metadata.get("Content-Type", ""):  # (ASCII, as msginit declares it in the C locale)
            po.metadata["Content-Type"] = content
            written = pofmt.dumps(po, header=pofmt.kept_header(text, dict(po.metadata), codec=codec))
        pofmt.save_text(written, out, like=textio.read_bytes(update) if in_place else None)  # (its line ends)
        return stats
    text = pofmt.dumps(po)
    changed = update is None or text != pofmt.read_text(update, nfc=False)
    if changed or old_date is None:
        po.metadata["PO-Revision-Date"] = pofmt.timestamp()
        text = pofmt.dumps(po)
    pofmt.save_text(text, out)
    return stats
