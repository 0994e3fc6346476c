"""One term matcher (lvterm.terms.matcher): its rules on Latvian and English text, and the same
spans marked by `lvterm lookup` and by the web's entry and pair pages for the same bead."""
from __future__ import annotations

import asyncio
import html
import json
import re
import sqlite3
import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.lang.keys import fold
from lvterm.terms.matcher import TermMatcher, highlight, spans, term_key


def _found(matcher: TermMatcher, text: str, **options) -> list[tuple[str, object]]:
    out = []
    for m in matcher.find(text, **options):
        assert text[m.start:m.end] == m.form  # offsets are exact character offsets
        out.append((m.form, m.value))
    return out


FEE_LV = TermMatcher([("fee", ["biedra nauda"])], lang="lv")


@pytest.mark.parametrize("text, form", [
    ("Ik gadu jāmaksā biedra nauda.", "biedra nauda"),
    ("Darba devējs sedz biedra naudu.", "biedra naudu"),
    ("Atlaide biedra naudas maksājumam", "biedra naudas"),
    ("Biedra naudai ir atlaide.", "Biedra naudai"),  # at a sentence start
    ("Par BIEDRA NAUDU jautā kasē", "BIEDRA NAUDU"),
    ("biedra naudu (bez diakritikas): biedra naudā", "biedra naudu"),
])
def test_term_matcher_latvian_inflections(text, form):
    assert _found(FEE_LV, text)[0] == (form, "fee")
    m = FEE_LV.find(text)[0]
    assert (m.start, m.end) == (text.index(form), text.index(form) + len(form))


def test_term_matcher_latvian_needs_every_word_in_order():
    assert FEE_LV.find("Nauda biedra kontā.") == [] and FEE_LV.find("biedra, nevis nauda") == []
    assert _found(FEE_LV, "biedra, nauda") == [("biedra, nauda", "fee")]  # punctuation is no word


def test_term_matcher_english_plurals_not_ing_nouns():
    en = TermMatcher([("fee", ["membership fee"]), ("sn", ["social network"])], lang="en")
    text = "Membership fees and the membership fee differ; social networks help."
    assert _found(en, text) == [("Membership fees", "fee"), ("membership fee", "fee"), ("social networks", "sn")]
    assert en.find("social networking events") == []  # networking (tīklošana) is not networks (tīkli)


def test_term_matcher_longest_first_or_nested():
    """(Formerly store.find_spans.) Highlighting takes the longest match; counting takes all."""
    m = TermMatcher([("fee", ["biedra nauda"]), ("money", ["nauda"])], lang="lv")
    text = "Dažkārt biedra naudu un naudu samaksā."
    assert _found(m, text) == [("biedra naudu", "fee"), ("naudu", "money")]
    assert _found(m, text, nested=True) == [("biedra naudu", "fee"), ("naudu", "money"), ("naudu", "money")]


def test_term_matcher_patterns_and_restricted():
    """Each match names its pattern; a matcher restricted to some patterns finds exactly the
    matches whose pattern is one of them, with the same terms (the build's scan cache relies on it)."""
    m = TermMatcher([("fee", ["biedra nauda"]), ("money", ["nauda", "naudas"]), ("also", ["biedra naudu"])], lang="lv")
    assert m.patterns == {("biedr", "naud"): ("fee", "also"), ("naud",): ("money",)}
    text = "Dažkārt biedra naudu un naudu samaksā."
    found = m.find(text, nested=True)
    assert [x.key for x in found] == [("biedr", "naud"), ("naud",), ("naud",)]
    only = m.restricted([("naud",), ("nav", "tāda")])
    assert only.patterns == {("naud",): ("money",)}
    assert only.find(text, nested=True) == [x for x in found if x.key == ("naud",)]
    assert not m.restricted([])


ANNUAL = "paying an annual membership fee for a professional organisation"


@pytest.mark.parametrize("terms, marked", [
    ([("fee", "membership fee"), ("annual", "annual membership"), ("whole", "annual membership fee")],
     [("annual membership fee", "whole")]),  # the longest match, wherever it starts
    ([("fee", "membership fee"), ("annual", "annual membership")], [("membership fee", "fee")]),  # a tie: the
    ([("annual", "annual membership"), ("fee", "membership fee")], [("annual membership", "annual")]),  # first term
    ([("po", "professional organisation"), ("fpo", "for a professional")], [("for a professional", "fpo")]),
    ([("po", "a professional organisation"), ("fpo", "for a professional")], [("a professional organisation", "po")]),
])
def test_term_matcher_longest_first_then_the_earlier_term(terms, marked):
    matcher = TermMatcher([(value, [form]) for value, form in terms], lang="en")
    assert _found(matcher, ANNUAL) == marked
    assert {m.form for m in matcher.find(ANNUAL, nested=True)} == {form for _, form in terms}  # nested: all


