"""One fixture per reader: scraped text, saved HTML page, WordPress WXR export, Markdown with front matter."""
import json

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.ingest import htmlpage, ingest, markdown, text, wxr
from lvterm.ingest.pipeline import detect_format
from lvterm.models import Post


def _posts(results):
    results = list(results)
    posts = [r for r in results if isinstance(r, Post)]
    errors = [r for r in results if isinstance(r, InputError)]
    return posts, errors


def test_ingest_text_reader_blocks_and_lines():
    assert text.paragraphs("Virsraksts\n\npirmā rinda\notrā rinda\n\n\n  Beigas  \n") == [
        "Virsraksts", "pirmā rinda otrā rinda", "Beigas"]
    assert text.paragraphs("viena\notra\ntreša") == ["viena", "otra", "treša"]
    assert text.paragraphs("ar\u00a0atstarpi\n\nx") == ["ar\u00a0atstarpi", "x"]  # kept as received


def test_ingest_html_page(fixtures):
    (post,), errors = _posts(ingest([fixtures / "ingest" / "page.html"], lang="lv"))
    assert not errors
    assert post.title == "Bibliotēku nedēļa Valmierā"
    assert post.slug == "biblioteku-nedela-valmiera"
    assert post.author == "Anna Kalniņa"
    assert post.date == "2012-04-23"
    assert post.category == "Pasākumi"
    assert post.meta["link"].startswith("https://bibliotekari.example.org/2012/04/23/")
    assert post.paragraphs == (
        "Aprīļa beigās Valmieras bibliotēkā notika ikgadējā Bibliotēku nedēļa. Apmeklētāji varēja "
        "piedalīties darbnīcās un tikties ar rakstniekiem.",
        "Pasākumu atbalstīja Valmieras novada pašvaldība Latvijas Bibliotekāru biedrība un vietējie uzņēmēji.",
        "Nākamgad bibliotēka plāno līdzīgu nedēļu rīkot arī Cēsīs & Limbažos.",
        "Sīkāka informācija sekos.",
        "Darbnīca bērniem",
        "Lasījumi pieaugušajiem",
    )
    (repair,) = post.repairs
    assert (repair.before, repair.after, repair.paragraph) == ("pašvaldībaLatvijas", "pašvaldība Latvijas", 1)


@pytest.mark.parametrize("page, problem", [
    ("<html><body><div><p>Teksts</span></div></body></html>", "</span> closes no open element"),
    ("<html><body><div><span>Teksts</div></body></html>", "<span> from line 1 is still open"),
    ("<html><body>\n<div class='entry-content'><p>Teksts</p>\n", "<div> is never closed"),
    ("<html><body><p>Teksts</p><div", "tag cut off"),
])
def test_ingest_html_malformed_is_an_error(page, problem):
    with pytest.raises(InputError) as info:
        htmlpage.read(page, source="lapa.html")
    assert problem in str(info.value)
    assert str(info.value).startswith("lapa.html:")


def test_ingest_html_optional_end_tags_are_fine():
    page = "<html><body><article><h1>Virsraksts</h1><p>Viens<p>Divi<ul><li>a<li>b</ul></article></body></html>"
    (draft,) = htmlpage.read(page, source="x.html")
    assert draft.meta["title"] == "Virsraksts"
    assert draft.paragraphs == ("Viens", "Divi", "a", "b")


def test_ingest_wxr_export(fixtures):
    posts, errors = _posts(ingest([fixtures / "ingest" / "export.xml"], lang="lv"))
    assert not errors
    assert [p.title for p in posts] == ["Jaunās grāmatas martā", "Lasītāju klubs sāk jaunu sezonu"]  # attachment skipped
    first = posts[0]
    assert first.author == "Anna Kalniņa"  # wp:author_display_name for dc:creator "anna"
    assert first.date == "2013-03-05"
    assert first.category == "Jaunumi"
    assert first.meta["tags"] == ["grāmatas"]
    assert first.paragraphs == (
        "Martā krājumu papildināja četrdesmit jaunas grāmatas, no tām divpadsmit – bērniem.",
        "Visas jaunās grāmatas var apskatīt elektroniskajā katalogā.",
    )
    assert posts[1].paragraphs[1] == "Šosezon runāsim par latviešu klasiku un jaunāko prozu."


