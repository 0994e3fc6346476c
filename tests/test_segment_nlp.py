"""make_nlp: blank pipelines per language with our component; cached; nothing built at import."""
import subprocess
import sys

import pytest

from lvterm.segment.component import COMPONENT
from lvterm.errors import InputError
from lvterm.segment import make_nlp, segment_post, segment_text
from lvterm.models import Post


@pytest.mark.parametrize("lang, spacy_lang", [("lv", "lv"), ("en", "en"), ("de", "de"), ("qq", "xx")])
def test_segment_make_nlp_blank_pipeline_per_language(lang, spacy_lang):
    nlp = make_nlp(lang)
    assert nlp.lang == spacy_lang
    assert nlp.pipe_names == [COMPONENT]
    assert make_nlp(lang) is nlp  # cached


def test_segment_make_nlp_rejects_non_codes():
    with pytest.raises(InputError):
        make_nlp("latviešu")


def test_segment_nlp_sets_sentences_on_docs():
    doc = make_nlp("lv")("Tas notika 2011. gadā. Nākamajā gadā u.c. Viss.")
    assert [s.text for s in doc.sents] == ["Tas notika 2011. gadā.", "Nākamajā gadā u.c.", "Viss."]


def test_segment_nothing_built_at_import():
    code = "import sys, lvterm.segment, lvterm.cli; print('spacy' in sys.modules, 'pysbd' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_segment_post_uses_post_language_and_paragraphs():
    post = Post(slug="x", lang="en", title="T", paragraphs=("Dr. Smith came at 9 a.m. He left.", "Bye."))
    segs = segment_post(post)
    assert [(s.index, s.paragraph, s.start, s.end, s.text) for s in segs] == [
        (0, 0, 0, 24, "Dr. Smith came at 9 a.m."), (1, 0, 25, 33, "He left."), (2, 1, 0, 4, "Bye.")]


@pytest.mark.slow
def test_segment_long_paragraph_beyond_spacy_default_limit():
    text = "Teikums ar 2011. gadu u.c. vārdiem. " * 40_000  # 1.4M characters, one paragraph
    segs = segment_text(text, lang="lv")
    assert len(segs) == 40_000 and segs[-1].text == "Teikums ar 2011. gadu u.c. vārdiem."
