"""`lvterm serve` finds its Datasette metadata from any folder: ./metadata.yml first, else the
package's own (`lvterm/data/metadata.yml`, a link to the repository's metadata.yml that a wheel
holds as a copy). From a pip-installed wheel, serving a replica's library outside the repository
stopped with "metadata file not found"."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import lvterm
from lvterm.serve import find_metadata


def test_serve_metadata_found_outside_the_repository(tmp_path, monkeypatch, root):
    monkeypatch.chdir(tmp_path)  # no metadata.yml here
    found = find_metadata()
    assert found == Path(lvterm.__file__).resolve().parent / "data" / "metadata.yml"
    assert found.read_bytes() == (root / "metadata.yml").read_bytes()  # the link, not a second copy to keep


def test_serve_metadata_in_the_current_folder_comes_first(tmp_path, monkeypatch):
    (tmp_path / "metadata.yml").write_text("title: mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert find_metadata() == tmp_path / "metadata.yml"


@pytest.mark.slow
def test_serve_metadata_is_in_the_wheel(tmp_path, root):
    import shutil
    import subprocess
    import sys

    # a copy of what the wheel is made of: setuptools works in the project's build/, the library's folder
    project = tmp_path / "project"
    shutil.copytree(root / "src", project / "src", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE", "metadata.yml"):
        shutil.copy(root / name, project / name)
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", str(project), "-w", str(tmp_path), "--no-deps",
                          "--no-build-isolation"], capture_output=True, text=True)
    if run.returncode != 0:
        why = [line for line in run.stderr.splitlines() if line.strip() and not line.lstrip().startswith("hint:")]
        pytest.skip("cannot build a wheel here: " + " | ".join(why[-4:]))  # (pip's last lines: the cause)
    [wheel] = tmp_path.glob("lvterm-*.whl")
    with zipfile.ZipFile(wheel) as whl:
        assert whl.read("lvterm/data/metadata.yml") == (root / "metadata.yml").read_bytes()
