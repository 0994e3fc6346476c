"""The note of an extracted English term gives, with its pairing confidence, the distinct sentence
pairs of the post that confidence was computed in ("pairing confidence 0.88 (from 2 sentence pairs
of one post)"), and the merge keeps a note whole: the count travels with its confidence. Before, the
library kept the confidence alone, and lookup could not tell which post it came from
(tests/test_machine_guess_everywhere.py has what lookup makes of it)."""
from __future__ import annotations

import itertools

import pytest

from lvterm.models import Bead, Concept, Term, TermForm
from lvterm.terms.extract import extract_terms
from lvterm.terms.pair import pair_terms
from lvterm.terms.termbase import (_note_confidence, _note_sentence_pairs, confidence_note, merge,
                                   pairing_confidence)


def test_the_note_says_the_sentence_pairs_and_reads_back():
    assert confidence_note(0.876, sentence_pairs=2) == "pairing confidence 0.88 (from 2 sentence pairs of one post)"
    assert confidence_note(0.91, sentence_pairs=1) == "pairing confidence 0.91 (from 1 sentence pair of one post)"
    assert confidence_note(0.91) == "pairing confidence 0.91"  # as libraries built before wrote it
    for pairs in (0, 1, 2, 12):
        note = confidence_note(0.8, sentence_pairs=pairs)
        assert (_note_confidence(note), _note_sentence_pairs(note)) == (0.8, pairs)


def test_a_note_without_the_count_gives_none():
    assert _note_sentence_pairs("pairing confidence 0.91") is None
    assert _note_sentence_pairs(None) is None and _note_sentence_pairs("") is None
    # a count is the confidence's only right after it
    assert _note_sentence_pairs("pairing confidence 0.91; see (from 2 sentence pairs of one post)") is None
    assert _note_sentence_pairs("(from 2 sentence pairs of one post)") is None


def _extracted(post: str, confidence: float, pairs: int | None, *, text: str = "visitor") -> Concept:
    return Concept(id=f"x-{post}", origin="extracted", source=post, terms=(
        Term("lv", "apmeklētājs", "proposed", forms=(TermForm("apmeklētāji", 2),), frequency=2),
        Term("en", text, "proposed", forms=(TermForm(text, 2),), frequency=2,
             note=confidence_note(confidence, sentence_pairs=pairs))))


def _merged_note(concepts) -> str:
    merged = merge([], concepts)
    assert len(merged) == 1
    return merged[0].terms_in("en")[0].note


@pytest.mark.parametrize("posts, kept", [
    # the surer post used the pair twice, the other once: the surer note, its count with it
    ([("pakalpojumi", 0.88, 2), ("lasitava", 0.74, 1)], confidence_note(0.88, sentence_pairs=2)),
    # the surer post used it once: its count, not the other post's larger one
    ([("izstade", 0.91, 1), ("vakars", 0.80, 3)], confidence_note(0.91, sentence_pairs=1)),
    # as sure: the fewer sentence pairs (the cautious bar), 2 before 10 whatever their text's order
    ([("a", 0.91, 10), ("b", 0.91, 2)], confidence_note(0.91, sentence_pairs=2)),
    # as sure, one without a count (a note written before): that one, the cautious rule
    ([("a", 0.91, 2), ("b", 0.91, None)], confidence_note(0.91)),
])
def test_the_merge_keeps_the_surest_note_whole_in_any_order(posts, kept):
    for order in itertools.permutations(posts):
        note = _merged_note([_extracted(*post) for post in order])
        assert note == kept, order


def test_the_confidence_is_read_as_before():
    concept = _extracted("a", 0.88, 2)
    assert pairing_confidence(concept) == 0.88  # what `lvterm review` sorts by


# sentence pairs written for this test: lasītava / reading room in three distinct sentence pairs, one
# of them repeated verbatim (a caption under the post), and a fourth without the English term
LINES = [
    ("Lasītava ir atvērta katru dienu.", "The reading room is open every day."),
    ("Lasītavā var strādāt klusumā.", "In the reading room you can work in silence."),
    ("Jaunā lasītava ir gaiša.", "The new reading room is bright."),
    ("Lasītava ir atvērta katru dienu.", "The reading room is open every day."),
    ("Lasītava šodien ir slēgta.", "Today the hall is closed."),
]


def test_the_pairer_counts_the_distinct_sentence_pairs_using_both_terms():
    lv, en = [a for a, _ in LINES], [b for _, b in LINES]
    beads = [Bead((i,), (i,)) for i in range(len(lv))]
    pairs = pair_terms(extract_terms(lv, lang="lv"), extract_terms(en, lang="en"), beads,
                       lv_sentences=lv, en_sentences=en, per_term=1)
    pair = next(p for p in pairs if p.lv == "lasītava")
    assert pair.en == "reading room"
    assert pair.sentence_pairs == 3  # the repeat is one; the last pair has no reading room
    assert len(pair.beads) >= 4  # (the repeat still supports it)