def test_ingest_wxr_broken_item_spares_the_others(fixtures):
    results = list(ingest([fixtures / "ingest" / "export_broken_item.xml"], lang="lv"))
    posts, errors = _posts(results)
    assert [p.title for p in posts] == ["Jaunās grāmatas martā"]
    (error,) = errors
    assert str(error).startswith(f"{fixtures / 'ingest' / 'export_broken_item.xml'}:40 [item 3]: malformed XML")


def test_ingest_wxr_refuses_entities_and_dtds():
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n'
            '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&b;</title></item>'
            '</channel></rss>')
    with pytest.raises(InputError, match="refused unsafe XML"):
        wxr.read(bomb, source="bumba.xml")


def test_ingest_markdown_front_matter(fixtures):
    (post,), errors = _posts(ingest([fixtures / "ingest" / "post_jekyll.md"], lang="lv"))
    assert not errors
    assert post.title == "Digitālā bibliotēka skolās"
    assert post.author == "Jānis Bērziņš"
    assert post.date == "2014-09-01"
    assert post.category == "Izglītība"
    assert post.meta["categories"] == ["Izglītība", "Digitalizācija"]
    assert post.meta["layout"] == "post"
    assert post.paragraphs == (
        "Skolu bibliotēkas arvien biežāk piedāvā e-grāmatas un tiešsaistes datubāzes.",
        "2014. gadā e-grāmatu lasītāju skaits skolās pieauga gandrīz divas reizes.",  # not a list marker
        "Ko piedāvā bibliotēkas",
        "lasītavas ar datoriem",
        "konsultācijas par avotu meklēšanu",
    )


def test_ingest_markdown_keeps_latvian_ordinals_at_line_start():
    paras, _ = markdown.markdown_paragraphs("15. decembrī notika sapulce.\n\n1. punkts\n2. punkts\n")
    assert paras == ["15. decembrī notika sapulce.", "1. punkts", "2. punkts"]


