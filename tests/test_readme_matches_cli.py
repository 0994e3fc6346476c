"""The README documents every command, and its shown outputs are what the commands print."""
from __future__ import annotations

import os
import re

import click
from click.testing import CliRunner

from lvterm.cli import cli


def _readme(root) -> str:
    return (root / "README.md").read_text(encoding="utf-8")


def test_readme_documents_every_command(root):
    readme = _readme(root)
    names = []
    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            names += [f"{name} {sub}" for sub in command.commands]
        else:
            names.append(name)
    missing = [n for n in sorted(names) if f"lvterm {n}" not in readme]
    assert not missing, f"commands the README never shows: {missing}"


def test_readme_check_po_example_is_real_output(root, fixtures, monkeypatch):
    block = re.search(r"\$ \(cd tests/fixtures/po && lvterm (check-po [^\n]+)\)\n(.*?)\n```", _readme(root), re.S)
    assert block, "the README's check-po example is missing"
    monkeypatch.chdir(fixtures / "po")
    result = CliRunner().invoke(cli, block.group(1).split() + ["--db", os.devnull])
    assert result.exit_code == 1
    assert result.output.strip() == block.group(2).strip()


def test_readme_make_test_builds_the_default_library(root):
    # The CLI commands read build/lvterm.db by default; after `make test` (as after `make serve`)
    # it must exist, so `make test` builds it first. `make -n` prints the recipe without running it.
    import shutil
    import subprocess

    import pytest

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    recipe = subprocess.run(["make", "-n", "-W", "pyproject.toml", "test"], cwd=root, capture_output=True,
                            text=True, check=True).stdout
    lines = recipe.splitlines()
    build = next(i for i, line in enumerate(lines) if line.endswith("lvterm build"))
    tests = next(i for i, line in enumerate(lines) if "pytest" in line)
    assert build < tests
    assert "build the library" in _readme(root).split("make test", 1)[1].splitlines()[0]
