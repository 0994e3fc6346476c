"""English segmentation with `segment.pysbd_scope` gives the sentences of the code path before it.

Before, `rules.sentence_starts` scanned every piece between our sure cuts with `PYSBD_ONLY` and
asked pysbd about every piece with a match or an unsure case. Now `Marks.flagged` finds the same
pieces without the scan, and `settled` leaves out the pieces whose outcome pysbd cannot change.
`_before` below is that code path, kept verbatim but for its judgements, the current
`rules._judgements` (since it, emoticons and list items are judged too; `rules._judge`'s one change
then, a binary search for the short quotation a full stop is in, is compared with the scan it
replaced at the end); the two must agree on generated paragraphs full of what pysbd reacts to
(abbreviations, initials, numbers, quotes, brackets, list items, references, line breaks, its own
placeholder characters), on the gold sets and on newstest2017 English.
"""
from __future__ import annotations

import bisect
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from lvterm.segment import pysbd_scope, rules
from lvterm.segment.evaluate import read_gold

NEWSTEST = Path(__file__).resolve().parents[2] / "shared" / "data" / "newstest2017-lv-en" / "newstest2017.en"


def _before(text: str, fell_back: list | None = None) -> list[int]:
    """`rules.sentence_starts(text, lang="en")` as it was before `pysbd_scope`."""
    words = [m.span() for m in rules._WORD.finditer(text)]
    judged = rules._judgements(text, words, rules._rules("en"), rules._short_quotes(text))
    cuts = [0] + [words[i + 1][0] for i, (ends, sure) in judged.items() if ends and sure] + [len(text)]
    unsure = sorted(words[i + 1][0] for i, (_, sure) in judged.items() if not sure)
    pysbd_says: set[int] = set()
    for a, b in zip(cuts, cuts[1:]):
        if (bisect.bisect_left(unsure, a) == bisect.bisect_left(unsure, b)
                and not pysbd_scope.PYSBD_ONLY.search(text, a, b)):
            continue
        found = rules.pysbd_starts(text[a:b], lang="en")
        if found is None:
            if fell_back is not None:
                fell_back.append((a, b))
            return rules.rule_starts(text, lang="en")
        pysbd_says.update(a + f for f in found)
    keep = set()
    for i in range(len(words) - 1):
        start = words[i + 1][0]
        if i in judged:
            ends, sure = judged[i]
            if ends if sure else start in pysbd_says:
                keep.add(start)
        elif start in pysbd_says:
            keep.add(start)
    return sorted(keep)


WORDS = [
    # abbreviations and initials
    "Dr.", "Mr.", "Prof.", "e.g.", "i.e.", "etc.", "a.m.", "p.m.", "U.S.", "No.", "Vol.", "St.", "Inc.", "Ph.D.",
    "J.", "A.", "I.", "V.", "W.", "S.", "M.", "v.", "x.", "Ž.", "J.K.", "f.o.b.", "Mon.–Fri.",
    # numbers, list items, references
    "1.", "2.", "3.", "9.", "0.", "10.", "11.", "300.", "1)", "2)", "(1)", "(2)", "(23)", "12", "3.5", "2016.",
    "a)", "b)", "(a)", "(b)", "a.", "b.", "c.", "i.", "ii.", "iv)", "(ii)", "(iii)", "-1.", "⁃2.",
    "[12]", "end.[3]", "p.12", "16..18", "fig.2", "x.1",
    # quotes and brackets
    '"Yes."', '"No!"', '“Quoted.”', "'single.'", "‘x’", '"', "”", "“", "«Jā.»", "(see below)", "(aside.)",
    "(", ")", "[note]", "it's", "'s",
    # ordinary words, sentence starters, ends
    "The", "It", "He", "A", "In", "However", "There", "We", "library", "opens", "books", "Smith", "Riga",
    "and", "the", "of", "end.", "so.", "Why?", "Yes!", "Wait...", "Then…", "so,", "–", "—", "-", "me.",
    # emoticons, list openers, what may open a sentence after "U.S."
    ":)", ":-(", "so:)", "😀", "❤️", "<3", "Agenda:", "Members", "Some", "Congress",
    # what pysbd treats specially besides
    "。", "（note）", "\\", "∯", "ȸ", "☝", "♨", "Yahoo!", "www.example.com", "...", ". . .",
]
GAPS = [" "] * 8 + ["  ", "\n", "\t", "\u00a0", "\r\n"]


