"""A name and the common word it shares a stem key with (an app called *Katalogs*, *katalogs*
"catalogue") in a built library: the termbase holds a stem key in one concept (`termbase.merge`,
its curated files alike), so the common word beside a name is not proposed, and neither its forms
nor its English join the name's concept. Before, extraction made the common word a candidate of
its own keyed "katalog_common", which the library showed as a concept id (x-katalog_common, in
`lvterm review` and the TBX) or merged back into the name's concept, *catalogue* an English term
of *Katalogs*. Also: headings in capitals of words the lexicons lack (HAKATONS) make no name, and
a caption repeated under a post is seen once when the build decides what to propose alone.

The posts are written for this test."""
from __future__ import annotations

import io
import re
import sqlite3
import textwrap
from pathlib import Path

import pytest

from lvterm import Library
from lvterm.models import Concept, Term, TermForm
from lvterm.terms.termbase import merge

TERMBASE = """\
subject_field: library and information science
concepts:
  - id: reading-room
    lv:
      - term: lasītava
    en:
      - term: reading room
"""

#: The app Katalogs three times and the catalogue (katalogs) twice, one sentence a paragraph
PRODUCT = [
    ("Jaunā lietotne saucas Katalogs.", "The new app is called Katalogs."),
    ("Lasītāji lejupielādē Katalogs savos tālruņos.", "Readers download Katalogs to their phones."),
    ("Bibliotēka iesaka Katalogs visiem lasītājiem.", "The library recommends Katalogs to all readers."),
    ("Pie ieejas stāv katalogs.", "The catalogue stands at the entrance."),
    ("Vakar lasītājs atvēra katalogu.", "Yesterday a reader opened the catalogue."),
]
#: The same, the English not naming the app
UNNAMED = [(PRODUCT[0][0], "The new application has a short name."),
           (PRODUCT[1][0], "Readers download it to their phones."),
           (PRODUCT[2][0], "The library recommends it to all readers."), *PRODUCT[3:]]
#: The catalogue alone, in a post of its own
CATALOGUE = [
    ("Pie ieejas stāv katalogs.", "The catalogue stands at the entrance."),
    ("Vakar lasītājs atvēra katalogu.", "Yesterday a reader opened the catalogue."),
    ("Katalogā lasītājs atrada grāmatu.", "In the catalogue the reader found a book."),
]
#: Headings in capitals of a word the lexicons lack, and the word in lower case in the sentences
HACKATHON = [
    ("HAKATONS", "HACKATHON"),
    ("Bibliotēka rīko hakatonu.", "The library holds a hackathon."),
    ("HAKATONS BIBLIOTĒKĀ", "HACKATHON IN THE LIBRARY"),
    ("Studenti piedalās hakatonā.", "Students take part in the hackathon."),
    ("PAR HAKATONU", "ABOUT THE HACKATHON"),
]
#: A caption repeated under a post, its English another sentence
CAPTION = ("Foto: Rīgas Centrālās bibliotēkas arhīvs.", "Photo courtesy of the staff.")
LECTURES = [("Bibliotēka rīko lekcijas.", "The library holds lectures."),
            ("Lasītāji nāk vakaros.", "Readers come in the evenings.")] + [CAPTION] * 5


def _post(slug: str, lang: str, other: str, sentences: list[str]) -> str:
    head = textwrap.dedent(f"""\
        ---
        slug: {slug}
        lang: {lang}
        title: {slug.title()}
        author: Testa Autore
        date: '2020-05-02'
        translations:
          {other}: {slug}
        ---
        """)
    return head + "\n" + "\n\n".join(sentences) + "\n"


def _build(root: Path, posts: dict[str, list[tuple[str, str]]]) -> Library:
    (root / "posts").mkdir(parents=True)
    (root / "termbase").mkdir()
    (root / "termbase" / "t.yml").write_text(TERMBASE, encoding="utf-8")
    for slug, pairs in posts.items():
        (root / "posts" / f"{slug}.lv.md").write_text(_post(slug, "lv", "en", [a for a, _ in pairs]), encoding="utf-8")
        (root / "posts" / f"{slug}.en.md").write_text(_post(slug, "en", "lv", [b for _, b in pairs]), encoding="utf-8")
    library = Library(root / "lvterm.db")
    library.build(corpus=root / "posts", termbase=root / "termbase")
    return library


def _terms(library: Library) -> dict[str, list[tuple[str, str, str]]]:
    """concept id -> its (lang, term, term type), as the terms table has them."""
    out: dict[str, list] = {}
    with sqlite3.connect(library.path) as conn:
        for cid, lang, term, ttype in conn.execute("select concept_id, lang, term, term_type from terms order by id"):
            out.setdefault(cid, []).append((lang, term, ttype))
    return out


