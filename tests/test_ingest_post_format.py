"""Post files read back: paragraphs, line numbers and bad front matter (formats/post.py)."""
from __future__ import annotations

import pytest

from lvterm.errors import InputError
from lvterm.formats import post as post_format

HEAD = "---\nslug: lasitava\nlang: lv\ntitle: Lasītava\n---\n\n"


def test_ingest_post_format_blank_line_with_spaces_separates_paragraphs():
    """A separator line holding spaces is a blank line for paragraphs as for `paragraph_lines`."""
    text = HEAD + "Lasītava atvērta 2011. gadā.\n  \nTā strādā arī sestdienās.\n"
    post = post_format.loads(text)
    assert post.paragraphs == ("Lasītava atvērta 2011. gadā.", "Tā strādā arī sestdienās.")
    assert post_format.paragraph_lines(text) == [7, 9]


@pytest.mark.parametrize("front, field", [
    ("translations: en\n", "translations"),
    ("translations: [en]\n", "translations"),
    ("repairs: [split]\n", "repairs"),
    ("repairs: [{kind: x}]\n", "repairs"),
])
def test_ingest_post_format_bad_front_matter_field_is_input_error(front, field):
    with pytest.raises(InputError, match=field) as err:
        post_format.loads(HEAD.replace("---\n\n", front + "---\n\n") + "Teksts.\n", path="p.lv.md")
    assert str(err.value).startswith("p.lv.md:2:")


def test_ingest_post_format_load_path_not_utf8_is_input_error(tmp_path):
    path = tmp_path / "lasitava.lv.md"
    path.write_bytes(HEAD.encode() + "Lasītava.\n".encode("cp1257"))
    with pytest.raises(InputError, match="not UTF-8") as err:
        post_format.load(path)
    assert str(err.value).startswith(f"{path}:7:")


def test_ingest_post_format_impossible_date_is_input_error():
    """PyYAML raises ValueError (not YAMLError) for 2011-02-30: still one line naming the file."""
    with pytest.raises(InputError, match="bad YAML front matter: day is out of range") as err:
        post_format.loads(HEAD.replace("---\n\n", "date: 2011-02-30\n---\n\n") + "Teksts.\n", path="p.lv.md")
    assert str(err.value).startswith("p.lv.md")


def test_post_format_windows_line_ends_read_like_unix_ones():
    from lvterm.formats import post as post_format
    from lvterm.models import Post

    post = Post(slug="a", lang="lv", title="Tīklošana", paragraphs=("Pirmā rindkopa.", "Otrā rindkopa."))
    unix = post_format.dumps(post)
    windows = unix.replace("\n", "\r\n")
    assert post_format.loads(windows) == post_format.loads(unix)
    assert post_format.paragraph_lines(windows) == post_format.paragraph_lines(unix)


HAND_WRITTEN = """---
# written by hand: this comment stays
slug: lasitava
lang: lv
title: "Lasītava"   # quoted on purpose
translations: {de: lesesaal}
# the author's full name
author: Anna Bērziņa
---

Lasītava atvērta 2011. gadā.
Tā strādā arī sestdienās.


Otrā rindkopa.
"""


def test_post_format_declaring_a_translation_keeps_the_rest_of_a_hand_written_file(tmp_path):
    """`pair --write` and ingest declare translations in files someone may have written by hand:
    only the translations entry changes; comments, quoting and the body's line breaks stay."""
    import dataclasses

    path = tmp_path / "lasitava.lv.md"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    post = post_format.load(path)
    paired = dataclasses.replace(post, translations={**post.translations, "en": "reading-room"})
    post_format.dump_files([(paired, path)])
    text = path.read_text(encoding="utf-8")
    assert text == HAND_WRITTEN.replace("translations: {de: lesesaal}\n",
                                        "translations:\n  de: lesesaal\n  en: reading-room\n")
    assert post_format.load(path) == paired
    # added where there was none (at the end of the front matter); removed when none is left
    bare = HAND_WRITTEN.replace("translations: {de: lesesaal}\n", "")
    path.write_text(bare, encoding="utf-8")
    alone = dataclasses.replace(post, translations={})
    assert post_format.rewritten(dataclasses.replace(alone, translations={"en": "x"}), bare) == bare.replace(
        "author: Anna Bērziņa\n---", "author: Anna Bērziņa\ntranslations:\n  en: x\n---")
    assert post_format.rewritten(alone, HAND_WRITTEN) == bare


@pytest.mark.parametrize("change", ["title", "paragraphs", "crlf"])
def test_post_format_a_post_changed_otherwise_is_written_whole(change):
    """Anything but the translations changed (or a file `rewritten` does not edit in place): the
    whole post as `dumps` writes it, which reads back as the post."""
    import dataclasses

    old = HAND_WRITTEN.replace("\n", "\r\n") if change == "crlf" else HAND_WRITTEN
    post = post_format.loads(old)
    new = {"title": dataclasses.replace(post, title="Cits"),
           "paragraphs": dataclasses.replace(post, paragraphs=("Viena.",)),
           "crlf": dataclasses.replace(post, translations={"en": "reading-room"})}[change]
    text = post_format.rewritten(new, old)
    assert text == post_format.dumps(new) and post_format.loads(text) == new


@pytest.mark.parametrize("old", [HAND_WRITTEN, HAND_WRITTEN.replace("translations: {de: lesesaal}\n", ""),
                                 HAND_WRITTEN.replace("translations: {de: lesesaal}\n",
                                                      "translations:\n  # the German one\n  de: lesesaal\n")])
def test_post_format_rewritten_always_reads_back_as_the_post(old):
    import dataclasses

    from hypothesis import given, settings
    from hypothesis import strategies as st

    post = post_format.loads(old)
    slugs = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)

    @settings(max_examples=60, deadline=None)
    @given(st.dictionaries(st.sampled_from(["en", "de", "fr", "et", "lt"]), slugs, max_size=4))
    def check(translations):
        new = dataclasses.replace(post, translations=translations)
        text = post_format.rewritten(new, old)
        assert post_format.loads(text) == new
        assert "# written by hand: this comment stays" in text and "# the author's full name" in text

    check()


@pytest.mark.parametrize("key", ['"translations"', "'translations'", "? translations\n"])
def test_post_format_a_translations_key_written_otherwise_is_not_doubled(key):
    """A quoted (or explicit) `translations` key is not edited in place: the post is written whole,
    with one translations entry (a second key would be invalid YAML for stricter readers)."""
    import dataclasses

    entry = f"{key}: {{de: lesesaal}}\n" if not key.startswith("?") else f"{key}: {{de: lesesaal}}\n"
    old = HEAD.replace("---\n\n", entry + "---\n\n") + "Teksts.\n"
    post = post_format.loads(old)
    assert post.translations == {"de": "lesesaal"}
    new = dataclasses.replace(post, translations={"de": "lesesaal", "en": "reading-room"})
    text = post_format.rewritten(new, old)
    assert text == post_format.dumps(new) and text.count("translations") == 1
