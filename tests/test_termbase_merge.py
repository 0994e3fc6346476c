"""Merging extraction under curation: curated entries survive unchanged (only forms attach),
extracted candidates become `proposed` concepts, nothing is duplicated (matching by stem key)."""
from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.models import Concept, Term, TermForm
from lvterm.terms.termbase import load_file, merge, term_key


def _extracted(cid, lv_text, en_text=None, *, forms=(), freq=1):
    terms = [Term("lv", lv_text, status="proposed", forms=tuple(TermForm(f, n) for f, n in forms) or
                  (TermForm(lv_text, freq),), frequency=freq)]
    if en_text:
        terms.append(Term("en", en_text, status="proposed", forms=(TermForm(en_text, freq),), frequency=freq))
    return Concept(id=cid, terms=tuple(terms), origin="extracted", source="extraction")


def _strip_forms(c: Concept) -> Concept:
    return dataclasses.replace(c, terms=tuple(dataclasses.replace(t, forms=(), frequency=0) for t in c.terms))


def test_termbase_merge_attaches_forms_to_curated(fixtures):
    curated = load_file(fixtures / "termbase" / "good.yml")
    out = merge(curated, [_extracted("x1", "biedra naudas", "membership fees",
                                     forms=[("biedra naudas", 3), ("biedra naudu", 2)], freq=5)])
    assert len(out) == len(curated)  # nothing new: the candidate IS the curated concept
    fee = out[0]
    assert [_strip_forms(c) for c in out] == [_strip_forms(c) for c in curated]
    forms = {f.form: f.count for f in fee.terms_in("lv")[0].forms}
    assert forms == {"biedra nauda": 0, "biedra naudu": 2, "biedra naudas": 3}
    assert fee.terms_in("lv")[0].frequency == 5
    assert fee.terms_in("en")[0].text == "membership fee"  # the extracted English never overrides


def test_termbase_merge_adds_new_candidates_as_proposed(fixtures):
    curated = load_file(fixtures / "termbase" / "good.yml")
    cand = dataclasses.replace(_extracted("interest", "interešu grupa", "interest group"),
                               terms=tuple(dataclasses.replace(t, status="preferred")
                                           for t in _extracted("i", "interešu grupa", "interest group",
                                                               freq=2).terms))
    # the preferred candidate second, and its writing the one kept: its status is not
    out = merge(curated, [_extracted("interest2", "interešu grupas", "interest groups", freq=1), cand])
    assert len(out) == len(curated) + 1
    new = out[-1]
    assert new.origin == "extracted" and {t.status for t in new.terms} == {"proposed"}
    assert new.terms_in("lv")[0].text == "interešu grupa"  # the writing of the larger frequency
    assert new.terms_in("lv")[0].frequency == 3  # the two candidates with one key were merged


def test_termbase_merge_ids_never_collide(fixtures):
    curated = load_file(fixtures / "termbase" / "good.yml")
    out = merge(curated, [_extracted("fee", "sekcija", "section"), _extracted("fee", "komiteja", "committee")])
    assert len({c.id for c in out}) == len(out) == len(curated) + 2


WORDS = st.sampled_from(["biedra nauda", "biedra naudu", "tīklošana", "tīklošanu", "tiklosanas", "sekcija",
                         "sekcijas", "komitejas", "interešu grupa", "darba devēju", "apaļie galdi"])
EN = st.sampled_from(["membership fee", "networking", "section", "committee", "table", None])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(WORDS, EN, st.integers(1, 9)), max_size=8))
def test_termbase_merge_curated_survives_any_extraction(fixtures, cands):
    curated = load_file(fixtures / "termbase" / "good.yml")
    extracted = [_extracted(f"c{i}", lv_text, en, freq=n) for i, (lv_text, en, n) in enumerate(cands)]
    out = merge(curated, extracted)
    # curated entries: first, unchanged apart from forms and frequency
    assert [_strip_forms(c) for c in out[:len(curated)]] == [_strip_forms(c) for c in curated]
    for before, after in zip(curated, out):
        for t0, t1 in zip(before.terms, after.terms):
            assert {f.form for f in t0.forms} <= {f.form for f in t1.forms}
    # no term key appears in two concepts, and every extracted concept is proposed
    keys = {(t.lang, term_key(t.lang, t.text)): c.id for c in out for t in c.terms}
    assert len(keys) == sum(len(c.terms) for c in out)
    assert all(t.status == "proposed" for c in out[len(curated):] for t in c.terms)
    # the keys a build already knows give the same merge (they are only not computed again)
    known = {(t.lang, t.text): term_key(t.lang, t.text) for c in out for t in c.terms}
    assert merge(curated, extracted, keys=known) == out


def test_termbase_merge_from_extraction_output(fixtures):
    from types import SimpleNamespace as NS

    from lvterm.terms.termbase import concepts_from_extraction, curated_dictionary

    lv_c = [NS(lang="lv", text="biedra nauda", key="biedr naud", term_type="fullForm", frequency=3,
               forms=(TermForm("biedra naudu", 2), TermForm("biedra nauda", 1))),
            NS(lang="lv", text="sekcija", key="sekcij", term_type="fullForm", frequency=2,
               forms=(TermForm("sekcijas", 2),))]
    en_c = [NS(lang="en", text="membership fee", key="membership fee", term_type="fullForm", frequency=3,
               forms=(TermForm("membership fees", 3),)),
            NS(lang="en", text="section", key="section", term_type="fullForm", frequency=2,
               forms=(TermForm("sections", 2),))]
    pairs = [NS(lv_key="biedr naud", en="membership fee", en_key="membership fee", confidence=0.9, rank=1),
             NS(lv_key="sekcij", en="board", en_key="board", confidence=0.2, rank=1),
             NS(lv_key="sekcij", en="section", en_key="section", confidence=0.6, rank=2)]
    extracted = concepts_from_extraction(lv_c, pairs, en_candidates=en_c)
    assert [c.id for c in extracted] == ["x-biedra-nauda", "x-sekcija"]
    assert extracted[1].terms_in("en")[0].text == "section"  # the low-confidence "board" is dropped
    assert all(t.status == "proposed" and t.reliability == 1 for c in extracted for t in c.terms)
    curated = load_file(fixtures / "termbase" / "good.yml")
    out = merge(curated, extracted)
    assert [c.id for c in out] == ["fee", "net", "x-sekcija"]
    fee_en = out[0].terms_in("en")[0]
    assert fee_en.text == "membership fee" and ("membership fees", 3) in [(f.form, f.count) for f in fee_en.forms]
    assert ("biedra nauda", "membership fee") in curated_dictionary(curated)
    assert ("tīklošana", "network building") not in curated_dictionary(curated)  # deprecated
