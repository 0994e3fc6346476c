"""`lvterm pretranslate`: fill a .pot template's msgstr from the translation memory.

- exact match (whitespace-normalised English source): translated, not fuzzy. msgctxt counts as a
  CAT tool's context match does: a memory entry of the same context is preferred, one without a
  context (a bead, a TMX unit, a .po entry without msgctxt) is an exact match for any entry, and a
  .po entry of another context (its "menu" entry for a "button" one) is a fuzzy match, since the
  Latvian may differ with the context (an imperative on a button, a noun in a menu); for an entry
  without a context, a .po entry with one is exact while the memory's entries of that text agree,
  fuzzy when its contexts translate it differently;
- best fuzzy match at or above the threshold: msgstr filled, `#, fuzzy`, `#| msgid` the matched
  source, a translator comment with the score and where it came from;
- otherwise left empty. A candidate whose placeholders differ from the msgid's is never used.
Plural entries get all three Latvian msgstr[n]; a form no memory entry gives copies the one before it,
as msgmerge fills a plural entry from a singular one, and the entry stays fuzzy.
With `update`, translations already in that .po are kept and its entries are a memory too, as
msgmerge does it (`lvterm.localise.update`).

Msgids are written byte for byte as the template has them (the program looks its strings up by
them), and matched in NFC, as the memory is read (a decomposed "tīklošana" finds the composed one).
A template (or `update` .po) with one msgid (and msgctxt) twice is refused, one line naming the
file and the line of the second, as msgfmt and msgmerge refuse it: a .po cannot hold both, and which
one's comments, flags and references to keep is the localiser's call (`msguniq` merges them).
"""
from __future__ import annotations

import logging
import os
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


