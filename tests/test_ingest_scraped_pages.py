"""Scraped page text and older themes: the whole page's furniture goes (header, share buttons,
related posts, comment form, navigation, footer), date lines in Latvian and English words fill
`date` (and `author`), the title is the post's and not the blog's; the Kubrick theme's post is read
from <div class="entry"> with its title from <title>. Fixtures: tests/fixtures/ingest/scraped/,
tests/fixtures/ingest/kubrick.html.
"""
from __future__ import annotations

import pytest

from lvterm.ingest import ingest
from lvterm.ingest.clean import iso_date, split_boilerplate
from lvterm.ingest.rules import default_rules


def one(path, lang):
    (post,) = ingest([path], lang=lang)
    assert not isinstance(post, Exception), post
    return post


def test_ingest_scraped_full_latvian_page(fixtures):
    post = one(fixtures / "ingest" / "scraped" / "full-page.lv.txt", "lv")
    assert post.title == "Jauns grāmatu skapis bērnu nodaļā"  # not the blog's name above it
    assert (post.date, post.category) == ("2013-03-04", "Telpas")
    assert post.meta["tags"] == ["bērni", "telpas", "mēbeles"]
    assert post.paragraphs == (
        "Bērnu nodaļā tagad ir jauns zems grāmatu skapis, no kura mazākie lasītāji paši var paņemt grāmatas.",
        "Skapī ir:",
        "• bilžu grāmatas;",  # a list: a line a paragraph
        "• pasakas;",
        "• enciklopēdijas pirmklasniekiem.",
        "Skapi izgatavoja vietējais galdnieks, un to apmaksāja novada dome.",
    )


def test_ingest_scraped_english_byline_and_related_posts(fixtures):
    post = one(fixtures / "ingest" / "scraped" / "posted-on.en.txt", "en")
    assert (post.title, post.date, post.author, post.category) == (
        "A new bookcase in the children's room", "2013-03-07", "Marta Liepina", "Premises")
    assert post.paragraphs == ("The children's room now has a low bookcase from which the youngest readers "
                               "can take books themselves.",)


def test_ingest_scraped_date_line_in_a_body_is_text():
    """A bare date line is metadata on a scraped page only: in an export's body it is text."""
    rules = default_rules()
    paras = ["Pasākumi martā", "2013. gada 8. marts", "Dzejas lasījumi."]
    scraped, meta = split_boilerplate(paras, rulesets=rules.for_lang("lv", scraped=True), title_in_body=True)
    assert (scraped, meta) == (["Dzejas lasījumi."], {"title": "Pasākumi martā", "date": "2013. gada 8. marts"})
    body, meta = split_boilerplate(paras, rulesets=rules.for_lang("lv"))
    assert (body, meta) == (paras, {})


def test_ingest_scraped_prose_before_a_date_is_never_taken_for_a_header():
    paras = ["Virsraksts", "Pirmā rindkopa ar teikumu.", "2013. gada 8. marts", "Otrā rindkopa."]
    body, meta = split_boilerplate(paras, rulesets=default_rules().for_lang("lv", scraped=True), title_in_body=True)
    assert meta == {"title": "Virsraksts"}  # a date after the body's first text is text
    assert body == ["Pirmā rindkopa ar teikumu.", "2013. gada 8. marts", "Otrā rindkopa."]


def test_ingest_scraped_text_keeps_its_first_line_as_title_and_its_date_lines(tmp_path):
    """A plain .txt: a short first line is the title unless the page shows it is the blog's name
    (a tagline under it, or the line repeated on the page); date lines after the title's own are text."""
    konf = tmp_path / "konf.lv.txt"
    konf.write_text("Bibliotekāru konference 2012\n\nProgramma\n\n2012. gada 20. aprīlis\n\n"
                    "Pirmajā dienā runās bibliotēku vadītāji.\n\n2012. gada 21. aprīlis\n\n"
                    "Otrajā dienā notiks darba grupas.\n", encoding="utf-8")
    post = one(konf, "lv")
    assert (post.title, post.date) == ("Bibliotekāru konference 2012", None)
    assert post.paragraphs == ("Programma", "2012. gada 20. aprīlis", "Pirmajā dienā runās bibliotēku vadītāji.",
                               "2012. gada 21. aprīlis", "Otrajā dienā notiks darba grupas.")


