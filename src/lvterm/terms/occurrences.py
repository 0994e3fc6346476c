"""An occurrence of a term candidate as extraction reads it (`_Occ`), and what is judged of it, memoised.

Terms recur across a corpus, and what `terms.extract` judges of an occurrence (properness, canonical
form, specificity words, agreement) depends only on its form, its words and a little of its
context: its signature (`_signature`). Each judgement is computed once a signature and remembered
in a table of `_memo` (`_memoised`), by the signature's id (`_signature_id`; `_heading_id` for a
signature whose capitals are a heading's). A table is emptied when it reaches `_MEMO_LIMIT`
entries; an id is never given twice.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import count
from dataclasses import dataclass
from typing import Sequence

from .patterns import Word

@dataclass(slots=True)
class _Occ:
    segment: int
    start: int
    end: int
    form: str
    words: list[Word]
    head: int  # index of the head word in `words`
    proper: bool
    nested: bool = False  # one word met inside a longer candidate
    sig: int = -1  # the id of what every per-occurrence judgement below depends on (`_signature_id`)
    before_noun: bool = False  # a lower-case noun or adjective follows (`patterns.genitive_place`)
    quoted: bool = False  # the span is the whole of a quotation ("The Beatles")


def _signature(lang: str, form: str, words: Sequence[Word], head: int, context: tuple = ()) -> tuple:
    """The key of an occurrence's memoised judgements: its form, head and each word's text,
    sentence start, role and `acronyms`. A word's analysis, slots and capital are functions of its
    text, sentence start and whether its sentence has lower-case words (`acronyms`:
    `patterns.analysed_words`), so two occurrences with one signature are judged
    alike: the properness, canonical form, specificity words and agreement are computed once a
    signature, not once an occurrence (terms recur across a corpus). `context`: what of the
    span's surroundings the judgements read (`_Occ.before_noun`, `_Occ.quoted`)."""
    return (lang, form, head, tuple([(w.text, w.sent_start, w.role, w.acronyms) for w in words]), context)


#: Memoised per-signature judgements; each table is emptied when it reaches this size.
_MEMO_LIMIT = 200_000
_memo: dict[str, dict] = defaultdict(dict)

#: Signature -> its id. The judgements are memoised by id: a signature
#: (a tuple of tuples, whose hash Python does not keep) is hashed once an occurrence, not once a
#: table. Ids are never given twice (the table is emptied at _MEMO_LIMIT and the count goes on),
#: so an id in a memo table always means the one signature.
_signature_ids: dict[tuple, int] = {}
_signature_count = count()


def _signature_id(lang: str, form: str, words: Sequence[Word], head: int, context: tuple = ()) -> int:
    """The id of `_signature`: see `_signature_ids`."""
    return _new_id(_signature_ids, _signature(lang, form, words, head, context))


def _new_id(ids: dict, key) -> int:
    """The id `ids` gives `key`: a new one, never given before (`_signature_count`), the first time;
    the table emptied at `_MEMO_LIMIT`."""
    found = ids.get(key)
    if found is None:
        if len(ids) >= _MEMO_LIMIT:
            ids.clear()
        found = ids[key] = next(_signature_count)
    return found


def _memoised(table: str, key, compute, *args, **kwargs):
    """compute(*args, **kwargs), remembered in `table` under `key` (what the value depends on)."""
    found = _memo[table]
    value = found.get(key, _MISSING)
    if value is _MISSING:
        if len(found) >= _MEMO_LIMIT:
            found.clear()
        value = found[key] = compute(*args, **kwargs)
    return value


_MISSING = object()


#: Signature id -> the id of the same signature read as a heading's (`_heading_id`).
_heading_ids: dict[int, int] = {}


def _heading_id(sig: int) -> int:
    """The signature id of an occurrence whose capitals `writing._proper` read as a name's and the texts
    show to be a heading's (`writing._in_capitals` with `seen`): the judgements memoised by signature
    (the canonical form reads `_Occ.proper`) are another signature's. Never given twice."""
    return _new_id(_heading_ids, sig)
