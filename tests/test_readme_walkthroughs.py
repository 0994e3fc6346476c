"""Every command in the README's console blocks runs as written, in order, on a copy of the
repository, with `.venv/bin` on PATH (an activated `.venv`), and prints what the README shows.

A console block is a ```console fence: lines starting with `$ ` are commands (run by bash from the
copy's top folder), the lines after one are what it prints (stdout and stderr together), each
matched in order against the output, `…` standing for any text. A command exits 0; `check-po`
may exit 1, the code it gives when it reports problems. A command whose program is not installed
(msgfmt without gettext) is skipped, as the README's readers would have to install it.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

#: What the README's commands read, copied from the repository (build/ is made by `lvterm build`).
COPIED = ("corpus", "termbase", "locale", "tests/fixtures", "metadata.yml")


@dataclass
class Command:
    line: int
    text: str
    shown: list[str] = field(default_factory=list)


def console_commands(readme: str) -> list[Command]:
    """The `$ ` commands of every ```console block, with the output lines shown after each."""
    commands: list[Command] = []
    for block in re.finditer(r"^```console\n(.*?)^```", readme, re.S | re.M):
        first_line = readme[:block.start()].count("\n") + 2
        for offset, text in enumerate(block.group(1).splitlines()):
            if text.startswith("$ "):
                commands.append(Command(first_line + offset, text[2:]))
            elif commands and text.strip():
                commands[-1].shown.append(text)
    return commands


def shown_pattern(line: str) -> re.Pattern:
    """A shown output line as a pattern: literal text, `…` for any text."""
    return re.compile(".*".join(re.escape(part) for part in line.split("…")))


def missing_lines(shown: list[str], output: str) -> list[str]:
    """The shown lines not found, in order, among the output's lines."""
    lines = output.splitlines()
    at, missing = 0, []
    for want in shown:
        pattern = shown_pattern(want)
        for i in range(at, len(lines)):
            if pattern.fullmatch(lines[i]):
                at = i + 1
                break
        else:
            missing.append(want)
    return missing


def test_readme_console_blocks_parse_as_commands(root):
    commands = console_commands((root / "README.md").read_text(encoding="utf-8"))
    texts = [c.text for c in commands]
    assert any(t.startswith("lvterm lookup") for t in texts)
    assert any("lvterm po" in t for t in texts) and any("lvterm segment" in t for t in texts)
    assert shown_pattern("wrote … concepts").fullmatch("wrote build/x.tbx: 36 concepts")
    assert missing_lines(["a", "c…"], "a\nb\ncd\n") == [] and missing_lines(["c", "a"], "a\nc") == ["a"]


def test_readme_walkthrough_commands_run_as_written(root, tmp_path):
    venv_bin = Path(sys.executable).parent
    if not (venv_bin / "lvterm").exists():
        pytest.skip("lvterm is not installed beside this Python (run make install)")
    work = tmp_path / "lvterm"
    work.mkdir()
    for name in COPIED:
        source = root / name
        if source.is_dir():
            shutil.copytree(source, work / name)
        elif source.is_file():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, work / name)
    (work / ".venv").symlink_to(venv_bin.parent, target_is_directory=True)
    env = {**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
           "VIRTUAL_ENV": str(venv_bin.parent), "COLUMNS": "100"}
    env.pop("SOURCE_DATE_EPOCH", None)
    commands = console_commands((root / "README.md").read_text(encoding="utf-8"))
    assert len(commands) >= 20
    ran = 0
    for command in commands:
        # a bare `cd` would leave the reader's shell in another folder, where the next commands
        # fail; each command runs in a fresh shell here, so only this catches it: `(cd … && …)`
        assert not command.text.startswith("cd "), f"README.md:{command.line}: write (cd … && …)"
        bare = command.text.lstrip("(")
        program = bare.split()[0] if not bare.startswith("cd ") else "lvterm"
        if program not in ("source", "lvterm") and shutil.which(program, path=env["PATH"]) is None:
            continue
        run = subprocess.run(["bash", "-c", command.text], cwd=work, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=300)
        where = f"README.md:{command.line}: {command.text}\n{run.stdout[-2000:]}"
        allowed = (0, 1) if "lvterm check-po" in command.text else (0,)
        assert run.returncode in allowed, where
        assert "Traceback" not in run.stdout, where
        assert not missing_lines(command.shown, run.stdout), (missing_lines(command.shown, run.stdout), where)
        ran += 1
    assert ran >= len(commands) - 1  # at most msgfmt may be missing
    assert (work / "build" / "lvterm.db").is_file() and (work / "build" / "bitext-2011.csv").stat().st_size > 0
