"""Lookup examples show a pair using the entry's terms on both sides: a pair whose other side says it
with another word ("Periodikas nodaļā …" / "In the periodicals section …") shows a translator a wrong
equivalent next to the term, so it is shown only when the corpus has no pair with both, and then says
which side uses another word: in `lvterm lookup`'s text, in its JSON (`both_sides`), on the home
page's example and on the entry page."""
from __future__ import annotations

import json
import re
import textwrap

import pytest
from click.testing import CliRunner

from fixtures.datasette.client import datasette_for, get
from lvterm.cli import cli
from lvterm.terms.lookup import format_entry, lookup, open_index

TERMBASE = """\
subject_field: library and information science
reliability: 3
concepts:
  - id: section
    lv:
      - term: sekcija
    en:
      - term: section
  - id: online
    lv:
      - term: tiešsaiste
        forms: [tiešsaistē, tiešsaistes]
    en:
      - term: online
  - id: catalogue
    lv:
      - term: katalogs
    en:
      - term: catalogue
"""

# One sentence a paragraph, so each pair is one bead. `sekcija`: one pair with it on both sides,
# one with *section* for nodaļa, one with sekcija for *group*. `tiešsaiste`/`online`: never both.
# `katalogs`/`catalogue`: two pairs with both, one with *card index*.
PAIRS = [
    ("Biedrībā darbojas vairākas sekcijas, un katra rīko savas sanāksmes.",
     "The association has several sections, and each holds its own meetings."),
    ("Periodikas nodaļā var lasīt jaunākos žurnālus.",
     "In the periodicals section you can read the latest magazines."),
    ("Sekcijas vadītāja atskaitījās valdei.",
     "The head of the group reported to the board."),
    ("Elektroniskais katalogs ir pieejams visu diennakti.",
     "The online catalogue is available around the clock."),
    ("Konferences tiešsaistes daļā piedalījās simts cilvēku.",
     "A hundred people took part in the virtual part of the conference."),
    ("Vecais kartīšu katalogs vēl stāv lasītavā.",
     "The old card index still stands in the reading room."),
    ("Katalogā atradām visas novadnieku grāmatas.",
     "In the catalogue we found every book by local authors."),
]


def _post(lang: str, title: str, other: str, sentences: list[str]) -> str:
    head = textwrap.dedent(f"""\
        ---
        slug: nodalas
        lang: {lang}
        title: {title}
        author: Testa Autore
        date: '2020-05-02'
        translations:
          {other}: nodalas
        ---
        """)
    return head + "\n" + "\n\n".join(sentences) + "\n"


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    from lvterm.build import build_library

    root = tmp_path_factory.mktemp("both-sides")
    (root / "posts").mkdir()
    (root / "termbase").mkdir()
    (root / "termbase" / "t.yml").write_text(TERMBASE, encoding="utf-8")
    (root / "posts" / "nodalas.lv.md").write_text(
        _post("lv", "Bibliotēkas nodaļas", "en", [lv for lv, _ in PAIRS]), encoding="utf-8")
    (root / "posts" / "nodalas.en.md").write_text(
        _post("en", "The library's departments", "lv", [en for _, en in PAIRS]), encoding="utf-8")
    path = root / "lvterm.db"
    build_library(corpus=root / "posts", termbase=root / "termbase", db_path=path)
    return path


def _entry(library, query: str, **options) -> dict:
    return lookup(query, index=open_index(library), limit=1, **options)[0]


def test_only_pairs_with_the_term_on_both_sides_when_there_is_one(library):
    entry = _entry(library, "sekcija", examples=3)
    assert entry["concept_id"] == "section"
    assert [ex["lv"] for ex in entry["examples"]] == [PAIRS[0][0]]
    assert entry["examples"][0]["both_sides"] is True
    text = format_entry(entry)
    assert "nodaļā" not in text and "head of the group" not in text and "uses another word" not in text


