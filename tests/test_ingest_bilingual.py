"""Bilingual sources: each post's language where the source states it (Polylang's `language` terms in
a WXR export, `<html lang>`, front matter `lang:`), `--lang` only as the default, and Polylang's
translation groups declared in both posts.

The export is tests/fixtures/ingest/bilingual_polylang.xml: three Latvian-English pairs (one listed
English first), a Latvian post without a translation, an English post whose group names a Latvian
post that is not in the export, and an attachment.
"""
from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format
from lvterm.ingest import ingest
from lvterm.ingest.clean import lang_code
from lvterm.ingest.wxr import php_array

EXPORT = "bilingual_polylang.xml"
#: slug -> (lang, translations) of every post in the export, as the site declares them.
EXPECTED = {
    "lasitaju-nakts-biblioteka": ("lv", {"en": "readers-night-at-the-library"}),
    "readers-night-at-the-library": ("en", {"lv": "lasitaju-nakts-biblioteka"}),
    "the-new-e-book-platform": ("en", {"lv": "jauna-e-gramatu-platforma"}),
    "jauna-e-gramatu-platforma": ("lv", {"en": "the-new-e-book-platform"}),
    "senioru-digitalo-prasmju-kursi": ("lv", {"en": "digital-skills-courses-for-seniors"}),
    "digital-skills-courses-for-seniors": ("en", {"lv": "senioru-digitalo-prasmju-kursi"}),
    "novadpetniecibas-krajums": ("lv", {}),
    "summer-reading-challenge": ("en", {}),
}
MISSING = "[item 9 'Summer reading challenge']: its lv translation (post 209 of its translation group)"


