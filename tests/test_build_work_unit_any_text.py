"""The per-post work (`build.work_unit`: segmentation, alignment, term extraction and pairing) on
any short posts: headings without a final stop, one-word paragraphs, lists of names. A post pair
whose work raises fails the whole build, so no text may make it raise (a two-word Latvian heading
once did: `terms.patterns._lv_starts` looked before the segment)."""
from __future__ import annotations

import json
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.build import _valid, _Unit, work_unit

LV = st.sampled_from(["Latvijas", "bibliotēku", "bibliotēkas", "publiskās", "jaunā", "lasītava", "un", "biedra",
                      "naudu", "2011.", "gadā", "Rīgā", "Bibliotēka", "strādā", "sestdienās", "—", "“Ziņas”"])
EN = st.sampled_from(["Latvia's", "libraries", "library", "public", "new", "reading", "room", "and", "membership",
                      "fee", "in", "2011", "Riga", "The", "works", "on", "Saturdays", "—", "\u201cNews\u201d"])


def _paragraphs(words):
    sentence = st.lists(words, min_size=1, max_size=7).map(" ".join)
    ending = st.sampled_from(["", ".", "!", "?", ":"])
    return st.lists(st.tuples(sentence, ending).map("".join), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None)
@given(_paragraphs(LV), _paragraphs(EN))
def test_work_unit_on_any_short_posts(lv, en):
    sides = (("lv", tuple(lv)), ("en", tuple(en)))
    value = work_unit(sides, [("bibliotēka", "library"), ("biedra nauda", "membership fee")])["value"]
    assert value["beads"]
    # what it gives, as the cache reads it back, is what the build accepts for this pair (segments
    # in their paragraphs, beads covering each side's sentences once and in order, terms as written)
    value = json.loads(json.dumps(value))
    unit = _Unit(tuple(SimpleNamespace(post=SimpleNamespace(lang=lang, paragraphs=list(paras))) for lang, paras in sides))
    assert _valid(value, unit)