@pytest.mark.parametrize("text, form", [("Lasu e-grāmatas.", "e-grāmatas"), ("E-GRAMATU", "E-GRAMATU"),
                                        ("Par e-grāmatām", "e-grāmatām")])
def test_term_matcher_hyphenated_word_inflects_at_its_end(text, form):
    ebook = TermMatcher([("ebook", ["e-grāmata"])], lang="lv")
    assert _found(ebook, text) == [(form, "ebook")]
    assert ebook.find("grāmatas un e-pasts") == []  # the prefix counts


def test_term_matcher_forms_values_and_options():
    fee = TermMatcher([("a", ["biedra nauda"]), ("b", ["biedru nauda"]), ("a", ["biedra naudas"])], lang="lv")
    (m,) = fee.find("maksā biedra naudu")
    assert (m.value, m.values) == ("a", ("a", "b"))  # both terms share the key; the first given leads
    assert fee.key("Biedra Naudu") == term_key("biedra nauda", fee.word_key) == ("biedr", "naud")
    exact = TermMatcher([("x", ["biedra naudu"])], lang="lv", word_key=fold)  # pluggable keys: folded forms
    assert _found(exact, "Biedra naudu, biedra nauda") == [("Biedra naudu", "x")]
    long = TermMatcher([("long", ["a b c d e f g h i"]), ("ok", ["a b"])], lang="en")
    assert _found(long, "a b c d e f g h i") == [("a b", "ok")]  # more words than MAX_TERM_WORDS: no term
    assert not TermMatcher([], lang="lv") and TermMatcher([], lang="lv").find("biedra nauda") == []
    assert FEE_LV.find("") == [] and FEE_LV.find("… !? 2011.") == []


def test_term_matcher_pathological_line_is_linear():
    """A 100,000-character line: one pass over its words (each looked up once per term length)."""
    text = "biedra naudu " * 7000 + "x" * (100_000 - 7000 * 13)
    found = FEE_LV.find(text)
    assert len(text) == 100_000 and len(found) == 7000
    assert {m.form for m in found} == {"biedra naudu"} and found[-1].end == 7000 * 13 - 1
    assert FEE_LV.find("a" * 100_000) == [] and FEE_LV.find("nauda biedra " * 7000) != []


def test_term_matcher_highlight():
    assert highlight("Dažkārt biedra naudu maksā", [[8, 20]]) == "Dažkārt «biedra naudu» maksā"
    assert highlight("ab", [[0, 1]], style=str.upper) == "Ab"
    assert highlight("biedra nauda", [[0, 6], [0, 12]]) == "«biedra nauda»"  # the longest at a position
    assert highlight("<a> b", [[4, 5]], style=lambda f: f"[{f}]", plain=html.escape) == "&lt;a&gt; [b]"
    text = "Ik gadu jāmaksā biedra naudu."
    assert highlight(text, spans(FEE_LV.find(text))) == "Ik gadu jāmaksā «biedra naudu»."


def test_term_matcher_sql_mark_terms_is_the_matcher():
    from lvterm.datasette_plugin import mark_terms

    text = "Joining a professional organisation means paying an annual membership fee."
    assert mark_terms(text, "membership fee|annual membership", "en").endswith("annual <mark>membership fee</mark>.")
    assert mark_terms(text, "annual membership|membership fee", "en").endswith("<mark>annual membership</mark> fee.")


# --- properties ---------------------------------------------------------------------------

TERMS = [("fee", ["biedra nauda", "biedra naudu"]), ("money", ["nauda"]), ("member", ["biedrs"]),
         ("ebook", ["e-grāmata"]), ("sn", ["sociālais tīkls"]), ("long", ["biedra naudas atlaide"])]
LV = TermMatcher(TERMS, lang="lv")
WORDS = ["biedra", "Biedra", "naudu", "nauda", "naudas", "NAUDAI", "atlaide", "biedrs", "e-grāmatas",
         "sociālie", "tīkli", "un", "2011.", "„", "—", "-", "x", ""]
