"""segment.rules._pysbd_segment gives exactly what pysbd's own `Segmenter.segment` gives (it only
finds the sentences in the text without compiling a regex for each one): a speed fix that must not
change a single sentence boundary."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.segment.rules import _pysbd, _pysbd_segment

PIECES = ["Mr.", "Smith", "went", "home", "e.g.", "etc.", "U.S.", "a.m.", "3.5", "2011.", "...", "…", "!", "?",
          "\"", "'", "(", ")", " ", "  ", "\n", "\t", "It", "was", "so.", "Yes.", "No!", "1)", "2.", "-", "\u00a0"]

TEXTS = [
    "", " ", "Hello.", "Hello. Hello. Hello.", "a. a. a.", "Mr. Smith went. Mr. Smith went.",
    "Hi!  Hi!\tHi!\n", "e.g. this... and that?! \"Yes.\" (No.) It ended at 5 p.m. The next day",
    "The U.S. Senate voted. It was 3 a.m. Nobody came.", "1. First item 2. Second item. Done.",
]


def test_segment_pysbd_spans_examples_equal_pysbd():
    segmenter = _pysbd("en")
    for text in TEXTS:
        assert _pysbd_segment(segmenter, text) == segmenter.segment(text), text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
def test_segment_pysbd_spans_equal_pysbd_on_generated_text(text):
    segmenter = _pysbd("en")
    assert _pysbd_segment(segmenter, text) == segmenter.segment(text)
