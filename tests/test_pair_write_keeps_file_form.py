"""`lvterm pair --write` declares a pair in post files as they are written: a file with CRLF line
ends (a Windows checkout) and a UTF-8 byte-order mark keeps both, and all it held, with only the
`translations:` entry added; an LF file without a mark stays so."""
from __future__ import annotations

import codecs

from click.testing import CliRunner

from lvterm import pairing
from lvterm.cli import cli
from lvterm.formats import post as postfmt

# Written for this test: a hand-written Latvian post (a comment, an unquoted date) and its English
# translation, which share numbers and names enough to pair.
LV = ("---\n"
      "slug: lasitava\n"
      "lang: lv\n"
      "title: Lasītava 2014. gadā\n"
      "date: 2016-03-01\n"
      "# rakstīts ar roku, nevis ielasīts\n"
      "---\n"
      "\n"
      "Rīgas Centrālās bibliotēkas lasītava 2014. gadā bija atvērta 312 dienas.\n"
      "\n"
      "Lasītavā strādāja 14 bibliotekāri, un to apmeklēja 48 500 lasītāju.\n")
EN = ("---\n"
      "slug: reading-room\n"
      "lang: en\n"
      "title: The reading room in 2014\n"
      "date: 2016-03-02\n"
      "---\n"
      "\n"
      "In 2014 the reading room of the Riga Central Library was open on 312 days.\n"
      "\n"
      "Fourteen librarians worked in the reading room, and 48,500 readers visited it.\n")


def _with_translation(text: str, line: str) -> str:
    """`text` with `line` added as the last front matter entry (where `rewritten` puts it here)."""
    return text.replace("\n---\n\n", f"\n{line}---\n\n", 1)


def _folder(tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "lasitava.lv.md").write_bytes(codecs.BOM_UTF8 + LV.replace("\n", "\r\n").encode("utf-8"))
    (folder / "reading-room.en.md").write_bytes(EN.encode("utf-8"))
    return folder


def _expected():
    lv = _with_translation(LV, "translations:\n  en: reading-room\n")
    en = _with_translation(EN, "translations:\n  lv: lasitava\n")
    return codecs.BOM_UTF8 + lv.replace("\n", "\r\n").encode("utf-8"), en.encode("utf-8")


def test_pair_write_keeps_crlf_and_bom(tmp_path):
    folder = _folder(tmp_path)
    result = CliRunner().invoke(cli, ["pair", str(folder), "--write", "--termbase", str(tmp_path / "none")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("lasitava\treading-room\t"), result.stdout
    lv, en = _expected()
    assert (folder / "lasitava.lv.md").read_bytes() == lv
    assert (folder / "reading-room.en.md").read_bytes() == en
    assert {p.id: dict(p.translations) for p in postfmt.load_corpus(folder)} == {
        "lasitava.lv": {"en": "reading-room"}, "reading-room.en": {"lv": "lasitava"}}
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


def test_pair_write_python_api_keeps_crlf_and_bom(tmp_path):
    folder = _folder(tmp_path)
    found = pairing.propose_folder(folder, write=True)
    assert [(p.src.slug, p.tgt.slug) for p in found.proposals] == [("lasitava", "reading-room")]
    assert [(folder / "lasitava.lv.md").read_bytes(), (folder / "reading-room.en.md").read_bytes()] == \
        list(_expected())


def test_pair_write_follows_the_dominant_line_end_and_keeps_utf16(tmp_path):
    """A mostly-LF file with one stray CRLF line (one line saved on Windows) is written LF, not made
    CRLF throughout; an old Mac's CR-only file stays CR; a UTF-16 file stays UTF-16, its mark kept."""
    folder = tmp_path / "posts"
    folder.mkdir()
    en = EN.encode("utf-8").replace(b"date: 2016-03-02\n", b"date: 2016-03-02\r\n")
    assert en.count(b"\r\n") == 1
    for name, data, expected in [
            ("utf-16", codecs.BOM_UTF16_LE + LV.replace("\n", "\r\n").encode("utf-16-le"),
             lambda text: codecs.BOM_UTF16_LE + text.replace("\n", "\r\n").encode("utf-16-le")),
            ("cr", LV.replace("\n", "\r").encode("utf-8"), lambda text: text.replace("\n", "\r").encode("utf-8"))]:
        (folder / "reading-room.en.md").write_bytes(en)
        lv = folder / "lasitava.lv.md"
        lv.write_bytes(data)
        result = CliRunner().invoke(cli, ["pair", str(folder), "--write", "--termbase", str(tmp_path / "none")])
        assert result.exit_code == 0, (name, result.output)
        lv_text, en_text = (_with_translation(LV, "translations:\n  en: reading-room\n"),
                            _with_translation(EN, "translations:\n  lv: lasitava\n"))
        assert lv.read_bytes() == expected(lv_text), name
        assert (folder / "reading-room.en.md").read_bytes() == en_text.encode("utf-8"), name
