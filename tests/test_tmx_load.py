"""formats.tmx: reading TMX into (lv, en) pairs, clear errors, and the dump/load round trip."""
from __future__ import annotations

import functools
import io
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.errors import InputError
from lvterm.formats import tmx


def test_tmx_load_inline_codes_and_language_variants(fixtures):
    pairs = tmx.load(fixtures / "tmx" / "test_tmx_load_inline.tmx")
    assert pairs == [("Lasiet vairāk šeit.", "Read more here."),
                     ("Bibliotēka ver durvis deviņos.", "The library opens at nine.")]


def test_tmx_load_missing_seg_is_a_clear_error(fixtures):
    with pytest.raises(InputError) as err:
        tmx.load(fixtures / "tmx" / "test_tmx_load_missing_seg.tmx")
    message = str(err.value)
    assert "test_tmx_load_missing_seg.tmx" in message and "tu 2" in message and "<seg>" in message


def test_tmx_load_wrong_language_pair(fixtures):
    with pytest.raises(InputError, match=r"wrong language pair: expected lv and en, found de, fr"):
        tmx.load(fixtures / "tmx" / "test_tmx_load_wrong_pair.tmx")


@pytest.mark.parametrize("text, problem", [
    ("<tmx version='1.4'><body><tu>", "not well-formed"),
    ("<xliff version='1.2'/>", "not a TMX file"),
])
def test_tmx_load_not_tmx(text, problem):
    with pytest.raises(InputError, match=problem):
        tmx.loads(text, path="bad.tmx")


def test_tmx_load_refuses_entity_expansion():
    bomb = ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
            '<tmx version="1.4"><body/></tmx>')
    with pytest.raises(InputError):
        tmx.loads(bomb, path="bomb.tmx")


def test_tmx_load_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        tmx.load(tmp_path / "none.tmx")


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")) | st.sampled_from("āčēģīķļņšūž<>&\"'"),
                min_size=1, max_size=40).filter(lambda s: s.strip() and s == s.strip())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_text, _text), max_size=8), st.sampled_from(["lv", "en"]))
def test_tmx_dump_load_round_trip(pairs, srclang):
    units = [tmx.TMXUnit.of({"lv": lv, "en": en}, props=(("x-confidence", "0.5"),)) for lv, en in pairs]
    buf = io.StringIO()
    tmx.dump(units, buf, srclang=srclang)
    nfc = functools.partial(unicodedata.normalize, "NFC")  # text is read in NFC (lvterm.textio)
    assert tmx.loads(buf.getvalue()) == [(nfc(lv), nfc(en)) for lv, en in pairs]


def test_tmx_dump_skips_units_with_an_empty_side():
    units = [tmx.TMXUnit.of({"lv": "Sveiki!", "en": ""}), tmx.TMXUnit.of({"lv": "\x01", "en": "Hi"}),
             tmx.TMXUnit.of({"lv": "Jā", "en": "Yes"})]
    assert tmx.loads(tmx.dumps(units)) == [("Jā", "Yes")]


def test_tmx_load_folder_is_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        tmx.load(tmp_path)


def test_tmx_load_deeply_nested_inline_markup():
    deep = "<g>" * 1500 + "Lasītava" + "</g>" * 1500
    text = ('<tmx version="1.4"><header/><body><tu><tuv xml:lang="lv"><seg>' + deep + ' <ph>&lt;b&gt;</ph>atvērta'
            '</seg></tuv><tuv xml:lang="en"><seg>Reading room open</seg></tuv></tu></body></tmx>')
    assert tmx.loads(text) == [("Lasītava atvērta", "Reading room open")]
