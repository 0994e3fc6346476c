"""`lvterm check-po`: does each translation use the termbase's preferred Latvian term, in any inflection?

Terms are found by `lvterm.terms.matcher.TermMatcher`, the matcher of the build, lookup and the
web pages: in a msgid by English stem keys ("membership fees" uses "membership fee"; a hyphenated
compound counts as its words too: "social-network settings" uses "social network"), longest term
first ("social network" hides a "network" term inside it); in the msgstr by Latvian stem keys
("biedra naudu" and "biedra naudas" satisfy "biedra nauda", with or without diacritics). A problem
is a term whose preferred (or admitted) Latvian equivalent is missing, or whose deprecated
equivalent is used. Placeholders (`%(membership_fee)s`) and URLs are not prose and are left out, and a
term glued to a number ("CPD23") is not that term.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Sequence

from ..formats import po as pofmt
from ..models import Concept
from ..terms.matcher import TermMatcher


@dataclass(frozen=True)
class Rule:
    """One English term of a concept and what its Latvian translation must (not) use."""

    concept_id: str
    en_term: str
    preferred: tuple[str, ...]  # Latvian preferred terms (shown as "expected")
    accepted: tuple[str, ...]  # preferred and admitted Latvian terms and their recorded forms
    deprecated: tuple[tuple[str, str], ...]  # (deprecated term, the term or a recorded form of it)


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    en_term: str
    expected: str
    deprecated: str | None = None

    def __str__(self) -> str:
        text = f'{self.path}:{self.line}: "{self.en_term}" -> expected "{self.expected}"'
        if self.deprecated:
            text += f', found deprecated "{self.deprecated}"'
        return text


@dataclass
class Report:
    path: str
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0
    terms_found: int = 0

    def summary(self) -> str:
        n = len(self.problems)
        uses, entries = self.terms_found, self.checked
        return (f"{self.path}: {n} terminology problem{'' if n == 1 else 's'} "
                f"({uses} term use{'' if uses == 1 else 's'} in {entries} "
                f"entr{'y' if entries == 1 else 'ies'} checked)")


def _with_compounds_split(text: str) -> tuple[str, ...]:
    """The text as written and with hyphenated compounds split (same offsets): "e-mail" still
    matches "email" (simplemma's lemma), while "social-network settings" uses "social network"."""
    return tuple(dict.fromkeys((text, text.replace("-", " "))))


def rules_from(concepts: Sequence[Concept]) -> list[Rule]:
    """One rule per English term of every concept that has a preferred Latvian term."""
    rules = []
    for c in concepts:
        lv_terms = c.terms_in("lv")
        preferred = tuple(t.text for t in lv_terms if t.status == "preferred")
        if not preferred:
            continue
        # the term and every inflected form the termbase records (irregular stems: 'siržu')
        accepted = tuple(dict.fromkeys(text for t in lv_terms if t.status in ("preferred", "admitted")
                                       for text in (t.text, *(f.form for f in t.forms))))
        deprecated = tuple(dict.fromkeys((t.text, text) for t in lv_terms if t.status == "deprecated"
                                         for text in (t.text, *(f.form for f in t.forms))))
        for t in c.terms_in("en"):
            rules.append(Rule(c.id, t.text, preferred, accepted, deprecated))
    return rules


@dataclass(frozen=True)
class Matchers:
    """The rules' terms, built once a check: English terms -> rules, Latvian texts -> themselves."""

    en: TermMatcher
    lv: TermMatcher

    @classmethod
    def of(cls, rules: Sequence[Rule]) -> "Matchers":
        lv_texts = dict.fromkeys(text for r in rules for text in (*r.accepted, *(t for _, t in r.deprecated)))
        return cls(en=TermMatcher(((r, _with_compounds_split(r.en_term)) for r in rules), lang="en"),
                   lv=TermMatcher(((text, (text,)) for text in lv_texts), lang="lv", inflect=True))


#: URLs and e-mail addresses: their words are not prose ("https://example.org/networking-guide")
_URL = re.compile(r"\b(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.|mailto:)[^\s<>\"']+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def prose(text: str, *, flags: Sequence[str] = ()) -> str:
    """`text` with what is not prose blanked (same offsets): format placeholders for the entry's
    flags (`%(membership_fee)s` names no term) and URLs."""
    text = pofmt.blank_placeholders(text, flags=flags)
    return _URL.sub(lambda m: " " * len(m.group()), text)


def _words_apart(text: str, matches):
    """Matches that stand apart: a term glued to a number ("CPD23", "2FA") is not that term."""
    return [m for m in matches if not (m.start > 0 and text[m.start - 1].isdigit())
            and not (m.end < len(text) and text[m.end].isdigit())]


def find_problems(msgid: str, msgstr: str, rules: Sequence[Rule], *, matchers: Matchers | None = None,
                  flags: Sequence[str] = ()):
    """(rule, deprecated text or None) for every term of `msgid` that `msgstr` gets wrong; and the
    hits. Both are read as `prose` (the entry's format `flags`), terms at word boundaries only."""
    matchers = matchers or Matchers.of(rules)
    msgid, msgstr = prose(msgid, flags=flags), prose(msgstr, flags=flags)
    hits: dict[str, Rule] = {}
    for text in _with_compounds_split(msgid):
        for m in _words_apart(text, matchers.en.find(text)):
            for rule in m.values:
                hits.setdefault(rule.concept_id, rule)
    if not hits:
        return [], 0
    used = {text for m in _words_apart(msgstr, matchers.lv.find(msgstr, nested=True))
            for text in m.values}  # anywhere, nested too
    out = []
    for rule in hits.values():
        dep = next((term for term, text in rule.deprecated if text in used), None)
        ok = any(text in used for text in rule.accepted)
        if dep is not None or not ok:
            out.append((rule, dep))
    return out, len(hits)


def check_po(path: str | os.PathLike, concepts: Sequence[Concept], *, include_fuzzy: bool = False) -> Report:
    """Check every translated entry of the .po file (fuzzy and untranslated too with include_fuzzy)."""
    po = pofmt.load(path, expect_lang="lv")
    lines = pofmt.read_lines(path)
    rules = rules_from(concepts)
    matchers = Matchers.of(rules)
    report = Report(path=os.fspath(path))
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        forms = [entry.msgstr_plural[k] for k in sorted(entry.msgstr_plural)] if entry.msgid_plural else [entry.msgstr]
        translated = any(forms)
        if not include_fuzzy and ("fuzzy" in entry.flags or not translated):
            continue
        report.checked += 1
        msgid = entry.msgid + ("\n" + entry.msgid_plural if entry.msgid_plural else "")
        found, hits = find_problems(msgid, "\n".join(forms), rules, matchers=matchers, flags=entry.flags)
        report.terms_found += hits
        line = pofmt.msgid_line(path, entry, lines)
        for rule, dep in found:
            report.problems.append(Problem(report.path, line, rule.en_term, rule.preferred[0], dep))
    return report