texts = st.lists(st.sampled_from(WORDS), max_size=30).flatmap(
    lambda ws: st.lists(st.sampled_from([" ", ", ", ". ", "", "\n", "-"]), min_size=len(ws), max_size=len(ws)).map(
        lambda seps: "".join(w + s for w, s in zip(ws, seps))))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_term_matcher_properties(text):
    flat, nested = LV.find(text), LV.find(text, nested=True)
    for m in nested:
        assert 0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.form
        assert any((r.start, r.end, r.value) == (0, len(m.form), m.value) for r in LV.find(m.form, nested=True))
    for a, b in zip(flat, flat[1:]):
        assert a.end <= b.start  # never overlapping, in text order
    for m in flat:
        assert LV.find(m.form) == [type(m)(0, len(m.form), m.value, m.form, m.values, m.key)]  # re-matches whole
    assert set(flat) <= set(nested)
    # `locate` (the occurrence scan's) is the nested find, with the text's keys given or not
    located = [(m.start, m.end, m.key) for m in nested]
    assert LV.locate(text) == located
    assert LV.locate(text, keys=" ".join(LV.key(text))) == located
    words = lambda m: len(LV.key(m.form))  # noqa: E731
    for m in nested:  # a match left out overlaps a kept one of at least as many words
        if m not in flat:
            assert any(k.start < m.end and m.start < k.end and words(k) >= words(m) for k in flat)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("aAāĀčČēĒģĢīĪķĶļĻņŅšŠūŪžŽōŌŗŖ„”ß İ\u0301e-.!Ǆøé")), max_size=40))
def test_term_matcher_one_fold_fast_path_is_the_unicode_fold(text):
    """lang.keys.fold, the only fold (db, aligner, plugin), equals full Unicode decomposition."""
    full = unicodedata.normalize("NFC", "".join(
        ch for ch in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(ch)))
    assert fold(text) == full


# --- the CLI and the web mark the same words ------------------------------------------------


@pytest.fixture(scope="module")
def repo_library(root, tmp_path_factory):
    """The library built from the repository's own posts and termbase."""
    from lvterm.build import build_library

    path = tmp_path_factory.mktemp("matcher") / "lvterm.db"
    build_library(corpus=root / "corpus" / "posts", termbase=root / "termbase", db_path=path)
    return path


@pytest.fixture(scope="module")
def web(repo_library):
    from datasette.app import Datasette

    from lvterm.serve import metadata_for

    ds = Datasette([], immutables=[str(repo_library)], metadata=metadata_for(repo_library))  # the plugin's pages

    def page(path: str) -> str:
        response = asyncio.run(ds.client.get(path))
        assert response.status_code == 200, (path, response.text[:500])
        return response.text

    return page


def _cli_examples(db, query: str) -> tuple[str, list[dict]]:
    """`lvterm lookup QUERY`'s top entry: its concept id and example pairs (JSON), after checking
    that the dictionary page prints exactly those spans as «…»."""
    from lvterm.cli import cli

    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["lookup", query, "--db", str(db), "--json", "--limit", "1"]).output)
    page = runner.invoke(cli, ["lookup", query, "--db", str(db), "--limit", "1"]).output
    examples = data[0]["examples"]
    assert examples, query
    for i, ex in enumerate(examples[:2], 1):
        assert f"  {i}. lv: {highlight(ex['lv'], ex['lv_spans'])}\n" in page
        assert f"     en: {highlight(ex['en'], ex['en_spans'])}" in page
    return data[0]["concept_id"], examples


def _marked(fragment: str) -> tuple[str, list[list[int]]]:
    """The text of an HTML fragment (escaped text and <mark>…</mark>) and its marked spans."""
    text, out, start = "", [], None
    for part in re.split(r"(</?mark>)", fragment):
        if part == "<mark>":
            start = len(text)
        elif part == "</mark>":
            out.append([start, len(text)])
        else:
            text += html.unescape(part)
    return text, out


def _pair_page(page: str) -> dict[str, tuple[str, list[list[int]]]]:
    """lang -> (text, marked spans) of the two sides of a /-/lvterm/bead/<id> page."""
    out = {}
    for lang in ("lv", "en"):
        m = re.search(rf'<div lang="{lang}" class="lvterm-{lang}"><h3>[^<]*</h3>(.*?)</div>', page, re.S)
        out[lang] = _marked(m.group(1))
    return out


