"""Numbered list items, emoticons, "U.S." before a sentence, and sentences spelt in lower case.

Each case is a paragraph (line breaks kept) with the exact sentences we expect; the comments name
what went wrong before (list numbers split off as sentences of their own, no end after an emoticon,
"U.S. Members" read as a name, "e-katalogs" not taken as a sentence's first word).
"""
import pytest

from lvterm.segment import segment_paragraphs, segment_text
from lvterm.segment.rules import rule_starts, sentence_starts

LISTS_LV = [
    # items on their own lines: each number stays with its item ("1." | "Atklāšana." before)
    ("Valdes sēdes darba kārtība:\n1. Iepriekšējās sēdes protokola apstiprināšana.\n"
     "2. Pārskats par biedru naudām.\n3. Citi jautājumi.",
     ["Valdes sēdes darba kārtība:", "1. Iepriekšējās sēdes protokola apstiprināšana.",
      "2. Pārskats par biedru naudām.", "3. Citi jautājumi."]),
    # items without full stops, under a heading without a colon
    ("Semināra programma\n1. Reģistrācija\n2. Lekcija par autortiesībām\n3. Diskusija",
     ["Semināra programma", "1. Reģistrācija", "2. Lekcija par autortiesībām", "3. Diskusija"]),
    # the same list written on one line
    ("Sanāksmē izskatīja divus jautājumus: 1. Jaunā krājuma izvietošana. 2. Lasītāju aptaujas rezultāti.",
     ["Sanāksmē izskatīja divus jautājumus:", "1. Jaunā krājuma izvietošana.",
      "2. Lasītāju aptaujas rezultāti."]),
    # an item's own sentences, then the next item
    ("Ieteikumi:\n1. Rezervējiet grāmatas laikus. Rindas ir garas.\n2. Atdodiet tās termiņā.",
     ["Ieteikumi:", "1. Rezervējiet grāmatas laikus.", "Rindas ir garas.", "2. Atdodiet tās termiņā."]),
]

PARAGRAPHS_LV = [
    # an item that is a paragraph of its own, and an ordinal opening a paragraph
    (["Pasākuma plāns:", "1. Svinīgā atklāšana.", "2. Apbalvošana."],
     [["Pasākuma plāns:"], ["1. Svinīgā atklāšana."], ["2. Apbalvošana."]]),
    (["2016. Gada bibliotēkas balvu saņēma Cēsu bibliotēka."],
     [["2016. Gada bibliotēkas balvu saņēma Cēsu bibliotēka."]]),
]

STILL_SPLIT_LV = [
    # a year ending a sentence mid-line is still an end
    ["Projekts noslēdzās 2016.", "Nākamajā gadā sākās jauns."],
    # a number after a question is no list item unless a list counted from 1 came before
    ["Cik biedru bija kongresā?", "120.", "Tas ir jauns rekords."],
]

LISTS_EN = [
    ("Agenda\n1. Opening.\n2. Annual report.\n3. Any other business.",
     ["Agenda", "1. Opening.", "2. Annual report.", "3. Any other business."]),
    ("Before you come:\n1. Book a seat.\n2. Bring your card.",
     ["Before you come:", "1. Book a seat.", "2. Bring your card."]),
]

EMOTICONS = [
    # (lang, sentences): the end comes after the emoticon, before the capital
    ("lv", ["Jaunās lasītavas atklāšana visus iepriecināja :)", "Nākamajā dienā rinda bija gara."]),
    ("lv", ["Izstāde bija lieliska! :)", "Nākamgad to rīkosim atkal."]),
    ("lv", ["Grāmatu maiņas diena neizdevās :(", "Mēģināsim vēlreiz rudenī."]),
    ("lv", ["Paldies visiem brīvprātīgajiem! ❤️", "Tiksimies nākamajā talkā."]),
    ("lv", ["Lasītāji bija sajūsmā 😀", "Daudzi jautāja par turpinājumu."]),
    ("lv", ["Konkursa uzvarētāji jau zināmi:)", "Apbalvošana notiks piektdien."]),
    ("en", ["Wow! :-)", "That was a great workshop."]),
    ("en", ["The new reading room is finally open ;)", "Come and see it."]),
    # no end: a lower-case word follows, or the emoticon is in mid-sentence before a name
    ("lv", ["Paldies :) un uz tikšanos!"]),
    ("lv", ["Mēs ❤️ Rīgas bibliotēkas un to lasītājus."]),
]

