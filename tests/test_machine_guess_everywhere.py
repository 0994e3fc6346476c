"""A machine proposal's English under its display threshold is a guess wherever it is shown, and the
threshold follows the evidence behind the confidence.

The library is built from small posts written for these tests, as `lvterm build` builds one:
- izstade and vakars each use *brāļu Kaudzīšu grāmatas* / *the books of the Kaudzīte brothers* in one
  sentence pair: each post proposes *Kaudzīšu grāmata -> Kaudzīte brother* (a wrong pair) from that
  one pair, and the merge keeps the higher confidence (0.91: in the 0.9-0.95 band where pairs seen
  once were right 0.58-0.69 of the time on newstest2017). Lookup counted two sentence pairs over the
  library and showed it as the equivalent; every post saw it once, so it needs the one-pair bar.
- pakalpojumi uses *apmeklētāji* / *visitors* in two sentence pairs: *apmeklētājs -> visitor* is shown;
  viesi uses *apmeklētāji* / *guests* once: the entry's second English proposal, *guest*, under the
  one-pair bar, which lookup offered as "also: guest (en, proposed)", the home page as "Also: guest",
  term_lookup in "also", terms_by_frequency as an equivalent, and the examples marked «guests».
- lasitava uses *apmeklētāji* / *visitors* once (0.74): the library keeps pakalpojumi's 0.88 and, in its
  note, pakalpojumi's two sentence pairs, so *visitor* is still shown. Before the note gave them,
  lookup could not tell which post the 0.88 came from and took the one-pair bar once any post used
  the pair once.
"""
from __future__ import annotations

import io
import json
import re
import sqlite3

import pytest
from click.testing import CliRunner

from fixtures.datasette.client import datasette_for, get
from lvterm.cli import cli
from lvterm.constants import DISPLAY_MIN_CONFIDENCE, DISPLAY_MIN_CONFIDENCE_ONE_PAIR
from lvterm.formats import tbx
from lvterm.terms.lookup import lookup
from lvterm.terms.termbase import _note_confidence

POSTS = {
    "izstade": ("Izstāde", "Lasītavā izlika brāļu Kaudzīšu grāmatas. Izstāde bija atvērta visu nedēļu. "
                "Pēc tam to aizvēra.",
                "Exhibition", "The reading room put out the books of the Kaudzīte brothers. The exhibition was "
                "open all week. Then it was closed."),
    "vakars": ("Vakars", "Kluba vakarā skolotāja priekšā lasīja brāļu Kaudzīšu grāmatas. Bērni klausījās "
               "uzmanīgi. Vakars beidzās ar dziesmām.",
               "Evening", "At the club evening the teacher read aloud from the books of the Kaudzīte brothers. "
               "The children listened closely. The evening ended with songs."),
    "pakalpojumi": ("Pakalpojumi", "Apmeklētāji var izmantot datorus. Apmeklētāji var aizņemties žurnālus. "
                    "Bibliotēka strādā līdz septiņiem.",
                    "Services", "Visitors can use the computers. Visitors can borrow magazines. The library is "
                    "open until seven."),
    "viesi": ("Viesi", "Apmeklētāji ar interesi apskatīja jaunās telpas. Direktore visiem pateicās.",
              "Guests", "The guests looked at the new rooms with interest. The director thanked everyone."),
    "lasitava": ("Lasītava", "Apmeklētāji sēž lasītavā. Tur ir klusi.",
                 "Reading room", "Visitors sit in the reading room. It is quiet there."),
}


def _post(slug: str, lang: str, title: str, body: str) -> str:
    other = "en" if lang == "lv" else "lv"
    return (f"---\nslug: {slug}\nlang: {lang}\ntitle: '{title}'\nauthor: Test\ndate: '2022'\n"
            f"translations:\n  {other}: {slug}\n---\n\n{body}\n")


def _library(folder, slugs):
    from lvterm.build import build_library

    posts, termbase = folder / "posts", folder / "termbase"
    posts.mkdir(parents=True)
    termbase.mkdir()
    for slug in slugs:
        lv_title, lv, en_title, en = POSTS[slug]
        (posts / f"{slug}.lv.md").write_text(_post(slug, "lv", lv_title, lv), encoding="utf-8")
        (posts / f"{slug}.en.md").write_text(_post(slug, "en", en_title, en), encoding="utf-8")
    path = folder / "lvterm.db"
    build_library(corpus=posts, termbase=termbase, db_path=path)
    return path


