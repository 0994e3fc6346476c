"""Lookup on the queries of a translator-side audit (gold lists): ordinary words that must find no
term, typos that must find theirs, the other spellings a term is typed in. The library is the
curated termbase with machine proposals beside it such as `lvterm build` made from the corpus when
the audit ran (organizācija, kopīga interese, ...), so a query meets the neighbours it met there. A
wrong equivalent shown as a term is worse than none."""
from __future__ import annotations

import pytest
from fixtures.termbase.minidb import make_db
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.lang import en
from lvterm.lang.keys import fold_key
from lvterm.models import Concept, Term
from lvterm.terms.lookup import FUZZY_MIN_CHARS, lookup, open_index
from lvterm.terms.termbase import load_curated

PROPOSALS = [  # (concept, lv, en): proposals of the built library when the audit ran
    ("x-organizacij", "organizācija", "organisation"),
    ("x-kopig-interes", "kopīga interese", "common interest"),
    ("x-aktiv-lidzdalib", "aktīva līdzdalība", "active part"),
    ("x-profesional-organizacij-aktivitat", "profesionālo organizāciju aktivitāte",
     "activity of professional organisations"),
    ("x-profesional-talakizglitib-programm", "profesionālās tālākizglītības programma",
     "continuing professional development programme"),
    ("x-specialist", "speciālists", "professional"),
    ("x-cilvek-grup", "cilvēku grupa", "group of people"),
    ("x-interes-jom", "interešu joma", "field of interest"),
    ("x-apmacib-sniegsan", "apmācību sniegšana", "teaching qualification"),
    ("x-latvij", "Latvija", "Latvia"),
    ("x-profesional-pieredz", "profesionālā pieredze", "professional experience"),
    ("x-profesional-grup", "profesionālā grupa", "professional group"),
]


@pytest.fixture(scope="module")
def db_path(root, tmp_path_factory):
    proposals = [Concept(cid, (Term("lv", lv_term, status="proposed"), Term("en", en_term, status="proposed")),
                         origin="extracted") for cid, lv_term, en_term in PROPOSALS]
    return make_db(tmp_path_factory.mktemp("gold") / "lvterm.db", [*load_curated(root / "termbase"), *proposals])


def _top(query, db_path):
    hits = lookup(query, db_path=db_path, limit=3, examples=0)
    return (hits[0]["concept_id"], hits[0]["matched"]["via"]) if hits else None


# --- 1. a whole word is not a longer term -----------------------------------------------------------

#: Ordinary words that start a longer term (or, folded, a form of one): each found a term by prefix
#: (darba -> darba devējs, employer; social -> sociālā tīkla; face -> Facebook). None names one.
WHOLE_WORDS = """darba | darbā | jaunais | jaunā | jaunie | sociālie | sociālais | sociālā | sociālo | apaļais | apaļā |
pieredze | pieredzes | mārketinga | profesionāli | profesionālā | profesionālās | profesionālais | īpašo | klāt |
membership | social | net | group | groups | exchange | experience | round | face | association | national |
latvian | new | special | continuing | marketing | chartered | linked | profession | teaching | field | activity |
activities | active | common | library association | national library | discussion | organ | lis"""


@pytest.mark.parametrize("query", [w.strip() for w in WHOLE_WORDS.split("|")])
def test_lookup_gold_an_ordinary_word_is_not_a_longer_term(db_path, query):
    """A word spelt right, whole, is that word: a longer term with it is `related`'s to offer, not
    lookup's answer."""
    assert _top(query, db_path) is None


@pytest.mark.parametrize("query, concept", [
    ("biedra nau", "membership-fee"), ("tīklo", "networking"), ("tiklosa", "networking"),
    ("sociālie tīk", "social-network"), ("membership f", "membership-fee"), ("LATnet", "org-latnetwork"),
    ("bibliotekā", "librarian"),  # bibliotekārs being typed (bibliotēkā, folded the same, is found too)
    ("Draugiem", "org-draugiem-lv"),  # a dotted name, by its first part
    # a name's opening words, whole, written with its capitals (a review found these lost)
    ("Latvijas Nacionālās", "org-lnb"), ("LIS New Professionals", "org-lisnpn"),
    ("Association of Latvian Academic", "org-lataba"),
])
def test_lookup_gold_a_term_typed_so_far_is_found(db_path, query, concept):
    """A query that stops in the middle of a term's word is the term being typed."""
    assert concept in [h["concept_id"] for h in lookup(query, db_path=db_path, limit=3, examples=0)]


# --- 2. a typo anywhere, in a short one-word term too ------------------------------------------------

