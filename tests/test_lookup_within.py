"""The terms a text uses (`terms.lookup.within`, `Library.within`): a translator pastes a sentence
and sees the termbase's entries for the terms in it, in any inflection, with or without
diacritics, in the sentence's order; `lvterm lookup` and the site's search list them when the
query itself names no entry."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from fixtures.datasette.client import datasette_for, get
from lvterm import Library
from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.terms.lookup import open_index, within

SENTENCE = "Tīklošana ir svarīga, bet biedra naudu bieži maksā darba devējs."
TYPED = "Tiklosana ir svariga, bet biedra naudu biezi maksa darba devejs."  # without diacritics


def _found(entries):
    return [(e["lv"], e["en"], e["matched"]["form"]) for e in entries]


@pytest.mark.parametrize("text", [SENTENCE, TYPED])
def test_within_finds_the_terms_of_a_sentence_in_its_order(library_db, text):
    found = _found(within(text, index=open_index(library_db)))
    words = text.split()
    assert found == [("tīklošana", "networking", words[0]), ("biedra nauda", "membership fee", "biedra naudu"),
                     ("darba devējs", "employer", " ".join(words[-2:]).rstrip("."))]
    assert all(e["matched"]["via"] == "within" for e in within(text, index=open_index(library_db)))


def test_within_english_text_and_other_inflections(library_db):
    index = open_index(library_db)
    assert _found(within("Employers rarely pay membership fees for networking.", index=index)) == [
        ("darba devējs", "employer", "Employers"), ("biedra nauda", "membership fee", "membership fees"),
        ("tīklošana", "networking", "networking")]
    # a language given is the only one searched
    assert within("Employers rarely pay membership fees.", index=index, lang="lv") == []


def test_within_a_text_that_is_one_term_and_what_is_excluded(library_db):
    index = open_index(library_db)
    assert _found(within("biedra naudu", index=index)) == [("biedra nauda", "membership fee", "biedra naudu")]
    assert _found(within("Tīklošana", index=index)) == [("tīklošana", "networking", "Tīklošana")]
    first = within(SENTENCE, index=index)[0]["concept_id"]
    assert first not in [e["concept_id"] for e in within(SENTENCE, index=index, exclude=(first,))]
    assert len(within(SENTENCE, index=index, limit=1)) == 1
    assert within("", index=index) == [] and within("zzzz qqqq", index=index) == []
    long = (SENTENCE + " ") * 30  # a paragraph: read whole up to MAX_TEXT_CHARS
    assert len(long) > 1000 and len(within(long, index=index)) == 3
    assert within(SENTENCE + " x" * 1000, index=index) == []
    # whole words: "naudas" of another phrase is no "biedra nauda"; "biedrs" alone is none
    assert within("Biedrs samaksāja naudu.", index=index) == []


def test_library_within_is_the_same(library_db):
    lib = Library(library_db)
    hits = lib.within(TYPED)
    assert [(h.lv, h.en, h.matched["via"]) for h in hits] == [(e["lv"], e["en"], "within")
                                                                for e in within(TYPED, index=open_index(library_db))]
    assert [h.lv for h in lib.within(TYPED, exclude=hits[0].concept_id)] == [h.lv for h in hits[1:]]


def test_lookup_command_lists_the_terms_of_a_sentence(library_db):
    result = CliRunner().invoke(cli, ["lookup", TYPED, "--db", str(library_db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"No entry matches {TYPED!r}.",
        "Terms in these words:",
        "  tīklošana  →  networking  (preferred; as “Tiklosana”)",
        "  biedra nauda  →  membership fee  (preferred; as “biedra naudu”)",
        "  darba devējs  →  employer  (preferred; as “darba devejs”)"]
    # a query that names an entry is answered by it alone
    one = CliRunner().invoke(cli, ["lookup", "biedra naudu", "--db", str(library_db)])
    assert "Terms in these words" not in one.output and one.output.startswith("biedra nauda  →  membership fee")


def test_site_search_lists_the_terms_of_a_sentence(library_db):
    page = get(datasette_for(library_db), "/", q=TYPED).text
    assert page.count("a term in these words") == 3
    assert "as “<span lang=\"lv\">biedra naudu</span>”" in page
    heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h3>(.*?)</h3>", page, re.S)]
    assert heads == ["tīklošana → networking", "biedra nauda → membership fee", "darba devējs → employer"]


PARAGRAPH = ("Šajā rakstā stāstīts par bibliotekāru ikdienu un to, kā profesionāļi uztur saiknes ar kolēģiem "
             "citās valstīs, gan klātienē, gan attālināti. " * 2 + TYPED)  # over 200 characters: no term's length


def test_lookup_command_lists_the_terms_of_a_paragraph(library_db):
    assert 200 < len(PARAGRAPH) <= 2000
    result = CliRunner().invoke(cli, ["lookup", PARAGRAPH, "--db", str(library_db)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"No entry matches this text ({len(PARAGRAPH)} characters; no term is that long)."
    assert lines[1] == "Terms in these words:"
    assert [line.split("  →  ")[0].strip() for line in lines[2:]] == [
        e["lv"] for e in within(PARAGRAPH, index=open_index(library_db))]
    assert "  biedra nauda  →  membership fee  (preferred; as “biedra naudu”)" in lines
    # past what `within` reads: one line, exit code 2, as any bad query
    too_long = CliRunner().invoke(cli, ["lookup", "biedra nauda " * 200, "--db", str(library_db)])
    assert too_long.exit_code == 2 and len(too_long.output.strip().splitlines()) == 1
    assert "query too long (2599 characters; a text to find terms in is at most 2000)" in too_long.output


def test_lookup_command_names_the_language_a_sentence_has_terms_in(library_db):
    result = CliRunner().invoke(cli, ["lookup", TYPED, "--lang", "en", "--db", str(library_db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"No entry matches {TYPED!r} in English.",
                                          "Read as Latvian, these words have terms: --lang lv (or leave out --lang)"]
    nothing = CliRunner().invoke(cli, ["lookup", "zzzz qqqq", "--lang", "en", "--db", str(library_db)])
    assert nothing.output.splitlines() == ["No entry matches 'zzzz qqqq' in English."]


def test_site_search_lists_the_terms_of_a_paragraph(library_db):
    page = get(datasette_for(library_db), "/", q=PARAGRAPH).text
    heads = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h3>(.*?)</h3>", page, re.S)]
    assert heads[-3:] == ["tīklošana → networking", "biedra nauda → membership fee", "darba devējs → employer"]
    assert "longer than" not in page
    # the text shortened, at a word, where it is shown
    assert "<h2>Term entries for “Šajā rakstā stāstīts par bibliotekāru ikdienu un to, kā profesionāļi uztur…”</h2>" in page
    assert f"<h2>Sentences using “{heads[0].split(' → ')[0]}”</h2>" in page  # the first term's, not the text's
    over = get(datasette_for(library_db), "/", q="biedra nauda " * 200).text
    assert "longer than the 2,000 characters read for the terms in a text" in over


#: A paragraph of my own with more than ten of the repository termbase's terms.
RICH = ("Latvijas Bibliotekāru biedrība rūpējas par bibliotekāru profesionālo izaugsmi. Tīklošana ir svarīga: "
        "biedri tiekas klātienē un sociālajos tīklos, piemēram, LinkedIn un Facebook. Biedra naudu bieži maksā "
        "darba devējs, bet dažkārt pats biedrs. Profesionālās organizācijas rīko konferences, apaļā galda "
        "diskusijas un seminārus bibliotēku un informācijas speciālistiem.")


def test_lookup_lists_every_term_of_a_paragraph_unless_limited(repo_library):
    found = [e["lv"] for e in within(RICH, index=open_index(repo_library), limit=1000)]
    assert len(found) > 10 and {"tīklošana", "biedra nauda", "apaļais galds", "LinkedIn"} <= set(found)
    result = CliRunner().invoke(cli, ["lookup", RICH, "--db", str(repo_library)])
    lines = result.output.splitlines()
    assert result.exit_code == 0 and lines[1] == "Terms in these words:"
    assert [line.split("  →  ")[0].strip() for line in lines[2:]] == found  # all of them, in the text's order
    limited = CliRunner().invoke(cli, ["lookup", RICH, "--db", str(repo_library), "--limit", "3"]).output.splitlines()
    assert [line.split("  →  ")[0].strip() for line in limited[2:5]] == found[:3]
    assert limited[5:] == [f"  … and {len(found) - 3} more (--limit {len(found)} lists them all)"]
    page = get(datasette_for(repo_library), "/", q=RICH).text  # the site lists them all too
    assert page.count("a term in these words") == len(found) and "more terms in this text" not in page


def test_a_machine_proposal_in_a_list_of_terms_says_it_is_one(repo_library):
    out = CliRunner().invoke(cli, ["lookup", "Mums ir daudz kontaktu.", "--db", str(repo_library)]).output
    assert "  kontakts  →  contact  (machine proposal, not reviewed; as “kontaktu”)" in out.splitlines()


def test_the_other_language_hint_when_a_name_is_found_in_both(repo_library):
    """A brand name matched in English hid the hint that the Latvian sentence has terms."""
    out = CliRunner().invoke(cli, ["lookup", "Profesionālajos tīklos, piemēram, LinkedIn, biedra naudu nemaksā.",
                                   "--lang", "en", "--db", str(repo_library)]).output.splitlines()
    assert out[1:] == ["Terms in these words:", "  LinkedIn  →  LinkedIn  (preferred)",
                       "Read as Latvian, these words have more terms: --lang lv (or leave out --lang)"]
    same = CliRunner().invoke(cli, ["lookup", "LinkedIn un Facebook", "--lang", "en", "--db", str(repo_library)])
    assert "Facebook  →  Facebook" in same.output and "Read as Latvian" not in same.output  # the names alone


# --- what is no term, and what hides one --------------------------------------------------------

EXTRA = """
  - id: eel
    lv:
      - term: zutis
    en:
      - term: eel

  - id: united-nations
    lv:
      - term: ANO
    en:
      - term: UN

  - id: augmented-reality
    lv:
      - term: paplašinātā realitāte
    en:
      - term: AR

  - id: vitamin-a
    lv:
      - term: A vitamīns
    en:
      - term: A

  - id: smaller-fee
    lv:
      - term: mazāka biedra nauda
    en:
      - term: reduced membership fee

  - id: data
    lv:
      - term: dati
    en:
      - term: data

  - id: page
    lv:
      - term: lapa
    en:
      - term: page

  - id: skills
    lv:
      - term: 21. gadsimta prasmes
    en:
      - term: 21st-century skills

  - id: ngo
    lv:
      - term: NVO
    en:
      - term: NGO

  - id: further-education
    lv:
      - term: tālākizglītība
    en:
      - term: further education

  - id: programme-of-further-education
    lv:
      - term: tālākizglītības programma
    en:
      - term: further education programme

  - id: programme
    lv:
      - term: programma
    en:
      - term: programme
