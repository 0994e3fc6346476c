"""A single line break inside a paragraph is no sentence boundary, in English as in Latvian: a
hard-wrapped text (an e-mail, a text file wrapped at 72 columns) gives nearly the sentences of the
same text on one line. English split at every line break (pysbd, asked about a piece with one,
ended a sentence there): "The library was founded" / "in 2011 and still" / "works."; wrapped at
30 columns, 10 of en.txt's 88 sentences came out as on one line, now 84 (Latvian: 193 of 198). What
is left: a line break right after a number's full stop ("in 1998.\\nIt includes") or before a line
that reads as a list item ("\\n2. Lasītāju ...") is read as the rules read a list."""
from __future__ import annotations

import difflib
import textwrap
from pathlib import Path

import pytest

from lvterm.segment import segment_paragraphs
from lvterm.segment.evaluate import read_gold

GOLD = Path(__file__).parent / "fixtures" / "segment"


def _sentences(paragraphs, lang):
    return [" ".join(s.text.split()) for s in segment_paragraphs(paragraphs, lang=lang)]


@pytest.mark.parametrize("gold", ["en.txt", "en_heldout.txt", "lv.txt", "lv_heldout.txt"])
@pytest.mark.parametrize("width", [30, 72])
def test_a_hard_wrapped_paragraph_has_nearly_the_sentences_of_the_unwrapped_one(gold, width):
    lang = gold[:2]
    paragraphs = [" ".join(doc) for doc in read_gold(GOLD / gold)]
    wrapped = ["\n".join(textwrap.wrap(p, width=width, break_long_words=False, break_on_hyphens=False))
               for p in paragraphs]
    one_line, apart = _sentences(paragraphs, lang), _sentences(wrapped, lang)
    same = sum(b.size for b in difflib.SequenceMatcher(a=one_line, b=apart, autojunk=False).get_matching_blocks())
    assert same >= 0.93 * len(one_line), (same, len(one_line))  # (English before: 0.11-0.47)


def test_the_example_of_the_report():
    text = "The library was founded\nin 2011 and still\nworks. It has many readers."
    assert _sentences([text], "en") == ["The library was founded in 2011 and still works.", "It has many readers."]


def test_a_bulleted_line_still_starts_a_sentence():
    text = "We need three things:\n- books\n- journals\n* maps\n• databases"
    assert _sentences([text], "en") == ["We need three things:", "- books", "- journals", "* maps", "• databases"]
