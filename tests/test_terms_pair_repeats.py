"""Pairing counts the distinct sentence pairs: a sentence pair repeated verbatim (boilerplate, the
same caption under every post) is one piece of evidence, however often it recurs. Before, each
repeat was a vote, a bead of the Dice coefficient and a pair for the aligner to learn from: a
misaligned caption repeated 30 times made *lasītava* -> *loan* a sure pair (0.996), and a repeated
sentence whose English has no term of its own (*the library's collection*) outvoted the distinct
sentences that agree on *library holdings*, leaving *bibliotēkas krājums* without English."""
from __future__ import annotations

import pytest

from lvterm.models import Bead
from lvterm.terms.extract import extract_terms
from lvterm.terms.pair import best_pairs, pair_terms, proposals

# distinct sentence pairs (written for this test): lasītava/reading room four times,
# bibliotēkas krājums/library holdings three times
DISTINCT = [
    ("Lasītava atrodas pirmajā stāvā.", "The reading room is on the first floor."),
    ("Lasītavā ir četrdesmit vietu.", "The reading room has forty seats."),
    ("Vakarā lasītava ir klusa.", "In the evening the reading room is quiet."),
    ("Skolēni bieži mācās lasītavā.", "Pupils often study in the reading room."),
    ("Bibliotēkas krājums aug katru gadu.", "The library holdings grow every year."),
    ("Bibliotēkas krājumā ir vecas kartes.", "The library holdings include old maps."),
    ("Bibliotēkas krājumu pārbauda reizi gadā.", "The library holdings are checked once a year."),
    ("Bibliotekāre palīdz atrast grāmatas.", "The librarian helps to find books."),
]
# a caption whose English is another sentence (a misaligned pair), and one whose English has
# no term for bibliotēkas krājums (a possessive is no English candidate)
MISALIGNED = ("Lasītava strādā līdz vakaram.", "The cloakroom is open until the evening.")
POSSESSIVE = ("Bibliotēkas krājums ir atvērts ikvienam.", "The library's collection is open to everyone.")
REPEATS = 30


def _pairs(sentence_pairs):
    lv = [a for a, _ in sentence_pairs]
    en = [b for _, b in sentence_pairs]
    beads = [Bead((i,), (i,)) for i in range(len(lv))]
    lv_c, en_c = extract_terms(lv, lang="lv"), extract_terms(en, lang="en")
    pairs = pair_terms(lv_c, en_c, beads, lv_sentences=lv, en_sentences=en, per_term=3, min_confidence=0.0)
    return lv_c, pairs


def _options(pairs, lv_text):
    """{English term: pair} of one Latvian term's options."""
    return {p.en: p for p in pairs if p.lv == lv_text}


@pytest.fixture(scope="module")
def once():
    return _pairs(DISTINCT + [MISALIGNED, POSSESSIVE])


@pytest.fixture(scope="module")
def repeated():
    return _pairs(DISTINCT + [MISALIGNED] * REPEATS + [POSSESSIVE] * REPEATS)


def test_a_repeated_misaligned_pair_does_not_outrank_distinct_evidence(repeated):
    """One misaligned sentence pair, 30 times over, against four distinct ones."""
    options = _options(repeated[1], "lasītava")
    right = options["reading room"]
    assert right.rank == 1 and right.evidence["votes"] == 4
    wrong = [p for en_text, p in options.items() if en_text != "reading room"]
    assert wrong  # (the misaligned caption's English is an option: cloakroom)
    for p in wrong:
        assert p.confidence < right.confidence / 2 and p.evidence["votes"] == 1, p
    best = {p.lv: p for p in best_pairs(repeated[1])}
    assert best["lasītava"].en == "reading room"


