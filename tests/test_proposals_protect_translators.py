"""Defaults that protect translators: lookup never ranks a machine proposal above a decided entry
that matches as well and labels it in every interface; TSV, TBX and the glossary .po leave
proposals out unless --include-proposed (the glossary then marks them fuzzy); notes, reliability,
usage notes and status travel into every export."""
from __future__ import annotations

import json
import shutil
import subprocess

import polib
import pytest
from click.testing import CliRunner

from fixtures.termbase.minidb import make_db
from lvterm.cli import cli
from lvterm.formats import tbx, tsv
from lvterm.models import Concept, Term, TermForm
from lvterm.terms.lookup import lookup
from lvterm.terms.termbase import confidence_note, load_curated, merge, without_proposals


def _proposal(cid, lv, en, *, confidence=0.8, freq=5):
    terms = [Term("lv", lv, "proposed", 1, forms=(TermForm(lv, freq),), frequency=freq)]
    if en:
        terms.append(Term("en", en, "proposed", 1, forms=(TermForm(en, freq),), frequency=freq,
                          note=confidence_note(confidence)))
    return Concept(cid, tuple(terms), origin="extracted", source="extraction")


# proposals about words of tests/fixtures/termbase/bitext.tsv (the library's sentences)
PROPOSALS = [_proposal("x-kontakt", "kontakts", "contact", confidence=0.97),  # shown as the equivalent
             _proposal("x-darb", "darbs", "job", confidence=0.4),
             _proposal("x-gad", "gads", "year", confidence=0.3)]


@pytest.fixture(scope="module")
def db_path(root, tmp_path_factory):
    concepts = merge(load_curated(root / "termbase"), PROPOSALS)
    return make_db(tmp_path_factory.mktemp("protect") / "lvterm.db", concepts)


def _run(*args):
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert result.exit_code == 0, result.output
    return result


# --- lookup -------------------------------------------------------------------------------------------


def test_lookup_proposal_is_labelled_in_text_and_json(db_path):
    text = _run("lookup", "kontaktus", "--db", db_path, "--limit", "1").output
    assert text.startswith("kontakts  →  contact")
    assert "status: proposal (machine-made, not reviewed)" in text
    data = json.loads(_run("lookup", "kontaktus", "--db", db_path, "--json", "--limit", "1").output)
    assert data[0]["status"] == "proposed" and data[0]["origin"] == "extracted"
    curated = _run("lookup", "biedra naudu", "--db", db_path, "--limit", "1").output
    assert "status: preferred" in curated and "machine-made" not in curated


def _ranking_db(tmp_path, proposal_freq):
    # A resort whose English name keeps its Latvian letters, and a machine proposal for the same
    # name: "ĶEMERI" matches both by the folded key (0.97), the proposal in the language the query
    # looks like (Latvian letters), the curated entry in English.
    resort = Concept("kemeri-resort", (Term("lv", "Ķemeru kūrorts", "preferred", 3),
                                       Term("en", "Ķemeri", "preferred", 3, term_type="properNoun")),
                     origin="curated", source="termbase/places.yml:3")
    guess = _proposal("x-kemer", "Ķemeri", "Kemeri", freq=proposal_freq)
    return make_db(tmp_path / "rank.db", [guess, resort])


@pytest.mark.parametrize("freq", [1, 50])
def test_lookup_never_ranks_a_proposal_above_an_entry_that_matches_as_well(tmp_path, freq):
    db = _ranking_db(tmp_path, freq)
    results = lookup("ĶEMERI", db_path=db)
    assert [r["concept_id"] for r in results] == ["kemeri-resort", "x-kemer"]
    assert results[0]["score"] >= results[1]["score"]
    assert results[0]["matched"]["via"] == results[1]["matched"]["via"] == "fold"


def test_lookup_a_better_matching_proposal_still_comes_first(db_path):
    # nothing decided matches 'darbu': the proposal is the answer (labelled as one)
    top = lookup("darbu", db_path=db_path)[0]
    assert (top["lv"], top["status"]) == ("darbs", "proposed")


# --- exports ------------------------------------------------------------------------------------------


def _tsv_rows(db_path, tmp_path, *flags):
    out = tmp_path / "g.tsv"
    _run("export", "tsv", "-o", out, "--db", db_path, *flags)
    with out.open(encoding="utf-8") as fp:
        return tsv.load(fp)


def test_export_tsv_leaves_proposals_out_unless_asked(db_path, tmp_path):
    default = _tsv_rows(db_path, tmp_path)
    pairs = {(r.source, r.target) for r in default}
    assert ("biedra nauda", "membership fee") in pairs
    assert not {("kontakts", "contact"), ("darbs", "job"), ("gads", "year")} & pairs
    assert all("proposed" not in r.comment for r in default)
    everything = _tsv_rows(db_path, tmp_path, "--include-proposed")
    by_pair = {(r.source, r.target): r.comment for r in everything}
    assert by_pair[("kontakts", "contact")].startswith("proposed – proposal (machine-made, not reviewed)")
    assert len(everything) == len(default) + 3


