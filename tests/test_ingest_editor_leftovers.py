"""What the WordPress editors leave in a post that is not its text: a file block's "Lejupielādēt"
button (and its title when that is only the file's name), buttons, bare URLs WordPress shows as
embeds (YouTube, audio files), a post's "Lapas: 1 2" links and WordPress.com's Jetpack blocks go;
the authored text around them (a file's title in words, captions, a quote's citation, a details
block's summary) stays, each a paragraph of its own.
"""
from __future__ import annotations

import pytest

from lvterm.errors import InputError
from lvterm.ingest import htmlpage, ingest, shortcodes, text
from lvterm.ingest.clean import clean
from lvterm.ingest.rules import parse
from lvterm.models import Post

_WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Ozolkalna bibliotēka</title><link>https://ozolkalns.example.lv</link>
<item><title>Pieraksts bibliotēkā</title><dc:creator>ilze</dc:creator>
<wp:post_id>7</wp:post_id><wp:post_date>2024-10-01 09:00:00</wp:post_date>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<content:encoded><![CDATA[{content}]]></content:encoded></item>
</channel></rss>
"""


def paragraphs(tmp_path, content: str) -> tuple[str, ...]:
    """The body of a one-post WordPress export whose post content is `content`, as ingested."""
    export = tmp_path / "eksports.xml"
    export.write_text(_WXR.format(content=content), encoding="utf-8")
    (post,) = ingest([export], lang="lv")
    assert isinstance(post, Post), post
    return post.paragraphs


FILE_BLOCK = """<!-- wp:paragraph -->
<p>Pieteikuma anketu var aizpildīt arī mājās.</p>
<!-- /wp:paragraph -->

<!-- wp:file {"id":91,"href":"/wp-content/uploads/anketa-2024.pdf"} -->
<div class="wp-block-file"><a id="wp-block-file--media-a1" href="/wp-content/uploads/anketa-2024.pdf">anketa-2024</a><a href="/wp-content/uploads/anketa-2024.pdf" class="wp-block-file__button wp-element-button" download aria-describedby="wp-block-file--media-a1">Lejupielādēt</a></div>
<!-- /wp:file -->

<!-- wp:file {"id":92,"href":"/noteikumi.pdf","displayPreview":true} -->
<div class="wp-block-file"><object class="wp-block-file__embed" data="/noteikumi.pdf" type="application/pdf" style="width:100%;height:600px" aria-label="Iegult Lietošanas noteikumi"></object><a id="wp-block-file--media-b2" href="/noteikumi.pdf">Lietošanas noteikumi</a><a href="/noteikumi.pdf" class="wp-block-file__button" download>Lejupielādēt</a></div>
<!-- /wp:file -->