"""


@pytest.fixture(scope="module")
def extra_library(tmp_path_factory, fixtures):
    """The fixture library with a few more terms: an alternating stem (zutis: zuša), acronyms that
    spell Latvian words (UN: un, AR: ar), a one-letter term, and a longer term made a machine
    proposal around a decided one."""
    import sqlite3

    from lvterm.build import build_library

    folder = tmp_path_factory.mktemp("extra")
    (folder / "termbase").mkdir()
    text = (fixtures / "db" / "termbase" / "fixture.yml").read_text(encoding="utf-8")
    (folder / "termbase" / "fixture.yml").write_text(text.rstrip() + "\n" + EXTRA, encoding="utf-8")
    db = folder / "lvterm.db"
    build_library(corpus=fixtures / "db" / "posts", termbase=folder / "termbase", db_path=db)
    with sqlite3.connect(db) as conn:  # as if the machine had proposed them
        conn.execute("update terms set status = 'proposed' where concept_id in "
                     "('smaller-fee', 'programme-of-further-education', 'programme')")
        # and a reviewer had accepted a second concept named lapa (sheet), a homonym the curated
        # termbase could not hold
        _copy(conn, "concepts", "id = 'page'", id="sheet")
        top = conn.execute("select max(id) from terms").fetchone()[0]
        _copy(conn, "terms", "concept_id = 'page' and lang = 'lv'", id=top + 1, concept_id="sheet",
              status="admitted", curated=0)
        _copy(conn, "terms", "concept_id = 'page' and lang = 'en'", id=top + 2, concept_id="sheet", term="sheet",
              fold_key="sheet", stem_key="sheet", lemma_key="sheet", status="admitted", curated=0)
    return db


def _copy(conn, table: str, where: str, **values) -> None:
    """Insert a copy of the one row of `table` matching `where`, with `values` changed."""
    cols = [r[1] for r in conn.execute(f"pragma table_info({table})")]
    row = dict(zip(cols, conn.execute(f"select * from {table} where {where}").fetchone())) | values
    conn.execute(f"insert into {table} ({', '.join(cols)}) values ({', '.join('?' * len(cols))})",
                 [row[c] for c in cols])


def test_within_finds_forms_of_the_paradigm(extra_library):
    """zuša is a form of zutis whose stem key is not the term's: found through term_forms."""
    assert _found(within("Trīs zuša zvejnieki", index=open_index(extra_library))) == [("zutis", "eel", "zuša")]


