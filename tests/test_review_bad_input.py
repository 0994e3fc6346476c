"""Hand-edited decision files: a YAML error, a duplicate id, an unknown status, a pair both
accepted and rejected. Review and build each say so in one line naming the file and line, exit 2,
and rewrite nothing (no termbase file, no library)."""
from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.terms.termbase import load_termbase

ACCEPTED = """\
# Machine proposals accepted in `lvterm review` (edited by hand in this test).
concepts:

  - id: x-koleg
    provenance: accepted from extraction, 2024-05-02
    lv:
      - term: kolēģis
        status: preferred
        reliability: 3
    en:
      - term: colleague
        status: preferred
        reliability: 3
"""

REJECTED = """\
rejected:

  - id: x-gad
    lv: gads
    en: i.e.
    date: 2024-05-02
"""

# (what the hand edit does, the file it breaks, the line, words of the message)
CASES = {
    "yaml-error": (ACCEPTED.replace("    lv:\n", "    lv: [\n"), REJECTED, "accepted.yaml", 7, "malformed YAML"),
    "duplicate-id": (ACCEPTED.replace("id: x-koleg", "id: membership-fee"), REJECTED, "accepted.yaml", 4,
                     "duplicate concept id 'membership-fee'"),
    "unknown-status": (ACCEPTED.replace("status: preferred\n        reliability: 3\n    en",
                                        "status: approved\n        reliability: 3\n    en"), REJECTED,
                       "accepted.yaml", 7, "status must be one of"),
    "accepted-and-rejected": (ACCEPTED, REJECTED + "\n  - lv: kolēģa\n    en: colleagues\n    date: 2024-05-03\n",
                              "rejected.yaml", 8, "is rejected here but curated in concept 'x-koleg'"),
    "rejected-unknown-key": (ACCEPTED, REJECTED.replace("    en: i.e.", "    eng: i.e."), "rejected.yaml", 3,
                             "unknown rejection key 'eng'"),
    "rejected-term-alone": (ACCEPTED, REJECTED + "\n  - lv: Kolēģi\n    date: 2024-05-03\n", "rejected.yaml", 8,
                            "'Kolēģi' is rejected here but curated"),
}


@pytest.fixture(params=sorted(CASES))
def broken(request, fixtures, tmp_path):
    accepted, rejected, name, line, words = CASES[request.param]
    folder = tmp_path / "termbase"
    shutil.copytree(fixtures / "db" / "termbase", folder)
    (folder / "accepted.yaml").write_text(accepted, encoding="utf-8")
    (folder / "rejected.yaml").write_text(rejected, encoding="utf-8")
    return folder, folder / name, line, words


def _snapshot(folder):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def _one_line(result, path, line, words):
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    assert lines[0].startswith(f"lvterm: {path}:{line}: "), lines[0]
    assert words in lines[0]


def test_review_bad_termbase_loader_names_file_and_line(broken):
    folder, path, line, words = broken
    with pytest.raises(InputError) as err:
        load_termbase(folder)
    assert str(err.value).startswith(f"{path}:{line}: ") and words in str(err.value)


def test_review_bad_termbase_review_writes_nothing(broken, library_db):
    folder, path, line, words = broken
    before = _snapshot(folder)
    for args, stdin in ((["--accept", "x-anything"], None), ([], "a\na\n")):
        result = CliRunner().invoke(cli, ["review", "--db", str(library_db), "--termbase", str(folder), *args],
                                    input=stdin)
        _one_line(result, path, line, words)
        assert _snapshot(folder) == before


def test_review_bad_termbase_build_writes_nothing(broken, fixtures, tmp_path):
    folder, path, line, words = broken
    before = _snapshot(folder)
    db = tmp_path / "out" / "lvterm.db"
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase", str(folder),
                                      "--db", str(db)])
    _one_line(result, path, line, words)
    assert not db.exists()
    assert _snapshot(folder) == before


def test_review_appending_needs_the_list_last(fixtures, tmp_path):
    """A hand edit that moved `concepts:` above another key: review refuses to append (one line)
    instead of writing a file that would mean something else."""
    from lvterm.models import Concept, Term
    from lvterm.terms.review import Proposal, Review

    folder = tmp_path / "termbase"
    shutil.copytree(fixtures / "db" / "termbase", folder)
    (folder / "accepted.yaml").write_text(ACCEPTED + "reliability: 3\n", encoding="utf-8")
    before = _snapshot(folder)
    review = Review(folder)
    proposal = Proposal(Concept("x-lasitav", (Term("lv", "lasītava"), Term("en", "reading room")),
                                origin="extracted"))
    with pytest.raises(InputError, match=r"accepted\.yaml: cannot add a decision"):
        review.accept(proposal)
    assert _snapshot(folder) == before


def test_review_accepted_file_emptied_by_hand_still_loads(fixtures, tmp_path):
    """Review says "delete this entry to reject it"; deleting the only accepted entry (or every
    one) leaves the header alone, and build and review still work (it stopped both)."""
    from lvterm.models import Concept, Term
    from lvterm.terms.review import ACCEPTED_HEADER, Proposal, Review

    folder = tmp_path / "termbase"
    shutil.copytree(fixtures / "db" / "termbase", folder)
    for text in (ACCEPTED_HEADER, ACCEPTED_HEADER + "  []\n"):
        (folder / "accepted.yaml").write_text(text, encoding="utf-8")
        assert load_termbase(folder).curated  # the other files' entries, nothing from accepted.yaml
    Review(folder).accept(Proposal(Concept("x-lasitav", (Term("lv", "lasītava"), Term("en", "reading room")),
                                           origin="extracted")))
    assert any(c.id == "x-lasitav" for c in load_termbase(folder).curated)
    (folder / "other.yml").write_text("concepts: []\n", encoding="utf-8")  # a curated file: still refused
    with pytest.raises(InputError, match="non-empty list"):
        load_termbase(folder)


def test_review_a_read_only_termbase_is_said_once(fixtures, tmp_path, monkeypatch):
    """A termbase folder review cannot write to is one line before any question (the interactive
    review asked the same proposal again after each answer, and ended with exit 0)."""
    import os

    from lvterm.terms import review as review_mod

    folder = tmp_path / "termbase"
    shutil.copytree(fixtures / "db" / "termbase", folder)
    real = os.access
    monkeypatch.setattr(review_mod.os, "access", lambda p, mode: False if mode == os.W_OK else real(p, mode))
    with pytest.raises(InputError, match="termbase folder is not writable"):
        review_mod.Review(folder)


def test_review_keeps_a_files_line_ends_and_letters(fixtures, tmp_path):
    """An accepted.yaml edited on Windows (CRLF) and holding a decomposed ā keeps both: the
    decision is appended, nothing already there changes (every line came back LF)."""
    import unicodedata

    from lvterm.models import Concept, Term
    from lvterm.terms.review import ACCEPTED_HEADER, Proposal, Review

    folder = tmp_path / "termbase"
    shutil.copytree(fixtures / "db" / "termbase", folder)
    nfd = unicodedata.normalize("NFD", "lasītāja karte")
    before = (ACCEPTED_HEADER + f"\n  - id: x-karte\n    lv:\n      - term: {nfd}\n").replace("\n", "\r\n")
    (folder / "accepted.yaml").write_bytes(before.encode("utf-8"))
    Review(folder).accept(Proposal(Concept("x-lasitav", (Term("lv", "lasītava"), Term("en", "reading room")),
                                           origin="extracted")))
    after = (folder / "accepted.yaml").read_bytes().decode("utf-8")
    assert after.startswith(before) and "x-lasitav" in after
    assert after.count("\n") == after.count("\r\n")
