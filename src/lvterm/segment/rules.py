"""Sentence-boundary rules: Latvian abbreviations, ordinals and dates from `lang/lv.py`; English:
pysbd's boundaries, vetoed and completed by the same rules with `lang/en.py`'s lists; other
languages: the rules without lists. Pure functions over a paragraph's text (no spaCy, no files).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Sequence

from . import pysbd_scope

# --- rules --------------------------------------------------------------------

_WORD = re.compile(r"\S+")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_RANGE_SEP = re.compile(r"[-–—/]")
_SINGLE_LETTER = re.compile(r"[^\W\d_]\.")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "a.m", "U.S", "J.K"
_OPEN = "\"'„“‘‚«‹([{"
_CLOSE = "\"'”“’‘»›)]}"
_TERMINAL = ".!?…"
_ENDCHARS = frozenset(_TERMINAL + _CLOSE)
_DASHES = frozenset({"-", "–", "—", "―", "--", "---"})
# A short quotation or title: full stops inside it end no sentence („Grāmata. Laiks. Cilvēks”).
_SHORT_QUOTE = re.compile(r'[„“«"](?=\S)[^„“”«»"\n]{1,80}?(?<=\S)[”“»"]')
_SHORT_QUOTE_WORDS = 5
_UPPER, _LOWER, _DIGIT, _OTHER = "upper", "lower", "digit", "other"


class _Rules:
    """The abbreviation lists of one language (empty for languages without a module)."""

    def __init__(self, module=None):
        self.nonfinal = getattr(module, "SENT_ABBREV_NONFINAL", frozenset())
        self.final = getattr(module, "SENT_ABBREV_FINAL", frozenset())
        self.numeric = getattr(module, "SENT_ABBREV_NUMERIC", frozenset())
        self.list_end = getattr(module, "SENT_ABBREV_LIST_END", frozenset())
        self.ordinal_nouns = tuple(getattr(module, "SENT_ORDINAL_NOUNS", ()))
        self.before_names = getattr(module, "SENT_ABBREV_BEFORE_NAMES", frozenset())
        self.looks_like_name = getattr(module, "looks_like_name", None)
        self.starters = getattr(module, "SENT_STARTERS", frozenset())
        self.period_ordinals = getattr(module, "SENT_PERIOD_ORDINALS", False)

    def name_follows(self, word: str) -> bool:
        return bool(self.looks_like_name and self.looks_like_name(word.lstrip(_OPEN)))

    def known(self, key: str) -> bool:
        return key in self.nonfinal or key in self.final or key in self.numeric


@lru_cache(maxsize=None)
def _rules(lang: str) -> _Rules:
    if lang == "lv":
        from ..lang import lv as module
    elif lang == "en":
        from ..lang import en as module
    else:
        module = None
    return _Rules(module)


def _kind(word: str) -> str:
    """What the next word starts with, past opening quotes and brackets."""
    for ch in word:
        if ch in _OPEN or ch in _CLOSE:  # „…”, and ”…” typed with the closing mark
            continue
        if ch.isdigit():
            return _DIGIT
        if ch.islower():
            return _LOWER
        if ch.isalpha():  # upper case, or a script without case
            return _UPPER
        return _OTHER
    return _OTHER


def _abbrev_key(text: str, words: Sequence[tuple[int, int]], i: int, stem: str, rules: _Rules) -> str:
    """Lower-cased key of the word before the final period; joins spaced forms ("u. c." -> "u.c")."""
    bare = stem.lstrip(_OPEN)
    key = bare.lower()
    parts = [key]
    j = i - 1
    while j >= 0 and len(parts) < 3 and not bare.isupper():  # "A. M. Clarke" are initials, not "a.m."
        s, e = words[j]
        if not _SINGLE_LETTER.fullmatch(text, s, e) or words[j + 1][0] - e != 1 or text[s].isupper():
            break
        parts.insert(0, text[s])
        j -= 1
    for k in range(len(parts) - 1):
        joined = ".".join(parts[k:])
        if rules.known(joined):
            return joined
    if not rules.known(key):  # a range "Mon.–Fri." or "10.–12." ends with its last part
        key = _RANGE_SEP.split(key)[-1]
    return key


def _short_quotes(text: str) -> list[tuple[int, int]]:
    if "„" not in text and "“" not in text and '"' not in text and "«" not in text:
        return []
    return [m.span() for m in _SHORT_QUOTE.finditer(text)
            if len(text[m.start():m.end()].split()) <= _SHORT_QUOTE_WORDS]


def _inside(spans: Sequence[tuple[int, int]], o: int) -> bool:
    """Whether offset `o` is strictly inside one of `spans` (in order, not overlapping)."""
    k = bisect.bisect_left(spans, (o,)) - 1  # the last span starting before o
    return k >= 0 and o < spans[k][1]


def _judge(text: str, words: Sequence[tuple[int, int]], i: int, rules: _Rules,
           quotes: Sequence[tuple[int, int]] = ()) -> tuple[bool, bool]:
    """(ends, sure): our decision after word i, and whether the rules are sure of it. Unsure are the
    ambiguous cases a second segmenter may settle: an ellipsis, or an abbreviation that may end a
    sentence, or an initial, before a capital."""
    s, e = words[i]
    word = text[s:e]
    core = word.rstrip(_CLOSE)
    closed = len(core) < len(word)
    if not core or core[-1] not in _TERMINAL:
        return False, True
    tail_len = len(core) - len(core.rstrip(_TERMINAL))
    tail, stem = core[-tail_len:], core[:-tail_len]

    n = i + 1
    ns, ne = words[n]
    if text[ns:ne] in _DASHES:  # "… jautāja. – Jā" / "„Nāksi?” – viņa jautāja."
        if n + 1 >= len(words):
            return False, True
        ns, ne = words[n + 1]
    kind = _kind(text[ns:ne])

    if "!" in tail or "?" in tail:
        return kind != _LOWER and kind != _OTHER, True
    if "…" in tail or len(tail) > 1:  # ellipsis; a bare "(…)" marks an omission
        if kind != _UPPER or not any(ch.isalnum() for ch in stem):
            return False, True
        return True, False
    # a single full stop
    if kind == _LOWER or kind == _OTHER:
        return False, True
    if closed:  # „… beigās.” Nākamais / (sk. 15. lpp.) Nākamais
        return True, True
    if quotes and _inside(quotes, e):
        return False, True
    bare = stem.lstrip(_OPEN)
    nxt = text[ns:ne]
    if _NUMBER.fullmatch(bare):  # ordinal or date: "2011. gadā", "24.11.2026. plkst."
        if kind == _DIGIT:
            return False, True
        if rules.ordinal_nouns and nxt.lstrip(_OPEN).lower().startswith(rules.ordinal_nouns):
            return False, True  # "13. Saeima", "2. Pasaules karš"
        return not (rules.period_ordinals and bare.isdigit() and len(bare) <= 3 and rules.name_follows(nxt)), True
    key = _abbrev_key(text, words, i, stem, rules)
    if key in rules.numeric and kind == _DIGIT:
        return False, True
    if key in rules.nonfinal:  # a title before a name; "Lt. The …" is no name
        return bool(rules.starters) and nxt.lstrip(_OPEN).lower() in rules.starters, True
    if key in rules.final:
        if key in rules.before_names and rules.name_follows(nxt):
            return False, True  # "1525. g. Lībekā"
        if kind == _DIGIT:  # "u.c. 2012. gadā …" starts anew; "1991. g. 21. augustā" goes on
            return key in rules.list_end, True
        return True, False
    if len(bare) == 1 and bare.isalpha():  # an initial: "J. Bērziņš"
        return False, False
    if _DOTTED.fullmatch(bare):  # "J.K." are initials; "a.m." may end a sentence
        return kind == _UPPER and not bare[0].isupper(), bare[0].isupper() or kind != _UPPER
    return True, True


def rule_starts(text: str, *, lang: str) -> list[int]:
    """Offsets where our rules start a new sentence (the first sentence's start is not listed)."""
    rules = _rules(lang)
    words = [m.span() for m in _WORD.finditer(text)]
    quotes = _short_quotes(text)
    out = []
    for i in range(len(words) - 1):
        if text[words[i][1] - 1] in _ENDCHARS and _judge(text, words, i, rules, quotes)[0]:
            out.append(words[i + 1][0])
    return out


@lru_cache(maxsize=4)
def _pysbd(lang: str):
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


def _pysbd_segment(segmenter, text: str) -> list[str]:
    r"""`segmenter.segment(text)` (clean=False: each sentence as found in the text, with the
    whitespace after it) without compiling a regex for every sentence: pysbd finds each sentence
    with `re.finditer(re.escape(sentence) + r"\s*", text)`, the first match ending after the
    previous one; `str.find` and `str.isspace` (the `\s` of a str pattern) do the same."""
    if not text:
        return []
    sentences = segmenter.processor(text).process()
    if any(not s for s in sentences):  # an empty match advances differently: pysbd's own way
        return segmenter.segment(text)
    out, prior, size = [], 0, len(text)
    for sentence in sentences:
        pos = 0
        while (at := text.find(sentence, pos)) >= 0:
            end = at + len(sentence)
            while end < size and text[end].isspace():
                end += 1
            if end > prior:
                out.append(text[at:end])
                prior = end
                break
            pos = end
    return out


def pysbd_starts(text: str, *, lang: str) -> list[int] | None:
    """pysbd's sentence starts mapped back to offsets; None if its output cannot be found in the text."""
    try:
        pieces = _pysbd_segment(_pysbd(lang), text)
    except Exception:  # pysbd's regexes can trip over odd input: our rules take over
        return None
    out, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, pos)
        if at < 0:
            return None
        if pos:
            out.append(at)
        pos = at + len(piece)
    return out