def best_match(memory: Memory, text: str, *, flags: Sequence[str] = (), threshold: float,
               exclude: TMEntry | None = None, context: str | None = None,
               target: Callable[[str], bool] | None = None) -> Match | None:
    """The exact match (`_context_rank`: the same `context` first, then none, then another), else
    the best fuzzy match >= threshold whose placeholders agree (`target`: what the translation's
    must be, when not the text's)."""
    same = [e for e in memory.exact(text) if e is not exclude and _fits(e, text, flags, target=target)]
    if same:
        return Match(min(same, key=lambda e: _context_rank(e, context, memory, text)), 100.0)  # stable
    for match in memory.fuzzy(text, threshold=threshold):
        if (match.entry is not exclude and pofmt.normalise_ws(match.entry.source) != pofmt.normalise_ws(text)
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


def _same_text(match: Match, text: str) -> bool:
    return pofmt.normalise_ws(match.entry.source) == pofmt.normalise_ws(text)


def _agreed(memory: Memory, text: str) -> bool:
    """Every memory entry of this source text gives the same translation (whatever its context)."""
    return len({e.targets for e in memory.exact(text)}) <= 1


def _context_rank(entry: TMEntry, context: str | None, memory: Memory, text: str) -> int:
    """0: the memory entry has the template entry's context; 1: nothing contradicts it (the memory
    entry has no context, or the template entry has none and the memory's entries of `text`
    agree); 2: a fuzzy match (another context, or the template entry has none and the memory's
    contexts translate the text differently: which one is meant is the translator's call). The
    memory is asked again only in that last case."""
    if entry.context == context:
        return 0
    if entry.context is None or (context is None and _agreed(memory, text)):
        return 1
    return 2


def _is_exact(match: Match, text: str, context: str | None, memory: Memory) -> bool:
    return _same_text(match, text) and _context_rank(match.entry, context, memory, text) < 2


def _note(match: Match, *, exact: bool, text: str = "") -> str:
    if exact:
        return f"{TAG} exact match from {match.entry.origin}"
    if text and _same_text(match, text):
        return f"{TAG} the same text in context {match.entry.context!r} from {match.entry.origin}"
    if match.score >= 100:  # rapidfuzz's processing ignores case and punctuation
        return f"{TAG} 100% match, differing only in case or punctuation, from {match.entry.origin}"
    return f"{TAG} {min(round(match.score), 99)}% match from {match.entry.origin}"  # never rounded up to 100


def _fill_singular(entry: polib.POEntry, memory: Memory, *, threshold: float, stats: Stats) -> list[TMEntry]:
    """Fill a singular entry; the memory entries used."""
    msgid = to_nfc(entry.msgid)
    match = best_match(memory, msgid, flags=entry.flags, threshold=threshold, context=entry.msgctxt)
    if match is None:
        stats.untranslated += 1
        return []
    entry.msgstr = pofmt.wrap_like(match.entry.target.strip(), entry.msgid)
    exact = _is_exact(match, msgid, entry.msgctxt, memory)
    entry.tcomment = _join(entry.tcomment, _note(match, exact=exact, text=msgid))
    if exact:
        stats.exact += 1
    else:
        entry.flags.insert(0, "fuzzy")
        if not _same_text(match, msgid):  # `#| msgid` says what changed; nothing did
            entry.previous_msgid = match.entry.source
        stats.fuzzy += 1
    return [match.entry]


def _fill_plural(entry: polib.POEntry, memory: Memory, *, threshold: float, stats: Stats) -> list[TMEntry]:
    """Fill a plural entry's forms; the memory entries used. Every form must have the placeholders
    of msgid_plural (`plural_form_fits`), the one msgfmt checks the forms against."""
    forms = {i: "" for i in range(pofmt.LV_NPLURALS)}
    notes: list[str] = []
    fuzzy = False
    want = pofmt.placeholders(entry.msgid_plural, flags=entry.flags)

    def fits(form: int) -> Callable[[str], bool]:
        return lambda text: plural_form_fits(text, form, want=want, flags=entry.flags)

    # A translated plural .po entry with the same msgid and msgid_plural gives every form.
    msgid = to_nfc(entry.msgid)
    used: list[TMEntry] = []
    for cand in sorted(memory.exact(msgid), key=lambda e: _context_rank(e, entry.msgctxt, memory, msgid)):
        if (cand.source_plural
                and pofmt.normalise_ws(cand.source_plural) == pofmt.normalise_ws(to_nfc(entry.msgid_plural))
                and len(cand.targets) == pofmt.LV_NPLURALS
                and all(fits(i)(cand.targets[i]) for i in range(pofmt.LV_NPLURALS))):
            forms = {i: cand.targets[i] for i in range(pofmt.LV_NPLURALS)}
            exact = _context_rank(cand, entry.msgctxt, memory, msgid) < 2
            notes.append(_note(Match(cand, 100.0), exact=exact, text=msgid))
            fuzzy = not exact
            used.append(cand)
            break
    else:
        # the singular's memory entry never doubles as the plural; msgstr[0] serves 21, 31, ... too,
        # so its translation needs msgid_plural's placeholders ("One day" -> "Viena diena" cannot be it)
        for i, written in ((0, entry.msgid), (1, entry.msgid_plural)):
            text = to_nfc(written)
            match = best_match(memory, text, flags=entry.flags, threshold=threshold, exclude=used[-1] if used else None,
                               context=entry.msgctxt, target=fits(i))
            if match is None:
                continue
            used.append(match.entry)
            forms[i] = pofmt.wrap_like(match.entry.target.strip(), written)
            exact = _is_exact(match, text, entry.msgctxt, memory)
            notes.append(_note(match, exact=exact, text=text) + f" (msgstr[{i}])")
            fuzzy = fuzzy or not exact
            if not _same_text(match, text):  # `#|` says what the matched source was (not: another context)
                if i == 0:
                    entry.previous_msgid = match.entry.source
                else:  # msgfmt wants `#| msgid` before `#| msgid_plural`
                    entry.previous_msgid = entry.previous_msgid or entry.msgid
                    entry.previous_msgid_plural = match.entry.source
    if not any(forms.values()):
        entry.msgstr_plural = forms
        stats.untranslated += 1
        return []
    complete = all(forms.values())
    if not complete:
        # as msgmerge fills a plural entry from a singular one: an empty form copies the one before it
        # (the first filled one for msgstr[0]), the entry stays fuzzy, and `msgfmt --use-fuzzy` finds
        # every placeholder in every form (each filled form has msgid_plural's)
        first = next(v for v in forms.values() if v)
        for i in range(pofmt.LV_NPLURALS):
            forms[i] = forms[i] or (forms[i - 1] if i else first)
    entry.msgstr_plural = forms
    entry.tcomment = _join(entry.tcomment, "\n".join(notes))
    if fuzzy or not complete:
        entry.flags.insert(0, "fuzzy")
        stats.fuzzy += 1
    else:
        stats.exact += 1
    return used


def _join(a: str | None, b: str) -> str:
    return f"{a}\n{b}" if a else b


def pretranslate_file(template: polib.POFile, memory: Memory, *, threshold: float = DEFAULT_FUZZY_THRESHOLD,
                      existing: polib.POFile | None = None, existing_name: str = "the existing .po",
                      project: str | None = None, revision_date: str | None = None,
                      progress=None) -> tuple[polib.POFile, Stats]:
    """A new Latvian POFile for `template`; `existing` translations are kept and its entries are a
    memory too (`lvterm.localise.update`; its plural forms must be lvterm's: `update.prepare`).
    PO-Revision-Date is `revision_date`, else the time of writing (`formats.po.timestamp`:
    SOURCE_DATE_EPOCH fixes it). `progress`: a bar over the template's entries (`lvterm.progress`)."""
    stats = Stats()
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


def check_unique(po: polib.POFile, *, path: str | os.PathLike) -> None:
    """InputError at the second definition of a msgid (with its msgctxt), as msgfmt reports it."""
    lines = pofmt.read_lines(path)
    first: dict[tuple[str | None, str], polib.POEntry] = {}
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in first:
            shown = entry.msgid if len(entry.msgid) <= 40 else entry.msgid[:37] + "..."
            raise InputError(f"duplicate message definition (msgid {shown!r}, first at line "
                             f"{pofmt.msgid_line(path, first[key], lines)}); merge the two with msguniq",
                             path=path, line=pofmt.msgid_line(path, entry, lines))
        first[key] = entry


def _check_not_an_input(out: str | os.PathLike, *, template: str | os.PathLike,
                        tm_files: Sequence[str | os.PathLike], db: str | os.PathLike | None = None) -> None:
    """The output may replace the `--update` file (that is what it is for), never the template, a
    memory or the library database: their translations would be lost (a .po given as both template
    and output came back with every entry untranslated; `-o build/lvterm.db` replaced the library)."""
    if os.fspath(out) == "-" or not Path(out).exists():
        return
    inputs = (("the template", template), *(("a translation memory", tm) for tm in tm_files),
              *((("the library database", db),) if db is not None and not tm_files else ()))
    for role, path in inputs:
        if same_file(out, path):
            hint = "; to fill a translated .po in place, give it as --update" if role == "the template" else ""
            raise InputError(f"output is {role}, which it would overwrite{hint}", path=out)


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
    _check_not_an_input(out, template=template, tm_files=tm_files, db=db)
    pot = pofmt.load(template, nfc=False)  # msgids as the program has them
    if not any(e.msgid and not e.obsolete for e in pot):
        raise InputError("template has no messages to translate", path=template)
    check_unique(pot, path=template)
    existing = pofmt.load(update, expect_lang="lv", nfc=False) if update else None
    if existing is not None:
        check_unique(existing, path=update)
        po_update.prepare(existing, path=update)
    memory = build_memory(tm_files=tm_files, db=db)
    if not len(memory) and existing is None:
        log.warning("the translation memory is empty: nothing can be pre-translated")
    # an --update run that changes nothing leaves the file as it was, PO-Revision-Date too
    old_date = existing.metadata.get("PO-Revision-Date") if existing is not None else None
    old_date = None if old_date is None or "YEAR" in old_date else old_date
    po, stats = pretranslate_file(pot, memory, threshold=threshold, existing=existing,
                                  existing_name=Path(update).name if update else "", project=Path(template).stem,
                                  revision_date=old_date, progress=progress)
    text = pofmt.dumps(po)
    if old_date is None or text != textio.read_text(update, nfc=False):
        po.metadata["PO-Revision-Date"] = pofmt.timestamp()
        text = pofmt.dumps(po)
    pofmt.save_text(text, out)
    return stats
