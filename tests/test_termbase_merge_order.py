"""The merge's choices do not follow the order the posts come in: the same extracted concepts given
in another order merge into the same concepts (the writing met most often, the English equivalent
of the surest pair, the same id and source). Only the order of the proposed concepts follows it."""
from __future__ import annotations

import dataclasses

from lvterm.models import Concept, Term, TermForm
from lvterm.terms.termbase import confidence_note, merge, pairing_confidence, without_proposals, written_as_name


def _post(post: str, lv: str, en: str | None = None, *, lv_freq: int = 1, en_freq: int = 1,
          confidence: float = 0.9, lv_type: str = "fullForm", en_type: str = "fullForm",
          cid: str | None = None, status: str = "proposed") -> Concept:
    """One post's proposal as the build makes it: its Latvian term and, paired, its English one."""
    terms = [Term("lv", lv, status=status, term_type=lv_type, forms=(TermForm(lv, lv_freq),), frequency=lv_freq)]
    if en is not None:
        terms.append(Term("en", en, status=status, term_type=en_type, forms=(TermForm(en, en_freq),),
                          frequency=en_freq, note=confidence_note(confidence)))
    return Concept(id=cid or f"x-{lv.lower().replace(' ', '-')}", terms=tuple(terms), origin="extracted",
                   source=f"extraction from corpus/posts/{post}.lv.md")


def _both_ways(extracted: list[Concept], writing: list[tuple[int, int]] | None = None) -> dict[str, Concept]:
    """The merge of `extracted` in its order, checked equal (concept by concept) to the merge of
    the reverse order (`writing`: each proposal's, as the build gives it)."""
    forward = {c.id: c for c in merge([], extracted, writing=writing)}
    assert forward == {c.id: c for c in merge([], extracted[::-1], writing=writing and writing[::-1])}
    return forward


def test_merge_order_english_writing_by_summed_frequency():
    # one post writes the city in lower case (a slogan), two write it as the name, most often
    out = _both_ways([
        _post("a-saukli", "Rīga", "riga", en_freq=1, confidence=0.80, lv_type="properNoun"),
        _post("b-zinas", "Rīga", "Riga", lv_freq=4, en_freq=4, confidence=0.70, lv_type="properNoun",
              en_type="properNoun"),
        _post("c-vesture", "Rīga", "Riga", lv_freq=2, en_freq=2, confidence=0.95, lv_type="properNoun",
              en_type="properNoun"),
    ])
    (riga,) = out.values()
    (en,) = riga.terms_in("en")
    assert (en.text, en.term_type, en.part_of_speech) == ("Riga", "properNoun", "properNoun")
    assert en.note == confidence_note(0.95)  # the surest pairing of any post
    assert en.frequency == 7 and {f.form: f.count for f in en.forms} == {"Riga": 6, "riga": 1}
    assert riga.source == "extraction from corpus/posts/b-zinas.lv.md"  # where the term is met most often


def test_merge_order_english_writing_tie_broken_by_text():
    out = _both_ways([_post("a", "ceturtdiena", "thursday", confidence=0.79),
                      _post("b", "ceturtdiena", "Thursday", en_type="properNoun", confidence=0.66)])
    (en,) = next(iter(out.values())).terms_in("en")
    # the note comes with the writing: the confidence of the pairs that wrote it so
    assert (en.text, en.term_type, en.note) == ("Thursday", "properNoun", confidence_note(0.66))


def test_merge_order_english_goes_to_the_surest_pair():
    # "membership fee" is paired with "gada maksa" in one post (unsure), "biedra nauda" in another
    out = _both_ways([_post("a-iestasanas", "gada maksa", "membership fee", en_freq=3, confidence=0.55),
                      _post("b-biedri", "biedra nauda", "membership fee", en_freq=1, confidence=0.95)])
    assert [t.text for t in out["x-biedra-nauda"].terms_in("en")] == ["membership fee"]
    assert out["x-gada-maksa"].terms_in("en") == ()  # proposed alone: no term in two concepts


def test_merge_order_equal_confidence_then_frequency_then_key():
    out = _both_ways([_post("a", "sekcija", "section", en_freq=1, confidence=0.9),
                      _post("b", "nodaļa", "section", en_freq=5, confidence=0.9),
                      _post("c", "komiteja", "committee", confidence=0.8),
                      _post("d", "komisija", "committee", confidence=0.8)])
    assert [t.text for t in out["x-nodaļa"].terms_in("en")] == ["section"]  # 5 occurrences against 1
    assert not out["x-sekcija"].terms_in("en")
    assert [t.text for t in out["x-komisija"].terms_in("en")] == ["committee"]  # komisij < komitej
    assert not out["x-komiteja"].terms_in("en")


def test_merge_order_several_english_equivalents_surest_first():
    out = _both_ways([_post("a", "ASV", "United States", confidence=0.62, lv_type="acronym"),
                      _post("b", "ASV", "US", confidence=0.83, lv_type="acronym"),
                      _post("c", "ASV", "U.S.", confidence=0.66, lv_type="acronym")])
    assert [t.text for t in out["x-asv"].terms_in("en")] == ["US", "U.S.", "United States"]


