"""The small-document engine (`lvterm.align.small`, plain Python) against `lvterm.align` (numpy):
the same beads and, within 1e-9, the same confidences, on the fixture documents, on random
document pairs with merges, splits, omissions, paragraphs and repeated lines (hypothesis), with
the default constants of other language pairs and with constants that switch its pruning off.
Also: which pairs it takes, and that its constants are the aligner's."""
from __future__ import annotations

import dataclasses
import pickle
import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.align import align, params_for
from lvterm.align.costs import PAIR_PARAMS, PARAMS, Params
from lvterm.align.settings import DEFAULTS, PAIR_SETTINGS, settings_for
from lvterm.align.small import SMALL_CELLS, align_small, small_enough
from lvterm.formats.beads import read_sentences


def _same(src, tgt, *, src_lang="lv", tgt_lang="en", src_paragraphs=None, tgt_paragraphs=None, params=None):
    want = align(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, src_paragraphs=src_paragraphs,
                 tgt_paragraphs=tgt_paragraphs, params=params)
    if not small_enough(len(src), len(tgt), params=params or params_for(src_lang, tgt_lang)):
        with pytest.raises(ValueError, match="not small"):  # (a source over four times the target's length)
            align_small(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, params=params)
        return None
    got = align_small(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, src_paragraphs=src_paragraphs,
                      tgt_paragraphs=tgt_paragraphs, params=params)
    assert [(b.src, b.tgt) for b in want] == [(s, t) for s, t, _ in got]
    for b, (_, _, score) in zip(want, got):
        assert abs(b.score - score) <= 1e-9, (b, score)
    return got


@pytest.mark.parametrize("name, langs", [("seed", ("lv", "en")), ("library", ("lv", "en")), ("alps", ("de", "fr"))])
def test_small_fixture_documents(fixtures, name, langs):
    (s, sp), (t, tp) = (read_sentences(fixtures / "align" / f"{name}.{lang}") for lang in langs)
    got = _same(s, t, src_lang=langs[0], tgt_lang=langs[1], src_paragraphs=sp, tgt_paragraphs=tp)
    assert len(got) >= min(len(s), len(t)) // 2  # (a real alignment, not every line alone)
    _same(s, t, src_lang=langs[0], tgt_lang=langs[1])  # without paragraphs
    _same(t, s, src_lang=langs[1], tgt_lang=langs[0])  # the other way round


# --- random document pairs ---------------------------------------------------------------------

WORDS = ("bibliotēka library grāmata book lasītājs reader katalogs catalogue organizācija organisation "
         "tīklošana networking konference conference Rīga Riga 2011. gadā in 2011 biedra nauda "
         "membership fee projekts project informācija information").split()
TAILS = [".", ".", ".", "?", "!", ":", "", " (2012).", " – www.lbb.lv.", " «IFLA».", " 30 000 eiro."]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 12))]
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + rng.choice(TAILS)


