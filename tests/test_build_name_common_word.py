"""A name and the common word it shares a stem key with (an app called *Katalogs*, *katalogs*
"catalogue") in a built library: the termbase holds a stem key in one concept (`termbase.merge`,
its curated files alike), so the common word beside a name is not proposed, and neither its forms
nor its English join the name's concept. Before, extraction made the common word a candidate of
its own keyed "katalog_common", which the library showed as a concept id (x-katalog_common, in
`lvterm review` and the TBX) or merged back into the name's concept, *catalogue* an English term
of *Katalogs*. Also: headings in capitals of words the lexicons lack (HAKATONS) make no name, and
a caption repeated under a post is seen once when the build decides what to propose alone.

Between posts (`termbase.merge`), the name or the common word keeps the key by the writing of
every post's occurrences added up, whatever the posts are called (before: the first post met, by
file name), and one proposed with English wins over one proposed alone. The library's occurrence
scan counts no occurrence written wholly in lower case with a common-word reading for a name
(before: the app's entry had the catalogue's *katalogs*, *katalogu* among its forms seen, in the TSV
glossary and the TBX); linkedin.com, iphone, ebay stay the names'. A
heading's capitals are compared with the texts' lower-case words diacritics and all (LETA is not
*lēts*).

The posts are written for this test."""
from __future__ import annotations

import io
import re
import sqlite3
import textwrap
from pathlib import Path

import pytest
from test_extract_name_common_word import PRODUCT  # the app Katalogs and the catalogue

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

#: PRODUCT (the app Katalogs three times, the catalogue twice), the English not naming the app
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


#: An app called Katalogs, three times in one post and twice in another
APP = [
    ("Bibliotēkas jaunā lietotne saucas Katalogs.", "The library's new app is called Katalogs."),
    ("Studenti atver Katalogs katru rītu.", "Students open Katalogs every morning."),
    ("Jaunākā versija padara Katalogs ātrāku.", "The latest version makes Katalogs faster."),
]
APP_MORE = [
    ("Skolēni ieteica Katalogs draugiem.", "Pupils recommended Katalogs to their friends."),
    ("Tagad arī vecāki izmanto Katalogs.", "Now parents use Katalogs too."),
]
#: The app four times, the English never naming it
APP_UNNAMED = [(APP[0][0], "The library's new app has a short name."), (APP[1][0], "Students open it every morning."),
               (APP[2][0], "The latest version makes it faster."), (APP_MORE[1][0], "Now parents use it too.")]
#: The catalogue (katalogs), three times in one post (once a sentence's first word) and twice in another
COMMON = [
    ("Bibliotekārs pārbauda katalogu.", "The librarian checks the catalogue."),
    ("Katalogā ir daudz ierakstu.", "The catalogue holds many records."),
    ("Lasītāji pārlūko katalogu internetā.", "Readers browse the catalogue on the internet."),
]
COMMON_MORE = [
    ("Skolotāja parādīja katalogu klasei.", "The teacher showed the catalogue to the class."),
    ("Šis katalogs aug katru gadu.", "This catalogue grows every year."),
]
NAME = [("lv", "Katalogs", "properNoun"), ("en", "Katalogs", "properNoun")]
CATALOGUE_TERMS = [("lv", "katalogs", "fullForm"), ("en", "catalogue", "fullForm")]


def _katalog(library: Library) -> list[tuple[str, str, str]]:
    """The terms of the one concept holding the key katalog (failing if there are more)."""
    terms = _terms(library)
    katalog = [ts for ts in terms.values() if any(t[1].lower() == "katalogs" for t in ts)]
    assert len(katalog) == 1, terms
    return katalog[0]


@pytest.mark.parametrize("app", ["a-lietotne", "z-lietotne"])
def test_the_common_word_written_more_often_keeps_the_key_whatever_the_posts_are_called(app, tmp_path):
    """The app three times in one post, the catalogue five times in two others: the catalogue
    (before, the app's post named a-lietotne came first and the app kept the key, catalogue
    left out; named z-lietotne, the catalogue kept it)."""
    library = _build(tmp_path, {app: APP, "m-katalogs": COMMON, "n-katalogs": COMMON_MORE})
    assert _katalog(library) == CATALOGUE_TERMS


