"""Dates as sources write them, to ISO 8601 (a year alone, or a year and month, allowed).

Formats carry '2011', '2011-11-20 10:00:00', RFC 822 ('Sun, 20 Nov 2011 10:00:00 +0000') and date
objects; scraped pages and old themes write dates out in words:

- Latvian, the month in the nominative, locative or genitive: '2012. gada 20. janvāris',
  '2012. gada 20. janvārī', '20. janvārī, 2012', '2012. gada janvārī', '20. janvāra 2012';
  a day and month without a year ('5. decembrī') is no date;
- English: 'January 23, 2012', 'Jan 23rd, 2012', 'Thursday, March 15th, 2012', '23 January 2012',
  'January 2012'.
"""
from __future__ import annotations

import email.utils
import re
from datetime import date, datetime
from typing import Any

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]\d{2}:\d{2}(?::\d{2})?.*)?")

# Latvian month names by stem; the endings are those of the nominative (janvāris, marts), the
# locative (janvārī, martā) and the genitive (janvāra, aprīļa, marta).
_LV_STEMS = ("janvār", "februār", "mart", "aprī[lļ]", "maij", "jūnij", "jūlij", "august", "septembr", "oktobr",
             "novembr", "decembr")
_LV_MONTH = re.compile(rf"(?:{'|'.join(f'({s})' for s in _LV_STEMS)})(?:is|ī|a|s|ā|)", re.IGNORECASE)
_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
_EN_MONTH = re.compile("(?:" + "|".join(rf"({m[:3]}(?:{'t|' if m == 'september' else ''}{m[3:]})?\.?)"
                                         for m in _EN_MONTHS) + ")(?![a-z])", re.IGNORECASE)
_WEEKDAY = r"(?:(?:pirmdien|otrdien|trešdien|ceturtdien|piektdien|sestdien|svētdien)[aā],?\s+|" \
           r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
_LV_DATE = re.compile(rf"{_WEEKDAY}(?:(?P<y1>\d{{4}})\.\s*(?:gada\s+|g\.\s*)?)?(?:(?P<d>\d{{1,2}})\.\s*)?"
                      rf"(?P<m>{_LV_MONTH.pattern})(?:,?\s+(?P<y2>\d{{4}})\.?(?:\s*(?:gadā|g\.))?)?", re.IGNORECASE)
_EN_DATE = re.compile(rf"{_WEEKDAY}(?:(?P<m1>{_EN_MONTH.pattern})\s+(?P<d1>\d{{1,2}}){_ORD},?\s+(?P<y1>\d{{4}})"
                      rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m2>{_EN_MONTH.pattern}),?\s+(?P<y2>\d{{4}})"
                      rf"|(?P<m3>{_EN_MONTH.pattern}),?\s+(?P<y3>\d{{4}}))", re.IGNORECASE)

_LV_MONTH_ANY = re.sub(r"\((?!\?)", "(?:", _LV_MONTH.pattern)
_EN_MONTH_ANY = re.sub(r"\((?!\?)", "(?:", _EN_MONTH.pattern)
#: A date in a boilerplate rule (`{DATE}` in its regex, rules.py): numbers (2012-01-20) or words,
#: always with a year, so that a month's name alone ("Marts") is never taken for a date.
DATE_PATTERN = (rf"(?i:{_WEEKDAY}(?:\d{{4}}\.\s*(?:gada\s+|g\.\s*)?(?:\d{{1,2}}\.\s*)?{_LV_MONTH_ANY}"
                rf"|(?:\d{{1,2}}\.\s*)?{_LV_MONTH_ANY},?\s+\d{{4}}\.?"
                rf"|{_EN_MONTH_ANY}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}"
                rf"|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_EN_MONTH_ANY},?\s+\d{{4}}"
                rf"|{_EN_MONTH_ANY},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}))")


def _month(name: str, names: re.Pattern) -> int:
    return next(i for i, g in enumerate(names.fullmatch(name).groups(), 1) if g)


def _iso(year: str, month: int, day: str | None) -> str | None:
    try:
        return date(int(year), month, int(day)).isoformat() if day else f"{int(year):04d}-{month:02d}"
    except ValueError:  # 31. februāris
        return None


_TIME = re.compile(r",?\s*(?:plkst\.|at|@)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?\s?m\.?)?$", re.IGNORECASE)


def _in_words(text: str) -> str | None:
    text = _TIME.sub("", " ".join(text.split())).rstrip(".")
    m = _LV_DATE.fullmatch(text)
    if m and (m.group("y1") or m.group("y2")) and not (m.group("y1") and m.group("y2")):
        return _iso(m.group("y1") or m.group("y2"), _month(m.group("m"), _LV_MONTH), m.group("d"))
    m = _EN_DATE.fullmatch(text)
    if m:
        for k in "123":
            if m.group(f"m{k}"):
                day = m.group(f"d{k}") if k != "3" else None
                return _iso(m.group(f"y{k}"), _month(m.group(f"m{k}"), _EN_MONTH), day)
    return None


def iso_date(value: Any) -> str | None:
    """ISO 8601 date (a year alone allowed) from what sources carry (see the module). None when
    unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = _ISO_DATE.fullmatch(text)
    if m:
        if text.startswith("0000"):
            return None  # WordPress' "0000-00-00 00:00:00" for drafts
        return "-".join(g for g in m.groups() if g)
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return _in_words(text) if len(text) <= 80 else None
