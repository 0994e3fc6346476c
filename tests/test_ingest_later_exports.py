"""A blog exported again, later: a post that is gone from a whole-site export is named (never
deleted), a partial export (one category, posts only, a file of WP-CLI's split export) names
nothing; a post file written again keeps its line ends (CRLF from a Windows checkout) and
byte-order mark; one in Windows-1257 is read as such, one that cannot be read is one line and
never a second file of its post; a translation group naming a post the export does not hold (a
draft left out, another category) is a warning.
"""
from __future__ import annotations

import codecs
import contextlib
import os
import stat
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from lvterm import textio
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


@pytest.mark.parametrize("old, written", [
    (b"a\nb\r\nc\nd\n", b"x\ny\n"),  # one stray CRLF line in an LF file: LF
    (b"a\r\nb\nc\r\nd\r\n", b"x\r\ny\r\n"),  # one stray LF line in a CRLF file: CRLF
    (b"a\rb\rc\r", b"x\ry\r"),  # an old Mac's
    (b"a\r\nb\n", b"x\r\ny\r\n"), (b"a\nb\r\n", b"x\ny\n"),  # a tie: the first line's
    (b"a", b"x\ny\n"),  # no line end: LF
    (codecs.BOM_UTF8 + b"a\r\nb\r\n", codecs.BOM_UTF8 + b"x\r\ny\r\n"),
    (codecs.BOM_UTF16_LE + "a\r\nb\r\n".encode("utf-16-le"), codecs.BOM_UTF16_LE + "x\r\ny\r\n".encode("utf-16-le")),
    (codecs.BOM_UTF16_BE + "a\nb\n".encode("utf-16-be"), codecs.BOM_UTF16_BE + "x\ny\n".encode("utf-16-be")),
], ids=["lf-one-crlf", "crlf-one-lf", "cr", "tie-crlf-first", "tie-lf-first", "one-line", "bom-crlf", "utf16le",
        "utf16be"])
def test_in_form_of_follows_the_files_dominant_line_end_mark_and_encoding(old, written):
    assert post_format.in_form_of("x\ny\n", old) == written
    assert post_format.same_text(written, post_format.in_form_of("x\ny\n", b"")) is True


def _ingested(tmp_path, out, text: str = "Oktobrī katru ceturtdienu lasām latviešu dzeju."):
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(item(51, "Rudens lasījumi", text)), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    return xml, out / "rudens-lasijumi.lv.md"


def test_a_stray_crlf_line_is_no_change_and_the_lf_file_stays_lf(tmp_path, out):
    xml, file = _ingested(tmp_path, out)
    mixed = file.read_bytes().replace(b"dzeju.\n", b"dzeju.\r\n")  # the last line saved on Windows
    assert mixed.count(b"\r\n") == 1
    file.write_bytes(mixed)
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"unchanged {file}\n", result.output
    assert file.read_bytes() == mixed
    xml.write_text(xml.read_text(encoding="utf-8").replace("ceturtdienu", "piektdienu"), encoding="utf-8")
    assert ingest(xml, "--out", out).stdout == f"updated {file}\n"
    data = file.read_bytes()
    assert b"\r" not in data and "katru piektdienu lasām".encode() in data  # the file's own line end, LF


