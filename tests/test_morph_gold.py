"""The gold list of inflected Latvian forms (tests/fixtures/morph/lv_lemmas.tsv, written for lvterm):
lemma accuracy of lv.lemma on its held-out half and on all of it, and the generated paradigms."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lvterm.errors import InputError
from lvterm.lang import lexicon, lv
from lvterm.lang.lemma_gold import read_gold, same_lemma, score

GOLD = Path(__file__).parent / "fixtures" / "morph" / "lv_lemmas.tsv"
#: Forms of other lemmas, written when development was over (docs/morphology.md): a regression guard.
FRESH = Path(__file__).parent / "fixtures" / "morph" / "lv_lemmas_fresh.tsv"
TARGET = 0.97
#: Lemmas lv_LV cannot make from its flags: it lists viesis as a single form (po:lietv2f).
DICTIONARY_GAPS = {"viesis"}


@pytest.fixture(scope="module")
def gold():
    return read_gold(GOLD)


def test_morph_gold_list_is_well_formed(gold):
    assert len(gold) >= 300
    assert len({g.form for g in gold}) == len(gold)  # each form once
    assert {g.pos for g in gold} <= {"NOUN", "PROPN", "ADJ", "VERB"}
    halves = Counter(g.half for g in gold)
    assert min(halves.values()) >= 0.4 * len(gold)  # two real halves
    lemmas = {g.lemma for g in gold}
    for word in ("bibliotēka", "krājums", "lasītava", "tīklošanās", "biedrs", "izdevums", "autortiesības",
                 "e-grāmata", "metadati", "publisks", "tīklošana"):
        assert word in lemmas


def test_morph_gold_lemma_accuracy(gold):
    s = score(gold, lambda g: same_lemma(lv.lemma(g.form), g.lemma))
    assert s["held-out"] >= TARGET and s["all"] >= TARGET, s


def test_morph_gold_fresh_list(gold):
    fresh = read_gold(FRESH)
    assert len(fresh) >= 250 and not {g.form for g in fresh} & {g.form for g in gold}
    assert not {g.lemma for g in fresh} & {g.lemma for g in gold} - {"rakstīt", "izmantot", "piedalīties"}
    assert score(fresh, lambda g: same_lemma(lv.lemma(g.form), g.lemma))["all"] >= TARGET


def test_morph_gold_lemmas_come_from_the_lexicon(gold):
    sources = Counter(lv.lemma_source(g.form) for g in gold)
    assert sources["lexicon"] >= 0.97 * len(gold), sources


def test_morph_gold_generated_paradigms_contain_the_forms(gold):
    missing = {(g.form, g.lemma) for g in gold if g.form not in lexicon.forms(g.lemma)}
    assert {lemma for _, lemma in missing} == DICTIONARY_GAPS, sorted(missing)


def test_morph_gold_bad_line_names_the_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("biedra\tbiedrs\tNOUN\nnaudas nauda NOUN\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gold(bad)
    assert err.value.line == 2 and "bad.tsv" in str(err.value)
