from click.testing import CliRunner

from lvterm.cli import cli


def test_cli_every_command_is_documented(root):
    """Like sqlite-utils: every command appears in the README."""
    readme = (root / "README.md").read_text(encoding="utf-8")
    missing = []

    def walk(group, prefix):
        for name, cmd in group.commands.items():
            full = f"{prefix} {name}".strip()
            if hasattr(cmd, "commands"):
                walk(cmd, full)
            elif f"lvterm {full}" not in readme:
                missing.append(full)

    walk(cli, "")
    assert not missing, f"commands missing from README: {missing}"


def test_cli_help_runs():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Latvian" in result.output