@pytest.fixture(scope="module")
def libraries(tmp_path_factory):
    root = tmp_path_factory.mktemp("guesses")
    return {"izstade": _library(root / "a", ["izstade"]),
            "two posts": _library(root / "ab", ["izstade", "vakars"]),
            "pakalpojumi": _library(root / "p", ["pakalpojumi"]),
            "pakalpojumi and lasitava": _library(root / "pl", ["pakalpojumi", "lasitava"]),
            "all": _library(root / "all", ["izstade", "vakars", "pakalpojumi", "viesi"])}


def _note(db, term: str) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("select note from terms where term = ? and lang = 'en'", (term,)).fetchone()[0]


def _confidence(db, term: str) -> float:
    return _note_confidence(_note(db, term))


def _entry(db, query: str) -> dict:
    return lookup(query, db_path=db, limit=1)[0]


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


# --- 1. the bar follows the evidence behind the confidence ----------------------------------------


def test_a_pair_each_post_saw_once_needs_the_one_pair_bar_however_many_posts_repeat_it(libraries):
    one, two = libraries["izstade"], libraries["two posts"]
    confidence = _confidence(two, "Kaudzīte brother")
    assert DISPLAY_MIN_CONFIDENCE <= confidence < DISPLAY_MIN_CONFIDENCE_ONE_PAIR  # the overconfident band
    guess = {"en": "Kaudzīte brother", "confidence": confidence, "threshold": DISPLAY_MIN_CONFIDENCE_ONE_PAIR}
    for db in (one, two):
        entry = _entry(db, "Kaudzīšu grāmata")
        assert (entry["en"], entry["machine_guess"]) == (None, guess)
    assert len(_entry(two, "Kaudzīšu grāmata")["examples"]) == 2  # two sentence pairs in the library
    out = _cli("lookup", "Kaudzīšu grāmata", "--db", str(two), "--limit", "1")
    assert out.startswith("Kaudzīšu grāmata  →  (no English equivalent yet)\n"
                          f"  machine guess: Kaudzīte brother (confidence {confidence:.2f}), not reviewed\n")


def test_a_pair_a_post_uses_in_two_sentence_pairs_takes_the_lower_bar(libraries):
    db = libraries["pakalpojumi"]
    assert DISPLAY_MIN_CONFIDENCE <= _confidence(db, "visitor") < DISPLAY_MIN_CONFIDENCE_ONE_PAIR
    entry = _entry(db, "apmeklētāji")
    assert (entry["en"], entry["machine_guess"]) == ("visitor", None)


def test_the_note_gives_the_sentence_pairs_of_the_post_the_confidence_came_from(libraries):
    assert _note(libraries["pakalpojumi"], "visitor") == "pairing confidence 0.88 (from 2 sentence pairs of one post)"
    assert _note(libraries["two posts"], "Kaudzīte brother") == \
        "pairing confidence 0.91 (from 1 sentence pair of one post)"
    # lasitava alone gives 0.74 from one sentence pair; the library keeps pakalpojumi's note whole
    assert _note(libraries["pakalpojumi and lasitava"], "visitor") == _note(libraries["pakalpojumi"], "visitor")


def test_another_post_using_the_pair_once_does_not_hold_it_back(libraries):
    """The surer post used the pair in two sentence pairs, and its note says so: the lower bar,
    whatever lasitava, which used it once (and was less sure), adds. Before, lookup took the lower
    bar only when every post used the two terms together twice or more, and held visitor back."""
    db = libraries["pakalpojumi and lasitava"]
    entry = _entry(db, "apmeklētāji")
    assert (entry["en"], entry["machine_guess"]) == ("visitor", None)
    assert _cli("lookup", "apmeklētājs", "--db", str(db), "--limit", "1").startswith("apmeklētājs  →  visitor\n")


def _old_notes(db, tmp_path, name):
    """A copy of the library `db` whose notes say no sentence pairs, as a library built before they did."""
    import shutil

    copy = tmp_path / name
    shutil.copy(db, copy)
    with sqlite3.connect(copy) as conn:
        conn.execute("update terms set note = substr(note, 1, length('pairing confidence 0.00')) "
                     "where note like 'pairing confidence %'")
    return copy


