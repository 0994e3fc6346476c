"""A blog exported again, later: a post that is gone from a whole-site export is named (never
deleted), a partial export (one category, posts only) names nothing; a post file written again
keeps its line ends (CRLF from a Windows checkout) and byte-order mark; a translation group
naming a post the export does not hold (a draft left out, another category) is a warning.
"""
from __future__ import annotations

import codecs
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format
from lvterm.ingest import wxr

SITE = "https://gramatnica.example.lv"


def item(pid: int, title: str, text: str, *, lang: str = "lv", group: str | None = None,
         status: str = "publish", post_type: str = "post", category: str = "jaunumi") -> str:
    group_tag = f'<category domain="post_translations" nicename="{group}">{group}</category>' if group else ""
    return (f"<item><title>{title}</title><link>{SITE}/?p={pid}</link>"
            f"<content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>"
            f"<wp:post_id>{pid}</wp:post_id><wp:post_type>{post_type}</wp:post_type><wp:status>{status}</wp:status>"
            f'<category domain="category" nicename="{category}">{category.capitalize()}</category>'
            f'<category domain="language" nicename="{lang}">{lang}</category>{group_tag}</item>\n')


def site_export(*items: str, groups: dict[str, dict[str, int]] | None = None, whole: bool = True) -> str:
    """An export of SITE. `whole`: of all content, as WordPress writes it (all categories, the tags,
    the terms of the other taxonomies: Polylang's languages and translation groups); else of
    posts in one category (that category alone, no tags, no terms)."""
    head = f"<wp:base_blog_url>{SITE}</wp:base_blog_url>\n"
    head += '<wp:category><wp:category_nicename>jaunumi</wp:category_nicename></wp:category>\n'
    if whole:
        head += '<wp:category><wp:category_nicename>pasakumi</wp:category_nicename></wp:category>\n'
        head += "<wp:tag><wp:tag_slug>lasisana</wp:tag_slug></wp:tag>\n"
        for code, locale in (("lv", "lv_LV"), ("en", "en_GB")):
            head += (f"<wp:term><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>{code}</wp:term_slug>"
                     f'<wp:term_description><![CDATA[a:1:{{s:6:"locale";s:5:"{locale}";}}]]></wp:term_description>'
                     "</wp:term>\n")
        for name, members in (groups or {}).items():
            pairs = "".join(f's:{len(k)}:"{k}";i:{v};' for k, v in members.items())
            head += (f"<wp:term><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>{name}"
                     f"</wp:term_slug><wp:term_description><![CDATA[a:{len(members)}:{{{pairs}}}]]>"
                     "</wp:term_description></wp:term>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
            f"\n<channel>\n<link>{SITE}</link>\n{head}{''.join(items)}</channel>\n</rss>\n")


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


AUTUMN = item(51, "Rudens lasījumi", "Oktobrī katru ceturtdienu lasām latviešu dzeju.")
SITE_NEWS = item(52, "Jaunā mājaslapa", "Bibliotēkai ir jauna mājaslapa ar elektronisko katalogu.")
OPENING = item(53, "Darba laiks", "Svētku dienās bibliotēka ir slēgta.", post_type="page")


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "posts"
    folder.mkdir()
    return folder


# --- 1. a post gone from a later export -----------------------------------------------------------


def test_a_post_gone_from_a_whole_export_is_named_and_kept(tmp_path, out):
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(AUTUMN, SITE_NEWS, OPENING), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    gone = out / "jauna-majaslapa.lv.md"
    before = gone.read_bytes()
    later = tmp_path / "gramatnica.2025-03-01.xml"  # the post deleted on the site since
    later.write_text(site_export(AUTUMN, OPENING), encoding="utf-8")
    result = ingest(later, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"lvterm: {gone}: not in the export {later} (deleted or unpublished on the site, or "
                             "left out of a partial export?); kept: delete it to take it out\n")
    assert gone.read_bytes() == before  # never deleted, never written
    assert result.stdout == f"unchanged 2 post files in {out}: rudens-lasijumi.lv.md, darba-laiks.lv.md\n"


