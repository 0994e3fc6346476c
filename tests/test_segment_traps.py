"""Latvian and English traps, each with the exact split we expect."""
import pytest

from lvterm.segment import segment_text

LV = [
    # ordinals and dates
    ["Tas notika 2011. gadā.", "Tad sākās jauns posms."],
    ["Konference notiks 15. decembrī.", "Reģistrācija līdz 24.11.2026. plkst. 17.00."],
    ["Projekts beidzās 2016.", "Nākamajā gadā sākās jauns."],
    ["Likumu pieņēma 13. Saeima."],
    ["Rezultāti būs zināmi 15.12.2026.", "Uzvarētāji saņems balvas."],
    # abbreviations mid-sentence and at the end
    ["Krājumā ir grāmatas, kartes u.c.", "Nākamajā dienā bibliotēka atvērās."],
    ["Krājumā ir grāmatas, kartes u. c.", "Nākamajā dienā bibliotēka atvērās."],
    ["Lasītavā ir datori, skeneri u.c. tehniskie līdzekļi."],
    ["Lasītavā ir datori, skeneri u. c. tehniskie līdzekļi."],
    ["Programmā ir referāti, darbnīcas utt.", "Dalība ir bez maksas."],
    ["Ir 120 vietas, t.sk. 20 ar datoriem, t.i. lasītavā."],
    ["Viesi, piem. Somijas kolēģi, ieradās apm. plkst. 9.00."],
    ["Bibliotēka dibināta 1524. g.", "Tā ir ļoti veca."],
    ["Pirmā grāmata iespiesta 1525. g. Lībekā."],
    ["Restaurēts 20. gs.", "Tagad digitalizēts."],
    ["Skatīt 12. lpp.", "Tur ir tabula."],
    ["Tālr. 67806100, dokuments Nr. 5."],
    ["Runāja Prof. J. Bērziņš, Dr. A. Ozola un Mg. L. Kalniņa."],
    ["Vadīja Dr. philol. A. Ozola un Mg. sc. soc. L. Kalniņa."],
    # URLs, e-mail, domains
    ["Ikviens zina Draugiem.lv portālu.", "Vairāk: www.lnb.lv.", "Raksti: info@lnb.lv.", "Paldies!"],
    ["Saite: https://www.lnb.lv/lv/jaunumi?gads=2026.", "Tur ir viss."],
    # quotes, ellipses, ?!, dashes
    ["Viņa teica: „Es rakstu katru rītu.”", "Tad viņa aizgāja."],
    ["„Vai tiešām?” viņa jautāja."],
    ["„Kas zina?!”", "Zālē smējās."],
    ["Izstādē „Grāmata. Laiks. Cilvēks” ir 200 eksponātu."],
    ["Viņš gaidīja…", "Un tad atnāca vēstule."],
    ["Vārds palika nezināms... vismaz pagaidām."],
    ["Rīts bija auksts […] Vakarā sāka snigt."],
    ["– Vai nāksi? – viņa jautāja.", "– Jā!"],
    ["Struktūra ir sarežģīta – komitejas, sekcijas u.c."],
    ["Līgumi noslēgti ar kompānijām.", "”AGL” cer uz labu sadarbību."],
    ["Notika 3. Latvijas bibliotekāru kongress."],
    ["Dzejniece (dz. 1952. g. Cēsīs) ir t.s. Atmodas paaudzes autore.", "Viņu vadīja inž. K. Liepa."],
    ["Krājumā ir grāmatas, kartes u.c.", "2012. gadā tas tika digitalizēts."],
    ["Tas notika 1991. g. 21. augustā."],
    # without diacritics
    ["Biblioteka strada lidz 19.", "Lasitaji var nakt ari sestdienas."],
]

EN = [
    ["Dr. Smith arrived at 9 a.m. on Monday.", "He left at 5 p.m.", "Then it rained."],
    ["We collect maps, e.g. sea charts, and letters, i.e. private ones."],
    ["We collect maps, letters, etc.", "The rest is online."],
    ["See pp. 12–19 and No. 5 of Vol. 3."],
    ["It was 2019.", "It sold out."],
    ["\"Can I borrow it?\" asked the boy.", "\"Of course.\""],
    ["The manuscript stops...", "Nobody knows why."],
    ["Was he interrupted?!", "We may never know."],
    ["Edited by J. R. Hughes and Mr. A. M. Clarke of St. Andrews."],
    ["Visit www.lnb.lv.", "Or write to info@example.org."],
    ["A U.S. District Judge ruled on it.", "He grew up in the U.S.", "The rest is history."],
    ["Lt. Cmdr. Patrick Evans spoke for Akropolis LT.", "The merger is due in October."],
    ["It is about 300.", "Afterwards, she left."],
    ["The inn (est. 1890) stands below Mt. Everest.", "It is closed."],
]


def _split(sentences, lang):
    return [s.text for s in segment_text(" ".join(sentences), lang=lang)]


@pytest.mark.parametrize("sentences", LV, ids=lambda s: s[0][:40])
def test_segment_lv_trap(sentences):
    assert _split(sentences, "lv") == sentences


@pytest.mark.parametrize("sentences", EN, ids=lambda s: s[0][:40])
def test_segment_en_trap(sentences):
    assert _split(sentences, "en") == sentences


def test_segment_blank_lines_are_hard_paragraph_boundaries():
    segs = segment_text("Pirmais teikums bez punkta\n\nOtrais u.c.\n   \nTrešais.\nTurpinās", lang="lv")
    assert [(s.paragraph, s.text) for s in segs] == [
        (0, "Pirmais teikums bez punkta"), (1, "Otrais u.c."), (2, "Trešais."), (2, "Turpinās")]
    assert [s.index for s in segs] == [0, 1, 2, 3]


def test_segment_single_newline_is_not_a_boundary():
    segs = segment_text("Teikums turpinās\nnākamajā rindā.", lang="lv")
    assert [s.text for s in segs] == ["Teikums turpinās\nnākamajā rindā."]
