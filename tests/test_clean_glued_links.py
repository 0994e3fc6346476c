"""Glued link texts: split only where both parts stand alone; record every split; never touch the rest."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lvterm.ingest.clean import repair_glued_links
from lvterm.ingest.rules import default_rules


def _repair(paragraphs, lang="lv"):
    return repair_glued_links(list(paragraphs), lang=lang, rules=default_rules().glued)


def test_clean_glued_links_split_on_post_evidence():
    paras = ["Biedri: Latvijas Bibliotekāru biedrībuLatvijas Skolu bibliotekāru biedrību un citas.",
             "LISNPNLATnetwork ir divi tīkli. LISNPN ir vecāks, LATnetwork jaunāks."]
    out, repairs = _repair(paras)
    assert out == ["Biedri: Latvijas Bibliotekāru biedrību Latvijas Skolu bibliotekāru biedrību un citas.",
                   "LISNPN LATnetwork ir divi tīkli. LISNPN ir vecāks, LATnetwork jaunāks."]
    assert [(r.kind, r.before, r.after, r.paragraph, r.offset) for r in repairs] == [
        ("split-glued-link", "biedrībuLatvijas", "biedrību Latvijas", 0, 30),
        ("split-glued-link", "LISNPNLATnetwork", "LISNPN LATnetwork", 1, 0),
    ]


def test_clean_glued_links_split_on_word_list_evidence():
    out, repairs = _repair(["Atbalstīja novada pašvaldībaLatvijas bibliotēkas."])
    assert out == ["Atbalstīja novada pašvaldība Latvijas bibliotēkas."]
    assert repairs[0].offset == len("Atbalstīja novada ")


def test_clean_glued_links_three_parts():
    out, _ = _repair(["Tīkli: LISNPN, CILIP un LATnetwork. Saites: LISNPNCILIPLATnetwork."])
    assert out == ["Tīkli: LISNPN, CILIP un LATnetwork. Saites: LISNPN CILIP LATnetwork."]


@pytest.mark.parametrize("token", ["LinkedIn", "CILIP", "Draugiem.lv", "CPD23", "YouTube", "iPhone", "McDonald",
                                   "WordPress.com", "LATnetwork", "PowerPoint", "eBay", "LNB", "ĀČĒ"])
def test_clean_glued_links_leave_mixed_case_words(token):
    para = f"Tīklā {token} reģistrējušies daudzi bibliotekāri, arī Latvijas un In speciālisti."
    out, repairs = _repair([para])
    assert out == [para] and repairs == []


def test_clean_glued_links_need_both_parts():
    """'profesionālāsOrganizācijas' is fine, but 'xyzLatvijas' has no evidence for 'xyz'."""
    out, repairs = _repair(["Darbojas profesionālāsOrganizācijas un qzxLatvijas."])
    assert out == ["Darbojas profesionālās Organizācijas un qzxLatvijas."]
    assert [r.before for r in repairs] == ["profesionālāsOrganizācijas"]


def test_clean_glued_links_english_post():
    out, repairs = _repair(["Members of the Library AssociationSchool Librarians joined LinkedIn."], lang="en")
    assert out == ["Members of the Library Association School Librarians joined LinkedIn."]
    assert len(repairs) == 1


WORDS = st.sampled_from(["Latvijas", "biedrību", "un", "LISNPN", "LATnetwork", "CILIP", "LinkedIn", "bibliotēka",
                         "Skolu", "tīkls", "Draugiem.lv", "CPD23", "–", "u.c.", "(sestais", "uzdevums),"])
TOKENS = st.lists(st.lists(WORDS, min_size=1, max_size=3).map("".join), min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(st.lists(TOKENS.map(" ".join), min_size=1, max_size=3))
def test_clean_glued_links_only_insert_recorded_spaces(paragraphs):
    """Invariant: output = input plus the recorded spaces; undoing the repairs gives the input back."""
    out, repairs = _repair(paragraphs)
    assert len(out) == len(paragraphs)
    for index, (before, after) in enumerate(zip(paragraphs, out)):
        mine = [r for r in repairs if r.paragraph == index]
        assert after.replace(" ", "") == before.replace(" ", "")
        assert len(after) - len(before) == sum(len(r.after) - len(r.before) for r in mine)
        for r in mine:
            assert before[r.offset:r.offset + len(r.before)] == r.before
            assert r.after.replace(" ", "") == r.before
        undone = after
        for r in sorted(mine, key=lambda r: r.offset):  # left to right: the text before r is as received
            start = r.offset
            assert undone[start:start + len(r.after)] == r.after
            undone = undone[:start] + r.before + undone[start + len(r.after):]
        assert undone == before