def test_a_partial_export_names_no_post_it_does_not_hold(tmp_path, out):
    """WordPress' export of posts only, or of one category, author or dates holds no tags, no
    terms of other taxonomies and at most one category: the posts it leaves out are not gone."""
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(AUTUMN, SITE_NEWS, OPENING), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    one_category = tmp_path / "jaunumi.xml"
    one_category.write_text(site_export(AUTUMN, whole=False), encoding="utf-8")
    result = ingest(one_category, "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert sorted(p.name for p in out.iterdir()) == ["darba-laiks.lv.md", "jauna-majaslapa.lv.md",
                                                    "rudens-lasijumi.lv.md"]


def test_only_the_same_sites_posts_of_the_exports_languages_are_named(tmp_path, out):
    """A post of another blog, a post of a language the export holds none of (an export split by
    language), a post no longer public (named as such) and a post of another export of the same run
    are not named as gone."""
    other_blog = tmp_path / "cits.xml"
    other_blog.write_text(site_export(SITE_NEWS).replace(SITE, "https://cits.example.lv"), encoding="utf-8")
    english = tmp_path / "en.xml"
    english.write_text(site_export(item(61, "Poetry evenings", "Every Thursday we read poems.", lang="en")),
                       encoding="utf-8")
    first = tmp_path / "gramatnica.xml"
    first.write_text(site_export(AUTUMN, OPENING), encoding="utf-8")
    assert ingest(other_blog, english, first, "--out", out).exit_code == 0
    private = tmp_path / "privats.xml"  # the page made private; the English posts not in this export
    private.write_text(site_export(AUTUMN, OPENING.replace("publish", "private")), encoding="utf-8")
    result = ingest(private, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"lvterm: {private} [item 2 'Darba laiks']: is now private in the export; {out / 'darba-laiks.lv.md'} "
        "still publishes it: delete it to take it out"]
    split = tmp_path / "bez-rudens.xml"  # two exports of one site in one run: what one holds is not gone
    split.write_text(site_export(OPENING), encoding="utf-8")
    both = ingest(split, first, "--out", out)
    assert both.exit_code == 0 and both.stderr == "", both.output


# --- 2. line ends and byte-order mark kept ---------------------------------------------------------


def _windows(file, *, bom: bool = False) -> None:
    """The post file as a Windows checkout (or Notepad) leaves it."""
    text = file.read_bytes().replace(b"\n", b"\r\n")
    file.write_bytes((codecs.BOM_UTF8 if bom else b"") + text)


def _as_written(file, *, bom: bool = False) -> str:
    data = file.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) is bom
    assert b"\n" not in data.replace(b"\r\n", b""), data  # every line end CRLF
    return data.decode("utf-8-sig").replace("\r\n", "\n")


@pytest.mark.parametrize("bom", [False, True], ids=["crlf", "crlf-bom"])
@pytest.mark.parametrize("edit", ["none", "user-key", "replace"])
def test_a_changed_source_keeps_the_files_line_ends(tmp_path, out, bom, edit):
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(AUTUMN), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    file = out / "rudens-lasijumi.lv.md"
    if edit == "user-key":  # a key the user added is carried over
        file.write_text(file.read_text(encoding="utf-8").replace("\n---\n", "\nreviewed: true\n---\n", 1),
                        encoding="utf-8")
    if edit == "replace":  # edited by hand: --replace takes the source's text
        file.write_text(file.read_text(encoding="utf-8").replace("dzeju", "prozu"), encoding="utf-8")
    _windows(file, bom=bom)
    assert ingest(xml, "--out", out).stdout == f"unchanged {file}\n"
    xml.write_text(xml.read_text(encoding="utf-8").replace("ceturtdienu", "piektdienu"), encoding="utf-8")
    result = ingest(xml, "--out", out, *(["--replace"] if edit == "replace" else []))
    assert result.exit_code == 0 and result.stdout == f"updated {file}\n", result.output
    text = _as_written(file, bom=bom)
    assert "katru piektdienu lasām" in text and ("reviewed: true\n" in text) is (edit == "user-key")
    if edit != "user-key":  # (with it, the record is the digest of the keys ingest writes)
        assert post_format.ingest_record(text) == post_format.ingest_digest(text)
    assert ingest(xml, "--out", out).stdout == f"unchanged {file}\n"


