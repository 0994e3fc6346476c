"""A pair's terms as the build cache keeps them (`build._term_data`) and as the build makes them
again (`build._term_from`, `build._proposed_concept`, which skip the frozen dataclasses' per-field
__init__): the same Terms and Concepts as their constructors make."""
from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lvterm import build as B
from lvterm.models import Concept, Term, TermForm

texts = st.text(min_size=1, max_size=30)
forms = st.lists(st.builds(TermForm, texts, st.integers(min_value=0, max_value=10**6)), max_size=6).map(tuple)
terms = st.builds(Term, st.sampled_from(["lv", "en"]), texts, st.sampled_from(["proposed", "preferred", "admitted"]),
                  st.integers(min_value=1, max_value=4), st.sampled_from(["fullForm", "properNoun", "abbreviation"]),
                  forms, st.integers(min_value=0, max_value=10**6), st.none() | texts,
                  st.none() | st.sampled_from(["noun", "adverb", "properNoun"]))


@given(terms)
def test_term_made_again_from_its_cached_data_is_the_same_term(term):
    data = json.loads(json.dumps(B._term_data(term)))  # (as a cache file gives it back)
    again = B._term_from(data)
    assert again == term and hash(again) == hash(term) and repr(again) == repr(term)
    assert type(again) is Term and all(type(f) is TermForm for f in again.forms)
    assert [(f.form, f.count) for f in again.forms] == [(f.form, f.count) for f in term.forms]
    assert dataclasses.replace(again, status="proposed") == dataclasses.replace(term, status="proposed")
    with pytest.raises(dataclasses.FrozenInstanceError):
        again.text = "x"
    if again.forms:
        with pytest.raises(dataclasses.FrozenInstanceError):
            again.forms[0].count = 5


def test_every_field_of_a_term_is_kept():
    """A field added to Term (or to TermForm) must reach `_term_from`: it reads them by name."""
    assert B._TERM_FIELDS == tuple(f.name for f in dataclasses.fields(Term))
    assert [f.name for f in dataclasses.fields(TermForm)] == ["form", "count"]
    # Term's __post_init__ only fills in a part of speech not given (its default by term type), and
    # `_term_data` keeps the one it made: `_term_from`, which skips it, makes the same Term (above)
    assert B._TERM_FIELDS[-1] == "part_of_speech" and not hasattr(TermForm, "__post_init__")


@given(st.text(min_size=1, max_size=20), terms, st.none() | terms, texts)
def test_proposed_concept_is_the_concept_its_constructor_makes(key, lv, en, source):
    made = B._proposed_concept(key, B._term_data(lv), B._term_data(en) if en else None, source=source)
    expected = Concept(id=f"x-{key.replace(' ', '-')}", terms=(lv, en) if en else (lv,), origin="extracted",
                       source=source)
    assert made == expected and hash(made) == hash(expected) and repr(made) == repr(expected)
    assert made.terms_in(lv.lang) == expected.terms_in(lv.lang)


def test_every_field_of_a_concept_is_set():
    assert [f.name for f in dataclasses.fields(Concept)] == ["id", "terms", "subject_field", "definition", "note",
                                                              "origin", "source"]
    assert not hasattr(Concept, "__post_init__")