def invoke(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def test_ingest_bilingual_json_carries_lang_and_translations_for_every_post(fixtures):
    result = invoke(fixtures / "ingest" / EXPORT, "--json")
    objs = [json.loads(line) for line in result.stdout.splitlines()]
    assert {o["slug"]: (o["lang"], o["translations"]) for o in objs} == EXPECTED
    assert [o["slug"] for o in objs] == list(EXPECTED)  # the export's order
    # the one group naming a post that is not in the export: one line naming file and item, a
    # warning (exit code 0: a post the export leaves out, a draft, another category, is no failure)
    problems = result.stderr.splitlines()
    assert len(problems) == 1 and EXPORT in problems[0] and MISSING in problems[0]
    assert result.exit_code == 0


def test_ingest_bilingual_writes_both_posts_of_every_pair(fixtures, tmp_path):
    result = invoke(fixtures / "ingest" / EXPORT, "--out", tmp_path)
    assert result.exit_code == 0 and MISSING in result.stderr
    assert result.stdout.strip() == f"wrote 8 post files in {tmp_path}"
    posts = {p.slug: p for p in post_format.load_corpus(tmp_path)}
    assert {slug: (p.lang, dict(p.translations)) for slug, p in posts.items()} == EXPECTED
    assert [(a.slug, b.slug) for a, b in post_format.pairs(posts.values())] == [
        ("jauna-e-gramatu-platforma", "the-new-e-book-platform"),
        ("lasitaju-nakts-biblioteka", "readers-night-at-the-library"),
        ("senioru-digitalo-prasmju-kursi", "digital-skills-courses-for-seniors")]
    assert posts["readers-night-at-the-library"].meta["wp_post_id"] == "202"


def test_ingest_bilingual_lang_option_does_not_override_the_export(fixtures):
    """--lang is the default for items that state no language; the export states every one."""
    for lang in ("lv", "en"):
        posts = [p for p in ingest([fixtures / "ingest" / EXPORT], lang=lang) if hasattr(p, "slug")]
        assert {p.slug: p.lang for p in posts} == {slug: lang for slug, (lang, _) in EXPECTED.items()}


def test_ingest_without_lang_reports_each_post_that_states_none(fixtures, tmp_path):
    """export.xml has no Polylang terms: without --lang each post is one line, nothing is guessed."""
    result = invoke(fixtures / "ingest" / "export.xml", fixtures / "ingest" / EXPORT, "--out", tmp_path)
    assert result.exit_code == 2
    unstated = [line for line in result.stderr.splitlines() if "states no language" in line]
    assert len(unstated) == 2 and all("export.xml [item " in line for line in unstated)
    assert len(list(tmp_path.glob("*.md"))) == 8  # the bilingual export's posts are still written
    with_default = invoke(fixtures / "ingest" / "export.xml", "--lang", "en", "--json")
    assert with_default.exit_code == 0, with_default.output
    assert {json.loads(line)["lang"] for line in with_default.stdout.splitlines()} == {"en"}


def test_ingest_html_lang_attribute_states_the_language(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html>\n<html lang="en-GB"><head><title>Opening hours</title></head><body>'
                    '<article><h1>Opening hours</h1><p>The library is open on Saturdays from May.</p>'
                    '</article></body></html>', encoding="utf-8")
    result = invoke(page, "--json")  # no --lang: the page says it is English
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["lang"] == "en"
    og = tmp_path / "og.html"
    og.write_text('<html><head><meta property="og:locale" content="lv_LV"><title>Darba laiks</title></head>'
                  '<body><p>Bibliotēka no maija strādā arī sestdienās.</p></body></html>', encoding="utf-8")
    (obj,) = [json.loads(line) for line in invoke(og, "--lang", "en", "--json").stdout.splitlines()]
    assert obj["lang"] == "lv"


def test_ingest_markdown_front_matter_lang_and_translations(tmp_path):
    md = tmp_path / "hours.md"
    md.write_text("---\ntitle: Darba laiks vasarā\nlang: lv\ntranslations: {en: summer-opening-hours}\n---\n\n"
                  "Jūlijā un augustā bibliotēka strādā no 10.00 līdz 17.00.\n", encoding="utf-8")
    result = invoke(md, "--lang", "en", "--json")
    assert result.exit_code == 0, result.output
    obj = json.loads(result.stdout)
    assert (obj["lang"], obj["translations"]) == ("lv", {"en": "summer-opening-hours"})


def test_ingest_a_language_the_library_does_not_hold_is_reported(tmp_path):
    (tmp_path / "ru.md").write_text("---\ntitle: Часы работы\nslug: chasy-raboty\nlang: ru\n---\n\n"
                                    "Библиотека открыта.\n", encoding="utf-8")
    (tmp_path / "lv.md").write_text("---\ntitle: Darba laiks\nlang: lv\n---\n\nBibliotēka ir atvērta.\n",
                                    encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    result = invoke(tmp_path / "ru.md", tmp_path / "lv.md", "--out", out)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "ru.md: is in language 'ru'" in result.stderr
    assert [p.name for p in out.iterdir()] == ["darba-laiks.lv.md"]


@pytest.mark.parametrize("tag, code", [("lv", "lv"), ("lv-LV", "lv"), ("lv_LV", "lv"), ("EN-gb", "en"),
                                       ("en-GB-oxendict", "en"), (" en ", "en"), ("Latviešu", None), ("", None),
                                       ("l", None), ("lv-", None), (None, None)])
def test_ingest_lang_code_of_a_language_tag(tag, code):
    assert lang_code(tag) == code


@pytest.mark.parametrize("text, expected", [
    ('a:2:{s:2:"lv";i:12;s:2:"en";i:15;}', {"lv": "12", "en": "15"}),
    ('a:2:{s:2:"en";s:2:"15";s:2:"lv";s:2:"12";}', {"en": "15", "lv": "12"}),  # ids stored as strings
    ('a:3:{s:6:"locale";s:5:"lv_LV";s:3:"rtl";i:0;s:9:"flag_code";s:2:"lv";}',
     {"locale": "lv_LV", "rtl": "0", "flag_code": "lv"}),
    ('a:1:{s:4:"ā";";s:1:"}";}', {'ā";': "}"}),  # lengths in bytes; quotes and braces inside strings
    ('a:0:{}', {}),
    ('a:2:{s:2:"lv";i:12;}', None),  # fewer items than declared
    ('a:1:{s:2:"lv";a:1:{i:0;i:1;}}', None),  # nested: not a translation group
    ('O:8:"stdClass":0:{}', None),  # an object: never instantiated, just refused
    ('a:1:{s:9:"lv";i:12;}', None),  # a length past the string
    ('a:1:{s:2:"lv";i:12;} trailing', None),
    ("", None),
])
def test_ingest_php_array(text, expected):
    assert php_array(text) == expected


def test_ingest_php_array_is_linear_on_hostile_descriptions():
    for text in ("a:1:{" * 200_000, 'a:999999:{' + 's:1:"x";i:1;' * 200_000, 's:999999:"' + "x" * 10**6):
        started = time.perf_counter()
        assert php_array(text) is None
        assert time.perf_counter() - started < 2


def test_ingest_bilingual_group_states_the_language_of_an_item_without_one(fixtures, tmp_path):
    text = (fixtures / "ingest" / EXPORT).read_text(encoding="utf-8")
    stated = '\t\t<category domain="language" nicename="en"><![CDATA[English]]></category>\n'
    assert text.count(stated) == 4
    export = tmp_path / EXPORT
    export.write_text(text.replace(stated, ""), encoding="utf-8")  # English items name no language now
    objs = [json.loads(line) for line in invoke(export, "--json").stdout.splitlines()]
    # each of the four is in a translation group, which lists it as English
    assert {o["slug"]: (o["lang"], o["translations"]) for o in objs} == EXPECTED
