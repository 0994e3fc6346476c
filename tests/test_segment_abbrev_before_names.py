"""An abbreviation that may end a sentence, before a capitalised word that goes on with it.

Latvian "u.c." ("un citi/citas") and "u.tml." ("un tamlīdzīgi") close a list and may take the list's
head noun, which a proper name in the genitive can begin ("muzeji u.c. Latvijas kultūras
iestādes"): the sentence goes on when the head, after the name and any genitives, agrees with the
list's last member, a plural, in case and number together. Before, every capital after them started
a sentence. English "U.S." ends a sentence only as the country, "the U.S." in mid-sentence, with
adjectives or not ("the whole U.S."): bare, or after a sentence's "The", it modifies what follows
("U.S. Marines said …"), which was split before. Each case also keeps the ends that must stay: the
same abbreviations closing a sentence before a new one.
"""
import pytest

from lvterm.segment import segment_text
from lvterm.segment.rules import rule_starts, sentence_starts

# split after the abbreviation before
GOES_ON_LV = [
    ["Izstādē piedalās muzeji, arhīvi u.c. Latvijas kultūras iestādes."],
    # the head after genitives: "pilsētu" is no head, "bibliotēkās" agrees with "muzejos"
    ["Pasākumi notiks skolās, muzejos u.c. Kurzemes pilsētu bibliotēkās."],
    # a name of two words in the genitive
    ["Kursos piedalījās bibliotekāri, skolotāji u.c. Latvijas Universitātes studenti."],
    # dative, past a genitive that reads as a nominative plural too
    ["Atbalsts paredzēts bibliotēkām, muzejiem u.c. Vidzemes kultūras iestādēm."],
    # written apart
    ["Darbnīcās piedalījās skolēni, studenti u. c. Rīgas iedzīvotāji."],
    ["Bibliotēka iegādājās datorus, skenerus u.tml. Latvijas ražotāju iekārtas."],
    # the list in mid-sentence, the paragraph going on
    ["Akcijā iesaistījās bibliotēkas, skolas u.c. Latgales iestādes, un tā ilga mēnesi.",
     "Nākamgad to atkārtos."],
    # a genitive plural head that ends the phrase: "Latvijas izdevumu." is no sentence
    ["Bibliotēkā ir daudz grāmatu, žurnālu u.c. Latvijas izdevumu."],
    # a list of singular names: the plural head agrees in case (each was split for a while)
    ["Pasākumā piedalījās Rīga, Liepāja u.c. Latvijas pilsētas."],
    ["Seminārs notika Rīgā, Liepājā u.c. Latvijas pilsētās."],
    ["Sadarbojas Latvija, Lietuva, Igaunija u.c. Eiropas valstis."],
    # an acronym declines not: any case
    ["Piedalījās Latvijas Universitāte, RTU u.c. Latvijas augstskolas."],
]

# sentences that must stay apart
ENDS_LV = [
    # the head is in another case: a sentence in the locative opens
    ["Krājumā ir grāmatas, žurnāli u.c.", "Latvijas bibliotēkās tos var pasūtīt caur katalogu."],
    # a singular head: "citi" takes a plural
    ["Pasākumā bija lekcijas, darbnīcas u.c.", "Latvijas Nacionālā bibliotēka tos rīko katru gadu."],
    # a common noun, not a name, in the genitive ("Balvu": of the prizes; "Ziņojuma": of the report)
    ["Žūrijā darbojās kritiķi, tulkotāji u.c.", "Balvu pasniegšana notiks aprīlī."],
    ["Ziņojumā ir piemēri no Somijas, Igaunijas u.c.", "Ziņojuma beigās ir plašs avotu saraksts."],
    # a name, but not in the genitive
    ["Bibliotēka piedāvā grāmatas, žurnālus u.c.", "Rīgā tos var saņemt arī pa pastu."],
    # "utt." ("un tā tālāk") takes no head noun: even a genitive name after it opens a sentence
    ["Programmā ir referāti, diskusijas utt.", "Latvijas bibliotekāri tajās piedalās aktīvi."],
    ["Ēkā ir lasītavas, izstāžu telpas u.tml.", "Kā piemēru var minēt jauno bibliotēku."],
    # a case shared in another number: "grāmatu" is a genitive plural, "bibliotēkas" a genitive
    # singular or a nominative plural, and "bibliotēku" a genitive plural too, but the attribute of
    # "krājumi", which agrees with nothing; "žurnālus" (acc. plural) and "krājumi" (nom. plural)
    ["Bija daudz grāmatu u.c.", "Latvijas bibliotēkas ir atvērtas."],
    ["Mums ir daudz grāmatu, žurnālu u.c.", "Latvijas bibliotēkas tās izsniedz lasītājiem."],
    ["Pirkām grāmatas, žurnālus u.c.", "Latvijas bibliotēku krājumi ir lieli."],
    ["Tas attiecas uz skolotāju, bibliotekāru u.c.", "Latvijas bibliotēkas darbinieki to zina."],
    ["Bija daudz grāmatu u.c.", "Latvijas bibliotēku krājumi ir lieli."],
    # "kultūras" reads as a nominative plural too, but a genitive before a noun is its attribute
    ["Krājumā ir grāmatas, žurnāli u.c.", "Latvijas kultūras iestādēs tos var pasūtīt."],
]