def test_export_tsv_comment_carries_reliability_notes_and_usage(db_path, tmp_path):
    by_pair = {(r.source, r.target): r.comment for r in _tsv_rows(db_path, tmp_path)}
    sub = by_pair[("biedra nauda", "subscription")]
    assert "preferred/admitted" in sub and "reliability 3/2" in sub
    assert "en usage: British usage for the annual fee of a professional body; forms:" in sub
    lsbb = by_pair[("Latvijas Skolu bibliotekāru biedrība", "Latvian School Librarians Association")]
    assert "preferred/admitted" in lsbb and "reliability 4/2" in lsbb and "Unofficial English name" in lsbb
    cpd = by_pair[("profesionālā tālākizglītība", "continuing professional development")]
    assert "note: " in cpd and "continuing vocational education" in cpd


def test_export_tbx_leaves_proposals_out_unless_asked_and_stays_valid(db_path, tmp_path, schemas):
    from lxml import etree

    rng = etree.RelaxNG(etree.parse(str(schemas / "TBXcoreStructV03.rng")))
    found = {}
    for flags in ((), ("--include-proposed",)):
        out = tmp_path / f"t{len(flags)}.tbx"
        _run("export", "tbx", "-o", out, "--db", db_path, *flags)
        assert rng.validate(etree.parse(str(out))), rng.error_log
        with out.open(encoding="utf-8") as fp:
            found[flags] = {c.id: c for c in tbx.load(fp)}
    default, everything = found[()], found[("--include-proposed",)]
    assert "membership-fee" in default and not {"x-kontakt", "x-darb", "x-gad"} & set(default)
    assert {"x-kontakt", "x-darb", "x-gad"} <= set(everything)
    assert {t.status for t in everything["x-kontakt"].terms} == {"proposed"}
    sub = next(t for t in default["membership-fee"].terms if t.text == "subscription")
    assert (sub.status, sub.reliability) == ("admitted", 2) and "British usage" in sub.note
    lsbb = [t for t in default["org-lsbb"].terms_in("en")]
    assert [(t.status, t.reliability) for t in lsbb] == [("admitted", 2)]
    assert "continuing vocational education" in default["continuing-professional-development"].note


def test_export_tbx_values_are_tbx_basic(db_path, tmp_path):
    """Only the data categories and values TBX-Basic's Schematron allows (reliability and usage
    notes are `note`s: TBX-Basic has no reliabilityCode or usageNote)."""
    out = tmp_path / "t.tbx"
    _run("export", "tbx", "-o", out, "--db", db_path, "--include-proposed")
    text = out.read_text(encoding="utf-8")
    assert 'type="reliabilityCode"' not in text and 'type="usageNote"' not in text
    import re

    statuses = set(re.findall(r'type="administrativeStatus">([^<]+)<', text))
    assert statuses <= {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts"}
    assert "<note>Reliability: 2 (IATE scale 1-4)</note>" in text and "<note>Status: proposed</note>" in text


def _glossary(db_path, tmp_path, *flags) -> polib.POFile:
    out = tmp_path / ("locale" + "".join(flags))
    _run("po", "--db", db_path, "--out", out, *flags)
    path = out / "lv" / "LC_MESSAGES" / "glossary.po"
    if shutil.which("msgfmt"):
        run = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
    return polib.pofile(str(path))


def test_po_glossary_leaves_proposals_out_unless_asked(db_path, tmp_path):
    default = _glossary(db_path, tmp_path)
    assert default.find("contact", msgctxt="x-kontakt") is None
    assert not [e for e in default if e.msgctxt.startswith("x-")]
    everything = _glossary(db_path, tmp_path, "--include-proposed")
    contact = everything.find("contact", msgctxt="x-kontakt")
    assert contact.msgstr == "kontakts" and "fuzzy" in contact.flags
    assert "status: proposal (machine-made, not reviewed)" in contact.comment
    assert len(everything) == len(default) + 3


def test_po_glossary_carries_notes_as_extracted_comments(db_path, tmp_path):
    po = _glossary(db_path, tmp_path)
    sub = po.find("subscription", msgctxt="membership-fee")
    assert sub.msgstr == "biedra nauda" and "fuzzy" not in sub.flags
    assert "English usage: British usage for the annual fee of a professional body." in sub.comment
    assert "status: preferred (English: admitted)" in sub.comment and "reliability: 3/4 (English: 2/4)" in sub.comment
    lsbb = po.find("Latvian School Librarians Association", msgctxt="org-lsbb")
    assert "reliability: 4/4 (English: 2/4)" in lsbb.comment and "Unofficial English name" in lsbb.comment
    nlb = po.find("National Library of Latvia", msgctxt="org-lnb")
    assert "reliability: 4/4" in nlb.comment and "English: " not in nlb.comment
    text = (tmp_path / "locale" / "lv" / "LC_MESSAGES" / "glossary.po").read_text(encoding="utf-8")
    assert "#. English usage: British usage" in text  # `#.` lines, not translator comments


def test_po_glossary_passes_msgfmt_check(db_path, tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    _glossary(db_path, tmp_path)
    _glossary(db_path, tmp_path, "--include-proposed")


def test_without_proposals_keeps_decided_terms_only():
    mixed = Concept("c", (Term("lv", "klātiene", "preferred"), Term("en", "face time", "proposed")))
    kept = without_proposals([mixed, *PROPOSALS])
    assert [c.id for c in kept] == ["c"] and [t.text for t in kept[0].terms] == ["klātiene"]
