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


def test_cli_environment_errors_are_one_line(library_db, tmp_path, monkeypatch):
    """An OSError from the system (here: an output folder that refuses new files) is one line on
    stderr and exit code 2 in every command, never a traceback."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    for args in (["export", "tbx", "-o", str(tmp_path / "t.tbx")], ["export", "tmx", "-o", str(tmp_path / "t.tmx")],
                 ["export", "tsv", "-o", str(tmp_path / "t.tsv")]):
        result = CliRunner().invoke(cli, [*args, "--db", str(library_db)])
        assert result.exit_code == 2, (args, result.output)
        lines = result.output.strip().splitlines()
        assert lines == [f"lvterm: {tmp_path}: Permission denied"], args
