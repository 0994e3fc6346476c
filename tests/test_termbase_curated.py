"""Curated termbase: the shipped termbase/ files load, hold the seed's core terms and
organisations, and a malformed file is a one-line error naming file and line."""
from __future__ import annotations

import shutil

import pytest

from lvterm.errors import InputError
from lvterm.lang import lv
from lvterm.terms.termbase import STATUSES, build_concepts, load_curated, load_file

CORE = {
    "tīklošana": "networking",
    "biedra nauda": "membership fee",
    "sociālais tīkls": "social network",
    "profesionālā organizācija": "professional organisation",
    "profesionālā tālākizglītība": "continuing professional development",
    "bibliotēku un informācijas speciālists": "library and information professional",
    "interešu grupa": "interest group",
    "īpašo interešu grupa": "special interest group",
    "darba devējs": "employer",
    "pieredzes apmaiņa": "exchange of experience",
    "komiteja": "committee",
    "sekcija": "section",
    "apaļais galds": "round table",
    "diskusiju grupa": "discussion group",
    "profesionālā izaugsme": "professional growth",
    "tiešsaiste": "online",
    "klātiene": "face to face",
    "biedrs": "member",
    "profils": "profile",
    "LinkedIn": "LinkedIn",
    "Facebook": "Facebook",
    "Draugiem.lv": "Draugiem.lv",
    "LISNPN": "LISNPN",
    "LATnetwork": "LATnetwork",
    "CILIP Communities": "CILIP Communities",
    "Latvijas Nacionālā bibliotēka": "National Library of Latvia",
    "Latvijas Bibliotekāru biedrība": "Library Association of Latvia",
    "Latvijas Akadēmisko bibliotēku asociācija": "Association of Latvian Academic Libraries",
}


@pytest.fixture(scope="module")
def curated(root):
    return load_curated(root / "termbase")


def _preferred(concept, lang):
    return next(t.text for t in concept.terms_in(lang) if t.status == "preferred")


def test_termbase_curated_core_terms_and_organisations(curated):
    by_lv = {_preferred(c, "lv"): c for c in curated}
    for lv_term, en_term in CORE.items():
        assert lv_term in by_lv, lv_term
        assert _preferred(by_lv[lv_term], "en") == en_term


def test_termbase_curated_variants_and_proper_names(curated):
    org = next(c for c in curated if _preferred(c, "lv") == "profesionālā organizācija")
    assert ("professional organization", "admitted") in {(t.text, t.status) for t in org.terms_in("en")}
    cpd = next(c for c in curated if _preferred(c, "lv") == "profesionālā tālākizglītība")
    assert ("CPD", "acronym") in {(t.text, t.term_type) for t in cpd.terms_in("en")}
    lbb = next(c for c in curated if _preferred(c, "lv") == "Latvijas Bibliotekāru biedrība")
    assert lbb.terms_in("lv")[0].term_type == "properNoun" and lbb.note
    lat = next(c for c in curated if _preferred(c, "lv") == "LATnetwork")
    assert "Librarians as Teachers" in lat.note


def test_termbase_curated_entries_are_well_formed(curated):
    assert len({c.id for c in curated}) == len(curated)
    for c in curated:
        assert c.origin == "curated" and c.subject_field and c.source.startswith("termbase/")
        for t in c.terms:
            assert t.status in STATUSES and 1 <= t.reliability <= 4
            assert t.forms[0].form == t.text  # the canonical form first; inflections are its forms
            if t.lang == "lv":  # listed inflections really are forms of the term (same stem key)
                for f in t.forms:
                    assert lv.stem_key(f.form) == lv.stem_key(t.text), (t.text, f.form)


def test_termbase_curated_inflections_are_forms_not_terms(curated):
    texts = [t.text for c in curated for t in c.terms_in("lv")]
    assert "biedra naudu" not in texts and "sociālie tīkli" not in texts
    fee = next(c for c in curated if _preferred(c, "lv") == "biedra nauda")
    assert "biedra naudu" in [f.form for f in fee.terms_in("lv")[0].forms]


def test_termbase_curated_shorthand_and_defaults(fixtures):
    fee, net = load_file(fixtures / "termbase" / "good.yml")
    en = fee.terms_in("en")[0]
    assert (en.text, en.status, en.reliability) == ("membership fee", "preferred", 2)
    assert net.terms_in("lv")[0].reliability == 4
    assert net.terms_in("en")[1].status == "deprecated"
    assert fee.subject_field == "test field" and fee.definition == "Money paid to belong."


