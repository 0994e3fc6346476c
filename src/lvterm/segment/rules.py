"""Sentence-boundary rules: Latvian abbreviations, ordinals and dates from `lang/lv.py`; English:
pysbd's boundaries, vetoed and completed by the same rules with `lang/en.py`'s lists; other
languages: the rules without lists. Numbered list items, emoticons and words spelt in lower case
at a sentence's start ("e-katalogs") in every language. Pure functions over a paragraph's text (no
spaCy, no files).
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
_ENDS = tuple(_TERMINAL)  # for str.endswith
_ENDCHARS = frozenset(_TERMINAL + _CLOSE)
_DASHES = frozenset({"-", "–", "—", "―", "--", "---"})
# A short quotation or title: full stops inside it end no sentence („Grāmata. Laiks. Cilvēks”).
_SHORT_QUOTE = re.compile(r'[„“«"](?=\S)[^„“”«»"\n]{1,80}?(?<=\S)[”“»"]')
_SHORT_QUOTE_WORDS = 5
_UPPER, _LOWER, _DIGIT, _OTHER = "upper", "lower", "digit", "other"
_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # where str.splitlines breaks a line
#: A line break that is no sentence boundary for pysbd: any but one before a bulleted line ("- books",
#: "* maps", "• journals": an item starts a sentence, as a numbered one does by `list_items`).
_SOFT_BREAK = re.compile(f"[{_LINE_BREAKS}](?![^\\S\\n]*[-*•–][^\\S\\n])")
# Emoticons that close a sentence: ASCII faces (":)", ":-(", ";D", ":'(") and face emoji end one
# before a capitalised word, like a full stop; hearts and hand claps ("<3", "❤️", "👍") only trail a
# sentence already ended ("Paldies! ❤️ Tiksimies"), since they also stand for words ("Es ❤️ Rīgu").
# Other pictographs are left alone: "👉", "✔" or "📌" may lead the next sentence as well.
_FACE_EMOJI = ((0x2639, 0x263A), (0x1F600, 0x1F64F), (0x1F910, 0x1F92F), (0x1F970, 0x1F97A), (0x1F9D0, 0x1F9D0),
               (0x1FAE0, 0x1FAE8))
_TRAILING_EMOJI = ((0x2665, 0x2665), (0x2764, 0x2764), (0x1F44D, 0x1F44F), (0x1F493, 0x1F49F), (0x1F5A4, 0x1F5A4),
                   (0x1F90D, 0x1F90F), (0x1F9E1, 0x1F9E1), (0x1FA75, 0x1FA77))
_EMOJI_PARTS = ((0xFE0F, 0xFE0F), (0x200D, 0x200D), (0x1F3FB, 0x1F3FF))  # presentation selector, joiner, skin tones


def _chars(ranges) -> str:
    return "".join(chr(c) for a, b in ranges for c in range(a, b + 1))


# An ASCII face's last character; not "o" or "p" (":o", ":p"), which end so many words ("to", "up").
_MOUTHS = "()[]DPO3*/\\|"
_ASCII_FACE = r"[:;=]['^-]?[()\[\]DPO3*/\\|]+"
_ANY_EMOJI = re.escape(_chars(_FACE_EMOJI + _TRAILING_EMOJI))
_EMOTICON = re.compile(rf"(?:{_ASCII_FACE}|<3+|[{_ANY_EMOJI}][{re.escape(_chars(_EMOJI_PARTS))}]*)+$")
_FACE = re.compile(rf"{_ASCII_FACE}|[{re.escape(_chars(_FACE_EMOJI))}]")
_ATTACHED = re.compile(rf"(?:[:;=]-?[()]+|[{_ANY_EMOJI}][{re.escape(_chars(_EMOJI_PARTS))}]*)+")  # "lieliski:)"
_EMOTICON_END = frozenset(_MOUTHS + _chars(_FACE_EMOJI + _TRAILING_EMOJI + _EMOJI_PARTS))
_BEFORE_MOUTH = frozenset(":;=-'^<" + _MOUTHS)  # what stands before an ASCII face's last character
# Words written in lower case even at a sentence's start: "e-katalogs", "t-krekls", "iPhone", "eBay".
_LOWER_OPENER = re.compile(r"[^\W\d_]-[^\W\d_]|[ei][A-Z]")
# The words `_judgements` looks at: those that may end a sentence or an emoticon.
_CANDIDATE_END = _ENDCHARS | _EMOTICON_END


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
        self.opens_sentence = getattr(module, "opens_sentence", None)
        self.headed = getattr(module, "SENT_ABBREV_HEADED", frozenset())
        self.continues_list = getattr(module, "continues_list", None)
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
        if e - s != 2 or not _SINGLE_LETTER.fullmatch(text, s, e) or words[j + 1][0] - e != 1 or text[s].isupper():
            break
        parts.insert(0, text[s])
        j -= 1
    for k in range(len(parts) - 1):
        joined = ".".join(parts[k:])
        if rules.known(joined):
            return joined
    if not rules.known(key) and _RANGE_SEP.search(key):
        key = _RANGE_SEP.split(key)[-1]  # a range "Mon.–Fri." or "10.–12." ends with its last part
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


def _emoticon(text: str, words: Sequence[tuple[int, int]], i: int, emoticons: set[int]) -> bool:
    """Whether word i ends in an emoticon after which a sentence may end (`emoticons`: the words
    before it that do): a face, or one that only trails after a sentence end (a terminal, or such
    an emoticon, before it). A whole word, or attached to a word's letters or final stop
    ("lieliski:)", "Paldies!❤️"), where only ":)", ":(" (with or without "-") and emoji count
    ("Klase:D" is no face)."""
    s, e = words[i]
    if text[e - 1] in _MOUTHS and (e - s < 2 or text[e - 2] not in _BEFORE_MOUTH):  # "kino", "SIA)"
        return False
    m = _EMOTICON.search(text, s, e)
    if m is None:
        return False
    a = m.start()
    if a > s and not ((text[a - 1].isalpha() or text[a - 1] in _TERMINAL) and _ATTACHED.fullmatch(text, a, e)):
        return False
    if _FACE.search(text, a, e):
        return True
    if a > s:
        return text[a - 1] in _TERMINAL
    return i - 1 in emoticons or i > 0 and text[words[i - 1][0]:words[i - 1][1]].rstrip(_CLOSE).endswith(_ENDS)


def _list_item(text: str, words: Sequence[tuple[int, int]], i: int, *, ends: bool, after_end: bool,
               last: int) -> tuple[int, bool] | None:
    """(number, opens) if word i, a number with a full stop before a capitalised word, marks a list
    item, else None. An item is a number that begins its paragraph or line ("Darba kārtība:\\n1.
    Atklāšana."; so does an ordinal, "2016. Gada bibliotēka …", which no more ends a sentence
    there), "1." after a colon ("Darba kārtība: 1. Atklāšana."), or the next number of a list after
    a sentence end ("… 1. Atklāšana. 2. Ziņojums"; `last`: the number of the item before, 0 for
    none). A number alone on its line ("15.12.2026.\\nSanāksme …") is none: it may be a heading.
    `opens`: a sentence begins at the item where no terminal ends one: "1." after a colon, the
    list's next number at a line's start, or "1." there if `_judge` took its stop for an end
    (`ends`: not so "Notika\\n1. Latvijas bibliotekāru kongress"). If the stop was no end for
    `_judge` and the item opens nothing, None. An item that is no whole number ("1.1.") has -1."""
    s, e = words[i]
    if not _NUMBER.fullmatch(text, s, e - 1):
        return None
    if any(ch in _LINE_BREAKS for ch in text[e:words[i + 1][0]]):
        return None
    number = int(text[s:e - 1]) if e - s < 8 and text[s:e - 1].isdigit() else -1
    after_colon = i > 0 and text[words[i - 1][1] - 1] == ":"
    listed = last > 0 and number == last + 1  # the list's next number
    if i == 0:
        found = number, False
    elif any(ch in _LINE_BREAKS for ch in text[words[i - 1][1]:s]):
        found = number, listed or number == 1 and (ends or after_colon)
    elif after_colon:
        found = (number, True) if number == 1 else None
    else:
        found = (number, False) if after_end and listed else None
    return found if found and (ends or found[1]) else None


def _judgements(text: str, words: Sequence[tuple[int, int]], rules: _Rules,
                quotes: Sequence[tuple[int, int]] = ()) -> dict[int, tuple[bool, bool]]:
    """(ends, sure) after every word that may end a sentence, in order: after one that ends in a
    terminal, closing quote or bracket `_judge`'s; after an emoticon (`_emoticon`) a sentence ends
    before a capitalised word, as after a full stop ("Tas visus iepriecināja :) Nākamajā dienā …";
    a terminal before it ends none, being followed by no capital); after a list item's number none
    ends, and one may end before it (`_list_item`)."""
    last = len(words) - 1
    judged = {}
    emoticons: set[int] = set()
    ended = -2  # the last word after which a sentence ends
    item = 0  # the last list item's number
    candidate = _CANDIDATE_END
    for i in [i for i, (_, e) in enumerate(words) if text[e - 1] in candidate]:
        if i == last:
            break
        s, e = words[i]
        ch = text[e - 1]
        if ch in _EMOTICON_END and (ch not in _MOUTHS or text[e - 2] in _BEFORE_MOUTH) \
                and _emoticon(text, words, i, emoticons):
            emoticons.add(i)
            judged[i] = found = (_kind(text[slice(*words[i + 1])]) == _UPPER, True)
        elif ch in _ENDCHARS:
            found = _judge(text, words, i, rules, quotes)
            if ch == "." and text[s].isdigit() and (found[0] or _kind(text[slice(*words[i + 1])]) == _UPPER):
                marks = _list_item(text, words, i, ends=found[0], after_end=ended == i - 1, last=item)
                if marks is not None:
                    number, opens = marks
                    item = number if number == 1 or number == item + 1 else 0  # 1., 2., 3., … in turn
                    if opens:  # word i - 1 is the last judged or a new one after it: still in order
                        judged[i - 1] = (True, True)
                    judged[i] = (False, True)
                    continue
            judged[i] = found
        else:
            continue
        if found[0]:
            ended = i
    return judged


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
        n += 1
        ns, ne = words[n]
    first = text[ns]
    kind = _UPPER if first.isupper() else _LOWER if first.islower() else _kind(text[ns:ne])
    # "… „Tieto Latvia”. e-katalogs darbojas …": a word spelt in lower case opens a sentence too
    opener = kind == _LOWER and _LOWER_OPENER.match(text[ns:ne].lstrip(_OPEN)) is not None

    if "!" in tail or "?" in tail:
        return kind == _UPPER or kind == _DIGIT or opener, True
    if "…" in tail or len(tail) > 1:  # ellipsis; a bare "(…)" marks an omission
        if kind != _UPPER or not any(ch.isalnum() for ch in stem):
            return False, True
        return True, False
    # a single full stop
    if kind == _OTHER or kind == _LOWER and not opener:
        return False, True
    if closed:  # „… beigās.” Nākamais / (sk. 15. lpp.) Nākamais
        return True, True
    if quotes and _inside(quotes, e):
        return False, True
    bare = stem.lstrip(_OPEN)
    nxt = text[ns:ne]
    if bare[:1].isdigit() and _NUMBER.fullmatch(bare):  # ordinal or date: "2011. gadā", "24.11.2026. plkst."
        if kind == _DIGIT:
            return False, True
        if opener:  # "… in 2010. iPads came …"; a Latvian "2011. e-…" is an ordinal
            return not rules.period_ordinals, True
        if rules.ordinal_nouns and nxt.lstrip(_OPEN).lower().startswith(rules.ordinal_nouns):
            return False, True  # "13. Saeima", "2. Pasaules karš"
        return not (rules.period_ordinals and bare.isdigit() and len(bare) <= 3 and rules.name_follows(nxt)), True
    key = _abbrev_key(text, words, i, stem, rules)
    if opener:  # after an abbreviation or an initial a lower-case word goes on: "piem. e-pastā"
        abbreviated = rules.known(key) or len(bare) == 1 and bare.isalpha() or "." in bare and _DOTTED.fullmatch(bare)
        return not abbreviated, True
    if key in rules.numeric and kind == _DIGIT:
        return False, True
    if key in rules.nonfinal:  # a title before a name; "Lt. The …" is no name
        return bool(rules.starters) and nxt.lstrip(_OPEN).lower() in rules.starters, True
    if key in rules.final:
        first = i - max(0, key.count(".") - bare.count("."))  # the abbreviation's first word: "u." of "u. c."
        previous = [text[a:b].lstrip(_OPEN) for a, b in words[max(0, first - 3):first]]
        before = previous[-1] if previous else ""
        if key in rules.before_names and rules.name_follows(nxt):  # "1525. g. Lībekā", "U.S. District"
            # "… to the (whole) U.S. Members came …": a word that opens a sentence rather than a name
            opens = rules.opens_sentence
            return bool(opens) and opens(nxt.lstrip(_OPEN), [text[a:b] for a, b in words[n + 1:n + 3]],
                                         previous=previous), True
        if key in rules.headed and kind == _UPPER and rules.continues_list \
                and rules.continues_list(before, [text[a:b] for a, b in words[n:n + 8]]):
            return False, True  # "muzeji u.c. Latvijas kultūras iestādes": the list's head noun
        if kind == _DIGIT:  # "u.c. 2012. gadā …" starts anew; "1991. g. 21. augustā" goes on
            return key in rules.list_end, True
        return True, False
    if len(bare) == 1 and bare.isalpha():  # an initial: "J. Bērziņš"
        return False, False
    if "." in bare and _DOTTED.fullmatch(bare):  # "J.K." are initials; "a.m." may end a sentence
        return kind == _UPPER and not bare[0].isupper(), bare[0].isupper() or kind != _UPPER
    return True, True


def rule_starts(text: str, *, lang: str) -> list[int]:
    """Offsets where our rules start a new sentence (the first sentence's start is not listed)."""
    words = [m.span() for m in _WORD.finditer(text)]
    judged = _judgements(text, words, _rules(lang), _short_quotes(text))
    return [words[i + 1][0] for i, (ends, _) in judged.items() if ends]


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
    """pysbd's sentence starts mapped back to offsets; None if its output cannot be found in the text.
    pysbd reads the text with its line breaks as spaces (the same offsets; `_SOFT_BREAK`): it ends a
    sentence at every line break, and a single line break inside a paragraph is none (hard-wrapped
    text) unless a bulleted line follows it."""
    text = _SOFT_BREAK.sub(" ", text)
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
    words = [m.span() for m in _WORD.finditer(text)]
    judged = _judgements(text, words, _rules("en"), _short_quotes(text))
    cuts, unsure = [0], []
    for i, (ends, sure) in judged.items():
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