<!-- wp:paragraph -->
<p>Aizpildīto anketu atnesiet uz bibliotēku.</p>
<!-- /wp:paragraph -->"""


def test_a_file_blocks_title_stays_and_its_name_and_button_go(tmp_path):
    # before 8c5a6fd: "anketa-2024Lejupielādēt" and "Lietošanas noteikumi Lejupielādēt" (glued, then
    # "repaired"); after it: neither, and the title "Lietošanas noteikumi" was lost
    assert paragraphs(tmp_path, FILE_BLOCK) == (
        "Pieteikuma anketu var aizpildīt arī mājās.",
        "Lietošanas noteikumi",
        "Aizpildīto anketu atnesiet uz bibliotēku.",
    )


MORE_FILES = """<p>Gada pārskati ir pieejami ikvienam.</p>
<!-- wp:file {"id":93,"href":"/wp-content/uploads/2024/02/parskats.pdf"} -->
<div class="wp-block-file"><a id="wp-block-file--media-c3" href="/wp-content/uploads/2024/02/parskats.pdf">Ozolkalna bibliotēkas darbības pārskats 2023. gadā</a><a href="/wp-content/uploads/2024/02/parskats.pdf" class="wp-block-file__button wp-element-button" download aria-describedby="wp-block-file--media-c3">Lejupielādēt</a></div>
<!-- /wp:file -->
<!-- wp:file {"id":94,"href":"/wp-content/uploads/2024/02/konkurss.pdf"} -->
<div class="wp-block-file"><a href="/wp-content/uploads/2024/02/konkurss.pdf">Nolikums</a><a href="/wp-content/uploads/2024/02/konkurss.pdf" class="button" download>Lejupielādēt</a></div>
<!-- /wp:file -->
<!-- wp:file {"id":95,"href":"/wp-content/uploads/2024/02/L%C4%ABgums.pdf"} -->
<div class="wp-block-file"><a href="/wp-content/uploads/2024/02/L%C4%ABgums.pdf">LIGUMS</a><a href="/wp-content/uploads/2024/02/L%C4%ABgums.pdf" class="wp-block-file__button" download>Lejupielādēt</a></div>
<!-- /wp:file -->
<!-- wp:file {"id":96,"href":"/wp-content/uploads/2024/02/IMG_1234.jpg"} -->
<div class="wp-block-file"><a href="/wp-content/uploads/2024/02/IMG_1234.jpg">IMG_1234</a><a href="/wp-content/uploads/2024/02/IMG_1234.jpg" class="wp-block-file__button" download>Download</a></div>
<!-- /wp:file -->
<!-- wp:file {"id":97,"href":"/wp-content/uploads/2024/02/zinojums.pdf"} -->
<div class="wp-block-file"><a href="/wp-content/uploads/2024/02/zinojums.pdf">report_final.pdf</a><a href="/wp-content/uploads/2024/02/zinojums.pdf" class="wp-block-file__button" download>Lejupielādēt</a></div>
<!-- /wp:file -->
<p>Iepriekšējo gadu pārskati ir arhīvā.</p>"""


def test_a_file_title_in_words_stays_and_a_file_name_goes(tmp_path):
    assert paragraphs(tmp_path, MORE_FILES) == (
        "Gada pārskati ir pieejami ikvienam.",
        "Ozolkalna bibliotēkas darbības pārskats 2023. gadā",  # words, an ordinal and a year: a title
        "Nolikums",  # one word, but not the file's name (konkurss.pdf); its button is an <a download>
        # "LIGUMS" is Līgums.pdf's own name (folded); IMG_1234 and report_final.pdf are shaped like one
        "Iepriekšējo gadu pārskati ir arhīvā.",
    )


def test_a_one_word_file_title_ending_in_a_period_stays(tmp_path):
    block = ('<p>Konkursa noteikumi ir pielikumā.</p>\n<!-- wp:file {"id":98,"href":"/uploads/konkurss.pdf"} -->\n'
             '<div class="wp-block-file"><a href="/uploads/konkurss.pdf">Nolikums.</a><a href="/uploads/konkurss.pdf" '
             'class="wp-block-file__button" download>Lejupielādēt</a></div>\n<!-- /wp:file -->')
    assert paragraphs(tmp_path, block) == ("Konkursa noteikumi ir pielikumā.", "Nolikums.")


def test_a_file_blocks_button_text_never_appears(tmp_path):
    body = paragraphs(tmp_path, FILE_BLOCK + "\n" + MORE_FILES)
    assert not [p for p in body if "Lejupielādēt" in p or "Download" in p]


@pytest.mark.parametrize(("text", "href", "names"), [
    ("anketa-2024", "/x.pdf", True), ("IMG_1234", "", True), ("report_final.pdf", "", True),
    ("Nolikums", "/uploads/nolikums.pdf", True), ("līgums", "/L%C4%ABgums.docx", True),
    ("Nolikums", "/uploads/konkurss.pdf", False), ("Lietošanas noteikumi", "/noteikumi.pdf", False),
    ("Lietošanas noteikumi", "/Lieto%C5%A1anas%20noteikumi.pdf", False),  # a title in words stays
    ("Darbības pārskats 2012. gadā", "/parskats-2012.pdf", False), ("", "/x.pdf", False),
    ("Nolikums", "http://[nav-adrese/nolikums.pdf", False),
    # a period ends a title, never a file's name (WordPress trims it from the names it stores)
    ("Nolikums.", "/uploads/konkurss.pdf", False), ("Nolikums.", "/uploads/nolikums.pdf", False),
    ("Pielikums2.", "", False), ("Anketa...", "", False),
])
def test_which_file_link_texts_are_the_files_own_name(text, href, names):
    assert shortcodes.names_its_file(text, hrefs=[href] if href else []) is names


@pytest.mark.parametrize("buttons", [
    # wp:buttons (WordPress 5.4 and later)
    """<!-- wp:buttons -->
<div class="wp-block-buttons"><!-- wp:button -->
<div class="wp-block-button"><a class="wp-block-button__link wp-element-button" href="/pieteikums">Pieteikties</a></div>
<!-- /wp:button -->
<!-- wp:button {"className":"is-style-outline"} -->
<div class="wp-block-button is-style-outline"><a class="wp-block-button__link wp-element-button" href="/par">Uzzināt vairāk</a></div>
<!-- /wp:button --></div>
<!-- /wp:buttons -->""",
    # a lone wp:button (WordPress 5.0 to 5.3)
    """<!-- wp:button -->