def test_within_acronyms_and_letters_only_as_written(extra_library):
    index = open_index(extra_library)
    # "un" (and) and "ar" (with) are no UN and AR, the article "a" no vitamin A
    assert _found(within("Janis un Anna maksa biedra naudu ar karti", index=index)) == [
        ("biedra nauda", "membership fee", "biedra naudu")]
    assert _found(within("She is a reader and a member", index=index)) == []
    assert _found(within("A member pays the fee", index=index)) == []  # the article opening a sentence
    # a heading in capitals: UN is "and" there too
    assert _found(within("BIEDRI UN BIEDRA NAUDA", index=index)) == [("biedra nauda", "membership fee",
                                                                      "BIEDRA NAUDA")]
    assert _found(within("The UN pays for AR", index=index)) == [("ANO", "UN", "UN"),
                                                                ("paplašinātā realitāte", "AR", "AR")]


def test_within_no_term_across_a_break(library_db):
    index = open_index(library_db)
    for text in ("Viņš ir biedrs. Naudu viņš nemaksā.", "Šis biedra, naudu maksājot, ..."):
        assert "biedra nauda" not in [e["lv"] for e in within(text, index=index)], text


def test_within_english_terms_in_a_sentence_with_a_latvian_name(library_db):
    found = _found(within("In Rīga employers pay the membership fee", index=open_index(library_db)))
    assert found == [("darba devējs", "employer", "employers"), ("biedra nauda", "membership fee", "membership fee")]


