"""lang.lexicon takes short cuts for speed (dictionary lookups before affix conditions, tables of
endings): each gives what the plain definition gives. The plain definitions are written out here,
rule by rule (and the slot loops as they were before their tables), and compared on dictionary
words, their generated forms and arbitrary strings."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.lang import lexicon, lv
from lvterm.lang.lexicon import _applies, _apply, rank

_LETTERS = "aābcčdeēfgģiījkķlļmnņoprsštuūvzž"
_SAMPLE = sorted(lexicon.get())[::997]  # a fixed sample of dictionary entries (roots)


def _plain_analyse(lx: lexicon.Lexicon, word: str) -> set:
    """Lexicon._analyse as Hunspell defines it: every prefix, every suffix rule and every suffix a
    suffix may follow, each tested with `_applies`, for every spelling variant of the word; with
    FULLSTRIP a suffix may be the whole of what is left (gāja: iet); and a negated form of
    `lexicon._NEGATED` as ne- and the form it negates, of its root alone (nav: ne- and ir of būt)."""
    whole = lx.fullstrip
    negation = next(p for p in lx.prefixes if p[3] == "ne")
    found = set()
    for variant in lx._variants(word):
        rests = [(variant, None, None)]  # (what is left, the prefix stripped, the one root it may be)
        for p in lx.prefixes:
            if variant.startswith(p[3]) and len(variant) > len(p[3]):
                rest = p[2] + variant[len(p[3]):]
                if _applies(p, rest):
                    rests.append((rest, p, None))
        rests += [(form, negation, root) for (root, form), made in lexicon._NEGATED.items() if made == variant]
        for rest, prefix, only in rests:
            candidates = [(rest, ())]
            for outer in lx.rules:
                if outer[0] != "S" or not rest.endswith(outer[3]) or len(rest) < len(outer[3]) + (not whole):
                    continue
                mid = rest[:len(rest) - len(outer[3])] + outer[2]
                if not _applies(outer, mid, full_strip=whole):
                    continue
                candidates.append((mid, (outer,)))
                for inner in lx.continued_by.get(outer[1], ()):
                    if mid.endswith(inner[3]) and len(mid) >= len(inner[3]) + (not whole):
                        root = mid[:len(mid) - len(inner[3])] + inner[2]
                        if _applies(inner, root, full_strip=whole):
                            candidates.append((root, (inner, outer)))
            for root, chain in candidates:
                for entry in lx.entries(root) if only in (None, root) else ():
                    found.update(lx._valid(word, root, entry, chain, prefix))
    return found


def _plain_chains(lx: lexicon.Lexicon, root: str, flags: str) -> list:
    """Lexicon._chains with every rule of a flag tested by `_applies` (with the dictionary's FULLSTRIP)
    and `_fits` (the rules lv_LV writes for other words)."""
    whole = lx.fullstrip
    out = [] if lx.needaffix and lx.needaffix in flags else [(root, ())]
    for flag in flags:
        if flag in lexicon._SKIP_FLAGS:
            continue
        for r in lx.by_flag.get(flag, ()):
            if r[0] != "S" or not _applies(r, root, full_strip=whole) or not lx._fits(r, root, flags):
                continue
            form = _apply(r, root)
            if not (lx.needaffix and lx.needaffix in r[5]):
                out.append((form, (r,)))
            for flag2 in r[5]:
                out += [(_apply(r2, form), (r, r2)) for r2 in lx.by_flag.get(flag2, ())
                        if r2[0] == "S" and _applies(r2, form, full_strip=whole)]
    return out


def _forms_of_sample() -> list[str]:
    lx = lexicon.get()
    return sorted({r.form for root in _SAMPLE for r in lx.expand(root, negated=True)})


def test_morph_lexicon_analysis_is_the_plain_definition_on_dictionary_forms():
    lx = lexicon.get()
    words = _forms_of_sample() + _SAMPLE + [w.capitalize() for w in _SAMPLE] + [w.upper() for w in _SAMPLE[:20]]
    words += ["nelasa", "jālasa", "vislielākais", "neliels", "sadarbošanos", "reģistrējušies", "līderi",
              "gāja", "ir", "ej", "jāiet", "jāej", "gājušajā", "esmu", "būu", "manis", "pieteicies", "erdu",
              "nav", "neir", "jābūt", "jāir", "pabūu", "izerdu", "otrā", "desmitā", "desmitajā", "puspirmais"]
    for word in words:
        assert set(lx._analyse(word)) == _plain_analyse(lx, word), word


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_LETTERS + "AĀBL", min_size=0, max_size=14))
def test_morph_lexicon_analysis_is_the_plain_definition_on_any_string(word):
    lx = lexicon.get()
    assert set(lx._analyse(word)) == _plain_analyse(lx, word)


def test_morph_lexicon_generation_is_the_plain_definition():
    lx = lexicon.get()
    for root in [*_SAMPLE, "iet", "aiziet", "būt", "pabūt", "es", "irt", "izirt", "virt", "teikt", "liet",
                 "pusviens", "otrs", "desmits"]:  # (and whole-root rules)
        for flags, _, _ in lx.entries(root):
            assert list(lx._chains(root, flags)) == _plain_chains(lx, root, flags), root


def test_morph_lexicon_reading_order_is_total():
    """Two readings never tie in `rank`, so their order does not depend on the order they are
    found in (or on string hashing): līderi is read with the flag Q and with q, Q first."""
    for word in _forms_of_sample() + ["līderi", "biedru", "ceļu"]:
        found = lexicon.readings(word)
        assert len({rank(r, word) for r in found}) == len(found), word
    assert [r.affixes for r in lexicon.readings("līderi")][:2] == [("Q",), ("q",)]


@pytest.mark.parametrize("word,stem", [("biedrībā", "biedrib"), ("e-pastā", "e-past"), ("spēļu", "spel"),
                                       ("Biedra", "biedr"), ("un", "un")])
def test_lv_stem_keys(word, stem):
    assert lv.stem(word) == stem


def _plain_noun_slots(form: str, lemma: str, declension, *, plural_only: bool = False, gender=None) -> tuple:
    """noun_slots as written before its ending tables: every ending of the declension tried."""
    endings = lexicon.NOUN_ENDINGS.get(declension or 0)
    if not endings:
        return ()
    low, lem = form.lower(), lemma.lower()
    nominative = endings[5] if plural_only else endings[0]
    if declension == 2 and not lem.endswith("is"):
        nominative, endings = "s", ("s", "s") + endings[2:]
    if declension == 1 and lem.endswith("š"):
        nominative, endings = "š", ("š",) + endings[1:]
    if not lem.endswith(nominative):
        return ()
    stem = lem[:len(lem) - len(nominative)]
    return tuple(lexicon.Slot(lexicon.CASES[i % 5], lexicon.NUMBERS[i // 5], gender)
                 for i, end in enumerate(endings) if (i >= 5 or not plural_only) and low == stem + end)


def _plain_adjective_slots(form: str, stem_form: str, *, comparative: bool = False) -> tuple:
    """adjective_slots as written before its ending table: every slot's ending compared."""
    base = lexicon.adjective_base(stem_form) + ("āk" if comparative else "")
    if not form.startswith(base):
        return ()
    ending = form[len(base):]
    return tuple(slot for slot, end in lexicon.ADJECTIVE_ENDINGS.items()
                 if end == ending or (ending == "š" and end == "s" and slot.gender == "masc"))


_ENDINGS = sorted({e for ends in lexicon.NOUN_ENDINGS.values() for e in ends} | set(lexicon.ADJECTIVE_ENDINGS.values())
                  | {"š", "ais", "i", "āk"})
_stems = st.text(alphabet=_LETTERS + "BDĀ", min_size=0, max_size=6)


@settings(max_examples=400, deadline=None)
@given(_stems, st.sampled_from(_ENDINGS), st.sampled_from(_ENDINGS), st.sampled_from([None, 0, 1, 2, 3, 4, 5, 6, 9]),
       st.booleans(), st.sampled_from([None, "masc", "fem"]))
def test_morph_lexicon_noun_slot_table_is_the_plain_loop(stem, ending, lemma_ending, declension, plural_only, gender):
    form, lemma = stem + ending, stem + lemma_ending
    assert lexicon.noun_slots(form, lemma, declension, plural_only=plural_only, gender=gender) == \
        _plain_noun_slots(form, lemma, declension, plural_only=plural_only, gender=gender)


@settings(max_examples=400, deadline=None)
@given(_stems, st.sampled_from(_ENDINGS), st.sampled_from(["s", "š", "ais", "i", ""]), st.booleans())
def test_morph_lexicon_adjective_slot_table_is_the_plain_loop(stem, ending, stem_ending, comparative):
    form = stem + ("āk" if comparative else "") + ending
    assert lexicon.adjective_slots(form, stem + stem_ending, comparative=comparative) == \
        _plain_adjective_slots(form, stem + stem_ending, comparative=comparative)


def test_morph_lexicon_slot_tables_on_the_dictionary_sample():
    """Every generated form of the sample's nouns and adjectives, slotted by both ways."""
    lx = lexicon.get()
    for root in _SAMPLE:
        for r in lx.expand(root, negated=True):
            for declension in range(1, 7):
                for plural_only in (False, True):
                    assert lexicon.noun_slots(r.form, root, declension, plural_only=plural_only) == \
                        _plain_noun_slots(r.form, root, declension, plural_only=plural_only)
            assert lexicon.adjective_slots(r.form, root) == _plain_adjective_slots(r.form, root)
