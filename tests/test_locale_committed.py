"""locale/ holds what `lvterm po` writes for the committed corpus: the test fails when it is stale."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from lvterm.exports import export_po


def _po_files(folder):
    return {p.name: p.read_bytes() for p in sorted((folder / "lv" / "LC_MESSAGES").glob("*.po"))}


def test_locale_committed_matches_lvterm_po(root, repo_library, tmp_path, monkeypatch):
    monkeypatch.chdir(root)  # `lvterm po` runs from the repository: references read corpus/posts/...
    export_po(db=repo_library, out=tmp_path / "locale")
    committed, fresh = _po_files(root / "locale"), _po_files(tmp_path / "locale")
    assert sorted(committed) == sorted(fresh), "run `lvterm build && lvterm po` and commit locale/"
    stale = [name for name in fresh if committed[name] != fresh[name]]
    assert not stale, f"locale/ is stale ({', '.join(stale)}): run `lvterm build && lvterm po` and commit it"


def test_locale_committed_is_deterministic_and_has_no_clock_time(root):
    import re

    for name, data in _po_files(root / "locale").items():
        text = data.decode("utf-8")
        assert "POT-Creation-Date" not in text, name
        # a date from the corpus (its latest post), never the clock's minutes or 1970
        stamp = re.search(r'"PO-Revision-Date: (.*?)\\n"', text).group(1)
        assert re.fullmatch(r"(19|20)\d\d-\d\d-\d\d 00:00\+0000", stamp) and not stamp.startswith("1970"), stamp


def test_locale_committed_passes_msgfmt_check(root, tmp_path):
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    for path in sorted((root / "locale" / "lv" / "LC_MESSAGES").glob("*.po")):
        run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "out.mo"), str(path)],
                             capture_output=True, text=True)
        assert run.returncode == 0 and "warning" not in run.stderr, (path.name, run.stderr)