@pytest.mark.parametrize("typo, concept", [
    ("newtork", "network"), ("ntework", "network"), ("biders", "member"), ("ibedrs", "member"),
    ("tīls", "network"), ("tils", "network"), ("mebmer", "member"), ("emmber", "member"), ("Lavtia", "x-latvij"),
    ("Lavtija", "x-latvij"), ("prfoils", "profile"), ("seckija", "section"), ("setcion", "section"),
    ("lirbary", "library"), ("onilne", "online"), ("Faecbook", "org-facebook"), ("LiknedIn", "org-linkedin"),
    ("LAATBA", "org-lataba"), ("LINSPN", "org-lisnpn"), ("pofils", "profile"), ("komitjea", "committee"),
])
def test_lookup_gold_a_typo_in_the_first_letters_finds_its_term(db_path, typo, concept):
    assert _top(typo, db_path) == (concept, "fuzzy")


def _edits(key: str, data) -> str:
    """One edit of `key`, drawn by hypothesis: a deletion, insertion, substitution or swap (of a
    letter or a space: a digit glued to a word is a word of its own, two edits in the key)."""
    kind = data.draw(st.sampled_from(["delete", "insert", "substitute", "swap"]))
    i = data.draw(st.integers(0, len(key) - (0 if kind == "insert" else 1) - (1 if kind == "swap" else 0)))
    char = data.draw(st.sampled_from("abcdefghijklmnopqrstuvwxyzāčēšž "))
    if kind == "delete":
        return key[:i] + key[i + 1:]
    if kind == "insert":
        return key[:i] + char + key[i:]
    if kind == "substitute":
        return key[:i] + char + key[i + 1:]
    return key[:i] + key[i + 1] + key[i] + key[i + 2:]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_lookup_gold_every_single_edit_of_a_key_finds_it_among_the_typo_candidates(db_path, data):
    """The blocking's guarantee: a key one edit away from what was typed (four characters or more)
    is a candidate, wherever the edit falls."""
    index = open_index(db_path)
    keys = _all_keys(str(db_path))
    key = data.draw(st.sampled_from(keys))
    typed = fold_key(_edits(key, data))
    if len(typed) >= FUZZY_MIN_CHARS and typed != key:
        assert key in index.typo_candidates(typed)


_KEYS: dict[str, list[str]] = {}


def _all_keys(path: str) -> list[str]:
    if path not in _KEYS:
        conn = open_index(path).conn
        _KEYS[path] = sorted(r[0] for r in conn.execute("select distinct fold_key from term_forms "
                                                        "where length(fold_key) >= 3"))
    return _KEYS[path]


def test_lookup_gold_every_edit_of_a_short_key_exhaustively(db_path):
    """Every single edit of every key of four to twelve characters, in every position: the key is
    a candidate (short keys, whose blocks overlap, and both sides of `HEAD_EDITS_MAX_CHARS`)."""
    index = open_index(db_path)
    missed = []
    for key in (k for k in _all_keys(str(db_path)) if 4 <= len(k) <= 12):
        typed = {key[:i] + key[i + 1:] for i in range(len(key))}
        typed |= {key[:i] + key[i + 1] + key[i] + key[i + 2:] for i in range(len(key) - 1)}
        typed |= {key[:i] + c + key[i + 1:] for i in range(len(key)) for c in "qx"}
        typed |= {key[:i] + c + key[i:] for i in range(len(key) + 1) for c in "qx"}
        for t in typed - {key}:
            if len(t) >= FUZZY_MIN_CHARS and key not in index.typo_candidates(t):
                missed.append((t, key))
    assert missed == []


# --- 3. American and British spellings --------------------------------------------------------------

@pytest.mark.parametrize("query, concept", [
    ("organization", "x-organizacij"), ("organizations", "x-organizacij"), ("Organizations", "x-organizacij"),
    ("activity of professional organizations", "x-profesional-organizacij-aktivitat"),
    ("continuing professional development program", "x-profesional-talakizglitib-programm"),
    ("professional organizations", "professional-organisation"),
])
def test_lookup_gold_american_spelling_finds_the_british_term(db_path, query, concept):
    top = _top(query, db_path)
    assert top is not None and top[0] == concept and top[1] != "fuzzy"


@pytest.mark.parametrize("american, british", [
    ("organization", "organisation"), ("organizations", "organisations"), ("specialize", "specialise"),
    ("organized", "organised"), ("center", "centre"), ("centers", "centres"), ("program", "programme"),
    ("programs", "programmes"), ("catalog", "catalogue"), ("cataloging", "cataloguing"), ("license", "licence"),
    ("color", "colour"), ("behavior", "behaviour"), ("analyze", "analyse"), ("defense", "defence"),
])
def test_lookup_gold_respell_both_ways(american, british):
    assert en.respell(american, british=True) == british
    assert en.respell(british, british=False) == american


@pytest.mark.parametrize("word", ["four", "hour", "director", "size", "offer", "more", "diagram", "member", "blog"])
def test_lookup_gold_respell_leaves_other_words(word):
    """No word is made into another ("four" is not "for"), nor into one not in use ("directour")."""
    assert en.respell(word, british=True) == word and en.respell(word, british=False) == word


# --- 4. a typo typed with diacritics: they break the tie ----------------------------------------------

