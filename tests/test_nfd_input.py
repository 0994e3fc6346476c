"""Decomposed text (NFD, as pasted from macOS) given to the Python API: `segment_text` and
`extract_terms` read it as its NFC form, as every file and command reads text, and their offsets
still index the caller's own string."""
import unicodedata
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.segment import segment_paragraphs, segment_text, split_paragraphs
from lvterm.terms.matcher import TermMatcher
from lvterm.terms.extract import extract_terms
from lvterm.textio import nfc_spans, to_nfc


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def check_offsets(text: str, segs) -> None:
    """Each segment is its paragraph's characters as given (`paragraphs[p][start:end]`)."""
    paragraphs = split_paragraphs(text)
    for s in segs:
        assert paragraphs[s.paragraph][s.start:s.end] == s.text


def sentences(text: str, *, lang: str = "lv") -> list[str]:
    segs = segment_text(text, lang=lang)
    check_offsets(text, segs)
    return [to_nfc(s.text) for s in segs]


def check_same_terms(given_texts, nfc_texts, *, lang: str = "lv") -> list:
    """extract_terms of the texts as given equals that of their NFC forms; its occurrences hold the
    same words, at offsets into the texts as given. Returns the candidates."""
    got = extract_terms(given_texts, lang=lang)
    want = extract_terms(nfc_texts, lang=lang)
    assert [replace(c, occurrences=()) for c in got] == [replace(c, occurrences=()) for c in want]
    strings = [getattr(t, "text", t) for t in given_texts]
    nfc_strings = [getattr(t, "text", t) for t in nfc_texts]
    for g, w in zip(got, want):
        assert len(g.occurrences) == len(w.occurrences)
        for og, ow in zip(g.occurrences, w.occurrences):
            assert replace(og, start=0, end=0) == replace(ow, start=0, end=0)
            assert to_nfc(strings[og.segment_index][og.start:og.end]) == nfc_strings[ow.segment_index][ow.start:ow.end]
    return got


# --- segmentation ---------------------------------------------------------------------------------


def test_abbreviation_with_diacritics_ends_no_sentence_in_nfd():
    # "tālr." and "sēj." stand before a number or a name: decomposed, their letters were split at
    # the macron and the full stop read as a sentence end
    for text in ("Zvanīt pa tālr. Nākamajā dienā atbildēs.", "Grāmata iznāca 3. sēj. Otrajā daļā ir vairāk."):
        assert sentences(nfd(text)) == sentences(text) == [text]


def test_nfd_segments_index_the_callers_string():
    text = nfd("Zvanīt pa tālr. Nākamajā dienā. Biedra nauda ir jāmaksā.")
    segs = segment_text(text, lang="lv")
    assert [(s.start, s.end) for s in segs] == [(0, 36), (37, 63)]  # NFD: each ā, ī, ē is two code points
    assert [text[s.start:s.end] for s in segs] == [s.text for s in segs]
    assert [to_nfc(s.text) for s in segs] == ["Zvanīt pa tālr. Nākamajā dienā.", "Biedra nauda ir jāmaksā."]


def test_nfd_paragraphs_and_mixed_forms():
    paragraphs = ["Vizīte pa tālr. Ģimenes ārsts pieņem.", nfd("Ķēde ir gara. Izdots 3. sēj. Ūdens nodaļā.")]
    segs = segment_paragraphs(paragraphs, lang="lv")
    assert [(s.paragraph, to_nfc(s.text)) for s in segs] == [
        (0, "Vizīte pa tālr. Ģimenes ārsts pieņem."), (1, "Ķēde ir gara."), (1, "Izdots 3. sēj. Ūdens nodaļā.")]
    assert all(paragraphs[s.paragraph][s.start:s.end] == s.text for s in segs)


def test_nfc_spans_common_case_and_fallback():
    text = "Bibliotēka"
    assert nfc_spans(text) == (text, None)  # already NFC: nothing built
    nfc, back = nfc_spans(nfd("ā b"))
    assert nfc == "ā b" and back(0, 1) == (0, 2) and back(2, 3) == (3, 4)
    # Hangul jamo compose across starters: those two are one unit, the rest keeps its own
    jamo = "\u1100\u1161 a\u0304."
    nfc, back = nfc_spans(jamo)
    assert nfc == "\uac00 ā."
    assert back(0, 1) == (0, 2) and back(1, 2) == (2, 3) and back(2, 3) == (3, 5) and back(2, 4) == (3, 6)