def test_a_counterpart_declared_back_keeps_its_line_ends(tmp_path, out):
    lv = tmp_path / "lv.md"
    lv.write_text("---\ntitle: Dzejas vakari\nlang: lv\n---\n\nKatru ceturtdienu lasām dzeju.\n", encoding="utf-8")
    en = tmp_path / "en.md"
    en.write_text("---\ntitle: Poetry evenings\nlang: en\n---\n\nEvery Thursday we read poems.\n", encoding="utf-8")
    assert ingest(lv, "--out", out).exit_code == 0
    file = out / "dzejas-vakari.lv.md"
    _windows(file)
    result = ingest(en, "--out", out, "--translation", "lv:dzejas-vakari")
    assert result.exit_code == 0 and result.stdout == (f"wrote {out / 'poetry-evenings.en.md'}; updated {file}\n"), \
        result.output
    assert "translations:\n  en: poetry-evenings\n" in _as_written(file)
    before = file.read_bytes()
    again = ingest(en, "--out", out, "--translation", "lv:dzejas-vakari")
    assert again.stdout == f"unchanged {out / 'poetry-evenings.en.md'}\n" and file.read_bytes() == before


# --- 3. a translation the export does not hold -------------------------------------------------------


def test_a_translation_group_member_not_exported_is_a_warning(tmp_path, out):
    """Polylang links the Latvian post to an English one that this export leaves out (a draft
    exported without drafts, a post of another category): one line, exit code 0, the post written,
    the other groups paired."""
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(
        item(71, "Lasītāju klubs", "Klubs tiekas katra mēneša pirmajā otrdienā.", group="pll_k"),
        item(72, "Readers' club", "The club meets on the first Tuesday of every month.", lang="en", group="pll_k"),
        item(73, "Grāmatu dāvinājums", "Paldies lasītājiem par dāvinātajām grāmatām.", group="pll_d"),
        groups={"pll_k": {"lv": 71, "en": 72}, "pll_d": {"lv": 73, "en": 74}}), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"lvterm: {xml} [item 3 'Grāmatu dāvinājums']: its en translation (post 74 of its "
                             "translation group) is not among the posts read from the export nor among the post "
                             f"files of {out} (by wp_post_id); not declared\n")
    assert {p.id: dict(p.translations) for p in post_format.load_corpus(out)} == {
        "lasitaju-klubs.lv": {"en": "readers-club"}, "readers-club.en": {"lv": "lasitaju-klubs"},
        "gramatu-davinajums.lv": {}}


def test_an_export_with_an_unreadable_item_names_no_post_as_gone(tmp_path, out):
    """The broken item may be the post: its id cannot be told, so nothing is named gone."""
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(AUTUMN, SITE_NEWS), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    xml.write_text(site_export(AUTUMN, SITE_NEWS.replace("</title>", "</titl>")), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 2 and "malformed XML" in result.stderr and "not in the export" not in result.stderr


@pytest.mark.parametrize("channel, partial", [
    ("", True), ("<wp:category/>", True),  # posts or pages only; one category
    ("<wp:term><wp:term_taxonomy>nav_menu</wp:term_taxonomy></wp:term>", True),  # WP-CLI's --post_type
    ("<wp:category/><wp:category/>", False), ("<wp:tag/>", False),
    ("<wp:term><wp:term_taxonomy>language</wp:term_taxonomy></wp:term>", False),
])
def test_which_exports_show_they_are_partial(channel, partial):
    root = ET.fromstring(f'<channel xmlns:wp="http://wordpress.org/export/1.2/">{channel}</channel>')
    assert wxr.shows_partial(root) is partial
