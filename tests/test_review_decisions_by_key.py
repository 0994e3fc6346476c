"""A review decision is matched by what it records (its terms' stem keys), never by the proposal id
it notes: ids are made from keys and a rebuild can give a rejected proposal's id to another term."""
from __future__ import annotations

import shutil

from lvterm.models import Concept, Term, TermForm
from lvterm.terms.review import Proposal, Review
from lvterm.terms.termbase import confidence_note, load_termbase, merge, term_key


def _proposal(post: str, lv: str, en: str) -> Concept:
    """One post's proposal as the build makes it: id "x-" and the Latvian key (`build._proposed_concept`)."""
    return Concept(id=f"x-{term_key('lv', lv).replace(' ', '-')}", origin="extracted",
                   source=f"extraction from corpus/posts/{post}.lv.md",
                   terms=(Term("lv", lv, forms=(TermForm(lv, 2),), frequency=2),
                          Term("en", en, forms=(TermForm(en, 2),), frequency=2, note=confidence_note(0.8))))


def test_review_a_rejected_proposals_id_given_to_another_term_is_not_rejected(fixtures, tmp_path):
    shutil.copytree(fixtures / "db" / "termbase", tmp_path / "termbase")
    folder = tmp_path / "termbase"
    # "e grāmata" (a typing with a space) and "e-grāmata" have two keys and one id, x-e-gramat
    extracted = [_proposal("a", "e grāmata", "e book"), _proposal("b", "e-grāmata", "e-book")]
    by_id = {c.id: Proposal(c) for c in merge(load_termbase(folder).curated, extracted) if c.origin == "extracted"}
    assert {p.lv.text: cid for cid, p in by_id.items()} == {"e grāmata": "x-e-gramat", "e-grāmata": "x-e-gramat-2"}
    review = Review(folder, today="2026-12-01")
    review.reject(by_id["x-e-gramat"], whole_term=True)  # e grāmata is no term
    # the rebuild: e grāmata is left out, and e-grāmata, which nobody decided on, takes the id
    termbase = load_termbase(folder)
    (again,) = [Proposal(c) for c in merge(termbase.curated, extracted, rejected=termbase.rejected)
                if c.origin == "extracted"]
    assert (again.id, again.lv.text) == ("x-e-gramat", "e-grāmata")
    review = Review(folder)
    assert review.decision_on(again) is None
    assert review.pending([again]) == [again]
    # the rejected term itself, as the earlier library still shows it, stays decided
    assert review.decision_on(by_id["x-e-gramat"]).action == "already rejected"
    assert review.decision_on(by_id["x-e-gramat-2"]) is None
