"""Declaring a translation updates both post files, whichever was ingested first; `--slug`; and
`lvterm build` says which declared translations are missing and how many posts stayed unpaired.

Inputs are tests/fixtures/walkthrough/: a Latvian HTML page (`<html lang="lv-LV">`) and its English
version in Markdown (`lang: en`) under another title, the README walkthrough's files.
"""
from __future__ import annotations

import dataclasses
import logging

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.formats import post as post_format
from lvterm.ingest.translations import resolve
from lvterm.models import Post

LV, EN = "gramatu-mainas-plaukts", "the-book-swap-shelf"


@pytest.fixture
def inputs(fixtures):
    folder = fixtures / "walkthrough"
    return {"lv": folder / "gramatu-maina.html", "en": folder / "book-swap.md"}


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def declarations(folder) -> dict[str, dict[str, str]]:
    return {p.id: dict(p.translations) for p in post_format.load_corpus(folder)}


# How the pair is declared: the options given when that language's file is ingested.
METHODS = {
    "en names lv": {"en": ["--translation", f"lv:{LV}"], "lv": []},
    "lv names en": {"lv": ["--translation", f"en:{EN}"], "en": []},
    "same slug": {"en": ["--slug", LV], "lv": []},
}


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("first", ["lv", "en"])
def test_ingest_pairing_both_files_declare_whichever_came_first(inputs, tmp_path, method, first):
    options = METHODS[method]
    en_slug = LV if method == "same slug" else EN
    for lang in (first, "en" if first == "lv" else "lv"):
        result = ingest(inputs[lang], "--out", tmp_path, *options[lang])
        assert result.exit_code == 0, result.output
        if lang == first and method != "same slug" and options[lang]:  # a translation not ingested yet: said
            value = options[lang][1]
            other, article = {"lv": ("English", "an"), "en": ("Latvian", "a")}[lang]
            assert result.stderr == (f"lvterm: {inputs[lang].as_posix()}: --translation {value}: no {other} post "
                                     f"{value[3:]} in {tmp_path} yet; declared all the same, which is fine if "
                                     f"{article} {other} post {value[3:]} is still to be ingested: it pairs with "
                                     "this one then\n")
        else:
            assert result.stderr == ""
    assert declarations(tmp_path) == {f"{LV}.lv": {"en": en_slug}, f"{en_slug}.en": {"lv": LV}}
    # the second command writes the first post's file too (updated), unless that one declared the pair already
    declared_first = method != "same slug" and bool(options[first])
    files = {"lv": tmp_path / f"{LV}.lv.md", "en": tmp_path / f"{en_slug}.en.md"}
    said = f"wrote {files[lang]}" + ("" if declared_first else f"; updated {files[first]}")
    assert result.stdout == said + "\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_ingest_pairing_in_one_run_from_front_matter(inputs, tmp_path):
    en = tmp_path / "en.md"
    text = inputs["en"].read_text(encoding="utf-8")
    en.write_text(text.replace("lang: en\n", f"lang: en\ntranslations: {{lv: {LV}}}\n"), encoding="utf-8")
    out = tmp_path / "posts"
    out.mkdir()
    result = ingest(en, inputs["lv"], "--out", out)
    assert result.exit_code == 0, result.output
    assert declarations(out) == {f"{LV}.lv": {"en": EN}, f"{EN}.en": {"lv": LV}}


