"""Review decisions in the termbase model: rejections filter the merge by stem key (no inflection
brings a rejected pair back), accepted entries load as curated ones, and the YAML review writes
reads back as written (property tests)."""
from __future__ import annotations

import dataclasses
import unicodedata

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.models import Concept, Term, TermForm
from lvterm.terms.review import Proposal, accepted_concept, concept_yaml, rejection_yaml, yaml_scalar
from lvterm.terms.termbase import (Rejection, is_rejected, load_file, load_rejected, merge, pairing_confidence,
                                   rejected_keys, term_key)


def _extracted(cid, lv, en=None, *, forms=()):
    terms = [Term("lv", lv, "proposed", forms=tuple(TermForm(f, 1) for f in (lv, *forms)), frequency=1)]
    if en:
        terms.append(Term("en", en, "proposed", forms=(TermForm(en, 1),), frequency=1, note="pairing confidence 0.50"))
    return Concept(cid, tuple(terms), origin="extracted", source="extraction")


def test_termbase_rejection_of_a_pair_and_of_a_term(fixtures):
    curated = load_file(fixtures / "termbase" / "good.yml")
    extracted = [_extracted("x-gad", "gads", "annual membership"), _extracted("x-lasitav", "lasītava", "room"),
                 _extracted("x-nedel", "nedēļa", "participant"), _extracted("x-sekcij", "sekcija", "section")]
    rejected = [Rejection(lv="gada", en="annual memberships"),  # other inflections of the same pair
                Rejection(lv="lasītava", en="reading room"),     # a different pair: lasītava -> room stays
                Rejection(lv="nedēļas")]                          # the Latvian term with any English
    out = merge(curated, extracted, rejected=rejected)
    ids = [c.id for c in out]
    assert "x-gad" not in ids and "x-nedel" not in ids
    assert "x-lasitav" in ids and "x-sekcij" in ids
    assert merge(curated, extracted) == merge(curated, extracted, rejected=())


WORDS = st.sampled_from(["gads", "gadu", "gada", "nedēļa", "nedēļas", "lasītava", "lasītavā", "cilvēks",
                         "cilvēki", "sekcija", "tīklošana"])
EN = st.sampled_from(["year", "years", "week", "reading room", "room", "person", None])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(WORDS, EN), max_size=8), st.lists(st.tuples(WORDS, EN), max_size=4))
def test_termbase_rejected_never_comes_back(fixtures, cands, refusals):
    curated = load_file(fixtures / "termbase" / "good.yml")
    extracted = [_extracted(f"x{i}", lv, en) for i, (lv, en) in enumerate(cands)]
    rejected = [Rejection(lv=lv, en=en) for lv, en in refusals]
    keys = rejected_keys(rejected)
    out = merge(curated, extracted, rejected=rejected)
    for c in out[len(curated):]:
        assert not is_rejected(c, keys)
        lv = term_key("lv", c.terms_in("lv")[0].text)
        assert (lv, None) not in keys
        for t in c.terms_in("en"):
            assert (lv, term_key("en", t.text)) not in keys
    # what no rejection covers is still proposed, unless curation has its Latvian term
    curated_lv = {term_key("lv", f.form) for c in curated for t in c.terms_in("lv") for f in t.forms}
    kept = {term_key("lv", c.terms[0].text) for c in extracted if not is_rejected(c, keys)} - curated_lv
    assert kept <= {term_key("lv", c.terms_in("lv")[0].text) for c in out}


TEXT = st.text(st.characters(codec="utf-8", blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_review_yaml_scalar_reads_back(text):
    assert yaml.safe_load(f"k: {yaml_scalar(text)}") == {"k": text}
    assert yaml.safe_load(f"k: [{yaml_scalar(text, flow=True)}, x]") == {"k": [text, "x"]}


def test_review_yaml_scalar_is_plain_when_it_can_be():
    assert yaml_scalar("biedra nauda") == "biedra nauda"
    assert yaml_scalar("Draugiem.lv") == "Draugiem.lv"
    for text in ("yes", "1.0", "null", "a: b", "# x", "- x", "x #y", " lead"):
        assert yaml_scalar(text).startswith('"'), text
    assert yaml_scalar("a, b") == "a, b" and yaml_scalar("a, b", flow=True) == '"a, b"'


TERM = st.text(st.characters(codec="utf-8", blacklist_categories=("Cc", "Cs", "Zl", "Zp", "Zs")), min_size=1,
               max_size=20).map(lambda s: unicodedata.normalize("NFC", s)).filter(  # text reads as NFC
    lambda s: term_key("lv", s) and term_key("en", s))


@settings(max_examples=80, deadline=None)
@given(TERM, st.one_of(st.none(), TERM), st.lists(TERM, max_size=3), st.floats(0, 1))
def test_review_accepted_entry_reads_back_as_curated(tmp_path_factory, lv, en, forms, confidence):
    concept = _extracted("x-prop", lv, en, forms=forms)
    proposal = Proposal(concept, pairing_confidence(concept))
    entry = accepted_concept(proposal)
    path = tmp_path_factory.mktemp("acc") / "accepted.yaml"
    path.write_text("concepts:\n\n" + concept_yaml(entry, provenance=f"accepted from extraction, 2024-05-02 "
                                                                       f"({confidence:.2f})"), encoding="utf-8")
    [loaded] = load_file(path)
    assert [(t.lang, t.text, t.status, t.reliability) for t in loaded.terms] == \
        [(t.lang, t.text, "preferred", 3) for t in entry.terms]
    assert [f.form for f in loaded.terms[0].forms][1:] == [f.form for f in entry.terms[0].forms]
    assert loaded.note.startswith("Provenance: accepted from extraction, 2024-05-02")


def test_review_rejection_entry_reads_back(tmp_path):
    entries = [Rejection(lv="gads", en="annual membership", date="2024-05-02", id="x-gad"),
               Rejection(lv="nedēļa", date="2024-05-03"), Rejection(lv="a: b", en="yes", id="x-a"),
               Rejection(lv="L'Auberge", id="x-l'auberge")]  # a proposal id need not be a valid concept id
    (tmp_path / "rejected.yaml").write_text("rejected:\n" + "".join("\n" + rejection_yaml(r) for r in entries),
                                            encoding="utf-8")
    back = load_rejected(tmp_path)
    assert [dataclasses.replace(r, path=None, line=None) for r in back] == entries
    assert [r.line for r in back] == [3, 8, 11, 15]


def test_termbase_accepted_file_loads_last(tmp_path, fixtures):
    """accepted.yaml is read after the curated files: a clash is reported where the decision is."""
    from lvterm.terms.termbase import curated_files

    for name in ("accepted.yaml", "z.yml", "a.yml", "rejected.yaml"):
        (tmp_path / name).write_text("", encoding="utf-8")
    assert [p.name for p in curated_files(tmp_path)] == ["a.yml", "z.yml", "accepted.yaml"]


def test_review_accepting_a_proposal_whose_id_is_not_a_concept_id():
    proposal = Proposal(_extracted("x-l'auberge", "L'Auberge", "L'Auberge"))
    assert accepted_concept(proposal).id == "x-l-auberge"