def test_ingest_markdown_round_trips_a_post_file(root, tmp_path):
    """Ingesting an lvterm post file writes the same file back, its `ingested:` digest included."""
    src = root / "corpus" / "posts" / "cpd23-5-socialie-tikli-un-profesionalas-organizacijas.lv.md"
    copy = tmp_path / "in" / src.name
    copy.parent.mkdir()
    copy.write_bytes(src.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(cli, ["ingest", str(copy), "--lang", "lv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = (out / src.name).read_text(encoding="utf-8")
    assert written == src.read_text(encoding="utf-8")
    again = tmp_path / "again"
    again.mkdir()
    (again / src.name).write_bytes((out / src.name).read_bytes())  # one that records it comes back as it is
    (tmp_path / "out2").mkdir()
    result = CliRunner().invoke(cli, ["ingest", str(again / src.name), "--out", str(tmp_path / "out2")])
    assert result.exit_code == 0 and (tmp_path / "out2" / src.name).read_text(encoding="utf-8") == written


def test_ingest_markdown_stated_lang_wins_over_the_default(root):
    """--lang is the language of posts that state none: a post file's own `lang: lv` wins."""
    src = root / "corpus" / "posts" / "cpd23-5-socialie-tikli-un-profesionalas-organizacijas.lv.md"
    (post,) = ingest([src], lang="en")
    assert not isinstance(post, InputError) and post.lang == "lv"


@pytest.mark.parametrize("name, content, expected", [
    ("a.txt", "Virsraksts\n\nTeksts.", "text"),
    ("a.html", "<p>Teksts</p>", "html"),
    ("a.txt", "<!DOCTYPE html><html></html>", "html"),
    ("a.xml", '<rss xmlns:wp="http://wordpress.org/export/1.2/">', "wxr"),
    ("eksports", '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.1/">', "wxr"),
    ("a.md", "Teksts", "markdown"),
    ("a", "---\ntitle: X\n---\nTeksts", "markdown"),
])
def test_ingest_detect_format(name, content, expected, tmp_path):
    assert detect_format(tmp_path / name, content) == expected


def test_ingest_json_lines_for_many_posts(fixtures):
    result = CliRunner().invoke(cli, ["ingest", str(fixtures / "ingest" / "export.xml"),
                                      str(fixtures / "ingest" / "page.html"), "--lang", "lv", "--json"])
    assert result.exit_code == 0, result.output
    objs = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["slug"] for o in objs] == ["jaunas-gramatas-marta", "lasitaju-klubs-sak-jaunu-sezonu",
                                         "biblioteku-nedela-valmiera"]
    for o in objs:
        assert {"title", "author", "date", "category", "lang", "paragraphs", "repairs", "slug", "source"} <= set(o)


def test_ingest_no_break_spaces_are_text_in_every_reader(tmp_path):
    """Only ASCII white space is layout; a no-break space (&nbsp;) stays, as in the scraped seed."""
    (draft,) = htmlpage.read("<html><body><h1>T</h1><p>Nr.&nbsp;5\n   un  vēl</p></body></html>", source="x.html")
    assert draft.paragraphs == ("Nr.\u00a05 un vēl",)
    paras, _ = markdown.markdown_paragraphs("Nr.\u00a05\nun  vēl\n")
    assert paras == ["Nr.\u00a05 un vēl"]
    assert text.paragraphs("Nr.\u00a05\nun vēl\n") == ["Nr.\u00a05", "un vēl"]


def _wxr(*items):
    body = "".join(
        f"<item><title>{title}</title><content:encoded><![CDATA[{content}]]></content:encoded>"
        "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>\n" for title, content in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
            f"\n<channel>\n{body}</channel>\n</rss>\n")


def test_ingest_wxr_item_with_bad_html_or_no_body(tmp_path):
    path = tmp_path / "eksports.xml"
    path.write_text(_wxr(("Labs", "<p>Labs teksts.</p>"), ("Salauzts", "<p>Teksts</div>"), ("Tukšs", "  "),
                         ("Arī labs", "Vēl viens teksts.")), encoding="utf-8")
    posts, errors = _posts(ingest([path], lang="lv"))
    assert [p.title for p in posts] == ["Labs", "Arī labs"]
    assert [str(e).replace(str(path), "F") for e in errors] == [
        "F [item 2 'Salauzts']: malformed HTML: </div> closes no open element (line 1 of its <content:encoded>)",
        "F [item 3 'Tukšs']: has no text (only images, a gallery or embeds, or nothing); not ingested",
    ]


@pytest.mark.parametrize("content, message", [
    ("---\ntitle: [nav aizvērts\n---\n\nTeksts.\n", "bad YAML front matter"),
    ("---\ntitle: X\n\nTeksts bez beigām.\n", "front matter is not closed"),
    ("---\n- saraksts\n---\n\nTeksts.\n", "front matter must be a mapping"),
])
def test_ingest_markdown_bad_front_matter(content, message):
    with pytest.raises(InputError) as info:
        markdown.read(content, source="raksts.md")
    assert message in str(info.value) and str(info.value).startswith("raksts.md:")


def test_ingest_markdown_empty_front_matter_and_heading_title():
    (draft,) = markdown.read("---\n---\n\n# Virsraksts\n\nTeksts.\n", source="a.md")
    assert draft.meta["title"] == "Virsraksts" and draft.paragraphs == ("Teksts.",)


def test_ingest_html_deep_nesting_and_inline_title_spaces():
    """Elements nested past Python's recursion limit are read; a title's inline element keeps the
    space inside it ('Bibliotēku<em> nedēļa</em>' shows as two words)."""
    deep = "<span>" * 1500 + "Lasītava atvērta." + "</span>" * 1500
    page = (f'<html><body><h1 class="entry-title">Bibliotēku<em> nedēļa</em></h1>'
            f'<div class="entry-content"><p>{deep}</p></div></body></html>')
    (draft,) = htmlpage.read(page, source="lapa.html")
    assert draft.meta["title"] == "Bibliotēku nedēļa"
    assert draft.paragraphs == ("Lasītava atvērta.",)
