"""`lvterm check-po`: does each translation use the termbase's preferred Latvian term, in any inflection?

Terms are found by `lvterm.terms.matcher.TermMatcher`, the matcher of the build, lookup and the
web pages: in a msgid by English stem keys ("membership fees" uses "membership fee"; a hyphenated
compound counts as its words too: "social-network settings" uses "social network"), longest term
first ("social network" hides a "network" term inside it); a noun term is not used by a verb's -ed
or -ing form ("Filed under" does not use "file", "files" does: `_fits_part_of_speech`), unless its
concept's preferred Latvian term is a verb the lexicon conjugates ("delete" -> "dzēst": "Deleted"
uses it). In the msgstr by Latvian stem keys ("biedra naudu" and "biedra naudas" satisfy "biedra
nauda"; so does "interešu vai profesionālajām grupām" for "interešu grupa": modifiers coordinated
before a shared head, `_coordinated`); a verb term by the very forms the lexicon makes of it and
of the verbs its termbase entry lists among its forms, negated ones too (`localise.verbs`:
"Pieteicies" uses "pieteikties"; "Izdzēsts" uses "dzēst" listed with `forms: [izdzēst]`), not by
a noun of its stem ("Raksts" is no form of "rakstīt"); an unlisted prefixed verb is no form, and the
problem names it (`verbs._perfective`). The stem keys ignore diacritics, as lookup should; a translation
must not:
a use spelt without its diacritics ("Tiklosana" for "tīklošana") is a problem of its own
(`_misspelt`), unless the words are another word the lexicon knows ("Augšupielāde", a noun, for
"augšupielādēt") or written as another term's form (`_lv_uses`). A problem is a term whose preferred
(or admitted) Latvian equivalent is missing or misspelt so, or whose deprecated equivalent is used
(with or without diacritics). Placeholders (`%(membership_fee)s`), URLs and markup (`<a href="/library">`,
`&amp;`; the text between tags is prose) are not prose and are left out, and a term glued to a number
("CPD23") is not that term. Each form of a plural entry is checked on its own against the terms of its
msgid and msgid_plural, and a problem names its forms (`msgstr[1], msgstr[2]: ...`). Untranslated entries have nothing
to check; fuzzy ones are checked with `include_fuzzy`. A msgid defined twice (the same msgctxt;
obsolete entries and a second header too, compared byte for byte: `formats.po.duplicates`) is a
problem too, as msgfmt refuses the file (`Duplicate`).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from os.path import commonprefix
from typing import Mapping, NamedTuple, Sequence

from ..errors import InputError
from ..formats import po as pofmt
from ..lang import get as get_lang
from ..lang import lexicon
from ..lang.keys import TOKEN_RE, fold, heading_words
from ..models import Concept
from ..terms.matcher import TermMatcher
from ..textio import split_lines, to_nfc
from .verbs import Perfective, _folded, _is_verb, _perfective, _verb_forms, _verb_forms_of


@dataclass(frozen=True)
class Rule:
    """One English term of a concept and what its Latvian translation must (not) use."""

    concept_id: str
    en_term: str
    preferred: tuple[str, ...]  # Latvian preferred terms (shown as "expected")
    accepted: tuple[str, ...]  # preferred and admitted Latvian terms and their recorded forms
    deprecated: tuple[tuple[str, str], ...]  # (deprecated term, the term or a recorded form of it)
    terms: tuple[tuple[str, str], ...] = ()  # (accepted text, the term it is or is a recorded form of)
    part_of_speech: str = "noun"  # the English term's
    lv_verb: bool = False  # a preferred Latvian term is a verb the lexicon conjugates: the concept is an action
    verbs: tuple[str, ...] = ()  # the Latvian texts (terms, listed forms; deprecated too) that are verbs with
    # known forms (`_verb_forms`): matched by those forms alone

    def term_of(self, text: str) -> str:
        """The Latvian term an accepted text is (or is a recorded form of)."""
        return next((term for known, term in self.terms if known == text), text)


class Bare(NamedTuple):
    """An accepted term written without its diacritics ("Tiklosana"), or (`wrong`) with other ones."""

    found: str  # the words as the msgstr writes them
    term: str
    wrong: bool = False

    def __str__(self) -> str:
        how = "with wrong diacritics" if self.wrong else "without its diacritics"
        return f'"{self.found}" is the term "{self.term}" {how}'


class Finding(NamedTuple):
    """A term of a msgid its msgstr gets wrong: a `deprecated` term used, or the accepted one
    missing, or (`bare`) there only without its diacritics; `perfective`: missing, and a prefixed
    verb of it used instead."""

    rule: Rule
    deprecated: str | None = None
    bare: Bare | None = None
    perfective: Perfective | None = None


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    en_term: str
    expected: str
    deprecated: str | None = None
    bare: Bare | None = None
    perfective: Perfective | None = None
    forms: tuple[int, ...] = ()  # a plural entry's msgstr[n] that have the problem (none: a singular entry)

    def __str__(self) -> str:
        forms = ", ".join(f"msgstr[{n}]" for n in self.forms) + ": " if self.forms else ""
        where = f'{self.path}:{self.line}: {forms}"{self.en_term}" -> '
        if self.bare:
            return where + str(self.bare)
        text = where + f'expected "{self.expected}"'
        if self.deprecated:
            text += f', found deprecated "{self.deprecated}"'
        elif self.perfective:
            text += str(self.perfective)
        return text


@dataclass(frozen=True)
class Duplicate:
    """An entry with the msgctxt and msgid of an earlier one (whose line `text` names): msgfmt
    refuses the file."""

    path: str
    line: int
    text: str  # `formats.po.Twice`

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.text}"


@dataclass
class Report:
    path: str
    problems: list[Problem | Duplicate] = field(default_factory=list)  # in the file's order
    checked: int = 0
    terms_found: int = 0

    def summary(self) -> str:
        twice = sum(isinstance(p, Duplicate) for p in self.problems)
        n = len(self.problems) - twice
        uses, entries = self.terms_found, self.checked
        return (f"{self.path}: "
                + (f"{twice} duplicate message definition{'' if twice == 1 else 's'}, " if twice else "")
                + f"{n} terminology problem{'' if n == 1 else 's'} "
                f"({uses} term use{'' if uses == 1 else 's'} in {entries} "
                f"entr{'y' if entries == 1 else 'ies'} checked)")


def _with_compounds_split(text: str) -> tuple[str, ...]:
    """The text as written and with hyphenated compounds split (same offsets): "e-mail" still
    matches "email" (simplemma's lemma), while "social-network settings" uses "social network"."""
    return tuple(dict.fromkeys((text, text.replace("-", " "))))


#: The statuses of a term a curator decided on: a form one of them is, is that term's.
_DECIDED = ("preferred", "admitted", "deprecated")


def rules_from(concepts: Sequence[Concept]) -> list[Rule]:
    """One rule per English term of every concept that has a preferred Latvian term. A recorded
    form that is itself a Latvian term, deprecated in its concept or another concept's ("pārsūtīt"
    listed for "sūtīt" while it is "forward"), is that term's: never accepted for this one."""
    claimed = {t.text for c in concepts for t in c.terms_in("lv") if t.status in _DECIDED}
    rules = []
    for c in concepts:
        lv_terms = c.terms_in("lv")
        preferred = tuple(t.text for t in lv_terms if t.status == "preferred")
        if not preferred:
            continue
        good = [t for t in lv_terms if t.status in ("preferred", "admitted")]
        own = {t.text for t in good}
        # the term and every inflected form the termbase records (irregular stems: 'siržu')
        terms = tuple(dict.fromkeys((text, t.text) for t in good for text in (t.text, *(f.form for f in t.forms))
                                    if text in own or text not in claimed))
        accepted = tuple(dict.fromkeys(text for text, _ in terms))
        deprecated = tuple(dict.fromkeys((t.text, text) for t in lv_terms if t.status == "deprecated"
                                         for text in (t.text, *(f.form for f in t.forms))))
        texts = {*accepted, *(text for _, text in deprecated)}
        verbs = tuple(dict.fromkeys(text for t in lv_terms if t.status in _DECIDED and _is_verb(t)
                                    for text in (t.text, *(f.form for f in t.forms))
                                    if text in texts and _verb_forms(text)))
        verb = any(text in verbs for text in preferred)
        for t in c.terms_in("en"):
            rules.append(Rule(c.id, t.text, preferred, accepted, deprecated, terms, t.part_of_speech or "noun",
                              lv_verb=verb, verbs=verbs))
    return rules


Words = tuple[str, ...]


Heads = Mapping[str, tuple[tuple[tuple[str, ...], str, tuple], ...]]


@dataclass(frozen=True)
class Matchers:
    """The rules' terms, built once a check: English terms -> rules, Latvian texts -> themselves,
    by stem key (`lv`) or, a verb's (`Rule.verbs`), by its very forms (`verbs`, the words
    `_folded`: "Raksts" has a stem key of "rakstīt" and is no form of it); a listed form's (not a
    term itself) lose the forms another term has ("pārsūtīts" is the term "pārsūtīt"'s, whatever
    lists it: `_verb_forms_of`). `written`: Latvian text -> its matcher's key -> the words of its
    forms with that key, case-folded with their diacritics (`_misspelt`); `heads`, `verb_heads`: a
    pattern's first word key -> (its modifiers' keys, its head's key, the texts) for every
    Latvian form of two words or more (`_coordinated`); `terms`: every Latvian term text
    (`_perfective` names none of them)."""

    en: TermMatcher
    lv: TermMatcher
    forms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # Latvian text -> its forms
    heads: Heads = field(default_factory=dict)
    verbs: TermMatcher | None = None
    verb_heads: Heads = field(default_factory=dict)
    verb_texts: frozenset[str] = frozenset()
    terms: frozenset[str] = frozenset()
    _written: dict = field(default_factory=dict, compare=False, repr=False)  # (`written`: a cache)
    _spelled: dict = field(default_factory=dict, compare=False, repr=False)  # (`spelled`: a cache)
    _folded_forms: dict = field(default_factory=dict, compare=False, repr=False)  # (`folded_forms`: a cache)

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> "Matchers":
        lv_texts = dict.fromkeys(text for r in rules for text in (*r.accepted, *(t for _, t in r.deprecated)))
        generate = get_lang("lv").inflect_term  # every inflected form, as TermMatcher(inflect=True) has them
        verb_texts = {text for r in rules for text in r.verbs}
        terms = frozenset({term for r in rules for _, term in r.terms}
                          | {term for r in rules for term, _ in r.deprecated})
        nouns = {text: tuple(dict.fromkeys((text, *generate(text)))) for text in lv_texts if text not in verb_texts}
        verbs = _verb_forms_of([t for t in lv_texts if t in verb_texts], terms=terms, nouns=nouns)
        lv = TermMatcher(nouns.items(), lang="lv")
        exact = TermMatcher(verbs.items(), lang="lv", word_key=fold)
        return cls(en=TermMatcher(((r, _with_compounds_split(r.en_term)) for r in rules), lang="en"), lv=lv,
                   forms={**nouns, **verbs}, heads=_heads(lv), verbs=exact, verb_heads=_heads(exact),
                   verb_texts=frozenset(verbs), terms=terms)

    def spelled(self, text: str) -> frozenset[str]:
        """A Latvian text's forms, case-folded: a use written so is written right."""
        found = self._spelled.get(text)
        if found is None:
            found = self._spelled[text] = frozenset(form.casefold() for form in self.forms.get(text, ()))
        return found

    def folded_forms(self, verb: str) -> frozenset[str]:
        """The forms of a verb text (a term's or not: `_verb_forms_of`), `_folded`; made when first asked."""
        found = self._folded_forms.get(verb)
        if found is None:
            forms = self.forms.get(verb) or _verb_forms_of([verb], terms=frozenset(), nouns={})[verb]
            found = self._folded_forms[verb] = frozenset(map(_folded, forms))
        return found

    def written(self, text: str) -> Mapping[tuple[str, ...], tuple[Words, ...]]:
        """Its matcher's key -> the words of a Latvian text's forms with that key, case-folded with
        their diacritics (`_misspelt`); made when a text is first met."""
        found = self._written.get(text)
        if found is None:
            matcher = self.verbs if text in self.verb_texts else self.lv
            by_key: dict[tuple[str, ...], list[Words]] = {}
            for form in self.forms.get(text, ()):
                words = heading_words(form)
                by_key.setdefault(tuple(map(matcher.word_key, words)), []).append(tuple(w.casefold() for w in words))
            found = self._written[text] = {k: tuple(v) for k, v in by_key.items()}
        return found


def _heads(matcher: TermMatcher) -> Heads:
    """`Matchers.heads` of a matcher."""
    heads: dict[str, list] = {}
    for pattern, values in matcher.patterns.items():
        if len(pattern) > 1:
            heads.setdefault(pattern[0], []).append((pattern[:-1], pattern[-1], values))
    return {k: tuple(v) for k, v in heads.items()}


#: URLs and e-mail addresses: their words are not prose ("https://example.org/networking-guide")
_URL = re.compile(r"\b(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)[^\s<>\"']+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: HTML/XML markup: a tag with its attributes (`<a href="/library">`, `</b>`, `<!-- -->`: "<" then a
#: letter, "/" or "!", up to the next ">" within 500 characters; "a < b", "<3" are prose) and a
#: character entity (`&amp;` `&nbsp;` `&#8212;` `&#x2014;`)
_MARKUP = re.compile(r"<!\[CDATA\[|\]\]>"  # (a CDATA section's text is text: only its brackets blanked)
                     r"|<[A-Za-z/!](?:\"[^\"<]{0,500}\"|'[^'<]{0,500}'|[^<>\"']){0,500}>"  # a quoted '>' inside
                     r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def _blank(m: re.Match) -> str:
    return " " * len(m.group())


def prose(text: str, *, flags: Sequence[str] = ()) -> str:
    """`text` with what is not prose blanked (same offsets): format placeholders for the entry's
    flags (`%(membership_fee)s` names no term), markup (`<a href="/library">`, `&amp;`; the text
    between tags is prose: "Pay the <b>membership fee</b>") and URLs."""
    text = pofmt.blank_placeholders(text, flags=flags)
    return _URL.sub(_blank, _MARKUP.sub(_blank, text))


def _words_apart(text: str, matches):
    """Matches that stand apart: a term glued to a number ("CPD23", "2FA") is not that term."""
    return [m for m in matches if not (m.start > 0 and text[m.start - 1].isdigit())
            and not (m.end < len(text) and text[m.end].isdigit())]


def _verbal(word: str) -> str | None:
    """The verb ending of a case-folded English word: "ed" (filed, sectioned), "ing" (filing)."""
    return "ed" if word.endswith("ed") else "ing" if word.endswith(("ing", "ings")) else None


def _fits_part_of_speech(rule: Rule, said: str) -> bool:
    """Whether the words `said` can be the rule's English term: the stem key takes "Filed" for
    "file" and "Sectioned" for "section", but a noun term is not used by a verb's -ed or -ing form
    (a word of the term that itself ends so, "meeting", "linked data", may); "files" is "file".
    A term is a noun by the termbase's default too (a termbase may leave part_of_speech off its
    verbs, and the default cannot be told from a noun given), so the concept's Latvian term
    decides when it is a verb whose forms are known (`Rule.lv_verb`: "delete" -> "dzēst" is used
    by "Deleted", and "Izdzēsts" is a form of "dzēst": `_verb_forms`)."""
    if rule.part_of_speech not in ("noun", "properNoun") or rule.lv_verb:
        return True
    words = [w.casefold() for w in TOKEN_RE.findall(said)]
    term = [w.casefold() for w in TOKEN_RE.findall(rule.en_term)]
    if not words or not term:
        return True
    pairs = zip(words, term) if len(words) == len(term) else [(words[-1], term[-1])]
    return all(_verbal(w) in (None, _verbal(t)) for w, t in pairs)


#: Consonants that alternate at the end of a stem ('dzejolis', 'dzejoļa'): differing there is no
#: misspelling when the paradigm lacks the form (`lang.lv.inflect_term` knows no 'viesis').
_ALTERNATING = frozenset(map(frozenset, ("lļ", "nņ", "sš", "zž", "cč", "kķ", "gģ")))


def _shared(word: str, form: str) -> int:
    """How many letters case-folded `word` and `form` share once diacritics are folded (-1: a fold
    that is not letter for letter, nothing to compare)."""
    folded_word, folded_form = fold(word), fold(form)
    if len(folded_word) != len(word) or len(folded_form) != len(form):
        return -1
    return len(commonprefix([folded_word, folded_form]))


def _agree(word: str, form: str, n: int) -> bool:
    """Whether `word` spells the `n` letters it shares with `form` (diacritics folded: the stem,
    whatever the ending) with the same diacritics; or differs only in an alternating consonant at
    their end."""
    if n < 0 or word[:n] == form[:n]:
        return True
    return word[:n - 1] == form[:n - 1] and frozenset((word[n - 1], form[n - 1])) in _ALTERNATING


def _misspelt(words: Words, forms: Sequence[Words]) -> list[str] | None:
    """None when the words of a match are written as the form they are closest to (the one whose
    folded spelling they share most letters with), diacritics and all, not only once they are
    folded away; else the words that differ ("Tiklosana" matches "tīklošana" by stem key, but is
    not written so)."""
    said = [w.casefold() for w in words]
    best: list[str] | None = None
    closest = -1
    for form in forms:
        if len(form) == len(said):
            shared = [_shared(w, f) for w, f in zip(said, form)]
            wrong = [w for w, f, n in zip(said, form, shared) if not _agree(w, f, n)]
            if sum(shared) > closest or (sum(shared) == closest and best is not None and len(wrong) < len(best)):
                best, closest = wrong, sum(shared)
    return best or None


#: What joins coordinated modifiers ("interešu vai profesionālajām grupām"); a comma does too.
_COORDINATORS = frozenset({"un", "vai", "nevis", "bet"})
_MAY_COORDINATE = re.compile(r",|\b(?:un|vai|nevis|bet)\b", re.I)  # (most strings do not: not tokenised again)
_MAX_OTHER_MODIFIERS = 3
_BREAK = re.compile(r"[.;:!?()\[\]{}\"<>]")


def _coordinated(text: str, matcher: TermMatcher, heads: Heads) -> list[tuple[tuple, tuple[str, ...], Words, str]]:
    """(texts, pattern, words, the span) of every term whose modifiers are coordinated with other
    ones before its head: "interešu vai profesionālajām grupām" uses "interešu grupa" (its modifier
    "interešu", then "un"/"vai"/"nevis"/"bet" or a comma, up to three other words, then a form of its head)."""
    if not heads or not _MAY_COORDINATE.search(text):
        return []
    toks = list(TOKEN_RE.finditer(text))
    words = heading_words(text, toks)
    keys = [matcher.word_key(w) for w in words]
    out = []
    for i, first in enumerate(keys):
        for mods, head, values in heads.get(first, ()):
            j = i + len(mods)  # the word after the modifiers
            if j >= len(keys) or tuple(keys[i:j]) != mods:
                continue
            gap = text[toks[j - 1].end():toks[j].start()]
            coordinator = words[j].casefold() in _COORDINATORS and not gap.strip()
            if not (coordinator or gap.strip() == ","):
                continue
            start = j + 1 if coordinator else j  # the other conjunct's first word
            for h in range(start + 1, min(start + 1 + _MAX_OTHER_MODIFIERS, len(keys))):
                if _BREAK.search(text, toks[h - 1].end(), toks[h].start()):
                    break
                if keys[h] == head:
                    out.append((values, (*mods, head), (*words[i:j], words[h]), text[toks[i].start():toks[h].end()]))
                    break
    return out


def _lv_uses(msgstr: str, matchers: Matchers) -> tuple[set[str], dict[str, tuple[str, bool]]]:
    """The Latvian texts `msgstr` uses by stem key, a verb by its forms (anywhere, nested too;
    coordinated too), and
    those of them it never writes with their diacritics -> (the words it writes instead, whether
    they have wrong diacritics rather than none). Words that are a form of some text as written
    are a use of those texts only, else words that are one but for their diacritics ("Tīklošana"
    is tīklošana's, not the deprecated tīklošanās's of its stem key; "Tiklosana" is tīklošana
    without its diacritics); words written as another word the lexicon knows are no use of a text
    at all (`_another_word`: "Augšupielāde" is a noun, not augšupielādēt without its diacritics)."""
    spans = []
    for matcher, heads in ((matchers.lv, matchers.heads), (matchers.verbs, matchers.verb_heads)):
        if matcher:
            spans += [(m.values, m.key, tuple(TOKEN_RE.findall(to_nfc(m.form))), m.form)
                      for m in _words_apart(msgstr, matcher.find(msgstr, nested=True))]
            spans += _coordinated(to_nfc(msgstr), matcher, heads)
    texts_of: dict[str, set[str]] = {}  # the words said (case-folded) -> every text matching them
    for values, _, words, _ in spans:
        texts_of.setdefault(" ".join(words).casefold(), set()).update(values)
    owners = {said: {t for t in texts if said in matchers.spelled(t)}
              or {t for t in texts if _folded(said) in matchers.folded_forms(t)} for said, texts in texts_of.items()}
    used: set[str] = set()
    bare: dict[str, tuple[str, bool]] = {}
    written_so: set[str] = set()
    for values, key, words, shown in spans:
        said = " ".join(words).casefold()
        for text in values:
            if owners[said] and text not in owners[said]:
                continue  # another text's form, as written or but for its diacritics
            if text in written_so:
                used.add(text)
                continue
            if said in matchers.spelled(text):  # (most uses: one of its forms as it is)
                wrong = None
            else:
                by_key = matchers.written(text)
                wrong = _misspelt(words, by_key.get(key) or tuple(f for fs in by_key.values() for f in fs))
                if wrong is not None and _another_word(wrong, text):
                    continue
            used.add(text)
            if wrong is None:
                written_so.add(text)
            else:
                bare.setdefault(text, (shown, any(fold(w) != w for w in wrong)))
    return used, {text: shown for text, shown in bare.items() if text not in written_so}


def _another_word(wrong: Sequence[str], text: str) -> bool:
    """Whether the words of a match that differ from every form of `text` (`_misspelt`) are words
    the lexicon knows as written, of lemmas other than the words of `text` even with diacritics
    folded away: another word, spelt right ("augšupielāde", the noun, beside the verb
    "augšupielādēt"; "drukas" of "druka" beside "drukāt"), not the text misspelt. "tikli" (of
    tikls, virtuous) is "tīkli" of "tīkls" without its diacritics, as a form of the text's own word
    the paradigm lacks is no other word."""
    own = {fold(lemma) for word in TOKEN_RE.findall(text.lower())
           for lemma in (word, *(x for x, _ in lexicon.lemmas(word)))}
    return all(lexicon.is_known(w) and not {fold(lemma) for lemma, _ in lexicon.lemmas(w)} & own for w in wrong)


def find_problems(msgid: str, msgstr: str, rules: Sequence[Rule], *, matchers: Matchers | None = None,
                  flags: Sequence[str] = ()) -> tuple[list[Finding], int]:
    """A `Finding` for every term of `msgid` that `msgstr` gets wrong; and the number of terms
    found. Both are read as `prose` (the entry's format `flags`), terms at word boundaries only."""
    matchers = matchers or Matchers.of(rules)
    hits = _source_terms(msgid, matchers, flags=flags)
    return _findings(hits, msgstr, matchers, flags=flags), len(hits)


def _source_terms(msgid: str, matchers: Matchers, *, flags: Sequence[str]) -> dict[str, Rule]:
    """Concept id -> the rule of the term the msgid (read as `prose`) uses, the first found."""
    msgid = prose(msgid, flags=flags)
    hits: dict[str, Rule] = {}
    for text in _with_compounds_split(msgid):
        for m in _words_apart(text, matchers.en.find(text)):
            for rule in m.values:
                if _fits_part_of_speech(rule, m.form):
                    hits.setdefault(rule.concept_id, rule)
    return hits


def _findings(hits: Mapping[str, Rule], msgstr: str, matchers: Matchers, *, flags: Sequence[str]) -> list[Finding]:
    """A `Finding` for every rule of `hits` (`_source_terms`) the msgstr (read as `prose`) gets wrong."""
    if not hits:
        return []
    msgstr = prose(msgstr, flags=flags)
    used, bare = _lv_uses(msgstr, matchers)
    out = []
    for rule in hits.values():
        dep = next((term for term, text in rule.deprecated if text in used), None)
        if dep is not None:
            out.append(Finding(rule, dep))
        elif not any(text in used and text not in bare for text in rule.accepted):
            misspelt = next((text for text in rule.accepted if text in bare), None)
            if misspelt is not None:
                out.append(Finding(rule, None, Bare(bare[misspelt][0], rule.term_of(misspelt), bare[misspelt][1])))
            else:
                out.append(Finding(rule, perfective=_perfective(msgstr, preferred=rule.preferred, verbs=rule.verbs,
                                                                terms=matchers.terms,
                                                                folded_forms=matchers.folded_forms)))
    return out


def _entry_findings(entry, matchers: Matchers) -> tuple[list[tuple[Finding, tuple[int, ...]]], int]:
    """The findings of a translated entry, each with the plural forms (msgstr[n]) that have it, ()
    for a singular entry; and the number of its msgid's terms. A plural entry's terms are those of its
    msgid and msgid_plural, and each form is checked on its own ("%d biedrs" does not cover a
    msgstr[1] without the term); an empty form has nothing to check; a finding of several forms is
    one, naming them all."""
    msgid = to_nfc(entry.msgid + ("\n" + entry.msgid_plural if entry.msgid_plural else ""))
    hits = _source_terms(msgid, matchers, flags=entry.flags)
    if not entry.msgid_plural:
        return [(f, ()) for f in _findings(hits, to_nfc(entry.msgstr), matchers, flags=entry.flags)], len(hits)
    forms: dict[Finding, list[int]] = {}
    for n in sorted(entry.msgstr_plural):
        if entry.msgstr_plural[n]:
            for f in _findings(hits, to_nfc(entry.msgstr_plural[n]), matchers, flags=entry.flags):
                forms.setdefault(f, []).append(n)
    return [(f, tuple(ns)) for f, ns in forms.items()], len(hits)


@lru_cache(maxsize=4)
def _prepared(concepts: tuple[Concept, ...]) -> tuple[tuple[Rule, ...], Matchers]:
    """The rules and matchers of a termbase, made once for the files checked against it (the
    lexicon conjugates every verb term: a second of a large termbase's)."""
    rules = tuple(rules_from(concepts))
    return rules, Matchers.of(rules)


def _prepared_for(concepts: Sequence[Concept]) -> tuple[tuple[Rule, ...], Matchers]:
    """`_prepared`, or made for this check alone when the concepts cannot be a cache key (terms
    or forms given as lists: `Concept("c", [Term(...), ...])`)."""
    key = tuple(concepts)
    try:
        hash(key)
    except TypeError:
        return _prepared.__wrapped__(key)
    return _prepared(key)


def check_po(path: str | os.PathLike, concepts: Sequence[Concept], *, include_fuzzy: bool = False) -> Report:
    """Check every translated entry of the .po file (fuzzy ones too with include_fuzzy; an
    untranslated entry has nothing to check), and that no message is defined twice. The file is
    read as written (duplicates are compared byte for byte, as msgfmt compares them), its texts
    matched in NFC. A file whose header's Language is not Latvian (`en`, `de_DE`; none is taken as
    Latvian, and so are its names and codes: lv_LV, Latvian, latviešu, lav, `formats.po.language`)
    is an InputError: it has no Latvian translations to check."""
    text, codec = pofmt.read_decoded(path, nfc=False, warn=True)  # read once: for the entries and their lines
    po = pofmt.load_text(text, path=os.fspath(path), codec=codec)
    if pofmt.language(po) not in ("", "lv"):  # English or German translations checked for Latvian terms:
        # a pass would say nothing, and a problem on every term would be noise
        raise InputError(f"Language is {po.metadata['Language'].strip()!r}, not 'lv': check-po checks Latvian "
                         "translations (if they are Latvian, set the header's Language to lv)", path=path)
    lines = split_lines(text)
    _, matchers = _prepared_for(concepts)
    report = Report(path=os.fspath(path))
    report.problems.extend(Duplicate(report.path, twice.line, str(twice))
                           for twice in pofmt.duplicates(po, path=path, lines=lines))
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)] if entry.msgid_plural else [entry.msgstr]
        if not any(forms) or ("fuzzy" in entry.flags and not include_fuzzy):
            continue
        report.checked += 1
        found, hits = _entry_findings(entry, matchers)
        report.terms_found += hits
        line = pofmt.msgid_line(path, entry, lines)
        for (rule, dep, bare, perfective), plural in found:
            report.problems.append(Problem(report.path, line, rule.en_term, rule.preferred[0], dep, bare, perfective,
                                           plural))
    report.problems.sort(key=lambda p: p.line)  # (stable: an entry's own problems keep their order)
    return report
