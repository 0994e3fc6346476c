"""`lvterm ingest` says what became of each post file: `wrote` a new one, `updated` one that was
there (the same post, by its identity), and `unchanged` one that already holds the very bytes it
would be written as, which is not written at all (its time stamp stays)."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.ingest.pipeline import NEW, UNCHANGED, UPDATED, run

LV = "gramatu-mainas-plaukts"
EN = "the-book-swap-shelf"
PAST = (1_000_000_000, 1_000_000_000)  # a time stamp no write leaves


def ingest(*args):
    return CliRunner().invoke(cli, ["ingest", *map(str, args)])


@pytest.fixture
def inputs(fixtures, tmp_path):
    """The walkthrough's Latvian page and English Markdown post, copied (so they can be edited)."""
    for name in ("gramatu-maina.html", "book-swap.md"):
        shutil.copy(fixtures / "walkthrough" / name, tmp_path / name)
    out = tmp_path / "posts"
    out.mkdir()
    return tmp_path / "gramatu-maina.html", tmp_path / "book-swap.md", out


def _aged(path):
    os.utime(path, ns=(PAST[0] * 10**9, PAST[1] * 10**9))
    return path.read_bytes()


def test_ingest_says_wrote_then_unchanged_and_leaves_the_file_alone(inputs):
    page, _, out = inputs
    first = ingest(page, "--out", out)
    assert first.exit_code == 0 and first.stdout == f"wrote {out / (LV + '.lv.md')}\n", first.output
    before = _aged(out / f"{LV}.lv.md")
    again = ingest(page, "--out", out)
    assert again.exit_code == 0 and again.stderr == "", again.output
    assert again.stdout == f"unchanged {out / (LV + '.lv.md')}\n"
    assert (out / f"{LV}.lv.md").read_bytes() == before
    assert (out / f"{LV}.lv.md").stat().st_mtime_ns == PAST[1] * 10**9  # not written again
    assert sorted(p.name for p in out.iterdir()) == [f"{LV}.lv.md"]  # no temp file either


def test_ingest_says_updated_for_an_edited_post(inputs):
    page, _, out = inputs
    assert ingest(page, "--out", out).exit_code == 0
    page.write_text(page.read_text(encoding="utf-8").replace("darbojas", "ir atvērts"), encoding="utf-8")
    result = ingest(page, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"updated {out / (LV + '.lv.md')}\n", result.output
    assert "ir atvērts" in (out / f"{LV}.lv.md").read_text(encoding="utf-8")


def test_ingest_one_line_for_new_updated_and_unchanged_files(inputs):
    """The walkthrough's second step: the English post is new, the Latvian file gets the
    declaration (updated). Then both again with an edited English text: that file is updated, the
    Latvian one is unchanged."""
    page, md, out = inputs
    assert ingest(page, "--out", out).exit_code == 0
    second = ingest(md, "--out", out, "--translation", f"lv:{LV}")
    assert second.exit_code == 0, second.output
    assert second.stdout == f"wrote {out / (EN + '.en.md')}; updated {out / (LV + '.lv.md')}\n"
    md.write_text(md.read_text(encoding="utf-8").replace("lobby", "entrance hall"), encoding="utf-8")
    third = ingest(page, md, "--out", out)
    assert third.exit_code == 0, third.output
    assert third.stdout == f"updated {out / (EN + '.en.md')}; unchanged {out / (LV + '.lv.md')}\n"


def test_ingest_run_reports_each_file_with_what_became_of_it(inputs):
    """The Python API: `run(on_file=...)` gets each post file with NEW, UPDATED or UNCHANGED."""
    page, md, out = inputs
    seen = []
    for args, declared in (([page], []), ([md], [f"lv:{LV}"]), ([page, md], [])):
        seen.append([])
        assert run(args, out=out, translations=declared, on_error=pytest.fail,
                   on_file=lambda path, what: seen[-1].append((path.name, what))) == 0
    lv, en = f"{LV}.lv.md", f"{EN}.en.md"
    assert seen == [[(lv, NEW)], [(en, NEW), (lv, UPDATED)], [(lv, UNCHANGED), (en, UNCHANGED)]]
