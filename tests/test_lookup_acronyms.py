"""Lookup of an acronym that spells a closed-class word (Latvian ES, the EU, spells the pronoun es;
English US): the query in capitals finds it exactly (its stem key is kept as written, so that a
pronoun in text never matches it); a lower-case query still finds it, by its fold key (which
ignores case), a step below an exact match. The termbase is written for this test."""
from __future__ import annotations

import pytest

from fixtures.termbase.minidb import make_db
from lvterm.terms.lookup import lookup
from lvterm.terms.termbase import load_curated

TERMBASE = """\
subject_field: organisations and networks
reliability: 3
concepts:
  - id: org-eu
    lv:
      - term: Eiropas Savienība
      - term: ES
        term_type: acronym
    en:
      - term: European Union
      - term: EU
        term_type: acronym
  - id: org-us
    lv:
      - term: ASV
        term_type: acronym
    en:
      - term: US
        term_type: acronym
"""


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("acronyms")
    (folder / "termbase").mkdir()
    (folder / "termbase" / "eu.yml").write_text(TERMBASE, encoding="utf-8")
    return make_db(folder / "lvterm.db", load_curated(folder / "termbase"))


@pytest.mark.parametrize("query, en_term, via", [
    ("ES", "European Union", "exact"), ("EU", "European Union", "exact"), ("US", "US", "exact"),
    ("es", "European Union", "fold"), ("Es", "European Union", "fold"), ("us", "US", "fold"),
])
def test_an_acronym_is_found_in_capitals_and_in_lower_case(db_path, query, en_term, via):
    top = lookup(query, db_path=db_path)[0]
    assert top["en"] == en_term and top["matched"]["via"] == via


FUNDS = """\
subject_field: organisations and networks
reliability: 3
concepts:
  - id: org-eu
    lv:
      - term: ES
        term_type: acronym
    en:
      - term: EU
        term_type: acronym
  - id: eu-funds
    lv:
      - term: ES fondi
    en:
      - term: EU funds
"""


@pytest.mark.parametrize("query", ["manis", "manī", "man", "mani", "MANIS", "manis fondiem", "Man fondi"])
def test_a_pronoun_form_never_finds_the_acronym_it_shares_a_lemma_with(tmp_path, query):
    """manis, manī, man, mani are forms of es (I), whose lemma the acronym ES (the EU) spells: an
    acronym has no inflected forms, so a lemma-key match from another word to it is no match."""
    (tmp_path / "termbase").mkdir()
    (tmp_path / "termbase" / "eu.yml").write_text(FUNDS, encoding="utf-8")
    db = make_db(tmp_path / "lvterm.db", load_curated(tmp_path / "termbase"))
    assert lookup(query, db_path=db) == []
    assert [r["lv"] for r in lookup("ES fondiem", db_path=db)][:1] == ["ES fondi"]  # the acronym itself: found
    assert [r["lv"] for r in lookup("es fondu", db_path=db)][:1] == ["ES fondi"]