@st.composite
def document_pairs(draw):
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    n = draw(st.integers(0, 30))
    src = [_sentence(rng) for _ in range(n)]
    if n and draw(st.booleans()):
        src[rng.randrange(n)] = "* * *"  # a line with nothing but itself to go by
    tgt: list[str] = []
    k = 0
    while k < n:  # a translation: kept, merged, split, dropped, an inserted line
        roll = rng.random()
        if roll < 0.6 or k == n - 1:
            tgt.append(src[k] if rng.random() < 0.5 else _sentence(rng))
            k += 1
        elif roll < 0.7:
            tgt.append(src[k] + " " + src[k + 1])
            k += 2
        elif roll < 0.8:
            half = src[k].split(" ")
            tgt += [" ".join(half[: len(half) // 2 + 1]) + ".", " ".join(half[len(half) // 2 + 1:]) or "Jā."]
            k += 1
        elif roll < 0.9:
            k += 1
        else:
            tgt.append(_sentence(rng))
    tgt = tgt[:30] if draw(st.booleans()) else [_sentence(rng) for _ in range(draw(st.integers(0, 12)))]

    def paragraphs(size):
        if not size or not draw(st.booleans()):
            return None
        cuts = sorted(rng.sample(range(1, size + 1), min(size, rng.randint(0, 3))))
        return [sum(c <= i for c in cuts) for i in range(size)]

    langs = draw(st.sampled_from([("lv", "en"), ("en", "lv"), ("de", "fr"), ("en", "en")]))
    return src, tgt, paragraphs(len(src)), paragraphs(len(tgt)), langs


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_pairs())
def test_small_random_pairs_align_as_the_numpy_engine(pair):
    src, tgt, sp, tp, (sl, tl) = pair
    _same(src, tgt, src_lang=sl, tgt_lang=tl, src_paragraphs=sp, tgt_paragraphs=tp)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_pairs(), st.sampled_from(["cover_weight", "start_weight", "paragraph_penalty"]))
def test_small_negative_weights_switch_pruning_off(pair, name):
    """Pruning assumes no cost term is negative; constants that make one so are still aligned
    as the numpy engine aligns them."""
    src, tgt, sp, tp, (sl, tl) = pair
    params = replace(params_for(sl, tl), **{name: -0.7})
    _same(src, tgt, src_lang=sl, tgt_lang=tl, src_paragraphs=sp, tgt_paragraphs=tp, params=params)


def test_small_repeated_lines_settle_ties_alike():
    """Identical lines give exactly equal costs: the first kind in order wins, and a 0-1 bead
    only when cheaper beyond rounding, in both engines."""
    for src, tgt in [(["* * *"] * 5, ["* * *"] * 4), (["Jā."] * 7, ["Yes."] * 9), (["A."] * 3, ["A."] * 3 + ["B."])]:
        _same(src, tgt)
        _same(tgt, src)
    _same(["Other."], ["Yes."] * 8)  # lopsided, searched by rows in both
    # the other way round numpy searches by columns, which may settle such a tie otherwise: not small
    assert not small_enough(8, 1, src_lang="lv", tgt_lang="en") and small_enough(1, 8, src_lang="lv", tgt_lang="en")


def test_small_empty_sides():
    assert align_small([], ["One."], src_lang="lv", tgt_lang="en") == [((), (0,), 1.0)]
    assert align_small(["Viens."], [], src_lang="lv", tgt_lang="en") == [((0,), (), 1.0)]
    assert align_small([], [], src_lang="lv", tgt_lang="en") == []


# --- which pairs -----------------------------------------------------------------------------------


def test_small_takes_small_pairs_aligned_in_one_pass_only():
    assert small_enough(20, 20, src_lang="lv", tgt_lang="en")
    assert small_enough(39, 40, src_lang="lv", tgt_lang="en")  # 40 x 41 nodes, no lexicon (39 < 40)
    assert small_enough(1, 839, src_lang="lv", tgt_lang="en")  # 2 x 840 nodes
    assert not small_enough(40, 40, src_lang="lv", tgt_lang="en")  # the aligner would learn a lexicon
    assert not small_enough(5, SMALL_CELLS, src_lang="lv", tgt_lang="en")  # a grid too large
    with pytest.raises(ValueError, match="not small"):
        align_small(["Teikums."] * 40, ["A sentence."] * 40, src_lang="lv", tgt_lang="en")
    with pytest.raises(ValueError, match="3 paragraph numbers for 2 sentences"):
        align_small(["A.", "B."], ["A."], src_lang="en", tgt_lang="en", src_paragraphs=[0, 0, 1])


# --- one set of constants ----------------------------------------------------------------------------


def test_small_reads_the_aligners_constants():
    fields = {f.name for f in dataclasses.fields(Params)}
    assert set(DEFAULTS) == fields - {"priors"}
    assert all(set(values) <= fields for values in PAIR_SETTINGS.values())
    for pair in [("lv", "en"), ("de", "fr")]:
        plain, built = settings_for(*pair), params_for(*pair)
        assert {f: getattr(plain, f) for f in fields} == {f: getattr(built, f) for f in fields}
    assert PAIR_PARAMS[frozenset({"lv", "en"})] == params_for("en", "lv") != PARAMS
    pickle.loads(pickle.dumps(params_for("lv", "en")))  # (the pair's priors a plain dict)
