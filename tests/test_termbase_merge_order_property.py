"""Property tests of the merge (`termbase.merge`): the same extracted concepts in any order merge
into the same concepts (but for the order of the proposed concepts and of the forms attached to a
curated term), curated entries come out unchanged, no term is in two concepts, nothing rejected
comes back, and every merged extracted term is `proposed`, whatever status a post gave it."""
from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.models import Concept, Term, TermForm
from lvterm.terms.termbase import Rejection, confidence_note, is_rejected, merge, rejected_keys, term_key

# Latvian writings whose keys collide (case, inflection, a heading's capitals), and others
LV = ["Rīga", "rīga", "RĪGA", "Rīgas", "katalogs", "Katalogs", "KATALOGS", "biedra nauda", "gada maksa",
      "Latvijas Nacionālā bibliotēka", "Latvijas nacionālā bibliotēka", "e-grāmata", "E-grāmata", "e grāmata",
      "bibliotēka", "Bibliotēka"]
EN = ["Riga", "riga", "RIGA", "catalogue", "Katalogs app", "membership fee", "Membership fee", "annual fee",
      "National Library of Latvia", "e-book", "E-book", "e book", "library", "Library"]
TYPES = ["fullForm", "properNoun", "acronym"]
KEYS = {**{("lv", t): term_key("lv", t) for t in LV}, **{("en", t): term_key("en", t) for t in EN}}

CURATED = [Concept(id="lib", terms=(Term("lv", "bibliotēka", status="preferred", reliability=3,
                                         forms=(TermForm("bibliotēka", 0),)),
                                    Term("en", "library", status="preferred", reliability=3,
                                         forms=(TermForm("library", 0),))),
                   origin="curated", source="termbase/x.yml:3")]


@st.composite
def _term(draw, lang: str, pool: list[str], status: str) -> Term:
    text = draw(st.sampled_from(pool))
    freq = draw(st.integers(1, 4))
    other = draw(st.sampled_from(pool))
    forms = [TermForm(text, freq)]
    if other != text and draw(st.booleans()):
        forms.append(TermForm(other, 1))
    conf = draw(st.sampled_from([0.4, 0.55, 0.7, 0.9, 0.95])) if lang == "en" else None
    return Term(lang, text, status=status, term_type=draw(st.sampled_from(TYPES)), forms=tuple(forms),
                frequency=sum(f.count for f in forms), note=confidence_note(conf) if conf else None)


@st.composite
def _corpus(draw):
    """Posts' proposals as the build makes them (one a Latvian key a post, id "x-" and the key, a
    source naming the post), each with its writing; maybe a rejection; a permutation of them."""
    extracted, writing = [], []
    for p in range(draw(st.integers(1, 5))):
        seen = set()
        for _ in range(draw(st.integers(1, 5))):
            status = draw(st.sampled_from(["proposed", "proposed", "preferred"]))
            lv = draw(_term("lv", LV, status))
            key = KEYS[("lv", lv.text)]
            if key in seen:
                continue
            seen.add(key)
            terms = (lv,) if draw(st.booleans()) else (lv, draw(_term("en", EN, status)))
            extracted.append(Concept(id=f"x-{key.replace(' ', '-')}", terms=terms, origin="extracted",
                                     source=f"extraction from p{p}.lv.md"))
            writing.append((draw(st.integers(0, 3)), draw(st.integers(0, 3))))
    rejected = []
    if draw(st.booleans()):
        rejected.append(Rejection(lv=draw(st.sampled_from(LV)), en=draw(st.one_of(st.none(), st.sampled_from(EN)))))
    return extracted, writing, rejected, draw(st.permutations(range(len(extracted))))


def _form_text(form: TermForm) -> str:
    return form.form


def _by_id(out: list[Concept]):
    """Curated concepts with their forms sorted, and the proposed ones by id."""
    curated = [dataclasses.replace(c, terms=tuple(dataclasses.replace(t, forms=tuple(sorted(t.forms, key=_form_text)))
                                                  for t in c.terms)) for c in out if c.origin == "curated"]
    return curated, {c.id: c for c in out if c.origin != "curated"}


def _without_forms(concepts):
    return [dataclasses.replace(c, terms=tuple(dataclasses.replace(t, forms=(), frequency=0) for t in c.terms))
            for c in concepts]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_corpus())
def test_merge_order_independent(data):
    extracted, writing, rejected, perm = data
    a = merge(CURATED, extracted, writing=writing, rejected=rejected, keys=KEYS)
    b = merge(CURATED, [extracted[i] for i in perm], writing=[writing[i] for i in perm], rejected=rejected,
              keys=KEYS)
    assert _by_id(a) == _by_id(b)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_corpus())
def test_merge_invariants(data):
    extracted, writing, rejected, _ = data
    out = merge(CURATED, extracted, writing=writing, rejected=rejected, keys=KEYS)
    assert _without_forms(out[:len(CURATED)]) == _without_forms(CURATED)
    seen = {}
    for c in out:
        for t in c.terms:
            k = (t.lang, term_key(t.lang, t.text))
            assert seen.setdefault(k, c.id) == c.id, (k, seen[k], c.id)
    refused = rejected_keys(rejected)
    for c in out[len(CURATED):]:
        assert not is_rejected(c, refused), c
        assert c.origin == "extracted" and all(t.status == "proposed" for t in c.terms), c
    assert len({c.id for c in out}) == len(out)
