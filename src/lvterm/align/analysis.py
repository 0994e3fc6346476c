"""What the aligner's lexical anchors read from a sentence, in plain Python (no numpy): its
folded words, names, numbers, links and punctuation (`analyse`), and the anchor features of a
document's sentences (`anchor_keys`), which `scorers.AnchorScorer` turns into arrays and the
small-document engine (`small`) reads as they are."""
from __future__ import annotations

import re
from collections.abc import Sequence

from ..lang.keys import fold

URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"»«)]+", re.I)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# a space (or no-break space) between digit groups of three is a thousands separator (lv: 30 000)
THOUSANDS_RE = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")
PUNCT_CLASSES = {"(": "(", "[": "(", ")": ")", "]": ")", "«": "q", "»": "q", '"': "q", "“": "q",
                 "”": "q", "„": "q", "‘": "q", "’": "q", "‹": "q", "›": "q", "?": "?", "!": "!",
                 ":": ":", ";": ";", "%": "%", "€": "$", "$": "$", "£": "$", "…": "…", "/": "/"}


class Analysis:
    """What the lexical scorers need from one sentence (a plain class: this module is imported
    by a cold `lvterm align`, which spares itself dataclasses)."""

    __slots__ = ("words", "names", "numbers", "links", "punct", "text")

    def __init__(self, words: list[str], names: set[str], numbers: list[str], links: list[str], punct: list[str],
                 text: str = ""):
        self.words = words  # folded word tokens (letters only)
        self.names = names  # folded words written with a capital letter inside the sentence
        self.numbers = numbers  # digit strings
        self.links = links  # URLs and e-mail addresses, lower-cased
        self.punct = punct  # punctuation classes
        self.text = text  # the whole line, space-normalised

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, k) == getattr(other, k) for k in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  (mutable, as the dataclass was)

    def __repr__(self) -> str:
        return "Analysis(" + ", ".join(f"{k}={getattr(self, k)!r}" for k in self.__slots__) + ")"


_WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_NUMBER_RE = re.compile(r"\d+(?:[.,:/]\d+)*")
_NON_DIGIT_RE = re.compile(r"\D")
_DIGIT_RE = re.compile(r"\d")
_PUNCT_RE = re.compile("[" + re.escape("".join(PUNCT_CLASSES)) + "]")
# Characters `fold` maps one to one, a letter to a letter and anything else to itself: ASCII,
# Latvian letters and common typographic punctuation. In a line of only these, the words of the
# folded line are the folded words of the line, so one tokenising serves both.
_LATVIAN_LETTERS = "āčēģīķļņōŗšūž"
_NOT_PER_CHAR_RE = re.compile(
    "[^\x00-\x7f" + _LATVIAN_LETTERS + _LATVIAN_LETTERS.upper() + "„“”«»‘’‹›–—…€£©]")


def analyse(text: str) -> Analysis:
    links: list[str] = []
    rest = text
    if "@" in text or "www" in text or "://" in text:
        links = [m.group().lower().rstrip(".,;:") for m in URL_RE.finditer(text)]
        links += [m.group().lower() for m in EMAIL_RE.finditer(text)]
        rest = EMAIL_RE.sub(" ", URL_RE.sub(" ", text))
    numbers: list[str] = []
    if _DIGIT_RE.search(rest):
        rest = THOUSANDS_RE.sub("", rest)
        numbers = [_NON_DIGIT_RE.sub("", n) for n in _NUMBER_RE.findall(rest)]
    original = _WORD_RE.findall(rest)
    if _NOT_PER_CHAR_RE.search(rest) is None:
        # the line's words folded at once (a word has no space); word k of `words` is word k folded
        words = fold(" ".join(original)).split(" ") if original else []
        names = {f for w, f in zip(original[1:], words[1:]) if len(w) > 1 and w[0].isupper()}
    else:
        words = _WORD_RE.findall(fold(rest))
        names = {fold(w) for w in original[1:] if len(w) > 1 and w[0].isupper()}
    punct = [PUNCT_CLASSES[ch] for ch in _PUNCT_RE.findall(rest)]
    return Analysis(words=words, names=names, numbers=numbers, links=links, punct=punct, text=" ".join(text.split()))


def analyse_all(sentences: Sequence[str]) -> list[Analysis]:
    """`analyse` of every sentence; a line repeated shares one (read-only) analysis, so a file of
    300,000 identical lines costs one analysis, not 300,000."""
    seen: dict[str, Analysis] = {}
    return [seen[s] if s in seen else seen.setdefault(s, analyse(s)) for s in sentences]


def anchor_keys(analyses: list[Analysis], cog: dict[str, str], *, number_weight: float, link_weight: float,
                word_weight: float, name_bonus: float, punct_weight: float, prefix_weight: float, prefix_len: int,
                min_word_len: int) -> tuple[list[int], list[str], list[float]]:
    """The anchor features of one side's sentences as parallel lists (sentence, feature name,
    weight): numbers, links, words (a word of a cognate class as its class, `cog`; a name weighs
    more), word beginnings (with `prefix_weight`), punctuation; a line with none of them is its
    own feature ("* * *")."""
    sents: list[int] = []
    keys: list[str] = []
    weights: list[float] = []
    ww, nb = word_weight, name_bonus
    for i, a in enumerate(analyses):
        k0 = len(keys)
        if a.numbers:  # (most lines have no numbers or links: their lists are skipped)
            keys += ["n:" + n for n in a.numbers]
            weights += [number_weight] * len(a.numbers)
        if a.links:
            keys += ["u:" + u for u in a.links]
            weights += [link_weight] * len(a.links)
        ws = [w for w in a.words if len(w) >= min_word_len]
        if ws:
            keys += ["w:" + cog.get(w, w) for w in ws] if cog else ["w:" + w for w in ws]
            names = a.names
            weights += [ww + nb if w in names else ww for w in ws] if names else [ww] * len(ws)
        if prefix_weight:
            pre = [w[:prefix_len] for w in ws if len(w) > prefix_len]
            keys += ["x:" + p for p in pre]
            weights += [prefix_weight] * len(pre)
        if a.punct:
            keys += ["p:" + p for p in a.punct]
            weights += [punct_weight] * len(a.punct)
        if len(keys) == k0 and a.text:  # nothing else to go by: the line itself (", .", "* * *")
            keys.append("s:" + a.text)
            weights.append(word_weight)
        sents += [i] * (len(keys) - k0)
    return sents, keys, weights