@pytest.mark.parametrize("form", ["cr", "utf-16-le", "utf-16-be"])
def test_an_old_mac_or_utf16_file_is_the_same_post_in_its_own_form(tmp_path, out, form):
    """A post file saved with CR line ends (an old Mac) or as UTF-16 is the post it holds: an
    unchanged source leaves it as it is (no second file, no rewrite as UTF-8), a changed one
    writes it in its own line ends and encoding."""
    xml, file = _ingested(tmp_path, out)
    text = file.read_text(encoding="utf-8")
    if form == "cr":
        def as_saved(t: str) -> bytes:
            return t.replace("\n", "\r").encode("utf-8")
    else:
        bom = codecs.BOM_UTF16_LE if form.endswith("le") else codecs.BOM_UTF16_BE

        def as_saved(t: str) -> bytes:
            return bom + t.replace("\n", "\r\n").encode(form)
    file.write_bytes(as_saved(text))
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"unchanged {file}\n", result.output
    assert [p.name for p in out.iterdir()] == [file.name] and file.read_bytes() == as_saved(text)
    xml.write_text(xml.read_text(encoding="utf-8").replace("ceturtdienu", "piektdienu"), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"updated {file}\n", result.output
    assert "katru piektdienu lasām" in post_format.load(file).paragraphs[0]
    assert [p.name for p in out.iterdir()] == [file.name]
    assert file.read_bytes() == as_saved(textio.read_text(file, nfc=False))  # in its line ends and encoding


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


def _items(*kinds: str) -> str:
    """Items of the post types `kinds`, numbered from 1: `attachment:N`, an attachment whose parent
    is item N (0: attached to nothing)."""
    out = ""
    for n, kind in enumerate(kinds, 1):
        kind, _, parent = kind.partition(":")
        out += (f"<item><wp:post_id>{n}</wp:post_id><wp:post_type>{kind}</wp:post_type>"
                f"<wp:post_parent>{parent or 0}</wp:post_parent></item>")
    return out


NAV_MENU = "<wp:term><wp:term_taxonomy>nav_menu</wp:term_taxonomy></wp:term>"


@pytest.mark.parametrize("channel, items, partial", [
    ("", (), True), ("<wp:category/>", ("post", "post"), True),  # Posts (of one category)
    ("", ("page", "page"), True), ("", ("attachment:0",), True),  # Pages; Media
    (NAV_MENU, ("post", "attachment:1"), True),  # WP-CLI's --post_type=post: the posts' attachments, menus
    ("<wp:category/><wp:category/>", ("post",), False), ("<wp:tag/>", ("post",), False),
    ("<wp:term><wp:term_taxonomy>language</wp:term_taxonomy></wp:term>", ("post",), False),
    # all content of a small blog: the default category only, no tags, no menus
    ("<wp:category/>", ("post", "page"), False), ("<wp:category/>", ("post", "attachment:0"), False),
    (NAV_MENU, ("post", "nav_menu_item"), False),
    ("<wp:category/>", ("post", "attachment:1"), True),  # or posts only, with their images: cannot be told
    # a file of WP-CLI's split export: the attachments of another file's posts (their parents not here)
    ("", ("post", "attachment:7"), True), ("<wp:category/>", ("attachment:7", "post", "attachment:9"), True),
])
def test_which_exports_show_they_are_partial(channel, items, partial):
    root = ET.fromstring(f'<channel xmlns:wp="http://wordpress.org/export/1.2/">{channel}{_items(*items)}</channel>')
    assert wxr.shows_partial(root, root.findall("item")) is partial


def test_a_wordpress_com_export_of_all_content_is_whole(tmp_path, out):
    """The fixture holds no category nor tag in its channel, but posts, a page and an attachment: a
    post gone from it later is named."""
    fixture = Path(__file__).parent / "fixtures" / "ingest" / "wordpress_com.xml"
    channel = ET.parse(fixture).getroot().find("channel")
    assert wxr.shows_partial(channel, channel.findall("item")) is False
    assert ingest(fixture, "--lang", "lv", "--out", out).exit_code == 0
    later = tmp_path / "later.xml"  # the page deleted on the site
    text = fixture.read_text(encoding="utf-8")
    page = text.rindex("<item>", 0, text.index("<![CDATA[page]]>"))
    later.write_text(text[:page] + text[text.index("</item>", page) + len("</item>"):], encoding="utf-8")
    result = ingest(later, "--lang", "lv", "--out", out)
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stderr.splitlines() if "not in the export" in line]
    assert line.startswith(f"lvterm: {out / 'darba-laiks.lv.md'}: not in the export {later} (deleted"), line


