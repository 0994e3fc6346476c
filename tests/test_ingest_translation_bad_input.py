"""Bad translation declarations (issue 12's list): a translation group pointing at a missing post, two
posts claiming one translation, a post declaring itself, a slug collision across languages. Each is
one line naming the file (and item) and the post, exit code 2 (a group member the export does not
hold, a warning: exit code 0); every other post is still written, and the post files already in
the folder are left byte for byte as they were.

Each row: (id, post files already in the folder, inputs to write, ingest options, the line's text,
the files the folder must then hold with their declarations).
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format
from lvterm.models import Post


def wxr(*items: tuple[int, str, str, str | None], groups: dict[str, str] = {}) -> str:
    """A small Polylang export: items (post id, language or None, title, group) and groups (slug ->
    description)."""
    terms = "".join(
        f"<wp:term><wp:term_taxonomy>post_translations</wp:term_taxonomy><wp:term_slug>{slug}</wp:term_slug>"
        f"<wp:term_description><![CDATA[{description}]]></wp:term_description></wp:term>\n"
        for slug, description in groups.items())
    body = "".join(
        f"<item><title>{title}</title><content:encoded><![CDATA[{title}: teksts par bibliotēku, text about the "
        f"library.]]></content:encoded><wp:post_id>{pid}</wp:post_id><wp:post_type>post</wp:post_type>"
        + (f'<category domain="language" nicename="{lang}">{lang}</category>' if lang else "")
        + (f'<category domain="post_translations" nicename="{group}">{group}</category>' if group else "")
        + "</item>\n" for pid, lang, title, group in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
            f"\n<channel>\n{terms}{body}</channel>\n</rss>\n")


def md(title: str, lang: str, translations: str = "") -> str:
    extra = f"translations: {translations}\n" if translations else ""
    return f"---\ntitle: {title}\nlang: {lang}\n{extra}---\n\n{title}: teksts, text.\n"


def post_file(slug: str, lang: str, translations: dict[str, str]) -> str:
    return post_format.dumps(Post(slug=slug, lang=lang, title=slug.capitalize(), paragraphs=("Teksts.",),
                                  translations=translations))


CASES = [
    ("group points at a missing post", {},
     {"site.xml": wxr((1, "lv", "Lasītava", "pll_a"), (2, "en", "Reading room", "pll_a"), (3, "lv", "Arhīvs", "pll_b"),
                      groups={"pll_a": 'a:2:{s:2:"lv";i:1;s:2:"en";i:2;}', "pll_b": 'a:2:{s:2:"lv";i:3;s:2:"en";i:9;}'})},
     [], "site.xml [item 3 'Arhīvs']: its en translation (post 9 of its translation group) is not among the posts",
     {"lasitava.lv": {"en": "reading-room"}, "reading-room.en": {"lv": "lasitava"}, "arhivs.lv": {}}),
    # an export of the whole site (it holds groups) lacking one; a partial export holds none: one
    # warning for the export (test_ingest_partial_export_groups)
    ("group not in the export", {},
     {"site.xml": wxr((1, "lv", "Lasītava", "pll_gone"), (2, "en", "Reading room", "pll_b"),
                      groups={"pll_b": 'a:1:{s:2:"en";i:2;}'})},
     [], "site.xml [item 1 'Lasītava']: its translation group 'pll_gone' is not in the export",
     {"lasitava.lv": {}, "reading-room.en": {}}),
    ("two posts claim one translation in an export", {},
     {"site.xml": wxr((1, "lv", "Lasītava", "pll_a"), (2, "en", "Reading room", "pll_a"), (3, "lv", "Lasītava vecā", "pll_b"),
                      groups={"pll_a": 'a:2:{s:2:"lv";i:1;s:2:"en";i:2;}', "pll_b": 'a:2:{s:2:"lv";i:3;s:2:"en";i:2;}'})},
     [], "site.xml [item 3 'Lasītava vecā']: lasitava-veca.lv declares reading-room.en as its en translation, but "
         "reading-room.en is the translation of lasitava.lv; not declared",
     {"lasitava.lv": {"en": "reading-room"}, "reading-room.en": {"lv": "lasitava"}, "lasitava-veca.lv": {}}),
    ("two posts claim one translation across runs",
     {"lasitava.lv": {"en": "reading-room"}, "reading-room.en": {"lv": "lasitava"}},
     {"cits.md": md("Cita lasītava", "lv")}, ["--translation", "en:reading-room"],
     "cits.md: cita-lasitava.lv declares reading-room.en as its en translation, but reading-room.en is the "
     "translation of lasitava.lv; not declared",
     {"lasitava.lv": {"en": "reading-room"}, "reading-room.en": {"lv": "lasitava"}, "cita-lasitava.lv": {}}),
    ("a one-sided claim is another's", {"lasitava.lv": {"en": "reading-room"}},
     {"cits.md": md("Cita lasītava", "lv", "{en: reading-room}"), "en.md": md("Reading room", "en")}, [],
     "cits.md: cita-lasitava.lv declares reading-room.en as its en translation, as lasitava.lv does; not declared",
     {"lasitava.lv": {"en": "reading-room"}, "reading-room.en": {"lv": "lasitava"}, "cita-lasitava.lv": {}}),
    ("a file already there claims a post that declares another", {"lasitava.lv": {"en": "reading-room"}},
     {"en.md": md("Reading room", "en", "{lv: cita}")}, [],
     "en.md: reading-room.en is declared by lasitava.lv as its en translation, but declares cita.lv; "
     "lasitava.lv left as it was", {"lasitava.lv": {"en": "reading-room"}, "reading-room.en": {"lv": "cita"}}),
    ("a post declares itself", {},
     {"self.md": md("Lasītava", "lv", "{lv: lasitava}"), "other.md": md("Reading room", "en")}, [],
     "self.md: lasitava.lv declares itself as its own lv translation", {"lasitava.lv": {}, "reading-room.en": {}}),
    ("a group lists a post as its own translation", {},
     {"site.xml": wxr((1, "lv", "Lasītava", "pll_a"), (2, "en", "Reading room", None),
                      groups={"pll_a": 'a:2:{s:2:"lv";i:1;s:2:"en";i:1;}'})},
     [], "site.xml [item 1 'Lasītava']: its translation group lists it as its own en translation",
     {"lasitava.lv": {}, "reading-room.en": {}}),
    # a translation into the post's own language is a mistaken option, not a declaration: nothing is written
    ("--translation into its own language", {}, {"lv.md": md("Lasītava", "lv")}, ["--translation", "lv:lasitava"],
     "lv.md: --translation lv:lasitava declares a translation of lasitava.lv into its own language (lv); "
     "nothing written", {}),
    ("bare --translation into its own language", {"lasitava.en": {}}, {"lv.md": md("Lasītava", "lv")},
     ["--translation", "lv"],
     "lv.md: --translation lv declares a translation of lasitava.lv into its own language (lv); nothing written",
     {"lasitava.en": {}}),
    ("--translation into the own language of one of several posts", {},
     {"lv.md": md("Lasītava", "lv"), "en.md": md("Reading room", "en")}, ["--translation", "en"],
     "en.md: --translation en declares a translation of reading-room.en into its own language (en); "
     "nothing written", {}),
    ("slug collision across languages",
     {"konference.lv": {"en": "conference"}, "conference.en": {"lv": "konference"}},
     {"konference.md": md("Konference", "en"), "lasitava.md": md("Lasītava", "lv")}, [],
     "konference.md: konference.en shares its slug with konference.lv, which is not its translation "
     "(konference.lv is the translation of conference.en); not paired",
     {"konference.lv": {"en": "conference"}, "conference.en": {"lv": "konference"}, "konference.en": {},
      "lasitava.lv": {}}),
    ("slug collision in one run", {},
     {"a.md": md("Konference", "lv", "{en: conference}"), "b.md": md("Conference", "en"),
      "c.md": md("Konference", "en")}, [],
     "a.md: konference.lv shares its slug with konference.en, which is not its translation "
     "(its en translation is conference.en); not paired",
     {"konference.lv": {"en": "conference"}, "conference.en": {"lv": "konference"}, "konference.en": {}}),
]


#: What a normal export holds: a warning, exit code 0 (a post the export leaves out: a draft, another category).
WARNINGS = {"group points at a missing post"}


@pytest.mark.parametrize("case, existing, inputs, options, line, after", CASES, ids=[c[0] for c in CASES])
def test_ingest_translation_bad_input(tmp_path, case, existing, inputs, options, line, after):
    out = tmp_path / "posts"
    out.mkdir()
    for post_id, translations in existing.items():
        slug, lang = post_id.split(".")
        (out / f"{post_id}.md").write_text(post_file(slug, lang, translations), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    for name, text in inputs.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", *(str(tmp_path / n) for n in inputs), "--out", str(out), *options])
    assert result.exit_code == (0 if case in WARNINGS else 2), result.output
    problems = result.stderr.splitlines()
    assert len(problems) == 1, problems
    assert problems[0].startswith("lvterm: ") and line in problems[0], problems[0]
    assert "Traceback" not in result.output
    assert {p.id: dict(p.translations) for p in post_format.load_corpus(out)} == after
    for name, data in before.items():  # what was there is untouched (a new declaration aside)
        now = post_format.load(out / name)
        if dict(now.translations) == existing[name[:-3]]:
            assert (out / name).read_bytes() == data, name
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_ingest_translation_bad_declarations_build_with_one_warning_each(tmp_path, fixtures, caplog):
    """The same declarations written by hand: `lvterm build` warns once per post naming its file,
    builds every post, and counts the ones left unpaired."""
    corpus = tmp_path / "posts"
    corpus.mkdir()
    for slug, lang, translations, text in [
        ("lasitava", "lv", {"en": "reading-room"}, "Lasītava ir atvērta katru dienu."),
        ("reading-room", "en", {}, "The reading room is open every day."),
        ("cita", "lv", {"en": "reading-room"}, "Otra lasītava ir slēgta."),  # claims it too
        ("pati", "lv", {"lv": "pati"}, "Šis raksts norāda pats uz sevi."),  # declares itself
        ("kursi", "lv", {"en": "courses"}, "Kursi notiek otrdienās."),  # its translation is missing
    ]:
        (corpus / f"{slug}.{lang}.md").write_text(post_format.dumps(Post(
            slug=slug, lang=lang, title=slug, paragraphs=(text,), translations=translations)), encoding="utf-8")
    with caplog.at_level("WARNING", logger="lvterm.build"):
        result = CliRunner().invoke(cli, ["build", "--corpus", str(corpus), "--db", str(tmp_path / "lvterm.db"),
                                          "--termbase", str(fixtures / "db" / "termbase"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert sorted(r.getMessage() for r in caplog.records if r.levelname == "WARNING") == sorted([
        # two claim reading-room.en, which declares neither: the first by slug gets it
        f"{corpus / 'lasitava.lv.md'}: its translation reading-room.en is the pair of cita.lv; built without a pair",
        f"{corpus / 'kursi.lv.md'}: its translation courses.en is not in the corpus; built without a pair",
        f"{corpus / 'pati.lv.md'}: declares itself as its translation; built without a pair"])
    summary = result.stderr.splitlines()[-1]
    assert "5 posts, " in summary and "1 pair, 3 unpaired posts" in summary
