"""lang.lexicon and lv_LV's FULLSTRIP: rules that strip a whole root (iet -> gāja, būt -> ir) are read
in analysis as in generation, and the forms lv_LV's rules make that are no Latvian words (Hunspell
accepts them too) are neither made nor read: jāej, būu, pieteikies, jāir, izerdu (the `_RULE_FIXES`,
`_CONDITION_FIXES`, `_ENTRY_RULES`, `_NEGATED` tables and `Lexicon._limits`)."""
from __future__ import annotations

import shutil

import pytest

from lvterm.lang import lexicon, lv
from lvterm.lang.lexicon import DATA_DIR, Lexicon


@pytest.mark.parametrize("word,lemma", [
    ("gāja", "iet"), ("gāju", "iet"), ("ej", "iet"), ("ejot", "iet"), ("iešu", "iet"),
    ("gājušajā", "iet"),  # two suffixes: the inner one strips the whole root
    ("ir", "būt"), ("esmu", "būt"), ("esi", "būt"), ("esam", "būt"), ("bija", "būt"), ("būs", "būt"),
    ("manis", "es"), ("tevī", "tu"),
    ("jāiet", "iet"), ("jāaiziet", "aiziet"),  # the debitive of iet: jā- and its third person
    ("pieteicies", "pieteikties"),
])
def test_morph_lexicon_suppletive_forms_have_their_lemma(word, lemma):
    assert lexicon.lemmas(word)[0] == (lemma, "VERB" if lemma not in ("es", "tu") else "PRON")
    assert lv.lemma_info(word) == (lemma, "lexicon")  # what lookup's lemma key reads


def test_morph_lexicon_ir_is_a_form_of_buut_not_a_word_of_its_own():
    """lv_LV lists ir again, uninflected (`ir/= po:saiklis`): that is the form listed alone."""
    assert [(r.lemma, r.kind) for r in lexicon.readings("ir")] == [("būt", "verb"), ("ir", "form")]
    assert lexicon.lemmas("ir") == (("būt", "VERB"),)


def test_morph_lexicon_fullstrip_forms_are_in_the_paradigm():
    assert {"eju", "ej", "ejam", "ejiet", "ejot", "gāju", "gāja", "gājām", "gājis", "iešu", "jāiet"} \
        <= set(lexicon.forms("iet", pos="VERB"))
    assert {"esmu", "esi", "ir", "esam", "esat", "esot", "biju", "bija", "būšu", "būs"} \
        <= set(lexicon.forms("būt", pos="VERB"))
    assert lexicon.forms("es") == ("es", "manis", "man", "mani", "manī")


@pytest.mark.parametrize("lemma,wrong,right", [
    ("iet", {"jāej"}, {"jāiet"}),  # viņš iet: the debitive is jā- and the third person
    ("aiziet", {"jāaizej"}, {"jāaiziet"}),
    ("liet", set(), {"jālej"}),  # viņš lej: here the same rule is right
    ("būt", {"būu", "būi", "bū", "būam", "būat", "būiet", "būot", "jābū"}, {"esmu"}),  # A's -t verbs' rules
    ("pieteikties", {"pieteikies"}, {"pieteicies", "pieteikusies", "pieteikušies"}),  # participle, masc. sing.
    ("atteikties", {"atteikies"}, {"atteicies"}),
    ("es", {"ea", "eam", "eu", "eiem"}, {"manis"}),  # V's rules for adjectives
    ("irt", {"erdu", "erd", "jāerd"}, {"īru"}),  # 9's rules for virt (verdu)
])
def test_morph_lexicon_makes_no_wrong_forms(lemma, wrong, right):
    made = set(lexicon.forms(lemma))
    assert not wrong & made and right <= made
    assert all(lemma not in {r.lemma for r in lexicon.readings(w)} for w in wrong)


def test_morph_lexicon_wrong_forms_are_no_words():
    for word in ("jāej", "būu", "bū", "jābū", "pieteikies", "atteikies", "ea", "eu", "erdu"):
        assert lexicon.readings(word) == (), word


@pytest.mark.parametrize("word,lemma", [("pieteicies", "pieteikties"), ("aizdedzies", "aizdegties"),
                                        ("aizsācies", "aizsākties"), ("lūdzies", "lūgties")])
def test_morph_lexicon_past_participle_of_kt_gt_verbs_alternates(word, lemma):
    """-kt, -gt verbs: k, g -> c, dz before the participle's -ies (aizsākies, aizdegies stay words:
    the past tense of aizsākties, aizdegties, made by another rule)."""
    assert (lemma, "participle") in {(r.lemma, r.kind) for r in lexicon.readings(word)}


