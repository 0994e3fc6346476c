"""`lvterm review`: the interactive walk (driven with input), --accept/--reject in scripts, the
files it writes (curated format, atomic, appended), and a rebuild that respects every decision."""
from __future__ import annotations

import datetime
import re
import shutil

import pytest
from click.testing import CliRunner

from lvterm import Library
from lvterm.cli import cli
from lvterm.terms.termbase import load_file, load_rejected, load_termbase, term_key

TODAY = datetime.date.today().isoformat()


CORPUS = "review/posts"  # a post pair about a library's reading room, catalogue and collection


@pytest.fixture(scope="module")
def built(fixtures, tmp_path_factory):
    """tests/fixtures/review/posts built once with the small test termbase: a library with proposals."""
    from lvterm.build import build_library

    folder = tmp_path_factory.mktemp("review")
    shutil.copytree(fixtures / "db" / "termbase", folder / "termbase")
    build_library(corpus=fixtures / CORPUS, termbase=folder / "termbase", db_path=folder / "lvterm.db")
    return folder / "lvterm.db"


@pytest.fixture
def termbase(fixtures, tmp_path):
    """A fresh copy of the termbase the library was built with (review writes into it)."""
    shutil.copytree(fixtures / "db" / "termbase", tmp_path / "termbase")
    return tmp_path / "termbase"


@pytest.fixture(scope="module")
def proposals(built):
    found = Library(built).proposals()
    assert len([p for p in found if p.en is not None]) >= 3, "the fixture library must have proposals to review"
    return found


def _review(db, termbase, *args, input=None):
    return CliRunner().invoke(cli, ["review", "--db", str(db), "--termbase", str(termbase), *args], input=input)


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_review_proposals_are_best_first(proposals):
    keys = [(-(p.confidence if p.confidence is not None else -1), -p.frequency) for p in proposals]
    assert keys == sorted(keys)
    assert all(t.status == "proposed" for p in proposals for t in p.concept.terms)
    assert all(p.id.startswith("x-") for p in proposals)


