"""The term stage's fast paths and memos against the plain computations they stand for (hypothesis).

Each shortcut of `terms.extract`, `terms.patterns` and `terms.pair` (a memo, a case skipped, a
filter) must give what the straightforward code gives: these tests keep that code and compare."""
from __future__ import annotations

import math
from collections import Counter, defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.constants import LINK_WORDS
from lvterm.lang import get as get_lang
from lvterm.terms import extract as ex
from lvterm.terms import occurrences as oc
from lvterm.terms import writing as wr
from lvterm.terms import pair as pr
from lvterm.terms import patterns as pt
from lvterm.terms import specificity as sp

SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])

LV_WORDS = ("Latvijas Bibliotekāru biedrība biedrības biedra nauda naudu naudas atvērtā piekļuve atvērto "
            "piekļuvi bibliotēka bibliotēkas publiskā publiskās īpašās interešu grupas grupām un vai pirms "
            "digitalizācijas tiek publicēts izveidotais profils kopīgas intereses e-grāmata e-grāmatām "
            "Skolu bibliotekāru gads laiks cilvēks ceturtdien starpbibliotēku abonements atbalsta "
            "LinkedIn noderīgs kontakts mazāka sociālo tīklu ietvaros , . ! ? : ( ) \"").split()
EN_WORDS = ("the a Library Association of Latvia library and information professionals reading room rooms "
            "we network readers can access librarians check metadata plans annual report useful contacts "
            "Mr Putin Communities CILIP importance networking meetings e-book author's , . ! ? ; ( )").split()


def sentence(words):
    return st.lists(st.sampled_from(words), min_size=1, max_size=14).map(" ".join)


#: A Latvian sentence ending in a full stop (a phrase reaching back past the first word reads the
#: words from the end: `_outcome`; there the stop ends it, as in every sentence of a real text).
LV_SENTENCE = sentence(LV_WORDS).map(lambda text: text + " .")


# --- patterns ------------------------------------------------------------------------------------


def _noun_phrases_plain(ws, *, lang, max_words):
    """`noun_phrases` as it was written before its shortcuts (the reference)."""
    module = get_lang(lang)
    titles = getattr(module, "TITLES", frozenset())
    starts_of = pt._lv_starts if lang == "lv" else pt._en_starts
    for h, head in enumerate(ws):
        if head.role != "N" or pt._continues(ws, h, lang):
            continue
        if lang == "lv" and (bool(head.slots) and all(s[0] == "gen" for s in head.slots) and h + 2 < len(ws)
                             and ws[h + 1].lower in ("un", "vai") and ws[h + 2].role == "A"):
            continue
        valid = []
        nominative_head = bool(head.slots) and all(x[0] == "nom" for x in head.slots)
        clean = h
        for s in starts_of(ws, h, max_words):
            if any(ws[k].role == "A" and module.is_non_term_adjective(ws[k].text) for k in range(s, clean)):
                break
            clean = s
            if s < h and ws[s + 1].capital and not ws[s].capital and not ws[s + 1].sent_start:
                break
            if lang == "lv" and s > 0 and ws[s - 1].pos == "ADP" and nominative_head:
                continue
            if s > 0 and pt._name_like(ws[s]) and ws[s - 1].capital and ws[s - 1].role in ("N", "A") \
                    and ws[s - 1].lower.rstrip(".") not in titles:
                continue
            if s < h and s > 1 and ws[s - 1].role == "O" and ws[s - 2].capital and pt._name_like(ws[s]):
                continue
            if lang == "lv" and s < h and pt._owns_adjective(ws, s):
                continue
            valid.append(s)
        name = next((s for s in valid if s < h and ws[s].capital and ws[s + 1].capital), None)
        for s in valid:
            if name is not None and name < s < h:
                continue
            if s < h and ws[s].role == "U":
                continue
            yield s, h + 1, h


@SLOW
@given(st.sampled_from(["lv", "en"]).flatmap(lambda lang: st.tuples(
    st.just(lang), sentence(LV_WORDS if lang == "lv" else EN_WORDS), st.integers(1, 6))))
def test_noun_phrases_as_the_plain_loop(case):
    lang, text, max_words = case
    ws = pt.analysed_words(text, lang=lang)
    assert _outcome(pt.noun_phrases, ws, lang, max_words) == _outcome(_noun_phrases_plain, ws, lang, max_words)


def _outcome(noun_phrases, ws, lang, max_words):
    """The spans, or the error raised (the same either way: a Latvian phrase reaching back past
    the first word reads `ws` from its end, as the committed code does)."""
    try:
        return list(noun_phrases(ws, lang=lang, max_words=max_words))
    except IndexError as exc:
        return type(exc)


@SLOW
@given(sentence(EN_WORDS))
def test_english_roles_as_their_context_tags_give_them(text):
    """`_en_word` gives the role of the word's own part of speech; only the words whose tag the
    context changes are looked at again."""
    ws = pt.analysed_words(text, lang="en")
    tags = pt.english_context([w.text for w in ws], [w.analysis.pos for w in ws])
    assert [w.role for w in ws] == [pt._word_role(w.text, tag, "en") for w, tag in zip(ws, tags)]


# --- extract -------------------------------------------------------------------------------------


def _occurrences(texts, lang):
    """An _Occ of every noun phrase of the texts, as `extract_terms` makes them."""
    out = []
    for seg, text in enumerate(texts):
        ws = pt.analysed_words(text, lang=lang)
        for s, e, h in pt.noun_phrases(ws, lang=lang, max_words=4):
            form = text[ws[s].start:ws[e - 1].end]
            sig = oc._signature_id(lang, form, ws[s:e], h - s)
            proper = oc._memoised("proper", sig, wr._proper, ws[s:e])
            out.append(oc._Occ(seg, ws[s].start, ws[e - 1].end, form, ws[s:e], h - s, proper, False, sig))
    return out