@pytest.mark.parametrize("catalogue", ["a-katalogs", "z-katalogs"])
def test_the_name_written_more_often_keeps_the_key_whatever_the_posts_are_called(catalogue, tmp_path):
    """The app five times in two posts, the catalogue three times in one: the app, its English
    Katalogs (before: the catalogue, in a post named a-katalogs)."""
    library = _build(tmp_path, {catalogue: COMMON, "m-lietotne": APP, "n-lietotne": APP_MORE})
    assert _katalog(library) == NAME


@pytest.mark.parametrize("app", ["a-lietotne", "z-lietotne"])
def test_a_name_proposed_alone_does_not_drop_a_paired_common_word(app, tmp_path):
    """The app four times with no English, the catalogue three times with its English: katalogs
    -> catalogue stays (before: in a post named a-lietotne, the app alone kept the key and the
    catalogue and its English were left out; the writing alone would choose the app too)."""
    library = _build(tmp_path, {app: APP_UNNAMED, "b-katalogs": COMMON})
    assert _katalog(library) == CATALOGUE_TERMS


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


def _concept(cid: str, lv: str, lv_type: str, en: str | None, seen: int = 1) -> Concept:
    lv_term = Term(lang="lv", text=lv, status="proposed", term_type=lv_type, frequency=seen,
                   forms=(TermForm(lv, seen),))
    return Concept(id=cid, terms=(lv_term, Term(lang="en", text=en, status="proposed")) if en else (lv_term,),
                   origin="extracted")


def test_merge_keeps_names_and_common_words_apart():
    """`merge` joins extracted concepts of one Latvian stem key of one kind only; a heading in
    capitals shows neither and joins either."""
    out = merge([], [_concept("x-katalog", "Katalogs", "properNoun", "Katalogs", 2),
                     _concept("x-katalog", "katalogs", "fullForm", "catalogue")])
    assert [[t.text for t in c.terms] for c in out] == [["Katalogs", "Katalogs"]]
    out = merge([], [_concept("x-hakaton", "HAKATONS", "fullForm", "HACKATHON", 3),
                     _concept("x-hakaton", "hakatons", "fullForm", "hackathon", 2),
                     _concept("x-hakaton", "Hakatons", "properNoun", "Hackathon", 1)])
    assert len(out) == 1 and out[0].terms[0].frequency == 5, out


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 0, 2)])
def test_merge_weighs_the_writing_of_every_post_in_any_order(order):
    """Three posts' concepts of the key katalog in any order: the posts' writing added up decides
    (`writing`: the name 3 + 1 times, the common word 1 + 2 times), and an even count, as within
    a post, is the common word's (before: the first met kept the key)."""
    concepts = [_concept("x-katalog", "Katalogs", "properNoun", "Katalogs", 3),
                _concept("x-katalog", "katalogs", "fullForm", "catalogue", 2),
                _concept("x-katalog", "katalogs", "fullForm", "catalogue", 2)]
    writing = [(3, 1), (0, 2), (1, 0)]
    out = merge([], [concepts[i] for i in order], writing=[writing[i] for i in order])
    assert [[t.text for t in c.terms] for c in out] == [["Katalogs", "Katalogs"]]
    even = [(3, 1), (0, 2), (0, 1)]
    out = merge([], [concepts[i] for i in order], writing=[even[i] for i in order])
    assert [[t.text for t in c.terms] for c in out] == [["katalogs", "catalogue"]]
    assert out[0].terms[0].frequency == 4