def unit_bounds(nfc: str, back) -> list[int]:
    """The offsets of the NFC form that fall between units (`back` maps an empty span there to an
    empty span)."""
    return [k for k in range(len(nfc) + 1) if back(k, k)[0] == back(k, k)[1]]


def test_a_hangul_word_leaves_the_latvian_spans_exact():
    """One Hangul syllable in a decomposed text made every span snap to the runs between white
    space: the term match took the comma after 'biedra naudu'."""
    text = nfd("Jāmaksā biedra naudu, saka 김.")
    matcher = TermMatcher([("fee", ["biedra nauda"])], lang="lv", inflect=True)
    assert [text[m.start:m.end] for m in matcher.find(text)] == [nfd("biedra naudu")]
    nfc, back = nfc_spans(text)
    assert unit_bounds(nfc, back) == list(range(len(nfc) + 1))  # the syllable is one NFC letter
    hangul = nfc.index("김")
    assert back(hangul, hangul + 1) == (text.index("\u1100"), text.index("\u1100") + 3)
    assert back(nfc.index(","), nfc.index(",") + 1) == (text.index(","), text.index(",") + 1)


def test_indic_vowel_signs_emoji_and_a_leading_mark():
    """Tamil and Bengali two-part vowel signs compose across units (only those two join); an emoji
    ZWJ sequence, or a combining mark at the start of the string, keeps every other span exact."""
    for word, composed in (("\u0b95\u0bca", "\u0b95\u0bca"), ("\u0995\u09cb", "\u0995\u09cb")):
        text = nfd(word) + " " + nfd("bibliotēkā")
        nfc, back = nfc_spans(text)
        assert nfc == composed + " bibliotēkā"
        assert back(1, 2) == (1, 3) and back(0, 1) == (0, 1)  # the vowel sign: its two parts
        assert to_nfc(text[slice(*back(3, 13))]) == "bibliotēkā" and back(10, 11) == (11, 13)
    emoji = "\U0001F469\u200d\U0001F4BB"  # woman technologist
    text = emoji + nfd(" Bibliotēkā, ") + emoji
    nfc, back = nfc_spans(text)
    assert unit_bounds(nfc, back) == list(range(len(nfc) + 1))
    assert text[slice(*back(4, 14))] == nfd("Bibliotēkā")
    text = "\u0304" + nfd("ā biedra nauda")
    nfc, back = nfc_spans(text)
    assert nfc == "\u0304ā biedra nauda" and back(0, 1) == (0, 1) and back(1, 2) == (1, 3)
    matcher = TermMatcher([("fee", ["biedra nauda"])], lang="lv")
    assert [text[m.start:m.end] for m in matcher.find(text)] == ["biedra nauda"]


#: Pieces of text, each NFC: Latvian words, Hangul, Tamil and Bengali words with two-part vowel
#: signs, Devanagari with a nukta, an emoji ZWJ sequence, lone marks, punctuation.
PIECES = ["bibliotēkā", "Ķēde", "ļoti", "ņemt", "Ūdens", "김", "한국어", "가", "கொடி", "தோல்", "কোন", "বোকা",
          "क़िला", "\U0001F469\u200d\U0001F4BB", "\U0001F44D\U0001F3FD", "\u0304", "\u0301\u0323", "é",
          "ǖ", "Å", ",", ".", " ", "  ", "\n", "(", "2011."]


@st.composite
def mixed_texts(draw):
    """A text of such pieces, each decomposed or not at random, at least one decomposed."""
    pieces = draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
    given = [nfd(p) if draw(st.booleans()) else p for p in pieces]
    if unicodedata.is_normalized("NFC", "".join(given)):
        given[0] = nfd(given[0]) if not unicodedata.is_normalized("NFD", given[0]) else "a\u0304"
    return "".join(given)


