"""`lvterm ingest` says what became of each post file: `wrote` a new one, `updated` one that was
there (the same post, by its identity), and `unchanged` one that already holds the very bytes it
would be written as, which is not written at all (its time stamp stays)."""
from __future__ import annotations

import io
import os
import shutil

import pytest
from click.testing import CliRunner

from lvterm.cli import cli
from lvterm.formats import post as post_format
from lvterm.ingest.pipeline import NEW, UNCHANGED, UPDATED, plan, run, write_posts

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


# Writing a run's post files (`write_posts`) reads each post file already there once and makes the
# text written over it once: the text that decides UPDATED or UNCHANGED is the one written.

@pytest.fixture
def counted(monkeypatch):
    """Counts of the opens of each file (`os.open` and `io.open`, which every read goes through)
    and of the post file renders and parses (`formats.post.dumps`, `loads`) by post id."""
    opens: dict[str, int] = {}
    renders: dict[str, int] = {}
    parses: list[str] = []

    def opening(real):
        def wrapper(path, *args, **kwargs):
            if isinstance(path, (str, os.PathLike)):
                key = os.path.realpath(path)
                opens[key] = opens.get(key, 0) + 1
            return real(path, *args, **kwargs)
        return wrapper

    real_dumps, real_loads = post_format.dumps, post_format.loads

    def dumps(post, **kwargs):
        renders[post.id] = renders.get(post.id, 0) + 1
        return real_dumps(post, **kwargs)

    def loads(text, **kwargs):
        parses.append(text)
        return real_loads(text, **kwargs)

    def start():
        monkeypatch.setattr(os, "open", opening(os.open))
        monkeypatch.setattr(io, "open", opening(io.open))
        monkeypatch.setattr(post_format, "dumps", dumps)
        monkeypatch.setattr(post_format, "loads", loads)
        return lambda file: opens.get(os.path.realpath(file), 0), renders, parses

    return start


def _write(paths, out, *, translations=()):
    done = plan(paths, out=out, translations=translations)
    assert done.errors == []
    return done


def test_an_edited_post_file_is_read_and_rendered_once(inputs, counted):
    page, _, out = inputs
    file = out / f"{LV}.lv.md"
    assert write_posts(_write([page], out).posts, out=out) == [(file, NEW)]
    page.write_text(page.read_text(encoding="utf-8").replace("darbojas", "ir atvērts"), encoding="utf-8")
    done = _write([page], out)
    expected = post_format.dumps_ingested(done.posts[0])[0]
    opens, renders, _ = counted()
    assert write_posts(done.posts, out=out) == [(file, UPDATED)]
    assert opens(file) == 1  # before: read three times (to compare, then again to write)
    assert renders == {f"{LV}.lv": 1}  # before: rendered twice
    assert file.read_text(encoding="utf-8") == expected and "ir atvērts" in expected


def test_a_declared_translation_is_edited_into_its_file_once(inputs, counted):
    """The walkthrough's second step: the Latvian file gets the English post's declaration, its text
    kept but for it (`formats.post.rewritten`): made, and checked by reading it back, once."""
    page, md, out = inputs
    assert write_posts(_write([page], out).posts, out=out) == [(out / f"{LV}.lv.md", NEW)]
    lv, en = out / f"{LV}.lv.md", out / f"{EN}.en.md"
    before = lv.read_text(encoding="utf-8")
    done = _write([md], out, translations=[f"lv:{LV}"])
    assert [p.id for p, _ in done.updates] == [f"{LV}.lv"]
    opens, renders, parses = counted()
    assert write_posts(done.posts, out=out, updates=done.updates) == [(en, NEW), (lv, UPDATED)]
    assert opens(lv) == 1 and opens(en) == 1  # en: looked for, then its temp file renamed to it
    assert renders == {f"{EN}.en": 1}  # the Latvian file is edited, not rendered
    assert len(parses) == 1  # the edit read back once (before: twice)
    text = lv.read_text(encoding="utf-8")
    assert text == before.replace("\n---\n", f"\ntranslations:\n  en: {EN}\n---\n", 1)


def test_an_unchanged_post_file_is_read_once_and_not_written(inputs, counted):
    page, _, out = inputs
    file = out / f"{LV}.lv.md"
    write_posts(_write([page], out).posts, out=out)
    done = _write([page], out)
    stat = file.stat()
    opens, renders, _ = counted()
    assert write_posts(done.posts, out=out) == [(file, UNCHANGED)]
    assert opens(file) == 1 and renders == {}
    assert file.stat().st_mtime_ns == stat.st_mtime_ns and file.stat().st_ino == stat.st_ino


def test_write_files_leaves_no_temp_file_when_a_post_cannot_be_written(tmp_path):
    # an error that is not an OSError while the files are staged (here a post whose dump fails)
    # leaves every file as it was and no temp file beside them
    from lvterm.formats import post as post_format

    class Boom(Exception):
        pass

    first = tmp_path / "a.lv.md"
    first.write_text("old\n", encoding="utf-8")

    def items():
        yield None, first, "new text\n"
        raise Boom

    with pytest.raises(Boom):
        post_format.write_files(items())
    assert first.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.lv.md"]