def test_review_interactive_shows_and_writes_each_decision(built, termbase, proposals):
    first, second, third, fourth = proposals[:4]
    answers = ["a", "r", "e", "", "my own English", "n", "q"]  # an empty answer keeps the Latvian term
    result = _review(built, termbase, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    out = result.output
    # each proposal: position, id, both terms, confidence, examples with the terms marked
    shown = re.findall(r"^\[(\d+)/(\d+)\] (\S+) · proposal \(machine-made, not reviewed\) · confidence ([\d.]+|not given)",
                       out, re.M)
    assert [s[2] for s in shown] == [p.id for p in proposals[:5]]  # the fifth is shown, then quit
    assert {s[1] for s in shown} == {str(len(proposals))}
    assert f"  lv: {first.lv.text}" in out and f"  en: {first.en.text}" in out
    assert re.search(r"^  1\. lv: .*«.+».*$", out, re.M) and re.search(r"^     en: .*«.+».*$", out, re.M)
    # accepted: the first as proposed, the third as edited; both curated entries with provenance
    accepted = load_file(termbase / "accepted.yaml")
    assert [c.id for c in accepted] == [first.id, third.id]
    a1, a3 = accepted
    assert (a1.terms_in("lv")[0].text, a1.terms_in("en")[0].text) == (first.lv.text, first.en.text)
    assert (a3.terms_in("lv")[0].text, a3.terms_in("en")[0].text) == (third.lv.text, "my own English")
    for c in accepted:
        assert {(t.status, t.reliability) for t in c.terms} == {("preferred", 3)}
        assert f"Provenance: accepted from extraction, {TODAY}" in c.note
    assert f"the machine proposed {third.lv.text}" in a3.note
    # rejected: the second as a pair, the fourth outright (not a term)
    rejected = load_rejected(termbase)
    assert [(r.id, r.lv, r.en, r.date) for r in rejected] == [
        (second.id, second.lv.text, second.en.text if second.en else None, TODAY),
        (fourth.id, fourth.lv.text, None, TODAY)]
    load_termbase(termbase)  # the folder stays valid


def test_review_interactive_end_of_input_keeps_what_was_decided(built, termbase, proposals):
    result = _review(built, termbase, input="a\n")  # then the input ends: as if quitting
    assert result.exit_code == 0, result.output
    assert [c.id for c in load_file(termbase / "accepted.yaml")] == [proposals[0].id]
    assert not (termbase / "rejected.yaml").exists()
    # a second session starts where the first stopped: decided proposals are not asked again
    again = _review(built, termbase, input="q\n")
    assert f"] {proposals[0].id} ·" not in again.output
    assert f"] {proposals[1].id} ·" in again.output


def test_review_interactive_words_skip_and_bad_answers(built, termbase, proposals):
    result = _review(built, termbase, "--limit", "2", input="maybe\nskip\naccept\n")
    assert result.exit_code == 0, result.output
    assert "answer a (accept)" in result.output  # a bad answer is asked again
    assert [c.id for c in load_file(termbase / "accepted.yaml")] == [proposals[1].id]


def test_review_interactive_edit_fixes_a_wrong_span(built, termbase, proposals):
    """The issue's example: lasītava was paired with 'room'; the terminologist makes it 'reading room'."""
    at = next(i for i, p in enumerate(proposals) if p.lv.text == "lasītava")
    answers = ["s"] * at + ["e", "", "reading room"]
    result = _review(built, termbase, "--limit", str(at + 1), input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    [entry] = load_file(termbase / "accepted.yaml")
    assert [(t.lang, t.text) for t in entry.terms] == [("lv", "lasītava"), ("en", "reading room")]
    was = proposals[at].en.text if proposals[at].en else "(no English)"
    assert (f"edited: the machine proposed lasītava -> {was}" in entry.note) == (was != "reading room")
    assert any(f.form == "lasītavā" for f in entry.terms[0].forms)  # the forms seen stay with the term


def test_review_interactive_edit_that_clashes_asks_again(built, termbase, proposals):
    # editing the Latvian term into a curated one ('biedra nauda' is curated in membership-fee)
    result = _review(built, termbase, "--limit", "1", input="e\nbiedra naudu\n-\ns\n")
    assert result.exit_code == 0, result.output
    assert "already curated in concept 'membership-fee'" in result.output
    assert not (termbase / "accepted.yaml").exists()


def test_review_flags_accept_and_reject_in_scripts(built, termbase, proposals):
    a, b, c = proposals[0], proposals[1], proposals[2]
    result = _review(built, termbase, "--accept", a.id, "--accept", b.id, "--reject", c.id)
    assert result.exit_code == 0, result.output
    assert f"{a.id}: accepted ({termbase / 'accepted.yaml'}:" in result.output
    assert f"{c.id}: rejected ({termbase / 'rejected.yaml'}:" in result.output
    assert [x.id for x in load_file(termbase / "accepted.yaml")] == [a.id, b.id]
    assert [r.id for r in load_rejected(termbase)] == [c.id]
    # the same decisions again change nothing
    before = _snapshot(termbase)
    again = _review(built, termbase, "--accept", a.id, "--reject", c.id)
    assert again.exit_code == 0, again.output
    assert "already accepted" in again.output and "already rejected" in again.output
    assert _snapshot(termbase) == before


def test_review_written_entries_keep_line_numbers_and_format(built, termbase, proposals):
    result = _review(built, termbase, "--accept", proposals[0].id, "--accept", proposals[1].id)
    lines = (termbase / "accepted.yaml").read_text(encoding="utf-8").splitlines()
    for decision in re.findall(r"accepted \(.*accepted\.yaml:(\d+)\)", result.output):
        assert lines[int(decision) - 1].startswith("  - id: x-")
    text = (termbase / "accepted.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Machine proposals accepted")
    assert "\n\n  - id: " in text and "\r" not in text  # one entry per decision, a blank line between
    assert re.search(rf"provenance: \"?accepted from extraction, {TODAY}", text)


def test_review_unknown_id_and_contradictions_exit_2_without_writing(built, termbase, proposals):
    before = _snapshot(termbase)
    result = _review(built, termbase, "--accept", proposals[0].id, "--accept", "x-no-such-proposal")
    assert result.exit_code == 2 and "no proposal 'x-no-such-proposal'" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _snapshot(termbase) == before  # the valid id was not written either
    both = _review(built, termbase, "--accept", proposals[0].id, "--reject", proposals[0].id)
    assert both.exit_code == 2 and "both accepted and rejected" in both.output
    assert _snapshot(termbase) == before
    assert _review(built, termbase, "--accept", proposals[0].id).exit_code == 0
    before = _snapshot(termbase)
    flip = _review(built, termbase, "--reject", proposals[0].id)
    assert flip.exit_code == 2 and len(flip.output.strip().splitlines()) == 1
    assert re.search(r"accepted\.yaml:\d+: " + re.escape(proposals[0].id) + " was accepted here", flip.output)
    assert _snapshot(termbase) == before


def test_review_missing_library_is_one_line(termbase, tmp_path):
    result = _review(tmp_path / "none.db", termbase)
    assert result.exit_code == 2 and "lvterm build" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_review_nothing_to_review(built, termbase, proposals):
    ids = [p.id for p in proposals]
    assert _review(built, termbase, *[x for i in ids for x in ("--reject", i)]).exit_code == 0
    result = _review(built, termbase, input="q\n")
    assert result.exit_code == 0 and "No proposals to review." in result.output


def test_review_rebuild_respects_every_decision(built, fixtures, termbase, proposals, tmp_path):
    """Reject the best pair, accept the next two, rebuild: the rejected pair never comes back,
    the accepted entries are curated (preferred, with provenance) and lookup ranks them as such."""
    from lvterm.build import build_library

    rejected, accepted = proposals[0], proposals[1:3]
    result = _review(built, termbase, "--reject", rejected.id, *[x for p in accepted for x in ("--accept", p.id)])
    assert result.exit_code == 0, result.output
    db = tmp_path / "rebuilt.db"
    for _ in range(2):  # decisions survive every rebuild (the second one from the build cache)
        build_library(corpus=fixtures / CORPUS, termbase=termbase, db_path=db)
        lib = Library(db)
        concepts = {c.id: c for c in lib.concepts()}
        pair = {term_key("lv", rejected.lv.text)} | ({term_key("en", rejected.en.text)} if rejected.en else set())
        for c in concepts.values():
            keys = {term_key(t.lang, t.text) for t in c.terms}
            assert not pair <= keys, f"the rejected pair came back in {c.id}"
        for p in accepted:
            c = concepts[p.id]
            assert c.origin == "curated" and {t.status for t in c.terms} == {"preferred"}
            assert "accepted from extraction" in c.note
            hit = lib.lookup(p.lv.text, limit=1)[0]
            assert (hit.concept_id, hit.status) == (p.id, "preferred")
        assert {p.id for p in lib.proposals()}.isdisjoint({rejected.id, *(p.id for p in accepted)})
        lib.close()


def test_review_library_api(built, termbase, proposals):
    lib = Library(built)
    decisions = lib.review(accept=[proposals[0].id], reject=[proposals[1].id], termbase=termbase,
                           today="2024-05-02")
    assert [(d.id, d.action) for d in decisions] == [(proposals[0].id, "accepted"), (proposals[1].id, "rejected")]
    assert "accepted from extraction, 2024-05-02" in load_file(termbase / "accepted.yaml")[0].note
    assert load_rejected(termbase)[0].date == "2024-05-02"
    examples = lib.proposal_examples(proposals[0], limit=2)
    assert 1 <= len(examples) <= 2 and all(ex["lv_spans"] for ex in examples)


def test_review_missing_termbase_folder_is_one_line(built, tmp_path):
    for args in ([], ["--accept", "x-anything"]):
        result = _review(built, tmp_path / "no-termbase", *args, input="a\n")
        assert result.exit_code == 2 and "termbase folder not found" in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "no-termbase").exists()


def test_review_input_ending_after_a_refused_decision_is_an_error(built, termbase, proposals):
    """It said "nothing decided" with exit code 0: a script took the session for a success."""
    result = _review(built, termbase, "--limit", "1", input="e\nbiedra naudu\n-\n")
    assert result.exit_code == 2, result.output
    assert f"1 decision could not be written ({proposals[0].id}): see the lines above" in result.output
    assert "nothing decided" in result.output and "applies the decisions" not in result.output
    assert not (termbase / "accepted.yaml").exists()
    skipped = _review(built, termbase, "--limit", "1", input="s\n")
    assert skipped.exit_code == 0 and "  skipped\n" in skipped.output and "applies the decisions" not in skipped.output


def test_review_says_when_the_english_is_a_machine_guess(built, termbase, proposals):
    """The prompt showed a plain "en: touch" where lookup and the site show no equivalent."""
    from lvterm.terms.review import format_proposal

    guess = {"en": proposals[0].en.text, "confidence": 0.52, "threshold": 0.95}
    shown = format_proposal(proposals[0], guess=guess).splitlines()
    assert shown[2] == (f"  en: {proposals[0].en.text}  (a machine guess: confidence 0.52 is under the display "
                        "threshold 0.95, so lookup and the site show no equivalent until it is accepted)")
    assert format_proposal(proposals[0]).splitlines()[2] == f"  en: {proposals[0].en.text}"