def test_the_count_is_kept_when_enough_pairs_have_both_sides(library):
    """Two pairs use katalogs and catalogue: asked for two, both come, never the card index."""
    entry = _entry(library, "katalogs", examples=2)
    assert entry["concept_id"] == "catalogue"
    assert sorted(ex["lv"] for ex in entry["examples"]) == sorted([PAIRS[3][0], PAIRS[6][0]])
    assert all(ex["both_sides"] for ex in entry["examples"])
    scores = [ex["score"] for ex in entry["examples"]]
    assert scores == sorted(scores, reverse=True)  # best aligned first, as before
    assert [ex["lv"] for ex in _entry(library, "katalogs", examples=5)["examples"]] == \
        [ex["lv"] for ex in entry["examples"]]


def test_one_sided_pairs_only_when_none_has_both_and_they_say_which_side(library):
    entry = _entry(library, "online", lang="en", examples=3)
    assert entry["concept_id"] == "online"
    by_lv = {ex["lv"]: ex for ex in entry["examples"]}
    assert set(by_lv) == {PAIRS[3][0], PAIRS[4][0]}
    assert not any(ex["both_sides"] for ex in entry["examples"])
    lines = format_entry(entry, n_examples=3).splitlines()
    catalogue = next(i for i, line in enumerate(lines) if PAIRS[3][0] in line)
    assert lines[catalogue + 1].strip() == "en: The «online» catalogue is available around the clock."
    assert lines[catalogue + 2].strip() == "(the Latvian side uses another word)"
    conference = next(i for i, line in enumerate(lines) if "Konferences" in line)
    assert lines[conference + 2].strip() == "(the English side uses another word)"


def test_cli_text_and_json(library):
    runner = CliRunner()
    text = runner.invoke(cli, ["lookup", "sekcija", "--db", str(library)])
    assert text.exit_code == 0, text.output
    assert "«sekcijas»" in text.output and "nodaļā" not in text.output
    text = runner.invoke(cli, ["lookup", "online", "--lang", "en", "--limit", "1", "--db", str(library)])
    assert "(the Latvian side uses another word)" in text.output
    out = runner.invoke(cli, ["lookup", "online", "--lang", "en", "--limit", "1", "--json", "--db", str(library)])
    assert out.exit_code == 0, out.output
    (hit,) = json.loads(out.output)
    assert [ex["both_sides"] for ex in hit["examples"]] == [False, False]
    (hit,) = json.loads(runner.invoke(cli, ["lookup", "sekcija", "--limit", "1", "--json",
                                            "--db", str(library)]).output)
    assert [(ex["lv"], ex["both_sides"]) for ex in hit["examples"]] == [(PAIRS[0][0], True)]


def _visible(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def _first_example(page: str) -> str:
    """The example box of the home page's first term entry."""
    first = re.findall(r'<article class="lvterm-entry[^"]*">(.*?)</article>', page, re.S)[0]
    return re.search(r'<div class="lvterm-pair lvterm-example">(.*?)</div>\s*<p class="lvterm-more">',
                     first, re.S).group(1)


def test_home_page_example_says_when_one_side_uses_another_word(library):
    ds = datasette_for(library)
    example = _first_example(get(ds, "/", q="online").text)
    assert "<mark>online</mark>" in example
    assert "The Latvian side uses another word." in _visible(example)
    example = _first_example(get(ds, "/", q="sekcija").text)
    assert "<mark>sekcijas</mark>" in example and "<mark>sections</mark>" in example
    assert "uses another word" not in example


def test_entry_page_lists_two_sided_pairs_else_marks_the_one_sided(library):
    ds = datasette_for(library)
    page = get(ds, "/-/lvterm/entry/section", db="lvterm").text
    examples = _visible(page[page.index("<h2>Examples</h2>"):])
    assert "Biedrībā darbojas vairākas sekcijas" in examples
    assert "nodaļā" not in examples and "head of the group" not in examples
    page = get(ds, "/-/lvterm/entry/online", db="lvterm").text
    examples = page[page.index("<h2>Examples</h2>"):]
    pairs = re.findall(r'<div class="lvterm-pair">(.*?)\n</div>', examples, re.S)
    assert [_visible(p).split(" pair ")[0] for p in pairs] == [
        f"{PAIRS[3][0]} {PAIRS[3][1]}", f"{PAIRS[4][0]} {PAIRS[4][1]}"]  # pair order, as before
    assert _visible(pairs[0]).endswith("The Latvian side uses another word.")
    assert _visible(pairs[1]).endswith("The English side uses another word.")