def test_within_a_proposal_never_hides_a_decided_term(extra_library):
    index = open_index(extra_library)
    found = within("Viņiem ir mazāka biedra nauda.", index=index)
    assert [(e["lv"], e["status"]) for e in found] == [("biedra nauda", "preferred")]
    # the proposal alone where no decided term is inside it: nothing to hide
    assert within("Mazāka biedra nauda un zutis", index=index, exclude=("membership-fee",))[0]["lv"] == \
        "mazāka biedra nauda"


def test_within_options_as_lookups(library_db):
    index = open_index(library_db)
    assert within(SENTENCE, index=index, limit=0) == [] == within(SENTENCE, index=index, limit=-1)
    with pytest.raises(InputError):
        within(SENTENCE, index=index, lang="xx")


def test_within_the_other_language_only_as_written(extra_library):
    """A Latvian term in an English sentence counts where written as one of its forms, not where an
    English word shares its stem key (date: dati, lap: lapa)."""
    index = open_index(extra_library)
    assert _found(within("Save the date: the membership fees are due", index=index)) == [
        ("biedra nauda", "membership fee", "membership fees")]
    assert _found(within("He ran one more lap before the meeting", index=index)) == []
    assert _found(within("In Latvian the membership fee is the biedra naudu", index=index)) == [
        ("biedra nauda", "membership fee", "membership fee")]
    assert [e["matched"]["lang"] for e in within("The dati and the employer", index=index)] == ["lv", "en"]


def test_within_terms_sharing_a_key_are_all_listed(extra_library):
    """lapa (page) and lapa (sheet, accepted in review) share their key: both are named."""
    found = within("Šī lapa ir par biedra naudu", index=open_index(extra_library))
    assert sorted((e["lv"], e["en"]) for e in found) == [("biedra nauda", "membership fee"), ("lapa", "page"),
                                                          ("lapa", "sheet")]


def test_within_terms_with_their_own_punctuation_and_plural_acronyms(extra_library):
    index = open_index(extra_library)
    assert _found(within("Skolēniem vajag 21. gadsimta prasmes", index=index)) == [
        ("21. gadsimta prasmes", "21st-century skills", "21. gadsimta prasmes")]
    assert _found(within("Two NGOs and the UN pay", index=index)) == [("NVO", "NGO", "NGOs"), ("ANO", "UN", "UN")]
    # a bracket or a dash between two words is a break too
    assert "biedra nauda" not in [e["lv"] for e in within("Darba devēju (biedra) naudu maksā", index=index)]
    assert "biedra nauda" not in [e["lv"] for e in within("Tas ir biedra – naudu ne", index=index)]


def test_within_a_shorter_proposal_survives_a_longer_one_around_a_decided_term(extra_library):
    found = within("Mūsu tālākizglītības programma ir laba", index=open_index(extra_library))
    assert [(e["lv"], e["status"]) for e in found] == [("tālākizglītība", "preferred"), ("programma", "proposed")]