def sentence_starts(text: str, *, lang: str, pysbd: str = "auto") -> list[int]:
    """Offsets in `text` where a new sentence starts, in order, for our `lvterm_sentences` component.

    English: where our rules are sure (a full stop after an ordinary word before a capital, "?" or
    "!", a lower-case word next, a title or "e.g." before) they decide; the ambiguous cases (an
    ellipsis, "etc." or "a.m." before a capital, a single capital letter) go to pysbd, and pysbd's
    boundaries without terminal punctuation are kept. Our sure boundaries cut the paragraph into
    pieces, and pysbd reads a piece only where it can change the outcome (`pysbd_scope`: an unsure
    case or one of `pysbd_scope.PYSBD_ONLY`, unless the piece is `settled`). `pysbd="always"` runs
    it on the whole paragraph, for tests and measurement: slower, and the same on the gold sets
    and the tests' paragraphs, though not everywhere (pysbd also breaks where `PYSBD_ONLY` does
    not look: before "e.g." when "f.o.b." follows, taking "e" and "f" for a list; after "。").
    Other languages: our rules alone.
    """
    if lang != "en":
        return rule_starts(text, lang=lang)
    rules = _rules("en")
    words = [m.span() for m in _WORD.finditer(text)]
    quotes = _short_quotes(text)
    judged = {}
    cuts, unsure = [0], []
    for i in range(len(words) - 1):
        if text[words[i][1] - 1] in _ENDCHARS:
            ends, sure = judged[i] = _judge(text, words, i, rules, quotes)
            if not sure:
                unsure.append(i)
            elif ends:
                cuts.append(words[i + 1][0])
    if pysbd == "always":
        found = pysbd_starts(text, lang="en")
        if found is None:
            return rule_starts(text, lang="en")
        return _merge(text, words, judged, set(found))
    items = pysbd_scope.list_items(text, [words[i] for i in judged] + words[-1:])
    sure_starts = cuts[1:]
    cuts.append(len(text))
    if not unsure and not items and pysbd_scope.nothing_to_flag(text):  # most paragraphs
        return sure_starts
    marks = pysbd_scope.Marks(text, items)
    unsure_at = [words[i + 1][0] for i in unsure]
    pysbd_says: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        lo, hi = bisect.bisect_left(unsure_at, a), bisect.bisect_left(unsure_at, b)
        if lo == hi and not marks.flagged(a, b):
            continue
        if marks.settled(a, b, [words[i] for i in unsure[lo:hi]]):
            continue
        found = pysbd_starts(text[a:b], lang="en")
        if found is None:
            return rule_starts(text, lang="en")
        pysbd_says.update(a + f for f in found)
    if not pysbd_says:
        return sure_starts
    return _merge(text, words, judged, pysbd_says)


def _merge(text: str, words, judged, pysbd_says: set[int]) -> list[int]:
    """Our sure decisions, pysbd's where we are unsure, and pysbd's boundaries without terminal
    punctuation before them (at a word after another: pysbd's other offsets are dropped)."""
    keep = {words[i + 1][0] for i, (ends, sure) in judged.items() if ends and sure}
    unsure_at = {words[i + 1][0] for i, (_, sure) in judged.items() if not sure}
    judged_at = {words[i + 1][0] for i in judged}
    first = words[0][0] if words else len(text)
    for o in pysbd_says:
        at_word = first < o < len(text) and text[o - 1].isspace() and not text[o].isspace()
        if at_word and (o in unsure_at or o not in judged_at):
            keep.add(o)
    return sorted(keep)