@settings(max_examples=300, deadline=None)
@given(mixed_texts())
def test_nfc_spans_map_every_unit_span_exactly(text):
    """For every span of the NFC form whose ends fall between units, the span of the text it maps
    to has that NFC; the units are no longer than what NFC composes (each Latvian letter, each
    piece of punctuation is one, with the marks NFC leaves after it)."""
    nfc, back = nfc_spans(text)
    if back is None:
        assert nfc == text and unicodedata.is_normalized("NFC", text)
        return
    assert nfc == to_nfc(text) and back(0, len(nfc)) == (0, len(text))
    bounds = unit_bounds(nfc, back)
    for i, s in enumerate(bounds):
        for e in bounds[i:]:
            a, b = back(s, e)
            assert a <= b and to_nfc(text[a:b]) == nfc[s:e]
    for k, ch in enumerate(nfc):
        if ch in ",.( \n" or ch in "bibliotēkāĶēdeļotiņemtŪdens":
            assert k in bounds, (k, ch)
            assert k + 1 in bounds or unicodedata.combining(nfc[k + 1]), (k, ch)


# --- term extraction ------------------------------------------------------------------------------


def test_extract_terms_nfd_text():
    text = "Sociālie tīkli ir svarīgi. Biedra nauda ir jāmaksā. Šodien biedra naudu maksā daudzi."
    got = check_same_terms([nfd(text)], [text])
    # decomposed, the words broke at each mark: "socia", "kli", "odien" were candidates
    assert {c.text for c in got} >= {"biedra nauda", "sociālais tīkls"}
    assert not {"socia", "kli", "odien"} & {c.text for c in got}
    fee = next(c for c in got if c.text == "biedra nauda")
    assert [nfd(text)[o.start:o.end] for o in fee.occurrences] == [nfd("Biedra nauda"), nfd("biedra naudu")]


def test_extract_terms_nfd_segments_and_mixed_texts():
    text = nfd("Latvijas Bibliotekāru biedrība rīko semināru. Biedrības seminārā runāja bibliotekāri.")
    segs = segment_text(text, lang="lv")
    nfc_segs = segment_text(to_nfc(text), lang="lv")
    check_same_terms(segs, nfc_segs)
    mixed = [nfd("Elektroniskais katalogs ir pieejams."), "Elektroniskajā katalogā meklē grāmatas."]
    check_same_terms(mixed, [to_nfc(t) for t in mixed])


# --- property: any text of Latvian words ------------------------------------------------------------

WORDS = [
    "bibliotēka", "bibliotēkas", "bibliotēkā", "lasītava", "lasītavā", "grāmatu", "krājums", "krājumā",
    "sociālie", "tīkli", "tīklos", "biedra", "nauda", "naudu", "jāmaksā", "svarīgi", "Latvijas",
    "Nacionālā", "bibliotekāru", "biedrība", "biedrības", "ģimene", "ķēde", "ļoti", "ņemt", "šodien",
    "ūdens", "žurnāls", "žurnālā", "tālr.", "sēj.", "u.c.", "2011.", "gadā", "Rīgā", "Čaka", "izstāde",
    "apmeklētāji", "elektroniskais", "katalogs", "katalogā", "un", "ir", "bija", "Ēdoles", "pilī",
]
ENDS = [".", ".", "?", "!", "…", ":"]

sentence = st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9), st.sampled_from(ENDS)).map(
    lambda t: (t[0][0][:1].upper() + t[0][0][1:] + "".join(" " + w for w in t[0][1:]) + t[1]))
paragraph = st.lists(sentence, min_size=1, max_size=4).map(" ".join)
latvian_text = st.lists(paragraph, min_size=1, max_size=3).map("\n\n".join)


@st.composite
def forms(draw):
    """(text as given, its NFC form): wholly decomposed, or decomposed word by word at random."""
    text = draw(latvian_text)
    if draw(st.booleans()):
        given_text = nfd(text)
    else:
        words = text.split(" ")
        given_text = " ".join(nfd(w) if draw(st.booleans()) else w for w in words)
    return given_text, text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forms())
def test_nfd_and_nfc_agree(pair):
    given_text, text = pair
    assert sentences(given_text) == sentences(text)
    segs = segment_text(given_text, lang="lv")
    check_same_terms(segs, segment_text(text, lang="lv"))
    check_same_terms([given_text], [text])
