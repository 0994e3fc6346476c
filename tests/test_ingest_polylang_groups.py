"""Polylang translation groups beyond one complete export: an export split by language and ingested
in two runs (the members of a group found by `wp_post_id` among the post files already in `--out`),
a group with a language the library does not hold, and same-slug posts of an export whose items
carry Polylang data (never paired by slug: translations come from the groups only).
"""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format
from lvterm.models import Post

from test_ingest_translation_bad_input import wxr


def export(*items: tuple[int, str | None, str, str | None], groups: dict[str, dict[str, int]] = {}) -> str:
    """A Polylang export: items (post id, language, title, group slug) and groups (slug -> {lang: post id})."""
    def php(group: dict[str, int]) -> str:
        return f"a:{len(group)}:{{" + "".join(f's:{len(k)}:"{k}";i:{v};' for k, v in group.items()) + "}"

    return wxr(*items, groups={slug: php(group) for slug, group in groups.items()})


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def declarations(folder) -> dict[str, dict[str, str]]:
    return {p.id: dict(p.translations) for p in post_format.load_corpus(folder)}


GROUPS = {"pll_a": {"lv": 12, "en": 13}, "pll_b": {"en": 15, "lv": 14}}
SPLIT = {
    "lv_only.xml": export((12, "lv", "Bibliotēkas jaunumi", "pll_a"), (14, "lv", "Vasaras lasīšana", "pll_b"),
                          groups=GROUPS),
    "en_only.xml": export((13, "en", "Library news", "pll_a"), (15, "en", "Summer reading", "pll_b"), groups=GROUPS),
}
PAIRED = {"bibliotekas-jaunumi.lv": {"en": "library-news"}, "library-news.en": {"lv": "bibliotekas-jaunumi"},
          "vasaras-lasisana.lv": {"en": "summer-reading"}, "summer-reading.en": {"lv": "vasaras-lasisana"}}


@pytest.fixture
def split(tmp_path):
    for name, text in SPLIT.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


# --- 1. an export split by language, one run per file -------------------------------------------


@pytest.mark.parametrize("first, second", [("en_only.xml", "lv_only.xml"), ("lv_only.xml", "en_only.xml")])
def test_ingest_split_export_pairs_across_runs(split, first, second):
    out = split / f"out-{first}"
    out.mkdir()
    one = ingest(split / first, "--out", out)
    # the first run cannot know the other language's posts: each group is one line (a warning), the
    # posts written
    assert one.exit_code == 0
    lines = one.stderr.splitlines()
    assert len(lines) == 2 and all("is not among the posts read from the export" in line and str(out) in line
                                   for line in lines), lines
    two = ingest(split / second, "--out", out)
    assert two.exit_code == 0 and two.stderr == "", two.output
    # the two new posts written, their counterparts from the first run updated (their translations)
    assert re.fullmatch(rf"wrote 2 post files in {re.escape(str(out))}: .*; updated 2 post files in "
                        rf"{re.escape(str(out))}: .*\n", two.stdout), two.stdout
    assert declarations(out) == PAIRED
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_ingest_split_export_is_order_independent(split):
    folders = []
    for order in (["en_only.xml", "lv_only.xml"], ["lv_only.xml", "en_only.xml"]):
        out = split / "-".join(order)
        out.mkdir()
        for name in order:
            ingest(split / name, "--out", out)
        folders.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert folders[0] == folders[1] and len(folders[0]) == 4


def test_ingest_split_export_reports_a_member_in_neither_the_export_nor_the_folder(split):
    out = split / "out"
    out.mkdir()
    assert ingest(split / "en_only.xml", "--out", out).exit_code == 0
    (out / "summer-reading.en.md").unlink()  # post 15 is gone from the folder
    result = ingest(split / "lv_only.xml", "--out", out)
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert "lv_only.xml [item 2 'Vasaras lasīšana']: its en translation (post 15 of its translation group) is " \
           "not among the posts read from the export" in line
    assert declarations(out) == {"bibliotekas-jaunumi.lv": {"en": "library-news"},
                                 "library-news.en": {"lv": "bibliotekas-jaunumi"}, "vasaras-lasisana.lv": {}}


