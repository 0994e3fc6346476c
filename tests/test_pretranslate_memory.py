"""The translation memory: its fuzzy index agrees with a brute-force rapidfuzz search; TMX inline codes are kept."""
from __future__ import annotations

import random

import polib
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process, utils
from test_pretranslate_update import msgfmt_check

from lvterm.cli import cli
from lvterm.formats import tmx
from lvterm.localise.pretranslate import best_match
from lvterm.localise.tm import Memory, TMEntry

WORDS = ("library reader book catalogue member fee network society meeting room desk open closed today "
         "the a of to in and on is are was were new old our your please return search find help").split()


def _memory(seed: int, n: int = 400) -> list[TMEntry]:
    rnd = random.Random(seed)
    return [TMEntry(source=" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(3, 14))).capitalize() + ".",
                    targets=(f"tulkojums {i}",), origin=f"m:{i}") for i in range(n)]


def _variant(rnd: random.Random, text: str) -> str:
    words = text.rstrip(".").split()
    i = rnd.randrange(len(words))
    words[i] = rnd.choice(WORDS)
    return " ".join(words) + "."


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([60, 75, 90]))
def test_pretranslate_memory_fuzzy_matches_brute_force(seed, threshold):
    entries = _memory(seed)
    memory = Memory(entries)
    rnd = random.Random(seed + 1)
    processed = [utils.default_process(e.source) for e in entries]
    for _ in range(15):
        original = rnd.choice(entries).source
        query = _variant(rnd, original)
        found = memory.fuzzy(query, threshold=threshold)
        q = utils.default_process(query)
        brute = process.extractOne(q, processed, scorer=fuzz.ratio, score_cutoff=threshold, processor=None)
        # every result is real and at or above the threshold, and none beats the whole-memory search
        for m in found:
            assert m.score >= threshold
            assert abs(fuzz.ratio(q, utils.default_process(m.entry.source)) - m.score) < 1e-9
            assert m.score <= brute[1] + 1e-9
        if brute is None:
            assert not found
        # a one-word edit of a memory sentence: the short list always holds the sentence it came from,
        # so the best match is at least as good. (It is not always the whole-memory best: a sentence
        # sharing no informative word can score higher on characters alone, e.g. "our of a search" vs
        # "your network search"; about 1 query in 8,000 here, see README's 299/300 agreement figure.)
        own = fuzz.ratio(q, utils.default_process(original))
        if own >= threshold:
            assert found and found[0].score >= own - 1e-9, (query, original, own)


def test_pretranslate_memory_exact_normalises_whitespace():
    memory = Memory([TMEntry("Open  the\tcatalogue.", ("Atvērt katalogu.",), "a", confidence=0.6),
                     TMEntry("Open the catalogue.", ("Atveriet katalogu.",), "b", confidence=0.9)])
    assert [e.target for e in memory.exact(" Open the catalogue. ")] == ["Atveriet katalogu.", "Atvērt katalogu."]
    assert memory.exact("open the catalogue.") == []  # case matters for an exact match


def test_pretranslate_memory_skips_placeholder_mismatch_for_next_best():
    memory = Memory([TMEntry("Deleted %s old files.", ("Izdzēsti %s veci faili.",), "a"),
                     TMEntry("Deleted %d old files!", ("Izdzēsti %d veci faili!",), "b")])
    match = best_match(memory, "Deleted %d old files.", flags=["c-format"], threshold=75)
    assert match is not None and match.entry.origin == "b"  # 100 after rapidfuzz's processing, still fuzzy


def test_pretranslate_memory_empty_and_unknown_words():
    assert Memory([]).fuzzy("anything at all", threshold=50) == []
    memory = Memory(_memory(1, 50))
    assert memory.fuzzy("zzz qqq xxx", threshold=50) == []
    assert memory.fuzzy("!!!", threshold=50) == []


def test_pretranslate_memory_tmx_inline_codes_come_back(fixtures, tmp_path):
    """A TMX memory's `<ph>%d</ph>` and `<bpt>&lt;b&gt;</bpt>` are part of the text the program
    needs: an exact match keeps them, a fuzzy one is made against the text with them."""
    po_fixtures, out = fixtures / "po", tmp_path / "lv.po"
    tmx_path = po_fixtures / "test_pretranslate_inline_codes.tmx"
    assert tmx.load(tmx_path)[0] == ("Noņemtas  rezervācijas.", "Removed  reservations.")  # text only by default
    assert tmx.load(tmx_path, keep_codes=True)[0] == ("Noņemtas %d rezervācijas.", "Removed %d reservations.")
    result = CliRunner().invoke(cli, ["pretranslate", str(po_fixtures / "test_pretranslate_inline_codes.pot"),
                                      "-o", str(out), "--tm", str(tmx_path)])
    assert result.exit_code == 0, result.output
    po = polib.pofile(str(out))
    assert po.find("Removed %d reservations.").msgstr == "Noņemtas %d rezervācijas."
    renew = po.find("Press <b>Renew</b> to keep the book.")
    assert renew.msgstr == "Nospiediet <b>Pagarināt</b>, lai paturētu grāmatu." and "fuzzy" not in renew.flags
    done = po.find("Press <i>Return</i> when you are done.")
    assert "fuzzy" in done.flags and done.previous_msgid == "Press <i>Return</i> when done."
    assert done.msgstr == "Kad pabeigts, nospiediet <i>Atdot</i>."
    msgfmt_check(out)


def test_pretranslate_memory_reads_decomposed_text_as_composed():
    # A caller's string with decomposed diacritics (NFD, as some macOS tools and web forms give)
    # finds the entry stored composed, exactly and fuzzily, and the other way round.
    import unicodedata

    composed = "Biedra nauda ir jāmaksā līdz gada beigām."
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    for stored, asked in ((composed, decomposed), (decomposed, composed)):
        memory = Memory([TMEntry(stored, ("Membership fees are due by the end of the year.",), "t:1")])
        assert [e.target for e in memory.exact(asked)] == ["Membership fees are due by the end of the year."]
        matches = memory.fuzzy(asked.replace("beigām", "beigām!"), threshold=90)
        assert matches and matches[0].score > 95
