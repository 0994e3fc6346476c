"""Boilerplate rules are data: page furniture dropped, lines turned into metadata, new themes without code."""
import pytest

from lvterm.errors import InputError
from lvterm.ingest import rules as rules_mod
from lvterm.ingest.clean import clean, iso_date, slugify, split_boilerplate
from lvterm.ingest.draft import Draft
from lvterm.ingest.rules import default_rules

ENGLISH_PAGE = [
    "Posted in Professional development",
    "Thing 5: networks",
    "(c) Jane Reader, 2012",
    "This week we looked at professional networks.",
    "Share this:",
    "Like this:",
    "Author:",
    "Librarian at a public library",
    "Leave a Reply",
    "Fill in your details below or click an icon to log in:",
    "You are commenting using your Twitter account. ( Log Out / Change )",
    "Connecting to %s",
]


def test_clean_boilerplate_english_theme():
    body, meta = split_boilerplate(ENGLISH_PAGE, rulesets=default_rules().for_lang("en"), title_in_body=True)
    assert body == ["This week we looked at professional networks."]
    assert meta == {"category": "Professional development", "title": "Thing 5: networks", "author": "Jane Reader",
                    "date": "2012", "copyright": "(c) Jane Reader, 2012",
                    "author_description": "Librarian at a public library"}


def test_clean_boilerplate_latvian_rules_only_for_latvian():
    paras = ["Virsraksts", "Teksts.", "Izsaki viedokli!"]
    assert split_boilerplate(paras, rulesets=default_rules().for_lang("lv"), title_in_body=True)[0] == ["Teksts."]
    assert split_boilerplate(paras, rulesets=default_rules().for_lang("en"), title_in_body=True)[0] == [
        "Teksts.", "Izsaki viedokli!"]


def test_clean_boilerplate_label_does_not_swallow_furniture():
    body, meta = split_boilerplate(["Virsraksts", "Teksts.", "Autors:", "Izsaki viedokli!"],
                                   rulesets=default_rules().for_lang("lv"), title_in_body=True)
    assert body == ["Teksts."] and "author_description" not in meta


def test_clean_boilerplate_rules_match_across_no_break_spaces():
    body, _ = split_boilerplate(
        ["Virsraksts", "Teksts ar\u00a0atstarpi.",
         "You are commenting using your Facebook account. Log\u00a0Out\u00a0/\u00a0Mainīt\u00a0)"],
        rulesets=default_rules().for_lang("lv"), title_in_body=True)
    assert body == ["Teksts ar\u00a0atstarpi."]  # body text as received


def test_clean_boilerplate_new_theme_from_a_rules_file(tmp_path):
    """Another theme and language are data: a rules file, no code."""
    path = tmp_path / "rules.yml"
    path.write_text(
        "rulesets:\n"
        "  - name: a German theme\n"
        "    lang: de\n"
        "    drop: ['Kommentar verfassen']\n"
        "    meta:\n"
        "      - {re: 'Veröffentlicht in (?P<category>.+)'}\n"
        "      - {re: 'Von (?P<author>.+) am (?P<date>\\d{4}-\\d{2}-\\d{2})', whole: byline}\n"
        "    label:\n"
        "      - {match: 'Über den Autor:', next: author_description}\n", encoding="utf-8")
    rules = rules_mod.load(path)
    draft = Draft(source="seite.txt", title_in_body=True, paragraphs=(
        "Veröffentlicht in Bibliotheken", "Neue Bücher", "Von Eva Buch am 2015-06-01", "Wir haben neue Bücher.",
        "Über den Autor:", "Bibliothekarin", "Kommentar verfassen"))
    post = clean(draft, lang="de", rules=rules)
    assert (post.title, post.category, post.author, post.date) == ("Neue Bücher", "Bibliotheken", "Eva Buch",
                                                                   "2015-06-01")
    assert post.paragraphs == ("Wir haben neue Bücher.",)
    assert post.meta == {"byline": "Von Eva Buch am 2015-06-01", "author_description": "Bibliothekarin"}


@pytest.mark.parametrize("text, message", [
    ("rulesets: 3\n", "need a 'rulesets' list"),
    ("rulesets:\n  - drop: [{re: '(unclosed'}]\n", "bad regular expression"),
    ("rulesets:\n  - label: [{match: 'Autors:'}]\n", "needs 'next: FIELD'"),
    ("rulesets: [\n", "bad YAML"),
])
def test_clean_boilerplate_bad_rules_file(text, message, tmp_path):
    path = tmp_path / "rules.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        rules_mod.load(path)
    assert message in str(info.value) and str(path) in str(info.value)


def test_clean_format_metadata_wins_over_body_lines():
    draft = Draft(source="x.xml", paragraphs=("© Cits Autors, 1999", "Teksts."),
                  meta={"title": "Virsraksts", "author": "Anna Kalniņa", "date": "2013-03-05 12:00:00"})
    post = clean(draft, lang="lv")
    assert (post.author, post.date, post.meta["copyright"]) == ("Anna Kalniņa", "2013-03-05", "© Cits Autors, 1999")


def test_clean_no_body_or_title_is_an_error():
    with pytest.raises(InputError, match="no body text"):
        clean(Draft(source="a.txt", paragraphs=("Virsraksts", "Advertisements"), title_in_body=True), lang="lv")
    with pytest.raises(InputError, match="no title"):
        clean(Draft(source="a.html", paragraphs=("Teksts.",), meta={"title": ""}), lang="lv")


@pytest.mark.parametrize("value, expected", [
    ("2011", "2011"), ("2013-03-05 12:00:00", "2013-03-05"), ("2012-04-23T09:15:00+00:00", "2012-04-23"),
    ("Tue, 05 Mar 2013 10:00:00 +0000", "2013-03-05"), ("0000-00-00 00:00:00", None), ("vakar", None),
    (None, None), ("2014-09", "2014-09"),
])
def test_clean_iso_date(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize("title, slug", [
    ("CPD23 #5: sociālie tīkli un profesionālās organizācijas",
     "cpd23-5-socialie-tikli-un-profesionalas-organizacijas"),
    ("ĀČĒĢĪĶĻŅŠŪŽ āčēģīķļņšūž", "acegiklnsuz-acegiklnsuz"),
    ("  „Grāmata” – 2011. gadā!  ", "gramata-2011-gada"),
])
def test_clean_slugify(title, slug):
    assert slugify(title) == slug
    assert slug.isascii()