def test_ingest_pairing_reingest_keeps_both_declarations(inputs, tmp_path):
    assert ingest(inputs["lv"], "--out", tmp_path).exit_code == 0
    assert ingest(inputs["en"], "--out", tmp_path, "--translation", f"lv:{LV}").exit_code == 0
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for lang in ("lv", "en"):  # again, without options: the files' own declarations stay
        result = ingest(inputs[lang], "--out", tmp_path)
        assert result.exit_code == 0 and result.stderr == "", result.output
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_ingest_pairing_json_shows_the_translation_of_a_file_already_there(inputs, tmp_path):
    assert ingest(inputs["en"], "--out", tmp_path, "--translation", f"lv:{LV}").exit_code == 0
    result = ingest(inputs["lv"], "--out", tmp_path, "--json")
    assert result.exit_code == 0, result.output
    import json

    assert json.loads(result.stdout)["translations"] == {"en": EN}
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{EN}.en.md"]  # --json writes nothing


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-8-sig"])
def test_ingest_pairing_finds_the_claiming_file_among_many(inputs, tmp_path, encoding):
    """Only the files naming the run's slugs are parsed; a claim is found whatever the file's encoding."""
    for i in range(30):  # unrelated posts, one of them with a slug that merely starts the same
        _write(tmp_path, f"{LV}-{i}" if i == 7 else f"raksts-{i}", "lv", {"en": f"post-{i}"}, "Teksts.")
    claim = Post(slug=EN, lang="en", title="The book swap shelf", paragraphs=("Text.",), translations={"lv": LV})
    (tmp_path / f"{EN}.en.md").write_text(post_format.dumps(claim).replace("\n", "\r\n"), encoding=encoding)
    result = ingest(inputs["lv"], "--out", tmp_path)
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert result.stdout == f"wrote {tmp_path / (LV + '.lv.md')}\n"  # the claim needs no update
    assert post_format.load(tmp_path / f"{LV}.lv.md").translations == {"en": EN}


def test_ingest_slug_option(inputs, tmp_path):
    result = ingest(inputs["en"], "--out", tmp_path, "--slug", "book-swap")
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["book-swap.en.md"]


