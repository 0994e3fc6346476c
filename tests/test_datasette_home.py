"""The site as people meet it: the home page's search, the friendly query and table pages, the entry
page, the downloads, and internal columns kept out of sight. Run on the repository's own library
(corpus/posts + termbase/, built with its downloads) through Datasette's test client."""
from __future__ import annotations

import html
import re

import polib
import pytest
from datasette.app import Datasette
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixtures.datasette.client import datasette_for, get
from lvterm.serve import metadata_for


@pytest.fixture(scope="module")
def ds(repo_library):
    return datasette_for(repo_library)


def _text(page: str) -> str:
    """The page's visible text, roughly: tags out, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _entries(page: str) -> list[str]:
    """The term entries of a home page, in order: each `<article class="lvterm-entry ...">`."""
    return re.findall(r'<article class="lvterm-entry[^"]*">(.*?)</article>', page, re.S)


def test_home_search_box_is_first_and_labelled(ds):
    page = get(ds, "/").text
    body = page[page.index("<main") if "<main" in page else page.index("<body"):]
    first_form = body.index("<form")
    assert first_form < body.index("<h2") and 'name="q"' in body[first_form:body.index("</form>")]
    assert '<label for="lvterm-q">Latvian or English term</label>' in page
    assert "Custom SQL" not in page and "Run SQL" not in page


@pytest.mark.parametrize("q", ["biedra naudai", "Biedra Naudām", "biedra naudu", "membership fees", "biedra nuada"])
def test_home_term_query_answers_with_the_entry(ds, q):
    """Inflected (a dative the corpus never has), capitalised, English and mistyped forms all find
    the entry, with its synonyms, status, an example pair in both languages and a link to it."""
    entries = _entries(get(ds, "/", q=q).text)
    first = entries[0]
    assert "biedra nauda" in first and "membership fee" in first
    assert "preferred" in first
    assert "membership dues" in first and "subscription" in first  # admitted synonyms, in the results
    assert "British usage" in first  # a term's usage note
    example = re.search(r'<div lang="lv">(.*?)</div>\s*<div lang="en">(.*?)</div>', first, re.S)
    assert "<mark>" in example.group(1) and "<mark>membership fee</mark>" in example.group(2)
    assert 'href="/-/lvterm/entry/membership-fee?db=lvterm"' in first


def test_home_a_typo_match_asks_did_you_mean_and_a_real_word_is_not_corrected(ds):
    """A mistyped query finds the entry and the page says it is the nearest spelling; a word spelt
    right that is one letter from a term ("employee", "employer") is no entry: a wrong equivalent
    shown as a term is worse than none."""
    page = get(ds, "/", q="biedra nuada").text
    first = _entries(page)[0]
    assert "did you mean biedra nauda ? (the nearest spelling to “biedra nuada”)" in _text(first)
    assert '<a href="?q=biedra%20nauda" lang="lv">biedra nauda</a>' in first  # one click to the right spelling
    # the sentences are those of the spelling the entry was found by, marked
    assert "Sentences using “biedra nauda”" in _text(page)
    rows = re.findall(r'<td lang="lv" class="col-lv">(.*?)</td>', page, re.S)
    assert rows and all("<mark>" in lv for lv in rows)
    assert "did you mean" not in get(ds, "/", q="biedra naudu").text
    page = get(ds, "/", q="employee").text
    assert not _entries(page) and "No term entry matches “employee”." in _text(page)
    # nor do sentences about the employer stand in for the employee (a prefix "employe"* did)
    assert "employer" not in _text(page.split("Sentences using", 1)[1]).lower()


def test_home_unaccented_latvian_finds_the_entry_and_its_sentences(ds):
    page = get(ds, "/", q="tiklosana").text
    assert "tīklošana" in _entries(page)[0] and "networking" in _entries(page)[0]
    rows = re.findall(r'<td lang="lv" class="col-lv">(.*?)</td><td lang="en" class="col-en">(.*?)</td>', page, re.S)
    assert rows and all("<mark>" in lv for lv, _ in rows)
    assert any("<mark>Networking</mark>" in en or "<mark>networking</mark>" in en for _, en in rows)


def test_home_networks_shows_network_and_social_network_entries(ds):
    entries = _entries(get(ds, "/", q="networks").text)
    heads = [re.search(r"<h3>(.*?)</h3>", e, re.S).group(1) for e in entries]
    heads = [_text(h) for h in heads]
    assert heads[0] == "tīkls → network"  # the word itself first
    assert "sociālais tīkls → social network" in heads  # then longer terms with the word
    assert heads.index("sociālais tīkls → social network") < next(
        (i for i, e in enumerate(entries) if "lvterm-entry-proposal" in e or "machine-made" in e), len(entries))


def test_home_concordance_links_each_pair(ds):
    page = get(ds, "/", q="biedra naudu").text
    links = re.findall(r'<td class="col-bead"><a href="(/-/lvterm/bead/\d+\?[^"]+)"', page)
    assert len(links) == 3
    assert get(ds, html.unescape(links[0])).status_code == 200


def test_home_proposals_say_they_are_proposals(ds, repo_library):
    import sqlite3

    conn = sqlite3.connect(repo_library)
    term = conn.execute("select t.term from terms t where t.status = 'proposed' and t.lang = 'lv' and not exists "
                        "(select 1 from terms o where o.concept_id = t.concept_id and o.status != 'proposed') "
                        "order by t.frequency desc, t.id limit 1").fetchone()
    conn.close()
    if term is None:
        pytest.skip("the library has no machine proposals")
    page = get(ds, "/", q=term[0]).text
    proposal = next(e for e in _entries(page) if term[0] in e)
    assert "proposal (machine-made, not reviewed)" in proposal
    assert 'lvterm-entry-proposal' in page


def test_home_escapes_the_query(ds):
    page = get(ds, "/", q='<script>alert(1)</script>').text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert get(ds, "/", q="x" * 5000).status_code == 200


def test_home_links_the_tables_in_plain_words(ds):
    page = get(ds, "/").text
    browse = page[page.index('aria-label="Browse"'):]
    for path, words in [("bitext", "every Latvian sentence beside its English equivalent"), ("posts", "blog posts"),
                        ("terms", "status"), ("review_alignments", "unsure")]:
        assert f'href="/lvterm/{path}"' in browse and words in browse, path
    assert get(ds, "/.json").status_code == 200  # Datasette's own index stays as JSON


def test_home_links_the_downloads_and_they_are_served(ds, tmp_path):
    page = get(ds, "/").text
    names = re.findall(r'<a href="/-/lvterm/downloads/([^"]+)" download>', page)
    assert {"glossary.po", "lvterm.tbx", "lvterm.tsv", "lvterm.tmx"} <= set(names)
    assert any(n not in ("glossary.po",) and n.endswith(".po") for n in names)  # a post's .po
    po = get(ds, "/-/lvterm/downloads/glossary.po")
    assert po.status_code == 200 and po.headers["content-type"].startswith("text/x-gettext-translation")
    (tmp_path / "glossary.po").write_bytes(po.content)
    glossary = polib.pofile(str(tmp_path / "glossary.po"))
    assert glossary.find("membership fee", msgctxt="membership-fee").msgstr == "biedra nauda"
    assert all("proposed" not in e.comment and not e.msgctxt.startswith("x-") for e in glossary)  # no proposals
    tmx = get(ds, "/-/lvterm/downloads/lvterm.tmx")
    assert tmx.status_code == 200 and b'<tmx version="1.4">' in tmx.content


@pytest.mark.parametrize("name", ["lvterm.db", "lvterm.db.inspect.json", "..%2Flvterm.db", "cache", "locale",
                                  "lv", "%2E%2E", "glossary.po%00", "LVTERM.TMX"])
def test_downloads_serve_nothing_else(ds, name):
    assert get(ds, "/-/lvterm/downloads/" + name).status_code in (302, 404)
    if get(ds, "/-/lvterm/downloads/" + name).status_code == 302:  # Datasette's own %2F normalising
        location = get(ds, "/-/lvterm/downloads/" + name).headers["location"]
        assert get(ds, location).status_code == 404


def test_query_pages_are_forms_for_people(ds):
    page = get(ds, "/lvterm/term_lookup", q="tiklosana").text
    assert re.search(r'<label for="qp1">Latvian or English term</label>', page)
    assert 'value="Look up"' in page
    assert "Custom SQL" not in page and "Run SQL" not in page and "returning 1 row" not in page
    visible = page.split('<details class="lvterm-about">')[0]
    assert "select" not in visible.lower().split("<table")[0]  # the SQL is folded away ...
    assert "<pre id=\"sql-query\">" in page  # ... but one click away
    assert "<title>Term lookup: tiklosana" in page
    assert '<th class="col-also" scope="col">Also (synonyms)</th>' in page
    concordance = get(ds, "/lvterm/concordance", q="biedra naudu").text
    assert '<label for="qp1">Latvian or English words</label>' in concordance
    # a query of one's own keeps Datasette's SQL page
    own = get(ds, "/lvterm", sql="select 1 as one").text
    assert "Run SQL" in own


def test_term_lookup_lists_synonyms_and_notes(ds):
    (hit,) = get(ds, "/lvterm/term_lookup.json", q="biedra naudu", _shape="array").json()
    assert "membership dues (en, admitted)" in hit["also"] and "subscription (en, admitted)" in hit["also"]
    assert "biedru nauda (lv, admitted)" in hit["also"]
    assert "British usage" in hit["note"]
    assert hit["lv_term"] == "biedra nauda" and hit["en_term"] == "membership fee"


def test_table_pages_fold_the_descriptions_and_hide_internal_columns(ds):
    page = get(ds, "/lvterm/segments").text
    about = page.index('<details class="lvterm-about">')
    assert about < page.index('<table class="rows-and-columns">')
    assert "Data license" not in page[:about] and 'dl.column-descriptions { display: none; }' in page
    headers = set(re.findall(r'<th [^>]*class="col-([a-z_]+)"', page))
    assert {"text", "lang", "start"} <= headers and not {"fold", "stems"} & headers
    assert {"fold", "stems"} <= set(get(ds, "/lvterm/segments.json", _shape="array").json()[0])  # JSON keeps them
    every = html.unescape(re.search(r'<a href="(\?_col=[^"]+)">show every column</a>', page).group(1))
    assert {"fold", "stems"} <= set(re.findall(r'<th [^>]*class="col-([a-z_]+)"', get(ds, "/lvterm/segments" + every).text))
    terms = set(re.findall(r'<th [^>]*class="col-([a-z_]+)"', get(ds, "/lvterm/terms").text))
    assert "term" in terms and not {"fold_key", "stem_key", "lemma_key"} & terms


def test_entry_page_is_titled_by_its_terms_and_forms_are_never_zero(ds):
    page = get(ds, "/-/lvterm/entry/membership-fee").text
    assert "<title>biedra nauda – membership fee: term entry</title>" in page
    assert "<h1>biedra nauda – membership fee</h1>" in page
    assert "(0)" not in _text(page)
    assert "Generated forms (not seen in the corpus)" in page or "not seen in the corpus yet" in page


def test_status_proposed_is_labelled_in_tables(ds):
    page = get(ds, "/lvterm/terms", status="proposed").text
    cells = re.findall(r'<td class="col-status[^"]*"[^>]*>(.*?)</td>', page, re.S)
    if not cells:
        pytest.skip("the library has no machine proposals")
    assert all("proposal (machine-made, not reviewed)" in c for c in cells)


def test_bitext_has_a_year_to_filter_by(ds):
    rows = get(ds, "/lvterm/bitext.json", year="2011", _shape="array").json()
    assert rows and all(r["year"] == 2011 for r in rows)
    csv = get(ds, "/lvterm/bitext.csv", year="2011", _size="max")
    assert csv.status_code == 200 and csv.text.splitlines()[0].startswith("id,pair,title,lv_text,en_text")


def test_related_finds_longer_terms_by_whole_words(repo_library):
    from lvterm.terms.lookup import lookup, open_index, related

    index = open_index(repo_library)
    direct = [e["concept_id"] for e in lookup("networks", index=index)]
    longer = related("networks", index=index, exclude=tuple(direct))
    pairs = [(e["lv"], e["en"]) for e in longer]
    assert ("sociālais tīkls", "social network") in pairs
    assert not set(direct) & {e["concept_id"] for e in longer}  # lookup's own matches are not repeated
    assert all(e["matched"]["via"] == "contains" for e in longer)
    # whole words only: "network" is no part of "networking" (tīklošana)
    assert "networking" not in {t["term"] for e in longer for t in e["terms"] if t["lang"] == "en"}
    decided = [e["status"] != "proposed" for e in longer]
    assert decided == sorted(decided, reverse=True)  # decided entries before machine proposals
    assert related("", index=index) == [] and related("zzzz qqqq", index=index) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('"\'()*:^-+{}[]|&%_<>\\ aāšNEARORtīkls0\u0301\u2028')), max_size=40))
def test_home_any_query_is_a_page(ds, q):
    response = get(ds, "/", q=q)
    assert response.status_code == 200 and "Latvian or English term" in response.text


def test_home_search_stays_within_the_time_limit(repo_library):
    """The home page's full-text search runs under the server's SQL time limit: past it, the entries
    are shown without the sentences, instead of an error (or a thread held for ever)."""
    import sqlite3

    from lvterm.datasette_plugin import _search, prepare_connection

    conn = sqlite3.connect(f"file:{repo_library}?immutable=1", uri=True)
    conn.row_factory = sqlite3.Row
    prepare_connection(conn)
    full = _search(conn, "biedra naudu", concordance_sql=None, time_limit_ms=5000)
    assert full["entries"] and full["pairs"]
    cut = _search(conn, "biedra naudu", concordance_sql=None, time_limit_ms=0)
    assert cut["entries"] == full["entries"]  # the lookup is bounded work of its own
    assert cut["pairs"] == [] and cut["total_pairs"] == 0  # the full-text search stopped at the limit
    conn.close()


def test_home_of_a_datasette_without_the_library_is_datasettes_index():
    plain = Datasette(memory=True)
    response = get(plain, "/")
    assert response.status_code == 200 and "lvterm-search" not in response.text and "_memory" in response.text


def test_site_tables_lead_people_to_their_pages(ds, repo_library, tmp_path):
    """Every concept row links its entry (a row without a definition too); a post's body is one
    block the table page shows four lines of; a proposal's machine note is not called usage; a bead
    without a position still has its pair page."""
    import shutil
    import sqlite3

    page = get(ds, "/lvterm/concepts", _size="max").text
    conn = sqlite3.connect(repo_library)
    no_definition = conn.execute("select count(*) from concepts where definition is null").fetchone()[0]
    proposal = conn.execute("select concept_id, term from terms where status = 'proposed' and note like "
                            "'pairing confidence%' limit 1").fetchone()
    conn.close()
    assert no_definition and page.count("<em>open the entry</em>") == no_definition
    body = re.findall(r'<td class="col-body[^"]*">(.*?)</td>', get(ds, "/lvterm/posts").text, re.S)
    assert body and all(b.strip().startswith('<div class="lvterm-post-body">') for b in body)
    entry = _text(get(ds, f"/-/lvterm/entry/{proposal[0]}").text)
    assert "Machine note: pairing confidence" in entry and "Usage: pairing confidence" not in entry
    # a bead whose position is unknown (the schema allows it): the page, without previous/next links
    copy = tmp_path / "lvterm.db"
    shutil.copy(repo_library, copy)
    conn = sqlite3.connect(copy)
    conn.execute("update beads set position = null where id = 3")
    conn.commit()
    conn.close()
    other = Datasette([], immutables=[str(copy)], metadata=metadata_for(copy))
    bead = get(other, "/-/lvterm/bead/3")
    assert bead.status_code == 200 and 'rel="next"' not in bead.text and "of the post" not in bead.text
    assert "· pair 1 of the post ·" in _text(get(ds, "/-/lvterm/bead/1").text)  # counted from 1, as sentences are


def test_site_sentence_labels_count_from_one():
    from lvterm.datasette_plugin import _sentence_label

    assert _sentence_label("[0]") == "sentence 1"
    assert _sentence_label("[3, 4]") == "sentences 4–5"
    assert _sentence_label("[3, 5]") == "sentences 4, 6"
    assert _sentence_label("[]") == "no sentence" and _sentence_label("garbage") == "" and _sentence_label(None) == "no sentence"
