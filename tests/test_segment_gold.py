"""Sentence-level F1 on the hand-checked gold sets, ours against spaCy's plain sentencizer."""
import pytest

from lvterm.segment import make_nlp, make_sentencizer_nlp
from lvterm.segment.evaluate import read_gold, score_gold


@pytest.fixture(scope="module", params=["lv", "lv_heldout", "en", "en_heldout"])
def gold(request, fixtures):
    return request.param[:2], read_gold(fixtures / "segment" / f"{request.param}.txt")


@pytest.mark.parametrize("name, least", [("lv", 150), ("en", 60)])
def test_segment_gold_set_is_large_enough(fixtures, name, least):
    assert sum(map(len, read_gold(fixtures / "segment" / f"{name}.txt"))) >= least


def test_segment_gold_f1_at_least_099(gold):
    lang, docs = gold
    score = score_gold(docs, nlp=make_nlp(lang))
    assert score["f1"] >= 0.99, score["errors"]


def test_segment_gold_clearly_above_plain_sentencizer(gold):
    lang, docs = gold
    ours = score_gold(docs, nlp=make_nlp(lang))["f1"]
    base = score_gold(docs, nlp=make_sentencizer_nlp(lang))["f1"]
    assert ours - base >= 0.2


def test_segment_score_gold_counts_exact_spans_only():
    """The scorer itself: a merged pair of sentences scores zero for both."""
    docs = [["Tas bija 2011.", "Nākamajā gadā viss mainījās."]]
    nlp = make_sentencizer_nlp("lv")  # splits after every full stop: "2011." is found
    assert score_gold(docs, nlp=nlp)["f1"] == 1.0
    merged = score_gold([["Viņš ieradās plkst. 10.", "Tad sākās lekcija."]], nlp=nlp)
    assert merged["correct"] == 1 and merged["predicted"] == 3