def test_a_small_blogs_whole_export_names_a_post_gone(tmp_path, out):
    """A blog with its default category only, no tags, a page and two posts: WordPress' export of
    all content holds one category as a one-category export does, but posts and a page, which no
    export of part of the site holds together."""
    def small(*items: str) -> str:
        return site_export(*items, whole=False).replace('<category domain="language" nicename="lv">lv</category>', "")
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(small(AUTUMN, SITE_NEWS, OPENING), encoding="utf-8")
    assert ingest(xml, "--lang", "lv", "--out", out).exit_code == 0
    later = tmp_path / "gramatnica.2025-03-01.xml"
    later.write_text(small(AUTUMN, OPENING), encoding="utf-8")
    result = ingest(later, "--lang", "lv", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"lvterm: {out / 'jauna-majaslapa.lv.md'}: not in the export {later} (deleted or "
                             "unpublished on the site, or left out of a partial export?); kept: delete it to take "
                             "it out\n")
    posts_only = tmp_path / "posts.xml"  # Tools → Export → Posts of that blog: posts alone, partial
    posts_only.write_text(small(AUTUMN), encoding="utf-8")
    result = ingest(posts_only, "--lang", "lv", "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output


# --- 4. a YAML comment after wp_site or wp_post_id ----------------------------------------------------


def test_a_post_file_with_comments_on_its_ids_is_named_and_updated_in_place(tmp_path, out):
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(AUTUMN, SITE_NEWS), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    file = out / "jauna-majaslapa.lv.md"
    text = file.read_text(encoding="utf-8")
    text = text.replace("wp_post_id: '52'", "wp_post_id: \"52\"  # mine").replace(
        "wp_site: gramatnica.example.lv", "wp_site: 'gramatnica.example.lv'   # the blog")
    assert "# mine" in text and "# the blog" in text, text
    file.write_text(text, encoding="utf-8")
    again = ingest(xml, "--out", out)  # the same post: not a new -2 file
    assert again.exit_code == 0 and again.stderr == "", again.output
    assert sorted(p.name for p in out.iterdir()) == ["jauna-majaslapa.lv.md", "rudens-lasijumi.lv.md"]
    later = tmp_path / "later.xml"
    later.write_text(site_export(AUTUMN), encoding="utf-8")
    result = ingest(later, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"lvterm: {file}: not in the export {later} (deleted"), result.stderr


# --- 5. many posts gone: 20 lines, then one counting the rest -----------------------------------------


def test_many_posts_gone_are_twenty_lines_and_one_counting_the_rest(tmp_path, out):
    posts = [item(100 + n, f"Jaunums {n}", f"Bibliotēkas jaunums numur {n} par grāmatām.") for n in range(25)]
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(AUTUMN, *posts), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    later = tmp_path / "later.xml"  # e.g. WP-CLI's export by dates: it shows nothing of being partial
    later.write_text(site_export(AUTUMN), encoding="utf-8")
    result = ingest(later, "--out", out)
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 21, lines
    assert all("not in the export" in line and "kept: delete it" in line for line in lines[:20]), lines
    assert lines[20] == f"lvterm: {out}: 5 more post files are not in the export {later}; kept"
    assert len(list(out.iterdir())) == 26


# --- 6. a FIFO among the post files -------------------------------------------------------------------


def test_a_fifo_named_as_a_post_file_is_left_out_without_blocking(tmp_path, out):
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(AUTUMN, SITE_NEWS), encoding="utf-8")
    fifo = out / "rudens-lasijumi.lv.md"
    os.mkfifo(fifo)
    box = []
    worker = threading.Thread(target=lambda: box.append(ingest(xml, "--out", out)), daemon=True)
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the read, then fail
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(10)
        pytest.fail("ingest blocked on a FIFO in --out")
    (result,) = box
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # left as it is; the post takes the next free slug
    assert sorted(p.name for p in out.iterdir()) == ["jauna-majaslapa.lv.md", "rudens-lasijumi-2.lv.md",
                                                    "rudens-lasijumi.lv.md"]


# --- 7. WP-CLI's exports of a Polylang site ----------------------------------------------------------