US = [
    ["The annual meeting moved to the U.S.", "Members came from many countries."],
    ["The archive was shipped to the U.S.", "Some letters were lost on the way."],
    ["The U.S. Securities and Exchange Commission asked for the records."],
    ["The U.S. Congress funded the library for decades."],
    ["A U.S. District Judge ruled on it."],
    ["The U.S. No. 1 seed lost in the first round."],
]

LOWER_OPENERS = [
    ("lv", ["Jauno katalogu izstrādāja SIA „Tieto Latvia”.", "e-katalogs darbojas kopš 2012. gada."]),
    ("lv", ["Lasītavā ir desmit datori.", "e-grāmatas var lasīt arī mājās."]),
    ("lv", ["Vai jau esat reģistrējušies?", "e-pakalpojumi ir pieejami visiem lasītājiem."]),
    ("en", ["Our branch lent its first e-reader in 2010.", "iPads came two years later."]),
    # after an abbreviation or a number a lower-case word goes on as before
    ("lv", ["Jautājumus sūtiet, piem. e-pastā, vai zvaniet."]),
    ("lv", ["Tas notika 2011. e-katalogs vēl nebija gatavs."]),
]


def _texts(text, lang):
    return [s.text for s in segment_text(text, lang=lang)]


@pytest.mark.parametrize("text, want", LISTS_LV, ids=lambda x: x[:30] if isinstance(x, str) else None)
def test_list_items_keep_their_numbers_lv(text, want):
    assert _texts(text, "lv") == want


@pytest.mark.parametrize("paragraphs, want", PARAGRAPHS_LV)
def test_a_number_opening_a_paragraph_ends_no_sentence(paragraphs, want):
    segs = segment_paragraphs(paragraphs, lang="lv")
    assert [[s.text for s in segs if s.paragraph == p] for p in range(len(paragraphs))] == want


@pytest.mark.parametrize("sentences", STILL_SPLIT_LV, ids=lambda s: s[0][:30])
def test_numbers_ending_sentences_still_end_them(sentences):
    assert _texts(" ".join(sentences), "lv") == sentences


def test_a_number_alone_on_its_line_is_no_list_item():
    assert _texts("Sanāksme notika\n15.12.2026.\nTajā piedalījās 50 cilvēku.", "lv") == [
        "Sanāksme notika\n15.12.2026.", "Tajā piedalījās 50 cilvēku."]


@pytest.mark.parametrize("text, want", LISTS_EN, ids=lambda x: x[:20] if isinstance(x, str) else None)
def test_list_items_keep_their_numbers_en(text, want):
    assert _texts(text, "en") == want


@pytest.mark.parametrize("lang, sentences", EMOTICONS, ids=lambda x: x if isinstance(x, str) else x[0][:30])
def test_emoticons_end_sentences(lang, sentences):
    assert _texts(" ".join(sentences), lang) == sentences


@pytest.mark.parametrize("sentences", US, ids=lambda s: s[0][:40])
def test_us_before_a_sentence_or_a_name(sentences):
    assert _texts(" ".join(sentences), "en") == sentences


@pytest.mark.parametrize("lang, sentences", LOWER_OPENERS, ids=lambda x: x if isinstance(x, str) else x[0][:30])
def test_sentences_spelt_in_lower_case(lang, sentences):
    assert _texts(" ".join(sentences), lang) == sentences


@pytest.mark.parametrize("text, lang", [(t, "lv") for t, _ in LISTS_LV] + [(t, "en") for t, _ in LISTS_EN]
                         + [(" ".join(s), lang) for lang, s in EMOTICONS])
def test_rules_alone_agree(text, lang):
    """`rule_starts` (our rules alone: English falls back to them when pysbd fails) starts the same
    sentences here as `sentence_starts` (with pysbd for English)."""
    assert rule_starts(text, lang=lang) == sentence_starts(text, lang=lang)
