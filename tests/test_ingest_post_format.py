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
