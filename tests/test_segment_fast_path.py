"""Segmentation without tokenising (`segment.pipeline._rule_spans`) gives the pipeline's sentences.

`segment_paragraphs` takes the spans between the rules' sentence starts directly when every start
follows whitespace, where spaCy's tokenizer starts a token anyway; passing the pipeline as `nlp`
runs every paragraph through spaCy. The two must agree on every text: the fixtures' real posts
and generated paragraphs full of what moves a start (no space after a full stop, odd whitespace,
abbreviations, ordinals, quotes).
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.errors import InputError
from lvterm.segment import make_nlp, segment_paragraphs
from lvterm.segment.pipeline import _rule_spans, split_paragraphs

FIXTURES = Path(__file__).parent / "fixtures"


def _both(paragraphs: list[str], lang: str):
    return segment_paragraphs(paragraphs, lang=lang), segment_paragraphs(paragraphs, lang=lang, nlp=make_nlp(lang))


def _fixture_paragraphs() -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in (".lv", ".en", ".md", ".txt") and path.is_file() and path.stat().st_size < 200_000:
            lang = "lv" if ".lv" in path.suffixes or path.name.endswith(".lv") else "en"
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            out.append((lang, split_paragraphs(text)))
    return out


def test_the_fixtures_segment_the_same_either_way():
    docs = _fixture_paragraphs()
    assert len(docs) > 20
    for lang, paragraphs in docs:
        fast, spacy_way = _both(paragraphs, lang)
        assert fast == spacy_way


def test_a_start_inside_a_token_goes_to_the_pipeline(monkeypatch):
    assert _rule_spans("Biedra nauda ir 5 eiro. Tīklošana palīdz.", lang="lv") == [(0, 23), (24, 41)]
    # the rules start sentences only at words after whitespace; were one to start right after a
    # full stop, only the tokenizer knows where the pipeline puts it: the paragraph goes there
    from lvterm.segment import component, rules

    def starts(t, *, lang, pysbd="auto"):
        return [t.index("Then")] if "Then" in t else []

    text = "It rained all day.Then the sun came out."
    monkeypatch.setattr(rules, "sentence_starts", starts)
    monkeypatch.setattr(component, "sentence_starts", starts)
    assert _rule_spans(text, lang="en") is None
    fast, spacy_way = _both([text, "Biedra nauda."], "en")
    assert fast == spacy_way
    assert [s.text for s in fast] == ["It rained all day.", "Then the sun came out.", "Biedra nauda."]


def test_a_bad_language_code_is_still_refused():
    with pytest.raises(InputError):
        segment_paragraphs(["Teikums."], lang="l1")


WORDS = ["Biedra", "nauda", "2011.", "gadā", "e.g.", "Dr.", "u.c.", "t.i.", "Mr.", "U.S.", "3.", "maijā",
         "LinkedIn", "“Citāts.”", "(iekavās.)", "...", "—", "Tīklošana", "networking", "A.", "iv.", "No.", "5",
         "It", "is", "so.", "Why?", "Yes!", "«Jā.»", "'quoted.'"]
GAPS = [" ", " ", " ", "  ", "\u00a0", "\t", "\n", "", "\u2009", "\u3000"]


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), min_size=1, max_size=30),
       st.sampled_from(["lv", "en"]))
def test_generated_paragraphs_segment_the_same_either_way(parts, lang):
    text = "".join(word + gap for word, gap in parts).strip()
    if text:
        fast, spacy_way = _both([text], lang)
        assert fast == spacy_way


def test_other_languages_go_through_their_pipeline():
    # Spanish tokenises "EE. UU." as one token across the space: only the pipeline knows
    text = "Viven en EE. UU. Son felices."
    fast, spacy_way = _both([text], "es")
    assert fast == spacy_way
    assert [s.text for s in fast] == ["Viven en EE. UU.", "Son felices."]
