"""A partial WordPress export of a Polylang site (Tools → Export → Posts, of one category or of all
posts) holds no translation groups: WordPress writes the `post_translations` terms only into an
export of all content, while each item still names its group. Ingesting one is one warning for
the export (exit code 0) counting its posts that the run leaves without a translation (not those
their post files or another export of the run pair, nor items not ingested); an export of the
whole site that lacks an item's group stays that item's error."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format

HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Bibliotēku blogs</title>\n'
        "<link>https://blogs.example.lv</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n"
        "<wp:base_site_url>https://blogs.example.lv</wp:base_site_url>\n"
        "<wp:base_blog_url>https://blogs.example.lv</wp:base_blog_url>\n"
        "<wp:author><wp:author_login>anna</wp:author_login><wp:author_display_name>Anna Bērziņa"
        "</wp:author_display_name></wp:author>\n")
CATEGORY = ("<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>jaunumi</wp:category_nicename>"
            "<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Jaunumi]]></wp:cat_name></wp:category>\n")
# what only an export of all content holds besides: the other categories, the tags, the terms of
# the other taxonomies (Polylang's languages and translation groups)
WHOLE_SITE = (
    "<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>pasakumi</wp:category_nicename>"
    "<wp:category_parent></wp:category_parent><wp:cat_name><![CDATA[Pasākumi]]></wp:cat_name></wp:category>\n"
    "<wp:tag><wp:term_id>9</wp:term_id><wp:tag_slug>lasitava</wp:tag_slug><wp:tag_name><![CDATA[lasītava]]>"
    "</wp:tag_name></wp:tag>\n"
    + "".join(f"<wp:term><wp:term_id>{n}</wp:term_id><wp:term_taxonomy>language</wp:term_taxonomy>"
              f"<wp:term_slug>{slug}</wp:term_slug><wp:term_name><![CDATA[{name}]]></wp:term_name>"
              f"<wp:term_description><![CDATA[{desc}]]></wp:term_description></wp:term>\n"
              for n, slug, name, desc in [
                  (2, "lv", "Latviešu", 'a:3:{s:6:"locale";s:5:"lv_LV";s:3:"rtl";i:0;s:9:"flag_code";s:2:"lv";}'),
                  (3, "en", "English", 'a:3:{s:6:"locale";s:5:"en_GB";s:3:"rtl";i:0;s:9:"flag_code";s:2:"gb";}')]))
GROUPS = {"pll_5c79a1b2c3d4e": 'a:2:{s:2:"lv";i:21;s:2:"en";i:22;}',
          "pll_5c79a1f00ba12": 'a:2:{s:2:"lv";i:23;s:2:"en";i:24;}'}


def group_terms(groups: dict[str, str]) -> str:
    return "".join(f"<wp:term><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>{slug}"
                   f"</wp:term_slug><wp:term_name><![CDATA[{slug}]]></wp:term_name><wp:term_description><![CDATA["
                   f"{desc}]]></wp:term_description></wp:term>\n" for slug, desc in groups.items())


# Four posts of the category Jaunumi, two translation groups (written for this test).
POSTS = [(21, "lv", "Lasītava atvērta", "lasitava-atverta", "pll_5c79a1b2c3d4e",
          "Lasītava pēc remonta atkal ir atvērta katru darbdienu no 2019. gada 1. marta."),
         (22, "en", "Reading room open", "reading-room-open", "pll_5c79a1b2c3d4e",
          "After its renovation the reading room is open again every weekday from 1 March 2019."),
         (23, "lv", "Jaunas grāmatas", "jaunas-gramatas", "pll_5c79a1f00ba12",
          "Bibliotēkā ir 120 jaunas grāmatas par vietējo vēsturi."),
         (24, "en", "New books", "new-books", "pll_5c79a1f00ba12",
          "The library has 120 new books on local history.")]


def item(pid: int, lang: str, title: str, slug: str, group: str | None, text: str, *, category: bool = True) -> str:
    return (f"<item><title>{title}</title><dc:creator>anna</dc:creator><content:encoded><![CDATA[<p>{text}</p>]]>"
            f"</content:encoded><wp:post_id>{pid}</wp:post_id><wp:post_date>2019-03-01 10:00:00</wp:post_date>"
            f"<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
            + ('<category domain="category" nicename="jaunumi"><![CDATA[Jaunumi]]></category>' if category else "")
            + f'<category domain="language" nicename="{lang}"><![CDATA[{lang}]]></category>'
            + (f'<category domain="post_translations" nicename="{group}"><![CDATA[{group}]]></category>'
               if group else "")
            + "</item>\n")


def export(channel: str, posts=POSTS) -> str:
    return HEAD + channel + "".join(item(*p) for p in posts) + "</channel>\n</rss>\n"


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def declarations(folder) -> dict[str, dict[str, str]]:
    return {p.id: dict(p.translations) for p in post_format.load_corpus(folder)}


UNPAIRED = {"lasitava-atverta.lv": {}, "reading-room-open.en": {}, "jaunas-gramatas.lv": {}, "new-books.en": {}}
PAIRED = {"lasitava-atverta.lv": {"en": "reading-room-open"}, "reading-room-open.en": {"lv": "lasitava-atverta"},
          "jaunas-gramatas.lv": {"en": "new-books"}, "new-books.en": {"lv": "jaunas-gramatas"}}


def _one_warning(result, source: str) -> str:
    assert result.exit_code == 0, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"lvterm: {source}: ") and "[item" not in line, line
    assert "partial export" in line and "cannot be paired" in line, line
    assert "lvterm pair" in line and "whole site" in line, line
    return line


def test_ingest_category_export_of_a_polylang_site_is_one_warning(tmp_path):
    xml = tmp_path / "jaunumi.xml"
    xml.write_text(export(CATEGORY), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, "--out", out)
    line = _one_warning(result, str(xml))
    assert ": 4 of its posts cannot be paired from it and are left without their translations; pair them " in line
    assert declarations(out) == UNPAIRED


def test_ingest_posts_only_export_of_a_polylang_site_is_one_warning(tmp_path):
    xml = tmp_path / "posts.xml"  # Tools → Export → Posts, all categories: no category, no term
    xml.write_text(HEAD + "".join(item(*p, category=False) for p in POSTS) + "</channel>\n</rss>\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    _one_warning(ingest(xml, "--out", out), str(xml))
    assert declarations(out) == UNPAIRED


def test_ingest_whole_site_export_after_a_partial_one_pairs_the_posts(tmp_path):
    """What the warning advises: the export of the whole site pairs what the partial one read."""
    (tmp_path / "jaunumi.xml").write_text(export(CATEGORY), encoding="utf-8")
    (tmp_path / "site.xml").write_text(export(CATEGORY + WHOLE_SITE + group_terms(GROUPS)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert ingest(tmp_path / "jaunumi.xml", "--out", out).exit_code == 0
    result = ingest(tmp_path / "site.xml", "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert declarations(out) == PAIRED
    # and a category export ingested later keeps the pairs: its post files are left as they are,
    # and it says nothing of pairing, as nothing is left unpaired
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    again = ingest(tmp_path / "jaunumi.xml", "--out", out)
    assert again.exit_code == 0 and again.stderr == "", again.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_ingest_whole_site_export_lacking_a_group_is_still_an_error_per_item(tmp_path):
    xml = tmp_path / "site.xml"  # all content, but one group left out of it (a damaged or edited export)
    xml.write_text(export(CATEGORY + WHOLE_SITE + group_terms({"pll_5c79a1b2c3d4e": GROUPS["pll_5c79a1b2c3d4e"]})),
                   encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, "--out", out)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    for line, n, title in zip(lines, (3, 4), ("Jaunas grāmatas", "New books")):
        assert line.startswith(f"lvterm: {xml} [item {n} '{title}']: its translation group 'pll_5c79a1f00ba12' "
                               "is not in the export; read without its translations"), line
    assert declarations(out) == {**PAIRED, "jaunas-gramatas.lv": {}, "new-books.en": {}}


def test_ingest_partial_export_without_groups_says_nothing(tmp_path):
    """A partial export whose items name no translation group (posts not translated) has nothing to pair."""
    xml = tmp_path / "jaunumi.xml"
    xml.write_text(export(CATEGORY, posts=[(*p[:4], None, p[5]) for p in POSTS[::2]]), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert declarations(out) == {"lasitava-atverta.lv": {}, "jaunas-gramatas.lv": {}}


def test_ingest_partial_export_with_a_broken_item_is_one_warning_and_that_item_s_error(tmp_path):
    """The items read one by one (the document is not well-formed): the same one warning."""
    xml = tmp_path / "jaunumi.xml"
    xml.write_text(export(CATEGORY).replace("<title>New books</title>", "<title>New books</titel>"),
                   encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, "--out", out)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert "[item 4]: malformed XML: mismatched tag" in lines[0], lines
    assert "[item" not in lines[1] and ": 3 of its posts cannot be paired from it" in lines[1], lines
    assert declarations(out) == {"lasitava-atverta.lv": {}, "reading-room-open.en": {}, "jaunas-gramatas.lv": {}}


# --- only the posts the run leaves unpaired are counted ----------------------------------------------

# A Latvian post whose English translation was never ingested, and items that are not ingested at
# all: a draft, a photo post without text, a post in German (each names its translation group).
NEW_POST = (25, "lv", "Dzejas vakars", "dzejas-vakars", "pll_5c79a2aa0c0de",
            "Ceturtdien lasītavā lasīsim Ojāra Vācieša dzeju.")
DRAFT = item(26, "lv", "Melnraksts", "melnraksts", "pll_5c79a2bb0d0e1", "Šis teksts vēl nav gatavs.").replace(
    "<wp:status>publish</wp:status>", "<wp:status>draft</wp:status>")
PHOTO = item(27, "lv", "Foto no izstādes", "foto-no-izstades", "pll_5c79a2cc0e0f2", "")
GERMAN = item(28, "de", "Lesesaal geöffnet", "lesesaal-geoffnet", "pll_5c79a1b2c3d4e",
              "Der Lesesaal ist nach der Renovierung wieder an jedem Werktag geöffnet.")


def test_ingest_category_export_of_paired_posts_says_nothing(tmp_path):
    """The post files of the whole site's export pair the category export's posts: no warning."""
    (tmp_path / "site.xml").write_text(export(CATEGORY + WHOLE_SITE + group_terms(GROUPS)), encoding="utf-8")
    (tmp_path / "jaunumi.xml").write_text(export(CATEGORY, posts=POSTS[::2]), encoding="utf-8")  # the Latvian ones
    out = tmp_path / "out"
    out.mkdir()
    assert ingest(tmp_path / "site.xml", "--out", out).exit_code == 0
    result = ingest(tmp_path / "jaunumi.xml", "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert declarations(out) == PAIRED


def test_ingest_whole_and_category_export_in_one_run_says_nothing(tmp_path):
    """The whole site's export in the same run pairs the category export's posts, in either order."""
    (tmp_path / "site.xml").write_text(export(CATEGORY + WHOLE_SITE + group_terms(GROUPS)), encoding="utf-8")
    (tmp_path / "jaunumi.xml").write_text(export(CATEGORY), encoding="utf-8")
    for n, order in enumerate((("site.xml", "jaunumi.xml"), ("jaunumi.xml", "site.xml"))):
        out = tmp_path / f"out{n}"
        out.mkdir()
        result = ingest(*(tmp_path / name for name in order), "--out", out)
        assert result.exit_code == 0 and result.stderr == "", (order, result.output)
        assert declarations(out) == PAIRED


def test_ingest_category_export_counts_the_one_post_left_unpaired(tmp_path):
    """Of a category export whose posts are paired by their files but one new post: that post alone,
    in the singular."""
    (tmp_path / "site.xml").write_text(export(CATEGORY + WHOLE_SITE + group_terms(GROUPS)), encoding="utf-8")
    xml = tmp_path / "jaunumi.xml"
    xml.write_text(export(CATEGORY, posts=[*POSTS, NEW_POST]), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert ingest(tmp_path / "site.xml", "--out", out).exit_code == 0
    line = _one_warning(ingest(xml, "--out", out), str(xml))
    assert line == (f"lvterm: {xml}: a partial export (of one category, or of posts only), which holds no "
                    "translation groups: 1 of its posts cannot be paired from it and is left without its "
                    "translation; pair it with 'lvterm pair --write', or export the whole site (Tools → Export → "
                    "All content) and ingest that")
    assert declarations(out) == {**PAIRED, "dzejas-vakars.lv": {}}


def test_ingest_partial_export_counts_posts_ingested_not_items(tmp_path):
    """A draft, a photo post and a post in a third language name their groups too, but are not
    ingested: only the posts written count, and an export none of whose posts is written says
    nothing of pairing."""
    xml = tmp_path / "jaunumi.xml"
    xml.write_text(HEAD + CATEGORY + item(*NEW_POST) + DRAFT + PHOTO + GERMAN + "</channel>\n</rss>\n",
                   encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0, result.output
    partial = [line for line in result.stderr.splitlines() if "partial export" in line]
    assert len(partial) == 1 and ": 1 of its posts cannot be paired from it and is left without its " \
        "translation; pair it with " in partial[0], result.stderr
    assert declarations(out) == {"dzejas-vakars.lv": {}}
    photos = tmp_path / "foto.xml"
    photos.write_text(HEAD + CATEGORY + PHOTO + GERMAN + "</channel>\n</rss>\n", encoding="utf-8")
    result = ingest(photos, "--out", out)
    assert result.exit_code == 0 and len(result.stderr.splitlines()) == 2, result.output  # the two not ingested
    assert "partial export" not in result.stderr, result.stderr


# --- a whole and a category export that disagree about a post's group ---------------------------------


def _disagreeing(tmp_path):
    """The whole site's export puts post 21 in one group (with 22); the category export, of another
    time, in another (with the new post 25)."""
    site, category = tmp_path / "site.xml", tmp_path / "jaunumi.xml"
    site.write_text(export(CATEGORY + WHOLE_SITE + group_terms(GROUPS)), encoding="utf-8")
    moved = (*POSTS[0][:4], NEW_POST[4], POSTS[0][5])
    category.write_text(export(CATEGORY, posts=[moved, NEW_POST]), encoding="utf-8")
    return site, category


def _disagreement(site, category, then: str) -> str:
    return (f"lvterm: {category} [item 1 'Lasītava atvērta']: names its translation group 'pll_5c79a2aa0c0de', but "
            f"{site} [item 1 'Lasītava atvērta'] names 'pll_5c79a1b2c3d4e' for this post (exported at different "
            f"times?); {then}")


def _one_left_unpaired(category) -> str:
    return (f"lvterm: {category}: a partial export (of one category, or of posts only), which holds no translation "
            "groups: 1 of its posts cannot be paired from it and is left without its translation; pair it with "
            "'lvterm pair --write', or export the whole site (Tools → Export → All content) and ingest that")


@pytest.mark.parametrize("category_last", [True, False])
def test_ingest_whole_and_category_export_naming_other_groups_pair_by_neither(tmp_path, category_last):
    """Neither pairing is taken for the other's, in either order of the two exports: one warning
    names both exports and the post, 21 and 22 are read unpaired, the other group stays paired."""
    site, category = _disagreeing(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(*((site, category) if category_last else (category, site)), "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        _disagreement(site, category, "paired by neither: ingest one export of the whole site as it is now, or "
                                      "pair it with 'lvterm pair --write'"),
        _one_left_unpaired(category)]
    assert declarations(out) == {**PAIRED, "lasitava-atverta.lv": {}, "reading-room-open.en": {},
                                 "dzejas-vakars.lv": {}}


@pytest.mark.parametrize("category_last", [True, False])
def test_ingest_disagreeing_exports_say_the_post_files_keep_their_pair(tmp_path, category_last):
    """Ingested before from the whole site's export, post 21's file declares 22: the run pairs it by
    neither export, and the file keeps the pair it declares, as the warning says."""
    site, category = _disagreeing(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert ingest(site, "--out", out).exit_code == 0
    result = ingest(*((site, category) if category_last else (category, site)), "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        _disagreement(site, category, "paired by neither export: it keeps the translation its post files declare "
                                      "(reading-room-open.en)"),
        _one_left_unpaired(category)]
    assert declarations(out) == {**PAIRED, "dzejas-vakars.lv": {}}
