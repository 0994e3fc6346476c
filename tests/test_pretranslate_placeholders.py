"""Property: pre-translation never produces a msgstr whose placeholders differ from its msgid's."""
from __future__ import annotations

import polib
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.formats import po as pofmt
from lvterm.localise.pretranslate import pretranslate_file
from lvterm.localise.tm import Memory, TMEntry

WORDS = ["open", "the", "catalogue", "file", "files", "member", "fee", "today", "deleted", "new"]
LV = ["atvērt", "katalogu", "fails", "faili", "biedrs", "nauda", "šodien", "izdzēsts", "jauns"]
HOLES = ["%s", "%d", "%(name)s", "%(count)d", "{user}", "{0}"]
FLAGS = [[], ["c-format"], ["python-format"], ["python-brace-format"]]


def _sentence(vocab):
    return st.lists(st.sampled_from(vocab + HOLES), min_size=2, max_size=7).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_sentence(WORDS), _sentence(LV)), min_size=1, max_size=25),
       st.lists(st.tuples(_sentence(WORDS), st.sampled_from(FLAGS)), min_size=1, max_size=10, unique_by=lambda t: t[0]),
       st.integers(40, 100))
def test_pretranslate_placeholders_always_agree(memory_pairs, template, threshold):
    memory = Memory(TMEntry(source=en, targets=(lv,), origin="m") for en, lv in memory_pairs)
    pot = polib.POFile()
    for msgid, flags in template:
        pot.append(polib.POEntry(msgid=msgid, msgstr="", flags=list(flags)))
    out, stats = pretranslate_file(pot, memory, threshold=threshold)
    assert stats.exact + stats.fuzzy + stats.untranslated == len(template)
    sources = {pofmt.normalise_ws(en) for en, _ in memory_pairs}
    for entry in out:
        if not entry.msgstr:
            continue
        assert pofmt.placeholders(entry.msgstr, flags=entry.flags) == pofmt.placeholders(entry.msgid, flags=entry.flags)
        if "fuzzy" not in entry.flags:
            assert pofmt.normalise_ws(entry.msgid) in sources  # only exact matches are translated outright
