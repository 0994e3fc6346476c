"""Encodings detected without being told: UTF-8, UTF-8 with BOM, UTF-16 with BOM, Windows-1257; NFC."""
import codecs
import json
import unicodedata

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.errors import InputError
from lvterm.ingest import detect, ingest

# Every Latvian letter, both cases, and punctuation Windows-1257 has (en dash, „quotes”, ©).
PAGE = ("Posted in Valodas jautājumi\n\n"
        "Garumzīmes un mīkstinājumi\n\n"
        "© Ilze Ķēniņa, 2010\n\n"
        "Latviešu burti: ā č ē ģ ī ķ ļ ņ š ū ž – Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž.\n\n"
        "Vecākos failos tos bieži glabā „Windows-1257” kodējumā.\n\n"
        "Advertisements\n")

ENCODED = {
    "utf-8": PAGE.encode("utf-8"),
    "utf-8-sig": codecs.BOM_UTF8 + PAGE.encode("utf-8"),
    "utf-16-le": codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
    "utf-16-be": codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"),
    "cp1257": PAGE.encode("cp1257"),
    "utf-8-crlf": PAGE.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_ingest_encoding_decoded_without_being_told(name):
    decoded = detect.decode(ENCODED[name], path=f"lapa.{name}.txt")
    assert decoded.text == PAGE


@pytest.mark.parametrize("name", sorted(ENCODED))
def test_ingest_encoding_gives_the_same_post(name, tmp_path):
    path = tmp_path / f"lapa-{name}.txt"
    path.write_bytes(ENCODED[name])
    (post,) = ingest([path], lang="lv")
    assert post.title == "Garumzīmes un mīkstinājumi"
    assert post.author == "Ilze Ķēniņa" and post.date == "2010" and post.category == "Valodas jautājumi"
    assert post.paragraphs == ("Latviešu burti: ā č ē ģ ī ķ ļ ņ š ū ž – Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž.",
                               "Vecākos failos tos bieži glabā „Windows-1257” kodējumā.")


def test_ingest_encoding_reports_what_it_found():
    assert detect.decode(ENCODED["cp1257"]).encoding == "cp1257"
    assert detect.decode(ENCODED["utf-16-le"]).encoding == "utf-16"
    assert detect.decode(ENCODED["utf-8-sig"]).encoding == "utf-8-sig"


def test_ingest_nfd_input_is_normalised_and_recorded(tmp_path):
    nfd = unicodedata.normalize("NFD", "Virsraksts\n\nSkolēni lasa grāmatas.\n")
    path = tmp_path / "nfd.txt"
    path.write_text(nfd, encoding="utf-8")
    (post,) = ingest([path], lang="lv")
    assert post.paragraphs == ("Skolēni lasa grāmatas.",)
    assert unicodedata.is_normalized("NFC", post.paragraphs[0])
    kinds = [(r.kind, r.after, r.offset) for r in post.repairs]
    assert kinds == [("normalise-unicode", "Skolēni", 0), ("normalise-unicode", "grāmatas.", 14)]  # NFD offsets


def test_ingest_nfc_changes_have_offsets_into_the_text_as_received():
    raw = "a\u0304bols un ka\u030c"
    text, changes = detect.nfc(raw)
    assert text == "ābols un kǎ"
    for c in changes:
        assert raw[c.offset:c.offset + len(c.before)] == c.before
        assert unicodedata.normalize("NFC", c.before) == c.after


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"  \n\r\n\t", "empty file"),
    (codecs.BOM_UTF8, "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    ("bez BOM".encode("utf-16-le"), "binary file"),
    (b"pirm\xc4\x81 rinda\notr\xc4\x81 \x81\x83 rinda\n", "undecodable bytes"),
    (bytes(range(1, 32)) * 20, "binary file"),
])
def test_ingest_bad_bytes_are_refused(data, message):
    with pytest.raises(InputError) as info:
        detect.decode(data, path="slikts.txt")
    assert message in str(info.value)
    assert str(info.value).startswith("slikts.txt")


def test_ingest_undecodable_bytes_name_the_line():
    with pytest.raises(InputError) as info:
        detect.decode("pirmā\notrā\ntrešā ".encode("utf-8") + b"\x81\n", path="x.txt")
    assert str(info.value).startswith("x.txt:3: undecodable bytes")


def test_ingest_encoding_cli_json(tmp_path):
    for name in ("utf-16-le", "cp1257"):
        (tmp_path / f"{name}.txt").write_bytes(ENCODED[name])
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "utf-16-le.txt"), str(tmp_path / "cp1257.txt"),
                                      "--lang", "lv", "--json"])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["source"].endswith("utf-16-le.txt") and second["source"].endswith("cp1257.txt")
    assert second["slug"] == first["slug"] + "-2"  # one title twice in a run: the later post is numbered
    for key in ("title", "author", "date", "category", "copyright", "paragraphs", "repairs"):
        assert first[key] == second[key]


@pytest.mark.parametrize("data", [
    b"Teksts \xff\xfe\xfa",  # modifier marks, not Windows-1257 text
    "Latviešu teksts ar garumzīmēm".encode("utf-8") + b" \xe9 beigas",  # damaged UTF-8, not Windows-1257
])
def test_ingest_damaged_utf8_is_not_taken_for_cp1257(data):
    with pytest.raises(InputError, match="undecodable bytes"):
        detect.decode(data, path="x.txt")


def test_ingest_committed_encoding_fixtures(fixtures):
    folder = fixtures / "ingest" / "encodings"
    expected = {"page.utf-8.txt": "utf-8", "page.utf-8-bom.txt": "utf-8-sig", "page.utf-16-bom.txt": "utf-16",
                "page.utf-16be-bom.txt": "utf-16", "page.cp1257.txt": "cp1257"}
    for name, encoding in expected.items():
        decoded = detect.decode((folder / name).read_bytes(), path=name)
        assert (decoded.encoding, decoded.text) == (encoding, PAGE)
