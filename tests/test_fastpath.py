"""`lvterm align SRC TGT --src-lang L --tgt-lang L` on a small pair, answered without click
(`lvterm.fastpath`): the same stdout, stderr and exit code as the click command in every case
(run here as `cli.main`), the other cases left to click, and what it spares importing."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lvterm.fastpath import _parse, run

LVTERM = str(Path(sys.executable).with_name("lvterm"))
CLICK = ("import sys, lvterm.fastpath; from lvterm.__main__ import main; "
         "sys.modules['lvterm.fastpath'].run = lambda argv: None; main()")


def _both(args: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess]:
    """The command as `lvterm` runs it, and as the click command alone runs it."""
    fast = subprocess.run([LVTERM, *args], cwd=cwd, capture_output=True, text=True)
    slow = subprocess.run([sys.executable, "-c", CLICK, *args], cwd=cwd, capture_output=True, text=True)
    return fast, slow


def _assert_same(fast, slow):
    assert (fast.returncode, fast.stdout, fast.stderr) == (slow.returncode, slow.stdout, slow.stderr)


@pytest.fixture
def files(fixtures, tmp_path):
    align = fixtures / "align"
    for name in ("seed.lv", "seed.en", "library.lv", "library.en"):
        (tmp_path / name).write_bytes((align / name).read_bytes())
    (tmp_path / "long.lv").write_text("".join(f"Teikums numur {k}.\n" for k in range(45)), encoding="utf-8")
    (tmp_path / "long.en").write_text("".join(f"Sentence number {k}.\n" for k in range(45)), encoding="utf-8")
    (tmp_path / "bad.lv").write_bytes(b"Labs teikums.\n\x00 bad\n")
    (tmp_path / "one.en").write_text("One sentence.\n", encoding="utf-8")
    (tmp_path / "ādaž.lv").write_bytes((align / "seed.en").read_bytes())
    return tmp_path


@pytest.mark.parametrize("args", [
    ["align", "seed.lv", "seed.en", "--src-lang", "lv", "--tgt-lang", "en"],
    ["align", "--src-lang=LV", "library.lv", "--tgt-lang", "en", "library.en"],  # paragraphs, a code in capitals
    ["align", "seed.lv", "long.en", "--src-lang", "lv", "--tgt-lang", "en"],  # 21 against 45 lines
    ["align", "seed.en", "seed.lv", "--src-lang", "lv", "--tgt-lang", "en"],  # swapped: the warning
    ["align", "seed.lv", "library.en", "--src-lang", "lv", "--tgt-lang", "lv"],  # one reads as English
])
def test_fastpath_answers_as_the_click_command(files, args, monkeypatch, capsys):
    fast, slow = _both(args, files)
    _assert_same(fast, slow)
    assert fast.returncode == 0 and fast.stdout.count("\n") >= 10
    monkeypatch.chdir(files)
    assert run(args) == 0  # (answered here, not by click)
    assert capsys.readouterr().out == fast.stdout


@pytest.mark.parametrize("args, message", [
    (["align", "seed.lv", "seed.en", "--src-lang", "latvian", "--tgt-lang", "en"], "Invalid value for '--src-lang'"),
    (["align", "missing.lv", "seed.en", "--src-lang", "lv", "--tgt-lang", "en"], "missing.lv"),
    (["align", "bad.lv", "seed.en", "--src-lang", "lv", "--tgt-lang", "en"], "bad.lv"),
    (["align", ".", "seed.en", "--src-lang", "lv", "--tgt-lang", "en"], "lvterm"),
    (["align", "long.lv", "long.en", "--src-lang", "lv", "--tgt-lang", "en"], ""),  # not small: click aligns it
    (["align", "long.lv", "one.en", "--src-lang", "lv", "--tgt-lang", "en"], ""),  # searched by columns
    (["align", "ādaž.lv", "seed.en", "--src-lang", "lv", "--tgt-lang", "en"], "ādaž.lv: warning"),  # named in a warning
    (["align", "seed.lv", "seed.en", "--src-lang", "lv", "--tgt-lang", "en", "--scorer", "lexical"], ""),
])
def test_fastpath_leaves_the_rest_to_click(files, args, message):
    fast, slow = _both(args, files)
    _assert_same(fast, slow)
    assert message in fast.stderr


def test_fastpath_parse():
    files = ("a.lv", "b.en")
    langs = {"--src-lang": "lv", "--tgt-lang": "en"}
    assert _parse(["align", "a.lv", "b.en", "--src-lang", "lv", "--tgt-lang", "en"]) == (files, langs)
    assert _parse(["align", "--tgt-lang=en", "a.lv", "--src-lang=lv", "b.en"]) == (files, langs)
    for argv in (["align", "a.lv", "b.en", "--src-lang", "lv"],  # a language missing
                 ["align", "a.lv", "b.en", "--src-lang", "lv", "--src-lang", "en"],  # one given twice
                 ["align", "a.lv", "--src-lang", "lv", "--tgt-lang", "en"],  # one file
                 ["align", "a.lv", "b.en", "--src-lang", "lv", "--tgt-lang", "-h"],
                 ["align", "a.lv", "-", "--src-lang", "lv", "--tgt-lang", "en"],
                 ["align", "a.lv", "", "--src-lang", "lv", "--tgt-lang", "en"],
                 ["align", "a.lv", "b.en", "--src-lang", "lv", "--tgt-lang"],
                 ["align", "a.lv", "b.en", "--src-lang", "lv", "--tgt-lang", "en", "--help"],
                 ["--verbose", "align", "a.lv", "b.en", "--src-lang", "lv", "--tgt-lang", "en"],
                 ["segment", "a.lv", "b.en", "--src-lang", "lv", "--tgt-lang", "en"], []):
        assert _parse(argv) is None, argv


def test_fastpath_spares_click_numpy_and_rapidfuzz(files):
    code = ("import sys; from lvterm.fastpath import run; "
            "assert run(['align', 'seed.lv', 'seed.en', '--src-lang', 'lv', '--tgt-lang', 'en']) == 0; "
            "heavy = [m for m in ('click', 'numpy', 'rapidfuzz', 'dataclasses', 'typing', 'logging') "
            "if m in sys.modules]; print(heavy, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], cwd=files, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == 0 and done.stderr.strip() == "[]", done.stderr
    assert done.stdout.startswith("[0]:[0]:")


@pytest.mark.parametrize("shell", [
    "{cmd} | true",  # the reader gone at once: quiet, as click's
    "{cmd} | head -1",
    "{cmd} >&-",  # stdout closed: click's one line
    "{cmd} > /dev/full",  # a full disk: click's one line, exit code 2
    "{swapped} 2>&-",  # stderr closed: the warning goes nowhere, not into the data
])
@pytest.mark.parametrize("unbuffered", ["1", ""])
def test_fastpath_closed_and_full_outputs(files, shell, unbuffered):
    args = "align seed.lv seed.en --src-lang lv --tgt-lang en"
    swapped = "align seed.en seed.lv --src-lang lv --tgt-lang en"
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    done = []
    for prefix in (LVTERM, f'{sys.executable} -c "{CLICK}"'):
        line = shell.format(cmd=f"{prefix} {args}", swapped=f"{prefix} {swapped}")
        done.append(subprocess.run(["bash", "-c", f"{line}; echo \"rc=${{PIPESTATUS[0]}}\" >&2"], cwd=files,
                                   capture_output=True, text=True, env=env))
    _assert_same(*done)
    fast = done[0]
    assert "Traceback" not in fast.stderr and "warning" not in fast.stdout
    if "full" in shell:
        assert "No space left on device" in fast.stderr and "rc=2" in fast.stderr