def _write(folder, slug, lang, wp_post_id, translations=None):
    post = Post(slug=slug, lang=lang, title=slug, paragraphs=("Text.",), translations=translations or {},
                meta={"wp_post_id": wp_post_id})
    (folder / f"{slug}.{lang}.md").write_text(post_format.dumps(post), encoding="utf-8")


def test_ingest_split_export_needs_the_language_and_one_file_per_post_id(split):
    out = split / "out"
    out.mkdir()
    _write(out, "not-this-one", "lv", "13")  # post 13, but Latvian: not the group's English member
    _write(out, "summer-a", "en", "15")  # two English files claim post 15: neither is taken
    _write(out, "summer-b", "en", "15")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = ingest(split / "lv_only.xml", "--out", out)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2, lines
    assert "its en translation (post 13 of its translation group) is not among the posts" in lines[0]
    assert "post 15" in lines[1] and "summer-a.en, summer-b.en" in lines[1]
    assert {n: (out / n).read_bytes() for n in before} == before  # nothing declared in them
    assert declarations(out)["vasaras-lasisana.lv"] == {}


def test_ingest_split_export_json_shows_the_translation_in_the_folder(split):
    out = split / "out"
    out.mkdir()
    ingest(split / "en_only.xml", "--out", out)
    result = ingest(split / "lv_only.xml", "--out", out, "--json")
    assert result.exit_code == 0, result.output
    import json

    assert [json.loads(line)["translations"] for line in result.stdout.splitlines()] == [
        {"en": "library-news"}, {"en": "summer-reading"}]


# --- 2. a group with a language the library does not hold -----------------------------------------