PAIRED = {"pll_a": {"lv": 51, "en": 61}, "pll_b": {"lv": 52, "en": 62}, "pll_p": {"lv": 53, "en": 63}}
LV_51 = item(51, "Rudens lasījumi", "Oktobrī katru ceturtdienu lasām latviešu dzeju.", group="pll_a")
EN_61 = item(61, "Autumn readings", "Every Thursday in October we read Latvian poetry.", lang="en", group="pll_a")
LV_52 = item(52, "Jaunā mājaslapa", "Bibliotēkai ir jauna mājaslapa ar elektronisko katalogu.", group="pll_b")
EN_62 = item(62, "New website", "The library has a new website with an electronic catalogue.", lang="en",
             group="pll_b")
LV_53 = item(53, "Darba laiks", "Svētku dienās bibliotēka ir slēgta.", post_type="page", group="pll_p")
EN_63 = item(63, "Opening hours", "The library is closed on public holidays.", lang="en", post_type="page",
             group="pll_p")


def wp_cli_export(*items: str) -> str:
    """`wp export --post_type=...` of SITE: no category, tag nor term in its header, while its items
    still name their category, language and translation group."""
    return site_export(*items, whole=False).replace(
        "<wp:category><wp:category_nicename>jaunumi</wp:category_nicename></wp:category>\n", "")


def attachment(pid: int, parent: int) -> str:
    return (f"<item><title>Attēls</title><link>{SITE}/?attachment_id={pid}</link><wp:post_id>{pid}</wp:post_id>"
            f"<wp:post_parent>{parent}</wp:post_parent><wp:post_type>attachment</wp:post_type>"
            "<wp:status>inherit</wp:status></item>\n")


def _partial_line(xml, n: int) -> str:
    return (f"lvterm: {xml}: a partial export (of one category, or of posts only), which holds no translation groups: "
            f"{n} of its posts cannot be paired from it and are left without their translations; pair them with "
            "'lvterm pair --write', or export the whole site (Tools → Export → All content) and ingest that")


