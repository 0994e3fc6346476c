"""A .po (or another download) that cannot be written does not stop the others: `lvterm po` and
`lvterm build` write every file they can, name each one they could not on stderr (one line
each), say what they wrote, and exit 2 (`exports.NotAllWritten`)."""
from __future__ import annotations

from click.testing import CliRunner

from lvterm.cli import cli


def test_po_writes_every_file_it_can(localise_db, tmp_path):
    folder = tmp_path / "locale" / "lv" / "LC_MESSAGES"
    (folder / "biedri.po").mkdir(parents=True)  # the first of the three, in their order
    result = CliRunner().invoke(cli, ["po", "--db", str(localise_db), "--out", str(tmp_path / "locale")])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"lvterm: {folder / 'biedri.po'}: cannot write: Is a directory"]
    assert result.stdout.splitlines() == [f"wrote 2 .po files in {folder}: glossary.po, tikli.po"]
    assert (folder / "glossary.po").is_file() and (folder / "tikli.po").is_file()


def test_build_writes_every_download_it_can(fixtures, tmp_path):
    site = tmp_path / "site"
    po = site / "locale" / "lv" / "LC_MESSAGES"
    (po / "biedribas-dzive.po").mkdir(parents=True)
    (site / "lvterm.tbx").mkdir()
    (po / "old.po").mkdir()  # a folder named like a stale download is not removed (nor a traceback)
    result = CliRunner().invoke(cli, ["build", "--corpus", str(fixtures / "db" / "posts"), "--termbase",
                                      str(fixtures / "db" / "termbase"), "--db", str(site / "lvterm.db")])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [f"lvterm: {po / 'biedribas-dzive.po'}: cannot write: Is a directory",
                                          f"lvterm: {site / 'lvterm.tbx'}: cannot write: Is a directory"]
    assert (po / "glossary.po").is_file() and (site / "lvterm.tsv").is_file() and (site / "lvterm.tmx").is_file()
    assert (site / "lvterm.db").is_file() and (po / "old.po").is_dir()
    assert (site / "lvterm.db.inspect.json").is_file()  # the library is served with its counts all the same
