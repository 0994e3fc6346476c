"""Term extraction's memos and fast candidate construction give what the plain code gives.

`extract_terms` remembers its judgements across posts by the signature of an occurrence (its form
and words: `_signature_id`, `_memo`), the canonical form and forms of a group of occurrences among
them; what depends on the post (the words it writes capitalised mid-sentence, the counts) is
applied per post. These tests extract posts that share sentences with the memos warm, cold and
emptied at every text, and compare everything the candidates hold."""
from __future__ import annotations

from dataclasses import fields

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.terms import occurrences as oc
from lvterm.terms.extract import Candidate, extract_terms

SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _everything(candidates: list[Candidate]) -> list[str]:
    """Every field of every candidate, floats to the last bit (repr)."""
    return [repr(c) for c in candidates]


def _forget() -> None:
    """Every memo of term extraction (`terms.occurrences`) emptied (signature ids go on counting: an
    id is never given twice)."""
    oc._memo.clear()
    oc._signature_ids.clear()


def _cold(texts: list[str], lang: str) -> list[Candidate]:
    _forget()
    return extract_terms(texts, lang=lang)


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_library_text_alike_with_the_memos_cold_warm_or_emptied_at_every_entry(terms_bitext, lang, monkeypatch):
    texts = terms_bitext[0 if lang == "lv" else 1]
    cold = _everything(_cold(texts, lang))
    assert cold
    assert _everything(extract_terms(texts, lang=lang)) == cold  # every judgement from the memos
    monkeypatch.setattr(oc, "_MEMO_LIMIT", 1)
    assert _everything(_cold(texts, lang)) == cold  # each memo emptied at every new entry
    assert all(len(table) <= 1 for table in oc._memo.values()) and len(oc._signature_ids) <= 1


def test_a_remembered_sentence_takes_each_posts_names(terms_bitext):
    """"Library readers ..." starts a sentence: lowered in a post alone, kept where the post writes
    "Library" mid-sentence too (the Library Association of Latvia), whatever the memo holds."""
    readers, association = terms_bitext[1][1], terms_bitext[1][4]
    assert readers.startswith("Library readers") and " Library Association" in association
    _forget()
    alone = extract_terms([readers], lang="en")
    with_name = extract_terms([readers, association], lang="en")
    assert "library reader" in {c.text for c in alone}
    assert "Library readers" in {f.form for c in with_name for f in c.forms}
    assert _everything(alone) == _everything(_cold([readers], "en"))
    assert _everything(with_name) == _everything(_cold([readers, association], "en"))


def test_judgements_remembered_per_language_and_phrase_length(terms_bitext):
    """The memos' keys hold the language and the phrase length: the same texts extracted with every
    other reading's judgements remembered (Latvian and English, 2-word phrases and the default) give
    what they give cold."""
    texts = terms_bitext[0][:6] + terms_bitext[1][:6]
    readings = [("lv", None), ("en", None), ("lv", 2), ("en", 2)]
    for lang, max_words in readings:
        _forget()
        cold = _everything(extract_terms(texts, lang=lang, max_words=max_words))
        for other_lang, other_max_words in readings:  # every reading of the texts in the memo
            extract_terms(texts, lang=other_lang, max_words=other_max_words)
        assert _everything(extract_terms(texts, lang=lang, max_words=max_words)) == cold


@SLOW
@given(data=st.data(), lang=st.sampled_from(["lv", "en"]))
def test_posts_sharing_sentences_alike_with_the_memo_warm_or_cold(terms_bitext, data, lang):
    pool = terms_bitext[0 if lang == "lv" else 1]
    posts = data.draw(st.lists(st.lists(st.sampled_from(pool), min_size=1, max_size=5), min_size=2, max_size=4))
    _forget()
    warm = [_everything(extract_terms(post, lang=lang)) for post in posts]
    assert warm == [_everything(_cold(post, lang)) for post in posts]


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_candidates_made_as_their_init_makes_them(terms_bitext, lang):
    """`_candidate` fills the instance as the frozen dataclass's __init__ does: equal, same hash,
    same attributes in the same order (a field added to `Candidate` must be added there too)."""
    for c in extract_terms(terms_bitext[0 if lang == "lv" else 1], lang=lang):
        plain = Candidate(*[getattr(c, f.name) for f in fields(Candidate)])
        assert plain == c and hash(plain) == hash(c) and repr(plain) == repr(c)
        assert list(vars(plain).items()) == list(vars(c).items())
