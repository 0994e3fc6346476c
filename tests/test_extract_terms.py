"""Candidate extraction: gold terms of a small Latvian library text, canonical forms, grouping."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.lang import en, lv
from lvterm.models import Segment
from lvterm.terms.extract import extract_terms


@pytest.fixture(scope="module")
def library_lv(terms_bitext):
    return terms_bitext[0]


@pytest.fixture(scope="module")
def library_en(terms_bitext):
    return terms_bitext[1]


@pytest.fixture(scope="module")
def gold(terms_gold):
    return terms_gold


@pytest.fixture(scope="module")
def lv_candidates(library_lv):
    return extract_terms(library_lv, lang="lv")


def test_extract_gold_terms_have_canonical_forms(lv_candidates, gold):
    by_key = {c.key: c for c in lv_candidates}
    for row in gold:
        cand = by_key.get(lv.stem_key(row["lv"]))
        assert cand is not None, row["lv"]
        assert cand.text == row["lv"]


def test_extract_gold_terms_keep_every_form(lv_candidates, gold):
    by_key = {c.key: c for c in lv_candidates}
    for row in gold:
        forms = {f.form for f in by_key[lv.stem_key(row["lv"])].forms}
        assert set(row["forms"].split("|")) <= forms, row["lv"]


def test_extract_groups_inflected_forms(lv_candidates):
    fee = [c for c in lv_candidates if c.key == lv.stem_key("biedra nauda")]
    assert len(fee) == 1
    fee = fee[0]
    assert fee.text == "biedra nauda"
    assert {(f.form, f.count) for f in fee.forms} == {
        ("biedra nauda", 1), ("biedra naudu", 1), ("biedra naudas", 1)}
    assert fee.frequency == 3 == len(fee.occurrences)
    assert not any(c.text in ("biedra naudu", "biedra naudas") for c in lv_candidates)


def test_extract_gold_terms_rank_high(lv_candidates, gold):
    top = {c.key for c in lv_candidates[:30]}
    found = sum(lv.stem_key(row["lv"]) in top for row in gold)
    assert found >= len(gold) - 1


@pytest.mark.parametrize("text,canonical", [
    ("Par to runā sociālajos tīklos.", "sociālais tīkls"),
    ("Studenti maksā mazāku biedra naudu.", "biedra nauda"),
    ("Mēs iestājāmies profesionālajās organizācijās.", "profesionālā organizācija"),
    ("Viņi strādā Latvijas Bibliotekāru biedrībā.", "Latvijas Bibliotekāru biedrība"),
    ("Sarunas ar kopīgām interesēm.", "kopīga interese"),
])
def test_extract_builds_nominative_from_oblique_forms(text, canonical):
    keys = {c.key: c.text for c in extract_terms([text], lang="lv")}
    assert keys[lv.stem_key(canonical)] == canonical


def test_extract_usually_plural_terms_stay_plural():
    texts = ["Viņš startēja Olimpiskajās spēlēs.", "Pēc olimpiskajām spēlēm viņš atpūtās.",
             "Olimpisko spēļu atklāšana bija krāšņa.", "Gatavošanās olimpiskajām spēlēm ilga gadu.",
             "Olimpiskajās spēlēs piedalījās daudz sportistu."]
    cand = next(c for c in extract_terms(texts, lang="lv") if c.key == lv.stem_key("olimpiskās spēles"))
    assert cand.text.lower() == "olimpiskās spēles"


def test_extract_twice_plural_stays_singular():
    texts = ["Veidot profilus profesionālajām grupām.", "Arī profesionālajām grupām ir profili."]
    cand = next(c for c in extract_terms(texts, lang="lv") if c.key == lv.stem_key("profesionālā grupa"))
    assert cand.text == "profesionālā grupa"


def test_extract_names_are_not_cut():
    texts = ["Viņa strādā Latvijas Bibliotekāru biedrībā.", "Es minēšu Latvijas Bibliotekāru biedrību."]
    keys = {c.key for c in extract_terms(texts, lang="lv")}
    assert lv.stem_key("Latvijas Bibliotekāru biedrība") in keys
    assert lv.stem_key("Bibliotekāru biedrība") not in keys


def test_extract_prefers_the_nominative_seen():
    texts = ["Sociālais tīkls ir noderīgs.", "Sociālajā tīklā ir grupas.", "Sociālajā tīklā ir profili."]
    cand = next(c for c in extract_terms(texts, lang="lv") if c.key == lv.stem_key("sociālais tīkls"))
    assert cand.text == "sociālais tīkls"
    assert cand.forms[0].form == "sociālajā tīklā" and cand.forms[0].count == 2


def test_extract_occurrences_point_into_the_text(lv_candidates, library_lv):
    for cand in lv_candidates:
        for occ in cand.occurrences:
            seen = library_lv[occ.segment_index][occ.start:occ.end]
            assert seen[1:] == occ.form[1:] and seen[:1].lower() == occ.form[:1].lower()


def test_extract_accepts_segments(library_lv):
    segs = [Segment(i, 0, 0, len(t), t) for i, t in enumerate(library_lv)]
    assert [c.key for c in extract_terms(segs, lang="lv")] == \
        [c.key for c in extract_terms(library_lv, lang="lv")]


def test_extract_english_candidates(library_en):
    cands = extract_terms(library_en, lang="en")
    by_key = {c.key: c for c in cands}
    fee = by_key[en.stem_key("membership fee")]
    assert fee.text == "membership fee" and fee.frequency == 3
    assert by_key[en.stem_key("social networks")].text == "social network"
    assert by_key[en.stem_key("Library Association of Latvia")].term_type == "properNoun"
    assert by_key[en.stem_key("library and information professionals")].frequency == 2


def test_extract_termhood_rewards_specific_terms(lv_candidates):
    score = {c.text: c.score for c in lv_candidates}
    assert score["biedra nauda"] > score.get("laiks", 0)
    assert all(c.score >= 0 for c in lv_candidates)
    assert [c.score for c in lv_candidates] == sorted((c.score for c in lv_candidates), reverse=True)


def test_extract_function_words_are_never_terms(lv_candidates):
    for cand in lv_candidates:
        assert not set(cand.text.lower().split()) & {"ir", "ar", "var", "arī", "nav"}


def test_extract_other_languages_are_refused():
    from lvterm.errors import LvtermError

    with pytest.raises(LvtermError, match="lv"):
        extract_terms(["Der Mitgliedsbeitrag"], lang="de")


def test_extract_empty_input():
    assert extract_terms([], lang="lv") == []
    assert extract_terms(["", "   ", "—"], lang="lv") == []


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from([
    "Biedra nauda ir jāsamaksā.", "Studenti maksā biedra naudu.", "Biedra naudas apmērs aug.",
    "Sociālajos tīklos ir grupas.", "Sociālie tīkli palīdz.", "Bibliotēka strādā.",
    "Lasītavā ir datori.", "Interneta pieslēgums ir bez maksas."]), min_size=1, max_size=8))
def test_extract_invariants(texts):
    for cand in extract_terms(texts, lang="lv"):
        assert sum(f.count for f in cand.forms) == cand.frequency == len(cand.occurrences)
        assert all(lv.stem_key(f.form) == cand.key for f in cand.forms)
        assert lv.stem_key(cand.text) == cand.key


@pytest.mark.parametrize("text,lang,dropped,kept", [
    ("Tīklošana ļauj dibināt noderīgus kontaktus.", "lv", "noderīgs kontakts", "kontakts"),
    ("Studentiem piedāvā mazāku biedra naudu.", "lv", "mazāka biedra nauda", "biedra nauda"),
    ("Networking lets you make useful contacts.", "en", "useful contact", "contact"),
])
def test_extract_evaluative_adjectives_do_not_start_terms(text, lang, dropped, kept):
    from lvterm.lang import get

    module = get(lang)
    keys = {c.key for c in extract_terms([text], lang=lang)}
    assert module.stem_key(dropped) not in keys
    assert module.stem_key(kept) in keys
