"""The seed post's Latvian body (corpus/raw, lines 7-21) segments sensibly."""
import pytest

from lvterm.segment import segment_text


@pytest.fixture(scope="module")
def seed_body(root):
    lines = (root / "corpus" / "raw" / "000_fdb2608ceedbb337.txt").read_text(encoding="utf-8").splitlines()
    body = "\n".join(lines[6:21])
    assert body.startswith("Piektās nedēļas ietvaros") and body.endswith("savā interešu jomā.")
    return body


def test_segment_seed_sentences_per_paragraph(seed_body):
    segs = segment_text(seed_body, lang="lv")
    per_paragraph = [sum(1 for s in segs if s.paragraph == p) for p in range(8)]
    assert per_paragraph == [1, 2, 3, 4, 4, 3, 3, 1]


def test_segment_seed_uc_at_sentence_end_and_domain_kept(seed_body):
    texts = [s.text for s in segment_text(seed_body, lang="lv")]
    assert any(t.endswith("apaļie galdi, diskusiju grupas u.c.") for t in texts)
    assert any(t.startswith("Kā piemēru Latvijas profesionālajām organizācijām") for t in texts)
    assert any("sociālo tīklu Draugiem.lv, tad pasaulē" in t for t in texts)
    assert all(t.endswith(".") for t in texts)


def test_segment_corpus_posts_end_every_sentence_with_punctuation(root):
    """Both posts of the corpus (Latvian seed and its English equivalent) segment cleanly."""
    from lvterm.formats.post import load_corpus
    from lvterm.segment import segment_post

    posts = load_corpus(root / "corpus" / "posts")
    assert {p.lang for p in posts} >= {"lv", "en"}
    for post in posts:
        segs = segment_post(post)
        assert len(segs) >= len(post.paragraphs)
        for s in segs:
            assert s.text == post.paragraphs[s.paragraph][s.start:s.end]
            assert s.text[-1] in ".!?…:”\"", (post.id, s.text)