def test_merge_prefers_a_paired_kind_to_one_proposed_alone():
    """A name proposed without English, written more often, does not drop the common word with
    its English; nor, the other way round, a common word proposed alone the paired name."""
    out = merge([], [_concept("x-katalog", "Katalogs", "properNoun", None, 4),
                     _concept("x-katalog", "katalogs", "fullForm", "catalogue", 3)])
    assert [[t.text for t in c.terms] for c in out] == [["katalogs", "catalogue"]]
    out = merge([], [_concept("x-katalog", "katalogs", "fullForm", None, 9),
                     _concept("x-katalog", "Katalogs", "properNoun", "Katalogs", 2)])
    assert [[t.text for t in c.terms] for c in out] == [["Katalogs", "Katalogs"]]


def test_a_names_entry_counts_no_lower_case_occurrence(product):
    """The app three times and the catalogue (katalogs, katalogu) twice in one post: the app's
    entry has three occurrences, all Katalogs, and no catalogue form in the TSV glossary or the
    TBX (before: `forms: katalogs, katalogu`, Inflected form (seen 1): katalogu, frequency 5)."""
    with sqlite3.connect(product.path) as conn:
        forms = conn.execute("select o.form from occurrences o join terms t on t.id = o.term_id "
                             "where t.lang = 'lv' and t.term = 'Katalogs'").fetchall()
        (frequency,), = conn.execute("select frequency from terms where lang = 'lv' and term = 'Katalogs'")
    assert sorted(forms) == [("Katalogs",)] * 3 and frequency == 3
    tsv, tbx = io.StringIO(), io.StringIO()
    product.export_tsv(tsv, include_proposed=True)
    product.export_tbx(tbx, include_proposed=True)
    assert "katalogu" not in tsv.getvalue() and "katalogu" not in tbx.getvalue()
    assert "Inflected form (seen 3): Katalogs" in tbx.getvalue()


CURATED_APP = TERMBASE + """  - id: app-katalogs
    lv:
      - term: Katalogs
        term_type: {kind}
    en:
      - term: Katalogs
        term_type: {kind}
"""


def test_a_rebuild_counts_again_when_a_term_becomes_or_stops_being_a_name(tmp_path):
    """Posts unchanged, the curated Katalogs a name, then not, then a name again: its
    occurrences are 3 (the app's), 5 (every katalogs), 3, the rebuilds after the first reading
    the cache and copying the posts' rows (the scan's matches are kept whatever the names; the
    occurrences of unchanged posts are copied from the last library only under the same names:
    `prior.scan_digest`: without the names in it, the second build copied the name's 3)."""
    library = _build(tmp_path, {"lietotne": PRODUCT})
    counts, copied = [], []
    for kind in ("properNoun", "fullForm", "properNoun"):
        (tmp_path / "termbase" / "t.yml").write_text(CURATED_APP.format(kind=kind), encoding="utf-8")
        report = library.build(corpus=tmp_path / "posts", termbase=tmp_path / "termbase", downloads=False)
        with sqlite3.connect(library.path) as conn:
            (n,), = conn.execute("select count(*) from occurrences o join terms t on t.id = o.term_id "
                                 "where t.concept_id = 'app-katalogs' and t.lang = 'lv'")
        counts.append(n)
        copied.append(report.copied)
    assert counts == [3, 5, 3]
    assert copied[1:] == [2, 2]


def test_a_scan_reads_lower_case_as_the_common_word(tmp_path):
    """`occurrence_rows`: a name has no match written wholly in lower case; a term of the same
    key that is no name has it; a scan from the cache gives what a fresh one does, names changed
    or not."""
    from lvterm.terms.store import ScanCache, occurrence_rows

    rows = [(1, "p", "lv", 0, "Lietotne Katalogs palīdz atrast katalogu.", None),
            (2, "p", "lv", 1, "KATALOGS", None)]

    def scan(terms, cache=None):
        return [(r[1], r[6]) for r in occurrence_rows(iter(rows), terms, bead_of={}, cache=cache)]

    name = {"id": 1, "lang": "lv", "forms": ["Katalogs"], "name": True}
    common = {"id": 2, "lang": "lv", "forms": ["katalogs"]}
    assert scan([name]) == [(1, "Katalogs"), (1, "KATALOGS")]
    assert scan([name, common]) == [(1, "Katalogs"), (2, "katalogu"), (1, "KATALOGS")]
    cache = ScanCache()
    assert scan([dict(name, name=False)], cache) == [(1, "Katalogs"), (1, "katalogu"), (1, "KATALOGS")]
    assert scan([name], cache) == scan([name])


