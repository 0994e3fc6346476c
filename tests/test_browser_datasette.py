"""End to end: build the real corpus, start `lvterm serve`, drive Debian's headless Chromium."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(root, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent (CI installs Debian's chromium in .ci/run)")
    corpus, termbase = root / "corpus" / "posts", root / "termbase"
    if len(list(corpus.glob("*.md"))) < 2:  # a checkout without the corpus: the test fixtures say the same
        corpus, termbase = root / "tests" / "fixtures" / "db" / "posts", root / "tests" / "fixtures" / "db" / "termbase"
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "lvterm.db"
    lvterm = [str(Path(sys.executable).with_name("lvterm"))]
    subprocess.run(lvterm + ["build", "--corpus", str(corpus), "--termbase", str(termbase),
                             "--db", str(db)], check=True, cwd=root, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen(lvterm + ["serve", "--db", str(db), "--port", str(port)], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("server did not start: " + proc.stderr.read().decode(errors="replace")[-500:])
            time.sleep(0.2)
    yield base
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def _shots(root) -> Path:
    out = root / "build"
    out.mkdir(exist_ok=True)
    return out


def test_browser_term_lookup_tiklosana_shows_networking(server, page, root):
    page.goto(server + "/lvterm/term_lookup")
    page.fill("input[name=q]", "tiklosana")
    page.click("input[type=submit]")
    page.wait_for_selector("table.rows-and-columns")
    cells = page.locator("table.rows-and-columns td").all_inner_texts()
    assert "networking" in cells
    assert any("tīklošana" == c.strip() for c in cells)
    assert page.locator("td mark").count() >= 2  # the term highlighted in the example pair
    page.screenshot(path=str(_shots(root) / "browser-term-lookup.png"), full_page=True)
    # a term links to its concordance
    page.click("a[title=concordance] >> text=networking")
    page.wait_for_selector("table.rows-and-columns")
    assert "concordance" in page.url and page.locator("td mark").count() >= 1


def test_browser_term_lookup_every_column_in_view(server, page):
    """At 1280 px the headers wrap so that every column is in view (the last, Entry, was cut off
    behind a horizontal scroll bar for an entry with synonyms and notes)."""
    page.goto(server + "/lvterm/term_lookup?q=biedra+naudu")
    page.wait_for_selector("table.rows-and-columns")
    widths = page.evaluate("() => { const w = document.querySelector('.table-wrapper');"
                           " return [w.scrollWidth, w.clientWidth]; }")
    assert widths[0] <= widths[1], widths


def test_browser_concordance_biedra_naudu_highlights_both_sides(server, page, root):
    page.goto(server + "/lvterm/concordance?q=biedra+naudu")
    page.wait_for_selector("table.rows-and-columns")
    lv = page.locator("td.col-lv mark").all_inner_texts()
    en = page.locator("td.col-en mark").all_inner_texts()
    assert {"biedra", "nauda", "naudu"} <= {t.lower() for t in lv}
    assert {"membership", "fee"} <= {t.lower() for t in en}
    color = page.eval_on_selector("td.col-lv mark", "m => getComputedStyle(m).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(_shots(root) / "browser-concordance.png"), full_page=True)


def test_browser_hostile_search_is_a_page_not_an_error(server, page):
    response = page.goto(server + '/lvterm/concordance?q=%22biedra+(naudu*+NEAR(')
    assert response.status == 200
    response = page.goto(server + '/lvterm/segments?_search=%22%22%22(')
    assert response.status == 200


# --- the four journeys of a first-time visitor (issue 13) ----------------------------------------------


def _entry_heads(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator("article.lvterm-entry h3").all_inner_texts()]


def test_browser_journey_translator_biedra_naudai(server, page, root):
    """A translator types an inflected form the corpus never has into the home page's one search
    box and gets the entry, with a Latvian example sentence, without knowing what SQL is."""
    page.goto(server + "/")
    box = page.get_by_label("Latvian or English term")
    box.fill("biedra naudai")
    box.press("Enter")
    page.wait_for_selector("article.lvterm-entry")
    assert _entry_heads(page)[0] == "biedra nauda → membership fee"
    first = page.locator("article.lvterm-entry").first
    assert "membership dues" in first.inner_text()  # the synonyms, on the results page
    example_lv = first.locator(".lvterm-example [lang=lv]")
    assert example_lv.locator("mark").count() >= 1 and "biedra" in example_lv.inner_text().lower()
    assert page.locator("td.col-lv mark").count() >= 3 and page.locator("td.col-en mark").count() >= 3
    page.screenshot(path=str(_shots(root) / "browser-home-biedra-naudai.png"), full_page=True)
    first.get_by_role("link", name="Open the entry").click()
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == "biedra nauda – membership fee"
    page.screenshot(path=str(_shots(root) / "browser-entry-membership-fee.png"), full_page=True)


def test_browser_journey_translator_networks(server, page, root):
    page.goto(server + "/")
    page.get_by_label("Latvian or English term").fill("networks")
    page.get_by_role("button", name="Search").click()
    page.wait_for_selector("article.lvterm-entry")
    heads = _entry_heads(page)
    assert heads[0] == "tīkls → network" and "sociālais tīkls → social network" in heads
    page.screenshot(path=str(_shots(root) / "browser-home-networks.png"), full_page=True)


def test_browser_journey_researcher_bitext_by_year_as_csv(server, page, root):
    import csv
    import io

    page.goto(server + "/")
    page.get_by_role("link", name="Bitext", exact=True).click()
    page.wait_for_selector("table.rows-and-columns")
    year = page.locator("#facet-year li a").first
    chosen = year.inner_text()
    year.click()
    page.wait_for_url(f"**year={chosen}**")
    page.screenshot(path=str(_shots(root) / "browser-bitext-year.png"), full_page=True)
    with page.expect_download() as info:
        page.locator("a.lvterm-csv").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert rows and {r["year"] for r in rows} == {chosen}
    assert all(r["lv_text"] or r["en_text"] for r in rows) and {"lv_text", "en_text", "title"} <= set(rows[0])


def test_browser_journey_localiser_downloads_the_glossary(server, page, root, tmp_path):
    import shutil

    page.goto(server + "/")
    with page.expect_download() as info:
        page.locator("section.lvterm-downloads a", has_text="glossary.po").click()
    glossary = tmp_path / "glossary.po"
    info.value.save_as(str(glossary))
    text = glossary.read_text(encoding="utf-8")
    assert 'msgid "membership fee"' in text and 'msgstr "biedra nauda"' in text and "Language: lv" in text
    page.locator("section.lvterm-downloads").screenshot(path=str(_shots(root) / "browser-downloads.png"))
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (gettext) is not installed")
    run = subprocess.run(["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "glossary.mo"), str(glossary)],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "warning" not in run.stderr, run.stderr