def test_a_wp_cli_export_of_posts_and_pages_is_one_warning_and_names_posts_gone(tmp_path, out):
    """`wp export --post_type=post,page` holds no groups (its header no Polylang term): one warning
    for the export, not an error per item; its items, of two post types, show it holds every post and
    page, so a post file of the blog it does not hold is named."""
    cli = tmp_path / "cli-post-page.xml"
    cli.write_text(wp_cli_export(LV_51, EN_61, LV_53, EN_63), encoding="utf-8")
    result = ingest(cli, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [_partial_line(cli, 4)]
    whole = tmp_path / "gramatnica.xml"  # the whole site's export pairs them; its post 52 deleted since
    whole.write_text(site_export(LV_51, EN_61, LV_52, LV_53, EN_63, groups=PAIRED), encoding="utf-8")
    assert ingest(whole, "--out", out).exit_code == 0
    result = ingest(cli, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"lvterm: {out / 'jauna-majaslapa.lv.md'}: not in the export {cli} (deleted or unpublished on the site, or "
        "left out of a partial export?); kept: delete it to take it out"]
    assert {p.id: dict(p.translations) for p in post_format.load_corpus(out)}["darba-laiks.lv"] == {
        "en": "opening-hours"}


def test_a_split_wp_cli_export_of_posts_is_partial_in_each_file(tmp_path, out):
    """`wp export --post_type=post --max_file_size=15` writes the posts' attachments after all posts:
    the second file holds attachments of the first file's posts. Each file is one warning (no error
    per item), and neither names the page of an earlier whole export as gone."""
    first, second = tmp_path / "split.000.xml", tmp_path / "split.001.xml"
    first.write_text(wp_cli_export(LV_51, EN_61), encoding="utf-8")
    second.write_text(wp_cli_export(LV_52, EN_62, attachment(90, 51), attachment(91, 62)), encoding="utf-8")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    result = ingest(first, second, "--out", fresh)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [_partial_line(first, 2), _partial_line(second, 2)]
    whole = tmp_path / "gramatnica.xml"
    whole.write_text(site_export(LV_51, EN_61, LV_52, EN_62, LV_53, groups=PAIRED), encoding="utf-8")
    assert ingest(whole, "--out", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = ingest(first, second, "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output  # paired by their files; nothing gone
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --- 8. a post file in --out that is not UTF-8 --------------------------------------------------------


def test_a_windows_1257_post_file_is_its_post_its_edits_kept_as_utf8(tmp_path, out):
    """A post file saved in Windows-1257 (an editor's "ANSI" on a Baltic Windows) is read by textio's
    legacy rule: the same post, not a second file; its hand edit stays, and it is written as UTF-8."""
    xml, file = _ingested(tmp_path, out)
    text = file.read_text(encoding="utf-8") + "\nPiezīme: ļoti labi, 2011. gadā.\n"
    file.write_bytes(text.encode("cp1257"))
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == (f"lvterm: {file}: Windows-1257 text, not UTF-8: read as such, and written as UTF-8 when "
                             "ingest writes its post (the build reads UTF-8 post files only)\n")
    assert result.stdout == f"updated {file}\n"
    assert [p.name for p in out.iterdir()] == [file.name]
    assert file.read_bytes() == text.encode("utf-8")
    again = ingest(xml, "--out", out)
    assert again.exit_code == 0 and again.stderr == "" and again.stdout == f"unchanged {file}\n", again.output


@pytest.mark.parametrize("saved", ["utf-16-le", "utf-16-be", "bad-yaml"])
def test_a_post_file_that_cannot_be_read_is_one_line_never_a_second_file(tmp_path, out, saved):
    """UTF-16 without its byte-order mark (textio reads no such file), or front matter broken by a
    hand edit: whether the file holds the run's post cannot be told, so the post is not written as a
    second file beside it (`-2`); one line names the file, which is left as it is."""
    xml, file = _ingested(tmp_path, out)
    text = file.read_text(encoding="utf-8")
    data = text.replace("title:", "title: [", 1).encode() if saved == "bad-yaml" else text.encode(saved)
    file.write_bytes(data)
    result = ingest(xml, "--out", out)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"lvterm: {file}") and ": cannot be read (" in line, line
    assert ("UTF-16 needs a byte-order mark" in line) is (saved != "bad-yaml"), line
    assert "whether it holds rudens-lasijumi.lv of this run cannot be told, so that post is not written" in line, line
    assert [p.name for p in out.iterdir()] == [file.name] and file.read_bytes() == data


def test_an_unreadable_post_file_of_another_name_is_one_line(tmp_path, out):
    """A file that cannot be read under another name may hold a post of the run too: it is named."""
    xml, file = _ingested(tmp_path, out)
    other = out / "mans-ieraksts.lv.md"
    other.write_bytes(file.read_text(encoding="utf-8").encode("utf-16-le"))
    file.unlink()
    result = ingest(xml, "--out", out)
    assert result.exit_code == 2 and result.stdout == f"wrote {file}\n", result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"lvterm: {other}: cannot be read (binary file (NUL byte"), line
    assert "it may hold a post of this run (then written again beside it)" in line, line


def _paired(tmp_path, out):
    """The Latvian post 51 and its English translation 61, ingested; the export again, the English
    text changed."""
    pair = {"pll_a": {"lv": 51, "en": 61}}
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(item(51, "Rudens lasījumi", "Oktobrī katru ceturtdienu lasām latviešu dzeju.",
                                    group="pll_a"),
                               item(61, "Autumn readings", "Every Thursday in October we read Latvian poetry.",
                                    lang="en", group="pll_a"), groups=pair), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    later = tmp_path / "later.xml"
    later.write_text(xml.read_text(encoding="utf-8").replace("Every Thursday", "Each Thursday"), encoding="utf-8")
    return later, out / "rudens-lasijumi.lv.md", out / "autumn-readings.en.md"


def test_a_post_withheld_for_its_broken_file_leaves_its_translation_as_declared(tmp_path, out):
    """The Latvian post's file broken by a hand edit (a quote left open in its title, line 4): the
    post is withheld, and that file's one line, at the line of the quote, is all that is said; its
    English translation is not told that post 51 is neither in the export nor among the post
    files, and its file keeps the translation it declares."""
    later, lv, en = _paired(tmp_path, out)
    broken = lv.read_bytes().replace(b"title: Rudens", b'title: "Rudens')
    assert broken.splitlines()[3].startswith(b'title: "')
    lv.write_bytes(broken)
    result = ingest(later, "--out", out)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"lvterm: {lv}:4: cannot be read (bad YAML front matter: found unexpected end of stream "
                           "while scanning a quoted scalar begun on this line): whether it holds rudens-lasijumi.lv"), line
    assert result.stdout == f"updated {en}\n"
    assert post_format.load(en).translations == {"lv": "rudens-lasijumi"}
    assert "Each Thursday" in en.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == [en.name, lv.name] and lv.read_bytes() == broken