@pytest.fixture(scope="module")
def libraries_db(tmp_path_factory):
    """Library and librarian, as curated, in a bitext where the library is the more frequent: the
    order a tie of two typo matches falls back to."""
    import sqlite_utils
    from fixtures.termbase.minidb import write_bitext

    from lvterm.terms.store import write_termbase

    tmp = tmp_path_factory.mktemp("libraries")
    (tmp / "bitext.tsv").write_text("Bibliotēkas ir atvērtas.\tLibraries are open.\n"
                                    "Bibliotēka ir slēgta.\tThe library is closed.\n"
                                    "Bibliotekārs strādā bibliotēkā.\tThe librarian works in the library.\n",
                                    encoding="utf-8")
    db = sqlite_utils.Database(tmp / "lib.db")
    write_bitext(db, tsv=tmp / "bitext.tsv")
    concepts = [Concept(cid, (Term("lv", lv_term, status="preferred"), Term("en", cid, status="preferred")))
                for cid, lv_term in (("library", "bibliotēka"), ("librarian", "bibliotekārs"))]
    write_termbase(db, concepts)
    db.close()
    return tmp / "lib.db"


@pytest.mark.parametrize("typo", ["bibliotekāxs", "bibliotekāsr", "bibliotekrās", "bibliotekārx"])
def test_lookup_gold_diacritics_break_a_typo_tie(libraries_db, typo):
    """"bibliotekāxs" is one edit from bibliotekārs and, folded, one from bibliotēkas (library,
    the more frequent entry); as typed, with its ā and without ē, it is bibliotekārs (librarian)."""
    assert _top(typo, libraries_db) == ("librarian", "fuzzy")
    assert _top("bibliotēkxs", libraries_db) == ("library", "fuzzy")  # and the other way round


# --- 5. an English typo that folds to a Latvian word -----------------------------------------------

@pytest.mark.parametrize("typo", ["LIS New Profesionals Network", "LIS New Professionals Netwrok",
                                  "Library and Information Science New Profesionals Network"])
def test_lookup_gold_an_english_typo_that_looks_latvian_is_still_a_typo(db_path, typo):
    """"Profesionals" folds to the Latvian profesionāls, but a term in English is matched: it is no
    English word, nor Latvian as typed."""
    assert _top(typo, db_path) == ("org-lisnpn", "fuzzy")


# --- 6. the other definiteness, typed without diacritics -------------------------------------------

@pytest.mark.parametrize("query, concept", [
    ("kopigajam interesem", "x-kopig-interes"), ("kopigaja interese", "x-kopig-interes"),
    ("kopīgajās interesēs", "x-kopig-interes"), ("aktivaja lidzdaliba", "x-aktiv-lidzdalib"),
    ("profesionalam pieredzem", "x-profesional-pieredz"), ("jauns specialists", "new-professional"),
    ("jauniem speciālistiem", "new-professional"), ("socialos tiklos", "social-network"),
])
def test_lookup_gold_either_definiteness_is_a_key_match(db_path, query, concept):
    top = _top(query, db_path)
    assert top is not None and top[0] == concept and top[1] in ("exact", "fold")


# --- 7, 8. & and hyphens ------------------------------------------------------------------------------

@pytest.mark.parametrize("query, concept", [
    ("library & information professional", "library-and-information-professional"),
    ("library & information professionals", "library-and-information-professional"),
    ("chartered institute of library & information professionals", "org-cilip"),
    ("bibliotēku & informācijas speciālists", "library-and-information-professional"),
    ("marketing-tool", "marketing-tool"), ("discussion-group", "discussion-group"), ("in-person", "face-to-face"),
    ("on line", "online"), ("on-line", "online"), ("interest-group", "interest-group"),
    ("membership-fee", "membership-fee"), ("round-table", "round-table"), ("LAT network", "org-latnetwork"),
    ("Face book", "org-facebook"), ("Linked In", "org-linkedin"), ("face-to-face", "face-to-face"),
])
def test_lookup_gold_and_hyphen_and_space_variants_are_key_matches(db_path, query, concept):
    top = _top(query, db_path)
    assert top is not None and top[0] == concept and top[1] in ("exact", "fold", "stem", "lemma")


def test_lookup_gold_the_cli_names_the_longer_terms_when_nothing_matches(db_path):
    """A whole word of a longer term finds no entry, and the command line says which longer terms
    have it, as the site lists them (`Library.related`); a query of no term's words says nothing more."""
    from click.testing import CliRunner

    from lvterm.cli import cli

    result = CliRunner().invoke(cli, ["lookup", "darba", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == ["No entry matches 'darba'.", "Longer terms with these words:",
                                             "  darba devējs  →  employer  (preferred)"]
    nothing = CliRunner().invoke(cli, ["lookup", "zzzz", "--db", str(db_path)])
    assert nothing.stdout.splitlines() == ["No entry matches 'zzzz'."]
    as_json = CliRunner().invoke(cli, ["lookup", "darba", "--json", "--db", str(db_path)])
    assert as_json.stdout.strip() == "[]"  # the JSON is lookup's answer alone
