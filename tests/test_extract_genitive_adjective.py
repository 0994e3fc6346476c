"""An adjective that agrees with a genitive and with no noun after it belongs to that genitive:
a Latvian term never starts at the genitive and leaves the adjective out (*liela mēroga
projekts* holds no *mēroga projekts*, *profesionālās pilnveides kurss* no *pilnveides kurss*)."""
from __future__ import annotations

import pytest

from lvterm.terms.extract import extract_terms

# written for this test
LV = """Pilsēta sāka liela mēroga projektu ostā.
Bibliotekāri apmeklēja profesionālās pilnveides kursu.
Olimpisko spēļu fani pulcējās laukumā.
Avīze rakstīja par iespējamo Portlendas kausētavas slēgšanu.
Skolotāji apmeklēja pilnveides kursu vasarā.""".splitlines()


@pytest.fixture(scope="module")
def terms():
    return {c.text: c for c in extract_terms(LV, lang="lv")}


@pytest.mark.parametrize("fragment", ["mēroga projekts", "spēļu fans"])
def test_extract_no_span_cuts_a_genitive_from_its_adjective(terms, fragment):
    assert fragment not in terms, sorted(terms)


def test_extract_the_whole_genitive_group_stays(terms):
    assert "profesionālās pilnveides kurss" in terms and "olimpisko spēļu fans" in terms
    # without its adjective, only where the text has none: the fifth sentence, not the second
    assert [o.segment_index for o in terms["pilnveides kurss"].occurrences] == [4]


def test_extract_an_adjective_of_a_later_noun_cuts_nothing(terms):
    """iespējamo agrees with slēgšanu (about the possible closure), not with Portlendas."""
    assert "Portlendas kausētava" in terms
