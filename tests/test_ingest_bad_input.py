"""Bad input through the CLI: one line per problem naming the file, the rest still ingested, exit 2,
nothing half-written in the output folder."""
import json
import shutil

import pytest
from click.testing import CliRunner

from lvterm.cli import cli

GOOD = "Posted in Pasākumi\n\nLasīšanas maratons\n\nBērni lasīja visu nakti.\n\nAdvertisements\n"
BAD = {
    "empty.txt": (b"", "empty file"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
    "undecodable.txt": ("Virsraksts\n\nTeksts ".encode("utf-8") + b"\x81\x83\x8a\n", "undecodable bytes"),
    "malformed.html": (b"<html><body><div class='entry-content'><p>Teksts</span></div></body></html>",
                       "malformed HTML"),
    "malformed.xml": (b'<?xml version="1.0"?>\n<rss><channel><item><title>X</item>\n', "malformed XML"),
    "nobody.txt": ("Posted in Pasākumi\n\nTikai virsraksts\n\nAdvertisements\n\nIzsaki viedokli!\n".encode("utf-8"),
                   "no body text"),
}


@pytest.fixture()
def inputs(tmp_path, fixtures):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, (data, _) in BAD.items():
        (folder / name).write_bytes(data)
    shutil.copy(fixtures / "ingest" / "export_broken_item.xml", folder / "export_broken_item.xml")
    out = tmp_path / "posts"
    out.mkdir()
    return folder, out


def _run(args):
    return CliRunner().invoke(cli, ["ingest", *args])


def test_ingest_bad_input_one_line_each_and_exit_2(inputs):
    folder, out = inputs
    names = ["empty.txt", "good.txt", "binary.txt", "undecodable.txt", "malformed.html", "malformed.xml",
             "nobody.txt", "export_broken_item.xml"]
    result = _run([str(folder / n) for n in names] + ["--lang", "lv", "--out", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == len(BAD) + 1  # one per bad file, and one for the broken WXR item
    for name, (_, message) in BAD.items():
        (line,) = [ln for ln in lines if f"{folder / name}" in ln]
        assert message in line
    (item_line,) = [ln for ln in lines if "export_broken_item.xml" in ln]
    assert "[item 3]" in item_line and ":40 " in item_line  # its </titel>
    assert "Traceback" not in result.output
    # every good input was still ingested, and nothing else is in the folder (no temp files)
    assert sorted(p.name for p in out.iterdir()) == ["jaunas-gramatas-marta.lv.md", "lasisanas-maratons.lv.md"]
    assert (out / "lasisanas-maratons.lv.md").read_text(encoding="utf-8").endswith("\n\nBērni lasīja visu nakti.\n")


def test_ingest_bad_input_json_mode_still_prints_the_good_posts(inputs):
    folder, out = inputs
    result = _run([str(folder / "binary.txt"), str(folder / "good.txt"), "--lang", "lv", "--json"])
    assert result.exit_code == 2
    (obj,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert obj["title"] == "Lasīšanas maratons" and obj["paragraphs"] == ["Bērni lasīja visu nakti."]
    assert result.stderr.count("\n") == 1 and "binary.txt" in result.stderr


def test_ingest_bad_input_missing_file(inputs):
    folder, out = inputs
    result = _run([str(folder / "nav.txt"), str(folder / "good.txt"), "--lang", "lv", "--out", str(out)])
    assert result.exit_code == 2
    assert "nav.txt: cannot read" in result.stderr
    assert (out / "lasisanas-maratons.lv.md").exists()


def test_ingest_bad_input_missing_output_folder_writes_nothing(inputs, tmp_path):
    folder, _ = inputs
    result = _run([str(folder / "good.txt"), "--lang", "lv", "--out", str(tmp_path / "nav")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"lvterm: {tmp_path / 'nav'}: output folder does not exist"
    assert not (tmp_path / "nav").exists()


def test_ingest_bad_input_failed_write_leaves_no_partial_file(inputs, monkeypatch):
    """A crash while writing a post file leaves neither the file nor a temp file behind."""
    folder, out = inputs
    from lvterm.formats import post as post_format

    def explode(fd):  # the post file's text is written, then it cannot be stored
        raise OSError("disk full")

    monkeypatch.setattr(post_format.os, "fsync", explode)
    result = _run([str(folder / "good.txt"), str(folder / "export_broken_item.xml"), "--lang", "lv",
                   "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr.count("cannot write: disk full") == 2 and "Traceback" not in result.output
    assert list(out.iterdir()) == []


def test_ingest_bad_input_folder_argument(inputs):
    """A folder argument ingests every file in it, bad ones reported, good ones kept."""
    folder, out = inputs
    result = _run([str(folder), "--lang", "lv", "--out", str(out)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == len(BAD) + 1
    assert len(list(out.iterdir())) == 2


def test_ingest_bad_input_committed_fixtures(fixtures, tmp_path):
    """tests/fixtures/ingest/bad/: each file gets its one line; the good seed beside them is written."""
    bad = fixtures / "ingest" / "bad"
    out = tmp_path / "posts"
    out.mkdir()
    expected = {"empty.txt": ": empty file", "binary.txt": ": binary file",
                "undecodable.txt": ":3: undecodable bytes", "malformed.html": ":4: malformed HTML",
                "malformed.xml": ":5: malformed XML", "nobody.txt": ": no body text"}
    assert sorted(p.name for p in bad.iterdir()) == sorted(expected)
    result = _run([str(bad), str(fixtures / "ingest" / "page.html"), "--lang", "lv", "--out", str(out)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected)
    for name, message in expected.items():
        (line,) = [ln for ln in lines if f"{bad / name}" in ln]
        assert line.startswith(f"lvterm: {bad / name}{message}")
    assert [p.name for p in out.iterdir()] == ["biblioteku-nedela-valmiera.lv.md"]


@pytest.mark.parametrize("items, message", [
    ("", "no posts or pages in the export (no <item>s)"),
    ("<item><title>logo.png</title><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status></item>",
     "no posts or pages in the export (1 other item skipped)"),
])
def test_ingest_bad_input_export_without_posts_is_reported(tmp_path, items, message):
    export = tmp_path / "export.xml"
    export.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
                      'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Blogs</title>'
                      f'{items}</channel></rss>\n', encoding="utf-8")
    result = _run([str(export), "--lang", "lv", "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == f"lvterm: {export}: {message}"


@pytest.mark.parametrize("front, message", [
    ("translations: en", ": 'translations' must map languages to slugs ({en: slug})"),
    ("categories: {pasākumi: 1}", ":1: front matter 'categories' must be a name or a list of names"),
    ("date: 2011-02-30", ":3: bad YAML front matter: day is out of range for month"),  # at its line
])
def test_ingest_bad_input_odd_front_matter_is_one_line(tmp_path, front, message):
    md = tmp_path / "lasitava.md"
    md.write_text(f"---\ntitle: Lasītava\n{front}\n---\n\nLasītava atvērta 2011. gadā.\n", encoding="utf-8")
    result = _run([str(md), "--lang", "lv", "--json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip() == f"lvterm: {md}{message}"


def test_ingest_bad_input_category_number_is_a_name(tmp_path):
    md = tmp_path / "lasitava.md"
    md.write_text("---\ntitle: Lasītava\ncategory: 2011\n---\n\nLasītava atvērta 2011. gadā.\n", encoding="utf-8")
    result = _run([str(md), "--lang", "lv", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["category"] == "2011"


def test_ingest_bad_input_nested_front_matter_date_prints_as_json(tmp_path):
    md = tmp_path / "lasitava.md"
    md.write_text("---\ntitle: Lasītava\nhistory:\n  created: 2011-01-01\n---\n\nLasītava atvērta.\n", encoding="utf-8")
    result = _run([str(md), "--lang", "lv", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["history"] == {"created": "2011-01-01"}


def test_ingest_bad_input_a_paragraph_over_the_line_limit_is_refused(tmp_path):
    """A post file every later command refuses (`a line of 1,098,000 characters`) is never written."""
    from lvterm.textio import MAX_LINE_CHARS

    huge = tmp_path / "huge.txt"
    huge.write_text("Virsraksts\n\n" + "vārds " * (MAX_LINE_CHARS // 6 + 1000) + "\n", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "posts"
    out.mkdir()
    result = _run([str(huge), str(good), "--lang", "lv", "--out", str(out)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"lvterm: {huge}: paragraph 1 has 1,00") and "characters; the limit is 1,000,000" in line, line
    assert [p.name for p in out.iterdir()] == ["lasisanas-maratons.lv.md"]


def test_ingest_a_declared_slug_another_post_has_is_renumbered_with_a_warning(tmp_path):
    """Two posts declaring `slug: hours` were written as hours and hours-2 without a word, and a
    translation naming `hours` then meant whichever came first."""
    out = tmp_path / "out"
    out.mkdir()
    for name, title, text in (("a.md", "Opening hours", "The reading room opens at nine."),
                              ("b.md", "Summer hours", "In summer the library closes at five.")):
        (tmp_path / name).write_text(f"---\ntitle: {title}\nslug: hours\nlang: en\n---\n\n{text}\n", encoding="utf-8")
    result = _run([str(tmp_path / "a.md"), str(tmp_path / "b.md"), "--out", str(out)])
    assert result.exit_code == 0 and sorted(p.name for p in out.iterdir()) == ["hours-2.en.md", "hours.en.md"]
    assert result.stderr == (f"lvterm: {tmp_path / 'b.md'}: its slug 'hours' is another post's (hours.en); written as "
                             "hours-2.en: a translation naming hours means that other post\n")
    # a slug made from the title is numbered as before, quietly
    (tmp_path / "c.md").write_text("---\ntitle: Opening hours\n---\n\nThe hall opens at ten.\n", encoding="utf-8")
    again = _run([str(tmp_path / "c.md"), "--lang", "en", "--out", str(out)])
    assert again.exit_code == 0 and again.stderr == ""


def test_ingest_text_in_the_other_language_is_a_warning(tmp_path):
    """English text given --lang lv was written as a Latvian post without a word: its terms would
    go to the Latvian side of the termbase."""
    text = tmp_path / "hours.txt"
    text.write_text("Library hours\n\nThe reading room of the library is open from nine in the morning until six "
                    "in the evening, and on Saturdays until two.\n\nMembers can borrow up to ten books at a time.\n",
                    encoding="utf-8")
    result = _run([str(text), "--lang", "lv", "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout.splitlines()[0])["lang"] == "lv"
    assert result.stderr == (f"lvterm: {text}: its text reads as English, not Latvian: written as library-hours.lv "
                             "all the same; if it is English, give --lang en\n")
    assert _run([str(text), "--lang", "en", "--json"]).stderr == ""


def test_ingest_an_english_post_naming_latvian_places_is_no_latvian_text(tmp_path):
    post = tmp_path / "visits.md"
    post.write_text("---\ntitle: Visits\nlang: en\n---\n\nLast year we visited Latvijas Nacionālā bibliotēka, Rīgas "
                    "Centrālā bibliotēka, Liepājas Centrālā zinātniskā bibliotēka, Ventspils Galvenā bibliotēka, "
                    "Cēsu Centrālā bibliotēka and Jelgavas Zinātniskā bibliotēka with Jānis Bērziņš, Dace Ūdre, "
                    "Māra Kalniņa and Ilze Ozoliņa, who told us about their reading rooms.\n", encoding="utf-8")
    assert _run([str(post), "--json"]).stderr == ""