# abbreviations that never end a sentence: unchanged, before a name as before anything
NEVER_END_LV = [
    "Grāmata saņēma vairākas balvas, t.sk. Latvijas Zinātņu akadēmijas balvu.",
    "Atbalstu var meklēt, piem. Rīgas pašvaldības fondā.",
    "Noteikumus sk. Latvijas Bibliotekāru biedrības vietnē.",
]

GOES_ON_EN = [
    "U.S. Marines said they would stay another week.",
    "The U.S. Marines said the base would stay open.",
    "On Monday, U.S. Marines left the port.",
    "Two U.S. Marines were hurt in the crash.",
    "Officials said U.S. Rangers had reached the town.",
    "U.S. Treasuries rallied after the report.",
    "Two U.K. Conservatives voted against the bill.",
    # after "the", a number or a participle keeps "U.S." a modifier
    "They met the two U.S. Marines at the base.",
    "He visited the wounded U.S. Marines in hospital.",
]

ENDS_EN = [
    ["The annual meeting moved to the U.S.", "Members came from many countries."],
    ["The archive was shipped to the U.K.", "Readers asked for it at once."],
    ["He grew up in the U.S.", "Some letters were lost on the way."],
    ["The delegation flew back to the U.S.", "The next year they returned."],
    # the country with adjectives between "the" and "U.S."
    ["He toured the whole U.S.", "Libraries there were big."],
    ["She travelled across the continental U.S.", "Libraries there were big."],
    ["They drove across the whole continental U.S.", "Libraries there were big."],
]


def _texts(text, lang):
    return [s.text for s in segment_text(text, lang=lang)]


@pytest.mark.parametrize("word, cases", [
    ("grāmatu", {"gen"}), ("bibliotēkas", {"nom", "acc"}), ("krājumi", {"nom"}),
    ("žurnālus", {"acc"}), ("bibliotēkās", {"loc"}), ("iestādēm", {"dat"}),
    # words the lexicon lacks: the plural endings of the declensions
    ("skeneriem", {"dat"}), ("skenerus", {"acc"}),
    # no plural reading: a singular genitive, a nominative singular, a verb
    ("Latvijas", set()), ("bibliotēka", set()), ("izsniedz", set())])
def test_plural_cases_read_case_and_number_together(word, cases):
    from lvterm.lang.lv import plural_cases

    assert plural_cases(word) == cases


@pytest.mark.parametrize("sentences", GOES_ON_LV, ids=lambda s: s[0][:40])
def test_a_name_beginning_the_lists_head_goes_on(sentences):
    assert _texts(" ".join(sentences), "lv") == sentences


@pytest.mark.parametrize("sentences", ENDS_LV, ids=lambda s: s[1][:30])
def test_a_new_sentence_after_the_list_still_starts(sentences):
    assert _texts(" ".join(sentences), "lv") == sentences


@pytest.mark.parametrize("text", NEVER_END_LV, ids=lambda t: t[:30])
def test_never_final_abbreviations_before_a_name(text):
    assert _texts(text, "lv") == [text]


@pytest.mark.parametrize("text", GOES_ON_EN, ids=lambda t: t[:40])
def test_a_bare_us_modifies_the_name_after_it(text):
    assert _texts(text, "en") == [text]


@pytest.mark.parametrize("sentences", ENDS_EN, ids=lambda s: s[1][:30])
def test_the_us_still_ends_a_sentence(sentences):
    assert _texts(" ".join(sentences), "en") == sentences


@pytest.mark.parametrize("text", GOES_ON_EN + [" ".join(s) for s in ENDS_EN])
def test_english_rules_alone_and_with_pysbd_agree(text):
    """The same starts from our rules alone (English falls back to them when pysbd fails), with
    pysbd where it can change the outcome, and with pysbd on the whole paragraph."""
    assert rule_starts(text, lang="en") == sentence_starts(text, lang="en") \
        == sentence_starts(text, lang="en", pysbd="always")
