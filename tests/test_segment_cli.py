"""`lvterm segment FILE --lang lv|en` with click's CliRunner."""
import json

import pytest
from click.testing import CliRunner

from lvterm.cli import cli

POST = """---
slug: izstade
lang: lv
title: Izstāde
---

Izstāde atvērta 2026. gada 15. decembrī plkst. 10.00. Ieeja – bez maksas u.c.

Sīkāk: www.lnb.lv. Paldies!
"""


def run(*args):
    return CliRunner().invoke(cli, ["segment", *map(str, args)])


def test_segment_cli_plain_text_one_sentence_per_line(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Tas notika 2011. gadā. Bija lekcijas\nu.c. Nākamajā gadā...\n\nProf. J. Bērziņš runāja.\n",
                 encoding="utf-8")
    result = run(f, "--lang", "lv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Tas notika 2011. gadā.", "Bija lekcijas u.c.", "Nākamajā gadā...", "Prof. J. Bērziņš runāja."]


def test_segment_cli_post_file_detects_front_matter(tmp_path):
    f = tmp_path / "izstade.lv.md"
    f.write_text(POST, encoding="utf-8")
    result = run(f)  # the post's own lang
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Izstāde atvērta 2026. gada 15. decembrī plkst. 10.00.", "Ieeja – bez maksas u.c.",
        "Sīkāk: www.lnb.lv.", "Paldies!"]


def test_segment_cli_english(tmp_path):
    f = tmp_path / "e.txt"
    f.write_text("Dr. Smith came at 9 a.m. on Monday. See pp. 12–15, e.g. the maps. Bye!", encoding="utf-8")
    result = run(f, "--lang", "en")
    assert result.output.splitlines() == [
        "Dr. Smith came at 9 a.m. on Monday.", "See pp. 12–15, e.g. the maps.", "Bye!"]


def test_segment_cli_json_offsets(tmp_path):
    f = tmp_path / "izstade.lv.md"
    f.write_text(POST, encoding="utf-8")
    rows = [json.loads(line) for line in run(f, "--lang", "lv", "--json").output.splitlines()]
    assert rows[2] == {"index": 2, "paragraph": 1, "start": 0, "end": 18, "text": "Sīkāk: www.lnb.lv."}


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"\x00\x01binary\x00", "binary file"),
    (b"Labi\n\xff\xfe teksts", "a.txt:2: undecodable bytes: byte 0xFF at offset 5 is not UTF-8, and the file is "
                              "not Windows-1257 text"),
    (b"---\nlang: lv\n", "front matter"),
])
def test_segment_cli_bad_input_one_line_exit_2(tmp_path, content, message):
    f = tmp_path / "a.txt"
    f.write_bytes(content)
    result = run(f, "--lang", "lv")
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "a.txt" in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_segment_cli_bom_and_crlf(tmp_path, encoding):
    f = tmp_path / "a.txt"
    f.write_bytes("Tas bija 2011.\r\nNākamajā gadā u.c. Beigas.\r\n\r\nOtrs.\r\n".encode(encoding))
    result = run(f, "--lang", "lv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["Tas bija 2011.", "Nākamajā gadā u.c.", "Beigas.", "Otrs."]


def test_segment_cli_plain_text_needs_lang(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Teksts.", encoding="utf-8")
    result = run(f)
    assert result.exit_code == 2 and "--lang" in result.output


def test_segment_cli_missing_file(tmp_path):
    assert run(tmp_path / "nav.txt", "--lang", "lv").exit_code == 2


def test_segment_cli_reads_a_legacy_latvian_text_as_align_does(tmp_path):
    """A plain Latvian text in Windows-1257 is read as `lvterm align` and `lvterm extract` read it;
    a post file stays Unicode only, as `lvterm build` reads posts."""
    text = "Rīgā 2011. gadā notika konference. Bibliotēku speciālisti apsprieda tīklošanu.\n"
    plain = tmp_path / "vecs.txt"
    plain.write_bytes(text.encode("cp1257"))
    result = run(plain, "--lang", "lv")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["Rīgā 2011. gadā notika konference.",
                                          "Bibliotēku speciālisti apsprieda tīklošanu."]
    post = tmp_path / "vecs.lv.md"
    post.write_bytes(("---\ntitle: Konference\nlang: lv\n---\n" + text).encode("cp1257"))
    result = run(post)
    assert result.exit_code == 2 and result.output.strip() == f"lvterm: {post}:5: not UTF-8 text"
