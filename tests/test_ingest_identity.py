"""Which post file a post updates: its identity (a WordPress post id of its blog, else its source),
never its slug. A different post with the same title takes a free `-N` slug and leaves the file
there as it was; an edited title updates the old file, keeping its slug and its translation; one
post read twice in a run (a file given twice, two dated exports of one blog) is written once.
"""
from __future__ import annotations

from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format
from lvterm.models import Post

SITE = "bibliotekas.example.lv"


def export(*items: tuple[int, str, str], site: str = SITE) -> str:
    """A one-language WordPress export of `site`: items (post id, title, body)."""
    body = "".join(
        f"<item><title>{title}</title><content:encoded><![CDATA[<p>{text}</p>]]></content:encoded>"
        f"<wp:post_id>{pid}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>\n"
        for pid, title, text in items)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">'
            f"\n<channel>\n<link>https://{site}</link>\n{body}</channel>\n</rss>\n")


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


def snapshot(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def two_summaries(tmp_path):
    """A folder where posts 217 and 218 of the blog, both titled "Gada kopsavilkums", are paired
    with their English translations."""
    out = tmp_path / "posts"
    out.mkdir()
    for slug, pid, en in (("gada-kopsavilkums", "217", "year-in-review"),
                          ("gada-kopsavilkums-2", "218", "year-in-review-2")):
        lv = Post(slug=slug, lang="lv", title="Gada kopsavilkums", paragraphs=(f"Raksta {pid} teksts.",),
                  source="vecs.xml", translations={"en": en}, meta={"wp_post_id": pid, "wp_site": SITE})
        english = Post(slug=en, lang="en", title="Year in review", paragraphs=(f"Text of post {pid}.",),
                       source="old.xml", translations={"lv": slug})
        for post in (lv, english):
            (out / f"{post.id}.md").write_text(post_format.dumps_ingested(post)[0], encoding="utf-8")  # as ingested
    return out


def test_ingest_identity_a_post_updates_its_own_file_not_the_same_titled_one(tmp_path):
    out = two_summaries(tmp_path)
    before = snapshot(out)
    (tmp_path / "julijs.xml").write_text(export((218, "Gada kopsavilkums", "Raksta 218 jaunais teksts.")),
                                         encoding="utf-8")
    result = ingest(tmp_path / "julijs.xml", "--lang", "lv", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"updated {out / 'gada-kopsavilkums-2.lv.md'}"  # its own file, updated
    after = snapshot(out)
    assert {n for n in after if after[n] != before.get(n)} == {"gada-kopsavilkums-2.lv.md"}
    post = post_format.load(out / "gada-kopsavilkums-2.lv.md")
    assert post.paragraphs == ("Raksta 218 jaunais teksts.",)
    assert post.translations == {"en": "year-in-review-2"}  # its own translation, not post 217's


def test_ingest_identity_another_source_with_the_same_title_takes_a_free_slug(tmp_path):
    out = two_summaries(tmp_path)
    before = snapshot(out)
    md = tmp_path / "kopsavilkums-2013.md"
    md.write_text("---\ntitle: Gada kopsavilkums\nlang: lv\n---\n\n2013. gadā notika 42 pasākumi.\n",
                  encoding="utf-8")
    result = ingest(md, "--out", out)
    assert result.exit_code == 0, result.output
    after = snapshot(out)
    assert {n: after[n] for n in before} == before  # nothing of the posts there is lost
    assert set(after) - set(before) == {"gada-kopsavilkums-3.lv.md"}
    assert post_format.load(out / "gada-kopsavilkums-3.lv.md").translations == {}
    again = ingest(md, "--out", out)  # the same source again: its own file updated, no -4
    assert again.exit_code == 0 and set(snapshot(out)) == set(after)


def test_ingest_identity_an_edited_title_updates_the_old_file(tmp_path):
    out = two_summaries(tmp_path)
    (tmp_path / "labots.xml").write_text(export((217, "Gada kopsavilkums 2011", "Raksta 217 labotais teksts.")),
                                         encoding="utf-8")
    result = ingest(tmp_path / "labots.xml", "--lang", "lv", "--out", out)
    assert result.exit_code == 0, result.output
    assert not (out / "gada-kopsavilkums-2011.lv.md").exists()
    post = post_format.load(out / "gada-kopsavilkums.lv.md")
    assert (post.title, post.paragraphs) == ("Gada kopsavilkums 2011", ("Raksta 217 labotais teksts.",))
    assert post.translations == {"en": "year-in-review"}
    assert post_format.load(out / "year-in-review.en.md").translations == {"lv": "gada-kopsavilkums"}


def test_ingest_identity_an_edited_scraped_title_updates_the_old_file(tmp_path):
    out = tmp_path / "posts"
    out.mkdir()
    page = tmp_path / "lapa.txt"
    page.write_text("Lasītava pārceļas\n\nLasītava no pirmdienas ir otrajā stāvā.\n", encoding="utf-8")
    assert ingest(page, "--lang", "lv", "--out", out).exit_code == 0
    page.write_text("Lasītava pārcelta\n\nLasītava no pirmdienas ir otrajā stāvā.\n", encoding="utf-8")
    assert ingest(page, "--lang", "lv", "--out", out).exit_code == 0
    assert [p.name for p in out.iterdir()] == ["lasitava-parcelas.lv.md"]
    assert post_format.load(out / "lasitava-parcelas.lv.md").title == "Lasītava pārcelta"


def test_ingest_identity_one_post_read_twice_in_a_run_is_written_once(tmp_path):
    out = tmp_path / "posts"
    out.mkdir()
    june = tmp_path / "2011-06.xml"
    july = tmp_path / "2011-07.xml"
    june.write_text(export((217, "Gada kopsavilkums", "Vecais teksts."), (218, "Gada kopsavilkums", "Cits raksts.")),
                    encoding="utf-8")
    july.write_text(export((217, "Gada kopsavilkums", "Jaunais teksts.")), encoding="utf-8")
    result = ingest(june, june, july, "--lang", "lv", "--out", out)  # one file twice, two dated exports
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["gada-kopsavilkums-2.lv.md", "gada-kopsavilkums.lv.md"]
    posts = {p.meta["wp_post_id"]: p for p in post_format.load_corpus(out)}
    assert posts["217"].paragraphs == ("Jaunais teksts.",)  # the last read wins
    assert posts["218"].paragraphs == ("Cits raksts.",)


def test_ingest_identity_post_ids_are_per_blog(tmp_path):
    out = two_summaries(tmp_path)
    before = snapshot(out)
    (tmp_path / "cits.xml").write_text(export((218, "Gada kopsavilkums", "Citas bibliotēkas gads."),
                                              site="cita.example.lv"), encoding="utf-8")
    result = ingest(tmp_path / "cits.xml", "--lang", "lv", "--out", out)
    assert result.exit_code == 0, result.output
    after = snapshot(out)
    assert {n: after[n] for n in before} == before
    assert set(after) - set(before) == {"gada-kopsavilkums-3.lv.md"}


def test_ingest_identity_two_files_of_one_post_are_reported_not_overwritten(tmp_path):
    out = two_summaries(tmp_path)
    copy = post_format.loads((out / "gada-kopsavilkums.lv.md").read_text(encoding="utf-8"))
    twin = Post(**{**copy.__dict__, "slug": "gada-kopsavilkums-kopija", "translations": {}})
    (out / "gada-kopsavilkums-kopija.lv.md").write_text(post_format.dumps(twin), encoding="utf-8")
    before = snapshot(out)
    (tmp_path / "e.xml").write_text(export((217, "Gada kopsavilkums", "Jauns.")), encoding="utf-8")
    result = ingest(tmp_path / "e.xml", "--lang", "lv", "--out", out)
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert ("2 post files of" in line and "hold this post (wp_post_id 217 of bibliotekas.example.lv): "
            "gada-kopsavilkums-kopija.lv, gada-kopsavilkums.lv; not written" in line), line
    assert snapshot(out) == before


def test_ingest_identity_slug_option_never_takes_another_posts_file(tmp_path):
    out = two_summaries(tmp_path)
    before = snapshot(out)
    md = tmp_path / "cits.md"
    md.write_text("---\ntitle: Cits raksts\nlang: lv\n---\n\nTeksts.\n", encoding="utf-8")
    result = ingest(md, "--out", out, "--slug", "gada-kopsavilkums")
    assert result.exit_code == 2
    assert "--slug gada-kopsavilkums: gada-kopsavilkums.lv in" in result.stderr
    assert "is another post; nothing written" in result.stderr
    assert snapshot(out) == before


def page(folder, title, text):
    """A scraped page `folder/index.html` (no WordPress id: its identity is its source)."""
    folder.mkdir()
    (folder / "index.html").write_text(
        f'<!doctype html><html lang="lv"><head><title>{title}</title></head><body>'
        f'<div class="entry-content"><p>{text}</p></div></body></html>', encoding="utf-8")


def test_ingest_identity_another_page_read_from_the_same_path_is_a_new_post(tmp_path, monkeypatch):
    """`curl URL > index.html; lvterm ingest index.html` for two pages: the source path as typed
    is the same, the posts are not (another title, slug and text)."""
    out = tmp_path / "out"
    out.mkdir()
    page(tmp_path / "a", "Bibliotēku nedēļa", "Bibliotēku nedēļā notiks lasījumi.")
    page(tmp_path / "b", "Lasītāju konference", "Konferencē runās lasītāji.")
    for folder in ("a", "b"):
        monkeypatch.chdir(tmp_path / folder)
        result = ingest("index.html", "--out", "../out")
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["biblioteku-nedela.lv.md", "lasitaju-konference.lv.md"]
    assert post_format.load(out / "biblioteku-nedela.lv.md").paragraphs == ("Bibliotēku nedēļā notiks lasījumi.",)
    page(tmp_path / "c", "Jaunas grāmatas", "Bibliotēkā ir jaunas grāmatas.")
    monkeypatch.chdir(tmp_path / "c")  # a third page of that name: new too, not "keep one of them"
    result = ingest("index.html", "--out", "../out")
    assert result.exit_code == 0, result.output
    assert len(list(out.iterdir())) == 3


def test_ingest_identity_a_relative_and_an_absolute_path_of_one_file_are_one_post(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    page(tmp_path / "a", "Bibliotēku nedēļa", "Bibliotēku nedēļā notiks lasījumi.")
    monkeypatch.chdir(tmp_path / "a")
    assert ingest("index.html", "--out", out).exit_code == 0
    assert post_format.load(out / "biblioteku-nedela.lv.md").source == "index.html"  # as typed
    (tmp_path / "a" / "index.html").write_text((tmp_path / "a" / "index.html").read_text(encoding="utf-8")
                                               .replace("notiks lasījumi", "notiks dzejas lasījumi"), encoding="utf-8")
    result = ingest(tmp_path / "a" / "index.html", "--out", out)
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == ["biblioteku-nedela.lv.md"]
    assert post_format.load(out / "biblioteku-nedela.lv.md").paragraphs == ("Bibliotēku nedēļā notiks dzejas lasījumi.",)