def test_json_lists_a_withheld_post_as_withheld(tmp_path, out):
    """--json prints every post read: the one whose file cannot be read says so (`withheld`: that file)."""
    import json

    later, lv, en = _paired(tmp_path, out)
    lv.write_bytes(lv.read_bytes().replace(b"title: Rudens", b'title: "Rudens'))
    result = ingest(later, "--out", out, "--json")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.output
    objs = {obj["slug"]: obj for obj in map(json.loads, result.stdout.splitlines())}
    assert sorted(objs) == ["autumn-readings", "rudens-lasijumi"]
    assert objs["rudens-lasijumi"]["withheld"] == str(lv) and objs["rudens-lasijumi"]["wp_post_id"] == "51"
    assert "withheld" not in objs["autumn-readings"]
    assert objs["autumn-readings"]["translations"] == {"lv": "rudens-lasijumi"}


def test_many_windows_1257_files_are_twenty_lines_each_saying_how_to_convert_it(tmp_path, out):
    """Post files in Windows-1257 that a run does not write (an unrelated post ingested) are named
    with the command that converts them, 20 lines, then one counting the rest; that command makes
    the file UTF-8, its text as it was."""
    posts = [item(100 + n, f"Jaunums {n}", f"Bibliotēkas jaunums numur {n} par grāmatām.") for n in range(25)]
    xml = tmp_path / "gramatnica.xml"
    xml.write_text(site_export(*posts), encoding="utf-8")
    assert ingest(xml, "--out", out).exit_code == 0
    texts = {}
    for file in out.iterdir():
        texts[file] = file.read_text(encoding="utf-8")
        file.write_bytes(texts[file].encode("cp1257"))
    page = tmp_path / "piezime.md"
    page.write_text("---\ntitle: Piezīme\nlang: lv\n---\n\nLasītava šodien strādā līdz pusdienlaikam.\n",
                    encoding="utf-8")
    result = ingest(page, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"wrote {out / 'piezime.lv.md'}\n", result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 21, lines
    files = sorted(texts)
    for line, file in zip(lines[:20], files):
        assert line == (f"lvterm: {file}: Windows-1257 text, not UTF-8, which the build does not read: convert it "
                        f"with 'lvterm ingest {file} --out {out}' (its post, edits and translations kept)")
    assert lines[20] == (f"lvterm: {out}: 5 more post files are Windows-1257 text, not UTF-8, which the build does "
                         f"not read: convert each with 'lvterm ingest FILE --out {out}'")
    command = lines[0].split("'")[1].split()
    assert command[:2] == ["lvterm", "ingest"]
    converted = CliRunner().invoke(cli, command[1:])
    assert converted.exit_code == 0 and converted.stdout == f"updated {files[0]}\n", converted.output
    assert files[0].read_bytes() == texts[files[0]].encode("utf-8")
    assert all(file.read_bytes() == texts[file].encode("cp1257") for file in files[1:])
