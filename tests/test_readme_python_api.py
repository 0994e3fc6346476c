"""The README's "Python API" example runs as written, on a copy of the repository's corpus."""
from __future__ import annotations

import contextlib
import io
import re
import shutil


def test_readme_python_api_example_runs(root, tmp_path, monkeypatch):
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    for folder in ("corpus", "termbase"):
        shutil.copytree(root / folder, tmp_path / folder)
    (tmp_path / "build").mkdir()
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md (Python API)", "exec"), {})
    lines = out.getvalue().splitlines()
    assert "biedra nauda -> membership fee (preferred)" in lines
    assert lines[-2:] == [l for l in lines[-2:] if re.fullmatch(r"\(\d,\) \(\d,\) [01]\.\d+", l)]
    assert lines[-2].startswith("(0,) (0,)") and lines[-1].startswith("(1,) (1,)")
    assert (tmp_path / "build" / "lvterm.tmx").stat().st_size > 0
    assert (tmp_path / "build" / "locale" / "lv" / "LC_MESSAGES" / "glossary.po").is_file()