def test_a_note_without_sentence_pairs_takes_the_cautious_rule(libraries, tmp_path):
    """A library built before notes gave the sentence pairs: the lower bar only when every post
    using the two terms together uses them in two sentence pairs or more."""
    both = _old_notes(libraries["pakalpojumi and lasitava"], tmp_path, "both.db")
    assert _note(both, "visitor") == "pairing confidence 0.88"
    entry = _entry(both, "apmeklētāji")
    assert entry["en"] is None and entry["machine_guess"] == {
        "en": "visitor", "confidence": 0.88, "threshold": DISPLAY_MIN_CONFIDENCE_ONE_PAIR}
    alone = _old_notes(libraries["pakalpojumi"], tmp_path, "alone.db")  # every post (one) uses it twice
    assert (_entry(alone, "apmeklētāji")["en"], _note(alone, "visitor")) == ("visitor", "pairing confidence 0.88")
    two = _old_notes(libraries["two posts"], tmp_path, "two.db")
    assert _entry(two, "Kaudzīšu grāmata")["machine_guess"]["threshold"] == DISPLAY_MIN_CONFIDENCE_ONE_PAIR


# --- 2. every English proposal under its bar is a guess, wherever it is shown -----------------------


@pytest.fixture(scope="module")
def db(libraries):
    return libraries["all"]


@pytest.fixture(scope="module")
def ds(db):
    return datasette_for(db)


def test_lookup_text_names_every_guess_and_offers_none_as_another_term(db):
    guest = _confidence(db, "guest")
    assert DISPLAY_MIN_CONFIDENCE <= guest < DISPLAY_MIN_CONFIDENCE_ONE_PAIR
    out = _cli("lookup", "apmeklētājs", "--db", str(db), "--limit", "1")
    assert out.startswith("apmeklētājs  →  visitor\n"
                          f"  machine guess: guest (confidence {guest:.2f}), not reviewed\n")
    assert "also:" not in out and "guest (en" not in out
    assert "«Visitors»" in out and "«guests»" not in out and "«Guests»" not in out
    assert "The guests looked" not in out  # a pair with the visitor is there: the guess's is no example


def test_lookup_json_marks_each_english_term(db):
    data = json.loads(_cli("lookup", "apmeklētājs", "--db", str(db), "--limit", "1", "--json"))[0]
    assert data["en"] == "visitor" and data["machine_guess"] is None  # one is shown: nothing stands in for it
    assert data["en_terms"] == ["visitor"]  # the English terms shown; the guess is kept in `terms`
    marks = {t["term"]: t["machine_guess"] for t in data["terms"]}
    assert marks == {"apmeklētājs": None, "visitor": None,
                     "guest": {"en": "guest", "confidence": _confidence(db, "guest"),
                               "threshold": DISPLAY_MIN_CONFIDENCE_ONE_PAIR}}
    assert all(ex["en_spans"] for ex in data["examples"])


def test_home_card_names_the_guess_and_not_among_the_others(ds, db):
    page = get(ds, "/", q="apmeklētājs").text
    card = re.findall(r'<article class="lvterm-entry[^"]*">(.*?)</article>', page, re.S)[0]
    assert re.search(r"<h3>.*apmeklētājs</span> → <span lang=\"en\">visitor</span>", card, re.S)
    line = f"Machine guess: guest (confidence {_confidence(db, 'guest'):.2f}), not reviewed"
    assert f'<p class="lvterm-guess">{line}</p>' in card
    assert "Also:" not in card and "<mark>guests</mark>" not in page and "<mark>Guests</mark>" not in page


def test_entry_page_marks_no_guess_in_its_examples(ds):
    page = get(ds, "/-/lvterm/entry/x-apmekletaj", db="lvterm").text
    assert "<h1>apmeklētājs – visitor</h1>" in page
    assert page.count('<p class="lvterm-guess">') == 1 and "not shown as the equivalent" in page
    assert "<mark>Visitors</mark>" in page and "<mark>guests</mark>" not in page


def test_pair_page_of_the_guess_marks_it_not(ds, db):
    with sqlite3.connect(db) as conn:
        bead = conn.execute("select id from beads where en_text like 'The guests%'").fetchone()[0]
    page = get(ds, f"/-/lvterm/bead/{bead}", db="lvterm", concept="x-apmekletaj").text
    assert "<mark>Apmeklētāji</mark>" in page and "<mark>guests</mark>" not in page
    assert "guest</a> (guests) – proposal (machine-made, not reviewed), machine guess</li>" in page


