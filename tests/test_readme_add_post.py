"""The README's walkthrough "Add a post and its translation" runs verbatim on the repository's files.

Its console block's commands (`$ ` lines) run one by one in `bash -c`, with `.venv/bin` on PATH, in a
copy of the repository's corpus, termbase and test fixtures (the walkthrough's input files are
tests/fixtures/walkthrough/); then both new post files must declare each other and the build must
have built them as a pair, with no post left unpaired.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from lvterm.formats import post as post_format

pytestmark = pytest.mark.slow

HEADING = "Add a post and its translation"


def walkthrough_commands(readme: str) -> list[str]:
    """The `$ ` commands of the console block under the walkthrough's heading."""
    section = re.search(rf"^#+ {re.escape(HEADING)}\n(.*?)(?=^#+ )", readme, re.S | re.M)
    assert section, f"the README has no section {HEADING!r}"
    block = re.search(r"^```console\n(.*?)^```", section.group(1), re.S | re.M)
    assert block, "the walkthrough has no console block"
    return [line[2:] for line in block.group(1).splitlines() if line.startswith("$ ")]


def test_readme_add_post_walkthrough_runs_verbatim(root, tmp_path):
    venv_bin = Path(sys.executable).parent
    if not (venv_bin / "lvterm").exists():
        pytest.skip("lvterm is not installed beside this Python (run make install)")
    work = tmp_path / "lvterm"
    for name in ("corpus", "termbase", "tests/fixtures"):
        shutil.copytree(root / name, work / name)
    before = {p.name for p in (work / "corpus" / "posts").glob("*.md")}
    env = {**os.environ, "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}"}
    commands = walkthrough_commands((root / "README.md").read_text(encoding="utf-8"))
    assert any(c.startswith("lvterm ingest") for c in commands) and any(c.startswith("lvterm build") for c in commands)
    outputs = []
    for command in commands:
        run = subprocess.run(["bash", "-c", command], cwd=work, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=300)
        assert run.returncode == 0 and "Traceback" not in run.stdout, f"{command}\n{run.stdout}"
        outputs.append(run.stdout)

    added = sorted(p for p in (work / "corpus" / "posts").glob("*.md") if p.name not in before)
    assert len(added) == 2, added
    lv, en = sorted((post_format.load(p) for p in added), key=lambda p: p.lang != "lv")
    assert (lv.lang, en.lang) == ("lv", "en")
    assert dict(lv.translations) == {"en": en.slug} and dict(en.translations) == {"lv": lv.slug}
    summary = outputs[commands.index(next(c for c in commands if c.startswith("lvterm build")))]
    assert re.search(r"\b(\d+) pairs, 0 unpaired posts\b", summary), summary
    assert "built without a pair" not in summary
    conn = sqlite3.connect(work / "build" / "lvterm.db")
    beads = conn.execute("select count(*) from beads where lv_post = ? and en_post = ?", (lv.id, en.id)).fetchone()[0]
    conn.close()
    assert beads >= 3  # three paragraphs a side, aligned
