"""Sentence segmentation with character offsets into the cleaned paragraph.

    >>> [s.text for s in segment_text("Tas notika 2011. gadā. Bija arī lekcijas u.c. Nākamajā gadā...", lang="lv")]
    ['Tas notika 2011. gadā.', 'Bija arī lekcijas u.c.', 'Nākamajā gadā...']

`make_nlp(lang)` is a spaCy blank pipeline (spacy.blank("lv"), spacy.blank("en"), the language's
own blank class for any other ISO code spaCy knows, else spacy.blank("xx")) plus our
`lvterm_sentences` component (registered in `lvterm.components`). The component asks
`sentence_starts(text, lang=...)`, the rules in this module: Latvian abbreviations, ordinals and
dates from `lang/lv.py`; English: pysbd's boundaries, vetoed and completed by the same rules with
`lang/en.py`'s lists; other languages: the rules without lists.

Blank lines are hard paragraph boundaries. Every `Segment` satisfies
`segment.text == paragraphs[segment.paragraph][segment.start:segment.end]`, with surrounding
whitespace excluded; together the segments hold every non-space character exactly once, in order.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .errors import InputError
from .fileio import read_text
from .models import Post, Segment

# --- rules --------------------------------------------------------------------

_WORD = re.compile(r"\S+")
_PARA_BREAK = re.compile(r"\n[^\S\n]*(?:\n[^\S\n]*)+")  # one or more blank lines
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
        from .lang import lv as module
    elif lang == "en":
        from .lang import en as module
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
    if any(qs < e < qe for qs, qe in quotes):
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


def pysbd_starts(text: str, *, lang: str) -> list[int] | None:
    """pysbd's sentence starts mapped back to offsets; None if its output cannot be found in the text."""
    try:
        pieces = _pysbd(lang).segment(text)
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


def sentence_starts(text: str, *, lang: str) -> list[int]:
    """Offsets in `text` where a new sentence starts, in order, for our `lvterm_sentences` component.

    English: where our rules are sure (a full stop after an ordinary word before a capital, "?" or
    "!", a lower-case word next, a title or "e.g." before) they decide; the ambiguous cases (an
    ellipsis, "etc." or "a.m." before a capital, a single capital letter) go to pysbd, and pysbd's
    boundaries without terminal punctuation are kept. Other languages: our rules alone.
    """
    if lang != "en":
        return rule_starts(text, lang=lang)
    found = pysbd_starts(text, lang="en")
    if found is None:
        return rule_starts(text, lang="en")
    rules = _rules("en")
    words = [m.span() for m in _WORD.finditer(text)]
    quotes = _short_quotes(text)
    pysbd_says = set(found)
    keep = set()
    for i in range(len(words) - 1):
        start = words[i + 1][0]
        if text[words[i][1] - 1] in _ENDCHARS:
            ends, sure = _judge(text, words, i, rules, quotes)
            if ends if sure else start in pysbd_says:
                keep.add(start)
        elif start in pysbd_says:
            keep.add(start)
    return sorted(keep)


# --- pipeline -----------------------------------------------------------------

_MAX_CHARS = 100_000_000  # per paragraph; spaCy's default limit is 1,000,000


@lru_cache(maxsize=None)
def make_nlp(lang: str):
    """A blank spaCy pipeline for `lang` with our sentence component; cached per language."""
    import spacy
    from spacy.util import get_lang_class

    from . import components

    code = (lang or "").strip().lower()
    if not re.fullmatch(r"[a-z]{2,3}", code):
        raise InputError(f"not a language code: {lang!r}")
    try:
        get_lang_class(code)
    except Exception:  # spaCy has no class for this language
        code = "xx"
    nlp = spacy.blank(code)
    nlp.max_length = _MAX_CHARS  # a blank pipeline has no parser or NER to run out of memory
    nlp.tokenizer = components.KeepText(nlp.tokenizer)
    nlp.add_pipe(components.COMPONENT, config={"lang": lang.strip().lower()})
    return nlp


@lru_cache(maxsize=None)
def make_pysbd_nlp(lang: str):
    """The blank pipeline with pysbd alone setting sentence starts (measured against ours)."""
    import spacy

    from . import components

    nlp = spacy.blank(make_nlp(lang).lang)
    nlp.add_pipe(components.COMPONENT, config={"lang": lang, "method": "pysbd"})
    return nlp