def test_capitals_are_a_heading_only_beside_the_same_letters():
    """LETA (the news agency) in capitals beside lēts, lēti ("cheap") is no heading's word: its
    stem folds to lēts's, its letters do not (before: LETA fullForm, a heading)."""
    from lvterm.terms.extract import extract_terms

    texts = ["LETA", "Bibliotēka abonē ziņu arhīvu.", "LETA ARHĪVS", "Abonements ir lēts.",
             "Ziņas var lasīt lēti."]
    leta = [(c.text, c.term_type) for c in extract_terms(texts, lang="lv") if c.key == "let"]
    assert leta == [("LETA", "properNoun")]


NAMES_TERMBASE = TERMBASE + """  - id: org-linkedin
    lv:
      - term: LinkedIn
        term_type: properNoun
    en:
      - term: LinkedIn
        term_type: properNoun
  - id: prod-iphone
    lv:
      - term: iPhone
        term_type: properNoun
    en:
      - term: iPhone
        term_type: properNoun
  - id: org-ebay
    lv:
      - term: eBay
        term_type: properNoun
    en:
      - term: eBay
        term_type: properNoun
  - id: org-city-library
    lv:
      - term: Ogres Centrālā bibliotēka
        term_type: properNoun
    en:
      - term: Ogre Central Library
        term_type: properNoun
  - id: app-katalogs
    lv:
      - term: Katalogs
        term_type: properNoun
{recorded}    en:
      - term: Katalogs
        term_type: properNoun
"""
#: Names written in lower case the lexicons do not know (web addresses, hashtags, shop names),
#: and the catalogue's forms beside the app Katalogs
NAMES_POSTS = [
    ("Mūsu profils ir atrodams vietnē linkedin.com.", "Our profile is at linkedin.com."),
    ("Sekojiet tēmturim #linkedin un lasiet jaunumus.", "Follow the hashtag #linkedin for news."),
    ("Lasītāji lieto LinkedIn katru dienu.", "Readers use LinkedIn every day."),
    ("Bibliotēkā var aizņemties iphone un iPhone lādētāju.", "One can borrow an iphone and an iPhone charger."),
    ("Grāmatu var nopirkt arī ebay.", "The book can also be bought on ebay."),
    ("Skolēni apmeklē ogres centrālā bibliotēka ēku.", "Pupils visit the ogre central library building."),
    ("Lietotne Katalogs ir jauna.", "The Katalogs app is new."),
    ("Vakar lasītājs atvēra katalogu.", "Yesterday a reader opened the catalogue."),
    ("Bibliotekārs katru dienu atjauno katalogu.", "The librarian updates the catalogue every day."),
    ("Lasītāji meklē grāmatas katalogā.", "Readers search for books in the catalogue."),
]


def _names_library(root: Path, *, recorded: str = "") -> Library:
    library = _build(root, {"tikli": NAMES_POSTS})
    (root / "termbase" / "t.yml").write_text(NAMES_TERMBASE.format(recorded=recorded), encoding="utf-8")
    library.build(corpus=root / "posts", termbase=root / "termbase", downloads=False)
    return library


def _occurrences(library: Library) -> dict[str, list[str]]:
    """Latvian term -> the forms of its occurrences, sorted."""
    out: dict[str, list[str]] = {}
    with sqlite3.connect(library.path) as conn:
        for term, form in conn.execute("select t.term, o.form from occurrences o join terms t on t.id = o.term_id "
                                       "where t.lang = 'lv' order by t.term, o.form"):
            out.setdefault(term, []).append(form)
    return out


