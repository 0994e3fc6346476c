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

Pure functions over the sentences; numpy arrays out (numpy is imported on call).
"""
from __future__ import annotations

import re
from typing import Sequence

_END = re.compile(r"[.!?…]+[\s\"'»”“’)\]]*$")
_OPENERS = frozenset("«\"„“‘'([-–—¿¡")
PROSE_MIN_WORDS = 4


def _ends(line: str) -> bool:
    return bool(_END.search(line))


def _starts(line: str) -> bool:
    s = line.lstrip()
    return bool(s) and (s[0].isupper() or s[0].isdigit() or s[0] in _OPENERS)


def sentence_starts(sentences: Sequence[str]):
    """Array of n + 1 floats: 1.0 where a sentence boundary proper precedes sentence i (and at both
    ends of the document), 0.0 where the break falls inside a sentence."""
    import numpy as np

    n = len(sentences)
    out = np.ones(n + 1)
    for i in range(1, n):
        out[i] = float(_ends(sentences[i - 1]) and _starts(sentences[i]))
    return out


def prose(sentences: Sequence[str]):
    """Array of n floats: 1.0 for a line that reads as prose (terminal punctuation, 4+ words)."""
    import numpy as np

    return np.fromiter((float(_ends(s.rstrip()) and sum(w[:1].isalpha() for w in s.split()) >= PROSE_MIN_WORDS)
                        for s in sentences), float, len(sentences))
