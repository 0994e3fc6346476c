"""The published library never answers with a 500: unknown deep URLs are 404s, server errors are
logged with their traceback, and the entry and bead pages ignore a `db` that is not the library."""
from __future__ import annotations

import asyncio

import pytest

from fixtures.datasette.client import datasette_for


@pytest.fixture(scope="module")
def ds(library_db):
    return datasette_for(library_db)


@pytest.mark.parametrize("path", ["/-/lvterm/bead/abc", "/-/lvterm/bead/99999999999999999999999",
                                  "/-/lvterm/bead/9223372036854775808", "/-/lvterm/entry/a/b", "/a/b/c/d",
                                  "/lvterm/segments/1/x", "/lvterm/term_lookup/x/y"])
def test_datasette_unknown_deep_urls_are_404_not_500(ds, path):
    # Datasette 0.65 prints errors with rich outside an except block, which raised and turned
    # every 404 of an unrouted URL into a 500.
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 404, response.text


def test_datasette_server_errors_are_logged_with_their_traceback(ds, caplog):
    from lvterm.datasette_plugin import handle_exception

    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        error = exc

    class _Request:
        path = "/lvterm/x"

    with caplog.at_level("ERROR", logger="lvterm.datasette"):
        assert handle_exception(ds, _Request(), error) is None
        from datasette.utils.asgi import NotFound
        handle_exception(ds, _Request(), NotFound("missing"))
    assert [r.getMessage() for r in caplog.records] == ["/lvterm/x: boom"]
    assert caplog.records[0].exc_info[1] is error


@pytest.mark.parametrize("path", ["/-/lvterm/bead/1?db=_internal", "/-/lvterm/entry/membership-fee?db=_internal",
                                  "/-/lvterm/entry/membership-fee?db=nonexistent"])
def test_datasette_entry_and_bead_pages_ignore_a_db_that_is_not_the_library(ds, path):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, response.text