def test_lv_verb_forms_of_iet_and_buut():
    go, be = set(lv.verb_forms("iet")), set(lv.verb_forms("būt"))
    assert {"gāja", "negāja", "ej", "jāiet"} <= go and "jāej" not in go
    assert {"esmu", "ir", "bija", "nebija", "būs"} <= be and not {"būu", "nebūu", "jābū"} & be
    assert "pieteikies" not in lv.verb_forms("pieteikties")


def test_morph_lexicon_fixes_are_made_when_the_dictionary_is_compiled(tmp_path, monkeypatch):
    """The corrections are the compiled dictionary's, whatever entries it has."""
    monkeypatch.setenv("LVTERM_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "dic"
    folder.mkdir()
    shutil.copy(DATA_DIR / "lv_LV.aff", folder / "lv_LV.aff")
    words = ["iet/ADB0357Jadb+j-", "liet/AEB0358Jeb)+-* po:darbv11t", "būt/AEB38Jj-",
             "teikt/8EB035ebJ9(+-&j po:darbv14t"]
    (folder / "lv_LV.dic").write_text(f"{len(words)}\n" + "\n".join(words) + "\n", encoding="utf-8")
    lx = Lexicon.load(folder)
    assert [r.lemma for r in lx.readings("gāja")] == ["iet"] and [r.lemma for r in lx.readings("jāiet")] == ["iet"]
    assert lx.readings("jāej") == () and lx.readings("būu") == () and lx.readings("teikies") == ()
    assert {"teicies", "jālej", "esmu"} <= {r.form for root in ("teikt", "liet", "būt") for r in lx.expand(root)}


def test_morph_lexicon_debitive_of_buut_is_jaabuut():
    """Viņam jābūt klāt: the debitive of būt is jā- and the infinitive, not jā- and ir."""
    made = set(lexicon.forms("būt"))
    assert "jābūt" in made and "jāir" not in made
    assert ("būt", "VERB") in lexicon.lemmas("jābūt")
    assert "būt" not in {r.lemma for r in lexicon.readings("jāir")}  # lv_LV's own entry jāir/= only
    assert {"jāpabūt"} <= set(lexicon.forms("pabūt")) and "jāpair" not in lexicon.forms("pabūt")
    assert "jābūt" in lv.verb_forms("būt")


def test_morph_lexicon_negated_ir_is_nav():
    """Grāmatas plauktā nav: ir negated is nav, never neir."""
    assert "neir" not in lv.verb_forms("būt") and "nav" in lv.verb_forms("būt")
    assert lexicon.readings("neir") == () and lexicon.lemmas("Neir") == ()
    assert ("nebūt", "VERB") in lexicon.lemmas("nav") and lexicon.lemmas("nav")[0] == ("nav", "ADV")
    made = set(lexicon.forms("nebūt"))
    assert "nav" in made and "neir" not in made and {"nebija", "nebūs", "neesmu"} <= made
    assert lexicon.negated("lasīt", "lasa") == "nelasa"


@pytest.mark.parametrize("verb,wrong", [
    ("izirt", {"izerdu", "izerd", "jāizerd", "izerdam"}), ("aizirt", {"aizerdu", "jāaizerd"}),
    ("sairt", {"saerdu", "saerd"}), ("irt", {"erdu"}),  # 9's rules for virt (verdu) strip any -irt
    ("pabūt", {"pabūu", "pabū", "jāpabū", "jāpair", "pabūam"}),  # A's rules for other -t verbs
    ("sabūt", {"sabūu", "jāsabū"}),
])
def test_morph_lexicon_prefixed_verbs_get_no_wrong_forms(verb, wrong):
    made = set(lexicon.forms(verb))
    assert made and not wrong & made
    assert all(lexicon.readings(w) == () for w in wrong), [w for w in wrong if lexicon.readings(w)]


def test_morph_lexicon_virt_keeps_its_present():
    assert {"verdu", "verd", "jāverd"} <= set(lexicon.forms("virt"))
    assert lexicon.lemmas("verdu") == (("virt", "VERB"),)


@pytest.mark.parametrize("word", ["man", "mani", "Man", "tev", "tevi"])
def test_morph_lexicon_personal_pronoun_forms_are_the_pronoun(word):
    """Man patīk lasīt; viņš mani aicināja: man, mani are es (lv_LV's own forms of it), not the
    vocative or plural of the rare noun mans."""
    assert lexicon.lemmas(word)[0][1] == "PRON" and lexicon.lemmas(word)[0][0] in ("es", "tu")
    assert lv.lemma(word) in ("es", "tu")
    assert lexicon.lemmas("mana")[0] == ("mana", "NOUN")  # a noun's own nominative keeps its place