def test_repetition_alone_does_not_change_the_confidence(once, repeated):
    """The pairs of the terms in the repeated sentences score as when each was seen once; the
    repeats still count among the beads a pair lists."""
    for lv_text in ("lasītava", "bibliotēkas krājums"):
        a, b = _options(once[1], lv_text), _options(repeated[1], lv_text)
        assert a.keys() == b.keys(), lv_text
        for en_text in a:
            assert b[en_text].confidence == pytest.approx(a[en_text].confidence, abs=1e-3), (lv_text, en_text)
            assert b[en_text].evidence["votes"] == a[en_text].evidence["votes"]
            assert b[en_text].evidence["dice"] == a[en_text].evidence["dice"]
    cloakroom = _options(repeated[1], "lasītava")["cloakroom"]
    assert len(cloakroom.beads) == REPEATS


def test_a_repeated_sentence_without_english_does_not_take_the_english_away(repeated):
    """Thirty repeats choosing no English term do not outvote three distinct sentences that agree."""
    lv_c, pairs = repeated
    proposed = {c.text: p for c, p in proposals(lv_c, pairs)}
    holdings = proposed["bibliotēkas krājums"]
    assert holdings is not None and holdings.en == "library holdings"


def test_distinct_sentence_pairs_still_add_confidence():
    """More distinct sentence pairs for a pair still raise its confidence (what repeats no longer do)."""
    two = _pairs(DISTINCT[:2] + DISTINCT[4:])
    four = _pairs(DISTINCT)
    conf = [_options(pairs, "lasītava")["reading room"].confidence for _, pairs in (two, four)]
    assert conf[0] < conf[1]


# sentence pairs that differ only in a function word (tense, negation), written for this test:
# one content-word stem each side (krātuv; book, stack, open), four statements
TENSES = [
    ("Krātuve ir atvērta.", "The book stack is open."),
    ("Krātuve bija atvērta.", "The book stack was open."),
    ("Krātuve būs atvērta.", "The book stack will be open."),
    ("Krātuve nav atvērta.", "The book stack is not open."),
]


def _stack(extra):
    """krātuve's pair in DISTINCT and `extra`."""
    return _options(_pairs(DISTINCT + extra)[1], "krātuve")["book stack"]


def test_sentences_that_differ_in_a_function_word_are_distinct_pairs():
    """Before, a sentence pair was its content words' stems, and these four were one, one vote."""
    four, one = _stack(TENSES), _stack(TENSES[:1])
    assert four.evidence["votes"] == 4 and len(four.beads) == 4
    assert one.evidence["votes"] == 1
    assert four.confidence > one.confidence


def test_a_verbatim_repeat_is_one_pair_whatever_its_white_space_and_case():
    """NFC, case-folded, white space collapsed: the same sentence pair again is one vote."""
    again = [("Krātuve  ir atvērta.", "The book stack is  open."),
             ("Krātuve ir atvērta.\t", "The book stack is open.")]
    repeated, once = _stack(TENSES[:1] + again), _stack(TENSES[:1])
    assert repeated.evidence["votes"] == 1 and len(repeated.beads) == 3
    assert repeated.confidence == pytest.approx(once.confidence, abs=1e-3)


def test_a_repeated_sentence_adds_no_frequency_for_termhood():
    """Extraction reads a text repeated verbatim once: its occurrences are listed (and counted in
    the frequency) but add nothing to termhood, so repetition cannot make a term of a phrase met
    once (a participle's phrase: a predication) nor raise a score."""
    texts = ["Bibliotēkas izveidotais profils ir publisks.", "Lasītava atrodas pirmajā stāvā."]
    once = {c.key: c for c in extract_terms(texts, lang="lv")}
    repeated = {c.key: c for c in extract_terms(texts + [texts[0]] * 5 + [texts[1]] * 3, lang="lv")}
    assert "izveidot profil" not in once and "izveidot profil" not in repeated
    assert once.keys() == repeated.keys()
    for key, c in once.items():
        r = repeated[key]
        assert (r.score, r.cvalue, r.specificity, r.text) == (c.score, c.cvalue, c.specificity, c.text), key
    reading = repeated["lasitav"]
    assert reading.frequency == len(reading.occurrences) == 4 == sum(f.count for f in reading.forms)
    assert [o.segment_index for o in reading.occurrences] == [1, 7, 8, 9]
