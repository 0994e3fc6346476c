"""The term matcher reads decomposed (NFD) text as its NFC form, with offsets into the text given."""
from __future__ import annotations

import unicodedata

from lvterm.terms.matcher import TermMatcher
from lvterm.textio import to_nfc


def test_matcher_finds_terms_in_decomposed_text_with_offsets_into_it():
    matcher = TermMatcher([("social networks", ["sociālie tīkli"]), ("membership fee", ["biedra nauda"])], lang="lv",
                          inflect=True)
    text = "Sociālie tīkli un biedra naudu maksā katrs."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    found = matcher.find(nfd)
    assert [m.value for m in found] == [m.value for m in matcher.find(text)] == ["social networks", "membership fee"]
    assert [to_nfc(nfd[m.start:m.end]) for m in found] == ["Sociālie tīkli", "biedra naudu"]
    assert [to_nfc(nfd[s:e]) for s, e, _ in matcher.locate(nfd)] == ["Sociālie tīkli", "biedra naudu"]
