"""`lvterm check-po`: does each translation use the termbase's preferred Latvian term, in any inflection?

A term is found in a msgid by English stem keys (`lvterm.lang.en`: "membership fees" finds
"membership fee") and looked for in the msgstr by Latvian stem keys (`lvterm.lang.lv.stem`:
"biedra naudu" and "biedra naudas" satisfy "biedra nauda", with or without diacritics). A problem
is a term whose preferred (or admitted) Latvian equivalent is missing, or whose deprecated
equivalent is used.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Sequence

from ..formats import po as pofmt
from ..lang import en, lv
from ..lang.keys import words
from ..models import Concept


@dataclass(frozen=True)
class Rule:
    concept_id: str
    en_term: str
    en_key: tuple[str, ...]
    preferred: tuple[str, ...]  # Latvian preferred terms (shown as "expected")
    accepted: tuple[tuple[str, ...], ...]  # stem keys of preferred and admitted Latvian terms
    deprecated: tuple[tuple[str, tuple[str, ...]], ...]  # (text, stem key)


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


def _en_key(text: str, *, split_compounds: bool = False) -> tuple[str, ...]:
    """Stem keys of the words; with split_compounds a hyphenated word counts as its parts."""
    if split_compounds:
        return tuple(en.stem(part) for w in words(text) for part in w.split("-") if part)
    return tuple(en.stem(w) for w in words(text))


def _en_keys(text: str) -> tuple[tuple[str, ...], ...]:
    """The key as written and with hyphenated compounds split: "social-network settings" uses the
    term "social network", while "e-mail" still matches "email"."""
    return tuple(k for k in dict.fromkeys((_en_key(text), _en_key(text, split_compounds=True))) if k)


def _lv_key(text: str) -> tuple[str, ...]:
    """Latvian stem keys of the words (a hyphenated word inflects at its end: see lv.stem)."""
    return tuple(lv.stem(w) for w in words(text))


def rules_from(concepts: Sequence[Concept]) -> list[Rule]:
    """One rule per English term of every concept that has a preferred Latvian term."""
    rules = []
    for c in concepts:
        lv_terms = c.terms_in("lv")
        preferred = tuple(t.text for t in lv_terms if t.status == "preferred")
        if not preferred:
            continue
        # stem keys of the term and of every inflected form the termbase records (irregular stems)
        accepted = tuple(dict.fromkeys(_lv_key(text) for t in lv_terms if t.status in ("preferred", "admitted")
                                       for text in (t.text, *(f.form for f in t.forms))))
        deprecated = tuple(dict.fromkeys((t.text, _lv_key(text)) for t in lv_terms if t.status == "deprecated"
                                         for text in (t.text, *(f.form for f in t.forms))))
        for t in c.terms_in("en"):
            for key in _en_keys(t.text):
                rules.append(Rule(c.id, t.text, key, preferred, accepted, deprecated))
    return rules


def _contains(seq: Sequence[str], key: Sequence[str]) -> bool:
    k = len(key)
    return k > 0 and any(tuple(seq[i:i + k]) == tuple(key) for i in range(len(seq) - k + 1))


def find_problems(msgid: str, msgstr: str, rules: Sequence[Rule], *, by_first: dict | None = None):
    """(rule, deprecated text or None) for every term of `msgid` that `msgstr` gets wrong; and the hits."""
    index = by_first if by_first is not None else _index(rules)
    hits: dict[str, Rule] = {}
    for src in _en_keys(msgid):
        spans: list[tuple[int, int, Rule]] = []
        for i, stem in enumerate(src):
            for rule in index.get(stem, ()):
                if tuple(src[i:i + len(rule.en_key)]) == rule.en_key:
                    spans.append((i, i + len(rule.en_key), rule))
        # the longest term wins: "social network" hides a "network" term inside it
        for start, end, rule in spans:
            if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in spans):
                hits.setdefault(rule.concept_id, rule)
    if not hits:
        return [], 0
    tgt = _lv_key(msgstr)
    out = []
    for rule in hits.values():
        dep = next((text for text, key in rule.deprecated if _contains(tgt, key)), None)
        ok = any(_contains(tgt, key) for key in rule.accepted)
        if dep is not None or not ok:
            out.append((rule, dep))
    return out, len(hits)


def _index(rules: Sequence[Rule]) -> dict[str, list[Rule]]:
    index: dict[str, list[Rule]] = {}
    for r in rules:
        index.setdefault(r.en_key[0], []).append(r)
    return index


def check_po(path: str | os.PathLike, concepts: Sequence[Concept], *, include_fuzzy: bool = False) -> Report:
    """Check every translated entry of the .po file (fuzzy and untranslated too with include_fuzzy)."""
    po = pofmt.load(path, expect_lang="lv")
    lines = pofmt.read_lines(path)
    rules = rules_from(concepts)
    index = _index(rules)
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
        found, hits = find_problems(msgid, "\n".join(forms), rules, by_first=index)
        report.terms_found += hits
        line = pofmt.msgid_line(path, entry, lines)
        for rule, dep in found:
            report.problems.append(Problem(report.path, line, rule.en_term, rule.preferred[0], dep))
    return report