def test_names_keep_lower_case_occurrences_with_no_common_word_reading(tmp_path):
    """Curated LinkedIn, iPhone, eBay and a library's name of three words, met written in lower
    case (linkedin.com, #linkedin, iphone, ebay: no word the lexicon knows; no term of their key
    is a common word): every one is the name's occurrence (80fbb41 dropped them all: LinkedIn 3
    -> 1, eBay 1 -> 0). The app Katalogs, whose catalogue (katalogu, katalogā) the Latvian
    lexicon knows, still takes none of the catalogue's forms, neither as occurrences nor as forms
    the merge attaches from the extracted common word, so its frequency is its occurrences."""
    library = _names_library(tmp_path)
    seen = _occurrences(library)
    assert seen["LinkedIn"] == ["LinkedIn", "linkedin", "linkedin"]
    assert seen["iPhone"] == ["iPhone", "iphone"]
    assert seen["eBay"] == ["ebay"]
    assert seen["Ogres Centrālā bibliotēka"] == ["ogres centrālā bibliotēka"]
    assert seen["Katalogs"] == ["Katalogs"]
    with sqlite3.connect(library.path) as conn:
        (frequency,), = conn.execute("select frequency from terms where lang = 'lv' and term = 'Katalogs'")
        forms = {f for f, in conn.execute("select f.form from term_forms f join terms t on t.id = f.term_id "
                                          "where t.lang = 'lv' and t.term = 'Katalogs'")}
    assert frequency == 1 and not {"katalogu", "katalogā"} & forms
    tsv = io.StringIO()
    library.export_tsv(tsv, include_proposed=True)
    assert "katalogu" not in tsv.getvalue()


def test_a_lower_case_form_the_curator_recorded_stays_the_names(tmp_path):
    """`forms: [katalogu]` under the app Katalogs: its occurrences written so are the app's
    (katalogā, which the curator did not record, is not)."""
    library = _names_library(tmp_path, recorded="        forms: [katalogu]\n")
    assert _occurrences(library)["Katalogs"] == ["Katalogs", "katalogu", "katalogu"]


def test_a_scan_drops_a_names_lower_case_match_only_for_a_common_word_reading():
    """`occurrence_rows` with no common-word term of the key: a lower-case match the lexicon
    knows (katalogu) is no name's; one it does not know (linkedin) is; a form recorded under the
    name is the name's."""
    from lvterm.terms.store import occurrence_rows

    rows = [(1, "p", "lv", 0, "Lietotne Katalogs palīdz atrast katalogu vietnē linkedin.com.", None)]

    def scan(terms):
        return [(r[1], r[6]) for r in occurrence_rows(iter(rows), terms, bead_of={})]

    app = {"id": 1, "lang": "lv", "forms": ["Katalogs"], "name": True}
    linkedin = {"id": 3, "lang": "lv", "forms": ["LinkedIn"], "name": True}
    assert scan([app, linkedin]) == [(1, "Katalogs"), (3, "linkedin")]
    assert scan([dict(app, forms=["Katalogs", "katalogu"]), linkedin]) == [
        (1, "Katalogs"), (1, "katalogu"), (3, "linkedin")]


def test_a_scan_keeps_a_names_lower_case_match_in_an_address_or_in_english():
    """A name written in lower case inside an address or a hashtag is the name (diena.lv, #diena,
    though Hunspell knows diena), and an English name typed in lower case stays the name's: the
    English word list has names in lower case (facebook), so it tells no common word."""
    from lvterm.terms.store import occurrence_rows

    rows = [(1, "p", "lv", 0, "Lasiet portālā diena.lv un #diena, ne katru dienu.", None),
            (2, "p", "en", 0, "Follow us on facebook and read diena.lv.", None)]
    terms = [{"id": 1, "lang": "lv", "forms": ["Diena"], "name": True},
             {"id": 2, "lang": "en", "forms": ["Facebook"], "name": True},
             {"id": 3, "lang": "en", "forms": ["Diena"], "name": True}]
    found = [(r[1], r[6]) for r in occurrence_rows(iter(rows), terms, bead_of={})]
    assert found == [(1, "diena"), (1, "diena"), (2, "facebook"), (3, "diena")]
