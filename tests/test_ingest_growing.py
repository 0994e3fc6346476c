"""Growing a corpus with `lvterm ingest`, run after run: a post file edited by hand is never
written over (`ingest.edits`), one post is one file (its canonical URL; a twin text is named), a
post that left the blog is named while its file still publishes it, and what a normal export
holds (drafts, a third language, photo posts, a dated copy of itself) is no failure.
"""
from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format
from lvterm.models import Post

SITE = "https://lasitava.example.lv"
LANGS = {"lv": "lv_LV", "en": "en_GB", "ltg": "ltg"}


def export(*items: dict) -> str:
    """A Polylang export of SITE: items as dicts (id, title, text, lang, status, group), groups
    from the items' `group` (a group's name -> the ids of its members)."""
    groups: dict[str, dict[str, int]] = {}
    for it in items:
        if it.get("group"):
            groups.setdefault(it["group"], {})[it.get("lang", "lv")] = it["id"]
    terms = "".join(
        f"<wp:term><wp:term_taxonomy>language</wp:term_taxonomy><wp:term_slug>{code}</wp:term_slug>"
        f'<wp:term_description><![CDATA[a:1:{{s:6:"locale";s:{len(loc)}:"{loc}";}}]]></wp:term_description></wp:term>\n'
        for code, loc in LANGS.items())
    for name, members in groups.items():
        pairs = "".join(f's:{len(lang)}:"{lang}";i:{pid};' for lang, pid in members.items())
        terms += (f"<wp:term><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>{name}"
                  f"</wp:term_slug><wp:term_description><![CDATA[a:{len(members)}:{{{pairs}}}]]>"
                  f"</wp:term_description></wp:term>\n")
    body = ""
    for it in items:
        group = (f'<category domain="post_translations" nicename="{it["group"]}">{it["group"]}</category>'
                 if it.get("group") else "")
        body += (f"<item><title>{it['title']}</title><link>{SITE}/?p={it['id']}</link>"
                 f"<content:encoded><![CDATA[{it['text']}]]></content:encoded>"
                 f"<wp:post_id>{it['id']}</wp:post_id><wp:post_type>post</wp:post_type>"
                 f"<wp:status>{it.get('status', 'publish')}</wp:status>"
                 f'<category domain="language" nicename="{it.get("lang", "lv")}">{it.get("lang", "lv")}</category>'
                 f"{group}</item>\n")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
            f"\n<channel>\n<link>{SITE}</link>\n{terms}{body}</channel>\n</rss>\n")


SESSION = {"id": 41, "title": "Valdes sēdes lēmumi",
           "text": "<p>Valde nolēma pagarināt lasītavas darba laiku līdz astoņiem vakarā.</p>"}
FILE = "valdes-sedes-lemumi.lv.md"


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


@pytest.fixture
def site(tmp_path):
    """An export with one post, ingested once into `posts/`: (export, posts folder, post file)."""
    xml = tmp_path / "site.xml"
    xml.write_text(export(SESSION), encoding="utf-8")
    out = tmp_path / "posts"
    out.mkdir()
    first = ingest(xml, "--out", out)
    assert first.exit_code == 0 and first.stdout == f"wrote {out / FILE}\n", first.output
    return xml, out, out / FILE


def hand_edit(file):
    """What a user does to a post file: a word fixed, a YAML comment, a front matter field added."""
    text = file.read_text(encoding="utf-8")
    text = text.replace("astoņiem vakarā", "deviņiem vakarā").replace("\nlang: lv\n", "\nlang: lv  # pārbaudīts\n")
    text = text.replace("\n---\n", "\nreviewed: true\n---\n", 1)
    file.write_text(text, encoding="utf-8")
    return file.read_bytes()


# --- 1. a post file edited by hand ------------------------------------------------------------------