@pytest.mark.parametrize("name, line, words", [
    ("tab-indent.yml", 5, "malformed YAML"),
    ("bad-status.yml", 7, "status must be one of"),
    ("bad-reliability.yml", 4, "reliability must be"),
    ("no-lv.yml", 2, "needs at least one lv term"),
    ("unknown-key.yml", 4, "unknown term key 'stauts'"),
    ("punct-term.yml", 4, "no letters or digits"),
    ("bad-id.yml", 2, "concept id"),
    ("not-a-list.yml", 1, "'concepts' must be a non-empty list"),
])
def test_termbase_curated_malformed_file_names_file_and_line(fixtures, name, line, words):
    path = fixtures / "termbase" / "bad" / name
    with pytest.raises(InputError) as err:
        load_file(path)
    msg = str(err.value)
    assert "\n" not in msg
    assert msg.startswith(f"{path}:{line}: "), msg
    assert words in msg


def test_termbase_curated_duplicates_across_files(tmp_path, fixtures):
    shutil.copy(fixtures / "termbase" / "good.yml", tmp_path / "a.yml")
    shutil.copy(fixtures / "termbase" / "good.yml", tmp_path / "b.yml")
    with pytest.raises(InputError, match=r"b\.yml:\d+: duplicate concept id 'fee'"):
        load_curated(tmp_path)
    (tmp_path / "b.yml").write_text("concepts:\n  - id: other\n    lv:\n      - term: biedra naudas\n",
                                    encoding="utf-8")
    with pytest.raises(InputError, match=r"b\.yml:2: lv term 'biedra naudas' is already curated in concept 'fee'"):
        load_curated(tmp_path)


def test_termbase_curated_bad_file_stops_before_merge(tmp_path, fixtures):
    shutil.copy(fixtures / "termbase" / "good.yml", tmp_path / "a.yml")
    shutil.copy(fixtures / "termbase" / "bad" / "bad-status.yml", tmp_path / "z.yml")
    with pytest.raises(InputError, match=r"z\.yml:7"):
        build_concepts([], folder=tmp_path)


def test_termbase_curated_missing_folder_is_empty(tmp_path):
    assert load_curated(tmp_path / "none") == []


def test_termbase_curated_bad_file_stops_lvterm_build(tmp_path, fixtures, root):
    """`lvterm build` with a malformed curated file: one line with file and line, exit 2, no database."""
    from click.testing import CliRunner

    from lvterm.cli import cli

    folder = tmp_path / "termbase"
    folder.mkdir()
    shutil.copy(fixtures / "termbase" / "good.yml", folder / "a.yml")
    shutil.copy(fixtures / "termbase" / "bad" / "bad-status.yml", folder / "b.yml")
    db = tmp_path / "out" / "lvterm.db"
    db.parent.mkdir()
    r = CliRunner().invoke(cli, ["build", "--corpus", str(root / "corpus" / "posts"), "--termbase", str(folder),
                                 "--db", str(db)])
    assert r.exit_code == 2, r.output
    assert f"{folder / 'b.yml'}:7: status must be one of" in r.output
    assert len(r.output.strip().splitlines()) == 1 and "Traceback" not in r.output
    assert list(db.parent.iterdir()) == []


def test_termbase_a_term_in_the_other_languages_list_is_named_at_its_line(tmp_path, caplog):
    """'reading desk' under lv: went in as an admitted Latvian term without a word (and a Latvian
    term under en: as English); a warning names the file and line, the entry still loads."""
    path = tmp_path / "t.yml"
    path.write_text("concepts:\n  - id: desk\n    lv:\n      - term: lasītava\n      - term: reading desk\n"
                    "    en:\n      - term: reading room\n      - term: lasītāju zāle\n"
                    "  - id: fb\n    lv:\n      - term: Facebook\n        term_type: properNoun\n"
                    "    en:\n      - term: Facebook\n        term_type: properNoun\n", encoding="utf-8")
    with caplog.at_level("WARNING"):
        [desk, _] = load_file(path)
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}:5: term 'reading desk' is listed under lv: but reads as English",
        f"{path}:8: term 'lasītāju zāle' is listed under en: but reads as Latvian"]
    assert [t.text for t in desk.terms] == ["lasītava", "reading desk", "reading room", "lasītāju zāle"]


def test_termbase_loans_abbreviations_names_and_deprecated_terms_are_not_warned_of(tmp_path, caplog):
    path = tmp_path / "t.yml"
    path.write_text("concepts:\n  - id: blog\n    lv:\n      - term: blogs\n      - term: ebook\n        status: deprecated\n"
                    "  - id: mod\n    lv: [moderators]\n  - id: isbn\n    lv: [ISBN]\n"
                    "  - id: rsu\n    lv: [Rīgas Stradiņa universitāte]\n    en: [Rīga Stradiņš University]\n",
                    encoding="utf-8")
    with caplog.at_level("WARNING"):
        assert len(load_file(path)) == 4
    assert [r.getMessage() for r in caplog.records] == []
