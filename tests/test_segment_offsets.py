"""Property tests: segments reproduce the text exactly, for arbitrary text including odd Unicode."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.segment import segment_paragraphs, segment_text, split_paragraphs

PIECES = [
    "2011.", "gadā", "Nākamajā", "u.c.", "u.", "c.", "utt.", "t.i.", "plkst.", "10.00", "Prof.", "J.",
    "Bērziņš", "Draugiem.lv", "www.lnb.lv.", "info@lnb.lv", "„Labi.”", "„", "”", "?!", "...", "…", "–",
    "-", "(", ")", "[…]", "Dr.", "a.m.", "e.g.", "No.", "5", "pp.", "!", "?", ".", "'", '"', "»", "«",
    "24.11.2026.", "Saeima", "g.", "Lībekā", "🙂", "ﬁ", "e\u0301", "\u200b", "\u00ad", "ß", "İ",
    "Σ", "日本語。", "\u0000", "\ufeff", "\U0001f1f1\U0001f1fb",
]
SPACES = [" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\r\n", "\n \n", "\u3000", "  "]

texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(SPACES)), max_size=60).map("".join),
    st.text(max_size=200),
    st.text(alphabet=st.sampled_from("aZ. !?…„”\"\n \u00a0Ā1"), max_size=120),
)
langs = st.sampled_from(["lv", "en", "de", "fi"])


def _nonspace(s):
    return re.sub(r"\s+", "", s)


def check(paragraphs, segs):
    assert [s.index for s in segs] == list(range(len(segs)))
    pos = {}  # paragraph -> end of its last segment
    last_par = -1
    for s in segs:
        par = paragraphs[s.paragraph]
        assert s.paragraph >= last_par
        last_par = s.paragraph
        assert s.text == par[s.start:s.end]
        assert s.text and s.text == s.text.strip()
        prev = pos.get(s.paragraph, 0)
        assert s.start >= prev and not par[prev:s.start].strip()  # only whitespace between
        pos[s.paragraph] = s.end
    for p, par in enumerate(paragraphs):
        assert not par[pos.get(p, 0):].strip()  # nothing left after the last segment
    assert "".join(_nonspace(s.text) for s in segs) == "".join(_nonspace(p) for p in paragraphs)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, langs)
def test_segment_offsets_reproduce_text(text, lang):
    paragraphs = split_paragraphs(text)
    segs = segment_text(text, lang=lang)
    check(paragraphs, segs)
    # every non-space character of the input is in exactly one segment
    assert "".join(_nonspace(s.text) for s in segs) == _nonspace(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(texts.map(str.strip).filter(bool), max_size=5), langs)
def test_segment_paragraphs_offsets_into_given_paragraphs(paragraphs, lang):
    check(paragraphs, segment_paragraphs(paragraphs, lang=lang))


@settings(max_examples=100, deadline=None)
@given(texts)
def test_segment_split_paragraphs_keeps_every_character(text):
    paragraphs = split_paragraphs(text)
    assert all(p and p == p.strip() and "\n\n" not in p for p in paragraphs)
    assert "".join(map(_nonspace, paragraphs)) == _nonspace(text)


def test_segment_split_paragraphs_old_mac_line_ends():
    """A lone carriage return is a line end: a blank line of them separates paragraphs, and no
    sentence keeps a raw '\\r' that would print over its own line."""
    assert split_paragraphs("Viens.\rDivi.\r\rTrīs.") == ["Viens.\nDivi.", "Trīs."]
    assert [s.text for s in segment_text("Viens.\rDivi.\r\rTrīs.", lang="lv")] == ["Viens.", "Divi.", "Trīs."]
