"""Every case form of the Latvian personal, reflexive, demonstrative, interrogative, relative,
possessive and indefinite pronouns is a pronoun: the closed list had gaps ("tos", "šos", "viņus",
"kurus", "manī", "šā" ...), and `analyse` took those forms for nouns. The forms are written out
here independently of `lv.PRONOUNS`: nominative, genitive, dative, accusative, locative, singular
then plural, masculine then the feminine forms that differ."""
from __future__ import annotations

import pytest

from lvterm.lang import lv

PARADIGMS = {
    "es": "es manis man mani manī",
    "tu": "tu tevis tev tevi tevī",
    "mēs": "mēs mūsu mums mūs mūsos",
    "jūs": "jūs jūsu jums jūs jūsos",
    "sevis": "sevis sev sevi sevī",
    "viņš": "viņš viņa viņam viņu viņā viņi viņu viņiem viņus viņos",
    "viņa": "viņa viņas viņai viņu viņā viņas viņu viņām viņas viņās",
    "tas": "tas tā tam to tajā tanī tie to tiem tos tajos tanīs",
    "tā": "tā tās tai to tajā tanī tās to tām tās tajās tanīs",
    "šis": "šis šī šā šim šo šajā šinī šie šo šiem šos šajos šinīs",
    "šī": "šī šīs šās šai šo šajā šinī šīs šo šīm šīs šajās šinīs",
    "šitas": "šitas šitā šitam šito šitajā šitie šitiem šitos šitajos šitās šitai šitām šitajās",
    "kas": "kas kam ko",  # "kā" is a subordinator first ("tāpat kā")
    "nekas": "nekas nekam neko",  # "nekā": "than"
    "jebkas": "jebkas jebkā jebkam jebko",
    "kurš": "kurš kura kuram kuru kurā kuri kuru kuriem kurus kuros",
    "kura": "kura kuras kurai kuru kurā kuras kuru kurām kuras kurās",
    "jebkurš": "jebkurš jebkura jebkuram jebkuru jebkurā jebkuri jebkuriem jebkurus jebkuros "
               "jebkuras jebkurai jebkurām jebkurās",
    "kāds": "kāds kāda kādam kādu kādā kādi kādiem kādus kādos kādas kādai kādām kādās",
    "nekāds": "nekāds nekāda nekādam nekādu nekādā nekādi nekādiem nekādus nekādos nekādas nekādai "
              "nekādām nekādās",
    "jebkāds": "jebkāds jebkāda jebkādam jebkādu jebkādā jebkādi jebkādiem jebkādus jebkādos "
               "jebkādas jebkādai jebkādām jebkādās",
    "tāds": "tāds tāda tādam tādu tādā tādi tādiem tādus tādos tādas tādai tādām tādās",
    "šāds": "šāds šāda šādam šādu šādā šādi šādiem šādus šādos šādas šādai šādām šādās",
    "pats": "pats paša pašam pašu pašā paši pašiem pašus pašos pati pašas pašai pašām pašās",
    "viss": "viss visa visam visu visā visi visiem visus visos visas visai visām visās",
    "katrs": "katrs katra katram katru katrā katri katriem katrus katros katras katrai katrām katrās",
    "ikkatrs": "ikkatrs ikkatra ikkatram ikkatru ikkatrā",
    "cits": "cits cita citam citu citā citi citiem citus citos citas citai citām citās",
    "dažs": "dažs daža dažam dažu dažā daži dažiem dažus dažos dažas dažai dažām dažās",
    "neviens": "neviens neviena nevienam nevienu nevienā nevieni nevieniem nevienus nevienos "
               "nevienas nevienai nevienām nevienās",
    "ikviens": "ikviens ikviena ikvienam ikvienu ikvienā ikvieni ikvieniem ikvienus ikvienos "
               "ikvienas ikvienai ikvienām ikvienās",
    "mans": "mans mana manam manu manā mani maniem manus manos manas manai manām manās",
    "tavs": "tavs tava tavam tavu tavā tavi taviem tavus tavos tavas tavai tavām tavās",
    "savs": "savs sava savam savu savā savi saviem savus savos savas savai savām savās",
}
FORMS = sorted({(lemma, form) for lemma, forms in PARADIGMS.items() for form in forms.split()})


@pytest.mark.parametrize("lemma,form", FORMS, ids=[f"{lemma}:{form}" for lemma, form in FORMS])
def test_every_case_form_is_a_pronoun(lemma, form):
    assert lv.analyse(form).pos == "PRON", (lemma, form, lv.analyse(form))
    # opening a sentence too ("Tos var pasūtīt …")
    assert lv.analyse(form[0].upper() + form[1:], sent_start=True).pos == "PRON"


@pytest.mark.parametrize("word", ["kā", "nekā"])
def test_subordinators_stay_subordinators(word):
    assert lv.analyse(word).pos == "SCONJ"


@pytest.mark.parametrize("word", ["tosts", "visums", "citāts", "kurss", "pašvaldība", "katalogs",
                                  "savienība", "dažādība", "manna"])
def test_nouns_that_begin_like_pronouns_stay_nouns(word):
    assert lv.analyse(word).pos == "NOUN"

