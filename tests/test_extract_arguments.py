"""extract_terms' options: a value it cannot work with is one clear error, not a crash deep inside."""
from __future__ import annotations

import math

import pytest

from lvterm.errors import LvtermError
from lvterm.terms.extract import extract_terms

TEXTS = ["Bibliotēkas krājums aug katru gadu.", "Bibliotēkas krājumā ir daudz grāmatu."]


@pytest.mark.parametrize("floor", [0.0, -1e-6, math.nan])
def test_a_general_floor_that_is_no_frequency_above_zero_is_refused(floor):
    with pytest.raises(LvtermError, match="general_floor must be a frequency above 0"):
        extract_terms(TEXTS, lang="lv", general_floor=floor)


def test_a_tiny_general_floor_still_extracts():
    assert [c.text for c in extract_terms(TEXTS, lang="lv", general_floor=1e-12)][:1] == ["bibliotēkas krājums"]


def test_a_language_extraction_does_not_know_is_refused():
    with pytest.raises(LvtermError, match="knows Latvian"):
        extract_terms(TEXTS, lang="de")