def test_ingest_scraped_only_the_headers_date_line_is_metadata():
    rules = default_rules().for_lang("lv", scraped=True)
    paras = ["Pasākumi martā", "2013. gada 8. marts", "Dzejas lasījumi.", "2013. gada 9. marts", "Teātra izrāde."]
    body, meta = split_boilerplate(paras, rulesets=rules, title_in_body=True)
    assert meta == {"title": "Pasākumi martā", "date": "2013. gada 8. marts"}
    assert body == ["Dzejas lasījumi.", "2013. gada 9. marts", "Teātra izrāde."]
    # a blog name above the title is dropped when the page shows it is one: it repeats on the page
    paras = ["Novada bibliotēka", "Pasākumi martā", "2013. gada 8. marts", "Dzejas lasījumi.", "Novada bibliotēka"]
    body, meta = split_boilerplate(paras, rulesets=rules, title_in_body=True)
    assert meta == {"title": "Pasākumi martā", "date": "2013. gada 8. marts"}
    assert body == ["Dzejas lasījumi.", "Novada bibliotēka"]


def test_ingest_scraped_kubrick_theme(fixtures):
    post = one(fixtures / "ingest" / "kubrick.html", "lv")
    assert post.title == "Zīmuļi un dzēšgumijas lasītavā"
    assert (post.date, post.category) == ("2013-03-06", "Telpas")  # from the post's metadata line
    assert post.paragraphs == (
        "Lasītavā pie katra galda tagad ir zīmuļi un dzēšgumijas, lai lasītāji var pierakstīt.",
        "Pirmajā nedēļā pazuda tikai divi zīmuļi.",
    )


@pytest.mark.parametrize("text, sites, title", [
    ("Lasītavas pārcelšana | Bibliotēkas blogs", set(), "Lasītavas pārcelšana"),
    ("E-grāmatas – jauns pakalpojums | Blogs", set(), "E-grāmatas – jauns pakalpojums"),
    ("Lasītavas pārcelšana – Bibliotēkas blogs", {"Bibliotēkas blogs"}, "Lasītavas pārcelšana"),
    ("Blogs » Zīmuļi lasītavā", set(), "Zīmuļi lasītavā"),
    ("Blogs » Zīmuļi – un dzēšgumijas", {"Blogs"}, "Zīmuļi – un dzēšgumijas"),
    ("Bibliotēkas blogs", {"Bibliotēkas blogs"}, ""),
    ("Tikai virsraksts", set(), "Tikai virsraksts"),
])
def test_ingest_scraped_page_title_without_the_blog_name(text, sites, title):
    from lvterm.ingest.htmlpage import page_title

    assert page_title(text, sites=sites) == title


@pytest.mark.parametrize("value, expected", [
    ("2012. gada 20. janvāris", "2012-01-20"), ("2012. gada 20. janvārī", "2012-01-20"),
    ("20. janvārī, 2012", "2012-01-20"), ("2011. gada 5. decembris", "2011-12-05"),
    ("2012. gada janvārī", "2012-01"), ("20. aprīļa 2012", "2012-04-20"), ("5. decembrī", None),
    ("2012. gada 16. marts 09:12", "2012-03-16"), ("2012. gada 31. februāris", None),
    ("January 23, 2012", "2012-01-23"), ("Thursday, March 15th, 2012", "2012-03-15"),
    ("23 January 2012", "2012-01-23"), ("Sept 5, 2012", "2012-09-05"), ("May 2012", "2012-05"),
    ("Marts", None), ("May", None),
])
def test_ingest_scraped_dates_in_words(value, expected):
    assert iso_date(value) == expected
