"""Stem, fold and lemma keys: the keys terms and lookups match on."""
import pytest

from lvterm.lang import en, get, lv


@pytest.mark.parametrize("forms", [
    ("biedra nauda", "biedra naudu", "biedra naudas", "Biedra naudā"),
    ("tīklošana", "tīklošanu", "tiklosanu", "TĪKLOŠANAS"),
    ("sociālie tīkli", "sociālajos tīklos", "socialajos tiklos"),
    ("Latvijas Bibliotekāru biedrība", "Latvijas Bibliotekāru biedrībā", "latvijas bibliotekaru biedribu"),
])
def test_lang_keys_lv_inflected_and_unaccented_forms_share_a_stem_key(forms):
    assert len({lv.stem_key(f) for f in forms}) == 1


def test_lang_keys_lv_different_words_keep_different_keys():
    assert lv.stem_key("biedra nauda") != lv.stem_key("biedrība")
    assert lv.stem_key("tīkls") != lv.stem_key("tīklošana")


@pytest.mark.parametrize("a,b", [("membership fees", "membership fee"), ("social networks", "social network"),
                                 ("libraries", "library"), ("meetings", "meeting"), ("Networking", "networking")])
def test_lang_keys_en_plurals_share_a_stem_key(a, b):
    assert en.stem_key(a) == en.stem_key(b)


def test_lang_keys_en_ing_nouns_stay_apart_from_their_verb():
    """'networking' (tīklošana) is a term of its own, not the plural of 'network' (tīkls)."""
    assert en.stem_key("networking") != en.stem_key("networks")
    assert en.stem_key("networking") == "networking"


def test_lang_keys_fold_removes_latvian_diacritics_only():
    assert lv.fold_key("Āčēģīķļņšūž") == "acegiklnsuz"
    assert lv.fold_key("2011. gadā") == "2011 gada"


def test_lang_keys_other_languages_fall_back_to_generic_keys():
    de = get("de")
    assert de.fold_key("Über Bibliothek") == "uber bibliothek"


def test_lang_keys_en_lemma_key_keeps_ing_nouns_too():
    """The lemma key lookup falls back on must not undo the stem key's choice: a search for
    'networks' (tīkli) is no match for the term 'networking' (tīklošana)."""
    assert en.lemma_key("networking") != en.lemma_key("networks")
    assert en.lemma_key("Meetings") == en.lemma_key("meeting")
    assert en.lemma_key("membership fees") == "membership fee"


@pytest.mark.parametrize("forms", [("e-pasts", "e-pastu", "e-pastā", "E-PASTS"),
                                   ("e-grāmata", "e-grāmatas", "e-gramatu")])
def test_lang_keys_lv_hyphenated_word_inflects_at_its_end(forms):
    """One shared rule (lookup, FTS stems, extraction, check-po), not a check-po special case."""
    assert len({lv.stem_key(f) for f in forms}) == 1
    assert lv.stem_key(forms[0]) != lv.stem_key(forms[0].split("-")[1])  # the prefix still counts


def test_lang_keys_networks_finds_the_network_entry_not_networking(tmp_path, root):
    """The curated termbase keeps tīkls/network and tīklošana/networking apart."""
    from lvterm.build import build_library
    from lvterm.terms.lookup import lookup

    db = tmp_path / "lvterm.db"
    build_library(corpus=root / "corpus" / "posts", termbase=root / "termbase", db_path=db)
    assert lookup("networks", db_path=db, lang="en")[0]["lv"] == "tīkls"
    assert lookup("networking", db_path=db, lang="en")[0]["lv"] == "tīklošana"
    assert lookup("tīklos", db_path=db, lang="lv")[0]["en"] == "network"