def test_hand_edits_survive_ingesting_the_unchanged_source_again(site):
    xml, out, file = site
    edited = hand_edit(file)
    again = ingest(xml, "--out", out)
    assert again.exit_code == 0 and again.stderr == "", again.output
    assert again.stdout == f"unchanged {file}\n"
    assert file.read_bytes() == edited  # the fix, the comment and `reviewed: true`, byte for byte


def test_hand_edits_are_kept_when_the_source_changed_too(site):
    xml, out, file = site
    edited = hand_edit(file)
    xml.write_text(xml.read_text(encoding="utf-8").replace("lasītavas", "bibliotēkas"), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 2
    assert result.stderr == (f"lvterm: {file}: edited since it was ingested, and the text ingest makes from the "
                             "source differs from what it wrote; kept: compare by hand, or delete the file and ingest "
                             "again to take the source's text (or replace=True, --replace, for every file of the run)\n")
    assert result.stdout == f"kept {file}\n"
    assert file.read_bytes() == edited
    replaced = ingest(xml, "--out", out, "--replace")
    assert replaced.exit_code == 0 and replaced.stdout == f"updated {file}\n", replaced.output
    post = post_format.load(file)
    assert post.paragraphs == ("Valde nolēma pagarināt bibliotēkas darba laiku līdz astoņiem vakarā.",)
    assert "reviewed" not in post.meta
    assert ingest(xml, "--out", out).stdout == f"unchanged {file}\n"  # as ingested again: no edits


def test_a_file_as_ingest_wrote_it_is_updated_and_records_what_it_holds(site):
    xml, out, file = site
    recorded = post_format.ingest_record(file.read_text(encoding="utf-8"))
    assert recorded == post_format.ingest_digest(file.read_text(encoding="utf-8"))
    xml.write_text(xml.read_text(encoding="utf-8").replace("lasītavas", "bibliotēkas"), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"updated {file}\n", result.output
    text = file.read_text(encoding="utf-8")
    assert "bibliotēkas darba laiku" in text
    assert post_format.ingest_record(text) == post_format.ingest_digest(text) != recorded


def test_a_file_without_the_record_gets_it_when_it_holds_the_post_else_counts_as_edited(site):
    """The safe side: a post file without `ingested:` (the committed corpus, an older lvterm's
    files, one written by hand) that holds the source's text (line ends aside) is given its record,
    that line only, so a later run can update it; one that differs may hold edits: kept, with
    the way out for that one file."""
    xml, out, file = site
    old = post_format.dumps(post_format.load(file)).replace("\n", "\r\n")  # an older lvterm's, checked out on Windows
    assert "ingested:" not in old
    file.write_bytes(old.encode("utf-8"))
    same = ingest(xml, "--out", out)
    assert same.exit_code == 0 and same.stdout == f"recorded {file}\n", same.output
    text = file.read_bytes().decode("utf-8")
    assert text.replace(f"ingested: {post_format.ingest_record(text)}\r\n", "") == old
    assert ingest(xml, "--out", out).stdout == f"unchanged {file}\n" and file.read_bytes().decode("utf-8") == text
    xml.write_text(xml.read_text(encoding="utf-8").replace("lasītavas", "bibliotēkas"), encoding="utf-8")
    assert ingest(xml, "--out", out).stdout == f"updated {file}\n"  # recorded: updatable
    differs = post_format.dumps(post_format.load(file)).replace("bibliotēkas", "lasītavas")
    file.write_text(differs, encoding="utf-8")
    changed = ingest(xml, "--out", out)
    assert changed.exit_code == 2 and changed.stdout == f"kept {file}\n"
    assert changed.stderr == (f"lvterm: {file}: records no digest of what ingest wrote (no `ingested:`) and differs "
                              "from the text ingest makes from the source, so whether it was edited cannot be told; "
                              "kept: compare by hand, or delete the file and ingest again to take the source's text "
                              "(or replace=True, --replace, for every file of the run)\n")
    assert file.read_text(encoding="utf-8") == differs


def test_keys_and_comments_a_user_added_are_no_edit_and_are_carried_over(site):
    xml, out, file = site
    text = file.read_text(encoding="utf-8").replace("\nlang: lv\n", "\nlang: lv  # pārbaudīts\n")
    text = text.replace("\n---\n", "\n# pārskatīts 2025. gadā\nreviewed: true\n---\n", 1)
    file.write_text(text, encoding="utf-8")
    xml.write_text(xml.read_text(encoding="utf-8").replace("lasītavas", "bibliotēkas"), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"updated {file}\n", result.output
    new = file.read_text(encoding="utf-8")
    assert "bibliotēkas darba laiku" in new and "\nlang: lv  # pārbaudīts\n" in new
    assert "\n# pārskatīts 2025. gadā\nreviewed: true\n---\n" in new
    assert post_format.load(file).meta["reviewed"] is True
    assert ingest(xml, "--out", out).stdout == f"unchanged {file}\n"


@pytest.mark.parametrize("respace", [
    lambda t: t.replace("\n", "\r\n"), lambda t: t + "\n\n", lambda t: t.rstrip("\n"),
    lambda t: t.replace("vakarā.\n", "vakarā.   \n")], ids=["crlf", "final-newlines", "no-final-newline", "trailing-spaces"])
def test_whitespace_is_no_edit(site, respace):
    xml, out, file = site
    spaced = respace(file.read_bytes().decode("utf-8")).encode("utf-8")
    file.write_bytes(spaced)
    same = ingest(xml, "--out", out)
    assert same.exit_code == 0 and same.stdout == f"unchanged {file}\n" and file.read_bytes() == spaced
    xml.write_text(xml.read_text(encoding="utf-8").replace("lasītavas", "bibliotēkas"), encoding="utf-8")
    changed = ingest(xml, "--out", out)
    assert changed.exit_code == 0 and changed.stdout == f"updated {file}\n", changed.output
    assert "bibliotēkas darba laiku" in file.read_text(encoding="utf-8")


def test_an_edited_post_file_still_gets_its_translation_declared(site, tmp_path):
    xml, out, file = site
    hand_edit(file)
    english = {"id": 42, "title": "Board decisions", "lang": "en", "group": "pll_7",
               "text": "<p>The board decided to keep the reading room open until eight in the evening.</p>"}
    xml.write_text(export({**SESSION, "group": "pll_7"}, english), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    text = file.read_text(encoding="utf-8")
    assert "deviņiem vakarā" in text and "# pārbaudīts" in text and "reviewed: true" in text
    assert post_format.load(file).translations == {"en": "board-decisions"}
    assert post_format.load(out / "board-decisions.en.md").translations == {"lv": "valdes-sedes-lemumi"}


# --- 2. one post, one file ----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="lv-LV"><head><meta charset="utf-8"><title>{title} | Lasītava</title>
<link rel="canonical" href="https://lasitava.example.lv/gramatu-skapis/"></head>
<body><article><h1 class="entry-title">{title}</h1><div class="entry-content">
<p>Pie stacijas ir grāmatu skapis, no kura ikviens var paņemt grāmatu.</p>
<p>Skapi papildinām katru {day}.</p></div></article></body></html>
"""


def test_a_page_with_the_same_canonical_url_updates_its_file(tmp_path):
    out = tmp_path / "posts"
    out.mkdir()
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(title="Grāmatu skapis pie stacijas", day="otrdienu"), encoding="utf-8")
    assert ingest(page, "--out", out).exit_code == 0
    page.write_text(PAGE.format(title="Jauns grāmatu skapis", day="pirmdienu"), encoding="utf-8")
    again = ingest(page, "--out", out)
    assert again.exit_code == 0 and again.stdout == f"updated {out / 'gramatu-skapis-pie-stacijas.lv.md'}\n"
    saved = tmp_path / "saglabats.html"  # the same page saved again under another name
    saved.write_text(PAGE.format(title="Jauns grāmatu skapis", day="trešdienu"), encoding="utf-8")
    third = ingest(saved, "--out", out)
    assert third.exit_code == 0 and third.stdout == f"updated {out / 'gramatu-skapis-pie-stacijas.lv.md'}\n"
    assert [p.name for p in out.iterdir()] == ["gramatu-skapis-pie-stacijas.lv.md"]
    post = post_format.load(out / "gramatu-skapis-pie-stacijas.lv.md")
    assert (post.title, post.paragraphs[-1]) == ("Jauns grāmatu skapis", "Skapi papildinām katru trešdienu.")


HOME_LINK = """<!DOCTYPE html>
<html lang="lv-LV"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:url" content="https://lasitava.example.lv/"></head>
<body><article><h1 class="entry-title">{title}</h1><div class="entry-content"><p>{text}</p></div></article></body></html>
"""


def test_pages_sharing_only_a_canonical_link_are_posts_of_their_own(tmp_path):
    """A theme that gives every page the home page's URL: a link alone is no identity."""
    out = tmp_path / "posts"
    out.mkdir()
    a, b, c = tmp_path / "a.html", tmp_path / "b.html", tmp_path / "c.html"
    a.write_text(HOME_LINK.format(title="Dzejas diena", text="Septembrī lasītavā lasīja dzeju."), encoding="utf-8")
    b.write_text(HOME_LINK.format(title="Jaunas grāmatas", text="Oktobrī saņēmām četrdesmit grāmatu."),
                 encoding="utf-8")
    c.write_text(HOME_LINK.format(title="Bērnu rīts", text="Sestdienās bērniem lasām pasakas."), encoding="utf-8")
    both = ingest(a, b, "--out", out)
    assert both.exit_code == 0, both.output
    assert both.stdout == f"wrote 2 post files in {out}: dzejas-diena.lv.md, jaunas-gramatas.lv.md\n"
    assert both.stderr == (f"lvterm: {b}: shares its canonical link with dzejas-diena.lv but not its title or most of its text: "
                           "written as jaunas-gramatas.lv, a post of its own\n")
    later = ingest(c, "--out", out)  # another run: the files there are other posts too
    assert later.exit_code == 0 and later.stdout == f"wrote {out / 'bernu-rits.lv.md'}\n", later.output
    assert later.stderr.startswith(f"lvterm: {c}: shares its canonical link with {out}/")
    assert post_format.load(out / "dzejas-diena.lv.md").paragraphs == ("Septembrī lasītavā lasīja dzeju.",)


def test_a_copy_of_an_ingested_post_under_another_name_is_named(tmp_path):
    out = tmp_path / "posts"
    out.mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    md = "---\ntitle: Bērnu žūrija 2024\nlang: lv\n---\n\nŠogad lasīšanas programmā piedalījās 58 bērni.\n"
    (tmp_path / "a" / "zurija.md").write_text(md, encoding="utf-8")
    (tmp_path / "b" / "zurija.md").write_text(md, encoding="utf-8")
    assert ingest(tmp_path / "a" / "zurija.md", "--out", out).exit_code == 0
    copy = ingest(tmp_path / "b" / "zurija.md", "--out", out)
    assert copy.exit_code == 0, copy.output
    assert copy.stderr == (f"lvterm: {tmp_path / 'b' / 'zurija.md'}: has the same text as {out / 'bernu-zurija-2024.lv.md'} "
                           f"(from {tmp_path / 'a' / 'zurija.md'}); written as bernu-zurija-2024-2.lv all the same: "
                           "if they are one post, delete one of them\n")


# --- 3. a post that is no longer public ------------------------------------------------------------


@pytest.mark.parametrize("status, said", [("private", "private"), ("trash", "in the trash"), ("draft", "a draft")])
def test_a_post_no_longer_public_names_the_file_that_still_publishes_it(site, status, said):
    xml, out, file = site
    before = file.read_bytes()
    xml.write_text(export({**SESSION, "status": status}), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stdout == "wrote no post files\n", result.output
    assert f"lvterm: {xml} [item 1 'Valdes sēdes lēmumi']: is now {said} in the export; {file} still publishes " \
           "it: delete it to take it out\n" in result.stderr
    assert file.read_bytes() == before  # never deleted by ingest


# --- 4. what a normal export holds is no failure ----------------------------------------------------


def test_a_third_language_and_a_photo_post_are_warnings(tmp_path):
    out = tmp_path / "posts"
    out.mkdir()
    xml = tmp_path / "site.xml"
    xml.write_text(export(
        {"id": 1, "title": "Latgalīšu dīna", "lang": "ltg", "group": "pll_1",
         "text": "<p>Bibliotekā šudiņ beja latgalīšu rakstnīceibys dīna.</p>"},
        {"id": 2, "title": "Latgaliešu diena", "group": "pll_1",
         "text": "<p>Bibliotēkā šodien bija latgaliešu rakstniecības diena.</p>"},
        {"id": 3, "title": "Foto no dzejas dienām",
         "text": '[gallery ids="7,8"]<figure class="wp-block-image"><img src="a.jpg" alt=""/></figure>'}),
        encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {out / 'latgaliesu-diena.lv.md'}\n"
    assert result.stderr.splitlines() == [
        f"lvterm: {xml} [item 1 'Latgalīšu dīna']: is in language 'ltg': the library is Latvian-English (lv, en); "
        "not ingested",
        f"lvterm: {xml} [item 3 'Foto no dzejas dienām']: has no text (only images, a gallery or embeds, or "
        "nothing); not ingested"]
    broken = tmp_path / "broken.xml"
    broken.write_text(xml.read_text(encoding="utf-8").replace("</channel>", ""), encoding="utf-8")
    assert ingest(broken, "--out", out).exit_code == 2  # malformed XML is still a failure


def test_an_export_of_private_posts_only_is_a_warning(tmp_path):
    xml = tmp_path / "site.xml"
    xml.write_text(export({**SESSION, "status": "private"}), encoding="utf-8")
    (tmp_path / "posts").mkdir()
    result = ingest(xml, "--out", tmp_path / "posts")
    assert result.exit_code == 0 and result.stdout == "wrote no post files\n"
    assert result.stderr == (f"lvterm: {xml}: no published posts or pages in the export (1 post not public, left "
                             "out: 1 private)\n")


# --- 5. the same export under a dated name ------------------------------------------------------------


def test_a_dated_copy_of_the_export_changes_nothing(site, tmp_path):
    xml, out, file = site
    before = file.read_bytes()
    dated = tmp_path / "lasitava.WordPress.2025-01-10.xml"
    shutil.copy(xml, dated)
    result = ingest(dated, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"unchanged {file}\n", result.output
    assert file.read_bytes() == before and post_format.load(file).source == str(xml)
    edited = hand_edit(file)  # edited by hand, then the dated copy: the edits stay, silently
    assert ingest(dated, "--out", out).stdout == f"unchanged {file}\n" and file.read_bytes() == edited
    dated.write_text(dated.read_text(encoding="utf-8").replace("lasītavas", "bibliotēkas"), encoding="utf-8")
    file.write_bytes(before)
    changed = ingest(dated, "--out", out)  # a changed text: written, and from where it now came
    assert changed.stdout == f"updated {file}\n" and post_format.load(file).source == str(dated)


# --- 6. a translation that is a draft -------------------------------------------------------------------


def test_a_translation_that_is_a_draft_is_said_to_be_a_draft(tmp_path):
    out = tmp_path / "posts"
    out.mkdir()
    xml = tmp_path / "site.xml"
    xml.write_text(export({"id": 5, "title": "Jauni noteikumi", "status": "draft", "group": "pll_2",
                           "text": "<p>Šis teksts vēl nav gatavs.</p>"},
                          {"id": 6, "title": "New rules", "lang": "en", "group": "pll_2",
                           "text": "<p>The new rules of the reading room.</p>"}), encoding="utf-8")
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"wrote {out / 'new-rules.en.md'}\n", result.output
    assert (f"lvterm: {xml} [item 2 'New rules']: its lv translation (post 5 of its translation group, item 1 "
            "'Jauni noteikumi') is a draft in the export, not public; not declared (until it is published and "
            "ingested)") in result.stderr.splitlines()  # (the count of posts not public is logged)


# --- 7. a page in another script ------------------------------------------------------------------------


def test_a_cyrillic_page_given_as_latvian_is_said_to_be_cyrillic(tmp_path):
    page = tmp_path / "ru.html"
    page.write_text("<!DOCTYPE html><html><head><title>Новые книги</title></head><body><article>"
                    "<h1 class='entry-title'>Новые книги</h1><div class='entry-content'>"
                    "<p>В октябре библиотека получила сорок новых книг.</p></div></article></body></html>\n",
                    encoding="utf-8")
    (tmp_path / "posts").mkdir()
    result = ingest(page, "--lang", "lv", "--slug", "x", "--out", tmp_path / "posts")
    assert result.exit_code == 2
    assert result.stderr == (f"lvterm: {page}: is written in Cyrillic script, so it is not Latvian (as --lang lv "
                             "says): the library is Latvian-English (lv, en); not ingested\n")


def test_the_digest_ignores_the_record_and_the_translations():
    post = Post(slug="a", lang="lv", title="A", paragraphs=("Teksts.",), source="a.md")
    text, digest = post_format.dumps_ingested(post)
    assert re.search(rf"^source: a.md\ningested: {digest}\n", text, re.M)
    paired = post_format.rewritten(Post(**{**post.__dict__, "translations": {"en": "a"}}), text)
    assert "translations:" in paired and post_format.ingest_digest(paired) == digest
    assert post_format.ingest_digest(text.replace("Teksts.", "Teksts!")) != digest


def test_the_python_api_refuses_to_write_over_hand_edits(site):
    """`ingest.write_post`: an InputError naming the file, nothing written; `replace=True` writes."""
    from lvterm.errors import InputError
    from lvterm.ingest import write_post

    xml, out, file = site
    edited = hand_edit(file)
    post = post_format.load(file)
    newer = Post(**{**post.__dict__, "paragraphs": ("Valde nolēma slēgt lasītavu jūlijā.",), "meta": {}})
    with pytest.raises(InputError, match=r"edited since it was ingested.*replace=True, --replace"):
        write_post(newer, out=out)
    assert file.read_bytes() == edited
    assert write_post(newer, out=out, replace=True) == file
    assert post_format.load(file).paragraphs == ("Valde nolēma slēgt lasītavu jūlijā.",)


def test_a_page_saved_again_with_its_title_and_a_sentence_edited_updates_its_file(tmp_path):
    """Its canonical link and most of its paragraphs are the file's: the same page, not a second one."""
    out = tmp_path / "posts"
    out.mkdir()
    first, again = tmp_path / "plaukts.html", tmp_path / "plaukts-vestibila.html"
    text = "</p><p>".join(["Vestibilā ir jauns grāmatu maiņas plaukts.", "Atnesiet grāmatu un paņemiet citu.",
                           "Plaukts ir atvērts visu dienu."])
    first.write_text(HOME_LINK.format(title="Grāmatu maiņas plaukts", text=text), encoding="utf-8")
    again.write_text(HOME_LINK.format(title="Grāmatu maiņas plaukts vestibilā",
                                      text=text.replace("visu dienu", "no deviņiem līdz septiņiem")),
                     encoding="utf-8")
    assert ingest(first, "--out", out).exit_code == 0
    result = ingest(again, "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert result.stdout == f"updated {out / 'gramatu-mainas-plaukts.lv.md'}\n"
    assert sorted(p.name for p in out.iterdir()) == ["gramatu-mainas-plaukts.lv.md"]