def _entry_examples(page: str) -> dict[int, dict[str, tuple[str, list[list[int]]]]]:
    """bead id -> lang -> (text, marked spans) of the example pairs on an entry page."""
    out = {}
    for lv, en, bead in re.findall(r'<div lang="lv">(.*?)</div>\s*<div lang="en">(.*?) <small><a href="[^"]*'
                                   r'/bead/(\d+)\?', page, re.S):
        out[int(bead)] = {"lv": _marked(lv), "en": _marked(en)}
    return out


@pytest.mark.parametrize("query", ["membership fee", "biedra naudu", "tīklošana", "sociālie tīkli",
                                   "professional organisation", "darba devējs"])
def test_term_matcher_cli_and_web_mark_the_same_spans(repo_library, web, query):
    """For every example pair `lvterm lookup` shows, the pair page of that bead for the same
    entry, and the entry page's example, mark exactly the spans the CLI marks."""
    concept, examples = _cli_examples(repo_library, query)
    entry = _entry_examples(web(f"/-/lvterm/entry/{concept}"))
    assert any(ex["bead_id"] in entry for ex in examples)
    for ex in examples:
        pair = _pair_page(web(f"/-/lvterm/bead/{ex['bead_id']}?concept={concept}"))
        for lang in ("lv", "en"):
            assert pair[lang] == (ex[lang], ex[f"{lang}_spans"]), (ex["bead_id"], lang)
            if ex["bead_id"] in entry:
                assert entry[ex["bead_id"]][lang] == (ex[lang], ex[f"{lang}_spans"]), (ex["bead_id"], lang)


def test_term_matcher_annual_membership_fee_is_marked_alike(repo_library, web):
    """The reported bug: the pair page marked "annual membership" and left "fee" unmarked where the
    CLI marks "membership fee". Now the pair page (all its terms, or the entry's) marks it too."""
    conn = sqlite3.connect(repo_library)
    bead = conn.execute("select id from beads where en_text like '%annual membership fee%'").fetchone()[0]
    conn.close()
    for query in ("membership fee", "biedra nauda"):
        concept, examples = _cli_examples(repo_library, query)
        (ex,) = [e for e in examples if e["bead_id"] == bead]
        cli_marked = {lang: [ex[lang][s:e] for s, e in ex[f"{lang}_spans"]] for lang in ("lv", "en")}
        assert cli_marked == {"lv": ["biedra nauda"], "en": ["membership fee"]}
        for url in (f"/-/lvterm/bead/{bead}", f"/-/lvterm/bead/{bead}?concept={concept}"):
            pair = _pair_page(web(url))
            for lang in ("lv", "en"):
                text, marks = pair[lang]
                assert text == ex[lang] and all(span in marks for span in ex[f"{lang}_spans"]), (url, lang)
            assert "<mark>membership fee</mark>" in web(url) and "<mark>annual membership</mark>" not in web(url)


def test_known_keys_give_the_same_matches_and_are_used():
    """`keys` (the build's stem keys of term forms) replaces stemming the forms again: the same
    matches as a matcher that stems them, and a key given is the key used."""
    from lvterm.lang import lv

    terms = [("fee", ["biedra nauda", "biedra naudu"]), ("net", ["tīklošana"]), ("lib", ["bibliotēka"])]
    known = {form: lv.stem_key(form) for _, forms in terms for form in forms}
    text = "Biedra naudu maksā par tīklošanas pasākumiem bibliotēkā, bet bibliotēkas biedra naudai ir robeža."
    plain, keyed = TermMatcher(terms, lang="lv"), TermMatcher(terms, lang="lv", keys=known)
    assert keyed.find(text, nested=True) == plain.find(text, nested=True)
    assert [m.value for m in keyed.find(text)] == ["fee", "net", "lib", "lib", "fee"]
    # a key given for a form is trusted: here it points 'tīklošana' at the stem of 'robeža'
    odd = TermMatcher(terms, lang="lv", keys={**known, "tīklošana": lv.stem_key("robeža")})
    assert [m.form for m in odd.find(text) if m.value == "net"] == ["robeža"]
    # keys apply to the default word key only
    folded = TermMatcher(terms, lang="lv", word_key=lambda w: w.lower(), keys={"tīklošana": "robeža"})
    assert not [m for m in folded.find(text) if m.value == "net"]
