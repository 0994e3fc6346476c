"""What a WordPress export holds besides the text (fixture tests/fixtures/ingest/wordpress_com.xml):
only public posts are read, shortcodes go, "&amp;" is unescaped, a table row is one paragraph,
footnote markers go and footnotes (classic, and the block editor's in wp:postmeta) stay, embeds go.
"""
from __future__ import annotations

import logging

import pytest

from lvterm.errors import InputError
from lvterm.ingest import htmlpage, ingest
from lvterm.ingest.clean import slugify
from lvterm.models import Post


@pytest.fixture
def posts(fixtures, caplog):
    with caplog.at_level(logging.WARNING, logger="lvterm.ingest.wxr"):
        results = list(ingest([fixtures / "ingest" / "wordpress_com.xml"], lang="lv"))
    assert not [r for r in results if isinstance(r, InputError)], results
    return {p.meta["wp_post_id"]: p for p in results if isinstance(p, Post)}


def test_ingest_wordpress_only_public_posts_and_pages(posts, caplog, fixtures):
    assert sorted(posts) == ["31", "32", "38"]  # two posts and a page; no attachment
    (record,) = [r for r in caplog.get_records("setup") if r.name == "lvterm.ingest.wxr"]
    assert record.getMessage() == (
        f"{fixtures / 'ingest' / 'wordpress_com.xml'}: 5 posts not public, left out: 1 draft, 1 pending review, "
        "1 scheduled (future), 1 private, 1 password-protected")


def test_ingest_wordpress_an_export_of_drafts_only_is_an_error(tmp_path):
    export = tmp_path / "melnraksti.xml"
    export.write_text('<?xml version="1.0"?>\n<rss xmlns:content="http://purl.org/rss/1.0/modules/content/" '
                      'xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>X</title>'
                      '<content:encoded>Teksts.</content:encoded><wp:status>draft</wp:status></item>'
                      '</channel></rss>\n', encoding="utf-8")
    (error,) = ingest([export], lang="lv")
    assert str(error).endswith("no published posts or pages in the export (1 post not public, left out: 1 draft)")


def test_ingest_wordpress_shortcodes_go_and_captions_stay(posts):
    assert posts["31"].paragraphs == (
        "Pavasarī sākām skenēt novada avīzes, kas iznākušas kopš 1920. gada [sic].",
        "Grāmatu skeneris lasītavas stūrī",
        "Skenējam 400 dpi izšķirtspējā, kā iesaka vadlīnijas [1].",
        "Nākamajā ierakstā pastāstīšu par aprakstīšanu.",
    )


@pytest.mark.parametrize("content, expected", [
    ("[caption]<img src='x'/>[/caption]", ""),
    ('[caption caption="Vecais &amp; stils"]<img src="x"/>[/caption]', "<p>Vecais &amp; stils</p>"),
    ("[[gallery]] ir īskods", "[gallery] ir īskods"),
    ("a [embed]\nhttps://x.lv\n[/embed] b", "a \n\n b"),  # line ends kept: lines in the content stay right
    ("[GALLERY ids=1] [galleryx] [sic] [1]", " [galleryx] [sic] [1]"),
    ("[gallery" * 5 + "]", "[gallery" * 4),
])
def test_ingest_wordpress_shortcodes_only_known_names(content, expected):
    from lvterm.ingest import shortcodes

    rules = htmlpage.default_rules().html
    assert shortcodes.strip(content, unwrap=rules.shortcodes_unwrap, drop=rules.shortcodes_drop) == expected


def test_ingest_wordpress_titles_and_terms_are_unescaped(posts):
    post = posts["31"]
    assert post.title == "Skenēšana & apraksti: pirmie mēneši"
    assert post.slug == "skenesana-apraksti-pirmie-menesi"
    assert post.category == "Krājums & apraksti"
    assert post.meta["tags"] == ["skeneri & kameras"]


@pytest.mark.parametrize("title, slug", [
    ("The Children's Jury", "the-childrens-jury"), ("Children’s books", "childrens-books"),
    ("Rock 'n' roll", "rock-n-roll"),
])
def test_ingest_wordpress_slug_drops_apostrophes(title, slug):
    assert slugify(title) == slug


def test_ingest_wordpress_tables_footnotes_and_embeds(posts):
    assert posts["32"].paragraphs == (
        "Pagājušajā gadā bibliotēku apmeklēja biežāk nekā jebkad. Skaitļi ir tabulā.",
        "Rādītājs · 2011 · 2012",
        "Lasītāji · 1 204 · 1 377",
        "Apmeklējumi · 15 020",  # an empty cell leaves no empty place
        "Novada bibliotēkas dati",
        "Skaitīti visi apmeklējumi, arī pasākumos.",  # the classic footnote, without its number
        "Dati no gada pārskata.",  # the block editor's, from wp:postmeta
    )


def test_ingest_wordpress_unreadable_footnotes_are_one_line(tmp_path, fixtures):
    text = (fixtures / "ingest" / "wordpress_com.xml").read_text(encoding="utf-8")
    export = tmp_path / "e.xml"
    export.write_text(text.replace('[{"content":"Dati', '[{"content":4, "x":"Dati'), encoding="utf-8")
    results = list(ingest([export], lang="lv"))
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert "[item 2 'Lasītāju skaits 2012. gadā']: its footnotes (wp:postmeta 'footnotes') are not a JSON list" \
        in str(error)
    (post,) = [r for r in results if isinstance(r, Post) and r.meta["wp_post_id"] == "32"]
    assert post.paragraphs[-1] == "Skaitīti visi apmeklējumi, arī pasākumos."  # read without them


def test_ingest_wordpress_table_in_a_saved_page_and_nested_blocks():
    page = ("<html><body><article><h1>T</h1><table><tr><td><p>Viens</p><p>divi</p></td><td>trīs<br>četri</td>"
            "</tr><tr><th>5</th></tr></table><p>m<sup>2</sup> un 1<sup>st</sup></p>"
            "<ol class='footnotes'><li id='fn-1'>Piezīme. <a href='#ref-1'>↩</a></li></ol></article></body></html>")
    (draft,) = htmlpage.read(page, source="x.html")
    assert draft.paragraphs == ("Viens divi · trīs četri", "5", "m2 un 1st", "Piezīme.")