@pytest.fixture(scope="module")
def product(tmp_path_factory) -> Library:
    return _build(tmp_path_factory.mktemp("product"), {"lietotne": PRODUCT})


@pytest.mark.parametrize("pairs", [PRODUCT, UNNAMED], ids=["named", "unnamed"])
def test_no_common_key_where_users_see_ids(pairs, tmp_path):
    """No concept id, TBX entry or review proposal has the extraction's `_common` mark, and no
    proposal holds the catalogue (before, with the app unnamed in English: x-katalog_common,
    katalogs -> catalogue with the name's Katalogs among its forms)."""
    library = _build(tmp_path, {"lietotne": pairs})
    terms = _terms(library)
    assert not [cid for cid in terms if "_common" in cid], terms
    tbx = io.StringIO()
    library.export_tbx(tbx, include_proposed=True)
    assert not [i for i in re.findall(r'\bid="([^"]*)"', tbx.getvalue()) if "_common" in i]
    assert "catalogue" not in tbx.getvalue()
    assert not [p.id for p in library.proposals() if "_common" in p.id]
    assert [p.lv.text for p in library.proposals() if p.lv.text.lower() == "katalogs"] == ["Katalogs"]


def test_the_name_keeps_its_own_concept_and_english(product):
    """The app's concept is the name with its English, no catalogue in it; the catalogue is no
    proposal beside the name (a stem key is one term of the termbase)."""
    terms = _terms(product)
    katalog = [cid for cid, ts in terms.items() if any(t[1].lower() == "katalogs" for t in ts)]
    assert katalog == ["x-katalog"], terms
    assert terms["x-katalog"] == [("lv", "Katalogs", "properNoun"), ("en", "Katalogs", "properNoun")]
    tsv = io.StringIO()
    product.export_tsv(tsv, include_proposed=True)
    assert "catalogue" not in tsv.getvalue()


def test_a_name_and_a_common_word_of_two_posts_are_not_merged(tmp_path):
    """The app in one post, the catalogue in another: the first met keeps the stem key, and the
    other's English joins no concept of the other kind (before: x-katalog held Katalogs with the
    English Katalogs and catalogue)."""
    library = _build(tmp_path, {"a-lietotne": PRODUCT[:3], "b-katalogs": CATALOGUE})
    terms = _terms(library)
    katalog = [ts for ts in terms.values() if any(t[1].lower() == "katalogs" for t in ts)]
    assert len(katalog) == 1, terms
    assert katalog[0] == [("lv", "Katalogs", "properNoun"), ("en", "Katalogs", "properNoun")]


def test_headings_in_capitals_make_no_name_and_count_once(tmp_path):
    """HAKATONS headings and hakatonu, hakatonā in the sentences: one common term in lower case, its
    English seen five times (before: HAKATONS properNoun, and hackathon 10, its pairs with the
    name's group and the common word's group added up)."""
    terms = _terms(_build(tmp_path, {"hakatons": HACKATHON}))
    assert terms["x-hakaton"] == [("lv", "hakatons", "fullForm"), ("en", "hackathon", "fullForm")]
    with sqlite3.connect(tmp_path / "lvterm.db") as conn:
        (frequency,), = conn.execute("select frequency from terms where term = 'hackathon'")
    assert frequency == 5


def test_a_repeated_caption_is_no_recurring_term(tmp_path):
    """A caption repeated five times is one text: its name met once is not proposed alone."""
    terms = _terms(_build(tmp_path, {"lekcijas": LECTURES}))
    assert not [ts for ts in terms.values() if any("Centrālās" in t[1] for t in ts)], terms


def _concept(cid: str, lv: str, lv_type: str, en: str, seen: int = 1) -> Concept:
    return Concept(id=cid, terms=(Term(lang="lv", text=lv, status="proposed", term_type=lv_type, frequency=seen,
                                       forms=(TermForm(lv, seen),)),
                                  Term(lang="en", text=en, status="proposed")), origin="extracted")


def test_merge_keeps_names_and_common_words_apart():
    """`merge` joins extracted concepts of one Latvian stem key of one kind only; a heading in
    capitals shows neither and joins either."""
    out = merge([], [_concept("x-katalog", "Katalogs", "properNoun", "Katalogs"),
                     _concept("x-katalog", "katalogs", "fullForm", "catalogue")])
    assert [[t.text for t in c.terms] for c in out] == [["Katalogs", "Katalogs"]]
    out = merge([], [_concept("x-hakaton", "HAKATONS", "fullForm", "HACKATHON", 3),
                     _concept("x-hakaton", "hakatons", "fullForm", "hackathon", 2),
                     _concept("x-hakaton", "Hakatons", "properNoun", "Hackathon", 4)])
    assert len(out) == 1 and out[0].terms[0].frequency == 5, out