def test_within_no_machine_guess_as_an_equivalent(repo_library):
    """The repository's saziņa has the English guess "touch" held back (confidence 0.52): "touch"
    in a sentence does not name it."""
    found = within("Keep in touch with your colleagues", index=open_index(repo_library))
    assert "saziņa" not in [e["lv"] for e in found]
    assert all(e["en"] is not None for e in found if e["matched"]["lang"] == "en")



def test_the_site_says_how_many_more_terms_a_long_text_has(repo_library, monkeypatch):
    import lvterm.site.home

    monkeypatch.setattr(lvterm.site.home, "HOME_TEXT_TERMS", 3)
    found = within(RICH, index=open_index(repo_library), limit=1000)
    page = get(datasette_for(repo_library), "/", q=RICH).text
    assert page.count("a term in these words") == 3
    assert f"… and {len(found) - 3} more terms in this text: paste a shorter part to see them." in page


@pytest.mark.parametrize("text, expected", [
    ("We held a round-table discussion.", [("apaļais galds", "round-table")]),
    ("We prefer in-person meetings.", [("klātiene", "in-person")]),
    ("Mēs esam Facebook'ā un LinkedIn’ā.", [("Facebook", "Facebook"), ("LinkedIn", "LinkedIn")]),
])
def test_within_reads_joined_words_apart(repo_library, text, expected):
    """A term written apart ("round table", "in person") joined by a hyphen in a sentence, and a
    foreign name with a Latvian case ending after an apostrophe, were not found."""
    found = within(text, index=open_index(repo_library))
    assert [(e["lv"], e["matched"]["form"]) for e in found] == expected
    assert within("We held a round table.", index=open_index(repo_library))[0]["lv"] == "apaļais galds"


@pytest.mark.parametrize("text", ["Our non-member rates and the sub-committee met; the e-library is open.",
                                  "Mūsu ne-biedri un apakš-komiteja tikās."])
def test_within_a_word_after_a_prefix_is_not_its_own_term(repo_library, text):
    """Read apart, "non-member" showed biedrs -> member and "e-library" bibliotēka -> library: a
    term of the text read apart must take the hyphen in."""
    assert within(text, index=open_index(repo_library)) == []


def test_an_admitted_english_name_says_so_beside_a_preferred_latvian_one(repo_library):
    """The English of Latvijas Skolu bibliotekāru biedrība is an unofficial translation (admitted,
    reliability 2); lists showed the Latvian name's "preferred" alone, the entry its 4/4 alone."""
    text = "Latvijas Skolu bibliotekāru biedrība rīko semināru par biedra naudu."
    lines = CliRunner().invoke(cli, ["lookup", text, "--db", str(repo_library)]).output.splitlines()
    assert ("  Latvijas Skolu bibliotekāru biedrība  →  Latvian School Librarians Association  "
            "(preferred, English admitted)") in lines
    assert "  biedra nauda  →  membership fee  (preferred; as “biedra naudu”)" in lines
    entry = CliRunner().invoke(cli, ["lookup", "Latvijas Skolu bibliotekāru biedrība", "--limit", "1",
                                     "--db", str(repo_library)]).output.splitlines()
    assert entry[1].startswith("  status: preferred · reliability 4/4")
    assert entry[2] == "  English: admitted · reliability 2/4"


def test_lookup_json_of_words_naming_no_entry_says_on_stderr_that_terms_occur(library_db):
    result = CliRunner().invoke(cli, ["lookup", TYPED, "--json", "--db", str(library_db)])
    assert result.exit_code == 0 and result.stdout == "[]\n"  # the JSON keeps to entries the query names
    assert result.stderr == ("lvterm: no entry is these words; 3 terms occur in them (without --json they are "
                             "listed; in Python: Library.within)\n")
    none = CliRunner().invoke(cli, ["lookup", "zzzz qqqq", "--json", "--db", str(library_db)])
    assert none.stdout == "[]\n" and none.stderr == ""


def test_site_a_text_too_long_shows_no_sentence_search(library_db):
    page = get(datasette_for(library_db), "/", q="biedra nauda " * 200).text
    assert "longer than the 2,000 characters" in page and "Sentences using" not in page


def test_site_card_names_the_english_terms_own_status_and_reliability(repo_library):
    page = get(datasette_for(repo_library), "/", q="Latvijas Skolu bibliotekāru biedrība").text
    assert "(English: admitted, reliability 2/4)" in page
