"""English segmentation asks pysbd only where it can change the outcome, and the outcome is the one
asking it everywhere gives: on the gold sets, and on random paragraphs made of the cases that
matter (abbreviations, initials, ellipses, list items, line breaks, quotes, brackets)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.segment import rules
from lvterm.segment.evaluate import read_gold

PIECES = st.sampled_from([
    "The library opens at 9 a.m.", "It closes at 5 p.m. on Fridays.", "Dr. J. R. Smith spoke.", "See p. 12.",
    "Mr. Ozols came too.", "Books, maps etc. are lent.", "Then…", "Wait... What?", "1. First item", "2) second",
    "a) one", "iv. roman", "He said \"Yes.\" Then left.", "(see below)", "\"Quoted (aside) text\"", "Section 3.5 reads",
    "end.[12] Next one.", "U.S. District Judge Brown.", "Line one\nLine two.", "No stop here", "e.g. this", "It's fine!",
    "Reading rooms (24/7).", "Vol. 2 is out.", "Ms. Kalnina.", "St. Peter's church."])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=8))
def test_segment_pysbd_lazy_same_as_everywhere(pieces):
    text = " ".join(pieces)
    assert rules.sentence_starts(text, lang="en") == rules.sentence_starts(text, lang="en", pysbd="always")


@pytest.mark.parametrize("name", ["en.txt", "en_heldout.txt"])
def test_segment_pysbd_lazy_gold_sets(fixtures, name):
    for doc in read_gold(fixtures / "segment" / name):
        text = " ".join(doc)
        assert rules.sentence_starts(text, lang="en") == rules.sentence_starts(text, lang="en", pysbd="always")


def test_segment_pysbd_skipped_when_rules_are_sure(monkeypatch):
    calls = []
    original = rules.pysbd_starts
    monkeypatch.setattr(rules, "pysbd_starts", lambda text, lang: calls.append(text) or original(text, lang=lang))
    rules.sentence_starts("The reading room is open. Members may borrow books! Is it free? Yes.", lang="en")
    assert calls == []
    rules.sentence_starts("The talk ends at 5 p.m. Doors open at four. Tickets are free.", lang="en")
    assert calls == ["The talk ends at 5 p.m. Doors open at four. "]  # only the piece with "p.m." before a capital
