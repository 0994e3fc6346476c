"""The Python API of `lvterm.align` checks what it is given, as the CLI does.

- language codes: one check (`lvterm.lang.language_code`) for the CLI, `align`, `align_files`,
  `align_batch` and segmentation; any case is normalised ("LV" picks the lv-en constants as "lv"
  does), a non-code ("latvian", "", None) is an ArgumentError (a ValueError) naming the parameter;
- sentences: a str is refused (it would be aligned character by character), any iterable of str
  or of `Segment`s is taken;
- introspection: `inspect.signature(lvterm.align)` and `help(lvterm.align)` are the function's,
  `dir(lvterm)` lists the lazily exported names without importing them.
"""
from __future__ import annotations

import inspect
import os
import pydoc
import re
import subprocess
import sys

import pytest

import lvterm
from lvterm.align import align_files
from lvterm.align.files import align_batch
from lvterm.errors import ArgumentError, InputError
from lvterm.formats.beads import read_sentences
from lvterm.lang import language_code

LV = ["Bibliotēka 2011. gadā atvēra jaunu lasītavu.", "Tajā ir četrdesmit vietu.", "Ieeja ir bez maksas."]
EN = ["In 2011 the library opened a new reading room.", "It has forty seats.", "Admission is free."]


def _seed(fixtures):
    lv, _ = read_sentences(fixtures / "align" / "seed.lv")
    en, _ = read_sentences(fixtures / "align" / "seed.en")
    return lv, en


# --- language codes ---------------------------------------------------------------------------


def test_upper_case_codes_pick_the_lv_en_constants(fixtures):
    lv, en = _seed(fixtures)
    lower = lvterm.align(lv, en, src_lang="lv", tgt_lang="en")
    upper = lvterm.align(lv, en, src_lang="LV", tgt_lang=" EN")
    assert upper == lower  # the same beads with the same confidences, not the generic constants'


@pytest.mark.parametrize("bad", ["latvian", "", None, "l1", "lv-LV"])
def test_align_refuses_what_is_no_language_code(bad):
    with pytest.raises(ArgumentError, match=r"^src_lang .* is not a language code such as lv, en"):
        lvterm.align(LV, EN, src_lang=bad, tgt_lang="en")
    with pytest.raises(ArgumentError, match=r"^tgt_lang "):
        lvterm.align(LV, EN, src_lang="lv", tgt_lang=bad)


def test_align_files_checks_the_codes_before_reading_anything(fixtures, tmp_path):
    with pytest.raises(ArgumentError, match="src_lang 'latvian' is not a language code"):
        align_files(tmp_path / "missing.lv", tmp_path / "missing.en", src_lang="latvian", tgt_lang="en")
    d = fixtures / "align"
    assert (align_files(d / "seed.lv", d / "seed.en", src_lang="Lv", tgt_lang="EN")
            == align_files(d / "seed.lv", d / "seed.en", src_lang="lv", tgt_lang="en"))


def test_align_batch_refuses_a_bad_code_once_before_any_pair(fixtures, tmp_path):
    d = fixtures / "align"
    (tmp_path / "a.lv").write_bytes((d / "seed.lv").read_bytes())
    (tmp_path / "a.en").write_bytes((d / "seed.en").read_bytes())
    (tmp_path / "list.tsv").write_text("a.lv\ta.en\ta.beads\n", encoding="utf-8")
    with pytest.raises(ArgumentError, match="tgt_lang 'english' is not a language code"):
        list(align_batch(tmp_path / "list.tsv", src_lang="lv", tgt_lang="english"))
    assert not (tmp_path / "a.beads").exists()


def test_one_language_code_check():
    assert language_code("LV ") == "lv" and language_code("ltg") == "ltg"  # ISO 639-3: Latgalian
    assert language_code("De", iso_639_1=True) == "de"
    with pytest.raises(ArgumentError, match=r"^'xx' is not an ISO 639-1 code such as lv, en, de$"):
        language_code("xx", iso_639_1=True)  # the CLI's message, word for word
    with pytest.raises(ArgumentError, match=r"^lang 'latviešu' is not a language code"):
        language_code("latviešu", what="lang")


# --- sentences --------------------------------------------------------------------------------


def test_a_str_is_refused_not_aligned_character_by_character():
    with pytest.raises(TypeError, match=r"src must be a sequence of sentences, not a str; split it first, "
                                        r"e\.g\. with lvterm\.segment_text"):
        lvterm.align("Sveiki. Kā iet?", ["Hello.", "How are you?"], src_lang="lv", tgt_lang="en")
    with pytest.raises(TypeError, match="^tgt must be a sequence of sentences, not a str"):
        lvterm.align(["Sveiki.", "Kā iet?"], "Hello. How are you?", src_lang="lv", tgt_lang="en")


def test_any_iterable_of_sentences_and_paragraph_numbers(fixtures):
    lv, en = _seed(fixtures)
    expected = lvterm.align(lv, en, src_lang="lv", tgt_lang="en", src_paragraphs=[0] * len(lv),
                            tgt_paragraphs=[0] * len(en))
    got = lvterm.align((s for s in lv), tuple(en), src_lang="lv", tgt_lang="en",
                       src_paragraphs=(0 for _ in lv), tgt_paragraphs=iter([0] * len(en)))
    assert got == expected and len(got) == 20


def test_segments_are_aligned_by_their_text():
    src = lvterm.segment_text(" ".join(LV), lang="lv")
    tgt = lvterm.segment_text(" ".join(EN), lang="en")
    assert [s.text for s in src] == LV  # "2011. gadā" does not end a sentence
    beads = lvterm.align(src, tgt, src_lang="lv", tgt_lang="en")
    assert beads == lvterm.align(LV, EN, src_lang="lv", tgt_lang="en")
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


@pytest.mark.parametrize("side, message", [
    (None, "src must be a sequence of sentences (str or Segment), not NoneType"),
    (["Teikums.", 7], "src[1] is int, not a sentence (str or Segment)"),
])
def test_other_inputs_are_a_clear_type_error(side, message):
    with pytest.raises(TypeError, match=re.escape(message)):
        lvterm.align(side, EN, src_lang="lv", tgt_lang="en")


# --- introspection ----------------------------------------------------------------------------


def test_signature_and_help_of_the_callable_package():
    from lvterm.align import Bead, dp

    assert inspect.signature(lvterm.align) == inspect.signature(dp.align)
    assert "src_lang" in inspect.signature(lvterm.align).parameters
    first = inspect.getdoc(dp.align).splitlines()[0]
    assert inspect.getdoc(lvterm.align).startswith(first)
    text = pydoc.render_doc(lvterm.align, renderer=pydoc.plaintext)
    assert f"lvterm.align - {first}" in text and "lvterm.align(src, tgt, *, src_lang, tgt_lang" in text
    assert isinstance(lvterm.align(LV[:1], EN[:1], src_lang="lv", tgt_lang="en")[0], Bead)


def test_dir_lists_the_lazy_names_without_importing_them():
    code = ("import sys, lvterm; names = dir(lvterm); "
            "assert {'Library', 'LookupHit', 'align', 'segment_text', '__version__'} <= set(names), names; "
            "assert 'numpy' not in sys.modules and 'lvterm.library' not in sys.modules")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