<div class="wp-block-button"><a class="wp-block-button__link" href="/pieteikums">Pieteikties</a></div>
<!-- /wp:button -->""",
])
def test_buttons_are_calls_to_action_not_text(tmp_path, buttons):
    content = f"<!-- wp:paragraph -->\n<p>Pierakstīties var tiešsaistē.</p>\n<!-- /wp:paragraph -->\n\n{buttons}"
    assert paragraphs(tmp_path, content) == ("Pierakstīties var tiešsaistē.",)


CLASSIC = """Rudenī bibliotēkā notika dzejas vakars.
Lasījumus ierakstījām video.

https://www.youtube.com/watch?v=dzeja2024

Ieraksts ir arī šeit: https://www.youtube.com/watch?v=dzeja2024 un bibliotēkas lapā.

Skatieties paši:
  https://youtu.be/dzeja2024
Nākamais vakars būs pavasarī.

<p>https://vimeo.com/76543210</p>

https://ozolkalns.example.lv/wp-content/uploads/dzejolis.mp3

https://ozolkalns.example.lv/dzejas-vakars/

Paldies visiem dzejniekiem!"""


def test_a_bare_url_wordpress_embeds_goes_and_urls_in_prose_stay(tmp_path):
    assert paragraphs(tmp_path, CLASSIC) == (
        "Rudenī bibliotēkā notika dzejas vakars. Lasījumus ierakstījām video.",
        "Ieraksts ir arī šeit: https://www.youtube.com/watch?v=dzeja2024 un bibliotēkas lapā.",
        "Skatieties paši:",  # the video stood between these lines: two paragraphs, not one
        "Nākamais vakars būs pavasarī.",
        "https://ozolkalns.example.lv/dzejas-vakars/",  # no embed: WordPress shows it as a link
        "Paldies visiem dzejniekiem!",
    )


def test_embed_blocks_and_shortcodes_go_with_their_url(tmp_path):
    content = """<!-- wp:embed {"url":"https://www.youtube.com/watch?v=lasam","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=lasam
</div></figure>
<!-- /wp:embed -->

<!-- wp:paragraph -->
<p>https://www.youtube.com/watch?v=lasam</p>
<!-- /wp:paragraph -->

[embed]https://vimeo.com/112233[/embed]

[embed width="400"]
https://soundcloud.com/ozolkalns/stasts
[/embed]

<!-- wp:paragraph -->
<p>Video ir par lasīšanu kopā ar bērniem.</p>
<!-- /wp:paragraph -->"""
    assert paragraphs(tmp_path, content) == ("Video ir par lasīšanu kopā ar bērniem.",)


@pytest.mark.parametrize(("url", "embed"), [
    ("https://www.youtube.com/watch?v=a1&amp;t=30s", True), ("https://m.youtube.com/watch?v=a1", True),
    ("http://youtu.be/a1", True), ("https://www.slideshare.net/ozolkalns/prezentacija", True),
    ("https://ozolkalns.example.lv/audio/stasts.MP3", True),
    ("https://notyoutube.com/watch?v=a1", False), ("https://youtube.com.example.lv/a", False),
    ("https://ozolkalns.example.lv/stasts.mp3?v=2", False), ("http://[nav-adrese", False),
])
def test_which_bare_urls_wordpress_embeds(url, embed):
    rules = htmlpage.default_rules().html
    assert shortcodes.is_autoembed(url, hosts=rules.embed_hosts, files=rules.embed_files) is embed


def test_dropping_an_embed_keeps_the_line_ends():
    content = "a\nhttps://youtu.be/x\nb\n<p>\nhttps://vimeo.com/1\n</p>\n"
    assert shortcodes.drop_autoembeds(content, hosts={"youtu.be", "vimeo.com"}) == "a\n\nb\n<p>\n\n</p>\n"


def test_layout_blocks_leave_no_text_and_authored_text_stays(tmp_path):
    content = """<!-- wp:paragraph -->
<p>Bibliotēka pēc remonta ir atvērta.</p>
<!-- /wp:paragraph -->

<!-- wp:more {"customText":"Lasīt tālāk"} -->
<!--more Lasīt tālāk-->
<!-- /wp:more -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:spacer {"height":"32px"} -->
<div style="height:32px" aria-hidden="true" class="wp-block-spacer"></div>
<!-- /wp:spacer -->

<!-- wp:gallery {"linkTo":"none"} -->
<figure class="wp-block-gallery has-nested-images columns-default is-cropped"><!-- wp:image {"id":5} -->
<figure class="wp-block-image size-large"><img src="lasitava.jpg" alt="" class="wp-image-5"/><figcaption class="wp-element-caption">Jaunā lasītava</figcaption></figure>
<!-- /wp:image --><figcaption class="blocks-gallery-caption wp-element-caption">Telpas pēc remonta</figcaption></figure>
<!-- /wp:gallery -->

<!-- wp:table -->
<figure class="wp-block-table"><table><tbody><tr><td>Lasītāji</td><td>1 310</td></tr></tbody></table><figcaption class="wp-element-caption">Lasītāju skaits septembrī</figcaption></figure>
<!-- /wp:table -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>Beidzot ir vieta, kur lasīt klusumā.</p><cite>Lasītāja no Ozolkalna</cite></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:social-links -->
<ul class="wp-block-social-links"><!-- wp:social-link {"url":"https://facebook.com/ozolkalns","service":"facebook"} /--></ul>
<!-- /wp:social-links -->"""
    assert paragraphs(tmp_path, content) == (
        "Bibliotēka pēc remonta ir atvērta.",
        "Jaunā lasītava",
        "Telpas pēc remonta",
        "Lasītāji · 1 310",
        "Lasītāju skaits septembrī",
        "Beidzot ir vieta, kur lasīt klusumā.",
        "Lasītāja no Ozolkalna",
    )


PAGE = """<!DOCTYPE html>
<html lang="lv-LV"><head><title>Rudens lasījumi | Ozolkalna bibliotēka</title></head><body>
<article><h1 class="entry-title">Rudens lasījumi</h1>
<div class="entry-content">
<p>Rudens lasījumi sāksies oktobra pirmajā nedēļā.</p>
<div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="/pieteikums">Pieteikties</a></div></div>
<div class="wp-block-file"><a href="/programma.pdf">programma</a><a href="/programma.pdf" class="wp-block-file__button" download>Lejupielādēt</a></div>
<div class="page-links">Lapas: <a href="/rudens/2/">2</a> <a href="/rudens/3/">3</a></div>
<ul class="wp-block-jetpack-sharing-buttons has-normal-icon-size jetpack-sharing-buttons__services-list"><li class="jetpack-sharing-button__list-item"><a class="jetpack-sharing-button__button style-icon-text share-facebook" href="https://ozolkalns.example.lv/rudens/?share=facebook"><span class="jetpack-sharing-button__service-label" aria-hidden="true">Facebook</span></a></li></ul>
<div class="wp-block-jetpack-related-posts"><h3>Saistītie ieraksti</h3><div class="jp-related-posts-i2__post"><a href="/vasara/">Vasaras lasījumi</a></div></div>
<div id="jp-post-flair" class="sharedaddy sd-like-enabled sd-sharing-enabled"><h3 class="sd-title">Dalīties ar šo:</h3></div>
</div></article></body></html>"""


def test_a_saved_page_keeps_only_the_post_text():
    (draft,) = htmlpage.read(PAGE, source="rudens.html")
    assert clean(draft).paragraphs == ("Rudens lasījumi sāksies oktobra pirmajā nedēļā.",)


def test_wordpress_com_likes_line_in_scraped_text_goes():
    page = ("Book Club\n\nPosted on 3 October 2024 by ilze\n\nThe book club meets on Thursdays.\n\n"
            "Share this:\n\nLike this:\n\nLike Loading...\n\nBe the first to like this.\n\n"
            "Related\n\nAutumn readings\nIn \"News\"\n\nLeave a comment")
    (draft,) = text.read(page, source="book-club.txt")
    post = clean(draft, lang="en")
    assert (post.title, post.paragraphs) == ("Book Club", ("The book club meets on Thursdays.",))


@pytest.mark.parametrize("section", ["autoembeds: [youtube.com]", "autoembeds: {hosts: youtube.com}",
                                     "autoembeds: {files: [{mp3: 1}]}"])
def test_a_bad_autoembeds_section_is_one_line_naming_the_file(section):
    import yaml

    with pytest.raises(InputError) as exc:
        parse({"rulesets": [], **yaml.safe_load(section)}, path="mani-noteikumi.yml")
    assert "mani-noteikumi.yml" in str(exc.value) and "'autoembeds' is {hosts:" in str(exc.value)
