"""Decomposed text (NFD, as pasted from macOS) given to the Python API: `segment_text` and
`extract_terms` read it as its NFC form, as every file and command reads text, and their offsets
still index the caller's own string."""
import unicodedata
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lvterm.segment import segment_paragraphs, segment_text, split_paragraphs
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
    # Hangul jamo compose across starters: the units fall back to the runs between white space
    jamo = "\u1100\u1161 a\u0304."
    nfc, back = nfc_spans(jamo)
    assert nfc == "\uac00 ā."
    assert back(0, 1) == (0, 2) and back(1, 2) == (2, 3) and back(2, 3) == (3, 6) and back(2, 4) == (3, 6)


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