@st.composite
def paragraphs(draw):
    parts = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), min_size=1, max_size=24))
    return "".join(word + gap for word, gap in parts).strip()


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(paragraphs())
@example("x. . . .\t. . . Dr. x. Dr.")
def test_generated_paragraphs_segment_as_before(text):
    fell_back: list = []
    got, old = rules.sentence_starts(text, lang="en"), _before(text, fell_back)
    if got != old and fell_back:
        # pysbd could not map its sentences back onto the old path's piece (it gives None: runs of
        # ". . ." around a tab), so the old path fell back to our rules for the whole paragraph; the
        # new one asked pysbd about a smaller piece it could map ("Dr. x. Dr."). Not the same code
        # path, so not compared; every other paragraph must segment as before
        assume(False)
    assert got == old


@settings(max_examples=600, deadline=None, suppress_health_check=list(HealthCheck))
@given(paragraphs(), st.data())
def test_marks_flag_the_pieces_the_pattern_finds(text, data):
    words = [m.span() for m in rules._WORD.finditer(text)]
    marks = pysbd_scope.Marks(text, pysbd_scope.list_items(text, words))
    cuts = sorted({0, len(text), *data.draw(st.lists(st.sampled_from([s for s, _ in words] or [0]), max_size=6))})
    for a, b in zip(cuts, cuts[1:]):
        assert marks.flagged(a, b) == (pysbd_scope.PYSBD_ONLY.search(text, a, b) is not None), (a, b)
    assert bool(marks) == (pysbd_scope.PYSBD_ONLY.search(text) is not None)
    assert pysbd_scope.nothing_to_flag(text) == (not pysbd_scope.Marks(text, []))


def _gold_paragraphs(fixtures) -> list[str]:
    return [" ".join(doc) for name in ("en.txt", "en_heldout.txt") for doc in read_gold(fixtures / "segment" / name)]


def test_gold_sets_segment_as_before(fixtures):
    for text in _gold_paragraphs(fixtures):
        assert rules.sentence_starts(text, lang="en") == _before(text)


@pytest.mark.skipif(not NEWSTEST.is_file(), reason="newstest2017 not in ../shared")
def test_newstest_segments_as_before():
    lines = [ln.strip() for ln in NEWSTEST.read_text(encoding="utf-8").splitlines() if ln.strip()]
    texts = [" ".join(lines[i:i + 5]) for i in range(0, len(lines), 5)] + [" ".join(lines), "\n".join(lines)]
    for text in texts:
        assert rules.sentence_starts(text, lang="en") == _before(text)


def _asked(monkeypatch, text: str) -> list[str]:
    calls = []
    original = rules.pysbd_starts
    monkeypatch.setattr(rules, "pysbd_starts", lambda piece, lang: calls.append(piece) or original(piece, lang=lang))
    rules.sentence_starts(text, lang="en")
    return calls


def test_pysbd_is_not_asked_where_it_cannot_change_the_outcome(monkeypatch):
    # a capital's initial: pysbd protects its full stop
    assert _asked(monkeypatch, "The talk by Dr. A. Ozols is today. Tickets are free.") == []
    # a number or letter with a stop, alone: no list for pysbd to break
    assert _asked(monkeypatch, "It ends on July 26. Janis (23) agrees. We need vitamin D) or more.") == []
    # "I." before one of pysbd's sentence starters is its own boundary, before another word it is not
    assert _asked(monkeypatch, "It was World War I. The end came.") == ["It was World War I. The end came."]
    assert _asked(monkeypatch, 'It was World War I. "A Square Meal" came.') == []
    assert _asked(monkeypatch, "Henry VIII and Charles I V. It came.") == ["Henry VIII and Charles I V. It came."]
    # "v." is pysbd's call
    assert _asked(monkeypatch, "Smith v. Jones was heard.") == ["Smith v. Jones was heard."]
    # a list pysbd rewrites: 1. and 2. are neighbours
    assert _asked(monkeypatch, "Steps are 1. wash 2. dry them") == ["Steps are 1. wash 2. dry them"]


def test_settled_needs_the_version_it_was_checked_against(monkeypatch):
    text = "The talk by Dr. A. Ozols is today."
    words = [m.span() for m in rules._WORD.finditer(text)]
    initial = words[4]
    assert text[initial[0]:initial[1]] == "A."
    marks = pysbd_scope.Marks(text, [])
    assert marks.settled(0, len(text), [initial])
    monkeypatch.setattr(pysbd_scope, "PYSBD_VERSION", "0.0.0")
    pysbd_scope._pysbd_rules.cache_clear()
    try:
        assert not marks.settled(0, len(text), [initial])
    finally:
        monkeypatch.undo()
        pysbd_scope._pysbd_rules.cache_clear()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), max_size=12, unique=True), st.integers(0, 62))
def test_inside_a_short_quote_is_the_scan_it_replaced(bounds, o):
    bounds = sorted(bounds)
    spans = list(zip(bounds[::2], bounds[1::2]))  # in order, not overlapping, as `_short_quotes` gives
    assert rules._inside(spans, o) == any(qs < o < qe for qs, qe in spans)