@pytest.mark.parametrize("lang, title", [("de", "Erste"), ("ru", "Первый")])
def test_ingest_group_with_a_third_language(tmp_path, lang, title):
    xml = tmp_path / "site.xml"
    xml.write_text(export((1, "lv", "Pirmais", "pll_3"), (2, "en", "First", "pll_3"), (3, lang, title, "pll_3"),
                          groups={"pll_3": {"lv": 1, "en": 2, lang: 3}}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0, result.output  # a warning: what a Polylang export of three languages holds
    (line,) = result.stderr.splitlines()  # the other language's post, once; nothing about its group
    assert f"site.xml [item 3 '{title}']: is in language '{lang}': the library is Latvian-English" in line
    assert declarations(out) == {"pirmais.lv": {"en": "first"}, "first.en": {"lv": "pirmais"}}


def test_ingest_group_naming_a_third_language_post_not_in_the_export(tmp_path):
    xml = tmp_path / "site.xml"
    xml.write_text(export((1, "lv", "Pirmais", "pll_3"), (2, "en", "First", "pll_3"),
                          groups={"pll_3": {"lv": 1, "en": 2, "de": 3}}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert declarations(out) == {"pirmais.lv": {"en": "first"}, "first.en": {"lv": "pirmais"}}


# --- 3. same-slug posts of a Polylang export are not paired ---------------------------------------


def test_ingest_polylang_export_pairs_by_groups_only(tmp_path):
    xml = tmp_path / "site.xml"
    xml.write_text(export((1, "lv", "Koncerts", "pll_a"), (2, "en", "Concert", "pll_a"),
                          (3, "lv", "Cits raksts", "pll_b"), (4, "en", "Koncerts", "pll_b"),
                          (5, "lv", "Ziņas", None), (6, "en", "Zinas", None),
                          groups={"pll_a": {"lv": 1, "en": 2}, "pll_b": {"lv": 3, "en": 4}}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, "--out", out)
    # a shared slug is no problem where the groups say which posts translate each other
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert declarations(out) == {
        "koncerts.lv": {"en": "concert"}, "concert.en": {"lv": "koncerts"},
        "cits-raksts.lv": {"en": "koncerts"}, "koncerts.en": {"lv": "cits-raksts"},
        "zinas.lv": {}, "zinas.en": {}}


def test_ingest_polylang_export_post_is_not_paired_by_slug_with_a_separate_file(tmp_path):
    xml = tmp_path / "site.xml"
    xml.write_text(export((5, "lv", "Ziņas", None), (7, "lv", "Koncerts", None)), encoding="utf-8")
    md = tmp_path / "news.md"
    md.write_text("---\ntitle: Zinas\nlang: en\n---\n\nNews from the library.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = ingest(xml, md, "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert declarations(out) == {"zinas.lv": {}, "koncerts.lv": {}, "zinas.en": {}}


def test_ingest_separate_single_language_exports_still_pair_by_slug(tmp_path):
    """Exports without Polylang data (one per language, --lang given) keep the documented same-slug pairing."""
    (tmp_path / "lv.xml").write_text(export((5, None, "Ziņas", None)), encoding="utf-8")
    (tmp_path / "en.xml").write_text(export((6, None, "Zinas", None)), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert ingest(tmp_path / "lv.xml", "--lang", "lv", "--out", out).exit_code == 0
    result = ingest(tmp_path / "en.xml", "--lang", "en", "--out", out)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert declarations(out) == {"zinas.lv": {"en": "zinas"}, "zinas.en": {"lv": "zinas"}}


def _of_site(text: str, url: str) -> str:
    return text.replace("<channel>\n", f"<channel>\n<wp:base_blog_url>{url}</wp:base_blog_url>\n", 1)


def test_ingest_split_exports_of_two_sites_never_pair_across_them(split):
    """Post ids are per blog: site B's English export, whose groups name Latvian posts 12 and 14
    of site B, is not paired with site A's Latvian posts 12 and 14 already in the folder."""
    out = split / "out"
    out.mkdir()
    (split / "a_lv.xml").write_text(_of_site(SPLIT["lv_only.xml"], "https://a.example.org"), encoding="utf-8")
    other = {"pll_a": {"lv": 12, "en": 23}, "pll_b": {"en": 25, "lv": 14}}
    (split / "b_en.xml").write_text(_of_site(export((23, "en", "Opening hours", "pll_a"), (25, "en", "New books", "pll_b"),
                                                    groups=other), "https://b.example.org"), encoding="utf-8")
    assert ingest(split / "a_lv.xml", "--out", out).exit_code == 0  # A's English half not there yet: warnings
    result = ingest(split / "b_en.xml", "--out", out)
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all("nor among the post files of" in line for line in lines), lines
    assert all(not t for t in declarations(out).values())
    assert post_format.load(out / "opening-hours.en.md").meta["wp_site"] == "b.example.org"
    # A's own English half pairs as before
    (split / "a_en.xml").write_text(_of_site(SPLIT["en_only.xml"], "https://a.example.org"), encoding="utf-8")
    assert ingest(split / "a_en.xml", "--out", out).exit_code == 0
    assert {k: v for k, v in declarations(out).items() if v} == PAIRED


@pytest.mark.parametrize("lv_url, en_url", [
    ("https://a.example.org", "https://a.example.org/"),  # a final slash
    ("http://a.example.org", "https://a.example.org"),  # the blog moved to https between the exports
    ("https://A.example.org", "https://a.example.org"),  # the host's case
])
def test_ingest_split_exports_of_one_site_pair_however_its_address_is_written(split, lv_url, en_url):
    out = split / "out"
    out.mkdir()
    (split / "lv.xml").write_text(_of_site(SPLIT["lv_only.xml"], lv_url), encoding="utf-8")
    (split / "en.xml").write_text(_of_site(SPLIT["en_only.xml"], en_url), encoding="utf-8")
    ingest(split / "lv.xml", "--out", out)
    result = ingest(split / "en.xml", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert declarations(out) == PAIRED