def test_term_lookup_has_the_guess_in_its_own_column(ds, db):
    rows = get(ds, "/lvterm/term_lookup.json", q="apmeklētājs", _shape="array").json()
    row = rows[0]
    assert (row["lv_term"], row["en_term"]) == ("apmeklētājs", "visitor")
    assert row["machine_guess"] == f"guest (confidence {_confidence(db, 'guest'):.2f})"
    assert not row["also"] or "guest" not in row["also"]
    assert "<mark>guest" not in (row["example_en"] or "")
    held = get(ds, "/lvterm/term_lookup.json", q="Kaudzīšu grāmata", _shape="array").json()[0]
    assert held["en_term"] is None and held["machine_guess"].startswith("Kaudzīte brother (confidence 0.")
    # as lvterm lookup says it: the English side has the guess, not another word
    assert held["example_note"] == "the English side has the machine guess «Kaudzīte brother»"


def test_terms_by_frequency_lists_guesses_apart_in_both_directions(ds, db):
    rows = {(r["term"], r["lang"]): r for r in get(ds, "/lvterm/terms_by_frequency.json", _shape="array").json()}
    guest = f"{_confidence(db, 'guest'):.2f}"
    assert rows["apmeklētājs", "lv"]["equivalents"] == "visitor"
    assert rows["apmeklētājs", "lv"]["machine_guess"] == f"guest (confidence {guest})"
    assert rows["guest", "en"]["equivalents"] is None
    assert rows["guest", "en"]["machine_guess"] == f"apmeklētājs (confidence {guest})"
    assert (rows["visitor", "en"]["equivalents"], rows["visitor", "en"]["machine_guess"]) == ("apmeklētājs", None)
    assert rows["Kaudzīšu grāmata", "lv"]["equivalents"] is None


def test_machine_guess_sql_function(ds, db):
    with sqlite3.connect(db) as conn:
        ids = dict(conn.execute("select term, id from terms"))
    sql = "select machine_guess(:g) as g, machine_guess(:v) as v, machine_guess(:l) as l, machine_guess(null) as n"
    row = get(ds, "/lvterm.json", sql=sql, g=ids["guest"], v=ids["visitor"], l=ids["apmeklētājs"],
              _shape="array").json()[0]
    assert json.loads(row["g"]) == {"en": "guest", "confidence": _confidence(db, "guest"),
                                    "threshold": DISPLAY_MIN_CONFIDENCE_ONE_PAIR}
    assert (row["v"], row["l"], row["n"]) == (None, None, None)
    refused = get(ds, "/lvterm.json", sql="select machine_guess(99999) as g", _shape="array")
    assert refused.status_code == 400


# --- exports with --include-proposed: the user opted in; a guess says so ---------------------------


def test_tsv_comment_says_machine_guess(db, tmp_path):
    out = tmp_path / "g.tsv"
    _cli("export", "tsv", "--include-proposed", "--db", str(db), "-o", str(out))
    rows = {tuple(line.split("\t")[:2]): line.split("\t")[2] for line in out.read_text(encoding="utf-8").splitlines()}
    guest = rows["apmeklētājs", "guest"]
    assert guest.startswith("proposed – proposal (machine-made, not reviewed); machine guess; reliability 1")
    assert f"en machine note: pairing confidence {_confidence(db, 'guest'):.2f}" in guest
    assert "machine guess" not in rows["apmeklētājs", "visitor"]
    _cli("export", "tsv", "--include-proposed", "--srclang", "en", "--db", str(db), "-o", str(out))
    assert "; machine guess;" in out.read_text(encoding="utf-8").split("guest\tapmeklētājs\t")[1].splitlines()[0]


def test_tbx_note_says_machine_guess_and_reads_back_without_it(db, tmp_path):
    out = tmp_path / "g.tbx"
    _cli("export", "tbx", "--include-proposed", "--db", str(db), "-o", str(out))
    text = out.read_text(encoding="utf-8")
    guest = re.search(r"<term>guest</term>(.*?)</termSec>", text, re.S).group(1)
    assert "<note>Machine guess</note>" in guest and "<note>pairing confidence" in guest
    visitor = re.search(r"<term>visitor</term>(.*?)</termSec>", text, re.S).group(1)
    assert "Machine guess" not in visitor
    back = {t.text: t.note for c in tbx.load(io.StringIO(text)) for t in c.terms}
    assert back["guest"] == _note(db, "guest")  # the library's judgement left out
    assert back["guest"].startswith(f"pairing confidence {_confidence(db, 'guest'):.2f} (from 1 sentence pair")
