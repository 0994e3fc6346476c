"""gettext `Plural-Forms`: which msgstr[i] a number n shows, and moving another formula's forms onto lvterm's.

A .po names its plural rule as a C expression (`nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);`).
Latvian has more than one in use: GNU's (msginit, lvterm) puts n=0 in form 2, CLDR's (Weblate,
Django: `(n%10==0 || n%100>=11 && n%100<=19) ? 0 : (n%10==1 && n%100!=11) ? 1 : 2`) puts 0, 10-20,
30, ... in form 0; old files have `nplurals=2`. The same msgstr[1] then means other numbers, so a
file's forms are used under lvterm's header only through `form_map`: our form i takes their form j
when every n in 0..1000 (the range msgfmt checks) that we show as form i they show as form j.

The expression is read by the standard library's `gettext.c2py`, the parser Python's own gettext
uses: gettext's grammar (n, decimal numbers, ! * / % + - < <= > >= == != && || ?: and
parentheses) checked token by token, at most 1,000 characters and 20 levels of parentheses.
"""
from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Mapping

from ..formats import po as pofmt

CHECK_UPTO = 1000  # n = 0..1000, as msgfmt checks a formula
_MAX_LENGTH = 1000  # a longer "formula" is not one
_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)

Fn = Callable[[int], int]


class PluralFormsError(ValueError):
    """A Plural-Forms value that is not a gettext plural rule."""


@dataclass(frozen=True)
class PluralRule:
    nplurals: int
    expression: str
    fn: Fn

    def form(self, n: int) -> int:
        return self.fn(n)


@lru_cache(maxsize=64)
def parse(value: str) -> PluralRule:
    """The rule of a Plural-Forms header value; PluralFormsError when it is not one (or gives a
    form outside 0..nplurals-1 for some n in 0..1000)."""
    if len(value) > _MAX_LENGTH:
        raise PluralFormsError("too long")
    m = _HEADER.match(value)
    if not m:
        raise PluralFormsError("not 'nplurals=N; plural=EXPRESSION;'")
    nplurals, expression = int(m.group(1)), m.group(2)
    if not 1 <= nplurals <= 10:
        raise PluralFormsError(f"nplurals={nplurals}")
    try:
        fn = gettext.c2py(expression)  # gettext's own grammar, checked token by token
        forms = [fn(n) for n in range(CHECK_UPTO + 1)]
    except (ValueError, ZeroDivisionError, RecursionError) as exc:
        raise PluralFormsError(str(exc) or type(exc).__name__) from None
    bad = next((n for n, f in enumerate(forms) if f >= nplurals), None)
    if bad is not None:
        raise PluralFormsError(f"n={bad} gives form {forms[bad]}, but nplurals={nplurals}")
    return PluralRule(nplurals, expression, fn)


def latvian() -> PluralRule:
    """lvterm's rule: GNU's Latvian formula, as every .po lvterm writes declares it."""
    return parse(pofmt.LV_PLURAL_FORMS)


@lru_cache(maxsize=64)
def forms_of(rule: PluralRule) -> dict[int, tuple[int, ...]]:
    """Form -> the n in 0..1000 it is used for (cached: do not change it)."""
    out: dict[int, list[int]] = {i: [] for i in range(rule.nplurals)}
    for n in range(CHECK_UPTO + 1):
        out[rule.form(n)].append(n)
    return {form: tuple(numbers) for form, numbers in out.items()}


def form_map(theirs: PluralRule, ours: PluralRule | None = None) -> dict[int, int] | None:
    """Our form -> their form whose msgstr shows for every n of ours (None when some form of ours
    covers numbers they put in different forms: their strings cannot be moved without guessing)."""
    ours = ours or latvian()
    out = {}
    for form, numbers in forms_of(ours).items():
        theirs_used = {theirs.form(n) for n in numbers}
        if len(theirs_used) != 1:
            return None
        out[form] = theirs_used.pop()
    return out


def conflict(theirs: PluralRule, ours: PluralRule | None = None) -> str:
    """Why `form_map` gives None, in words: 'n=2 and n=10 are msgstr[2] and msgstr[0] there, both msgstr[1] here'."""
    ours = ours or latvian()
    for form, numbers in forms_of(ours).items():
        first: dict[int, int] = {}
        for n in numbers:
            first.setdefault(theirs.form(n), n)
        if len(first) > 1:
            (j1, n1), (j2, n2) = sorted(first.items(), key=lambda kv: kv[1])[:2]
            return f"n={n1} and n={n2} are msgstr[{j1}] and msgstr[{j2}] there, both msgstr[{form}] here"
    return "the forms agree"


@lru_cache(maxsize=64)
def single_forms(rule: PluralRule | None = None) -> frozenset[int]:
    """Forms used for one n only (GNU Latvian: msgstr[2], n=0): msgfmt lets such a form leave out
    the number's placeholder ("Nav neviena faila")."""
    return frozenset(i for i, numbers in forms_of(rule or latvian()).items() if len(numbers) == 1)


def remap(forms: Mapping[int, str], mapping: Mapping[int, int]) -> dict[int, str]:
    """Their msgstr[n] as our forms."""
    return {ours: forms.get(theirs, "") for ours, theirs in sorted(mapping.items())}


def rule_of(metadata: Mapping[str, str]) -> PluralRule | None:
    """The header's rule; None when it has no Plural-Forms (PluralFormsError when it is not one)."""
    value = metadata.get("Plural-Forms", "").strip()
    return parse(value) if value else None