@pytest.mark.parametrize("args, message", [
    (["--slug", "Book Swap"], "--slug 'Book Swap' is not a slug"),
    (["--slug", "../x"], "--slug '../x' is not a slug"),
    (["--translation", "de"], "translation 'de': 'de' is not 'lv' or 'en' (LANG or LANG:SLUG)"),
    (["--translation", "lv:../x"], "slug '../x' is not a slug"),
])
def test_ingest_bad_slug_and_translation_options(inputs, tmp_path, args, message):
    result = ingest(inputs["en"], "--out", tmp_path, *args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output and list(tmp_path.iterdir()) == []


def test_ingest_translation_naming_no_post_is_said(inputs, tmp_path):
    """A mistyped --translation slug (no post of that slug in the folder or the run) is one line on
    stderr naming it and the slug it most looks like; the declaration is made all the same (the
    post may be ingested later, which pairs the two: see above), exit 0. Ingesting the file again
    with the right slug corrects it in both files."""
    assert ingest(inputs["lv"], "--out", tmp_path).exit_code == 0
    result = ingest(inputs["en"], "--out", tmp_path, "--translation", "lv:gramatu-maina")
    assert result.exit_code == 0
    assert result.stdout == f"wrote {tmp_path / (EN + '.en.md')}\n"
    assert result.stderr.splitlines() == [
        f"lvterm: {inputs['en'].as_posix()}: --translation lv:gramatu-maina: no Latvian post gramatu-maina in "
        f"{tmp_path} yet (did you mean {LV}? then ingest this file again with --translation lv:{LV}); declared all "
        "the same, which is fine if a Latvian post gramatu-maina is still to be ingested: it pairs with this one then"]
    assert declarations(tmp_path) == {f"{LV}.lv": {}, f"{EN}.en": {"lv": "gramatu-maina"}}
    fixed = ingest(inputs["en"], "--out", tmp_path, "--translation", f"lv:{LV}")
    assert fixed.exit_code == 0 and fixed.stderr == "", fixed.output
    assert declarations(tmp_path) == {f"{LV}.lv": {"en": EN}, f"{EN}.en": {"lv": LV}}
    # --translation en (the same slug) in an empty folder: no post there, and none like it
    (tmp_path / "new").mkdir()
    same = ingest(inputs["lv"], "--out", tmp_path / "new", "--translation", "en")
    assert same.exit_code == 0
    assert f"--translation en: no English post {LV} in {tmp_path / 'new'} yet; declared" in same.stderr
    assert "did you mean" not in same.stderr


def test_ingest_translation_still_to_come_is_said_plainly(inputs, tmp_path):
    """The usual order, the Latvian post first with its English translation's slug: the line says
    this is fine (was "a English post"), suggests no typo when no English slug looks like it, and
    names none of the Latvian slugs (a slug of the other language is no typo of it)."""
    result = ingest(inputs["lv"], "--out", tmp_path, "--translation", "en:book-swap-shelf")
    assert result.exit_code == 0 and result.stdout == f"wrote {tmp_path / (LV + '.lv.md')}\n"
    assert result.stderr == (f"lvterm: {inputs['lv'].as_posix()}: --translation en:book-swap-shelf: no English post "
                             f"book-swap-shelf in {tmp_path} yet; declared all the same, which is fine if an English "
                             "post book-swap-shelf is still to be ingested: it pairs with this one then\n")
    assert "a English" not in result.stderr and "did you mean" not in result.stderr
    assert declarations(tmp_path) == {f"{LV}.lv": {"en": "book-swap-shelf"}}
    later = ingest(inputs["en"], "--out", tmp_path, "--slug", "book-swap-shelf")
    assert later.exit_code == 0 and later.stderr == "", later.output
    assert declarations(tmp_path) == {f"{LV}.lv": {"en": "book-swap-shelf"}, "book-swap-shelf.en": {"lv": LV}}


def test_ingest_translation_typo_of_an_english_slug_is_suggested(inputs, tmp_path):
    """With the English post there, a slug one letter off is suggested, with the option to give."""
    assert ingest(inputs["en"], "--out", tmp_path).exit_code == 0
    result = ingest(inputs["lv"], "--out", tmp_path, "--translation", "en:the-book-swap-shelv")
    assert result.exit_code == 0
    assert result.stderr == (f"lvterm: {inputs['lv'].as_posix()}: --translation en:the-book-swap-shelv: no English "
                             f"post the-book-swap-shelv in {tmp_path} yet (did you mean {EN}? then ingest this file "
                             f"again with --translation en:{EN}); declared all the same, which is fine if an English "
                             "post the-book-swap-shelv is still to be ingested: it pairs with this one then\n")


@pytest.mark.parametrize("option", [["--slug", "abc"], ["--translation", f"lv:{LV}"]])
def test_ingest_options_naming_one_post_refuse_many(inputs, tmp_path, option):
    result = ingest(inputs["en"], inputs["lv"], "--out", tmp_path, *option)
    assert result.exit_code == 2
    assert "names one post, but the inputs hold 2; nothing written" in result.stderr
    assert list(tmp_path.iterdir()) == []


# --- writing both files: all or none --------------------------------------------------------------


def test_ingest_pairing_dump_files_is_all_or_none(tmp_path):
    kept = tmp_path / "a.lv.md"
    kept.write_text("old\n", encoding="utf-8")
    post = Post(slug="a", lang="lv", title="A", paragraphs=("Teksts.",))
    with pytest.raises(InputError) as info:
        post_format.dump_files([(post, kept), (dataclasses.replace(post, lang="en"), tmp_path / "nav" / "a.en.md")])
    assert "cannot write" in str(info.value)
    assert kept.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.lv.md"]  # the staged file was removed


# --- resolve: the rule, on any set of declarations --------------------------------------------------

SLUGS = st.sampled_from(["a", "b", "c"])
LANGS = st.sampled_from(["lv", "en"])
POSTS = st.lists(st.tuples(SLUGS, LANGS, st.dictionaries(LANGS, SLUGS, max_size=2), st.booleans()),
                 max_size=8, unique_by=lambda t: (t[0], t[1]))


@settings(max_examples=300, deadline=None)
@given(POSTS, st.sets(SLUGS))
def test_ingest_pairing_resolve_makes_declarations_mutual(spec, complete_slugs):
    def make(slug, lang, translations):
        return Post(slug=slug, lang=lang, title=slug, paragraphs=("x",), translations=translations)

    new = [make(s, lang, tr) for s, lang, tr, is_new in spec if is_new]
    existing = {f"{s}.{lang}": make(s, lang, tr) for s, lang, tr, is_new in spec if not is_new}
    complete = {p.id for p in new if p.slug in complete_slugs}  # e.g. the posts of a Polylang export
    result = resolve(new, existing, complete=complete)
    assert [p.id for p in result.posts] == [p.id for p in new]
    given_posts = {**existing, **{p.id: p for p in new}}
    final = {**existing, **{u.id: u for u in result.updates}, **{p.id: p for p in result.posts}}
    for u in result.updates:  # the files already there are only added to
        before = existing[u.id]
        assert dataclasses.replace(u, translations=before.translations) == before
        assert dict(before.translations).items() <= dict(u.translations).items()
    problems = {p.id for p, _ in result.problems}
    for p in result.posts:
        assert p.lang not in p.translations  # never itself, never its own language
        for lang, slug in p.translations.items():
            target = final.get(f"{slug}.{lang}")
            if target is not None:  # mutual
                assert target.translations.get(p.lang) == p.slug, (p, target)
        for lang, slug in new[[q.id for q in new].index(p.id)].translations.items():
            if p.translations.get(lang) != slug:  # a declaration dropped is always said
                assert p.id in problems
        if p.id in complete:  # never paired by slug: each translation is its own or the other's declaration
            for lang, slug in p.translations.items():
                other = given_posts.get(f"{slug}.{lang}")
                assert given_posts[p.id].translations.get(lang) == slug or (
                    other is not None and other.translations.get(p.lang) == p.slug), (p, other)
    claimed = [(p.lang, f"{s}.{lang}") for p in result.posts for lang, s in p.translations.items()]
    assert len(claimed) == len(set(claimed))  # no two posts of a language claim one translation


# --- the build: missing counterparts and unpaired posts --------------------------------------------


def _write(folder, slug, lang, translations, text):
    post = Post(slug=slug, lang=lang, title=slug, paragraphs=(text,), translations=translations)
    (folder / f"{slug}.{lang}.md").write_text(post_format.dumps(post), encoding="utf-8")


def test_ingest_pairing_match_is_one_to_one_and_says_why(tmp_path):
    posts = [Post(slug=s, lang=lang, title=s, paragraphs=("x",), translations=tr) for s, lang, tr in [
        ("a", "lv", {"en": "x"}), ("b", "lv", {"en": "x"}),  # two claim x, which declares none
        ("c", "lv", {"en": "y"}), ("y", "en", {"lv": "d"}), ("d", "lv", {}),  # y declares d, d nothing
        ("e", "lv", {"lv": "e"}), ("f", "lv", {"en": "gone"}), ("x", "en", {})]]
    pairs, problems = post_format.match(posts)
    assert [(a.id, b.id) for a, b in pairs] == [("a.lv", "x.en"), ("d.lv", "y.en")]
    assert {(p.id, why) for p, why in problems} == {
        ("b.lv", "its translation x.en is the pair of a.lv"),
        ("c.lv", "its translation y.en declares d.lv as its translation"),
        ("e.lv", "declares itself as its translation"),
        ("f.lv", "its translation gone.en is not in the corpus")}


def test_ingest_pairing_build_warns_and_counts_unpaired(tmp_path, fixtures, caplog):
    from lvterm.build import build_library

    corpus = tmp_path / "posts"
    corpus.mkdir()
    _write(corpus, "lasitava", "lv", {"en": "reading-room"}, "Lasītava ir atvērta katru dienu.")
    _write(corpus, "reading-room", "en", {"lv": "lasitava"}, "The reading room is open every day.")
    _write(corpus, "kursi", "lv", {"en": "courses"}, "Kursi notiek otrdienās.")  # courses.en is missing
    _write(corpus, "arhivs", "lv", {}, "Arhīvs ir slēgts.")
    with caplog.at_level(logging.WARNING, logger="lvterm.build"):
        report = build_library(corpus=corpus, termbase=fixtures / "db" / "termbase", db_path=tmp_path / "l.db")
    assert (report.posts, report.pairs, report.unpaired) == (4, 1, 2)
    assert "1 pair, 2 unpaired posts" in report.summary()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"{corpus / 'kursi.lv.md'}: its translation courses.en is not in the corpus; "
                        "built without a pair"]
