"""What the layout of a sentence file says, whatever the language: where a sentence boundary proper
falls, and which lines read as prose.

- `sentence_starts`: 1.0 at node i (before sentence i) when sentence i-1 ends with terminal
  punctuation and sentence i starts like a sentence (a capital, a digit, an opening quote or
  bracket, a dash); 0.0 when the line break falls inside a sentence (a tokenised corpus split at
  ':' or ';', an OCR line, a list item: "die Grosse der Lichtbrechung ...", "= 18,29 m ...").
  A bead whose start is a sentence boundary on one side and a break inside a sentence on the other
  is suspect.
- `prose`: 1.0 for a line that ends with terminal punctuation and has at least four words, the kind
  of line a translation keeps; captions, headings, bylines and boilerplate ("Photo R. Angst",
  "Lasīt vairāk »") are cheaper to leave unaligned.

- `paragraph_bounds`: where a paragraph starts, from the sentences' paragraph numbers.

Pure functions over the sentences: lists (`start_flags`, `prose_flags`, `paragraph_bounds`, which
the small-document engine reads) or numpy arrays of them (numpy is imported on call).
"""
from __future__ import annotations

from collections.abc import Sequence

_TERMINAL = ".!?…"
_CLOSERS = "\"'»”“’)]"  # closing quotes and brackets that may follow the terminal punctuation
_OPENERS = frozenset("«\"„“‘'([-–—¿¡")
PROSE_MIN_WORDS = 4


def _ends(line: str) -> bool:
    """The line ends with terminal punctuation, perhaps followed by closing quotes, brackets and
    whitespace (the regular expression `[.!?…]+[\\s"'»”“’)\\]]*$`, read from the end: a search
    for it scans the whole line)."""
    t = line.rstrip()
    while t and t[-1] in _CLOSERS:
        t = t.rstrip(_CLOSERS).rstrip()
    return bool(t) and t[-1] in _TERMINAL


def _starts(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and (s[0].isupper() or s[0].isdigit() or s[0] in _OPENERS)


def _wordy(line: str) -> bool:
    """At least `PROSE_MIN_WORDS` words (whitespace-separated) that start with a letter."""
    count = 0
    for w in line.split():
        if w[0].isalpha():
            count += 1
            if count >= PROSE_MIN_WORDS:
                return True
    return False


def line_ends(sentences: Sequence[str]) -> list[bool]:
    """Whether each line ends with terminal punctuation (what both `sentence_starts` and `prose`
    read; give it to both as `ends` to read each line once)."""
    return [_ends(s) for s in sentences]


def start_flags(sentences: Sequence[str], *, ends: Sequence[bool] | None = None) -> list[float]:
    """n + 1 floats: 1.0 where a sentence boundary proper precedes sentence i (and at both ends of
    the document), 0.0 where the break falls inside a sentence. `ends`: `line_ends`."""
    if ends is None:
        ends = line_ends(sentences)
    n = len(sentences)
    return [1.0] + [float(ends[i - 1] and _starts(sentences[i])) for i in range(1, n)] + [1.0] * (n > 0)


def prose_flags(sentences: Sequence[str], *, ends: Sequence[bool] | None = None) -> list[float]:
    """n floats: 1.0 for a line that reads as prose (terminal punctuation, 4+ words). `ends`: `line_ends`."""
    if ends is None:
        ends = line_ends(sentences)
    return [float(end and _wordy(s)) for s, end in zip(sentences, ends)]


def sentence_starts(sentences: Sequence[str], *, ends: Sequence[bool] | None = None):
    """`start_flags` as a numpy array."""
    import numpy as np

    return np.asarray(start_flags(sentences, ends=ends), float)


def prose(sentences: Sequence[str], *, ends: Sequence[bool] | None = None):
    """`prose_flags` as a numpy array."""
    import numpy as np

    return np.asarray(prose_flags(sentences, ends=ends), float)


def paragraph_bounds(paragraphs: Sequence[int] | None, n: int) -> list[bool] | None:
    """n + 1 flags from each sentence's paragraph number: node i is a paragraph boundary (both
    ends are); None without paragraph numbers or with one paragraph only (no anchor). ValueError
    when the numbers are not one a sentence."""
    if paragraphs is None:
        return None
    p = list(paragraphs)
    if len(p) != n:
        raise ValueError(f"got {len(p)} paragraph numbers for {n} sentences")
    if n < 2 or all(v == p[0] for v in p):
        return None
    return [True] + [p[i] != p[i - 1] for i in range(1, n)] + [True]
