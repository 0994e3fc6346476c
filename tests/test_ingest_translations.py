"""Translations in front matter: --translation LANG, an existing counterpart file, or the previous file."""
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format

PAGE = "Lasīšanas maratons\n\nBērni lasīja visu nakti.\n"
SLUG = "lasisanas-maratons"


def _ingest(tmp_path, *extra):
    src = tmp_path / "lapa.txt"
    src.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "posts"
    out.mkdir(exist_ok=True)
    result = CliRunner().invoke(cli, ["ingest", str(src), "--lang", "lv", "--out", str(out), *extra])
    assert result.exit_code == 0, result.output
    return post_format.load(out / f"{SLUG}.lv.md"), out


def test_ingest_translations_none_by_default(tmp_path):
    post, _ = _ingest(tmp_path)
    assert post.translations == {}


def test_ingest_translations_option(tmp_path):
    post, _ = _ingest(tmp_path, "--translation", "en")
    assert post.translations == {"en": SLUG}


def test_ingest_translations_from_counterpart_file(tmp_path):
    out = tmp_path / "posts"
    out.mkdir()
    (out / f"{SLUG}.en.md").write_text(f"---\nslug: {SLUG}\nlang: en\ntitle: Reading marathon\n---\n\nX.\n",
                                       encoding="utf-8")
    post, _ = _ingest(tmp_path)
    assert post.translations == {"en": SLUG}


def test_ingest_translations_kept_on_reingest(tmp_path):
    _ingest(tmp_path, "--translation", "en")
    post, _ = _ingest(tmp_path)  # no option, no counterpart: the previous declaration stays
    assert post.translations == {"en": SLUG}