def test_merge_order_latvian_writing_and_concept_id():
    # two posts lemmatise a surname differently (and so key their proposals differently)
    out = _both_ways([_post("a", "Auziņa", "Auzins", cid="x-auzin-a", lv_type="properNoun", en_type="properNoun"),
                      _post("b", "Auziņš", "Auzins", lv_freq=4, en_freq=4, cid="x-auzin-b", lv_type="properNoun",
                            en_type="properNoun")])
    (concept,) = out.values()
    (lv,) = concept.terms_in("lv")
    assert (concept.id, lv.text, lv.frequency) == ("x-auzin-b", "Auziņš", 5)
    assert concept.source == "extraction from corpus/posts/b.lv.md"


def test_merge_order_every_merged_term_is_proposed():
    # a later post's term that came with another status is a machine proposal all the same
    for extracted in ([_post("a", "interešu grupas", "interest groups"),
                       _post("b", "interešu grupa", "interest group", lv_freq=2, en_freq=2, status="preferred")],
                      [_post("a", "interešu grupa", "interest group"),
                       _post("b", "interešu grupa", "interest group", lv_freq=2, en_freq=2, status="preferred")]):
        out = _both_ways(extracted)
        (concept,) = out.values()
        assert concept.terms_in("lv")[0].text == "interešu grupa"
        assert {t.status for t in concept.terms} == {"proposed"}
        assert without_proposals(out.values()) == []  # nothing of it passes for a decided term


def test_merge_order_a_heading_in_capitals_never_wins_a_writing():
    # the same count of a heading's capitals and running text's writing: the running text's
    out = _both_ways([_post("a", "bibliotēkas krājums", lv_freq=2), _post("b", "BIBLIOTĒKAS KRĀJUMS", lv_freq=2)],
                     writing=[(0, 2), (0, 0)])
    assert [c.terms[0].text for c in out.values()] == ["bibliotēkas krājums"]
    # nor more of them; the English likewise, its note the running text's pairing's
    out = _both_ways([_post("a", "krājums", "library holdings", en_freq=1, confidence=0.8),
                      _post("b", "krājums", "LIBRARY HOLDINGS", en_freq=3, confidence=0.9)])
    (en,) = out["x-krājums"].terms_in("en")
    assert (en.text, en.frequency, en.note) == ("library holdings", 4, confidence_note(0.8))
    # capitals alone are kept: there is no other writing
    out = _both_ways([_post("a", "KRĀJUMS"), _post("b", "KRĀJUMS", lv_freq=2)])
    assert [c.terms[0].text for c in out.values()] == ["KRĀJUMS"]


def test_merge_order_a_heading_never_makes_a_name_a_common_word():
    # the app Katalogs, once in running text, twice in a heading KATALOGS
    out = _both_ways([_post("a", "Katalogs", "Katalogs", lv_type="properNoun", en_type="properNoun"),
                      _post("b", "KATALOGS", lv_freq=2)], writing=[(1, 0), (0, 0)])
    (lv,) = out["x-katalogs"].terms_in("lv")
    assert (lv.text, lv.term_type, lv.frequency) == ("Katalogs", "properNoun", 3)
    assert written_as_name(lv)


def test_merge_order_common_words_tie_written_in_lower_case():
    # a sentence's first word keeps its capital in one post: e-book, not E-book
    out = _both_ways([_post("a", "e-grāmata", "E-book", confidence=0.9),
                      _post("b", "e-grāmata", "e-book", confidence=0.7)])
    (en,) = out["x-e-grāmata"].terms_in("en")
    assert (en.text, en.note) == ("e-book", confidence_note(0.7))


def test_merge_order_first_english_is_the_latvian_writings():
    # newstest2017: Kārlis -> karlis (0.97) in one post, Karls -> Karl (0.89) twice in another
    out = _both_ways([_post("n12", "Kārlis", "karlis", lv_type="properNoun", confidence=0.97, cid="x-karl"),
                      _post("n20", "Karls", "Karl", lv_freq=2, lv_type="properNoun", en_type="properNoun",
                            confidence=0.89, cid="x-karl")])
    karl = out["x-karl"]
    assert [t.text for t in karl.terms] == ["Karls", "Karl", "karlis"]
    assert pairing_confidence(karl) == 0.89  # what `lvterm review` sorts by: the first English's own


def test_merge_order_a_kind_keeps_no_key_for_an_english_it_loses():
    # the app Katalogs is paired with "Katalogs" once (0.5), but "lietotne Katalogs" pairs it surer
    # (0.9); the common word katalogs is met five times, proposed alone: neither kind keeps an English
    out = _both_ways([_post("a", "Katalogs", "Katalogs", lv_type="properNoun", en_type="properNoun", confidence=0.5),
                      _post("b", "katalogs", lv_freq=5),
                      _post("c", "lietotne Katalogs", "Katalogs", en_type="properNoun", confidence=0.9,
                            cid="x-lietotne-katalogs")], writing=[(1, 0), (0, 5), (0, 1)])
    (lv,) = out["x-katalogs"].terms  # the common word (the writing decides), alone
    assert (lv.text, lv.term_type, lv.frequency) == ("katalogs", "fullForm", 5)
    assert [t.text for t in out["x-lietotne-katalogs"].terms_in("en")] == ["Katalogs"]
    # with no surer pair, the name keeps its English and so the key
    out = _both_ways([_post("a", "Katalogs", "Katalogs", lv_type="properNoun", en_type="properNoun", confidence=0.5),
                      _post("b", "katalogs", lv_freq=5)], writing=[(1, 0), (0, 5)])
    assert [(t.text, t.term_type) for t in out["x-katalogs"].terms] == [("Katalogs", "properNoun")] * 2
