"""Usage errors are one line on stderr with exit code 2, like every other problem."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from lvterm.cli import cli


@pytest.mark.parametrize("args, needle", [
    (["align", "a", "b", "--src-lang", "latvian", "--tgt-lang", "en"], "'latvian' is not an ISO 639-1 code"),
    (["align", "a", "b", "--src-lang", "xx", "--tgt-lang", "en"], "'xx' is not an ISO 639-1 code"),
    (["align", "a", "b", "--tgt-lang", "en"], "Missing option '--src-lang'"),
    (["lookup"], "Missing argument 'QUERY'"),
    (["no-such-command"], "No such command 'no-such-command'"),
    (["pair", ".", "--threshold", "2"], "Invalid value for '--threshold'"),
])
def test_cli_usage_error_is_one_line(args, needle):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("lvterm: ") and needle in lines[0], result.stderr
    assert "--help`" in lines[0] and result.stdout == ""


def test_cli_language_codes_any_case():
    from lvterm.cli import _lang_code

    assert _lang_code(None, None, "LV") == "lv" and _lang_code(None, None, "de") == "de"


def test_cli_help_and_version_still_exit_0():
    assert CliRunner().invoke(cli, ["--help"]).exit_code == 0
    assert CliRunner().invoke(cli, ["--version"]).exit_code == 0
    assert CliRunner().invoke(cli, ["align", "--help"]).exit_code == 0
