"""The README documents every command, and its shown outputs are what the commands print."""
from __future__ import annotations

import os
import re

import click
from click.testing import CliRunner

from lvterm.cli import cli


def _readme(root) -> str:
    return (root / "README.md").read_text(encoding="utf-8")


def test_contract_readme_documents_every_command(root):
    readme = _readme(root)
    names = []
    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            names += [f"{name} {sub}" for sub in command.commands]
        else:
            names.append(name)
    missing = [n for n in sorted(names) if f"lvterm {n}" not in readme]
    assert not missing, f"commands the README never shows: {missing}"


def test_contract_readme_check_po_example_is_real_output(root, fixtures, monkeypatch):
    block = re.search(r"\$ cd tests/fixtures/po && lvterm (check-po [^\n]+)\n(.*?)\n```", _readme(root), re.S)
    assert block, "the README's check-po example is missing"
    monkeypatch.chdir(fixtures / "po")
    result = CliRunner().invoke(cli, block.group(1).split() + ["--db", os.devnull])
    assert result.exit_code == 1
    assert result.output.strip() == block.group(2).strip()