def _general_plain(occs, word_counts, total, *, floor):
    forms = {o.words[0].lower for o in occs}
    if any("-" in f for f in forms):
        return False
    lemmas = {o.words[0].analysis.lemma.lower() for o in occs if o.words[0].analysis.lemma}
    general = max(sp._general_frequency(f, "lv") for f in forms | lemmas)
    if general <= 0:
        return False
    zipf = math.log10(general) + 9
    if zipf < sp.GENERAL_ZIPF:
        return False
    if zipf >= sp.ALWAYS_GENERAL_ZIPF:
        return True
    count = sum(word_counts.get(f, 0) for f in forms)
    proven = max(count - 2 * math.sqrt(count), 0.0) / total
    return proven <= 0 or math.log10(proven / max(general, floor)) < sp.GENERAL_MIN_SPEC


@SLOW
@given(st.lists(LV_SENTENCE, min_size=1, max_size=5), st.integers(1, 400))
def test_general_words_as_judged_from_every_form(texts, total):
    """`_general`, its word judgements memoised by signature, as the plain sets of forms and lemmas
    give it (the single words grouped by key, as candidates are)."""
    groups = defaultdict(list)
    for o in _occurrences(texts, "lv"):
        if len(o.words) == 1:
            groups[get_lang("lv").stem_key(o.form)].append(o)
    word_counts = Counter(w.lower for t in texts for w in pt.analysed_words(t, lang="lv"))
    for occs in groups.values():
        for _ in range(2):  # computed, then from the memo
            assert sp._general(occs, word_counts, total, floor=ex.GENERAL_FLOOR) == \
                _general_plain(occs, word_counts, total, floor=ex.GENERAL_FLOOR)


@SLOW
@given(st.lists(LV_SENTENCE, min_size=1, max_size=5))
def test_occurrence_specificity_as_the_plain_mean(texts):
    lowers = [w.lower for t in texts for w in pt.analysed_words(t, lang="lv") if w.text[:1].isalpha()]
    spec = sp._specificity(Counter(lowers), lang="lv", floor=ex.GENERAL_FLOOR)
    total = len(lowers) or 1
    counts = Counter(lowers)
    for o in _occurrences(texts, "lv"):
        content = [w.text for w in o.words if w.lower not in LINK_WORDS]
        plain = [math.log10(max(counts.get(x.lower(), 0), 1) / total
                            / max(sp._general_frequency(x.lower(), "lv"), ex.GENERAL_FLOOR)) for x in content]
        assert sp._occ_specificity(o, spec) == (sum(plain) / len(plain) if plain else 0.0)


@given(st.lists(st.sampled_from(["biedra nauda", "biedra naudu", "Biedra nauda", "nauda"]), min_size=1, max_size=6))
def test_forms_as_counted(forms):
    occs = [oc._Occ(0, 0, len(f), f, [], 0, False) for f in forms]
    counted = sorted(Counter(forms).items(), key=lambda x: (-x[1], x[0]))
    assert [(t.form, t.count) for t in ex._forms(occs)] == counted


@given(st.dictionaries(st.integers(0, 3), st.lists(
    st.tuples(st.integers(0, 8), st.integers(1, 5), st.sampled_from("abcdef")).map(lambda x: (x[0], x[0] + x[1], x[2])),
    max_size=12), max_size=4))
def test_containers_as_every_pair_compared(by_segment):
    """`_containers` (only spans of two or more words looked at as containers) as comparing every
    pair of spans of a segment."""
    plain = defaultdict(set)
    for spans in by_segment.values():
        for s, e, key in spans:
            for s2, e2, key2 in spans:
                if key2 != key and s2 <= s and e <= e2 and (e2 - s2) > (e - s):
                    plain[key].add(key2)
    assert dict(ex._containers(by_segment)) == dict(plain)


# --- pair ----------------------------------------------------------------------------------------


@SLOW
@given(st.sampled_from(["lv", "en"]).flatmap(lambda lang: st.tuples(
    st.just(lang), st.lists(sentence(LV_WORDS if lang == "lv" else EN_WORDS), min_size=1, max_size=4))),
    st.integers(1, 40))
def test_bead_sides_as_their_words_keyed_one_by_one(case, limit):
    """`_side`'s keys (looked up in `_ALIGN_KEYS`, emptied at its limit) as `_ALIGN_KEY` gives them."""
    lang, sentences = case
    saved = pr._ALIGN_KEYS_LIMIT
    pr._ALIGN_KEYS_LIMIT = limit
    try:
        side = pr._side(range(len(sentences)), sentences, lang)
    finally:
        pr._ALIGN_KEYS_LIMIT = saved
    plain = [(a, b, w, pr._ALIGN_KEY[lang](w)) for s in sentences for a, b, w in pt.tokenize(s)]
    plain = [(w, k) for _, _, w, k in plain if k is not None][:pr.MAX_ALIGN_WORDS]
    assert list(zip(side.words, side.keys)) == plain
    assert len(pr._ALIGN_KEYS[lang]) <= max(limit, saved)


@SLOW
@given(st.lists(st.tuples(sentence(LV_WORDS), sentence(EN_WORDS)), min_size=1, max_size=4))
def test_cognate_prior_whatever_the_initials_memo_holds(beads):
    sides = [(pr._side([0], [lv_text], "lv"), pr._side([0], [en_text], "en")) for lv_text, en_text in beads]
    warm = pr._cognate_prior(sides)
    pr._INITIALS.clear()
    cold = pr._cognate_prior(sides)
    assert warm == cold
    assert all(pr._INITIALS[w] == pr._initial(w) for w in pr._INITIALS)
