"""Content review of the curated termbase (termbase/*.yml): the senses, preferences and names a
terminologist corrected, checked entry by entry, and found by lookup as a translator would."""
from __future__ import annotations

import re

import pytest

from fixtures.termbase.minidb import make_db
from lvterm.terms.lookup import lookup
from lvterm.terms.termbase import PROVENANCE_NOTE, load_curated


@pytest.fixture(scope="module")
def by_id(root):
    return {c.id: c for c in load_curated(root / "termbase")}


@pytest.fixture(scope="module")
def db_path(root, tmp_path_factory):
    return make_db(tmp_path_factory.mktemp("content") / "lvterm.db", load_curated(root / "termbase"))


def _terms(concept, lang):
    return [(t.text, t.status) for t in concept.terms_in(lang)]


def test_content_cpd_only_in_the_blogs_sense(by_id):
    cpd = by_id["continuing-professional-development"]
    assert _terms(cpd, "lv")[0] == ("profesionālā tālākizglītība", "preferred")
    assert _terms(cpd, "en")[0] == ("continuing professional development", "preferred")
    assert "this blog's sense" in cpd.note
    assert "education law" in cpd.note and "continuing vocational education" in cpd.note


def test_content_professional_growth_preferred(by_id):
    growth = by_id["professional-growth"]
    assert _terms(growth, "lv") == [("profesionālā izaugsme", "preferred")]
    assert _terms(growth, "en") == [("professional growth", "preferred"), ("professional development", "admitted")]
    development = growth.terms_in("en")[1]
    assert "CPD" in development.note and development.reliability <= 2
    assert "professional-development" not in by_id


def test_content_interest_group_and_special_interest_group_are_two_concepts(by_id, db_path):
    group, sig = by_id["interest-group"], by_id["special-interest-group"]
    assert _terms(group, "en") == [("interest group", "preferred")]
    assert _terms(sig, "lv")[0] == ("īpašo interešu grupa", "preferred")
    assert ("special interest group", "preferred") in _terms(sig, "en")
    # the seed's own wording finds the special interest group, plain "interešu grupas" the other
    assert lookup("īpašās interešu grupas", db_path=db_path)[0]["concept_id"] == "special-interest-group"
    assert lookup("interešu grupas", db_path=db_path)[0]["concept_id"] == "interest-group"
    assert lookup("special interest groups", db_path=db_path)[0]["concept_id"] == "special-interest-group"


def test_content_latnetwork_spelled_as_the_seed_writes_it(by_id, root):
    lat = by_id["org-latnetwork"]
    assert [t.text for t in lat.terms if t.status == "preferred"] == ["LATnetwork", "LATnetwork"]
    raw = (root / "corpus" / "raw" / "000_fdb2608ceedbb337.txt").read_text(encoding="utf-8")
    post = next((root / "corpus" / "posts").glob("*.lv.md")).read_text(encoding="utf-8")
    assert "LATnetwork" in raw and "LATnetwork" in post and "LATNetwork" not in raw + post


def test_content_unofficial_english_name_admitted_not_preferred(by_id):
    lsbb = by_id["org-lsbb"]
    [en] = lsbb.terms_in("en")
    assert (en.text, en.status, en.reliability) == ("Latvian School Librarians Association", "admitted", 2)
    assert "Unofficial" in en.note and "unofficial" in lsbb.note
    official = by_id["org-lnb"].terms_in("en")[0]
    assert (official.status, official.reliability) == ("preferred", 4)  # an official name stays authoritative


@pytest.mark.parametrize("cid, lv, en, query", [
    ("online", "tiešsaiste", "online", "tiešsaistē"),
    ("face-to-face", "klātiene", "face to face", "klātienē"),
    ("member", "biedrs", "member", "biedriem"),
    ("profile", "profils", "profile", "profilus"),
])
def test_content_new_entries(by_id, db_path, cid, lv, en, query):
    c = by_id[cid]
    assert _terms(c, "lv")[0] == (lv, "preferred") and _terms(c, "en")[0] == (en, "preferred")
    assert c.definition
    top = lookup(query, db_path=db_path)[0]
    assert (top["concept_id"], top["lv"], top["en"]) == (cid, lv, en)


def test_content_in_person_is_admitted_for_face_to_face(by_id):
    assert ("in person", "admitted") in _terms(by_id["face-to-face"], "en")


def test_content_tiklosanas_is_a_form_of_networking(by_id, db_path):
    net = by_id["networking"]
    assert ("tīklošanās", "admitted") in _terms(net, "lv")
    for query in ("tīklošanās", "tīklošanos"):
        top = lookup(query, db_path=db_path)[0]
        assert (top["concept_id"], top["en"]) == ("networking", "networking"), query


def test_content_notes_speak_to_translators(by_id):
    """A note is shown to translators (lookup, the site, every export): where the curator found a
    name and what they could not check belongs in `provenance` (a line of its own, so labelled),
    not in the note. The LATnetwork note said 'in the raw scrape (corpus/raw/...) ... not verified
    against the network's own site'."""
    curator = re.compile(r"corpus/|scrape|curator|verified against", re.IGNORECASE)
    for concept in by_id.values():
        for note in [concept.note, *(t.note for t in concept.terms)]:
            own = [line for line in (note or "").splitlines() if not line.startswith(PROVENANCE_NOTE)]
            assert not curator.search(" ".join(own)), (concept.id, own)
    lat = by_id["org-latnetwork"]
    note, provenance = lat.note.splitlines()
    assert "Librarians as Teachers Network" in note and "unconfirmed" in note  # what a translator needs
    assert provenance.startswith(PROVENANCE_NOTE) and "corpus/raw/000_fdb2608ceedbb337.txt" in provenance