@lru_cache(maxsize=None)
def make_sentencizer_nlp(lang: str):
    """spaCy's blank pipeline with its plain rule `sentencizer`: the baseline we measure against."""
    import spacy

    nlp = spacy.blank(make_nlp(lang).lang)
    nlp.max_length = _MAX_CHARS
    nlp.add_pipe("sentencizer")
    return nlp


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: blank lines separate them; surrounding whitespace is dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac line ends
    return [p.strip() for p in _PARA_BREAK.split(text) if p.strip()]


def _spans(doc, text: str) -> list[tuple[int, int]]:
    """Character spans of a doc's sentences, surrounding whitespace excluded. `text` is the doc's text
    (spaCy rebuilds doc.text from tokens on every access); arrays, not doc.sents, for speed."""
    from spacy.attrs import IDX, SENT_START

    if not len(doc):
        return []
    idx = doc.to_array(IDX)
    firsts = (doc.to_array(SENT_START) == 1).nonzero()[0].tolist()
    bounds = sorted({0, *(int(idx[i]) for i in firsts)}) + [len(text)]
    out = []
    for s, e in zip(bounds, bounds[1:]):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def segment_paragraphs(paragraphs: Iterable[str], *, lang: str, nlp=None,
                       batch_size: int = 256) -> list[Segment]:
    """Sentences of a document's paragraphs; `index` runs over the whole document."""
    nlp = nlp or make_nlp(lang)
    paragraphs = list(paragraphs)
    out: list[Segment] = []
    for p, (text, doc) in enumerate(zip(paragraphs, nlp.pipe(paragraphs, batch_size=batch_size))):
        for s, e in _spans(doc, text):
            out.append(Segment(index=len(out), paragraph=p, start=s, end=e, text=text[s:e]))
    return out


def segment_text(text: str, *, lang: str) -> list[Segment]:
    """Sentences of a plain text; offsets refer to `split_paragraphs(text)`."""
    return segment_paragraphs(split_paragraphs(text), lang=lang)


def segment_post(post: Post) -> list[Segment]:
    """Sentences of a post; offsets refer to `post.paragraphs`."""
    return segment_paragraphs(post.paragraphs, lang=post.lang)


def read_document(path: str | Path, *, lang: str | None = None) -> tuple[str, list[str]]:
    """(lang, paragraphs) of a post file (detected by its front matter) or a plain text file
    (UTF-8, with or without BOM, or UTF-16 with BOM)."""
    from .formats import post as post_format

    path = Path(path)
    text = read_text(path)
    if "\x00" in text:
        raise InputError("binary file, expected text", path=path)
    if not text.strip():
        raise InputError("empty file", path=path)
    if text.replace("\r\n", "\n").startswith("---\n"):
        post = post_format.loads(text.replace("\r\n", "\n"), path=path)
        return (lang or post.lang), list(post.paragraphs)
    if not lang:
        raise InputError("plain text needs --lang", path=path)
    return lang, split_paragraphs(text)


def segment_file(path: str | Path, *, lang: str | None = None) -> list[Segment]:
    """Sentences of a plain-text or post file (see `read_document`)."""
    lang, paragraphs = read_document(path, lang=lang)
    return segment_paragraphs(paragraphs, lang=lang)


# --- gold sets and scores ---------------------------------------------------------


def read_gold(path: str | Path) -> list[list[str]]:
    """A gold file: one sentence a line, blank lines between documents (each one paragraph)."""
    docs: list[list[str]] = [[]]
    for line in read_text(path).splitlines():
        if line.strip():
            docs[-1].append(line.strip())
        elif docs[-1]:
            docs.append([])
    return [d for d in docs if d]


def gold_spans(sentences: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The paragraph (sentences joined by one space) and each sentence's span in it."""
    spans, pos = [], 0
    for s in sentences:
        spans.append((pos, pos + len(s)))
        pos += len(s) + 1
    return " ".join(sentences), spans


def score_gold(docs: Sequence[Sequence[str]], *, nlp) -> dict:
    """Sentence-level precision, recall and F1: a predicted sentence counts when its span is exact."""
    paragraphs, gold = zip(*(gold_spans(d) for d in docs)) if docs else ((), ())
    tp = n_pred = n_gold = 0
    errors = []
    for text, doc, want in zip(paragraphs, nlp.pipe(paragraphs, batch_size=256), gold):
        got = _spans(doc, text)
        hit = set(got) & set(want)
        tp += len(hit)
        n_pred += len(got)
        n_gold += len(want)
        errors.extend(text[s:e] for s, e in got if (s, e) not in hit)
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "gold": n_gold, "predicted": n_pred, "correct": tp,
            "errors": errors}
