"""Markdown whose front matter looks like a post file's (slug, lang, title) is read as Markdown unless
it is an lvterm post file (with `source:` and an exact language code): Hugo's `lang: lv-LV` is
reduced to lv, emphasis, headings, links, quotes and lists become text, Hugo shortcodes and footnote
markers go, footnotes stay. Fixture: tests/fixtures/ingest/hugo_post.md.
"""
from __future__ import annotations

import pytest

from lvterm.errors import InputError
from lvterm.formats import post as post_format
from lvterm.ingest import ingest, markdown
from lvterm.models import Post

PARAGRAPHS = (
    "Septembrī bibliotēkā notika dzejas vakars, kurā piedalījās trīs novada dzejnieki.",
    "Ko lasīja",
    "jaunus dzejoļus;",
    "atmiņas par skolas gadiem;",
    "un vienu dziesmu.",
    "Ieraksts ir novada vietnē.",
    "Dzeja ir valoda, kurā runā klusums.",
    "Dzejnieki lasītavā",  # the figure's caption
    "Nākamais vakars būs decembrī.",  # a paired shortcode's text
    "Viens no viņiem lasīja pirmo reizi.",  # the footnote, at the end
)


@pytest.mark.parametrize("lang", ["lv-LV", "lv"])
def test_ingest_markdown_hugo_post_with_slug_and_lang(fixtures, tmp_path, lang):
    text = (fixtures / "ingest" / "hugo_post.md").read_text(encoding="utf-8")
    source = tmp_path / "dzeja.md"
    source.write_text(text.replace("lang: lv-LV", f"lang: {lang}"), encoding="utf-8")
    (post,) = ingest([source])
    assert isinstance(post, Post), post
    assert (post.slug, post.lang, post.title, post.date) == ("dzejas-vakars", "lv", "Dzejas vakars bibliotēkā",
                                                             "2013-09-12")
    assert post.paragraphs == PARAGRAPHS
    assert post.source == str(source)


def test_ingest_markdown_an_lvterm_post_file_still_round_trips(root):
    src = root / "corpus" / "posts" / "cpd23-5-socialie-tikli-un-profesionalas-organizacijas.lv.md"
    (post,) = ingest([src])
    assert post == post_format.load(src)


@pytest.mark.parametrize("front, line, message", [
    ("lang: '../x'\n", 3, "lang '../x' is not a language code"),
    ("lang: lv\ntranslations: {en: '../x'}\n", 4, "translation slug '../x' is not a slug"),
])
def test_ingest_markdown_bad_lang_or_translation_names_its_line(front, line, message):
    with pytest.raises(InputError) as info:
        markdown.read(f"---\ntitle: X\n{front}---\n\nTeksts.\n", source="x.md")
    assert str(info.value).startswith(f"x.md:{line}: {message}")


def test_ingest_markdown_footnote_markers_and_definitions():
    body, notes = markdown.footnotes("Teksts[^a] un vēl[^2].\n\n[^a]: Pirmā.\n[^2]: Otrā\n    turpinās.\n")
    assert body.split() == ["Teksts", "un", "vēl."] and notes == ["Pirmā.", "Otrā\n    turpinās."]


def test_ingest_markdown_a_nested_outline_is_read_whole():
    """markdown-it's default nesting bound (20) dropped a list's levels past the ninth, silently."""
    from lvterm.ingest.markdown import read

    text = "---\ntitle: Klasifikācija\n---\n\nIevads.\n\n" + "".join(
        "  " * i + f"- Līmenis {i + 1} klasifikācijā\n" for i in range(12))
    [draft] = read(text, source="outline.md")
    assert draft.paragraphs[-1] == "Līmenis 12 klasifikācijā" and len(draft.paragraphs) == 13


def test_ingest_markdown_nested_past_the_bound_is_one_line_naming_it():
    from lvterm.errors import InputError
    from lvterm.ingest.markdown import read

    text = "---\ntitle: Dziļi\n---\n\nIevads.\n\n" + "".join("  " * i + f"- Līmenis {i + 1}\n" for i in range(60))
    with pytest.raises(InputError) as err:
        read(text, source="deep.md")
    assert str(err.value) == ("deep.md:55: malformed Markdown: lists or quotes nested about 50 levels deep or "
                              "more; the text past that would be lost")
    quotes = "---\ntitle: Citāts\n---\n\nIevads.\n\n" + ">" * 150 + " dziļš citāts\n\nBeigas.\n"
    with pytest.raises(InputError):
        read(quotes, source="q.md")


def test_ingest_markdown_nested_past_the_bound_keeps_its_line_with_a_footnote():
    from lvterm.errors import InputError
    from lvterm.ingest.markdown import read

    text = ("---\ntitle: Dziļi\n---\n\nIevads.[^1]\n\n" + "".join("  " * i + f"- Līmenis {i + 1}\n" for i in range(60))
            + "\n[^1]: Piezīme.\n")
    with pytest.raises(InputError) as err:
        read(text, source="deep.md")
    assert str(err.value).startswith("deep.md:55: malformed Markdown")
